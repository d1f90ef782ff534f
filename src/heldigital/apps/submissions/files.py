"""Checks on uploaded tender files: names, sizes, content types.

The file name a supplier gives is kept only as a label (sanitised); storage
paths are random tokens and never derived from it, so path traversal cannot
happen. The content type is sniffed from the first bytes (magic numbers,
:mod:`filetype`) and must agree with the declared type; executables are
refused whatever they are declared as.
"""

from __future__ import annotations

import unicodedata
from pathlib import PurePosixPath, PureWindowsPath

import filetype
from django.utils.translation import gettext as _

#: Bytes needed to sniff the type (filetype reads at most 8 KiB; most need 262).
SNIFF_BYTES = 8192

ALLOWED_TYPES: frozenset[str] = frozenset(
    {
        "application/pdf",
        "application/xml",
        "text/xml",
        "text/plain",
        "text/csv",
        "application/json",
        "application/zip",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "image/png",
        "image/jpeg",
        "application/octet-stream",
    }
)
#: Types without a magic number: accepted when the bytes look like text.
TEXT_TYPES = frozenset(
    {"application/xml", "text/xml", "text/plain", "text/csv", "application/json"}
)
#: Containers that are ZIP files inside: a sniffed ZIP may be declared as these.
ZIP_BASED = frozenset(
    {
        "application/zip",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
    }
)
EXECUTABLE_TYPES = frozenset(
    {
        "application/x-msdownload",
        "application/x-executable",
        "application/x-mach-binary",
        "application/x-elf",
        "application/vnd.android.dex",
        "application/x-sharedlib",
        "application/x-shockwave-flash",
        "application/x-google-chrome-extension",
        "application/x-deb",
        "application/x-rpm",
    }
)
#: Magic numbers of executables and scripts (checked besides filetype).
EXECUTABLE_MAGIC = (
    b"MZ",
    b"\x7fELF",
    b"\xcf\xfa\xed\xfe",
    b"\xce\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!",
)


class FileRefused(ValueError):
    """An uploaded file is not acceptable; the message says why."""


def sanitise_filename(name: str) -> str:
    """A safe label: last path component, NFC, no control or path characters, ≤ 150 chars.

    >>> sanitise_filename("../../etc/passwd")
    'passwd'
    >>> sanitise_filename("C:\\\\tilbud\\\\Pris skjema.xlsx")
    'Pris skjema.xlsx'
    """
    name = PureWindowsPath(PurePosixPath(name.replace("\0", "")).name).name
    name = unicodedata.normalize("NFC", name)
    kept = "".join(
        ch for ch in name if (ch.isalnum() or ch in ".-_ ()") and unicodedata.category(ch)[0] != "C"
    )
    kept = " ".join(kept.split()).strip(". ")
    if len(kept) > 150:
        stem, dot, ext = kept.rpartition(".")
        kept = (stem[: 150 - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else kept[:150]
    if not kept:
        raise FileRefused(_("The file name is empty after removing unsafe characters."))
    return kept


def check_declared_type(content_type: str) -> str:
    content_type = content_type.split(";")[0].strip().lower()
    if content_type not in ALLOWED_TYPES:
        raise FileRefused(
            _("Files of type %(type)s are not accepted in tenders.") % {"type": content_type}
        )
    return content_type


def _looks_like_text(head: bytes, complete: bool) -> bool:
    if b"\0" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sniffed head is fine.
        return (
            not complete and exc.start >= len(head) - 3 and exc.reason == "unexpected end of data"
        )
    return True


def sniff(head: bytes, declared: str, *, complete: bool) -> str:
    """The sniffed content type of a file starting with ``head``; refuses mismatches.

    ``complete`` says whether ``head`` is the whole file.
    """
    if any(head.startswith(magic) for magic in EXECUTABLE_MAGIC):
        raise FileRefused(_("Executable files and scripts are not accepted in tenders."))
    kind = filetype.guess(head) if head else None
    sniffed = kind.mime if kind is not None else None
    if sniffed in EXECUTABLE_TYPES:
        raise FileRefused(_("Executable files and scripts are not accepted in tenders."))
    if sniffed is None:
        if declared in TEXT_TYPES:
            if not _looks_like_text(head, complete):
                raise FileRefused(
                    _("The file is declared as %(type)s but is not UTF-8 text.")
                    % {"type": declared}
                )
            return declared
        if declared == "application/octet-stream":
            return declared
        raise FileRefused(
            _("The file's content does not match the declared type %(type)s.") % {"type": declared}
        )
    if sniffed == declared or (declared == "application/octet-stream" and sniffed in ALLOWED_TYPES):
        return sniffed
    if sniffed == "application/zip" and declared in ZIP_BASED:
        return declared
    raise FileRefused(
        _("The file is declared as %(declared)s but its content is %(sniffed)s.")
        % {"declared": declared, "sniffed": sniffed}
    )


#: The root element each structured part must have (UBL 2.3 / ESPD-EDM).
STRUCTURED_ROOTS: dict[str, str] = {
    "espd-response": (
        "{urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationResponse-2}"
        "QualificationApplicationResponse"
    ),
    "tender-catalogue": "{urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2}Catalogue",
}
STRUCTURED_TYPES = frozenset({"application/xml", "text/xml"})


def check_structured(kind: str, content: bytes) -> None:
    """Refuse an ESPD response or tender catalogue that is not well-formed XML of its kind,
    and a tender catalogue that breaks a fatal PEPPOL BIS Catalogue rule
    (:func:`heldigital.rules.validate`).

    Checked as the part arrives, before it is sealed, so that a supplier
    learns of a broken document while it can still fix it: after sealing,
    nobody can look until the tenders are opened.
    """
    from heldigital import xml as hxml

    expected = STRUCTURED_ROOTS[kind]
    try:
        root = hxml.parse(content, max_bytes=len(content) + 1, source=kind).getroot()
    except hxml.DocumentError as exc:
        raise FileRefused(
            _("The %(kind)s is not well-formed XML: %(error)s")
            % {
                "kind": kind,
                "error": exc,
            }
        ) from None
    if root.tag != expected:
        raise FileRefused(
            _("The %(kind)s must have the root element %(expected)s, not %(actual)s.")
            % {"kind": kind, "expected": expected, "actual": root.tag}
        )
    if kind == "tender-catalogue":
        # PEPPOL BIS Catalogue (T19) rules, by the native validator.
        from heldigital.rules import validate

        report = validate(content, max_bytes=len(content) + 1, path="tender-catalogue")
        if not report.valid:
            findings = "; ".join(f"{f.rule}: {f.message}" for f in report.fatal[:5])
            raise FileRefused(
                _("The tender catalogue breaks %(count)d rule(s) of %(rules)s: %(findings)s")
                % {
                    "count": len(report.fatal),
                    "rules": report.rule_set or "PEPPOL BIS Catalogue",
                    "findings": findings,
                }
            )
