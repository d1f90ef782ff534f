from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccesspointConfig(AppConfig):
    name = "heldigital.apps.accesspoint"
    label = "accesspoint"
    verbose_name = _("Access point (Peppol AS4)")
