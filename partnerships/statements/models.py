"""Partnership statements for outside funding (seed 002, Oulu; seed 001, Turku): an
NGO preparing an application to STEA or another funder asks a municipality or the
county to be its partner. Where the body has a network, the network endorses the
request first; the official then gives a statement or a letter of intent (or
declines, with reasons), and the funder's positive decision turns it into a project
agreement of the register."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cooperation.models import AuditEvent, Organisation, PublicBody


class StatementRequest(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("waiting for the network's endorsement")
        NOT_ENDORSED = "not_endorsed", _("not endorsed by the network")
        IN_PROCESSING = "processing", _("with the official")
        GIVEN = "given", _("statement given")
        DECLINED = "declined", _("declined")
        AGREED = "agreed", _("funder said yes: agreement made")
        CLOSED = "closed", _("closed")

    class Kind(models.TextChoices):
        STATEMENT = "statement", _("statement")
        LETTER_OF_INTENT = "intent", _("letter of intent")

    class Funder(models.TextChoices):
        STEA = "stea", _("STEA (Funding Centre for Social Welfare and Health Organisations)")
        OTHER = "other", _("another funder")

    # Where each status may go; the services refuse anything else.
    MOVES = {
        Status.DRAFT: {Status.SUBMITTED, Status.IN_PROCESSING},
        Status.SUBMITTED: {Status.IN_PROCESSING, Status.NOT_ENDORSED},
        Status.NOT_ENDORSED: set(),
        Status.IN_PROCESSING: {Status.GIVEN, Status.DECLINED},
        Status.GIVEN: {Status.AGREED, Status.CLOSED},
        Status.DECLINED: set(),
        Status.AGREED: set(),
        Status.CLOSED: set(),
    }
    # The statement exists from here on: its letter can be printed.
    WITH_STATEMENT = (Status.GIVEN, Status.AGREED, Status.CLOSED)

    reference = models.CharField(_("reference"), max_length=12, unique=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="statement_requests",
    )
    municipality = models.ForeignKey(
        PublicBody,
        verbose_name=_("municipality or wellbeing services county"),
        on_delete=models.PROTECT,
        related_name="statement_requests",
        help_text=_("The public body asked to be a partner."),
    )
    # The body's network that endorses first (Oulu's Elämänkaari); set when the
    # request is sent. The grants app keeps the networks; named by model name only.
    network = models.ForeignKey(
        "grants.Network",
        verbose_name=_("network"),
        on_delete=models.PROTECT,
        related_name="statement_requests",
        null=True,
        blank=True,
    )
    language = models.CharField(
        _("language of the statement"),
        max_length=2,
        choices=[("fi", _("Finnish")), ("sv", _("Swedish"))],
        default="fi",
    )
    project_title = models.CharField(_("project"), max_length=200)
    project_summary = models.TextField(_("what the project does"), max_length=5000)
    funder = models.CharField(_("funder"), max_length=10, choices=Funder.choices)
    funder_name = models.CharField(
        _("name of the other funder"),
        max_length=200,
        blank=True,
        help_text=_("For example a foundation or an EU programme."),
    )
    funding_round = models.CharField(
        _("funding round"), max_length=200, help_text=_("For example: STEA's call for 2027.")
    )
    funder_deadline = models.DateField(_("funder's deadline"), null=True, blank=True)
    starts_on = models.DateField(_("project starts"))
    ends_on = models.DateField(_("project ends"), null=True, blank=True)
    asked_commitment = models.TextField(
        _("what the city is asked to commit to"),
        max_length=5000,
        help_text=_("One commitment per line, for example: premises for the weekly group."),
    )
    budget_total = models.DecimalField(
        _("project budget (€)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    applied_from_funder = models.DecimalField(
        _("applied from the funder (€)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    needs = models.ManyToManyField(
        "signals.Need",
        verbose_name=_("published needs it answers"),
        related_name="statement_requests",
        blank=True,
    )
    # The official's answer.
    kind = models.CharField(_("kind of answer"), max_length=10, choices=Kind.choices, blank=True)
    statement = models.TextField(_("statement"), max_length=8000, blank=True)
    commitments = models.TextField(
        _("what the city commits to"),
        max_length=5000,
        blank=True,
        help_text=_("One commitment per line; they become the agreement's commitments."),
    )
    decline_reason = models.TextField(_("reasons for declining"), max_length=3000, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    signer_title = models.CharField(_("signer's title"), max_length=200, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # The funder's decision, as the NGO records it.
    funder_positive = models.BooleanField(_("funder's decision positive"), null=True, blank=True)
    funder_decided_on = models.DateField(_("funder decided"), null=True, blank=True)
    agreement = models.OneToOneField(
        "partnerships.Agreement",
        verbose_name=_("agreement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statement_request",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("partnership statement request")
        verbose_name_plural = _("partnership statement requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="statement_project_ends_after_start",
                violation_error_message=_("The project cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(applied_from_funder__lte=models.F("budget_total")),
                name="statement_applied_within_budget",
                violation_error_message=_(
                    "The sum applied from the funder cannot exceed the project's budget."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "status", "-created_at"]),
            models.Index(fields=["organisation", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.project_title}"

    @property
    def funder_label(self) -> str:
        if self.funder == self.Funder.STEA:
            return "STEA"
        return self.funder_name

    @property
    def has_statement(self) -> bool:
        return self.status in self.WITH_STATEMENT

    def commitment_lines(self) -> list[str]:
        return [line.strip() for line in self.commitments.splitlines() if line.strip()]

    def can_move_to(self, status: str) -> bool:
        return status in self.MOVES[self.Status(self.status)]


class StatementEndorsement(models.Model):
    """One network member's view of a request."""

    request = models.ForeignKey(
        StatementRequest,
        verbose_name=_("partnership statement request"),
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
                fields=["request", "member"], name="statement_endorsement_once_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.member_id}"


class StatementEvent(AuditEvent):
    class Action(models.TextChoices):
        CREATED = "created", _("created")
        CHANGED = "changed", _("changed")
        STATUS = "status", _("status changed")
        ENDORSED = "endorsed", _("endorsed by a network member")
        NOT_ENDORSED = "not_endorsed", _("not endorsed by a network member")
        DISQUALIFIED = "disqualified", _("disqualified (conflict of interest)")
        FUNDER = "funder", _("funder's decision recorded")

    request = models.ForeignKey(
        StatementRequest,
        verbose_name=_("partnership statement request"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    action = models.CharField(_("what"), max_length=12, choices=Action.choices)

    class Meta:
        verbose_name = _("statement event")
        verbose_name_plural = _("statement events")
        ordering = ["request", "at", "id"]

    def __str__(self) -> str:
        return self.get_action_display()
