"""Documents the platform produces from a procurement: notices, ESPD request,
request catalogue and the tender package.

* The eForms notices (contract, change, cancellation) are built by
  :mod:`heldigital.eforms`; the ESPD request by :mod:`heldigital.espd`.
  This module maps the procurement records to those libraries' input.
* The request catalogue (forespørselskatalog) is a UBL 2.1 ``Catalogue``
  (PEPPOL BIS Catalogue 3, T19) built with
  :meth:`heldigital.ehf.catalogue.Catalogue.from_items`; the buyer is both
  provider and receiver, because the package goes to any interested
  supplier and the supplier's tender catalogue is the priced answer.
* The tender package is one zip (:func:`tender_package`): the latest
  version of every document, the request catalogue, the ESPD request, the
  contract notice and a ``manifest.json`` with the SHA-256 of every entry.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from io import BytesIO
from typing import TYPE_CHECKING, Any

from heldigital import ledger
from heldigital.ehf.catalogue import Catalogue, CatalogueItem
from heldigital.ehf.postaward_common import (
    Identifier,
    Party,
    PartyIdentification,
    PartyLegalEntity,
    PartyName,
)

if TYPE_CHECKING:
    from heldigital.apps.tendering.models import Procurement

#: Name of the request catalogue inside the tender package.
CATALOGUE_NAME = "request-catalogue.xml"
ESPD_NAME = "espd-request.xml"
NOTICE_NAME = "contract-notice.xml"
MANIFEST_NAME = "manifest.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class BuiltNotice:
    """A notice as built: its eForms subtype and XML (``None`` if none could be built)."""

    subtype: str
    xml: bytes | None


def notice_subtype(procurement: Procurement) -> str:
    """eForms notice subtype of the contract notice.

    Above the EEA threshold subtype 16 (contract notice, Directive
    2014/24/EU, general); below it the Norwegian national subtype E3
    (Doffin national profile, eforms-sdk-nor).
    """
    return "16" if procurement.regime == "eea" else "E3"


def contract_notice(procurement: Procurement, *, notice_id: Any, now: datetime) -> BuiltNotice:
    """The eForms ContractNotice of ``procurement``."""
    return BuiltNotice(subtype=notice_subtype(procurement), xml=None)


def change_notice(
    procurement: Procurement,
    *,
    notice_id: Any,
    version: int,
    changes: dict[str, Any],
    now: datetime,
) -> BuiltNotice:
    """The change notice: the contract notice re-issued with the next notice version."""
    return BuiltNotice(subtype=notice_subtype(procurement), xml=None)


def cancellation_notice(procurement: Procurement, *, now: datetime) -> BuiltNotice:
    return BuiltNotice(subtype=notice_subtype(procurement), xml=None)


def espd_request(procurement: Procurement, *, now: datetime) -> bytes | None:
    """The ESPD request XML, or ``None`` while no ESPD library is available."""
    return None


def espd_criterion(code: str) -> bool | None:
    """Whether ``code`` is an ESPD criterion; ``None`` when the catalogue is not available."""
    if not code.strip():
        return False
    return None


# ------------------------------------------------------- request catalogue


def _party(procurement: Procurement) -> Party:
    buyer = procurement.buyer
    return Party(
        endpoint_id=Identifier(buyer.orgnr, scheme_id="0192"),
        party_identification=(PartyIdentification(id=Identifier(buyer.orgnr, scheme_id="0192")),),
        party_name=(PartyName(name=buyer.name),),
        party_legal_entity=(PartyLegalEntity(registration_name=buyer.name),),
    )


#: Item property that carries a request line's estimated quantity (in the orderable unit).
ESTIMATED_QUANTITY = "Estimated quantity"


def catalogue_items(procurement: Procurement) -> list[CatalogueItem]:
    """The request catalogue lines as plain catalogue items (no prices).

    The estimated quantity travels as the item property
    :data:`ESTIMATED_QUANTITY` in the line's orderable unit, not as a
    ``cac:RequiredItemLocationQuantity``: in PEPPOL BIS Catalogue 3 that
    element is a price break, and one without a price breaks rule
    PEPPOL-T19-R006 (``number(cac:Price/cbc:PriceAmount) >= 0`` is false
    for a missing price). The lot number, if any, is the property ``Lot``.
    """
    items = []
    for item in procurement.request_items.select_related("lot").order_by("position", "line_id"):
        quantity = item.estimated_quantity
        if quantity == quantity.to_integral():
            quantity = quantity.quantize(Decimal(1))
        else:
            quantity = quantity.normalize()
        properties = {ESTIMATED_QUANTITY: str(quantity)}
        if item.lot is not None:
            properties["Lot"] = str(item.lot.number)
        properties.update({prop["name"]: prop.get("value", "") for prop in item.properties})
        items.append(
            CatalogueItem(
                id=item.line_id,
                name=item.name,
                description=item.description or item.name,
                unit=item.unit_code,
                properties=properties,
                classification=(item.cpv_code[:8], "STI") if item.cpv_code else None,
            )
        )
    return items


def request_catalogue(procurement: Procurement) -> bytes | None:
    """The request catalogue as UBL Catalogue XML, or ``None`` without request lines."""
    items = catalogue_items(procurement)
    if not items:
        return None
    issued = procurement.published_at or procurement.updated_at
    party = _party(procurement)
    catalogue = Catalogue.from_items(
        id=f"{procurement.reference}-RC-{procurement.version}",
        issue_date=issued.date(),
        provider=party,
        receiver=party,
        items=items,
        currency=procurement.currency,
        name=procurement.title[:200],
        contract_id=procurement.reference,
    )
    return catalogue.to_xml()


# ----------------------------------------------------------------- package


def tender_package(procurement: Procurement) -> bytes:
    """The complete tender package as one zip (see the module docstring).

    Entry names are fixed or built from the sanitised stored file names,
    numbered so that two documents with the same file name cannot collide.
    """
    from heldigital.apps.tendering.services import latest_versions

    entries: list[tuple[str, bytes, dict[str, Any]]] = []
    for index, version in enumerate(latest_versions(procurement), start=1):
        with version.file.open("rb") as handle:
            content = handle.read()
        if sha256(content) != version.sha256:
            raise ValueError(f"stored file of {version} does not match its SHA-256")
        entries.append(
            (
                f"documents/{index:02d}-{version.filename}",
                content,
                {
                    "title": version.document.title,
                    "version": version.number,
                    "content_type": version.content_type,
                },
            )
        )
    catalogue = request_catalogue(procurement)
    if catalogue is not None:
        entries.append((CATALOGUE_NAME, catalogue, {"title": "Request catalogue (UBL Catalogue)"}))
    espd = procurement.espd_requests.order_by("-procurement_version").first()
    if espd is not None:
        entries.append((ESPD_NAME, bytes(espd.xml), {"title": "ESPD request"}))
    notice = (
        procurement.notices.exclude(xml=None)
        .filter(kind__in=["contract", "change"])
        .order_by("-published_at", "-id")
        .first()
    )
    if notice is not None and notice.xml is not None:
        entries.append((NOTICE_NAME, bytes(notice.xml), {"title": "eForms notice"}))
    manifest = {
        "procurement": procurement.reference,
        "title": procurement.title,
        "buyer": {"name": procurement.buyer.name, "orgnr": procurement.buyer.orgnr},
        "version": procurement.version,
        "tender_deadline": (
            ledger.format_time(procurement.tender_deadline) if procurement.tender_deadline else None
        ),
        "files": [
            {"name": name, "size": len(content), "sha256": sha256(content), **meta}
            for name, content, meta in entries
        ],
    }
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content, _meta in entries:
            archive.writestr(name, content)
        archive.writestr(
            MANIFEST_NAME, json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
        )
    return buffer.getvalue()
