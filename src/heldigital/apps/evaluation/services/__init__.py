"""Qualification, evaluation and award services (issue 4 parts 6 and 7).

Plain functions; each takes ``now`` (aware) and the acting
:class:`~heldigital.apps.accounts.access.Principal` (one user acting for one
organisation with the roles held there), checks that the principal may act,
changes the records in one transaction and writes the protocol
(:func:`heldigital.apps.protocol.services.record`, chain = procurement
reference). Views and API endpoints only call these.

Flow and law:

1. :func:`run_qualification` - every submitted tender's ESPD response is
   checked against the qualification requirements
   (:mod:`heldigital.decisions.qualification`; Directive 2014/24/EU Art. 57
   exclusion grounds, Art. 58 selection criteria, Art. 59 ESPD;
   anskaffelsesforskriften §§ 24-2, 24-5); :func:`override_decision` lets an
   evaluator decide differently with a recorded reason.
2. :func:`request_evidence` / :func:`receive_evidence` - documentation from
   chosen suppliers (Art. 59(4), § 24-6 (2)).
3. :func:`propose_exclusion` drafts the rejection letter with the reason
   filled in; :func:`confirm_exclusion` sends it (§ 24-2 (3) / Art. 55(2):
   a rejected tenderer is told the reasons).
4. :func:`score_quality` and :func:`compute_evaluation` - prices from the
   tender catalogues, points, ranking (:mod:`heldigital.decisions.scoring`,
   Art. 67, 69).
5. :func:`decide_award` - the award decision per lot; award and rejection
   letters with scores and reasons (Art. 55(2); § 25-1). :func:`send_letters`
   sends them and starts the standstill period
   (:mod:`heldigital.decisions.standstill`; § 25-2).

Errors: :class:`django.core.exceptions.ValidationError` (bad input),
:class:`django.core.exceptions.PermissionDenied` (may not act),
:class:`heldigital.apps.tendering.lifecycle.StateError` (not now).

One module per use case: ``letters``, ``qualification``, ``evidence``,
``exclusion``, ``quality``, ``evaluation``, ``award``, ``conflicts``,
``outcome``; what they share is in ``base``. Every name is re-exported
here, so ``from heldigital.apps.evaluation import services`` keeps working.
"""

from heldigital.apps.evaluation.services.award import (  # noqa: F401
    StandstillStatus,
    decide_award,
    send_letters,
    standstill_status,
)
from heldigital.apps.evaluation.services.base import (  # noqa: F401
    EVALUATOR_ROLES,
    OFFICER_ROLES,
    read_part,
    require_buyer_role,
    submitted_tenders,
)
from heldigital.apps.evaluation.services.conflicts import (  # noqa: F401
    declare_conflict_of_interest,
)
from heldigital.apps.evaluation.services.evaluation import (  # noqa: F401
    compute_evaluation,
    latest_results,
    parse_tender_catalogue,
)
from heldigital.apps.evaluation.services.evidence import (  # noqa: F401
    MAX_EVIDENCE_BYTES,
    receive_evidence,
    request_evidence,
)
from heldigital.apps.evaluation.services.exclusion import (  # noqa: F401
    Ground,
    confirm_exclusion,
    ground_label,
    propose_exclusion,
)
from heldigital.apps.evaluation.services.letters import (  # noqa: F401
    correct_letter,
    letters_for_supplier,
    send_letter,
)
from heldigital.apps.evaluation.services.outcome import (  # noqa: F401
    LotOutcome,
    award_outcomes,
)
from heldigital.apps.evaluation.services.qualification import (  # noqa: F401
    override_decision,
    run_qualification,
)
from heldigital.apps.evaluation.services.quality import (  # noqa: F401
    SCORED_KINDS,
    score_quality,
)
