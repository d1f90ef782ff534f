"""Peppol identifiers: participants, document types and processes.

Every identifier in the Peppol network is a pair of a *scheme* and a
*value*, written ``scheme::value`` in URLs and logs (Peppol Policy for use
of Identifiers 4.4.0; BusDox Common Definitions 1.0, "Identifier
schemes"):

* participant identifiers, scheme ``iso6523-actorid-upis``, value
  ``<ICD>:<identifier>``, e.g. ``iso6523-actorid-upis::0192:974760673``;
* document type identifiers, scheme ``busdox-docid-qns`` (or
  ``peppol-doctype-wildcard`` since Policy 4.2), value
  ``<root namespace>::<local name>##<customization id>::<version>``;
* process identifiers, scheme ``cenbii-procid-ubl``, e.g.
  ``urn:fdc:peppol.eu:2017:poacc:billing:01:1.0``.

The case rules of the Policy (4.4.0, POLICY 2): the *value* of a
participant identifier is case-insensitive, so its canonical form is lower
case (that is also what the SML hashes, see :mod:`heldigital.peppol.sml`);
document type and process values are case-sensitive and kept exactly as
written; identifier *schemes* are case-sensitive for all three kinds
(``ISO6523-ACTORID-UPIS`` is not the Peppol participant scheme). The Policy
numbers its rules by kind: POLICY 1-11 participants, 16-23b document types,
24-27 processes.

The syntax checks are those of POLICY 1 (lengths and characters), POLICY 17
(no ``*`` or white space in the customization id of ``busdox-docid-qns``)
and POLICY 25 (no white space in a process identifier). Whether the
identifier *behind* an ICD is real (its check digits) is a separate
question, answered by :meth:`ParticipantIdentifier.validate_icd` with
python-stdnum; an envelope does not ask it.

    >>> p = ParticipantIdentifier.parse("iso6523-actorid-upis::0192:974760673")
    >>> p.icd, p.identifier
    ('0192', '974760673')
    >>> ParticipantIdentifier.parse("iso6523-actorid-upis::9915:TEST")
    ParticipantIdentifier(scheme='iso6523-actorid-upis', value='9915:test')
    >>> d = DocumentTypeIdentifier.parse(
    ...     "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice"
    ...     "##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1")
    >>> d.local_name, d.version
    ('Invoice', '2.1')
    >>> print(ProcessIdentifier.create("urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"))
    cenbii-procid-ubl::urn:fdc:peppol.eu:2017:poacc:billing:01:1.0
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

from heldigital.peppol import icd as _icd

__all__ = [
    "DOCUMENT_TYPE_SCHEMES",
    "MAX_DOCUMENT_TYPE_VALUE_LENGTH",
    "MAX_PARTICIPANT_VALUE_LENGTH",
    "MAX_PROCESS_VALUE_LENGTH",
    "MAX_SCHEME_LENGTH",
    "NO_PROCESS",
    "SCHEME_BUSDOX_DOCID_QNS",
    "SCHEME_CENBII_PROCID_UBL",
    "SCHEME_ISO6523_ACTORID_UPIS",
    "SCHEME_PEPPOL_DOCTYPE_WILDCARD",
    "DocumentTypeIdentifier",
    "InvalidIdentifier",
    "ParticipantIdentifier",
    "ProcessIdentifier",
]

SCHEME_ISO6523_ACTORID_UPIS = "iso6523-actorid-upis"
SCHEME_BUSDOX_DOCID_QNS = "busdox-docid-qns"
SCHEME_PEPPOL_DOCTYPE_WILDCARD = "peppol-doctype-wildcard"
SCHEME_CENBII_PROCID_UBL = "cenbii-procid-ubl"

#: The document type identifier schemes of the Policy (4.2 added the wildcard one).
DOCUMENT_TYPE_SCHEMES = (SCHEME_BUSDOX_DOCID_QNS, SCHEME_PEPPOL_DOCTYPE_WILDCARD)

#: The process identifier of a service without a process (Policy, chapter 5).
NO_PROCESS = "busdox:noprocess"

#: Every identifier scheme: at most 25 characters (BusDox Common Definitions).
MAX_SCHEME_LENGTH = 25
#: POLICY 1: a participant identifier value is at most 4 (ICD) + 1 (":") + 130 characters.
MAX_PARTICIPANT_VALUE_LENGTH = 135
#: POLICY 1: a document type identifier value is at most 500 characters.
MAX_DOCUMENT_TYPE_VALUE_LENGTH = 500
#: POLICY 1: a process identifier value is at most 200 characters.
MAX_PROCESS_VALUE_LENGTH = 200

_SEPARATOR = "::"
# A participant scheme becomes a DNS label of the SML name (BusDox Common
# Definitions, "Participant identifier scheme"): three dash-separated parts.
_PARTICIPANT_SCHEME = re.compile(r"[a-z0-9]+-[a-z0-9]+-[a-z0-9]+")
# POLICY 1: after the ICD and the colon, only letters, digits, "-", ".", "_" and "~".
_ISO6523_VALUE = re.compile(r"([0-9]{4}):([A-Za-z0-9._~-]+)")
# Characters forbidden in the customization id of busdox-docid-qns (POLICY 17);
# the wildcard scheme allows "*" (Policy 4.2, chapter 5.1.2).
_WHITESPACE = "\t\n\x0b\x0c\r \x85\xa0"


class InvalidIdentifier(ValueError):
    """An identifier that breaks the Policy; ``str()`` says which rule and why."""


def _latin1(value: str, what: str) -> None:
    # POLICY 1: "MUST only contain characters from the invariant character set of ISO-8859-1"
    try:
        value.encode("iso-8859-1")
    except UnicodeEncodeError:
        raise InvalidIdentifier(f"{what} has characters outside ISO-8859-1 (POLICY 1)") from None


def _check_scheme(scheme: str, what: str) -> None:
    if not scheme:
        raise InvalidIdentifier(f"{what} scheme is empty")
    if len(scheme) > MAX_SCHEME_LENGTH:
        raise InvalidIdentifier(
            f"{what} scheme {scheme!r} is longer than {MAX_SCHEME_LENGTH} characters"
        )
    if not scheme.isascii() or any(c.isspace() or c == ":" for c in scheme):
        raise InvalidIdentifier(f"{what} scheme {scheme!r} has characters not allowed in a scheme")


def _split(text: str, what: str) -> tuple[str, str]:
    if not isinstance(text, str):
        raise InvalidIdentifier(f"{what} must be text, not {type(text).__name__}")
    scheme, separator, value = text.partition(_SEPARATOR)
    if not separator:
        raise InvalidIdentifier(f"{what} {text!r} is not of the form 'scheme::value'")
    return scheme, value


@dataclass(frozen=True)
class ParticipantIdentifier:
    """A participant (sender or receiver) in canonical form.

    Build one with :meth:`create` or :meth:`parse`, which check the Policy
    and normalise the case; the constructor does neither.
    """

    scheme: str
    value: str

    @classmethod
    def create(cls, value: str, scheme: str = SCHEME_ISO6523_ACTORID_UPIS) -> ParticipantIdentifier:
        """Check ``scheme`` and ``value`` and return the canonical identifier."""
        if not isinstance(value, str) or not isinstance(scheme, str):
            raise InvalidIdentifier("participant identifier scheme and value must be text")
        _check_scheme(scheme, "participant identifier")
        # The form is checked on the lower-case scheme (a DNS label of the SML
        # name); the scheme itself is compared case-sensitively (POLICY 2).
        if not _PARTICIPANT_SCHEME.fullmatch(scheme.lower()):
            raise InvalidIdentifier(
                f"participant identifier scheme {scheme!r} is not of the form 'xxx-yyy-zzz'"
            )
        if not value:
            raise InvalidIdentifier("participant identifier value is empty (POLICY 1)")
        if len(value) > MAX_PARTICIPANT_VALUE_LENGTH:
            raise InvalidIdentifier(
                f"participant identifier value is longer than {MAX_PARTICIPANT_VALUE_LENGTH} "
                "characters (POLICY 1)"
            )
        _latin1(value, "participant identifier value")
        if scheme == SCHEME_ISO6523_ACTORID_UPIS and not _ISO6523_VALUE.fullmatch(value):
            raise InvalidIdentifier(
                f"participant identifier value {value!r} is not '<4-digit ICD>:<identifier>' "
                "with only letters, digits, '-', '.', '_' or '~' in the identifier (POLICY 1)"
            )
        # POLICY 2: participant identifier values are case-insensitive; the
        # canonical form is lower case.
        value = value.lower()
        return cls(scheme, value)

    @classmethod
    def parse(cls, text: str) -> ParticipantIdentifier:
        """Parse ``scheme::value`` (as in SMP URLs, percent-decoded)."""
        scheme, value = _split(text, "participant identifier")
        return cls.create(value, scheme)

    @classmethod
    def from_uri(cls, text: str) -> ParticipantIdentifier:
        """Parse the percent-encoded form of an SMP URL path segment."""
        return cls.parse(unquote(text))

    @property
    def icd(self) -> str | None:
        """The ISO 6523 ICD (``0192``) of an ``iso6523-actorid-upis`` identifier."""
        if self.scheme != SCHEME_ISO6523_ACTORID_UPIS:
            return None
        return self.value.partition(":")[0]

    @property
    def identifier(self) -> str:
        """The value without its ICD (``974760673``), or the whole value."""
        if self.scheme != SCHEME_ISO6523_ACTORID_UPIS:
            return self.value
        return self.value.partition(":")[2]

    def validate_icd(self) -> str:
        """Check the identifier behind the ICD with python-stdnum.

        Returns the identifier in its compact form; raises the python-stdnum
        exceptions (``InvalidChecksum``, ``InvalidFormat`` ...) when it is
        not valid, and :class:`InvalidIdentifier` for an ICD that is not in
        the Peppol code list.
        """
        icd = self.icd
        if icd is None:
            raise InvalidIdentifier(f"scheme {self.scheme!r} has no ICD")
        if icd not in _icd.SCHEMES:
            raise InvalidIdentifier(f"ICD {icd} is not a Peppol participant identifier scheme")
        return _icd.validate(icd, self.identifier)

    def __str__(self) -> str:
        return f"{self.scheme}{_SEPARATOR}{self.value}"

    @property
    def uri(self) -> str:
        """``scheme::value`` percent-encoded, as in SMP URLs (Peppol SMP 1.x, 3.2)."""
        return quote(str(self), safe="")


@dataclass(frozen=True)
class DocumentTypeIdentifier:
    """A document type; case-sensitive, so kept exactly as written.

    For the XML syntaxes the value is
    ``<root namespace>::<local name>##<customization id>::<version>``;
    non-XML payloads (``urn:peppol:doctype:pdf+xml``) have no local name.
    """

    scheme: str
    value: str

    @classmethod
    def create(cls, value: str, scheme: str = SCHEME_BUSDOX_DOCID_QNS) -> DocumentTypeIdentifier:
        if not isinstance(value, str) or not isinstance(scheme, str):
            raise InvalidIdentifier("document type identifier scheme and value must be text")
        _check_scheme(scheme, "document type identifier")
        if not value:
            raise InvalidIdentifier("document type identifier value is empty (POLICY 1)")
        if len(value) > MAX_DOCUMENT_TYPE_VALUE_LENGTH:
            raise InvalidIdentifier(
                f"document type identifier value is longer than {MAX_DOCUMENT_TYPE_VALUE_LENGTH} "
                "characters (POLICY 1)"
            )
        _latin1(value, "document type identifier value")
        identifier = cls(scheme, value)
        if scheme in DOCUMENT_TYPE_SCHEMES:
            root, _, customization, version = identifier._parts()
            if not root or not customization or not version:
                raise InvalidIdentifier(
                    f"document type identifier {value!r} is not "
                    "'<root namespace>::<local name>##<customization id>::<version>'"
                )
            forbidden = _WHITESPACE + ("*" if scheme == SCHEME_BUSDOX_DOCID_QNS else "")
            if any(c in forbidden for c in customization):
                raise InvalidIdentifier(
                    f"customization id {customization!r} has white space"
                    + (" or '*' (POLICY 17)" if scheme == SCHEME_BUSDOX_DOCID_QNS else "")
                )
        return identifier

    @classmethod
    def parse(cls, text: str) -> DocumentTypeIdentifier:
        scheme, value = _split(text, "document type identifier")
        return cls.create(value, scheme)

    @classmethod
    def from_uri(cls, text: str) -> DocumentTypeIdentifier:
        return cls.parse(unquote(text))

    @classmethod
    def from_parts(
        cls,
        root_namespace: str,
        local_name: str | None,
        customization_id: str,
        version: str,
        scheme: str = SCHEME_BUSDOX_DOCID_QNS,
    ) -> DocumentTypeIdentifier:
        """Build ``<root namespace>::<local name>##<customization id>::<version>``."""
        root = root_namespace if local_name is None else f"{root_namespace}::{local_name}"
        return cls.create(f"{root}##{customization_id}::{version}", scheme)

    def _parts(self) -> tuple[str, str | None, str, str]:
        syntax, hashes, rest = self.value.partition("##")
        if not hashes:
            return "", None, "", ""
        namespace, separator, local = syntax.rpartition("::")
        if not separator:
            namespace, local_name = syntax, None
        else:
            local_name = local
        customization, separator, version = rest.rpartition("::")
        if not separator:
            return namespace, local_name, "", ""
        return namespace, local_name, customization, version

    @property
    def root_namespace(self) -> str:
        return self._parts()[0]

    @property
    def local_name(self) -> str | None:
        return self._parts()[1]

    @property
    def customization_id(self) -> str:
        return self._parts()[2]

    @property
    def version(self) -> str:
        return self._parts()[3]

    def __str__(self) -> str:
        return f"{self.scheme}{_SEPARATOR}{self.value}"

    @property
    def uri(self) -> str:
        return quote(str(self), safe="")


@dataclass(frozen=True)
class ProcessIdentifier:
    """A process (business profile); case-sensitive, kept exactly as written."""

    scheme: str
    value: str

    @classmethod
    def create(cls, value: str, scheme: str = SCHEME_CENBII_PROCID_UBL) -> ProcessIdentifier:
        if not isinstance(value, str) or not isinstance(scheme, str):
            raise InvalidIdentifier("process identifier scheme and value must be text")
        _check_scheme(scheme, "process identifier")
        if not value:
            raise InvalidIdentifier("process identifier value is empty (POLICY 1)")
        if len(value) > MAX_PROCESS_VALUE_LENGTH:
            raise InvalidIdentifier(
                f"process identifier value is longer than {MAX_PROCESS_VALUE_LENGTH} "
                "characters (POLICY 1)"
            )
        _latin1(value, "process identifier value")
        if any(c.isspace() for c in value):
            raise InvalidIdentifier(f"process identifier {value!r} has white space (POLICY 25)")
        return cls(scheme, value)

    @classmethod
    def parse(cls, text: str) -> ProcessIdentifier:
        scheme, value = _split(text, "process identifier")
        return cls.create(value, scheme)

    @classmethod
    def from_uri(cls, text: str) -> ProcessIdentifier:
        return cls.parse(unquote(text))

    def __str__(self) -> str:
        return f"{self.scheme}{_SEPARATOR}{self.value}"

    @property
    def uri(self) -> str:
        return quote(str(self), safe="")
