"""Reading the e-mails the real SMTP server (aiosmtpd) received: text and HTML parts."""

from __future__ import annotations

from email.message import EmailMessage
from html.parser import HTMLParser


def text(message: EmailMessage) -> str:
    """The plain-text part (every notification has one)."""
    part = message.get_body(("plain",))
    assert part is not None, "no text/plain part"
    return str(part.get_content())


def html(message: EmailMessage) -> str:
    """The HTML alternative (every notification has one)."""
    part = message.get_body(("html",))
    assert part is not None, "no text/html part"
    return str(part.get_content())


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.headings: list[str] = []
        self.tables = 0
        self.header_cells: list[dict[str, str | None]] = []
        self.cells_in_tables_without_headers = 0
        self.images = 0
        self.links: list[str] = []
        self._open_table_headers: list[int] = []
        self._open_table_cells: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang") or ""
        elif tag in {"h1", "h2", "h3", "h4"}:
            self.headings.append(tag)
        elif tag == "table":
            self.tables += 1
            self._open_table_headers.append(0)
            self._open_table_cells.append(0)
        elif tag == "th":
            self.header_cells.append(attributes)
            if self._open_table_headers:
                self._open_table_headers[-1] += 1
        elif tag == "td" and self._open_table_cells:
            self._open_table_cells[-1] += 1
        elif tag == "img":
            self.images += 1
        elif tag == "a":
            self.links.append(attributes.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._open_table_headers:
            headers = self._open_table_headers.pop()
            cells = self._open_table_cells.pop()
            if cells and not headers:
                self.cells_in_tables_without_headers += cells


def accessibility_problems(document: str) -> list[str]:
    """A basic check of an e-mail's HTML: language, headings, table headers, no images."""
    outline = _Outline()
    outline.feed(document)
    problems = []
    if not outline.lang:
        problems.append("<html> has no lang attribute")
    if not outline.headings or outline.headings[0] != "h1":
        problems.append(f"the first heading is not h1: {outline.headings}")
    if outline.headings.count("h1") != 1:
        problems.append("not exactly one h1")
    if outline.cells_in_tables_without_headers:
        problems.append("a table without header cells")
    if any(cell.get("scope") not in {"col", "row"} for cell in outline.header_cells):
        problems.append("a th without scope col or row")
    if outline.images:
        problems.append("images")
    if "=====" in document or " | " in document:
        problems.append("underlines or pipe tables")
    return problems


def links(document: str) -> list[str]:
    outline = _Outline()
    outline.feed(document)
    return outline.links
