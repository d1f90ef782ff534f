"""Sealed submission and opening through the services, with a controlled clock."""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, datetime, timedelta

import pytest

from heldigital.apps.protocol import services as protocol
from heldigital.apps.submissions import conf, services
from heldigital.apps.submissions.models import (
    OpeningRecord,
    Receipt,
    SealedChunk,
    Tender,
    TenderStatus,
    Upload,
    UploadStatus,
)
from heldigital.apps.submissions.receipts import read_receipt, receipt_pdf, verify_receipt
from heldigital.apps.submissions.storage import absolute
from heldigital.apps.tendering.models import ProcurementStatus
from heldigital.ledger.canonical import canonical_json
from heldigital.sealing import IntegrityError as SealIntegrityError
from tests.platform.conftest import acting

from .conftest import (
    BEFORE,
    DEADLINE,
    make_procurement,
    tender_catalogue,
    upload_file,
    xml_document,
)


def events(procurement, type_=None):
    """Every event of the procurement's protocol: main chain and sealed part, by time."""
    qs = protocol.readable_events(procurement.reference, sealed=True)
    return [e for e in qs if type_ is None or e.type == type_]


def submitted_tender(procurement, supplier, user, content, *, now=BEFORE, chunk=1 << 16):
    tender = services.start_tender(procurement, principal=acting(user, supplier), now=now)
    upload_file(tender, user, content, now=now, chunk=chunk)
    receipt = services.submit(tender, principal=acting(user), now=now + timedelta(seconds=1))
    return Tender.objects.get(pk=tender.pk), receipt


class BrokenStream(io.BytesIO):
    """A request body that stops early, as when the connection drops."""

    def __init__(self, data: bytes, stop: int) -> None:
        super().__init__(data[:stop])


# --- upload ------------------------------------------------------------------------------


def test_resumable_upload_over_many_requests_with_an_interrupted_one(
    procurement, supplier, supplier_user
):
    content = xml_document("resumable", size=300_000)
    tender = services.start_tender(
        procurement, principal=acting(supplier_user, supplier), now=BEFORE
    )
    upload = services.begin_upload(
        tender,
        principal=acting(supplier_user),
        kind="attachment",
        name="../../etc/Pris skjema.xml",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content_type="application/xml",
        now=BEFORE,
    )
    assert upload.name == "Pris skjema.xml"
    chunk = 40_001  # not a multiple of the SHA-256 block
    offset = 0
    interrupted = False
    while offset < len(content):
        piece = content[offset : offset + chunk]
        upload = Upload.objects.get(pk=upload.pk)
        if offset == 3 * chunk and not interrupted:
            interrupted = True
            with pytest.raises(services.SubmissionError, match="ended after 1000 of 40001"):
                services.upload_chunk(
                    upload,
                    principal=acting(supplier_user),
                    offset=offset,
                    length=len(piece),
                    stream=BrokenStream(piece, 1000),
                    now=BEFORE,
                )
            # Nothing of the broken chunk is kept: the offset is where it was.
            upload = Upload.objects.get(pk=upload.pk)
            assert upload.received == offset
            assert upload.chunks.count() == 3
            with pytest.raises(services.OffsetMismatch) as wrong:
                services.upload_chunk(
                    upload,
                    principal=acting(supplier_user),
                    offset=offset + 5,
                    length=10,
                    stream=io.BytesIO(b"x" * 10),
                    now=BEFORE,
                )
            assert wrong.value.details["offset"] == offset
        upload = services.upload_chunk(
            upload,
            principal=acting(supplier_user),
            offset=offset,
            length=len(piece),
            stream=io.BytesIO(piece),
            now=BEFORE,
        )
        offset += len(piece)
    assert interrupted
    tender_file = services.complete_upload(upload, principal=acting(supplier_user), now=BEFORE)
    assert tender_file.sha256 == hashlib.sha256(content).hexdigest()
    assert tender_file.size == len(content)
    assert tender_file.content_type == "application/xml"
    upload = Upload.objects.get(pk=upload.pk)
    assert upload.status == UploadStatus.COMPLETE and upload.hash_state is None
    chunks = list(upload.chunks.order_by("index"))
    assert [c.offset for c in chunks] == list(range(0, len(content), chunk))
    # No orphaned temporary files, and the ciphertext is in the sealed store.
    stored = sorted(p.name for p in absolute(chunks[0].path).parent.iterdir())
    assert len(stored) == len(chunks) and all(name.endswith(".hdse") for name in stored)


def test_a_wrong_digest_discards_the_upload(procurement, supplier, supplier_user):
    tender = services.start_tender(
        procurement, principal=acting(supplier_user, supplier), now=BEFORE
    )
    content = xml_document("digest")
    upload = services.begin_upload(
        tender,
        principal=acting(supplier_user),
        kind="attachment",
        name="a.xml",
        size=len(content),
        sha256="0" * 64,
        content_type="application/xml",
        now=BEFORE,
    )
    upload = services.upload_chunk(
        upload,
        principal=acting(supplier_user),
        offset=0,
        length=len(content),
        stream=io.BytesIO(content),
        now=BEFORE,
    )
    with pytest.raises(services.SubmissionError, match="not the declared"):
        services.complete_upload(upload, principal=acting(supplier_user), now=BEFORE)
    upload = Upload.objects.get(pk=upload.pk)
    assert upload.status == UploadStatus.ABANDONED
    assert not SealedChunk.objects.filter(upload=upload).exists()


@pytest.mark.parametrize(
    ("content", "declared", "message"),
    [
        (b"MZ\x90\x00" + b"\0" * 300, "application/pdf", "Executable"),
        (b"#!/bin/sh\nrm -rf /\n", "text/plain", "Executable"),
        (b"\x7fELF" + b"\0" * 300, "application/octet-stream", "Executable"),
        (b"%PDF-1.7\n" + b"x" * 300, "application/xml", "its content is application/pdf"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 300, "application/pdf", "its content is image/png"),
        (b"<Doc>\x00\xff</Doc>", "application/xml", "not UTF-8 text"),
        (b"plain words", "application/pdf", "does not match"),
    ],
)
def test_content_type_sniffing_refuses_executables_and_mismatches(
    procurement, supplier, supplier_user, content, declared, message
):
    tender = services.start_tender(
        procurement, principal=acting(supplier_user, supplier), now=BEFORE
    )
    upload = services.begin_upload(
        tender,
        principal=acting(supplier_user),
        kind="attachment",
        name="file",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content_type=declared,
        now=BEFORE,
    )
    with pytest.raises(services.SubmissionError, match=message):
        services.upload_chunk(
            upload,
            principal=acting(supplier_user),
            offset=0,
            length=len(content),
            stream=io.BytesIO(content),
            now=BEFORE,
        )
    assert Upload.objects.get(pk=upload.pk).received == 0
    assert not list(conf.sealed_root().rglob("*.hdse"))


def test_size_and_type_limits(procurement, supplier, supplier_user, settings):
    settings.HELDIGITAL_TENDER_MAX_BYTES = 1000
    tender = services.start_tender(
        procurement, principal=acting(supplier_user, supplier), now=BEFORE
    )

    def begin(size, content_type="application/pdf", kind="attachment"):
        return services.begin_upload(
            tender,
            principal=acting(supplier_user),
            kind=kind,
            name="x.pdf",
            size=size,
            sha256="a" * 64,
            content_type=content_type,
            now=BEFORE,
        )

    with pytest.raises(services.SubmissionError, match="at most 1000 bytes"):
        begin(1001)
    with pytest.raises(services.SubmissionError, match="not accepted"):
        begin(10, "application/x-msdownload")
    with pytest.raises(services.SubmissionError, match="Empty"):
        begin(0)
    with pytest.raises(services.SubmissionError, match="XML document sent in one chunk"):
        begin(600, kind="espd-response")
    begin(600, "application/xml", kind="espd-response")
    with pytest.raises(services.Conflict, match="already has a file of kind"):
        begin(100, "application/xml", kind="espd-response")
    with pytest.raises(services.SubmissionError, match="per tender"):
        begin(401)


# --- submit, receipt, withdraw, replace --------------------------------------------------


def test_submit_gives_a_signed_receipt_with_time_and_digests(procurement, supplier, supplier_user):
    content = xml_document("receipt")
    tender, receipt = submitted_tender(procurement, supplier, supplier_user, content)
    assert tender.status == TenderStatus.SUBMITTED
    assert tender.submitted_at == BEFORE + timedelta(seconds=1)
    check = verify_receipt(bytes(receipt.xml), conf.signer().public_key)
    assert check.valid and check.fingerprint == conf.signer().fingerprint
    assert check.data.received_at == tender.submitted_at
    assert [f.sha256 for f in check.data.files] == [hashlib.sha256(content).hexdigest()]
    assert check.data.supplier_orgnr == supplier.orgnr
    # Any change of the signed content breaks the signature.
    forged = bytes(receipt.xml).replace(b"2026-11-28T11:00:01", b"2026-11-28T10:00:01")
    assert forged != bytes(receipt.xml)
    assert not verify_receipt(forged, conf.signer().public_key).valid
    pdf = receipt_pdf(bytes(receipt.xml))
    assert pdf.startswith(b"%PDF-")
    # The ledger says a tender arrived, not from whom, and holds no digest of content.
    (event,) = events(procurement, "tender.submitted")
    assert event.actor == f"tender:{tender.id}"
    assert (
        supplier.orgnr not in event.payload
        and hashlib.sha256(content).hexdigest() not in event.payload
    )


def test_submit_is_atomic_and_refuses_incomplete_uploads(procurement, supplier, supplier_user):
    tender = services.start_tender(
        procurement, principal=acting(supplier_user, supplier), now=BEFORE
    )
    with pytest.raises(services.SubmissionError, match="at least one file"):
        services.submit(tender, principal=acting(supplier_user), now=BEFORE)
    upload_file(tender, supplier_user, xml_document("done"), now=BEFORE)
    content = xml_document("half", size=200_000)
    upload = services.begin_upload(
        tender,
        principal=acting(supplier_user),
        kind="attachment",
        name="half.xml",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content_type="application/xml",
        now=BEFORE,
    )
    services.upload_chunk(
        upload,
        principal=acting(supplier_user),
        offset=0,
        length=100_000,
        stream=io.BytesIO(content[:100_000]),
        now=BEFORE,
    )
    with pytest.raises(services.Conflict, match=r"still uploading: half\.xml"):
        services.submit(tender, principal=acting(supplier_user), now=BEFORE)
    assert Tender.objects.get(pk=tender.pk).status == TenderStatus.DRAFT
    assert not Receipt.objects.exists()
    assert events(procurement, "tender.submitted") == []
    # Discarding the half file makes the rest submittable.
    services.abandon_upload(
        Upload.objects.get(pk=upload.pk), principal=acting(supplier_user), now=BEFORE
    )
    receipt = services.submit(tender, principal=acting(supplier_user), now=BEFORE)
    assert len(read_receipt(bytes(receipt.xml))[1].files) == 1


def test_a_receipt_is_frozen(procurement, supplier, supplier_user):
    from heldigital.apps.frozen import FrozenError

    _, receipt = submitted_tender(procurement, supplier, supplier_user, xml_document("x"))
    receipt.xml = b"changed"
    with pytest.raises(FrozenError):
        receipt.save()
    with pytest.raises(FrozenError):
        receipt.delete()


def test_replace_and_withdraw_until_the_deadline(procurement, supplier, supplier_user):
    first, _ = submitted_tender(procurement, supplier, supplier_user, xml_document("one"))
    # A submitted tender is changed, never replaced by starting an empty draft.
    with pytest.raises(services.Conflict, match="Change my tender"):
        services.start_tender(procurement, principal=acting(supplier_user, supplier), now=BEFORE)
    second = services.change_tender(
        first, principal=acting(supplier_user), now=BEFORE + timedelta(hours=1)
    )
    with pytest.raises(services.Conflict, match="already being prepared"):
        services.change_tender(
            first, principal=acting(supplier_user), now=BEFORE + timedelta(hours=1)
        )
    (carried,) = second.files.all()
    services.remove_file(carried, principal=acting(supplier_user), now=BEFORE + timedelta(hours=1))
    assert first.files.count() == 1  # the submitted tender keeps its file
    upload_file(second, supplier_user, xml_document("two"), now=BEFORE + timedelta(hours=1))
    receipt = services.submit(
        second, principal=acting(supplier_user), now=BEFORE + timedelta(hours=2)
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == TenderStatus.REPLACED
    assert second.status == TenderStatus.SUBMITTED and second.replaces_id == first.id
    assert read_receipt(bytes(receipt.xml))[1].replaces == str(first.id)
    services.withdraw(second, principal=acting(supplier_user), now=BEFORE + timedelta(hours=3))
    assert Tender.objects.get(pk=second.pk).status == TenderStatus.WITHDRAWN
    assert [e.type for e in events(procurement) if e.type.startswith("tender.")] == [
        "tender.started",
        "tender.submitted",
        "tender.change.started",
        "tender.submitted",
        "tender.withdrawn",
    ]


def test_another_supplier_cannot_act_on_a_tender(
    procurement, supplier, supplier_user, supplier_b_user
):
    tender, _ = submitted_tender(procurement, supplier, supplier_user, xml_document("mine"))
    with pytest.raises(services.PermissionDenied):
        services.withdraw(tender, principal=acting(supplier_b_user), now=BEFORE)
    with pytest.raises(services.PermissionDenied):
        services.start_tender(procurement, principal=acting(supplier_b_user, supplier), now=BEFORE)


# --- deadline and time zones -------------------------------------------------------------


def test_after_the_deadline_everything_is_refused_with_deadline_and_server_time(
    procurement, supplier, supplier_user
):
    tender = services.start_tender(
        procurement, principal=acting(supplier_user, supplier), now=BEFORE
    )
    upload_file(tender, supplier_user, xml_document("late"), now=BEFORE)
    late = DEADLINE + timedelta(seconds=1)
    with pytest.raises(services.DeadlinePassed):
        services.submit(
            tender, principal=acting(supplier_user), now=DEADLINE
        )  # the deadline itself is late
    with pytest.raises(services.DeadlinePassed) as refused:
        services.submit(tender, principal=acting(supplier_user), now=late)
    message = str(refused.value)
    assert "01.12.2026 kl. 12:00:00 CET" in message  # the deadline, Europe/Oslo
    assert "01.12.2026 kl. 12:00:01 CET" in message  # the server time
    with pytest.raises(services.DeadlinePassed):
        services.start_tender(procurement, principal=acting(supplier_user, supplier), now=late)
    assert Tender.objects.get(pk=tender.pk).status == TenderStatus.DRAFT
    # Rate-limited: the second late submit of the same tender in the same window is
    # counted, and written as one aggregate event when flushed.
    refusals = events(procurement, "tender.refused")
    assert [r.data["attempts"] for r in refusals] == [1, 1]
    assert [r.actor for r in refusals] == [
        f"tender:{tender.id}",
        "user:supplieruser@0192:920000029",
    ]
    assert refusals[0].data["deadline"] == "2026-12-01T11:00:00.000000Z"
    assert refusals[0].data["server_time"] == "2026-12-01T11:00:00.000000Z"
    assert protocol.flush_refusals(now=late, procurement_id=procurement.reference) == 1
    aggregate = events(procurement, "tender.refused")[-1]
    assert aggregate.actor == f"tender:{tender.id}"
    assert aggregate.data["attempts"] == 1 and aggregate.data["aggregated"] is True
    assert aggregate.data["last_at"] == "2026-12-01T11:00:01.000000Z"


@pytest.mark.parametrize(
    ("deadline", "oslo"),
    [
        # Summer time ends on Sunday 25 October 2026 at 03:00 CEST -> 02:00 CET.
        (datetime(2026, 10, 25, 11, 0, tzinfo=UTC), "25.10.2026 kl. 12:00:00 CET"),
        (datetime(2026, 10, 24, 10, 0, tzinfo=UTC), "24.10.2026 kl. 12:00:00 CEST"),
        # Summer time starts on Sunday 29 March 2026 at 02:00 CET -> 03:00 CEST.
        (datetime(2026, 3, 29, 10, 0, tzinfo=UTC), "29.03.2026 kl. 12:00:00 CEST"),
        (datetime(2026, 3, 28, 11, 0, tzinfo=UTC), "28.03.2026 kl. 12:00:00 CET"),
    ],
)
def test_deadlines_across_daylight_saving_changes(
    municipality, supplier, supplier_user, deadline, oslo
):
    procurement = make_procurement(
        municipality, deadline=deadline, published=deadline - timedelta(days=35)
    )
    start = deadline - timedelta(days=2)
    tender = services.start_tender(
        procurement, principal=acting(supplier_user, supplier), now=start
    )
    upload_file(tender, supplier_user, xml_document("dst"), now=start)
    just_in_time = deadline - timedelta(microseconds=1)
    receipt = services.submit(tender, principal=acting(supplier_user), now=just_in_time)
    replacement = services.change_tender(
        Tender.objects.get(pk=tender.pk), principal=acting(supplier_user), now=just_in_time
    )
    upload_file(replacement, supplier_user, xml_document("dst 2"), now=just_in_time)
    with pytest.raises(services.DeadlinePassed) as refused:
        services.submit(replacement, principal=acting(supplier_user), now=deadline)
    assert f"was {oslo};" in str(refused.value)
    local = read_receipt(bytes(receipt.xml))[0].findtext(
        "{urn:heldigital:names:tender-receipt:1}Content/"
        "{urn:heldigital:names:tender-receipt:1}TimeOfReceiptLocal"
    )
    offset = "+02:00" if oslo.endswith("CEST") else "+01:00"
    assert local.endswith(offset) and local.startswith(oslo[6:10])


# --- opening ------------------------------------------------------------------------------


def test_early_opening_is_refused_and_recorded(procurement, supplier, supplier_user, opener):
    submitted_tender(procurement, supplier, supplier_user, xml_document("early"))
    with pytest.raises(services.Refused) as refused:
        services.open_tenders(
            procurement,
            principal=acting(opener, procurement.buyer),
            now=DEADLINE - timedelta(seconds=1),
        )
    assert "01.12.2026 kl. 12:00:00 CET" in str(refused.value)
    assert "01.12.2026 kl. 11:59:59 CET" in str(refused.value)
    (event,) = events(procurement, "opening.refused")
    assert event.data["reason"] == "before-deadline"
    assert event.actor == "user:opener1@0192:920000002"
    assert not OpeningRecord.objects.exists()


def test_only_openers_open(procurement, buyer, supplier_user, supplier, auditor, caplog):
    submitted_tender(procurement, supplier, supplier_user, xml_document("who"))
    for user in (buyer, supplier_user, auditor):
        with pytest.raises(services.Refused, match="opener role"):
            services.open_tenders(procurement, principal=acting(user, None), now=DEADLINE)
    # Recorded for the buyer's own people; a supplier (no role at the buyer) does not
    # write to the procurement's protocol at all - a log line is enough.
    refused = events(procurement, "opening.refused")
    assert [e.data["reason"] for e in refused] == ["not-an-opener"] * 2
    # Acting for the buyer, the actor names the buyer's organisation.
    assert {e.actor for e in refused} == {
        "user:buyer@0192:920000002",
        "user:auditor@0192:920000002",
    }
    assert any(
        "supplieruser" in r.getMessage() and "not recorded" in r.getMessage()
        for r in caplog.records
    )


def test_two_different_openers_above_the_eea_threshold(
    procurement, supplier, supplier_user, supplier_b, supplier_b_user, opener, opener2
):
    a, _ = submitted_tender(procurement, supplier, supplier_user, xml_document("A" * 10))
    content_b = xml_document("B", size=150_000)
    b, _ = submitted_tender(
        procurement,
        supplier_b,
        supplier_b_user,
        content_b,
        now=BEFORE + timedelta(hours=1),
        chunk=50_000,
    )
    after = DEADLINE + timedelta(minutes=1)
    first = services.open_tenders(procurement, principal=acting(opener, None), now=after)
    assert (first.status, first.openers, first.required) == ("waiting", 1, 2)
    again = services.open_tenders(
        procurement, principal=acting(opener, None), now=after + timedelta(seconds=1)
    )
    assert (again.status, again.openers) == ("waiting", 1)
    assert not OpeningRecord.objects.exists()
    done = services.open_tenders(
        procurement, principal=acting(opener2, None), now=after + timedelta(minutes=1)
    )
    assert done.status == "opened" and done.record is not None
    procurement.refresh_from_db()
    assert procurement.status == ProcurementStatus.OPENED
    content = done.record.content
    assert [t["tender"] for t in content["tenders"]] == [str(a.id), str(b.id)]
    assert content["tenders"][1]["received_at"] == "2026-11-28T12:00:01.000000Z"
    assert content["tenders"][1]["files"][0]["sha256"] == hashlib.sha256(content_b).hexdigest()
    assert all(f["verified"] for t in content["tenders"] for f in t["files"])
    assert [o["actor"] for o in content["openers"]] == [
        "user:opener1@0192:920000002",
        "user:opener2@0192:920000002",
    ]
    types = [e.type for e in events(procurement)]
    assert types.count("opening.act") == 2 and types[-1] == "tenders.opened"
    record = OpeningRecord.objects.get()
    assert services.verify_opening_record(record, conf.signer().public_key)
    assert (
        events(procurement)[-1].data["record_sha256"]
        == hashlib.sha256(canonical_json(record.content)).hexdigest()
    )
    record.content["tenders"][0]["received_at"] = "2026-11-28T10:00:00.000000Z"
    assert not services.verify_opening_record(record, conf.signer().public_key)
    tender_file = b.files.get()
    plain = b"".join(
        services.read_tender_file(tender_file, principal=acting(opener, None), now=after)
    )
    assert plain == content_b


def test_one_opener_below_the_eea_threshold(municipality, supplier, supplier_user, opener):
    procurement = make_procurement(municipality, reference="HD-2026-0200", regime="national")
    submitted_tender(procurement, supplier, supplier_user, xml_document("national"))
    outcome = services.open_tenders(procurement, principal=acting(opener, None), now=DEADLINE)
    assert outcome.status == "opened"


def test_reading_content_before_opening_or_without_a_buyer_role_is_refused_and_recorded(
    procurement, supplier, supplier_user, buyer, opener, opener2
):
    tender, _ = submitted_tender(procurement, supplier, supplier_user, xml_document("read"))
    tender_file = tender.files.get()
    with pytest.raises(services.Refused):
        services.read_tender_file(
            tender_file, principal=acting(buyer, None), now=BEFORE + timedelta(minutes=1)
        )
    with pytest.raises(services.Refused):
        services.read_tender_file(tender_file, principal=acting(buyer, None), now=DEADLINE)
    services.open_tenders(procurement, principal=acting(opener, None), now=DEADLINE)
    services.open_tenders(procurement, principal=acting(opener2, None), now=DEADLINE)
    with pytest.raises(services.Refused):  # the supplier itself never reads through here
        services.read_tender_file(tender_file, principal=acting(supplier_user, None), now=DEADLINE)
    reasons = [e.data["reason"] for e in events(procurement, "tender.read.refused")]
    assert reasons == ["not-opened", "not-opened", "no-access"]
    assert b"read" in b"".join(
        services.read_tender_file(tender_file, principal=acting(buyer, None), now=DEADLINE)
    )


def test_tampered_ciphertext_is_found_at_opening(
    procurement, supplier, supplier_user, opener, opener2
):
    tender, _ = submitted_tender(procurement, supplier, supplier_user, xml_document("tamper"))
    chunk = tender.files.get().upload.chunks.get()
    path = absolute(chunk.path)
    data = bytearray(path.read_bytes())
    data[-20] ^= 1
    path.write_bytes(bytes(data))
    services.open_tenders(procurement, principal=acting(opener, None), now=DEADLINE)
    outcome = services.open_tenders(procurement, principal=acting(opener2, None), now=DEADLINE)
    (file_entry,) = outcome.record.content["tenders"][0]["files"]
    assert file_entry["verified"] is False and "does not authenticate" in file_entry["problem"]


def test_a_database_writer_cannot_open_early_by_moving_the_deadline(
    procurement, supplier, supplier_user, opener, opener2
):
    submitted_tender(procurement, supplier, supplier_user, xml_document("db"))
    early = BEFORE + timedelta(hours=1)
    type(procurement).objects.filter(pk=procurement.pk).update(tender_deadline=early)
    procurement.refresh_from_db()
    with pytest.raises(services.Refused):  # the key is sealed until the original deadline
        services.open_tenders(procurement, principal=acting(opener, None), now=early)
    key = procurement.opening_key
    type(key).objects.filter(pk=key.pk).update(sealed_deadline=early, required_openers=1)
    procurement = type(procurement).objects.get(pk=procurement.pk)
    with pytest.raises(SealIntegrityError):  # ...and the sealed key is bound to it
        services.open_tenders(procurement, principal=acting(opener, None), now=early)
    assert not OpeningRecord.objects.exists()


def test_a_later_deadline_keeps_the_tenders_sealed_until_then(
    procurement, supplier, supplier_user, opener
):
    submitted_tender(procurement, supplier, supplier_user, xml_document("later"))
    later = DEADLINE + timedelta(days=7)
    type(procurement).objects.filter(pk=procurement.pk).update(tender_deadline=later)
    procurement.refresh_from_db()
    with pytest.raises(services.Refused):
        services.open_tenders(procurement, principal=acting(opener, None), now=DEADLINE)


def test_an_earlier_deadline_reseals_the_key(municipality, supplier, supplier_user, opener):
    procurement = make_procurement(municipality, reference="HD-2026-0300", regime="national")
    submitted_tender(procurement, supplier, supplier_user, xml_document("earlier"))
    earlier = DEADLINE - timedelta(days=1)
    procurement.tender_deadline = earlier
    procurement.save(update_fields=["tender_deadline"])
    services.deadline_changed(procurement, now=BEFORE + timedelta(hours=2))
    outcome = services.open_tenders(procurement, principal=acting(opener, None), now=earlier)
    assert outcome.status == "opened"


@pytest.mark.parametrize(
    ("kind", "content", "message"),
    [
        ("espd-response", b"<QualificationApplicationResponse>", "not well-formed"),
        ("tender-catalogue", xml_document("not a catalogue"), "root element"),
        (
            "espd-response",
            b'<Catalogue xmlns="urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2"/>',
            "root element",
        ),
        (
            "tender-catalogue",
            b'<Catalogue xmlns="urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2">'
            b"<ID>1</ID></Catalogue>",
            "The tender catalogue breaks",
        ),
    ],
)
def test_structured_parts_are_checked_before_sealing(
    procurement, supplier, supplier_user, kind, content, message
):
    tender = services.start_tender(
        procurement, principal=acting(supplier_user, supplier), now=BEFORE
    )
    with pytest.raises(services.SubmissionError, match=message):
        upload_file(tender, supplier_user, content, now=BEFORE, kind=kind)
    good = tender_catalogue()
    if kind == "tender-catalogue":
        services.abandon_upload(tender.uploads.get(), principal=acting(supplier_user), now=BEFORE)
        assert upload_file(tender, supplier_user, good, now=BEFORE, kind=kind).size == len(good)


def test_a_structured_part_in_several_chunks_is_refused(procurement, supplier, supplier_user):
    tender = services.start_tender(
        procurement, principal=acting(supplier_user, supplier), now=BEFORE
    )
    content = (
        b'<Catalogue xmlns="urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2">'
        + b"<Note>x</Note>" * 1000
        + b"</Catalogue>"
    )
    with pytest.raises(services.SubmissionError, match="in one chunk"):
        upload_file(tender, supplier_user, content, now=BEFORE, kind="tender-catalogue", chunk=9000)


def test_a_lost_master_secret_is_not_silently_replaced(
    procurement, supplier, supplier_user, opener, sealed_storage
):
    from heldigital.sealing.errors import KeyFileError

    submitted_tender(procurement, supplier, supplier_user, xml_document("lost"))
    (sealed_storage / "keys" / "master.key").unlink()
    conf._custodian.cache_clear()
    with pytest.raises(KeyFileError, match="restore it from backup"):
        conf.custodian()


def test_a_different_master_secret_is_named_at_opening(
    municipality, supplier, supplier_user, opener, sealed_storage, monkeypatch
):
    import base64
    import os

    procurement = make_procurement(municipality, reference="HD-2026-0400", regime="national")
    submitted_tender(procurement, supplier, supplier_user, xml_document("rotated"))
    monkeypatch.setenv("HELDIGITAL_MASTER_KEY", base64.b64encode(os.urandom(32)).decode())
    with pytest.raises(SealIntegrityError, match="restore the master secret"):
        services.open_tenders(procurement, principal=acting(opener, None), now=DEADLINE)
