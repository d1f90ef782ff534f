"""The EHF copy of PEPPOL-M-T01 (``ordering-3.0/rules/patch/PEPPOL-M-T01.sch``).

EHF Order and Advanced Ordering include ``target/schematron-peppol/PEPPOL-M-T01.sch``, the
EHF build's copy of the PEPPOL order rules without ``PEPPOL-T01-R031`` (the profile, which
EHF replaces by its own). The EHF repository keeps that copy as ``rules/patch/PEPPOL-M-T01.sch``:
the logic of the post-award release 3.0 rules (:mod:`heldigital.rules.poacc.t01`), without
``PEPPOL-T01-R034`` (the CustomizationID prefix, which EHF extends) and with six messages in
the older VAT wording. This module registers those six with the EHF messages; every other
rule is the post-award function.
"""

from __future__ import annotations

from heldigital.rules import poacc
from heldigital.rules.core import Registry, Rule, Severity

__all__ = ["REGISTRY", "RULE_IDS"]

REGISTRY = Registry("ehf-peppol-m-t01")

#: The rules whose message differs in the EHF copy, with the EHF message.
_MESSAGES = {
    "PEPPOL-T01-R011": "Expected total amount without VAT = Expected total sum of line amounts - "
    "Sum of allowances on document level + Sum of charges on document level",
    "PEPPOL-T01-R016": "Amount due for payment = Invoice total amount with VAT - Paid amount + "
    "Rounding amount.",
    "PEPPOL-T01-R017": "Expected total amount with VAT = Expected total amount without VAT + "
    "Order total VAT amount.",
    "PEPPOL-T01-R026": "Party VAT identifiers SHALL have a prefix in accordance with ISO code "
    "ISO 3166-1 alpha-2 by which the country of issue may be identified. Nevertheless, Greece "
    "may use the prefix ‘EL’.",
    "PEPPOL-T01-R029": "Each Tax Category SHALL have a VAT category rate, except if the order is "
    "not subject to VAT.",
    "PEPPOL-T01-R030": 'When VAT category code is "Standard rated" (S) the VAT rate SHALL be '
    "greater than zero.",
}
for _rid, _message in _MESSAGES.items():
    # the logic of the post-award function (its text, the manifest's, is not read here); the
    # EHF copy has its own message (no manifest covers the EHF sources) and flags them fatal
    _rule = poacc.REGISTRY.logic(_rid)
    assert _rule is not None, _rid
    REGISTRY.add(Rule(_rid, Severity.FATAL, _message, _rule.check, _rule.context))

#: The rules of the EHF copy as the EHF build includes it (without R031; R034 it lacks).
RULE_IDS = tuple(
    rid
    for rid in poacc.REGISTRY.ids("PEPPOL-T01-")
    if rid not in ("PEPPOL-T01-R031", "PEPPOL-T01-R034")
)
