"""Invoice matching: 2-way (order and invoice) and 3-way (order, goods receipt
and invoice), with named tolerance rules that have effective dates.

Pure Python, no Django. The documents are plain dataclasses
(:mod:`heldigital.matching.model`) made from the EHF models by
:mod:`heldigital.matching.ehf`; the rules are in
:mod:`heldigital.matching.rules`, the matching itself in
:mod:`heldigital.matching.engine`. Every outcome names the rule that decided
it. See ``docs/payments.md``.
"""

from heldigital.matching.engine import (
    RULE_CREDITED_INVOICE,
    RULE_DUPLICATE,
    RULE_GOODS_RECEIPT,
    RULE_NUMBER_REUSED,
    RULE_ORDER_CURRENCY,
    RULE_ORDER_LINE,
    RULE_ORDER_REFERENCE,
    RULE_ORDER_SUPPLIER,
    LineOutcome,
    MatchBook,
    Outcome,
    Status,
    match,
)
from heldigital.matching.model import (
    Despatch,
    DespatchLine,
    Invoice,
    InvoiceLine,
    Order,
    OrderLine,
    Receipt,
    ReceiptLine,
)
from heldigital.matching.rules import NO_TOLERANCE, Check, RuleKind, RuleSet, ToleranceRule

__all__ = [
    "NO_TOLERANCE",
    "RULE_CREDITED_INVOICE",
    "RULE_DUPLICATE",
    "RULE_GOODS_RECEIPT",
    "RULE_NUMBER_REUSED",
    "RULE_ORDER_CURRENCY",
    "RULE_ORDER_LINE",
    "RULE_ORDER_REFERENCE",
    "RULE_ORDER_SUPPLIER",
    "Check",
    "Despatch",
    "DespatchLine",
    "Invoice",
    "InvoiceLine",
    "LineOutcome",
    "MatchBook",
    "Order",
    "OrderLine",
    "Outcome",
    "Receipt",
    "ReceiptLine",
    "RuleKind",
    "RuleSet",
    "Status",
    "ToleranceRule",
    "match",
]
