"""Partnership agreements (Turku's model, seed 001): one register of every
agreement between a municipality and NGOs, what each party commits to, and the
yearly follow-up of whether it was kept."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cooperation.models import AuditEvent, Municipality, Organisation, Theme, Unit, pick_language


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
        Municipality,
        verbose_name=_("municipality"),
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


# --- Facilities (issue 6) -----------------------------------------------------


# Requests must start and end on the same day (booking_services.Rules), so no
# booking is longer than this; reads of busy times use it to bound their scans.
LONGEST_BOOKING = timedelta(days=1)


class Space(models.Model):
    """A space of a municipality's premises that NGOs can book. A space can have
    parts (a hall with two halves): booking the whole holds every part, and a
    part holds the whole. Opening hours and booking rules are the whole's."""

    class Kind(models.TextChoices):
        MEETING_ROOM = "meeting_room", _("meeting room")
        EVENT_SPACE = "event_space", _("event space")
        GYM = "gym", _("gym")
        KITCHEN = "kitchen", _("kitchen")
        OTHER = "other", _("other space")

    class Price(models.TextChoices):
        FREE = "free", _("free of charge")
        REDUCED = "reduced", _("reduced price")
        NORMAL = "normal", _("normal price")

    # The accessibility checklist: (field, label). The catalogue filters by each.
    ACCESSIBILITY = (
        ("step_free_access", _("step-free access")),
        ("accessible_toilet", _("accessible toilet")),
        ("induction_loop", _("induction loop")),
        ("lift", _("lift")),
        ("accessible_parking", _("accessible parking")),
        ("guidance_for_visually_impaired", _("guidance for the visually impaired")),
    )

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="spaces",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="spaces",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parts",
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    capacity = models.PositiveIntegerField(_("capacity (people)"))
    size_m2 = models.PositiveIntegerField(_("size (m²)"), null=True, blank=True)
    description_fi = models.TextField(_("description (Finnish)"), max_length=5000, blank=True)
    description_sv = models.TextField(_("description (Swedish)"), max_length=5000, blank=True)
    description_en = models.TextField(_("description (English)"), max_length=5000, blank=True)
    equipment = models.TextField(
        _("equipment"),
        max_length=3000,
        blank=True,
        help_text=_("For example: projector, chairs for 40, piano."),
    )
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    induction_loop = models.BooleanField(_("induction loop"), default=False)
    lift = models.BooleanField(_("lift"), default=False)
    accessible_parking = models.BooleanField(_("accessible parking"), default=False)
    guidance_for_visually_impaired = models.BooleanField(
        _("guidance for the visually impaired"), default=False
    )
    terms_fi = models.TextField(_("terms of use (Finnish)"), max_length=10000, blank=True)
    terms_sv = models.TextField(_("terms of use (Swedish)"), max_length=10000, blank=True)
    terms_en = models.TextField(_("terms of use (English)"), max_length=10000, blank=True)
    ngo_price = models.CharField(
        _("price for NGOs"), max_length=8, choices=Price.choices, default=Price.FREE
    )
    hourly_price = models.DecimalField(
        _("normal price per hour (€)"), max_digits=8, decimal_places=2, default=0
    )
    reduced_hourly_price = models.DecimalField(
        _("reduced price per hour (€)"), max_digits=8, decimal_places=2, default=0
    )
    free_rule_fi = models.TextField(_("when it is free (Finnish)"), max_length=3000, blank=True)
    free_rule_sv = models.TextField(_("when it is free (Swedish)"), max_length=3000, blank=True)
    free_rule_en = models.TextField(_("when it is free (English)"), max_length=3000, blank=True)
    needs_approval = models.BooleanField(
        _("requests need approval"),
        default=True,
        help_text=_("When off, a request that fits the rules is confirmed at once."),
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who approves"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Gets the requests by e-mail; any facility manager of the municipality may also decide."
        ),
    )
    min_minutes = models.PositiveIntegerField(_("shortest booking (minutes)"), default=30)
    max_minutes = models.PositiveIntegerField(_("longest booking (minutes)"), default=8 * 60)
    notice_hours = models.PositiveIntegerField(
        _("requested at least this many hours ahead"), default=24
    )
    horizon_days = models.PositiveIntegerField(
        _("bookable at most this many days ahead"), default=365
    )
    is_active = models.BooleanField(_("bookable"), default=True)

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["municipality", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_minutes__gte=models.F("min_minutes")),
                name="space_longest_not_shorter_than_shortest",
                violation_error_message=_(
                    "The longest booking cannot be shorter than the shortest."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.parent.name}: {self.name}" if self.parent_id else self.name

    def clean(self):
        # One level only: a hall has halves, a half has no parts of its own.
        if self.parent_id:
            parent = self.parent
            if parent.pk == self.pk or parent.parent_id:
                raise ValidationError({"parent": _("A part must belong to a whole space.")})
            if parent.municipality_id != self.municipality_id:
                raise ValidationError(
                    {"parent": _("A part must be in the same municipality as its whole.")}
                )
            if self.pk and self.parts.exists():
                raise ValidationError({"parent": _("A space with parts cannot be a part.")})

    def held_spaces(self) -> list[int]:
        """The spaces a booking of this one holds: its parts if it has any (so a
        booking of the whole and one of a part collide on that part, and the two
        halves stay free of each other), else itself."""
        parts = list(self.parts.values_list("pk", flat=True))
        return parts or [self.pk]

    @property
    def description(self) -> str:
        return pick_language(self.description_fi, self.description_sv, self.description_en)

    @property
    def terms(self) -> str:
        return pick_language(self.terms_fi, self.terms_sv, self.terms_en)

    @property
    def free_rule(self) -> str:
        return pick_language(self.free_rule_fi, self.free_rule_sv, self.free_rule_en)

    def accessibility(self) -> list:
        return [label for field, label in self.ACCESSIBILITY if getattr(self, field)]

    def hourly_price_for_ngos(self):
        return {
            self.Price.FREE: 0,
            self.Price.REDUCED: self.reduced_hourly_price,
            self.Price.NORMAL: self.hourly_price,
        }[self.ngo_price]


class OpeningHours(models.Model):
    """When a space can be booked on a weekday; a day may have several rows."""

    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.CASCADE, related_name="opening_hours"
    )
    weekday = models.PositiveSmallIntegerField(
        _("weekday"),
        choices=[
            (0, _("Monday")),
            (1, _("Tuesday")),
            (2, _("Wednesday")),
            (3, _("Thursday")),
            (4, _("Friday")),
            (5, _("Saturday")),
            (6, _("Sunday")),
        ],
    )
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")),
                name="opening_hours_close_after_open",
                violation_error_message=_("A space must close after it opens."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H.%M}–{self.closes:%H.%M}"


class OpeningException(models.Model):
    """A day with other hours than usual: closed on a holiday, or open shorter."""

    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.CASCADE, related_name="exceptions"
    )
    date = models.DateField(_("date"))
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("exception to the opening hours")
        verbose_name_plural = _("exceptions to the opening hours")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["space", "date"], name="opening_exception_once_a_day"),
            models.CheckConstraint(
                condition=(Q(opens__isnull=True) & Q(closes__isnull=True))
                | Q(closes__gt=models.F("opens")),
                name="opening_exception_closed_or_hours",
                violation_error_message=_("Leave both times empty for a closed day, or give both."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y}"

    @property
    def is_closed(self) -> bool:
        return self.opens is None


class SpacePhoto(models.Model):
    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.FileField(_("photo"), upload_to="spaces/%Y/")
    alt_fi = models.CharField(_("what the photo shows (Finnish)"), max_length=200)
    alt_sv = models.CharField(_("what the photo shows (Swedish)"), max_length=200, blank=True)
    alt_en = models.CharField(_("what the photo shows (English)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.alt_fi

    @property
    def alt(self) -> str:
        return pick_language(self.alt_fi, self.alt_sv, self.alt_en)


class BookingSeries(models.Model):
    """A weekly group: the same hours on chosen weekdays between two dates. Each
    date is a Booking of its own, so one can be cancelled or declined alone."""

    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.PROTECT, related_name="series"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="booking_series",
    )
    weekdays = models.CharField(_("weekdays"), max_length=13)
    first_date = models.DateField(_("first date"))
    last_date = models.DateField(_("last date"))
    starts = models.TimeField(_("starts"))
    ends = models.TimeField(_("ends"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("weekly booking series")
        verbose_name_plural = _("weekly booking series")
        ordering = ["first_date", "id"]

    def __str__(self) -> str:
        return f"{self.space} {self.first_date:%d.%m.%Y}–{self.last_date:%d.%m.%Y}"

    @property
    def weekday_numbers(self) -> list[int]:
        return [int(day) for day in self.weekdays.split(",") if day]


class Booking(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        APPROVED = "approved", _("approved")
        DECLINED = "declined", _("declined")
        CANCELLED = "cancelled", _("cancelled")

    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.PROTECT, related_name="bookings"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    series = models.ForeignKey(
        BookingSeries,
        verbose_name=_("weekly series"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="bookings",
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    purpose = models.CharField(_("purpose"), max_length=300)
    participants = models.PositiveIntegerField(_("participants"))
    free_requested = models.BooleanField(_("free use requested"), default=False)
    free_reason = models.TextField(_("why free of charge"), max_length=2000, blank=True)
    is_free = models.BooleanField(_("free of charge"), default=False)
    free_agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("free under the agreement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    price = models.DecimalField(_("price (€)"), max_digits=9, decimal_places=2, default=0)
    decision_reason = models.TextField(_("reason for the decision"), max_length=3000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="booking_ends_after_start",
                violation_error_message=_("A booking must end after it starts."),
            )
        ]
        indexes = [
            models.Index(fields=["space", "starts_at"]),
            models.Index(fields=["organisation", "starts_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.space} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.REQUESTED, self.Status.APPROVED)


class CalendarFeed(models.Model):
    """The secret address of an organisation's booking calendar (iCal). Kept
    readable, not hashed: members copy it into their calendar apps whenever they
    need it, like the "secret address" of the big calendar services; a leaked one
    is replaced with a new one."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(_("secret"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.organisation)


class Occupancy(models.Model):
    """What a confirmed booking holds: one row per space held, with its times.
    On PostgreSQL an exclusion constraint (migration 0002) refuses two rows of one
    space whose times overlap, whatever the code path or the timing; the services
    check first to give a clear message."""

    booking = models.ForeignKey(
        Booking, verbose_name=_("booking"), on_delete=models.CASCADE, related_name="occupancies"
    )
    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.PROTECT, related_name="occupancies"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        verbose_name = _("held time")
        verbose_name_plural = _("held times")
        indexes = [models.Index(fields=["space", "starts_at", "ends_at"])]

    def __str__(self) -> str:
        return f"{self.space_id} {self.starts_at:%Y-%m-%d %H:%M}"
