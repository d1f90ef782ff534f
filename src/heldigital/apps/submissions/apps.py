from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "heldigital.apps.submissions"
    label = "submissions"
    verbose_name = _("Tenders")
    default_auto_field = "django.db.models.BigAutoField"
