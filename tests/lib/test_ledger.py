"""Tests of :mod:`heldigital.ledger`: canonical JSON, chains, Merkle roots, verification."""

from __future__ import annotations

import dataclasses
import doctest
import hashlib
import json
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heldigital import ledger
from heldigital.ledger import (
    GENESIS,
    CanonicalError,
    DayRoot,
    Event,
    Head,
    LedgerError,
    MemoryLedger,
    canonical_json,
    format_time,
    next_event,
    parse_time,
    verify,
)
from heldigital.ledger.merkle import (
    EMPTY_ROOT,
    inclusion_proof,
    merkle_root,
    verify_inclusion,
)

T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


# --- canonical JSON (RFC 8785 on our value types) ----------------------------------------


def test_canonical_json_sorts_by_utf16_code_units_as_rfc8785_3_2_3():
    # The property-sorting example of RFC 8785 §3.2.3: U+1F600 (a surrogate
    # pair in UTF-16) sorts before U+FB33, unlike in code point order.
    value = {
        "\u20ac": "Euro Sign",
        "\r": "Carriage Return",
        "\ufb33": "Hebrew Letter Dalet With Dagesh",
        "1": "One",
        "\U0001f600": "Emoji: Grinning Face",
        "\u0080": "Control",
        "\u00f6": "Latin Small Letter O With Diaeresis",
    }
    keys = list(json.loads(canonical_json(value)))
    assert [k.encode("unicode_escape").decode() for k in keys] == [
        "\\r",
        "1",
        "\\x80",
        "\\xf6",
        "\\u20ac",
        "\\U0001f600",
        "\\ufb33",
    ]


def test_canonical_json_string_escapes_are_those_of_json_stringify():
    text = '"\\\b\f\n\r\t\x00\x1f\x7f\u2028é€😀/'
    assert canonical_json(text) == (
        '"\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u001f\x7f\u2028é€😀/"'.encode()
    )


def test_canonical_json_literals_integers_nesting():
    assert canonical_json([None, True, False, 0, -5, 2**53 - 1, [], {}]) == (
        b"[null,true,false,0,-5,9007199254740991,[],{}]"
    )
    assert canonical_json({"a": {"c": [1, {"e": 1, "d": 2}], "b": 1}}) == (
        b'{"a":{"b":1,"c":[1,{"d":2,"e":1}]}}'
    )


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53) + 1, 2**53 - 1)
    | st.text(st.characters(max_codepoint=0xFFFF, exclude_categories=["Cs"])),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.text(st.characters(max_codepoint=0xFFFF, exclude_categories=["Cs"]), max_size=5),
            children,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@settings(deadline=None)
@given(json_values)
def test_canonical_json_agrees_with_the_json_module_on_bmp_text(value):
    # For keys inside the Basic Multilingual Plane, UTF-16 order is code
    # point order, so Python's own sorted, compact, non-ASCII-escaping
    # serialisation must give the same bytes - an independent oracle.
    expected = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert canonical_json(value) == expected.encode("utf-8")
    assert json.loads(canonical_json(value)) == value


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (1.5, "float has no canonical form (use Decimal converted to text)"),
        (Decimal("1.50"), "Decimal has no canonical form (convert it with str())"),
        (T0, "datetime has no canonical form"),
        ((1, 2), "tuple has no canonical form (use a list)"),
        ({1: "a"}, "object key 1 is a int, keys must be text"),
        (2**53, "outside ±(2**53-1)"),
        (-(2**53), "outside ±(2**53-1)"),
        ("\ud800", "lone surrogate"),
        ({"x": {1, 2}}, "value.x: a set has no canonical form"),
    ],
)
def test_canonical_json_refuses_what_has_no_canonical_form(value, message):
    with pytest.raises(CanonicalError, match=None) as info:
        canonical_json(value)
    assert message in str(info.value)


def test_canonical_json_refuses_deep_nesting():
    value: list[object] = []
    for _ in range(100):
        value = [value]
    with pytest.raises(CanonicalError, match="nested deeper than 64"):
        canonical_json(value)


def test_format_time_is_utc_with_z_and_microseconds():
    oslo_summer = timezone(timedelta(hours=2))
    assert format_time(datetime(2026, 6, 1, 2, 30, 5, 7, tzinfo=oslo_summer)) == (
        "2026-06-01T00:30:05.000007Z"
    )
    assert format_time(datetime(999, 1, 2, tzinfo=UTC)) == "0999-01-02T00:00:00.000000Z"
    assert parse_time("2026-06-01T00:30:05.000007Z") == datetime(
        2026, 6, 1, 0, 30, 5, 7, tzinfo=UTC
    )


@pytest.mark.parametrize(
    "bad",
    ["2026-06-01T00:30:05Z", "2026-06-01T00:30:05.000007+00:00", "2026-13-01T00:00:00.000000Z"],
)
def test_parse_time_accepts_only_the_canonical_form(bad):
    with pytest.raises(CanonicalError):
        parse_time(bad)


def test_format_time_refuses_naive_time():
    with pytest.raises(CanonicalError, match="timezone-aware"):
        format_time(datetime(2026, 1, 1))


# --- the hash chain ------------------------------------------------------------------------


def first_event(**overrides: object) -> Event:
    fields: dict[str, object] = {
        "procurement_id": "2026-0001",
        "type": "procurement.created",
        "actor": "user:1",
        "occurred_at": T0,
        "payload": {"title": "Brøyting", "value": "1250000.00"},
    }
    fields.update(overrides)
    return next_event(None, **fields)  # type: ignore[arg-type]


def test_event_hash_known_answer():
    # Written out by hand from the definition in heldigital.ledger.chain.
    event = first_event()
    expected_bytes = (
        '{"actor":"user:1","occurred_at":"2026-11-23T08:00:00.000000Z",'
        '"payload":{"title":"Brøyting","value":"1250000.00"},'
        '"procurement_id":"2026-0001","sequence":1,"type":"procurement.created"}'
    ).encode()
    assert event.canonical() == expected_bytes
    assert event.prev_hash == GENESIS == "0" * 64
    assert event.hash == hashlib.sha256(bytes(32) + expected_bytes).hexdigest()
    second = next_event(
        event,
        procurement_id="2026-0001",
        type="tender.submitted",
        actor="org:0192:920000029",
        occurred_at=T0 + timedelta(minutes=5),
        payload={},
    )
    assert second.sequence == 2
    assert second.prev_hash == event.hash
    assert second.hash == hashlib.sha256(bytes.fromhex(event.hash) + second.canonical()).hexdigest()
    assert second.data == {}
    assert event.data == {"title": "Brøyting", "value": "1250000.00"}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"procurement_id": ""}, "procurement id is empty"),
        ({"procurement_id": " P"}, "leading or trailing white space"),
        ({"procurement_id": "x" * 101}, "longer than 100"),
        ({"type": "tender submitted"}, "white-space"),
        ({"type": 5}, "type must be text, not int"),
        ({"actor": "a\nb"}, "control or white-space"),
        ({"occurred_at": datetime(2026, 1, 1)}, "timezone-aware"),
        ({"payload": [1, 2]}, "payload must be a JSON object"),
        ({"payload": {"amount": 1.5}}, "payload.amount: a float"),
    ],
)
def test_events_with_bad_fields_are_refused(overrides, message):
    with pytest.raises(LedgerError) as info:
        first_event(**overrides)
    assert message in str(info.value)


def test_next_event_refuses_time_going_backwards_and_other_procurements():
    event = first_event()
    with pytest.raises(LedgerError, match="the clock went backwards"):
        next_event(
            event,
            procurement_id="2026-0001",
            type="x",
            actor="a",
            occurred_at=T0 - timedelta(microseconds=1),
            payload={},
        )
    with pytest.raises(LedgerError, match="belongs to procurement '2026-0001'"):
        next_event(event, procurement_id="other", type="x", actor="a", occurred_at=T0, payload={})


# --- Merkle trees (RFC 6962) ---------------------------------------------------------------

# The reference leaves and tree heads used by Certificate Transparency's
# implementations (certificate-transparency merkle_tree_test, transparency-dev/merkle).
CT_LEAVES = [
    b"",
    b"\x00",
    b"\x10",
    b"\x20\x21",
    b"\x30\x31",
    b"\x40\x41\x42\x43",
    bytes(range(0x50, 0x58)),
    bytes(range(0x60, 0x70)),
]
CT_ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
# (1-based leaf, tree size, audit path) from the same test suites.
CT_INCLUSION = [
    (
        1,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        6,
        8,
        [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (3, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (
        2,
        5,
        [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
]


def test_merkle_roots_match_the_rfc6962_reference_tree_heads():
    assert EMPTY_ROOT.hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert merkle_root([]) == EMPTY_ROOT
    for size in range(1, 9):
        assert merkle_root(CT_LEAVES[:size]).hex() == CT_ROOTS[size - 1]


@pytest.mark.parametrize(("leaf", "size", "path"), CT_INCLUSION)
def test_inclusion_proofs_match_the_reference_audit_paths(leaf, size, path):
    proof = inclusion_proof(CT_LEAVES[:size], leaf - 1)
    assert [p.hex() for p in proof] == path
    root = bytes.fromhex(CT_ROOTS[size - 1])
    assert verify_inclusion(CT_LEAVES[leaf - 1], leaf - 1, size, proof, root)


@settings(deadline=None)
@given(st.lists(st.binary(max_size=8), min_size=1, max_size=40), st.data())
def test_inclusion_proofs_verify_and_reject_any_change(leaves, data):
    index = data.draw(st.integers(0, len(leaves) - 1))
    root = merkle_root(leaves)
    proof = inclusion_proof(leaves, index)
    assert verify_inclusion(leaves[index], index, len(leaves), proof, root)
    assert not verify_inclusion(leaves[index] + b"x", index, len(leaves), proof, root)
    wrong_root = bytes([root[0] ^ 1]) + root[1:]
    assert not verify_inclusion(leaves[index], index, len(leaves), proof, wrong_root)
    assert not verify_inclusion(leaves[index], index, len(leaves), [*proof, root], root)
    if proof:
        flipped = [bytes([proof[0][0] ^ 8]) + proof[0][1:], *proof[1:]]
        assert not verify_inclusion(leaves[index], index, len(leaves), flipped, root)
        assert not verify_inclusion(leaves[index], index, len(leaves), proof[:-1], root)
    if len(set(leaves)) == len(leaves):
        other = (index + 1) % len(leaves)
        if other != index:
            assert not verify_inclusion(leaves[index], other, len(leaves), proof, root)


# --- daily roots ---------------------------------------------------------------------------


def test_day_roots_chain_to_each_other_and_cover_all_heads():
    book = MemoryLedger()
    a1 = book.record(procurement_id="A", type="x", actor="u", payload={}, now=T0)
    book.record(procurement_id="B", type="x", actor="u", payload={"n": 1}, now=T0)
    first = book.seal_day(T0.date(), now=T0 + timedelta(days=1))
    a2 = book.record(
        procurement_id="A", type="y", actor="u", payload={}, now=T0 + timedelta(days=1)
    )
    second = book.seal_day(T0.date() + timedelta(days=1), now=T0 + timedelta(days=2))

    assert first.previous_root == GENESIS
    assert second.previous_root == first.root
    assert [h.procurement_id for h in second.heads] == ["A", "B"]  # B carried forward
    assert second.heads[0] == Head("A", 2, a2.hash)
    assert first.heads[0] == Head("A", 1, a1.hash)
    # The root is the documented hash of the day's record.
    record = canonical_json(
        {
            "chains": 2,
            "day": "2026-11-24",
            "merkle_root": merkle_root([h.leaf() for h in second.heads]).hex(),
            "previous_root": first.root,
        }
    )
    assert second.root == hashlib.sha256(record).hexdigest()
    # An inclusion proof shows A's head is in the root.
    head, index, proof = second.proof("A")
    assert verify_inclusion(
        head.leaf(), index, second.chains, proof, bytes.fromhex(second.merkle_root)
    )
    assert book.verify().ok


def test_memory_ledger_refuses_recording_in_a_sealed_day_and_sealing_an_open_day():
    book = MemoryLedger()
    book.record(procurement_id="A", type="x", actor="u", payload={}, now=T0)
    with pytest.raises(LedgerError, match="the day has not ended"):
        book.seal_day(T0.date(), now=T0 + timedelta(hours=1))
    root = book.seal_day(T0.date(), now=T0 + timedelta(days=1))
    assert book.seal_day(T0.date(), now=T0 + timedelta(days=2)) is root
    with pytest.raises(LedgerError, match="already sealed"):
        book.record(procurement_id="B", type="x", actor="u", payload={}, now=T0)
    with pytest.raises(LedgerError, match="already sealed"):
        ledger.seal(T0.date() - timedelta(days=1), [], root)


# --- verification: hand-made cases --------------------------------------------------------


def build(n_events: int = 6) -> MemoryLedger:
    book = MemoryLedger()
    for i in range(n_events):
        book.record(
            procurement_id="AB"[i % 2],
            type=f"step.{i}",
            actor="user:1",
            payload={"i": i},
            now=T0 + timedelta(hours=5 * i),
        )
    return book


def test_intact_ledger_verifies():
    book = build()
    for day in range(3):
        book.seal_day(T0.date() + timedelta(days=day), now=T0 + timedelta(days=3))
    result = book.verify()
    assert result.ok
    assert (result.events, result.chains, result.roots) == (6, 2, 3)
    assert book.verify("A").ok


def test_changed_payload_is_named():
    events = list(build().events())
    events[2] = dataclasses.replace(events[2], payload='{"i":99}')
    result = verify(events)
    assert not result.ok
    [problem] = result.problems
    assert (problem.procurement_id, problem.sequence, problem.event_type, problem.index) == (
        "A",
        2,
        "step.2",
        2,
    )
    assert problem.reason == "hash does not match the event's contents: the event was changed"
    assert str(problem) == (
        "procurement A, event 2 (step.2): hash does not match the event's contents: "
        "the event was changed"
    )


def test_non_canonical_payload_text_is_reported_even_with_the_same_value():
    events = list(build().events())
    events[0] = dataclasses.replace(events[0], payload='{"i": 0}')
    problems = verify(events).problems
    assert [p.reason for p in problems] == ["payload text is not in canonical JSON form (RFC 8785)"]


def test_deleted_middle_event_is_located_at_the_gap():
    events = list(build().events())
    del events[2]  # A#2
    problems = verify(events).problems
    assert {(p.procurement_id, p.sequence, p.index) for p in problems} == {("A", 3, 3)}
    assert [p.reason for p in problems] == [
        "sequence 3 follows 1: event 2 is missing",
        "prev_hash does not match the hash of the event before it (sequence 1): "
        "the chain is broken here",
    ]


def test_deleting_the_last_event_needs_the_sealed_root():
    book = build()
    book.seal_day(T0.date() + timedelta(days=1), now=T0 + timedelta(days=2))
    events = [e for e in book.events() if not (e.procurement_id == "B" and e.sequence == 3)]
    assert verify(events).ok  # the chain alone cannot tell ...
    problems = verify(events, book.roots).problems  # ... the sealed root can
    assert [(p.procurement_id, p.sequence, p.day) for p in problems] == [
        ("B", 3, date(2026, 11, 24))
    ]
    assert "deleted" in problems[0].reason


def test_chain_rewritten_consistently_is_caught_by_the_root():
    book = build(4)
    root = book.seal_day(T0.date(), now=T0 + timedelta(days=1))
    forged = MemoryLedger()
    for event in book.events():
        forged.record(
            procurement_id=event.procurement_id,
            type=event.type,
            actor="user:666" if event.sequence == 1 else event.actor,
            payload=event.data,
            now=event.occurred_at,
        )
    assert verify(forged.events()).ok
    problems = verify(forged.events(), [root]).problems
    assert {(p.procurement_id, p.sequence) for p in problems} == {("A", 2), ("B", 2)}


def test_tampered_root_records_are_reported():
    book = build()
    for day in range(3):
        book.seal_day(T0.date() + timedelta(days=day), now=T0 + timedelta(days=3))
    roots = list(book.roots)
    changed = [roots[0], dataclasses.replace(roots[1], root="f" * 64), roots[2]]
    reasons = [(p.day, p.reason) for p in verify(book.events(), changed).problems]
    assert reasons == [
        (roots[1].day, "root does not match the day's record: the record was changed"),
        (
            roots[2].day,
            f"previous_root does not match the root of {roots[1].day}: "
            "a sealed day was changed, removed or inserted",
        ),
    ]
    dropped = [roots[0], roots[2]]
    assert [p.day for p in verify(book.events(), dropped).problems] == [roots[2].day]
    recount = [roots[0], dataclasses.replace(roots[1], chains=5), roots[2]]
    assert {p.day for p in verify(book.events(), recount).problems} == {roots[1].day}


def test_whole_chain_removed_is_reported_for_one_procurement():
    book = build()
    book.seal_day(T0.date() + timedelta(days=1), now=T0 + timedelta(days=2))
    result = verify([], book.roots, scope={"A"})
    assert [(p.procurement_id, p.sequence) for p in result.problems] == [("A", 3)]
    assert "no such events exist" in result.problems[0].reason
    with pytest.raises(LedgerError, match="outside the verified scope"):
        verify(book.events(), book.roots, scope={"A"})


# --- verification: every single-point tampering is detected and located -----------------

payloads = st.dictionaries(
    st.sampled_from(["amount", "note", "lot", "ok"]),
    st.integers(-1000, 1000) | st.text(max_size=6) | st.booleans() | st.none(),
    max_size=3,
)


@st.composite
def ledgers(draw: st.DrawFn) -> tuple[list[Event], list[DayRoot]]:
    """A ledger of 1-3 procurements over some days, every day sealed."""
    book = MemoryLedger()
    ids = draw(st.lists(st.sampled_from(["P-1", "P-2", "P-3"]), min_size=1, max_size=10))
    moment = T0
    for pid in ids:
        moment += timedelta(minutes=draw(st.integers(0, 36 * 60)))
        book.record(
            procurement_id=pid,
            type=draw(st.sampled_from(["created", "tender.submitted", "opened"])),
            actor=draw(st.sampled_from(["user:1", "user:2", "system"])),
            payload=draw(payloads),
            now=moment,
        )
    day = T0.date()
    while day <= moment.date():
        book.seal_day(day, now=moment + timedelta(days=1))
        day += timedelta(days=1)
    return list(book.events()), list(book.roots)


def other_text(draw: st.DrawFn, current: str) -> str:
    return draw(
        st.text(
            st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=8
        ).filter(lambda s: s != current)
    )


def other_hash(draw: st.DrawFn, current: str) -> str:
    return draw(st.binary(min_size=32, max_size=32).map(bytes.hex).filter(lambda h: h != current))


def changed_field(draw: st.DrawFn, event: Event) -> Event:
    name = draw(st.sampled_from([f.name for f in dataclasses.fields(Event)]))
    current = getattr(event, name)
    if name in ("procurement_id", "type", "actor"):
        value: object = other_text(draw, current)
    elif name == "sequence":
        value = draw(st.integers(0, 20).filter(lambda n: n != current))
    elif name == "occurred_at":
        value = current + timedelta(
            microseconds=draw(st.integers(-(10**11), 10**11).filter(lambda n: n != 0))
        )
    elif name == "payload":
        other_value = payloads.map(ledger.canonical_payload)
        same_value_not_canonical = st.just(current.replace("{", "{ ", 1))
        value = draw((other_value | same_value_not_canonical).filter(lambda t: t != current))
    else:
        value = other_hash(draw, current)
    return dataclasses.replace(event, **{name: value})


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ledgers(), st.data())
def test_every_single_point_tampering_is_detected_and_located(built, data):
    events, roots = built
    assert verify(events, roots).ok
    draw = data.draw
    kind = draw(st.sampled_from(["change", "delete", "insert-forged", "insert-garbage", "swap"]))
    tampered = list(events)

    if kind == "change":
        i = draw(st.integers(0, len(events) - 1))
        tampered[i] = changed_field(draw, events[i])
        result = verify(tampered, roots)
        assert any(p.index == i for p in result.problems), result.problems
        return

    if kind == "delete":
        i = draw(st.integers(0, len(events) - 1))
        gone = tampered.pop(i)
        result = verify(tampered, roots)
        successor = next(
            (
                j
                for j, e in enumerate(tampered)
                if j >= i and e.procurement_id == gone.procurement_id
            ),
            None,
        )
        if successor is not None:
            assert any(
                p.index == successor and f"event {gone.sequence} is missing" in p.reason
                for p in result.problems
            ), result.problems
        else:  # it was the last of its chain: the sealed root names it
            assert any(
                p.procurement_id == gone.procurement_id
                and p.sequence == gone.sequence
                and p.day is not None
                for p in result.problems
            ), result.problems
        return

    if kind == "insert-forged":
        # The strongest forgery: a well-formed event that links correctly to
        # the event before it, inserted right after that event.
        i = draw(st.integers(0, len(events) - 1))
        before = events[i]
        forged = next_event(
            before,
            procurement_id=before.procurement_id,
            type=other_text(draw, ""),
            actor="user:666",
            occurred_at=before.occurred_at,
            payload=draw(payloads),
        )
        tampered.insert(i + 1, forged)
        result = verify(tampered, roots)
        successor = next(
            (
                j
                for j, e in enumerate(tampered)
                if j > i + 1 and e.procurement_id == before.procurement_id
            ),
            None,
        )
        if successor is not None:
            assert any(p.index == successor for p in result.problems), result.problems
        else:  # appended to its chain inside a sealed day
            assert any(
                p.procurement_id == forged.procurement_id and p.sequence == forged.sequence
                for p in result.problems
            ), result.problems
        return

    if kind == "insert-garbage":
        i = draw(st.integers(0, len(events)))
        template = events[draw(st.integers(0, len(events) - 1))]
        forged = dataclasses.replace(
            template,
            sequence=draw(st.integers(1, 12)),
            payload=ledger.canonical_payload(draw(payloads)),
            prev_hash=other_hash(draw, ""),
            hash=other_hash(draw, ""),
        )
        tampered.insert(i, forged)
        result = verify(tampered, roots)
        assert any(p.index == i for p in result.problems), result.problems
        return

    # swap two events of the same procurement
    pids = [
        pid
        for pid in {e.procurement_id for e in events}
        if sum(e.procurement_id == pid for e in events) >= 2
    ]
    if not pids:
        return
    pid = draw(st.sampled_from(sorted(pids)))
    positions = [j for j, e in enumerate(events) if e.procurement_id == pid]
    i, j = sorted(draw(st.lists(st.sampled_from(positions), min_size=2, max_size=2, unique=True)))
    tampered[i], tampered[j] = tampered[j], tampered[i]
    result = verify(tampered, roots)
    assert any(p.index == i for p in result.problems), result.problems


@pytest.mark.parametrize(
    "module",
    [
        ledger.canonical,
        ledger.chain,
        ledger.merkle,
        ledger.memory,
        ledger.verification,
    ],
    ids=lambda m: m.__name__,
)
def test_docstring_examples(module):
    failed, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert attempted > 0
    assert failed == 0
