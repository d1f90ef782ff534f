"""Database storage of the procurement protocol (the hash-chained ledger).

One :class:`ProtocolEvent` row per event of :mod:`heldigital.ledger`, with
its payload stored as the exact canonical JSON text that was hashed, and one
:class:`DailyRoot` row per sealed UTC day. Both tables are append-only, on
three levels:

1. the model: a stored instance cannot be saved again, ``delete()`` raises;
2. the manager and queryset: ``update()``, ``delete()``, ``bulk_update()``
   and ``update_or_create()`` raise :class:`AppendOnlyError`;
3. the database: triggers (migration ``0002``, :mod:`.guards`) refuse
   ``UPDATE`` and ``DELETE`` on both tables on SQLite and PostgreSQL, so
   code that bypasses the ORM cannot change the protocol by mistake.

None of this stops someone with administrator rights on the database: such
a person can drop the triggers. That is why the ledger is hash-chained and
sealed daily - a change made that way is *detected* by
:func:`heldigital.apps.protocol.services.verify_all`, and by anyone holding
a published daily root.
"""

from __future__ import annotations

import json
from typing import Any, NoReturn

from django.db import models
from django.utils.translation import gettext_lazy as _

from heldigital import ledger


class AppendOnlyError(Exception):
    """An attempt to change or remove a stored protocol record."""


def _refuse(what: str) -> NoReturn:
    raise AppendOnlyError(
        f"the procurement protocol is append-only: {what} is not allowed "
        "(record a new event instead)"
    )


class AppendOnlyQuerySet(models.QuerySet[Any]):
    """A queryset whose bulk changes are refused."""

    def update(self, **kwargs: Any) -> NoReturn:
        _refuse("update()")

    def delete(self) -> NoReturn:
        _refuse("delete()")

    def bulk_update(self, objs: Any, fields: Any, batch_size: Any = None) -> NoReturn:
        _refuse("bulk_update()")

    def update_or_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse("update_or_create()")


AppendOnlyManager = models.Manager.from_queryset(AppendOnlyQuerySet)


class AppendOnlyModel(models.Model):
    """A model whose rows are written once and never changed or deleted."""

    objects = AppendOnlyManager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            _refuse(f"saving a stored {type(self).__name__} again")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse(f"deleting a {type(self).__name__}")


class ProtocolEvent(AppendOnlyModel):
    """One event of one procurement's protocol (see :mod:`heldigital.ledger.chain`).

    ``payload`` is the canonical JSON text (RFC 8785) exactly as hashed;
    :attr:`data` reads it. ``hash`` chains this event to ``prev_hash``, the
    hash of the event with the previous sequence number.
    """

    procurement_id = models.CharField(_("procurement"), max_length=ledger.chain.MAX_PROCUREMENT_ID)
    sequence = models.PositiveBigIntegerField(_("sequence number"))
    type = models.CharField(_("event type"), max_length=ledger.chain.MAX_TYPE)
    actor = models.CharField(_("actor"), max_length=ledger.chain.MAX_ACTOR)
    occurred_at = models.DateTimeField(_("time (UTC)"))
    payload = models.TextField(_("payload (canonical JSON)"))
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64)

    class Meta:
        verbose_name = _("protocol event")
        verbose_name_plural = _("protocol events")
        ordering = ["procurement_id", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["procurement_id", "sequence"], name="protocol_event_unique_sequence"
            ),
            models.CheckConstraint(
                condition=models.Q(sequence__gte=1), name="protocol_event_sequence_from_1"
            ),
        ]
        indexes = [models.Index(fields=["occurred_at"], name="protocol_event_time")]

    def __str__(self) -> str:
        return f"{self.procurement_id} #{self.sequence} {self.type}"

    @property
    def data(self) -> dict[str, Any]:
        """The payload as Python values."""
        return self.to_event().data

    def to_event(self) -> ledger.Event:
        """This row as a :class:`heldigital.ledger.Event` (for verification)."""
        return ledger.Event(
            procurement_id=self.procurement_id,
            sequence=self.sequence,
            type=self.type,
            actor=self.actor,
            occurred_at=self.occurred_at,
            payload=self.payload,
            prev_hash=self.prev_hash,
            hash=self.hash,
        )

    @classmethod
    def from_event(cls, event: ledger.Event) -> ProtocolEvent:
        """An unsaved row holding ``event``."""
        return cls(
            procurement_id=event.procurement_id,
            sequence=event.sequence,
            type=event.type,
            actor=event.actor,
            occurred_at=event.occurred_at,
            payload=event.payload,
            prev_hash=event.prev_hash,
            hash=event.hash,
        )


class DailyRoot(AppendOnlyModel):
    """The sealed root of one UTC day (see :mod:`heldigital.ledger.roots`).

    ``heads`` holds the chain heads the Merkle root was computed from, as
    canonical JSON ``[{"hash": ..., "procurement_id": ..., "sequence": n}, ...]``,
    so that a mismatch can be traced to the procurement whose chain changed
    and so that inclusion proofs can be given.
    """

    day = models.DateField(_("day (UTC)"), unique=True)
    root = models.CharField(_("root"), max_length=64)
    previous_root = models.CharField(_("previous root"), max_length=64)
    merkle_root = models.CharField(_("Merkle root of the chain heads"), max_length=64)
    chains = models.PositiveIntegerField(_("number of chains"))
    heads = models.TextField(_("chain heads (canonical JSON)"))
    sealed_at = models.DateTimeField(_("sealed at"))

    class Meta:
        verbose_name = _("daily root")
        verbose_name_plural = _("daily roots")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day.isoformat()} {self.root}"

    def to_root(self) -> ledger.DayRoot:
        """This row as a :class:`heldigital.ledger.DayRoot`.

        Raises :class:`heldigital.ledger.LedgerError` when the stored heads
        are not readable.
        """
        try:
            items = json.loads(self.heads)
            heads = tuple(
                ledger.Head(item["procurement_id"], item["sequence"], item["hash"])
                for item in items
            )
        except (ValueError, TypeError, KeyError) as exc:
            raise ledger.LedgerError(f"sealed heads of {self.day} are unreadable: {exc}") from None
        return ledger.DayRoot(
            day=self.day,
            root=self.root,
            previous_root=self.previous_root,
            merkle_root=self.merkle_root,
            heads=heads,
            chains=self.chains,
        )

    @classmethod
    def from_root(cls, root: ledger.DayRoot, *, sealed_at: Any) -> DailyRoot:
        """An unsaved row holding ``root``."""
        heads = [
            {"hash": h.hash, "procurement_id": h.procurement_id, "sequence": h.sequence}
            for h in root.heads
        ]
        return cls(
            day=root.day,
            root=root.root,
            previous_root=root.previous_root,
            merkle_root=root.merkle_root,
            chains=root.chains,
            heads=ledger.canonical_json(heads).decode("utf-8"),
            sealed_at=sealed_at,
        )


class RefusalTally(models.Model):
    """How often one actor was refused one thing for one reason in one time window.

    Bookkeeping for :func:`heldigital.apps.protocol.services.record_refusal`,
    not part of the protocol: the first refusal of a window is appended to
    the chain at once, the others are counted here and appended as one
    aggregate event (``attempts``) when the window is flushed. ``recorded``
    is how many of ``count`` are already in the chain.
    """

    chain = models.CharField(_("chain"), max_length=ledger.chain.MAX_PROCUREMENT_ID)
    actor = models.CharField(_("actor"), max_length=ledger.chain.MAX_ACTOR)
    type = models.CharField(_("type"), max_length=ledger.chain.MAX_TYPE)
    reason = models.CharField(_("reason"), max_length=100)
    window_start = models.DateTimeField(_("window start"))
    first_at = models.DateTimeField(_("first attempt"))
    last_at = models.DateTimeField(_("last attempt"))
    count = models.PositiveIntegerField(_("attempts"), default=1)
    recorded = models.PositiveIntegerField(_("attempts in the protocol"), default=0)

    class Meta:
        verbose_name = _("refusal tally")
        verbose_name_plural = _("refusal tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["chain", "actor", "type", "reason", "window_start"],
                name="protocol_one_tally_per_window",
            )
        ]
        indexes = [models.Index(fields=["chain", "window_start"])]
