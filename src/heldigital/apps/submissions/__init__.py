"""Sealed tender submission and opening (issue 4, parts 4 and 5). See docs/sealing.md."""
