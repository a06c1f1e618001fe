"""The year's area challenges (seed 002, Oulu): once a year the city's experts
publish, per area of the municipality (or the county), the challenges they see,
each tied to the needs gathered from the NGOs' signals. The edition is printed for
the workshop and the board; the workshop is an NGO forum event with registration."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cooperation.language import pick_language
from cooperation.models import AuditEvent, PublicBody


class ChallengeEdition(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    municipality = models.ForeignKey(
        PublicBody,
        verbose_name=_("municipality or wellbeing services county"),
        on_delete=models.PROTECT,
        related_name="challenge_editions",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2020), MaxValueValidator(2100)]
    )
    introduction_fi = models.TextField(_("introduction in Finnish"), max_length=5000, blank=True)
    introduction_sv = models.TextField(_("introduction in Swedish"), max_length=5000, blank=True)
    # The workshop: an NGO forum event of the body (the core's), with its registration.
    workshop = models.ForeignKey(
        "cooperation.ForumEvent",
        verbose_name=_("workshop"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="challenge_editions",
        help_text=_("The NGO forum event where the challenges are worked on."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("area challenges of the year")
        verbose_name_plural = _("area challenges of the years")
        ordering = ["-year", "municipality__name_fi", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"],
                name="challenge_edition_once_a_year",
                violation_error_message=_("The body already has this year's area challenges."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year}"

    @property
    def introduction(self) -> str:
        return pick_language(self.introduction_fi, self.introduction_sv)

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED


class AreaChallenge(models.Model):
    edition = models.ForeignKey(
        ChallengeEdition,
        verbose_name=_("area challenges of the year"),
        on_delete=models.CASCADE,
        related_name="challenges",
    )
    area = models.CharField(
        _("area"),
        max_length=200,
        help_text=_("A neighbourhood, a village or the whole municipality."),
    )
    title_fi = models.CharField(_("title in Finnish"), max_length=200)
    title_sv = models.CharField(_("title in Swedish"), max_length=200, blank=True)
    description_fi = models.TextField(_("description in Finnish"), max_length=5000)
    description_sv = models.TextField(_("description in Swedish"), max_length=5000, blank=True)
    needs = models.ManyToManyField(
        "signals.Need",
        verbose_name=_("needs behind the challenge"),
        related_name="challenges",
        blank=True,
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("area challenge")
        verbose_name_plural = _("area challenges")
        ordering = ["edition", "area", "position", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def label(self) -> str:
        """The challenge among other years' and bodies' (a choice in a list)."""
        edition = self.edition
        return f"{edition.municipality} {edition.year} · {self.area}: {self.title}"

    @property
    def title(self) -> str:
        return pick_language(self.title_fi, self.title_sv)

    @property
    def description(self) -> str:
        return pick_language(self.description_fi, self.description_sv)


class ChallengeEvent(AuditEvent):
    """The edition's trail: who wrote, changed, removed and published what, and when."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        CHANGED = "changed", _("changed")
        CHALLENGE_ADDED = "added", _("challenge added")
        CHALLENGE_CHANGED = "challenge", _("challenge changed")
        CHALLENGE_REMOVED = "removed", _("challenge removed")
        PUBLISHED = "published", _("published")

    edition = models.ForeignKey(
        ChallengeEdition,
        verbose_name=_("area challenges of the year"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    action = models.CharField(_("what"), max_length=10, choices=Action.choices)

    class Meta:
        verbose_name = _("area challenges event")
        verbose_name_plural = _("area challenges events")
        ordering = ["edition", "at", "id"]

    def __str__(self) -> str:
        return self.get_action_display()
