"""Sending eForms notices to TED and Doffin (no Django).

A notice the platform issues is published by an *eSender* call to the
publication service's API:

* **TED** — the Publications Office's Publication API (TED API v3,
  https://docs.ted.europa.eu/api/latest/publish.html): ``POST
  /v3/notices/submit`` (multipart: the notice XML and the author metadata),
  the status of one's own notices, and the CVS validation report of a
  notice, each addressed by its *business id* ``{notice id}-{version}``,
  which the eSender assigns and the Publications Office never changes.
* **Doffin** — DFØ's Notices API (``api.doffin.no``), which "mimics the TED
  API as closely as possible" (github.com/anskaffelser/eforms-sdk-nor): the
  same operations under ``/api/v2/notice/notices/...`` with an Azure API
  Management subscription key. Doffin publishes national notices itself and
  forwards EEA notices to TED.

:mod:`.contract` describes the two services, :mod:`.client` talks to them
over HTTP (standard library only, a timeout on every call, every answer
classified), :mod:`.report` reads the SVRL validation report, and
:mod:`.decisions` holds the pure rules: where a notice goes, when to try
again, what a remote status means. What we had to assume about the
contracts is written down in docs/publication.md.
"""

from heldigital.publication.client import (
    Accepted,
    Conflict,
    NoticeClient,
    Rejected,
    RemoteNotice,
    SendError,
)
from heldigital.publication.contract import DOFFIN, SERVICES, TED, Service, business_id
from heldigital.publication.decisions import RetryPolicy, destination, next_attempt
from heldigital.publication.report import Finding, read_report

__all__ = [
    "DOFFIN",
    "SERVICES",
    "TED",
    "Accepted",
    "Conflict",
    "Finding",
    "NoticeClient",
    "Rejected",
    "RemoteNotice",
    "RetryPolicy",
    "SendError",
    "Service",
    "business_id",
    "destination",
    "next_attempt",
    "read_report",
]
