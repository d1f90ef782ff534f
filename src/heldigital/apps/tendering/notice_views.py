"""The buyer's pages for the prior information and contract award notices, and for the
English texts of notices in both languages.

GET shows the form; POST issues the notice through :mod:`.notices`. A refused
notice issues nothing: every finding (the services' own checks, and the eForms
rules' findings in the buyer's words, :mod:`.findings`) is shown in the error
summary and at the field it concerns.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from heldigital import eforms
from heldigital.apps.accounts.access import session_principal as _principal
from heldigital.apps.tendering import access, artefacts, notices, services
from heldigital.apps.tendering.forms import ProcurementForm, _dt, _Form
from heldigital.apps.tendering.models import NoticeKind, Procurement, ProcurementStatus


class PriorInformationForm(_Form):
    planned = _dt(gettext_lazy("Contract notice expected"))


class EnglishTextsForm(_Form):
    """One field per Norwegian text of the procurement: its English."""

    def __init__(self, *args: Any, texts: list[str], known: dict[str, str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.texts = texts
        for index, text in enumerate(texts):
            self.fields[f"en_{index}"] = django_forms.CharField(
                label=text,
                required=False,
                initial=known.get(text, ""),
                widget=django_forms.Textarea(attrs={"rows": 2, "class": "ds-input", "lang": "en"})
                if len(text) > 80
                else django_forms.TextInput(attrs={"class": "ds-input", "lang": "en"}),
            )

    def translations(self) -> dict[str, str]:
        return {
            text: self.cleaned_data[f"en_{index}"].strip()
            for index, text in enumerate(self.texts)
            if self.cleaned_data.get(f"en_{index}", "").strip()
        }


_SIZES = [
    ("", "—"),
    ("micro", gettext_lazy("Micro enterprise")),
    ("small", gettext_lazy("Small enterprise")),
    ("medium", gettext_lazy("Medium-sized enterprise")),
    ("large", gettext_lazy("Large enterprise")),
]


class AwardNoticeForm(_Form):
    """One field per lot (tenders from SMEs) and per winner (size, region)."""

    def __init__(self, *args: Any, outcomes: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lots: list[tuple[int | None, str]] = []
        self.winners: list[tuple[str, str]] = []
        regions = [("", "—"), *sorted(eforms.NORWEGIAN_NUTS3.items())]
        for outcome in outcomes:
            number = outcome.lot.number if outcome.lot is not None else None
            name = f"sme_{number or 0}"
            label = (
                _("Tenders from small and medium-sized enterprises in lot %(n)s (of %(total)s)")
                % {"n": number, "total": outcome.tenders}
                if number
                else _("Tenders from small and medium-sized enterprises (of %(total)s)")
                % {"total": outcome.tenders}
            )
            self.fields[name] = django_forms.IntegerField(
                label=label, required=False, min_value=0, max_value=outcome.tenders
            )
            self.lots.append((number, name))
            supplier = outcome.winner.supplier
            if any(orgnr == supplier.orgnr for orgnr, _name in self.winners):
                continue
            self.winners.append((supplier.orgnr, supplier.name))
            self.fields[f"size_{supplier.orgnr}"] = django_forms.ChoiceField(
                label=_("Size of %(name)s") % {"name": supplier.name},
                choices=_SIZES,
                required=False,
            )
            self.fields[f"region_{supplier.orgnr}"] = django_forms.ChoiceField(
                label=_("Region of %(name)s (NUTS 3)") % {"name": supplier.name},
                choices=regions,
                required=False,
            )
        for field in self.fields.values():  # added after the base class styled the form
            field.widget.attrs["class"] = "ds-input"

    def facts(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "sme_tenders": {
                number: data[name] for number, name in self.lots if data.get(name) is not None
            },
            "winner_sizes": {
                orgnr: data.get(f"size_{orgnr}") or "" for orgnr, _name in self.winners
            },
            "winner_regions": {
                orgnr: data.get(f"region_{orgnr}") or "" for orgnr, _name in self.winners
            },
        }

    def group_field(self, name: str) -> str | None:
        """The services name groups (``sme_tenders`` ...); each shows at its first field."""
        first = {
            "sme_tenders": self.lots[0][1] if self.lots else None,
            "winner_sizes": f"size_{self.winners[0][0]}" if self.winners else None,
            "winner_regions": f"region_{self.winners[0][0]}" if self.winners else None,
        }
        return first.get(name)


#: Fields of the procurement's own form (the edit page) and the parts of the manage page.
_EDIT_FIELDS = frozenset(ProcurementForm.base_fields)
_MANAGE_PARTS = {"award_criteria": "content-heading", "lots": "content-heading"}


def _show(
    form: _Form, procurement: Procurement, errors: dict[str, list[str]]
) -> list[tuple[str, str]]:
    """Put a refusal on the page: at the form's own fields, and for the procurement's
    details a link to the field on the edit page (or the part of the manage page)."""
    group = getattr(form, "group_field", lambda name: None)
    own: dict[str, list[str]] = {}
    elsewhere: list[tuple[str, str]] = []
    for name, found in errors.items():
        target = group(name) or name
        if target in form.fields:
            own.setdefault(target, []).extend(found)
            continue
        if name in _EDIT_FIELDS:
            href = reverse("tendering:edit", args=[procurement.reference]) + f"#id_{name}"
        elif name in _MANAGE_PARTS:
            href = reverse("tendering:manage", args=[procurement.reference])
            href += f"#{_MANAGE_PARTS[name]}"
        else:
            href = "#main"
        elsewhere += [(href, message) for message in found]
    form.show_errors(own)
    return elsewhere + form.error_summary()


def _refused(exc: ValidationError) -> dict[str, list[str]]:
    return exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}


def _page(
    request: HttpRequest,
    procurement: Procurement,
    kind: str,
    form: _Form,
    summary: list[tuple[str, str]],
) -> HttpResponse:
    return render(
        request,
        "tendering/notice_form.html",
        {"procurement": procurement, "kind": kind, "form": form, "summary": summary},
    )


def _issue(
    request: HttpRequest,
    procurement: Procurement,
    kind: str,
    form: _Form,
    publish: Callable[[], object],
    done: str,
) -> HttpResponse:
    """Issue a notice from a valid POSTed form: the page again with every refusal at its
    field, or back to the procurement with what happened."""
    summary: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            publish()
        except ValidationError as exc:
            summary = _show(form, procurement, _refused(exc))
        except services.StateError as exc:
            messages.error(request, str(exc))
            return redirect("tendering:manage", procurement.reference)
        else:
            messages.success(request, done)
            return redirect("tendering:manage", procurement.reference)
    elif request.method == "POST":
        summary = form.error_summary()
    return _page(request, procurement, kind, form, summary)


@login_required
@require_http_methods(["GET", "POST"])
def prior_information(request: HttpRequest, reference: str) -> HttpResponse:
    procurement = access.buyer_procurement(_principal(request), reference, manage=True)
    if (
        procurement.status != ProcurementStatus.DRAFT
        or procurement.notices.filter(kind=NoticeKind.PRIOR).exists()
    ):
        messages.info(request, _("A prior information notice is issued only once, for a draft."))
        return redirect("tendering:manage", reference)
    form = PriorInformationForm(request.POST if request.method == "POST" else None)
    return _issue(
        request,
        procurement,
        "prior",
        form,
        lambda: notices.publish_prior_information(
            procurement,
            principal=_principal(request),
            now=timezone.now(),
            planned=form.cleaned_data["planned"],
        ),
        _("The prior information notice is published."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def award_notice(request: HttpRequest, reference: str) -> HttpResponse:
    from heldigital.apps.evaluation import services as evaluation

    procurement = access.buyer_procurement(_principal(request), reference, manage=True)
    if (
        procurement.status != ProcurementStatus.CONCLUDED
        or procurement.notices.filter(kind=NoticeKind.AWARD).exists()
    ):
        messages.info(
            request,
            _("The contract award notice is issued once, after the contracts are signed."),
        )
        return redirect("tendering:manage", reference)
    form = AwardNoticeForm(
        request.POST if request.method == "POST" else None,
        outcomes=evaluation.award_outcomes(procurement),
    )
    return _issue(
        request,
        procurement,
        "award",
        form,
        lambda: notices.publish_award_notice(
            procurement, principal=_principal(request), now=timezone.now(), **form.facts()
        ),
        _("The contract award notice is published."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def english_texts(request: HttpRequest, reference: str) -> HttpResponse:
    """The English of each Norwegian text, for notices in Norwegian and English."""
    procurement = access.buyer_procurement(_principal(request), reference, manage=True)
    if procurement.status != ProcurementStatus.DRAFT:
        messages.info(request, _("The English texts are given before publication."))
        return redirect("tendering:manage", reference)
    form = EnglishTextsForm(
        request.POST if request.method == "POST" else None,
        texts=artefacts.english_texts(procurement),
        known=dict(procurement.translations or {}),
    )
    summary: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.update_draft(
                procurement,
                principal=_principal(request),
                data={"translations": form.translations()},
                now=timezone.now(),
            )
        except ValidationError as exc:
            summary = _show(form, procurement, _refused(exc))
        else:
            messages.success(request, _("The English texts are saved."))
            return redirect("tendering:manage", reference)
    elif request.method == "POST":
        summary = form.error_summary()
    return _page(request, procurement, "english", form, summary)
