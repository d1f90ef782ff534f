"""PEPPOL BIS Catalogue (transaction T19), Punch Out (T77) and EHF Catalogue 3.0, UBL 2.1.

Specification: PEPPOL BIS Catalogue only 3 / Catalogue without response 3
(``docs.peppol.eu/poacc/upgrade-3/syntax/Catalogue/tree/``), PEPPOL BIS Punch
Out 3 (``.../syntax/PunchOut/tree/``, a shopping cart sent as a Catalogue)
and EHF Catalogue 3.0 / EHF Punch Out 3.0. The comment above each field gives
the information element ids (``tir19-NNN``, ``OP-T77-NNN``).

Heldigital also uses the Catalogue as the *request catalogue* (the buyer's
list of items it asks prices for) and the *tender catalogue* (the supplier's
priced answer) in tendering. :class:`CatalogueItem` and
:meth:`Catalogue.from_items` build such a catalogue from a plain list::

    items = [
        CatalogueItem(id="1", name="Copy paper A4", unit="XPK", quantity=Decimal("500"),
                      properties={"Weight": "80 g/m2"}, price=Decimal("42.50")),
    ]
    catalogue = Catalogue.from_items(
        id="RFQ-2026-17", issue_date=date(2026, 11, 25), currency="NOK",
        provider=buyer, receiver=supplier, items=items)
    catalogue.items()  # back to CatalogueItem
"""

# ruff: noqa: RUF009 - one()/opt()/many() return dataclasses.field() objects
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from typing import ClassVar

from heldigital.ehf.builders import PriceList, PriceListEntry
from heldigital.ehf.common import (
    CatalogueLine,
    CatalogueReference,
    CommodityClassification,
    Contract,
    CustomerParty,
    Item,
    ItemIdentification,
    ItemLocationQuantity,
    ItemProperty,
    Party,
    Period,
    Price,
    SupplierParty,
    TaxCategory,
    TaxScheme,
    TradingTerms,
)
from heldigital.ehf.mapping import (
    Amount,
    Code,
    Document,
    Identifier,
    ModelError,
    Quantity,
    is_valid_code,
    many,
    one,
    opt,
)

__all__ = [
    "ACTION_CODES",
    "CUSTOMIZATION_ID",
    "EHF_CUSTOMIZATION_ID",
    "PROFILE_CATALOGUE_ONLY",
    "PROFILE_CATALOGUE_WITHOUT_RESPONSE",
    "PUNCH_OUT_CUSTOMIZATION_ID",
    "Catalogue",
    "CatalogueItem",
    "price_on",
]

#: tir19-002: PEPPOL BIS Catalogue transaction 3 specification identifier.
CUSTOMIZATION_ID = "urn:fdc:peppol.eu:poacc:trns:catalogue:3"
#: EHF Catalogue 3.0 specification identifier.
EHF_CUSTOMIZATION_ID = CUSTOMIZATION_ID + ":extended:urn:fdc:anskaffelser.no:2019:ehf:spec:3.0"
#: OP-T77-007: PEPPOL BIS Punch Out transaction 3 (a shopping cart as a Catalogue).
PUNCH_OUT_CUSTOMIZATION_ID = "urn:fdc:peppol.eu:poacc:trns:punch_out:3"
#: tir19-001: business processes that carry a catalogue.
PROFILE_CATALOGUE_ONLY = "urn:fdc:peppol.eu:poacc:bis:catalogue_only:3"
PROFILE_CATALOGUE_WITHOUT_RESPONSE = "urn:fdc:peppol.eu:poacc:bis:catalogue_wo_response:3"
#: tir19-047: catalogue action codes (header); lines use Add, Update, Delete (tir19-033).
ACTION_CODES = {
    "Add": "A new catalogue",
    "Replace": "Replaces the whole catalogue",
    "Update": "Changes to lines of a catalogue",
    "Delete": "Deletes the whole catalogue",
}


def _default_name(description: str) -> str:
    # tir19-042 (item name) is mandatory; a plain item may only have a description.
    return " ".join(description.split()[:8])


@dataclass(frozen=True, kw_only=True)
class CatalogueItem:
    """One item of a request or tender catalogue, as a plain record.

    ``id`` becomes the line id (tir19-032) and the seller's item
    identifier; ``name`` the item name (tir19-078, defaults to the first
    words of ``description``); ``description`` the item description
    (tir19-067); ``unit`` the orderable unit, a UN/ECE Rec 20 code
    (tir19-035, e.g. ``EA``, ``KGM``, ``HUR``, ``XPK``; None only for lines
    read from a catalogue that gives no unit); ``quantity`` the
    quantity the price applies to (quantity threshold tir19-p025 of the item
    location quantity, in ``unit``); ``properties`` additional item
    properties, name to value (tir19-076, tir19-077); ``price`` the net unit
    price in the catalogue currency (tir19-051), None in a request
    catalogue; ``classification`` a ``(code, listID)`` pair, e.g. a CPV code
    ``("30197630", "STI")`` (tir19-069, UNCL7143 list id);
    ``standard_id`` a ``(value, ICD scheme)`` pair, e.g. a GTIN
    ``("7300010000001", "0160")``; ``vat_category`` (UNCL5305, tir19-094)
    and ``vat_rate`` (tir19-050) the VAT of the item.
    """

    id: str
    description: str
    unit: str | None
    quantity: Decimal | None = None
    properties: Mapping[str, str] = field(default_factory=dict)
    price: Decimal | None = None
    name: str | None = None
    classification: tuple[str, str] | None = None
    standard_id: tuple[str, str] | None = None
    vat_category: str | None = None
    vat_rate: Decimal | None = None

    def __post_init__(self) -> None:
        if not self.id.strip():
            raise ModelError("catalogue item: id is empty")
        if self.unit is not None and not is_valid_code("UNECERec20", self.unit):
            raise ModelError(f"catalogue item {self.id}: {self.unit!r} is not a UN/ECE Rec 20 unit")
        if self.vat_category is not None and not is_valid_code("UNCL5305", self.vat_category):
            raise ModelError(f"catalogue item {self.id}: {self.vat_category!r} is no VAT category")
        if self.vat_rate is not None and self.vat_category is None:
            raise ModelError(f"catalogue item {self.id}: a VAT rate needs a VAT category")
        for name in ("quantity", "price", "vat_rate"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Decimal):
                raise ModelError(f"catalogue item {self.id}: {name} must be a Decimal")
        object.__setattr__(self, "properties", dict(self.properties))

    def to_line(self, currency: str) -> CatalogueLine:
        """The UBL catalogue line for this item, prices in ``currency``."""
        price = Price(price_amount=Amount(self.price, currency)) if self.price is not None else None
        locations: tuple[ItemLocationQuantity, ...] = ()
        if price is not None or self.quantity is not None:
            locations = (
                ItemLocationQuantity(
                    minimum_quantity=(
                        Quantity(self.quantity, unit_code=self.unit)
                        if self.quantity is not None
                        else None
                    ),
                    price=price,
                ),
            )
        name = self.name or _default_name(self.description)
        return CatalogueLine(
            id=self.id,
            orderable_unit=self.unit,
            required_item_location_quantity=locations,
            item=Item(
                description=(self.description,),
                name=name,
                sellers_item_identification=ItemIdentification(id=Identifier(self.id)),
                standard_item_identification=(
                    ItemIdentification(
                        id=Identifier(self.standard_id[0], scheme_id=self.standard_id[1])
                    )
                    if self.standard_id
                    else None
                ),
                commodity_classification=(
                    (
                        CommodityClassification(
                            item_classification_code=Code(
                                self.classification[0], list_id=self.classification[1]
                            )
                        ),
                    )
                    if self.classification
                    else ()
                ),
                classified_tax_category=(
                    (
                        TaxCategory(
                            id=Identifier(self.vat_category),
                            percent=self.vat_rate,
                            tax_scheme=TaxScheme(id=Identifier("VAT")),
                        ),
                    )
                    if self.vat_category
                    else ()
                ),
                additional_item_property=tuple(
                    ItemProperty(name=key, value=value) for key, value in self.properties.items()
                ),
            ),
        )

    @classmethod
    def from_line(cls, line: CatalogueLine) -> CatalogueItem:
        """Read the plain record back from a catalogue line (the first price and threshold)."""
        item = line.item
        location = line.required_item_location_quantity[:1]
        quantity = location[0].minimum_quantity if location else None
        price = location[0].price if location else None
        classification = next(
            (
                (c.item_classification_code.value, c.item_classification_code.list_id or "")
                for c in item.commodity_classification
                if c.item_classification_code is not None
            ),
            None,
        )
        standard = item.standard_item_identification
        description = item.description[0] if item.description else (item.name or "")
        vat = item.classified_tax_category[0] if item.classified_tax_category else None
        return cls(
            id=line.id,
            description=description,
            unit=line.orderable_unit,
            quantity=quantity.value if quantity is not None else None,
            properties={p.name: p.value or "" for p in item.additional_item_property},
            price=price.price_amount.value if price is not None else None,
            name=item.name if item.name != _default_name(description) else None,
            classification=classification,
            standard_id=(
                (standard.id.value, standard.id.scheme_id or "") if standard is not None else None
            ),
            vat_category=vat.id.value if vat is not None and vat.id is not None else None,
            vat_rate=vat.percent if vat is not None else None,
        )


def _check_valid(periods: Iterable[Period], day: date, what: str) -> None:
    for period in periods:
        if (period.start_date and day < period.start_date) or (
            period.end_date and day > period.end_date
        ):
            raise ModelError(
                f"{what} is valid {period.start_date or '...'} to {period.end_date or '...'}, "
                f"not on {day}"
            )


def price_on(line: CatalogueLine, day: date) -> Price | None:
    """The first price of a catalogue line valid on ``day`` (tir19-051 and its validity).

    A price without validity period is always valid. None when the line has
    no price at all; :class:`ModelError` when it has prices but none valid
    on ``day``.
    """
    priced = [q.price for q in line.required_item_location_quantity if q.price is not None]
    for price in priced:
        try:
            _check_valid(price.validity_period, day, "price")
        except ModelError:
            continue
        return price
    if priced:
        raise ModelError(f"catalogue line {line.id} has no price valid on {day}")
    return None


@dataclass(frozen=True, kw_only=True)
class Catalogue(Document):
    """A catalogue (PEPPOL BIS T19, EHF Catalogue 3.0) or a punch-out cart (T77).

    Mandatory in the BIS: ``customization_id`` (tir19-002), ``profile_id``
    (tir19-001), ``id`` (tir19-003), ``issue_date`` (tir19-006), the
    ``provider_party`` and ``receiver_party`` and at least one
    ``catalogue_line``.
    """

    ROOT: ClassVar[str] = "Catalogue"
    NAMESPACE: ClassVar[str] = "urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2"

    #: ``cbc:CustomizationID``: Specification identification [tir19-002; tir77-007]
    customization_id: str | None = opt("cbc:CustomizationID")

    #: ``cbc:ProfileID``: Business process type identifier [tir19-001; tir77-006]
    profile_id: str | None = opt("cbc:ProfileID")

    #: ``cbc:ID``: Catalogue identifier; Shopping cart identifier [tir19-003; tir77-001]
    id: str = one("cbc:ID")

    #: ``cbc:ActionCode``: Catalogue action code; Complete cart indicator [tir19-047; tir77-005]
    action_code: str | None = opt("cbc:ActionCode", codes=("ActionCode_header", "TrueFalse"))

    #: ``cbc:Name``: Catalogue name [tir19-005]
    name: str | None = opt("cbc:Name")

    #: ``cbc:IssueDate``: Catalogue issue date; Shopping cart issue date [tir19-006; tir77-002]
    issue_date: date = one("cbc:IssueDate")

    #: ``cbc:IssueTime``: Shopping cart issue time [tir77-003]
    issue_time: time | None = opt("cbc:IssueTime")

    #: ``cbc:VersionID``: Catalogue version [tir19-004]
    version_id: str | None = opt("cbc:VersionID")

    #: ``cac:ValidityPeriod``: Catalogue validity period; Validity period
    validity_period: tuple[Period, ...] = many("cac:ValidityPeriod")

    #: ``cac:ReferencedContract``: Contract reference
    referenced_contract: tuple[Contract, ...] = many("cac:ReferencedContract")

    #: ``cac:SourceCatalogueReference``: Source Catalogue reference
    source_catalogue_reference: CatalogueReference | None = opt("cac:SourceCatalogueReference")

    #: ``cac:ProviderParty``: Catalogue provider; Seller party information
    provider_party: Party = one("cac:ProviderParty")

    #: ``cac:ReceiverParty``: Catalogue receiver; Buyer party
    receiver_party: Party = one("cac:ReceiverParty")

    #: ``cac:SellerSupplierParty``: Catalogue supplier
    seller_supplier_party: SupplierParty | None = opt("cac:SellerSupplierParty")

    #: ``cac:ContractorCustomerParty``: Catalogue customer
    contractor_customer_party: CustomerParty | None = opt("cac:ContractorCustomerParty")

    #: ``cac:TradingTerms``: Trading terms
    trading_terms: tuple[TradingTerms, ...] = many("cac:TradingTerms")

    #: ``cac:CatalogueLine``: Catalogue line; Shopping cart line
    catalogue_line: tuple[CatalogueLine, ...] = many("cac:CatalogueLine", min_occurs=1)

    @classmethod
    def from_items(
        cls,
        *,
        id: str,
        issue_date: date,
        provider: Party,
        receiver: Party,
        items: Iterable[CatalogueItem],
        currency: str,
        name: str | None = None,
        action_code: str = "Add",
        validity: Period | None = None,
        contract_id: str | None = None,
        issue_time: time | None = None,
        profile_id: str = PROFILE_CATALOGUE_ONLY,
        customization_id: str = CUSTOMIZATION_ID,
    ) -> Catalogue:
        """Build a catalogue from plain items (see :class:`CatalogueItem`).

        ``provider`` sends the catalogue (the supplier for a tender catalogue,
        the buyer for a request catalogue), ``receiver`` gets it; ``currency``
        (ISO 4217) applies to every price; ``validity`` is the catalogue
        validity period (tir19-007, tir19-008), by default from the issue date on
        (the T19 data model requires one); ``contract_id`` the referenced
        contract or tender (tir19-028). Of each party only what the T19 data
        model has for provider and receiver is kept (electronic address,
        identifiers, postal address, legal entity): a party name or tax scheme
        would break the generated rules PEPPOL-T19-B01603/B04003.
        """
        lines = tuple(item.to_line(currency) for item in items)
        if not lines:
            raise ModelError("a catalogue needs at least one item")
        ids = [line.id for line in lines]
        if len(set(ids)) != len(ids):
            raise ModelError("catalogue item ids must be unique")
        return cls(
            customization_id=customization_id,
            profile_id=profile_id,
            id=id,
            action_code=action_code,
            name=name,
            issue_date=issue_date,
            issue_time=issue_time,
            validity_period=(validity or Period(start_date=issue_date),),
            referenced_contract=(Contract(id=contract_id),) if contract_id else (),
            provider_party=_catalogue_party(provider),
            receiver_party=_catalogue_party(receiver),
            catalogue_line=lines,
        )

    def price_list(
        self,
        day: date,
        *,
        default_vat_category: str | None = None,
        default_vat_rate: Decimal | None = None,
    ) -> PriceList:
        """The prices valid on ``day`` as the price list of the invoice builder.

        For :func:`heldigital.ehf.builders.invoice_from_order`: one entry per
        priced line, keyed by the seller's item identifier, with the price
        (tir19-051) per base quantity and its unit, and the item's VAT
        category and rate (tir19-094, tir19-050); lines without VAT take the
        defaults, and without defaults they are refused. The catalogue must
        be valid on ``day`` and its prices in one currency.
        """
        _check_valid(self.validity_period, day, f"catalogue {self.id}")
        entries = []
        currencies = set()
        for line in self.catalogue_line:
            price = price_on(line, day)
            if price is None:
                continue
            seller_id = line.item.sellers_item_identification
            if seller_id is None:
                raise ModelError(f"catalogue line {line.id} has no seller's item identifier")
            vat = line.item.classified_tax_category[:1]
            category = vat[0].id.value if vat and vat[0].id is not None else default_vat_category
            rate = vat[0].percent if vat else default_vat_rate
            if category is None:
                raise ModelError(f"catalogue line {line.id} has no VAT category")
            base = price.base_quantity
            unit = (base.unit_code if base is not None else None) or line.orderable_unit
            if unit is None:
                raise ModelError(f"catalogue line {line.id} has no unit for its price")
            currencies.add(price.price_amount.currency_id)
            entries.append(
                PriceListEntry(
                    item_id=seller_id.id.value,
                    price=price.price_amount.value,
                    unit_code=unit,
                    vat_category=category,
                    vat_rate=rate,
                    base_quantity=base.value if base is not None else Decimal(1),
                )
            )
        if len(currencies) != 1:
            raise ModelError(
                f"catalogue {self.id}: prices must be in one currency, found {sorted(currencies)}"
            )
        return PriceList(currency=currencies.pop(), entries=tuple(entries))

    def items(self) -> list[CatalogueItem]:
        """The lines as plain :class:`CatalogueItem` records."""
        return [CatalogueItem.from_line(line) for line in self.catalogue_line]


def _catalogue_party(party: Party) -> Party:
    """The parts of ``party`` the T19 data model has for a provider or receiver party."""
    return Party(
        endpoint_id=party.endpoint_id,
        party_identification=party.party_identification,
        postal_address=party.postal_address,
        party_legal_entity=party.party_legal_entity,
    )
