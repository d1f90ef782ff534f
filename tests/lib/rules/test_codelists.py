"""The code lists of :mod:`heldigital.rules.codelists` against the official material.

The official example invoices and credit notes (CEN and PEPPOL) are valid, so
every code they use must be in the list the rules check it against; the
negative side is covered by the official BR-CL unit tests (``test_official.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from heldigital import xml
from heldigital.rules import codelists as cl
from heldigital.rules.core import NS
from tests.conftest import corpus

LISTS = {
    name: value
    for name, value in vars(cl).items()
    if name.isupper() and isinstance(value, frozenset)
}


def test_every_list_is_exported_and_holds_clean_codes():
    assert set(LISTS) <= set(cl.__all__)
    for name, codes in LISTS.items():
        assert codes, name
        for code in codes:
            assert code and code == code.strip() and " " not in code, (name, code)


def test_in_list_is_the_official_normalised_membership_test():
    assert cl.in_list("NOK", cl.ISO4217_CURRENCY)
    assert cl.in_list(" \tNOK\n", cl.ISO4217_CURRENCY)
    assert not cl.in_list("nok", cl.ISO4217_CURRENCY)
    assert not cl.in_list("NOK EUR", cl.ISO4217_CURRENCY)
    assert not cl.in_list("", cl.ISO4217_CURRENCY)
    assert not cl.in_list(None, cl.ISO4217_CURRENCY)
    # normalize-space() strips XML whitespace only, not a no-break space
    assert not cl.in_list("\u00a0NOK", cl.ISO4217_CURRENCY)


def test_normalize_space_collapses_xml_whitespace():
    assert cl.normalize_space("  a \r\n\t b  ") == "a b"
    assert cl.normalize_space("") == ""


def test_icd_list_is_0002_to_0240_without_the_gaps_of_the_artefacts():
    assert len(cl.ISO6523_ICD) == 239 - 4
    assert {"0002", "0088", "0192", "0240"} <= cl.ISO6523_ICD
    assert not {"0001", "0092", "0103", "0181", "0182", "0241"} & cl.ISO6523_ICD


def test_payment_means_ranges():
    assert {"1", "30", "31", "49", "58", "59", "70", "74", "78", "91", "98", "ZZZ"} <= (
        cl.UNCL4461_PAYMENT_MEANS
    )
    assert not {"0", "71", "72", "73", "79", "90", "99"} & cl.UNCL4461_PAYMENT_MEANS


def test_lists_with_known_members_and_non_members():
    assert {"NO", "SE", "1A", "XI"} <= cl.ISO3166_ALPHA2_COUNTRY
    assert "EL" not in cl.ISO3166_ALPHA2_COUNTRY  # Greece is GR in ISO 3166
    assert {"ZWG", "SLE", "VES"} <= cl.ISO4217_CURRENCY
    assert "HRK" not in cl.ISO4217_CURRENCY
    assert {"AE", "L", "M", "E", "S", "Z", "G", "O", "K", "B"} == set(cl.UNCL5305_VAT_CATEGORY)
    assert {"380", "383", "389", "751"} <= cl.UNCL1001_INVOICE_TYPE
    assert "381" not in cl.UNCL1001_INVOICE_TYPE
    assert "381" in cl.UNCL1001_CREDIT_NOTE_TYPE
    assert {"C62", "EA", "HUR", "XPP", "H87"} <= cl.UNECE_REC20_REC21_UNIT
    assert {"0192", "9908"} & cl.CEF_EAS == {"0192"}
    assert "VATEX-EU-AE" in cl.VATEX_EXEMPTION_REASON


def test_note_subject_list_keeps_the_official_order():
    order = cl.UNCL4451_TEXT_SUBJECT_ORDER
    assert len(order) == len(set(order)) == len(cl.UNCL4451_TEXT_SUBJECT)
    assert order[0] == "AAA" and order[-1] == "ZZZ"
    assert {"AAI", "SUR", "REG", "ABL", "TXD"} <= cl.UNCL4451_TEXT_SUBJECT


# -- the official examples use listed codes only -------------------------------------------------

FOLDERS = (
    ("eInvoicing-EN16931", "ubl", "examples"),
    ("peppol-bis-invoice-3", "rules", "examples"),
)

#: (ElementPath from the document, attribute or None for the text, list)
USES = (
    ("cbc:DocumentCurrencyCode", None, cl.ISO4217_CURRENCY),
    (".//cbc:PayableAmount", "currencyID", cl.ISO4217_CURRENCY),
    (".//cac:Country/cbc:IdentificationCode", None, cl.ISO3166_ALPHA2_COUNTRY),
    (".//cbc:InvoicedQuantity", "unitCode", cl.UNECE_REC20_REC21_UNIT),
    (".//cbc:CreditedQuantity", "unitCode", cl.UNECE_REC20_REC21_UNIT),
    (".//cbc:EndpointID", "schemeID", cl.CEF_EAS),
    (".//cac:PartyLegalEntity/cbc:CompanyID[@schemeID]", "schemeID", cl.ISO6523_ICD),
    (".//cac:PaymentMeans/cbc:PaymentMeansCode", None, cl.UNCL4461_PAYMENT_MEANS),
    (".//cac:ClassifiedTaxCategory/cbc:ID", None, cl.UNCL5305_VAT_CATEGORY),
    (".//cac:TaxSubtotal/cac:TaxCategory/cbc:ID", None, cl.UNCL5305_VAT_CATEGORY),
    ("cbc:InvoiceTypeCode", None, cl.UNCL1001_INVOICE_TYPE),
    ("cbc:CreditNoteTypeCode", None, cl.UNCL1001_CREDIT_NOTE_TYPE),
)


def _examples() -> list[Path]:
    paths: list[Path] = []
    for parts in FOLDERS:
        folder = corpus(*parts)
        paths += sorted(p for p in folder.iterdir() if p.suffix.lower() == ".xml")
    return paths


@pytest.mark.parametrize("path", _examples(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_codes_in_official_examples_are_listed(path):
    root = xml.parse_file(path).getroot()
    checked = 0
    for element_path, attribute, codes in USES:
        for el in root.iterfind(element_path, NS):
            value = el.get(attribute) if attribute else el.text
            assert cl.in_list(value, codes), (element_path, attribute, value)
            checked += 1
    assert checked > 0
