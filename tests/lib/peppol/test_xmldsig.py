"""Enveloped XML signatures: our verifier against signxml's signatures and the reverse."""

from __future__ import annotations

import base64
import copy
import datetime as dt

import pytest
from lxml import etree
from signxml import SignatureConfiguration, SignatureMethod, XMLSigner, XMLVerifier, methods

from heldigital.peppol import xmldsig
from heldigital.xml import parse
from tests.lib.peppol.pki import NOW, issue

DOC = (
    b'<SignedServiceMetadata xmlns="http://busdox.org/serviceMetadata/publishing/1.0/" '
    b'xmlns:ids="http://busdox.org/transport/identifiers/1.0/">\n'
    b"  <ServiceMetadata><ServiceInformation>"
    b'<ids:ParticipantIdentifier scheme="iso6523-actorid-upis">0192:974760673'
    b"</ids:ParticipantIdentifier><!-- a comment --></ServiceInformation></ServiceMetadata>\n"
    b"</SignedServiceMetadata>"
)


def signed_by_signxml(pki, c14n=xmldsig.EXC_C14N, key=None, certs=None, doc=DOC, ecdsa=False):
    algorithm = SignatureMethod.ECDSA_SHA256 if ecdsa else SignatureMethod.RSA_SHA256
    signer = XMLSigner(method=methods.enveloped, c14n_algorithm=c14n, signature_algorithm=algorithm)
    root = signer.sign(
        parse(doc).getroot(),
        key=key or pki.smp.key,
        cert=certs or [pki.smp.certificate, pki.smp_ca.certificate],
    )
    return etree.tostring(root)


def signed_by_us(pki, c14n=xmldsig.EXC_C14N, **kwargs):
    root = parse(DOC).getroot()
    xmldsig.sign_enveloped(
        root, pki.smp.key, [pki.smp.certificate, pki.smp_ca.certificate], c14n=c14n, **kwargs
    )
    return etree.tostring(root)


def verify(pki, data, **kwargs):
    kwargs.setdefault("trust_anchors", [pki.root.certificate])
    kwargs.setdefault("at", NOW)
    return xmldsig.verify_enveloped(parse(data).getroot(), **kwargs)


@pytest.mark.parametrize("c14n", [xmldsig.EXC_C14N, xmldsig.C14N])
def test_signxml_signature_verifies(pki, c14n):
    result = verify(pki, signed_by_signxml(pki, c14n))
    assert result.certificate == pki.smp.certificate
    assert result.chain == (pki.smp.certificate, pki.smp_ca.certificate, pki.root.certificate)
    assert result.signature_method == xmldsig.RSA_SHA256


@pytest.mark.parametrize("c14n", [xmldsig.EXC_C14N, xmldsig.C14N])
def test_our_signature_verifies_in_signxml(pki, c14n):
    data = signed_by_us(pki, c14n)
    XMLVerifier().verify(
        data,
        x509_cert=pki.smp.certificate,
        expect_config=SignatureConfiguration(require_x509=True),
    )
    assert verify(pki, data).certificate == pki.smp.certificate


def test_ecdsa_both_ways(pki):
    leaf = issue("SMP ec", pki.smp_ca, ca=False, ec_key=True)
    data = signed_by_signxml(
        pki, key=leaf.key, certs=[leaf.certificate, pki.smp_ca.certificate], ecdsa=True
    )
    assert verify(pki, data).signature_method == xmldsig.ECDSA_SHA256
    root = parse(DOC).getroot()
    xmldsig.sign_enveloped(root, leaf.key, [leaf.certificate, pki.smp_ca.certificate])
    XMLVerifier().verify(
        etree.tostring(root),
        x509_cert=leaf.certificate,
        expect_config=SignatureConfiguration(require_x509=True),
    )
    assert verify(pki, etree.tostring(root)).certificate == leaf.certificate


def test_intermediate_given_separately(pki):
    data = signed_by_signxml(pki, certs=[pki.smp.certificate])
    with pytest.raises(xmldsig.SignatureError, match="does not chain"):
        verify(pki, data)
    assert verify(pki, data, intermediates=[pki.smp_ca.certificate]).certificate


def test_changed_content_is_detected(pki):
    data = signed_by_signxml(pki).replace(b"0192:974760673", b"0192:991825827")
    with pytest.raises(xmldsig.SignatureError, match="digest does not match"):
        verify(pki, data)


def test_changed_signed_info_is_detected(pki):
    data = signed_by_us(pki)
    root = parse(data).getroot()
    digest = root.find(f".//{{{xmldsig.DS}}}DigestValue")
    other = parse(DOC.replace(b"974760673", b"991825827")).getroot()
    xmldsig.sign_enveloped(other, pki.other_smp.key, [pki.other_smp.certificate])
    # Put the digest of another document into our SignedInfo: the value no longer verifies.
    digest.text = other.find(f".//{{{xmldsig.DS}}}DigestValue").text
    with pytest.raises(xmldsig.SignatureError):
        verify(pki, etree.tostring(root))


def test_signature_value_of_another_key(pki):
    data = signed_by_signxml(pki, key=pki.other_smp.key)
    with pytest.raises(xmldsig.SignatureError, match="does not verify with the certificate"):
        verify(pki, data)


def test_comment_changes_do_not_count(pki):
    # URI="" excludes comments (XMLDSig 4.4.3.3), even with a WithComments transform.
    # (signxml counts them; Peppol SMPs use Exclusive C14N without comments anyway.)
    data = signed_by_us(pki, xmldsig.EXC_C14N_WITH_COMMENTS)
    assert verify(pki, data.replace(b"a comment", b"another comment")).certificate


def test_untrusted_root(pki, other_pki):
    other = other_pki
    with pytest.raises(xmldsig.SignatureError, match="does not chain"):
        verify(pki, signed_by_signxml(pki), trust_anchors=[other.root.certificate])


def test_certificate_not_valid_at_the_time(pki):
    data = signed_by_signxml(pki)
    with pytest.raises(xmldsig.SignatureError, match="not valid at"):
        verify(pki, data, at=NOW + dt.timedelta(days=400))
    with pytest.raises(xmldsig.SignatureError, match="not valid at"):
        verify(pki, data, at=NOW - dt.timedelta(days=60))
    with pytest.raises(ValueError, match="timezone-aware"):
        verify(pki, data, at=dt.datetime(2026, 12, 5))


def test_expired_intermediate(pki):
    old_ca = issue("Old SMP CA", pki.root, ca=True, not_after=NOW - dt.timedelta(days=1))
    leaf = issue("SMP old", old_ca, ca=False, not_before=NOW - dt.timedelta(days=2))
    data = signed_by_signxml(pki, key=leaf.key, certs=[leaf.certificate, old_ca.certificate])
    with pytest.raises(xmldsig.SignatureError, match="does not chain"):
        verify(pki, data)


def test_issuer_that_is_not_a_ca(pki):
    # A leaf (no CA flag) that "issues" another certificate is no path.
    fake = issue("Fake SMP", pki.access_point, ca=False)
    data = signed_by_signxml(
        pki, key=fake.key, certs=[fake.certificate, pki.access_point.certificate]
    )
    with pytest.raises(xmldsig.SignatureError, match="does not chain"):
        verify(pki, data)


def test_path_length_constraint(pki):
    # The SMP CA has pathLen 0: a sub-CA below it is not allowed to issue.
    sub = issue("Sub CA", pki.smp_ca, ca=True)
    leaf = issue("SMP deep", sub, ca=False)
    data = signed_by_signxml(
        pki, key=leaf.key, certs=[leaf.certificate, sub.certificate, pki.smp_ca.certificate]
    )
    with pytest.raises(xmldsig.SignatureError, match="does not chain"):
        verify(pki, data)


def _signature_count_doc(pki):
    root = parse(signed_by_signxml(pki)).getroot()
    root.append(copy.deepcopy(root[-1]))  # a second Signature
    return etree.tostring(root)


def test_wrapping_a_second_signature_is_refused(pki):
    with pytest.raises(xmldsig.SignatureError, match="exactly one Signature"):
        verify(pki, _signature_count_doc(pki))


def test_unsigned_document(pki):
    with pytest.raises(xmldsig.SignatureError, match="exactly one Signature, not 0"):
        verify(pki, DOC)


def _edit_signed_info(pki, edit):
    root = parse(signed_by_us(pki)).getroot()
    edit(root.find(f".//{{{xmldsig.DS}}}SignedInfo"))
    return etree.tostring(root)


def test_reference_to_an_element_is_refused(pki):
    def edit(signed_info):
        signed_info.find(f"{{{xmldsig.DS}}}Reference").set("URI", "#other")

    with pytest.raises(xmldsig.SignatureError, match='only URI=""'):
        verify(pki, _edit_signed_info(pki, edit))


def test_xpath_transform_is_refused(pki):
    def edit(signed_info):
        transforms = signed_info.find(f"{{{xmldsig.DS}}}Reference/{{{xmldsig.DS}}}Transforms")
        transforms[1].set("Algorithm", "http://www.w3.org/TR/1999/REC-xpath-19991116")

    with pytest.raises(xmldsig.SignatureError, match="are not accepted after enveloped"):
        verify(pki, _edit_signed_info(pki, edit))


def test_missing_enveloped_transform_is_refused(pki):
    def edit(signed_info):
        transforms = signed_info.find(f"{{{xmldsig.DS}}}Reference/{{{xmldsig.DS}}}Transforms")
        transforms.remove(transforms[0])

    with pytest.raises(xmldsig.SignatureError, match="enveloped-signature transform"):
        verify(pki, _edit_signed_info(pki, edit))


def test_sha1_only_when_allowed(pki):
    root = parse(DOC).getroot()
    xmldsig.sign_enveloped(
        root,
        pki.smp.key,
        [pki.smp.certificate, pki.smp_ca.certificate],
        signature_method="http://www.w3.org/2000/09/xmldsig#rsa-sha1",
        digest="http://www.w3.org/2000/09/xmldsig#sha1",
    )
    data = etree.tostring(root)
    with pytest.raises(xmldsig.SignatureError, match="is not accepted"):
        verify(pki, data)
    assert verify(pki, data, allow_sha1=True).certificate == pki.smp.certificate


def test_garbage_in_key_info_and_values(pki):
    data = signed_by_us(pki)
    root = parse(data).getroot()
    root.find(f".//{{{xmldsig.DS}}}X509Certificate").text = base64.b64encode(b"nope").decode()
    with pytest.raises(xmldsig.SignatureError, match="not a certificate"):
        verify(pki, etree.tostring(root))
    root = parse(data).getroot()
    root.find(f".//{{{xmldsig.DS}}}SignatureValue").text = "!!"
    with pytest.raises(xmldsig.SignatureError, match="not base64"):
        verify(pki, etree.tostring(root))


def test_signature_as_document_element_is_refused(pki):
    root = parse(signed_by_us(pki)).getroot()
    signature = root.find(f"{{{xmldsig.DS}}}Signature")
    with pytest.raises(xmldsig.SignatureError, match="not an enveloped signature"):
        verify(pki, etree.tostring(signature))


def test_non_ascii_base64_is_a_signature_error(pki):
    data = signed_by_us(pki)
    root = parse(data).getroot()
    value = root.find(f".//{{{xmldsig.DS}}}SignatureValue")
    value.text = "ø" + (value.text or "")
    with pytest.raises(xmldsig.SignatureError, match="not base64"):
        verify(pki, etree.tostring(root))


def test_certificate_with_a_malformed_extension_is_a_signature_error(pki):
    """cryptography parses extensions lazily; a malformed one must be refused as a
    SignatureError when the signature is read, not raise a bare ValueError later."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import ExtensionOID, NameOID

    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "malformed")])
    broken = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(pki.smp.key.public_key())
        .serial_number(7)
        .not_valid_before(NOW - dt.timedelta(days=1))
        .not_valid_after(NOW + dt.timedelta(days=1))
        .add_extension(
            x509.UnrecognizedExtension(ExtensionOID.KEY_USAGE, b"\x01\x02\x03"), critical=True
        )
        .sign(pki.smp.key, hashes.SHA256())
    )
    der = broken.public_bytes(serialization.Encoding.DER)
    with pytest.raises(ValueError):
        _ = x509.load_der_x509_certificate(der).extensions  # the precondition of this test
    root = parse(signed_by_us(pki)).getroot()
    for element in root.iter(f"{{{xmldsig.DS}}}X509Certificate"):
        element.text = base64.b64encode(der).decode()
    with pytest.raises(xmldsig.SignatureError, match="not a certificate"):
        verify(pki, etree.tostring(root))
