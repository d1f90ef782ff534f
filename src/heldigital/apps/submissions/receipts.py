"""Tender receipts: signed XML, and a PDF made from the same frozen XML.

Directive 2014/24/EU Annex IV (a) requires that the exact time and date of
receipt of tenders can be determined precisely; the receipt states it
(UTC and Europe/Oslo), with the SHA-256 (FIPS 180-4) of every file, and is
signed by the platform with Ed25519 (RFC 8032). Format
(namespace :data:`NS`)::

    <TenderReceipt xmlns="urn:heldigital:names:tender-receipt:1">
      <Content>
        ... tender, procurement, buyer, supplier, times, files ...
        <ProtocolEvent ledger="HD-2026-0100" sequence="12" hash="64 hex digits"/>
      </Content>
      <Signature algorithm="Ed25519" canonicalization="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
                 keyFingerprint="SHA256:..." publicKey="base64">base64</Signature>
    </TenderReceipt>

``ProtocolEvent`` names the receipt's own ``tender.submitted`` event in the
procurement protocol (:mod:`heldigital.ledger`): the chain head the receipt
extends. Since it is signed, every supplier holds proof of the chain up to
its tender, and ``heldigital ledger verify --receipts DIR`` finds that event
removed or changed even when it was the last one (receipts issued before
this element existed have none).

The signature covers the Canonical XML 1.0 form of ``Content``
(:func:`signed_bytes`): any change of content, including whitespace inside
``Content``, breaks it. :func:`verify_receipt` checks it offline.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from heldigital import xml as hxml
from heldigital.apps.common import OSLO, oslo_text
from heldigital.ledger import format_time
from heldigital.sealing import PlatformSigner, fingerprint, verify

NS = "urn:heldigital:names:tender-receipt:1"
_HEX64 = re.compile(r"[0-9a-f]{64}")
C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


@dataclass(frozen=True)
class ReceiptFile:
    kind: str
    name: str
    content_type: str
    size: int
    sha256: str


@dataclass(frozen=True)
class ChainHead:
    """A protocol event a document extends: the chain's id, the event's sequence and hash."""

    ledger_id: str
    sequence: int
    hash: str


@dataclass(frozen=True)
class ReceiptData:
    tender_id: str
    procurement_reference: str
    procurement_title: str
    buyer_name: str
    buyer_orgnr: str
    supplier_name: str
    supplier_orgnr: str
    received_at: datetime
    tender_deadline: datetime
    replaces: str | None
    files: tuple[ReceiptFile, ...]
    #: The receipt's own ``tender.submitted`` event (``None`` on receipts issued before).
    chain_head: ChainHead | None = None


def _sub(
    parent: etree._Element, name: str, text: str | None = None, **attrs: str
) -> etree._Element:
    element = etree.SubElement(parent, _q(name), {k: v for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def signed_bytes(content: etree._Element) -> bytes:
    """Canonical XML 1.0 of ``Content`` as a document of its own.

    A detached copy: libxml2's canonicalisation of a subtree whose default
    namespace is declared above it emits a spurious ``xmlns=""`` on deeper
    elements, which other C14N implementations would not reproduce.
    """
    return etree.tostring(copy.deepcopy(content), method="c14n")


def build_receipt(data: ReceiptData, signer: PlatformSigner) -> tuple[bytes, bytes]:
    """(the receipt XML, the signature over its content)."""
    root = etree.Element(_q("TenderReceipt"), nsmap={None: NS})
    content = _sub(root, "Content")
    _sub(content, "TenderID", data.tender_id)
    if data.replaces:
        _sub(content, "Replaces", data.replaces)
    _sub(content, "Procurement", data.procurement_title, reference=data.procurement_reference)
    _sub(content, "Buyer", data.buyer_name, orgnr=data.buyer_orgnr)
    _sub(content, "Supplier", data.supplier_name, orgnr=data.supplier_orgnr)
    _sub(content, "TimeOfReceipt", format_time(data.received_at))
    local = data.received_at.astimezone(OSLO)
    _sub(content, "TimeOfReceiptLocal", local.isoformat(), zone="Europe/Oslo")
    _sub(content, "TenderDeadline", format_time(data.tender_deadline))
    files = _sub(content, "Files")
    for item in data.files:
        _sub(
            files,
            "File",
            item.name,
            kind=item.kind,
            contentType=item.content_type,
            size=str(item.size),
            sha256=item.sha256,
        )
    if data.chain_head is not None:
        _sub(
            content,
            "ProtocolEvent",
            ledger=data.chain_head.ledger_id,
            sequence=str(data.chain_head.sequence),
            hash=data.chain_head.hash,
        )
    signature = signer.sign(signed_bytes(content))
    _sub(
        root,
        "Signature",
        base64.b64encode(signature).decode("ascii"),
        algorithm="Ed25519",
        canonicalization=C14N,
        keyFingerprint=signer.fingerprint,
        publicKey=base64.b64encode(signer.public_key).decode("ascii"),
    )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8"), signature


@dataclass(frozen=True)
class ReceiptCheck:
    valid: bool
    fingerprint: str
    data: ReceiptData | None


def read_receipt(xml_bytes: bytes) -> tuple[etree._Element, ReceiptData]:
    root = hxml.parse(xml_bytes, max_bytes=10 << 20, source="receipt").getroot()
    if root.tag != _q("TenderReceipt"):
        raise hxml.DocumentError("not a tender receipt")
    content = root.find(_q("Content"))
    if content is None:
        raise hxml.DocumentError("the receipt has no Content")

    def text(name: str) -> str:
        element = content.find(_q(name))
        return "" if element is None or element.text is None else element.text

    def attr(name: str, key: str) -> str:
        element = content.find(_q(name))
        return "" if element is None else str(element.get(key, ""))

    files = tuple(
        ReceiptFile(
            kind=str(f.get("kind")),
            name=f.text or "",
            content_type=str(f.get("contentType")),
            size=int(str(f.get("size"))),
            sha256=str(f.get("sha256")),
        )
        for f in content.iterfind(f"{_q('Files')}/{_q('File')}")
    )
    head = content.find(_q("ProtocolEvent"))
    chain_head = None
    if head is not None:
        sequence = str(head.get("sequence", ""))
        digest = str(head.get("hash", ""))
        if not sequence.isdigit() or not _HEX64.fullmatch(digest):
            raise hxml.DocumentError("the receipt's ProtocolEvent is malformed")
        chain_head = ChainHead(str(head.get("ledger", "")), int(sequence), digest)
    data = ReceiptData(
        tender_id=text("TenderID"),
        procurement_reference=attr("Procurement", "reference"),
        procurement_title=text("Procurement"),
        buyer_name=text("Buyer"),
        buyer_orgnr=attr("Buyer", "orgnr"),
        supplier_name=text("Supplier"),
        supplier_orgnr=attr("Supplier", "orgnr"),
        received_at=datetime.fromisoformat(text("TimeOfReceipt").replace("Z", "+00:00")),
        tender_deadline=datetime.fromisoformat(text("TenderDeadline").replace("Z", "+00:00")),
        replaces=text("Replaces") or None,
        files=files,
        chain_head=chain_head,
    )
    return root, data


def verify_receipt(xml_bytes: bytes, public_key: bytes) -> ReceiptCheck:
    """Check a receipt's signature against the platform's public key."""
    root, data = read_receipt(xml_bytes)
    content = root.find(_q("Content"))
    signature = root.find(_q("Signature"))
    assert content is not None
    if signature is None or signature.get("algorithm") != "Ed25519" or not signature.text:
        return ReceiptCheck(False, "", data)
    try:
        raw = base64.b64decode(signature.text, validate=True)
    except ValueError:
        return ReceiptCheck(False, "", data)
    named = str(signature.get("keyFingerprint", ""))
    ok = named == fingerprint(public_key) and verify(public_key, signed_bytes(content), raw)
    return ReceiptCheck(ok, named, data)


def receipt_digest(xml_bytes: bytes) -> str:
    return hashlib.sha256(xml_bytes).hexdigest()


def receipt_pdf(xml_bytes: bytes) -> bytes:
    """The receipt as PDF, made from the frozen XML (reportlab)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    root, data = read_receipt(xml_bytes)
    signature = root.find(_q("Signature"))
    key_fingerprint = "" if signature is None else str(signature.get("keyFingerprint", ""))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.setTitle(f"Kvittering for tilbud {data.tender_id}")
    pdf.setAuthor("Heldigital")
    _, height = A4
    y = height - 25 * mm

    def line(text: str, size: int = 10, font: str = "Helvetica") -> None:
        nonlocal y
        if y < 20 * mm:
            pdf.showPage()
            y = height - 25 * mm
        pdf.setFont(font, size)
        pdf.drawString(20 * mm, y, text)
        y -= size * 0.5 * mm + 2.5 * mm

    line("Kvittering for mottatt tilbud / Tender receipt", 15, "Helvetica-Bold")
    line(f"Anskaffelse / Procurement: {data.procurement_reference} {data.procurement_title}")
    line(f"Oppdragsgiver / Buyer: {data.buyer_name} ({data.buyer_orgnr})")
    line(f"Leverandør / Supplier: {data.supplier_name} ({data.supplier_orgnr})")
    line(f"Tilbud / Tender: {data.tender_id}")
    if data.replaces:
        line(f"Erstatter / Replaces: {data.replaces}")
    line(
        f"Mottatt / Time of receipt: {oslo_text(data.received_at)} "
        f"({format_time(data.received_at)})",
        font="Helvetica-Bold",
    )
    line(f"Tilbudsfrist / Tender deadline: {oslo_text(data.tender_deadline)}")
    line("Filer / Files (SHA-256):", font="Helvetica-Bold")
    for item in data.files:
        line(f"{item.name} ({item.kind}, {item.size} bytes)")
        line(f"    {item.sha256}", 8, "Courier")
    if data.chain_head is not None:
        head = data.chain_head
        line("Protokollhendelse / Protocol event:", font="Helvetica-Bold")
        line(f"{head.ledger_id} #{head.sequence} (tender.submitted)")
        line(f"    {head.hash[:32]}", 8, "Courier")
        line(f"    {head.hash[32:]}", 8, "Courier")
    line("Signert av plattformen / Signed by the platform (Ed25519)", font="Helvetica-Bold")
    line(f"Nøkkel / Key: {key_fingerprint}", 8, "Courier")
    line("The XML receipt carries the signature and can be verified offline.", 8)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def opening_record_pdf(content: dict[str, object], key_fingerprint: str) -> bytes:
    """The opening record (åpningsprotokoll) as PDF, made from its frozen, signed content."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    from heldigital.ledger import parse_time

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.setTitle(f"Åpningsprotokoll {content['procurement']}")
    pdf.setAuthor("Heldigital")
    _, height = A4
    y = height - 25 * mm

    def line(text: str, size: int = 10, font: str = "Helvetica") -> None:
        nonlocal y
        if y < 20 * mm:
            pdf.showPage()
            y = height - 25 * mm
        pdf.setFont(font, size)
        pdf.drawString(20 * mm, y, text)
        y -= size * 0.5 * mm + 2.5 * mm

    def when(text: object) -> str:
        return oslo_text(parse_time(str(text)))

    line("Åpningsprotokoll / Opening record", 15, "Helvetica-Bold")
    line(f"Anskaffelse / Procurement: {content['procurement']} {content['title']}")
    line(f"Tilbudsfrist / Tender deadline: {when(content['tender_deadline'])}")
    line(f"Åpnet / Opened: {when(content['opened_at'])}")
    openers = content.get("openers")
    for opener in openers if isinstance(openers, list) else []:
        line(f"Åpner / Opener: {opener['actor']} ({when(opener['acted_at'])})")
    tenders = content.get("tenders")
    tenders = tenders if isinstance(tenders, list) else []
    line(f"Tilbud / Tenders: {len(tenders)}", font="Helvetica-Bold")
    for tender in tenders:
        line(
            f"{tender['supplier']} ({tender['supplier_orgnr']}) - "
            f"mottatt / received {when(tender['received_at'])}",
            font="Helvetica-Bold",
        )
        for item in tender["files"]:
            status = "OK" if item["verified"] else f"FEIL / ERROR: {item['problem']}"
            line(f"{item['name']} ({item['kind']}, {item['size']} bytes) {status}", 9)
            line(f"    SHA-256 {item['sha256']}", 8, "Courier")
    line("Signert av plattformen / Signed by the platform (Ed25519)", font="Helvetica-Bold")
    line(f"Nøkkel / Key: {key_fingerprint}", 8, "Courier")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
