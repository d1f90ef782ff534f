"""The procurement protocol report (issue 4 part 8).

Directive 2014/24/EU Art. 84(1) lists what the written report on every
procedure contains; anskaffelsesforskriften § 7-1 (protokollplikt) requires
the same for Norwegian procedures. :func:`build_report` gathers, from the
records and the hash-chained protocol:

(a) the name and address of the contracting authority, the subject-matter
    and value of the contract;
(b) for the selection, the names of the candidates or tenderers selected
    and the reasons (here: the qualification decisions);
(c) the candidates or tenderers rejected and the reasons for their rejection;
(d) the reasons for the rejection of tenders found to be abnormally low;
(e) the name of the successful tenderer and the reasons why its tender was
    selected (the evaluation scores);
(f)-(g) the procedure used and, for negotiation, its justification;
(h) where applicable, the reasons why the authority decided not to award
    (cancellation);
(i) the conflicts of interest detected and the measures taken
    (:class:`~.models.ConflictOfInterestDeclaration`, including "none");

plus the verification of the protocol chain and its head hash, so a reader
can check that the report rests on an untampered protocol.

The report is a plain data structure (:class:`Report`); the web page renders
it as HTML, :func:`report_pdf` as PDF and the API as JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from heldigital.apps.common import format_local
from heldigital.apps.evaluation.documents import Section, render_pdf
from heldigital.apps.evaluation.models import (
    AwardDecision,
    ConflictOfInterestDeclaration,
    Exclusion,
    QualificationDecision,
)
from heldigital.apps.evaluation.services import ground_label, latest_results
from heldigital.apps.protocol.models import ProtocolEvent
from heldigital.apps.protocol.services import verify_readable
from heldigital.apps.submissions.models import OpeningRecord
from heldigital.apps.submissions.services import is_opened
from heldigital.apps.tendering.models import Procurement, ProcurementStatus


@dataclass
class Report:
    reference: str
    authority: dict[str, str]
    subject: dict[str, Any]
    procedure: dict[str, str]
    tenderers: list[dict[str, Any]] = field(default_factory=list)
    selected: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    abnormally_low_rejected: list[dict[str, Any]] = field(default_factory=list)
    evaluation: list[dict[str, Any]] = field(default_factory=list)
    awards: list[dict[str, Any]] = field(default_factory=list)
    contracts: list[dict[str, Any]] = field(default_factory=list)
    cancellation: dict[str, str] | None = None
    conflicts_of_interest: list[dict[str, Any]] = field(default_factory=list)
    protocol: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _local(moment: Any) -> str | None:
    return format_local(moment) if moment is not None else None


def _iso_local(value: str | None) -> str:
    """A receipt time of the report (ISO 8601 UTC, as in the JSON) in Norwegian time."""
    if not value:
        return ""
    try:
        return format_local(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        return value


def build_report(procurement: Procurement) -> Report:
    """Everything Art. 84(1) asks for, from the records and the protocol."""
    buyer = procurement.buyer
    lots = [
        {"number": lot.number, "title": lot.title, "estimated_value": str(lot.estimated_value)}
        for lot in procurement.lots.order_by("number")
    ]
    contracts = [
        {
            "number": c.number,
            "supplier": c.supplier.name,
            "supplier_orgnr": c.supplier.orgnr,
            "lots": c.lots,
            "value": str(c.value),
            "currency": c.currency,
            "period": f"{c.starts_on.isoformat()} – {c.ends_on.isoformat()}",
            "document_sha256": c.document_sha256,
            "status": str(c.status),
            "signed_at": _local(c.signed_at),
        }
        for c in procurement.contracts.select_related("supplier").order_by("number")
    ]
    report = Report(
        reference=procurement.reference,
        authority={
            "name": buyer.name,
            "orgnr": buyer.orgnr,
            "address": buyer.address,
            "email": buyer.email,
        },
        subject={
            "title": procurement.title,
            "description": procurement.description,
            "cpv_codes": list(procurement.cpv_codes),
            "contract_kind": procurement.get_contract_kind_display(),
            "estimated_value": str(procurement.estimated_value),
            "currency": procurement.currency,
            "lots": lots,
            "contract_value": str(sum((c.value for c in procurement.contracts.all()), 0))
            if contracts
            else None,
        },
        procedure={
            "procedure": procurement.get_procedure_display(),
            "regime": procurement.get_regime_display(),
            "justification": procurement.procedure_justification,
            "award_method": procurement.get_award_method_display(),
            "price_formula": procurement.get_price_formula_display(),
            "published": _local(procurement.published_at) or "",
            "tender_deadline": _local(procurement.tender_deadline) or "",
            "status": procurement.get_status_display(),
        },
        contracts=contracts,
    )
    record = OpeningRecord.objects.filter(procurement=procurement).first()
    if record is not None:
        report.tenderers = [
            {
                "supplier": t["supplier"],
                "supplier_orgnr": t["supplier_orgnr"],
                "received_at": t["received_at"],
            }
            for t in record.content["tenders"]
        ]
    exclusions = {
        e.tender_id: e
        for e in Exclusion.objects.filter(tender__procurement=procurement).select_related(
            "tender__supplier"
        )
    }
    decisions: dict[Any, list[QualificationDecision]] = {}
    for d in QualificationDecision.objects.filter(tender__procurement=procurement).select_related(
        "tender__supplier"
    ):
        decisions.setdefault(d.tender_id, []).append(d)
    for tender_id, rows in decisions.items():
        if tender_id in exclusions:
            continue
        supplier = rows[0].tender.supplier
        report.selected.append(
            {
                "supplier": supplier.name,
                "supplier_orgnr": supplier.orgnr,
                "requirements": [
                    {
                        "criterion": d.criterion,
                        "name": d.criterion_name,
                        "lot": d.lot,
                        "outcome": d.outcome,
                        "reason": d.reason,
                        "overridden": bool(d.override_outcome),
                        "automatic_reason": d.automatic_reason,
                    }
                    for d in rows
                ],
            }
        )
    for exclusion in exclusions.values():
        entry = {
            "supplier": exclusion.tender.supplier.name,
            "supplier_orgnr": exclusion.tender.supplier.orgnr,
            "ground": ground_label(exclusion.ground),
            "reason": exclusion.reason,
            "confirmed_at": _local(exclusion.confirmed_at),
        }
        if exclusion.ground == "abnormally_low":
            report.abnormally_low_rejected.append(entry)
        else:
            report.rejected.append(entry)
    for result in latest_results(procurement):
        content = result.content
        report.evaluation.append(
            {
                "lot": content["lot"],
                "computed_at": _local(result.computed_at),
                "criteria": content["criteria"],
                "ranking": [
                    {
                        key: row[key]
                        for key in (
                            "rank",
                            "supplier",
                            "price",
                            "total",
                            "weighted",
                            "abnormally_low",
                        )
                    }
                    for row in content["ranking"]
                ],
            }
        )
        for entry in content["non_compliant"]:
            report.rejected.append(
                {
                    "supplier": entry["supplier"],
                    "supplier_orgnr": entry["supplier_orgnr"],
                    "ground": ground_label("non_compliant"),
                    "reason": "; ".join(
                        [*entry["problems"]]
                        + (
                            [
                                _("lines without a price: %(l)s")
                                % {"l": ", ".join(entry["missing_lines"])}
                            ]
                            if entry["missing_lines"]
                            else []
                        )
                    ),
                    "confirmed_at": _local(result.computed_at),
                }
            )
    for award in AwardDecision.objects.filter(procurement=procurement).select_related(
        "winner__supplier", "lot"
    ):
        first = award.evaluation.content["ranking"][0]
        report.awards.append(
            {
                "lot": award.lot.number if award.lot else None,
                "winner": award.winner.supplier.name,
                "winner_orgnr": award.winner.supplier.orgnr,
                "price": first["price"],
                "total": first["total"],
                "reasons": award.reasons,
                "decided_at": _local(award.decided_at),
                "notified_at": _local(award.notified_at),
                "standstill_ends_at": _local(award.standstill_ends_at),
            }
        )
    if procurement.status == ProcurementStatus.CANCELLED or procurement.cancel_reason:
        report.cancellation = {
            "cancelled_at": _local(procurement.cancelled_at) or "",
            "reason": procurement.cancel_reason,
        }
    for declaration in ConflictOfInterestDeclaration.objects.filter(
        procurement=procurement
    ).select_related("user", "organisation"):
        report.conflicts_of_interest.append(
            {
                "person": declaration.user.get_full_name() or declaration.user.get_username(),
                "organisation": declaration.organisation.name,
                "declared_at": _local(declaration.declared_at),
                "has_conflict": declaration.has_conflict,
                "text": declaration.text,
                "measures": declaration.measures,
            }
        )
    # Before opening the sealed part (what derives from the tenders) is neither
    # shown nor counted.
    verification = verify_readable(procurement.reference, sealed=is_opened(procurement))
    head = (
        ProtocolEvent.objects.filter(procurement_id=procurement.reference)
        .order_by("-sequence")
        .first()
    )
    report.protocol = {
        "ok": verification.ok,
        "events": verification.events,
        "problems": [str(p) for p in verification.problems],
        "head_sequence": head.sequence if head else None,
        "head_hash": head.hash if head else None,
    }
    return report


def report_sections(report: Report) -> list[Section]:
    """The report as document sections (for the PDF)."""
    a, s, p = report.authority, report.subject, report.procedure
    sections = [
        Section(
            _("Contracting authority"),
            [f"{a['name']} (org. no. {a['orgnr']})", a["address"], a["email"]],
        ),
        Section(
            _("Subject and value"),
            [
                s["title"],
                s["description"],
                _("CPV: %(codes)s") % {"codes": ", ".join(s["cpv_codes"])},
                _("Estimated value: %(currency)s %(value)s excl. VAT")
                % {"currency": s["currency"], "value": s["estimated_value"]},
                *(
                    [
                        _("Contract value: %(currency)s %(value)s excl. VAT")
                        % {"currency": s["currency"], "value": s["contract_value"]}
                    ]
                    if s["contract_value"]
                    else []
                ),
            ],
            [[_("Lot"), _("Title"), _("Estimated value")]]
            + [[str(lot["number"]), lot["title"], lot["estimated_value"]] for lot in s["lots"]]
            if s["lots"]
            else (),
        ),
        Section(
            _("Procedure"),
            [f"{key}: {value}" for key, value in p.items() if value],
        ),
        Section(
            _("Tenders received"),
            [] if report.tenderers else [_("No tenders opened.")],
            [[_("Tenderer"), _("Org. no."), _("Received (Norwegian time)")]]
            + [
                [t["supplier"], t["supplier_orgnr"], _iso_local(t["received_at"])]
                for t in report.tenderers
            ]
            if report.tenderers
            else (),
        ),
        Section(
            _("Tenderers selected (qualified)"),
            [
                f"{e['supplier']}: "
                + "; ".join(f"{r['name']}: {r['outcome']}" for r in e["requirements"])
                for e in report.selected
            ]
            or [_("None.")],
        ),
        Section(
            _("Tenderers and tenders rejected, with reasons"),
            [f"{e['supplier']}: {e['ground']} - {e['reason']}" for e in report.rejected]
            or [_("None.")],
        ),
        Section(
            _("Tenders rejected as abnormally low"),
            [f"{e['supplier']}: {e['reason']}" for e in report.abnormally_low_rejected]
            or [_("None.")],
        ),
    ]
    for evaluation in report.evaluation:
        lot = evaluation["lot"]
        sections.append(
            Section(
                _("Evaluation") + (f" – {_('lot')} {lot}" if lot else ""),
                [],
                [[_("Rank"), _("Tenderer"), _("Price"), _("Total points"), _("Abnormally low?")]]
                + [
                    [
                        str(r["rank"]),
                        r["supplier"],
                        r["price"],
                        r["total"],
                        "; ".join(r["abnormally_low"]) or "-",
                    ]
                    for r in evaluation["ranking"]
                ],
            )
        )
    sections.append(
        Section(
            _("Successful tenderer and reasons"),
            [
                (f"{_('Lot')} {w['lot']}: " if w["lot"] else "")
                + f"{w['winner']} ({w['winner_orgnr']}) - {w['reasons']} "
                + _("Standstill ends %(end)s.") % {"end": w["standstill_ends_at"] or "-"}
                for w in report.awards
            ]
            or [_("No award decided.")],
        )
    )
    if report.contracts:
        sections.append(
            Section(
                _("Contracts"),
                [
                    f"{c['number']}: {c['supplier']}, {c['currency']} {c['value']}, {c['period']}, "
                    f"{c['status']}, SHA-256 {c['document_sha256']}"
                    for c in report.contracts
                ],
            )
        )
    sections.append(
        Section(
            _("Reasons for cancellation"),
            [report.cancellation["reason"]] if report.cancellation else [_("Not cancelled.")],
        )
    )
    sections.append(
        Section(
            _("Conflicts of interest"),
            [
                f"{c['person']} ({c['organisation']}, {c['declared_at']}): "
                + (
                    _("conflict declared: %(text)s. Measures: %(m)s")
                    % {"text": c["text"], "m": c["measures"] or "-"}
                    if c["has_conflict"]
                    else _("no conflict of interest")
                )
                for c in report.conflicts_of_interest
            ]
            or [_("No declarations recorded.")],
        )
    )
    proto = report.protocol
    sections.append(
        Section(
            _("Protocol chain"),
            [
                (
                    _("The protocol chain verifies.")
                    if proto["ok"]
                    else _("The protocol chain does NOT verify.")
                ),
                _("Events: %(n)s; head: event %(seq)s, hash %(hash)s")
                % {"n": proto["events"], "seq": proto["head_sequence"], "hash": proto["head_hash"]},
                *proto["problems"],
            ],
        )
    )
    return sections


def report_pdf(report: Report) -> bytes:
    title = _("Procurement protocol %(ref)s") % {"ref": report.reference}
    return render_pdf(title, report_sections(report), author=report.authority["name"])
