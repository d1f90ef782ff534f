"""The UBL engine (heldigital.ehf.mapping) on the billing documents: errors, exactness, output."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from lxml import etree

from heldigital import xml
from heldigital.ehf import CreditNote, Invoice
from heldigital.ehf.common import (
    Amount,
    Attachment,
    BinaryObject,
    DocumentReference,
    Identifier,
    Quantity,
    unmodelled,
)
from heldigital.ehf.mapping import ModelError, one
from tests.conftest import corpus


@pytest.fixture(scope="module")
def base_example() -> bytes:
    return corpus("peppol-bis-invoice-3", "rules", "examples", "base-example.xml").read_bytes()


def test_reads_the_business_terms(base_example: bytes) -> None:
    invoice = Invoice.from_xml(base_example)
    assert invoice.invoice_number == "Snippet1"  # BT-1
    assert invoice.issue_date == dt.date(2017, 11, 13)  # BT-2
    assert invoice.due_date == dt.date(2017, 12, 1)  # BT-9
    assert invoice.invoice_type_code == "380"  # BT-3
    assert invoice.document_currency_code == "EUR"  # BT-5
    assert invoice.buyer_reference == "0150abc"  # BT-10
    assert invoice.seller.endpoint_id == Identifier("9482348239847239874", scheme_id="0088")
    assert invoice.seller.name == "SupplierTradingName Ltd."  # BT-28
    assert invoice.seller.registration_name == "SupplierOfficialName Ltd"  # BT-27
    assert invoice.seller.vat_identifier == Identifier("GB1232434")  # BT-31
    assert invoice.seller.postal_address is not None
    assert invoice.seller.postal_address.country_code == "GB"  # BT-40
    total = invoice.legal_monetary_total
    assert total.payable_amount == Amount(Decimal("1656.25"), "EUR")  # BT-115
    assert invoice.lines[0].quantity == Quantity(Decimal("7"), "DAY")


def test_wrong_root_is_refused(base_example: bytes) -> None:
    with pytest.raises(xml.DocumentError, match="expected a UBL CreditNote"):
        CreditNote.from_xml(base_example)


def test_text_input_is_refused() -> None:
    with pytest.raises(xml.DocumentError, match="bytes, not text"):
        Invoice.from_xml("<Invoice/>")  # type: ignore[arg-type]


def test_bad_date_names_the_line(base_example: bytes) -> None:
    data = base_example.replace(b"<cbc:DueDate>2017-12-01", b"<cbc:DueDate>2017-13-01")
    with pytest.raises(xml.DocumentError, match="DueDate: '2017-13-01' is not a date") as info:
        Invoice.from_xml(data, source="bad.xml")
    assert info.value.line == 9
    assert info.value.source == "bad.xml"


def test_amount_without_currency_is_an_error(base_example: bytes) -> None:
    data = base_example.replace(b'<cbc:PayableAmount currencyID="EUR">', b"<cbc:PayableAmount>", 1)
    assert data != base_example
    with pytest.raises(xml.DocumentError, match="PayableAmount: amount needs @currencyID"):
        Invoice.from_xml(data)


def test_amount_that_is_no_number_is_an_error(base_example: bytes) -> None:
    data = base_example.replace(b">1656.25<", b">1.656,25<")
    with pytest.raises(xml.DocumentError, match=r"'1\.656,25' is not a decimal number"):
        Invoice.from_xml(data)


def test_repeated_single_element_is_an_error_not_a_silent_loss(base_example: bytes) -> None:
    data = base_example.replace(
        b"<cbc:DueDate>2017-12-01</cbc:DueDate>",
        b"<cbc:DueDate>2017-12-01</cbc:DueDate><cbc:DueDate>2017-12-02</cbc:DueDate>",
    )
    with pytest.raises(xml.DocumentError, match="cbc:DueDate may occur only once here"):
        Invoice.from_xml(data)


def test_missing_required_element(base_example: bytes) -> None:
    data = base_example.replace(b"<cbc:ID>Snippet1</cbc:ID>", b"")
    with pytest.raises(xml.DocumentError, match="cbc:ID is missing"):
        Invoice.from_xml(data)


def test_free_text_is_kept_exactly(base_example: bytes) -> None:
    note = "  Første linje\n\tandre linje & <tegn>  "
    escaped = note.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    data = base_example.replace(
        b"<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>",
        b"<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode><cbc:Note>"
        + escaped.encode()
        + b"</cbc:Note><cbc:Note>#2</cbc:Note>",
    )
    invoice = Invoice.from_xml(data)
    assert invoice.notes == (note, "#2")
    assert Invoice.from_xml(invoice.to_xml()).notes == (note, "#2")


def test_decimals_keep_their_scale_and_never_use_exponents(base_example: bytes) -> None:
    invoice = Invoice.from_xml(base_example)
    total = dataclasses.replace(
        invoice.legal_monetary_total, payable_amount=Amount(Decimal("1.0E+3"), "EUR")
    )
    data = dataclasses.replace(invoice, legal_monetary_total=total).to_xml()
    assert b'<cbc:PayableAmount currencyID="EUR">1000</cbc:PayableAmount>' in data
    assert b'<cbc:TaxAmount currencyID="EUR">331.25</cbc:TaxAmount>' in data


def test_floats_are_refused() -> None:
    with pytest.raises(ModelError, match="expected a Decimal, got float"):
        Amount(10.5, "NOK")  # type: ignore[arg-type]
    with pytest.raises(ModelError, match="expected a Decimal, got float"):
        Quantity(1.0)  # type: ignore[arg-type]


def test_attachment_bytes_are_kept_exactly(base_example: bytes) -> None:
    payload = b"%PDF-1.4 fake pdf \x00\xff" * 20
    attachment = BinaryObject.from_bytes(payload, mime_code="application/pdf", filename="a.pdf")
    reference = DocumentReference(
        id=Identifier("Timesheet"),
        document_description=("Timeliste",),
        attachment=Attachment(embedded_document_binary_object=attachment),
    )
    invoice = dataclasses.replace(
        Invoice.from_xml(base_example), additional_document_references=(reference,)
    )
    written = invoice.to_xml()
    read_back = Invoice.from_xml(written)
    embedded = read_back.additional_document_references[0].attachment
    assert embedded is not None and embedded.embedded_document_binary_object is not None
    assert embedded.embedded_document_binary_object.content == payload
    assert embedded.embedded_document_binary_object.filename == "a.pdf"
    # Line breaks in the base64 text are not data: a wrapped attachment reads the same.
    encoded = base64.b64encode(payload)
    wrapped = b"\n".join(encoded[i : i + 76] for i in range(0, len(encoded), 76))
    assert Invoice.from_xml(written.replace(encoded, wrapped)) == read_back


def test_attachment_that_is_not_base64(base_example: bytes) -> None:
    reference = DocumentReference(
        id=Identifier("Timesheet"),
        attachment=Attachment(
            embedded_document_binary_object=BinaryObject(b"PDF", mime_code="application/pdf")
        ),
    )
    invoice = dataclasses.replace(
        Invoice.from_xml(base_example), additional_document_references=(reference,)
    )
    data = invoice.to_xml().replace(base64.b64encode(b"PDF"), b"not*base64")
    with pytest.raises(xml.DocumentError, match="not valid base64"):
        Invoice.from_xml(data)


def test_foreign_prefixes_are_read_and_canonical_prefixes_written(base_example: bytes) -> None:
    data = (
        base_example.replace(b"cbc:", b"b:")
        .replace(b"xmlns:cbc=", b"xmlns:b=")
        .replace(b"cac:", b"a:")
        .replace(b"xmlns:cac=", b"xmlns:a=")
    )
    assert b"cbc:" not in data
    invoice = Invoice.from_xml(data)
    assert invoice == Invoice.from_xml(base_example)
    assert b"<cbc:ID>Snippet1</cbc:ID>" in invoice.to_xml()


def test_ubl_element_must_use_known_prefixes() -> None:
    with pytest.raises(ValueError, match="must be cac:Name or cbc:Name"):
        one("ext:UBLExtensions")


def test_content_outside_the_model_is_listed_and_refused_when_strict(base_example: bytes) -> None:
    data = base_example.replace(
        b"<cbc:BuyerReference>",
        b"<cbc:LineCountNumeric>2</cbc:LineCountNumeric><cbc:BuyerReference>",
    ).replace(b"<cbc:EndpointID ", b'<cbc:EndpointID extra="urn:x" ', 1)
    root = xml.parse(data).getroot()
    assert unmodelled(Invoice, root) == [
        "Invoice/cbc:LineCountNumeric",
        "Invoice/cac:AccountingSupplierParty/cac:Party/cbc:EndpointID/@extra",
    ]
    assert Invoice.from_xml(data) == Invoice.from_xml(base_example)  # tolerant by default
    with pytest.raises(xml.DocumentError, match="outside the Invoice model would be lost"):
        Invoice.from_xml(data, strict=True)
    assert unmodelled(Invoice, xml.parse(base_example).getroot()) == []


def test_payment_card_mandate_and_delivery_party_are_written_in_schema_order(
    base_example: bytes, ubl_schemas: dict[type, etree.XMLSchema]
) -> None:
    """Parts of BIS Billing the corpus examples do not use: payment card BG-18,
    direct debit BG-19, deliver-to party name BT-70, line period BG-26."""
    from heldigital.ehf.common import (
        CardAccount,
        Code,
        Delivery,
        FinancialAccount,
        Party,
        PartyName,
        PaymentMandate,
        PaymentMeans,
        Period,
    )

    invoice = Invoice.from_xml(base_example)
    card = PaymentMeans(
        payment_means_code=Code("48", name="Bankkort"),
        payment_id=("KID 0042",),
        card_account=CardAccount(
            primary_account_number_id=Identifier("1234"),
            network_id=Identifier("VISA"),
            holder_name="Kari Nordmann",
        ),
    )
    debit = PaymentMeans(
        payment_means_code=Code("59"),
        payment_mandate=PaymentMandate(
            id=Identifier("MANDATE-1"),
            payer_financial_account=FinancialAccount(id=Identifier("NO9386011117947")),
        ),
    )
    line = dataclasses.replace(
        invoice.lines[0],
        invoice_periods=(Period(start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 1, 31)),),
    )
    changed = dataclasses.replace(
        invoice,
        payment_means=(card, debit),
        deliveries=(Delivery(delivery_party=Party(party_name=(PartyName(name="Lager 3"),))),),
        lines=(line, *invoice.lines[1:]),
    )
    data = changed.to_xml()
    schema = ubl_schemas[Invoice]
    assert schema.validate(xml.parse(data)), schema.error_log
    back = Invoice.from_xml(data)
    assert back == changed
    assert back.payment_means[0].payment_means_code.name == "Bankkort"  # BT-82
    assert back.delivery is not None and back.delivery.party_name == "Lager 3"  # BT-70
    assert back.lines[0].invoice_period == line.invoice_periods[0]
    assert not [p for p in back.validate() if "BT-91" in p.where]  # a valid IBAN


def test_an_invoice_needs_a_line(base_example: bytes) -> None:
    with pytest.raises(ModelError, match=r"Invoice.lines \(cac:InvoiceLine\): at least 1 required"):
        dataclasses.replace(Invoice.from_xml(base_example), lines=())
    start = base_example.index(b"<cac:InvoiceLine>")
    end = base_example.rindex(b"</cac:InvoiceLine>") + len(b"</cac:InvoiceLine>")
    with pytest.raises(xml.DocumentError, match="cac:InvoiceLine\\): at least 1 required"):
        Invoice.from_xml(base_example[:start] + base_example[end:])


def test_business_terms_carried_by_document_type_codes() -> None:
    """BT-18 (type code 130) and, in a credit note, BT-11 (type code 50) ride
    on additional document references; the rest are supporting documents."""
    allowance = Invoice.from_xml(
        corpus("peppol-bis-invoice-3", "rules", "examples", "Allowance-example.xml").read_bytes()
    )
    assert allowance.invoiced_object_identifier == Identifier("DR35141", scheme_id="ABT")
    assert all(
        d.document_type_code is None or d.document_type_code.value != "130"
        for d in allowance.supporting_documents
    )
    assert len(allowance.supporting_documents) == len(allowance.additional_document_references) - 1

    credit = CreditNote.from_xml(
        corpus("eInvoicing-EN16931", "test", "testfiles", "CreditNote-Max_content.xml").read_bytes()
    )
    assert credit.project_reference == Identifier("11111111")
    codes = [
        d.document_type_code.value if d.document_type_code else None
        for d in credit.additional_document_references
    ]
    assert "50" in codes
    assert len(credit.supporting_documents) == len([c for c in codes if c not in ("50", "130")])


def test_json_view_keeps_exact_amounts(base_example: bytes) -> None:
    import json

    from heldigital.ehf.common import as_json

    invoice = Invoice.from_xml(base_example)
    view = as_json(invoice)
    assert view["invoice_number"] == "Snippet1"
    assert view["issue_date"] == "2017-11-13"
    assert view["legal_monetary_total"]["payable_amount"] == {
        "value": "1656.25",
        "currency_id": "EUR",
    }
    assert view["lines"][0]["invoiced_quantity"] == {"value": "7", "unit_code": "DAY"}
    assert "payee" not in view  # absent parts are left out
    assert json.loads(json.dumps(view)) == view


def test_shared_aggregates_accept_the_codes_of_billing_and_post_award() -> None:
    """One Party, one Attachment: a code either profile allows is accepted when a
    model is built, a code neither allows is refused."""
    from heldigital.ehf.common import Party, PartyIdentification

    creditor = Party(party_identification=(PartyIdentification(id=Identifier("X1", "SEPA")),))
    assert creditor.party_identification[0].id.scheme_id == "SEPA"  # BT-90, billing only
    csv = Attachment(embedded_document_binary_object=BinaryObject(b"a;b", mime_code="text/csv"))
    dwg = Attachment(embedded_document_binary_object=BinaryObject(b"x", mime_code="drawing/dwg"))
    assert csv != dwg  # text/csv is billing's, drawing/dwg post-award's
    with pytest.raises(ModelError, match="not a code of ICD or billing:ICD"):
        PartyIdentification(id=Identifier("X1", "NOPE"))


def test_read_document_picks_the_model_by_root(base_example: bytes) -> None:
    from heldigital.ehf.documents import read_document, read_postaward_document

    assert type(read_document(base_example)) is Invoice
    with pytest.raises(xml.DocumentError, match="not a post-award document"):
        read_postaward_document(base_example)
