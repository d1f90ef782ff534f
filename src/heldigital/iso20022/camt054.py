"""Bank notifications: reading ISO 20022 ``camt.054.001.08``.

Message: BankToCustomerDebitCreditNotificationV08 (ISO 20022 message
definition ``camt.054.001.08``, 2019 maintenance release; schema
``urn:iso:std:iso:20022:tech:xsd:camt.054.001.08``): the bank tells the
account owner which amounts were booked to or from the account. It is the
notification of the same release as ``pain.001.001.09``, the pairing the
CGI-MP guidelines use. Version ``camt.054.001.02`` (V02, 2009 release), which
banks still deliver to customers that have not moved on, is read too: there
the status is ``Sts`` itself (not ``Sts/Cd``) and a transaction's amount is
in ``AmtDtls``. Any other version is refused with a message naming it.

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
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from lxml import etree

from heldigital.iso20022.common import PaymentError
from heldigital.xml import parse

__all__ = [
    "CAMT054_NS",
    "CAMT054_V02_NS",
    "BookedTransaction",
    "Notification",
    "read_notification",
]

CAMT054_NS = "urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"
CAMT054_V02_NS = "urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"
_NOT_PROVIDED = "NOTPROVIDED"
#: A creation time written without an offset is the bank's local (Norwegian) time.
BANK_TIME_ZONE = ZoneInfo("Europe/Oslo")


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
    """A read ``camt.054`` document: its message id and creation time (UTC;
    written without an offset it is taken as Norwegian time),
    the booked transactions in document order, and how many entries were not
    booked (pending or information only)."""

    message_id: str
    created: datetime
    transactions: tuple[BookedTransaction, ...]
    not_booked: int

    def by_end_to_end_id(self, end_to_end_id: str) -> tuple[BookedTransaction, ...]:
        return tuple(t for t in self.transactions if t.end_to_end_id == end_to_end_id)


def _ns(element: etree._Element) -> dict[str, str]:
    return {"c": etree.QName(element).namespace or ""}


def _text(element: etree._Element, path: str) -> str | None:
    found = element.find(path, _ns(element))
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
    if namespace not in (CAMT054_NS, CAMT054_V02_NS):
        raise PaymentError(
            f"expected a camt.054.001.08 (or .02) document, found namespace {namespace!r}"
        )
    ns = {"c": namespace}
    body = root.find("c:BkToCstmrDbtCdtNtfctn", ns)
    if body is None:
        raise PaymentError("camt.054: no BkToCstmrDbtCdtNtfctn element")
    message_id = _required(body, "c:GrpHdr/c:MsgId", "the message id")
    created = datetime.fromisoformat(_required(body, "c:GrpHdr/c:CreDtTm", "the creation time"))
    if created.tzinfo is None:
        created = created.replace(tzinfo=BANK_TIME_ZONE)
    created = created.astimezone(UTC)
    transactions: list[BookedTransaction] = []
    not_booked = 0
    for notification in body.iterfind("c:Ntfctn", ns):
        account = _account(notification)
        for entry in notification.iterfind("c:Ntry", ns):
            if (_text(entry, "c:Sts/c:Cd") or _text(entry, "c:Sts")) != "BOOK":
                not_booked += 1
                continue
            booking_date = _date(entry, "c:BookgDt")
            if booking_date is None:
                raise PaymentError(
                    f"camt.054 line {entry.sourceline}: a booked entry needs BookgDt"
                )
            entry_amount_element = entry.find("c:Amt", ns)
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
            details = entry.findall("c:NtryDtls/c:TxDtls", ns)
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
                amount_element = tx.find("c:Amt", ns)
                if amount_element is None:  # V02: AmtDtls/TxAmt (or InstdAmt)/Amt
                    amount_element = tx.find("c:AmtDtls/c:TxAmt/c:Amt", ns)
                if amount_element is None:
                    amount_element = tx.find("c:AmtDtls/c:InstdAmt/c:Amt", ns)
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
                            (u.text or "").strip() for u in tx.iterfind("c:RmtInf/c:Ustrd", ns)
                        ),
                        account_servicer_reference=_text(tx, "c:Refs/c:AcctSvcrRef")
                        or _text(entry, "c:AcctSvcrRef"),
                        **common,  # type: ignore[arg-type]
                    )
                )
    return Notification(message_id, created, tuple(transactions), not_booked)
