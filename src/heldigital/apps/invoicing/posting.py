"""The posting export: approved invoices and credit notes as posting lines for the buyer's
accounting system (issue 12, deliver 5; docs/payments.md, "Posting export").

One posting line per invoice line and per document level allowance or charge, read from
the document as received (nothing re-keyed):

==============  ===========================================================================
account         the line's buyer accounting reference (BT-133; an allowance's or charge's
                own ``AccountingCost``), else the document's (BT-19); empty when neither
cost_centre     the buyer reference (BT-10)
project         the project reference (BT-11; for a credit note the additional document
                reference of type ``50``)
vat_code        VAT category (UNCL5305, BT-151 / BT-95 / BT-102) and rate: ``S25``, ``E0``,
                ``O``
vat_rate        the rate (BT-152 ...), empty for category ``O``
amount          net of VAT in the document's currency: the line's net amount (BT-131), a
                charge positive, an allowance negative; every amount of a credit note
                negated
==============  ===========================================================================

and the invoice's platform id, number, issue date, kind, supplier (its key and name),
currency, approval time and the line id (``A1``, ``C1`` … for allowances and charges).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied

from heldigital.apps.accounts.access import Principal
from heldigital.apps.accounts.models import Organisation, Role
from heldigital.apps.common import OSLO
from heldigital.apps.invoicing.models import DocumentKind, InvoiceState, ReceivedInvoice
from heldigital.ehf.documents import read_document

__all__ = ["COLUMNS", "EXPORTERS", "PostingLine", "as_csv", "as_json", "postings"]

#: Who may export the buyer's postings.
EXPORTERS = frozenset({Role.BUYER_ADMIN, Role.PROCUREMENT_OFFICER, Role.APPROVER, Role.AUDITOR})


@dataclass(frozen=True)
class PostingLine:
    invoice_id: str
    invoice_number: str
    kind: str
    issue_date: str
    approved_at: str
    supplier: str
    supplier_name: str
    currency: str
    line: str
    account: str
    cost_centre: str
    project: str
    vat_code: str
    vat_rate: str
    amount: str


#: The CSV columns, in order.
COLUMNS = tuple(f.name for f in fields(PostingLine))


def _vat(categories: Iterable[Any]) -> tuple[str, str]:
    category = next(iter(categories), None)
    if category is None:
        return "", ""
    code = category.id.value if category.id is not None else ""
    rate = category.percent
    if rate is None:
        return code, ""
    text = f"{rate.normalize():f}" if rate != rate.to_integral() else f"{rate.quantize(1)}"
    return f"{code}{text}", text


def _project(document: Any) -> str:
    for reference in getattr(document, "project_references", ()) or ():
        return str(reference.id.value)
    for reference in getattr(document, "additional_document_references", ()) or ():
        code = getattr(reference, "document_type_code", None)
        if code is not None and getattr(code, "value", code) == "50":
            return str(reference.id.value)
    return ""


def _money(value: Decimal, sign: int) -> str:
    return f"{(value * sign).quantize(Decimal('0.01')):f}"


def _lines(row: ReceivedInvoice) -> list[PostingLine]:
    document = read_document(bytes(row.xml))
    sign = -1 if row.kind == DocumentKind.CREDIT_NOTE else 1
    common = {
        "invoice_id": str(row.pk),
        "invoice_number": row.number,
        "kind": row.kind,
        "issue_date": row.issue_date.isoformat() if row.issue_date else "",
        "approved_at": row.decided_at.isoformat() if row.decided_at else "",
        "supplier": row.supplier_key,
        "supplier_name": row.supplier_name,
        "currency": row.currency,
        "cost_centre": getattr(document, "buyer_reference", None) or "",
        "project": _project(document),
    }
    account = getattr(document, "accounting_cost", None) or ""
    result = []
    for line in document.lines:
        code, rate = _vat(line.item.classified_tax_category if line.item else ())
        result.append(
            PostingLine(
                **common,
                line=str(line.id.value if hasattr(line.id, "value") else line.id),
                account=line.accounting_cost or account,
                vat_code=code,
                vat_rate=rate,
                amount=_money(line.line_extension_amount.value, sign),
            )
        )
    allowances = charges = 0
    for charge in getattr(document, "allowance_charges", ()) or ():
        if charge.charge_indicator:
            charges += 1
            line_id, direction = f"C{charges}", 1
        else:
            allowances += 1
            line_id, direction = f"A{allowances}", -1
        code, rate = _vat(charge.tax_category)
        result.append(
            PostingLine(
                **common,
                line=line_id,
                account=charge.accounting_cost or account,
                vat_code=code,
                vat_rate=rate,
                amount=_money(charge.amount.value, sign * direction),
            )
        )
    return result


def postings(
    buyer: Organisation,
    *,
    principal: Principal | None,
    approved_from: date | None = None,
    approved_to: date | None = None,
) -> list[PostingLine]:
    """The posting lines of the buyer's approved invoices and credit notes, oldest
    approval first; ``approved_from`` / ``approved_to`` are days in Norway, both included.

    ``principal`` None is the platform's operator (the command line)."""
    if principal is not None and not principal.has_role(buyer, EXPORTERS):
        raise PermissionDenied("only the buyer's users export its postings")
    rows = ReceivedInvoice.objects.filter(
        buyer=buyer,
        state=InvoiceState.APPROVED,
        kind__in=[DocumentKind.INVOICE, DocumentKind.CREDIT_NOTE],
    )
    if approved_from is not None:
        rows = rows.filter(decided_at__gte=datetime.combine(approved_from, time.min, OSLO))
    if approved_to is not None:
        end = datetime.combine(approved_to + timedelta(days=1), time.min, OSLO)
        rows = rows.filter(decided_at__lt=end)
    result: list[PostingLine] = []
    for row in rows.order_by("decided_at", "received_at", "id"):
        result.extend(_lines(row))
    return result


def as_json(lines: Iterable[PostingLine]) -> list[dict[str, str]]:
    return [asdict(line) for line in lines]


def as_csv(lines: Iterable[PostingLine]) -> str:
    """RFC 4180 CSV (comma, CRLF, UTF-8), a header row of :data:`COLUMNS`, amounts with a
    decimal point."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for line in lines:
        writer.writerow([getattr(line, c) for c in COLUMNS])
    return out.getvalue()
