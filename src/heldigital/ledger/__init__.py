"""The procurement protocol: an append-only, hash-chained event log.

Public procurement law requires the contracting authority to keep a
protocol of every procurement (Directive 2014/24/EU art. 84;
anskaffelsesforskriften § 7-1, FOR-2016-08-12-974) and, for electronic
procedures, to record the exact time of receipt and make any breach or
attempted breach detectable (art. 22 and Annex IV). This
package keeps that record so that any later change is detectable:

* every event (procurement id, sequence number, type, actor, time, payload)
  has one canonical byte form, RFC 8785 JSON (:mod:`.canonical`);
* events of one procurement form a SHA-256 hash chain starting from 64
  zeros (:mod:`.chain`);
* at the end of each UTC day the chain heads are folded into an RFC 6962
  Merkle tree whose root also commits to the previous day's root
  (:mod:`.roots`, :mod:`.merkle`), so one published root fixes everything
  before it;
* :func:`verify` finds any changed, removed, inserted or reordered event
  and says which and why (:mod:`.verification`);
* :class:`MemoryLedger` is a store for library users; the Django app
  :mod:`heldigital.apps.protocol` is the database-backed one.

Pure Python (standard library only); it never imports Django.
"""

from heldigital.ledger.canonical import JSONValue, canonical_json, format_time, parse_time
from heldigital.ledger.chain import (
    GENESIS,
    Event,
    canonical_payload,
    chain_hash,
    event_bytes,
    new_event,
    next_event,
)
from heldigital.ledger.errors import CanonicalError, LedgerError
from heldigital.ledger.memory import MemoryLedger, check_recordable, check_sealable
from heldigital.ledger.merkle import inclusion_proof, merkle_root, verify_inclusion
from heldigital.ledger.roots import (
    DayRoot,
    Head,
    day_end,
    day_of,
    day_root_hash,
    heads_at,
    heads_merkle_root,
    seal,
)
from heldigital.ledger.verification import Problem, Verification, verify, verify_roots

__all__ = [
    "GENESIS",
    "CanonicalError",
    "DayRoot",
    "Event",
    "Head",
    "JSONValue",
    "LedgerError",
    "MemoryLedger",
    "Problem",
    "Verification",
    "canonical_json",
    "canonical_payload",
    "chain_hash",
    "check_recordable",
    "check_sealable",
    "day_end",
    "day_of",
    "day_root_hash",
    "event_bytes",
    "format_time",
    "heads_at",
    "heads_merkle_root",
    "inclusion_proof",
    "merkle_root",
    "new_event",
    "next_event",
    "parse_time",
    "seal",
    "verify",
    "verify_inclusion",
    "verify_roots",
]
