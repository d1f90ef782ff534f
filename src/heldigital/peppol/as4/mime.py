"""MIME ``multipart/related`` as AS4 uses it (RFC 2387, SOAP with Attachments).

An AS4 user message travels as ``multipart/related; type="application/soap+xml"``:
the first part (or the part named by the ``start`` parameter) is the SOAP 1.2
envelope, each further part an attachment named by its ``Content-ID``, which the
envelope references as ``cid:<id>`` (RFC 2392).

:func:`parse` is strict and bounded: the boundary comes from the content type
or, when none is given (a body saved without its HTTP headers), from the first
line of the body (``--boundary``); every part needs its header block, the closing
delimiter must be there, part count and size are limited, and only the
``binary``, ``8bit``, ``7bit`` and ``base64`` transfer encodings are accepted.
Any failure is a :class:`MimeError` (ebMS ``EBMS:0007 MimeInconsistency``).
"""

from __future__ import annotations

import base64
import binascii
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = [
    "MAX_PARTS",
    "MimeError",
    "Multipart",
    "Part",
    "build",
    "content_type_parameters",
    "parse",
]

#: At most this many parts (the envelope and its attachments).
MAX_PARTS = 64
_MAX_HEADER_BYTES = 16 * 1024
_BOUNDARY = re.compile(rb"^[0-9A-Za-z'()+_,\-./:=? ]{1,70}$")


class MimeError(ValueError):
    """The MIME structure of a message is not acceptable."""


@dataclass(frozen=True)
class Part:
    """One MIME part: its headers (names lower case) and its decoded content."""

    headers: dict[str, str]
    content: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "text/plain")

    @property
    def content_id(self) -> str | None:
        """The ``Content-ID`` without its angle brackets."""
        value = self.headers.get("content-id")
        if value is None:
            return None
        value = value.strip()
        if value.startswith("<") and value.endswith(">"):
            value = value[1:-1]
        return value


@dataclass(frozen=True)
class Multipart:
    """A parsed ``multipart/related`` body: the root part and the others in order."""

    root: Part
    attachments: tuple[Part, ...] = field(default=())

    def attachment(self, cid: str) -> Part | None:
        """The attachment named ``cid:<id>`` or ``<id>``."""
        wanted = cid[4:] if cid.startswith("cid:") else cid
        for part in self.attachments:
            if part.content_id == wanted:
                return part
        return None


def content_type_parameters(value: str) -> tuple[str, dict[str, str]]:
    """The media type (lower case) and the parameters (names lower case) of a content type."""
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for char in value:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    media = parts[0].strip().lower()
    parameters: dict[str, str] = {}
    for item in parts[1:]:
        if "=" not in item:
            continue
        name, _, raw = item.partition("=")
        raw = raw.strip()
        if len(raw) >= 2 and raw.startswith('"') and raw.endswith('"'):
            raw = raw[1:-1].replace('\\"', '"')
        parameters[name.strip().lower()] = raw
    return media, parameters


def _headers(block: bytes) -> dict[str, str]:
    if len(block) > _MAX_HEADER_BYTES:
        raise MimeError("a MIME part's header block is too long")
    headers: dict[str, str] = {}
    name: str | None = None
    for raw_line in block.split(b"\n"):
        line = raw_line.rstrip(b"\r")
        if not line:
            continue
        try:
            text = line.decode("ascii")
        except UnicodeDecodeError:
            raise MimeError("a MIME part header is not ASCII") from None
        if text[0] in " \t" and name is not None:  # folded continuation
            headers[name] += " " + text.strip()
            continue
        if ":" not in text:
            raise MimeError(f"not a MIME header line: {text[:60]!r}")
        key, _, value = text.partition(":")
        name = key.strip().lower()
        if not name:
            raise MimeError("a MIME header has no name")
        headers[name] = value.strip()
    return headers


def _decode(headers: dict[str, str], content: bytes) -> bytes:
    encoding = headers.get("content-transfer-encoding", "binary").strip().lower()
    if encoding in ("binary", "8bit", "7bit"):
        return content
    if encoding == "base64":
        try:
            return base64.b64decode(b"".join(content.split()), validate=True)
        except (binascii.Error, ValueError):  # ValueError: non-ASCII text
            raise MimeError("a base64 MIME part is not base64") from None
    raise MimeError(f"Content-Transfer-Encoding {encoding!r} is not accepted")


def parse(body: bytes, content_type: str | None = None, *, max_parts: int = MAX_PARTS) -> Multipart:
    """Split a ``multipart/related`` body into its root part and attachments.

    ``content_type`` is the HTTP ``Content-Type``; without it (or without a
    ``boundary`` parameter) the boundary is read from the body's first line.
    """
    boundary: str | None = None
    start: str | None = None
    if content_type:
        media, parameters = content_type_parameters(content_type)
        if not media.startswith("multipart/"):
            raise MimeError(f"content type {media!r} is not multipart")
        boundary = parameters.get("boundary")
        start = parameters.get("start")
    if boundary is None:
        first = body.lstrip(b"\r\n").split(b"\n", 1)[0].rstrip(b"\r")
        if not first.startswith(b"--") or len(first) < 3:
            raise MimeError("no boundary: the body does not begin with a MIME delimiter line")
        boundary = first[2:].rstrip(b" \t").decode("ascii", errors="replace")
    encoded = boundary.encode("ascii", errors="replace")
    if not _BOUNDARY.match(encoded) or encoded.endswith(b" "):
        raise MimeError(f"boundary {boundary!r} is not a valid MIME boundary")
    delimiter = b"--" + encoded
    # The body up to the first delimiter is the preamble; it must be only that line's start.
    position = body.find(delimiter)
    if position < 0:
        raise MimeError("the boundary does not occur in the body")
    # RFC 2046 allows a preamble; AS4 senders do not write one, but tolerate short text.
    if body[:position].strip(b"\r\n\t ") and position > 1024:
        raise MimeError("a preamble of more than 1 KiB before the first part")
    parts: list[Part] = []
    cursor = position + len(delimiter)
    closed = False
    while True:
        # After a delimiter: "--" (close) or the rest of the delimiter line.
        if body.startswith(b"--", cursor):
            closed = True
            break
        line_end = body.find(b"\n", cursor)
        if line_end < 0:
            break
        if body[cursor:line_end].strip(b" \t\r"):
            raise MimeError("text after a MIME delimiter on the same line")
        part_start = line_end + 1
        nxt = body.find(b"\n" + delimiter, part_start)
        if nxt < 0:
            raise MimeError("a MIME part is not closed by a delimiter (truncated body?)")
        part_end = nxt - 1 if nxt > 0 and body[nxt - 1 : nxt] == b"\r" else nxt
        raw = body[part_start:part_end] if part_end >= part_start else b""
        split = re.search(rb"\r?\n\r?\n", raw)
        if raw.startswith((b"\r\n", b"\n")):
            headers, content = {}, raw[2:] if raw.startswith(b"\r\n") else raw[1:]
        elif split is None:
            raise MimeError("a MIME part has no blank line after its headers")
        else:
            headers = _headers(raw[: split.start()])
            content = raw[split.end() :]
        parts.append(Part(headers, _decode(headers, content)))
        if len(parts) > max_parts:
            raise MimeError(f"more than {max_parts} MIME parts")
        cursor = nxt + 1 + len(delimiter)
    if not closed:
        raise MimeError("the closing MIME delimiter is missing (truncated body?)")
    if not parts:
        raise MimeError("a multipart body without parts")
    root_index = 0
    if start:
        wanted = start.strip().strip("<>")
        found = [i for i, p in enumerate(parts) if p.content_id == wanted]
        if len(found) != 1:
            raise MimeError(f"the start part <{wanted}> is not in the body exactly once")
        root_index = found[0]
    root = parts[root_index]
    attachments = tuple(p for i, p in enumerate(parts) if i != root_index)
    ids = [p.content_id for p in attachments]
    if any(i is None for i in ids):
        raise MimeError("an attachment has no Content-ID")
    if len(set(ids)) != len(ids):
        raise MimeError("two attachments have the same Content-ID")
    return Multipart(root, attachments)


def build(
    root: bytes,
    attachments: Sequence[tuple[str, str, bytes]],
    *,
    root_content_type: str = "application/soap+xml; charset=UTF-8",
    boundary: str | None = None,
) -> tuple[bytes, str]:
    """The body and HTTP ``Content-Type`` of ``multipart/related`` with ``root`` first.

    ``attachments`` are ``(content id, content type, content)``; contents go as
    ``binary`` (HTTP is 8-bit clean).
    """
    boundary = boundary or f"----=_Part_{uuid.uuid4().hex}"
    delimiter = b"--" + boundary.encode("ascii")
    chunks = [
        delimiter,
        b"\r\nContent-Type: " + root_content_type.encode("ascii"),
        b"\r\nContent-Transfer-Encoding: binary\r\n\r\n",
        root,
    ]
    for cid, content_type, content in attachments:
        if delimiter in content:  # never, with a random boundary; but never silently wrong
            raise MimeError("an attachment contains the MIME boundary")
        chunks += [
            b"\r\n",
            delimiter,
            b"\r\nContent-Type: " + content_type.encode("ascii"),
            b"\r\nContent-Transfer-Encoding: binary",
            b"\r\nContent-ID: <" + cid.encode("ascii") + b">\r\n\r\n",
            content,
        ]
    chunks += [b"\r\n", delimiter, b"--\r\n"]
    content_type = f'multipart/related; type="application/soap+xml"; boundary="{boundary}"'
    return b"".join(chunks), content_type
