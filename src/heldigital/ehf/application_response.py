"""The UBL 2.1 ``ApplicationResponse`` shared by T58, T71 and T111.

PEPPOL BIS post-award uses one UBL document, ``ApplicationResponse``, for
three transactions, told apart by ``cbc:CustomizationID``:

* T58 Catalogue Response (:mod:`heldigital.ehf.catalogue_response`),
* T71 Message Level Response (:mod:`heldigital.ehf.message_level_response`),
* T111 Invoice Response (:mod:`heldigital.ehf.invoice_response`).

:class:`ApplicationResponse` reads and writes every element that any of the
three syntax bindings defines (and those of the PEPPOL logistics application
response); the three modules specialise it with their identifiers, code lists
and builders. :func:`heldigital.ehf.documents.read_application_response` reads a
document and returns
the specialised class that its customization id names.
Specifications: ``docs.peppol.eu/poacc/upgrade-3/syntax/CatalogueResponse/``,
``.../MLR/``, ``.../InvoiceResponse/``; ids ``tir58-``, ``tir71-``,
``tir111-NNN`` in the field comments.
"""

# ruff: noqa: RUF009 - one()/opt()/many() return dataclasses.field() objects
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from typing import ClassVar, Self

from heldigital.ehf.common import (
    DocumentReference,
    DocumentResponse,
    LineResponse,
    Party,
    Response,
)
from heldigital.ehf.mapping import (
    Code,
    Document,
    ModelError,
    Problem,
    checking_codes,
    many,
    one,
    opt,
)

__all__ = ["ApplicationResponse"]


@dataclass(frozen=True, kw_only=True)
class ApplicationResponse(Document):
    """A UBL 2.1 application response (T58 / T71 / T111; see the module docstring).

    ``sender_party`` and ``receiver_party`` are mandatory; each
    ``document_response`` answers one document (T58/T71/T111 have exactly
    one) with a ``response`` carrying the response code and, for T111,
    status reasons and actions.

    Subclasses set ``CUSTOMIZATION_IDS`` (the customization ids they accept,
    the first one written by default); :meth:`from_xml` on a subclass refuses
    a document of another transaction.
    """

    CUSTOMIZATION_IDS: ClassVar[tuple[str, ...]] = ()
    #: The response codes of the transaction (empty: any UNCL4343 code).
    RESPONSE_CODES: ClassVar[Mapping[str, str]] = {}
    #: What a specialised response answers (``"catalogue"``): it then answers exactly
    #: one such document, with a code of :attr:`RESPONSE_CODES`.
    ANSWERS: ClassVar[str] = ""

    ROOT: ClassVar[str] = "ApplicationResponse"
    NAMESPACE: ClassVar[str] = "urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2"

    #: ``cbc:CustomizationID``: Specification identification [tir111-006; tir58-006; tir71-006]
    customization_id: str | None = opt("cbc:CustomizationID")

    #: ``cbc:ProfileID``: Business process type identifier [tir111-005; tir58-005; tir71-005]
    profile_id: str | None = opt("cbc:ProfileID")

    #: ``cbc:ProfileExecutionID``
    profile_execution_id: str | None = opt("cbc:ProfileExecutionID")

    #: ``cbc:ID``: Response identifier [tir111-001; tir58-001; tir71-001]
    id: str = one("cbc:ID")

    #: ``cbc:IssueDate``: Response issue date [tir111-002; tir58-002; tir71-002]
    issue_date: date = one("cbc:IssueDate")

    #: ``cbc:IssueTime``: Response issue time [tir111-003; tir58-003; tir71-003]
    issue_time: time | None = opt("cbc:IssueTime")

    #: ``cbc:Note``: Response textual notes; Invoice response note [tir111-004; tir58-004]
    note: tuple[str, ...] = many("cbc:Note")

    #: ``cac:SenderParty``: Sender party; Sender information
    sender_party: Party = one("cac:SenderParty")

    #: ``cac:ReceiverParty``: Receiver party; Receiver information
    receiver_party: Party = one("cac:ReceiverParty")

    #: ``cac:DocumentResponse``: Document response
    document_response: tuple[DocumentResponse, ...] = many("cac:DocumentResponse")

    def __post_init__(self) -> None:
        super().__post_init__()
        ids = type(self).CUSTOMIZATION_IDS
        if ids and self.customization_id not in ids:
            raise ModelError(
                f"{type(self).__name__}: customization id {self.customization_id!r} "
                f"is not one of {', '.join(ids)}"
            )
        what = type(self).ANSWERS
        if not what:
            return
        article = "an" if what[0] in "aeiou" else "a"
        if len(self.document_response) != 1:
            raise ModelError(f"{article} {what} response answers exactly one {what}")
        code = self.document_response[0].response.response_code
        allowed = type(self).RESPONSE_CODES
        if checking_codes() and code not in allowed:
            raise ModelError(
                f"{code!r} is not {article} {what} response code ({', '.join(allowed)})"
            )

    @classmethod
    def answer(
        cls,
        *,
        id: str,
        issue_date: date,
        issue_time: time | None,
        note: str | None,
        sender: Party,
        receiver: Party,
        profile_id: str,
        response: Response,
        reference: DocumentReference,
        line_response: tuple[LineResponse, ...] = (),
    ) -> Self:
        """A response of this transaction answering the one document ``reference`` names."""
        return cls(
            customization_id=cls.CUSTOMIZATION_IDS[0],
            profile_id=profile_id,
            id=id,
            issue_date=issue_date,
            issue_time=issue_time,
            note=(note,) if note else (),
            sender_party=sender,
            receiver_party=receiver,
            document_response=(
                DocumentResponse(
                    response=response,
                    document_reference=(reference,),
                    line_response=line_response,
                ),
            ),
        )

    def validate(self, path: str = "") -> list[Problem]:
        """Code list problems, including response codes outside :attr:`RESPONSE_CODES`."""
        problems = super().validate(path)
        allowed = type(self).RESPONSE_CODES
        for index, document in enumerate(self.document_response if allowed else ()):
            code = document.response.response_code
            if code not in allowed:
                problems.append(
                    Problem(
                        f"{path}{'.' if path else ''}document_response[{index}].response"
                        ".response_code (cbc:ResponseCode)",
                        f"{code!r} is not a {type(self).__name__} response code "
                        f"({', '.join(allowed)})",
                    )
                )
        return problems

    @property
    def response_code(self) -> str | None:
        """The response code of the first document response (tir58-014, tir71-014, tir111-013)."""
        if not self.document_response:
            return None
        code = self.document_response[0].response.response_code
        return code.value if isinstance(code, Code) else code
