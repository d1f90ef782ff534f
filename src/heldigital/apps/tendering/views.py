"""Web pages of tendering: the public notice board, the notice page, the Atom
feed, the buyer's pages (create, edit, publish, questions, correction,
cancellation) and notifications.

Views orchestrate only: access rules are in :mod:`.access`, decisions in
:mod:`.services`. Errors from the services are shown on the page (a
``ValidationError`` per field, a ``StateError`` as an alert).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from heldigital.apps.accounts.access import Principal
from heldigital.apps.accounts.access import session_principal as _principal
from heldigital.apps.evaluation import workspace
from heldigital.apps.tendering import access, artefacts, board, forms, services
from heldigital.apps.tendering.models import (
    DocumentVersion,
    Procurement,
    ProcurementStatus,
)


def _run(request: HttpRequest, form: Any, action: Callable[[], Any]) -> bool:
    """Run a service call; put its errors on ``form`` (or in messages). True when it worked."""
    try:
        action()
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and form is not None:
            if not hasattr(form, "cleaned_data"):  # an unbound form (publish): errors only
                form.cleaned_data = {}
            for field, errors in exc.message_dict.items():
                target = field if field in form.fields else None
                for error in errors:
                    form.add_error(target, error)
        else:
            for error in exc.messages:
                messages.error(request, error)
        return False
    except services.StateError as exc:
        messages.error(request, str(exc))
        return False
    return True


def _status_label(procurement: Procurement) -> str:
    return str(dict(ProcurementStatus.choices)[procurement.effective_status(timezone.now())])


def _errors_to_messages(request: HttpRequest, form: Any) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        # The error summary of the next page links to the field (heldigital base template).
        target = form[field].id_for_label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error, extra_tags=target)


# --------------------------------------------------------- public board


@require_GET
def notice_board(request: HttpRequest) -> HttpResponse:
    form = forms.SearchForm(request.GET or None)
    criteria = board.Search()
    if form.is_valid():
        data = form.cleaned_data
        criteria = board.Search(
            text=data["q"], cpv=data["cpv"], buyer=data["buyer"], deadline=data["deadline"]
        )
    results = board.search(criteria, now=timezone.now())
    template = (
        "tendering/_results.html"
        if request.headers.get("HX-Request") == "true"
        else "tendering/board.html"
    )
    return render(request, template, {"form": form, "results": results, "now": timezone.now()})


@require_GET
def feed(request: HttpRequest) -> HttpResponse:
    """The notice board as an Atom feed (RFC 4287), newest first."""
    items = board.search(board.Search(), now=timezone.now())[:50]
    feed = Atom1Feed(
        title=_("Heldigital – procurement notices"),
        link=request.build_absolute_uri(reverse("tendering:board")),
        description=_("Notices published on Heldigital"),
        language=request.LANGUAGE_CODE,
        feed_url=request.build_absolute_uri(reverse("tendering:feed")),
        id=request.build_absolute_uri(reverse("tendering:board")),
    )
    for procurement in items:
        link = request.build_absolute_uri(reverse("tendering:notice", args=[procurement.reference]))
        deadline = (
            services.format_local(procurement.tender_deadline)
            if procurement.tender_deadline
            else "–"
        )
        feed.add_item(
            title=f"{procurement.reference}: {procurement.title}",
            link=link,
            description=_("%(buyer)s. Tender deadline %(deadline)s. CPV %(cpv)s. %(status)s")
            % {
                "buyer": procurement.buyer.name,
                "deadline": deadline,
                "cpv": ", ".join(procurement.cpv_codes),
                "status": dict(ProcurementStatus.choices)[
                    procurement.effective_status(timezone.now())
                ],
            },
            unique_id=f"urn:uuid:{procurement.id}",
            pubdate=procurement.published_at,
            updateddate=max(procurement.updated_at, procurement.published_at),
            author_name=procurement.buyer.name,
            categories=procurement.cpv_codes,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


def _supplier_context(request: HttpRequest, procurement: Procurement) -> dict[str, Any]:
    if not request.user.is_authenticated:
        return {}
    suppliers = access.supplier_organisations(_principal(request))
    if len(suppliers) != 1:
        return {"supplier": None}
    supplier = suppliers[0]
    deadline = procurement.questions_deadline or procurement.tender_deadline
    return {
        "supplier": supplier,
        "interest": procurement.interests.filter(supplier=supplier).first(),
        "my_questions": procurement.questions.filter(supplier=supplier),
        "can_ask": procurement.status == ProcurementStatus.PUBLISHED
        and (deadline is None or timezone.now() < deadline),
        "question_form": forms.QuestionForm(),
    }


@require_GET
def notice(request: HttpRequest, reference: str) -> HttpResponse:
    procurement = access.public_procurement(reference)
    context = {
        "procurement": procurement,
        "status": procurement.effective_status(timezone.now()),
        "status_label": _status_label(procurement),
        "documents": services.latest_versions(procurement),
        "items": procurement.request_items.select_related("lot"),
        "answers": procurement.questions.filter(published=True),
        "is_buyer": request.user.is_authenticated
        and access.can_read_buyer_side(_principal(request), procurement),
        "has_xml": procurement.notices.exclude(xml=None).exists(),
        **_supplier_context(request, procurement),
    }
    return render(request, "tendering/notice.html", context)


@require_GET
def notice_xml(request: HttpRequest, reference: str) -> HttpResponse:
    procurement = access.public_procurement(reference)
    item = procurement.notices.exclude(xml=None).order_by("-published_at", "-id").first()
    if item is None:
        raise Http404(_("No eForms XML has been issued for this notice."))
    response = HttpResponse(bytes(item.xml), content_type="application/xml")
    response["Content-Disposition"] = (
        f'attachment; filename="{procurement.reference}-{item.notice_version}.xml"'
    )
    return response


@require_GET
def espd_request(request: HttpRequest, reference: str) -> HttpResponse:
    procurement = access.public_procurement(reference)
    data = artefacts.latest_espd_request(procurement)
    if data is None:
        raise Http404(_("No ESPD request has been issued for this procurement."))
    response = HttpResponse(data, content_type="application/xml")
    response["Content-Disposition"] = (
        f'attachment; filename="{procurement.reference}-espd-request.xml"'
    )
    return response


@require_GET
def package(request: HttpRequest, reference: str) -> HttpResponse:
    procurement = access.public_procurement(reference)
    response = HttpResponse(artefacts.tender_package(procurement), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{procurement.reference}.zip"'
    return response


def _download(version: DocumentVersion | None) -> FileResponse:
    if version is None:
        raise Http404(_("There is no such document version."))
    return FileResponse(
        version.file.open("rb"),
        as_attachment=True,
        filename=version.filename,
        content_type=version.content_type,
    )


@require_GET
def document(request: HttpRequest, reference: str, document_id: int, number: int) -> FileResponse:
    procurement = access.public_procurement(reference)
    return _download(
        DocumentVersion.objects.filter(
            document__procurement=procurement, document_id=document_id, number=number
        ).first()
    )


@login_required
@require_POST
def register_interest(request: HttpRequest, reference: str) -> HttpResponse:
    procurement = access.public_procurement(reference)
    access.acting_supplier(_principal(request), request.POST.get("supplier") or None)
    if _run(
        request,
        None,
        lambda: services.register_interest(
            procurement, principal=_principal(request), now=timezone.now
        ),
    ):
        messages.success(request, _("Your interest is registered. You will be told of changes."))
    return redirect("tendering:notice", reference)


@login_required
@require_POST
def ask_question(request: HttpRequest, reference: str) -> HttpResponse:
    procurement = access.public_procurement(reference)
    access.acting_supplier(_principal(request), request.POST.get("supplier") or None)
    form = forms.QuestionForm(request.POST)
    if form.is_valid() and _run(
        request,
        form,
        lambda: services.ask_question(
            procurement,
            principal=_principal(request),
            text=form.cleaned_data["text"],
            now=timezone.now,
        ),
    ):
        messages.success(
            request,
            _("Your question is sent. The answer is published to all without your name."),
        )
        return redirect("tendering:notice", reference)
    _errors_to_messages(request, form)
    return redirect("tendering:notice", reference)


# ---------------------------------------------------------------- buyer


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    organisations = access.managed_organisations(_principal(request))
    if not organisations:
        raise PermissionDenied(_("Only a procurement officer or buyer administrator may do this."))
    latest = Procurement.objects.filter(buyer__in=organisations).order_by("-created_at").first()
    initial = {"authority_kind": latest.authority_kind} if latest else {}
    form = forms.ProcurementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        chosen = request.POST.get("buyer") or organisations[0].orgnr
        buyer = next((o for o in organisations if o.orgnr == chosen), None)
        if buyer is None:
            raise PermissionDenied(_("You may not buy for this organisation."))
        created: list[Procurement] = []
        if _run(
            request,
            form,
            lambda: created.append(
                services.create_draft(
                    principal=_principal(request), data=form.cleaned_data, now=timezone.now()
                )
            ),
        ):
            messages.success(request, _("The draft is created."))
            return redirect("tendering:manage", created[0].reference)
    return render(
        request,
        "tendering/edit.html",
        {"form": form, "organisations": organisations, "procurement": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, reference: str) -> HttpResponse:
    procurement = access.buyer_procurement(_principal(request), reference, manage=True)
    form = forms.ProcurementForm(
        request.POST or None, initial=forms.ProcurementForm.initial_from(procurement)
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            request,
            form,
            lambda: services.update_draft(
                procurement,
                principal=_principal(request),
                data=form.cleaned_data,
                now=timezone.now,
            ),
        )
    ):
        messages.success(request, _("The draft is saved."))
        if request.POST.get("then") == "publish":
            return redirect("tendering:publish", reference)
        return redirect("tendering:manage", reference)
    return render(request, "tendering/edit.html", {"form": form, "procurement": procurement})


def _workspace_context(request: HttpRequest, reference: str, step: str) -> dict[str, Any]:
    """What every buyer-side tendering step page shows: the procurement, the steps, and
    what the user may do (:mod:`heldigital.apps.evaluation.workspace`)."""
    principal = _principal(request)
    procurement = access.buyer_procurement(principal, reference, manage=False)
    now = timezone.now()
    return {
        "procurement": procurement,
        "status": procurement.effective_status(now),
        "status_label": _status_label(procurement),
        "steps": workspace.navigation(procurement, active=step, now=now),
        "can_manage": access.can_manage(principal, procurement),
    }


#: The preparation page's forms: context name, form class and the prefix of its ids (no
#: two forms of the page share an id).
_MANAGE_FORMS: dict[str, tuple[str, type[Any]]] = {
    "lot": ("lot_form", forms.LotForm),
    "item": ("item_form", forms.RequestItemForm),
    "requirement": ("requirement_form", forms.RequirementForm),
    "criterion": ("criterion_form", forms.AwardCriterionForm),
    "document": ("document_form", forms.DocumentForm),
    "cancel": ("cancel_form", forms.CancelForm),
}


def _with_summary(context: dict[str, Any], form: Any) -> dict[str, Any]:
    """``context`` with an error summary of ``form`` (Designsystemet ErrorSummary)."""
    return {**context, "summary": form.error_summary()}


def _manage_page(request: HttpRequest, reference: str, bound: Any = None) -> HttpResponse:
    context = _workspace_context(request, reference, "preparation")
    procurement = context["procurement"]
    page_forms = {
        name: form_class(auto_id=f"{key}-%s") for key, (name, form_class) in _MANAGE_FORMS.items()
    }
    if bound is not None:
        key, form = bound
        page_forms[_MANAGE_FORMS[key][0]] = form
        context = _with_summary(context, form)
    return render(
        request,
        "tendering/manage.html",
        {
            **context,
            **page_forms,
            "documents": procurement.documents.prefetch_related("versions"),
        },
    )


@login_required
@require_GET
def manage(request: HttpRequest, reference: str) -> HttpResponse:
    """The workspace's first step, preparation: details, contents and documents."""
    return _manage_page(request, reference)


@login_required
@require_GET
def notice_step(request: HttpRequest, reference: str) -> HttpResponse:
    """The notice step: the published notice, its sending, corrections and cancellation."""
    return _notice_page(request, reference)


def _notice_page(
    request: HttpRequest, reference: str, bound: tuple[str, Any] | None = None
) -> HttpResponse:
    context = _workspace_context(request, reference, "notice")
    procurement = context["procurement"]
    page_forms: dict[str, Any] = {}
    if bound is not None:
        page_forms[bound[0]] = bound[1]
        context = _with_summary(context, bound[1])
    return render(
        request,
        "tendering/notice_step.html",
        {
            **context,
            "correction_form": forms.CorrectionForm(
                initial={
                    "questions_deadline": procurement.questions_deadline,
                    "tender_deadline": procurement.tender_deadline,
                    "tender_validity_until": procurement.tender_validity_until,
                    **{n: getattr(procurement, n) for n in services.CORRECTABLE_NOTICE_FIELDS},
                }
            ),
            "cancel_form": forms.CancelForm(auto_id="cancel-%s"),
            **page_forms,
        },
    )


@login_required
@require_GET
def questions(request: HttpRequest, reference: str) -> HttpResponse:
    """The questions step: suppliers' questions, the answers, registered suppliers."""
    return _questions_page(request, reference)


def _questions_page(
    request: HttpRequest, reference: str, summary: list[tuple[str, str]] | None = None
) -> HttpResponse:
    context = _workspace_context(request, reference, "questions")
    if summary:
        context["summary"] = summary
    procurement = context["procurement"]
    return render(
        request,
        "tendering/questions.html",
        {
            **context,
            "questions": procurement.questions.select_related("supplier"),
            "interests": procurement.interests.select_related("supplier"),
        },
    )


_PARTS: dict[str, tuple[type[Any], Callable[..., Any]]] = {
    "lot": (forms.LotForm, services.add_lot),
    "item": (forms.RequestItemForm, services.add_request_item),
    "requirement": (forms.RequirementForm, services.add_requirement),
    "criterion": (forms.AwardCriterionForm, services.add_award_criterion),
}


@login_required
@require_POST
def add_part(request: HttpRequest, reference: str, part: str) -> HttpResponse:
    procurement = access.buyer_procurement(_principal(request), reference, manage=True)
    if part not in _PARTS:
        raise Http404
    form_class, service = _PARTS[part]
    form = form_class(request.POST, auto_id=f"{part}-%s")
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        if _run(
            request,
            form,
            lambda: service(
                procurement,
                principal=_principal(request),
                now=timezone.now(),
                **data,
            ),
        ):
            messages.success(request, _("Added."))
            return redirect("tendering:manage", reference)
    return _manage_page(request, reference, bound=(part, form))


_REMOVABLE = {
    "lot": lambda p, key: p.lots.filter(number=key).first(),
    "item": lambda p, key: p.request_items.filter(pk=key).first(),
    "requirement": lambda p, key: p.requirements.filter(pk=key).first(),
    "criterion": lambda p, key: p.award_criteria.filter(pk=key).first(),
}


@login_required
@require_POST
def remove_part(request: HttpRequest, reference: str, part: str, key: int) -> HttpResponse:
    procurement = access.buyer_procurement(_principal(request), reference, manage=True)
    found = _REMOVABLE[part](procurement, key) if part in _REMOVABLE else None
    if found is None:
        raise Http404
    if _run(
        request,
        None,
        lambda: services.remove_part(
            procurement, principal=_principal(request), part=found, now=timezone.now
        ),
    ):
        messages.success(request, _("Removed."))
    return redirect("tendering:manage", reference)


@login_required
@require_POST
def upload(request: HttpRequest, reference: str) -> HttpResponse:
    procurement = access.buyer_procurement(_principal(request), reference, manage=True)
    form = forms.DocumentForm(request.POST, request.FILES, auto_id="document-%s")
    if form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        document = None
        if request.POST.get("document"):
            document = procurement.documents.filter(pk=request.POST["document"]).first()
        now = timezone.now()
        if procurement.status == ProcurementStatus.DRAFT:

            def action() -> Any:
                if document is None:
                    return services.add_document(
                        procurement,
                        principal=_principal(request),
                        title=form.cleaned_data["title"],
                        filename=upload.name,
                        content=content,
                        now=now,
                    )
                return services.replace_document(
                    procurement,
                    document,
                    principal=_principal(request),
                    filename=upload.name,
                    content=content,
                    now=now,
                )
        else:

            def action() -> Any:
                return services.correct(
                    procurement,
                    principal=_principal(request),
                    summary=form.cleaned_data["summary"],
                    documents=[
                        services.NewDocument(
                            filename=upload.name,
                            content=content,
                            document=document,
                            title=form.cleaned_data["title"],
                        )
                    ],
                    now=now,
                )

        if _run(request, form, action):
            messages.success(request, _("The document is stored."))
            return redirect("tendering:manage", reference)
    return _manage_page(request, reference, bound=("document", form))


@login_required
@require_GET
def buyer_document(
    request: HttpRequest, reference: str, document_id: int, number: int
) -> FileResponse:
    procurement = access.buyer_procurement(_principal(request), reference, manage=False)
    return _download(
        DocumentVersion.objects.filter(
            document__procurement=procurement, document_id=document_id, number=number
        ).first()
    )


#: Parts of a draft a publication refusal may name (beside the form's fields):
#: the manage page's section where each is added.
_PART_ANCHORS = {
    "documents": "documents-heading",
    "request_items": "content-heading",
    "requirements": "content-heading",
    "award_criteria": "content-heading",
    "lots": "content-heading",
}


def _part_label(part: str) -> str:
    return {
        "documents": _("Procurement documents"),
        "request_items": _("Request catalogue"),
        "requirements": _("Qualification requirements"),
        "award_criteria": _("Award criteria"),
        "lots": _("Lots"),
    }.get(part, _("The draft"))


@login_required
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, reference: str) -> HttpResponse:
    """GET: the confirmation page, with every reason the draft cannot be published
    yet (an error summary on top, each reason at its field). POST: publish."""
    procurement = access.buyer_procurement(_principal(request), reference, manage=True)
    if procurement.status != ProcurementStatus.DRAFT:
        messages.info(request, _("The procurement is published already."))
        return redirect("tendering:manage", reference)
    if request.method == "POST":
        try:
            services.publish(procurement, principal=_principal(request), now=timezone.now)
        except ValidationError as exc:
            problems = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        except services.StateError as exc:
            messages.error(request, str(exc))
            return redirect("tendering:manage", reference)
        else:
            messages.success(request, _("The procurement is published."))
            return redirect("tendering:manage", reference)
    else:
        problems = services.publication_problems(procurement, timezone.now())
    procurement.refresh_from_db()
    form = forms.ProcurementForm(initial=forms.ProcurementForm.initial_from(procurement))
    rest = form.show_errors(problems)
    manage_url = reverse("tendering:manage", args=[reference])
    parts = [
        {
            "key": part,
            "label": _part_label(part),
            "errors": errors,
            "href": f"{manage_url}#{_PART_ANCHORS.get(part, 'content-heading')}",
        }
        for part, errors in rest.items()
    ]
    summary = [(f"#part-{part['key']}", error) for part in parts for error in part["errors"]]
    summary += form.error_summary()
    return render(
        request,
        "tendering/publish.html",
        {
            "procurement": procurement,
            "status": procurement.status,
            "status_label": _status_label(procurement),
            "form": form,
            "parts": parts,
            "summary": summary,
            "counts": {
                "documents": procurement.documents.count(),
                "request_items": procurement.request_items.count(),
                "requirements": procurement.requirements.count(),
                "award_criteria": procurement.award_criteria.count(),
            },
        },
    )


@login_required
@require_POST
def answer(request: HttpRequest, reference: str, number: int) -> HttpResponse:
    procurement = access.buyer_procurement(_principal(request), reference, manage=True)
    question = procurement.questions.filter(number=number).first()
    if question is None:
        raise Http404
    form = forms.AnswerForm(request.POST)
    if form.is_valid() and _run(
        request,
        form,
        lambda: services.answer_question(
            question,
            principal=_principal(request),
            answer=form.cleaned_data["answer"],
            published_question=form.cleaned_data["published_question"],
            now=timezone.now,
        ),
    ):
        messages.success(request, _("The answer is published to all suppliers."))
    elif form.errors:
        ids = {"published_question": f"pq-{number}", "answer": f"answer-{number}"}
        summary = [
            (f"#{ids.get(field, f'answer-{number}')}", str(error))
            for field, errors in form.errors.items()
            for error in errors
        ]
        return _questions_page(request, reference, summary)
    return redirect("tendering:questions", reference)


@login_required
@require_POST
def correct(request: HttpRequest, reference: str) -> HttpResponse:
    procurement = access.buyer_procurement(_principal(request), reference, manage=True)
    form = forms.CorrectionForm(request.POST)
    if form.is_valid():
        changes = {
            name: value
            for name, value in form.cleaned_data.items()
            if name != "summary" and value is not None and value != getattr(procurement, name)
        }
        if _run(
            request,
            form,
            lambda: services.correct(
                procurement,
                principal=_principal(request),
                summary=form.cleaned_data["summary"],
                changes=changes,
                now=timezone.now,
            ),
        ):
            messages.success(request, _("The correction is published and suppliers are told."))
            return redirect("tendering:notice-step", reference)
    return _notice_page(request, reference, bound=("correction_form", form))


@login_required
@require_POST
def cancel(request: HttpRequest, reference: str) -> HttpResponse:
    procurement = access.buyer_procurement(_principal(request), reference, manage=True)
    form = forms.CancelForm(request.POST, auto_id="cancel-%s")
    if form.is_valid() and request.POST.get("confirmed") != "yes":
        # An irreversible step: the buyer confirms it on its own page (no script needed).
        return render(
            request,
            "tendering/confirm_cancel.html",
            {
                "procurement": procurement,
                "reason": form.cleaned_data["reason"],
                "interests": procurement.interests.count(),
            },
        )
    if form.is_valid() and _run(
        request,
        form,
        lambda: services.cancel(
            procurement,
            principal=_principal(request),
            reason=form.cleaned_data["reason"],
            now=timezone.now,
        ),
    ):
        messages.success(
            request, _("The procurement is cancelled and everyone registered is told.")
        )
    elif form.errors:
        # The page that held the form again, with an error summary on top.
        if procurement.status == ProcurementStatus.DRAFT:
            return _manage_page(request, reference, bound=("cancel", form))
        return _notice_page(request, reference, bound=("cancel_form", form))
    return redirect("tendering:manage", reference)


# --------------------------------------------------------- notifications


@login_required
@require_GET
def notifications(request: HttpRequest) -> HttpResponse:
    items = access.notifications_for(_principal(request))[:200]
    return render(request, "tendering/notifications.html", {"notifications": items})


@login_required
@require_POST
def read_notification(request: HttpRequest, notification_id: int) -> HttpResponse:
    item = access.notifications_for(_principal(request)).filter(pk=notification_id).first()
    if item is None:
        raise Http404
    services.mark_read(item, now=timezone.now())
    return redirect("tendering:notifications")


# ------------------------------------------- "my procurements" (web:procurements)


def my_procurements(principal: Principal) -> dict[str, Any]:
    """Context for the platform's "My procurements" page: the buyer's procurements
    and the procurements the user's suppliers registered interest in."""
    buying = Procurement.objects.filter(
        buyer__in=access.buyer_reader_organisations(principal)
    ).select_related("buyer")
    suppliers = access.supplier_organisations(principal)
    following = (
        Procurement.objects.filter(interests__supplier__in=suppliers)
        .select_related("buyer")
        .distinct()
    )
    return {
        "buying": list(buying.order_by("-created_at")),
        "following": list(following.order_by("-published_at")),
        "can_create": bool(access.managed_organisations(principal)),
        "now": timezone.now(),
    }
