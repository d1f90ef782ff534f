"""Tendering: procurements from preparation to publication and communication.

A :class:`Procurement` is prepared as a draft by a procurement officer of a
public body (anskaffelsesforskriften Part II/III; Directive 2014/24/EU
Art. 26-28 procedures), published with an eForms contract notice
(:class:`Notice`) and an ESPD request (:class:`EspdRequest`), and from then
on changes only through a :class:`Correction` (new version, change notice).
Suppliers register :class:`Interest`, ask a :class:`Question` (answered and
published anonymised to all, anskaffelsesforskriften § 8-4 / § 14-1:
equal treatment), and get a :class:`Notification` for every correction or
cancellation.

Stable interface for other apps (submissions, evaluation, award): the field
names below and :class:`ProcurementStatus`. Other apps set the later
statuses (``opened`` ... ``concluded``) through their own services.

Times are timezone-aware and stored in UTC; money is ``Decimal`` in NOK
(excluding VAT) with two decimals.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumValidationError

from heldigital.apps.accounts.models import Organisation, validate_orgnr
from heldigital.apps.frozen import Frozen
from heldigital.apps.tendering import cpv
from heldigital.decisions.thresholds import AuthorityKind as _AuthorityKind
from heldigital.decisions.thresholds import ContractKind as _ContractKind
from heldigital.decisions.thresholds import Regime as _Regime
from heldigital.decisions.timelimits import Procedure as _Procedure
from heldigital.rules.codelists import UNECE_REC20_REC21_UNIT

# ---------------------------------------------------------------- choices


class ContractKind(models.TextChoices):
    """Main nature of the contract (eForms BT-23); values of :class:`decisions.ContractKind`."""

    GOODS = _ContractKind.GOODS.value, _("Goods")
    SERVICES = _ContractKind.SERVICES.value, _("Services")
    WORKS = _ContractKind.WORKS.value, _("Works")


class AuthorityKind(models.TextChoices):
    """State authorities have lower EEA thresholds (anskaffelsesforskriften § 5-3)."""

    STATE = _AuthorityKind.STATE.value, _("State authority")
    OTHER = _AuthorityKind.OTHER.value, _("Other contracting authority")


class Regime(models.TextChoices):
    """Which part of anskaffelsesforskriften applies (:mod:`heldigital.decisions.thresholds`)."""

    BELOW_NATIONAL = _Regime.BELOW_NATIONAL.value, _("Below the national threshold (Part I)")
    NATIONAL = _Regime.NATIONAL.value, _("National competition (Part II)")
    EEA = _Regime.EEA.value, _("EEA procedure (Part III)")


class Procedure(models.TextChoices):
    """Procedure type (:class:`heldigital.decisions.timelimits.Procedure`; eForms BT-105)."""

    OPEN = _Procedure.OPEN.value, _("Open procedure")
    RESTRICTED = _Procedure.RESTRICTED.value, _("Restricted procedure")
    NEGOTIATION = _Procedure.NEGOTIATION.value, _("Competition with negotiation")
    NATIONAL = _Procedure.NATIONAL.value, _("National competition (below the EEA threshold)")


class NoticeLanguage(models.TextChoices):
    """The language of the procurement's texts, and so of its notices (eForms BT-702)."""

    NB = "nb", _("Norwegian (bokmål)")
    EN = "en", _("English")
    # Texts in Norwegian with their English in ``Procurement.translations``: national
    # notices in Norwegian and English, EEA notices in English and Norwegian (Doffin's EU
    # profile, which requires Norwegian among the languages, EFORMS-NOR-R006).
    BOTH = "both", _("Norwegian and English")


class ProcurementStatus(models.TextChoices):
    """Life cycle of a procurement.

    ``draft`` -> ``published`` -> (``closed``: derived, the tender deadline
    has passed; see :meth:`Procurement.effective_status`) -> ``opened`` ->
    ``evaluation`` -> ``awarded`` -> ``standstill`` -> ``concluded``.
    ``cancelled`` may follow any state before ``concluded``.
    """

    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed for tenders")
    OPENED = "opened", _("Tenders opened")
    EVALUATION = "evaluation", _("In evaluation")
    AWARDED = "awarded", _("Awarded")
    STANDSTILL = "standstill", _("Standstill period")
    CONCLUDED = "concluded", _("Contract concluded")
    CANCELLED = "cancelled", _("Cancelled")


class AwardMethod(models.TextChoices):
    """Directive 2014/24/EU Art. 67(2); anskaffelsesforskriften § 18-1."""

    LOWEST_PRICE = "lowest_price", _("Lowest price")
    LOWEST_COST = "lowest_cost", _("Lowest cost")
    BEST_PRICE_QUALITY = "best_price_quality", _("Best price-quality ratio")


class PriceFormula(models.TextChoices):
    """The declared formula that turns a tender's price into points.

    ``lowest`` is the lowest evaluated price among the tenders compared,
    ``price`` the tender's evaluated price, ``max`` the price criterion's
    :attr:`AwardCriterion.max_points`:

    * ``proportional`` (forholdsmessig): ``points = max × lowest / price``.
      The lowest price gets ``max``; a price twice the lowest gets half.
    * ``linear`` (lineær): ``points = max × (1 − (price − lowest) / lowest)``,
      never below 0. The lowest price gets ``max``; points fall by the same
      amount for every krone above it and reach 0 at twice the lowest price.

    Points are rounded to two decimals with ROUND_HALF_UP after the
    computation (never in between).
    """

    PROPORTIONAL = "proportional", _("Proportional: lowest price / price × max points")
    LINEAR = "linear", _("Linear: max points × (1 − (price − lowest) / lowest), at least 0")


class RequirementKind(models.TextChoices):
    """ESPD criterion types (ESPD-EDM: exclusion and selection criteria)."""

    EXCLUSION = "exclusion", _("Exclusion ground")
    SUITABILITY = "suitability", _("Suitability to pursue the professional activity")
    ECONOMIC_FINANCIAL = "economic_financial", _("Economic and financial standing")
    TECHNICAL_PROFESSIONAL = "technical_professional", _("Technical and professional ability")


class CriterionKind(models.TextChoices):
    """Kind of award criterion (eForms BT-539).

    ``environment`` is a quality criterion that weighs climate and
    environment (anskaffelsesforskriften § 7-9); Doffin's national profile
    publishes it as ``quality-nor-env-criteria`` and requires one in a
    national notice with award criteria, above the EEA threshold it is
    published as ``quality``.
    """

    PRICE = "price", _("Price")
    COST = "cost", _("Cost")
    QUALITY = "quality", _("Quality")
    ENVIRONMENT = "environment", _("Climate and environment")


class NoticeKind(models.TextChoices):
    PRIOR = "prior", _("Prior information notice")
    CONTRACT = "contract", _("Contract notice")
    CHANGE = "change", _("Change notice")
    CANCELLATION = "cancellation", _("Cancellation notice")
    AWARD = "award", _("Contract award notice")


# ------------------------------------------------------------- validators


def validate_cpv_codes(value: Any) -> None:
    """A non-empty list of CPV codes in the form ``NNNNNNNN-N`` with a valid check digit."""
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Give at least one CPV code."), code="cpv_required")
    for code in value:
        if not isinstance(code, str):
            raise ValidationError(_("CPV codes must be text."), code="cpv_type")
        try:
            normal = cpv.validate(code)
        except StdnumValidationError as exc:
            raise ValidationError(
                _("%(code)s is not a valid CPV code: %(reason)s."),
                code="cpv_invalid",
                params={"code": code, "reason": str(exc)},
            ) from exc
        if normal != code:
            raise ValidationError(
                _("Write the CPV code %(code)s as %(normal)s."),
                code="cpv_form",
                params={"code": code, "normal": normal},
            )
    if len(set(value)) != len(value):
        raise ValidationError(_("A CPV code is listed twice."), code="cpv_duplicate")


def validate_unit_code(value: str) -> None:
    """UN/ECE Recommendation 20 (with Rec 21) unit code, as PEPPOL lists it."""
    if value not in UNECE_REC20_REC21_UNIT:
        raise ValidationError(
            _("%(code)s is not a UN/ECE Recommendation 20 unit code."),
            code="unit_code",
            params={"code": value},
        )


def validate_reference(value: str) -> None:
    """References appear in URLs and file names: letters, digits, '-', '_' and '.' only."""
    if not value or any(not (ch.isascii() and (ch.isalnum() or ch in "-_.")) for ch in value):
        raise ValidationError(
            _("A reference may contain only letters, digits, '-', '_' and '.'."),
            code="reference",
        )


#: Longest contract duration accepted (100 years): a bound for input checks,
#: far beyond any real contract, equal on SQLite and PostgreSQL.
MAX_CONTRACT_DURATION_MONTHS = 1200


# ----------------------------------------------------------------- models


class Procurement(models.Model):
    """One procurement (anskaffelse) of a public body."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(
        _("reference"),
        max_length=40,
        unique=True,
        validators=[validate_reference],
        help_text=_("The procurement's case number, e.g. HD-2026-0001."),
    )
    buyer = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="procurements",
        verbose_name=_("buyer"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    cpv_codes = models.JSONField(
        _("CPV codes"),
        default=list,
        validators=[validate_cpv_codes],
        help_text=_("Main code first, e.g. 90620000-9."),
    )
    estimated_value = models.DecimalField(
        _("estimated value (NOK excl. VAT)"), max_digits=15, decimal_places=2
    )
    currency = models.CharField(_("currency"), max_length=3, default="NOK", editable=False)
    contract_kind = models.CharField(
        _("contract kind"), max_length=20, choices=ContractKind.choices
    )
    authority_kind = models.CharField(
        _("authority kind"), max_length=20, choices=AuthorityKind.choices
    )
    regime = models.CharField(
        _("regime"),
        max_length=20,
        choices=Regime.choices,
        help_text=_("Computed from the value and the thresholds in force when created."),
    )
    procedure = models.CharField(_("procedure"), max_length=20, choices=Procedure.choices)
    procedure_justification = models.TextField(
        _("justification of the procedure"),
        blank=True,
        help_text=_("Required for competition with negotiation above the EEA threshold (§ 13-2)."),
    )
    place_of_performance = models.CharField(
        _("place of performance (NUTS)"),
        max_length=5,
        blank=True,
        help_text=_("NUTS code, e.g. NO081 (Oslo)."),
    )
    contract_duration_months = models.PositiveIntegerField(
        _("contract duration (months)"), null=True, blank=True
    )
    review_body_name = models.CharField(
        _("review body"),
        max_length=200,
        blank=True,
        help_text=_("Where suppliers seek review, usually the district court (eForms OPT-301)."),
    )
    review_body_orgnr = models.CharField(
        _("review body organisation number"),
        max_length=9,
        blank=True,
        validators=[validate_orgnr],
    )
    review_body_town = models.CharField(_("review body town"), max_length=100, blank=True)
    review_body_postal_code = models.CharField(
        _("review body postal code"), max_length=10, blank=True
    )
    review_body_nuts = models.CharField(
        _("review body region (NUTS)"),
        max_length=5,
        blank=True,
        help_text=_("NUTS code of the review body's address, e.g. NO081 (Oslo)."),
    )
    buyer_nuts = models.CharField(
        _("buyer's region (NUTS)"),
        max_length=5,
        blank=True,
        help_text=_("NUTS code of the buyer's address, e.g. NO081 (Oslo) (eForms BT-507)."),
    )
    contact_telephone = models.CharField(
        _("contact telephone"),
        max_length=30,
        blank=True,
        help_text=_("The buyer's telephone for this procurement (eForms BT-503)."),
    )
    notice_language = models.CharField(
        _("notice language"),
        max_length=4,
        choices=NoticeLanguage.choices,
        default=NoticeLanguage.NB,
        help_text=_(
            "The language the texts of the procurement are written in. Notices above the EEA "
            "threshold go to TED, which takes English, not Norwegian."
        ),
    )
    translations = models.JSONField(
        _("English texts"),
        default=dict,
        blank=True,
        help_text=_(
            "For notices in Norwegian and English: each Norwegian text of the procurement "
            "(title, description, lots, criteria) with its English text."
        ),
    )
    minimum_candidates = models.PositiveSmallIntegerField(
        _("minimum number of candidates invited"),
        null=True,
        blank=True,
        help_text=_("Two-stage procedures (eForms BT-50): at least 5 (restricted) or 3."),
    )
    successive_reduction = models.BooleanField(
        _("reduce the number of tenders in successive stages"),
        default=False,
        help_text=_("Competition with negotiation (eForms BT-52)."),
    )
    award_without_negotiation = models.BooleanField(
        _("may award on the initial tenders without negotiation"),
        default=False,
        help_text=_("Competition with negotiation (eForms BT-120)."),
    )
    questions_deadline = models.DateTimeField(_("deadline for questions"), null=True, blank=True)
    request_deadline = models.DateTimeField(
        _("deadline for requests to participate"), null=True, blank=True
    )
    tender_deadline = models.DateTimeField(_("tender deadline"), null=True, blank=True)
    tender_validity_until = models.DateTimeField(_("tenders valid until"), null=True, blank=True)
    award_method = models.CharField(
        _("award method"),
        max_length=30,
        choices=AwardMethod.choices,
        default=AwardMethod.LOWEST_PRICE,
    )
    price_formula = models.CharField(
        _("price scoring formula"),
        max_length=20,
        choices=PriceFormula.choices,
        default=PriceFormula.PROPORTIONAL,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProcurementStatus.choices,
        default=ProcurementStatus.DRAFT,
    )
    created_at = models.DateTimeField(_("created"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("created by"),
    )
    updated_at = models.DateTimeField(_("updated"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancellation"), blank=True)
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised by every correction after publication.")
    )

    class Meta:
        verbose_name = _("procurement")
        verbose_name_plural = _("procurements")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def is_draft(self) -> bool:
        return self.status == ProcurementStatus.DRAFT

    @property
    def is_public(self) -> bool:
        """Whether the procurement is on the public notice board (published at some time)."""
        return self.published_at is not None

    def effective_status(self, now: Any) -> str:
        """The status with ``closed`` derived: published and the tender deadline has passed."""
        if (
            self.status == ProcurementStatus.PUBLISHED
            and self.tender_deadline is not None
            and now >= self.tender_deadline
        ):
            return ProcurementStatus.CLOSED
        return str(self.status)

    def main_cpv(self) -> str | None:
        return self.cpv_codes[0] if self.cpv_codes else None

    def actor_label(self) -> str:
        return self.reference


class Lot(models.Model):
    """A lot (delkontrakt); a procurement without lots is one lot (eForms LOT-0001)."""

    procurement = models.ForeignKey(
        Procurement, on_delete=models.CASCADE, related_name="lots", verbose_name=_("procurement")
    )
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    estimated_value = models.DecimalField(
        _("estimated value (NOK excl. VAT)"),
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        ordering = ["procurement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["procurement", "number"], name="tendering_lot_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.title}"

    @property
    def eforms_id(self) -> str:
        """The eForms lot identifier (BT-137), e.g. ``LOT-0001``."""
        return f"LOT-{self.number:04d}"


class RequestItem(models.Model):
    """A line of the request catalogue (forespørselskatalog): what is asked for.

    Becomes a ``cac:CatalogueLine`` of the UBL Catalogue (PEPPOL BIS
    Catalogue 3, T19) in the tender package; suppliers price every line in
    their tender catalogue.
    """

    procurement = models.ForeignKey(
        Procurement,
        on_delete=models.CASCADE,
        related_name="request_items",
        verbose_name=_("procurement"),
    )
    lot = models.ForeignKey(
        Lot,
        on_delete=models.PROTECT,
        related_name="request_items",
        null=True,
        blank=True,
        verbose_name=_("lot"),
    )
    line_id = models.CharField(_("line id"), max_length=35, validators=[validate_reference])
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    unit_code = models.CharField(
        _("unit (UN/ECE Rec 20)"), max_length=3, validators=[validate_unit_code]
    )
    estimated_quantity = models.DecimalField(
        _("estimated quantity"), max_digits=15, decimal_places=3
    )
    cpv_code = models.CharField(_("CPV code"), max_length=10, blank=True)
    properties = models.JSONField(
        _("required properties"),
        default=list,
        blank=True,
        help_text=_('A list of {"name": ..., "value": ..., "required": true/false}.'),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("request catalogue line")
        verbose_name_plural = _("request catalogue lines")
        ordering = ["procurement", "position", "line_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["procurement", "line_id"], name="tendering_requestitem_line"
            )
        ]

    def __str__(self) -> str:
        return f"{self.line_id} {self.name}"

    def clean(self) -> None:
        super().clean()
        if self.cpv_code and not cpv.is_valid(self.cpv_code):
            raise ValidationError({"cpv_code": _("Not a valid CPV code.")})
        if self.estimated_quantity is not None and self.estimated_quantity <= Decimal(0):
            raise ValidationError({"estimated_quantity": _("The quantity must be positive.")})
        if self.lot_id is not None and self.lot.procurement_id != self.procurement_id:
            raise ValidationError({"lot": _("The lot belongs to another procurement.")})
        _check_properties(self.properties)


def _check_properties(value: Any) -> None:
    if not isinstance(value, list):
        raise ValidationError({"properties": _("Properties must be a list.")})
    for prop in value:
        if (
            not isinstance(prop, dict)
            or not isinstance(prop.get("name"), str)
            or not prop["name"].strip()
            or not isinstance(prop.get("value", ""), str)
            or not isinstance(prop.get("required", True), bool)
            or set(prop) - {"name", "value", "required"}
        ):
            raise ValidationError(
                {
                    "properties": _(
                        'Each property is {"name": text, "value": text, "required": true/false}.'
                    )
                }
            )


class QualificationRequirement(models.Model):
    """A qualification requirement chosen from the ESPD criteria.

    ``criterion_code`` is the EU criterion vocabulary code of the ESPD-EDM
    taxonomy (e.g. ``gen-year-to``, general yearly turnover;
    :mod:`heldigital.espd.criteria`); ``threshold`` is the minimum the
    supplier must meet, in ``threshold_unit`` (a currency such as NOK for
    amounts; a ratio or a number of references otherwise), over ``years``
    past financial years for turnover.
    """

    procurement = models.ForeignKey(
        Procurement,
        on_delete=models.CASCADE,
        related_name="requirements",
        verbose_name=_("procurement"),
    )
    lot = models.ForeignKey(
        Lot,
        on_delete=models.PROTECT,
        related_name="requirements",
        null=True,
        blank=True,
        verbose_name=_("lot"),
    )
    criterion_code = models.CharField(_("ESPD criterion"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=RequirementKind.choices)
    description = models.TextField(_("description"), blank=True)
    threshold = models.DecimalField(
        _("minimum"), max_digits=15, decimal_places=2, null=True, blank=True
    )
    threshold_unit = models.CharField(
        _("unit of the minimum"),
        max_length=10,
        blank=True,
        help_text=_("A currency (NOK) or a unit such as 'years' or 'count'."),
    )
    years = models.PositiveSmallIntegerField(
        _("financial years"),
        null=True,
        blank=True,
        help_text=_("For turnover: how many past financial years the minimum applies to."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("qualification requirement")
        verbose_name_plural = _("qualification requirements")
        ordering = ["procurement", "position", "id"]

    def __str__(self) -> str:
        return self.criterion_code


class AwardCriterion(models.Model):
    """An award criterion (tildelingskriterium) with its weight in per cent."""

    procurement = models.ForeignKey(
        Procurement,
        on_delete=models.CASCADE,
        related_name="award_criteria",
        verbose_name=_("procurement"),
    )
    lot = models.ForeignKey(
        Lot,
        on_delete=models.PROTECT,
        related_name="award_criteria",
        null=True,
        blank=True,
        verbose_name=_("lot"),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=CriterionKind.choices)
    weight = models.DecimalField(
        _("weight (%)"),
        max_digits=5,
        decimal_places=2,
        help_text=_("Weights of a best price-quality award add up to 100."),
    )
    max_points = models.DecimalField(
        _("maximum points"), max_digits=7, decimal_places=2, default=Decimal("10")
    )
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("award criterion")
        verbose_name_plural = _("award criteria")
        ordering = ["procurement", "position", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight} %)"


class ProcurementDocument(models.Model):
    """A procurement document; its content lives in immutable :class:`DocumentVersion` rows."""

    procurement = models.ForeignKey(
        Procurement,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("procurement"),
    )
    title = models.CharField(_("title"), max_length=300)
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("procurement document")
        verbose_name_plural = _("procurement documents")
        ordering = ["procurement", "position", "id"]

    def __str__(self) -> str:
        return self.title

    def latest(self) -> DocumentVersion | None:
        return self.versions.order_by("-number").first()


def _version_path(instance: DocumentVersion, filename: str) -> str:
    # Never the user's name as a path: procurement id / document id / version.
    return (
        f"tendering/{instance.document.procurement_id}/documents/"
        f"{instance.document_id}/v{instance.number}/{filename}"
    )


class DocumentVersion(Frozen):
    """One version of a procurement document. A new version never overwrites an old one."""

    document = models.ForeignKey(
        ProcurementDocument,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("document"),
    )
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=_version_path, max_length=400)
    filename = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("content type"), max_length=100)
    uploaded_at = models.DateTimeField(_("uploaded"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("uploaded by"),
    )
    procurement_version = models.PositiveIntegerField(
        _("procurement version"), help_text=_("The procurement version this file belongs to.")
    )

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="tendering_documentversion_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.filename} v{self.number}"


class Notice(Frozen):
    """An issued notice: the exact XML published, frozen.

    Corrections and cancellations are new rows (eForms change notice with
    the same notice id and a higher version, or a new notice).
    """

    procurement = models.ForeignKey(
        Procurement,
        on_delete=models.PROTECT,
        related_name="notices",
        verbose_name=_("procurement"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind.choices)
    subtype = models.CharField(
        _("eForms notice subtype"), max_length=10, blank=True, help_text=_("e.g. 16, E3")
    )
    notice_id = models.UUIDField(_("notice identifier"))
    notice_version = models.CharField(_("notice version"), max_length=2, default="01")
    procurement_version = models.PositiveIntegerField(_("procurement version"))
    xml = models.BinaryField(_("XML"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"))

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["procurement", "published_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.notice_id}-{self.notice_version}"


class EspdRequest(Frozen):
    """The ESPD request published with the procurement (one row per procurement version)."""

    procurement = models.ForeignKey(
        Procurement,
        on_delete=models.PROTECT,
        related_name="espd_requests",
        verbose_name=_("procurement"),
    )
    procurement_version = models.PositiveIntegerField(_("procurement version"))
    xml = models.BinaryField(_("XML"))
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("ESPD request")
        verbose_name_plural = _("ESPD requests")
        ordering = ["procurement", "procurement_version"]


class Interest(models.Model):
    """A supplier's registration of interest in a procurement."""

    procurement = models.ForeignKey(
        Procurement,
        on_delete=models.CASCADE,
        related_name="interests",
        verbose_name=_("procurement"),
    )
    supplier = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="interests",
        verbose_name=_("supplier"),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registered by"),
    )
    registered_at = models.DateTimeField(_("registered"))

    class Meta:
        verbose_name = _("registered interest")
        verbose_name_plural = _("registered interests")
        ordering = ["procurement", "registered_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["procurement", "supplier"], name="tendering_interest_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.supplier.name} – {self.procurement.reference}"


class Question(models.Model):
    """A supplier's question and the buyer's answer.

    Only ``published_question`` and ``answer`` are ever shown to other
    suppliers, and only after publication; neither names the asker (the
    buyer edits the published wording to remove anything identifying).
    """

    procurement = models.ForeignKey(
        Procurement,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("procurement"),
    )
    number = models.PositiveIntegerField(_("number"))
    supplier = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="questions",
        verbose_name=_("supplier"),
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("asked by"),
    )
    text = models.TextField(_("question"))
    asked_at = models.DateTimeField(_("asked"))
    published_question = models.TextField(_("question as published"), blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("answered by"),
    )
    published = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["procurement", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["procurement", "number"], name="tendering_question_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.procurement.reference} Q{self.number}"


class Correction(models.Model):
    """A correction after publication: new procurement version and change notice."""

    procurement = models.ForeignKey(
        Procurement,
        on_delete=models.PROTECT,
        related_name="corrections",
        verbose_name=_("procurement"),
    )
    version = models.PositiveIntegerField(_("new version"))
    summary = models.TextField(_("what changed and why"))
    changes = models.JSONField(
        _("changes"), default=dict, help_text=_('{"field": {"old": ..., "new": ...}}')
    )
    notice = models.ForeignKey(
        Notice,
        on_delete=models.PROTECT,
        related_name="corrections",
        null=True,
        blank=True,
        verbose_name=_("change notice"),
    )
    created_at = models.DateTimeField(_("created"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["procurement", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["procurement", "version"], name="tendering_correction_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.procurement.reference} v{self.version}"


class Notification(models.Model):
    """A message in the platform to an organisation (all its members) or to one user."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="notifications",
        null=True,
        blank=True,
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        null=True,
        blank=True,
        verbose_name=_("user"),
    )
    procurement = models.ForeignKey(
        Procurement,
        on_delete=models.CASCADE,
        related_name="notifications",
        null=True,
        blank=True,
        verbose_name=_("procurement"),
    )
    kind = models.CharField(_("kind"), max_length=40, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("created"))
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False) | models.Q(user__isnull=False),
                name="tendering_notification_recipient",
            )
        ]

    def __str__(self) -> str:
        return self.subject
