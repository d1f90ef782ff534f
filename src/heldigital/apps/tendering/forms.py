"""Forms of the tendering web pages. They only parse input; the services decide.

Date-time fields are entered in Norwegian time (the active time zone is
Europe/Oslo) and become aware instants, so a deadline typed across a
daylight-saving change means the wall-clock time the buyer saw.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from heldigital import espd
from heldigital.apps.inputs import INT32_MAX
from heldigital.apps.tendering.models import (
    MAX_CONTRACT_DURATION_MONTHS,
    AuthorityKind,
    AwardMethod,
    ContractKind,
    CriterionKind,
    NoticeLanguage,
    PriceFormula,
    Procedure,
)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _dt(label: str, required: bool = False) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Norwegian time"),
    )


class _Form(forms.Form):
    """Designsystemet classes and described-by links on every widget."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            widget.attrs["class"] = "ds-input"
            if isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("rows", 3)
            if field.help_text:
                widget.attrs["aria-describedby"] = f"{self.auto_id % name}-help"

    def error_summary(self) -> list[tuple[str, str]]:
        """(link target, message) of every error, in field order, for the error summary."""
        items = [
            (f"#{self[name].id_for_label}", str(error))
            for name in self.fields
            for error in self.errors.get(name, [])
        ]
        first = next(iter(self.fields), None)
        target = f"#{self[first].id_for_label}" if first else "#main"
        return [(target, str(error)) for error in self.non_field_errors()] + items

    def show_errors(self, errors: dict[str, list[str]]) -> dict[str, list[str]]:
        """Put ``errors`` (from a service) on this form's fields, marked for assistive
        technology; return those that belong to no field of the form."""
        if not hasattr(self, "cleaned_data"):  # an unbound form: errors only
            self.cleaned_data: dict[str, Any] = {}
        rest: dict[str, list[str]] = {}
        for name, messages in errors.items():
            if name not in self.fields:
                rest[name] = list(messages)
                continue
            for message in messages:
                self.add_error(name, message)
            attrs = self.fields[name].widget.attrs
            attrs["aria-invalid"] = "true"
            described = [attrs.get("aria-describedby", ""), f"{self.auto_id % name}-error"]
            attrs["aria-describedby"] = " ".join(d for d in described if d)
        return rest


class ProcurementForm(_Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    cpv_codes = forms.CharField(
        label=_("CPV codes"),
        help_text=_("Main code first, separated by commas, e.g. 90620000-9"),
    )
    estimated_value = forms.DecimalField(
        label=_("Estimated value (NOK excl. VAT)"), max_digits=15, decimal_places=2, min_value=0
    )
    contract_kind = forms.ChoiceField(label=_("Contract kind"), choices=ContractKind.choices)
    # No default: the kind decides the thresholds (state authorities have lower ones), and
    # a municipality must never inherit "state" by not looking. A new draft starts from the
    # kind of the organisation's latest procurement (views.create), otherwise blank.
    authority_kind = forms.ChoiceField(
        label=_("Authority kind"),
        choices=[("", _("Choose the kind of contracting authority")), *AuthorityKind.choices],
        help_text=_("Decides which thresholds apply: state authorities have lower ones."),
    )
    procedure = forms.ChoiceField(label=_("Procedure"), choices=Procedure.choices)
    procedure_justification = forms.CharField(
        label=_("Justification of the procedure"), widget=forms.Textarea, required=False
    )
    place_of_performance = forms.CharField(
        label=_("Place of performance (NUTS)"),
        required=False,
        max_length=5,
        help_text=_("e.g. NO081 (Oslo)"),
    )
    contract_duration_months = forms.IntegerField(
        label=_("Contract duration (months)"),
        required=False,
        min_value=1,
        max_value=MAX_CONTRACT_DURATION_MONTHS,
    )
    review_body_name = forms.CharField(
        label=_("Review body"),
        required=False,
        max_length=200,
        help_text=_("Above the EEA threshold: usually the district court"),
    )
    review_body_orgnr = forms.CharField(
        label=_("Review body organisation number"), required=False, max_length=11
    )
    review_body_town = forms.CharField(label=_("Review body town"), required=False, max_length=100)
    review_body_postal_code = forms.CharField(
        label=_("Review body postal code"), required=False, max_length=10
    )
    review_body_nuts = forms.CharField(
        label=_("Review body region (NUTS)"),
        required=False,
        max_length=5,
        help_text=_("e.g. NO081 (Oslo)"),
    )
    buyer_nuts = forms.CharField(
        label=_("Buyer's region (NUTS)"),
        required=False,
        max_length=5,
        help_text=_("e.g. NO081 (Oslo)"),
    )
    contact_telephone = forms.CharField(label=_("Contact telephone"), required=False, max_length=30)
    notice_language = forms.ChoiceField(
        label=_("Notice language"),
        choices=NoticeLanguage.choices,
        required=False,
        initial=NoticeLanguage.NB,
        help_text=_("Above the EEA threshold: English (TED does not take Norwegian)"),
    )
    minimum_candidates = forms.IntegerField(
        label=_("Minimum number of candidates invited (two-stage only)"),
        required=False,
        min_value=1,
        max_value=1000,
    )
    successive_reduction = forms.BooleanField(
        label=_("Reduce the number of tenders in successive stages (negotiation)"),
        required=False,
    )
    award_without_negotiation = forms.BooleanField(
        label=_("May award on the initial tenders without negotiation"), required=False
    )
    questions_deadline = _dt(_("Deadline for questions"))
    request_deadline = _dt(_("Deadline for requests to participate (two-stage only)"))
    tender_deadline = _dt(_("Tender deadline"))
    tender_validity_until = _dt(_("Tenders valid until"))
    award_method = forms.ChoiceField(label=_("Award method"), choices=AwardMethod.choices)
    price_formula = forms.ChoiceField(
        label=_("Price scoring formula"), choices=PriceFormula.choices
    )

    def clean_notice_language(self) -> str:
        return str(self.cleaned_data.get("notice_language") or NoticeLanguage.NB)

    def clean_cpv_codes(self) -> list[str]:
        raw = self.cleaned_data["cpv_codes"]
        return [code.strip() for code in raw.replace(";", ",").split(",") if code.strip()]

    @classmethod
    def initial_from(cls, procurement: Any) -> dict[str, Any]:
        data = {name: getattr(procurement, name) for name in cls.base_fields}
        data["cpv_codes"] = ", ".join(procurement.cpv_codes)
        return data


class LotForm(_Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description"), required=False)
    estimated_value = forms.DecimalField(
        label=_("Estimated value (NOK excl. VAT)"), required=False, max_digits=15, decimal_places=2
    )


class RequestItemForm(_Form):
    line_id = forms.CharField(label=_("Line id"), max_length=35)
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False)
    unit_code = forms.CharField(
        label=_("Unit (UN/ECE Rec 20)"), max_length=3, help_text=_("e.g. EA, HUR, KGM")
    )
    estimated_quantity = forms.DecimalField(
        label=_("Estimated quantity"), max_digits=15, decimal_places=3
    )
    lot = forms.IntegerField(
        label=_("Lot number"), required=False, min_value=1, max_value=INT32_MAX
    )


def _criterion_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for criterion in espd.criteria.CATALOGUE.values():
        if criterion.section == "other":
            continue
        groups.setdefault(str(criterion.section).capitalize(), []).append(
            (
                criterion.code,
                f"{espd.names.name(criterion.code, get_language() or 'nb')} ({criterion.code})",
            )
        )
    return list(groups.items())


class RequirementForm(_Form):
    criterion_code = forms.ChoiceField(label=_("ESPD criterion"), choices=_criterion_choices)
    description = forms.CharField(label=_("Description"), required=False)
    threshold = forms.DecimalField(
        label=_("Minimum"), required=False, max_digits=15, decimal_places=2
    )
    threshold_unit = forms.CharField(
        label=_("Unit of the minimum"), required=False, max_length=10, initial="NOK"
    )
    years = forms.IntegerField(
        label=_("Financial years (turnover)"), required=False, min_value=1, max_value=10
    )


class AwardCriterionForm(_Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=CriterionKind.choices)
    weight = forms.DecimalField(label=_("Weight (%)"), max_digits=5, decimal_places=2)
    max_points = forms.DecimalField(
        label=_("Maximum points"), max_digits=7, decimal_places=2, initial=10
    )
    description = forms.CharField(label=_("Description"), required=False)


class DocumentForm(_Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    file = forms.FileField(label=_("File"))
    summary = forms.CharField(
        label=_("What is corrected (after publication)"), required=False, widget=forms.Textarea
    )


class AnswerForm(_Form):
    published_question = forms.CharField(
        label=_("Question as published (remove anything that names the asker)"),
        widget=forms.Textarea,
    )
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea)


class CorrectionForm(_Form):
    summary = forms.CharField(label=_("What is corrected and why"), widget=forms.Textarea)
    questions_deadline = _dt(_("Deadline for questions"))
    tender_deadline = _dt(_("Tender deadline"))
    tender_validity_until = _dt(_("Tenders valid until"))
    contact_telephone = forms.CharField(label=_("Contact telephone"), required=False, max_length=30)
    buyer_nuts = forms.CharField(label=_("Buyer's region (NUTS)"), required=False, max_length=5)
    review_body_postal_code = forms.CharField(
        label=_("Review body postal code"), required=False, max_length=10
    )
    review_body_nuts = forms.CharField(
        label=_("Review body region (NUTS)"), required=False, max_length=5
    )


class CancelForm(_Form):
    reason = forms.CharField(label=_("Reason for cancellation"), widget=forms.Textarea)


class QuestionForm(_Form):
    text = forms.CharField(label=_("Your question"), widget=forms.Textarea, max_length=10_000)


class SearchForm(_Form):
    q = forms.CharField(label=_("Search"), required=False)
    cpv = forms.CharField(label=_("CPV code"), required=False)
    buyer = forms.CharField(label=_("Buyer (name or org. no.)"), required=False)
    deadline = forms.ChoiceField(
        label=_("Deadline"),
        required=False,
        choices=[("", _("All")), ("open", _("Open for tenders")), ("closed", _("Closed"))],
    )
