"""An eSender client for TED's Publication API and Doffin's Notices API.

One :class:`NoticeClient` talks to one service (:data:`.contract.TED` or
:data:`.contract.DOFFIN`) at one base URL with one API key. It uses the
standard library's ``http.client`` with a timeout on every call and sorts
every answer into exactly one outcome:

* :meth:`NoticeClient.submit` returns :class:`Accepted` (``201
  {"success": true}``), :class:`Rejected` (the service's validation refused
  the notice: ``400`` or ``201 {"success": false}``, with the SVRL report
  when it can be fetched) or :class:`Conflict` (``409``: the business id is
  taken, i.e. the service already has this notice);
* :meth:`NoticeClient.find` returns the service's record of a notice
  (:class:`RemoteNotice`) or ``None``;
* anything else raises :class:`SendError`, which says whether trying again
  may help (``temporary``: 429, 5xx, timeouts, refused connections) and
  whether the service may have received the notice all the same
  (``uncertain``: a timeout or a 5xx after the request was sent). A caller
  that sees an uncertain failure must ask :meth:`NoticeClient.find` before
  it submits again: that is how the same notice is never published twice.
"""

from __future__ import annotations

import http.client
import json
import ssl
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

from heldigital.publication.contract import Service, business_id

__all__ = [
    "Accepted",
    "Conflict",
    "NoticeClient",
    "Rejected",
    "RemoteNotice",
    "SendError",
]

#: Answers larger than this are refused (a validation report of a big notice is
#: a few megabytes).
MAX_RESPONSE_BYTES = 25 * 1024 * 1024


class SendError(Exception):
    """A call that did not produce an answer the contract defines.

    ``kind`` is one of ``unauthorized`` (401/403: the key was refused),
    ``rate_limited`` (429), ``server`` (5xx), ``timeout``, ``connection``,
    ``protocol`` (an answer outside the contract) and ``client`` (another
    4xx). ``retry_after`` is the raw ``Retry-After`` header, if any.
    """

    def __init__(
        self,
        kind: str,
        message: str,
        *,
        status: int | None = None,
        temporary: bool,
        uncertain: bool,
        retry_after: str | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.status = status
        self.temporary = temporary
        self.uncertain = uncertain
        self.retry_after = retry_after


@dataclass(frozen=True)
class Accepted:
    """The service accepted the notice for publication."""

    validation_report_url: str | None = None


@dataclass(frozen=True)
class Rejected:
    """The service's validation refused the notice; it will not be published."""

    status: int
    message: str
    validation_report_url: str | None = None
    #: The SVRL report as received, when it could be fetched.
    report: bytes | None = None


@dataclass(frozen=True)
class Conflict:
    """The service already holds a notice with this business id."""

    message: str


@dataclass(frozen=True)
class RemoteNotice:
    """The service's record of one of the caller's notices."""

    notice_id: str
    version: str
    status: str
    publication_id: str | None = None
    publication_date: date | None = None
    submitted_at: datetime | None = None


@dataclass(frozen=True)
class _Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        try:
            return json.loads(self.body.decode("utf-8")) if self.body.strip() else None
        except (UnicodeDecodeError, ValueError):
            raise SendError(
                "protocol",
                f"HTTP {self.status}: the answer is not JSON",
                status=self.status,
                temporary=True,
                uncertain=True,
            ) from None


class NoticeClient:
    """Submit notices to one service and follow them up.

    ``base_url`` is the service's address (``https://api.ted.europa.eu``, a
    preview environment, or a local test server); ``timeout`` (seconds)
    bounds connecting and each read.
    """

    def __init__(
        self,
        service: Service,
        base_url: str,
        api_key: str,
        *,
        timeout: float = 60.0,
        user_agent: str = "heldigital",
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {base_url!r}")
        if not api_key:
            raise ValueError(f"no API key for {service.label}")
        self.service = service
        self.base_url = base_url.rstrip("/")
        self._scheme = parts.scheme
        self._host = parts.hostname
        self._port = parts.port
        self._prefix = parts.path.rstrip("/")
        self._api_key = api_key
        self.timeout = timeout
        self.user_agent = user_agent

    # ------------------------------------------------------------ operations

    def submit(
        self,
        xml: bytes,
        *,
        notice_id: uuid.UUID | str,
        version: str,
        author_email: str,
        author_locale: str = "en",
    ) -> Accepted | Rejected | Conflict:
        """Submit the notice XML for publication (``POST .../submit``)."""
        bid = business_id(notice_id, version)
        metadata = json.dumps(
            {"noticeAuthorEmail": author_email, "noticeAuthorLocale": author_locale}
        ).encode()
        body, content_type = _multipart(
            [
                ("notice", f"{bid}.xml", "application/xml", xml),
                ("metadata", None, "application/json", metadata),
            ]
        )
        response = self._call(
            "POST", self.service.submit_path, body=body, content_type=content_type, sends=True
        )
        if response.status == 409:
            return Conflict(_message(response) or f"{bid} exists already")
        if response.status == 400:
            data = _json_or_none(response)
            url = data.get("validationReportUrl") if isinstance(data, dict) else None
            inline = response.body if response.body.lstrip().startswith(b"<") else None
            return self._rejected(400, _message(response), url, inline, bid)
        if response.status not in (200, 201):
            raise self._unexpected(response, sent=True)
        data = response.json()
        if not isinstance(data, dict) or not isinstance(data.get("success"), bool):
            raise SendError(
                "protocol",
                f"HTTP {response.status}: no 'success' in the answer",
                status=response.status,
                temporary=True,
                uncertain=True,
            )
        url = data.get("validationReportUrl")
        url = url if isinstance(url, str) and url else None
        if data["success"]:
            return Accepted(url)
        return self._rejected(response.status, "validation failed", url, None, bid)

    def find(self, notice_id: uuid.UUID | str, version: str) -> RemoteNotice | None:
        """The service's record of the notice (business id), or ``None`` if it has none."""
        bid = business_id(notice_id, version)
        identifier = bid[: -len(version) - 1]
        query = urlencode({"id": identifier, "versionId": version})
        response = self._call("GET", f"{self.service.search_path}?{query}")
        if response.status == 404:
            return None
        if response.status != 200:
            raise self._unexpected(response, sent=False)
        data = response.json()
        content = data.get("content") if isinstance(data, dict) else None
        if not isinstance(content, list):
            raise SendError(
                "protocol",
                "the notice list has no 'content'",
                status=200,
                temporary=True,
                uncertain=False,
            )
        for entry in content:
            if (
                isinstance(entry, dict)
                and str(entry.get("id", "")).lower() == identifier
                and entry.get("versionId") == version
            ):
                return _remote(entry, identifier, version)
        return None

    def validation_report(self, notice_id: uuid.UUID | str, version: str) -> bytes:
        """The SVRL validation report of a submitted notice."""
        path = self.service.report_path.format(business_id=business_id(notice_id, version))
        return self._report(path)

    # ------------------------------------------------------------- internals

    def _rejected(
        self, status: int, message: str, url: Any, inline: bytes | None, bid: str
    ) -> Rejected:
        url = url if isinstance(url, str) and url else None
        report = inline
        if report is None:
            try:
                report = self._report(
                    url or self.service.report_path.format(business_id=bid), absolute=bool(url)
                )
            except SendError:
                report = None  # the refusal stands; the report can be fetched later
        return Rejected(status, message or "validation failed", url, report)

    def _report(self, path: str, *, absolute: bool = False) -> bytes:
        if absolute:
            parts = urlsplit(path)
            same = (parts.hostname, parts.port) == (self._host, self._port)
            if not same:
                # Never send the API key to another host than the one configured.
                raise SendError(
                    "protocol",
                    f"the report URL is on another host: {parts.hostname}",
                    temporary=False,
                    uncertain=False,
                )
            path = parts.path[len(self._prefix) :] if parts.path.startswith(self._prefix) else path
            path = path + (f"?{parts.query}" if parts.query else "")
        response = self._call("GET", path, accept="application/xml")
        if response.status != 200:
            raise self._unexpected(response, sent=False)
        return response.body

    def _connection(self) -> http.client.HTTPConnection:
        if self._scheme == "https":
            return http.client.HTTPSConnection(
                self._host, self._port, timeout=self.timeout, context=ssl.create_default_context()
            )
        return http.client.HTTPConnection(self._host, self._port, timeout=self.timeout)

    def _call(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        content_type: str | None = None,
        accept: str = "application/json",
        sends: bool = False,
    ) -> _Response:
        """One request. ``sends``: the request delivers a notice (its failure is uncertain)."""
        header, value = self.service.authorization(self._api_key)
        headers = {header: value, "Accept": accept, "User-Agent": self.user_agent}
        if content_type:
            headers["Content-Type"] = content_type
        connection = self._connection()
        sent = False
        try:
            connection.connect()
            connection.request(method, self._prefix + path, body=body, headers=headers)
            sent = True
            raw = connection.getresponse()
            data = raw.read(MAX_RESPONSE_BYTES + 1)
            if len(data) > MAX_RESPONSE_BYTES:
                raise SendError(
                    "protocol",
                    f"the answer is over {MAX_RESPONSE_BYTES:,} bytes",
                    status=raw.status,
                    temporary=False,
                    uncertain=sends,
                )
            return _Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, data)
        except TimeoutError as error:
            raise SendError(
                "timeout",
                f"no answer within {self.timeout:g} s",
                temporary=True,
                uncertain=sends and sent,
            ) from error
        except ssl.SSLError as error:
            raise SendError(
                "connection", f"TLS failed: {error}", temporary=True, uncertain=False
            ) from error
        except (OSError, http.client.HTTPException) as error:
            raise SendError(
                "connection",
                f"the connection failed: {error or type(error).__name__}",
                temporary=True,
                uncertain=sends and sent,
            ) from error
        finally:
            connection.close()

    def _unexpected(self, response: _Response, *, sent: bool) -> SendError:
        status = response.status
        detail = _message(response)
        suffix = f": {detail}" if detail else ""
        if status in (401, 403):
            return SendError(
                "unauthorized",
                f"{self.service.label} refused the API key (HTTP {status}){suffix}",
                status=status,
                temporary=False,
                uncertain=False,
            )
        if status == 429:
            return SendError(
                "rate_limited",
                f"{self.service.label} asks to slow down (HTTP 429){suffix}",
                status=status,
                temporary=True,
                uncertain=False,
                retry_after=response.headers.get("retry-after"),
            )
        if status >= 500:
            return SendError(
                "server",
                f"{self.service.label} failed (HTTP {status}){suffix}",
                status=status,
                temporary=True,
                uncertain=sent,
                retry_after=response.headers.get("retry-after"),
            )
        return SendError(
            "client",
            f"{self.service.label} refused the request (HTTP {status}){suffix}",
            status=status,
            temporary=False,
            uncertain=False,
        )


def _multipart(parts: list[tuple[str, str | None, str, bytes]]) -> tuple[bytes, str]:
    """A ``multipart/form-data`` body (RFC 7578) and its content type."""
    boundary = f"heldigital-{uuid.uuid4().hex}"
    chunks = []
    for name, filename, content_type, data in parts:
        disposition = f'form-data; name="{name}"'
        if filename is not None:
            disposition += f'; filename="{filename}"'
        chunks.append(
            f"--{boundary}\r\nContent-Disposition: {disposition}\r\n"
            f"Content-Type: {content_type}\r\n\r\n".encode()
            + data
            + b"\r\n"
        )
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


def _json_or_none(response: _Response) -> Any:
    try:
        return response.json()
    except SendError:
        return None


def _message(response: _Response) -> str:
    """The error text of an answer: ``message``/``detail``/``error`` of a JSON body."""
    data = _json_or_none(response)
    if isinstance(data, dict):
        for key in ("message", "detail", "error", "title"):
            value = data.get(key)
            if isinstance(value, str) and value:
                return value[:500]
    return ""


def _remote(entry: dict[str, Any], identifier: str, version: str) -> RemoteNotice:
    publication_id = entry.get("publicationId")
    return RemoteNotice(
        notice_id=identifier,
        version=version,
        status=str(entry.get("status") or "UNKNOWN").upper(),
        publication_id=str(publication_id) if publication_id else None,
        publication_date=_date(entry.get("publicationDate")),
        submitted_at=_datetime(entry.get("submittedAt")),
    )


def _date(value: Any) -> date | None:
    # TED writes dates as "2024-03-01" or with an offset, "2024-03-01+01:00".
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _datetime(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None
