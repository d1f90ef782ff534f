"""PDF rendering of letters, contract documents and the protocol report (reportlab).

The PDF is made from the frozen text and is reproducible: reportlab's
``invariant`` mode leaves out the creation time and random document id, so
the same text always gives the same bytes (and the same SHA-256), which
lets anyone re-create a document from its stored text and compare digests.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle


@dataclass(frozen=True)
class Section:
    """A heading with paragraphs and an optional table (first row is the header)."""

    heading: str
    paragraphs: Sequence[str] = ()
    table: Sequence[Sequence[str]] = field(default_factory=tuple)


def _para(text: str, style: object) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)  # type: ignore[arg-type]


def render_pdf(
    title: str, sections: Sequence[Section], *, author: str = "Heldigital", subject: str = ""
) -> bytes:
    """A simple A4 PDF: title, then each section's heading, paragraphs and table."""
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author=author,
        subject=subject,
        creator="Heldigital",
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        invariant=1,
        lang="nb",
    )
    story: list[object] = [_para(title, styles["Title"])]
    for section in sections:
        if section.heading:
            story.append(_para(section.heading, styles["Heading2"]))
        for paragraph in section.paragraphs:
            story.append(_para(paragraph, styles["BodyText"]))
        if section.table:
            cells = [
                [_para(str(cell), styles["BodyText"]) for cell in row] for row in section.table
            ]
            table = Table(cells, repeatRows=1)
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story.append(table)
        story.append(Spacer(1, 4 * mm))
    doc.build(story)  # type: ignore[arg-type]
    return buffer.getvalue()


def body_text(title: str, sections: Sequence[Section]) -> str:
    """The same content as plain text (stored frozen next to the PDF; shown in the web UI).

    Readable as it is, in an e-mail or on a screen reader: headings on their own
    line (no underlines), a table as one block per row, each cell named by its
    column (``Tenderer: Alfa AS``), never pipes.
    """
    lines = [title, ""]
    for section in sections:
        if section.heading:
            lines += [section.heading, ""]
        for paragraph in section.paragraphs:
            lines += [paragraph, ""]
        if section.table:
            header, *rows = section.table
            for row in rows:
                lines += [f"{name}: {cell}" for name, cell in zip(header, row, strict=False)] + [""]
    return "\n".join(lines).rstrip() + "\n"


def as_data(sections: Sequence[Section]) -> list[dict[str, object]]:
    """The sections as JSON-safe data (kept with a letter, to render its e-mail)."""
    return [
        {
            "heading": section.heading,
            "paragraphs": [str(p) for p in section.paragraphs],
            "table": [[str(cell) for cell in row] for row in section.table],
        }
        for section in sections
    ]
