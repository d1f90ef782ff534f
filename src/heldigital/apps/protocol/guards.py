"""Database triggers that refuse UPDATE and DELETE on the protocol tables.

Installed by migration ``0002_append_only_triggers`` on SQLite and
PostgreSQL. They make the append-only rule hold for code that bypasses the
ORM (raw SQL, ``QuerySet._raw_delete``, a database shell used by mistake).

They are *guards, not proof*: a database administrator can drop them
(:func:`remove`), which the tamper-detection tests do to play the attacker.
Detection of such changes is the hash chain's job.

Two sanctioned exceptions drop and re-install the guards in the same
transaction: the ``flush`` management command (tests and development
databases; :mod:`heldigital.apps.protocol.management.commands.flush`) and
migrating this app backwards.

Changing the SQL here needs a new migration that re-installs the guards.
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

TABLES = ("protocol_protocolevent", "protocol_dailyroot")
_FUNCTION = "protocol_refuse_change"


def _trigger(table: str, operation: str) -> str:
    return f"{table}_no_{operation.lower()}"


def install_sql(vendor: str) -> list[str]:
    """The statements that install the guards on a database of ``vendor``."""
    if vendor == "sqlite":
        return [
            f"CREATE TRIGGER IF NOT EXISTS {_trigger(table, op)} BEFORE {op} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, 'the procurement protocol is append-only: "
            f"{op} on {table} refused'); END"
            for table in TABLES
            for op in ("UPDATE", "DELETE")
        ]
    if vendor == "postgresql":
        statements = [
            f"CREATE OR REPLACE FUNCTION {_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION 'the procurement protocol is append-only: % on % refused', "
            "TG_OP, TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation'; END $$"
        ]
        for table in TABLES:
            statements.append(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            statements.append(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {_FUNCTION}()"
            )
        return statements
    raise NotImplementedError(f"no append-only guards for database vendor {vendor!r}")


def remove_sql(vendor: str) -> list[str]:
    """The statements that remove the guards again."""
    if vendor == "sqlite":
        return [
            f"DROP TRIGGER IF EXISTS {_trigger(table, op)}"
            for table in TABLES
            for op in ("UPDATE", "DELETE")
        ]
    if vendor == "postgresql":
        return [
            *(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}" for table in TABLES),
            f"DROP FUNCTION IF EXISTS {_FUNCTION}()",
        ]
    raise NotImplementedError(f"no append-only guards for database vendor {vendor!r}")


def install(connection: BaseDatabaseWrapper) -> None:
    """Install the guards (idempotent)."""
    with connection.cursor() as cursor:
        for statement in install_sql(connection.vendor):
            cursor.execute(statement)


def remove(connection: BaseDatabaseWrapper) -> None:
    """Remove the guards (what an administrator - or an attacker with admin rights - can do)."""
    with connection.cursor() as cursor:
        for statement in remove_sql(connection.vendor):
            cursor.execute(statement)


def installed(connection: BaseDatabaseWrapper) -> bool:
    """True when every guard is in place."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            names = {row[0] for row in cursor.fetchall()}
            return all(_trigger(t, op) in names for t in TABLES for op in ("UPDATE", "DELETE"))
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE %s",
                ["protocol_%_append_only"],
            )
            names = {row[0] for row in cursor.fetchall()}
            return all(f"{t}_append_only" in names for t in TABLES)
    return False
