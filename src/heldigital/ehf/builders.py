"""Build a correct EN 16931 invoice from an order and a contract price list.

The builder does the arithmetic of EN 16931-1:2017 so that the result meets
the calculation rules of PEPPOL BIS Billing 3.0 / EHF Billing 3.0:

* invoice line net amount BT-131 = invoiced quantity BT-129 x item net price
  BT-146 / item price base quantity BT-149, rounded to 2 decimals with
  ``ROUND_HALF_UP`` (PEPPOL-EN16931-R120, BR-DEC-23);
* VAT breakdown BG-23, one entry per VAT category code and rate
  (BR-CO-18, BR-S-08, BR-Z-08, BR-E-08 ...): taxable amount BT-116 = sum of
  line net amounts + document charges - document allowances of that
  category and rate; VAT category tax amount BT-117 = BT-116 x BT-119 / 100,
  rounded to 2 decimals with ``ROUND_HALF_UP`` (BR-CO-17); zero for every
  category but S, L and M;
* document totals BG-22: BT-106 = sum of BT-131 (BR-CO-10), BT-107 / BT-108 =
  sums of document allowances / charges (BR-CO-11, BR-CO-12), BT-109 =
  BT-106 - BT-107 + BT-108 (BR-CO-13), BT-110 = sum of BT-117 (BR-CO-14),
  BT-112 = BT-109 + BT-110 (BR-CO-15), BT-115 = BT-112 - BT-113 + BT-114
  (BR-CO-16);
* an amount due needs a payment due date BT-9 or payment terms BT-20
  (EN 16931-1 BR-CO-25).

The order side is a small input type of this module (:class:`OrderInput`,
:class:`OrderLineInput`), so the builder does not depend on the order
document model: whoever holds a received UBL Order (or an order from the
platform's own records) maps it to these inputs.

:func:`credit_note_for` makes the credit note that cancels an issued
invoice; :func:`norwegian_party` makes a seller or buyer as EHF expects it.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from stdnum.exceptions import ValidationError
from stdnum.no import orgnr as no_orgnr

from heldigital.ehf.common import (
    Address,
    AllowanceCharge,
    Amount,
    BillingReference,
    Code,
    Contact,
    Country,
    CustomerParty,
    Delivery,
    DocumentReference,
    Identifier,
    Item,
    ItemIdentification,
    MonetaryTotal,
    OrderLineReference,
    OrderReference,
    Party,
    PartyLegalEntity,
    PartyName,
    PartyTaxScheme,
    PaymentMeans,
    PaymentTerms,
    Period,
    Price,
    ProjectReference,
    Quantity,
    SupplierParty,
    TaxCategory,
    TaxScheme,
    TaxSubtotal,
    TaxTotal,
)
from heldigital.ehf.creditnote import CreditNote, CreditNoteLine
from heldigital.ehf.invoice import (
    BILLING_CUSTOMIZATION_ID,
    BILLING_PROFILE_ID,
    Invoice,
    InvoiceLine,
)

__all__ = [
    "DEFAULT_EXEMPTION_REASON_CODES",
    "BuildError",
    "DocumentAllowanceCharge",
    "OrderInput",
    "OrderLineInput",
    "PriceList",
    "PriceListEntry",
    "credit_note_for",
    "invoice_from_order",
    "money",
    "norwegian_party",
]

CENT = Decimal("0.01")

#: VAT categories (UNCL5305) whose tax amount is computed from the rate;
#: all others carry a zero tax amount (BR-Z-09, BR-E-09, BR-AE-09, BR-IC-09,
#: BR-G-09, BR-O-09).
TAXED_CATEGORIES = frozenset({"S", "L", "M"})
#: Categories that need a VAT exemption reason (BR-E-10, BR-AE-10, BR-IC-10,
#: BR-G-10, BR-O-10).
EXEMPT_CATEGORIES = frozenset({"E", "AE", "K", "G", "O"})
#: Exemption reason codes (CEF VATEX list) used when the caller gives none;
#: category E has no single code and must be given explicitly.
DEFAULT_EXEMPTION_REASON_CODES: Mapping[str, str] = {
    "AE": "VATEX-EU-AE",
    "K": "VATEX-EU-IC",
    "G": "VATEX-EU-G",
    "O": "VATEX-EU-O",
}


class BuildError(ValueError):
    """The order, price list or options cannot make a correct invoice."""


def money(value: Decimal) -> Decimal:
    """Round an amount to 2 decimals with ``ROUND_HALF_UP`` (BR-DEC-*)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderLineInput:
    """One line of the order being invoiced.

    ``line_id`` becomes the referenced purchase order line BT-132,
    ``item_id`` the seller's item identifier BT-155 (and the key into the
    price list), ``item_name`` BT-153, ``quantity`` BT-129 in ``unit_code``
    BT-130 (UN/ECE Rec 20), ``standard_item_id`` BT-157, ``buyers_item_id``
    BT-156, ``accounting_cost`` BT-133, ``note`` BT-127.
    """

    line_id: str
    item_id: str
    item_name: str
    quantity: Decimal
    unit_code: str
    standard_item_id: Identifier | None = None
    buyers_item_id: str | None = None
    accounting_cost: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderInput:
    """The order being invoiced: ``order_reference`` BT-13,
    ``sales_order_reference`` BT-14, ``buyer_reference`` BT-10,
    ``contract_reference`` BT-12, ``project_reference`` BT-11, ``lines``."""

    order_reference: str
    lines: tuple[OrderLineInput, ...]
    sales_order_reference: str | None = None
    buyer_reference: str | None = None
    contract_reference: str | None = None
    project_reference: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PriceListEntry:
    """The contract price of one item.

    ``price`` is the item net price BT-146 for ``base_quantity`` BT-149 of
    ``unit_code`` BT-150; ``vat_category`` BT-151 (UNCL5305) and
    ``vat_rate`` BT-152 (``None`` only for category O, BR-O-05).
    """

    item_id: str
    price: Decimal
    unit_code: str
    vat_category: str = "S"
    vat_rate: Decimal | None = Decimal("25")
    base_quantity: Decimal = Decimal("1")


@dataclass(frozen=True, slots=True, kw_only=True)
class PriceList:
    """A contract price list in ``currency`` (ISO 4217, becomes BT-5)."""

    currency: str
    entries: tuple[PriceListEntry, ...]

    def entry(self, item_id: str) -> PriceListEntry:
        """The entry for ``item_id``; :class:`BuildError` if the contract has none."""
        for entry in self.entries:
            if entry.item_id == item_id:
                return entry
        raise BuildError(f"item {item_id!r} is not in the price list")


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentAllowanceCharge:
    """A document level allowance (BG-20) or charge (BG-21).

    ``amount`` BT-92/BT-99, ``reason`` BT-97/BT-104 and/or ``reason_code``
    BT-98/BT-105 (one is required, BR-33/BR-38 and BR-42/BR-44),
    ``vat_category`` BT-95/BT-102, ``vat_rate`` BT-96/BT-103.
    """

    charge: bool
    amount: Decimal
    vat_category: str = "S"
    vat_rate: Decimal | None = Decimal("25")
    reason: str | None = None
    reason_code: str | None = None


def _rate_key(category: str, rate: Decimal | None) -> tuple[str, Decimal | None]:
    if category == "O":
        if rate is not None:
            raise BuildError("VAT category O (not subject to VAT) has no rate (BR-O-05)")
        return category, None
    if rate is None:
        raise BuildError(f"VAT category {category} needs a rate")
    if category not in TAXED_CATEGORIES and rate != 0:
        raise BuildError(f"VAT category {category} has rate 0, not {rate}")
    if category == "S" and rate <= 0:
        raise BuildError(f"standard rated VAT (S) needs a rate above 0, not {rate} (BR-S-05)")
    return category, rate


#: The tax scheme of every EN 16931 tax category (BIS Billing has no other).
VAT = TaxScheme(id=Identifier("VAT"))


def _tax_category(category: str, rate: Decimal | None) -> TaxCategory:
    return TaxCategory(id=Identifier(category), percent=rate, tax_scheme=VAT)


def _check_amount(value: Decimal, what: str) -> None:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise BuildError(f"{what} must be a finite Decimal, not {value!r}")


def _lines(
    order: OrderInput, price_list: PriceList, currency: str
) -> Iterable[tuple[InvoiceLine, tuple[str, Decimal | None]]]:
    for number, order_line in enumerate(order.lines, start=1):
        entry = price_list.entry(order_line.item_id)
        _check_amount(order_line.quantity, f"order line {order_line.line_id} quantity")
        _check_amount(entry.price, f"price of {entry.item_id}")
        _check_amount(entry.base_quantity, f"base quantity of {entry.item_id}")
        if entry.price < 0:
            raise BuildError(f"item net price of {entry.item_id} is negative (BR-27)")
        if entry.base_quantity <= 0:
            raise BuildError(f"base quantity of {entry.item_id} must be positive (BR-DEC)")
        if order_line.unit_code != entry.unit_code:
            raise BuildError(
                f"order line {order_line.line_id} is in unit {order_line.unit_code!r}, "
                f"the price of {entry.item_id} in {entry.unit_code!r}"
            )
        key = _rate_key(entry.vat_category, entry.vat_rate)
        net = money(order_line.quantity * entry.price / entry.base_quantity)
        line = InvoiceLine(
            id=str(number),
            notes=(order_line.note,) if order_line.note else (),
            invoiced_quantity=Quantity(order_line.quantity, order_line.unit_code),
            line_extension_amount=Amount(net, currency),
            accounting_cost=order_line.accounting_cost,
            order_line_references=(OrderLineReference(line_id=order_line.line_id),),
            item=Item(
                name=order_line.item_name,
                buyers_item_identification=(
                    ItemIdentification(id=Identifier(order_line.buyers_item_id))
                    if order_line.buyers_item_id
                    else None
                ),
                sellers_item_identification=ItemIdentification(id=Identifier(order_line.item_id)),
                standard_item_identification=(
                    ItemIdentification(id=order_line.standard_item_id)
                    if order_line.standard_item_id is not None
                    else None
                ),
                classified_tax_category=(_tax_category(*key),),
            ),
            price=Price(
                price_amount=Amount(entry.price, currency),
                base_quantity=(
                    Quantity(entry.base_quantity, entry.unit_code)
                    if entry.base_quantity != 1
                    else None
                ),
            ),
        )
        yield line, key


def _vat_breakdown(
    taxable: Mapping[tuple[str, Decimal | None], Decimal],
    currency: str,
    exemption_reasons: Mapping[str, str],
) -> tuple[TaxSubtotal, ...]:
    subtotals = []
    for category, rate in sorted(taxable, key=lambda k: (k[0], k[1] or Decimal(0))):
        base = taxable[(category, rate)]
        tax = money(base * rate / 100) if category in TAXED_CATEGORIES and rate else Decimal("0.00")
        reason_code = None
        reasons: tuple[str, ...] = ()
        if category in EXEMPT_CATEGORIES:
            text = exemption_reasons.get(category)
            code = DEFAULT_EXEMPTION_REASON_CODES.get(category)
            if text is None and code is None:
                raise BuildError(
                    f"VAT category {category} needs an exemption reason (BR-{category}-10): "
                    "pass exemption_reasons={" + repr(category) + ": '...'}"
                )
            reasons = (text,) if text is not None else ()
            reason_code = Code(code) if code is not None and text is None else None
        subtotals.append(
            TaxSubtotal(
                taxable_amount=Amount(base, currency),
                tax_amount=Amount(tax, currency),
                tax_category=TaxCategory(
                    id=Identifier(category),
                    percent=rate,
                    tax_exemption_reason_code=reason_code,
                    tax_exemption_reason=reasons,
                    tax_scheme=VAT,
                ),
            )
        )
    return tuple(subtotals)


def invoice_from_order(
    order: OrderInput,
    price_list: PriceList,
    *,
    seller: Party,
    buyer: Party,
    invoice_number: str,
    issue_date: _dt.date,
    due_date: _dt.date | None = None,
    payment_means: Sequence[PaymentMeans] = (),
    payment_terms: str | None = None,
    allowances_charges: Sequence[DocumentAllowanceCharge] = (),
    prepaid_amount: Decimal = Decimal("0"),
    exemption_reasons: Mapping[str, str] | None = None,
    delivery: Delivery | None = None,
    invoice_period: Period | None = None,
    notes: Sequence[str] = (),
    payee: Party | None = None,
    invoice_type_code: str = "380",
    customization_id: str = BILLING_CUSTOMIZATION_ID,
    profile_id: str = BILLING_PROFILE_ID,
) -> Invoice:
    """Make the invoice (BT-3 ``380`` by default) for ``order`` at the prices of ``price_list``.

    Every order line must have a price list entry in the same unit; the VAT
    breakdown and totals are computed as the module docstring says. Raises
    :class:`BuildError` for an order or price list that cannot give a
    correct invoice (unknown item, unit mismatch, empty order, a rate on
    category O, a missing exemption reason for category E ...).
    """
    if not order.lines:
        raise BuildError("an invoice needs at least one line (BR-16)")
    currency = price_list.currency
    exemption_reasons = exemption_reasons or {}
    _check_amount(prepaid_amount, "prepaid amount")

    taxable: dict[tuple[str, Decimal | None], Decimal] = {}
    lines = []
    for line, key in _lines(order, price_list, currency):
        lines.append(line)
        taxable[key] = taxable.get(key, Decimal("0.00")) + line.line_extension_amount.value

    document_allowance_charges = []
    allowance_total = Decimal("0.00")
    charge_total = Decimal("0.00")
    for entry in allowances_charges:
        _check_amount(entry.amount, "allowance/charge amount")
        if entry.reason is None and entry.reason_code is None:
            kind = "charge (BR-42)" if entry.charge else "allowance (BR-33)"
            raise BuildError(f"a document level {kind} needs a reason or reason code")
        amount = money(entry.amount)
        key = _rate_key(entry.vat_category, entry.vat_rate)
        taxable[key] = taxable.get(key, Decimal("0.00")) + (amount if entry.charge else -amount)
        if entry.charge:
            charge_total += amount
        else:
            allowance_total += amount
        document_allowance_charges.append(
            AllowanceCharge(
                charge_indicator=entry.charge,
                allowance_charge_reason_code=Code(entry.reason_code) if entry.reason_code else None,
                allowance_charge_reason=(entry.reason,) if entry.reason else (),
                amount=Amount(amount, currency),
                tax_category=(_tax_category(*key),),
            )
        )

    subtotals = _vat_breakdown(taxable, currency, exemption_reasons)
    line_total = sum((line.line_extension_amount.value for line in lines), Decimal("0.00"))
    tax_exclusive = line_total - allowance_total + charge_total
    tax_total = sum((s.tax_amount.value for s in subtotals), Decimal("0.00"))
    tax_inclusive = tax_exclusive + tax_total
    prepaid = money(prepaid_amount)
    payable = tax_inclusive - prepaid
    if payable > 0 and due_date is None and not payment_terms:
        raise BuildError("an amount due needs a due date or payment terms (BR-CO-25)")

    def total(value: Decimal) -> Amount:
        return Amount(value, currency)

    return Invoice(
        customization_id=customization_id,
        profile_id=profile_id,
        invoice_number=invoice_number,
        issue_date=issue_date,
        due_date=due_date,
        invoice_type_code=invoice_type_code,
        notes=tuple(notes),
        document_currency_code=currency,
        buyer_reference=order.buyer_reference,
        invoice_periods=(invoice_period,) if invoice_period is not None else (),
        order_reference=OrderReference(
            id=Identifier(order.order_reference),
            sales_order_id=(
                Identifier(order.sales_order_reference) if order.sales_order_reference else None
            ),
        ),
        contract_document_references=(
            (DocumentReference(id=Identifier(order.contract_reference)),)
            if order.contract_reference
            else ()
        ),
        project_references=(
            (ProjectReference(id=Identifier(order.project_reference)),)
            if order.project_reference
            else ()
        ),
        accounting_supplier_party=SupplierParty(party=seller),
        accounting_customer_party=CustomerParty(party=buyer),
        payee=payee,
        deliveries=(delivery,) if delivery is not None else (),
        payment_means=tuple(payment_means),
        payment_terms=(PaymentTerms(note=(payment_terms,)),) if payment_terms else (),
        allowance_charges=tuple(document_allowance_charges),
        tax_totals=(TaxTotal(tax_amount=total(tax_total), tax_subtotal=subtotals),),
        legal_monetary_total=MonetaryTotal(
            line_extension_amount=total(line_total),
            tax_exclusive_amount=total(tax_exclusive),
            tax_inclusive_amount=total(tax_inclusive),
            allowance_total_amount=total(allowance_total) if allowances_charges else None,
            charge_total_amount=total(charge_total) if allowances_charges else None,
            prepaid_amount=total(prepaid) if prepaid else None,
            payable_amount=total(payable),
        ),
        lines=tuple(lines),
    )


def norwegian_party(
    organisation_number: str,
    name: str,
    *,
    street_name: str | None = None,
    city_name: str | None = None,
    postal_zone: str | None = None,
    vat_registered: bool = True,
    in_foretaksregisteret: bool = True,
    contact: Contact | None = None,
) -> Party:
    """A Norwegian party as EHF Billing 3.0 expects it.

    Electronic address BT-34/BT-49 and legal registration identifier
    BT-30/BT-47 with scheme ``0192`` (the organisation number, checked with
    python-stdnum); for a VAT-registered party the VAT identifier
    ``NO<orgnr>MVA`` (BT-31/BT-48); for an enterprise registered in the
    Register of Business Enterprises the ``Foretaksregisteret`` tax
    registration BT-32 that Norwegian law requires on its invoices
    (rule NO-R-002).
    """
    try:
        number = no_orgnr.validate(organisation_number)
    except ValidationError as exc:
        raise BuildError(
            f"{organisation_number!r} is not a Norwegian organisation number: {exc}"
        ) from None
    tax_schemes = []
    if vat_registered:
        tax_schemes.append(
            PartyTaxScheme(
                company_id=Identifier(f"NO{number}MVA"),
                tax_scheme=TaxScheme(id=Identifier("VAT")),
            )
        )
    if in_foretaksregisteret:
        tax_schemes.append(
            PartyTaxScheme(
                company_id=Identifier("Foretaksregisteret"),
                tax_scheme=TaxScheme(id=Identifier("TAX")),
            )
        )
    return Party(
        endpoint_id=Identifier(number, scheme_id="0192"),
        party_name=(PartyName(name=name),),
        postal_address=Address(
            street_name=street_name,
            city_name=city_name,
            postal_zone=postal_zone,
            country=Country(identification_code=Code("NO")),
        ),
        party_tax_scheme=tuple(tax_schemes),
        party_legal_entity=(
            PartyLegalEntity(
                registration_name=name, company_id=Identifier(number, scheme_id="0192")
            ),
        ),
        contact=contact,
    )


def credit_note_for(
    invoice: Invoice,
    *,
    credit_note_number: str,
    issue_date: _dt.date,
    reason: str | None = None,
    payment_means: Sequence[PaymentMeans] = (),
    credit_note_type_code: str = "381",
) -> CreditNote:
    """A credit note (BT-3 ``381``) that cancels ``invoice`` in full.

    An issued invoice is never changed: a correction is a credit note for
    it plus, where needed, a new invoice. The credit note carries the same
    lines, allowances, charges, VAT breakdown and totals, refers to the
    invoice in the preceding invoice reference BG-3 (BT-25 number, BT-26
    issue date), and takes ``reason`` as its note BT-22. A prepaid amount or
    rounding amount of the invoice is not repeated: the amount due BT-115 of
    the credit note is its total with VAT BT-112 (BR-CO-16). The invoice's
    project reference BT-11 becomes an additional document reference with
    type code 50, as the CreditNote syntax of BIS Billing 3.0 requires.
    """
    if not invoice.lines:
        raise BuildError("the invoice has no lines to credit (BR-16)")
    total = invoice.legal_monetary_total
    if total.tax_inclusive_amount is None:
        raise BuildError("the invoice has no total with VAT (BT-112) to credit")
    lines = tuple(
        CreditNoteLine(
            id=line.id,
            notes=line.notes,
            credited_quantity=line.invoiced_quantity,
            line_extension_amount=line.line_extension_amount,
            accounting_cost=line.accounting_cost,
            invoice_periods=line.invoice_periods,
            order_line_references=line.order_line_references,
            document_references=line.document_references,
            allowance_charges=line.allowance_charges,
            item=line.item,
            price=line.price,
        )
        for line in invoice.lines
    )
    projects = tuple(
        DocumentReference(id=project.id, document_type_code=Code("50"))
        for project in invoice.project_references
    )
    return CreditNote(
        customization_id=invoice.customization_id,
        profile_id=invoice.profile_id,
        credit_note_number=credit_note_number,
        issue_date=issue_date,
        credit_note_type_code=credit_note_type_code,
        notes=(reason,) if reason else (),
        document_currency_code=invoice.document_currency_code,
        tax_currency_code=invoice.tax_currency_code,
        accounting_cost=invoice.accounting_cost,
        buyer_reference=invoice.buyer_reference,
        invoice_periods=invoice.invoice_periods,
        order_reference=invoice.order_reference,
        billing_references=(
            BillingReference(
                invoice_document_reference=DocumentReference(
                    id=Identifier(invoice.invoice_number), issue_date=invoice.issue_date
                )
            ),
        ),
        contract_document_references=invoice.contract_document_references,
        additional_document_references=projects,
        accounting_supplier_party=invoice.accounting_supplier_party,
        accounting_customer_party=invoice.accounting_customer_party,
        payee=invoice.payee,
        tax_representative=invoice.tax_representative,
        deliveries=invoice.deliveries,
        payment_means=tuple(payment_means),
        allowance_charges=invoice.allowance_charges,
        tax_totals=invoice.tax_totals,
        legal_monetary_total=dataclasses.replace(
            total,
            prepaid_amount=None,
            payable_rounding_amount=None,
            payable_amount=total.tax_inclusive_amount,
        ),
        lines=lines,
    )
