"""Suite-wide fixtures: where the official corpus lives."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"


def corpus(*parts: str) -> Path:
    """A path in the official corpus; fails loudly (never skips) when absent."""
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.fail(
            f"official corpus missing: {path} (tests need ../shared beside the repository)",
            pytrace=False,
        )
    return path
