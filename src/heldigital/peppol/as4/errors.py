"""ebMS 3 error codes (ebMS 3 Core 6.7; AS4 profile 3.6) and the failures that raise them.

Everything that goes wrong while reading, checking, decrypting or
decompressing an AS4 message is an :class:`AS4Failure` carrying one of the
:class:`EbmsCode` values below; :func:`heldigital.peppol.as4.signals.error_signal`
turns a failure into the ebMS error signal answered to the sender. The mapping
used by this package:

=========================================== ==========================
failure                                     ebMS error
=========================================== ==========================
malformed MIME, missing or duplicate parts  EBMS:0007 MimeInconsistency
SOAP header not XML, DOCTYPE/entities,      EBMS:0009 InvalidHeader
too deep, missing/duplicate ebMS elements
a value the profile does not allow          EBMS:0001 ValueNotRecognized /
(PartyId type, AgreementRef, MPC ...)       EBMS:0003 ValueInconsistent
algorithm not in the profile, the signature EBMS:0103 PolicyNoncompliance
does not cover the ebMS header, the body
or every attachment, message not signed
digest or signature value does not verify,  EBMS:0101 FailedAuthentication
certificate untrusted, expired, revoked or
its revocation status unknown (fail closed)
key transport or AES-GCM decryption fails   EBMS:0102 FailedDecryption
the attachment does not gunzip              EBMS:0303 DecompressionFailure
a MessageId already received                EBMS:0004 Other (duplicate)
=========================================== ==========================
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = ["AS4Failure", "EbmsCode"]


@dataclass(frozen=True)
class _Code:
    code: str
    short: str
    category: str
    severity: str


class EbmsCode(Enum):
    """The ebMS 3 / AS4 error codes with their short description, category and severity."""

    VALUE_NOT_RECOGNIZED = _Code("EBMS:0001", "ValueNotRecognized", "Content", "failure")
    FEATURE_NOT_SUPPORTED = _Code("EBMS:0002", "FeatureNotSupported", "Content", "warning")
    VALUE_INCONSISTENT = _Code("EBMS:0003", "ValueInconsistent", "Content", "failure")
    OTHER = _Code("EBMS:0004", "Other", "Content", "failure")
    CONNECTION_FAILURE = _Code("EBMS:0005", "ConnectionFailure", "Communication", "failure")
    MIME_INCONSISTENCY = _Code("EBMS:0007", "MimeInconsistency", "Unpackaging", "failure")
    INVALID_HEADER = _Code("EBMS:0009", "InvalidHeader", "Unpackaging", "failure")
    PROCESSING_MODE_MISMATCH = _Code("EBMS:0010", "ProcessingModeMismatch", "Processing", "failure")
    EXTERNAL_PAYLOAD_ERROR = _Code("EBMS:0011", "ExternalPayloadError", "Content", "failure")
    FAILED_AUTHENTICATION = _Code("EBMS:0101", "FailedAuthentication", "Processing", "failure")
    FAILED_DECRYPTION = _Code("EBMS:0102", "FailedDecryption", "Processing", "failure")
    POLICY_NONCOMPLIANCE = _Code("EBMS:0103", "PolicyNoncompliance", "Processing", "failure")
    DELIVERY_FAILURE = _Code("EBMS:0202", "DeliveryFailure", "Communication", "failure")
    MISSING_RECEIPT = _Code("EBMS:0301", "MissingReceipt", "Communication", "failure")
    INVALID_RECEIPT = _Code("EBMS:0302", "InvalidReceipt", "Communication", "failure")
    DECOMPRESSION_FAILURE = _Code("EBMS:0303", "DecompressionFailure", "Content", "failure")

    @property
    def code(self) -> str:
        return self.value.code

    @property
    def short_description(self) -> str:
        return self.value.short

    @property
    def category(self) -> str:
        return self.value.category

    @property
    def severity(self) -> str:
        return self.value.severity

    @classmethod
    def from_code(cls, code: str) -> EbmsCode | None:
        for member in cls:
            if member.code == code:
                return member
        return None


class AS4Failure(ValueError):
    """An AS4 message (or signal) is not acceptable; ``code`` is the ebMS error to answer.

    ``message_id`` is the MessageId of the message in error when it was read
    before the failure (it becomes the error's ``RefToMessageInError``).
    """

    def __init__(self, code: EbmsCode, detail: str, *, message_id: str | None = None) -> None:
        super().__init__(f"{code.code} {code.short_description}: {detail}")
        self.code = code
        self.detail = detail
        self.message_id = message_id
