"""Entry point of the ``heldigital`` console script.

The commands are a Typer application (:mod:`heldigital.cli.app`, also reachable as
``heldigital.cli.main.app``). Loading Typer, Rich and every command costs more than
validating a document, so ``heldigital validate FILE...`` with plain arguments is answered
without them (:func:`heldigital.cli.validate_core.quick`); anything that parser does not fully
understand (``--help``, a usage error) goes to the Typer application, which words it.
"""

from __future__ import annotations

import sys
from typing import Any


def run() -> None:
    """Console-script entry point."""
    argv = sys.argv[1:]
    if argv[:1] == ["validate"]:
        from heldigital.cli.validate_core import quick

        code = quick(argv[1:])
        if code is not None:
            sys.exit(code)
    from heldigital.cli.app import app

    app()


def __getattr__(name: str) -> Any:
    if name == "app":
        from heldigital.cli.app import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if __name__ == "__main__":
    run()
