"""The registry of the PEPPOL BIS Billing 3.0 family (``PEPPOL-*`` and national rules)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from heldigital.rules.core import Check, Document, Registry

REGISTRY = Registry("peppol-billing", release="2025.5", sources=("PEPPOL-EN16931-UBL",))
rule = REGISTRY.rule


def national(
    country: str, gate: Callable[[Document], bool]
) -> Callable[..., Callable[[Check], Check]]:
    """The ``rule`` decorator of a national module whose every rule is gated on ``gate``.

    ``gate(doc)`` must be a *necessary* condition for any rule of the module to fire: in the
    official ``PEPPOL-EN16931-UBL.sch`` each national pattern's contexts carry a predicate on
    the module's variables (``$supplierCountryIsDE``, ``$DKSupplierCountry`` ...), and each
    rule function here begins with the same test. The decorator registers the fact
    ``@billing:national:<country>`` (reported when ``gate`` holds) and gives every rule of
    the module that fact as its :attr:`~heldigital.rules.core.Rule.context`, so that
    :meth:`~heldigital.rules.core.RuleSet.run` does not call them for other documents.
    """
    key = "@billing:national:" + country

    def facts(doc: Document) -> Iterable[str]:
        return (key,) if gate(doc) else ()

    facts.__name__ = facts.__qualname__ = f"national_facts_{country.lower()}"
    REGISTRY.facts(facts)

    def national_rule(rule_id: str) -> Callable[[Check], Check]:
        return REGISTRY.rule(rule_id, context=(key,))

    return national_rule
