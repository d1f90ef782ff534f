"""Database triggers that refuse UPDATE and DELETE on the protocol tables.

See :mod:`heldigital.apps.protocol.guards` for what they do and do not
protect against.
"""

from django.db import migrations

from heldigital.apps.protocol import guards


def install(apps, schema_editor):
    guards.install(schema_editor.connection)


def remove(apps, schema_editor):
    guards.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("protocol", "0001_initial")]

    operations = [migrations.RunPython(install, remove, elidable=False)]
