"""Enveloped XML signatures of SMP responses: verify (and make) them.

A signed SMP response (Peppol SMP 1.x ``SignedServiceMetadata``, OASIS
BDXR SMP 1.0 ``SignedServiceMetadata``, OASIS BDXR SMP 2.0
``ServiceMetadata`` with the signature in its extensions) carries one W3C
XML Signature 1.1 (https://www.w3.org/TR/xmldsig-core1/) in the *enveloped*
form: one ``Reference`` with ``URI=""`` (the whole document) and the
``enveloped-signature`` transform, so the digest covers everything but the
signature itself. The signing certificate travels in
``KeyInfo/X509Data/X509Certificate``.

:func:`verify_enveloped` accepts exactly that profile and nothing looser,
which closes the signature-wrapping attacks (a second signature, a
reference to some other element, an XPath transform): exactly one
``Signature`` in the document, exactly one ``Reference``, ``URI=""``, the
enveloped transform optionally followed by one canonicalization transform.
Canonicalization is C14N 1.0 or Exclusive C14N 1.0 (with or without
comments; comments never count for ``URI=""``, XMLDSig 4.4.3.3). Signature
algorithms RSA PKCS#1 v1.5 and ECDSA with SHA-256/384/512; SHA-1 only when
asked for (older Peppol SMPs). The certificate is then checked against the
trust anchors: a path through the intermediates (from ``KeyInfo`` or given)
with every certificate valid at the given time, issuers that are CAs
(basicConstraints, pathLenConstraint, keyCertSign) and signatures checked
with ``cryptography``. Revocation (OCSP/CRL) is not checked here.

:func:`sign_enveloped` makes such a signature (Exclusive C14N, RSA-SHA256
by default); the tests check each side against signxml, an independent
implementation.
"""

from __future__ import annotations

import base64
import binascii
import copy
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree

__all__ = [
    "C14N",
    "C14N_WITH_COMMENTS",
    "DS",
    "EXC_C14N",
    "EXC_C14N_WITH_COMMENTS",
    "RSA_SHA256",
    "SHA256",
    "SignatureError",
    "VerifiedSignature",
    "sign_enveloped",
    "validate_chain",
    "verify_enveloped",
]

DS = "http://www.w3.org/2000/09/xmldsig#"
C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
C14N_WITH_COMMENTS = C14N + "#WithComments"
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
EXC_C14N_WITH_COMMENTS = EXC_C14N + "WithComments"
ENVELOPED = DS + "enveloped-signature"

SHA1 = DS + "sha1"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
SHA384 = "http://www.w3.org/2001/04/xmldsig-more#sha384"
SHA512 = "http://www.w3.org/2001/04/xmlenc#sha512"
RSA_SHA1 = DS + "rsa-sha1"
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
RSA_SHA384 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384"
RSA_SHA512 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512"
ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
ECDSA_SHA384 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384"
ECDSA_SHA512 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512"

# algorithm URI -> (exclusive, with comments)
_C14N: dict[str, tuple[bool, bool]] = {
    C14N: (False, False),
    C14N_WITH_COMMENTS: (False, True),
    EXC_C14N: (True, False),
    EXC_C14N_WITH_COMMENTS: (True, True),
}
_DIGESTS: dict[str, hashes.HashAlgorithm] = {
    SHA1: hashes.SHA1(),  # noqa: S303 - only with allow_sha1
    SHA256: hashes.SHA256(),
    SHA384: hashes.SHA384(),
    SHA512: hashes.SHA512(),
}
# algorithm URI -> (key type, hash)
_SIGNATURES: dict[str, tuple[str, hashes.HashAlgorithm]] = {
    RSA_SHA1: ("rsa", hashes.SHA1()),  # noqa: S303 - only with allow_sha1
    RSA_SHA256: ("rsa", hashes.SHA256()),
    RSA_SHA384: ("rsa", hashes.SHA384()),
    RSA_SHA512: ("rsa", hashes.SHA512()),
    ECDSA_SHA256: ("ec", hashes.SHA256()),
    ECDSA_SHA384: ("ec", hashes.SHA384()),
    ECDSA_SHA512: ("ec", hashes.SHA512()),
}
_MAX_CHAIN = 6


class SignatureError(ValueError):
    """The signature does not verify, or does not follow the accepted profile."""


@dataclass(frozen=True)
class VerifiedSignature:
    """A signature that verified: the signer's certificate and its path to a trust anchor."""

    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]
    signature_method: str
    digest_method: str


def _ds(name: str) -> str:
    return f"{{{DS}}}{name}"


def _one(parent: etree._Element, name: str, what: str) -> etree._Element:
    found = [child for child in parent if child.tag == _ds(name)]
    if len(found) != 1:
        raise SignatureError(f"{what} must have exactly one {name}, not {len(found)}")
    return found[0]


def _c14n(
    node: etree._Element | etree._ElementTree,
    algorithm: str,
    prefixes: Sequence[str] = (),
    *,
    comments: bool | None = None,
) -> bytes:
    exclusive, with_comments = _C14N[algorithm]
    if comments is not None:
        with_comments = with_comments and comments
    return etree.tostring(
        node,
        method="c14n",
        exclusive=exclusive,
        with_comments=with_comments,
        inclusive_ns_prefixes=list(prefixes) if exclusive and prefixes else None,
    )


def _prefix_list(method: etree._Element) -> list[str]:
    for child in method:
        if etree.QName(child).localname == "InclusiveNamespaces":
            return (child.get("PrefixList") or "").split()
    return []


def _without_signature(signature: etree._Element) -> etree._ElementTree:
    """A copy of the document with ``signature`` removed (the enveloped transform)."""
    if signature.getparent() is None:
        raise SignatureError("the Signature is the document element: not an enveloped signature")
    # The position of the signature as child indexes from the root, to find it in the copy.
    indexes: list[int] = []
    node = signature
    while (up := node.getparent()) is not None:
        indexes.append(up.index(node))
        node = up
    clone = copy.deepcopy(signature.getroottree())
    target = clone.getroot()
    for index in reversed(indexes):
        target = target[index]
    parent = target.getparent()
    assert parent is not None
    # The text after the signature belongs to its parent and stays (lxml keeps it as the tail).
    tail = target.tail or ""
    previous = target.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(target)
    return clone


def _hash(algorithm: hashes.HashAlgorithm, data: bytes) -> bytes:
    digest = hashes.Hash(algorithm)
    digest.update(data)
    return digest.finalize()


def _b64(text: str | None, what: str) -> bytes:
    try:
        return base64.b64decode("".join((text or "").split()), validate=True)
    except (binascii.Error, ValueError):  # ValueError: characters outside ASCII
        raise SignatureError(f"{what} is not base64") from None


def _verify_value(certificate: x509.Certificate, algorithm: str, value: bytes, data: bytes) -> bool:
    kind, digest = _SIGNATURES[algorithm]
    key = certificate.public_key()
    try:
        if kind == "rsa" and isinstance(key, rsa.RSAPublicKey):
            key.verify(value, data, padding.PKCS1v15(), digest)
            return True
        if kind == "ec" and isinstance(key, ec.EllipticCurvePublicKey):
            # XMLDSig ECDSA values are r || s, each as long as the curve's order (RFC 4050).
            size = (key.curve.key_size + 7) // 8
            if len(value) != 2 * size:
                return False
            r, s = int.from_bytes(value[:size], "big"), int.from_bytes(value[size:], "big")
            key.verify(encode_dss_signature(r, s), data, ec.ECDSA(digest))
            return True
    except InvalidSignature:
        return False
    return False


def verify_enveloped(
    root: etree._Element,
    *,
    trust_anchors: Sequence[x509.Certificate],
    at: datetime,
    intermediates: Sequence[x509.Certificate] = (),
    allow_sha1: bool = False,
) -> VerifiedSignature:
    """Verify the one enveloped signature of the document of ``root``.

    Returns the signer's certificate and its path to one of
    ``trust_anchors``; raises :class:`SignatureError` saying what failed.
    ``at`` (timezone-aware) is the time at which every certificate of the
    path must be valid.
    """
    if at.tzinfo is None:
        raise ValueError("at must be timezone-aware")
    signatures = list(root.getroottree().iter(_ds("Signature")))
    if len(signatures) != 1:
        raise SignatureError(
            f"the document must carry exactly one Signature, not {len(signatures)}"
        )
    signature = signatures[0]
    signed_info = _one(signature, "SignedInfo", "Signature")
    c14n_method = _one(signed_info, "CanonicalizationMethod", "SignedInfo")
    c14n_algorithm = c14n_method.get("Algorithm") or ""
    if c14n_algorithm not in _C14N:
        raise SignatureError(f"canonicalization {c14n_algorithm!r} is not supported")
    signature_method = _one(signed_info, "SignatureMethod", "SignedInfo").get("Algorithm") or ""
    if signature_method not in _SIGNATURES or (signature_method == RSA_SHA1 and not allow_sha1):
        raise SignatureError(f"signature algorithm {signature_method!r} is not accepted")
    reference = _one(signed_info, "Reference", "SignedInfo")
    if reference.get("URI") != "":
        raise SignatureError(
            f'the Reference URI is {reference.get("URI")!r}: only URI="" (the whole '
            "document, enveloped) is accepted"
        )
    transforms = [t.get("Algorithm") or "" for t in _one(reference, "Transforms", "Reference")]
    if not transforms or transforms[0] != ENVELOPED:
        raise SignatureError("the first transform must be the enveloped-signature transform")
    if len(transforms) > 2 or (len(transforms) == 2 and transforms[1] not in _C14N):
        raise SignatureError(f"transforms {transforms[1:]} are not accepted after enveloped")
    transform_c14n = transforms[1] if len(transforms) == 2 else C14N
    prefixes: list[str] = []
    if len(transforms) == 2:
        prefixes = _prefix_list(list(_one(reference, "Transforms", "Reference"))[1])
    digest_method = _one(reference, "DigestMethod", "Reference").get("Algorithm") or ""
    if digest_method not in _DIGESTS or (digest_method == SHA1 and not allow_sha1):
        raise SignatureError(f"digest algorithm {digest_method!r} is not accepted")
    expected = _b64(_one(reference, "DigestValue", "Reference").text, "DigestValue")

    document = _without_signature(signature)
    actual = _hash(
        _DIGESTS[digest_method], _c14n(document, transform_c14n, prefixes, comments=False)
    )
    if not hmac.compare_digest(actual, expected):
        raise SignatureError("the digest does not match: the document was changed after signing")

    value = _b64(_one(signature, "SignatureValue", "Signature").text, "SignatureValue")
    signed_bytes = _c14n(signed_info, c14n_algorithm, _prefix_list(c14n_method))
    certificates = _key_info_certificates(signature)
    if not certificates:
        raise SignatureError("KeyInfo carries no X509Certificate")
    signer = next(
        (c for c in certificates if _verify_value(c, signature_method, value, signed_bytes)),
        None,
    )
    if signer is None:
        raise SignatureError("the SignatureValue does not verify with the certificate in KeyInfo")
    chain = validate_chain(
        signer,
        trust_anchors=trust_anchors,
        intermediates=[*certificates, *intermediates],
        at=at,
    )
    return VerifiedSignature(signer, chain, signature_method, digest_method)


def _key_info_certificates(signature: etree._Element) -> list[x509.Certificate]:
    certificates = []
    for element in signature.iterfind(
        f"{_ds('KeyInfo')}/{_ds('X509Data')}/{_ds('X509Certificate')}"
    ):
        try:
            certificate = x509.load_der_x509_certificate(_b64(element.text, "X509Certificate"))
            # cryptography parses lazily: read now what the checks read later, so that a
            # malformed name, extension or key is refused here as a SignatureError.
            _ = (certificate.subject, certificate.issuer, certificate.extensions)
            _ = (certificate.not_valid_before_utc, certificate.not_valid_after_utc)
            certificate.public_key()
            certificates.append(certificate)
        except SignatureError:
            raise
        except (ValueError, UnsupportedAlgorithm) as exc:
            raise SignatureError(
                f"an X509Certificate in KeyInfo is not a certificate: {exc}"
            ) from None
    return certificates


def _valid_at(certificate: x509.Certificate, at: datetime) -> bool:
    return certificate.not_valid_before_utc <= at <= certificate.not_valid_after_utc


def _is_ca(certificate: x509.Certificate, below: int) -> bool:
    try:
        constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        return False
    if not constraints.ca:
        return False
    if constraints.path_length is not None and below > constraints.path_length:
        return False
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return True
    return usage.key_cert_sign


def _issued_by(child: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        child.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def validate_chain(
    certificate: x509.Certificate,
    *,
    trust_anchors: Sequence[x509.Certificate],
    intermediates: Sequence[x509.Certificate] = (),
    at: datetime,
) -> tuple[x509.Certificate, ...]:
    """The path from ``certificate`` to a trust anchor, every link checked at ``at``.

    Raises :class:`SignatureError` when no such path exists.
    """
    at = at.astimezone(UTC)
    if not _valid_at(certificate, at):
        raise SignatureError(
            f"the signing certificate {certificate.subject.rfc4514_string()} is not valid at "
            f"{at.isoformat()} (valid {certificate.not_valid_before_utc.isoformat()} to "
            f"{certificate.not_valid_after_utc.isoformat()})"
        )
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
        if not (usage.digital_signature or usage.content_commitment):
            raise SignatureError("the signing certificate's key usage does not allow signatures")
    except x509.ExtensionNotFound:
        pass
    anchors = list(trust_anchors)
    pool = [c for c in intermediates if c != certificate]

    def extend(path: list[x509.Certificate]) -> list[x509.Certificate] | None:
        current = path[-1]
        below = len(path) - 1  # CA certificates below the next issuer
        for anchor in anchors:
            if anchor == current and len(path) > 1:
                return path
            if _valid_at(anchor, at) and _issued_by(current, anchor):
                return [*path, anchor]
        if len(path) >= _MAX_CHAIN:
            return None
        for candidate in pool:
            if candidate in path or not _valid_at(candidate, at) or not _is_ca(candidate, below):
                continue
            if _issued_by(current, candidate):
                found = extend([*path, candidate])
                if found is not None:
                    return found
        return None

    if certificate in anchors:
        return (certificate,)
    path = extend([certificate])
    if path is None:
        raise SignatureError(
            f"the signing certificate {certificate.subject.rfc4514_string()} does not chain to "
            f"a trust anchor at {at.isoformat()}"
        )
    return tuple(path)


def _ecdsa_raw(der: bytes, key: ec.EllipticCurvePrivateKey) -> bytes:
    r, s = decode_dss_signature(der)
    size = (key.curve.key_size + 7) // 8
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


def sign_enveloped(
    root: etree._Element,
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey,
    certificates: Sequence[x509.Certificate],
    *,
    parent: etree._Element | None = None,
    c14n: str = EXC_C14N,
    digest: str = SHA256,
    signature_method: str | None = None,
) -> etree._Element:
    """Sign the document of ``root`` in place; return the new ``ds:Signature``.

    The signature is appended to ``parent`` (default: ``root``);
    ``certificates`` (the signer's first, then its chain) go to ``KeyInfo``.
    """
    if signature_method is None:
        signature_method = RSA_SHA256 if isinstance(key, rsa.RSAPrivateKey) else ECDSA_SHA256
    if c14n not in _C14N or digest not in _DIGESTS or signature_method not in _SIGNATURES:
        raise ValueError("unsupported algorithm")
    document_digest = _hash(_DIGESTS[digest], _c14n(root.getroottree(), c14n, comments=False))

    signature = etree.SubElement(
        parent if parent is not None else root, _ds("Signature"), nsmap={"ds": DS}
    )
    signed_info = etree.SubElement(signature, _ds("SignedInfo"))
    etree.SubElement(signed_info, _ds("CanonicalizationMethod"), Algorithm=c14n)
    etree.SubElement(signed_info, _ds("SignatureMethod"), Algorithm=signature_method)
    reference = etree.SubElement(signed_info, _ds("Reference"), URI="")
    transforms = etree.SubElement(reference, _ds("Transforms"))
    etree.SubElement(transforms, _ds("Transform"), Algorithm=ENVELOPED)
    etree.SubElement(transforms, _ds("Transform"), Algorithm=c14n)
    etree.SubElement(reference, _ds("DigestMethod"), Algorithm=digest)
    etree.SubElement(reference, _ds("DigestValue")).text = base64.b64encode(document_digest).decode(
        "ascii"
    )

    signed_bytes = _c14n(signed_info, c14n)
    _, hash_algorithm = _SIGNATURES[signature_method]
    if isinstance(key, rsa.RSAPrivateKey):
        value = key.sign(signed_bytes, padding.PKCS1v15(), hash_algorithm)
    else:
        value = _ecdsa_raw(key.sign(signed_bytes, ec.ECDSA(hash_algorithm)), key)
    etree.SubElement(signature, _ds("SignatureValue")).text = base64.b64encode(value).decode(
        "ascii"
    )
    x509_data = etree.SubElement(etree.SubElement(signature, _ds("KeyInfo")), _ds("X509Data"))
    for certificate in certificates:
        etree.SubElement(x509_data, _ds("X509Certificate")).text = base64.b64encode(
            certificate.public_bytes(Encoding.DER)
        ).decode("ascii")
    return signature
