"""The supplier's ESPD response as a web form, attached to the tender draft.

The form lists the criteria of the procurement's ESPD request (exclusion
grounds, then the selection criteria of the lot chosen) with the questions
that the answers so far open (:func:`heldigital.espd.form.layout`); htmx
re-renders the form when a yes/no changes, so follow-up questions appear and
disappear, and the page works without JavaScript too. Saving reads the
answers (:func:`heldigital.espd.form.read`), builds the ESPD-EDM 4.1.0
response (:func:`heldigital.espd.response`), checks it with the native
ESPD-EDM rules (:func:`heldigital.espd.imports.check_response`) and attaches
it to the draft through :func:`heldigital.apps.submissions.services.add_document`,
replacing an ESPD response the draft already has. Problems are shown at
their field, in the user's language.

An ESPD response made elsewhere (ESPD-EDM 4.1.0 or 2.1.1) can be imported:
its answers fill the form and a report says what fails
(:func:`heldigital.espd.imports.import_response`).

The answers are not stored anywhere in plain text: they travel in the form
and end in the sealed tender file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from heldigital import espd, xml
from heldigital.apps.accounts.access import session_principal as _principal
from heldigital.apps.accounts.models import Organisation
from heldigital.apps.submissions import lifecycle, services
from heldigital.apps.submissions.models import FileKind
from heldigital.apps.tendering import access, artefacts
from heldigital.apps.tendering.models import Procurement
from heldigital.espd import form as espd_form
from heldigital.espd import imports as espd_imports
from heldigital.espd import names

#: File name of the ESPD response the form attaches.
FILE_NAME = "espd-response.xml"
#: Largest ESPD response accepted for import (the official 2.1.1 examples are ~300 KB).
IMPORT_MAX_BYTES = 5 * 1024 * 1024


def problem_text(problem: espd_form.Problem) -> str:
    """A form problem in the user's language."""
    params = dict(problem.params)
    texts = {
        "required": _("Answer this question."),
        "choose": _("Choose yes or no."),
        "number": _("Write a number, for example 1500000 or 1,5."),
        "negative": _("The number cannot be negative."),
        "integer": _("Write a whole number."),
        "date": _("Write a date as dd.mm.yyyy."),
        "period-order": _("The period ends before it starts."),
        "country": _("Write a three-letter country code, for example NOR."),
        "currency": _("Write a three-letter currency code, for example NOK."),
        "url": _("Write a web address that starts with https://."),
        "orgnr": _("This is not a valid Norwegian organisation number."),
    }
    if problem.code == "too-long":
        return _("The text is too long (at most %(max)s characters).") % params
    return texts.get(problem.code, problem.code)


def finding_text(finding: espd_imports.Finding) -> str:
    """An import finding in the user's language (the official message for BR-* rules)."""
    where = finding.where
    if finding.rule == "HD-ESPD-V2":
        return _(
            "The file is an ESPD-EDM 2.1.1 response. Its answers are carried over to "
            "ESPD-EDM 4.1.0 by criterion and question; check them before you save."
        )
    if finding.rule == "HD-ESPD-V2-UNMAPPED":
        return _("Answers to %(where)s have no question in ESPD-EDM 4.1.0 and are left out.") % {
            "where": criterion_name(where)
        }
    if finding.rule == "HD-ESPD-PROCEDURE":
        return _(
            "The response was made for another procurement (%(where)s). Check every answer."
        ) % {"where": where}
    if finding.rule == "HD-ESPD-NOT-REQUESTED":
        return _("%(name)s is not asked in this procurement; the answer is left out.") % {
            "name": criterion_name(where)
        }
    if finding.rule == "HD-ESPD-UNANSWERED":
        return _("%(name)s is asked in this procurement but not answered in the file.") % {
            "name": criterion_name(where)
        }
    return _("Breaks ESPD-EDM rule %(rule)s: %(message)s") % {
        "rule": finding.rule,
        "message": finding.message,
    }


def criterion_name(code: str) -> str:
    """The criterion's name in the active language (official English, our Norwegian)."""
    from django.utils.translation import get_language

    try:
        return names.name(code, get_language() or "nb")
    except KeyError:
        return code


@dataclass
class Row:
    """One question as the template renders it."""

    question: espd_form.Question
    label: str
    values: dict[str, str]
    errors: dict[str, str]
    dom: str  # id prefix for the inputs

    @property
    def datatype(self) -> str:
        return self.question.datatype

    @property
    def error(self) -> str:
        return next(iter(self.errors.values()), "")


@dataclass
class CriterionBlock:
    code: str
    name: str
    description: str
    legal_basis: str
    requirement: espd.Requirement
    rows: list[Row]
    lot_label: str = ""  # the lot a selection criterion is answered for, with several lots


def _dom(prop_id: str) -> str:
    return "espd-" + "".join(c if c.isalnum() else "-" for c in prop_id)


def _key(question: espd_form.Question, name: str) -> str:
    """``main``, ``start``, ``end``, ``currency``, ``uri``, ``issuer`` or ``reference``."""
    return name.removeprefix(question.name).lstrip(":") or "main"


def _question_label(prop: Any) -> str:
    from django.utils.translation import get_language

    return names.question(prop.description, get_language() or "nb")


def _blocks(
    request_parsed: espd.EspdRequest,
    lot: str,
    data: Mapping[str, str],
    problems: Mapping[str, espd_form.Problem],
) -> list[CriterionBlock]:
    from django.utils.translation import get_language

    language = get_language() or "nb"
    blocks = []
    for requirement in _requirements(request_parsed, lot):
        criterion = espd.criteria.get(requirement.criterion)
        rows = []
        repeated = espd_form.repeated(criterion)
        for question in espd_form.layout(criterion, data, count(requirement)):
            fields = espd_form.field_names(question)
            rows.append(
                Row(
                    question=question,
                    label=_question_label(question.prop)
                    + (f" ({question.instance})" if question.prop.id in repeated else ""),
                    values={_key(question, f): data.get(f, "") for f in fields},
                    errors={
                        _key(question, f): problem_text(problems[f])
                        for f in fields
                        if f in problems
                    },
                    dom=_dom(question.name.removeprefix("q:")),
                )
            )
        blocks.append(
            CriterionBlock(
                code=criterion.code,
                name=names.name(criterion.code, language),
                description=names.description(criterion.code, language),
                legal_basis=criterion.legal_basis,
                requirement=requirement,
                rows=rows,
                lot_label=requirement.lot
                if len(request_parsed.lots) > 1 and criterion.section is espd.Section.SELECTION
                else "",
            )
        )
    return blocks


#: At most this many financial years or references are asked in the form.
MAX_REPEAT = 10


def count(requirement: espd.Requirement) -> int:
    """How many financial years (turnover) or references the requirement asks, at least 1."""
    return max(1, min(MAX_REPEAT, requirement.years or requirement.minimum_count or 1))


def _counts(requirements: list[espd.Requirement]) -> dict[str, int]:
    return {r.criterion: count(r) for r in requirements}


def _requirements(parsed: espd.EspdRequest, lot: str) -> list[espd.Requirement]:
    """The requirements a response answers: every criterion of the request, the
    selection criteria of the response's ``lot`` first. The official rules want every
    selection criterion answered (BR-RESP-40), each for its own lot."""
    return sorted(
        parsed.requirements,
        key=lambda r: (
            espd.criteria.get(r.criterion).section is espd.Section.SELECTION and r.lot != lot
        ),
    )


def _supplier(request: HttpRequest) -> Organisation:
    return access.acting_supplier(_principal(request), request.POST.get("supplier") or None)


def _operator(supplier: Organisation, sme: bool | None) -> espd.Party:
    return espd.Party(
        name=supplier.name, orgnr=supplier.orgnr or "", email=supplier.email or "", sme=sme
    )


def _context(
    request: HttpRequest,
    procurement: Procurement,
    request_xml: bytes,
    data: Mapping[str, str],
    problems: Mapping[str, espd_form.Problem],
    **extra: Any,
) -> dict[str, Any]:
    parsed = espd.parse_request(request_xml)
    lots = list(parsed.lots)
    lot = data.get("lot") or lots[0]
    if lot not in lots:
        lot = lots[0]
    blocks = _blocks(parsed, lot, data, problems)
    return {
        "procurement": procurement,
        "lots": lots,
        "several_lots": len(lots) > 1,
        "lot": lot,
        "roles": [(code, _role_label(code)) for code in espd.documents.EO_ROLES],
        "role": data.get("role") or "sole-tenderer",
        "sme": data.get("sme", ""),
        "sme_error": problem_text(problems["sme"]) if "sme" in problems else "",
        "exclusion": [b for b in blocks if _section(b) == "exclusion"],
        "selection": [b for b in blocks if _section(b) == "selection"],
        "problem_count": len(problems),
        "problem_links": [
            (_first_input(row), block.name, row.label, row.error)
            for block in blocks
            for row in block.rows
            if row.errors
        ],
        **extra,
    }


def _first_input(row: Row) -> str:
    """The id of the first input of ``row`` that has an error (for the error summary)."""
    key = next(iter(row.errors))
    if row.datatype == "INDICATOR":
        return f"{row.dom}-true"
    return row.dom if key == "main" else f"{row.dom}-{key}"


def _section(block: CriterionBlock) -> str:
    return str(espd.criteria.get(block.code).section)


def _role_label(code: str) -> str:
    return {
        "sole-tenderer": _("Sole tenderer"),
        "group-lead": _("Leader of a group of tenderers"),
        "group-mem": _("Member of a group of tenderers"),
        "subcont": _("Subcontractor"),
        "oeron": _("Entity whose capacities are relied on"),
    }[code]


def _request_xml(procurement: Procurement) -> bytes | None:
    return artefacts.latest_espd_request(procurement)


def _is_open(procurement: Procurement) -> bool:
    deadline = procurement.tender_deadline
    return deadline is not None and timezone.now() < deadline


def _closed(request: HttpRequest, reference: str) -> HttpResponse:
    messages.error(request, _("The tender deadline has passed."))
    return redirect("submissions:tender", reference)


@login_required
@require_http_methods(["GET", "POST"])
def espd_form_view(request: HttpRequest, reference: str) -> HttpResponse:
    """The form (GET), a re-render with follow-ups opened (htmx ``refresh``), or save."""
    procurement = access.public_procurement(reference)
    supplier = _supplier(request)
    request_xml = _request_xml(procurement)
    if request_xml is None:
        messages.error(request, _("This procurement has no ESPD request."))
        return redirect("submissions:tender", reference)
    if not _is_open(procurement):
        return _closed(request, reference)
    data = {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
    refresh = request.method == "GET" or "refresh" in request.POST
    if refresh:
        template = (
            "submissions/_espd_form.html"
            if request.headers.get("HX-Request")
            else "submissions/espd.html"
        )
        return render(request, template, _context(request, procurement, request_xml, data, {}))
    return _save(request, procurement, supplier, request_xml, data)


def _save(
    request: HttpRequest,
    procurement: Procurement,
    supplier: Organisation,
    request_xml: bytes,
    data: dict[str, str],
) -> HttpResponse:
    parsed = espd.parse_request(request_xml)
    lot = data.get("lot") or parsed.lots[0]
    requirements = _requirements(parsed, lot) if lot in parsed.lots else []
    filled = espd_form.read(
        [r.criterion for r in requirements],
        data,
        {r.criterion: r.lot for r in requirements},
        _counts(requirements),
    )
    problems = dict(filled.problems)
    sme = {"true": True, "false": False}.get(data.get("sme", ""))
    if sme is None:
        problems["sme"] = espd_form.Problem("choose")  # BR-RESP-10-06: the size is mandatory
    role = data.get("role") or "sole-tenderer"
    general: list[str] = []
    if role not in espd.documents.EO_ROLES:
        general.append(_("Choose your role in the tender."))
    content = b""
    if not problems and not general:
        try:
            content = espd.response(
                request_xml,
                filled.answers,
                operator=_operator(supplier, sme),
                issued=timezone.now(),
                lot=lot,
                role=role,
            )
        except espd.EspdError as exc:
            general.append(str(exc))
        else:
            findings = [
                f
                for f in espd_imports.check_response(content, source=FILE_NAME)
                if f.severity in ("fatal", "error")
            ]
            general.extend(finding_text(f) for f in findings)
    if problems or general:
        context = _context(
            request, procurement, request_xml, data, problems, general_errors=general
        )
        return render(request, "submissions/espd.html", context, status=422)
    try:
        _attach(request, procurement, supplier, content)
    except (services.SubmissionError, ValidationError, PermissionDenied) as exc:
        message = exc.message if isinstance(exc, services.SubmissionError) else str(exc)
        if isinstance(exc, ValidationError):
            message = "; ".join(exc.messages)
        context = _context(request, procurement, request_xml, data, {}, general_errors=[message])
        return render(request, "submissions/espd.html", context, status=409)
    messages.success(
        request,
        _("Your ESPD response is attached to the tender, encrypted. Submit the tender when ready."),
    )
    return redirect("submissions:tender", procurement.reference)


def _attach(
    request: HttpRequest, procurement: Procurement, supplier: Organisation, content: bytes
) -> None:
    """Attach ``content`` as the draft's ESPD response (starting a draft when there is none),
    replacing the ESPD response the draft has.

    Saves from several tabs at once: a draft another request has just started is used
    (``start_tender`` refuses a second one), and the replacement runs with the
    supplier's tender rows locked, so the draft ends with exactly one ESPD response.
    """
    principal = _principal(request)
    for attempt in (1, 2):
        position = services.supplier_tender(procurement, supplier)
        if position.draft is not None:
            break
        if position.state == lifecycle.State.SUBMITTED:
            raise services.Conflict(
                _("Your tender is submitted. Start a change of the tender to attach a new ESPD.")
            )
        try:
            services.start_tender(procurement, principal=principal, now=timezone.now())
        except services.Conflict:
            if attempt == 2:
                raise
    with transaction.atomic():
        position = services.supplier_tender(procurement, supplier, lock=True)
        draft = position.draft
        if draft is None:
            raise services.Conflict(
                _("This tender is not yours or no longer exists; reload the page.")
            )
        for old in draft.files.filter(kind=FileKind.ESPD_RESPONSE):
            services.remove_file(old, principal=principal, now=timezone.now())
        services.add_document(
            draft,
            principal=principal,
            kind=FileKind.ESPD_RESPONSE,
            name=FILE_NAME,
            content_type="application/xml",
            content=content,
            now=timezone.now(),
        )


@login_required
@require_POST
def espd_import(request: HttpRequest, reference: str) -> HttpResponse:
    """Read an ESPD response file into the form, with a report of what fails."""
    procurement = access.public_procurement(reference)
    _supplier(request)
    request_xml = _request_xml(procurement)
    if request_xml is None:
        messages.error(request, _("This procurement has no ESPD request."))
        return redirect("submissions:tender", reference)
    if not _is_open(procurement):
        return _closed(request, reference)
    uploaded = request.FILES.get("file")
    if uploaded is None or not uploaded.size:
        context = _context(
            request,
            procurement,
            request_xml,
            {},
            {},
            import_error=_("Choose an ESPD response file (XML) to import."),
        )
        return render(request, "submissions/espd.html", context, status=422)
    if uploaded.size > IMPORT_MAX_BYTES:
        error = _("The file is larger than %(size)s MB.") % {"size": IMPORT_MAX_BYTES >> 20}
        context = _context(request, procurement, request_xml, {}, {}, import_error=error)
        return render(request, "submissions/espd.html", context, status=422)
    content = uploaded.read()
    try:
        imported = espd_imports.import_response(
            content, request_xml=request_xml, source=uploaded.name or "ESPD"
        )
    except xml.DocumentError as exc:
        error = _("The file cannot be imported: it is not well-formed XML (%(reason)s).") % {
            "reason": exc
        }
        context = _context(request, procurement, request_xml, {}, {}, import_error=error)
        return render(request, "submissions/espd.html", context, status=422)
    except espd_imports.ImportRefused as exc:
        error = {
            "request": _(
                "The file is an ESPD request, not a response: import the ESPD response you "
                "have filled in."
            ),
            "not-espd": _("The file cannot be imported: it is not an ESPD response (%(root)s).")
            % {"root": exc.detail},
            "version": _(
                "The file cannot be imported: ESPD-EDM version %(version)s is not supported "
                "(2.1.1 or 4.1.0)."
            )
            % {"version": exc.detail},
        }[exc.code]
        context = _context(request, procurement, request_xml, {}, {}, import_error=error)
        return render(request, "submissions/espd.html", context, status=422)
    except espd.EspdError as exc:
        error = _("The file cannot be imported: %(reason)s") % {"reason": exc}
        context = _context(request, procurement, request_xml, {}, {}, import_error=error)
        return render(request, "submissions/espd.html", context, status=422)
    assert imported.response is not None
    parsed = espd.parse_request(request_xml)
    data = espd_form.prefill(
        imported.response,
        [r.criterion for r in parsed.requirements],
        _counts(list(parsed.requirements)),
    )
    operator = imported.response.operator
    if operator is not None and operator.sme is not None:
        data["sme"] = "true" if operator.sme else "false"
    data["lot"] = parsed.lots[0]
    requirements = _requirements(parsed, data["lot"])
    # What the imported answers still lack for this procurement, shown at the fields.
    missing = espd_form.read(
        [r.criterion for r in requirements],
        data,
        {r.criterion: r.lot for r in requirements},
        _counts(requirements),
    ).problems
    context = _context(
        request,
        procurement,
        request_xml,
        data,
        missing,
        report=[(f.severity, f.rule, finding_text(f)) for f in imported.findings],
        imported_version=imported.version,
        imported_name=uploaded.name,
    )
    return render(request, "submissions/espd.html", context)
