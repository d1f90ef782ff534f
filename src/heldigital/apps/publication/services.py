"""Sending notices: registration when a notice is issued, and the worker's steps.

:func:`register` runs in the transaction that issues the notice and decides
where it goes; after the commit the worker is asked to send it
(:func:`heldigital.apps.publication.tasks.send_notice`), and the periodic
job :func:`send_due` picks up retries, status checks and rows a crashed
worker left behind.

**Never twice.** A submission happens only inside :func:`step`, and only by
the worker that holds the row's lease: the lease is taken by one
conditional ``UPDATE`` (the row must be active, due and not leased), so of
two workers exactly one gets it, on PostgreSQL and SQLite alike. Before the
HTTP call the row is committed as ``sending`` with ``check_first`` set; a
worker that later finds ``check_first`` set (the previous attempt timed out,
got a 5xx, or its process died, so its lease ran out) asks the service for
the notice's business id first and adopts what it finds instead of
submitting again. Only a definite answer clears ``check_first``.

Every submission and its outcome is recorded in the procurement's protocol
(``notice.sending.*`` events), in the same unit as the state change.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from heldigital import ledger
from heldigital.apps.protocol import services as protocol
from heldigital.apps.protocol.services import When
from heldigital.apps.publication.models import ACTIVE, NoticeDispatch, State
from heldigital.apps.tendering.models import Notice, Regime
from heldigital.publication import (
    SERVICES,
    Accepted,
    Conflict,
    NoticeClient,
    RemoteNotice,
    RetryPolicy,
    SendError,
    business_id,
    destination,
    next_attempt,
    read_report,
)
from heldigital.publication.contract import FINAL_STATUSES
from heldigital.publication.decisions import next_poll, retry_after

logger = logging.getLogger(__name__)

ACTOR = "system"

#: Why a notice is not sent (``NoticeDispatch.reason`` of a ``not_sent`` row).
NO_XML = "no_xml"
NOT_CONFIGURED = "not_configured"
NATIONAL_WITHOUT_DOFFIN = "national_without_doffin"


@dataclass(frozen=True)
class Configuration:
    """Where the services are and with which keys (from the settings)."""

    endpoints: dict[str, tuple[str, str]]
    timeout: float = 60.0
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    author_email: str = ""

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self.endpoints)

    def client(self, name: str) -> NoticeClient | None:
        if name not in self.endpoints:
            return None
        url, key = self.endpoints[name]
        return NoticeClient(SERVICES[name], url, key, timeout=self.timeout)

    @property
    def lease(self) -> timedelta:
        # a step makes at most three calls (find, submit, report), each bounded by the timeout
        return timedelta(seconds=3 * self.timeout + 60)


def configuration() -> Configuration:
    endpoints = {}
    for name in SERVICES:
        key = getattr(settings, f"HELDIGITAL_{name.upper()}_API_KEY", "")
        url = getattr(settings, f"HELDIGITAL_{name.upper()}_API_URL", SERVICES[name].production_url)
        if key:
            endpoints[name] = (url, key)
    return Configuration(
        endpoints=endpoints,
        timeout=float(getattr(settings, "HELDIGITAL_NOTICE_TIMEOUT", 60)),
        policy=RetryPolicy(
            base=timedelta(seconds=float(getattr(settings, "HELDIGITAL_NOTICE_RETRY_SECONDS", 60))),
            attempts=int(getattr(settings, "HELDIGITAL_NOTICE_ATTEMPTS", 10)),
        ),
        author_email=getattr(settings, "HELDIGITAL_NOTICE_AUTHOR_EMAIL", ""),
    )


# ------------------------------------------------------------ registration


def on_notice_saved(sender: Any, instance: Notice, created: bool, raw: bool, **_: Any) -> None:
    """``post_save`` of :class:`Notice`: register every newly issued notice."""
    if created and not raw:
        register(instance)


def register(notice: Notice, *, config: Configuration | None = None) -> NoticeDispatch:
    """Decide where ``notice`` goes; ask the worker to send it once this commits."""
    config = config or configuration()
    procurement = notice.procurement
    service = destination(eea=procurement.regime == Regime.EEA, configured=config.names)
    reason = ""
    if notice.xml is None:
        service, reason = None, NO_XML
    elif service is None:
        reason = NOT_CONFIGURED if not config.names else NATIONAL_WITHOUT_DOFFIN
    dispatch = NoticeDispatch.objects.create(
        notice=notice,
        service=service or "",
        business_id=business_id(notice.notice_id, notice.notice_version),
        state=State.QUEUED if service else State.NOT_SENT,
        reason=reason,
        next_attempt_at=notice.published_at if service else None,
        created_at=notice.published_at,
        updated_at=notice.published_at,
    )
    pk = dispatch.pk
    if service:
        transaction.on_commit(lambda: _enqueue(pk), robust=True)
    else:
        transaction.on_commit(lambda: _record_not_sent(pk), robust=True)
    return dispatch


def _enqueue(pk: int) -> None:
    from heldigital.apps.publication.tasks import send_notice

    send_notice.enqueue(pk)


def _record_not_sent(pk: int) -> None:
    dispatch = NoticeDispatch.objects.select_related("notice__procurement").get(pk=pk)
    # Dated as the notice (decided in its unit): a fresh clock read here would move the
    # chain past the clock the issuing service used (a fixed one in tests and the demo).
    protocol.record(
        procurement_id=dispatch.notice.procurement.reference,
        type="notice.sending.not_sent",
        actor=ACTOR,
        payload={**_about(dispatch), "reason": dispatch.reason},
        now=dispatch.notice.published_at,
    )


# --------------------------------------------------------------- the worker


def due(now: datetime, limit: int = 50) -> list[int]:
    """Rows the worker should look at now: active, due, and not leased."""
    return list(
        NoticeDispatch.objects.filter(state__in=ACTIVE, next_attempt_at__lte=now)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lte=now))
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def send_due(*, now: When = timezone.now, config: Configuration | None = None) -> int:
    """One :func:`step` for each due row; the number of rows stepped."""
    config = config or configuration()
    ids = due(protocol.read_clock(now))
    for pk in ids:
        try:
            step(pk, now=now, config=config)
        except Exception:  # one bad row must not stop the others
            logger.exception("sending notice dispatch %s failed", pk)
    return len(ids)


def step(pk: int, *, now: When = timezone.now, config: Configuration | None = None) -> str:
    """Do the next piece of work on one dispatch if it is due and no one else holds it.

    Returns what happened: ``busy`` (not due, finished, or leased by another
    worker), ``submitted``, ``found`` (an earlier attempt had arrived),
    ``rejected``, ``retry``, ``failed``, ``published``, ``not_published``,
    ``waiting`` (submitted, not yet published), ``lost`` (the lease ran out
    while working; the other worker's result stands).
    """
    config = config or configuration()
    at = protocol.read_clock(now)
    token = uuid.uuid4()
    claimed = (
        NoticeDispatch.objects.filter(pk=pk, state__in=ACTIVE, next_attempt_at__lte=at)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lte=at))
        .update(lease=token, lease_until=at + config.lease)
    )
    if not claimed:
        return "busy"
    dispatch = NoticeDispatch.objects.select_related("notice__procurement__buyer").get(pk=pk)
    work = _Work(dispatch, token, config, now)
    client = config.client(dispatch.service)
    if client is None:
        # the key was removed after the notice was queued
        return work.finish(
            "failed",
            "notice.sending.not_sent",
            {"reason": NOT_CONFIGURED},
            state=State.FAILED,
            reason=NOT_CONFIGURED,
        )
    if dispatch.state == State.SUBMITTED:
        return work.poll(client)
    return work.send(client)


class _Work:
    """One worker's step on one leased row."""

    def __init__(
        self, dispatch: NoticeDispatch, token: uuid.UUID, config: Configuration, now: When
    ) -> None:
        self.dispatch = dispatch
        self.token = token
        self.config = config
        self.now = now
        self.notice = dispatch.notice

    # ------------------------------------------------------------ writing

    def _mine(self) -> Any:
        return NoticeDispatch.objects.filter(pk=self.dispatch.pk, lease=self.token)

    def finish(
        self,
        result: str,
        event: str | None,
        payload: dict[str, Any],
        **fields: Any,
    ) -> str:
        """Store the outcome and release the lease; record ``event`` in the same unit."""
        procurement = self.notice.procurement
        with protocol.appending(procurement.reference, clock=self.now) as at:
            written = self._mine().update(lease=None, lease_until=None, updated_at=at, **fields)
            if not written:
                logger.warning("lease on %s lost; its outcome is dropped", self.dispatch)
                return "lost"
            if event:
                protocol.record(
                    procurement_id=procurement.reference,
                    type=event,
                    actor=ACTOR,
                    payload={**_about(self.dispatch), **payload},
                    now=at,
                )
        return result

    # ------------------------------------------------------------- sending

    def send(self, client: NoticeClient) -> str:
        dispatch = self.dispatch
        if dispatch.check_first or dispatch.state == State.SENDING:
            try:
                remote = client.find(self.notice.notice_id, self.notice.notice_version)
            except SendError as error:
                return self.failed(error, attempt=dispatch.attempts, submitted=False)
            if remote is not None:
                return self.adopt(client, remote)
        attempt = dispatch.attempts + 1
        # Committed before the call: from here on the service may hold the notice.
        with transaction.atomic():
            marked = self._mine().update(
                state=State.SENDING,
                check_first=True,
                attempts=F("attempts") + 1,
                updated_at=protocol.read_clock(self.now),
            )
        if not marked:
            return "lost"
        try:
            outcome = client.submit(
                bytes(self.notice.xml or b""),
                notice_id=self.notice.notice_id,
                version=self.notice.notice_version,
                author_email=self._author_email(),
                author_locale=_locale(self.notice.procurement.notice_language),
            )
        except SendError as error:
            return self.failed(error, attempt=attempt, submitted=True)
        if isinstance(outcome, Accepted):
            return self.finish(
                "submitted",
                "notice.sending.submitted",
                {"attempt": attempt},
                state=State.SUBMITTED,
                check_first=False,
                reason="",
                remote_status="SUBMITTED",
                polls=0,
                next_attempt_at=next_poll(self.config.policy, polls=0, now=self._at()),
            )
        if isinstance(outcome, Conflict):
            # the service holds this business id already: an earlier attempt arrived
            try:
                remote = client.find(self.notice.notice_id, self.notice.notice_version)
            except SendError as error:
                return self.failed(error, attempt=attempt, submitted=False)
            if remote is not None:
                return self.adopt(client, remote)
            return self.failed(
                SendError("client", outcome.message, status=409, temporary=True, uncertain=True),
                attempt=attempt,
                submitted=False,
            )
        return self.rejected(outcome.report, attempt=attempt, message=outcome.message)

    def adopt(self, client: NoticeClient, remote: RemoteNotice) -> str:
        """The service already holds the notice: take its state, never submit again."""
        if remote.status == "VALIDATION_FAILED":
            return self.rejected(self._report(client), attempt=self.dispatch.attempts, found=True)
        if remote.status == "PUBLISHED":
            return self.published(remote, found=True)
        if remote.status in FINAL_STATUSES:
            return self.finish(
                "not_published",
                "notice.sending.not_published",
                {"status": remote.status, "found": True},
                state=State.NOT_PUBLISHED,
                check_first=False,
                remote_status=remote.status,
            )
        return self.finish(
            "found",
            "notice.sending.submitted",
            {"attempt": self.dispatch.attempts, "found": True},
            state=State.SUBMITTED,
            check_first=False,
            reason="",
            remote_status=remote.status,
            polls=0,
            next_attempt_at=next_poll(self.config.policy, polls=0, now=self._at()),
        )

    def failed(self, error: SendError, *, attempt: int, submitted: bool) -> str:
        at = self._at()
        retry_at = None
        if error.temporary:
            wait = retry_after(error.retry_after, at)
            retry_at = next_attempt(self.config.policy, attempt=max(attempt, 1), now=at, wait=wait)
        payload: dict[str, Any] = {
            "attempt": attempt,
            "error": error.kind,
            "status": error.status,
            "message": error.message[:300],
            "may_have_arrived": error.uncertain,
        }
        if retry_at is not None:
            payload["retry_at"] = ledger.format_time(retry_at)
            return self.finish(
                "retry",
                "notice.sending.failed" if submitted else None,
                payload,
                state=State.QUEUED,
                reason=error.message[:500],
                next_attempt_at=retry_at,
            )
        return self.finish(
            "failed",
            "notice.sending.not_sent",
            {**payload, "reason": error.kind},
            state=State.FAILED,
            reason=error.message[:500],
            next_attempt_at=None,
        )

    def rejected(
        self, report: bytes | None, *, attempt: int, message: str = "", found: bool = False
    ) -> str:
        findings: list[dict[str, str]] = []
        if report is not None:
            try:
                findings = [finding.as_dict() for finding in read_report(report)]
            except ValueError:  # DocumentError is a ValueError too
                logger.warning("unreadable validation report for %s", self.dispatch)
        errors = [f["rule"] for f in findings if f["severity"].upper() in {"ERROR", "FATAL"}]
        return self.finish(
            "rejected",
            "notice.sending.rejected",
            {
                "attempt": attempt,
                "found": found,
                "findings": len(findings),
                "rules": sorted(set(errors))[:50],
            },
            state=State.REJECTED,
            check_first=False,
            reason=(message or "validation failed")[:500],
            remote_status="VALIDATION_FAILED",
            findings=findings,
            validation_report=report,
            next_attempt_at=None,
        )

    # ------------------------------------------------------------- polling

    def poll(self, client: NoticeClient) -> str:
        dispatch = self.dispatch
        try:
            remote = client.find(self.notice.notice_id, self.notice.notice_version)
        except SendError as error:
            logger.warning("status of %s unknown: %s", dispatch, error)
            remote = None
        if remote is not None and remote.status == "PUBLISHED":
            return self.published(remote)
        if remote is not None and remote.status in FINAL_STATUSES:
            return self.adopt(client, remote)
        return self.finish(
            "waiting",
            None,
            {},
            polls=F("polls") + 1,
            remote_status=remote.status if remote else dispatch.remote_status,
            next_attempt_at=next_poll(self.config.policy, polls=dispatch.polls + 1, now=self._at()),
        )

    def published(self, remote: RemoteNotice, *, found: bool = False) -> str:
        return self.finish(
            "published",
            "notice.sending.published",
            {
                "publication_id": remote.publication_id,
                "publication_date": remote.publication_date.isoformat()
                if remote.publication_date
                else None,
                "found": found,
            },
            state=State.PUBLISHED,
            check_first=False,
            remote_status=remote.status,
            publication_id=remote.publication_id or "",
            publication_date=remote.publication_date,
            next_attempt_at=None,
        )

    # ------------------------------------------------------------- helpers

    def _at(self) -> datetime:
        return protocol.read_clock(self.now)

    def _report(self, client: NoticeClient) -> bytes | None:
        try:
            return client.validation_report(self.notice.notice_id, self.notice.notice_version)
        except SendError:
            return None

    def _author_email(self) -> str:
        buyer = self.notice.procurement.buyer
        email = getattr(buyer, "email", "") or self.config.author_email
        return str(email or settings.DEFAULT_FROM_EMAIL)


def _locale(language: str) -> str:
    return "en" if language == "en" else "nb"


def _about(dispatch: NoticeDispatch) -> dict[str, Any]:
    notice = dispatch.notice
    return {
        "notice_id": str(notice.notice_id),
        "notice_version": notice.notice_version,
        "kind": notice.kind,
        "service": dispatch.service or None,
    }


# ------------------------------------------------------------ what to show


@dataclass(frozen=True)
class Line:
    """What the buyer is told about one notice."""

    notice: Notice
    dispatch: NoticeDispatch | None
    sent: bool
    text: str


def lines(procurement: Any) -> list[Line]:
    """One status line per notice of ``procurement``, oldest first."""
    from heldigital.apps.publication import texts

    notices = procurement.notices.select_related("dispatch").order_by("published_at", "id")
    result = []
    for notice in notices:
        dispatch = getattr(notice, "dispatch", None)
        sent = dispatch is not None and dispatch.state in (
            State.SUBMITTED,
            State.PUBLISHED,
            State.NOT_PUBLISHED,
        )
        result.append(Line(notice, dispatch, sent, texts.describe(dispatch)))
    return result
