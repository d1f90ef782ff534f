"""Tendering services: prepare, publish, communicate, correct and cancel.

Plain functions; each takes ``now`` (timezone-aware) and the acting
:class:`~heldigital.apps.accounts.access.Principal` (one user acting for one
organisation with the roles held there), checks that the principal may act,
changes the records in one transaction and writes the procurement protocol
(:func:`heldigital.apps.protocol.services.record`, procurement id = the
procurement's reference). Views and API endpoints only call these.

Legal anchors:

* thresholds and procedures: anskaffelsesforskriften §§ 5-1, 5-3, 13-1,
  13-2 (:mod:`heldigital.decisions.thresholds`,
  :func:`heldigital.decisions.timelimits.allowed_procedures`);
* minimum time limits: §§ 20-1 to 20-3, Part II "reasonable" limits
  (:func:`heldigital.decisions.timelimits.check_time_limits`);
* award criteria: § 18-1 (Directive 2014/24/EU Art. 67): lowest price,
  lowest cost or best price-quality ratio with weighted criteria;
* questions and answers to all: § 14-1 / equal treatment (Directive
  2014/24/EU Art. 47(3), 53(2)): additional information is given to all
  candidates, without naming who asked;
* corrections: the change notice (eForms "change" notice, Art. 47(3))
  and notice to every registered supplier;
* cancellation: § 25-4 (avlysning) with the reason given to everyone.

Errors: :class:`django.core.exceptions.ValidationError` for bad input
(``message_dict`` per field when it is about fields),
:class:`django.core.exceptions.PermissionDenied` when the user may not act,
:class:`StateError` when the procurement is not in a state that allows the
action (e.g. a question after the deadline).

One module per use case: ``drafts``, ``documents``, ``publishing``,
``questions``, ``corrections``, ``cancellation``, ``reminders``; shared:
``base`` (roles, state checks, the protocol), ``validation`` and ``notify``.
Every name is re-exported here, so ``from heldigital.apps.tendering import
services`` keeps working.
"""

from heldigital.apps.common import (  # noqa: F401  (names callers import from here)
    OSLO,
    format_local,
    local_day,
    parse_decimal,
    require_aware,
    send_on_commit,
)
from heldigital.apps.tendering.lifecycle import StateError  # noqa: F401
from heldigital.apps.tendering.services.base import (  # noqa: F401
    _DEADLINES,
    _LIVE,
    _OPTIONAL_NUMBERS,
    CORRECTABLE_FIELDS,
    CORRECTABLE_NOTICE_FIELDS,
    DRAFT_FIELDS,
    MANAGER_ROLES,
    NOTICE_FIELDS,
    _decimal,
    _require_buyer,
    _require_draft,
    _require_live,
    _require_supplier,
    _time,
    record_event,
    require_manager,
)
from heldigital.apps.tendering.services.cancellation import (  # noqa: F401
    cancel,
)
from heldigital.apps.tendering.services.corrections import (  # noqa: F401
    NewDocument,
    _add_translation,
    _display,
    _json,
    correct,
)
from heldigital.apps.tendering.services.documents import (  # noqa: F401
    _store_version,
    _version_payload,
    add_document,
    latest_versions,
    replace_document,
)
from heldigital.apps.tendering.services.drafts import (  # noqa: F401
    _draft_child,
    _lot,
    add_award_criterion,
    add_lot,
    add_request_item,
    add_requirement,
    create_draft,
    next_reference,
    remove_part,
    requirement_kind,
    update_draft,
)
from heldigital.apps.tendering.services.notify import (  # noqa: F401
    Recipient,
    _build,
    _latest_notice,
    _notify,
    _supplier_recipients,
    mark_read,
    notice_url,
    notify_organisations,
    page,
    procurement_facts,
    supplier_recipients,
)
from heldigital.apps.tendering.services.publishing import (  # noqa: F401
    publish,
)
from heldigital.apps.tendering.services.questions import (  # noqa: F401
    answer_question,
    ask_question,
    register_interest,
)
from heldigital.apps.tendering.services.reminders import (  # noqa: F401
    REMINDER_LEAD,
    _reminder_kind,
    send_deadline_reminders,
)
from heldigital.apps.tendering.services.validation import (  # noqa: F401
    MINIMUM_CANDIDATES,
    _apply,
    _compute_regime,
    _missing_message,
    _validate,
    _validate_award,
    _validate_notice_data,
    missing_contents,
    publication_problems,
)
