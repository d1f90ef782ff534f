"""Validation of EHF / PEPPOL documents for anyone: ``POST /api/v1/validate`` and its page.

Both run the native validator (:mod:`heldigital.rules`) exactly as
``heldigital validate`` does and answer with the same JSON:
``{"documents": [{"path", "document_type", "rule_set", "valid",
"errors": [{"rule", "severity", "location", "message"}]}]}`` — ``path`` is
the uploaded file's name. Nothing is stored: the documents live in memory
for the request only and are not logged.

Input limits (bad input gets a clear error, never a server error):

* at most :data:`MAX_FILES` documents per request;
* each document at most ``HELDIGITAL_VALIDATE_MAX_BYTES`` (default 20 MB),
  and the whole request at most the web upload limit; larger → 413;
* a file that is not usable XML is reported like the CLI does, as one
  fatal finding with rule ``XML`` (HTTP 200: the answer is the report);
* an unknown ``rules`` name → 422 with the names that exist;
* an unknown ``release``, a ``release`` not in force on ``on``, or an ``on`` before every
  release → 422 with the releases that exist (as ``heldigital validate --release/--on``,
  which exits 2 for them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema

from heldigital import xml
from heldigital.platform.problems import UNPROCESSABLE_CONTENT, problem_response

__all__ = [
    "MAX_FILES",
    "Excerpt",
    "InputRefused",
    "Validated",
    "max_bytes",
    "router",
    "safe_name",
    "validate_documents",
]

#: Documents in one request.
MAX_FILES = 20
#: Lines of source shown before and after a finding's line.
CONTEXT_LINES = 2
#: Findings per document that get a source excerpt on the web page.
MAX_EXCERPTS = 200

_XML_TYPES = ("application/xml", "text/xml")


def max_bytes() -> int:
    """The largest document accepted (``HELDIGITAL_VALIDATE_MAX_BYTES``)."""
    return int(getattr(settings, "HELDIGITAL_VALIDATE_MAX_BYTES", 20 * 1024 * 1024))


class InputRefused(Exception):
    """The request cannot be validated as given; ``status`` says how to answer."""

    def __init__(self, status: int, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.extra = extra


@dataclass(frozen=True)
class Excerpt:
    """Source lines around one finding; ``line`` is the one to highlight."""

    line: int
    lines: list[tuple[int, str]]


@dataclass
class Validated:
    """One document's report and, for the page, where each finding is in the source."""

    report: Any  # heldigital.rules.api.Report (imported lazily: the rules load on first use)
    excerpts: dict[int, Excerpt] = field(default_factory=dict)

    def findings(self) -> list[tuple[Any, Excerpt | None]]:
        return [(f, self.excerpts.get(i)) for i, f in enumerate(self.report.errors)]


def _choose_release(name: str | None, on: date | None) -> str:
    """The release the request's documents are judged by, chosen once as the CLI does:
    ``name``, else the newest in force on ``on``, else the newest in force today."""
    from heldigital.rules import releases

    try:
        return releases.select(name, on).name
    except releases.UnknownRelease:
        if name is not None and name in releases.names():
            message = _("Release %(name)s is not in force on %(day)s.") % {
                "name": name,
                "day": on.isoformat() if on else "",
            }
        elif name is not None:
            message = _("Unknown rule release %(name)s.") % {"name": name}
        else:
            message = _("No rule release is in force on %(day)s.") % {
                "day": on.isoformat() if on else ""
            }
        raise InputRefused(
            UNPROCESSABLE_CONTENT,
            message,
            releases=[
                {"name": r.name, "in_force_from": r.effective_from.isoformat()}
                for r in releases.RELEASES
            ],
        ) from None


def _check_rule_set(name: str | None, release: str) -> None:
    if name is None:
        return
    from heldigital.rules.rulesets import UnknownRuleSet, get, names

    try:
        get(name, release=release)
    except UnknownRuleSet:
        raise InputRefused(
            UNPROCESSABLE_CONTENT,
            _("Unknown rule set %(name)s.") % {"name": name},
            rule_sets=names(),
        ) from None


def _source_lines(data: bytes, encoding: str | None) -> list[str]:
    try:
        text = data.decode(encoding or "utf-8", errors="replace")
    except LookupError:
        text = data.decode("utf-8", errors="replace")
    return text.splitlines()


def _excerpts(data: bytes, report: Any) -> dict[int, Excerpt]:
    from heldigital.rules.locate import line_of

    if any(f.rule in ("XML", "IO") for f in report.errors):
        return {}
    tree = xml.parse(data)
    root = tree.getroot()
    lines = _source_lines(data, tree.docinfo.encoding)
    out: dict[int, Excerpt] = {}
    for index, finding in enumerate(report.errors[:MAX_EXCERPTS]):
        line = line_of(root, finding.location) if finding.location else None
        if line is None or line > len(lines):
            continue
        first = max(1, line - CONTEXT_LINES)
        last = min(len(lines), line + CONTEXT_LINES)
        out[index] = Excerpt(line, [(n, lines[n - 1]) for n in range(first, last + 1)])
    return out


def validate_documents(
    documents: list[tuple[str, bytes]],
    *,
    rule_set: str | None = None,
    on: date | None = None,
    release: str | None = None,
    with_excerpts: bool = False,
) -> list[Validated]:
    """Validate each ``(name, content)``; refuse the whole request for bad input.

    ``release`` names the rule release, else ``on`` picks the newest in force that day,
    else the newest in force today (chosen once for all documents, as the CLI does).
    Raises :class:`InputRefused` for no documents, too many, one too large, an unknown
    rule set or release (or none in force on ``on``); validates nothing in that case.
    """
    if not documents:
        raise InputRefused(UNPROCESSABLE_CONTENT, _("Choose at least one document to validate."))
    if len(documents) > MAX_FILES:
        raise InputRefused(
            UNPROCESSABLE_CONTENT,
            _("At most %(max)d documents can be validated at a time.") % {"max": MAX_FILES},
        )
    limit = max_bytes()
    for name, content in documents:
        if len(content) > limit:
            raise InputRefused(
                413,
                _("%(name)s is larger than %(max)d MB, the largest document that is validated.")
                % {"name": name, "max": limit // (1024 * 1024)},
                max_bytes=limit,
            )
    chosen = _choose_release(release, on)
    _check_rule_set(rule_set, chosen)
    from heldigital.rules import api

    results = []
    for name, content in documents:
        report = api.validate(
            content, rule_set=rule_set, release=chosen, max_bytes=limit, path=name
        )
        results.append(Validated(report, _excerpts(content, report) if with_excerpts else {}))
    return results


def safe_name(name: str | None, index: int) -> str:
    # A display name only: never used as a path. Control characters and NUL are dropped.
    cleaned = "".join(ch for ch in (name or "") if ch.isprintable())[:200]
    return cleaned or f"document-{index}.xml"


# -- the API ---------------------------------------------------------------------

router = Router(tags=["validation"])


class FindingOut(Schema):
    rule: str
    severity: str
    location: str
    message: str


class DocumentReportOut(Schema):
    path: str | None
    document_type: str | None
    rule_set: str | None
    release: str | None
    valid: bool
    errors: list[FindingOut]


class ValidationOut(Schema):
    documents: list[DocumentReportOut]


_REQUEST_BODY = {
    "required": True,
    "description": (
        "Either one document as the body (Content-Type application/xml or text/xml), or "
        f"several as multipart/form-data, each in a part named 'files' (at most {MAX_FILES})."
    ),
    "content": {
        "application/xml": {"schema": {"type": "string", "format": "binary"}},
        "text/xml": {"schema": {"type": "string", "format": "binary"}},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {
                    "files": {"type": "array", "items": {"type": "string", "format": "binary"}}
                },
                "required": ["files"],
            }
        },
    },
}


def _read_raw(request: HttpRequest) -> bytes:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    limit = max_bytes()
    if length > limit:
        raise InputRefused(
            413,
            _("The document is larger than %(max)d MB, the largest document that is validated.")
            % {"max": limit // (1024 * 1024)},
            max_bytes=limit,
        )
    data = request.read(limit + 1)
    if len(data) > limit:
        raise InputRefused(
            413,
            _("The document is larger than %(max)d MB, the largest document that is validated.")
            % {"max": limit // (1024 * 1024)},
            max_bytes=limit,
        )
    return data


def documents_from_request(request: HttpRequest) -> list[tuple[str, bytes]]:
    """The uploaded documents of a request: an XML body, or multipart parts named ``files``."""
    content_type = (request.content_type or "").lower()
    if content_type in _XML_TYPES:
        return [("document.xml", _read_raw(request))]
    if content_type != "multipart/form-data":
        raise InputRefused(
            415,
            _("Send the document as application/xml or several as multipart/form-data."),
        )
    files = request.FILES.getlist("files")
    if getattr(request, "upload_refused", False):
        raise InputRefused(
            413,
            _("The upload is too large; validate fewer or smaller documents at a time."),
        )
    return [(safe_name(f.name, i), f.read()) for i, f in enumerate(files, 1)]


@router.post(
    "/validate",
    auth=None,
    response={200: ValidationOut},
    summary="Validate EHF / PEPPOL documents",
    openapi_extra={
        "requestBody": _REQUEST_BODY,
        "responses": {
            413: {"description": "A document or the request is too large"},
            415: {"description": "Neither XML nor multipart/form-data"},
            422: {
                "description": (
                    "No documents, too many, an unknown rule set or release, or no release "
                    "in force on the day asked"
                )
            },
        },
    },
)
def validate_api(
    request: HttpRequest,
    rules: str | None = None,
    on: date | None = None,
    release: str | None = None,
) -> HttpResponse:
    """Validate one or more documents with the native validator; nothing is stored.

    The answer has the JSON of ``heldigital validate --format json``. ``rules``
    forces a rule set (see the CLI's ``--rules``); ``release`` names the rule release
    (``2025.5``, ``2026.5``; the CLI's ``--release``), else ``on`` picks the newest release
    in force on that day (``--on``), else the newest in force today; the report names the
    release used. An unknown release, or none in force on the day, is a 422 problem listing
    the releases. A file that is not usable XML is reported as one fatal finding with rule
    ``XML``.
    """
    try:
        documents = documents_from_request(request)
        results = validate_documents(documents, rule_set=rules, on=on, release=release)
    except InputRefused as exc:
        return problem_response(request, exc.status, exc.message, **exc.extra)
    return JsonResponse({"documents": [r.report.as_dict() for r in results]})
