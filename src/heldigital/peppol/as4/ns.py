"""Namespaces and algorithm identifiers of the Peppol AS4 profile."""

from __future__ import annotations

S12 = "http://www.w3.org/2003/05/soap-envelope"
EB = "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/"
WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
WSSE11 = "http://docs.oasis-open.org/wss/oasis-wss-wssecurity-secext-1.1.xsd"
WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
DS = "http://www.w3.org/2000/09/xmldsig#"
XENC = "http://www.w3.org/2001/04/xmlenc#"
XENC11 = "http://www.w3.org/2009/xmlenc11#"
EC = "http://www.w3.org/2001/10/xml-exc-c14n#"
EBBP = "http://docs.oasis-open.org/ebxml-bp/ebbp-signals-2.0"
XML = "http://www.w3.org/XML/1998/namespace"

EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
SWA = "http://docs.oasis-open.org/wss/oasis-wss-SwAProfile-1.1"
ATTACHMENT_CONTENT_SIGNATURE = SWA + "#Attachment-Content-Signature-Transform"
ATTACHMENT_CIPHERTEXT = SWA + "#Attachment-Ciphertext-Transform"
ATTACHMENT_CONTENT_ONLY = SWA + "#Attachment-Content-Only"
AES128_GCM = "http://www.w3.org/2009/xmlenc11#aes128-gcm"
RSA_OAEP = "http://www.w3.org/2009/xmlenc11#rsa-oaep"
RSA_OAEP_MGF1P = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p"
MGF1_SHA256 = "http://www.w3.org/2009/xmlenc11#mgf1sha256"
X509V3 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3"
X509_PKIPATH = (
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509PKIPathv1"
)
BASE64_BINARY = (
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary"
)
ENCRYPTED_KEY_TOKEN = (
    "http://docs.oasis-open.org/wss/oasis-wss-soap-message-security-1.1#EncryptedKey"  # noqa: S105
)

# The Peppol AS4 profile 2.x values.
PEPPOL_PARTY_TYPE = "urn:fdc:peppol.eu:2017:identifiers:ap"
PEPPOL_AGREEMENT = "urn:fdc:peppol.eu:2017:agreements:tia:ap_provider"
ROLE_INITIATOR = EB + "initiator"
ROLE_RESPONDER = EB + "responder"
DEFAULT_MPC = EB + "defaultMPC"


def q(namespace: str, name: str) -> str:
    """Clark notation ``{namespace}name``."""
    return f"{{{namespace}}}{name}"
