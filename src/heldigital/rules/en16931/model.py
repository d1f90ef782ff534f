"""EN 16931 rules: see the package docstring."""

from heldigital.rules.en16931._registry import rule  # noqa: F401
