"""The validation report a publication service returns: SVRL, read into findings.

TED's Central Validation Service (and Doffin's, which adds the Norwegian
rules) answers with an ISO Schematron SVRL report
(https://docs.ted.europa.eu/eforms/latest/guide/validation.html): each
failed assertion is an ``svrl:failed-assert`` whose ``@id`` names the rule,
``@role`` its severity (``ERROR``, ``WARN``, ``INFO``), ``@location`` the
XPath of the offending element and ``svrl:text`` the message.
"""

from __future__ import annotations

from dataclasses import dataclass

from heldigital import xml

__all__ = ["SVRL", "Finding", "read_report"]

SVRL = "http://purl.oclc.org/dsdl/svrl"

#: A report larger than this is not read (it is still stored as received).
MAX_REPORT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    location: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity.upper() in {"ERROR", "FATAL"}

    def as_dict(self) -> dict[str, str]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "location": self.location,
            "message": self.message,
        }


def read_report(data: bytes) -> list[Finding]:
    """The failed assertions and successful reports of an SVRL report, in order.

    Raises :class:`heldigital.xml.DocumentError` when ``data`` is not XML, and
    ``ValueError`` when it is XML but not SVRL.
    """
    root = xml.parse(data, max_bytes=MAX_REPORT_BYTES, source="validation report").getroot()
    if root.tag != f"{{{SVRL}}}schematron-output":
        raise ValueError(f"not an SVRL report: the root element is {root.tag}")
    findings = []
    for element in root.iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report"):
        text = element.find(f"{{{SVRL}}}text")
        message = " ".join((text.text or "").split()) if text is not None else ""
        findings.append(
            Finding(
                rule=element.get("id", ""),
                severity=element.get("role", "ERROR") or "ERROR",
                location=element.get("location", ""),
                message=message,
            )
        )
    return findings
