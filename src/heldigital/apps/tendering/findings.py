"""A finding of the eForms rules, in the buyer's words, on the form field to fix.

When :mod:`heldigital.eforms` refuses to write a notice (its native check found a
broken official rule, see docs/eforms.md), the buyer sees each finding in plain
language on the field that holds the data: the rule's business term (``BT-503`` in
``BR-BT-00503-0036``) names the field. The rule id stays in the message so that a
finding can be looked up in the SDK.

The services catch the usual causes before building (``_validate_notice_data``,
the award notice's own checks); this is the backstop for what they do not foresee.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heldigital import eforms

#: Business term -> (form field, what is wrong). ``__all__``: not a field of the forms
#: (data the platform keeps elsewhere, e.g. the organisation's own register entry).
TERMS = {
    "BT-21": ("title", gettext_lazy("a title is missing")),
    "BT-24": ("description", gettext_lazy("a description is missing")),
    "BT-262": ("cpv_codes", gettext_lazy("the main CPV code is missing")),
    "BT-127": ("planned", gettext_lazy("the contract notice must be planned for a later day")),
    "BT-503": ("contact_telephone", gettext_lazy("the buyer's telephone number is missing")),
    "BT-506": ("__all__", gettext_lazy("the buyer organisation's e-mail address is missing")),
    "BT-507": ("buyer_nuts", gettext_lazy("an organisation's region (NUTS code) is missing")),
    "BT-512": ("review_body_postal_code", gettext_lazy("an organisation's postal code is missing")),
    "BT-513": ("__all__", gettext_lazy("an organisation's town is missing")),
    "BT-501": ("__all__", gettext_lazy("an organisation's organisation number is missing")),
    "BT-165": ("winner_sizes", gettext_lazy("the size of a winner is missing")),
    "BT-540": ("award_criteria", gettext_lazy("an award criterion has no description")),
    "BT-541": ("award_criteria", gettext_lazy("a weighted award criterion has no description")),
    "BT-734": ("award_criteria", gettext_lazy("an award criterion has no description")),
    "BT-145": ("__all__", gettext_lazy("the date the contract was signed is missing or later")),
    "BT-150": ("__all__", gettext_lazy("the contract's number is missing")),
    "BT-720": ("__all__", gettext_lazy("the value of the winning tender is missing")),
    "BT-3201": ("__all__", gettext_lazy("the winning tender's reference is missing")),
    "BT-702": ("notice_language", gettext_lazy("the notice language is not one TED accepts")),
    "BT-728": ("place_of_performance", gettext_lazy("the place of performance is incomplete")),
    "BT-5071": ("place_of_performance", gettext_lazy("the place of performance has no region")),
    "BT-50": ("minimum_candidates", gettext_lazy("the minimum number of candidates is missing")),
    "BT-1311": (
        "request_deadline",
        gettext_lazy("the deadline for requests to participate is missing"),
    ),
    "BT-31": ("lots", gettext_lazy("the number of lots a tenderer may tender for is missing")),
    "HD-NOR-part": (
        "estimated_value",
        gettext_lazy("the lots' estimated values do not add up to the estimated value"),
    ),
    "EFORMS-NOR-NATIONAL-TH-R008I": (
        "cpv_codes",
        gettext_lazy(
            "health and social services follow part I of anskaffelsesforskriften, not part II"
        ),
    ),
}

_TERM = re.compile(r"^BR-(BT|OPT)-0*(\d+)-")


def term(rule: str) -> str:
    """The business term a rule is about: ``BR-BT-00503-0036`` -> ``BT-503``."""
    match = _TERM.match(rule)
    if match:
        return f"{match.group(1)}-{match.group(2)}"
    for key in TERMS:
        if rule.startswith(key):
            return key
    return ""


def field_and_message(problem: eforms.Problem) -> tuple[str, str]:
    """The form field to fix and the message the buyer sees."""
    business_term = term(problem.rule)
    field, what = TERMS.get(business_term, ("__all__", None))
    if what is None:
        return field, _(
            "The official eForms rules refuse the notice (rule %(rule)s): check the "
            "procurement's details and try again, or contact support with the rule."
        ) % {"rule": problem.rule}
    return field, _("The official eForms rules refuse the notice: %(what)s (rule %(rule)s).") % {
        "what": what,
        "rule": problem.rule,
    }
