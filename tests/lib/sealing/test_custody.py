"""Opening-key custody: released only after the deadline, by enough openers."""

from __future__ import annotations

import base64
import os
from datetime import UTC, datetime, timedelta

import pytest

from heldigital.sealing import keywrap
from heldigital.sealing.custody import (
    MASTER_KEY_ENV,
    LocalKeyCustodian,
    RefusalReason,
    ReleaseRefused,
    check_release,
    load_master_secret,
)
from heldigital.sealing.errors import IntegrityError, KeyFileError, SealingError

DEADLINE = datetime(2026, 3, 29, 10, 0, tzinfo=UTC)  # the day summer time starts in Oslo
REF = "P-2026-0042"


@pytest.fixture
def custodian() -> LocalKeyCustodian:
    return LocalKeyCustodian(os.urandom(32))


def release(custodian, sealed, *, now, openers, required=1, deadline=DEADLINE):
    return custodian.release(
        REF,
        sealed.wrapped_private_key,
        deadline=deadline,
        now=now,
        openers=openers,
        required_openers=required,
    )


def test_release_after_the_deadline_unwraps_tender_keys(custodian):
    sealed = custodian.create_opening_key(REF, deadline=DEADLINE, required_openers=1)
    data_key = keywrap.new_data_key()
    wrapped = keywrap.wrap_key(data_key, sealed.public_key, b"chunk")
    private = release(custodian, sealed, now=DEADLINE, openers=["kari"])
    assert keywrap.unwrap_key(wrapped, private, b"chunk") == data_key
    assert private not in sealed.wrapped_private_key


def test_refused_one_microsecond_before_the_deadline(custodian):
    sealed = custodian.create_opening_key(REF, deadline=DEADLINE, required_openers=1)
    with pytest.raises(ReleaseRefused) as refused:
        release(custodian, sealed, now=DEADLINE - timedelta(microseconds=1), openers=["kari"])
    assert refused.value.refusal.reason is RefusalReason.BEFORE_DEADLINE
    assert "2026-03-29T10:00:00+00:00" in str(refused.value)


def test_two_different_openers_when_required(custodian):
    sealed = custodian.create_opening_key(REF, deadline=DEADLINE, required_openers=2)
    later = DEADLINE + timedelta(minutes=5)
    for openers in (["kari"], ["kari", "kari"]):
        with pytest.raises(ReleaseRefused) as refused:
            release(custodian, sealed, now=later, openers=openers, required=2)
        assert refused.value.refusal.reason is RefusalReason.SECOND_OPENER_MISSING
        assert refused.value.refusal.openers == ("kari",)
    with pytest.raises(ReleaseRefused) as refused:
        release(custodian, sealed, now=later, openers=[], required=2)
    assert refused.value.refusal.reason is RefusalReason.NO_OPENER
    assert release(custodian, sealed, now=later, openers=["kari", "ola"], required=2)


def test_a_database_writer_cannot_move_the_deadline_or_lower_the_openers_rule(custodian):
    sealed = custodian.create_opening_key(REF, deadline=DEADLINE, required_openers=2)
    early = DEADLINE - timedelta(days=1)
    with pytest.raises(IntegrityError):  # deadline rewritten in the database
        release(custodian, sealed, now=early, openers=["a", "b"], required=2, deadline=early)
    with pytest.raises(IntegrityError):  # regime rewritten to need one opener
        release(custodian, sealed, now=DEADLINE, openers=["a"], required=1)
    other = custodian.create_opening_key("P-OTHER", deadline=early, required_openers=1)
    with pytest.raises(IntegrityError):  # another procurement's key swapped in
        custodian.release(
            REF,
            other.wrapped_private_key,
            deadline=early,
            now=DEADLINE,
            openers=["a"],
            required_openers=1,
        )


def test_another_master_secret_cannot_release(custodian):
    sealed = custodian.create_opening_key(REF, deadline=DEADLINE, required_openers=1)
    with pytest.raises(IntegrityError):
        release(LocalKeyCustodian(os.urandom(32)), sealed, now=DEADLINE, openers=["a"])


def test_rebind_moves_a_sealed_key_to_a_new_deadline_only_before_the_old_one(custodian):
    sealed = custodian.create_opening_key(REF, deadline=DEADLINE, required_openers=1)
    later = DEADLINE + timedelta(days=7)
    now = DEADLINE - timedelta(days=2)
    moved = custodian.rebind(
        REF,
        sealed.wrapped_private_key,
        old_deadline=DEADLINE,
        new_deadline=later,
        required_openers=1,
        now=now,
    )
    with pytest.raises(ReleaseRefused):
        custodian.release(
            REF, moved, deadline=later, now=DEADLINE, openers=["a"], required_openers=1
        )
    with pytest.raises(IntegrityError):
        custodian.release(
            REF, moved, deadline=DEADLINE, now=DEADLINE, openers=["a"], required_openers=1
        )
    assert custodian.release(
        REF, moved, deadline=later, now=later, openers=["a"], required_openers=1
    )
    with pytest.raises(SealingError, match="has passed"):
        custodian.rebind(
            REF,
            sealed.wrapped_private_key,
            old_deadline=DEADLINE,
            new_deadline=later,
            required_openers=1,
            now=DEADLINE,
        )


def test_check_release_needs_aware_times():
    with pytest.raises(SealingError, match="timezone-aware"):
        check_release(
            procurement_ref=REF,
            deadline=datetime(2026, 1, 1),
            now=DEADLINE,
            openers=["a"],
            required_openers=1,
        )


def test_protect_and_unprotect_working_state(custodian):
    sealed = custodian.protect("upload:1", b"state")
    assert b"state" not in sealed
    assert custodian.unprotect("upload:1", sealed) == b"state"
    with pytest.raises(IntegrityError):
        custodian.unprotect("upload:2", sealed)


def test_master_secret_from_file_created_0600(tmp_path):
    path = tmp_path / "keys" / "master.key"
    secret = load_master_secret(path, environ={}, create=True)
    assert len(secret) == 32
    assert path.stat().st_mode & 0o777 == 0o600
    assert load_master_secret(path, environ={}) == secret


def test_master_secret_file_readable_by_others_is_refused(tmp_path):
    path = tmp_path / "master.key"
    load_master_secret(path, environ={}, create=True)
    path.chmod(0o644)
    with pytest.raises(KeyFileError, match="0600"):
        load_master_secret(path, environ={})


def test_master_secret_from_the_environment_wins(tmp_path):
    secret = os.urandom(48)
    env = {MASTER_KEY_ENV: base64.urlsafe_b64encode(secret).decode()}
    assert load_master_secret(tmp_path / "absent", environ=env) == secret
    with pytest.raises(KeyFileError, match="at least 32"):
        load_master_secret(tmp_path / "absent", environ={MASTER_KEY_ENV: "c2hvcnQ="})
    with pytest.raises(KeyFileError, match="no master secret"):
        load_master_secret(tmp_path / "absent", environ={})


def test_the_custodian_id_names_the_master_secret_without_revealing_it():
    secret = os.urandom(32)
    one, same, other = (
        LocalKeyCustodian(secret),
        LocalKeyCustodian(secret),
        LocalKeyCustodian(os.urandom(32)),
    )
    assert one.custodian_id == same.custodian_id != other.custodian_id
    assert one.custodian_id.startswith("local:") and secret.hex()[:16] not in one.custodian_id
    sealed = one.create_opening_key(REF, deadline=DEADLINE, required_openers=1)
    assert sealed.custodian_id == one.custodian_id


_RACE = """
import sys
from pathlib import Path
from heldigital.sealing.custody import load_master_secret
path = Path(sys.argv[1])
barrier = Path(sys.argv[2])
while not barrier.exists():
    pass
print(load_master_secret(path, environ={}, create=True).hex())
"""


def test_processes_creating_the_master_secret_at_once_agree_on_one(tmp_path):
    # Server processes starting together all find the file missing; each must end
    # with the same complete secret, none with an error (the surge benchmark's 500).
    import subprocess
    import sys

    path = tmp_path / "keys" / "master.key"
    barrier = tmp_path / "go"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _RACE, str(path), str(barrier)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "HELDIGITAL_MASTER_KEY": ""},
        )
        for _ in range(8)
    ]
    barrier.touch()
    outputs = [p.communicate(timeout=60) for p in processes]
    assert [p.returncode for p in processes] == [0] * 8, [e for _, e in outputs]
    secrets = {out.strip() for out, _ in outputs}
    assert len(secrets) == 1
    assert bytes.fromhex(secrets.pop().decode()) == load_master_secret(path, environ={})
    assert sorted(p.name for p in path.parent.iterdir()) == ["master.key"]
