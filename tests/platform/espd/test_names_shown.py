"""Criterion names follow the session's language wherever the platform shows them:
the buyer's requirement form and the evaluation overview (``espd_name`` filter)."""

from __future__ import annotations

from django.template import Context, Template
from django.utils import translation

from heldigital.apps.tendering.forms import RequirementForm


def _labels(form: RequirementForm) -> dict[str, str]:
    return {
        code: label
        for _group, options in form.fields["criterion_code"].choices
        for code, label in options
    }


def test_the_requirement_form_names_criteria_in_the_session_language():
    with translation.override("nb"):
        norwegian = _labels(RequirementForm())
    with translation.override("en"):
        english = _labels(RequirementForm())
    assert norwegian["crime-org"] == "Deltakelse i en kriminell organisasjon (crime-org)"
    assert english["crime-org"] == "Participation in a criminal organisation (crime-org)"
    assert norwegian["gen-year-to"] == "Samlet årlig omsetning (gen-year-to)"


def test_the_espd_name_filter():
    template = Template("{% load espd_names %}{{ code|espd_name }}")
    with translation.override("nb"):
        assert template.render(Context({"code": "bankruptcy"})) == "Konkurs"
        assert template.render(Context({"code": "no-such"})) == "no-such"
    with translation.override("en"):
        assert template.render(Context({"code": "bankruptcy"})) == "Bankruptcy"
