"""EN 16931 syntax (UBL-CR, UBL-SR, UBL-DT) and code list (BR-CL) rules of the UBL binding.

The official unit tests (``test_official.py``) are the oracle; they exercise
few of the 678 UBL-CR rules, so the table-driven machinery is tested here on
small documents: anchoring, the line union, ``//`` paths, attributes, the
special cases, and the XPath 2.0 semantics the rules keep.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from heldigital import xml
from heldigital.rules.core import Document, Severity
from heldigital.rules.en16931 import REGISTRY
from heldigital.rules.en16931.syntax import UBL_CR, cr_hits
from heldigital.rules.en16931.syntax_index import elements
from tests.conftest import corpus

MINE = re.compile(r"UBL-(CR|SR|DT)-\d+|BR-CL-\d+")

INV = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
NS_CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CN = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
HEAD = (
    'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
    'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" '
    'xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"'
)


def doc(body: str, root: str = "Invoice") -> Document:
    ns = INV if root == "Invoice" else CN
    data = f'<{root} xmlns="{ns}" {HEAD}>{body}</{root}>'.encode()
    return Document(xml.parse(data).getroot())


def fired(document: Document, rule_id: str) -> int:
    return len(list(REGISTRY[rule_id].run(document)))


def locations(document: Document, rule_id: str) -> list[str]:
    return [f.location for f in REGISTRY[rule_id].run(document)]


# -- registry against the official catalogue ---------------------------------------------------


def _catalogue() -> dict[str, dict[str, str]]:
    path = corpus("rule-catalogues", "en16931-ubl.csv")
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["rule"]: row for row in csv.DictReader(handle) if MINE.fullmatch(row["rule"])}


def test_every_syntax_and_code_rule_is_registered_with_its_flag_and_message():
    catalogue = _catalogue()
    assert len(catalogue) == 678 + 54 + 24 + 23
    registered = {r.id: r for r in REGISTRY if MINE.fullmatch(r.id)}
    assert sorted(registered) == sorted(catalogue)
    for rule_id, row in catalogue.items():
        assert registered[rule_id].severity is Severity(row["flag"]), rule_id
        assert registered[rule_id].message == row["message"], rule_id


def test_generated_checks_are_named_and_documented_after_their_rule():
    for rule_id in ("UBL-CR-001", "UBL-CR-682", "UBL-DT-13", "UBL-SR-34", "UBL-SR-01"):
        check = REGISTRY[rule_id].check
        assert check.__name__ == rule_id.lower().replace("-", "_")
        # the docstring states the official test; the text is the manifest's, not repeated
        assert "``" in (check.__doc__ or ""), rule_id
        assert REGISTRY[rule_id].message.partition("]-")[2] not in (check.__doc__ or ""), rule_id


def test_the_cr_table_is_the_catalogue_table():
    ids = [row[0] for row in UBL_CR]
    assert len(ids) == len(set(ids)) == 678
    # ids the official artefacts retired are not in the table
    assert not {"UBL-CR-120", "UBL-CR-423", "UBL-CR-536", "UBL-CR-631"} & set(ids)


# -- UBL-CR ---------------------------------------------------------------------------------------


def test_a_clean_document_fires_no_cr_rule():
    assert cr_hits(doc("<cbc:ID>1</cbc:ID><cbc:UBLVersionID>2.1</cbc:UBLVersionID>")) == set()


def test_root_level_paths_are_anchored_at_the_root():
    assert fired(doc("<cbc:UUID>u</cbc:UUID>"), "UBL-CR-005") == 1
    # the same element deeper in the tree is another rule's business
    nested = doc("<cac:OrderReference><cbc:UUID>u</cbc:UUID></cac:OrderReference>")
    assert fired(nested, "UBL-CR-005") == 0
    assert fired(nested, "UBL-CR-017") == 1


def test_nested_path_needs_every_step():
    seller_address_id = (
        "<cac:AccountingSupplierParty><cac:Party><cac:PostalAddress><cbc:ID>1</cbc:ID>"
        "</cac:PostalAddress></cac:Party></cac:AccountingSupplierParty>"
    )
    assert fired(doc(seller_address_id), "UBL-CR-147") == 1
    assert fired(doc(seller_address_id), "UBL-CR-210") == 0  # the buyer's twin rule
    wrong_parent = (
        "<cac:AccountingSupplierParty><cac:PostalAddress><cbc:ID>1</cbc:ID>"
        "</cac:PostalAddress></cac:AccountingSupplierParty>"
    )
    assert fired(doc(wrong_parent), "UBL-CR-147") == 0


@pytest.mark.parametrize(
    ("root", "line"), [("Invoice", "InvoiceLine"), ("CreditNote", "CreditNoteLine")]
)
def test_line_paths_cover_invoice_and_credit_note_lines(root, line):
    document = doc(f"<cac:{line}><cbc:ID>1</cbc:ID><cbc:UUID>u</cbc:UUID></cac:{line}>", root)
    assert fired(document, "UBL-CR-515") == 1
    assert fired(document, "UBL-CR-005") == 0


def test_a_rule_fires_once_however_often_its_element_occurs():
    lines = "".join(
        f"<cac:InvoiceLine><cbc:UUID>{n}</cbc:UUID></cac:InvoiceLine>" for n in range(5)
    )
    assert locations(doc(lines), "UBL-CR-515") == ["/Invoice"]


def test_anywhere_paths_find_elements_at_any_depth():
    deep = (
        "<cac:PaymentMeans><cac:PayeeFinancialAccount><cac:FinancialInstitutionBranch>"
        "<cac:FinancialInstitution><cbc:ID>x</cbc:ID></cac:FinancialInstitution>"
        "</cac:FinancialInstitutionBranch></cac:PayeeFinancialAccount></cac:PaymentMeans>"
    )
    assert fired(doc(deep), "UBL-CR-664") == 1
    assert fired(doc("<cac:FinancialInstitution/>"), "UBL-CR-664") == 1
    tax = "<cac:InvoiceLine><cac:Item><cac:ClassifiedTaxCategory>"
    tax += "<cbc:ID schemeID='UNCL5305'>S</cbc:ID>"
    tax += "</cac:ClassifiedTaxCategory></cac:Item></cac:InvoiceLine>"
    assert fired(doc(tax), "UBL-CR-679") == 1
    assert fired(doc(tax.replace(" schemeID='UNCL5305'", "")), "UBL-CR-679") == 0


def test_attribute_paths():
    assert fired(doc("<cbc:ID schemeID='x'>1</cbc:ID>"), "UBL-CR-650") == 1
    assert fired(doc("<cbc:ID>1</cbc:ID>"), "UBL-CR-650") == 0
    quantity = "<cac:InvoiceLine><cbc:InvoicedQuantity unitCode='C62' unitCodeListID='x'>1"
    quantity += "</cbc:InvoicedQuantity></cac:InvoiceLine>"
    assert fired(doc(quantity), "UBL-CR-663") == 1


def _build(path: str, line: str) -> tuple[str, bool]:
    """A fragment holding ``path`` (the table notation) and whether the path is anchored."""
    anchored = not path.startswith("//")
    path = path.removeprefix("//")
    if path.startswith("("):
        path = path.partition(")/")[2]
        path = f"cac:{line}/{path}"
    steps = path.split("/")
    attribute = steps.pop()[1:] if steps[-1].startswith("@") else None
    inner = "x"
    for index, step in enumerate(reversed(steps)):
        attrs = f' {attribute}="x"' if attribute and index == 0 else ""
        inner = f"<{step}{attrs}>{inner}</{step}>"
    return inner, anchored


PLAIN_CR = [row for row in UBL_CR if not row[1].startswith(("!", "//@"))]


def test_every_cr_path_fires_where_it_is_and_only_there():
    """Each plain path of the table, built as a fragment, fires its rule; one level deeper
    (below an element no path names) an anchored path no longer applies, a ``//`` path does.
    Line paths are tried in an invoice and in a credit note."""
    wrong = []
    for rule_id, path in PLAIN_CR:
        for root in ("Invoice", "CreditNote") if path.startswith("(") else ("Invoice",):
            fragment, anchored = _build(path, f"{root}Line")
            if rule_id not in cr_hits(doc(fragment, root)):
                wrong.append(f"{rule_id} does not fire on {fragment}")
            deeper = doc(f"<cac:Unrelated>{fragment}</cac:Unrelated>", root)
            if (rule_id in cr_hits(deeper)) is anchored:
                wrong.append(f"{rule_id} anchoring is wrong below another element")
    assert wrong == []
    assert len(PLAIN_CR) > 640


def test_cr_002_accepts_ubl_version_2_1_only():
    assert fired(doc("<cbc:UBLVersionID>2.1</cbc:UBLVersionID>"), "UBL-CR-002") == 0
    assert fired(doc("<cbc:UBLVersionID>2.0</cbc:UBLVersionID>"), "UBL-CR-002") == 1
    assert fired(doc(""), "UBL-CR-002") == 0


def test_cr_412_payment_due_date_only_in_credit_notes():
    body = (
        "<cac:PaymentMeans><cbc:PaymentDueDate>2024-01-01</cbc:PaymentDueDate></cac:PaymentMeans>"
    )
    assert fired(doc(body), "UBL-CR-412") == 1
    assert fired(doc(body, "CreditNote"), "UBL-CR-412") == 0


def _reference(code: str | None, extra: str = "", scheme: str = " schemeID='AAA'") -> str:
    type_code = "" if code is None else f"<cbc:DocumentTypeCode>{code}</cbc:DocumentTypeCode>"
    return (
        f"<cac:AdditionalDocumentReference><cbc:ID{scheme}>1</cbc:ID>{type_code}{extra}"
        "</cac:AdditionalDocumentReference>"
    )


def test_cr_665_object_scheme_only_with_type_code_130():
    assert fired(doc(_reference("130")), "UBL-CR-665") == 0
    assert fired(doc(_reference("916")), "UBL-CR-665") == 1
    assert fired(doc(_reference(None)), "UBL-CR-665") == 1
    assert fired(doc(_reference("916", scheme="")), "UBL-CR-665") == 0


def test_cr_666_and_673_object_reference_without_attachment_or_description():
    attachment = (
        "<cac:Attachment><cac:ExternalReference><cbc:URI>u</cbc:URI>"
        "</cac:ExternalReference></cac:Attachment>"
    )
    description = "<cbc:DocumentDescription>d</cbc:DocumentDescription>"
    assert fired(doc(_reference("130", attachment)), "UBL-CR-666") == 1
    assert fired(doc(_reference("916", attachment)), "UBL-CR-666") == 0
    assert fired(doc(_reference("130", description)), "UBL-CR-673") == 1
    assert REGISTRY["UBL-CR-666"].severity is Severity.FATAL


@pytest.mark.parametrize("lines", [3, 80])
def test_small_and_large_documents_are_walked_alike(lines):
    """Small documents are filtered in Python, large ones by lxml's tag matcher."""
    plain = _line(f"<cac:Item>{CATEGORY}</cac:Item>")
    odd = _line(
        "<cbc:UUID>u</cbc:UUID><cbc:Note>a</cbc:Note><cbc:Note>b</cbc:Note>",
        f"<cac:Item><cbc:PackQuantity>1</cbc:PackQuantity>{CATEGORY}</cac:Item>",
    )
    document = doc("<cbc:UUID>u</cbc:UUID>" + plain * (lines - 1) + odd)
    assert len(document.root) == lines + 1
    assert cr_hits(document) == {"UBL-CR-005", "UBL-CR-515", "UBL-CR-563"}
    assert locations(document, "UBL-SR-34") == [f"/Invoice/cac:InvoiceLine[{lines}]"]


def test_cr_rules_are_cached_per_document():
    document = doc("<cbc:UUID>u</cbc:UUID>")
    assert cr_hits(document) is cr_hits(document)


# -- UBL-DT ---------------------------------------------------------------------------------------


def test_supplementary_attributes_fire_once_anywhere():
    body = (
        "<cac:InvoiceLine><cbc:ID schemeName='a'>1</cbc:ID><cbc:Note languageID='no'>n</cbc:Note>"
    )
    body += "<cbc:Note languageID='en'>m</cbc:Note></cac:InvoiceLine>"
    document = doc(body)
    assert fired(document, "UBL-DT-08") == 1
    assert fired(document, "UBL-DT-19") == 1
    assert fired(document, "UBL-DT-09") == 0


def test_dt_18_name_attribute_is_allowed_on_the_payment_means_code_only():
    means = (
        "<cac:PaymentMeans><cbc:PaymentMeansCode name='Credit transfer'>30"
        "</cbc:PaymentMeansCode></cac:PaymentMeans>"
    )
    assert fired(doc(means), "UBL-DT-18") == 0
    assert fired(doc(means + "<cbc:Note name='x'>n</cbc:Note>"), "UBL-DT-18") == 1


def test_dt_01_amounts_have_at_most_two_decimals():
    total = (
        "<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID='EUR'>{}</cbc:PayableAmount>"
        "</cac:LegalMonetaryTotal>"
    )
    assert fired(doc(total.format("10.00")), "UBL-DT-01") == 0
    assert fired(doc(total.format("10")), "UBL-DT-01") == 0
    assert locations(doc(total.format("10.001")), "UBL-DT-01") == [
        "/Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount"
    ]


def test_dt_01_leaves_prices_and_price_discounts_alone():
    price = (
        "<cac:InvoiceLine><cac:Price><cbc:PriceAmount currencyID='EUR'>1.2345</cbc:PriceAmount>"
        "<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator>"
        "<cbc:Amount currencyID='EUR'>0.1234</cbc:Amount>"
        "<cbc:BaseAmount currencyID='EUR'>1.3579</cbc:BaseAmount></cac:AllowanceCharge>"
        "</cac:Price><cbc:LineExtensionAmount currencyID='EUR'>1.234</cbc:LineExtensionAmount>"
        "</cac:InvoiceLine>"
    )
    assert locations(doc(price), "UBL-DT-01") == [
        "/Invoice/cac:InvoiceLine/cbc:LineExtensionAmount"
    ]


def test_dt_06_07_binary_objects_need_mime_code_and_file_name():
    ref = "<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cac:Attachment>"
    ref += "<cbc:EmbeddedDocumentBinaryObject {}>QUJD</cbc:EmbeddedDocumentBinaryObject>"
    ref += "</cac:Attachment></cac:AdditionalDocumentReference>"
    complete = doc(ref.format("mimeCode='application/pdf' filename='a.pdf'"))
    assert fired(complete, "UBL-DT-06") == fired(complete, "UBL-DT-07") == 0
    bare = doc(ref.format(""))
    assert fired(bare, "UBL-DT-06") == fired(bare, "UBL-DT-07") == 1


# -- UBL-SR ---------------------------------------------------------------------------------------


def _line(*parts: str) -> str:
    return "<cac:InvoiceLine><cbc:ID>1</cbc:ID>" + "".join(parts) + "</cac:InvoiceLine>"


CATEGORY = "<cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID></cac:ClassifiedTaxCategory>"


def test_sr_48_a_line_has_exactly_one_classified_tax_category():
    assert fired(doc(_line(f"<cac:Item>{CATEGORY}</cac:Item>")), "UBL-SR-48") == 0
    assert fired(doc(_line("<cac:Item/>")), "UBL-SR-48") == 1
    assert fired(doc(_line(f"<cac:Item>{CATEGORY}{CATEGORY}</cac:Item>")), "UBL-SR-48") == 1


def test_line_rules_yield_each_failing_line():
    ok = _line("<cbc:Note>a</cbc:Note>", f"<cac:Item>{CATEGORY}</cac:Item>")
    bad = _line("<cbc:Note>a</cbc:Note><cbc:Note>b</cbc:Note>", f"<cac:Item>{CATEGORY}</cac:Item>")
    assert locations(doc(ok + bad + bad), "UBL-SR-34") == [
        "/Invoice/cac:InvoiceLine[2]",
        "/Invoice/cac:InvoiceLine[3]",
    ]


@pytest.mark.parametrize(
    ("rule_id", "twice"),
    [
        (
            "UBL-SR-35",
            "<cac:OrderLineReference><cbc:LineID>1</cbc:LineID></cac:OrderLineReference>",
        ),
        (
            "UBL-SR-36",
            "<cac:InvoicePeriod><cbc:StartDate>2024-01-01</cbc:StartDate></cac:InvoicePeriod>",
        ),
        ("UBL-SR-52", "<cac:DocumentReference><cbc:ID>1</cbc:ID></cac:DocumentReference>"),
        (
            "UBL-SR-37",
            "<cac:Price><cac:AllowanceCharge><cbc:Amount currencyID='EUR'>1</cbc:Amount>"
            "</cac:AllowanceCharge></cac:Price>",
        ),
    ],
)
def test_line_cardinalities(rule_id, twice):
    item = f"<cac:Item>{CATEGORY}</cac:Item>"
    assert fired(doc(_line(twice, item)), rule_id) == 0
    assert fired(doc(_line(twice, twice, item)), rule_id) == 1
    # elements of the same name elsewhere do not count for the line
    assert (
        fired(doc(_line(twice, item) + f"<cac:Delivery>{twice}{twice}</cac:Delivery>"), rule_id)
        == 0
    )


def test_sr_50_item_description_once():
    one = f"<cac:Item><cbc:Description>a</cbc:Description>{CATEGORY}</cac:Item>"
    two = one.replace(
        "<cbc:Description>a", "<cbc:Description>b</cbc:Description><cbc:Description>a"
    )
    assert fired(doc(_line(one)), "UBL-SR-50") == 0
    assert fired(doc(_line(two)), "UBL-SR-50") == 1


def test_sr_47_payment_means_codes_must_be_equal():
    means = "<cac:PaymentMeans><cbc:PaymentMeansCode>{}</cbc:PaymentMeansCode></cac:PaymentMeans>"
    assert fired(doc(means.format("30") + means.format("30")), "UBL-SR-47") == 0
    assert fired(doc(means.format("30") + means.format("58")), "UBL-SR-47") == 1


def test_sr_43_scheme_identifier_only_for_the_invoiced_object():
    assert fired(doc(_reference("130")), "UBL-SR-43") == 0
    assert fired(doc(_reference("50")), "UBL-SR-43") == 1
    assert fired(doc(_reference("50"), "CreditNote"), "UBL-SR-43") == 0
    assert fired(doc(_reference(None, scheme="")), "UBL-SR-43") == 0
    assert fired(doc(_reference(None)), "UBL-SR-43") == 1


@pytest.mark.parametrize(("indicator", "allowance", "charge"), [
    ("false", 1, 0), ("0", 1, 0), (" true ", 0, 1), ("1", 0, 1), ("FALSE", 0, 0),
])  # fmt: skip
def test_charge_indicator_is_cast_to_boolean_as_in_xpath_2(indicator, allowance, charge):
    body = (
        f"<cac:AllowanceCharge><cbc:ChargeIndicator>{indicator}</cbc:ChargeIndicator>"
        "<cbc:AllowanceChargeReason>a</cbc:AllowanceChargeReason>"
        "<cbc:AllowanceChargeReason>b</cbc:AllowanceChargeReason></cac:AllowanceCharge>"
    )
    assert fired(doc(body), "UBL-SR-30") == allowance
    assert fired(doc(body), "UBL-SR-31") == charge


def test_first_matching_rule_of_a_pattern_wins_for_two_indicators():
    body = (
        "<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator>"
        "<cbc:ChargeIndicator>true</cbc:ChargeIndicator>"
        "<cbc:AllowanceChargeReason>a</cbc:AllowanceChargeReason>"
        "<cbc:AllowanceChargeReason>b</cbc:AllowanceChargeReason></cac:AllowanceCharge>"
    )
    assert fired(doc(body), "UBL-SR-30") == 1
    assert fired(doc(body), "UBL-SR-31") == 0


def test_sr_19_payee_name_must_differ_from_the_seller_name():
    seller = (
        "<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity>"
        "<cbc:RegistrationName>Seller AS</cbc:RegistrationName></cac:PartyLegalEntity>"
        "</cac:Party></cac:AccountingSupplierParty>"
    )
    payee = (
        "<cac:PayeeParty><cac:PartyName><cbc:Name>{}</cbc:Name></cac:PartyName></cac:PayeeParty>"
    )
    assert fired(doc(seller + payee.format("Factor AS")), "UBL-SR-19") == 0
    assert fired(doc(seller + payee.format("Seller AS")), "UBL-SR-19") == 1
    # a general comparison with an empty side is false: the official rule fails
    assert fired(doc(payee.format("Factor AS")), "UBL-SR-19") == 1


def test_root_rules_do_not_apply_to_other_documents():
    order = (
        '<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2" '
        f"{HEAD}><cbc:UUID>u</cbc:UUID><cac:InvoicePeriod/><cac:InvoicePeriod/></Order>"
    )
    document = Document(xml.parse(order.encode()).getroot())
    assert fired(document, "UBL-CR-005") == 0
    assert fired(document, "UBL-SR-08") == 0


# -- BR-CL ----------------------------------------------------------------------------------------


def test_code_list_rules_normalise_whitespace():
    currency = "<cbc:DocumentCurrencyCode>{}</cbc:DocumentCurrencyCode>"
    assert fired(doc(currency.format(" NOK\n")), "BR-CL-04") == 0
    assert fired(doc(currency.format("NOKK")), "BR-CL-04") == 1
    assert fired(doc(currency.format("")), "BR-CL-04") == 1


def test_br_cl_01_type_code_lists_depend_on_the_element():
    assert fired(doc("<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>"), "BR-CL-01") == 0
    assert fired(doc("<cbc:InvoiceTypeCode>381</cbc:InvoiceTypeCode>"), "BR-CL-01") == 1
    credit = doc("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>", "CreditNote")
    assert fired(credit, "BR-CL-01") == 0


def test_br_cl_03_every_amount_with_a_bad_currency_fires():
    line = (
        "<cac:InvoiceLine><cbc:LineExtensionAmount currencyID='{}'>1</cbc:LineExtensionAmount>"
        "</cac:InvoiceLine>"
    )
    document = doc(line.format("EUR") + line.format("XYZ") + line.format("XYZ"))
    assert fired(document, "BR-CL-03") == 2


def test_br_cl_08_note_subject_code():
    note = "<cbc:Note>{}</cbc:Note>"
    assert fired(doc(note.format("#AAI#free text")), "BR-CL-08") == 0
    assert fired(doc(note.format("no code at all")), "BR-CL-08") == 0
    assert fired(doc(note.format("#XXX#text")), "BR-CL-08") == 1
    assert fired(doc(note.format("#BAR#text")), "BR-CL-08") == 0
    # only a three-character code between the first two '#' is checked
    assert fired(doc(note.format("price #1")), "BR-CL-08") == 0
    assert fired(doc(note.format("#XXXX# ranking #1#")), "BR-CL-08") == 0


def test_br_cl_10_sepa_is_accepted_for_the_seller_and_payee_only():
    ident = "<cac:PartyIdentification><cbc:ID schemeID='{}'>X</cbc:ID></cac:PartyIdentification>"
    seller = "<cac:AccountingSupplierParty><cac:Party>{}</cac:Party></cac:AccountingSupplierParty>"
    buyer = "<cac:AccountingCustomerParty><cac:Party>{}</cac:Party></cac:AccountingCustomerParty>"
    assert fired(doc(seller.format(ident.format("0192"))), "BR-CL-10") == 0
    assert fired(doc(seller.format(ident.format("SEPA"))), "BR-CL-10") == 0
    assert fired(doc(buyer.format(ident.format("SEPA"))), "BR-CL-10") == 1
    assert fired(doc(buyer.format(ident.format("0001"))), "BR-CL-10") == 1


def test_br_cl_19_20_reason_codes_follow_the_charge_indicator():
    ac = (
        "<cac:AllowanceCharge><cbc:ChargeIndicator>{}</cbc:ChargeIndicator>"
        "<cbc:AllowanceChargeReasonCode>{}</cbc:AllowanceChargeReasonCode></cac:AllowanceCharge>"
    )
    assert fired(doc(ac.format("false", "95")), "BR-CL-19") == 0
    assert fired(doc(ac.format("false", "FC")), "BR-CL-19") == 1
    assert fired(doc(ac.format("true", "FC")), "BR-CL-20") == 0
    assert fired(doc(ac.format("true", "95")), "BR-CL-20") == 1


def test_br_cl_22_vatex_is_compared_upper_cased():
    code = (
        "<cac:TaxCategory><cbc:TaxExemptionReasonCode>{}</cbc:TaxExemptionReasonCode>"
        "</cac:TaxCategory>"
    )
    assert fired(doc(code.format("vatex-eu-ae")), "BR-CL-22") == 0
    assert fired(doc(code.format("VATEX-EU-XX")), "BR-CL-22") == 1


def test_br_cl_24_mime_code_is_compared_exactly():
    obj = (
        "<cbc:EmbeddedDocumentBinaryObject mimeCode='{}' filename='f'>QQ=="
        "</cbc:EmbeddedDocumentBinaryObject>"
    )
    assert fired(doc(obj.format("application/pdf")), "BR-CL-24") == 0
    assert fired(doc(obj.format("application/PDF")), "BR-CL-24") == 1
    assert fired(doc(obj.format("application/zip")), "BR-CL-24") == 1


# -- official examples ----------------------------------------------------------------------------


def _examples() -> list[Path]:
    folder = corpus("eInvoicing-EN16931", "ubl", "examples")
    return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".xml")


@pytest.mark.parametrize("path", _examples(), ids=lambda p: p.name)
def test_official_examples_get_no_fatal_syntax_or_code_finding(path):
    document = Document(xml.parse_file(path).getroot())
    fatal = [
        (f.rule, f.location)
        for r in REGISTRY
        if MINE.fullmatch(r.id)
        for f in r.run(document)
        if f.severity is Severity.FATAL
    ]
    assert fatal == []


def test_element_index_serves_declared_names_only():
    document = doc("<cac:PaymentMeans/><cac:Delivery/><cac:PaymentMeans/>")
    assert len(elements(document, "{" + NS_CAC + "}PaymentMeans")) == 2
    assert len(elements(document, "{" + NS_CAC + "}PaymentMeans", "{" + NS_CAC + "}Delivery")) == 3
    with pytest.raises(KeyError):
        elements(document, "{" + NS_CAC + "}Undeclared")
