"""What each protocol event type means, in words a reader of the protocol understands.

The event type (``procurement.created``) is the stable code in the ledger; the
pages show this label first and the code beside it for the auditor.
An unknown type is shown as its code.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

EVENT_LABELS: dict[str, Promise] = {
    "procurement.created": _("Draft created"),
    "procurement.updated": _("Draft changed"),
    "lot.added": _("Lot added"),
    "request-item.added": _("Request line added"),
    "requirement.added": _("Qualification requirement added"),
    "award-criterion.added": _("Award criterion added"),
    "draft.part-removed": _("Removed from the draft"),
    "document.added": _("Document added"),
    "document.versioned": _("New version of a document"),
    "procurement.published": _("Published"),
    "procurement.corrected": _("Correction published"),
    "procurement.cancelled": _("Cancelled"),
    "notice.published": _("Notice published"),
    "notice.sending.not_sent": _("Notice not sent to a publication service"),
    "notice.sending.submitted": _("Notice sent to the publication service"),
    "notice.sending.published": _("Notice published by the publication service"),
    "notice.sending.rejected": _("Notice refused by the publication service"),
    "notice.sending.not_published": _("Notice not published by the publication service"),
    "notice.sending.failed": _("Sending the notice failed"),
    "interest.registered": _("Supplier registered interest"),
    "question.asked": _("Question received"),
    "question.answered": _("Question answered"),
    "opening-key.created": _("Opening key sealed"),
    "opening-key.resealed": _("Opening key sealed to a new deadline"),
    "tender.started": _("Tender started"),
    "tender.received": _("Tender file received"),
    "tender.submitted": _("Tender submitted"),
    "tender.change.started": _("Change of a tender started"),
    "tender.draft.discarded": _("Tender draft discarded"),
    "tender.withdrawn": _("Tender withdrawn"),
    "tender.refused": _("Tender refused"),
    "tender.read.refused": _("Reading a tender refused"),
    "opening.act": _("An opener opened"),
    "opening.refused": _("Opening refused"),
    "tenders.opened": _("Tenders opened"),
    "qualification.checked": _("Qualification checked"),
    "qualification.overridden": _("Qualification decided by the buyer"),
    "evidence.requested": _("Documentation requested"),
    "evidence.received": _("Documentation received"),
    "exclusion.proposed": _("Rejection proposed"),
    "exclusion.confirmed": _("Rejection confirmed"),
    "quality.scored": _("Quality scored"),
    "evaluation.computed": _("Evaluation computed"),
    "award.decided": _("Award decided"),
    "award.notified": _("Award letters sent"),
    "letter.sent": _("Letter sent"),
    "letter.corrected": _("Letter corrected"),
    "contract.created": _("Contract created"),
    "contract.refused": _("Contract refused"),
    "contract.confirmed": _("Contract confirmed by a party"),
    "contract.signed": _("Contract signed"),
    "contract.document_sent": _("Contract document sent through the document exchange"),
}


def event_label(event_type: str) -> str:
    """The translated label of ``event_type``; the code itself when unknown."""
    label = EVENT_LABELS.get(event_type)
    return str(label) if label is not None else event_type
