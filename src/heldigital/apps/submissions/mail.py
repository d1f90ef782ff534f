"""The supplier's own confirmations by e-mail: tender received, tender withdrawn.

Sent after the submission's transaction commits, to the supplier only (its
supplier users and its own address, each in their language), with a platform
notification, linking to the tender page where the receipt is
(heldigital.apps.notifications). Nothing here runs under the protocol's lock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.utils.translation import gettext as _

from heldigital.apps.common import local_text, send_on_commit
from heldigital.apps.notifications import compose
from heldigital.apps.submissions.models import Tender
from heldigital.apps.tendering import services as tendering
from heldigital.apps.tendering.models import Procurement


def _received(procurement: Procurement, tender: Tender, at: datetime) -> compose.Content:
    return compose.Content(
        subject=_("Tender received: %(ref)s %(title)s")
        % {"ref": procurement.reference, "title": procurement.title},
        paragraphs=[
            _(
                "Your tender is received. The time of receipt below is the one on your "
                "signed receipt; the tender stays sealed until the opening. You may change "
                "or withdraw it until the deadline."
            )
        ],
        facts=[
            *tendering.procurement_facts(procurement),
            (_("Time of receipt"), local_text(at)),
            (_("Tender deadline"), local_text(procurement.tender_deadline))
            if procurement.tender_deadline
            else (_("Tender deadline"), "-"),
            (_("Tender"), str(tender.id)),
        ],
        action=(
            _("See your tender and receipt"),
            tendering.page("submissions:tender", procurement),
        ),
    )


def _withdrawn(procurement: Procurement, tender: Tender, at: datetime) -> compose.Content:
    return compose.Content(
        subject=_("Tender withdrawn: %(ref)s %(title)s")
        % {"ref": procurement.reference, "title": procurement.title},
        paragraphs=[
            _(
                "Your tender is withdrawn and will not be opened or evaluated. You may "
                "submit a new tender until the deadline."
            )
        ],
        facts=[
            *tendering.procurement_facts(procurement),
            (_("Withdrawn"), local_text(at)),
            (_("Tender"), str(tender.id)),
        ],
        action=(_("Open your tender"), tendering.page("submissions:tender", procurement)),
    )


def _send(
    kind: str,
    tender: Tender,
    at: datetime,
    make: Callable[[Procurement, Tender, datetime], compose.Content],
) -> None:
    procurement = Procurement.objects.select_related("buyer").get(pk=tender.procurement_id)
    send_on_commit(
        tendering.notify_organisations(
            procurement,
            [tendering.Recipient(tender.supplier, ())],
            kind=kind,
            build=lambda: make(procurement, tender, at),
            now=at,
        )
    )


def tender_received(tender: Tender, at: datetime) -> None:
    """Confirm a submitted tender to its supplier (time of receipt ``at``)."""
    _send("tender.received", tender, at, _received)


def tender_withdrawn(tender: Tender, at: datetime) -> None:
    """Confirm a withdrawal to the supplier."""
    _send("tender.withdrawn", tender, at, _withdrawn)
