from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SmpConfig(AppConfig):
    name = "heldigital.apps.smp"
    label = "smp"
    verbose_name = _("Address register (SMP)")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from heldigital.apps.accounts.models import Organisation
        from heldigital.apps.smp import services

        post_save.connect(
            services.on_organisation_saved, sender=Organisation, dispatch_uid="smp-link"
        )
