"""Our AS4 signature and encryption checked by an independent implementation: libxmlsec1.

python-xmlsec (the wheel bundles libxmlsec1 1.3.x on OpenSSL) is the C library
most SOAP stacks outside Java use. It verifies the WS-Security signature of our
signals (references to eb:Messaging and the Body by wsu:Id, Exclusive C14N,
RSA-SHA256) and decrypts our attachment encryption (AES-128-GCM content, key
transported with RSA-OAEP, SHA-256 digest, MGF1 with SHA-256) - the algorithm
parameters as written by :mod:`heldigital.peppol.as4.security`.
"""

from __future__ import annotations

import base64
import copy
import gzip

import pytest
import xmlsec
from cryptography.hazmat.primitives import serialization
from lxml import etree

from heldigital import xml as hxml
from heldigital.peppol import as4
from heldigital.peppol.as4 import ns
from heldigital.peppol.as4.errors import AS4Failure, EbmsCode
from heldigital.peppol.as4.ns import q
from tests.conftest import corpus
from tests.lib.peppol.as4_pki import AS4PKI, NOW, make_as4_pki


@pytest.fixture(scope="module")
def ap() -> AS4PKI:
    return make_as4_pki()


def _pem_key(private_key) -> bytes:
    return private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _xmlsec_verify(envelope: etree._Element, certificate) -> None:
    signature = envelope.find(f".//{q(ns.DS, 'Signature')}")
    ctx = xmlsec.SignatureContext()
    for element in envelope.iter():
        if element.get(q(ns.WSU, "Id")) is not None:
            ctx.register_id(element, "Id", ns.WSU)
    ctx.key = xmlsec.Key.from_memory(
        certificate.public_bytes(serialization.Encoding.PEM), xmlsec.constants.KeyDataFormatCertPem
    )
    ctx.verify(signature)


def test_libxmlsec1_verifies_our_signed_error_signal(ap):
    failure = AS4Failure(EbmsCode.FAILED_AUTHENTICATION, "x", message_id="m@x")
    wire = as4.error_signal(
        failure, now=NOW, key=ap.receiver.key, certificate=ap.receiver.certificate
    )
    envelope = hxml.parse(wire).getroot()
    _xmlsec_verify(envelope, ap.receiver.certificate)
    # ... and refuses it once the ebMS header changed.
    envelope.find(f".//{q(ns.EB, 'ErrorDetail')}").text = "y"
    with pytest.raises(xmlsec.Error):
        _xmlsec_verify(envelope, ap.receiver.certificate)


def test_libxmlsec1_verifies_our_receipt(ap):
    sbdh = corpus("peppol-sbdh", "good", "good.xml").read_bytes()
    out = as4.package(
        sbdh,
        from_party="POP000001",
        to_party="POP000002",
        key=ap.sender.key,
        certificate=ap.sender.certificate,
        receiver_certificate=ap.receiver.certificate,
        now=NOW,
    )
    delivered = as4.open_message(
        out.body,
        out.content_type,
        key=ap.receiver.key,
        trust_anchors=ap.anchors,
        intermediates=ap.intermediates,
        at=NOW,
    )
    wire = as4.receipt(delivered, key=ap.receiver.key, certificate=ap.receiver.certificate, now=NOW)
    _xmlsec_verify(hxml.parse(wire).getroot(), ap.receiver.certificate)


def test_libxmlsec1_decrypts_our_attachment_encryption(ap):
    sbdh = corpus("peppol-sbdh", "good", "good.xml").read_bytes()
    out = as4.package(
        sbdh,
        from_party="POP000001",
        to_party="POP000002",
        key=ap.sender.key,
        certificate=ap.sender.certificate,
        receiver_certificate=ap.receiver.certificate,
        now=NOW,
    )
    received = as4.read(out.body, out.content_type)
    ((_, part),) = received.attachments.items()
    security = received.envelope.find(f".//{q(ns.WSSE, 'Security')}")
    encrypted_key = copy.deepcopy(security.find(q(ns.XENC, "EncryptedKey")))
    # libxmlsec1 does not resolve cid: references; give it the same EncryptedKey and the
    # attachment's octets (IV || ciphertext || tag) inline, as XML Encryption 1.1 allows.
    for child in list(encrypted_key):
        if child.tag in (q(ns.DS, "KeyInfo"), q(ns.XENC, "ReferenceList")):
            encrypted_key.remove(child)
    data = etree.Element(q(ns.XENC, "EncryptedData"), nsmap={"xenc": ns.XENC, "ds": ns.DS})
    data.set("Type", "http://www.w3.org/2001/04/xmlenc#Content")
    original = security.find(q(ns.XENC, "EncryptedData"))
    data.append(copy.deepcopy(original.find(q(ns.XENC, "EncryptionMethod"))))
    etree.SubElement(data, q(ns.DS, "KeyInfo")).append(encrypted_key)
    cipher_data = etree.SubElement(data, q(ns.XENC, "CipherData"))
    etree.SubElement(cipher_data, q(ns.XENC, "CipherValue")).text = base64.b64encode(
        part.content
    ).decode()
    wrapper = etree.Element("wrapper")
    wrapper.append(data)
    wrapper = hxml.parse(etree.tostring(wrapper)).getroot()
    manager = xmlsec.KeysManager()
    manager.add_key(
        xmlsec.Key.from_memory(_pem_key(ap.receiver.key), xmlsec.constants.KeyDataFormatPem)
    )
    # Without a Type libxmlsec1 returns the octets, as the SwA profile treats an attachment.
    ctx = xmlsec.EncryptionContext(manager)
    data = wrapper[0]
    del data.attrib["Type"]
    plain = ctx.decrypt(data)
    assert gzip.decompress(plain) == sbdh
