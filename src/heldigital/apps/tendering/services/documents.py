"""The procurement documents of a draft, versioned."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from heldigital.apps.accounts.access import Principal
from heldigital.apps.accounts.models import (
    User,
)
from heldigital.apps.protocol import services as protocol
from heldigital.apps.tendering.files import check_upload
from heldigital.apps.tendering.models import (
    DocumentVersion,
    Procurement,
    ProcurementDocument,
)
from heldigital.apps.tendering.services.base import (
    record_event,
)
from heldigital.apps.tendering.services.drafts import (
    _draft_child,
)


def _store_version(
    document: ProcurementDocument,
    *,
    procurement: Procurement,
    filename: str,
    content: bytes,
    user: User,
    now: datetime,
) -> DocumentVersion:
    checked = check_upload(content, filename)
    number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = DocumentVersion(
        document=document,
        number=number,
        filename=checked.filename,
        sha256=checked.sha256,
        size=checked.size,
        content_type=checked.content_type,
        uploaded_at=now,
        uploaded_by=user,
        procurement_version=procurement.version,
    )
    version.file.save(checked.filename, ContentFile(content), save=False)
    try:
        version.save()
    except Exception:
        version.file.delete(save=False)
        raise
    return version


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def add_document(
    procurement: Procurement,
    *,
    principal: Principal,
    title: str,
    filename: str,
    content: bytes,
    now: datetime,
) -> DocumentVersion:
    """Attach a new document to a draft (after publication: :func:`correct`)."""
    procurement = _draft_child(procurement, principal)
    if not title.strip():
        raise ValidationError({"title": _("Give the document a title.")})
    document = ProcurementDocument.objects.create(
        procurement=procurement,
        title=title.strip(),
        position=procurement.documents.count() + 1,
        created_at=now,
    )
    version = _store_version(
        document,
        procurement=procurement,
        filename=filename,
        content=content,
        user=principal.user,
        now=now,
    )
    record_event(procurement, "document.added", principal, _version_payload(version), now)
    return version


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def replace_document(
    procurement: Procurement,
    document: ProcurementDocument,
    *,
    principal: Principal,
    filename: str,
    content: bytes,
    now: datetime,
) -> DocumentVersion:
    """A new version of a draft's document (the old version stays)."""
    procurement = _draft_child(procurement, principal)
    if document.procurement_id != procurement.pk:
        raise PermissionDenied(_("This document belongs to another procurement."))
    version = _store_version(
        document,
        procurement=procurement,
        filename=filename,
        content=content,
        user=principal.user,
        now=now,
    )
    record_event(procurement, "document.versioned", principal, _version_payload(version), now)
    return version


def _version_payload(version: DocumentVersion) -> dict[str, object]:
    return {
        "document": version.document_id,
        "title": version.document.title,
        "version": version.number,
        "filename": version.filename,
        "sha256": version.sha256,
        "size": version.size,
        "content_type": version.content_type,
    }


def latest_versions(procurement: Procurement) -> list[DocumentVersion]:
    """The newest version of each document of the procurement, in document order."""
    versions = []
    for document in procurement.documents.order_by("position", "id"):
        latest = document.latest()
        if latest is not None:
            versions.append(latest)
    return versions
