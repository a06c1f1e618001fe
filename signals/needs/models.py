"""Needs (tarpeet, ilmiöt): what the NGO team of a municipality (or of the county), or
the region's coordinators, gather from the signals, publish and follow to an answer."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cooperation.language import pick_language
from cooperation.models import AuditEvent, PublicBody, TargetGroup, Unit


class Need(models.Model):
    class Status(models.TextChoices):
        GATHERING = "gathering", _("being gathered")
        PUBLISHED = "published", _("published")
        ANSWERING = "answering", _("being answered")
        ANSWERED = "answered", _("answered")
        CLOSED = "closed", _("closed")

    # Where each status may go. Back to gathering takes a published need off the
    # public pages again; a closed need may be opened again.
    MOVES = {
        Status.GATHERING: {Status.PUBLISHED, Status.CLOSED},
        Status.PUBLISHED: {Status.ANSWERING, Status.ANSWERED, Status.GATHERING, Status.CLOSED},
        Status.ANSWERING: {Status.ANSWERED, Status.PUBLISHED, Status.CLOSED},
        Status.ANSWERED: {Status.ANSWERING, Status.CLOSED},
        Status.CLOSED: {Status.GATHERING},
    }
    PUBLIC = (Status.PUBLISHED, Status.ANSWERING, Status.ANSWERED)

    municipality = models.ForeignKey(
        PublicBody,
        verbose_name=_("municipality or wellbeing services county"),
        on_delete=models.PROTECT,
        related_name="needs",
        null=True,
        blank=True,
        help_text=_("Empty: a need of the whole region, kept by the coordinators."),
    )
    title_fi = models.CharField(_("title in Finnish"), max_length=200)
    title_sv = models.CharField(_("title in Swedish"), max_length=200, blank=True)
    summary_fi = models.TextField(_("summary in Finnish"), max_length=5000)
    summary_sv = models.TextField(_("summary in Swedish"), max_length=5000, blank=True)
    areas = models.CharField(
        _("areas"),
        max_length=300,
        blank=True,
        help_text=_("Neighbourhoods or villages, separated by commas."),
    )
    topics = models.ManyToManyField(
        "signals.Topic", verbose_name=_("topics"), blank=True, related_name="needs"
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="+"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("responsible unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.GATHERING
    )
    signals = models.ManyToManyField(
        "signals.Signal", verbose_name=_("signals"), through="NeedSignal", related_name="needs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["municipality", "status"], name="need_municipality_status"),
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(status__in=["published", "answering", "answered"]),
                name="need_public_recent",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick_language(self.title_fi, self.title_sv)

    @property
    def summary(self) -> str:
        return pick_language(self.summary_fi, self.summary_sv)

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC

    @property
    def area_list(self) -> list[str]:
        return [area.strip() for area in self.areas.split(",") if area.strip()]


class NeedSignal(models.Model):
    """A signal behind a need: who added it, and when. A signal may feed several needs."""

    need = models.ForeignKey(Need, verbose_name=_("need"), on_delete=models.CASCADE)
    signal = models.ForeignKey(
        "signals.Signal",
        verbose_name=_("signal"),
        on_delete=models.CASCADE,
        related_name="need_links",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    # The signal's own date, kept here so that a page of a big need's signals, newest
    # first, is read from this table's index instead of sorting all its signals.
    signal_created_at = models.DateTimeField(_("signal received"), null=True, editable=False)

    class Meta:
        verbose_name = _("signal of a need")
        verbose_name_plural = _("signals of needs")
        ordering = ["-added_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["need", "signal"], name="need_signal_once"),
        ]
        indexes = [
            models.Index(
                fields=["need", "-signal_created_at", "-signal"], name="need_signal_newest"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.need} ← {self.signal}"


class NeedEvent(AuditEvent):
    """The audit trail of a need."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        EDITED = "edited", _("edited")
        SIGNALS_ADDED = "signals_added", _("signals added")
        OBSERVATION = "observation", _("observation sent by an organisation")
        SIGNAL_REMOVED = "signal_removed", _("signal removed")
        STATUS = "status", _("status changed")

    need = models.ForeignKey(
        Need, verbose_name=_("need"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("what"), max_length=20, choices=Action.choices)

    class Meta:
        verbose_name = _("need event")
        verbose_name_plural = _("need events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.need} {self.get_action_display()}"

    @property
    def to_status_label(self) -> str:
        return Need.Status(self.to_status).label if self.to_status else ""


class NeedFollower(models.Model):
    """A person who follows a public need: told when it moves on."""

    need = models.ForeignKey(
        Need, verbose_name=_("need"), on_delete=models.CASCADE, related_name="followers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("follower of a need")
        verbose_name_plural = _("followers of needs")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["need", "user"], name="need_follower_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.need}"
