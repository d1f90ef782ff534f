"""PEPPOL Order Change transaction 3.0 (T114): the rules ``PEPPOL-T114-*``.

Source: OpenPEPPOL/poacc-upgrade-3 ``rules/sch/parts/PEPPOL-M-T114.sch``, one
Schematron pattern over ``ubl:OrderChange`` (OrderChange-2, UBL 2.3); the
same assertions as the Order (T01), implemented once in :mod:`._order`.
"""

from __future__ import annotations

from heldigital.rules.core import Document
from heldigital.rules.poacc._order import OrderChecks
from heldigital.rules.poacc._registry import rule

ORDER_CHANGE_NS = "urn:oasis:names:specification:ubl:schema:xsd:OrderChange-2"
#: The specification identifier (CustomizationID) every T114 order change starts with.
CUSTOMIZATION_ID = "urn:fdc:peppol.eu:poacc:trns:order_change:3"
#: PEPPOL-T114-R031: order changes exist only in advanced ordering.
PROFILES = ("urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3",)

CHECKS = OrderChecks("T114", ORDER_CHANGE_NS, "OrderChange", PROFILES, CUSTOMIZATION_ID)


@rule("PEPPOL-T114-CL001")
def peppol_t114_cl001(doc: Document):
    """Reason code MUST be according to subset of UNCL 5189 D.16B.

    Context ``cac:AllowanceCharge[cbc:ChargeIndicator =
    'false']/cbc:AllowanceChargeReasonCode``.
    """
    return CHECKS.allowance_code(doc)


@rule("PEPPOL-T114-CL002")
def peppol_t114_cl002(doc: Document):
    """Reason code MUST be according to UNCL 7161 D.16B.

    Context ``cac:AllowanceCharge[cbc:ChargeIndicator = 'true']/cbc:AllowanceChargeReasonCode``.
    """
    return CHECKS.charge_code(doc)


@rule("PEPPOL-T114-R001")
def peppol_t114_r001(doc: Document):
    """Each order line MUST have a document line identifier that is unique within the order.

    Context ``cac:OrderLine/cac:LineItem``.
    """
    return CHECKS.line_id(doc)


@rule("PEPPOL-T114-R002")
def peppol_t114_r002(doc: Document):
    """An order change SHOULD provide information about its validity end date.

    Context ``ubl:OrderChange``.
    """
    return CHECKS.validity_end(doc)


@rule("PEPPOL-T114-R003")
def peppol_t114_r003(doc: Document):
    """An order MUST be stated in a single currency.

    Context ``cbc:Amount | cbc:TaxAmount | cbc:LineExtensionAmount | cbc:PriceAmount |
    cbc:BaseAmount | cac:AnticipatedMonetaryTotal/cbc:*``.
    """
    return CHECKS.single_currency(doc)


@rule("PEPPOL-T114-R004")
def peppol_t114_r004(doc: Document):
    """Each order line ordered quantity MUST not be negative.

    Context ``cac:OrderLine/cac:LineItem``.
    """
    return CHECKS.quantity_not_negative(doc)


@rule("PEPPOL-T114-R005")
def peppol_t114_r005(doc: Document):
    """Each order line item net price MUST not be negative.

    Context ``cac:Price``.
    """
    return CHECKS.price_not_negative(doc)


@rule("PEPPOL-T114-R006")
def peppol_t114_r006(doc: Document):
    """Expected total amount for payment MUST NOT be negative.

    Context ``cac:AnticipatedMonetaryTotal``.
    """
    return CHECKS.payable_not_negative(doc)


@rule("PEPPOL-T114-R007")
def peppol_t114_r007(doc: Document):
    """Expected total sum of line amounts MUST NOT be negative.

    Context ``cac:AnticipatedMonetaryTotal``.
    """
    return CHECKS.line_total_not_negative(doc)


@rule("PEPPOL-T114-R008")
def peppol_t114_r008(doc: Document):
    """Expected total sum of line amounts MUST equal the sum of the order line amounts at order
    line level.

    Context ``cac:AnticipatedMonetaryTotal``.
    """
    return CHECKS.line_total_sum(doc)


@rule("PEPPOL-T114-R009")
def peppol_t114_r009(doc: Document):
    """Expected total sum of allowance at document level MUST be equal to the sum of allowance
    amounts at document level.

    Context ``cac:AnticipatedMonetaryTotal``.
    """
    return CHECKS.allowance_total_sum(doc)


@rule("PEPPOL-T114-R010")
def peppol_t114_r010(doc: Document):
    """Expected total sum of charges at document level MUST be equal to the sum of charge amounts
    at document level.

    Context ``cac:AnticipatedMonetaryTotal``.
    """
    return CHECKS.charge_total_sum(doc)


@rule("PEPPOL-T114-R011")
def peppol_t114_r011(doc: Document):
    """Expected total amount without TAX = Expected total sum of line amounts - Sum of allowances
    on document level + Sum of charges on document level.

    Context ``cac:AnticipatedMonetaryTotal``.
    """
    return CHECKS.tax_exclusive(doc)


@rule("PEPPOL-T114-R013")
def peppol_t114_r013(doc: Document):
    """Each order line SHOULD have an ordered quantity.

    Context ``cac:OrderLine/cac:LineItem``.
    """
    return CHECKS.quantity_present(doc)


@rule("PEPPOL-T114-R014")
def peppol_t114_r014(doc: Document):
    """An order change MUST have the originator party name or an identifier.

    Context ``cac:OriginatorCustomerParty``.
    """
    return CHECKS.originator(doc)


@rule("PEPPOL-T114-R016")
def peppol_t114_r016(doc: Document):
    """Amount due for payment = Order change total amount with TAX - Paid amount + Rounding amount.

    Context ``cac:AnticipatedMonetaryTotal``.
    """
    return CHECKS.payable(doc)


@rule("PEPPOL-T114-R017")
def peppol_t114_r017(doc: Document):
    """Expected total amount with TAX = Expected total amount without TAX + Order total TAX amount.

    Context ``cac:AnticipatedMonetaryTotal``.
    """
    return CHECKS.tax_inclusive(doc)


@rule("PEPPOL-T114-R019")
def peppol_t114_r019(doc: Document):
    """Item net price MUST equal (Gross price - Allowance amount) when gross price is provided.

    Context ``cac:Price/cac:AllowanceCharge``.
    """
    return CHECKS.net_price(doc)


@rule("PEPPOL-T114-R020")
def peppol_t114_r020(doc: Document):
    """Allowance/charge base amount MUST be provided when allowance/charge percentage is provided.

    Context ``cac:AllowanceCharge[cbc:MultiplierFactorNumeric and not(cbc:BaseAmount)] |
    /ubl:OrderChange/cac:OrderLine/cac:LineItem/cac:AllowanceCharge[cbc:MultiplierFactorNumeric
    and not(cbc:BaseAmount)]``.
    """
    return CHECKS.base_without_factor(doc)


@rule("PEPPOL-T114-R021")
def peppol_t114_r021(doc: Document):
    """Allowance/charge percentage MUST be provided when allowance/charge base amount is provided.

    Context ``/ubl:OrderChange/cac:AllowanceCharge[not(cbc:MultiplierFactorNumeric) and
    cbc:BaseAmount] |
    /ubl:OrderChange/cac:OrderLine/cac:LineItem/cac:AllowanceCharge[not(cbc:MultiplierFactorNumeric)
    and cbc:BaseAmount]``.
    """
    return CHECKS.factor_without_base(doc)


@rule("PEPPOL-T114-R022")
def peppol_t114_r022(doc: Document):
    """Allowance/charge amount MUST equal base amount * percentage/100 if base amount and
    percentage exists.

    Context ``/ubl:OrderChange/cac:AllowanceCharge
    |/ubl:OrderChange/cac:OrderLine/cac:LineItem/cac:AllowanceCharge``.
    """
    return CHECKS.ac_amount(doc)


@rule("PEPPOL-T114-R023")
def peppol_t114_r023(doc: Document):
    """Each document or line level allowance MUST have an allowance reason text or an allowance
    reason code.

    Context ``/ubl:OrderChange/cac:AllowanceCharge
    |/ubl:OrderChange/cac:OrderLine/cac:LineItem/cac:AllowanceCharge``.
    """
    return CHECKS.ac_reason(doc)


@rule("PEPPOL-T114-R024")
def peppol_t114_r024(doc: Document):
    """Order line net amount MUST equal (Ordered quantity * (Item net price/item price base
    quantity) + Order line charge amount - Order line allowance amount.

    Context ``cac:OrderLine/cac:LineItem``.
    """
    return CHECKS.line_amount(doc)


@rule("PEPPOL-T114-R025")
def peppol_t114_r025(doc: Document):
    """Base quantity MUST be a positive number above zero.

    Context ``cac:OrderLine/cac:LineItem``.
    """
    return CHECKS.base_quantity(doc)


@rule("PEPPOL-T114-R026")
def peppol_t114_r026(doc: Document):
    """When TAX is VAT then Party VAT identifiers MUST have a prefix in accordance with ISO code
    ISO 3166-1 alpha-2 by which the country of issue may be identified. Nevertheless, Greece
    may use the prefix ‘EL’.

    Context ``cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']``.
    """
    return CHECKS.vat_prefix(doc)


@rule("PEPPOL-T114-R027")
def peppol_t114_r027(doc: Document):
    """The Item gross price MUST NOT be negative.

    Context ``cac:Price``.
    """
    return CHECKS.gross_price_not_negative(doc)


@rule("PEPPOL-T114-R028")
def peppol_t114_r028(doc: Document):
    """Elements of data type amount cannot have more than 2 decimals (I.e. all amounts except unit
    price amounts).

    Context ``cbc:Amount | cbc:TaxAmount | cbc:LineExtensionAmount | cbc:PriceAmount |
    cbc:BaseAmount | cac:AnticipatedMonetaryTotal/cbc:*``.
    """
    return CHECKS.amount_decimals(doc)


@rule("PEPPOL-T114-R029")
def peppol_t114_r029(doc: Document):
    """Each Tax Category MUST have a TAX category rate, except if the order is not subject to TAX.

    Context ``cac:TaxCategory | cac:ClassifiedTaxCategory``.
    """
    return CHECKS.tax_rate(doc)


@rule("PEPPOL-T114-R030")
def peppol_t114_r030(doc: Document):
    """When TAX category code is "Standard rated" (S) the TAX rate MUST be greater than zero.

    Context ``cac:TaxCategory | cac:ClassifiedTaxCategory``.
    """
    return CHECKS.standard_rate(doc)


@rule("PEPPOL-T114-R031")
def peppol_t114_r031(doc: Document):
    """An order change transaction MUST use profile advanced_ordering.

    Context ``cbc:ProfileID``.
    """
    return CHECKS.profile(doc)


@rule("PEPPOL-T114-R032")
def peppol_t114_r032(doc: Document):
    """Allowance or charge amounts MUST NOT be negative.

    Context ``/ubl:OrderChange/cac:AllowanceCharge
    |/ubl:OrderChange/cac:OrderLine/cac:LineItem/cac:AllowanceCharge``.
    """
    return CHECKS.ac_not_negative(doc)


@rule("PEPPOL-T114-R033")
def peppol_t114_r033(doc: Document):
    """Allowance or charge amounts MUST NOT be negative.

    Context ``cac:Price``.
    """
    return CHECKS.price_ac_not_negative(doc)


@rule("PEPPOL-T114-R034")
def peppol_t114_r034(doc: Document):
    """Specification identifier MUST start with the value
    'urn:fdc:peppol.eu:poacc:trns:order_change:3'.

    Context ``cbc:CustomizationID``.
    """
    return CHECKS.customization(doc)
