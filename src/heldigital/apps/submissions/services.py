"""Sealed submission and opening of tenders (issue 4 parts 4 and 5).

Every function takes ``now``: the clock (:data:`heldigital.apps.protocol.services.When`),
or a fixed timezone-aware time in tests. Whatever is ordered against the
protocol - is the tender on time, has the deadline passed for opening, a
refusal - is decided inside :func:`heldigital.apps.protocol.services.appending`
with the time read under the chain's lock, and that time is the one on the
receipt and in the protocol: a submit committed before the opening is in
the opening record, one decided after it is late. Law: Directive 2014/24/EU art. 22(3) and
Annex IV - the exact time of receipt is determined precisely, nobody can
access tenders before the deadline, only authorised persons may open them,
and any breach or attempted breach is detectable; anskaffelsesforskriften
§ 20-9 (tenders received after the deadline are rejected) and § 7-1 (the
protocol). Every key event and every refused attempt is written to the
protocol with :func:`heldigital.apps.protocol.services.record`.

Every event that derives from the tenders - each transition of a supplier's
tender (:mod:`heldigital.apps.submissions.lifecycle`), late attempts, refused
reads naming a tender - is written to the *sealed part* of the protocol
(:func:`heldigital.apps.protocol.services.sealed_chain`), which buyer views
leave out until the tenders are opened (:func:`sealed_part_visible`): before
opening no buyer role learns how many tenders there are, when they came or
from whom. Supplier actions are recorded under the actor ``tender:<tender id>``;
the opening record names the suppliers.

Content is never stored in plaintext: each chunk is encrypted as it is read
from the request (:mod:`heldigital.sealing.stream`) under a fresh data key
wrapped for the procurement's opening public key. After opening, content is
decrypted *on read* (:func:`read_tender_file`) - nothing is ever written to
disk decrypted.
"""

from __future__ import annotations

import copy
import hashlib
import io
import logging
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO, Literal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from heldigital.apps.accounts.access import Principal
from heldigital.apps.accounts.models import (
    BUYER_ROLES,
    Organisation,
    Role,
)
from heldigital.apps.protocol import services as protocol
from heldigital.apps.protocol.services import When
from heldigital.apps.submissions import conf, lifecycle, storage
from heldigital.apps.submissions.files import (
    SNIFF_BYTES,
    STRUCTURED_ROOTS,
    STRUCTURED_TYPES,
    FileRefused,
    check_declared_type,
    check_structured,
    sanitise_filename,
    sniff,
)
from heldigital.apps.submissions.models import (
    FileKind,
    OpeningAct,
    OpeningKey,
    OpeningRecord,
    Receipt,
    SealedChunk,
    Tender,
    TenderFile,
    TenderStatus,
    Upload,
    UploadStatus,
)
from heldigital.apps.submissions.receipts import (
    ChainHead,
    ReceiptData,
    ReceiptFile,
    build_receipt,
    oslo_text,
    receipt_digest,
)
from heldigital.apps.tendering import lifecycle as procurement_lifecycle
from heldigital.apps.tendering.models import Procurement, ProcurementStatus, Regime
from heldigital.ledger import format_time
from heldigital.ledger.canonical import canonical_json
from heldigital.sealing import (
    IntegrityError as SealIntegrityError,
)
from heldigital.sealing import (
    ReleaseRefused,
    ResumableSha256,
    StreamEncryptor,
    check_release,
    decrypt_stream,
    new_data_key,
    unwrap_key,
    wrap_key,
)
from heldigital.sealing.custody import RefusalReason

READ_SIZE = 4 << 20

#: Refusals that are not written to a procurement's protocol (no role there) are logged.
refusals = logging.getLogger("heldigital.refusals")
_SHA256 = re.compile(r"[0-9a-f]{64}")


class SubmissionError(Exception):
    """A request that cannot be carried out; ``status`` is the HTTP status to answer with."""

    status = 400

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class Conflict(SubmissionError):
    status = 409


class DeadlinePassed(SubmissionError):
    status = 409


class OffsetMismatch(Conflict):
    """A chunk was sent for the wrong offset; ``details['offset']`` is the one expected."""


class Refused(PermissionDenied):
    """Refused for lack of rights or because the tenders are still sealed (recorded)."""


# --- small helpers ---------------------------------------------------------------------


def ledger_id(procurement: Procurement) -> str:
    """The procurement's chain in the protocol."""
    return procurement.reference


def tender_actor(tender: Tender) -> str:
    return f"tender:{tender.id}"


def required_openers(procurement: Procurement) -> int:
    """Two different openers above the EEA threshold (Part III), one below."""
    return 2 if procurement.regime == Regime.EEA else 1


def _deadline(procurement: Procurement) -> datetime:
    if procurement.tender_deadline is None:
        raise SubmissionError(_("The procurement has no tender deadline."))
    return procurement.tender_deadline


def deadline_message(procurement: Procurement, now: datetime) -> str:
    return _(
        "The tender deadline for %(ref)s was %(deadline)s; the server time is now %(now)s "
        "(Europe/Oslo). Tenders can no longer be submitted, changed or withdrawn."
    ) % {
        "ref": procurement.reference,
        "deadline": oslo_text(_deadline(procurement)),
        "now": oslo_text(now),
    }


def _record(
    procurement: Procurement, type: str, actor: str, payload: dict[str, Any], now: When
) -> None:
    protocol.record(
        procurement_id=ledger_id(procurement), type=type, actor=actor, payload=payload, now=now
    )


def _record_sealed(
    procurement: Procurement, type: str, actor: str, payload: dict[str, Any], now: When
) -> None:
    """Record an event that derives from the tenders: in the sealed part of the protocol."""
    protocol.record(
        procurement_id=protocol.sealed_chain(ledger_id(procurement)),
        type=type,
        actor=actor,
        payload=payload,
        now=now,
    )


def is_opened(procurement: Procurement) -> bool:
    """Whether the tenders of ``procurement`` have been opened (the opening record exists)."""
    return OpeningRecord.objects.filter(procurement=procurement).exists()


def sealed_part_visible(procurement_id: str) -> bool:
    """Whether readers of the protocol of ``procurement_id`` see its sealed part.

    After opening, yes. A protocol of no procurement known here (imported) has
    no sealed part to hide.
    """
    procurement = Procurement.objects.filter(reference=procurement_id).first()
    return procurement is None or is_opened(procurement)


def _refuse_late(procurement: Procurement, action: str, actor: str, now: When) -> DeadlinePassed:
    """Record a refused late attempt (rate-limited) and return the error to raise.

    Only the tender's own supplier gets here (the callers check that first).
    The refusal is its own unit of work (or joins the caller's); raise the
    error only after that unit has committed, or the record is rolled back.
    """
    with protocol.appending(ledger_id(procurement), clock=now) as at:
        protocol.record_refusal(
            procurement_id=protocol.sealed_chain(ledger_id(procurement)),
            type="tender.refused",
            actor=actor,
            reason="after-deadline",
            payload={
                "action": action,
                "deadline": format_time(_deadline(procurement)),
                "server_time": format_time(at),
            },
            now=at,
        )
    return DeadlinePassed(
        deadline_message(procurement, at),
        deadline=_deadline(procurement),
        server_time=at,
    )


def _not_open(procurement: Procurement) -> Conflict:
    return Conflict(
        _("The procurement %(ref)s is not open for tenders.") % {"ref": procurement.reference}
    )


def _check_published(procurement: Procurement) -> None:
    """Refuse a procurement never published; after the deadline :func:`_is_late` decides."""
    if procurement.published_at is None:
        raise _not_open(procurement)


def _is_late(procurement: Procurement, now: datetime) -> bool:
    """Whether tenders are closed at ``now``: past the deadline (a late attempt), or not open."""
    _check_published(procurement)
    if now >= _deadline(procurement):
        return True
    if procurement.status != ProcurementStatus.PUBLISHED:  # e.g. cancelled
        raise _not_open(procurement)
    return False


#: What :func:`_is_late` reads of a procurement.
_OPEN_FIELDS = ("tender_deadline", "status", "published_at")


def _check_open(procurement: Procurement, action: str, actor: str, now: When) -> None:
    if _is_late(procurement, protocol.read_clock(now)):
        raise _refuse_late(procurement, action, actor, now)


def _check_supplier(tender: Tender, principal: Principal) -> None:
    """The principal acts for the tender's supplier as a supplier user."""
    if not principal.is_supplier_user(tender.supplier):
        raise PermissionDenied(_("You do not act for the supplier of this tender."))


def _buyer_roles(principal: Principal, procurement: Procurement) -> frozenset[str]:
    """The principal's buyer roles in the buyer it acts for; none elsewhere."""
    return principal.roles_at(procurement.buyer) & BUYER_ROLES


# --- opening key -----------------------------------------------------------------------


def ensure_opening_key(procurement: Procurement, *, now: datetime) -> OpeningKey:
    """The procurement's opening key pair, made on first use (call it when publishing).

    The private key is sealed by the custodian to the tender deadline and the
    openers rule in force now.
    """
    existing = OpeningKey.objects.filter(procurement=procurement).first()
    if existing is not None:
        return existing
    deadline = _deadline(procurement)
    openers = required_openers(procurement)
    sealed = conf.custodian().create_opening_key(
        procurement.reference, deadline=deadline, required_openers=openers
    )
    try:
        with transaction.atomic():
            key = OpeningKey.objects.create(
                procurement=procurement,
                public_key=sealed.public_key,
                wrapped_private_key=sealed.wrapped_private_key,
                custodian_id=sealed.custodian_id,
                sealed_deadline=deadline,
                required_openers=openers,
                created_at=now,
            )
    except IntegrityError:  # made concurrently
        return OpeningKey.objects.get(procurement=procurement)
    _record(
        procurement,
        "opening-key.created",
        "system",
        {
            "public_key_sha256": hashlib.sha256(sealed.public_key).hexdigest(),
            "sealed_until": format_time(deadline),
            "required_openers": openers,
            "custodian": sealed.custodian_id,
        },
        now,
    )
    return key


def deadline_changed(procurement: Procurement, *, now: datetime) -> None:
    """Re-seal the opening key after a correction moved the tender deadline *earlier*.

    A later deadline needs nothing: release checks the current deadline too.
    """
    key = OpeningKey.objects.filter(procurement=procurement).first()
    new = _deadline(procurement)
    if key is None or new >= key.sealed_deadline:
        return
    key.wrapped_private_key = conf.custodian().rebind(
        procurement.reference,
        bytes(key.wrapped_private_key),
        old_deadline=key.sealed_deadline,
        new_deadline=new,
        required_openers=key.required_openers,
        now=now,
    )
    key.sealed_deadline = new
    key.save(update_fields=["wrapped_private_key", "sealed_deadline"])
    _record(procurement, "opening-key.resealed", "system", {"sealed_until": format_time(new)}, now)


# --- tenders and uploads ---------------------------------------------------------------


@dataclass(frozen=True)
class SupplierTender:
    """What a supplier has in a procurement: its state and the tenders behind it."""

    state: lifecycle.State
    submitted: Tender | None
    draft: Tender | None
    withdrawn: Tender | None

    @property
    def shown(self) -> Tender | None:
        """The tender the supplier is shown first: the submitted one while it counts."""
        return self.submitted or self.draft or self.withdrawn

    def allowed(self) -> list[lifecycle.Action]:
        return lifecycle.allowed(self.state)


def supplier_tender(
    procurement: Procurement, supplier: Organisation, *, lock: bool = False
) -> SupplierTender:
    """The supplier's state in the procurement (``lock``: rows locked, inside a transaction)."""
    rows = Tender.objects.filter(procurement=procurement, supplier=supplier)
    live = rows.filter(status__in=(TenderStatus.DRAFT, TenderStatus.SUBMITTED))
    if lock:
        live = live.select_for_update()
    current = {t.status: t for t in live}
    submitted = current.get(TenderStatus.SUBMITTED)
    draft = current.get(TenderStatus.DRAFT)
    withdrawn = None
    if submitted is None and draft is None:  # say so when the last tender was withdrawn
        withdrawn = rows.filter(status=TenderStatus.WITHDRAWN).order_by("-withdrawn_at").first()
    state = lifecycle.state_of(draft=draft is not None, submitted=submitted is not None)
    return SupplierTender(state, submitted, draft, withdrawn)


def _not_allowed(position: SupplierTender, action: lifecycle.Action) -> Conflict:
    """The error for an action the state does not allow, saying what to do instead."""
    state, actions = position.state, lifecycle.Action
    if action == actions.START and state == lifecycle.State.DRAFT:
        message = _("The supplier already has a draft tender in this procurement.")
    elif action == actions.START:
        message = _(
            "You have submitted a tender. To change it, choose 'Change my tender' "
            "(POST /api/v1/tenders/{id}/change): your submitted tender stays valid until "
            "you submit the changed one."
        )
    elif action == actions.CHANGE and state == lifecycle.State.CHANGING:
        message = _("A change of your tender is already being prepared.")
    elif action == actions.WITHDRAW and state == lifecycle.State.DRAFT:
        message = _("A draft is not submitted: discard it instead of withdrawing it.")
    elif action == actions.SUBMIT and state == lifecycle.State.SUBMITTED:
        message = _("The tender is already submitted; to change it, choose 'Change my tender'.")
    else:
        message = _("This is not possible now: your tender is %(state)s.") % {"state": state.value}
    extra = {"state": state.value}
    if position.draft is not None:
        extra["tender"] = str(position.draft.id)
    elif position.submitted is not None:
        extra["tender"] = str(position.submitted.id)
    return Conflict(message, **extra)


def _transition(position: SupplierTender, action: lifecycle.Action) -> lifecycle.Transition:
    try:
        return lifecycle.transition(position.state, action)
    except lifecycle.NotAllowed:
        raise _not_allowed(position, action) from None


def _stale(tender: Tender, role: str) -> Conflict:
    """The tender acted on is not the supplier's ``role`` (submitted/draft) tender now."""
    return Conflict(
        _(
            "The page showed a tender that has changed since (it is now: %(status)s); "
            "reload the page."
        )
        % {"status": tender.get_status_display()},
        tender=str(tender.id),
        expected=role,
    )


def start_tender(procurement: Procurement, *, principal: Principal, now: datetime) -> Tender:
    """Start a first draft (NONE -> DRAFT).

    A submitted tender is changed with :func:`change_tender`, never by
    starting an empty draft.
    """
    supplier = principal.organisation
    if supplier is None or not principal.is_supplier_user(supplier):
        raise PermissionDenied(_("Only a supplier user may start a tender."))
    _check_open(procurement, "start", principal.actor, now)
    ensure_opening_key(procurement, now=now)
    try:
        with transaction.atomic():
            position = supplier_tender(procurement, supplier, lock=True)
            step = _transition(position, lifecycle.Action.START)
            tender = Tender.objects.create(
                procurement=procurement,
                supplier=supplier,
                created_by=principal.user,
                created_at=now,
            )
            # No savepoint: any error here undoes the whole start (two round
            # trips fewer under the chain's lock).
            with protocol.appending(ledger_id(procurement), clock=now, savepoint=False) as at:
                _record_sealed(
                    procurement, step.event, tender_actor(tender), {"tender": str(tender.id)}, at
                )
            return tender
    except IntegrityError:
        raise Conflict(_("The supplier already has a draft tender in this procurement.")) from None


def change_tender(tender: Tender, *, principal: Principal, now: datetime) -> Tender:
    """Start a change of a submitted tender (SUBMITTED -> CHANGING): a new draft with its files.

    The draft's files are the submitted tender's sealed uploads, reused as
    they are (nothing is decrypted or copied). The submitted tender stays
    valid, and is the one opened, until the changed tender is submitted.
    """
    _check_supplier(tender, principal)
    procurement = tender.procurement
    _check_open(procurement, "change", tender_actor(tender), now)
    try:
        with transaction.atomic():
            position = supplier_tender(procurement, tender.supplier, lock=True)
            step = _transition(position, lifecycle.Action.CHANGE)
            if position.submitted is None or position.submitted.pk != tender.pk:
                raise _stale(tender, "submitted")
            draft = Tender.objects.create(
                procurement=procurement,
                supplier=tender.supplier,
                created_by=principal.user,
                created_at=now,
            )
            files = list(tender.files.order_by("created_at", "id"))
            TenderFile.objects.bulk_create(
                TenderFile(
                    tender=draft,
                    upload_id=f.upload_id,
                    kind=f.kind,
                    name=f.name,
                    content_type=f.content_type,
                    size=f.size,
                    sha256=f.sha256,
                    created_at=f.created_at,
                )
                for f in files
            )
            _record_sealed(
                procurement,
                step.event,
                tender_actor(draft),
                {"tender": str(draft.id), "changes": str(tender.id), "files": len(files)},
                now,
            )
            return draft
    except IntegrityError:
        raise Conflict(_("A change of your tender is already being prepared.")) from None


def _discard_owned_uploads(draft: Tender) -> list[str]:
    """Abandon the draft's own uploads (not the files it reuses); the chunk paths to delete."""
    names: list[str] = []
    for upload in draft.uploads.exclude(status=UploadStatus.ABANDONED):
        names += list(upload.chunks.values_list("path", flat=True))
        TenderFile.objects.filter(upload=upload).delete()
        upload.chunks.all().delete()
        upload.status = UploadStatus.ABANDONED
        upload.hash_state = None
        upload.save(update_fields=["status", "hash_state"])
    return names


def discard_draft(tender: Tender, *, principal: Principal, now: datetime) -> Tender:
    """Discard a draft: a first draft (DRAFT -> NONE) or a change (CHANGING -> SUBMITTED).

    Files uploaded to the draft are deleted; files it reused from the
    submitted tender stay with that tender.
    """
    _check_supplier(tender, principal)
    procurement = tender.procurement
    _check_open(procurement, "discard", tender_actor(tender), now)
    with transaction.atomic():
        position = supplier_tender(procurement, tender.supplier, lock=True)
        step = _transition(position, lifecycle.Action.DISCARD)
        if position.draft is None or position.draft.pk != tender.pk:
            raise _stale(tender, "draft")
        current = position.draft
        names = _discard_owned_uploads(current)
        lifecycle.set_row_status(current, TenderStatus.DISCARDED)
        current.save(update_fields=["status"])
        _record_sealed(
            procurement, step.event, tender_actor(current), {"tender": str(current.id)}, now
        )
    for name in names:
        storage.remove(name)
    return current


def _check_draft(tender: Tender, principal: Principal, action: str, now: datetime) -> None:
    _check_supplier(tender, principal)
    if tender.status != TenderStatus.DRAFT:
        raise Conflict(_("The tender is %(status)s, not a draft.") % {"status": tender.status})
    _check_open(tender.procurement, action, tender_actor(tender), now)


def begin_upload(
    tender: Tender,
    *,
    principal: Principal,
    kind: str,
    name: str,
    size: int,
    sha256: str,
    content_type: str,
    now: datetime,
) -> Upload:
    """Announce a file: its name, size, SHA-256 and type; chunks follow."""
    _check_draft(tender, principal, "upload", now)
    if kind not in FileKind.values:
        raise SubmissionError(_("Unknown file kind %(kind)s.") % {"kind": kind})
    try:
        clean_name = sanitise_filename(name)
        declared = check_declared_type(content_type)
    except FileRefused as exc:
        raise SubmissionError(str(exc)) from None
    sha256 = sha256.strip().lower()
    if not _SHA256.fullmatch(sha256):
        raise SubmissionError(_("The SHA-256 must be 64 hexadecimal digits."))
    if size < 1:
        raise SubmissionError(_("Empty files are not accepted."))
    if size > conf.file_max_bytes():
        raise SubmissionError(
            _("The file is %(size)d bytes; at most %(max)d bytes are accepted per file.")
            % {"size": size, "max": conf.file_max_bytes()}
        )
    # The draft's files (its own and those a change reuses) and its uploads in progress.
    receiving = tender.uploads.filter(status=UploadStatus.RECEIVING)
    files = tender.files.all()
    pending = receiving.aggregate(total=Sum("declared_size"), count=Count("pk"))
    present = files.aggregate(total=Sum("size"), count=Count("pk"))
    total = (pending["total"] or 0) + (present["total"] or 0) + size
    if total > conf.tender_max_bytes():
        raise SubmissionError(
            _("The tender would be %(size)d bytes; at most %(max)d bytes are accepted per tender.")
            % {"size": total, "max": conf.tender_max_bytes()}
        )
    if pending["count"] + present["count"] >= conf.tender_max_files():
        raise SubmissionError(_("The tender has the largest number of files accepted."))
    if kind in STRUCTURED_ROOTS and (
        declared not in STRUCTURED_TYPES or size > conf.chunk_max_bytes()
    ):
        raise SubmissionError(
            _(
                "An ESPD response or tender catalogue is an XML document sent in one chunk "
                "of at most %(max)d bytes."
            )
            % {"max": conf.chunk_max_bytes()}
        )
    if kind != FileKind.ATTACHMENT and (
        receiving.filter(kind=kind).exists() or files.filter(kind=kind).exists()
    ):
        raise Conflict(
            _("The tender already has a file of kind %(kind)s; discard it first.") % {"kind": kind}
        )
    return Upload.objects.create(
        tender=tender,
        kind=kind,
        name=clean_name,
        content_type=declared,
        declared_size=size,
        declared_sha256=sha256,
        storage_token=storage.new_token(),
        created_at=now,
    )


def chunk_count() -> Coalesce:
    """An annotation of uploads: the number of chunks stored (``chunk_count``)."""
    counted = (
        SealedChunk.objects.filter(upload=OuterRef("pk"))
        .order_by()
        .values("upload")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


def _chunk_context(upload: Upload, index: int, offset: int) -> bytes:
    tender = upload.tender
    return "|".join(
        [
            "heldigital/tender-chunk/v1",
            tender.procurement.reference,
            str(tender.id),
            str(upload.id),
            str(index),
            str(offset),
        ]
    ).encode()


def _hash_purpose(upload: Upload, received: int) -> str:
    return f"upload-sha256|{upload.id}|{received}"


def _load_hash(upload: Upload) -> ResumableSha256:
    if upload.received == 0 or upload.hash_state is None:
        return ResumableSha256()
    raw = conf.custodian().unprotect(
        _hash_purpose(upload, upload.received), bytes(upload.hash_state)
    )
    hasher = ResumableSha256.from_state(raw)
    if hasher.length != upload.received:
        raise SubmissionError(_("The saved upload state is inconsistent; start the file again."))
    return hasher


def _read_exactly(stream: BinaryIO, size: int) -> bytes:
    parts = []
    remaining = size
    while remaining:
        piece = stream.read(remaining)
        if not piece:
            break
        parts.append(piece)
        remaining -= len(piece)
    return b"".join(parts)


def upload_chunk(
    upload: Upload,
    *,
    principal: Principal,
    offset: int,
    length: int,
    stream: BinaryIO,
    now: datetime,
) -> Upload:
    """Receive ``length`` bytes at ``offset``: encrypted as read, never stored in plaintext.

    Chunks arrive in order: ``offset`` must equal the bytes received so far
    (else :class:`OffsetMismatch` names the right one). A chunk that ends
    early (an interrupted request) is discarded whole; the client asks for
    the offset and sends it again.
    """
    tender = upload.tender
    _check_draft(tender, principal, "upload", now)
    if upload.status != UploadStatus.RECEIVING:
        raise Conflict(_("The upload is %(status)s.") % {"status": upload.status})
    if offset != upload.received:
        raise OffsetMismatch(
            _("The next chunk starts at offset %(expected)d, not %(offset)d.")
            % {"expected": upload.received, "offset": offset},
            offset=upload.received,
        )
    if length < 1 or length > conf.chunk_max_bytes():
        raise SubmissionError(
            _("A chunk has 1 to %(max)d bytes.") % {"max": conf.chunk_max_bytes()}
        )
    if offset + length > upload.declared_size:
        raise SubmissionError(
            _("The chunk goes beyond the declared size of %(size)d bytes.")
            % {"size": upload.declared_size}
        )
    key = tender.procurement.opening_key
    hasher = _load_hash(upload)
    sniffed = upload.sniffed_type
    # Counted with the upload by the API (chunk_count()); the count is checked
    # against the row when the chunk is stored (received = offset).
    index = getattr(upload, "chunk_count", None)
    if index is None:
        index = upload.chunks.count()
    context = _chunk_context(upload, index, offset)
    data_key = new_data_key()
    encryptor = StreamEncryptor(data_key, context)
    name = storage.chunk_name(upload.storage_token, index)
    path = storage.absolute(name)
    storage.prepare_directory(path)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in finally
        dir=path.parent, prefix=".incoming-", suffix=".part", delete=False
    )
    received = 0
    try:
        if upload.kind in STRUCTURED_ROOTS:
            if offset != 0 or length != upload.declared_size:
                raise SubmissionError(
                    _("An ESPD response or tender catalogue is sent whole, in one chunk.")
                )
            whole = _read_exactly(stream, length)
            if len(whole) == length:
                try:
                    check_structured(upload.kind, whole)
                except FileRefused as exc:
                    raise SubmissionError(str(exc)) from None
            stream = io.BytesIO(whole)
        if offset == 0:
            head_size = min(length, SNIFF_BYTES)
            if head_size < min(upload.declared_size, SNIFF_BYTES):
                raise SubmissionError(
                    _("The first chunk must hold at least %(n)d bytes (for type detection).")
                    % {"n": min(upload.declared_size, SNIFF_BYTES)}
                )
            head = _read_exactly(stream, head_size)
            if len(head) == head_size:
                try:
                    sniffed = sniff(
                        head,
                        upload.content_type,
                        complete=length == upload.declared_size == len(head),
                    )
                except FileRefused as exc:
                    raise SubmissionError(str(exc)) from None
            hasher.update(head)
            handle.write(encryptor.update(head))
            received += len(head)
        while received < length:
            piece = stream.read(min(READ_SIZE, length - received))
            if not piece:
                break
            hasher.update(piece)
            handle.write(encryptor.update(piece))
            received += len(piece)
        if received != length:
            raise SubmissionError(
                _("The chunk ended after %(got)d of %(length)d bytes; send it again.")
                % {"got": received, "length": length}
            )
        handle.write(encryptor.finalize())
        storage.fsync_and_close(handle)
        Path(handle.name).replace(path)
        # The rename is durable only once the directory is: before the row commits.
        storage.fsync_directory(path.parent)
        wrapped = wrap_key(data_key, bytes(key.public_key), context)
        del data_key
        state = conf.custodian().protect(_hash_purpose(upload, offset + length), hasher.state())
        size = path.stat().st_size
        with transaction.atomic():
            # One conditional update decides (it waits for, then re-checks against,
            # a concurrent request's update of the row): the chunk is stored only
            # if the upload is still receiving at this offset.
            stored = Upload.objects.filter(
                pk=upload.pk, received=offset, status=UploadStatus.RECEIVING
            ).update(received=offset + length, hash_state=state, sniffed_type=sniffed)
            if not stored:
                now_at = Upload.objects.filter(pk=upload.pk).values_list("received", flat=True)
                received_now = now_at.first() or 0
                raise OffsetMismatch(
                    _("Another request has received this chunk; the next offset is %(offset)d.")
                    % {"offset": received_now},
                    offset=received_now,
                )
            SealedChunk.objects.create(
                upload=upload,
                index=index,
                offset=offset,
                length=length,
                path=name,
                ciphertext_size=size,
                wrapped_key=wrapped,
            )
        upload.received = offset + length
        upload.hash_state = state
        upload.sniffed_type = sniffed
        current = upload
    except BaseException:
        handle.close()
        Path(handle.name).unlink(missing_ok=True)
        storage.remove(name)
        raise
    return current


def complete_upload(upload: Upload, *, principal: Principal, now: datetime) -> TenderFile:
    """Check the size and SHA-256 of a fully received file and make it part of the tender.

    A digest mismatch abandons the upload (its ciphertext is deleted).
    """
    tender = upload.tender
    _check_draft(tender, principal, "complete-upload", now)
    if upload.status != UploadStatus.RECEIVING:
        raise Conflict(_("The upload is %(status)s.") % {"status": upload.status})
    if upload.received != upload.declared_size:
        raise Conflict(
            _("%(got)d of %(size)d bytes have arrived; send the rest from offset %(got)d.")
            % {"got": upload.received, "size": upload.declared_size},
            offset=upload.received,
        )
    digest = _load_hash(upload).hexdigest()
    if digest != upload.declared_sha256:
        abandon_upload(upload, principal=principal, now=now)
        raise SubmissionError(
            _(
                "The file's SHA-256 is %(actual)s, not the declared %(declared)s; "
                "the upload was discarded."
            )
            % {"actual": digest, "declared": upload.declared_sha256}
        )
    with transaction.atomic():
        # One conditional update decides, as for a chunk (it waits for and re-checks
        # against a concurrent request's change of the row).
        completed = Upload.objects.filter(pk=upload.pk, status=UploadStatus.RECEIVING).update(
            status=UploadStatus.COMPLETE, completed_at=now, hash_state=None
        )
        if not completed:
            status = Upload.objects.filter(pk=upload.pk).values_list("status", flat=True).first()
            raise Conflict(_("The upload is %(status)s.") % {"status": status})
        current = upload
        current.status = UploadStatus.COMPLETE
        current.completed_at = now
        current.hash_state = None
        return TenderFile.objects.create(
            tender=tender,
            upload=current,
            kind=current.kind,
            name=current.name,
            content_type=current.sniffed_type or current.content_type,
            size=current.declared_size,
            sha256=digest,
            created_at=now,
        )


def abandon_upload(upload: Upload, *, principal: Principal, now: datetime) -> None:
    """Discard an upload of a draft (received or not): its ciphertext is deleted."""
    _check_supplier(upload.tender, principal)
    if upload.tender.status != TenderStatus.DRAFT:
        raise Conflict(_("Only files of a draft tender can be discarded."))
    # After the deadline a tender's files are frozen: refused and recorded (409).
    _check_open(upload.tender.procurement, "discard", tender_actor(upload.tender), now)
    with transaction.atomic():
        TenderFile.objects.filter(upload=upload).delete()
        names = mark_abandoned(upload)
    for name in names:
        storage.remove(name)


def mark_abandoned(upload: Upload) -> list[str]:
    """Mark ``upload`` abandoned and drop its chunk rows (inside the caller's transaction).

    Returns the stored chunk names, to be removed from storage after commit.
    """
    names = list(upload.chunks.values_list("path", flat=True))
    upload.chunks.all().delete()
    upload.status = UploadStatus.ABANDONED
    upload.hash_state = None
    upload.save(update_fields=["status", "hash_state"])
    return names


def remove_file(tender_file: TenderFile, *, principal: Principal, now: datetime) -> None:
    """Remove a file from a draft. A file uploaded to the draft is deleted; a file a
    change reuses from the submitted tender only leaves the draft."""
    tender = Tender.objects.select_related("procurement", "supplier").get(pk=tender_file.tender_id)
    _check_draft(tender, principal, "remove-file", now)
    upload = tender_file.upload
    if upload.tender_id == tender.pk:
        abandon_upload(upload, principal=principal, now=now)
    else:
        TenderFile.objects.filter(pk=tender_file.pk, tender=tender).delete()


def add_document(
    tender: Tender,
    *,
    principal: Principal,
    kind: str,
    name: str,
    content_type: str,
    content: bytes,
    now: datetime,
) -> TenderFile:
    """A small file built in the platform (ESPD response, catalogue): sealed in one step."""
    upload = begin_upload(
        tender,
        principal=principal,
        kind=kind,
        name=name,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content_type=content_type,
        now=now,
    )
    upload_chunk(
        upload,
        principal=principal,
        offset=0,
        length=len(content),
        stream=io.BytesIO(content),
        now=now,
    )
    return complete_upload(Upload.objects.get(pk=upload.pk), principal=principal, now=now)


def submit(tender: Tender, *, principal: Principal, now: When) -> Receipt:
    """Submit a draft: it counts from the time of receipt and gets a signed receipt.

    The time of receipt is read under the chain's lock
    (:func:`heldigital.apps.protocol.services.appending`); whether the
    tender is on time is decided with exactly that time, which is the one on
    the receipt and in the ``tender.submitted`` event. A late submit is
    refused (:class:`DeadlinePassed`, recorded); no submit fails because
    another was recorded first.

    Atomic: either the tender is submitted with all its complete files and
    its receipt and protocol event, or nothing changes. An earlier submitted
    tender of the same supplier is marked replaced.

    The supplier's own rows are locked and read before the chain's lock (in
    the same transaction, in the order :func:`start_tender` takes them):
    every query under the chain's lock delays every other supplier's submit
    near the deadline. What they show decides only after the deadline check,
    so a late submit is refused as late whatever state it finds.
    """
    _check_supplier(tender, principal)
    if tender.status != TenderStatus.DRAFT:
        raise Conflict(_("The tender is %(status)s, not a draft.") % {"status": tender.status})
    _check_published(tender.procurement)
    late: DeadlinePassed | None = None
    # Fresh, under the lock (and in the lock's round trip): a correction may have
    # moved the deadline or closed the procurement.
    fresh = Procurement.objects.filter(pk=tender.procurement_id).values_list(*_OPEN_FIELDS)
    with transaction.atomic():
        draft = _submittable(tender)
        pid = ledger_id(tender.procurement)
        with protocol.appending(pid, clock=now, savepoint=False, fresh=fresh) as at:
            procurement = copy.copy(tender.procurement)
            for name, value in zip(_OPEN_FIELDS, protocol.fresh_rows(pid)[0], strict=True):
                setattr(procurement, name, value)
            if _is_late(procurement, at):
                late = _refuse_late(procurement, "submit", tender_actor(tender), at)
            elif isinstance(draft, SubmissionError):
                raise draft
            else:
                receipt = _submit_draft(draft, procurement, at)
    if late is not None:
        raise late
    # After commit, outside the chain's lock: the supplier's confirmation by e-mail.
    from heldigital.apps.submissions import mail

    mail.tender_received(receipt.tender, receipt.issued_at)
    return receipt


@dataclass(frozen=True)
class _Submittable:
    """A draft checked for submission, its supplier's rows locked."""

    position: SupplierTender
    step: lifecycle.Transition
    tender: Tender
    files: list[TenderFile]


def _submittable(tender: Tender) -> _Submittable | SubmissionError:
    """Lock the supplier's tenders and check that ``tender`` can be submitted now;
    the error to raise (after the deadline check) if not."""
    position = supplier_tender(tender.procurement, tender.supplier, lock=True)
    try:
        step = _transition(position, lifecycle.Action.SUBMIT)
    except SubmissionError as exc:
        return exc
    current = position.draft
    if current is None or current.pk != tender.pk:
        status = Tender.objects.filter(pk=tender.pk).values_list("status", flat=True).first()
        return Conflict(_("The tender is %(status)s, not a draft.") % {"status": status})
    current.supplier = tender.supplier  # the same row (supplier_tender filtered by it)
    pending = list(
        current.uploads.filter(status=UploadStatus.RECEIVING).values_list("name", flat=True)
    )
    if pending:
        return Conflict(
            _("Files still uploading: %(names)s. Complete or discard them first.")
            % {"names": ", ".join(pending)}
        )
    files = list(current.files.order_by("created_at", "id"))
    if not files:
        return SubmissionError(_("A tender needs at least one file."))
    return _Submittable(position, step, current, files)


def _submit_draft(draft: _Submittable, procurement: Procurement, now: datetime) -> Receipt:
    # Under the chain's lock: only the writes and the receipt.
    position, step, current, files = draft.position, draft.step, draft.tender, draft.files
    previous = position.submitted  # locked by supplier_tender
    updates: list[tuple[Any, list[str]]] = []
    if previous is not None:
        lifecycle.set_row_status(previous, TenderStatus.REPLACED)
        updates.append((previous, ["status"]))
        current.replaces = previous
    lifecycle.set_row_status(current, TenderStatus.SUBMITTED)
    current.submitted_at = now
    updates.append((current, ["status", "submitted_at", "replaces"]))
    # The event first: the receipt names it (the head of the chain it extends),
    # so the event cannot hold the receipt's digest; the opening record does.
    # The tender's rows, the event and the receipt are written together, in
    # one round trip under the chain's lock (protocol.save_together).
    rows: list[Any] = []
    event = protocol.record(
        procurement_id=protocol.sealed_chain(ledger_id(procurement)),
        type=step.event,
        actor=tender_actor(current),
        payload={
            "tender": str(current.id),
            "received_at": format_time(now),
            "files": len(files),
            "replaces": str(previous.id) if previous is not None else None,
        },
        now=now,
        together=rows,
    )
    signer = conf.signer()
    xml, signature = build_receipt(
        ReceiptData(
            tender_id=str(current.id),
            procurement_reference=procurement.reference,
            procurement_title=procurement.title,
            buyer_name=procurement.buyer.name,
            buyer_orgnr=procurement.buyer.orgnr,
            supplier_name=current.supplier.name,
            supplier_orgnr=current.supplier.orgnr,
            received_at=now,
            tender_deadline=_deadline(procurement),
            replaces=str(previous.id) if previous is not None else None,
            files=tuple(
                ReceiptFile(f.kind, f.name, f.content_type, f.size, f.sha256) for f in files
            ),
            chain_head=ChainHead(event.procurement_id, event.sequence, event.hash),
        ),
        signer,
    )
    receipt = Receipt(
        tender=current,
        issued_at=now,
        xml=xml,
        signature=signature,
        key_fingerprint=signer.fingerprint,
        ledger_id=event.procurement_id,
        ledger_sequence=event.sequence,
        ledger_hash=event.hash,
    )
    protocol.save_together(updates, [*rows, receipt])
    return receipt


def withdraw(tender: Tender, *, principal: Principal, now: When) -> Tender:
    """Withdraw the submitted tender before the deadline (SUBMITTED or CHANGING -> NONE).

    ``tender`` must be the supplier's submitted tender - the one the page
    shows. A change being prepared is discarded with it. A draft is not
    withdrawn but discarded (:func:`discard_draft`). Decided under the
    chain's lock like :func:`submit`: a withdrawal decided after the
    deadline (or after the opening) is refused.
    """
    _check_supplier(tender, principal)
    _check_published(tender.procurement)
    late: DeadlinePassed | None = None
    names: list[str] = []
    with protocol.appending(ledger_id(tender.procurement), clock=now) as at:
        procurement = Procurement.objects.get(pk=tender.procurement_id)
        if _is_late(procurement, at):
            late = _refuse_late(procurement, "withdraw", tender_actor(tender), at)
        else:
            position = supplier_tender(procurement, tender.supplier, lock=True)
            step = _transition(position, lifecycle.Action.WITHDRAW)
            current = position.submitted
            if current is None or current.pk != tender.pk:
                raise _stale(tender, "submitted")
            lifecycle.set_row_status(current, TenderStatus.WITHDRAWN)
            current.withdrawn_at = at
            current.save(update_fields=["status", "withdrawn_at"])
            change = position.draft
            if change is not None:
                names = _discard_owned_uploads(change)
                lifecycle.set_row_status(change, TenderStatus.DISCARDED)
                change.save(update_fields=["status"])
            _record_sealed(
                procurement,
                step.event,
                tender_actor(current),
                {
                    "tender": str(current.id),
                    "withdrawn_at": format_time(at),
                    "discarded_change": str(change.id) if change is not None else None,
                },
                at,
            )
    if late is not None:
        raise late
    for name in names:
        storage.remove(name)
    from heldigital.apps.submissions import mail

    assert current.withdrawn_at is not None
    mail.tender_withdrawn(current, current.withdrawn_at)
    return current


# --- opening ----------------------------------------------------------------------------


@dataclass(frozen=True)
class OpeningOutcome:
    status: Literal["waiting", "opened"]
    openers: int
    required: int
    record: OpeningRecord | None


def _opening_deadline(procurement: Procurement, key: OpeningKey) -> datetime:
    return max(key.sealed_deadline, _deadline(procurement))


def _refuse_opening(
    procurement: Procurement,
    actor: str,
    reason: str,
    message: str,
    now: datetime,
    *,
    recorded: bool = True,
    **extra: Any,
) -> Refused:
    """Record a refused opening (rate-limited) and return the error to raise.

    Someone with no role at the buyer (``recorded=False``) does not write to
    the procurement's protocol at all: a log line is enough.
    """
    if recorded:
        protocol.record_refusal(
            procurement_id=ledger_id(procurement),
            type="opening.refused",
            actor=actor,
            reason=reason,
            payload={"server_time": format_time(now), **extra},
            now=now,
        )
    else:
        refusals.warning(
            "opening refused: %s has no role at the buyer of %s (not recorded in its protocol)",
            actor,
            procurement.reference,
        )
    return Refused(message)


def _release(procurement: Procurement, key: OpeningKey, now: datetime) -> bytes:
    openers = [str(pk) for pk in procurement.opening_acts.values_list("opener_id", flat=True)]
    custodian = conf.custodian()
    if key.custodian_id != custodian.custodian_id:
        raise SealIntegrityError(
            f"the opening key of {procurement.reference} was sealed by {key.custodian_id}, "
            f"but the platform's custodian is {custodian.custodian_id}: restore the master "
            "secret it was sealed with"
        )
    return custodian.release(
        procurement.reference,
        bytes(key.wrapped_private_key),
        deadline=key.sealed_deadline,
        now=now,
        openers=openers,
        required_openers=key.required_openers,
    )


def _decrypt_file(tender_file: TenderFile, private_key: bytes) -> Iterator[bytes]:
    upload = tender_file.upload
    for chunk in upload.chunks.order_by("index"):
        context = _chunk_context(upload, chunk.index, chunk.offset)
        data_key = unwrap_key(bytes(chunk.wrapped_key), private_key, context)
        with storage.absolute(chunk.path).open("rb") as handle:
            yield from decrypt_stream(data_key, context, handle)


def open_tenders(procurement: Procurement, *, principal: Principal, now: When) -> OpeningOutcome:
    """An opener acts to open the tenders; they open once enough different openers acted.

    Refused (and recorded) for anyone without the opener role in the buying
    organisation and for everybody before the deadline. On opening every
    submitted tender is decrypted once to verify its digests; the opening
    record lists them with their time of receipt.

    Three steps. (1) Under the chain's lock, with the time read there: the
    deadline check, the opener's act and the release of the key; the set
    of submitted tenders is taken here. Every submit decided before this
    point has committed (it held the same lock) and every one decided after
    it reads a later time and is late, so this set is final and equals the
    set of receipts. (2) Without the lock: decrypt and verify every file.
    (3) Under the lock again: store the signed opening record and its event.
    """
    given = procurement
    pid = ledger_id(procurement)
    refused: Refused | None = None
    with protocol.appending(pid, clock=now) as at:
        procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
        key = OpeningKey.objects.filter(procurement=procurement).first()
        roles = _buyer_roles(principal, procurement)
        if Role.OPENER not in roles:
            refused = _refuse_opening(
                procurement,
                principal.actor,
                "not-an-opener",
                _("Only users with the opener role of %(buyer)s can open tenders.")
                % {"buyer": procurement.buyer.name},
                at,
                recorded=principal.acts_for(procurement.buyer),
            )
        elif key is None:
            raise Conflict(_("The procurement has no sealed tenders."))
        else:
            deadline = _opening_deadline(procurement, key)
            if check_release(
                procurement_ref=procurement.reference,
                deadline=deadline,
                now=at,
                openers=[str(principal.user.pk)],
                required_openers=1,
            ):
                refused = _refuse_opening(
                    procurement,
                    principal.actor,
                    RefusalReason.BEFORE_DEADLINE.value,
                    _(
                        "The tenders are sealed until the tender deadline %(deadline)s; the "
                        "server time is now %(now)s (Europe/Oslo)."
                    )
                    % {"deadline": oslo_text(deadline), "now": oslo_text(at)},
                    at,
                    deadline=format_time(deadline),
                )
            else:
                step = _act(procurement, key, principal, at)
    if refused is not None:
        raise refused
    if isinstance(step, OpeningOutcome):
        return step
    count, private, tenders = step
    entries = [_verify_tender(tender, private) for tender in tenders]
    with protocol.appending(pid, clock=now) as at:
        existing = OpeningRecord.objects.filter(procurement=procurement).first()
        if existing is not None:  # another opener finished first
            return OpeningOutcome("opened", count, key.required_openers, existing)
        submitted = set(
            Tender.objects.filter(
                procurement=procurement, status=TenderStatus.SUBMITTED
            ).values_list("id", flat=True)
        )
        if submitted != {tender.id for tender in tenders}:  # pragma: no cover - see above
            raise AssertionError("the submitted tenders changed after the deadline")
        # Every refused attempt counted so far goes into the protocol before the opening.
        protocol.flush_refusals(now=at, procurement_id=pid)
        record = _make_opening_record(procurement, entries, at)
        given.status = procurement.status
        return OpeningOutcome("opened", count, key.required_openers, record)


def _act(
    procurement: Procurement,
    key: OpeningKey,
    principal: Principal,
    now: datetime,
) -> OpeningOutcome | tuple[int, bytes, list[Tender]]:
    """An opener's act after the deadline (under the lock): the outcome, or what to open."""
    existing = OpeningRecord.objects.filter(procurement=procurement).first()
    if existing is not None:
        count = procurement.opening_acts.count()
        return OpeningOutcome("opened", count, key.required_openers, existing)
    actor = principal.actor
    if not procurement.opening_acts.filter(opener=principal.user).exists():
        OpeningAct(procurement=procurement, opener=principal.user, actor=actor, acted_at=now).save()
        _record(
            procurement,
            "opening.act",
            actor,
            {
                "openers": procurement.opening_acts.count(),
                "required_openers": key.required_openers,
            },
            now,
        )
    count = procurement.opening_acts.count()
    try:
        private = _release(procurement, key, now)
    except ReleaseRefused as refusal:
        if refusal.refusal.reason == RefusalReason.SECOND_OPENER_MISSING:
            return OpeningOutcome("waiting", count, key.required_openers, None)
        raise
    tenders = list(
        Tender.objects.filter(procurement=procurement, status=TenderStatus.SUBMITTED)
        .select_related("supplier")
        .order_by("submitted_at", "id")
    )
    return count, private, tenders


def _verify_tender(tender: Tender, private_key: bytes) -> dict[str, Any]:
    """One tender's entry of the opening record: every file decrypted and checked."""
    files = []
    for tender_file in tender.files.select_related("upload").order_by("created_at", "id"):
        digest = hashlib.sha256()
        size = 0
        problem = None
        try:
            for piece in _decrypt_file(tender_file, private_key):
                digest.update(piece)
                size += len(piece)
        except (SealIntegrityError, OSError) as exc:
            problem = str(exc)
        verified = problem is None and digest.hexdigest() == tender_file.sha256
        if problem is None and not verified:
            problem = _("the decrypted content does not match the digest on the receipt")
        files.append(
            {
                "file": str(tender_file.id),
                "kind": tender_file.kind,
                "name": tender_file.name,
                "size": tender_file.size,
                "sha256": tender_file.sha256,
                "verified": verified,
                "problem": problem,
            }
        )
    receipt = Receipt.objects.filter(tender=tender).first()
    assert tender.submitted_at is not None
    return {
        "tender": str(tender.id),
        "supplier": tender.supplier.name,
        "supplier_orgnr": tender.supplier.orgnr,
        "received_at": format_time(tender.submitted_at),
        "receipt_sha256": receipt_digest(bytes(receipt.xml)) if receipt else None,
        "files": files,
    }


def _make_opening_record(
    procurement: Procurement, entries: list[dict[str, Any]], now: datetime
) -> OpeningRecord:
    openers = list(procurement.opening_acts.order_by("acted_at").values("actor", "acted_at"))
    content = {
        "procurement": procurement.reference,
        "title": procurement.title,
        "tender_deadline": format_time(_deadline(procurement)),
        "opened_at": format_time(now),
        "openers": [{"actor": o["actor"], "acted_at": format_time(o["acted_at"])} for o in openers],
        "withdrawn": Tender.objects.filter(
            procurement=procurement, status=TenderStatus.WITHDRAWN, submitted_at__isnull=False
        ).count(),
        "tenders": entries,
    }
    signer = conf.signer()
    canonical = canonical_json(content)
    record = OpeningRecord(
        procurement=procurement,
        opened_at=now,
        content=content,
        signature=signer.sign(canonical),
        key_fingerprint=signer.fingerprint,
    )
    record.save()
    # The procurement becomes opened; the transition records `tenders.opened`.
    procurement_lifecycle.transition(
        procurement,
        ProcurementStatus.OPENED,
        principal=None,
        now=now,
        payload={
            "record_sha256": hashlib.sha256(canonical).hexdigest(),
            "tenders": [
                {
                    "tender": e["tender"],
                    "supplier_orgnr": e["supplier_orgnr"],
                    "received_at": e["received_at"],
                    "files": [
                        {"sha256": f["sha256"], "verified": f["verified"]} for f in e["files"]
                    ],
                }
                for e in entries
            ],
        },
    )
    return record


def verify_opening_record(record: OpeningRecord, public_key: bytes) -> bool:
    """Whether the opening record is unchanged since the platform signed it.

    The signature (Ed25519) covers the canonical JSON (RFC 8785, as in the
    protocol) of ``content``; its SHA-256 is also in the ``tenders.opened``
    protocol event.
    """
    from heldigital.sealing import fingerprint, verify

    return record.key_fingerprint == fingerprint(public_key) and verify(
        public_key, canonical_json(record.content), bytes(record.signature)
    )


def read_tender_file(
    tender_file: TenderFile, *, principal: Principal, now: When
) -> Iterator[bytes]:
    """The plaintext of a tender file, decrypted on read; only after opening, only for the buyer.

    Refusals are recorded in the protocol. Nothing decrypted is stored.
    """
    # Decided on fresh rows, never on objects the caller may hold stale.
    tender = Tender.objects.select_related("procurement").get(pk=tender_file.tender_id)
    procurement = tender.procurement
    actor = principal.actor
    opened = OpeningRecord.objects.filter(procurement=procurement).exists()
    roles = _buyer_roles(principal, procurement)
    if not roles or not opened or tender.status != TenderStatus.SUBMITTED:
        reason = "not-opened" if not opened else "no-access"
        if principal.acts_for(procurement.buyer) or principal.is_supplier_user(tender.supplier):
            # In the sealed part: the event names a tender. Rate-limited.
            with protocol.appending(ledger_id(procurement), clock=now) as at:
                protocol.record_refusal(
                    procurement_id=protocol.sealed_chain(ledger_id(procurement)),
                    type="tender.read.refused",
                    actor=actor,
                    reason=reason,
                    payload={"tender": str(tender.id), "server_time": format_time(at)},
                    now=at,
                )
        else:  # no role in the procurement or the tender: not in its protocol
            refusals.warning(
                "tender read refused: %s has no role in %s or its tender (not recorded)",
                actor,
                procurement.reference,
            )
        raise Refused(
            _("Tender content can be read only by the buyer, after the tenders are opened.")
        )
    private = _release(procurement, procurement.opening_key, protocol.read_clock(now))
    return _decrypt_file(tender_file, private)


# --- receipts against the protocol ---------------------------------------------------------


@dataclass(frozen=True)
class ReceiptFinding:
    """What a receipt shows about the protocol; ``problem`` is ``None`` when it agrees."""

    name: str
    head: ChainHead | None
    event_type: str | None
    problem: str | None


def check_receipt(name: str, xml: bytes, public_key: bytes) -> ReceiptFinding:
    """Check one receipt (as downloaded) against the platform key and the stored protocol.

    The receipt must be signed by the platform, and the ``tender.submitted``
    event it names (:class:`ChainHead`) must be in the protocol with that
    hash and for that tender. The chain up to it is checked by
    :func:`heldigital.apps.protocol.services.verify_procurement`; together
    they prove the chain existed at least up to the receipt, so removing its
    last events is found too.
    """
    from heldigital import xml as hxml
    from heldigital.apps.protocol.models import ProtocolEvent
    from heldigital.apps.submissions.receipts import verify_receipt

    try:
        check = verify_receipt(xml, public_key)
    except (hxml.DocumentError, ValueError) as exc:
        return ReceiptFinding(name, None, None, f"not a readable tender receipt: {exc}")
    if not check.valid:
        return ReceiptFinding(name, None, None, "the signature is not the platform's")
    assert check.data is not None
    head = check.data.chain_head
    if head is None:
        return ReceiptFinding(
            name, None, None, "the receipt names no protocol event (issued before they did)"
        )
    row = ProtocolEvent.objects.filter(
        procurement_id=head.ledger_id, sequence=head.sequence
    ).first()
    if row is None:
        return ReceiptFinding(
            name, head, "tender.submitted", "missing from the protocol (the event was removed)"
        )
    if row.hash != head.hash:
        return ReceiptFinding(
            name,
            head,
            row.type,
            f"changed: the protocol has hash {row.hash}, the receipt {head.hash}",
        )
    if row.type != "tender.submitted" or row.data.get("tender") != check.data.tender_id:
        return ReceiptFinding(
            name, head, row.type, "changed: the event is not this tender's submission"
        )
    return ReceiptFinding(name, head, row.type, None)
