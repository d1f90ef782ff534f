"""Read any EHF / PEPPOL BIS document into its model, chosen by the root element.

This module sits on top of every document module (it imports them all and
none imports it), so the document modules never need each other to be read.
"""

from __future__ import annotations

from heldigital.ehf.application_response import ApplicationResponse
from heldigital.ehf.catalogue import Catalogue
from heldigital.ehf.catalogue_response import CatalogueResponse
from heldigital.ehf.creditnote import CreditNote
from heldigital.ehf.despatch_advice import DespatchAdvice
from heldigital.ehf.invoice import Invoice
from heldigital.ehf.invoice_response import InvoiceResponse
from heldigital.ehf.mapping import CBC, Document
from heldigital.ehf.message_level_response import MessageLevelResponse
from heldigital.ehf.order import Order
from heldigital.ehf.order_cancellation import OrderCancellation
from heldigital.ehf.order_change import OrderChange
from heldigital.ehf.order_response import OrderResponse
from heldigital.xml import DEFAULT_MAX_BYTES, DocumentError, parse

__all__ = ["read_application_response", "read_document", "read_postaward_document"]

#: The post-award documents read by root element (ApplicationResponse apart).
POSTAWARD_MODELS: tuple[type[Document], ...] = (
    Order,
    OrderChange,
    OrderCancellation,
    OrderResponse,
    DespatchAdvice,
    Catalogue,
)
#: The specialisations of ApplicationResponse, told apart by CustomizationID.
RESPONSE_MODELS: tuple[type[ApplicationResponse], ...] = (
    InvoiceResponse,
    CatalogueResponse,
    MessageLevelResponse,
)


def _response_class(customization: str | None) -> type[ApplicationResponse]:
    wanted = (customization or "").strip()
    for candidate in RESPONSE_MODELS:
        if wanted in candidate.CUSTOMIZATION_IDS:
            return candidate
    return ApplicationResponse


def read_application_response(
    data: bytes, *, source: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> ApplicationResponse:
    """Read an ApplicationResponse as the class its customization id names.

    Returns a :class:`~heldigital.ehf.invoice_response.InvoiceResponse`,
    :class:`~heldigital.ehf.catalogue_response.CatalogueResponse` or
    :class:`~heldigital.ehf.message_level_response.MessageLevelResponse`; any
    other customization (e.g. the PEPPOL logistics application response) is
    read as a plain :class:`~heldigital.ehf.application_response.ApplicationResponse`.
    """
    tree = parse(data, max_bytes=max_bytes, source=source)
    customization = tree.getroot().findtext(f"{{{CBC}}}CustomizationID")
    return _response_class(customization).from_xml(tree, source=source)


def read_postaward_document(
    data: bytes, *, source: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Read any post-award document into its model, chosen by the root element.

    ``Order``, ``OrderChange``, ``OrderCancellation``, ``OrderResponse``,
    ``DespatchAdvice`` and ``Catalogue`` are read as their models; an
    ``ApplicationResponse`` as the class its customization id names (see
    :func:`read_application_response`). Any other root is refused with
    :class:`heldigital.xml.DocumentError`.
    """
    return _read(data, POSTAWARD_MODELS, source=source, max_bytes=max_bytes, what="post-award")


def read_document(
    data: bytes, *, source: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Read any billing or post-award document into its model (see
    :func:`read_postaward_document`; ``Invoice`` and ``CreditNote`` too)."""
    models = (Invoice, CreditNote, *POSTAWARD_MODELS)
    return _read(data, models, source=source, max_bytes=max_bytes, what="EHF / PEPPOL BIS")


def _read(
    data: bytes,
    models: tuple[type[Document], ...],
    *,
    source: str | None,
    max_bytes: int,
    what: str,
) -> Document:
    tree = parse(data, max_bytes=max_bytes, source=source)
    root = tree.getroot()
    for model in models:
        if root.tag == f"{{{model.NAMESPACE}}}{model.ROOT}":
            return model.from_xml(tree, source=source)
    if root.tag == f"{{{ApplicationResponse.NAMESPACE}}}{ApplicationResponse.ROOT}":
        customization = root.findtext(f"{{{CBC}}}CustomizationID")
        return _response_class(customization).from_xml(tree, source=source)
    line = root.sourceline
    raise DocumentError(
        f"not a {what} document this library reads: root element {root.tag}",
        line=line if isinstance(line, int) else None,
        source=source,
    )
