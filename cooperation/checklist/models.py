"""The NGO-friendly municipality model (DOMAIN.md section 5) as data.

The model itself (themes → areas → criteria) belongs to an edition. An
assessment answers the criteria of the edition it was started on, so a later
edition can add or reword criteria without touching past assessments; criteria
keep a `key` across editions, which is how a development target set on one
edition is found again in next year's assessment.

Imported by `cooperation.models`, so Django sees these as the core's models.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cooperation.extensions import EvidenceTopic
from cooperation.language import pick_language


class Level(models.TextChoices):
    """How far a criterion is in place. Points: no 0, partly 1, yes 2; n/a excluded."""

    NOT_IN_PLACE = "no", _("not in place")
    PARTLY = "partly", _("partly in place")
    IN_PLACE = "yes", _("in place")
    NOT_APPLICABLE = "na", _("not applicable")


LEVEL_POINTS = {Level.NOT_IN_PLACE: 0, Level.PARTLY: 1, Level.IN_PLACE: 2}
MAX_POINTS = 2


class _Named(models.Model):
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    key = models.SlugField(
        _("identifier"),
        max_length=60,
        help_text=_("Stays the same across editions, so years can be compared."),
    )

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_language(self.name_fi, self.name_sv, self.name_en)


class ChecklistEdition(models.Model):
    """One version of the model. New assessments use the newest published edition;
    an edition in use by an assessment is never edited (copy it instead)."""

    number = models.PositiveSmallIntegerField(_("edition"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    published = models.BooleanField(
        _("in use for new assessments"),
        default=False,
        help_text=_("New assessments are started on the newest edition in use."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("checklist edition")
        verbose_name_plural = _("checklist editions")
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"{self.number}: {self.name}"


class ChecklistTheme(_Named):
    edition = models.ForeignKey(
        ChecklistEdition,
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="themes",
    )

    class Meta(_Named.Meta):
        verbose_name = _("checklist theme")
        verbose_name_plural = _("checklist themes")
        constraints = [
            models.UniqueConstraint(fields=["edition", "key"], name="checklist_theme_key"),
        ]


class ChecklistArea(_Named):
    theme = models.ForeignKey(
        ChecklistTheme, verbose_name=_("theme"), on_delete=models.CASCADE, related_name="areas"
    )
    summary_fi = models.TextField(_("summary in Finnish"), max_length=5000, blank=True)
    summary_sv = models.TextField(_("summary in Swedish"), max_length=5000, blank=True)
    summary_en = models.TextField(_("summary in English"), max_length=5000, blank=True)
    concerns_county = models.BooleanField(
        _("concerns the wellbeing services county"),
        default=False,
        help_text=_("Assessed for the wellbeing services county as well as the municipalities."),
    )

    class Meta(_Named.Meta):
        verbose_name = _("checklist area")
        verbose_name_plural = _("checklist areas")
        constraints = [
            models.UniqueConstraint(fields=["theme", "key"], name="checklist_area_key"),
        ]

    @property
    def summary(self) -> str:
        return pick_language(self.summary_fi, self.summary_sv, self.summary_en)


class Criterion(models.Model):
    area = models.ForeignKey(
        ChecklistArea, verbose_name=_("area"), on_delete=models.CASCADE, related_name="criteria"
    )
    key = models.SlugField(
        _("identifier"),
        max_length=60,
        help_text=_("Stays the same across editions, so years can be compared."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text_fi = models.TextField(_("text in Finnish"), max_length=2000)
    text_sv = models.TextField(_("text in Swedish"), max_length=2000)
    text_en = models.TextField(_("text in English"), max_length=2000)
    evidence_topic = models.CharField(
        _("evidence from the portal"),
        max_length=20,
        choices=EvidenceTopic.choices,
        blank=True,
        help_text=_("Which records of the portal are suggested as evidence."),
    )

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["area", "key"], name="criterion_key"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def text(self) -> str:
        return pick_language(self.text_fi, self.text_sv, self.text_en)


class Assessment(models.Model):
    """One municipality's (or the wellbeing services county's) assessment of a year.

    While it is a draft the municipality answers each criterion and the NGOs
    working there give their view; publishing stores the scores and freezes it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    edition = models.ForeignKey(
        ChecklistEdition,
        verbose_name=_("edition"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    municipality = models.ForeignKey(
        "cooperation.PublicBody",
        verbose_name=_("municipality or wellbeing services county"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    summary = models.TextField(_("summary"), max_length=8000, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="assessment_subject_year"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="assessment_published_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "year"], name="assessment_status_year")]

    def __str__(self) -> str:
        return f"{self.subject} {self.year}"

    @property
    def subject(self):
        return self.municipality

    @property
    def is_county(self) -> bool:
        return self.municipality.is_county

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Answer(models.Model):
    """The municipality's own view of one criterion."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="answers"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="answers"
    )
    level = models.CharField(_("level"), max_length=6, choices=Level, blank=True)
    justification = models.TextField(_("justification"), blank=True, max_length=4000)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="answer_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.get_level_display()}"


def evidence_upload_to(instance, filename: str) -> str:
    # Our own name: the uploader's file name never reaches the file system.
    return f"checklist/{instance.assessment_id}/{instance.token}.pdf"


class Evidence(models.Model):
    """Evidence for a criterion: a link, a PDF, or a record of the portal that the
    assessor accepted. A rejected suggestion is kept so it is not offered again."""

    class Kind(models.TextChoices):
        LINK = "link", _("link")
        DOCUMENT = "document", _("document")
        RECORD = "record", _("record in the portal")

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="evidence"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(_("address"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to=evidence_upload_to, blank=True)
    token = models.CharField(max_length=32, blank=True, editable=False)
    source = models.CharField(_("source"), max_length=120, blank=True)
    rejected = models.BooleanField(_("rejected"), default=False)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion", "source"],
                condition=~Q(source=""),
                name="evidence_source_once",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class NgoResponse(models.Model):
    """One organisation's view of an assessment: given once, by one of its members."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="ngo_responses",
    )
    organisation = models.ForeignKey(
        "cooperation.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="checklist_responses",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("NGO view")
        verbose_name_plural = _("NGO views")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "organisation"], name="ngo_response_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.assessment}"


class NgoRating(models.Model):
    response = models.ForeignKey(
        NgoResponse, verbose_name=_("NGO view"), on_delete=models.CASCADE, related_name="ratings"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(_("level"), max_length=6, choices=Level)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("NGO rating")
        verbose_name_plural = _("NGO ratings")
        constraints = [
            models.UniqueConstraint(fields=["response", "criterion"], name="ngo_rating_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.get_level_display()}"


class AssessmentScore(models.Model):
    """A score stored when the assessment is published: the comparison and the
    trend read these rows instead of adding up every answer again."""

    class Perspective(models.TextChoices):
        SELF = "self", _("self-assessment")
        NGO = "ngo", _("NGOs' view")

    class Scope(models.TextChoices):
        TOTAL = "total", _("total")
        THEME = "theme", _("theme")
        AREA = "area", _("area")

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="scores"
    )
    perspective = models.CharField(_("perspective"), max_length=4, choices=Perspective.choices)
    scope = models.CharField(_("scope"), max_length=5, choices=Scope.choices)
    key = models.SlugField(_("identifier"), max_length=60, blank=True)
    percent = models.DecimalField(
        _("score (%)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    applicable = models.PositiveSmallIntegerField(_("applicable criteria"), default=0)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "perspective", "scope", "key"], name="score_unique"
            ),
            models.CheckConstraint(
                condition=Q(percent__isnull=True)
                | Q(percent__gte=Decimal(0), percent__lte=Decimal(100)),
                name="score_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_perspective_display()} {self.key or self.get_scope_display()}"


class DevelopmentTarget(models.Model):
    """A criterion the municipality sets out to improve by next year's assessment."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="targets"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("what will be done"), max_length=2000)
    owner = models.CharField(_("owner"), max_length=200)
    due_date = models.DateField(_("due date"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("development target")
        verbose_name_plural = _("development targets")
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="target_once"),
        ]

    def __str__(self) -> str:
        return self.description[:80]


class ForumEvent(models.Model):
    """An NGO forum (järjestöfoorumi): a municipality's own, or a regional one."""

    municipality = models.ForeignKey(
        "cooperation.PublicBody",
        verbose_name=_("municipality or wellbeing services county"),
        on_delete=models.PROTECT,
        related_name="forums",
        null=True,
        blank=True,
        help_text=_("Leave empty for a regional forum."),
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300)
    organisers = models.CharField(
        _("organisers"), max_length=500, help_text=_("The municipality and the NGOs organising it.")
    )
    organiser_organisations = models.ManyToManyField(
        "cooperation.Organisation",
        verbose_name=_("organising NGOs"),
        related_name="forums_organised",
        blank=True,
    )
    invites_ngos = models.BooleanField(_("NGOs of the area invited"), default=True)
    invites_officials = models.BooleanField(_("key officials invited"), default=True)
    invites_elected = models.BooleanField(_("elected officials invited"), default=True)
    agenda = models.TextField(_("agenda"), max_length=10000, blank=True)
    agenda_planned_with_ngos = models.BooleanField(_("agenda planned with NGOs"), default=False)
    minutes = models.TextField(_("minutes"), max_length=20000, blank=True)
    registration_open = models.BooleanField(_("registration open"), default=True)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("NGO forum")
        verbose_name_plural = _("NGO forums")
        ordering = ["-starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="forum_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "starts_at"], name="forum_municipality")]

    def __str__(self) -> str:
        return self.title


class ForumRegistration(models.Model):
    event = models.ForeignKey(
        ForumEvent,
        verbose_name=_("NGO forum"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=5, default="fi")
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("forum registration")
        verbose_name_plural = _("forum registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="forum_registration_once"),
        ]

    def __str__(self) -> str:
        return self.name


class StatutoryCouncil(models.Model):
    """The municipality's elderly council, disability council or youth council."""

    class Kind(models.TextChoices):
        ELDERLY = "elderly", _("elderly council")
        DISABILITY = "disability", _("disability council")
        YOUTH = "youth", _("youth council")

    municipality = models.ForeignKey(
        "cooperation.PublicBody",
        verbose_name=_("municipality or wellbeing services county"),
        on_delete=models.CASCADE,
        related_name="councils",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("web page"), blank=True)
    note = models.TextField(
        _("how it takes part in developing services"), max_length=3000, blank=True
    )

    class Meta:
        verbose_name = _("statutory council")
        verbose_name_plural = _("statutory councils")
        ordering = ["municipality__name_fi", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "kind"], name="council_once"),
        ]

    def __str__(self) -> str:
        return self.name


class GuidingDocument(models.Model):
    """A document that guides the municipality's work: strategy, wellbeing report
    and plan, budget."""

    class Kind(models.TextChoices):
        STRATEGY = "strategy", _("strategy")
        WELLBEING_REPORT = "wellbeing_report", _("wellbeing report")
        WELLBEING_PLAN = "wellbeing_plan", _("wellbeing plan")
        BUDGET = "budget", _("budget")
        OTHER = "other", _("other guiding document")

    municipality = models.ForeignKey(
        "cooperation.PublicBody",
        verbose_name=_("municipality or wellbeing services county"),
        on_delete=models.CASCADE,
        related_name="guiding_documents",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"))
    url = models.URLField(_("web page"), blank=True)
    ngos_consulted = models.BooleanField(_("NGOs were heard in preparing it"), default=False)
    note = models.TextField(_("how NGO cooperation appears in it"), max_length=3000, blank=True)

    class Meta:
        verbose_name = _("guiding document")
        verbose_name_plural = _("guiding documents")
        ordering = ["municipality__name_fi", "-year", "kind"]

    def __str__(self) -> str:
        return self.title
