"""Which official rules judge which document: the routing of the official configurations.

Each :class:`Configuration` is an official validation configuration: the XSD step (the
OASIS UBL schema of the root element) and the Schematron stylesheets, in order. A
document goes to the configuration of the longest CustomizationID prefix declared for
its root element; a document whose CustomizationID matches none (unknown, mistyped,
missing) goes to the default configuration of its root element, which then reports the
wrong identifier together with every other finding. ``name`` is the rule set the native
report must name.

The post-award side plugs in by adding entries to :data:`CONFIGURATIONS`, :data:`ROUTES`,
:data:`DEFAULTS` and :data:`SOURCES`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from tests.differential.schematron import GENERATED

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
XSLT_2026_5 = CORPUS / "official-rules" / "peppol-2026.5-xslt"
UBL21 = CORPUS / "ubl-2.1" / "xsd" / "maindoc"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"


@dataclass(frozen=True)
class Configuration:
    """An official validation configuration as the oracle runs it."""

    #: the native rule set name the report must carry
    name: str
    #: short label for the table ("PEPPOL BIS Billing" ...)
    title: str
    #: the official stylesheets (``.xslt``, or ``.sch`` compiled on first use), in order
    stylesheets: tuple[Path, ...]
    #: the XSD of the syntax step; None: the schema of the root element in UBL 2.1
    xsd: Path | None = None
    #: rule ids the configuration's build removes from the stylesheets it includes (the EHF
    #: build's ``schutil exclude``): left out of the official findings
    excluded: frozenset[str] = frozenset()

    def schema_for(self, root_name: str) -> Path | None:
        if self.xsd is not None:
            return self.xsd if self.xsd.exists() else None
        path = UBL21 / f"UBL-{root_name}-2.1.xsd"
        return path if path.exists() else None


BILLING_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
SELFBILLING_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:selfbilling:3.0"
CEN_ID = "urn:cen.eu:en16931:2017"

CONFIGURATIONS: dict[str, Configuration] = {
    c.name: c
    for c in (
        Configuration(
            "peppolbis-en16931-base-3.0-ubl",
            "PEPPOL BIS Billing 3.0",
            (XSLT_2026_5 / "CEN-EN16931-UBL.xslt", XSLT_2026_5 / "PEPPOL-EN16931-UBL.xslt"),
        ),
        Configuration(
            "peppolbis-en16931-sbbase-3.0-ubl",
            "PEPPOL BIS Self-Billing 3.0",
            (XSLT_2026_5 / "CEN-EN16931-UBL.xslt", XSLT_2026_5 / "PEPPOL-EN16931-UBL-SB.xslt"),
        ),
        Configuration("tc434-ubl", "EN 16931 (UBL)", (XSLT_2026_5 / "CEN-EN16931-UBL.xslt",)),
    )
}

#: (root element local name, CustomizationID prefix) -> configuration name
ROUTES: dict[tuple[str, str], str] = {}
for _root in ("Invoice", "CreditNote"):
    ROUTES[(_root, BILLING_ID)] = "peppolbis-en16931-base-3.0-ubl"
    ROUTES[(_root, SELFBILLING_ID)] = "peppolbis-en16931-sbbase-3.0-ubl"
    ROUTES[(_root, CEN_ID)] = "tc434-ubl"

#: root element local name -> the configuration of a document with an unknown CustomizationID
DEFAULTS: dict[str, str] = {
    "Invoice": "peppolbis-en16931-base-3.0-ubl",
    "CreditNote": "peppolbis-en16931-base-3.0-ubl",
}

#: PEPPOL post-award: (transaction, title, root element, CustomizationID prefix), each
#: judged by its 2026.5 XSLT. Order change, cancellation and advanced order response are
#: UBL 2.3 documents whose schemas are not in the corpus: no XSD step is compared for them.
POSTAWARD = (
    ("T01", "PEPPOL Order (T01)", "Order", "order"),
    ("T16", "PEPPOL Despatch Advice (T16)", "DespatchAdvice", "despatch_advice"),
    ("T19", "PEPPOL Catalogue (T19)", "Catalogue", "catalogue"),
    ("T58", "PEPPOL Catalogue Response (T58)", "ApplicationResponse", "catalogue_response"),
    ("T71", "PEPPOL Message Level Response (T71)", "ApplicationResponse", "mlr"),
    ("T76", "PEPPOL Order Response (T76)", "OrderResponse", "order_response"),
    ("T77", "PEPPOL Punch Out (T77)", "Catalogue", "punch_out"),
    ("T110", "PEPPOL Order Agreement (T110)", "OrderResponse", "order_agreement"),
    ("T111", "PEPPOL Invoice Response (T111)", "ApplicationResponse", "invoice_response"),
    ("T114", "PEPPOL Order Change (T114)", "OrderChange", "order_change"),
    ("T115", "PEPPOL Order Cancellation (T115)", "OrderCancellation", "order_cancellation"),
    ("T116", "PEPPOL Order Response Advanced (T116)", "OrderResponse",
     "order_response_advanced"),
)  # fmt: skip
#: UBL 2.3 roots of post-award (no schema in the corpus: the XSD step is not compared)
NO_XSD = Path("/nonexistent/UBL-2.3.xsd")
for _t, _title, _root, _spec in POSTAWARD:
    _name = f"peppolbis-{_t.lower()}-base-3.0"
    CONFIGURATIONS[_name] = Configuration(
        _name,
        _title,
        (XSLT_2026_5 / f"PEPPOLBIS-{_t}.xslt",),
        NO_XSD if _t in ("T114", "T115", "T116") else None,
    )
    ROUTES[(_root, f"urn:fdc:peppol.eu:poacc:trns:{_spec}:3")] = _name
#: a post-award document with an unknown CustomizationID: the base transaction of its root
DEFAULTS.update(
    {
        "Order": "peppolbis-t01-base-3.0",
        "DespatchAdvice": "peppolbis-t16-base-3.0",
        "Catalogue": "peppolbis-t19-base-3.0",
        "ApplicationResponse": "peppolbis-t71-base-3.0",
        "OrderResponse": "peppolbis-t76-base-3.0",
        "OrderChange": "peppolbis-t114-base-3.0",
        "OrderCancellation": "peppolbis-t115-base-3.0",
    }
)

#: EHF formats (anskaffelser/ehf-postaward-g3 ``src/<format>/rules/buildconfig.xml``): the
#: EHF Schematron sources compiled with the basic rules their build generates
#: (:mod:`tests.differential.ehf`), and the PEPPOL BIS Billing 2026.5 XSLTs where the EHF build
#: includes the billing rules, without the rules its ``01-copy-peppol-sch.sh`` excludes.
EHF_SCH = CORPUS / "official-rules" / "ehf-sch"
CONFIGURATIONS.update(
    {
        c.name: c
        for c in (
            Configuration(
                "ehf-payment-request-07-3.0",
                "EHF Payment Request 3.0",
                (EHF_SCH / "payment-request-3.0/rules/sch/EHF-P07-3.0-PAYMENT-REQUEST-3.0.sch",),
            ),
            Configuration(
                "ehf-reminder-06-3.0",
                "EHF Reminder 3.0",
                (
                    EHF_SCH / "reminder-3.0/rules/sch/EHF-P06-3.0-REMINDER.sch",
                    XSLT_2026_5 / "CEN-EN16931-UBL.xslt",
                    XSLT_2026_5 / "PEPPOL-EN16931-UBL.xslt",
                ),
                excluded=frozenset({"BR-04", "PEPPOL-EN16931-R007", "PEPPOL-EN16931-CL003"}),
            ),
            Configuration(
                "ehf-forward-billing-08-3.0",
                "EHF Forward Billing 3.0",
                (XSLT_2026_5 / "CEN-EN16931-UBL.xslt", XSLT_2026_5 / "PEPPOL-EN16931-UBL.xslt"),
                excluded=frozenset({"BR-07", "PEPPOL-EN16931-R007"}),
            ),
        )
    }
)
#: EHF post-award formats: (configuration, title, root element, CustomizationID, source)
EHF_POSTAWARD = (
    ("ehf-despatch-advice-05-3.0", "EHF Despatch Advice 3.0", "DespatchAdvice",
     "urn:fdc:peppol.eu:poacc:trns:despatch_advice:3",
     "despatch-advice-3.0/rules/sch/EHF-DESPATCH-ADVICE-3.0.sch"),
    ("ehf-catalogue-response-01-3.0", "EHF Catalogue Response 3.0", "ApplicationResponse",
     "urn:fdc:peppol.eu:poacc:trns:catalogue_response:3",
     "catalogue-3.0/rules/sch/EHF-CATALOGUE-RESPONSE-3.0.sch"),
    ("ehf-catalogue-01-3.0", "EHF Catalogue 3.0", "Catalogue",
     "urn:fdc:peppol.eu:poacc:trns:catalogue:3", "catalogue-3.0/rules/sch/EHF-CATALOGUE-3.0.sch"),
    ("ehf-punch-out-04-3.0", "EHF Punch Out 3.0", "Catalogue",
     "urn:fdc:peppol.eu:poacc:trns:punch_out:3", "punch-out-3.0/rules/sch/EHF-PUNCH-OUT-3.0.sch"),
    ("ehf-order-agreement-03-3.0", "EHF Order Agreement 3.0", "OrderResponse",
     "urn:fdc:peppol.eu:poacc:trns:order_agreement:3",
     "order-agreement-3.0/rules/sch/EHF-ORDER-AGREEMENT-3.0.sch"),
)  # fmt: skip
EHF_EXTENDED = ":extended:urn:fdc:anskaffelser.no:2019:ehf:spec:3.0"
for _name, _title, _root, _spec, _sch in EHF_POSTAWARD:
    CONFIGURATIONS[_name] = Configuration(_name, _title, (EHF_SCH / _sch,))
    ROUTES[(_root, _spec + EHF_EXTENDED)] = _name
#: configurations declared as ProfileID#CustomizationID: (root, CustomizationID prefix,
#: ProfileID) -> configuration (EHF Order and Advanced Ordering share CustomizationIDs)
PROFILE_ROUTES: dict[tuple[str, str, str], str] = {}
EHF_PROFILE = "urn:fdc:anskaffelser.no:2019:ehf:postaward:g3:{}:1.0"
EHF_BY_PROFILE = (
    ("ehf-order-02-3.0", "EHF Order 3.0", "Order", "order", "02",
     "ordering-3.0/rules/sch/EHF-ORDER-3.0.sch"),
    ("ehf-order-response-02-3.0", "EHF Order Response 3.0", "OrderResponse", "order_response",
     "02", "ordering-3.0/rules/sch/EHF-ORDER-RESPONSE-3.0.sch"),
    ("ehf-09-3.0-initiation", "EHF Advanced Ordering 3.0 - Order Initiation", "Order", "order",
     "09", "advanced-ordering-3.0/rules/sch/EHF-P09-3.0-ORDER-INITIATION.sch"),
    ("ehf-09-3.0-response", "EHF Advanced Ordering 3.0 - Order Response", "OrderResponse",
     "order_response", "09", "advanced-ordering-3.0/rules/sch/EHF-P09-3.0-ORDER-RESPONSE.sch"),
)  # fmt: skip
EHF_BY_PROFILE += (
    ("ehf-09-3.0-cancellation", "EHF Advanced Ordering 3.0 - Order Cancellation",
     "OrderCancellation", "", "09",
     "advanced-ordering-3.0/rules/sch/EHF-P09-3.0-ORDER-CANCELLATION.sch"),
)  # fmt: skip
for _name, _title, _root, _spec, _profile, _sch in EHF_BY_PROFILE:
    CONFIGURATIONS[_name] = Configuration(_name, _title, (EHF_SCH / _sch,))
    _prefix = (
        f"urn:fdc:peppol.eu:poacc:trns:{_spec}:3" + EHF_EXTENDED
        if _spec
        else "urn:fdc:anskaffelser.no:2019:ehf:spec:adv-order-cancellation:3.0"
    )
    PROFILE_ROUTES[(_root, _prefix, EHF_PROFILE.format(_profile))] = _name
ROUTES[("Invoice", "urn:fdc:anskaffelser.no:2019:ehf:spec:payment-request:3.0")] = (
    "ehf-payment-request-07-3.0"
)
ROUTES[("Invoice", BILLING_ID + "#conformant#urn:fdc:anskaffelser.no:2019:ehf:reminder:3.0")] = (
    "ehf-reminder-06-3.0"
)
ROUTES[
    ("Invoice", BILLING_ID + "#conformant#urn:fdc:anskaffelser.no:2019:ehf:forward-billing:3.0")
] = "ehf-forward-billing-08-3.0"


def _ehf_generated() -> dict[str, str]:
    from tests.differential.ehf import generated

    return generated()


for _sch in ("payment-request-3.0/rules/sch/EHF-P07-3.0-PAYMENT-REQUEST-3.0.sch",
             "reminder-3.0/rules/sch/EHF-P06-3.0-REMINDER.sch",
             *(entry[-1] for entry in EHF_POSTAWARD),
             *(entry[-1] for entry in EHF_BY_PROFILE)):  # fmt: skip
    GENERATED[f"official-rules/ehf-sch/{_sch}"] = _ehf_generated

#: Folders (under the corpus) whose documents are the seeds of the mutants.
SOURCES: list[str] = [
    "peppol-bis-invoice-3/rules/examples",
    "peppol-bis-invoice-3/rules/national-examples",
    "peppol-bis-invoice-3/rules/snippets",
    "eInvoicing-EN16931/ubl/examples",
    "eInvoicing-EN16931/test/testfiles",
    "ehf-postaward-g3/src/self-billing-3.0/rules/example",
    "ehf-postaward-g3/src/payment-request-3.0/rules/example",
    "ehf-postaward-g3/src/payment-request-3.0/rules/usecase",
    "ehf-postaward-g3/src/reminder-3.0/rules/example",
    "ehf-postaward-g3/src/forward-billing-3.0/rules/example",
    "ehf-postaward-g3/src/despatch-advice-3.0/rules/example",
    "ehf-postaward-g3/src/catalogue-3.0/rules/example",
    "ehf-postaward-g3/src/catalogue-3.0/rules/usecase",
    "ehf-postaward-g3/src/punch-out-3.0/rules/example",
    "ehf-postaward-g3/src/order-agreement-3.0/rules/example",
    "ehf-postaward-g3/src/ordering-3.0/rules/example",
    "ehf-postaward-g3/src/advanced-ordering-3.0/rules/example",
    "poacc-upgrade-3/rules/examples",
    "poacc-upgrade-3/rules/use-case-examples",
]


#: Seeds derived from official examples of another specification, where a format has no
#: example of its own: (folder under the corpus, file name prefix, CustomizationID, ProfileID).
#: The EHF advanced order cancellation has none; the PEPPOL order cancellations (T115) with
#: the EHF identifiers are its seeds.
DERIVED: list[tuple[str, str, str, str]] = [
    (
        "poacc-upgrade-3/rules/examples",
        "OrderCancellation",
        "urn:fdc:anskaffelser.no:2019:ehf:spec:adv-order-cancellation:3.0",
        EHF_PROFILE.format("09"),
    ),
]


def _child_text(root: etree._Element, name: str) -> str:
    el = next(root.iterchildren(f"{{{CBC}}}{name}"), None)
    return (el.text or "").strip() if el is not None else ""


def customization_id(root: etree._Element) -> str:
    return _child_text(root, "CustomizationID")


def route(root: etree._Element) -> Configuration | None:
    """The configuration judging this document, or None (no official configuration)."""
    local = etree.QName(root).localname
    cid = customization_id(root)
    best = ""
    name = None
    for (root_name, prefix), config in ROUTES.items():
        if root_name == local and cid.startswith(prefix) and len(prefix) > len(best):
            best, name = prefix, config
    profile = _child_text(root, "ProfileID")
    for (root_name, prefix, wanted), config in PROFILE_ROUTES.items():
        matches = root_name == local and cid.startswith(prefix) and profile == wanted
        if matches and len(prefix) >= len(best):
            best, name = prefix, config
    if name is None:
        name = DEFAULTS.get(local)
    return CONFIGURATIONS[name] if name is not None else None
