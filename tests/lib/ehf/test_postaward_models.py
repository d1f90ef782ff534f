"""The post-award model toolkit: building, reading tolerance, clear errors, canonical writing.

The round-trip modules prove the models against the official examples; these
tests cover what the examples do not: bad input must give a clear error with
its place, tolerated variants must read to the same model, and models built
in Python must refuse values outside their types and code lists.
"""

from __future__ import annotations

import base64
import json
from datetime import date, time
from decimal import Decimal

import pytest

from heldigital import xml
from heldigital.ehf.common import (
    Amount,
    Attachment,
    BinaryObject,
    Code,
    CustomerParty,
    DocumentReference,
    Identifier,
    Item,
    LineItem,
    OrderLine,
    Party,
    PartyLegalEntity,
    Price,
    Quantity,
    SupplierParty,
    unmodelled,
)
from heldigital.ehf.documents import read_postaward_document
from heldigital.ehf.mapping import (
    ModelError,
    code_list,
    is_valid_code,
)
from heldigital.ehf.order import Order
from heldigital.ehf.order_response import OrderResponse
from heldigital.xml import DocumentError

ORDER_NS = "urn:oasis:names:specification:ubl:schema:xsd:Order-2"
EXT = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"
HEAD = (
    f'<Order xmlns="{ORDER_NS}" '
    'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
    'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
)
PARTIES = (
    "<cac:BuyerCustomerParty><cac:Party><cac:PartyLegalEntity>"
    "<cbc:RegistrationName>Oslo kommune</cbc:RegistrationName>"
    "</cac:PartyLegalEntity></cac:Party></cac:BuyerCustomerParty>"
    "<cac:SellerSupplierParty><cac:Party><cac:PartyLegalEntity>"
    "<cbc:RegistrationName>Leverandør AS</cbc:RegistrationName>"
    "</cac:PartyLegalEntity></cac:Party></cac:SellerSupplierParty>"
)
LINE = (
    "<cac:OrderLine><cac:LineItem><cbc:ID>1</cbc:ID>"
    '<cbc:Quantity unitCode="EA">{quantity}</cbc:Quantity>'
    "<cac:Item><cbc:Name>Paper</cbc:Name></cac:Item></cac:LineItem></cac:OrderLine>"
)


def order_xml(
    header: str = "<cbc:ID>O-1</cbc:ID><cbc:IssueDate>2026-11-25</cbc:IssueDate>",
    quantity: str = "10",
    extra: str = "",
) -> bytes:
    return (HEAD + header + extra + PARTIES + LINE.format(quantity=quantity) + "</Order>").encode()


def _party(name: str) -> Party:
    return Party(party_legal_entity=[PartyLegalEntity(registration_name=name)])


def _order(**changes: object) -> Order:
    fields: dict[str, object] = {
        "id": "O-1",
        "issue_date": date(2026, 11, 25),
        "buyer_customer_party": CustomerParty(party=_party("Oslo kommune")),
        "seller_supplier_party": SupplierParty(party=_party("Leverandør AS")),
        "order_line": [
            OrderLine(
                line_item=LineItem(
                    id="1",
                    quantity=Quantity(Decimal("10"), unit_code="EA"),
                    item=Item(name="Paper"),
                )
            )
        ],
    }
    fields.update(changes)
    return Order(**fields)  # type: ignore[arg-type]


# --- reading ----------------------------------------------------------------------------------


def test_minimal_order_reads_and_writes() -> None:
    order = Order.from_xml(order_xml())
    assert order == _order()
    assert order.order_type == "220"  # tir01-153: the default when no code is given
    assert Order.from_xml(order.to_xml()) == order


def test_reading_tolerates_what_xml_and_ubl_allow() -> None:
    tolerant = (
        HEAD + "<!-- a comment --><cbc:ID>O-1</cbc:ID>"
        "<cbc:IssueDate> 2026-11-25 </cbc:IssueDate>"
        "<cbc:IssueTime>14:12:32+01:00</cbc:IssueTime>"
        "<cbc:CopyIndicator>1</cbc:CopyIndicator>"  # not in the BIS: skipped
         + PARTIES + LINE.format(quantity=" 10 ") + "</Order>"
    ).encode()
    order = Order.from_xml(tolerant)
    assert order.issue_date == date(2026, 11, 25)
    assert order.issue_time is not None and order.issue_time.utcoffset() is not None
    assert order.order_line[0].line_item.quantity == Quantity(Decimal("10"), unit_code="EA")


@pytest.mark.parametrize(
    ("document", "message", "line"),
    [
        (order_xml(header="<cbc:IssueDate>2026-11-25</cbc:IssueDate>"), "cbc:ID is missing", 1),
        (
            order_xml(header="<cbc:ID>O-1</cbc:ID><cbc:IssueDate>25.11.2026</cbc:IssueDate>"),
            "'25.11.2026' is not a date",
            1,
        ),
        (order_xml(quantity="ten"), "'ten' is not a decimal number", 1),
        (
            order_xml(
                header="<cbc:ID>O-1</cbc:ID><cbc:ID>O-2</cbc:ID>"
                "<cbc:IssueDate>2026-11-25</cbc:IssueDate>"
            ),
            "cbc:ID may occur only once",
            1,
        ),
    ],
)
def test_bad_documents_are_refused_with_their_place(
    document: bytes, message: str, line: int
) -> None:
    with pytest.raises(DocumentError, match=message) as caught:
        Order.from_xml(document, source="upload.xml")
    assert caught.value.line == line
    assert caught.value.source == "upload.xml"


def test_error_names_the_element_path() -> None:
    document = order_xml().replace(b'unitCode="EA">10<', b'unitCode="EA">1O<')
    with pytest.raises(DocumentError) as caught:
        Order.from_xml(document)
    assert "/Order/cac:OrderLine/cac:LineItem/cbc:Quantity" in str(caught.value)


def test_amount_without_currency_is_refused() -> None:
    document = order_xml(
        extra="<cac:AnticipatedMonetaryTotal><cbc:PayableAmount>10</cbc:PayableAmount>"
        "</cac:AnticipatedMonetaryTotal>"
    )
    # AnticipatedMonetaryTotal stands after the parties in UBL; the reader does not
    # depend on element order, the writer restores it.
    with pytest.raises(DocumentError, match="amount needs @currencyID"):
        Order.from_xml(document)


def test_wrong_root_and_non_xml_are_refused() -> None:
    response_ns = "urn:oasis:names:specification:ubl:schema:xsd:OrderResponse-2"
    with pytest.raises(DocumentError, match="expected a UBL OrderResponse"):
        OrderResponse.from_xml(order_xml())
    with pytest.raises(DocumentError, match="expected a UBL Order "):
        Order.from_xml(f'<OrderResponse xmlns="{response_ns}"/>'.encode())
    with pytest.raises(DocumentError, match="not well-formed"):
        Order.from_xml(b"<Order>")
    with pytest.raises(DocumentError, match="DOCTYPE"):
        Order.from_xml(b'<!DOCTYPE x [<!ENTITY e "x">]><Order/>')


def test_codes_outside_their_lists_are_kept_when_read_and_reported() -> None:
    document = order_xml(
        header="<cbc:ID>O-1</cbc:ID><cbc:IssueDate>2026-11-25</cbc:IssueDate>"
        "<cbc:OrderTypeCode>999</cbc:OrderTypeCode>"
    )
    order = Order.from_xml(document)
    assert order.order_type_code == "999"
    problems = order.validate()
    assert [p.where for p in problems] == ["order_type_code (cbc:OrderTypeCode)"]
    assert "'999' is not a code of UNCL1001_T01" in problems[0].message
    with pytest.raises(DocumentError, match="'999' is not a code of UNCL1001_T01"):
        Order.from_xml(document, strict=True)


# --- building -----------------------------------------------------------------------------


def test_lists_become_tuples_and_models_are_frozen() -> None:
    order = _order(note=["first", "second"])
    assert order.note == ("first", "second")
    with pytest.raises(AttributeError):
        order.id = "O-2"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"order_type_code": "999"}, "'999' is not a code of UNCL1001_T01"),
        ({"document_currency_code": Code("KRONER")}, "not a code of ISO4217"),
        ({"issue_date": "2026-11-25"}, "expected a datetime.date"),
        ({"issue_time": "14:00"}, "expected time"),
        ({"order_line": []}, "at least 1 required"),
        ({"note": "one note"}, "expected a list or tuple"),
        ({"id": None}, r"Order.id \(cbc:ID\) is required"),
    ],
)
def test_building_refuses_bad_values(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ModelError, match=message):
        _order(**changes)


def test_value_types_refuse_floats_and_bad_currencies() -> None:
    with pytest.raises(ModelError, match="expected a Decimal, got float"):
        Amount(10.5, "NOK")  # type: ignore[arg-type]
    with pytest.raises(ModelError, match="not an ISO 4217 currency"):
        Amount(Decimal("10.50"), "NKR")
    assert Amount("10.50", "NOK").value == Decimal("10.50")  # type: ignore[arg-type]
    with pytest.raises(ModelError, match="not a finite number"):
        Quantity(Decimal("NaN"))
    with pytest.raises(ModelError, match="expected bytes"):
        BinaryObject("aGVsbG8=", mime_code="text/plain")  # type: ignore[arg-type]


def test_attribute_codes_are_checked() -> None:
    with pytest.raises(ModelError, match=r"EndpointID/@schemeID\): '9999' is not a code of eas"):
        Party(endpoint_id=Identifier("974760673", scheme_id="9999"))
    party = Party(endpoint_id=Identifier("974760673", scheme_id="0192"))
    assert party.endpoint_id is not None


# --- writing ------------------------------------------------------------------------------


def test_writing_is_canonical() -> None:
    order = _order(
        issue_time=time(14, 12, 32),
        anticipated_monetary_total=None,
        additional_document_reference=[
            DocumentReference(id=Identifier("att-1"), attachment=None),
        ],
        order_line=[
            OrderLine(
                line_item=LineItem(
                    id="1",
                    quantity=Quantity(Decimal("1E+2"), unit_code="EA"),
                    price=Price(price_amount=Amount(Decimal("12.50"), "NOK")),
                    item=Item(name="Paper"),
                )
            )
        ],
    )
    written = order.to_xml()
    assert written.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert b">100</cbc:Quantity>" in written  # no exponent notation
    assert b'<cbc:PriceAmount currencyID="NOK">12.50</cbc:PriceAmount>' in written
    assert b"<cbc:IssueTime>14:12:32</cbc:IssueTime>" in written
    root = xml.parse(written).getroot()
    names = [child.tag.split("}")[1] for child in root]
    # UBL 2.1 Order sequence: ID, IssueDate, IssueTime ... AdditionalDocumentReference,
    # BuyerCustomerParty, SellerSupplierParty ... OrderLine.
    assert names == [
        "ID",
        "IssueDate",
        "IssueTime",
        "AdditionalDocumentReference",
        "BuyerCustomerParty",
        "SellerSupplierParty",
        "OrderLine",
    ]


def test_binary_objects_are_bytes_written_as_base64() -> None:
    content = b"%PDF-1.7 drawing \x00\xff"
    blob = BinaryObject(content, mime_code="application/pdf", filename="drawing.pdf")
    assert blob.attributes() == {"mimeCode": "application/pdf", "filename": "drawing.pdf"}
    order = _order(
        additional_document_reference=[
            DocumentReference(
                id=Identifier("drawing"),
                attachment=Attachment(embedded_document_binary_object=blob),
            )
        ]
    )
    written = order.to_xml()
    assert base64.b64encode(content) in written
    again = Order.from_xml(written)
    attachment = again.additional_document_reference[0].attachment
    assert attachment is not None and attachment.embedded_document_binary_object == blob
    broken = written.replace(base64.b64encode(content), b"not base64!")
    with pytest.raises(DocumentError, match="not valid base64"):
        Order.from_xml(broken)


def test_code_lists() -> None:
    assert is_valid_code("UNCL1001_T01", "220")
    assert not is_valid_code("UNCL1001_T01", "380")
    assert is_valid_code("ISO3166", "NO") and not is_valid_code("ISO3166", "UK")
    assert is_valid_code("eas", "0192")
    assert code_list("no such list") is None
    assert is_valid_code("no such list", "anything")


def test_a_read_amount_in_an_unknown_currency_is_reported() -> None:
    document = order_xml(
        extra="<cac:AnticipatedMonetaryTotal>"
        '<cbc:PayableAmount currencyID="XXY">10</cbc:PayableAmount>'
        "</cac:AnticipatedMonetaryTotal>"
    )
    order = Order.from_xml(document)
    assert order.anticipated_monetary_total is not None
    assert order.anticipated_monetary_total.payable_amount.currency_id == "XXY"
    problems = [p.where for p in order.validate()]
    assert problems == ["anticipated_monetary_total.payable_amount (cbc:PayableAmount/@currencyID)"]
    with pytest.raises(DocumentError, match="'XXY' is not"):
        Order.from_xml(document, strict=True)


def test_any_post_award_document_is_read_as_its_model() -> None:
    from heldigital.ehf.documents import read_application_response
    from tests.lib.ehf.postaward_support import examples

    roots = (
        "Order",
        "OrderChange",
        "OrderCancellation",
        "OrderResponse",
        "DespatchAdvice",
        "Catalogue",
        "ApplicationResponse",
    )
    for root in roots:
        for path in examples(root):
            data = path.read_bytes()
            document = read_postaward_document(data, source=str(path))
            assert root == document.ROOT
            if root == "ApplicationResponse":
                assert type(document) is type(read_application_response(data))
    invoice = b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'
    with pytest.raises(DocumentError, match="not a post-award document"):
        read_postaward_document(invoice)


def test_unmodelled_lists_what_reading_skips() -> None:
    document = order_xml(
        header='<cbc:ID schemeAgencyName="x">O-1</cbc:ID>'
        "<cbc:IssueDate>2026-11-25</cbc:IssueDate>"
        "<cbc:CopyIndicator>false</cbc:CopyIndicator>"
    ).replace(b"<Order ", b'<Order xmlns:ext="' + EXT.encode() + b'" ')
    document = document.replace(
        b"<cbc:ID schemeAgencyName",
        b"<ext:UBLExtensions><ext:UBLExtension/></ext:UBLExtensions><cbc:ID schemeAgencyName",
        1,
    )
    root = xml.parse(document).getroot()
    assert unmodelled(Order, root) == [
        "Order/ext:UBLExtensions",
        "Order/cbc:ID/@schemeAgencyName",
        "Order/cbc:CopyIndicator",
    ]
    assert Order.from_xml(document) == _order()  # the rest reads as usual


def test_as_json_is_exact_and_serialisable() -> None:
    order = _order(
        issue_time=time(14, 12, 32),
        additional_document_reference=[
            DocumentReference(
                id=Identifier("a"),
                attachment=Attachment(
                    embedded_document_binary_object=BinaryObject(
                        b"\x00\xff", mime_code="application/pdf"
                    )
                ),
            )
        ],
    )
    view = order.as_json()
    assert json.loads(json.dumps(view)) == view
    assert view["issue_date"] == "2026-11-25" and view["issue_time"] == "14:12:32"
    line = view["order_line"][0]["line_item"]
    assert line["quantity"] == {"value": "10", "unit_code": "EA"}
    attachment = view["additional_document_reference"][0]["attachment"]
    assert attachment["embedded_document_binary_object"]["value"] == "AP8="
    assert "note" not in view  # empty fields are left out
