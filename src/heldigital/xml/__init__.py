"""The one hardened XML parser of Heldigital.

Every XML document that enters the project - an invoice from the PEPPOL
network, a tender catalogue uploaded by a supplier, a test file from the
official corpus - is parsed here and nowhere else.

The parser is lxml (libxml2) configured against the classic XML attacks
(see OWASP "XML External Entity Prevention Cheat Sheet" and the defusedxml
documentation):

* no DTD is loaded and no entity is resolved (XXE through ``file:`` or
  ``http:`` entities, external DTDs, parameter entities);
* no network access at all (``no_network``);
* a document that carries a ``<!DOCTYPE`` is refused outright: no business
  document of EHF, PEPPOL BIS, eForms or ESPD uses one, and refusing it
  removes entity expansion ("billion laughs") from the attack surface;
* libxml2's own ``huge_tree`` safety limits stay on;
* input larger than a configurable limit is refused before parsing.

Any failure is a :class:`DocumentError` that says what is wrong and, when the
parser knows it, where (line and column).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from lxml import etree

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DocumentError",
    "load_schema",
    "parse",
    "parse_file",
    "parse_stream",
]

#: Default limit for one document: 64 MiB. A 10,000-line invoice is about
#: 10 MiB; anything far above that is not a business document we accept.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024

_CHUNK = 1024 * 1024


@dataclass(eq=False)
class DocumentError(ValueError):
    """An XML document could not be accepted.

    ``message`` says what is wrong in words a user can act on; ``line`` and
    ``column`` (1-based, when known) say where; ``source`` names the input
    (a path or a label given by the caller).
    """

    message: str
    line: int | None = None
    column: int | None = None
    source: str | None = None

    def __post_init__(self) -> None:
        super().__init__(str(self))

    @property
    def location(self) -> str:
        """``line L, column C`` as far as known, else an empty string."""
        parts = []
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = ", ".join(p for p in (self.source or "", self.location) if p)
        return f"{where}: {self.message}" if where else self.message


def _parser() -> etree.XMLParser:
    # A new parser per call: lxml parsers keep error logs and are not
    # thread-safe, so sharing one across threads of a web server is wrong.
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_blank_text=False,
        collect_ids=False,
    )


# Byte patterns that fix the encoding family before any declaration is read
# (XML 1.0 Appendix F.1, "Detection Without External Encoding Information").
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
)


def _prolog_bytes(data: bytes) -> bytes:
    """The document in an ASCII-compatible encoding, for the prolog scan.

    UTF-16/32 documents are transcoded to UTF-8 (leniently: encoding errors
    are the parser's to report, with a position). Every other encoding
    libxml2 accepts without a byte order mark is ASCII-compatible, and the
    markup of a prolog is ASCII, so those bytes are scanned as they are
    (no copy of a large document).
    """
    for mark, codec in _BOMS:
        if data.startswith(mark):
            if codec == "utf-8":
                return data[len(mark) :]
            return data.decode(codec, errors="replace").lstrip("\ufeff").encode("utf-8")
    return data


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def _check_prolog(data: bytes, source: str | None) -> None:
    """Refuse a document whose prolog holds a ``<!DOCTYPE``.

    The prolog (XML 1.0 §2.8, production [22]) is the XML declaration and
    any comments, processing instructions and white space before the root
    element; a document type declaration can only stand there. The scan
    walks the whole prolog, however long its comments are, and stops at the
    first other markup. A document that does not begin with markup at all
    (after white space) is refused too: that is not XML in any encoding we
    accept, and it keeps EBCDIC and other exotic encodings out.
    """
    text = _prolog_bytes(data)
    position = 0
    while True:
        while position < len(text) and text[position] in b" \t\r\n":
            position += 1
        if text.startswith(b"<!--", position):
            end = text.find(b"-->", position + 4)
            if end < 0:
                return  # unterminated comment: the parser reports it with its position
            position = end + 3
        elif text.startswith(b"<?", position):
            end = text.find(b"?>", position + 2)
            if end < 0:
                return
            position = end + 2
        elif text[position : position + 9].upper() == b"<!DOCTYPE":
            line, column = _position(text, position)
            raise DocumentError(
                "document type declarations (<!DOCTYPE>) are not allowed: they enable "
                "entity expansion and external entities",
                line=line,
                column=column,
                source=source,
            )
        elif position < len(text) and text[position] != ord("<"):
            line, column = _position(text, position)
            raise DocumentError(
                "not well-formed XML: the document does not begin with markup ('<')",
                line=line,
                column=column,
                source=source,
            )
        else:
            return


def parse(
    data: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    source: str | None = None,
) -> etree._ElementTree:
    """Parse ``data`` (the raw bytes of one XML document) safely.

    Returns the lxml element tree. Raises :class:`DocumentError` for input
    that is not bytes, empty, over ``max_bytes``, not well-formed, carries a
    DOCTYPE, or is in an encoding that does not match its bytes.
    """
    if isinstance(data, str):
        raise DocumentError(
            "XML must be given as bytes, not text: the encoding is part of the document",
            source=source,
        )
    if not isinstance(data, bytes | bytearray | memoryview):
        raise DocumentError(f"XML must be given as bytes, not {type(data).__name__}", source=source)
    data = bytes(data)
    if len(data) > max_bytes:
        raise DocumentError(
            f"document is {len(data):,} bytes, over the limit of {max_bytes:,} bytes",
            source=source,
        )
    if not data or data.isspace():  # as ``not data.strip()``, without copying the document
        raise DocumentError("document is empty", source=source)
    _check_prolog(data, source)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        message = exc.msg or "document is not well-formed XML"
        # lxml appends "(line N, column M)" to msg: the location has its own fields.
        message = re.sub(r",? ?\(?line \d+, column \d+\)?$", "", message).strip() or message
        raise DocumentError(
            f"not well-formed XML: {message}",
            line=line or None,
            column=column or None,
            source=source,
        ) from None
    except (ValueError, MemoryError) as exc:
        raise DocumentError(f"not acceptable XML: {exc}", source=source) from None
    tree = root.getroottree()
    # Belt and braces: the prolog scan has refused every DOCTYPE already.
    if tree.docinfo.doctype:  # type: ignore[union-attr]  # lxml-stubs lack DocInfo.doctype
        raise DocumentError(
            "document type declarations (<!DOCTYPE>) are not allowed", source=source
        )
    return tree


def parse_stream(
    stream: IO[bytes],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    source: str | None = None,
) -> etree._ElementTree:
    """Read at most ``max_bytes`` from a binary stream and parse it.

    Reading stops as soon as the limit is passed, so an endless or huge
    stream costs at most ``max_bytes`` of memory.
    """
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        if not isinstance(chunk, bytes):
            raise DocumentError("XML stream must be opened in binary mode", source=source)
        size += len(chunk)
        if size > max_bytes:
            raise DocumentError(f"document is over the limit of {max_bytes:,} bytes", source=source)
        chunks.append(chunk)
    data = b"".join(chunks)
    chunks.clear()  # keep one copy of the document in memory, not two
    return parse(data, max_bytes=max_bytes, source=source)


def parse_file(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> etree._ElementTree:
    """Parse the XML file at ``path``; errors name the file."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError(
                f"document is {size:,} bytes, over the limit of {max_bytes:,} bytes",
                source=str(path),
            )
        with path.open("rb") as handle:
            return parse_stream(handle, max_bytes=max_bytes, source=str(path))
    except OSError as exc:
        raise DocumentError(f"cannot read file: {exc.strerror or exc}", source=str(path)) from None


def load_schema(path: str | Path) -> etree.XMLSchema:
    """Load a trusted local XML Schema (XSD) with its local includes/imports.

    Used by tests and tools to check output against official schemas such as
    UBL 2.1 or eForms. Network access stays off; includes are resolved
    relative to ``path`` on the local disk only.
    """
    path = Path(path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        doc = etree.parse(str(path), parser)
        return etree.XMLSchema(doc)
    except (OSError, etree.XMLSyntaxError, etree.XMLSchemaParseError) as exc:
        raise DocumentError(f"cannot load schema: {exc}", source=str(path)) from None
