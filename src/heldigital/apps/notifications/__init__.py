"""E-mail notifications: one template pair per message, HTML with a plain-text part.

See :mod:`heldigital.apps.notifications.compose` and docs/notifications.md.
"""
