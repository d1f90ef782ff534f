"""Django's ``flush``, able to empty the append-only protocol tables.

``flush`` (used by Django's ``TransactionTestCase`` and pytest-django's
``transactional_db`` between tests, and by developers resetting a database)
empties every table. On SQLite it does so with ``DELETE``, which the
append-only guards (:mod:`heldigital.apps.protocol.guards`) refuse. This
command removes the guards, flushes, and installs them again - whether the
flush succeeded or not. Wiping a whole database is an administrator's act;
it is not a way to change single protocol records.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush
from django.db import connections

from heldigital.apps.protocol import guards


class Command(flush.Command):
    help = flush.Command.help + " Removes and re-installs the protocol's append-only guards."

    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        if not guards.installed(connection):
            super().handle(**options)
            return
        guards.remove(connection)
        try:
            super().handle(**options)
        finally:
            guards.install(connection)
