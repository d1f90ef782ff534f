"""Payment orders to the bank: ISO 20022 ``pain.001.001.09``.

Message: CustomerCreditTransferInitiationV09 (ISO 20022 message definition
``pain.001.001.09``, 2019 maintenance release; schema
``urn:iso:std:iso:20022:tech:xsd:pain.001.001.09``), in the use the
Common Global Implementation (CGI-MP) guidelines describe for supplier
payments. Two kinds of credit transfer are written:

* **NOK domestic** - creditor account a Norwegian account number (11 digits,
  MOD11, python-stdnum ``no.kontonr``) given as ``Othr/Id`` with scheme
  ``BBAN``; a KID goes as structured remittance
  (``RmtInf/Strd/CdtrRefInf``, type code ``SCOR``), otherwise the invoice
  number as unstructured text. Service level ``NURG``.
* **EUR SEPA** - creditor account an IBAN of the SEPA zone, creditor agent a
  BIC (both checked by schwifty; the BIC is looked up from the IBAN when not
  given), service level ``SEPA``, charges ``SLEV``; an ISO 11649 ``RF``
  creditor reference as structured remittance.

Transfers are batched into one payment information block (``PmtInf``) per
debtor account, requested execution date and kind. Identifiers are
deterministic: the end-to-end id is derived from the invoice's key alone
(:func:`end_to_end_id`), so a ``camt.054`` notification leads back to the
invoice; the message id from the content, so writing the same order twice
gives the same ``MsgId`` (which the bank refuses as a duplicate). An invoice
is in at most one payment order: keys already ordered are refused
(:class:`AlreadyOrdered`), and so is a key given twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal

from lxml import etree

from heldigital.iso20022.common import (
    PaymentError,
    bic_for,
    money,
    norwegian_account,
    validate_bic,
    validate_iban,
    validate_kid,
    validate_rf_reference,
)

__all__ = [
    "PAIN001_NS",
    "AlreadyOrdered",
    "CreditTransfer",
    "Debtor",
    "PaymentBatch",
    "PaymentOrder",
    "build_payment_order",
    "end_to_end_id",
]

PAIN001_NS = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"

#: The two kinds of transfer, with the service level each is sent under.
NOK_DOMESTIC = "NOK-DOMESTIC"
EUR_SEPA = "EUR-SEPA"
_SERVICE_LEVEL = {NOK_DOMESTIC: "NURG", EUR_SEPA: "SEPA"}


class AlreadyOrdered(PaymentError):
    """One or more invoices are already in a payment order (``keys``)."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.keys = tuple(sorted(keys))
        super().__init__("already in a payment order: " + ", ".join(self.keys))


def end_to_end_id(invoice_key: str) -> str:
    """The end-to-end id of the payment of the invoice ``invoice_key``: ``HD``
    and 30 hex digits of its SHA-256, so the same invoice always gets the same id
    (Max35Text; the bank returns it in ``camt.054``)."""
    if not invoice_key:
        raise PaymentError("an invoice key is needed for the end-to-end id")
    return "HD" + hashlib.sha256(invoice_key.encode()).hexdigest()[:30].upper()


@dataclass(frozen=True)
class Debtor:
    """The paying body and the account it pays from (a Norwegian account number
    or an IBAN); ``bic`` of its bank, looked up from the account when not given."""

    name: str
    account: str
    bic: str | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise PaymentError("the debtor needs a name")
        compact = self.account.replace(" ", "").replace(".", "")
        if compact.isdigit():
            object.__setattr__(self, "account", norwegian_account(compact))
        else:
            object.__setattr__(self, "account", str(validate_iban(compact).compact))
        bic = validate_bic(self.bic) if self.bic else bic_for(self.account)
        object.__setattr__(self, "bic", bic)


@dataclass(frozen=True)
class CreditTransfer:
    """One invoice to pay.

    ``invoice_key`` identifies the invoice on the platform (unique; the same key
    is never ordered twice); ``amount`` in ``currency`` (NOK or EUR, Decimal,
    rounded with :data:`~heldigital.iso20022.common.MONEY_ROUNDING`);
    ``kid`` (NOK) or ``creditor_reference`` (ISO 11649 ``RF``, EUR or NOK) as
    structured remittance, else ``message`` (e.g. the invoice number) as text.
    """

    invoice_key: str
    debtor: Debtor
    creditor_name: str
    creditor_account: str
    amount: Decimal
    currency: str
    execution_date: date
    kid: str | None = None
    creditor_reference: str | None = None
    message: str | None = None
    creditor_bic: str | None = None
    kind: str = field(init=False)

    def __post_init__(self) -> None:
        if not self.creditor_name.strip():
            raise PaymentError(f"{self.invoice_key}: the creditor needs a name")
        amount = money(self.amount, self.currency)
        if amount <= 0:
            raise PaymentError(f"{self.invoice_key}: amount {amount} must be positive")
        object.__setattr__(self, "amount", amount)
        account = self.creditor_account.replace(" ", "").replace(".", "")
        if self.currency == "NOK":
            kind = NOK_DOMESTIC
            if account.isdigit():
                account = norwegian_account(account)
            else:
                iban = validate_iban(account)
                if iban.country_code != "NO":
                    raise PaymentError(
                        f"{self.invoice_key}: a NOK domestic payment goes to a Norwegian account"
                    )
                account = str(iban.compact)
        else:
            kind = EUR_SEPA
            iban = validate_iban(account)
            if not iban.in_sepa_zone:
                raise PaymentError(f"{self.invoice_key}: {iban.country_code} is outside SEPA")
            account = str(iban.compact)
            if self.kid:
                raise PaymentError(f"{self.invoice_key}: KID is a Norwegian (NOK) reference")
            bic = validate_bic(self.creditor_bic) if self.creditor_bic else bic_for(account)
            object.__setattr__(self, "creditor_bic", bic)
        object.__setattr__(self, "creditor_account", account)
        object.__setattr__(self, "kind", kind)
        if self.kid:
            object.__setattr__(self, "kid", validate_kid(self.kid))
        if self.creditor_reference:
            reference = validate_rf_reference(self.creditor_reference)
            object.__setattr__(self, "creditor_reference", reference)
        if self.kid and self.creditor_reference:
            raise PaymentError(f"{self.invoice_key}: give a KID or a creditor reference, not both")

    @property
    def end_to_end_id(self) -> str:
        """See :func:`end_to_end_id`."""
        return end_to_end_id(self.invoice_key)

    @property
    def batch_key(self) -> tuple[str, date, str]:
        """Transfers with the same key share a payment information block."""
        return (self.debtor.account, self.execution_date, self.kind)


@dataclass(frozen=True)
class PaymentBatch:
    """One ``PmtInf`` block: its id, key and transfers (sorted by end-to-end id)."""

    payment_information_id: str
    debtor: Debtor
    execution_date: date
    kind: str
    transfers: tuple[CreditTransfer, ...]

    @property
    def control_sum(self) -> Decimal:
        return sum((t.amount for t in self.transfers), Decimal(0))


@dataclass(frozen=True)
class PaymentOrder:
    """A written payment order: the ``pain.001.001.09`` document and what it holds."""

    message_id: str
    created: datetime
    batches: tuple[PaymentBatch, ...]
    xml: bytes

    @property
    def end_to_end_ids(self) -> dict[str, str]:
        """Invoice key to end-to-end id, for every transfer in the order."""
        return {t.invoice_key: t.end_to_end_id for b in self.batches for t in b.transfers}

    @property
    def control_sum(self) -> Decimal:
        return sum((b.control_sum for b in self.batches), Decimal(0))


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest().upper()


def build_payment_order(
    initiating_party: str,
    transfers: Iterable[CreditTransfer],
    *,
    created: datetime,
    already_ordered: Collection[str] = (),
) -> PaymentOrder:
    """Write a ``pain.001.001.09`` payment order for ``transfers``.

    ``initiating_party`` is the name in the group header; ``created`` (aware)
    the creation time, written in UTC. ``already_ordered`` are the invoice keys
    that are in an earlier payment order: any of them, or a key given twice,
    raises :class:`AlreadyOrdered` and nothing is written.
    """
    items = list(transfers)
    if not items:
        raise PaymentError("a payment order needs at least one transfer")
    if created.tzinfo is None:
        raise PaymentError("the creation time must be timezone-aware")
    keys = [t.invoice_key for t in items]
    repeated = {k for k in keys if keys.count(k) > 1}
    ordered = set(already_ordered).intersection(keys)
    if repeated or ordered:
        raise AlreadyOrdered(repeated | ordered)

    grouped: dict[tuple[str, date, str], list[CreditTransfer]] = {}
    for transfer in items:
        grouped.setdefault(transfer.batch_key, []).append(transfer)
    content = sorted(
        (t.invoice_key, t.amount, t.currency, t.debtor.account, t.execution_date) for t in items
    )
    message_id = "HD" + _digest(*content)[:30]
    batches = []
    for key in sorted(grouped):
        members = tuple(sorted(grouped[key], key=lambda t: t.end_to_end_id))
        batches.append(
            PaymentBatch(
                payment_information_id="P" + _digest(message_id, *key)[:30],
                debtor=members[0].debtor,
                execution_date=key[1],
                kind=key[2],
                transfers=members,
            )
        )
    created_utc = created.astimezone(UTC).replace(microsecond=0)
    xml = _write(message_id, created_utc, initiating_party, batches)
    return PaymentOrder(message_id, created_utc, tuple(batches), xml)


def _sub(
    parent: etree._Element, tag: str, text: str | None = None, **attrib: str
) -> etree._Element:
    element = etree.SubElement(parent, f"{{{PAIN001_NS}}}{tag}", attrib)
    if text is not None:
        element.text = text
    return element


def _path(parent: etree._Element, path: str, text: str | None = None) -> etree._Element:
    """Make the chain ``A/B/C`` under ``parent``; ``text`` goes into the last."""
    element = parent
    tags = path.split("/")
    for tag in tags[:-1]:
        element = _sub(element, tag)
    return _sub(element, tags[-1], text)


def _account(parent: etree._Element, tag: str, account: str) -> None:
    ident = _path(parent, f"{tag}/Id")
    if account.isdigit():
        othr = _sub(ident, "Othr")
        _sub(othr, "Id", account)
        _path(othr, "SchmeNm/Cd", "BBAN")
    else:
        _sub(ident, "IBAN", account)


def _agent(parent: etree._Element, tag: str, bic: str | None) -> None:
    institution = _path(parent, f"{tag}/FinInstnId")
    if bic:
        _sub(institution, "BICFI", bic)
    else:
        _path(institution, "Othr/Id", "NOTPROVIDED")


def _structured(parent: etree._Element, reference: str) -> None:
    info = _path(parent, "Strd/CdtrRefInf")
    _path(info, "Tp/CdOrPrtry/Cd", "SCOR")
    _sub(info, "Ref", reference)


def _write(
    message_id: str, created: datetime, initiating_party: str, batches: list[PaymentBatch]
) -> bytes:
    root = etree.Element(f"{{{PAIN001_NS}}}Document", nsmap={None: PAIN001_NS})  # type: ignore[dict-item]
    initiation = _sub(root, "CstmrCdtTrfInitn")
    header = _sub(initiation, "GrpHdr")
    _sub(header, "MsgId", message_id)
    _sub(header, "CreDtTm", created.isoformat())
    _sub(header, "NbOfTxs", str(sum(len(b.transfers) for b in batches)))
    _sub(header, "CtrlSum", str(sum((b.control_sum for b in batches), Decimal(0))))
    _path(header, "InitgPty/Nm", initiating_party[:140])
    for batch in batches:
        info = _sub(initiation, "PmtInf")
        _sub(info, "PmtInfId", batch.payment_information_id)
        _sub(info, "PmtMtd", "TRF")
        _sub(info, "NbOfTxs", str(len(batch.transfers)))
        _sub(info, "CtrlSum", str(batch.control_sum))
        kind = _sub(info, "PmtTpInf")
        _path(kind, "SvcLvl/Cd", _SERVICE_LEVEL[batch.kind])
        _path(kind, "CtgyPurp/Cd", "SUPP")
        _path(info, "ReqdExctnDt/Dt", batch.execution_date.isoformat())
        _path(info, "Dbtr/Nm", batch.debtor.name[:140])
        _account(info, "DbtrAcct", batch.debtor.account)
        _agent(info, "DbtrAgt", batch.debtor.bic)
        if batch.kind == EUR_SEPA:
            _sub(info, "ChrgBr", "SLEV")
        for transfer in batch.transfers:
            tx = _sub(info, "CdtTrfTxInf")
            _path(tx, "PmtId/EndToEndId", transfer.end_to_end_id)
            _path(tx, "Amt/InstdAmt", str(transfer.amount)).set("Ccy", transfer.currency)
            if batch.kind == EUR_SEPA:
                _agent(tx, "CdtrAgt", transfer.creditor_bic)
            _path(tx, "Cdtr/Nm", transfer.creditor_name[:140])
            _account(tx, "CdtrAcct", transfer.creditor_account)
            remittance = _sub(tx, "RmtInf")
            reference = transfer.kid or transfer.creditor_reference
            if reference:
                _structured(remittance, reference)
            else:
                _sub(remittance, "Ustrd", (transfer.message or transfer.invoice_key)[:140])
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
