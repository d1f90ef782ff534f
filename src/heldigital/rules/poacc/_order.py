"""The checks that Order (T01) and Order Change (T114) share.

``PEPPOL-M-T01.sch`` and ``PEPPOL-M-T114.sch`` are the same pattern over a
different document element (``ubl:Order`` / ``ubl:OrderChange``); only ids
and wording differ. :class:`OrderChecks` holds the pattern of one of them
and implements each assertion once; ``t01.py`` and ``t114.py`` register
them under their own ids.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from heldigital.rules.core import Document, Element
from heldigital.rules.poacc import codes
from heldigital.rules.poacc._xp import Pattern, dec_or, every, first, has, line_id_unique
from heldigital.rules.xpath import (
    decimal_sum,
    normalize_space,
    number,
    round2,
    slack,
    string_value,
    xs_decimal,
)

_TOLERANCE = Decimal("0.02")
_ZERO = Decimal(0)


def amount_decimals_ok(node: Element) -> bool:
    """``ancestor::node()/local-name() = 'Price'``
    ``or string-length(substring-after(., '.')) <= 2``."""
    parent = node.getparent()
    while parent is not None:
        if parent.tag.rsplit("}", 1)[-1] == "Price":
            return True
        parent = parent.getparent()
    text = string_value(node)
    _, dot, after = text.partition(".")
    return not dot or len(after) <= 2


def tax_rate_present(node: Element) -> bool:
    """``cbc:Percent or (normalize-space(cbc:ID)='O')``."""
    return has(node, "cbc:Percent") or normalize_space(first(node, "cbc:ID")) == "O"


def standard_rate_positive(node: Element) -> bool:
    """``not(normalize-space(cbc:ID)='S') or (cbc:Percent) > 0``."""
    if normalize_space(first(node, "cbc:ID")) != "S":
        return True
    return any(number(p) > 0 for p in every(node, "cbc:Percent"))


def _sum_charges(parent: Element, indicator: str) -> Decimal | None:
    """Sum of the allowances (X=false) or charges (X=true), rounded to 2 decimals.

    ``if (cac:AllowanceCharge[normalize-space(cbc:ChargeIndicator) = X])``
    ``then round(sum(.../cbc:Amount/xs:decimal(.)) * 10 * 10) div 100 else 0``.
    """
    matching = [
        ac
        for ac in every(parent, "cac:AllowanceCharge")
        if any(normalize_space(ci) == indicator for ci in every(ac, "cbc:ChargeIndicator"))
    ]
    if not matching:
        return _ZERO
    return round2(decimal_sum(xs_decimal(a) for ac in matching for a in every(ac, "cbc:Amount")))


class OrderChecks:
    """The assertions of one order-like pattern (T01 or T114)."""

    def __init__(self, name: str, ubl: str, root: str, profiles: tuple[str, ...], spec: str):
        self.ubl = ubl
        self.root = root
        self.profiles = profiles
        self.spec = spec
        r = f"/ubl:{root}"
        self.pattern = Pattern(
            name,
            ubl,
            [
                ("profile", "//cbc:ProfileID"),
                ("customization", "//cbc:CustomizationID"),
                (
                    "amount",
                    "//cbc:Amount | //cbc:TaxAmount | //cbc:LineExtensionAmount"
                    " | //cbc:PriceAmount | //cbc:BaseAmount"
                    " | //cac:AnticipatedMonetaryTotal/cbc:*",
                ),
                ("document", f"//ubl:{root}"),
                ("originator", "//cac:OriginatorCustomerParty"),
                ("vat", "//cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']"),
                ("totals", "//cac:AnticipatedMonetaryTotal"),
                (
                    "ac-no-base",
                    "//cac:AllowanceCharge[cbc:MultiplierFactorNumeric and not(cbc:BaseAmount)]"
                    f" | {r}/cac:OrderLine/cac:LineItem/cac:AllowanceCharge"
                    "[cbc:MultiplierFactorNumeric and not(cbc:BaseAmount)]",
                ),
                (
                    "ac-no-factor",
                    f"{r}/cac:AllowanceCharge[not(cbc:MultiplierFactorNumeric) and cbc:BaseAmount]"
                    f" | {r}/cac:OrderLine/cac:LineItem/cac:AllowanceCharge"
                    "[not(cbc:MultiplierFactorNumeric) and cbc:BaseAmount]",
                ),
                (
                    "ac",
                    f"{r}/cac:AllowanceCharge | {r}/cac:OrderLine/cac:LineItem/cac:AllowanceCharge",
                ),
                ("tax-category", "//cac:TaxCategory | //cac:ClassifiedTaxCategory"),
                ("line", "//cac:OrderLine/cac:LineItem"),
                ("price-ac", "//cac:Price/cac:AllowanceCharge"),
                ("price", "//cac:Price"),
                (
                    "allowance-code",
                    "//cac:AllowanceCharge[cbc:ChargeIndicator = 'false']"
                    "/cbc:AllowanceChargeReasonCode",
                ),
                (
                    "charge-code",
                    "//cac:AllowanceCharge[cbc:ChargeIndicator = 'true']"
                    "/cbc:AllowanceChargeReasonCode",
                ),
            ],
        )

    def _nodes(self, doc: Document, key: str) -> list[Element]:
        return self.pattern.nodes(doc, key)

    # -- document-wide values (the pattern's <let>s) ---------------------------------------
    def _doc_values(self, doc: Document) -> dict[str, object]:
        key = f"{self.pattern._cache_key}:lets"
        values = doc.cache.get(key)
        if values is None:
            root = doc.root if doc.local_name == self.root and doc.namespace == self.ubl else None
            values = {}
            if root is None:
                values["currency"] = []
                values["sum_lines"] = _ZERO
                values["sum_allowance"] = _ZERO
                values["sum_charge"] = _ZERO
                values["tax_amount"] = _ZERO
                values["has_tax_total"] = False
            else:
                values["currency"] = [
                    string_value(c) for c in every(root, "cbc:DocumentCurrencyCode")
                ]
                amounts = every(root, "cac:OrderLine/cac:LineItem/cbc:LineExtensionAmount")
                values["sum_lines"] = (
                    round2(decimal_sum(xs_decimal(a) for a in amounts)) if amounts else _ZERO
                )
                values["sum_allowance"] = _sum_charges(root, "false")
                values["sum_charge"] = _sum_charges(root, "true")
                tax = first(root, "cac:TaxTotal/cbc:TaxAmount")
                values["tax_amount"] = dec_or(tax, 0)
                values["has_tax_total"] = first(root, "cac:TaxTotal") is not None
            doc.cache[key] = values
        return values

    # -- cbc:ProfileID / cbc:CustomizationID ---------------------------------------------------
    def profile(self, doc: Document) -> Iterator[Element]:
        for node in self._nodes(doc, "profile"):
            if normalize_space(node) not in self.profiles:
                yield node

    def customization(self, doc: Document) -> Iterator[Element]:
        for node in self._nodes(doc, "customization"):
            if not normalize_space(node).startswith(self.spec):
                yield node

    # -- amounts ---------------------------------------------------------------------------------
    def single_currency(self, doc: Document) -> Iterator[Element]:
        currency = self._doc_values(doc)["currency"]
        for node in self._nodes(doc, "amount"):
            code = node.get("currencyID")
            if code is not None and code not in currency:
                yield node

    def amount_decimals(self, doc: Document) -> Iterator[Element]:
        for node in self._nodes(doc, "amount"):
            if not amount_decimals_ok(node):
                yield node

    # -- document level ------------------------------------------------------------------------
    def validity_end(self, doc: Document) -> Iterator[Element]:
        for node in self._nodes(doc, "document"):
            if not has(node, "cac:ValidityPeriod/cbc:EndDate"):
                yield node

    def originator(self, doc: Document) -> Iterator[Element]:
        for node in self._nodes(doc, "originator"):
            if not (
                has(node, "cac:Party/cac:PartyName/cbc:Name")
                or has(node, "cac:Party/cac:PartyIdentification/cbc:ID")
            ):
                yield node

    def vat_prefix(self, doc: Document) -> Iterator[Element]:
        for node in self._nodes(doc, "vat"):
            prefix = string_value(first(node, "cbc:CompanyID"))[:2]
            if prefix not in codes.VAT_PREFIXES:
                yield node

    # -- document totals -------------------------------------------------------------------------
    def _totals(self, doc: Document, node: Element) -> dict[str, Decimal | None]:
        def get(name: str) -> Element | None:
            return first(node, f"cbc:{name}")

        line = xs_decimal(get("LineExtensionAmount"))
        allowance = dec_or(get("AllowanceTotalAmount"), 0)
        charge = dec_or(get("ChargeTotalAmount"), 0)
        computed = None
        if line is not None and allowance is not None and charge is not None:
            computed = line - allowance + charge
        tax_exclusive_node = get("TaxExclusiveAmount")
        tax_exclusive = (
            xs_decimal(tax_exclusive_node) if tax_exclusive_node is not None else computed
        )
        return {
            "payable": xs_decimal(get("PayableAmount")),
            "line": line,
            "prepaid": dec_or(get("PrepaidAmount"), 0),
            "rounding": dec_or(get("PayableRoundingAmount"), 0),
            "tax_inclusive": xs_decimal(get("TaxInclusiveAmount")),
            "allowance": allowance,
            "charge": charge,
            "tax_exclusive": tax_exclusive,
            "computed": computed,
        }

    def _each_total(self, doc: Document, test) -> Iterator[Element]:
        lets = self._doc_values(doc)
        key = f"{self.pattern._cache_key}:totals"
        totals = doc.cache.get(key)
        if totals is None:  # the <let>s of the rule, once per document for its eight asserts
            totals = doc.cache[key] = [
                (node, self._totals(doc, node)) for node in self._nodes(doc, "totals")
            ]
        for node, values in totals:
            if not test(values, lets):
                yield node

    def payable_not_negative(self, doc: Document) -> Iterator[Element]:
        return self._each_total(doc, lambda t, _: t["payable"] is not None and t["payable"] >= 0)

    def line_total_not_negative(self, doc: Document) -> Iterator[Element]:
        return self._each_total(doc, lambda t, _: t["line"] is not None and t["line"] >= 0)

    def line_total_sum(self, doc: Document) -> Iterator[Element]:
        return self._each_total(
            doc,
            lambda t, v: (
                t["line"] is not None and v["sum_lines"] is not None and t["line"] == v["sum_lines"]
            ),
        )

    def allowance_total_sum(self, doc: Document) -> Iterator[Element]:
        return self._each_total(
            doc,
            lambda t, v: (
                t["allowance"] is not None
                and v["sum_allowance"] is not None
                and t["allowance"] == v["sum_allowance"]
            ),
        )

    def charge_total_sum(self, doc: Document) -> Iterator[Element]:
        return self._each_total(
            doc,
            lambda t, v: (
                t["charge"] is not None
                and v["sum_charge"] is not None
                and t["charge"] == v["sum_charge"]
            ),
        )

    def tax_exclusive(self, doc: Document) -> Iterator[Element]:
        return self._each_total(
            doc,
            lambda t, _: (
                t["tax_exclusive"] is not None
                and t["computed"] is not None
                and t["tax_exclusive"] == t["computed"]
            ),
        )

    def payable(self, doc: Document) -> Iterator[Element]:
        def test(t, _):
            if not t["tax_inclusive"]:  # effective boolean value: absent or zero
                return True
            if t["payable"] is None or t["prepaid"] is None or t["rounding"] is None:
                return False
            return t["payable"] == t["tax_inclusive"] - t["prepaid"] + t["rounding"]

        return self._each_total(doc, test)

    def tax_inclusive(self, doc: Document) -> Iterator[Element]:
        def test(t, v):
            if not (t["tax_inclusive"] and v["has_tax_total"]):
                return True
            if t["tax_exclusive"] is None or v["tax_amount"] is None:
                return False
            return t["tax_inclusive"] == t["tax_exclusive"] + v["tax_amount"]

        return self._each_total(doc, test)

    # -- allowances and charges ----------------------------------------------------------------
    def base_without_factor(self, doc: Document) -> Iterator[Element]:
        yield from self._nodes(doc, "ac-no-base")

    def factor_without_base(self, doc: Document) -> Iterator[Element]:
        yield from self._nodes(doc, "ac-no-factor")

    def ac_amount(self, doc: Document) -> Iterator[Element]:
        for node in self._nodes(doc, "ac"):
            factor = first(node, "cbc:MultiplierFactorNumeric")
            base = first(node, "cbc:BaseAmount")
            if factor is None or base is None:
                continue
            amount = first(node, "cbc:Amount")
            actual = xs_decimal(amount) if amount is not None else _ZERO
            b, f = xs_decimal(base), xs_decimal(factor)
            expected = None if b is None or f is None else b * f / 100
            if not slack(actual, expected, _TOLERANCE):
                yield node

    def ac_reason(self, doc: Document) -> Iterator[Element]:
        for node in self._nodes(doc, "ac"):
            if not (
                has(node, "cbc:AllowanceChargeReason") or has(node, "cbc:AllowanceChargeReasonCode")
            ):
                yield node

    def ac_not_negative(self, doc: Document) -> Iterator[Element]:
        for node in self._nodes(doc, "ac"):
            if not number(first(node, "cbc:Amount")) >= 0:  # NaN too
                yield node

    # -- tax categories ----------------------------------------------------------------------------
    def tax_rate(self, doc: Document) -> Iterator[Element]:
        for node in self._nodes(doc, "tax-category"):
            if not tax_rate_present(node):
                yield node

    def standard_rate(self, doc: Document) -> Iterator[Element]:
        for node in self._nodes(doc, "tax-category"):
            if not standard_rate_positive(node):
                yield node

    # -- lines -------------------------------------------------------------------------------------
    def line_amount(self, doc: Document) -> Iterator[Element]:
        for item in self._nodes(doc, "line"):
            line = dec_or(first(item, "cbc:LineExtensionAmount"), 0)
            quantity = dec_or(first(item, "cbc:Quantity"), 1)
            price = dec_or(first(item, "cac:Price/cbc:PriceAmount"), 0)
            base_node = first(item, "cac:Price/cbc:BaseQuantity")
            base = Decimal(1)
            if base_node is not None:
                value = xs_decimal(base_node)
                if value is None:
                    yield item
                    continue
                if value != 0:
                    base = value
            allowances = _sum_charges(item, "false")
            charges = _sum_charges(item, "true")
            if None in (line, quantity, price, allowances, charges):
                yield item
                continue
            expected = quantity * (price / base) + charges - allowances
            if not slack(line, expected, _TOLERANCE):
                yield item

    def base_quantity(self, doc: Document) -> Iterator[Element]:
        for item in self._nodes(doc, "line"):
            node = first(item, "cac:Price/cbc:BaseQuantity")
            if node is None:
                continue
            value = xs_decimal(node)
            if value is None or value <= 0:
                yield item

    def line_id(self, doc: Document) -> Iterator[Element]:
        for item in self._nodes(doc, "line"):
            if not line_id_unique(doc, item):
                yield item

    def quantity_not_negative(self, doc: Document) -> Iterator[Element]:
        for item in self._nodes(doc, "line"):
            if not number(first(item, "cbc:Quantity")) >= 0:  # NaN too
                yield item

    def quantity_present(self, doc: Document) -> Iterator[Element]:
        for item in self._nodes(doc, "line"):
            if not has(item, "cbc:Quantity"):
                yield item

    # -- prices ------------------------------------------------------------------------------------
    def net_price(self, doc: Document) -> Iterator[Element]:
        for node in self._nodes(doc, "price-ac"):
            base = first(node, "cbc:BaseAmount")
            if base is None:
                continue
            parent = node.getparent()
            price = xs_decimal(first(parent, "cbc:PriceAmount")) if parent is not None else None
            b, a = xs_decimal(base), xs_decimal(first(node, "cbc:Amount"))
            if price is None or b is None or a is None or price != b - a:
                yield node

    def price_not_negative(self, doc: Document) -> Iterator[Element]:
        for node in self._nodes(doc, "price"):
            if not price_amount_ok(node):
                yield node

    def gross_price_not_negative(self, doc: Document) -> Iterator[Element]:
        for node in self._nodes(doc, "price"):
            if not gross_price_ok(node):
                yield node

    def price_ac_not_negative(self, doc: Document) -> Iterator[Element]:
        for node in self._nodes(doc, "price"):
            if not price_ac_ok(node):
                yield node

    # -- code lists --------------------------------------------------------------------------------
    def allowance_code(self, doc: Document) -> Iterator[Element]:
        for node in self._nodes(doc, "allowance-code"):
            if normalize_space(node.text) not in codes.UNCL5189_SUBSET:
                yield node

    def charge_code(self, doc: Document) -> Iterator[Element]:
        for node in self._nodes(doc, "charge-code"):
            if normalize_space(node.text) not in codes.UNCL7161:
                yield node


def price_amount_ok(price: Element) -> bool:
    """``number(cbc:PriceAmount) >= 0``."""
    return number(first(price, "cbc:PriceAmount")) >= 0


def gross_price_ok(price: Element) -> bool:
    """``(cac:AllowanceCharge/cbc:BaseAmount) >= 0``
    ``or not(exists(cac:AllowanceCharge/cbc:BaseAmount))``."""
    bases = every(price, "cac:AllowanceCharge/cbc:BaseAmount")
    if not bases:
        return True
    return any(number(b) >= 0 for b in bases)


def price_ac_ok(price: Element) -> bool:
    """``number(cac:AllowanceCharge/cbc:Amount) >= 0``
    ``or not(exists(cac:AllowanceCharge/cbc:Amount))``."""
    amounts = every(price, "cac:AllowanceCharge/cbc:Amount")
    if not amounts:
        return True
    return number(amounts[0]) >= 0
