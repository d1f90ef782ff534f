"""API tokens get named roles and an expiry (issue 7, authorisation by organisation).

Tokens issued before this migration keep acting with every role their user
held in the token's organisation at migration time, and expire 90 days after
they were created (the default lifetime), so none of them lives forever.
"""

from datetime import timedelta

from django.db import migrations, models


def fill(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    Membership = apps.get_model("accounts", "Membership")
    for token in ApiToken.objects.all():
        token.roles = sorted(
            Membership.objects.filter(
                user_id=token.user_id, organisation_id=token.organisation_id
            ).values_list("role", flat=True)
        )
        token.expires_at = token.created_at + timedelta(days=90)
        token.save(update_fields=["roles", "expires_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_organisations_memberships_tokens"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="roles",
            field=models.JSONField(
                default=list,
                help_text="The roles the token acts with (a subset of the user's roles here).",
                verbose_name="roles",
            ),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="expires"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="expires"),
        ),
    ]
