"""PEPPOL BIS Catalogue Response (transaction T58), a UBL 2.1 ``ApplicationResponse``.

Specification: PEPPOL BIS Catalogue only 3
(``docs.peppol.eu/poacc/upgrade-3/syntax/CatalogueResponse/tree/``) and EHF
Catalogue Response 3.0. The receiver of a catalogue accepts it (``AP``),
rejects it (``RE``, with a reason in ``cbc:Description``) or acknowledges
receipt (``AB``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from typing import ClassVar

from heldigital.ehf.application_response import ApplicationResponse
from heldigital.ehf.common import (
    DocumentReference,
    Party,
    Response,
)
from heldigital.ehf.mapping import (
    Identifier,
)

__all__ = [
    "CUSTOMIZATION_ID",
    "EHF_CUSTOMIZATION_ID",
    "PROFILE_ID",
    "RESPONSE_CODES",
    "CatalogueResponse",
]

#: tir58-006: PEPPOL BIS Catalogue Response transaction 3 specification identifier.
CUSTOMIZATION_ID = "urn:fdc:peppol.eu:poacc:trns:catalogue_response:3"
#: EHF Catalogue Response 3.0 specification identifier.
EHF_CUSTOMIZATION_ID = CUSTOMIZATION_ID + ":extended:urn:fdc:anskaffelser.no:2019:ehf:spec:3.0"
#: tir58-005: PEPPOL BIS Catalogue only 3 business process.
PROFILE_ID = "urn:fdc:peppol.eu:poacc:bis:catalogue_only:3"
#: tir58-014: catalogue response codes (UNCL4343 subset).
RESPONSE_CODES = {"AB": "Message acknowledgement", "AP": "Accepted", "RE": "Rejected"}


@dataclass(frozen=True, kw_only=True)
class CatalogueResponse(ApplicationResponse):
    """A catalogue response (PEPPOL BIS T58, EHF Catalogue Response 3.0).

    One ``document_response`` whose ``response`` carries the response code
    (tir58-014) and optionally a rejection reason (``cbc:Description``), and
    whose ``document_reference`` names the catalogue (tir58-016).
    """

    CUSTOMIZATION_IDS: ClassVar[tuple[str, ...]] = (CUSTOMIZATION_ID, EHF_CUSTOMIZATION_ID)
    RESPONSE_CODES: ClassVar[Mapping[str, str]] = RESPONSE_CODES
    ANSWERS: ClassVar[str] = "catalogue"

    @classmethod
    def build(
        cls,
        *,
        id: str,
        issue_date: date,
        sender: Party,
        receiver: Party,
        catalogue_id: str,
        response_code: str,
        reason: str | None = None,
        issue_time: time | None = None,
        note: str | None = None,
        profile_id: str = PROFILE_ID,
    ) -> CatalogueResponse:
        """Build a response to catalogue ``catalogue_id`` (``reason`` explains a rejection)."""
        return cls.answer(
            id=id,
            issue_date=issue_date,
            issue_time=issue_time,
            note=note,
            sender=sender,
            receiver=receiver,
            profile_id=profile_id,
            response=Response(response_code=response_code, description=(reason,) if reason else ()),
            reference=DocumentReference(id=Identifier(catalogue_id)),
        )

    @property
    def catalogue_id(self) -> str:
        """The id of the catalogue answered (tir58-016)."""
        return self.document_response[0].document_reference[0].id.value
