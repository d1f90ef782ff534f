from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "heldigital.apps.evaluation"
    label = "evaluation"
    verbose_name = _("Qualification, evaluation and award")
