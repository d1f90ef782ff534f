from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    name = "heldigital.apps.publication"
    label = "publication"
    verbose_name = _("Sending notices to TED and Doffin")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from heldigital.apps.publication import services
        from heldigital.apps.tendering.models import Notice

        post_save.connect(services.on_notice_saved, sender=Notice, dispatch_uid="publication")
