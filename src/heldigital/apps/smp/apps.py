from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SmpConfig(AppConfig):
    name = "heldigital.apps.smp"
    label = "smp"
    verbose_name = _("Address register (SMP)")
