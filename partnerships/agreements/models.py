"""Partnership agreements (Turku's model, seed 001): one register of every
agreement between a municipality and NGOs, what each party commits to, and the
yearly follow-up of whether it was kept."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cooperation.language import pick_language
from cooperation.models import AuditEvent, Organisation, PublicBody, Theme, Unit


class Agreement(models.Model):
    class Kind(models.TextChoices):
        DEVELOPMENT = "development", _("development partnership")
        FACILITY = "facility", _("facility partnership")
        PROJECT = "project", _("project agreement")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        AWAITING_FUNDER = "awaiting_funder", _("awaiting the funder's decision")
        IN_FORCE = "in_force", _("in force")
        ENDED = "ended", _("ended")
        TERMINATED = "terminated", _("terminated")

    class FunderDecision(models.TextChoices):
        PENDING = "pending", _("pending")
        POSITIVE = "positive", _("positive")
        NEGATIVE = "negative", _("negative")

    # Which status may follow which; everything else is refused by the services.
    MOVES = {
        Status.DRAFT: {Status.AWAITING_FUNDER, Status.IN_FORCE},
        Status.AWAITING_FUNDER: {Status.IN_FORCE, Status.ENDED},
        Status.IN_FORCE: {Status.ENDED, Status.TERMINATED},
        Status.ENDED: set(),
        Status.TERMINATED: set(),
    }
    PUBLIC_STATUSES = (Status.IN_FORCE, Status.ENDED, Status.TERMINATED)

    reference = models.CharField(_("reference"), max_length=12, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    municipality = models.ForeignKey(
        PublicBody,
        verbose_name=_("municipality or wellbeing services county"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="agreements",
        null=True,
        blank=True,
    )
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("organisations"), related_name="agreements"
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), related_name="agreements", blank=True
    )
    # Issue 22: the published needs (signals app, named by model name) it answers.
    needs = models.ManyToManyField(
        "signals.Need",
        verbose_name=_("published needs it answers"),
        related_name="agreements",
        blank=True,
    )
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"), max_length=5000)
    summary_fi = models.TextField(_("public summary in Finnish"), max_length=5000, blank=True)
    summary_sv = models.TextField(_("public summary in Swedish"), max_length=5000, blank=True)
    summary_en = models.TextField(_("public summary in English"), max_length=5000, blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(
        _("ends"), null=True, blank=True, help_text=_("Empty: until further notice.")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible official"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_agreements",
    )
    # A facility partnership: the premises, and whether their use is free.
    premises = models.CharField(_("premises"), max_length=300, blank=True)
    spaces = models.ManyToManyField(
        "Space",
        verbose_name=_("bookable spaces covered"),
        blank=True,
        related_name="agreements",
        help_text=_(
            "Spaces of the catalogue the organisation may use under this agreement; "
            "with free of charge, its bookings of them are free automatically."
        ),
    )
    free_of_charge = models.BooleanField(_("free of charge"), default=False)
    free_of_charge_reason = models.TextField(
        _("why free of charge"),
        max_length=2000,
        blank=True,
        help_text=_("Free when the activity strongly supports social and health services."),
    )
    # A project agreement that rests on an outside funder's decision (STEA and others).
    funder = models.CharField(_("outside funder"), max_length=200, blank=True)
    funder_statement = models.TextField(
        _("letter of intent or statement given"), max_length=5000, blank=True
    )
    funder_decision = models.CharField(
        _("funder's decision"), max_length=10, choices=FunderDecision.choices, blank=True
    )
    funder_decided_on = models.DateField(_("funder decided"), null=True, blank=True)
    follow_up_months = models.PositiveSmallIntegerField(_("follow-up period (months)"), default=12)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("partnership agreement")
        verbose_name_plural = _("partnership agreements")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="agreement_ends_after_start",
                violation_error_message=_("The agreement cannot end before it starts."),
            ),
            # A funder-dependent agreement is in force only on a positive decision.
            models.CheckConstraint(
                condition=~Q(status="in_force") | Q(funder="") | Q(funder_decision="positive"),
                name="agreement_in_force_needs_funder_yes",
                violation_error_message=_(
                    "This agreement comes into force only when the funder's positive decision is recorded."
                ),
            ),
            models.CheckConstraint(
                condition=Q(follow_up_months__gte=1) & Q(follow_up_months__lte=60),
                name="agreement_follow_up_period_sane",
                violation_error_message=_("A follow-up period is from 1 to 60 months."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "municipality", "-starts_on", "-id"]),
            models.Index(fields=["municipality", "-starts_on", "-id"]),
            models.Index(fields=["status", "ends_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def summary(self) -> str:
        return pick_language(self.summary_fi, self.summary_sv, self.summary_en)

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES

    @property
    def depends_on_funder(self) -> bool:
        return bool(self.funder)

    def can_move_to(self, status: str) -> bool:
        return status in self.MOVES[self.Status(self.status)]


class Commitment(models.Model):
    """What one party commits to, and how its fulfilment is measured. An empty
    organisation means the municipality's commitment."""

    class Indicator(models.TextChoices):
        VOLUME = "volume", _("volume")
        QUALITY = "quality", _("quality")

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="commitments",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("party"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: the municipality."),
    )
    description = models.TextField(_("commitment"), max_length=5000)
    measure = models.CharField(
        _("measure of fulfilment"),
        max_length=300,
        blank=True,
        help_text=_("For example: a weekly group, 40 meetings a year."),
    )
    indicator = models.CharField(
        _("indicator"), max_length=8, choices=Indicator.choices, blank=True
    )
    target = models.DecimalField(
        _("target figure"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["agreement", "position", "id"]

    def __str__(self) -> str:
        return self.description[:80]


def _document_path(instance: DocumentVersion, filename: str) -> str:
    return (
        f"agreements/{instance.document.agreement_id}/{instance.sha256[:16]}-v{instance.number}.pdf"
    )


class AgreementDocument(models.Model):
    """A document of an agreement (the signed agreement, an appendix, the funder's
    decision). Each upload is a new version; earlier ones stay readable."""

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    title = models.CharField(_("title"), max_length=200)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Shown in the public register. Leave off for confidential documents."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["agreement", "title", "id"]

    def __str__(self) -> str:
        return self.title


class DocumentVersion(models.Model):
    document = models.ForeignKey(
        AgreementDocument,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=_document_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


class AgreementVersion(models.Model):
    """The agreement as it was before an amendment: its fields and commitments,
    kept readable after the change."""

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"))
    reason = models.TextField(_("reason for the amendment"), max_length=2000)
    amended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("amended by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    amended_at = models.DateTimeField(_("amended"), auto_now_add=True)

    class Meta:
        verbose_name = _("earlier version")
        verbose_name_plural = _("earlier versions")
        ordering = ["agreement", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="agreement_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.agreement.reference} v{self.number}"


class AgreementEvent(AuditEvent):
    """The audit trail: who changed what, and when."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        CHANGED = "changed", _("changed")
        AMENDED = "amended", _("amended")
        STATUS = "status", _("status changed")
        FUNDER = "funder", _("funder's decision recorded")
        DOCUMENT = "document", _("document added")
        FOLLOW_UP = "follow_up", _("follow-up")
        EXPIRY = "expiry", _("end approaching")

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("what"), max_length=12, choices=Action.choices)

    class Meta:
        verbose_name = _("agreement event")
        verbose_name_plural = _("agreement events")
        ordering = ["agreement", "at", "id"]

    def __str__(self) -> str:
        return self.get_action_display()


class FollowUpRound(models.Model):
    """One period's follow-up of an agreement: each party reports on each of its
    commitments; both sides read and comment."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up round")
        verbose_name_plural = _("follow-up rounds")
        ordering = ["agreement", "-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "period_start"], name="follow_up_once_per_period"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="follow_up_period_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        start, end = self.period_start, self.period_end
        return f"{start.day}.{start.month}.{start.year}–{end.day}.{end.month}.{end.year}"

    def is_overdue(self, today: date) -> bool:
        return self.status == self.Status.OPEN and self.due_on < today

    def fulfilment_counts(self) -> dict[str, int]:
        """How many commitments were done, partly done and not done (from the
        entries, prefetched by the caller)."""
        counts = dict.fromkeys(FollowUpEntry.Fulfilment.values, 0)
        for entry in self.entries.all():
            counts[entry.fulfilment] += 1
        return counts


class FollowUpEntry(models.Model):
    """A party's report on one commitment for one round."""

    class Fulfilment(models.TextChoices):
        DONE = "done", _("done")
        PARTLY = "partly", _("partly")
        NOT_DONE = "not_done", _("not done")

    round = models.ForeignKey(
        FollowUpRound,
        verbose_name=_("follow-up round"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    fulfilment = models.CharField(_("fulfilment"), max_length=8, choices=Fulfilment.choices)
    figure = models.DecimalField(
        _("figure"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    note = models.TextField(_("note"), max_length=3000, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported"), auto_now=True)

    class Meta:
        verbose_name = _("follow-up entry")
        verbose_name_plural = _("follow-up entries")
        ordering = ["round", "commitment__position", "commitment_id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "commitment"], name="follow_up_entry_once")
        ]

    def __str__(self) -> str:
        return self.get_fulfilment_display()


class FollowUpNeedResult(models.Model):
    """What a follow-up round says was done for one need the agreement answers
    (issue 22): a short text and a figure."""

    round = models.ForeignKey(
        FollowUpRound,
        verbose_name=_("follow-up round"),
        on_delete=models.CASCADE,
        related_name="need_results",
    )
    need = models.ForeignKey(
        "signals.Need",
        verbose_name=_("need"),
        on_delete=models.CASCADE,
        related_name="follow_up_results",
    )
    result = models.TextField(_("what was done for the need"), max_length=1000)
    figure = models.DecimalField(
        _("result as a figure"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported"), auto_now=True)

    class Meta:
        verbose_name = _("result for a need")
        verbose_name_plural = _("results for needs")
        ordering = ["round", "need_id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "need"], name="follow_up_need_result_once")
        ]

    def __str__(self) -> str:
        return self.result[:80]


class FollowUpComment(models.Model):
    round = models.ForeignKey(
        FollowUpRound,
        verbose_name=_("follow-up round"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    text = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["round", "created_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Notice(models.Model):
    """A reminder or warning sent once: the unique key is what makes the beat
    jobs safe to run twice."""

    class Kind(models.TextChoices):
        FOLLOW_UP_DUE = "follow_up_due", _("follow-up due soon")
        FOLLOW_UP_OVERDUE = "follow_up_overdue", _("follow-up overdue")
        EXPIRING = "expiring", _("agreement ending")

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # The round, or the end date, the notice is about: a new end date after an
    # amendment is a new thing to warn of.
    subject_key = models.CharField(max_length=40)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "kind", "subject_key"], name="notice_once")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class AnnualReport(models.Model):
    """A development partnership's yearly duty (Turku's model): the NGO's report on
    the use of its grant and next year's action and financial plan, the basis of
    the next grant. Met by linking the grant-use report filed in the grants app, or
    by uploading the documents."""

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="annual_reports",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    due_on = models.DateField(_("due"))
    # Issue 5 links the grants app's report here; the reference is by name so that
    # no code of the grants app is imported.
    grant_report = models.ForeignKey(
        "grants.UseReport",
        verbose_name=_("grant-use report"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    document = models.ForeignKey(
        AgreementDocument,
        verbose_name=_("document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    received_at = models.DateTimeField(_("received"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("annual report and plan")
        verbose_name_plural = _("annual reports and plans")
        ordering = ["agreement", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "year"], name="annual_report_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.agreement.reference} {self.year}"

    def is_overdue(self, today: date) -> bool:
        return self.received_at is None and self.due_on < today
