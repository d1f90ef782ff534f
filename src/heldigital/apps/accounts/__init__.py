"""Organisations (public bodies and suppliers), users, memberships and roles."""
