"""Evidence: documentation requested from chosen suppliers and received.

Directive 2014/24/EU Art. 59(4); anskaffelsesforskriften § 24-6 (2).
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from heldigital.apps.accounts.access import Principal
from heldigital.apps.common import local_text, require_aware, send_on_commit
from heldigital.apps.evaluation.models import (
    EvidenceRequest,
)
from heldigital.apps.evaluation.services.base import (
    OFFICER_ROLES,
    _notify_supplier,
    _require_evaluating,
    _tender_of,
    _text,
    require_buyer_role,
)
from heldigital.apps.notifications import compose
from heldigital.apps.protocol import services as protocol
from heldigital.apps.submissions.files import FileRefused, sanitise_filename
from heldigital.apps.submissions.models import Tender
from heldigital.apps.tendering.lifecycle import StateError
from heldigital.apps.tendering.services import record_event
from heldigital.ledger import format_time


@transaction.atomic
@protocol.appends(lambda tender: tender.procurement.reference)
def request_evidence(
    tender: Tender,
    *,
    description: str,
    due_at: datetime,
    principal: Principal,
    now: datetime,
) -> EvidenceRequest:
    """Ask the supplier of ``tender`` for documentation, due at ``due_at``."""
    require_aware(now)
    require_aware(due_at)
    procurement = tender.procurement
    require_buyer_role(procurement, principal, OFFICER_ROLES, _("request evidence"))
    _require_evaluating(procurement)
    _tender_of(procurement, tender)
    description = _text(description, "description")
    if due_at <= now:
        raise ValidationError({"due_at": _("The due date must be in the future.")})
    request = EvidenceRequest.objects.create(
        tender=tender,
        description=description,
        requested_by=principal.user,
        requested_at=now,
        due_at=due_at,
    )

    def requested() -> compose.Content:
        return compose.Content(
            subject=_("%(ref)s: documentation requested") % {"ref": procurement.reference},
            paragraphs=[
                _(
                    "%(buyer)s asks %(supplier)s for documentation in the procurement below. "
                    "Upload it on the platform before the due date."
                )
                % {"buyer": procurement.buyer.name, "supplier": tender.supplier.name}
            ],
            facts=[
                (_("Procurement"), f"{procurement.reference} {procurement.title}"),
                (_("Contracting authority"), procurement.buyer.name),
                (_("Due"), local_text(due_at)),
            ],
            quotes=[(_("Documentation requested"), description)],
            action=(
                _("Upload the documentation"),
                compose.absolute(reverse("evaluation:my-letters")),
            ),
        )

    messages = _notify_supplier(
        procurement, tender.supplier, kind="evidence.requested", build=requested, now=now
    )
    record_event(
        procurement,
        "evidence.requested",
        principal,
        {
            "request": request.pk,
            "tender": str(tender.id),
            "supplier_orgnr": tender.supplier.orgnr,
            "description": description,
            "due_at": format_time(due_at),
        },
        now,
    )
    send_on_commit(messages)
    return request


MAX_EVIDENCE_BYTES = 20 * 1024 * 1024


@transaction.atomic
@protocol.appends(lambda request: request.tender.procurement.reference)
def receive_evidence(
    request: EvidenceRequest,
    *,
    principal: Principal,
    now: datetime,
    notes: str = "",
    filename: str = "",
    content: bytes | None = None,
) -> EvidenceRequest:
    """Record the receipt of the documentation (by the supplier itself or by the buyer)."""
    require_aware(now)
    tender = request.tender
    procurement = tender.procurement
    if principal.acts_for(tender.supplier):
        if not principal.is_supplier_user(tender.supplier):
            raise PermissionDenied(_("You do not act for this supplier."))
    else:
        require_buyer_role(procurement, principal, OFFICER_ROLES, _("record evidence"))
    if request.received_at is not None:
        raise StateError(_("The documentation was already received."))
    if content is not None and len(content) > MAX_EVIDENCE_BYTES:
        raise ValidationError({"content": _("The file is too large (at most 20 MB).")})
    if content is None and not notes.strip():
        raise ValidationError({"notes": _("Give a file or a note.")})
    if content is not None:
        try:
            request.filename = sanitise_filename(filename or "evidence")
        except FileRefused as exc:
            raise ValidationError({"filename": str(exc)}) from exc
    request.received_at = now
    request.received_by = principal.user
    request.notes = notes.strip()
    if content is not None:
        request.content = content
        request.sha256 = hashlib.sha256(content).hexdigest()
    request.save()
    record_event(
        procurement,
        "evidence.received",
        principal,
        {
            "request": request.pk,
            "tender": str(tender.id),
            "late": now > request.due_at,
            "sha256": request.sha256 or None,
        },
        now,
    )
    return request
