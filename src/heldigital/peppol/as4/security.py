"""WS-Security for the Peppol AS4 profile: signature and attachment encryption.

Signature (WS-Security 1.1 X.509 token profile, SOAP with Attachments 1.1):
one ``ds:Signature`` in ``wsse:Security``, ``RSA-SHA256``
(``http://www.w3.org/2001/04/xmldsig-more#rsa-sha256``), Exclusive C14N for
``SignedInfo`` and for the ``#id`` references, SHA-256 digests; references to
the ``eb:Messaging`` header and the SOAP ``Body`` (by ``wsu:Id``) and to every
attachment (``cid:``, ``Attachment-Content-Signature-Transform``, digest of
the attachment *content* before encryption: AS4 signs, then encrypts); the
signing certificate as a ``wsse:BinarySecurityToken`` (X509v3) referenced
from ``KeyInfo``.

Encryption (XML Encryption 1.1): each attachment with AES-128-GCM
(``xenc11#aes128-gcm``; the part is IV (12 bytes) || ciphertext || tag (16
bytes)), described by an ``xenc:EncryptedData`` of type
``Attachment-Content-Only`` with a ``CipherReference`` to the part; the
content key wrapped for the receiver's certificate with RSA-OAEP
(``xenc11#rsa-oaep``, SHA-256 digest, MGF1 with SHA-256) in one
``xenc:EncryptedKey``.

:func:`verify` accepts exactly this profile: another algorithm, a reference
to anything else, a missing reference to the ebMS header, the body or an
attachment fails with ``EBMS:0103 PolicyNoncompliance``; a digest or
signature value that does not verify, or a certificate that does not chain
to a trust anchor at the given time (or is revoked), with ``EBMS:0101
FailedAuthentication``. Referenced elements are found by ``wsu:Id``, which
must be unique in the envelope, and the ebMS header and body are the ones at
their fixed places in the envelope (no signature wrapping).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import os
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature, InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree

from heldigital import xml as hxml
from heldigital.peppol.as4 import ns
from heldigital.peppol.as4.errors import AS4Failure, EbmsCode
from heldigital.peppol.as4.ns import q
from heldigital.peppol.xmldsig import SignatureError, validate_chain

__all__ = [
    "EncryptedAttachment",
    "Reference",
    "RevocationCheck",
    "VerifiedSignature",
    "decrypt_attachments",
    "encrypt_attachments",
    "sign",
    "verify",
]

#: Called with the signing certificate and its path to the anchor; raises
#: :class:`AS4Failure` (or ``SignatureError``) when the certificate is revoked.
RevocationCheck = Callable[[x509.Certificate, tuple[x509.Certificate, ...]], None]

_WSU_ID = q(ns.WSU, "Id")


@dataclass(frozen=True)
class Reference:
    """One ``ds:Reference`` of a signature: URI, digest, transforms; ``checked`` when recomputed."""

    uri: str
    digest_value: bytes
    transforms: tuple[str, ...]
    digest_method: str = ns.SHA256
    checked: bool = True

    def same_digest(self, other: Reference) -> bool:
        return (
            self.uri == other.uri
            and self.digest_method == other.digest_method
            and hmac.compare_digest(self.digest_value, other.digest_value)
        )


@dataclass(frozen=True)
class VerifiedSignature:
    """A signature that verified, and what it covers."""

    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]
    references: tuple[Reference, ...]
    #: the ``ds:Reference`` elements as signed (copied into a receipt's NRI)
    reference_elements: tuple[etree._Element, ...] = field(default=(), repr=False)

    @property
    def unchecked(self) -> tuple[str, ...]:
        """URIs whose digest could not be recomputed (an attachment still encrypted)."""
        return tuple(r.uri for r in self.references if not r.checked)


@dataclass(frozen=True)
class EncryptedAttachment:
    """An attachment as encrypted: its new content type and content."""

    cid: str
    content_type: str
    content: bytes


# -- helpers -------------------------------------------------------------------


def _b64(text: str | None, what: str) -> bytes:
    try:
        return base64.b64decode("".join((text or "").split()), validate=True)
    except (binascii.Error, ValueError):  # ValueError: non-ASCII text
        raise AS4Failure(EbmsCode.INVALID_HEADER, f"{what} is not base64") from None


def _b64s(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _sha256(data: bytes) -> bytes:
    digest = hashes.Hash(hashes.SHA256())
    digest.update(data)
    return digest.finalize()


def _exc_c14n(element: etree._Element, prefixes: Sequence[str] = ()) -> bytes:
    try:
        return etree.tostring(
            element,
            method="c14n",
            exclusive=True,
            with_comments=False,
            inclusive_ns_prefixes=list(prefixes) or None,
        )
    except etree.C14NError as exc:  # e.g. a relative namespace URI (C14N forbids them)
        raise AS4Failure(
            EbmsCode.INVALID_HEADER, f"the envelope cannot be canonicalized: {exc}"
        ) from None


def _prefix_list(method: etree._Element) -> list[str]:
    for child in method:
        if child.tag == q(ns.EC, "InclusiveNamespaces"):
            return [p for p in (child.get("PrefixList") or "").split() if p != "#default"]
    return []


def _children(parent: etree._Element, tag: str) -> list[etree._Element]:
    return [c for c in parent if c.tag == tag]


def _one(parent: etree._Element, tag: str, what: str, code: EbmsCode) -> etree._Element:
    found = _children(parent, tag)
    if len(found) != 1:
        name = tag.rsplit("}", 1)[-1]
        raise AS4Failure(code, f"{what} must have exactly one {name}, not {len(found)}")
    return found[0]


def envelope_parts(root: etree._Element) -> tuple[etree._Element, etree._Element, etree._Element]:
    """The SOAP 1.2 ``Header``, the one ``eb:Messaging`` in it, and the ``Body``."""
    if root.tag != q(ns.S12, "Envelope"):
        raise AS4Failure(
            EbmsCode.INVALID_HEADER, f"the root element is {root.tag}, not a SOAP 1.2 Envelope"
        )
    header = _one(root, q(ns.S12, "Header"), "the Envelope", EbmsCode.INVALID_HEADER)
    body = _one(root, q(ns.S12, "Body"), "the Envelope", EbmsCode.INVALID_HEADER)
    messaging = _one(header, q(ns.EB, "Messaging"), "the SOAP Header", EbmsCode.INVALID_HEADER)
    return header, messaging, body


def _ensure_id(element: etree._Element, prefix: str) -> str:
    value = element.get(_WSU_ID)
    if not value:
        value = f"{prefix}-{uuid.uuid4()}"
        element.set(_WSU_ID, value)
    return value


def _security(header: etree._Element, *, create: bool) -> etree._Element:
    found = _children(header, q(ns.WSSE, "Security"))
    if len(found) > 1:
        raise AS4Failure(EbmsCode.INVALID_HEADER, "more than one wsse:Security header")
    if found:
        return found[0]
    if not create:
        raise AS4Failure(EbmsCode.POLICY_NONCOMPLIANCE, "the message has no wsse:Security header")
    security = etree.Element(q(ns.WSSE, "Security"), nsmap={"wsse": ns.WSSE, "wsu": ns.WSU})
    security.set(q(ns.S12, "mustUnderstand"), "true")
    header.insert(0, security)
    return security


def _binary_security_token(security: etree._Element, certificate: x509.Certificate) -> str:
    token = etree.SubElement(
        security,
        q(ns.WSSE, "BinarySecurityToken"),
        EncodingType=ns.BASE64_BINARY,
        ValueType=ns.X509V3,
    )
    token_id = f"X509-{uuid.uuid4()}"
    token.set(_WSU_ID, token_id)
    token.text = _b64s(certificate.public_bytes(Encoding.DER))
    return token_id


def _token_reference(parent: etree._Element, token_id: str) -> etree._Element:
    reference = etree.SubElement(parent, q(ns.WSSE, "SecurityTokenReference"))
    etree.SubElement(reference, q(ns.WSSE, "Reference"), URI=f"#{token_id}", ValueType=ns.X509V3)
    return reference


# -- signing -------------------------------------------------------------------


def _reparse(root: etree._Element) -> etree._Element:
    return hxml.parse(etree.tostring(root), max_bytes=64 * 1024 * 1024).getroot()


def sign(
    root: etree._Element,
    attachments: Mapping[str, bytes],
    key: rsa.RSAPrivateKey,
    certificate: x509.Certificate,
    *,
    signature_method: str = ns.RSA_SHA256,
) -> etree._Element:
    """Sign the envelope ``root`` in place: ebMS header, body and every attachment.

    ``attachments`` maps each content id (without ``cid:``) to the content as
    signed (before encryption). Returns the new ``ds:Signature``.
    ``signature_method`` exists for the tests of hostile input only.
    """
    header, messaging, body = envelope_parts(root)
    security = _security(header, create=True)
    messaging_id = _ensure_id(messaging, "msg")
    body_id = _ensure_id(body, "body")
    token_id = _binary_security_token(security, certificate)

    signature = etree.SubElement(security, q(ns.DS, "Signature"), nsmap={"ds": ns.DS})
    signature_id = f"SIG-{uuid.uuid4()}"
    signature.set("Id", signature_id)
    signed_info = etree.SubElement(signature, q(ns.DS, "SignedInfo"))
    c14n = etree.SubElement(signed_info, q(ns.DS, "CanonicalizationMethod"), Algorithm=ns.EXC_C14N)
    etree.SubElement(c14n, q(ns.EC, "InclusiveNamespaces"), nsmap={"ec": ns.EC}, PrefixList="S12")
    etree.SubElement(signed_info, q(ns.DS, "SignatureMethod"), Algorithm=signature_method)

    def add(uri: str, transform: str, digest: bytes) -> None:
        reference = etree.SubElement(signed_info, q(ns.DS, "Reference"), URI=uri)
        transforms = etree.SubElement(reference, q(ns.DS, "Transforms"))
        etree.SubElement(transforms, q(ns.DS, "Transform"), Algorithm=transform)
        etree.SubElement(reference, q(ns.DS, "DigestMethod"), Algorithm=ns.SHA256)
        etree.SubElement(reference, q(ns.DS, "DigestValue")).text = _b64s(digest)

    # Digests and the signature value are computed on the envelope as the receiver
    # will parse it: lxml's canonical form of a tree built in memory can differ in
    # the namespaces in scope (an InclusiveNamespaces prefix declared on an ancestor).
    snapshot = _ids(_reparse(root))
    add(f"#{messaging_id}", ns.EXC_C14N, _sha256(_exc_c14n(snapshot[messaging_id])))
    add(f"#{body_id}", ns.EXC_C14N, _sha256(_exc_c14n(snapshot[body_id])))
    for cid, content in attachments.items():
        add(f"cid:{cid}", ns.ATTACHMENT_CONTENT_SIGNATURE, _sha256(content))
    reparsed = _reparse(root)
    signed_copy = next(
        s for s in reparsed.iter(q(ns.DS, "Signature")) if s.get("Id") == signature_id
    )[0]
    value = key.sign(_exc_c14n(signed_copy, ["S12"]), padding.PKCS1v15(), hashes.SHA256())
    etree.SubElement(signature, q(ns.DS, "SignatureValue")).text = _b64s(value)
    key_info = etree.SubElement(signature, q(ns.DS, "KeyInfo"))
    _token_reference(key_info, token_id)
    return signature


# -- verification ----------------------------------------------------------------


def _ids(root: etree._Element) -> dict[str, etree._Element]:
    ids: dict[str, etree._Element] = {}
    for element in root.iter():
        value = element.get(_WSU_ID)
        if value is None:
            continue
        if value in ids:
            raise AS4Failure(
                EbmsCode.INVALID_HEADER, f"wsu:Id {value!r} occurs more than once in the envelope"
            )
        ids[value] = element
    return ids


def _signing_certificate(
    signature: etree._Element, security: etree._Element, ids: Mapping[str, etree._Element]
) -> tuple[x509.Certificate, tuple[x509.Certificate, ...]]:
    """The signing certificate (and, from an X509PKIPathv1 token, the rest of its path)."""
    key_info = _one(signature, q(ns.DS, "KeyInfo"), "the Signature", EbmsCode.POLICY_NONCOMPLIANCE)
    token_ref = _one(
        key_info, q(ns.WSSE, "SecurityTokenReference"), "KeyInfo", EbmsCode.POLICY_NONCOMPLIANCE
    )
    reference = _one(
        token_ref, q(ns.WSSE, "Reference"), "SecurityTokenReference", EbmsCode.POLICY_NONCOMPLIANCE
    )
    uri = reference.get("URI") or ""
    token = ids.get(uri[1:]) if uri.startswith("#") else None
    if (
        token is None
        or token.tag != q(ns.WSSE, "BinarySecurityToken")
        or token.getparent() is not security
    ):
        raise AS4Failure(
            EbmsCode.POLICY_NONCOMPLIANCE,
            f"KeyInfo refers to {uri!r}, not to a BinarySecurityToken in wsse:Security",
        )
    value_type = token.get("ValueType")
    if value_type not in (ns.X509V3, ns.X509_PKIPATH):
        raise AS4Failure(
            EbmsCode.POLICY_NONCOMPLIANCE,
            f"BinarySecurityToken ValueType {value_type!r} is not X509v3 or X509PKIPathv1",
        )
    data = _b64(token.text, "BinarySecurityToken")
    try:
        if value_type == ns.X509_PKIPATH:
            path = [_load_certificate(der) for der in _der_sequence(data)]
            if not path:
                raise ValueError("an empty PkiPath")
            # PkiPath (X.509 token profile 1.1): from the trust anchor side to the signer.
            return path[-1], tuple(path[:-1])
        return _load_certificate(data), ()
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise AS4Failure(
            EbmsCode.FAILED_AUTHENTICATION, f"the BinarySecurityToken is not a certificate: {exc}"
        ) from None


def _load_certificate(der: bytes) -> x509.Certificate:
    """Load a certificate and parse the parts the checks read (cryptography parses lazily)."""
    certificate = x509.load_der_x509_certificate(der)
    _ = (certificate.subject, certificate.issuer, certificate.extensions)
    _ = (certificate.not_valid_before_utc, certificate.not_valid_after_utc)
    certificate.public_key()
    return certificate


def _der_length(data: bytes, at: int) -> tuple[int, int]:
    """The length of the DER value whose length octets start at ``at``, and where it starts."""
    if at >= len(data):
        raise ValueError("truncated DER")
    first = data[at]
    if first < 0x80:
        return first, at + 1
    count = first & 0x7F
    if count == 0 or count > 4 or at + 1 + count > len(data):
        raise ValueError("a DER length that is not acceptable")
    return int.from_bytes(data[at + 1 : at + 1 + count], "big"), at + 1 + count


def _der_sequence(data: bytes) -> list[bytes]:
    """The DER elements inside one DER SEQUENCE (``PkiPath ::= SEQUENCE OF Certificate``)."""
    if not data or data[0] != 0x30:
        raise ValueError("a PkiPath is a DER SEQUENCE")
    length, start = _der_length(data, 1)
    if start + length != len(data):
        raise ValueError("trailing or missing bytes after the PkiPath")
    elements = []
    position = start
    while position < len(data):
        if data[position] != 0x30:
            raise ValueError("a PkiPath element is not a certificate")
        inner, body = _der_length(data, position + 1)
        end = body + inner
        if end > len(data):
            raise ValueError("truncated DER")
        elements.append(data[position:end])
        position = end
        if len(elements) > 8:
            raise ValueError("a PkiPath of more than 8 certificates")
    return elements


def verify(
    root: etree._Element,
    attachments: Mapping[str, bytes | None],
    *,
    trust_anchors: Sequence[x509.Certificate],
    at: datetime,
    intermediates: Sequence[x509.Certificate] = (),
    revocation: RevocationCheck | None = None,
) -> VerifiedSignature:
    """Verify the WS-Security signature of the envelope ``root``.

    ``attachments`` maps every attachment's content id to its content as
    signed (decrypted), or to ``None`` when it is still encrypted: then its
    reference must exist but its digest is reported as not checked. Raises
    :class:`AS4Failure` (``EBMS:0103``, ``EBMS:0101`` ...) saying what failed.
    """
    if at.tzinfo is None:
        raise ValueError("at must be timezone-aware")
    header, messaging, body = envelope_parts(root)
    security = _security(header, create=False)
    signatures = list(root.iter(q(ns.DS, "Signature")))
    if not signatures:
        raise AS4Failure(EbmsCode.POLICY_NONCOMPLIANCE, "the message is not signed")
    if len(signatures) != 1 or signatures[0].getparent() is not security:
        raise AS4Failure(
            EbmsCode.POLICY_NONCOMPLIANCE,
            "the envelope must carry exactly one ds:Signature, in wsse:Security",
        )
    signature = signatures[0]
    ids = _ids(root)
    policy = EbmsCode.POLICY_NONCOMPLIANCE
    signed_info = _one(signature, q(ns.DS, "SignedInfo"), "the Signature", policy)
    c14n_method = _one(signed_info, q(ns.DS, "CanonicalizationMethod"), "SignedInfo", policy)
    if c14n_method.get("Algorithm") != ns.EXC_C14N:
        raise AS4Failure(
            policy, f"canonicalization {c14n_method.get('Algorithm')!r} is not Exclusive C14N"
        )
    method = _one(signed_info, q(ns.DS, "SignatureMethod"), "SignedInfo", policy).get("Algorithm")
    if method != ns.RSA_SHA256:
        raise AS4Failure(policy, f"signature algorithm {method!r} is not RSA-SHA256")

    references: list[Reference] = []
    covered: set[str] = set()
    for element in _children(signed_info, q(ns.DS, "Reference")):
        uri = element.get("URI") or ""
        if uri in covered:
            raise AS4Failure(policy, f"{uri!r} is referenced twice")
        transforms_element = _children(element, q(ns.DS, "Transforms"))
        transforms = list(transforms_element[0]) if len(transforms_element) == 1 else []
        algorithms = tuple(t.get("Algorithm") or "" for t in transforms)
        digest_method = _one(element, q(ns.DS, "DigestMethod"), "Reference", policy).get(
            "Algorithm"
        )
        if digest_method != ns.SHA256:
            raise AS4Failure(policy, f"digest algorithm {digest_method!r} is not SHA-256")
        expected = _b64(
            _one(element, q(ns.DS, "DigestValue"), "Reference", policy).text, "DigestValue"
        )
        if uri.startswith("#"):
            target = ids.get(uri[1:])
            if target is None:
                raise AS4Failure(
                    EbmsCode.FAILED_AUTHENTICATION, f"the reference {uri!r} points to nothing"
                )
            if algorithms != (ns.EXC_C14N,):
                raise AS4Failure(policy, f"transforms {list(algorithms)} for {uri!r}")
            actual: bytes | None = _sha256(_exc_c14n(target, _prefix_list(transforms[0])))
            if target is messaging:
                covered.add("messaging")
            elif target is body:
                covered.add("body")
        elif uri.startswith("cid:"):
            if algorithms != (ns.ATTACHMENT_CONTENT_SIGNATURE,):
                raise AS4Failure(policy, f"transforms {list(algorithms)} for attachment {uri!r}")
            cid = uri[4:]
            if cid not in attachments:
                raise AS4Failure(
                    EbmsCode.FAILED_AUTHENTICATION,
                    f"the signed attachment {uri} is not in the message",
                )
            content = attachments[cid]
            actual = None if content is None else _sha256(content)
            covered.add(uri)
        else:
            raise AS4Failure(policy, f"a reference to {uri!r}: only #id and cid: are accepted")
        if actual is not None and not hmac.compare_digest(actual, expected):
            raise AS4Failure(
                EbmsCode.FAILED_AUTHENTICATION,
                f"the digest of {uri} does not match: changed after signing",
            )
        references.append(Reference(uri, expected, algorithms, digest_method, actual is not None))
        covered.add(uri)

    for what, part in (("messaging", "the ebMS header (eb:Messaging)"), ("body", "the SOAP Body")):
        if what not in covered:
            raise AS4Failure(policy, f"the signature does not cover {part}")
    for cid in attachments:
        if f"cid:{cid}" not in covered:
            raise AS4Failure(policy, f"the signature does not cover the attachment cid:{cid}")

    certificate, path = _signing_certificate(signature, security, ids)
    value = _b64(
        _one(signature, q(ns.DS, "SignatureValue"), "the Signature", policy).text, "SignatureValue"
    )
    public_key = certificate.public_key()
    if not isinstance(public_key, rsa.RSAPublicKey):
        raise AS4Failure(policy, "the signing certificate's key is not RSA")
    try:
        public_key.verify(
            value,
            _exc_c14n(signed_info, _prefix_list(c14n_method)),
            padding.PKCS1v15(),
            hashes.SHA256(),
        )
    except InvalidSignature:
        raise AS4Failure(
            EbmsCode.FAILED_AUTHENTICATION,
            "the SignatureValue does not verify with the signing certificate",
        ) from None
    try:
        chain = validate_chain(
            certificate,
            trust_anchors=trust_anchors,
            intermediates=[*path, *intermediates],
            at=at,
        )
        if revocation is not None:
            revocation(certificate, chain)
    except AS4Failure:
        raise
    except (SignatureError, ValueError) as exc:  # ValueError: a malformed certificate field
        raise AS4Failure(EbmsCode.FAILED_AUTHENTICATION, str(exc)) from None
    return VerifiedSignature(
        certificate,
        chain,
        tuple(references),
        tuple(_children(signed_info, q(ns.DS, "Reference"))),
    )


# -- encryption ------------------------------------------------------------------


def encrypt_attachments(
    root: etree._Element,
    attachments: Sequence[tuple[str, str, bytes]],
    receiver: x509.Certificate,
) -> list[EncryptedAttachment]:
    """Encrypt ``(cid, content type, content)`` attachments for ``receiver`` (in place).

    Adds one ``xenc:EncryptedKey`` (RSA-OAEP, SHA-256, MGF1-SHA-256) and one
    ``xenc:EncryptedData`` (AES-128-GCM) per attachment to ``wsse:Security``,
    ahead of the signature. Returns the parts to send.
    """
    public_key = receiver.public_key()
    if not isinstance(public_key, rsa.RSAPublicKey):
        raise ValueError("the receiver's certificate does not carry an RSA key")
    header, _, _ = envelope_parts(root)
    security = _security(header, create=True)
    content_key = AESGCM.generate_key(bit_length=128)
    wrapped = public_key.encrypt(
        content_key,
        padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None),
    )
    token_id = _binary_security_token(security, receiver)
    key_id = f"EK-{uuid.uuid4()}"
    encrypted_key = etree.SubElement(
        security, q(ns.XENC, "EncryptedKey"), Id=key_id, nsmap={"xenc": ns.XENC}
    )
    method = etree.SubElement(encrypted_key, q(ns.XENC, "EncryptionMethod"), Algorithm=ns.RSA_OAEP)
    etree.SubElement(method, q(ns.DS, "DigestMethod"), nsmap={"ds": ns.DS}, Algorithm=ns.SHA256)
    etree.SubElement(
        method, q(ns.XENC11, "MGF"), nsmap={"xenc11": ns.XENC11}, Algorithm=ns.MGF1_SHA256
    )
    key_info = etree.SubElement(encrypted_key, q(ns.DS, "KeyInfo"), nsmap={"ds": ns.DS})
    _token_reference(key_info, token_id)
    cipher_data = etree.SubElement(encrypted_key, q(ns.XENC, "CipherData"))
    etree.SubElement(cipher_data, q(ns.XENC, "CipherValue")).text = _b64s(wrapped)
    reference_list = etree.SubElement(encrypted_key, q(ns.XENC, "ReferenceList"))

    aead = AESGCM(content_key)
    out: list[EncryptedAttachment] = []
    for cid, content_type, content in attachments:
        data_id = f"ED-{uuid.uuid4()}"
        etree.SubElement(reference_list, q(ns.XENC, "DataReference"), URI=f"#{data_id}")
        data = etree.SubElement(
            security,
            q(ns.XENC, "EncryptedData"),
            Id=data_id,
            MimeType=content_type,
            Type=ns.ATTACHMENT_CONTENT_ONLY,
            nsmap={"xenc": ns.XENC},
        )
        etree.SubElement(data, q(ns.XENC, "EncryptionMethod"), Algorithm=ns.AES128_GCM)
        data_key_info = etree.SubElement(data, q(ns.DS, "KeyInfo"), nsmap={"ds": ns.DS})
        str_element = etree.SubElement(
            data_key_info, q(ns.WSSE, "SecurityTokenReference"), nsmap={"wsse11": ns.WSSE11}
        )
        str_element.set(q(ns.WSSE11, "TokenType"), ns.ENCRYPTED_KEY_TOKEN)
        etree.SubElement(str_element, q(ns.WSSE, "Reference"), URI=f"#{key_id}")
        data_cipher = etree.SubElement(data, q(ns.XENC, "CipherData"))
        cipher_reference = etree.SubElement(
            data_cipher, q(ns.XENC, "CipherReference"), URI=f"cid:{cid}"
        )
        transforms = etree.SubElement(cipher_reference, q(ns.XENC, "Transforms"))
        etree.SubElement(
            transforms,
            q(ns.DS, "Transform"),
            nsmap={"ds": ns.DS},
            Algorithm=ns.ATTACHMENT_CIPHERTEXT,
        )
        iv = os.urandom(12)
        out.append(
            EncryptedAttachment(
                cid, "application/octet-stream", iv + aead.encrypt(iv, content, None)
            )
        )
    # The encryption elements go before the signature (WSS processing order: decrypt first).
    signature = security.find(q(ns.DS, "Signature"))
    if signature is not None:
        security.remove(signature)
        security.append(signature)
    return out


def encrypted_cids(root: etree._Element) -> set[str]:
    """The content ids of the attachments an ``xenc:EncryptedData`` describes."""
    header, _, _ = envelope_parts(root)
    found: set[str] = set()
    for security in _children(header, q(ns.WSSE, "Security")):
        for data in _children(security, q(ns.XENC, "EncryptedData")):
            reference = data.find(f"{q(ns.XENC, 'CipherData')}/{q(ns.XENC, 'CipherReference')}")
            uri = reference.get("URI") if reference is not None else None
            if uri and uri.startswith("cid:"):
                found.add(uri[4:])
    return found


def _unwrap_key(encrypted_key: etree._Element, key: rsa.RSAPrivateKey) -> bytes:
    policy = EbmsCode.POLICY_NONCOMPLIANCE
    method = _one(encrypted_key, q(ns.XENC, "EncryptionMethod"), "EncryptedKey", policy)
    if method.get("Algorithm") != ns.RSA_OAEP:
        raise AS4Failure(
            policy, f"key transport {method.get('Algorithm')!r} is not RSA-OAEP (xmlenc11)"
        )
    digest = method.find(q(ns.DS, "DigestMethod"))
    mgf = method.find(q(ns.XENC11, "MGF"))
    if digest is None or digest.get("Algorithm") != ns.SHA256:
        raise AS4Failure(policy, "RSA-OAEP without the SHA-256 digest")
    if mgf is None or mgf.get("Algorithm") != ns.MGF1_SHA256:
        raise AS4Failure(policy, "RSA-OAEP without MGF1 with SHA-256")
    cipher_value = encrypted_key.find(f"{q(ns.XENC, 'CipherData')}/{q(ns.XENC, 'CipherValue')}")
    if cipher_value is None:
        raise AS4Failure(EbmsCode.FAILED_DECRYPTION, "EncryptedKey without CipherValue")
    try:
        content_key = key.decrypt(
            _b64(cipher_value.text, "CipherValue"),
            padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None),
        )
    except ValueError:
        raise AS4Failure(
            EbmsCode.FAILED_DECRYPTION,
            "the content key does not decrypt with our key (encrypted for another certificate?)",
        ) from None
    if len(content_key) != 16:
        raise AS4Failure(EbmsCode.FAILED_DECRYPTION, "the content key is not an AES-128 key")
    return content_key


def decrypt_attachments(
    root: etree._Element, attachments: Mapping[str, bytes], key: rsa.RSAPrivateKey
) -> dict[str, tuple[str, bytes]]:
    """Decrypt the attachments described in ``wsse:Security``.

    ``attachments`` maps content ids to the received (encrypted) contents.
    Returns ``{cid: (content type of the plaintext, plaintext)}`` for every
    encrypted attachment. Raises :class:`AS4Failure` (``EBMS:0102`` when a
    key or an attachment does not decrypt, ``EBMS:0103`` for an algorithm
    outside the profile).
    """
    header, _, _ = envelope_parts(root)
    security = _security(header, create=False)
    policy = EbmsCode.POLICY_NONCOMPLIANCE
    keys: dict[str, etree._Element] = {}
    for encrypted_key in _children(security, q(ns.XENC, "EncryptedKey")):
        for data_reference in encrypted_key.iterfind(
            f"{q(ns.XENC, 'ReferenceList')}/{q(ns.XENC, 'DataReference')}"
        ):
            keys[(data_reference.get("URI") or "").lstrip("#")] = encrypted_key
    unwrapped: dict[int, bytes] = {}
    out: dict[str, tuple[str, bytes]] = {}
    for data in _children(security, q(ns.XENC, "EncryptedData")):
        if data.get("Type") != ns.ATTACHMENT_CONTENT_ONLY:
            raise AS4Failure(
                policy, f"EncryptedData of type {data.get('Type')!r}, not Attachment-Content-Only"
            )
        method = _one(data, q(ns.XENC, "EncryptionMethod"), "EncryptedData", policy)
        if method.get("Algorithm") != ns.AES128_GCM:
            raise AS4Failure(
                policy, f"content encryption {method.get('Algorithm')!r} is not AES-128-GCM"
            )
        reference = data.find(f"{q(ns.XENC, 'CipherData')}/{q(ns.XENC, 'CipherReference')}")
        uri = reference.get("URI") if reference is not None else None
        if not uri or not uri.startswith("cid:"):
            raise AS4Failure(policy, "EncryptedData without a CipherReference to an attachment")
        cid = uri[4:]
        if cid not in attachments:
            raise AS4Failure(
                EbmsCode.MIME_INCONSISTENCY, f"the encrypted attachment {uri} is not in the message"
            )
        found_key = keys.get(data.get("Id") or "")
        if found_key is None:
            raise AS4Failure(
                EbmsCode.FAILED_DECRYPTION, f"no EncryptedKey refers to the EncryptedData of {uri}"
            )
        encrypted_key = found_key
        if id(encrypted_key) not in unwrapped:
            unwrapped[id(encrypted_key)] = _unwrap_key(encrypted_key, key)
        content = attachments[cid]
        if len(content) < 12 + 16:
            raise AS4Failure(EbmsCode.FAILED_DECRYPTION, f"the attachment {uri} is too short")
        try:
            plain = AESGCM(unwrapped[id(encrypted_key)]).decrypt(content[:12], content[12:], None)
        except InvalidTag:
            raise AS4Failure(
                EbmsCode.FAILED_DECRYPTION,
                f"the attachment {uri} does not decrypt (AES-GCM tag mismatch)",
            ) from None
        out[cid] = (data.get("MimeType") or "application/octet-stream", plain)
    return out
