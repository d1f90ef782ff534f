"""Letters to suppliers: send and correct (Art. 55(2); § 25-1)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from heldigital.apps.accounts.access import Principal
from heldigital.apps.accounts.models import (
    Organisation,
    User,
)
from heldigital.apps.common import format_local, send_on_commit
from heldigital.apps.evaluation import documents
from heldigital.apps.evaluation.models import (
    Letter,
)
from heldigital.apps.evaluation.services.base import (
    OFFICER_ROLES,
    _notify_supplier,
    _text,
    require_buyer_role,
)
from heldigital.apps.notifications import compose
from heldigital.apps.protocol import services as protocol
from heldigital.apps.submissions.models import Tender
from heldigital.apps.tendering.lifecycle import StateError
from heldigital.apps.tendering.models import (
    Procurement,
)
from heldigital.apps.tendering.services import record_event


def _make_letter(
    procurement: Procurement,
    *,
    kind: str,
    supplier: Organisation,
    tender: Tender | None,
    title: str,
    sections: Sequence[documents.Section],
    user: User,
    now: datetime,
    corrects: Letter | None = None,
) -> Letter:
    body = documents.body_text(title, sections)
    pdf = documents.render_pdf(title, sections, author=procurement.buyer.name, subject=title)
    letter = Letter(
        procurement=procurement,
        kind=kind,
        supplier=supplier,
        tender=tender,
        subject=title,
        body=body,
        content={"language": get_language(), "sections": documents.as_data(sections)},
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        corrects=corrects,
        created_at=now,
        created_by=user,
    )
    letter.save()
    return letter


def _letter_head(procurement: Procurement, supplier: Organisation, now: datetime) -> list[str]:
    return [
        _("From: %(buyer)s (org. no. %(orgnr)s)")
        % {"buyer": procurement.buyer.name, "orgnr": procurement.buyer.orgnr},
        _("To: %(supplier)s (org. no. %(orgnr)s)")
        % {"supplier": supplier.name, "orgnr": supplier.orgnr},
        _("Procurement: %(ref)s %(title)s")
        % {"ref": procurement.reference, "title": procurement.title},
        _("Date: %(date)s") % {"date": format_local(now)},
    ]


def letter_email(letter: Letter) -> compose.Content:
    """The e-mail carrying ``letter``: a note in the reader's language, then the letter
    itself as written (headings, tables), and the link to the supplier's letters."""
    procurement = letter.procurement
    stored = letter.content or {}
    sections = [
        compose.Section(
            part["heading"],
            part["paragraphs"],
            compose.Table(part["table"][0], part["table"][1:]) if part["table"] else None,
        )
        for part in stored.get("sections", [])
    ] or [compose.Section("", [p for p in letter.body.split("\n\n") if p.strip()][1:])]
    return compose.Content(
        subject=letter.subject,
        paragraphs=[
            _(
                "%(buyer)s has sent your organisation a letter in procurement %(ref)s "
                "%(title)s. The letter follows; it is also attached as a PDF document and "
                "kept with your letters on the platform."
            )
            % {
                "buyer": procurement.buyer.name,
                "ref": procurement.reference,
                "title": procurement.title,
            }
        ],
        sections=sections,
        sections_language=str(stored.get("language", "")),
        action=(_("Read your letters"), compose.absolute(reverse("evaluation:my-letters"))),
    )


@protocol.appends(lambda letter: letter.procurement.reference)
def send_letter(letter: Letter, *, principal: Principal, now: datetime) -> Letter:
    """Send one letter: platform notification and e-mail (with the PDF) to its supplier only."""
    procurement = letter.procurement
    require_buyer_role(procurement, principal, OFFICER_ROLES, _("send letters"))
    if letter.sent_at is not None:
        raise StateError(_("The letter was already sent."))
    with transaction.atomic():
        letter.set_once(sent_at=now, sent_by=principal.user)
        messages = _notify_supplier(
            procurement,
            letter.supplier,
            kind=f"letter.{letter.kind}",
            build=lambda: letter_email(letter),
            template="letter",
            now=now,
            attachment=(f"{letter.kind}-{letter.pk}.pdf", bytes(letter.pdf), "application/pdf"),
        )
        record_event(
            procurement,
            "letter.sent",
            principal,
            {
                "letter": letter.pk,
                "kind": letter.kind,
                "supplier_orgnr": letter.supplier.orgnr,
                "sha256": letter.sha256,
                "corrects": letter.corrects_id,
            },
            now,
        )
        send_on_commit(messages)
    return letter


@protocol.appends(lambda letter: letter.procurement.reference)
def correct_letter(letter: Letter, *, text: str, principal: Principal, now: datetime) -> Letter:
    """A correction is a new letter naming the one it corrects (which stays as it was)."""
    procurement = letter.procurement
    require_buyer_role(procurement, principal, OFFICER_ROLES, _("correct letters"))
    text = _text(text, "text")
    with transaction.atomic():
        title = _("Correction: %(subject)s") % {"subject": letter.subject}
        sections = [
            documents.Section("", _letter_head(procurement, letter.supplier, now)),
            documents.Section(
                _("Correction"),
                [
                    _("This letter corrects our letter of %(date)s (SHA-256 %(sha)s).")
                    % {"date": format_local(letter.created_at), "sha": letter.sha256},
                    text,
                ],
            ),
        ]
        new = _make_letter(
            procurement,
            kind=letter.kind,
            supplier=letter.supplier,
            tender=letter.tender,
            title=title,
            sections=sections,
            user=principal.user,
            now=now,
            corrects=letter,
        )
        record_event(
            procurement,
            "letter.corrected",
            principal,
            {"letter": new.pk, "corrects": letter.pk, "sha256": new.sha256},
            now,
        )
    return new


def letters_for_supplier(supplier: Organisation) -> list[Letter]:
    """The sent letters addressed to ``supplier`` - never another supplier's."""
    return list(
        Letter.objects.filter(supplier=supplier, sent_at__isnull=False)
        .select_related("procurement")
        .order_by("-sent_at", "-id")
    )
