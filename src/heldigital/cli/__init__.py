"""The ``heldigital`` command line (Typer + Rich).

Each command group lives in its own module and is registered in
:mod:`heldigital.cli.main`. Django is imported only by the commands that
need it, so that pure commands (``validate``) start fast.
"""
