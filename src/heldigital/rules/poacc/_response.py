"""The checks that Order Response (T76) and Order Response Advanced (T116) share.

``PEPPOL-M-T76.sch`` and ``PEPPOL-M-T116.sch`` are the same assertions over
``ubl:OrderResponse``; only ids and wording (SHALL/MUST) differ, and the
order of the rules in the pattern (which does not matter here: no node
matches two of their contexts).
"""

from __future__ import annotations

from collections.abc import Iterator

from heldigital.rules.core import Document, Element
from heldigital.rules.poacc._xp import Pattern, every, has, line_id_unique
from heldigital.rules.xpath import normalize_space, string_value

ORDER_RESPONSE_NS = "urn:oasis:names:specification:ubl:schema:xsd:OrderResponse-2"


class ResponseChecks:
    """The assertions of one order response pattern (T76 or T116)."""

    def __init__(self, name: str, spec: str) -> None:
        self.spec = spec
        self.pattern = Pattern(
            name,
            ORDER_RESPONSE_NS,
            [
                ("customization", "//cbc:CustomizationID"),
                ("price", "//cbc:PriceAmount"),
                ("buyer", "//cac:BuyerCustomerParty/cac:Party"),
                ("seller", "//cac:SellerSupplierParty/cac:Party"),
                (
                    "period",
                    "//cac:PromisedDeliveryPeriod"
                    " | //cac:OrderLine/cac:LineItem/cac:PromisedDeliveryPeriod",
                ),
                ("line", "//cac:OrderLine/cac:LineItem"),
                ("code", "//cbc:OrderResponseCode"),
            ],
        )

    def _each(self, doc: Document, key: str, test) -> Iterator[Element]:
        for node in self.pattern.nodes(doc, key):
            if not test(node):
                yield node

    def customization(self, doc: Document) -> Iterator[Element]:
        return self._each(doc, "customization", lambda n: normalize_space(n).startswith(self.spec))

    def single_currency(self, doc: Document) -> Iterator[Element]:
        """``@currencyID = $documentCurrencyCode`` (a price without currency fails too)."""
        currency = []
        if doc.local_name == "OrderResponse" and doc.namespace == ORDER_RESPONSE_NS:
            currency = [string_value(c) for c in every(doc.root, "cbc:DocumentCurrencyCode")]
        return self._each(doc, "price", lambda n: n.get("currencyID") in currency)

    @staticmethod
    def _named(party: Element) -> bool:
        return has(party, "cac:PartyLegalEntity/cbc:RegistrationName") or has(
            party, "cac:PartyIdentification/cbc:ID"
        )

    def buyer(self, doc: Document) -> Iterator[Element]:
        return self._each(doc, "buyer", self._named)

    def seller(self, doc: Document) -> Iterator[Element]:
        return self._each(doc, "seller", self._named)

    def period(self, doc: Document) -> Iterator[Element]:
        """End date >= start date, compared as strings (both untyped in XPath 2.0)."""

        def test(node: Element) -> bool:
            starts = [string_value(s) for s in every(node, "cbc:StartDate")]
            ends = [string_value(e) for e in every(node, "cbc:EndDate")]
            if not starts or not ends:
                return True
            return any(e >= s for e in ends for s in starts)

        return self._each(doc, "period", test)

    def line_id(self, doc: Document) -> Iterator[Element]:
        return self._each(doc, "line", lambda n: line_id_unique(doc, n))

    def _lines(self, code: str, want_lines: bool):
        def test(node: Element) -> bool:
            if normalize_space(node) != code:
                return True
            parent = node.getparent()
            lines = 0 if parent is None else len(every(parent, "cac:OrderLine"))
            return lines > 0 if want_lines else lines == 0

        return test

    def accepted_with_conditions(self, doc: Document) -> Iterator[Element]:
        return self._each(doc, "code", self._lines("CA", True))

    def accepted(self, doc: Document) -> Iterator[Element]:
        return self._each(doc, "code", self._lines("AP", False))

    def rejected(self, doc: Document) -> Iterator[Element]:
        return self._each(doc, "code", self._lines("RE", False))

    def acknowledged(self, doc: Document) -> Iterator[Element]:
        return self._each(doc, "code", self._lines("AB", False))
