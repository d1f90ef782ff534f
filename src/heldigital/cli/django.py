"""Start Django for the commands that need the platform."""

from __future__ import annotations

import os


def setup() -> None:
    """Configure and start Django (idempotent)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heldigital.platform.settings")
    import django

    django.setup()
