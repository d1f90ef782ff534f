"""Concluding and signing contracts (issue 4 part 7).

* :func:`conclude_contract` - only after the standstill period has ended
  (anskaffelsesforskriften § 25-2; Directive 89/665/EEC Art. 2a(2): a
  contract concluded during the standstill is ineffective, Art. 2d). One
  contract per winning supplier, its lines taken from the winning tender
  catalogue for the awarded lots (quantity × unit price, rounded per line
  with ROUND_HALF_UP as in :mod:`heldigital.decisions.scoring`).
* The contract document is a PDF (reportlab, reproducible); the platform
  signs the 32 raw bytes of its SHA-256 digest with Ed25519 (RFC 8032; the
  same key that signs tender receipts, :func:`heldigital.apps.submissions.conf.signer`).
* :func:`confirm_contract` - each party confirms the digest; both
  confirmations make the contract signed (an electronic signature in the
  sense of eIDAS Art. 3(10): the platform's signature bound to each party's
  authenticated confirmation, all in the protocol).
* :func:`send_document` - a party sends a structured business document of the
  contract (an EHF order, catalogue, invoice ...) to the other party through
  the document exchange (:func:`heldigital.apps.exchange.services.send`),
  recorded in the protocol as ``contract.document_sent``;
  :func:`contract_catalogue` is the contract's price list as a Peppol BIS
  catalogue (T19) from the supplier to the buyer, and :func:`send_catalogue`
  sends it.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from heldigital.apps.accounts.access import Principal
from heldigital.apps.accounts.models import Organisation
from heldigital.apps.common import format_local, local_day, require_aware
from heldigital.apps.contracts.models import Contract, ContractConfirmation, ContractLine, Party
from heldigital.apps.evaluation import documents
from heldigital.apps.evaluation import services as evaluation
from heldigital.apps.evaluation.models import AwardDecision
from heldigital.apps.exchange import services as exchange
from heldigital.apps.exchange.models import Document
from heldigital.apps.protocol import services as protocol
from heldigital.apps.submissions import conf
from heldigital.apps.submissions.models import FileKind
from heldigital.apps.tendering import lifecycle
from heldigital.apps.tendering.lifecycle import StateError
from heldigital.apps.tendering.models import Procurement, ProcurementStatus
from heldigital.apps.tendering.services import record_event
from heldigital.decisions import scoring
from heldigital.ehf.catalogue import Catalogue, CatalogueItem
from heldigital.ehf.common import Identifier, PartyLegalEntity, Period
from heldigital.ehf.common import Party as EhfParty
from heldigital.ledger import format_time
from heldigital.sealing import verify


def _party_lines(org: Organisation) -> str:
    address = org.address.replace("\n", ", ") if org.address else ""
    return f"{org.name}, org. no. {org.orgnr}" + (f", {address}" if address else "")


def conclude_contract(
    procurement: Procurement,
    *,
    principal: Principal,
    now: protocol.When,
    starts_on: date,
    ends_on: date,
    options: str = "",
) -> list[Contract]:
    """Create the contracts of an awarded procurement whose standstill period has ended.

    Decided under the chain's lock with the time read there
    (:func:`heldigital.apps.protocol.services.appending`). A refusal because
    the standstill has not ended is recorded in the protocol (and committed,
    although the call fails).
    """
    evaluation.require_buyer_role(procurement, principal, evaluation.OFFICER_ROLES, _("conclude"))
    if procurement.status != ProcurementStatus.STANDSTILL:
        raise StateError(
            _("Contracts are concluded after the award letters are sent (status: %(status)s).")
            % {"status": procurement.get_status_display()}
        )
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The contract cannot end before it starts.")})
    refused: StateError | None = None
    with protocol.appending(procurement.reference, clock=now) as at:
        status = evaluation.standstill_status(procurement, at)
        if not status.ended:
            assert status.ends_at is not None
            record_event(
                procurement,
                "contract.refused",
                principal,
                {"reason": "standstill", "standstill_ends_at": format_time(status.ends_at)},
                at,
            )
            refused = StateError(
                _(
                    "The standstill period ends %(end)s; the contract cannot be concluded before "
                    "(server time %(now)s)."
                )
                % {"end": format_local(status.ends_at), "now": format_local(at)}
            )
        else:
            Procurement.objects.select_for_update().filter(pk=procurement.pk).first()
            if Contract.objects.filter(procurement=procurement).exists():
                raise StateError(_("The contracts are already concluded."))
            return _create_contracts(
                procurement,
                principal=principal,
                now=at,
                starts_on=starts_on,
                ends_on=ends_on,
                options=options,
            )
    raise refused


def _create_contracts(
    procurement: Procurement,
    *,
    principal: Principal,
    now: datetime,
    starts_on: date,
    ends_on: date,
    options: str,
) -> list[Contract]:
    awards_by_tender: dict[str, list[AwardDecision]] = defaultdict(list)
    for award in AwardDecision.objects.filter(procurement=procurement).select_related(
        "winner__supplier", "lot"
    ):
        awards_by_tender[str(award.winner_id)].append(award)
    items = list(procurement.request_items.select_related("lot").order_by("position", "line_id"))
    units = {i.line_id: i.unit_code for i in items}
    contracts = []
    for index, (_tender_id, awards) in enumerate(sorted(awards_by_tender.items()), start=1):
        tender = awards[0].winner
        lots = sorted(a.lot.number for a in awards if a.lot is not None)
        content = evaluation.read_part(
            tender, FileKind.TENDER_CATALOGUE, principal=principal, now=now
        )
        if content is None:
            raise StateError(_("The winning tender has no tender catalogue."))
        prices, problems = evaluation.parse_tender_catalogue(content, units)
        if problems:
            raise StateError("; ".join(problems))
        lines = []
        for item in items:
            lot = item.lot.number if item.lot is not None else None
            if lots and lot not in lots:
                continue
            unit = prices.get(item.line_id)
            if unit is None:
                raise StateError(
                    _("The winning tender has no price for line %(id)s.") % {"id": item.line_id}
                )
            amount = (item.estimated_quantity * unit).quantize(
                scoring.CENT, rounding=scoring.ROUNDING
            )
            lines.append((lot, item, unit, amount))
        value = sum((amount for *_rest, amount in lines), Decimal("0.00"))
        number = f"{procurement.reference}-K{index}"
        sections = [
            documents.Section(
                _("Parties"),
                [
                    _("Contracting authority: %(party)s")
                    % {"party": _party_lines(procurement.buyer)},
                    _("Supplier: %(party)s") % {"party": _party_lines(tender.supplier)},
                ],
            ),
            documents.Section(
                _("Subject"),
                [
                    _("Procurement %(ref)s: %(title)s")
                    % {"ref": procurement.reference, "title": procurement.title},
                    procurement.description,
                    _("Lots: %(lots)s") % {"lots": ", ".join(map(str, lots)) or _("no lots")},
                    _("Award decided %(date)s; standstill period ended %(end)s.")
                    % {
                        "date": format_local(awards[0].decided_at),
                        "end": format_local(awards[0].standstill_ends_at or now),
                    },
                ],
            ),
            documents.Section(
                _("Items and prices (from the winning tender catalogue)"),
                [],
                [
                    [
                        _("Lot"),
                        _("Line"),
                        _("Item"),
                        _("Unit"),
                        _("Quantity"),
                        _("Unit price"),
                        _("Amount"),
                    ],
                    *[
                        [
                            str(lot or "-"),
                            i.line_id,
                            i.name,
                            i.unit_code,
                            str(i.estimated_quantity),
                            str(unit),
                            str(amount),
                        ]
                        for lot, i, unit, amount in lines
                    ],
                ],
            ),
            documents.Section(
                _("Value, period and options"),
                [
                    _("Estimated contract value: %(currency)s %(value)s excl. VAT")
                    % {"currency": procurement.currency, "value": value},
                    _("Period: %(start)s to %(end)s")
                    % {"start": starts_on.isoformat(), "end": ends_on.isoformat()},
                    _("Options: %(options)s") % {"options": options.strip() or _("none")},
                ],
            ),
        ]
        title = _("Contract %(number)s") % {"number": number}
        pdf = documents.render_pdf(title, sections, author=procurement.buyer.name, subject=title)
        digest = hashlib.sha256(pdf).digest()
        signer = conf.signer()
        contract = Contract(
            number=number,
            procurement=procurement,
            buyer=procurement.buyer,
            supplier=tender.supplier,
            tender=tender,
            lots=lots,
            starts_on=starts_on,
            ends_on=ends_on,
            options=options.strip(),
            value=value,
            currency=procurement.currency,
            created_at=now,
            created_by=principal.user,
            document_text=documents.body_text(title, sections),
            document_pdf=pdf,
            document_sha256=digest.hex(),
            signature=signer.sign(digest),
            public_key=signer.public_key,
            key_fingerprint=signer.fingerprint,
        )
        contract.save()
        contract.awards.set(awards)
        for lot, item, unit, amount in lines:
            ContractLine(
                contract=contract,
                lot=lot,
                line_id=item.line_id,
                name=item.name,
                unit_code=item.unit_code,
                quantity=item.estimated_quantity,
                unit_price=unit,
                amount=amount,
            ).save()
        record_event(
            procurement,
            "contract.created",
            principal,
            {
                "contract": number,
                "supplier_orgnr": tender.supplier.orgnr,
                "lots": lots,
                "value": str(value),
                "starts_on": starts_on.isoformat(),
                "ends_on": ends_on.isoformat(),
                "document_sha256": digest.hex(),
                "key_fingerprint": signer.fingerprint,
            },
            now,
        )
        contracts.append(contract)
    return contracts


def verify_contract(contract: Contract) -> bool:
    """Whether the stored PDF has the stored digest and the platform signature is valid."""
    pdf = bytes(contract.document_pdf)
    digest = hashlib.sha256(pdf).digest()
    return digest.hex() == contract.document_sha256 and verify(
        bytes(contract.public_key), digest, bytes(contract.signature)
    )


def _party_of(contract: Contract, principal: Principal) -> tuple[str, Organisation]:
    """The party the principal signs for: the organisation it acts for, if a party."""
    if principal.acts_for(contract.buyer):
        evaluation.require_buyer_role(
            contract.procurement, principal, evaluation.OFFICER_ROLES, _("sign")
        )
        return Party.BUYER, contract.buyer
    if principal.acts_for(contract.supplier):
        if not principal.is_supplier_user(contract.supplier):
            raise PermissionDenied(_("You do not act for this supplier."))
        return Party.SUPPLIER, contract.supplier
    raise PermissionDenied(_("You are not a party to this contract."))


@transaction.atomic
@protocol.appends(lambda contract: contract.procurement.reference)
def confirm_contract(contract: Contract, *, principal: Principal, now: datetime) -> Contract:
    """A party confirms the contract document; with both confirmations it is signed."""
    require_aware(now)
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    party, organisation = _party_of(contract, principal)
    if contract.confirmations.filter(party=party).exists():
        raise StateError(_("Your party has already confirmed this contract."))
    if not verify_contract(contract):
        raise StateError(_("The contract document does not match its signed digest."))
    ContractConfirmation(
        contract=contract,
        party=party,
        organisation=organisation,
        user=principal.user,
        confirmed_at=now,
        document_sha256=contract.document_sha256,
    ).save()
    procurement = contract.procurement
    record_event(
        procurement,
        "contract.confirmed",
        principal,
        {"contract": contract.number, "party": party, "document_sha256": contract.document_sha256},
        now,
    )
    if contract.confirmations.count() == len(Party.values):
        contract.set_once(signed_at=now)
        signed = {"contract": contract.number, "document_sha256": contract.document_sha256}
        if Contract.objects.filter(procurement=procurement, signed_at__isnull=True).exists():
            record_event(procurement, "contract.signed", None, signed, now)
        else:  # the last contract signed concludes the procurement
            lifecycle.transition(
                procurement,
                ProcurementStatus.CONCLUDED,
                principal=None,
                now=now,
                payload=signed,
            )
    return contract


def contracts_for_supplier(supplier: Organisation) -> list[Contract]:
    return list(Contract.objects.filter(supplier=supplier).select_related("procurement"))


@transaction.atomic
@protocol.appends(lambda contract: contract.procurement.reference)
def send_document(
    contract: Contract, *, principal: Principal, payload: bytes, now: datetime
) -> Document:
    """Send ``payload`` (an EHF / Peppol BIS document) to the contract's other party.

    The principal acts for one party (the buyer's officers, the supplier's
    users); the document goes from that organisation to the other party's
    participant ``0192:<orgnr>`` through the document exchange: into its inbox
    when it is on the platform, else through the access point. An invalid
    document is refused (:class:`heldigital.apps.exchange.services.DocumentRefused`)
    and nothing is sent or recorded.
    """
    require_aware(now)
    party, organisation = _party_of(contract, principal)
    other = contract.supplier if party == Party.BUYER else contract.buyer
    sent = exchange.send(
        organisation=organisation,
        payload=payload,
        receiver=other.peppol_participant,
        now=now,
        actor=principal.actor,
        reference=f"contract:{contract.number}",
    )
    record_event(
        contract.procurement,
        "contract.document_sent",
        principal,
        {
            "contract": contract.number,
            "party": party,
            "document": str(sent.pk),
            "document_type": sent.document_type,
            "receiver": sent.receiver,
            "payload_sha256": sent.payload_sha256,
        },
        now,
    )
    return sent


def _ehf_party(organisation: Organisation) -> EhfParty:
    return EhfParty(
        endpoint_id=Identifier(organisation.orgnr, scheme_id="0192"),
        party_legal_entity=(PartyLegalEntity(registration_name=organisation.name),),
    )


def contract_catalogue(contract: Contract) -> bytes:
    """The contract's items and prices as a Peppol BIS Catalogue (T19), supplier to buyer.

    One catalogue line per contract line (its id prefixed with the lot number when
    the contract has lots), with the unit, the net unit price and the estimated
    quantity; valid for the contract period; ``ContractReference`` the contract
    number. Deterministic: the same contract gives the same bytes.
    """
    lines = list(contract.lines.order_by("lot", "id"))
    items = [
        CatalogueItem(
            id=f"{line.lot}-{line.line_id}" if line.lot is not None else line.line_id,
            description=line.name,
            unit=line.unit_code,
            quantity=line.quantity,
            price=line.unit_price,
        )
        for line in lines
    ]
    catalogue = Catalogue.from_items(
        id=contract.number,
        name=f"Kontrakt {contract.number}",
        issue_date=local_day(contract.created_at),
        provider=_ehf_party(contract.supplier),
        receiver=_ehf_party(contract.buyer),
        items=items,
        currency=contract.currency,
        validity=Period(start_date=contract.starts_on, end_date=contract.ends_on),
        contract_id=contract.number,
    )
    return catalogue.to_xml()


def send_catalogue(contract: Contract, *, principal: Principal, now: datetime) -> Document:
    """The supplier sends the contract's catalogue (:func:`contract_catalogue`) to the buyer."""
    if not principal.acts_for(contract.supplier):
        raise PermissionDenied(_("The supplier sends the contract's catalogue."))
    return send_document(
        contract, principal=principal, payload=contract_catalogue(contract), now=now
    )
