"""Grants: calls with their guidelines and criteria, applications with budgets and
attachments, network endorsement, reviews, decisions and grant-use reports.

Every change of state goes through `grants.services`, which keeps the audit
trail (`ApplicationEvent`) and the rules of `Application.MOVES`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.language import pick_language
from cooperation.models import (
    AuditEvent,
    Organisation,
    PublicBody,
    TargetGroup,
    Theme,
    Unit,
)

MONEY = {"max_digits": 12, "decimal_places": 2}

# Defaults a call starts with; the municipality edits them per call.
DEFAULT_PAYMENT_FI = (
    "Avustus maksetaan hakijan ilmoittamalle tilille, kun päätös on saanut lainvoiman "
    "ja hakija on hyväksynyt mahdolliset ehdot. Käyttämätön tai ehtojen vastaisesti "
    "käytetty avustus peritään takaisin."
)
DEFAULT_PAYMENT_SV = (
    "Bidraget betalas till det konto som sökanden uppgett när beslutet har vunnit laga "
    "kraft och sökanden har godkänt eventuella villkor. Bidrag som inte används eller "
    "används i strid med villkoren återkrävs."
)
DEFAULT_PAYMENT_EN = (
    "The grant is paid to the account the applicant gave once the decision has become "
    "final and the applicant has accepted any conditions. A grant not used, or used "
    "against its conditions, is reclaimed."
)
ZERO = Decimal("0.00")


class AttachmentKind(models.TextChoices):
    ACTION_PLAN = "action_plan", _("action plan")
    FINANCIAL_STATEMENTS = "financial_statements", _("financial statements")
    ANNUAL_REPORT = "annual_report", _("annual report")
    BUDGET = "budget", _("budget plan")
    OTHER = "other", _("other attachment")


class Network(models.Model):
    """A joint network of city experts and NGOs (Oulu's model) whose reviewer
    members endorse applications before the city processes them."""

    name = models.CharField(_("name"), max_length=200)
    municipality = models.ForeignKey(
        PublicBody,
        verbose_name=_("municipality or wellbeing services county"),
        on_delete=models.PROTECT,
        related_name="grant_networks",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer members"),
        related_name="grant_networks",
        blank=True,
    )
    endorsements_needed = models.PositiveSmallIntegerField(
        _("statements needed"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_(
            "How many members must endorse an application (or find against it) "
            "before it goes on (or stops)."
        ),
    )
    # Issue 22: Oulu's Elämänkaari also endorses the NGOs' requests for the city's
    # partnership statements before the city processes them (partnerships app).
    endorses_statements = models.BooleanField(
        _("endorses requests for partnership statements"),
        default=False,
        help_text=_(
            "NGOs' requests for the body's statement or letter of intent for outside "
            "funding go to this network first. One network of the body at most."
        ),
    )

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality"],
                condition=Q(endorses_statements=True),
                name="network_one_endorsing_statements",
                violation_error_message=_(
                    "Another network of the body already endorses the requests for "
                    "partnership statements."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class GrantCall(models.Model):
    """A call for applications: annual (with a deadline) or rolling (decided on a
    faster cycle), with its budget, criteria and public guidelines."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("annual grant")
        ROLLING = "rolling", _("rolling grant")

    municipality = models.ForeignKey(
        PublicBody,
        verbose_name=_("municipality or wellbeing services county"),
        on_delete=models.PROTECT,
        related_name="grant_calls",
    )
    units = models.ManyToManyField(Unit, verbose_name=_("units"), blank=True)
    # Issue 22: the published needs (signals app, by model name) the call addresses.
    needs = models.ManyToManyField(
        "signals.Need",
        verbose_name=_("published needs it addresses"),
        related_name="grant_calls",
        blank=True,
    )
    # ... and the published area challenges of the year (also the signals app's).
    challenges = models.ManyToManyField(
        "signals.AreaChallenge",
        verbose_name=_("area challenges it addresses"),
        related_name="grant_calls",
        blank=True,
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ANNUAL)
    title_fi = models.CharField(_("title in Finnish"), max_length=200)
    title_sv = models.CharField(_("title in Swedish"), max_length=200, blank=True)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    purposes_fi = models.TextField(_("eligible purposes in Finnish"), max_length=5000, blank=True)
    purposes_sv = models.TextField(_("eligible purposes in Swedish"), max_length=5000, blank=True)
    purposes_en = models.TextField(_("eligible purposes in English"), max_length=5000, blank=True)
    guidelines_fi = models.TextField(_("grant guidelines in Finnish"), max_length=20000)
    guidelines_sv = models.TextField(_("grant guidelines in Swedish"), max_length=20000, blank=True)
    guidelines_en = models.TextField(_("grant guidelines in English"), max_length=20000, blank=True)
    budget = models.DecimalField(
        _("budget (€)"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    max_per_application = models.DecimalField(
        _("largest grant per application (€)"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Optional: no application may ask for more."),
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    required_attachments = models.JSONField(_("required attachments"), default=list, blank=True)
    requires_endorsement = models.BooleanField(
        _("requires network endorsement"),
        default=False,
        help_text=_(
            "Applications go first to the network; the city does not process "
            "an application the network has not endorsed."
        ),
    )
    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls",
    )
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewers"),
        related_name="grant_calls_to_review",
        blank=True,
    )
    officers_review = models.BooleanField(
        _("grant officers may score too"),
        default=True,
        help_text=_(
            "A grant officer of the municipality can join the reviewers from an "
            "application's page and score it."
        ),
    )
    grant_year = models.PositiveSmallIntegerField(
        _("grant year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_(
            "The year the grants are for. Empty: the year after closing for an annual "
            "call that closes in July–December, otherwise the year it closes."
        ),
    )
    report_due = models.DateField(
        _("grant-use report due"),
        null=True,
        blank=True,
        help_text=_("Empty: the end of January after the grant year."),
    )
    payment_terms_fi = models.TextField(
        _("payment terms in Finnish"), max_length=2000, blank=True, default=DEFAULT_PAYMENT_FI
    )
    payment_terms_sv = models.TextField(
        _("payment terms in Swedish"), max_length=2000, blank=True, default=DEFAULT_PAYMENT_SV
    )
    payment_terms_en = models.TextField(
        _("payment terms in English"), max_length=2000, blank=True, default=DEFAULT_PAYMENT_EN
    )
    is_published = models.BooleanField(_("published"), default=False)
    decisions_published_at = models.DateTimeField(_("decisions published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("grant call")
        verbose_name_plural = _("grant calls")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="grant_call_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(requires_endorsement=False) | Q(network__isnull=False),
                name="grant_call_endorsement_needs_network",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "-opens_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick_language(self.title_fi, self.title_sv, self.title_en)

    @property
    def guidelines(self) -> str:
        return pick_language(self.guidelines_fi, self.guidelines_sv, self.guidelines_en)

    @property
    def purposes(self) -> str:
        return pick_language(self.purposes_fi, self.purposes_sv, self.purposes_en)

    @property
    def year_of_grants(self) -> int:
        if self.grant_year:
            return self.grant_year
        closes = timezone.localtime(self.closes_at)
        # An annual call that closes in the autumn is for the next year's grants:
        # "Järjestöjen yleisavustukset 2027" closes on 31.12.2026.
        if self.kind == self.Kind.ANNUAL and closes.month >= 7:
            return closes.year + 1
        return closes.year

    @property
    def report_due_date(self) -> date:
        if self.report_due:
            return self.report_due
        return date(self.year_of_grants + 1, 1, 31)

    @property
    def payment_terms(self) -> str:
        return pick_language(self.payment_terms_fi, self.payment_terms_sv, self.payment_terms_en)

    def decidable(self, now=None) -> bool:
        """An annual call is decided once it has closed, all its applications
        together (equal treatment); a rolling call as applications come."""
        now = now or timezone.now()
        return self.kind == self.Kind.ROLLING or now >= self.closes_at

    @property
    def largest_request(self) -> Decimal:
        """The most one application may ask for: the call's budget, or less."""
        if self.max_per_application is not None:
            return min(self.max_per_application, self.budget)
        return self.budget

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.is_published and self.opens_at <= now < self.closes_at

    def required_attachment_labels(self) -> list[str]:
        labels = dict(AttachmentKind.choices)
        return [str(labels[kind]) for kind in self.required_attachments if kind in labels]


class Criterion(models.Model):
    """One assessment criterion of a call, with its weight in the average."""

    call = models.ForeignKey(
        GrantCall, verbose_name=_("call"), on_delete=models.CASCADE, related_name="criteria"
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_language(self.name_fi, self.name_sv, self.name_en)


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        INFO_REQUESTED = "info_requested", _("more information asked")
        ENDORSED = "endorsed", _("endorsed by the network")
        NOT_ENDORSED = "not_endorsed", _("not endorsed by the network")
        IN_REVIEW = "in_review", _("in review")
        INELIGIBLE = "ineligible", _("not eligible")
        GRANTED = "granted", _("granted")
        REJECTED = "rejected", _("rejected")
        PAID = "paid", _("paid")
        WITHDRAWN = "withdrawn", _("withdrawn")

    # The only moves there are; services refuse any other.
    MOVES = {
        Status.DRAFT: {Status.SUBMITTED, Status.WITHDRAWN},
        Status.SUBMITTED: {
            Status.INFO_REQUESTED,
            Status.ENDORSED,
            Status.NOT_ENDORSED,
            Status.IN_REVIEW,
            Status.INELIGIBLE,
            Status.WITHDRAWN,
        },
        Status.INFO_REQUESTED: {Status.SUBMITTED, Status.WITHDRAWN},
        Status.ENDORSED: {Status.INFO_REQUESTED, Status.IN_REVIEW, Status.INELIGIBLE},
        Status.IN_REVIEW: {Status.INFO_REQUESTED, Status.GRANTED, Status.REJECTED},
        Status.GRANTED: {Status.PAID},
        # The network may take a "not endorsed" up again, with its reason.
        Status.NOT_ENDORSED: {Status.SUBMITTED},
        Status.INELIGIBLE: set(),
        Status.REJECTED: set(),
        Status.PAID: set(),
        Status.WITHDRAWN: set(),
    }

    class Section(models.TextChoices):
        """Parts of an application the officer can reopen when asking for more."""

        ACTIVITY = "activity", _("project or activity")
        BUDGET = "budget", _("budget")
        FUNDING = "funding", _("other funding")
        ATTACHMENTS = "attachments", _("attachments")

    call = models.ForeignKey(
        GrantCall, verbose_name=_("call"), on_delete=models.PROTECT, related_name="applications"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="grant_applications",
    )
    # The organisation's size when it applied: statistics over the years compare
    # organisations as they were, not as they are today.
    organisation_size = models.CharField(
        _("size of the organisation"),
        max_length=12,
        choices=Organisation.Size.choices,
        blank=True,
    )
    reference = models.CharField(_("reference"), max_length=12, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    title = models.CharField(_("project or activity"), max_length=200)
    purpose = models.TextField(_("purpose"), max_length=5000, blank=True)
    target_groups = models.ManyToManyField(TargetGroup, verbose_name=_("target groups"), blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True)
    municipalities = models.ManyToManyField(
        PublicBody,
        verbose_name=_("municipalities"),
        related_name="+",
        blank=True,
        limit_choices_to={"kind": "municipality"},
    )
    # The published needs (signals app, named by model only: issue 22) it answers.
    needs = models.ManyToManyField(
        "signals.Need", verbose_name=_("needs it answers"), related_name="+", blank=True
    )
    requested_amount = models.DecimalField(
        _("requested amount (€)"), **MONEY, default=ZERO, validators=[MinValueValidator(ZERO)]
    )
    other_funding = models.TextField(
        _("other funding sought or received"), max_length=2000, blank=True
    )
    language = models.CharField(
        _("language of correspondence"), max_length=2, choices=settings.LANGUAGES, default="fi"
    )
    reopened_sections = models.JSONField(_("reopened parts"), default=list, blank=True)
    info_request = models.TextField(_("information asked"), max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    endorsement_note = models.TextField(_("network's statement"), max_length=2000, blank=True)
    endorsed_at = models.DateTimeField(_("endorsed"), null=True, blank=True)
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("endorsed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    granted_amount = models.DecimalField(_("granted amount (€)"), **MONEY, null=True, blank=True)
    conditions = models.TextField(_("conditions"), max_length=4000, blank=True)
    reasoning = models.TextField(_("reasoning"), max_length=4000, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    # The decision as a municipal decision (Kuntalaki 410/2015, Hallintolaki
    # 434/2003): kept as it was made and mailed, whatever changes later.
    decision_maker = models.CharField(_("deciding body or official"), max_length=200, blank=True)
    decision_maker_title = models.CharField(_("title"), max_length=200, blank=True)
    decision_date = models.DateField(_("date of the decision"), null=True, blank=True)
    decision_section = models.CharField(_("section or number"), max_length=40, blank=True)
    payment_terms = models.TextField(_("payment terms"), max_length=2000, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=300, blank=True)
    appeal_instructions = models.TextField(_("appeal instructions"), max_length=8000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)

    class Meta:
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(granted_amount__isnull=True)
                | (Q(granted_amount__gte=0) & Q(granted_amount__lte=models.F("requested_amount"))),
                name="grant_application_granted_within_requested",
            ),
            models.CheckConstraint(
                condition=Q(requested_amount__gte=0),
                name="grant_application_requested_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["call", "status"]),
            models.Index(fields=["call", "-submitted_at", "-id"]),
            # The lists' order: an officer's newest 50 are read off this index.
            models.Index(fields=["-submitted_at", "-id"], name="grant_app_submitted_idx"),
            models.Index(fields=["organisation", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT or (
            self.status == self.Status.INFO_REQUESTED and bool(self.reopened_sections)
        )

    def section_is_open(self, section: str) -> bool:
        if self.status == self.Status.DRAFT:
            return True
        return self.status == self.Status.INFO_REQUESTED and section in self.reopened_sections

    def can_move_to(self, status: str) -> bool:
        return status in self.MOVES.get(self.status, set())


class BudgetLine(models.Model):
    """A line of the budget: a planned cost or income, or (with `report`) an actual one."""

    class Kind(models.TextChoices):
        COST = "cost", _("cost")
        INCOME = "income", _("income")

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="budget_lines",
        null=True,
        blank=True,
    )
    report = models.ForeignKey(
        "UseReport",
        verbose_name=_("grant-use report"),
        on_delete=models.CASCADE,
        related_name="budget_lines",
        null=True,
        blank=True,
    )
    kind = models.CharField(_("kind"), max_length=6, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=200)
    amount = models.DecimalField(_("amount (€)"), **MONEY, validators=[MinValueValidator(ZERO)])
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["kind", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(application__isnull=False, report__isnull=True)
                | Q(application__isnull=True, report__isnull=False),
                name="grant_budget_line_one_owner",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="grant_budget_line_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description}"


def attachment_path(instance: ApplicationAttachment, filename: str) -> str:
    # The stored name never reuses the uploaded one: it may carry anything.
    return f"grants/{instance.application_id}/{instance.sha256[:16]}-{instance.kind}.pdf"


class ApplicationAttachment(models.Model):
    """A PDF attached to an application. Stored under MEDIA_ROOT, which is never
    served directly: a view hands it out after a permission check."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=AttachmentKind)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["kind", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class Review(models.Model):
    """One reviewer's assessment of an application: a score per criterion."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="grant_reviews",
    )
    comment = models.TextField(_("comment"), max_length=4000, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="grant_review_one_per_reviewer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application.reference} / {self.reviewer}"


class Score(models.Model):
    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="scores"
    )
    # Empty: the criterion does not apply to this application.
    value = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, validators=[MaxValueValidator(5)]
    )
    comment = models.CharField(_("comment"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["criterion__position", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="grant_score_once"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__lte=5), name="grant_score_zero_to_five"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value if self.value is not None else '–'}"


class ApplicationEvent(AuditEvent):
    """The audit trail of an application: who did what, and when."""

    class Action(models.TextChoices):
        CREATED = "created", _("draft started")
        SAVED = "saved", _("draft saved")
        ATTACHED = "attached", _("attachment added")
        DETACHED = "detached", _("attachment removed")
        STATUS = "status", _("status changed")
        REVIEWED = "reviewed", _("review submitted")
        DECIDED = "decided", _("decision made")
        REPORT = "report", _("grant-use report")
        DISQUALIFIED = "disqualified", _("disqualified (conflict of interest)")
        ENDORSED_BY_MEMBER = "member_endorsed", _("a network member endorsed")
        NOT_ENDORSED_BY_MEMBER = "member_refused", _("a network member did not endorse")

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("what"), max_length=20, choices=Action.choices)

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.application.reference} {self.get_action_display()}"


class Endorsement(models.Model):
    """One network member's statement on an application, in the current round
    (a "not endorsed" taken up again starts a new round; the trail keeps the old)."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="endorsements",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("network member"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    endorse = models.BooleanField(_("endorsed"))
    note = models.TextField(_("grounds"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("given"), auto_now_add=True)

    class Meta:
        verbose_name = _("network statement")
        verbose_name_plural = _("network statements")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "member"], name="endorsement_once_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.member_id}"


class UseReport(models.Model):
    """The report on how a grant was used, due by the call's date."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned for changes")
        APPROVED = "approved", _("approved")

    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="use_report",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    due_date = models.DateField(_("due"))
    what_was_done = models.TextField(_("what was done"), max_length=8000, blank=True)
    next_year_plan = models.TextField(
        _("next year's action and financial plan"), max_length=8000, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    review_note = models.TextField(_("officer's note"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("grant-use report")
        verbose_name_plural = _("grant-use reports")
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return f"{self.application.reference} ({self.due_date:%d.%m.%Y})"


class UseReportNeedResult(models.Model):
    """What the grant-use report says was done for one need the application
    answered (issue 22): a short text and a figure."""

    report = models.ForeignKey(
        UseReport,
        verbose_name=_("grant-use report"),
        on_delete=models.CASCADE,
        related_name="need_results",
    )
    need = models.ForeignKey(
        "signals.Need",
        verbose_name=_("need"),
        on_delete=models.CASCADE,
        related_name="grant_results",
    )
    result = models.TextField(_("what was done for the need"), max_length=1000)
    figure = models.DecimalField(
        _("result as a figure"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("result for a need")
        verbose_name_plural = _("results for needs")
        ordering = ["report", "need_id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "need"], name="use_report_need_result_once")
        ]

    def __str__(self) -> str:
        return self.result[:80]


class ReportReminder(models.Model):
    """One reminder sent for a report. Unique per report and kind, so a reminder
    is never sent twice however often the job runs."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("before the due date")
        OVERDUE = "overdue", _("after the due date")

    report = models.ForeignKey(
        UseReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("report reminder")
        verbose_name_plural = _("report reminders")
        constraints = [
            models.UniqueConstraint(fields=["report", "kind"], name="grant_report_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.get_kind_display()}"


class AppealInstructions(models.Model):
    """How to request a review of a grant decision (oikaisuvaatimusohje, Kuntalaki
    134 §), as each municipality words it. A decision letter carries the text in
    the applicant's language, with where to send the request."""

    municipality = models.OneToOneField(
        PublicBody,
        verbose_name=_("municipality or wellbeing services county"),
        on_delete=models.CASCADE,
        related_name="appeal_instructions",
    )
    text_fi = models.TextField(_("instructions in Finnish"), max_length=8000)
    text_sv = models.TextField(_("instructions in Swedish"), max_length=8000)
    text_en = models.TextField(_("instructions in English"), max_length=8000, blank=True)
    address = models.TextField(
        _("where to send a request for review"),
        max_length=1000,
        help_text=_("The registry's postal address, e-mail and opening hours."),
    )

    class Meta:
        verbose_name = _("appeal instructions")
        verbose_name_plural = _("appeal instructions")

    def __str__(self) -> str:
        return str(self.municipality)

    @property
    def text(self) -> str:
        return pick_language(self.text_fi, self.text_sv, self.text_en)
