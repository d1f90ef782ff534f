"""Corrections of a published procurement: the change notice (Art. 47(3))."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from heldigital import ledger
from heldigital.apps.accounts.access import Principal
from heldigital.apps.common import (
    format_local,
    local_text,
    require_aware,
    send_on_commit,
)
from heldigital.apps.notifications import compose
from heldigital.apps.protocol import services as protocol
from heldigital.apps.tendering import artefacts
from heldigital.apps.tendering.lifecycle import StateError
from heldigital.apps.tendering.models import (
    Correction,
    EspdRequest,
    Notice,
    NoticeKind,
    Procurement,
    ProcurementDocument,
)
from heldigital.apps.tendering.services.base import (
    CORRECTABLE_FIELDS,
    _require_buyer,
    _require_live,
    record_event,
)
from heldigital.apps.tendering.services.documents import (
    _store_version,
    _version_payload,
)
from heldigital.apps.tendering.services.notify import (
    _build,
    _latest_notice,
    _notify,
    _supplier_recipients,
    page,
    procurement_facts,
)
from heldigital.apps.tendering.services.validation import (
    _apply,
    _validate,
)


@dataclass(frozen=True)
class NewDocument:
    """A document for a correction: a new version of ``document``, or a new document."""

    filename: str
    content: bytes
    document: ProcurementDocument | None = None
    title: str = ""


def _json(value: Any) -> Any:
    if isinstance(value, datetime):
        return ledger.format_time(value)
    if isinstance(value, Decimal):
        return str(value)
    return value


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def correct(
    procurement: Procurement,
    *,
    principal: Principal,
    summary: str,
    changes: Mapping[str, Any] | None = None,
    documents: Iterable[NewDocument] = (),
    now: datetime,
    translation: str = "",
) -> Correction:
    """Correct a published procurement: time limits, description and documents.

    Creates a new procurement version, a change notice (the contract
    notice's id with the next version number), and tells every registered
    supplier by e-mail and in the platform. Time limits are re-checked from
    the original publication: a correction cannot shorten them below what
    the law allows. ``translation``: the summary in English, for notices in
    Norwegian and English.
    """
    require_aware(now)
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    _require_buyer(procurement, principal)
    _require_live(procurement, now)
    changes = dict(changes or {})
    documents = list(documents)
    summary = summary.strip()
    if not summary:
        raise ValidationError({"summary": _("Say what is corrected and why.")})
    _add_translation(procurement, summary, translation)
    bad = sorted(set(changes) - set(CORRECTABLE_FIELDS))
    if bad:
        raise ValidationError(
            {
                name: _("This cannot be corrected after publication; cancel and publish anew.")
                for name in bad
            }
        )
    if procurement.tender_deadline is not None and now >= procurement.tender_deadline:
        raise StateError(
            _("The tender deadline %(deadline)s has passed; the server time is %(now)s.")
            % {"deadline": format_local(procurement.tender_deadline), "now": format_local(now)}
        )
    old = {name: getattr(procurement, name) for name in changes}
    _apply(procurement, changes)
    diff = {
        name: {"old": _json(old[name]), "new": _json(getattr(procurement, name))}
        for name in changes
        if old[name] != getattr(procurement, name)
    }
    if not diff and not documents:
        raise ValidationError({"changes": _("Nothing is changed.")})
    _validate(procurement, now, publishing=True)
    procurement.version += 1
    procurement.updated_at = now
    procurement.save()
    if "tender_deadline" in diff:
        # An earlier deadline re-seals the opening key to it (a later one needs nothing).
        from heldigital.apps.submissions import services as submissions

        submissions.deadline_changed(procurement, now=now)
    added = []
    for new in documents:
        if new.document is None:
            if not new.title.strip():
                raise ValidationError({"documents": _("A new document needs a title.")})
            document = ProcurementDocument.objects.create(
                procurement=procurement,
                title=new.title.strip(),
                position=procurement.documents.count() + 1,
                created_at=now,
            )
        else:
            if new.document.procurement_id != procurement.pk:
                raise PermissionDenied(_("This document belongs to another procurement."))
            document = new.document
        version = _store_version(
            document,
            procurement=procurement,
            filename=new.filename,
            content=new.content,
            user=principal.user,
            now=now,
        )
        added.append(_version_payload(version))
    if added:
        diff["documents"] = {"old": None, "new": added}
    # eForms: a change notice is a new notice (version 01) naming the notice it
    # changes in BT-758 (see heldigital.eforms).
    previous = _latest_notice(procurement)
    if previous is None:
        raise StateError(_("The procurement has no published notice to correct."))
    notice_id = uuid.uuid4()
    built = _build(
        lambda: artefacts.change_notice(
            procurement,
            notice_id=notice_id,
            previous=(previous.notice_id, int(previous.notice_version)),
            changes=diff,
            reason=summary,
            now=now,
        )
    )
    notice = Notice.objects.create(
        procurement=procurement,
        kind=NoticeKind.CHANGE,
        subtype=built.subtype,
        notice_id=notice_id,
        notice_version="01",
        procurement_version=procurement.version,
        xml=built.xml,
        published_at=now,
    )
    correction = Correction.objects.create(
        procurement=procurement,
        version=procurement.version,
        summary=summary,
        changes=diff,
        notice=notice,
        created_at=now,
        created_by=principal.user,
    )
    espd = _build(lambda: artefacts.espd_request(procurement, now=now))
    EspdRequest.objects.create(
        procurement=procurement,
        procurement_version=procurement.version,
        xml=espd,
        created_at=now,
    )
    recipients = _supplier_recipients(procurement)

    def corrected() -> compose.Content:
        documents = [
            _("New document version: %(title)s (%(file)s, version %(v)s)")
            % {"title": doc["title"], "file": doc["filename"], "v": doc["version"]}
            for doc in diff.get("documents", {}).get("new", []) or []
        ]
        rows = [
            [
                str(Procurement._meta.get_field(name).verbose_name).capitalize(),
                _display(old[name]),
                _display(getattr(procurement, name)),
            ]
            for name in diff
            if name != "documents"
        ]
        sections = []
        if rows:
            sections.append(
                compose.Section(
                    _("What changed"),
                    table=compose.Table([_("Field"), _("Before"), _("Now")], rows),
                )
            )
        if documents:
            sections.append(compose.Section(_("Procurement documents"), documents))
        return compose.Content(
            subject=_("Correction to %(ref)s %(title)s (version %(v)s)")
            % {"ref": procurement.reference, "title": procurement.title, "v": procurement.version},
            paragraphs=[
                _("The contracting authority has corrected the procurement."),
                summary,
            ],
            facts=procurement_facts(procurement),
            sections=sections,
            action=(_("Read the corrected notice"), page("tendering:notice", procurement)),
        )

    messages = _notify(
        procurement, recipients, kind="procurement.corrected", build=corrected, now=now
    )
    record_event(
        procurement,
        "procurement.corrected",
        principal,
        {
            "version": procurement.version,
            "summary": summary,
            "changes": diff,
            "notice_id": str(notice_id),
            "notice_version": notice.notice_version,
            "notified": [r.organisation.orgnr for r in recipients],
        },
        now,
    )
    send_on_commit(messages)
    return correction


def _add_translation(procurement: Procurement, text: str, translation: str) -> None:
    """Keep the English of a text written for a notice in Norwegian and English."""
    if translation.strip():
        procurement.translations = {**(procurement.translations or {}), text: translation.strip()}
        Procurement.objects.filter(pk=procurement.pk).update(translations=procurement.translations)


def _display(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, datetime):
        return local_text(value)  # in the e-mail's language (built per recipient language)
    return str(value)
