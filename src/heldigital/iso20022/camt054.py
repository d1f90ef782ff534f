"""Bank notifications: reading ISO 20022 ``camt.054.001.08``.

Message: BankToCustomerDebitCreditNotificationV08 (ISO 20022 message
definition ``camt.054.001.08``, 2019 maintenance release; schema
``urn:iso:std:iso:20022:tech:xsd:camt.054.001.08``): the bank tells the
account owner which amounts were booked to or from the account. It is the
notification of the same release as ``pain.001.001.09``, the pairing the
CGI-MP guidelines use; other versions (``camt.054.001.02`` of the 2009
release) are refused with a message that names the version found.

Only booked entries (``Sts/Cd`` = ``BOOK``) become :class:`BookedTransaction`
objects; pending and information-only entries are counted and left out. A
transaction carries the end-to-end id of the payment order (which
:func:`heldigital.iso20022.pain001.end_to_end_id` derives from the invoice),
the structured creditor reference (KID or ``RF``) and the unstructured
remittance lines, the amount (Decimal, as written), the credit/debit
indicator and the booking date. Every parse goes through :mod:`heldigital.xml`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from lxml import etree

from heldigital.iso20022.common import PaymentError
from heldigital.xml import parse

__all__ = ["CAMT054_NS", "BookedTransaction", "Notification", "read_notification"]

CAMT054_NS = "urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"
_NS = {"c": CAMT054_NS}
_NOT_PROVIDED = "NOTPROVIDED"


@dataclass(frozen=True)
class BookedTransaction:
    """One booked credit (``CRDT``) or debit (``DBIT``) on ``account``."""

    account: str
    credit_debit: str
    amount: Decimal
    currency: str
    booking_date: date
    value_date: date | None
    end_to_end_id: str | None
    reference: str | None
    remittance: tuple[str, ...]
    account_servicer_reference: str | None
    reversal: bool

    @property
    def is_debit(self) -> bool:
        return self.credit_debit == "DBIT"


@dataclass(frozen=True)
class Notification:
    """A read ``camt.054.001.08`` document: its message id and creation time,
    the booked transactions in document order, and how many entries were not
    booked (pending or information only)."""

    message_id: str
    created: datetime
    transactions: tuple[BookedTransaction, ...]
    not_booked: int

    def by_end_to_end_id(self, end_to_end_id: str) -> tuple[BookedTransaction, ...]:
        return tuple(t for t in self.transactions if t.end_to_end_id == end_to_end_id)


def _text(element: etree._Element, path: str) -> str | None:
    found = element.find(path, _NS)
    if found is None or found.text is None:
        return None
    return found.text.strip()


def _required(element: etree._Element, path: str, what: str) -> str:
    value = _text(element, path)
    if not value:
        line = element.sourceline
        raise PaymentError(f"camt.054 line {line}: {what} ({path}) is missing")
    return value


def _amount(element: etree._Element) -> tuple[Decimal, str]:
    try:
        amount = Decimal((element.text or "").strip())
    except InvalidOperation:
        raise PaymentError(
            f"camt.054 line {element.sourceline}: {element.text!r} is no amount"
        ) from None
    currency = element.get("Ccy")
    if not currency:
        raise PaymentError(f"camt.054 line {element.sourceline}: the amount has no currency")
    return amount, currency


def _date(element: etree._Element, path: str) -> date | None:
    day = _text(element, f"{path}/c:Dt")
    if day:
        return date.fromisoformat(day)
    moment = _text(element, f"{path}/c:DtTm")
    return datetime.fromisoformat(moment).date() if moment else None


def _account(notification: etree._Element) -> str:
    return (
        _text(notification, "c:Acct/c:Id/c:IBAN")
        or _text(notification, "c:Acct/c:Id/c:Othr/c:Id")
        or ""
    )


def read_notification(data: bytes, *, source: str | None = None) -> Notification:
    """Read a ``camt.054.001.08`` document (bytes) into a :class:`Notification`."""
    root = parse(data, source=source).getroot()
    namespace = etree.QName(root).namespace
    if namespace != CAMT054_NS:
        raise PaymentError(f"expected a camt.054.001.08 document, found namespace {namespace!r}")
    body = root.find("c:BkToCstmrDbtCdtNtfctn", _NS)
    if body is None:
        raise PaymentError("camt.054: no BkToCstmrDbtCdtNtfctn element")
    message_id = _required(body, "c:GrpHdr/c:MsgId", "the message id")
    created = datetime.fromisoformat(_required(body, "c:GrpHdr/c:CreDtTm", "the creation time"))
    transactions: list[BookedTransaction] = []
    not_booked = 0
    for notification in body.iterfind("c:Ntfctn", _NS):
        account = _account(notification)
        for entry in notification.iterfind("c:Ntry", _NS):
            if _text(entry, "c:Sts/c:Cd") != "BOOK":
                not_booked += 1
                continue
            booking_date = _date(entry, "c:BookgDt")
            if booking_date is None:
                raise PaymentError(
                    f"camt.054 line {entry.sourceline}: a booked entry needs BookgDt"
                )
            entry_amount_element = entry.find("c:Amt", _NS)
            if entry_amount_element is None:
                raise PaymentError(f"camt.054 line {entry.sourceline}: the entry has no amount")
            entry_amount = _amount(entry_amount_element)
            entry_sign = _required(entry, "c:CdtDbtInd", "the credit/debit indicator")
            common = {
                "account": account,
                "booking_date": booking_date,
                "value_date": _date(entry, "c:ValDt"),
                "reversal": _text(entry, "c:RvslInd") == "true",
            }
            details = entry.findall("c:NtryDtls/c:TxDtls", _NS)
            if not details:
                transactions.append(
                    BookedTransaction(
                        credit_debit=entry_sign,
                        amount=entry_amount[0],
                        currency=entry_amount[1],
                        end_to_end_id=None,
                        reference=None,
                        remittance=(),
                        account_servicer_reference=_text(entry, "c:AcctSvcrRef"),
                        **common,  # type: ignore[arg-type]
                    )
                )
                continue
            for tx in details:
                amount_element = tx.find("c:Amt", _NS)
                if amount_element is not None:
                    amount, currency = _amount(amount_element)
                elif len(details) == 1:
                    amount, currency = entry_amount
                else:
                    raise PaymentError(
                        f"camt.054 line {tx.sourceline}: a batch transaction needs its own amount"
                    )
                e2e = _text(tx, "c:Refs/c:EndToEndId")
                transactions.append(
                    BookedTransaction(
                        credit_debit=_text(tx, "c:CdtDbtInd") or entry_sign,
                        amount=amount,
                        currency=currency,
                        end_to_end_id=None if e2e in (None, _NOT_PROVIDED) else e2e,
                        reference=_text(tx, "c:RmtInf/c:Strd/c:CdtrRefInf/c:Ref"),
                        remittance=tuple(
                            (u.text or "").strip() for u in tx.iterfind("c:RmtInf/c:Ustrd", _NS)
                        ),
                        account_servicer_reference=_text(tx, "c:Refs/c:AcctSvcrRef")
                        or _text(entry, "c:AcctSvcrRef"),
                        **common,  # type: ignore[arg-type]
                    )
                )
    return Notification(message_id, created, tuple(transactions), not_booked)
