"""Qualification, evaluation and award of opened tenders (issue 4 parts 6 and 7).

* :class:`QualificationDecision` - per tender and qualification requirement,
  the automatic decision from the ESPD response with its reason
  (:mod:`heldigital.decisions.qualification`) and an evaluator's override
  with its recorded reason, who and when (Directive 2014/24/EU Art. 56-59;
  anskaffelsesforskriften §§ 24-2, 24-5 to 24-7).
* :class:`EvidenceRequest` - documentation requested from chosen suppliers
  (Art. 59(2), § 24-6 (2)), with due date and receipt.
* :class:`Exclusion` - a supplier rejected or excluded, with the reason;
  its :class:`Letter` is a draft until the officer confirms.
* :class:`QualityScore` - one evaluator's points on one quality criterion.
* :class:`EvaluationResult` - a computed evaluation of one lot (frozen row;
  a recomputation is a new row; the decided one is referenced by the award).
* :class:`AwardDecision` - the winner of a lot, with the standstill period
  set when the award letters are sent (anskaffelsesforskriften § 25-1, § 25-2).
* :class:`Letter` - a letter to *one* supplier organisation (award,
  rejection, exclusion) with frozen body text and PDF; a correction is a new
  letter that names the one it corrects.
* :class:`ConflictOfInterestDeclaration` - Art. 24 / Art. 84(1)(i): each
  person taking part declares a conflict of interest or that there is none.

Times are aware (UTC); points and money are ``Decimal``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from heldigital.apps.accounts.models import Organisation
from heldigital.apps.frozen import Frozen


class Outcome(models.TextChoices):
    PASS = "pass", _("Fulfilled")
    FAIL = "fail", _("Not fulfilled")
    REVIEW = "review", _("Needs manual assessment")


class QualificationDecision(models.Model):
    """The decision on one criterion of the ESPD request for one tender.

    ``criterion`` is the ESPD criterion code and ``lot`` the ESPD lot id
    (``LOT-0000`` without lots; empty for exclusion grounds, which apply to
    every lot). ``requirement`` names the buyer's requirement row where the
    criterion is one; mandatory exclusion grounds the ESPD request always
    contains have none.
    """

    tender = models.ForeignKey(
        "submissions.Tender",
        on_delete=models.PROTECT,
        related_name="qualification_decisions",
        verbose_name=_("tender"),
    )
    requirement = models.ForeignKey(
        "tendering.QualificationRequirement",
        on_delete=models.PROTECT,
        related_name="decisions",
        null=True,
        blank=True,
        verbose_name=_("requirement"),
    )
    criterion = models.CharField(_("ESPD criterion"), max_length=100)
    criterion_name = models.CharField(_("criterion"), max_length=300)
    lot = models.CharField(_("lot"), max_length=20, blank=True)
    automatic_outcome = models.CharField(
        _("automatic decision"), max_length=10, choices=Outcome.choices
    )
    automatic_reason = models.TextField(_("reason of the automatic decision"))
    decided_at = models.DateTimeField(_("checked"))
    override_outcome = models.CharField(
        _("evaluator's decision"), max_length=10, choices=Outcome.choices, blank=True
    )
    override_reason = models.TextField(_("reason of the evaluator's decision"), blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("overridden by"),
    )
    overridden_at = models.DateTimeField(_("overridden"), null=True, blank=True)

    class Meta:
        verbose_name = _("qualification decision")
        verbose_name_plural = _("qualification decisions")
        ordering = ["tender", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["tender", "criterion", "lot"], name="evaluation_one_decision_per_criterion"
            )
        ]

    @property
    def outcome(self) -> str:
        return self.override_outcome or self.automatic_outcome

    @property
    def reason(self) -> str:
        return self.override_reason if self.override_outcome else self.automatic_reason


class EvidenceRequest(models.Model):
    """Documentation (evidence) requested from a supplier, and its receipt."""

    tender = models.ForeignKey(
        "submissions.Tender",
        on_delete=models.PROTECT,
        related_name="evidence_requests",
        verbose_name=_("tender"),
    )
    description = models.TextField(_("what is requested"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"))
    due_at = models.DateTimeField(_("due"))
    received_at = models.DateTimeField(_("received"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    notes = models.TextField(_("notes"), blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    content = models.BinaryField(_("file"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("evidence request")
        verbose_name_plural = _("evidence requests")
        ordering = ["requested_at", "id"]


class Letter(Frozen):
    """A letter to one supplier organisation; body and PDF frozen, ``sent_at`` set once."""

    SET_ONCE = ("sent_at", "sent_by", "replaced_by")

    class Kind(models.TextChoices):
        AWARD = "award", _("Award letter")
        REJECTION = "rejection", _("Rejection letter")
        EXCLUSION = "exclusion", _("Exclusion letter")

    procurement = models.ForeignKey(
        "tendering.Procurement",
        on_delete=models.PROTECT,
        related_name="letters",
        verbose_name=_("procurement"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    supplier = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="letters", verbose_name=_("to")
    )
    tender = models.ForeignKey(
        "submissions.Tender",
        on_delete=models.PROTECT,
        related_name="letters",
        null=True,
        blank=True,
    )
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    #: The letter's sections (heading, paragraphs, table) and language, from which
    #: its e-mail is rendered (heldigital.apps.notifications); empty for older letters.
    content = models.JSONField(_("content"), default=dict, blank=True)
    pdf = models.BinaryField(_("PDF"))
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="corrections",
        null=True,
        blank=True,
        verbose_name=_("corrects"),
    )
    replaced_by = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        related_name="replaces",
        null=True,
        blank=True,
        verbose_name=_("replaced by (the letter as sent)"),
    )
    created_at = models.DateTimeField(_("created"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.subject


class Exclusion(Frozen):
    """A tender rejected (qualification not met) or excluded (exclusion ground)."""

    SET_ONCE = ("confirmed_at", "confirmed_by")

    tender = models.OneToOneField(
        "submissions.Tender",
        on_delete=models.PROTECT,
        related_name="exclusion",
        verbose_name=_("tender"),
    )
    ground = models.CharField(_("ground"), max_length=20)
    reason = models.TextField(_("reason"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed"))
    letter = models.OneToOneField(
        Letter, on_delete=models.PROTECT, related_name="exclusion", verbose_name=_("letter")
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("exclusion")
        verbose_name_plural = _("exclusions")
        ordering = ["proposed_at", "id"]


class QualityScore(models.Model):
    """One evaluator's points on one quality criterion for one tender."""

    tender = models.ForeignKey(
        "submissions.Tender", on_delete=models.PROTECT, related_name="quality_scores"
    )
    criterion = models.ForeignKey(
        "tendering.AwardCriterion", on_delete=models.PROTECT, related_name="scores"
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField(_("points"), max_digits=7, decimal_places=2)
    comment = models.TextField(_("justification"))
    scored_at = models.DateTimeField(_("scored"))

    class Meta:
        verbose_name = _("quality score")
        verbose_name_plural = _("quality scores")
        ordering = ["tender", "criterion", "evaluator"]
        constraints = [
            models.UniqueConstraint(
                fields=["tender", "criterion", "evaluator"], name="evaluation_one_score"
            )
        ]


class EvaluationResult(Frozen):
    """A computed evaluation of one lot (``lot`` null: the procurement has no lots).

    ``content`` is the full result as JSON (amounts and points as text):
    ``{"method", "formula", "criteria": [...], "ranking": [...], "non_compliant": [...]}``.
    """

    procurement = models.ForeignKey(
        "tendering.Procurement", on_delete=models.PROTECT, related_name="evaluation_results"
    )
    lot = models.ForeignKey(
        "tendering.Lot", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    computed_at = models.DateTimeField(_("computed"))
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    content = models.JSONField(_("result"))

    class Meta:
        verbose_name = _("evaluation result")
        verbose_name_plural = _("evaluation results")
        ordering = ["computed_at", "id"]


class AwardDecision(Frozen):
    """The award of one lot to the winning tender; the standstill is set when notified."""

    SET_ONCE = ("notified_at", "standstill_last_day", "standstill_ends_at")

    procurement = models.ForeignKey(
        "tendering.Procurement", on_delete=models.PROTECT, related_name="award_decisions"
    )
    lot = models.ForeignKey(
        "tendering.Lot", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    evaluation = models.OneToOneField(
        EvaluationResult, on_delete=models.PROTECT, related_name="award"
    )
    winner = models.ForeignKey(
        "submissions.Tender", on_delete=models.PROTECT, related_name="awards"
    )
    reasons = models.TextField(_("reasons"))
    decided_at = models.DateTimeField(_("decided"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    notified_at = models.DateTimeField(_("notified"), null=True, blank=True)
    standstill_last_day = models.DateField(_("last day of standstill"), null=True, blank=True)
    standstill_ends_at = models.DateTimeField(_("standstill ends"), null=True, blank=True)

    class Meta:
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")
        ordering = ["decided_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["procurement", "lot"], name="evaluation_one_award_per_lot"
            ),
            models.UniqueConstraint(
                fields=["procurement"],
                condition=models.Q(lot__isnull=True),
                name="evaluation_one_award_without_lots",
            ),
        ]


class ConflictOfInterestDeclaration(Frozen):
    """A person's declaration about conflicts of interest in one procurement (Art. 24)."""

    procurement = models.ForeignKey(
        "tendering.Procurement", on_delete=models.PROTECT, related_name="coi_declarations"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    declared_at = models.DateTimeField(_("declared"))
    has_conflict = models.BooleanField(_("conflict of interest"))
    text = models.TextField(_("declaration"), blank=True)
    measures = models.TextField(_("measures taken"), blank=True)

    class Meta:
        verbose_name = _("conflict of interest declaration")
        verbose_name_plural = _("conflict of interest declarations")
        ordering = ["declared_at", "id"]
