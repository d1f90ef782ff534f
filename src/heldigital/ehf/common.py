"""The UBL 2.1 aggregates of every EHF / PEPPOL BIS document model: one class per UBL type.

Billing (Invoice, CreditNote: EN 16931-1:2017 and its PEPPOL BIS Billing 3.0 /
EHF Billing 3.0 syntax binding) and post-award (Order T01, Order Response
T76 / T110 / T116, Order Change T114, Order Cancellation T115, Despatch
Advice T16, Catalogue T19 / Punch Out T77, Catalogue Response T58, Message
Level Response T71, Invoice Response T111, and their EHF 3.0 extensions) are
all built from these classes: one :class:`Party`, one :class:`Item`, one
:class:`DocumentReference` ... Each holds the union of the elements the
billing and post-award syntax bindings define for that UBL type, in the
order of the type's ``xsd:sequence`` (OASIS UBL 2.1,
``common/UBL-CommonAggregateComponents-2.1.xsd``), so writing is canonical
by construction. Field names are the UBL element names in snake case
(``cac:PartyLegalEntity`` -> ``party_legal_entity``); repeating elements
are tuples.

The post-award aggregates were derived mechanically from the PEPPOL BIS 3
and EHF 3.0 post-award syntax bindings (``docs.peppol.eu/poacc/upgrade-3/syntax/``)
and the UBL 2.1 schema and are maintained by hand;
``tests/lib/ehf/test_postaward_profiles.py`` fails when a binding defines an
element or attribute that has no field, and the property tests check the
field order against the schema. The comment above a field cites the
information element ids of the specifications (``tir01-032`` is information
element 032 of transaction T01, ``p`` ids are PEPPOL additions, ``OP-T77``
ids are Punch Out); ``[billing]`` marks elements the billing models need.
The docstrings cite the EN 16931 business terms (BT-/BG-).

The mapping engine (:func:`~heldigital.ehf.mapping.one` / ``opt`` / ``many``,
:class:`~heldigital.ehf.mapping.Aggregate`, the value types
:class:`Identifier`, :class:`Code`, :class:`Amount`, :class:`Quantity`,
:class:`Measure`, :class:`BinaryObject`) is :mod:`heldigital.ehf.mapping`;
its public names are re-exported here for convenience.
"""

# ruff: noqa: RUF009 - one()/opt()/many() return dataclasses.field() objects
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from heldigital.ehf.mapping import (
    CAC,
    CBC,
    CREDIT_NOTE_NS,
    EXT,
    INVOICE_NS,
    NSMAP,
    Aggregate,
    Amount,
    BinaryObject,
    Code,
    Document,
    Identifier,
    Measure,
    ModelError,
    Problem,
    Quantity,
    as_json,
    many,
    one,
    opt,
    unmodelled,
)

__all__ = [
    "CAC",
    "CBC",
    "CREDIT_NOTE_NS",
    "EXT",
    "INVOICE_NS",
    "NSMAP",
    "Address",
    "AddressLine",
    "Aggregate",
    "AirTransport",
    "AllowanceCharge",
    "Amount",
    "Attachment",
    "BillingReference",
    "BinaryObject",
    "Branch",
    "CardAccount",
    "CatalogueLine",
    "CatalogueReference",
    "Certificate",
    "Code",
    "CommodityClassification",
    "Condition",
    "Consignment",
    "Contact",
    "Contract",
    "Country",
    "CreditAccount",
    "CustomerParty",
    "Delivery",
    "DeliveryTerms",
    "DeliveryUnit",
    "Despatch",
    "DespatchLine",
    "Dimension",
    "Document",
    "DocumentReference",
    "DocumentResponse",
    "EnvironmentalEmission",
    "ExternalReference",
    "FinancialAccount",
    "GoodsItem",
    "HazardousGoodsTransit",
    "HazardousItem",
    "Identifier",
    "Item",
    "ItemComparison",
    "ItemIdentification",
    "ItemInstance",
    "ItemLocationQuantity",
    "ItemProperty",
    "LineItem",
    "LineReference",
    "LineResponse",
    "Location",
    "LocationCoordinate",
    "LotIdentification",
    "MaritimeTransport",
    "Measure",
    "ModelError",
    "MonetaryTotal",
    "OrderLine",
    "OrderLineReference",
    "OrderReference",
    "Package",
    "Party",
    "PartyIdentification",
    "PartyLegalEntity",
    "PartyName",
    "PartyTaxScheme",
    "PaymentMandate",
    "PaymentMeans",
    "PaymentTerms",
    "Period",
    "Person",
    "Price",
    "Problem",
    "ProjectReference",
    "Quantity",
    "RailTransport",
    "RelatedItem",
    "Response",
    "RoadTransport",
    "Shipment",
    "ShipmentStage",
    "Status",
    "SupplierParty",
    "TaxCategory",
    "TaxScheme",
    "TaxSubtotal",
    "TaxTotal",
    "Temperature",
    "TradingTerms",
    "TransactionConditions",
    "TransportEquipment",
    "TransportHandlingUnit",
    "TransportMeans",
    "TransportationService",
    "as_json",
    "unmodelled",
]


@dataclass(frozen=True, kw_only=True)
class Address(Aggregate):
    """UBL 2.1 ``AddressType``: A class to define common information related to an address.

    EN 16931 (billing): A postal address (UBL ``AddressType``).

    Seller postal address BG-5: ``street_name`` BT-35, ``additional_street_name``
    BT-36, ``address_line`` BT-162, ``city_name`` BT-37, ``postal_zone`` BT-38,
    ``country_subentity`` BT-39, ``country`` BT-40. The same terms serve the
    buyer (BG-8, BT-50..BT-55, BT-163), the tax representative (BG-12) and the
    deliver-to address (BG-15).
    """

    #: ``cbc:ID``: Identifier [tir16-p046]
    id: Identifier | None = opt("cbc:ID")

    #: ``cbc:Postbox`` [billing]
    postbox: str | None = opt("cbc:Postbox")

    #: ``cbc:StreetName``: Address line 1 [OP-T77-007; tir01-032,063,092,p013,p029;
    #: tir110-051,057,072; tir114-032,063,092,p013,p029; tir16-018,p003,p012,p018,p025,p032;
    #: tir19-021,108,p029a,p031a,p041]
    street_name: str | None = opt("cbc:StreetName")

    #: ``cbc:AdditionalStreetName``: Address line 2; Address line 1 [OP-T77-008;
    #: tir01-027,064,093,p014,p030; tir110-052,058,073; tir114-027,064,093,p014,p030;
    #: tir16-019,p004,p013,p019,p026,p033; tir19-022,109,p029b,p031b,p042]
    additional_street_name: str | None = opt("cbc:AdditionalStreetName")

    #: ``cbc:BuildingNumber`` [billing]
    building_number: str | None = opt("cbc:BuildingNumber")

    #: ``cbc:Department`` [billing]
    department: str | None = opt("cbc:Department")

    #: ``cbc:CityName``: City; Provider legal registration city; Receiver legal registration city
    #: [OP-T77-010; tir01-031,045,065,096,160,p009,p031,p040; tir110-053,059,074;
    #: tir114-031,045,065,096,160,p009,p031; tir16-020,p005,p014,p020,p027,p034;
    #: tir19-023,060,110,p028c,p029c,p030c,p031c,p043]
    city_name: str | None = opt("cbc:CityName")

    #: ``cbc:PostalZone``: Post code [OP-T77-011; tir01-024,068,097,p015,p032; tir110-054,060,075;
    #: tir114-024,068,097,p015,p032; tir16-021,p006,p015,p021,p028,p035;
    #: tir19-024,111,p029d,p031d,p044]
    postal_zone: str | None = opt("cbc:PostalZone")

    #: ``cbc:CountrySubentity``: Country Subdivision; Country subdivision [OP-T77-012;
    #: tir01-141,142,144,p016,p033; tir110-055,061,076; tir114-141,142,144,p016,p033;
    #: tir16-022,p007,p016,p022,p029,p036; tir19-025,062,112,p029e,p031e,p045]
    country_subentity: str | None = opt("cbc:CountrySubentity")

    #: ``cac:AddressLine``: Address Line; Address line
    address_line: tuple[AddressLine, ...] = many("cac:AddressLine")

    #: ``cac:Country``: Country
    country: Country | None = opt("cac:Country")

    #: ``cac:LocationCoordinate``
    location_coordinate: tuple[LocationCoordinate, ...] = many("cac:LocationCoordinate")

    @property
    def country_code(self) -> str | None:
        """The ISO 3166-1 alpha-2 country code (BT-40, BT-55 ...), if any."""
        if self.country is None or self.country.identification_code is None:
            return None
        return self.country.identification_code.value


@dataclass(frozen=True, kw_only=True)
class AddressLine(Aggregate):
    """UBL 2.1 ``AddressLineType``: A class to define an unstructured address line."""

    #: ``cbc:Line``: Address line 3 [OP-T77-009; tir01-p003,p005,p006,p007,p034;
    #: tir114-p003,p005,p006,p007,p034; tir16-p011,p017,p023,p030,p037; tir19-p047]
    line: str = one("cbc:Line")


@dataclass(frozen=True, kw_only=True)
class AirTransport(Aggregate):
    """UBL 2.1 ``AirTransportType``: A class to identify a specific aircraft used for
    transportation.
    """

    #: ``cbc:AircraftID``
    aircraft_id: str = one("cbc:AircraftID")


@dataclass(frozen=True, kw_only=True)
class AllowanceCharge(Aggregate):
    """UBL 2.1 ``AllowanceChargeType``: A class to describe information about a charge or
    discount as applied to a price component.

    EN 16931 (billing): An allowance or charge (``cac:AllowanceCharge``).

    Document level BG-20 (allowance) / BG-21 (charge): ``amount`` BT-92/BT-99,
    ``base_amount`` BT-93/BT-100, ``multiplier_factor_numeric`` (percentage)
    BT-94/BT-101, ``tax_category`` BT-95/96 and BT-102/103, ``allowance_charge_reason``
    BT-97/BT-104, ``allowance_charge_reason_code`` BT-98/BT-105. Line level BG-27/BG-28
    (BT-136..BT-145, no tax category). On the price (BT-147 ``amount``,
    BT-148 ``base_amount``) it is the price discount.
    """

    #: ``cbc:ID`` [billing]
    id: str | None = opt("cbc:ID")

    #: ``cbc:ChargeIndicator``: AllowanceChargeIndicator; Charge indicator [tir01-p002,p004,p014;
    #: tir114-p002,p004,p014]
    charge_indicator: bool = one("cbc:ChargeIndicator", codes=("TrueFalse",))

    #: ``cbc:AllowanceChargeReasonCode``: Document level allowance or charge reason code; Line
    #: level allowance or charge reason code [tir01-p008,p015; tir114-p008,p015]
    allowance_charge_reason_code: Code | None = opt(
        "cbc:AllowanceChargeReasonCode",
        codes=("UNCL5189", "UNCL7161"),
    )

    #: ``cbc:AllowanceChargeReason``: Allowance and charges reason; Line level allowance or charge
    #: reason; Allowance or charge reason [tir01-112,p016; tir114-112,p016]
    allowance_charge_reason: tuple[str, ...] = many("cbc:AllowanceChargeReason")

    #: ``cbc:MultiplierFactorNumeric``: Document level allowance or charge percentage; Line level
    #: allowance or charge percentage [tir01-p009,p017; tir114-p009,p017]
    multiplier_factor_numeric: Decimal | None = opt("cbc:MultiplierFactorNumeric")

    #: ``cbc:PrepaidIndicator`` [billing]
    prepaid_indicator: bool | None = opt("cbc:PrepaidIndicator")

    #: ``cbc:SequenceNumeric`` [billing]
    sequence_numeric: Decimal | None = opt("cbc:SequenceNumeric")

    #: ``cbc:Amount``: Allowance and charge amount; Discount amount; Line level allowance or charge
    #: amount [tir01-113,p006,p018; tir110-p002; tir114-113,p006,p018]
    amount: Amount = one("cbc:Amount", attr_codes={"currencyID": ("ISO4217",)})

    #: ``cbc:BaseAmount``: Document level allowance or charge base amount; Item list price; Line
    #: level allowance or charge base amount [tir01-152,p010,p019; tir110-p001,p003;
    #: tir114-152,p010,p019; tir116-p003]
    base_amount: Amount | None = opt("cbc:BaseAmount", attr_codes={"currencyID": ("ISO4217",)})

    #: ``cbc:AccountingCostCode`` [billing]
    accounting_cost_code: str | None = opt("cbc:AccountingCostCode")

    #: ``cbc:AccountingCost`` [billing]
    accounting_cost: str | None = opt("cbc:AccountingCost")

    #: ``cbc:PerUnitAmount`` [billing]
    per_unit_amount: Amount | None = opt("cbc:PerUnitAmount")

    #: ``cac:TaxCategory``: Tax category; TAX CATEGORY
    tax_category: tuple[TaxCategory, ...] = many("cac:TaxCategory")


@dataclass(frozen=True, kw_only=True)
class Attachment(Aggregate):
    """UBL 2.1 ``AttachmentType``: A class to describe an attached document. An attachment
    can refer to an external document or be included with the document being exchanged.

    EN 16931 (billing): An attachment (``cac:Attachment``): embedded document BT-125 (base64
    kept exactly, with BT-125-1 mime code and BT-125-2 file name) and/or
    external document location BT-124.
    """

    #: ``cbc:EmbeddedDocumentBinaryObject``: Attached object; Attached document; Attached
    #: document/image [OP-T77-006; tir01-017; tir110-048,105; tir114-017; tir16-p051; tir19-107;
    #: tir77-038]
    embedded_document_binary_object: BinaryObject | None = opt(
        "cbc:EmbeddedDocumentBinaryObject",
        attr_codes={"mimeCode": ("MimeCode", "billing:MimeCode")},
    )

    #: ``cac:ExternalReference``: External reference
    external_reference: ExternalReference | None = opt("cac:ExternalReference")


@dataclass(frozen=True, kw_only=True)
class BillingReference(Aggregate):
    """A preceding invoice reference BG-3 (``cac:BillingReference``).

    BIS Billing uses ``invoice_document_reference`` (BT-25 ``id``, BT-26
    ``issue_date``); the other kinds of UBL billing reference are kept too.
    """

    invoice_document_reference: DocumentReference | None = opt("cac:InvoiceDocumentReference")

    self_billed_invoice_document_reference: DocumentReference | None = opt(
        "cac:SelfBilledInvoiceDocumentReference"
    )

    credit_note_document_reference: DocumentReference | None = opt(
        "cac:CreditNoteDocumentReference"
    )

    self_billed_credit_note_document_reference: DocumentReference | None = opt(
        "cac:SelfBilledCreditNoteDocumentReference"
    )

    debit_note_document_reference: DocumentReference | None = opt("cac:DebitNoteDocumentReference")

    reminder_document_reference: DocumentReference | None = opt("cac:ReminderDocumentReference")

    additional_document_reference: DocumentReference | None = opt("cac:AdditionalDocumentReference")


@dataclass(frozen=True, kw_only=True)
class Branch(Aggregate):
    """UBL 2.1 ``BranchType`` (``cac:FinancialInstitutionBranch``): ``id`` is the
    payment service provider identifier BT-86 (BIC)."""

    id: Identifier | None = opt("cbc:ID")

    name: str | None = opt("cbc:Name")


@dataclass(frozen=True, kw_only=True)
class CardAccount(Aggregate):
    """Payment card information BG-18 (``cac:CardAccount``): ``primary_account_number``
    BT-87 (at most the last 4-6 digits), ``network_id`` (e.g. VISA),
    ``holder_name`` BT-88.
    """

    primary_account_number_id: Identifier = one("cbc:PrimaryAccountNumberID")

    network_id: Identifier = one("cbc:NetworkID")

    card_type_code: Code | None = opt("cbc:CardTypeCode")

    validity_start_date: date | None = opt("cbc:ValidityStartDate")

    expiry_date: date | None = opt("cbc:ExpiryDate")

    issuer_id: Identifier | None = opt("cbc:IssuerID")

    holder_name: str | None = opt("cbc:HolderName")


@dataclass(frozen=True, kw_only=True)
class CatalogueLine(Aggregate):
    """UBL 2.1 ``CatalogueLineType``: A class to define a line in a Catalogue describing a
    purchasable item.
    """

    #: ``cbc:ID``: Line identifier; Shopping cart line identifier [tir19-032; tir77-015]
    id: str = one("cbc:ID")

    #: ``cbc:ActionCode``: Line action code [tir19-033]
    action_code: str | None = opt("cbc:ActionCode", codes=("ActionCode_line",))

    #: ``cbc:ContractSubdivision``: Contracted item indicator [tir77-019]
    contract_subdivision: str | None = opt("cbc:ContractSubdivision")

    #: ``cbc:OrderableIndicator``: Orderable indicator [tir19-034]
    orderable_indicator: bool | None = opt("cbc:OrderableIndicator", codes=("TrueFalse",))

    #: ``cbc:OrderableUnit``: Orderable unit [tir19-035]
    orderable_unit: str | None = opt("cbc:OrderableUnit", codes=("UNECERec20",))

    #: ``cbc:ContentUnitQuantity``: Item net quantity [tir19-061]
    content_unit_quantity: Quantity | None = opt(
        "cbc:ContentUnitQuantity",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cbc:OrderQuantityIncrementNumeric``: Order quantity increment [tir19-037]
    order_quantity_increment_numeric: Decimal | None = opt("cbc:OrderQuantityIncrementNumeric")

    #: ``cbc:MinimumOrderQuantity``: Minimum order quantity [tir19-038]
    minimum_order_quantity: Quantity | None = opt(
        "cbc:MinimumOrderQuantity",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cbc:MaximumOrderQuantity``: Maximum order quantity [tir19-039]
    maximum_order_quantity: Quantity | None = opt(
        "cbc:MaximumOrderQuantity",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cbc:WarrantyInformation``: Line warranty information [tir19-040]
    warranty_information: tuple[str, ...] = many("cbc:WarrantyInformation")

    #: ``cbc:PackLevelCode``: Packaging level [tir19-102]
    pack_level_code: str | None = opt("cbc:PackLevelCode", codes=("GS17009",))

    #: ``cac:LineValidityPeriod``: Catalogue line validity period; Availability date information
    line_validity_period: Period | None = opt("cac:LineValidityPeriod")

    #: ``cac:ItemComparison``: Item comparison
    item_comparison: tuple[ItemComparison, ...] = many("cac:ItemComparison")

    #: ``cac:ComponentRelatedItem``: Component related item
    component_related_item: tuple[RelatedItem, ...] = many("cac:ComponentRelatedItem")

    #: ``cac:AccessoryRelatedItem``: Accessory related item
    accessory_related_item: tuple[RelatedItem, ...] = many("cac:AccessoryRelatedItem")

    #: ``cac:RequiredRelatedItem``: Required related item
    required_related_item: tuple[RelatedItem, ...] = many("cac:RequiredRelatedItem")

    #: ``cac:ReplacedRelatedItem``: Replaced related item
    replaced_related_item: tuple[RelatedItem, ...] = many("cac:ReplacedRelatedItem")

    #: ``cac:RequiredItemLocationQuantity``: Required Item Location Quantity; Item location
    #: quantity information
    required_item_location_quantity: tuple[ItemLocationQuantity, ...] = many(
        "cac:RequiredItemLocationQuantity",
    )

    #: ``cac:Item``: Item information
    item: Item = one("cac:Item")


@dataclass(frozen=True, kw_only=True)
class CatalogueReference(Aggregate):
    """UBL 2.1 ``CatalogueReferenceType``: A class to define a reference to a catalogue."""

    #: ``cbc:ID``: Source catalogue identifier; Catalogue reference [tir01-p45; tir19-019]
    id: str = one("cbc:ID")


@dataclass(frozen=True, kw_only=True)
class Certificate(Aggregate):
    """UBL 2.1 ``CertificateType``: A class to define a certificate applied to the item.
    Certificated can be a requirement to sell goods or services in a jurisdiction.
    """

    #: ``cbc:ID``: Item label name [tir19-087; tir77-030]
    id: str = one("cbc:ID")

    #: ``cbc:CertificateTypeCode``: Certificate type code
    certificate_type_code: str = one("cbc:CertificateTypeCode")

    #: ``cbc:CertificateType``: Item label type [tir19-089; tir77-031]
    certificate_type: str = one("cbc:CertificateType")

    #: ``cbc:Remarks``: Item label value [tir19-088]
    remarks: tuple[str, ...] = many("cbc:Remarks")

    #: ``cac:IssuerParty``: Issuer party information
    issuer_party: Party = one("cac:IssuerParty")

    #: ``cac:DocumentReference``: Label document
    document_reference: tuple[DocumentReference, ...] = many("cac:DocumentReference")


@dataclass(frozen=True, kw_only=True)
class CommodityClassification(Aggregate):
    """UBL 2.1 ``CommodityClassificationType``: A class to describe the classification of a
    commodity.

    EN 16931 (billing): An item classification (``cac:CommodityClassification``):
    ``item_classification_code`` BT-158 with scheme BT-158-1 (``list_id``) and
    version BT-158-2 (``list_version_id``).
    """

    #: ``cbc:NatureCode`` [billing]
    nature_code: Code | None = opt("cbc:NatureCode")

    #: ``cbc:CargoTypeCode`` [billing]
    cargo_type_code: Code | None = opt("cbc:CargoTypeCode")

    #: ``cbc:CommodityCode`` [billing]
    commodity_code: Code | None = opt("cbc:CommodityCode")

    #: ``cbc:ItemClassificationCode``: Item classification code; Item commodity classification
    #: [tir01-149; tir110-096,097; tir114-149; tir116-149; tir16-p048; tir19-069; tir76-149;
    #: tir77-028]
    item_classification_code: Code | None = opt(
        "cbc:ItemClassificationCode",
        attr_codes={"listID": ("UNCL7143",)},
    )


@dataclass(frozen=True, kw_only=True)
class Condition(Aggregate):
    """UBL 2.1 ``ConditionType``: A class to define a measurable condition of an object."""

    #: ``cbc:AttributeID``: Detail type code [tir111-017]
    attribute_id: str = one("cbc:AttributeID")

    #: ``cbc:Description``: Detail value [tir111-018]
    description: tuple[str, ...] = many("cbc:Description")


@dataclass(frozen=True, kw_only=True)
class Consignment(Aggregate):
    """UBL 2.1 ``ConsignmentType``: A class to describe an identifiable collection of one
    or more goods items to be transported between the consignor and the consignee. This
    information may be defined within a transport contract. A consignment may comprise
    more than one shipment (e.g., when consolidated by a freight forwarder).
    """

    #: ``cbc:ID``: Consignment identifier [tir16-040]
    id: Identifier = one("cbc:ID")

    #: ``cbc:HazardousRiskIndicator``
    hazardous_risk_indicator: bool | None = opt("cbc:HazardousRiskIndicator")

    #: ``cbc:HandlingCode``
    handling_code: Code | None = opt("cbc:HandlingCode")

    #: ``cbc:HandlingInstructions``
    handling_instructions: tuple[str, ...] = many("cbc:HandlingInstructions")

    #: ``cbc:Information``: Vehicle description [tir16-077]
    information: tuple[str, ...] = many("cbc:Information")

    #: ``cac:CarrierParty``: Carrier party
    carrier_party: Party | None = opt("cac:CarrierParty")

    #: ``cac:OriginalDespatchTransportationService``
    original_despatch_transportation_service: TransportationService | None = opt(
        "cac:OriginalDespatchTransportationService",
    )


@dataclass(frozen=True, kw_only=True)
class Contact(Aggregate):
    """UBL 2.1 ``ContactType``: A class to describe a contactable person or department in
    an organization.

    EN 16931 (billing): A contact (``cac:Contact``): seller contact BG-6 (BT-41 ``name``,
    BT-42 ``telephone``, BT-43 ``electronic_mail``) or buyer contact BG-9
    (BT-56..BT-58).
    """

    #: ``cbc:ID``: Buyer reference identifier [tir77-045]
    id: Identifier | None = opt("cbc:ID")

    #: ``cbc:Name``: Contact person name; Contact point; Party contact point name
    #: [tir01-050,074,086,103,p025; tir110-016,078; tir111-026; tir114-050,074,086,103,p025;
    #: tir16-008,024; tir19-027,080]
    name: str | None = opt("cbc:Name")

    #: ``cbc:Telephone``: Contact telephone number; Party contact point telephone
    #: [tir01-047,077,083,104,p026; tir110-018,080; tir111-028; tir114-047,077,083,104,p026;
    #: tir16-012,027; tir19-030,082]
    telephone: str | None = opt("cbc:Telephone")

    #: ``cbc:Telefax`` [billing]
    telefax: str | None = opt("cbc:Telefax")

    #: ``cbc:ElectronicMail``: Contact email address; Party contact point email
    #: [tir01-049,076,085,106,p027; tir110-019,081; tir111-027; tir114-049,076,085,106,p027;
    #: tir16-013,028; tir19-031,083]
    electronic_mail: str | None = opt("cbc:ElectronicMail")

    #: ``cbc:Note`` [billing]
    note: tuple[str, ...] = many("cbc:Note")


@dataclass(frozen=True, kw_only=True)
class Contract(Aggregate):
    """UBL 2.1 ``ContractType``: A class to describe a contract."""

    #: ``cbc:ID``: Contract identifier; Reference identifier [tir01-019; tir110-049; tir114-019;
    #: tir19-028; tir77-020]
    id: str | None = opt("cbc:ID")


@dataclass(frozen=True, kw_only=True)
class Country(Aggregate):
    """UBL 2.1 ``CountryType``: A class to describe a country.

    EN 16931 (billing): A country (``cac:Country``): ISO 3166-1 alpha-2 code (e.g. BT-40, BT-159).
    """

    #: ``cbc:IdentificationCode``: Catalogue Provider Country code; Country code; Item origin
    #: country [tir01-033,046,069,098,161,p017,p035,p041; tir110-056,062,077;
    #: tir114-033,046,069,098,161,p017; tir16-023,p008,p024,p031,p038,p045;
    #: tir19-026,063,071,113,p028d,p029f,p030d,p031f,p046; tir77-029]
    identification_code: Code | None = opt("cbc:IdentificationCode", codes=("ISO3166",))

    #: ``cbc:Name`` [billing]
    name: str | None = opt("cbc:Name")


@dataclass(frozen=True, kw_only=True)
class CreditAccount(Aggregate):
    """UBL 2.1 ``CreditAccountType`` (``cac:CreditAccount``): an account for credit."""

    account_id: Identifier = one("cbc:AccountID")


@dataclass(frozen=True, kw_only=True)
class CustomerParty(Aggregate):
    """UBL 2.1 ``CustomerPartyType``: A class to describe a customer party."""

    #: ``cac:Party``: Party; Party information; Description of buyer
    party: Party | None = opt("cac:Party")

    #: ``cac:DeliveryContact``: Contact information
    delivery_contact: Contact | None = opt("cac:DeliveryContact")


@dataclass(frozen=True, kw_only=True)
class Delivery(Aggregate):
    """UBL 2.1 ``DeliveryType``: A class to describe a delivery.

    EN 16931 (billing): Delivery information BG-13 (``cac:Delivery``): ``actual_delivery_date``
    BT-72, ``delivery_location`` (BT-71 id, BG-15 address), ``delivery_party_names``
    deliver-to party name BT-70.
    """

    #: ``cbc:ID``: Delivery location ID [tir01-p037; tir114-p037]
    id: Identifier | None = opt("cbc:ID", attr_codes={"schemeID": ("ICD", "billing:ICD")})

    #: ``cbc:Quantity``: Accepted quantity [tir110-028]
    quantity: Quantity | None = opt("cbc:Quantity", attr_codes={"unitCode": ("UNECERec20",)})

    #: ``cbc:ActualDeliveryDate``
    actual_delivery_date: date | None = opt("cbc:ActualDeliveryDate")

    #: ``cbc:ActualDeliveryTime``
    actual_delivery_time: time | None = opt("cbc:ActualDeliveryTime")

    #: ``cbc:LatestDeliveryDate`` [billing]
    latest_delivery_date: date | None = opt("cbc:LatestDeliveryDate")

    #: ``cbc:LatestDeliveryTime`` [billing]
    latest_delivery_time: time | None = opt("cbc:LatestDeliveryTime")

    #: ``cbc:TrackingID``: Delivery tracking identifier [tir16-041]
    tracking_id: Identifier | None = opt("cbc:TrackingID")

    #: ``cac:DeliveryAddress`` [billing]
    delivery_address: Address | None = opt("cac:DeliveryAddress")

    #: ``cac:DeliveryLocation``: Delivery location
    delivery_location: Location | None = opt("cac:DeliveryLocation")

    #: ``cac:RequestedDeliveryPeriod``: Order line requested delivery period; Requested delivery
    #: period
    requested_delivery_period: Period | None = opt("cac:RequestedDeliveryPeriod")

    #: ``cac:PromisedDeliveryPeriod``: Promised delivery period; Promised delivery period for the
    #: order agreement line; Delivery period
    promised_delivery_period: Period | None = opt("cac:PromisedDeliveryPeriod")

    #: ``cac:EstimatedDeliveryPeriod``: Estimated delivery period
    estimated_delivery_period: Period | None = opt("cac:EstimatedDeliveryPeriod")

    #: ``cac:CarrierParty`` [billing]
    carrier_party: Party | None = opt("cac:CarrierParty")

    #: ``cac:DeliveryParty``: Delivery party
    delivery_party: Party | None = opt("cac:DeliveryParty")

    #: ``cac:Despatch``: Actual or expected despatch period; Despatch information
    despatch: Despatch | None = opt("cac:Despatch")

    #: ``cac:DeliveryTerms``
    delivery_terms: tuple[DeliveryTerms, ...] = many("cac:DeliveryTerms")

    #: ``cac:Shipment``: Shipment
    shipment: Shipment | None = opt("cac:Shipment")

    @property
    def party_name(self) -> str | None:
        """Deliver-to party name BT-70, if any."""
        return self.delivery_party.name if self.delivery_party else None


@dataclass(frozen=True, kw_only=True)
class DeliveryTerms(Aggregate):
    """UBL 2.1 ``DeliveryTermsType``: A class for describing the terms and conditions
    applying to the delivery of goods.
    """

    #: ``cbc:ID``: Delivery terms identifier; Buyer delivery terms [tir01-107; tir110-069;
    #: tir114-107]
    id: Identifier | None = opt("cbc:ID")

    #: ``cbc:SpecialTerms``: Delivery special terms [tir01-108; tir110-070; tir114-108]
    special_terms: tuple[str, ...] = many("cbc:SpecialTerms")

    #: ``cac:DeliveryLocation``: Delivery location information
    delivery_location: Location | None = opt("cac:DeliveryLocation")


@dataclass(frozen=True, kw_only=True)
class DeliveryUnit(Aggregate):
    """UBL 2.1 ``DeliveryUnitType``: A class to describe a delivery unit."""

    #: ``cbc:BatchQuantity``: Shopping cart line quantity [tir77-017]
    batch_quantity: Quantity = one("cbc:BatchQuantity", attr_codes={"unitCode": ("UNECERec20",)})


@dataclass(frozen=True, kw_only=True)
class Despatch(Aggregate):
    """UBL 2.1 ``DespatchType``: A class to describe the despatching of goods (their pickup
    for delivery).
    """

    #: ``cbc:RequestedDespatchDate``: Requested despatch date [tir01-p053]
    requested_despatch_date: date | None = opt("cbc:RequestedDespatchDate")

    #: ``cbc:RequestedDespatchTime``: Requested despatch time [tir01-p054]
    requested_despatch_time: time | None = opt("cbc:RequestedDespatchTime")

    #: ``cbc:ActualDespatchDate``: Shipment dispatch date [tir16-072]
    actual_despatch_date: date | None = opt("cbc:ActualDespatchDate")

    #: ``cbc:ActualDespatchTime``: Shipment dispatch time [tir16-073]
    actual_despatch_time: time | None = opt("cbc:ActualDespatchTime")

    #: ``cac:DespatchAddress``: Despatch address
    despatch_address: Address | None = opt("cac:DespatchAddress")


@dataclass(frozen=True, kw_only=True)
class DespatchLine(Aggregate):
    """UBL 2.1 ``DespatchLineType``: A class to define a line in a Despatch Advice."""

    #: ``cbc:ID``: Dispatch line identifier [tir16-046]
    id: str = one("cbc:ID")

    #: ``cbc:Note``: Dispatch line note [tir16-047]
    note: tuple[str, ...] = many("cbc:Note")

    #: ``cbc:DeliveredQuantity``: Delivererd quantity [tir16-048]
    delivered_quantity: Quantity | None = opt(
        "cbc:DeliveredQuantity",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cbc:OutstandingQuantity``: Outstanding quantity [tir16-049]
    outstanding_quantity: Quantity | None = opt(
        "cbc:OutstandingQuantity",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cbc:OutstandingReason``: Outstanding quantity reason [tir16-050]
    outstanding_reason: tuple[str, ...] = many("cbc:OutstandingReason")

    #: ``cac:OrderLineReference``: Order line reference
    order_line_reference: tuple[OrderLineReference, ...] = many(
        "cac:OrderLineReference",
        min_occurs=1,
    )

    #: ``cac:DocumentReference``: Document reference
    document_reference: tuple[DocumentReference, ...] = many("cac:DocumentReference")

    #: ``cac:Item``: Item information
    item: Item = one("cac:Item")

    #: ``cac:Shipment``: Shipment information
    shipment: tuple[Shipment, ...] = many("cac:Shipment")


@dataclass(frozen=True, kw_only=True)
class Dimension(Aggregate):
    """UBL 2.1 ``DimensionType``: A class to define a measurable dimension (length, mass,
    weight, volume, or area) of an item.
    """

    #: ``cbc:AttributeID``: Attribute Id; Attribute identifier [tir19-104]
    attribute_id: str = one("cbc:AttributeID")

    #: ``cbc:Measure``: Measure; Handling unit gross weight or handling unit gross volume; Handling
    #: unit net/gross weight or handling unit net/gross volume [tir16-086,087,p057,p058;
    #: tir19-098,099,100,101,p016,p017,p037]
    measure: Measure | None = opt("cbc:Measure", attr_codes={"unitCode": ("UNECERec20",)})

    #: ``cbc:Description``: Dimension description [tir19-p038]
    description: tuple[str, ...] = many("cbc:Description")

    #: ``cbc:MinimumMeasure``: Minimum storage temperature or minimum Storage Humidity [OP-T19-015;
    #: tir19-115]
    minimum_measure: Measure | None = opt(
        "cbc:MinimumMeasure",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cbc:MaximumMeasure``: Maximum storage temperature or maximum Storage Humidity [OP-T19-014;
    #: tir19-116]
    maximum_measure: Measure | None = opt(
        "cbc:MaximumMeasure",
        attr_codes={"unitCode": ("UNECERec20",)},
    )


@dataclass(frozen=True, kw_only=True)
class DocumentReference(Aggregate):
    """UBL 2.1 ``DocumentReferenceType``: A class to define a reference to a document.

    EN 16931 (billing): A document reference (UBL ``DocumentReferenceType``).

    Additional supporting document BG-24: ``id`` BT-122, ``document_type_code``
    (``130`` makes it the invoiced object identifier BT-18 with scheme
    BT-18-1, ``50`` the credit note's project reference BT-11),
    ``document_description`` BT-123, ``attachment`` BT-124/BT-125.
    Preceding invoice reference BG-3: ``id`` BT-25, ``issue_date`` BT-26.
    Line object identifier: ``id`` BT-128 (scheme BT-128-1), type code 130.
    Also used for despatch (BT-16), receipt (BT-15), originator (BT-17) and
    contract (BT-12) references, which carry only ``id``.
    """

    #: ``cbc:ID``: Attachment ID; Item label reference; Document identifier [OP-T77-003;
    #: tir01-010,011,012,154,p007; tir110-045,102; tir111-020; tir114-011,012,154,p007; tir116-208;
    #: tir16-078,p049,p053; tir19-090,105; tir58-016; tir71-018; tir77-036,p005]
    id: Identifier = one("cbc:ID")

    #: ``cbc:CopyIndicator`` [billing]
    copy_indicator: bool | None = opt("cbc:CopyIndicator")

    #: ``cbc:UUID`` [billing]
    uuid: str | None = opt("cbc:UUID")

    #: ``cbc:IssueDate``: Invoice issue date [tir111-019]
    issue_date: date | None = opt("cbc:IssueDate")

    #: ``cbc:IssueTime``
    issue_time: time | None = opt("cbc:IssueTime")

    #: ``cbc:DocumentTypeCode``: External Item Specifications Type; Attachment/image description
    #: code; Identifier Type code [OP-T77-005; tir110-p008; tir111-021; tir19-086a; tir71-020;
    #: tir77-044]
    document_type_code: Code | None = opt("cbc:DocumentTypeCode")

    #: ``cbc:DocumentType``: Driver identification document type; Document description [tir01-016;
    #: tir110-046,103; tir114-016; tir16-p009,p050,p054]
    document_type: str | None = opt("cbc:DocumentType")

    #: ``cbc:VersionID``: Document version; Document version identifier [tir58-017; tir71-019]
    version_id: str | None = opt("cbc:VersionID")

    #: ``cbc:DocumentStatusCode`` [billing]
    document_status_code: Code | None = opt("cbc:DocumentStatusCode")

    #: ``cbc:DocumentDescription``: Attached item description; Attachment descriptionAttached image
    #: description [OP-T77-004; tir19-106; tir77-037]
    document_description: tuple[str, ...] = many("cbc:DocumentDescription")

    #: ``cac:Attachment``: Attachment; Attachment(s); Attachment information
    attachment: Attachment | None = opt("cac:Attachment")

    #: ``cac:ValidityPeriod`` [billing]
    validity_period: Period | None = opt("cac:ValidityPeriod")

    #: ``cac:IssuerParty`` [billing]
    issuer_party: Party | None = opt("cac:IssuerParty")


@dataclass(frozen=True, kw_only=True)
class DocumentResponse(Aggregate):
    """UBL 2.1 ``DocumentResponseType``: A class to describe an application-level response
    to a document.
    """

    #: ``cac:Response``: Response; Response information
    response: Response = one("cac:Response")

    #: ``cac:DocumentReference``: Document reference
    document_reference: tuple[DocumentReference, ...] = many("cac:DocumentReference", min_occurs=1)

    #: ``cac:IssuerParty``: Seller party information
    issuer_party: Party | None = opt("cac:IssuerParty")

    #: ``cac:RecipientParty``: Buyer party information
    recipient_party: Party | None = opt("cac:RecipientParty")

    #: ``cac:LineResponse``: Line response information
    line_response: tuple[LineResponse, ...] = many("cac:LineResponse")


@dataclass(frozen=True, kw_only=True)
class EnvironmentalEmission(Aggregate):
    """UBL 2.1 ``EnvironmentalEmissionType``: A class to describe an environmental
    emission.
    """

    #: ``cbc:EnvironmentalEmissionTypeCode``
    environmental_emission_type_code: Code = one("cbc:EnvironmentalEmissionTypeCode")

    #: ``cbc:ValueMeasure``
    value_measure: Measure = one("cbc:ValueMeasure")


@dataclass(frozen=True, kw_only=True)
class ExternalReference(Aggregate):
    """UBL 2.1 ``ExternalReferenceType``: A class to describe an external object, such as a
    document stored at a remote location.

    EN 16931 (billing): An external reference (``cac:ExternalReference``): ``uri`` BT-124.
    """

    #: ``cbc:URI``: External item specifications; External document URI [tir01-018; tir110-047,104;
    #: tir114-018; tir16-p052; tir19-086; tir77-p003]
    uri: str | None = opt("cbc:URI")

    #: ``cbc:DocumentHash`` [billing]
    document_hash: str | None = opt("cbc:DocumentHash")

    #: ``cbc:HashAlgorithmMethod`` [billing]
    hash_algorithm_method: str | None = opt("cbc:HashAlgorithmMethod")

    #: ``cbc:MimeCode`` [billing]
    mime_code: str | None = opt("cbc:MimeCode")

    #: ``cbc:FileName`` [billing]
    file_name: str | None = opt("cbc:FileName")

    #: ``cbc:Description`` [billing]
    description: tuple[str, ...] = many("cbc:Description")


@dataclass(frozen=True, kw_only=True)
class FinancialAccount(Aggregate):
    """A financial account (``cac:PayeeFinancialAccount`` /
    ``cac:PayerFinancialAccount``).

    Credit transfer BG-17: ``id`` payment account identifier BT-84 (IBAN, or
    a Norwegian BBAN in EHF), ``name`` BT-85, ``financial_institution_branch.id``
    service provider identifier BT-86 (BIC). Direct debit: debited account
    BT-91.
    """

    id: Identifier | None = opt("cbc:ID")

    name: str | None = opt("cbc:Name")

    alias_name: str | None = opt("cbc:AliasName")

    account_type_code: Code | None = opt("cbc:AccountTypeCode")

    account_format_code: Code | None = opt("cbc:AccountFormatCode")

    currency_code: str | None = opt("cbc:CurrencyCode")

    payment_note: tuple[str, ...] = many("cbc:PaymentNote")

    financial_institution_branch: Branch | None = opt("cac:FinancialInstitutionBranch")

    country: Country | None = opt("cac:Country")


@dataclass(frozen=True, kw_only=True)
class GoodsItem(Aggregate):
    """UBL 2.1 ``GoodsItemType``: A class to describe a separately identifiable quantity of
    goods of a single product type.
    """

    #: ``cbc:ID``
    id: str | None = opt("cbc:ID")

    #: ``cbc:HazardousRiskIndicator``
    hazardous_risk_indicator: bool | None = opt("cbc:HazardousRiskIndicator")

    #: ``cbc:DeclaredStatisticsValueAmount``
    declared_statistics_value_amount: Amount | None = opt("cbc:DeclaredStatisticsValueAmount")

    #: ``cbc:Quantity``
    quantity: Quantity | None = opt("cbc:Quantity")

    #: ``cbc:TraceID``
    trace_id: Identifier | None = opt("cbc:TraceID")

    #: ``cac:Item``
    item: tuple[Item, ...] = many("cac:Item")


@dataclass(frozen=True, kw_only=True)
class HazardousGoodsTransit(Aggregate):
    """UBL 2.1 ``HazardousGoodsTransitType``: A class to describe hazardous goods in
    transit.
    """

    #: ``cbc:PackingCriteriaCode``
    packing_criteria_code: str | None = opt("cbc:PackingCriteriaCode")


@dataclass(frozen=True, kw_only=True)
class HazardousItem(Aggregate):
    """UBL 2.1 ``HazardousItemType``: A class to describe a hazardous item."""

    #: ``cbc:ID``
    id: str | None = opt("cbc:ID")

    #: ``cbc:AdditionalInformation``
    additional_information: tuple[str, ...] = many("cbc:AdditionalInformation")

    #: ``cbc:UNDGCode``: Hazardous item UNDG code [tir16-057; tir19-072]
    undg_code: str | None = opt("cbc:UNDGCode", codes=("UNCL8273",))

    #: ``cbc:TechnicalName``
    technical_name: str | None = opt("cbc:TechnicalName")

    #: ``cbc:CategoryName``
    category_name: str | None = opt("cbc:CategoryName")

    #: ``cbc:HazardousCategoryCode``
    hazardous_category_code: str | None = opt("cbc:HazardousCategoryCode")

    #: ``cbc:HazardClassID``: Haszardous hazard class Identifier [tir16-058; tir19-073]
    hazard_class_id: str | None = opt("cbc:HazardClassID")

    #: ``cbc:NetWeightMeasure``
    net_weight_measure: Measure | None = opt("cbc:NetWeightMeasure")

    #: ``cbc:NetVolumeMeasure``
    net_volume_measure: Measure | None = opt("cbc:NetVolumeMeasure")

    #: ``cac:HazardousGoodsTransit``
    hazardous_goods_transit: tuple[HazardousGoodsTransit, ...] = many("cac:HazardousGoodsTransit")

    #: ``cac:EmergencyTemperature``
    emergency_temperature: Temperature | None = opt("cac:EmergencyTemperature")


@dataclass(frozen=True, kw_only=True)
class Item(Aggregate):
    """UBL 2.1 ``ItemType``: A class to describe an item of trade. It includes a generic
    description applicable to all examples of the item together with optional subsidiary
    descriptions of any number of actual instances of the type.

    EN 16931 (billing): An item (UBL ``ItemType``), item information BG-31 on an invoice line.

    ``description`` BT-154, ``name`` BT-153, ``buyers_item_identification`` BT-156,
    ``sellers_item_identification`` BT-155, ``standard_item_identification`` BT-157 (scheme
    BT-157-1, e.g. ``0160`` GTIN), ``origin_country`` BT-159,
    ``commodity_classification`` BT-158, ``classified_tax_category`` BG-30
    (BT-151, BT-152), ``additional_item_property`` BG-32. The further elements
    serve the catalogue and ordering documents.
    """

    #: ``cbc:Description``: Item description [tir01-133; tir110-095; tir114-133; tir19-067;
    #: tir77-039]
    description: tuple[str, ...] = many("cbc:Description")

    #: ``cbc:PackQuantity``: Packed quantity [tir19-066]
    pack_quantity: Quantity | None = opt(
        "cbc:PackQuantity",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cbc:PackSizeNumeric``: Consumable unit quantity [tir19-036]
    pack_size_numeric: Decimal | None = opt("cbc:PackSizeNumeric")

    #: ``cbc:CatalogueIndicator`` [billing]
    catalogue_indicator: bool | None = opt("cbc:CatalogueIndicator")

    #: ``cbc:Name``: Item name [tir01-135; tir110-032; tir114-135; tir116-134,205; tir16-052;
    #: tir19-078; tir76-134,205; tir77-021]
    name: str | None = opt("cbc:Name")

    #: ``cbc:HazardousRiskIndicator`` [billing]
    hazardous_risk_indicator: bool | None = opt("cbc:HazardousRiskIndicator")

    #: ``cbc:AdditionalInformation`` [billing]
    additional_information: tuple[str, ...] = many("cbc:AdditionalInformation")

    #: ``cbc:Keyword``: Item key words [tir19-064]
    keyword: tuple[str, ...] = many("cbc:Keyword")

    #: ``cbc:BrandName``: Brand name [tir19-p018]
    brand_name: tuple[str, ...] = many("cbc:BrandName")

    #: ``cbc:ModelName`` [billing]
    model_name: tuple[str, ...] = many("cbc:ModelName")

    #: ``cac:BuyersItemIdentification``: Buyer item identification; Buyers item identification
    buyers_item_identification: ItemIdentification | None = opt("cac:BuyersItemIdentification")

    #: ``cac:SellersItemIdentification``: Sellers item identification
    sellers_item_identification: ItemIdentification | None = opt("cac:SellersItemIdentification")

    #: ``cac:ManufacturersItemIdentification``: Manufacturer item identification; Manufacturers
    #: item identification; Manufacturers Item Identifier
    manufacturers_item_identification: tuple[ItemIdentification, ...] = many(
        "cac:ManufacturersItemIdentification",
    )

    #: ``cac:StandardItemIdentification``: Standard item identification
    standard_item_identification: ItemIdentification | None = opt("cac:StandardItemIdentification")

    #: ``cac:CatalogueItemIdentification`` [billing]
    catalogue_item_identification: ItemIdentification | None = opt(
        "cac:CatalogueItemIdentification"
    )

    #: ``cac:AdditionalItemIdentification`` [billing]
    additional_item_identification: tuple[ItemIdentification, ...] = many(
        "cac:AdditionalItemIdentification"
    )

    #: ``cac:CatalogueDocumentReference`` [billing]
    catalogue_document_reference: DocumentReference | None = opt("cac:CatalogueDocumentReference")

    #: ``cac:ItemSpecificationDocumentReference``: Item specification document reference; Item
    #: specification reference; Item document references
    item_specification_document_reference: tuple[DocumentReference, ...] = many(
        "cac:ItemSpecificationDocumentReference",
    )

    #: ``cac:OriginCountry``: Origin country; Country of origin
    origin_country: Country | None = opt("cac:OriginCountry")

    #: ``cac:CommodityClassification``: Commodity classification; Commodity classification
    #: information
    commodity_classification: tuple[CommodityClassification, ...] = many(
        "cac:CommodityClassification",
    )

    #: ``cac:TransactionConditions``: Contracted item; Transaction condition
    transaction_conditions: tuple[TransactionConditions, ...] = many("cac:TransactionConditions")

    #: ``cac:HazardousItem``: Hazardous Item; Hazardous item information
    hazardous_item: tuple[HazardousItem, ...] = many("cac:HazardousItem")

    #: ``cac:ClassifiedTaxCategory``: Classified tax category; Line VAT information; Line TAX
    #: information
    classified_tax_category: tuple[TaxCategory, ...] = many("cac:ClassifiedTaxCategory")

    #: ``cac:AdditionalItemProperty``: Additional item property; Additional item property
    #: information
    additional_item_property: tuple[ItemProperty, ...] = many("cac:AdditionalItemProperty")

    #: ``cac:ManufacturerParty``: Manufacturer party
    manufacturer_party: tuple[Party, ...] = many("cac:ManufacturerParty")

    #: ``cac:ItemInstance``: Item instance; Item instance information
    item_instance: tuple[ItemInstance, ...] = many("cac:ItemInstance")

    #: ``cac:Certificate``: Item label information
    certificate: tuple[Certificate, ...] = many("cac:Certificate")

    #: ``cac:Dimension``: Dimension
    dimension: tuple[Dimension, ...] = many("cac:Dimension")


@dataclass(frozen=True, kw_only=True)
class ItemComparison(Aggregate):
    """UBL 2.1 ``ItemComparisonType``: A class to provide information about price and
    quantity of an item for use in price comparisons based on price, quantity, or
    measurements.
    """

    #: ``cbc:PriceAmount``: Standardized unit price [tir19-043]
    price_amount: Amount | None = opt("cbc:PriceAmount", attr_codes={"currencyID": ("ISO4217",)})

    #: ``cbc:Quantity``: Standard unit quantity [tir19-044]
    quantity: Quantity | None = opt("cbc:Quantity", attr_codes={"unitCode": ("UNECERec20",)})


@dataclass(frozen=True, kw_only=True)
class ItemIdentification(Aggregate):
    """UBL 2.1 ``ItemIdentificationType``: A class for assigning identifying information to
    an item.
    """

    #: ``cbc:ID``: Buyers item identifier; Item standard identifier; Manufacturers item identifer
    #: [tir01-136,p020,p022,p46; tir110-033,034; tir114-136,p020,p022; tir116-135,136,206,207,p006;
    #: tir16-053,055,p041; tir19-091,092,114,p040; tir76-135,136,206,207,p006;
    #: tir77-022,023,024,p002]
    id: Identifier = one("cbc:ID", attr_codes={"schemeID": ("ICD", "billing:ICD")})

    #: ``cbc:ExtendedID``: Item standard extended identifier; The sellers extended item identifier
    #: [tir16-054,056]
    extended_id: str | None = opt("cbc:ExtendedID")


@dataclass(frozen=True, kw_only=True)
class ItemInstance(Aggregate):
    """UBL 2.1 ``ItemInstanceType``: A class to describe a specific, trackable instance of
    an item.
    """

    #: ``cbc:ProductTraceID``: Product traceable identifier. [tir16-p057]
    product_trace_id: Identifier | None = opt(
        "cbc:ProductTraceID",
        attr_codes={"schemeID": ("ProductTraceIDschemeIDCode",)},
    )

    #: ``cbc:ManufactureDate``: Item manufactured date [tir16-079]
    manufacture_date: date | None = opt("cbc:ManufactureDate")

    #: ``cbc:ManufactureTime``
    manufacture_time: time | None = opt("cbc:ManufactureTime")

    #: ``cbc:BestBeforeDate``: Item best before date [tir16-080; tir19-058]
    best_before_date: date | None = opt("cbc:BestBeforeDate")

    #: ``cbc:SerialID``: Item serial numbers; Item serial identification [tir01-p023; tir114-p023;
    #: tir16-083]
    serial_id: str | None = opt("cbc:SerialID")

    #: ``cac:LotIdentification``: Lot identification; Lot identifictation; Item lot information
    lot_identification: LotIdentification | None = opt("cac:LotIdentification")


@dataclass(frozen=True, kw_only=True)
class ItemLocationQuantity(Aggregate):
    """UBL 2.1 ``ItemLocationQuantityType``: A class for information about pricing
    structure, lead time, and location associated with an item.
    """

    #: ``cbc:LeadTimeMeasure``: Price lead time; Shopping cart line delivery lead days [tir19-053;
    #: tir77-016]
    lead_time_measure: Measure | None = opt(
        "cbc:LeadTimeMeasure",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cbc:MinimumQuantity``: Quantity threshold [tir19-p025]
    minimum_quantity: Quantity | None = opt(
        "cbc:MinimumQuantity",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cbc:MaximumQuantity``: Quantity ceiling [tir19-p026]
    maximum_quantity: Quantity | None = opt(
        "cbc:MaximumQuantity",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cac:ApplicableTerritoryAddress``: Applicable terriroty address; Applicable territory
    #: address
    applicable_territory_address: tuple[Address, ...] = many("cac:ApplicableTerritoryAddress")

    #: ``cac:Price``: Price; Price information
    price: Price | None = opt("cac:Price")

    #: ``cac:DeliveryUnit``: Quantity
    delivery_unit: tuple[DeliveryUnit, ...] = many("cac:DeliveryUnit")


@dataclass(frozen=True, kw_only=True)
class ItemProperty(Aggregate):
    """UBL 2.1 ``ItemPropertyType``: A class to describe a specific property of an item.

    EN 16931 (billing): An item attribute BG-32 (``cac:AdditionalItemProperty``): ``name``
    BT-160, ``value`` BT-161.
    """

    #: ``cbc:ID``: ID
    id: Identifier | None = opt("cbc:ID")

    #: ``cbc:Name``: Item property name [tir01-138; tir110-098; tir114-138; tir116-138; tir16-p039;
    #: tir19-076; tir76-138; tir77-018,026,043]
    name: str = one("cbc:Name")

    #: ``cbc:NameCode``: Item property code [tir01-p024; tir110-101; tir114-p024; tir116-p004;
    #: tir16-p042; tir19-p039; tir76-p004; tir77-040]
    name_code: Code | None = opt("cbc:NameCode")

    #: ``cbc:TestMethod`` [billing]
    test_method: str | None = opt("cbc:TestMethod")

    #: ``cbc:Value``: Item property value [tir01-139; tir110-099; tir114-139; tir116-139;
    #: tir16-p040; tir19-077; tir76-139; tir77-042]
    value: str | None = opt("cbc:Value")

    #: ``cbc:ValueQuantity``: Item property unit of measure [tir01-p020; tir110-100; tir114-p020;
    #: tir116-p008; tir16-p043; tir19-070; tir76-p008; tir77-041]
    value_quantity: Quantity | None = opt(
        "cbc:ValueQuantity",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cbc:ValueQualifier``: Property classification [tir01-p021; tir110-p004; tir114-p021;
    #: tir116-p009; tir16-p044; tir19-103; tir76-p009; tir77-p001]
    value_qualifier: tuple[str, ...] = many("cbc:ValueQualifier")

    #: ``cbc:ImportanceCode`` [billing]
    importance_code: Code | None = opt("cbc:ImportanceCode")

    #: ``cbc:ListValue``
    list_value: tuple[str, ...] = many("cbc:ListValue")

    #: ``cac:UsabilityPeriod`` [billing]
    usability_period: Period | None = opt("cac:UsabilityPeriod")


@dataclass(frozen=True, kw_only=True)
class LineItem(Aggregate):
    """UBL 2.1 ``LineItemType``: A class to describe a line item."""

    #: ``cbc:ID``: Line item identifier; Order agreement line identifier; Document line identifier
    #: [tir01-120; tir110-022; tir114-120; tir116-120,p002; tir76-120,p002]
    id: str = one("cbc:ID")

    #: ``cbc:Note``: Order agreement line note; Response clarification [tir110-091; tir116-204;
    #: tir76-204]
    note: tuple[str, ...] = many("cbc:Note")

    #: ``cbc:LineStatusCode``: Response code [tir116-202; tir76-202]
    line_status_code: str | None = opt("cbc:LineStatusCode", codes=("UNCL1229", "UNCL1229_CHANGE"))

    #: ``cbc:Quantity``: Ordered quantity; Quantity [tir01-132; tir110-093; tir114-132; tir116-132;
    #: tir76-132]
    quantity: Quantity | None = opt("cbc:Quantity", attr_codes={"unitCode": ("UNECERec20",)})

    #: ``cbc:LineExtensionAmount``: Order line amount; Order agreeement line amount [tir01-128;
    #: tir110-092; tir114-128]
    line_extension_amount: Amount | None = opt(
        "cbc:LineExtensionAmount",
        attr_codes={"currencyID": ("ISO4217",)},
    )

    #: ``cbc:MaximumBackorderQuantity``: Maximum backorder quantity [tir116-p005; tir76-p005]
    maximum_backorder_quantity: Quantity | None = opt("cbc:MaximumBackorderQuantity")

    #: ``cbc:PartialDeliveryIndicator``: Partial delivery indicator [tir01-124; tir114-124]
    partial_delivery_indicator: bool | None = opt(
        "cbc:PartialDeliveryIndicator",
        codes=("TrueFalse",),
    )

    #: ``cbc:AccountingCost``: Buyers accounting string [tir01-125; tir114-125]
    accounting_cost: str | None = opt("cbc:AccountingCost")

    #: ``cac:Delivery``: Line delivery information; Delivery information on order agreeement line
    #: level; Delivery information
    delivery: tuple[Delivery, ...] = many("cac:Delivery")

    #: ``cac:OriginatorParty``: Originator information
    originator_party: Party | None = opt("cac:OriginatorParty")

    #: ``cac:AllowanceCharge``: Order line allowance and charges
    allowance_charge: tuple[AllowanceCharge, ...] = many("cac:AllowanceCharge")

    #: ``cac:Price``: Price information
    price: Price | None = opt("cac:Price")

    #: ``cac:Item``: Item information
    item: Item = one("cac:Item")


@dataclass(frozen=True, kw_only=True)
class LineReference(Aggregate):
    """UBL 2.1 ``LineReferenceType``: A class to define a reference to a line in a
    document.

    EN 16931 (billing): A reference to a line of another document (UBL ``LineReferenceType``;
    ``cac:OrderLineReference`` has the same leading ``cbc:LineID``).

    Referenced purchase order line BT-132 is ``line_id`` of
    ``cac:OrderLineReference``.
    """

    #: ``cbc:LineID``: Section identifier [tir71-013]
    line_id: str = one("cbc:LineID")

    #: ``cbc:UUID`` [billing]
    uuid: str | None = opt("cbc:UUID")

    #: ``cbc:LineStatusCode`` [billing]
    line_status_code: Code | None = opt("cbc:LineStatusCode")

    #: ``cac:DocumentReference`` [billing]
    document_reference: DocumentReference | None = opt("cac:DocumentReference")


@dataclass(frozen=True, kw_only=True)
class LineResponse(Aggregate):
    """UBL 2.1 ``LineResponseType``: A class to describe responses to a line in a document."""

    #: ``cac:LineReference``: Line reference
    line_reference: LineReference = one("cac:LineReference")

    #: ``cac:Response``: Line response information
    response: tuple[Response, ...] = many("cac:Response", min_occurs=1)


@dataclass(frozen=True, kw_only=True)
class Location(Aggregate):
    """UBL 2.1 ``LocationType``: A class to describe a location.

    EN 16931 (billing): A location (UBL ``LocationType``: ``cac:DeliveryLocation``,
    ``cac:PhysicalLocation`` ...): deliver-to location BT-71 (``id``, with
    ICD scheme) and deliver-to address BG-15 (``address``).
    """

    #: ``cbc:ID``: Delivery location ID; Delivery terms location [tir01-109,169; tir110-071;
    #: tir114-109,169]
    id: Identifier | None = opt("cbc:ID", attr_codes={"schemeID": ("ICD", "billing:ICD")})

    #: ``cbc:Description`` [billing]
    description: tuple[str, ...] = many("cbc:Description")

    #: ``cbc:Name``: Delivery location name [tir01-p028; tir114-p028]
    name: str | None = opt("cbc:Name")

    #: ``cac:Address``: Delivery address; Delivery address information
    address: Address | None = opt("cac:Address")


@dataclass(frozen=True, kw_only=True)
class LocationCoordinate(Aggregate):
    """UBL 2.1 ``LocationCoordinateType``: A class for defining a set of geographical
    coordinates (apparently misnamed).
    """

    #: ``cbc:CoordinateSystemCode``
    coordinate_system_code: str | None = opt("cbc:CoordinateSystemCode")

    #: ``cbc:LatitudeDegreesMeasure``
    latitude_degrees_measure: Measure | None = opt("cbc:LatitudeDegreesMeasure")

    #: ``cbc:LongitudeDegreesMeasure``
    longitude_degrees_measure: Measure | None = opt("cbc:LongitudeDegreesMeasure")

    #: ``cbc:AltitudeMeasure``
    altitude_measure: Measure | None = opt("cbc:AltitudeMeasure")


@dataclass(frozen=True, kw_only=True)
class LotIdentification(Aggregate):
    """UBL 2.1 ``LotIdentificationType``: A class for defining a lot identifier (the
    identifier of a set of item instances that would be used in case of a recall of that
    item).
    """

    #: ``cbc:LotNumberID``: Item batch identifier; Item batch number; Item lot identifier
    #: [tir01-p022; tir114-p022; tir16-082; tir19-059]
    lot_number_id: str | None = opt("cbc:LotNumberID")

    #: ``cbc:ExpiryDate``: Item expiry date [tir16-081]
    expiry_date: date | None = opt("cbc:ExpiryDate")


@dataclass(frozen=True, kw_only=True)
class MaritimeTransport(Aggregate):
    """UBL 2.1 ``MaritimeTransportType``: A class to describe a vessel used for transport
    by water (including sea, river, and canal).
    """

    #: ``cbc:VesselID``
    vessel_id: str | None = opt("cbc:VesselID")


@dataclass(frozen=True, kw_only=True)
class MonetaryTotal(Aggregate):
    """UBL 2.1 ``MonetaryTotalType``: A class to define a monetary total.

    EN 16931 (billing): Document totals BG-22 (``cac:LegalMonetaryTotal``).

    ``line_extension_amount`` sum of invoice line net amounts BT-106,
    ``tax_exclusive_amount`` BT-109, ``tax_inclusive_amount`` BT-112,
    ``allowance_total_amount`` BT-107, ``charge_total_amount`` BT-108,
    ``prepaid_amount`` BT-113, ``payable_rounding_amount`` BT-114,
    ``payable_amount`` amount due for payment BT-115.
    """

    #: ``cbc:LineExtensionAmount``: Sum of line amounts [tir01-115; tir110-086; tir114-115]
    line_extension_amount: Amount | None = opt(
        "cbc:LineExtensionAmount",
        attr_codes={"currencyID": ("ISO4217",)},
    )

    #: ``cbc:TaxExclusiveAmount``: Document total without VAT; Total amount without VAT; Document
    #: total without TAX [tir01-145; tir110-087; tir114-145]
    tax_exclusive_amount: Amount | None = opt(
        "cbc:TaxExclusiveAmount",
        attr_codes={"currencyID": ("ISO4217",)},
    )

    #: ``cbc:TaxInclusiveAmount``: Document total including VAT; Total amount with VAT; Document
    #: total including TAX [tir01-147; tir110-088; tir114-147]
    tax_inclusive_amount: Amount | None = opt(
        "cbc:TaxInclusiveAmount",
        attr_codes={"currencyID": ("ISO4217",)},
    )

    #: ``cbc:AllowanceTotalAmount``: Sum of allowances on document level [tir01-116; tir114-116]
    allowance_total_amount: Amount | None = opt(
        "cbc:AllowanceTotalAmount",
        attr_codes={"currencyID": ("ISO4217",)},
    )

    #: ``cbc:ChargeTotalAmount``: Sum of charges on document level [tir01-117; tir114-117]
    charge_total_amount: Amount | None = opt(
        "cbc:ChargeTotalAmount",
        attr_codes={"currencyID": ("ISO4217",)},
    )

    #: ``cbc:PrepaidAmount``: Prepaid amounts; Paid amounts [tir01-148; tir110-089; tir114-148]
    prepaid_amount: Amount | None = opt(
        "cbc:PrepaidAmount",
        attr_codes={"currencyID": ("ISO4217",)},
    )

    #: ``cbc:PayableRoundingAmount``: Rounding of document total [tir01-146; tir114-146]
    payable_rounding_amount: Amount | None = opt(
        "cbc:PayableRoundingAmount",
        attr_codes={"currencyID": ("ISO4217",)},
    )

    #: ``cbc:PayableAmount``: Payable amount; Amount due for payment [tir01-118; tir110-090;
    #: tir114-118]
    payable_amount: Amount = one("cbc:PayableAmount", attr_codes={"currencyID": ("ISO4217",)})

    #: ``cbc:PayableAlternativeAmount`` [billing]
    payable_alternative_amount: Amount | None = opt("cbc:PayableAlternativeAmount")


@dataclass(frozen=True, kw_only=True)
class OrderLine(Aggregate):
    """UBL 2.1 ``OrderLineType``: A class to define a line in an order document (e.g.,
    Order, Order Change, or Order Response) describing an item being ordered.
    """

    #: ``cbc:Note``: Order line note [tir01-123; tir114-123]
    note: tuple[str, ...] = many("cbc:Note")

    #: ``cac:LineItem``: Line item; Line item information; Description of line item
    line_item: LineItem = one("cac:LineItem")

    #: ``cac:SellerSubstitutedLineItem``: Substituted line item by the seller
    seller_substituted_line_item: tuple[LineItem, ...] = many("cac:SellerSubstitutedLineItem")

    #: ``cac:OrderLineReference``: Reference to order line
    order_line_reference: tuple[OrderLineReference, ...] = many("cac:OrderLineReference")


@dataclass(frozen=True, kw_only=True)
class OrderLineReference(Aggregate):
    """UBL 2.1 ``OrderLineReferenceType``: A class to define a reference to an order line.

    EN 16931 (billing): A reference to a purchase order line (``cac:OrderLineReference``):
    ``line_id`` is the referenced purchase order line BT-132.
    """

    #: ``cbc:LineID``: Order line identifier; Order line reference [tir116-201; tir16-051;
    #: tir76-201]
    line_id: str = one("cbc:LineID")

    #: ``cbc:SalesOrderLineID``: Sales Order Line number. [tir16-p047]
    sales_order_line_id: str | None = opt("cbc:SalesOrderLineID")

    #: ``cbc:UUID`` [billing]
    uuid: str | None = opt("cbc:UUID")

    #: ``cbc:LineStatusCode`` [billing]
    line_status_code: Code | None = opt("cbc:LineStatusCode")

    #: ``cac:OrderReference``: Order reference
    order_reference: OrderReference | None = opt("cac:OrderReference")


@dataclass(frozen=True, kw_only=True)
class OrderReference(Aggregate):
    """UBL 2.1 ``OrderReferenceType``: A class to define a reference to an Order.

    EN 16931 (billing): A purchase order reference (``cac:OrderReference``): ``id`` purchase
    order reference BT-13, ``sales_order_id`` sales order reference BT-14.
    """

    #: ``cbc:ID``: Order identifier; Order reference; Previous order agreement identifier
    #: [tir110-042; tir116-011; tir16-006,p010; tir76-011]
    id: Identifier = one("cbc:ID")

    #: ``cbc:SalesOrderID``
    sales_order_id: Identifier | None = opt("cbc:SalesOrderID")

    #: ``cbc:CopyIndicator`` [billing]
    copy_indicator: bool | None = opt("cbc:CopyIndicator")

    #: ``cbc:UUID`` [billing]
    uuid: str | None = opt("cbc:UUID")

    #: ``cbc:IssueDate`` [billing]
    issue_date: date | None = opt("cbc:IssueDate")

    #: ``cbc:IssueTime`` [billing]
    issue_time: time | None = opt("cbc:IssueTime")

    #: ``cbc:CustomerReference`` [billing]
    customer_reference: str | None = opt("cbc:CustomerReference")

    #: ``cbc:OrderTypeCode`` [billing]
    order_type_code: Code | None = opt("cbc:OrderTypeCode")

    #: ``cac:DocumentReference`` [billing]
    document_reference: DocumentReference | None = opt("cac:DocumentReference")


@dataclass(frozen=True, kw_only=True)
class Package(Aggregate):
    """UBL 2.1 ``PackageType``: A class to describe a package."""

    #: ``cbc:ID``: Package identifier [tir16-089]
    id: Identifier | None = opt("cbc:ID")

    #: ``cbc:ReturnableMaterialIndicator``
    returnable_material_indicator: bool | None = opt("cbc:ReturnableMaterialIndicator")

    #: ``cbc:PackagingTypeCode``: Packaging type code [tir16-090]
    packaging_type_code: str | None = opt("cbc:PackagingTypeCode")

    #: ``cbc:PackingMaterial``
    packing_material: tuple[str, ...] = many("cbc:PackingMaterial")

    #: ``cac:ContainedPackage``
    contained_package: tuple[Package, ...] = many("cac:ContainedPackage")

    #: ``cac:GoodsItem``
    goods_item: tuple[GoodsItem, ...] = many("cac:GoodsItem")

    #: ``cac:MeasurementDimension``
    measurement_dimension: tuple[Dimension, ...] = many("cac:MeasurementDimension")


@dataclass(frozen=True, kw_only=True)
class Party(Aggregate):
    """UBL 2.1 ``PartyType``: A class to describe an organization, sub-organization, or
    individual fulfilling a role in a business process.

    EN 16931 (billing): A party (UBL ``PartyType``): seller BG-4, buyer BG-7, payee BG-10, tax
    representative BG-11, and the parties of the post-award documents.

    ``endpoint_id`` is the electronic address (BT-34 seller, BT-49 buyer; the
    EAS code in ``scheme_id``); ``party_identification`` BT-29 / BT-46 / BT-60
    (ICD scheme); ``party_name`` the trading names (BT-28 / BT-45 / BT-59 /
    BT-62); ``postal_address`` BG-5 / BG-8 / BG-12; ``party_tax_scheme`` BT-31,
    BT-32, BT-48, BT-63; ``party_legal_entity`` BT-27, BT-30, BT-33, BT-44, BT-47,
    BT-61; ``contact`` BG-6 / BG-9.
    """

    #: ``cbc:WebsiteURI`` [billing]
    website_uri: str | None = opt("cbc:WebsiteURI")

    #: ``cbc:EndpointID``: Customer party electronic address; Provider party electronic address;
    #: Reciever party electronic address [OP-T77-001,002; tir01-021,058,157; tir110-012,015;
    #: tir111-009,012; tir114-021,058,157; tir116-021,058; tir16-016,071; tir19-009,012,015,054;
    #: tir58-009,012; tir71-009,012; tir76-021,058]
    endpoint_id: Identifier | None = opt("cbc:EndpointID", attr_codes={"schemeID": ("eas",)})

    #: ``cbc:IndustryClassificationCode`` [billing]
    industry_classification_code: Code | None = opt("cbc:IndustryClassificationCode")

    #: ``cac:PartyIdentification``: Party Identification; Party identification; Buyer
    #: identification
    party_identification: tuple[PartyIdentification, ...] = many("cac:PartyIdentification")

    #: ``cac:PartyName``: Party name; Party name information [tir01-060; tir114-060]
    party_name: tuple[PartyName, ...] = many("cac:PartyName")

    #: ``cac:PostalAddress``: Postal address; Provider Postal Address; Delivery party address
    #: [tir19-p029,p031]
    postal_address: Address | None = opt("cac:PostalAddress")

    #: ``cac:PhysicalLocation`` [billing]
    physical_location: Location | None = opt("cac:PhysicalLocation")

    #: ``cac:PartyTaxScheme``: Party tax scheme
    party_tax_scheme: tuple[PartyTaxScheme, ...] = many("cac:PartyTaxScheme")

    #: ``cac:PartyLegalEntity``: Party Legal Entity; Party legal entity; Party name
    party_legal_entity: tuple[PartyLegalEntity, ...] = many("cac:PartyLegalEntity")

    #: ``cac:Contact``: Catalogue supplier contact; Contact; Contact information
    contact: Contact | None = opt("cac:Contact")

    #: ``cac:Person``: Information about the driver
    person: tuple[Person, ...] = many("cac:Person")

    @property
    def name(self) -> str | None:
        """The first trading name (BT-28 / BT-45), if any."""
        return self.party_name[0].name if self.party_name else None

    @property
    def legal_entity(self) -> PartyLegalEntity | None:
        """The first legal entity, if any (BIS Billing allows one)."""
        return self.party_legal_entity[0] if self.party_legal_entity else None

    @property
    def registration_name(self) -> str | None:
        """The legal registration name (BT-27 / BT-44), if any."""
        entity = self.legal_entity
        return entity.registration_name if entity else None

    @property
    def legal_registration_id(self) -> Identifier | None:
        """The legal registration identifier (BT-30 / BT-47 / BT-61), if any."""
        entity = self.legal_entity
        return entity.company_id if entity else None

    def tax_registration(self, scheme: str = "VAT") -> Identifier | None:
        """The ``company_id`` of the first party tax scheme whose tax scheme ID is ``scheme``.

        ``"VAT"`` gives the VAT identifier (BT-31 / BT-48 / BT-63); any other
        scheme (``"TAX"`` in Norway) gives BT-32.
        """
        for entry in self.party_tax_scheme:
            tax_scheme_id = entry.tax_scheme.id
            if tax_scheme_id is not None and tax_scheme_id.value == scheme:
                return entry.company_id
        return None

    @property
    def vat_identifier(self) -> Identifier | None:
        """The VAT identifier (BT-31 / BT-48 / BT-63), if any."""
        return self.tax_registration("VAT")


@dataclass(frozen=True, kw_only=True)
class PartyIdentification(Aggregate):
    """UBL 2.1 ``PartyIdentificationType``: A class to define an identifier for a party."""

    #: ``cbc:ID``: Catalogue Provider identifier; Catalogue customer identifier; Catalogue receiver
    #: identifier [tir01-022,059,081,101,121,156; tir110-011,014,064,065,068;
    #: tir111-008,011,023,025; tir114-022,059,081,101,121,156; tir116-022,059;
    #: tir16-015,030,032,066,p001,p055; tir19-010,013,016,055; tir58-008,011; tir76-022,059;
    #: tir77-011,012,014]
    id: Identifier = one("cbc:ID", attr_codes={"schemeID": ("ICD", "billing:ICD")})


@dataclass(frozen=True, kw_only=True)
class PartyLegalEntity(Aggregate):
    """UBL 2.1 ``PartyLegalEntityType``: A class to describe a party as a legal entity.

    EN 16931 (billing): A legal registration (``cac:PartyLegalEntity``).

    Seller: ``registration_name`` BT-27, ``company_id`` BT-30 (scheme e.g.
    ``0192``), ``company_legal_form`` BT-33. Buyer: BT-44, BT-47. Payee BT-61.
    """

    #: ``cbc:RegistrationName``: Provider legal registration name; Receiver legal registration
    #: name; Party name [tir01-044,159,p038; tir110-010,013; tir111-007,010; tir114-044,159;
    #: tir116-023,060; tir16-007,014; tir19-011,014; tir58-007,010; tir76-023,060; tir77-010,013]
    registration_name: str | None = opt("cbc:RegistrationName")

    #: ``cbc:CompanyID``: Provider legal registration identifier; Receiver legal registration
    #: identifier; Buyers legal registration identifier [tir01-043,158,p039; tir110-p009,p010;
    #: tir114-043,158; tir19-p028a,p030a]
    company_id: Identifier | None = opt(
        "cbc:CompanyID", attr_codes={"schemeID": ("ICD", "billing:ICD")}
    )

    #: ``cbc:RegistrationDate`` [billing]
    registration_date: date | None = opt("cbc:RegistrationDate")

    #: ``cbc:CompanyLegalFormCode`` [billing]
    company_legal_form_code: Code | None = opt("cbc:CompanyLegalFormCode")

    #: ``cbc:CompanyLegalForm`` [billing]
    company_legal_form: str | None = opt("cbc:CompanyLegalForm")

    #: ``cac:RegistrationAddress``: Registration Address; Registration address; Legal address
    registration_address: Address | None = opt("cac:RegistrationAddress")


@dataclass(frozen=True, kw_only=True)
class PartyName(Aggregate):
    """UBL 2.1 ``PartyNameType``: A class for defining the name of a party."""

    #: ``cbc:Name``: Catalogue customer trading name; Catalogue supplier trading name; Issuer name
    #: [tir01-023,060,082,102,122,155; tir110-063,066,067; tir111-022,024;
    #: tir114-023,060,082,102,122,155; tir16-029,031,065,076; tir19-017,075,079; tir77-025,030]
    name: str = one("cbc:Name")


@dataclass(frozen=True, kw_only=True)
class PartyTaxScheme(Aggregate):
    """UBL 2.1 ``PartyTaxSchemeType``: A class to describe a taxation scheme applying to a
    party.

    EN 16931 (billing): A tax registration of a party (``cac:PartyTaxScheme``).

    With ``tax_scheme.id`` ``VAT``, ``company_id`` is the VAT identifier (seller
    BT-31, buyer BT-48, tax representative BT-63); otherwise it is the seller
    tax registration identifier BT-32 (in Norway ``TAX`` with the text
    ``Foretaksregisteret``).
    """

    #: ``cbc:RegistrationName`` [billing]
    registration_name: str | None = opt("cbc:RegistrationName")

    #: ``cbc:CompanyID``: Buyer VAT identifier; Invoicee VAT identifier; Buyer TAX identifier
    #: [tir01-034,p018; tir114-034,p018]
    company_id: Identifier | None = opt("cbc:CompanyID")

    #: ``cbc:ExemptionReasonCode`` [billing]
    exemption_reason_code: Code | None = opt("cbc:ExemptionReasonCode")

    #: ``cbc:ExemptionReason`` [billing]
    exemption_reason: tuple[str, ...] = many("cbc:ExemptionReason")

    #: ``cac:TaxScheme``: Tax scheme
    tax_scheme: TaxScheme = one("cac:TaxScheme")


@dataclass(frozen=True, kw_only=True)
class PaymentMandate(Aggregate):
    """Direct debit BG-19 (``cac:PaymentMandate``): ``id`` mandate reference
    BT-89, ``payer_financial_account`` debited account BT-91. (The bank
    assigned creditor identifier BT-90 is a seller/payee party identifier
    with scheme ``SEPA``.)
    """

    id: Identifier | None = opt("cbc:ID")

    mandate_type_code: Code | None = opt("cbc:MandateTypeCode")

    payer_financial_account: FinancialAccount | None = opt("cac:PayerFinancialAccount")

    validity_period: Period | None = opt("cac:ValidityPeriod")


@dataclass(frozen=True, kw_only=True)
class PaymentMeans(Aggregate):
    """Payment instructions BG-16 (``cac:PaymentMeans``).

    ``payment_means_code`` BT-81 (UNCL4461, its ``name`` attribute BT-82),
    ``payment_due_date`` (the credit note's due date BT-9 in BIS Billing),
    ``payment_id`` remittance information BT-83 (KID in Norway),
    ``card_account`` BG-18, ``payee_financial_account`` BG-17,
    ``payment_mandate`` BG-19.
    """

    id: Identifier | None = opt("cbc:ID")

    payment_means_code: Code = one("cbc:PaymentMeansCode")

    payment_due_date: date | None = opt("cbc:PaymentDueDate")

    payment_channel_code: Code | None = opt("cbc:PaymentChannelCode")

    instruction_id: Identifier | None = opt("cbc:InstructionID")

    instruction_note: tuple[str, ...] = many("cbc:InstructionNote")

    payment_id: tuple[str, ...] = many("cbc:PaymentID")

    card_account: CardAccount | None = opt("cac:CardAccount")

    payer_financial_account: FinancialAccount | None = opt("cac:PayerFinancialAccount")

    payee_financial_account: FinancialAccount | None = opt("cac:PayeeFinancialAccount")

    credit_account: CreditAccount | None = opt("cac:CreditAccount")

    payment_mandate: PaymentMandate | None = opt("cac:PaymentMandate")


@dataclass(frozen=True, kw_only=True)
class PaymentTerms(Aggregate):
    """UBL 2.1 ``PaymentTermsType``: A class to describe a set of payment terms.

    EN 16931 (billing): Payment terms (``cac:PaymentTerms``): ``note`` is BT-20.
    """

    #: ``cbc:ID`` [billing]
    id: Identifier | None = opt("cbc:ID")

    #: ``cbc:PaymentMeansID`` [billing]
    payment_means_id: tuple[str, ...] = many("cbc:PaymentMeansID")

    #: ``cbc:Note``: Payment terms [tir01-p010; tir114-p010]
    note: tuple[str, ...] = many("cbc:Note")

    #: ``cbc:SettlementDiscountPercent`` [billing]
    settlement_discount_percent: Decimal | None = opt("cbc:SettlementDiscountPercent")

    #: ``cbc:PenaltySurchargePercent`` [billing]
    penalty_surcharge_percent: Decimal | None = opt("cbc:PenaltySurchargePercent")

    #: ``cbc:PaymentPercent`` [billing]
    payment_percent: Decimal | None = opt("cbc:PaymentPercent")

    #: ``cbc:Amount`` [billing]
    amount: Amount | None = opt("cbc:Amount")

    #: ``cbc:PaymentDueDate`` [billing]
    payment_due_date: date | None = opt("cbc:PaymentDueDate")

    #: ``cac:SettlementPeriod`` [billing]
    settlement_period: Period | None = opt("cac:SettlementPeriod")

    #: ``cac:PenaltyPeriod`` [billing]
    penalty_period: Period | None = opt("cac:PenaltyPeriod")


@dataclass(frozen=True, kw_only=True)
class Period(Aggregate):
    """UBL 2.1 ``PeriodType``: A class to describe a period of time.

    EN 16931 (billing): A period (UBL ``cac:InvoicePeriod`` / ``cac:ValidityPeriod`` ...).

    Invoice period BG-14: ``start_date`` BT-73, ``end_date`` BT-74,
    ``description_code`` BT-8 (UNCL2005 subset: 3, 35, 432). Invoice line
    period BG-26: BT-134, BT-135.
    """

    #: ``cbc:StartDate``: Period start date; Item availability date [tir01-099,126; tir110-030,082;
    #: tir114-099,126; tir116-099,126; tir16-042; tir19-007,041,056; tir76-099,126; tir77-027]
    start_date: date | None = opt("cbc:StartDate")

    #: ``cbc:StartTime``: Period start time [tir01-p042,p48; tir110-083,110; tir114-140,142;
    #: tir116-202,204; tir16-043; tir76-p010,p012]
    start_time: time | None = opt("cbc:StartTime")

    #: ``cbc:EndDate``: Period end date; Order validity end date; Cart line validity date
    #: [OP-T77-013; tir01-009,100,127; tir110-031,084; tir114-010,100,127; tir116-100,127;
    #: tir16-044; tir19-008,042,057; tir76-100,127; tir77-008]
    end_date: date | None = opt("cbc:EndDate")

    #: ``cbc:EndTime``: Period end time; Cart line validity time [OP-T77-014; tir01-p043,p49;
    #: tir110-085,111; tir114-141,143; tir116-203,205; tir16-045; tir76-p011,p013; tir77-009]
    end_time: time | None = opt("cbc:EndTime")

    #: ``cbc:DurationMeasure`` [billing]
    duration_measure: Measure | None = opt("cbc:DurationMeasure")

    #: ``cbc:DescriptionCode`` [billing]
    description_code: tuple[str, ...] = many("cbc:DescriptionCode")

    #: ``cbc:Description`` [billing]
    description: tuple[str, ...] = many("cbc:Description")


@dataclass(frozen=True, kw_only=True)
class Person(Aggregate):
    """UBL 2.1 ``PersonType``: A class to describe a person."""

    #: ``cac:IdentityDocumentReference``: Person identity document reference
    identity_document_reference: tuple[DocumentReference, ...] = many(
        "cac:IdentityDocumentReference",
    )


@dataclass(frozen=True, kw_only=True)
class Price(Aggregate):
    """UBL 2.1 ``PriceType``: A class to describe a price, expressed in a data structure
    containing multiple properties (compare with UnstructuredPrice).

    EN 16931 (billing): Price details BG-29 (``cac:Price``): ``price_amount`` item net price
    BT-146, ``base_quantity`` BT-149 with unit BT-150, ``allowance_charge``
    the price discount (BT-147 amount, BT-148 gross price as base amount).
    """

    #: ``cbc:PriceAmount``: Item price; Item net price [tir01-130; tir110-109; tir114-130;
    #: tir116-130; tir19-051; tir76-130; tir77-032]
    price_amount: Amount = one("cbc:PriceAmount", attr_codes={"currencyID": ("ISO4217",)})

    #: ``cbc:BaseQuantity``: Item price base quantity [tir01-131; tir110-027; tir114-131;
    #: tir116-131; tir19-p024; tir76-131; tir77-033]
    base_quantity: Quantity | None = opt(
        "cbc:BaseQuantity",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cbc:PriceChangeReason`` [billing]
    price_change_reason: tuple[str, ...] = many("cbc:PriceChangeReason")

    #: ``cbc:PriceTypeCode`` [billing]
    price_type_code: Code | None = opt("cbc:PriceTypeCode")

    #: ``cbc:PriceType``: Price type [OP-T77-015; tir19-093]
    price_type: str | None = opt("cbc:PriceType", codes=("UNCL5387",))

    #: ``cbc:OrderableUnitFactorRate``: OrderableUnit FactorRate [tir19-p035]
    orderable_unit_factor_rate: Decimal | None = opt("cbc:OrderableUnitFactorRate")

    #: ``cac:ValidityPeriod``: Price validity period
    validity_period: tuple[Period, ...] = many("cac:ValidityPeriod")

    #: ``cac:AllowanceCharge``: Price discount information
    allowance_charge: tuple[AllowanceCharge, ...] = many("cac:AllowanceCharge")


@dataclass(frozen=True, kw_only=True)
class ProjectReference(Aggregate):
    """UBL 2.1 ``ProjectReferenceType``: A class to define a reference to a procurement
    project.
    """

    #: ``cbc:ID``: Project reference [tir01-p044]
    id: Identifier = one("cbc:ID")


@dataclass(frozen=True, kw_only=True)
class RailTransport(Aggregate):
    """UBL 2.1 ``RailTransportType``: A class defining details about a train wagon used as
    a means of transport.
    """

    #: ``cbc:TrainID``
    train_id: str = one("cbc:TrainID")

    #: ``cbc:RailCarID``
    rail_car_id: str | None = opt("cbc:RailCarID")


@dataclass(frozen=True, kw_only=True)
class RelatedItem(Aggregate):
    """UBL 2.1 ``RelatedItemType``: A class to describe the relationship to an item
    different from the item associated with the item line in which RelatedItem is used.
    """

    #: ``cbc:ID``: Item identifier [tir19-045,048,118,120]
    id: str | None = opt("cbc:ID")

    #: ``cbc:Quantity``: Item quantity [tir19-046,049,119,121]
    quantity: Quantity | None = opt("cbc:Quantity", attr_codes={"unitCode": ("UNECERec20",)})


@dataclass(frozen=True, kw_only=True)
class Response(Aggregate):
    """UBL 2.1 ``ResponseType``: A class to describe an application-level response to a
    document.
    """

    #: ``cbc:ResponseCode``: Coded decision; Invoice status; Line response code [tir111-013;
    #: tir58-014; tir71-014,017]
    response_code: str | None = opt("cbc:ResponseCode", codes=("UNCL4343", "UNCL4343-T111"))

    #: ``cbc:Description``: Issue description; Response textual notes [tir71-004,015]
    description: tuple[str, ...] = many("cbc:Description")

    #: ``cbc:EffectiveDate``: Status date [tir111-014]
    effective_date: date | None = opt("cbc:EffectiveDate")

    #: ``cac:Status``: Clarification information; Status information
    status: tuple[Status, ...] = many("cac:Status")


@dataclass(frozen=True, kw_only=True)
class RoadTransport(Aggregate):
    """UBL 2.1 ``RoadTransportType``: A class for identifying a vehicle used for road
    transport.
    """

    #: ``cbc:LicensePlateID``
    license_plate_id: str = one("cbc:LicensePlateID")


@dataclass(frozen=True, kw_only=True)
class Shipment(Aggregate):
    """UBL 2.1 ``ShipmentType``: A class defining an identifiable collection of one or more
    goods items to be transported between the seller party and the buyer party. This
    information may be defined within a commercial contract. A shipment can be
    transported in different consignments (e.g., split for logistical purposes).
    """

    #: ``cbc:ID``: Shipment identifier [tir16-038]
    id: Identifier = one("cbc:ID")

    #: ``cbc:ShippingPriorityLevelCode``: Requested shipping priority [tir01-p47]
    shipping_priority_level_code: str | None = opt(
        "cbc:ShippingPriorityLevelCode",
        codes=("UNCL4219",),
    )

    #: ``cbc:Information``: Shipment description [tir16-039]
    information: tuple[str, ...] = many("cbc:Information")

    #: ``cbc:GrossWeightMeasure``: Shipment gross weight [tir16-074]
    gross_weight_measure: Measure | None = opt(
        "cbc:GrossWeightMeasure",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cbc:GrossVolumeMeasure``: Shipment gross volume [tir16-075]
    gross_volume_measure: Measure | None = opt(
        "cbc:GrossVolumeMeasure",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cbc:TotalTransportHandlingUnitQuantity``: Total number of transport handling units
    #: [tir16-p002]
    total_transport_handling_unit_quantity: Quantity | None = opt(
        "cbc:TotalTransportHandlingUnitQuantity",
    )

    #: ``cbc:DeclaredStatisticsValueAmount``
    declared_statistics_value_amount: Amount | None = opt("cbc:DeclaredStatisticsValueAmount")

    #: ``cac:Consignment``: Consignment information
    consignment: tuple[Consignment, ...] = many("cac:Consignment")

    #: ``cac:ShipmentStage``: Shipment stage information
    shipment_stage: tuple[ShipmentStage, ...] = many("cac:ShipmentStage")

    #: ``cac:Delivery``: Delivery information
    delivery: Delivery | None = opt("cac:Delivery")

    #: ``cac:TransportHandlingUnit``: Transport handling unit information; Transport handling unit
    transport_handling_unit: tuple[TransportHandlingUnit, ...] = many("cac:TransportHandlingUnit")


@dataclass(frozen=True, kw_only=True)
class ShipmentStage(Aggregate):
    """UBL 2.1 ``ShipmentStageType``: A class to describe one stage of movement in a
    transport of goods.
    """

    #: ``cbc:TransportModeCode``: Mode of transport [tir16-p056]
    transport_mode_code: str | None = opt("cbc:TransportModeCode", codes=("UNECERec19",))

    #: ``cbc:TransportMeansTypeCode``
    transport_means_type_code: str | None = opt("cbc:TransportMeansTypeCode")

    #: ``cac:TransportMeans``
    transport_means: TransportMeans | None = opt("cac:TransportMeans")


@dataclass(frozen=True, kw_only=True)
class Status(Aggregate):
    """UBL 2.1 ``StatusType``: A class to describe the condition or position of an object."""

    #: ``cbc:StatusReasonCode``: Clarification code; Issue type coded [tir111-015; tir71-016]
    status_reason_code: Code | None = opt(
        "cbc:StatusReasonCode",
        codes=("OPStatusAction", "OPStatusReason", "StatusReason"),
        attr_codes={"listID": ("ClarificationListID",)},
    )

    #: ``cbc:StatusReason``: Clarification description [tir111-016]
    status_reason: tuple[str, ...] = many("cbc:StatusReason")

    #: ``cac:Condition``: Condition
    condition: tuple[Condition, ...] = many("cac:Condition")


@dataclass(frozen=True, kw_only=True)
class SupplierParty(Aggregate):
    """UBL 2.1 ``SupplierPartyType``: A class to describe a supplier party."""

    #: ``cac:Party``: Party; Party information; Description of seller
    party: Party | None = opt("cac:Party")


@dataclass(frozen=True, kw_only=True)
class TaxCategory(Aggregate):
    """UBL 2.1 ``TaxCategoryType``: A class to describe one of the tax categories within a
    taxation scheme (e.g., High Rate VAT, Low Rate VAT).

    EN 16931 (billing): A VAT category (``cac:TaxCategory`` / ``cac:ClassifiedTaxCategory``).

    ``id`` is the UNCL5305 VAT category code (BT-95/BT-102 on document
    allowances/charges, BT-118 in the VAT breakdown, BT-151 on the item),
    ``percent`` the rate (BT-96, BT-103, BT-119, BT-152),
    ``tax_exemption_reason_code`` BT-121 and ``tax_exemption_reason`` BT-120;
    ``tax_scheme`` is ``VAT`` (the default: BIS Billing has no other tax
    scheme on a tax category).
    """

    #: ``cbc:ID``: Item VAT category code; VAT category code; Document level allowance or charge
    #: VAT category code [tir01-150,p011; tir110-106; tir114-150,p011; tir116-150; tir19-094;
    #: tir76-150; tir77-034]
    id: Identifier | None = opt("cbc:ID", codes=("UNCL5305",))

    #: ``cbc:Name`` [billing]
    name: str | None = opt("cbc:Name")

    #: ``cbc:Percent``: Item VAT precentage; Line VAT rate; VAT rate [tir01-170,p012; tir04-170;
    #: tir110-107; tir114-170,p012; tir19-050; tir77-035]
    percent: Decimal | None = opt("cbc:Percent")

    #: ``cbc:TaxExemptionReasonCode`` [billing]
    tax_exemption_reason_code: Code | None = opt("cbc:TaxExemptionReasonCode")

    #: ``cbc:TaxExemptionReason``: VAT exemption reason text; TAX exemption reason text
    tax_exemption_reason: tuple[str, ...] = many("cbc:TaxExemptionReason")

    #: ``cac:TaxScheme``: Tax scheme information
    tax_scheme: TaxScheme = one("cac:TaxScheme")

    @property
    def code(self) -> str | None:
        """The VAT category code (UNCL5305: S, Z, E, AE, K, G, O, L, M)."""
        return self.id.value if self.id is not None else None


@dataclass(frozen=True, kw_only=True)
class TaxScheme(Aggregate):
    """UBL 2.1 ``TaxSchemeType``: A class to describe a taxation scheme (e.g., VAT, State
    tax, County tax).

    ``id`` is ``VAT`` for the VAT of EN 16931 (BT-31, BT-48, BT-63 and the tax
    categories); any other value (``TAX`` in Norway) marks BT-32.
    """

    #: ``cbc:ID`` [tir01-p003,p004,p013,p021; tir110-p005,p006,p007; tir114-p003,p004,p013,p021;
    #: tir116-p003; tir19-p048; tir76-p003; tir77-p004]
    id: Identifier | None = opt("cbc:ID")


@dataclass(frozen=True, kw_only=True)
class TaxSubtotal(Aggregate):
    """UBL 2.1 ``TaxSubtotalType``: A class to define the subtotal for a particular tax
    category within a particular taxation scheme, such as standard rate within VAT.

    EN 16931 (billing): A VAT breakdown entry BG-23: ``taxable_amount`` BT-116, ``tax_amount``
    BT-117, ``tax_category`` BT-118..BT-121.
    """

    #: ``cbc:TaxableAmount``: VAT category taxable amount; TAX category taxable amount
    taxable_amount: Amount | None = opt(
        "cbc:TaxableAmount",
        attr_codes={"currencyID": ("ISO4217",)},
    )

    #: ``cbc:TaxAmount``: VAT category tax amount; TAX category tax amount
    tax_amount: Amount = one("cbc:TaxAmount", attr_codes={"currencyID": ("ISO4217",)})

    #: ``cbc:Percent`` [billing]
    percent: Decimal | None = opt("cbc:Percent")

    #: ``cac:TaxCategory``: VAT category information; TAX category information
    tax_category: TaxCategory = one("cac:TaxCategory")


@dataclass(frozen=True, kw_only=True)
class TaxTotal(Aggregate):
    """UBL 2.1 ``TaxTotalType``: A class to describe the total tax for a particular
    taxation scheme.

    EN 16931 (billing): A tax total (``cac:TaxTotal``): ``tax_amount`` is BT-110 (in the
    document currency, with ``tax_subtotal`` BG-23) or BT-111 (in the tax
    accounting currency BT-6, without subtotals).
    """

    #: ``cbc:TaxAmount``: VAT total amount; TAX total amount [tir01-114; tir110-112; tir114-114]
    tax_amount: Amount = one("cbc:TaxAmount", attr_codes={"currencyID": ("ISO4217",)})

    #: ``cbc:RoundingAmount`` [billing]
    rounding_amount: Amount | None = opt("cbc:RoundingAmount")

    #: ``cac:TaxSubtotal``: VAT breakdown; TAX breakdown
    tax_subtotal: tuple[TaxSubtotal, ...] = many("cac:TaxSubtotal")


@dataclass(frozen=True, kw_only=True)
class Temperature(Aggregate):
    """UBL 2.1 ``TemperatureType``: A class to describe a measurement of temperature."""

    #: ``cbc:AttributeID``
    attribute_id: str = one("cbc:AttributeID")

    #: ``cbc:Measure``
    measure: Measure = one("cbc:Measure")


@dataclass(frozen=True, kw_only=True)
class TradingTerms(Aggregate):
    """UBL 2.1 ``TradingTermsType``: A class for describing the terms of a trade agreement."""

    #: ``cbc:Information``: General payment conditions [tir19-p019]
    information: tuple[str, ...] = many("cbc:Information")


@dataclass(frozen=True, kw_only=True)
class TransactionConditions(Aggregate):
    """UBL 2.1 ``TransactionConditionsType``: A class to describe purchasing, sales, or
    payment conditions.
    """

    #: ``cbc:ActionCode``: Contracted item indicator; Contracted item indicator, Non-returnable
    #: item indicator [tir110-094; tir19-p027,p049; tir77-019]
    action_code: str | None = opt("cbc:ActionCode", codes=("TransactionCondition",))


@dataclass(frozen=True, kw_only=True)
class TransportEquipment(Aggregate):
    """UBL 2.1 ``TransportEquipmentType``: A class to describe a piece of equipment used to
    transport goods.
    """

    #: ``cbc:ID``
    id: str | None = opt("cbc:ID")

    #: ``cbc:TransportEquipmentTypeCode``
    transport_equipment_type_code: Code | None = opt("cbc:TransportEquipmentTypeCode")

    #: ``cbc:SizeTypeCode``
    size_type_code: str | None = opt("cbc:SizeTypeCode")

    #: ``cbc:RefrigerationOnIndicator``
    refrigeration_on_indicator: bool | None = opt("cbc:RefrigerationOnIndicator")

    #: ``cbc:Description``
    description: tuple[str, ...] = many("cbc:Description")

    #: ``cbc:PowerIndicator``
    power_indicator: bool | None = opt("cbc:PowerIndicator")

    #: ``cac:MeasurementDimension``
    measurement_dimension: tuple[Dimension, ...] = many("cac:MeasurementDimension")

    #: ``cac:ProviderParty``
    provider_party: Party | None = opt("cac:ProviderParty")

    #: ``cac:GoodsItem``
    goods_item: tuple[GoodsItem, ...] = many("cac:GoodsItem")


@dataclass(frozen=True, kw_only=True)
class TransportHandlingUnit(Aggregate):
    """UBL 2.1 ``TransportHandlingUnitType``: A class to describe a uniquely identifiable
    unit consisting of one or more packages, goods items, or pieces of transport
    equipment.
    """

    #: ``cbc:ID``: Handling unit identifier [tir16-061]
    id: Identifier | None = opt("cbc:ID")

    #: ``cbc:TransportHandlingUnitTypeCode``: Handling unit type [tir16-085]
    transport_handling_unit_type_code: str | None = opt("cbc:TransportHandlingUnitTypeCode")

    #: ``cbc:HandlingCode``
    handling_code: Code | None = opt("cbc:HandlingCode")

    #: ``cbc:HandlingInstructions``
    handling_instructions: tuple[str, ...] = many("cbc:HandlingInstructions")

    #: ``cbc:HazardousRiskIndicator``: Handling unit hazardous indicator [tir16-062]
    hazardous_risk_indicator: bool | None = opt("cbc:HazardousRiskIndicator")

    #: ``cbc:ShippingMarks``: Handling unit shipping marks; Packing label [tir01-p036; tir114-p036;
    #: tir16-064]
    shipping_marks: tuple[str, ...] = many("cbc:ShippingMarks")

    #: ``cac:TransportEquipment``
    transport_equipment: tuple[TransportEquipment, ...] = many("cac:TransportEquipment")

    #: ``cac:MeasurementDimension``: Measurement dimentions
    measurement_dimension: tuple[Dimension, ...] = many("cac:MeasurementDimension")

    #: ``cac:MinimumTemperature``
    minimum_temperature: Temperature | None = opt("cac:MinimumTemperature")

    #: ``cac:MaximumTemperature``
    maximum_temperature: Temperature | None = opt("cac:MaximumTemperature")

    #: ``cac:GoodsItem``
    goods_item: tuple[GoodsItem, ...] = many("cac:GoodsItem")

    #: ``cac:Package``: Package information
    package: tuple[Package, ...] = many("cac:Package")


@dataclass(frozen=True, kw_only=True)
class TransportMeans(Aggregate):
    """UBL 2.1 ``TransportMeansType``: A class to describe a particular vehicle or vessel
    used for the conveyance of goods or persons.
    """

    #: ``cac:AirTransport``
    air_transport: AirTransport | None = opt("cac:AirTransport")

    #: ``cac:RoadTransport``
    road_transport: RoadTransport | None = opt("cac:RoadTransport")

    #: ``cac:RailTransport``
    rail_transport: RailTransport | None = opt("cac:RailTransport")

    #: ``cac:MaritimeTransport``
    maritime_transport: MaritimeTransport | None = opt("cac:MaritimeTransport")

    #: ``cac:MeasurementDimension``
    measurement_dimension: tuple[Dimension, ...] = many("cac:MeasurementDimension")


@dataclass(frozen=True, kw_only=True)
class TransportationService(Aggregate):
    """UBL 2.1 ``TransportationServiceType``: A class to describe a transportation service."""

    #: ``cbc:TransportServiceCode``
    transport_service_code: str = one("cbc:TransportServiceCode")

    #: ``cac:TransportEquipment``
    transport_equipment: tuple[TransportEquipment, ...] = many("cac:TransportEquipment")

    #: ``cac:EnvironmentalEmission``
    environmental_emission: tuple[EnvironmentalEmission, ...] = many("cac:EnvironmentalEmission")
