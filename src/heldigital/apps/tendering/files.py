"""Uploaded procurement documents: names, sizes and content types.

A file name from a user is never used as a path: :func:`sanitise_filename`
keeps the last path component only, removes control characters and
anything but letters, digits, ``.``, ``-``, ``_`` and spaces, and the
storage path itself is built from identifiers (see
:func:`heldigital.apps.tendering.models._version_path`). The content type
is sniffed from the bytes (magic numbers, :mod:`filetype`), never taken
from the client; files whose type is not on :data:`ALLOWED_TYPES` are
refused.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: Largest procurement document accepted (bytes).
MAX_DOCUMENT_BYTES = 100 * 1024 * 1024

#: Content types accepted as procurement documents, with the extensions they
#: are written with. Text formats have no magic number: they are accepted
#: when the bytes are valid UTF-8 without NUL characters and the extension
#: says which text format it is.
ALLOWED_TYPES: dict[str, tuple[str, ...]] = {
    "application/pdf": (".pdf",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx",),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (".pptx",),
    "application/vnd.oasis.opendocument.text": (".odt",),
    "application/vnd.oasis.opendocument.spreadsheet": (".ods",),
    "application/zip": (".zip",),
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    "text/plain": (".txt",),
    "text/csv": (".csv",),
    "application/xml": (".xml",),
}

_TEXT_TYPES = {".txt": "text/plain", ".csv": "text/csv", ".xml": "application/xml"}


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    content_type: str
    size: int
    sha256: str


def sanitise_filename(name: str) -> str:
    """A safe file name: last path component, no control or special characters.

    >>> sanitise_filename("../../etc/passwd")
    'passwd'
    >>> sanitise_filename("C:\\\\Users\\\\x\\\\Konkurransegrunnlag v2.pdf")
    'Konkurransegrunnlag v2.pdf'
    """
    name = PureWindowsPath(PurePosixPath(name).name).name
    name = unicodedata.normalize("NFC", name)
    kept = "".join(
        ch for ch in name if (ch.isalnum() or ch in ".-_ ") and unicodedata.category(ch)[0] != "C"
    )
    kept = " ".join(kept.split()).strip(". ")
    if len(kept) > 150:
        stem, dot, ext = kept.rpartition(".")
        kept = (stem[: 150 - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else kept[:150]
    return kept or "document"


def sniff(content: bytes, filename: str) -> str:
    """The content type of ``content`` from its bytes; refuses what is not allowed."""
    suffix = PurePosixPath(filename.lower()).suffix
    kind = filetype.guess(content)
    if kind is not None:
        mime = str(kind.mime)
    elif suffix in _TEXT_TYPES and b"\x00" not in content:
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            mime = "application/octet-stream"
        else:
            mime = _TEXT_TYPES[suffix]
    else:
        mime = "application/octet-stream"
    if mime not in ALLOWED_TYPES:
        raise ValidationError(
            _(
                "The file %(name)s is of a type that is not accepted (%(type)s). Accepted: PDF, "
                "Word, Excel, PowerPoint, OpenDocument, ZIP, PNG, JPEG, text, CSV and XML."
            ),
            code="file_type",
            params={"name": filename, "type": mime},
        )
    return mime


def check_upload(content: bytes, filename: str, max_bytes: int = MAX_DOCUMENT_BYTES) -> CheckedFile:
    """Check an uploaded document and return its safe name, type, size and SHA-256."""
    safe = sanitise_filename(filename)
    if not content:
        raise ValidationError(_("The file %(name)s is empty."), code="empty", params={"name": safe})
    if len(content) > max_bytes:
        raise ValidationError(
            _("The file %(name)s is larger than %(max)s MB."),
            code="too_large",
            params={"name": safe, "max": max_bytes // (1024 * 1024)},
        )
    mime = sniff(content, safe)
    suffixes = ALLOWED_TYPES[mime]
    if PurePosixPath(safe.lower()).suffix not in suffixes:
        safe = f"{safe}{suffixes[0]}"
    return CheckedFile(
        filename=safe,
        content_type=mime,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
