"""The protocol app: recording, append-only enforcement, sealing, tamper detection."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, connections, transaction

from heldigital import ledger
from heldigital.apps.protocol import guards, services
from heldigital.apps.protocol.models import AppendOnlyError, DailyRoot, ProtocolEvent

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
DAY0 = T0.date()

pytestmark = pytest.mark.django_db


def record(pid: str = "2026-0001", n: int = 0, **kwargs: object) -> ProtocolEvent:
    fields: dict[str, object] = {
        "procurement_id": pid,
        "type": f"step.{n}",
        "actor": "user:1",
        "payload": {"n": n, "amount": str(Decimal("1250.50"))},
        "now": T0 + timedelta(hours=n),
    }
    fields.update(kwargs)
    return services.record(**fields)  # type: ignore[arg-type]


def chain(pid: str = "2026-0001", count: int = 4) -> list[ProtocolEvent]:
    return [record(pid, n) for n in range(count)]


def raw(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


# --- recording ---------------------------------------------------------------------------


def test_record_builds_a_hash_chain_with_canonical_payloads():
    rows = chain()
    assert [r.sequence for r in rows] == [1, 2, 3, 4]
    assert rows[0].prev_hash == ledger.GENESIS
    assert [r.prev_hash for r in rows[1:]] == [r.hash for r in rows[:-1]]
    stored = ProtocolEvent.objects.get(procurement_id="2026-0001", sequence=2)
    assert stored.payload == '{"amount":"1250.50","n":1}'
    assert stored.data == {"amount": "1250.50", "n": 1}
    assert stored.occurred_at == T0 + timedelta(hours=1)
    # What was read back from the database hashes to what was stored.
    assert stored.to_event().computed_hash() == stored.hash
    assert services.verify_procurement("2026-0001").ok
    result = services.verify_all()
    assert (result.ok, result.events, result.chains) == (True, 4, 1)


def test_procurement_ids_may_be_integers_or_uuids():
    key = uuid.UUID("12345678-1234-5678-1234-567812345678")
    record(key)
    record(42)
    assert ProtocolEvent.objects.filter(procurement_id=str(key)).count() == 1
    assert services.verify_procurement(42).ok
    assert services.verify_procurement(str(key)).ok
    with pytest.raises(ledger.LedgerError, match="not float"):
        record(1.5)


def test_chains_are_independent():
    record("A", 0)
    record("B", 1)
    record("A", 2)
    assert list(
        ProtocolEvent.objects.order_by("procurement_id", "sequence").values_list(
            "procurement_id", "sequence"
        )
    ) == [("A", 1), ("A", 2), ("B", 1)]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"now": datetime(2026, 11, 23, 9)}, "timezone-aware"),
        ({"payload": {"amount": Decimal("1.00")}}, "convert it with str()"),
        ({"payload": {"price": 1.5}}, "payload.price: a float"),
        ({"type": ""}, "type is empty"),
        ({"actor": "x" * 201}, "actor is longer than 200"),
    ],
)
def test_record_refuses_bad_input(kwargs, message):
    with pytest.raises(ledger.LedgerError) as info:
        record(**kwargs)
    assert message in str(info.value)
    assert not ProtocolEvent.objects.exists()


def test_a_time_before_the_head_is_raised_to_the_head_never_refused():
    """The chain decides the time: a clock that stepped back cannot date an event earlier."""
    third = record(n=3)
    second = record(n=2)
    assert second.sequence == 2
    assert second.occurred_at == third.occurred_at == T0 + timedelta(hours=3)
    assert services.verify_procurement("2026-0001").ok


def test_a_unit_of_work_reads_the_clock_once_under_the_lock_and_records_with_it():
    readings = []

    def clock():
        readings.append(T0 + timedelta(minutes=len(readings)))
        return readings[-1]

    with services.appending("2026-0001", clock=clock) as now:
        first = record(type="decided.1", now=T0 + timedelta(days=9))  # joins the unit
        second = record(type="decided.2")
        with services.appending("2026-0001", clock=clock) as again:  # joins too
            assert again == now
    assert readings == [T0]
    assert first.occurred_at == second.occurred_at == now == T0
    assert [first.sequence, second.sequence] == [1, 2]


def test_a_failed_unit_records_nothing():
    with pytest.raises(RuntimeError), services.appending("2026-0001", clock=lambda: T0):
        record()
        raise RuntimeError("refused after recording")
    assert not ProtocolEvent.objects.exists()


# --- append-only: model, queryset, database ----------------------------------------------


def test_stored_events_cannot_be_saved_again_or_deleted_through_the_orm():
    row = record()
    row.payload = "{}"
    with pytest.raises(AppendOnlyError, match="append-only: saving a stored ProtocolEvent"):
        row.save()
    with pytest.raises(AppendOnlyError, match="deleting a ProtocolEvent"):
        row.delete()
    events = ProtocolEvent.objects
    with pytest.raises(AppendOnlyError, match=r"update\(\) is not allowed"):
        events.filter(pk=row.pk).update(payload="{}")
    with pytest.raises(AppendOnlyError, match=r"update\(\) is not allowed"):
        events.update(payload="{}")
    with pytest.raises(AppendOnlyError, match=r"delete\(\) is not allowed"):
        events.all().delete()
    with pytest.raises(AppendOnlyError, match=r"bulk_update\(\) is not allowed"):
        events.bulk_update([row], ["payload"])
    with pytest.raises(AppendOnlyError, match=r"update_or_create\(\) is not allowed"):
        events.update_or_create(pk=row.pk, defaults={"payload": "{}"})
    fresh = ProtocolEvent.objects.get(pk=row.pk)
    assert fresh.payload == ProtocolEvent.objects.get(pk=row.pk).payload != "{}"


def test_daily_roots_are_append_only_too():
    record()
    root = services.seal_day(DAY0, T0 + timedelta(days=1))
    with pytest.raises(AppendOnlyError):
        root.save()
    with pytest.raises(AppendOnlyError):
        root.delete()
    with pytest.raises(AppendOnlyError):
        DailyRoot.objects.update(root="0" * 64)


def test_database_triggers_refuse_raw_update_and_delete():
    row = record()
    assert guards.installed(connection)
    for table in guards.TABLES:
        assert table in connection.introspection.table_names()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw("UPDATE protocol_protocolevent SET payload = %s WHERE id = %s", ["{}", row.pk])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw("DELETE FROM protocol_protocolevent WHERE id = %s", [row.pk])
    services.seal_day(DAY0, T0 + timedelta(days=1))
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw("UPDATE protocol_dailyroot SET root = %s", ["0" * 64])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw("DELETE FROM protocol_dailyroot", [])
    assert ProtocolEvent.objects.get(pk=row.pk).payload == row.payload
    assert services.verify_all().ok


# --- tamper detection (an attacker with database administrator rights) ------------------


def test_a_payload_changed_in_the_database_is_detected_and_named():
    rows = chain()
    guards.remove(connection)  # what only a database administrator can do
    raw(
        "UPDATE protocol_protocolevent SET payload = %s WHERE id = %s",
        ['{"amount":"9999.00","n":2}', rows[2].pk],
    )
    result = services.verify_procurement("2026-0001")
    assert not result.ok
    [problem] = result.problems
    assert (problem.procurement_id, problem.sequence, problem.event_type) == (
        "2026-0001",
        3,
        "step.2",
    )
    assert problem.reason == "hash does not match the event's contents: the event was changed"
    assert services.verify_all().problems == result.problems


def test_every_column_change_is_detected():
    rows = chain()
    guards.remove(connection)
    changes = {
        "procurement_id": "2026-0002",
        "type": "step.x",
        "actor": "user:666",
        "occurred_at": T0 + timedelta(hours=1, microseconds=1),
        "payload": '{"n":1}',
        "prev_hash": "1" * 64,
        "hash": "2" * 64,
    }
    for column, value in changes.items():
        sid = transaction.savepoint()
        raw(f"UPDATE protocol_protocolevent SET {column} = %s WHERE id = %s", [value, rows[1].pk])
        result = services.verify_all()
        assert not result.ok, column
        assert any(p.sequence == 2 for p in result.problems), (column, result.problems)
        transaction.savepoint_rollback(sid)
    assert services.verify_all().ok


def test_deleted_events_are_detected_in_the_middle_and_at_the_sealed_end():
    rows = chain()
    services.seal_day(DAY0, T0 + timedelta(days=1))
    guards.remove(connection)
    raw("DELETE FROM protocol_protocolevent WHERE id = %s", [rows[1].pk])
    problems = services.verify_procurement("2026-0001").problems
    assert {(p.sequence, p.reason.split(":")[-1].strip()) for p in problems} >= {
        (3, "event 2 is missing")
    }
    raw("DELETE FROM protocol_protocolevent WHERE id = %s", [rows[3].pk])
    problems = services.verify_procurement("2026-0001").problems
    sealed = [p for p in problems if p.day == DAY0]
    assert [(p.procurement_id, p.sequence) for p in sealed] == [("2026-0001", 4)]
    assert "events deleted" in sealed[0].reason


def test_a_forged_event_after_sealing_is_detected():
    rows = chain(count=2)
    services.seal_day(DAY0, T0 + timedelta(days=1))
    # Forge a well-linked third event dated inside the sealed day, bypassing record().
    forged = ledger.next_event(
        rows[-1].to_event(),
        procurement_id="2026-0001",
        type="award.decided",
        actor="user:666",
        occurred_at=T0 + timedelta(hours=5),
        payload={},
    )
    ProtocolEvent.from_event(forged).save()
    problems = services.verify_all().problems
    assert [(p.procurement_id, p.sequence, p.event_type, p.day) for p in problems] == [
        ("2026-0001", 3, "award.decided", DAY0)
    ]


def test_a_changed_daily_root_is_detected():
    chain()
    services.seal_day(DAY0, T0 + timedelta(days=1))
    services.seal_day(DAY0 + timedelta(days=1), T0 + timedelta(days=2))
    guards.remove(connection)
    raw("UPDATE protocol_dailyroot SET chains = 7 WHERE day = %s", [DAY0])
    problems = services.verify_all().problems
    assert problems and all(p.day == DAY0 for p in problems)
    raw("UPDATE protocol_dailyroot SET heads = %s WHERE day = %s", ["not json", DAY0])
    problems = services.verify_all().problems
    assert any("unreadable" in p.reason and p.day == DAY0 for p in problems)


# --- sealing -----------------------------------------------------------------------------


def test_seal_day_stores_the_root_of_the_heads_at_the_end_of_the_day():
    a = chain("A", count=2)
    record("B", 30)  # the next day: not part of DAY0's root
    root = services.seal_day(DAY0, T0 + timedelta(days=3))
    assert (root.day, root.chains, root.previous_root) == (DAY0, 1, ledger.GENESIS)
    assert root.to_root().heads == (ledger.Head("A", 2, a[1].hash),)
    expected = ledger.seal(DAY0, [ledger.Head("A", 2, a[1].hash)], None)
    assert (root.root, root.merkle_root) == (expected.root, expected.merkle_root)
    assert services.seal_day(DAY0, T0 + timedelta(days=4)).pk == root.pk  # idempotent
    nxt = services.seal_day(DAY0 + timedelta(days=1), T0 + timedelta(days=3))
    assert (nxt.chains, nxt.previous_root) == (2, root.root)
    assert services.verify_all().ok
    # The library, given the same rows, reaches the same verdict.
    events = [
        row.to_event() for row in ProtocolEvent.objects.order_by("procurement_id", "sequence")
    ]
    roots = [row.to_root() for row in DailyRoot.objects.order_by("day")]
    assert ledger.verify(events, roots).ok


def test_seal_day_refusals():
    record()
    with pytest.raises(ledger.LedgerError, match="has not ended"):
        services.seal_day(DAY0, T0 + timedelta(hours=2))
    services.seal_day(DAY0 + timedelta(days=1), T0 + timedelta(days=2))
    with pytest.raises(ledger.LedgerError, match="already sealed"):
        services.seal_day(DAY0, T0 + timedelta(days=2))
    # 12:00 on DAY0 is inside a sealed day: the event is dated when that day ended.
    assert record(n=3).occurred_at == ledger.day_end(DAY0 + timedelta(days=1))


def test_a_broken_chain_is_never_sealed():
    rows = chain()
    guards.remove(connection)
    raw("UPDATE protocol_protocolevent SET actor = %s WHERE id = %s", ["user:666", rows[0].pk])
    with pytest.raises(ledger.LedgerError, match=r"refusing to seal .* event 1 \(step.0\)"):
        services.seal_day(DAY0, T0 + timedelta(days=1))
    assert not DailyRoot.objects.exists()


# --- flush, and concurrency on PostgreSQL ------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_protocol_and_keeps_the_guards():
    record()
    call_command("flush", interactive=False, verbosity=0)
    assert not ProtocolEvent.objects.exists()
    assert guards.installed(connection)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_records_to_one_chain_all_land_in_order():
    if connection.vendor != "postgresql":
        pytest.skip("row locking is tested on PostgreSQL (SQLite serialises writers)")
    threads, errors = 8, []
    barrier = threading.Barrier(threads)
    start = datetime(2026, 11, 23, 9, tzinfo=UTC)

    def worker(n: int) -> None:
        try:
            barrier.wait()
            for k in range(5):
                services.record(
                    procurement_id="race",
                    type="bid.placed",
                    actor=f"user:{n}",
                    payload={"n": n, "k": k},
                    now=start + timedelta(seconds=1),
                )
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert errors == []
    sequences = list(
        ProtocolEvent.objects.filter(procurement_id="race").values_list("sequence", flat=True)
    )
    assert sequences == list(range(1, threads * 5 + 1))
    assert services.verify_procurement("race").ok


def test_time_bounds_of_a_day():
    assert ledger.day_end(date(2026, 12, 31)) == datetime(2027, 1, 1, tzinfo=UTC)


def test_the_admin_shows_the_protocol_read_only(admin_client):
    row = record()
    listing = admin_client.get("/admin/protocol/protocolevent/")
    assert listing.status_code == 200
    assert b"2026-0001" in listing.content
    detail = admin_client.get(f"/admin/protocol/protocolevent/{row.pk}/change/")
    assert detail.status_code == 200
    assert b'name="_save"' not in detail.content
    assert admin_client.get("/admin/protocol/protocolevent/add/").status_code == 403
    deleting = admin_client.post(f"/admin/protocol/protocolevent/{row.pk}/delete/", {"post": "yes"})
    assert deleting.status_code == 403
    assert ProtocolEvent.objects.filter(pk=row.pk).exists()


# --- sealing every due day (the worker's job) ---------------------------------------------


def test_seal_due_seals_every_ended_day_in_order_and_is_idempotent():
    assert services.seal_due(T0) == []  # nothing recorded yet: nothing to seal
    record("A", 0)  # DAY0
    record("B", 49)  # DAY0 + 2
    now = T0 + timedelta(days=3, hours=2)  # DAY0 + 3: not ended
    sealed = services.seal_due(now)
    assert [r.day for r in sealed] == [DAY0 + timedelta(days=n) for n in range(3)]
    assert [r.chains for r in sealed] == [1, 1, 2]
    assert sealed[1].previous_root == sealed[0].root and sealed[2].previous_root == sealed[1].root
    assert services.seal_due(now) == []
    assert DailyRoot.objects.count() == 3
    assert services.verify_all().ok
    # An event recorded now cannot fall into a sealed day; the next call seals its day.
    record("A", 80)
    assert [r.day for r in services.seal_due(now + timedelta(days=1))] == [DAY0 + timedelta(3)]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_seal_due_from_two_workers_at_once_seals_each_day_once():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent sealing is tested on PostgreSQL (SQLite serialises writers)")
    for n in range(0, 24 * 6, 20):
        record("A", n)
        record("B", n + 1)
    now = T0 + timedelta(days=7)
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def worker() -> None:
        try:
            barrier.wait()
            outcomes.append([r.day for r in services.seal_due(now)])
        except Exception as exc:
            outcomes.append(exc)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=worker) for _ in range(2)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert all(isinstance(o, list) for o in outcomes), outcomes
    days = [DAY0 + timedelta(days=n) for n in range(7)]
    assert list(DailyRoot.objects.order_by("day").values_list("day", flat=True)) == days
    assert sorted({day for sealed in outcomes for day in sealed}) == days  # type: ignore[union-attr]
    assert services.verify_all().ok
