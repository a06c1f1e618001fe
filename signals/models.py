"""Silent signals: what NGOs send, the links they send it through, the weekly
digests that deliver it to a municipality's NGO team, and the follow-up.

Invariants kept by `signals.services` (and by the constraints below):
- a signal is stored whole or not at all, and never with a resident's
  identity code, phone number or e-mail address in its text (`cooperation.privacy.personal_data`);
- a counted signal (`is_accepted`) is in exactly one digest: `Signal.digest`
  is set once, inside the transaction that creates the digest;
- secrets (link, receipt and forward tokens) are stored only as hashes.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cooperation.language import pick_language
from cooperation.lib.formats import iso_week
from cooperation.models import (
    AuditEvent,
    Organisation,
    PublicBody,
    TargetGroup,
    Unit,
    Vocabulary,
)


class Topic(Vocabulary):
    """A signal topic (editable list). Its public page tells what signals led to."""

    description_fi = models.TextField(
        _("public introduction in Finnish"), max_length=5000, blank=True
    )
    description_sv = models.TextField(
        _("public introduction in Swedish"), max_length=5000, blank=True
    )
    description_en = models.TextField(
        _("public introduction in English"), max_length=5000, blank=True
    )
    is_active = models.BooleanField(
        _("offered on the form"), default=True, help_text=_("Old topics stay on old signals.")
    )

    class Meta(Vocabulary.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    @property
    def description(self) -> str:
        return pick_language(self.description_fi, self.description_sv, self.description_en)


class SignalLink(models.Model):
    """A secret, revocable address for sending signals without an account.

    An organisation link belongs to one NGO: any of its volunteers may use it.
    A municipality's open link is for NGOs not yet registered: what comes
    through it waits for the NGO team's check before it counts.
    """

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("organisation link")
        MUNICIPALITY = "municipality", _("municipality's open link")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="signal_links",
    )
    municipality = models.ForeignKey(
        PublicBody,
        verbose_name=_("municipality or wellbeing services county"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="signal_links",
    )
    label = models.CharField(_("label"), max_length=100, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("signal link")
        verbose_name_plural = _("signal links")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="organisation", organisation__isnull=False))
                | Q(kind="municipality", municipality__isnull=False, organisation__isnull=True),
                name="signal_link_owner_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        owner = self.organisation or self.municipality
        return f"{self.get_kind_display()}: {owner}" + (f" ({self.label})" if self.label else "")

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Digest(models.Model):
    """One week's bundle of new signals for one municipality's NGO team.

    A "nothing new" note is a digest with no signals; there is at most one per
    municipality and week.
    """

    class Kind(models.TextChoices):
        BUNDLE = "bundle", _("new signals")
        NOTHING_NEW = "nothing_new", _("nothing new")

    municipality = models.ForeignKey(
        PublicBody,
        verbose_name=_("municipality or wellbeing services county"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.BUNDLE)
    week_start = models.DateField(_("week"), help_text=_("Monday of the week it was built."))
    created_at = models.DateTimeField(_("built"), auto_now_add=True)
    signal_count = models.PositiveIntegerField(_("signals"), default=0)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "week_start"],
                condition=Q(kind="nothing_new"),
                name="digest_one_nothing_new_note_a_week",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.week_start:%-d.%-m.%Y} ({self.signal_count})"

    @property
    def iso_week(self) -> int:
        return self.week_start.isocalendar().week


class DigestDelivery(models.Model):
    """The digest's mail to one team member; sent at least once, retried on failure."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    digest = models.ForeignKey(
        Digest, verbose_name=_("digest"), on_delete=models.CASCADE, related_name="deliveries"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        ordering = ["digest", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["digest", "user"], name="digest_delivery_unique"),
        ]
        indexes = [models.Index(fields=["status"], name="digest_delivery_status")]

    def __str__(self) -> str:
        return f"{self.digest} → {self.user}"


class Signal(models.Model):
    """A worry, observation, silent signal or solution proposal from an NGO."""

    class Kind(models.TextChoices):
        WORRY = "worry", _("worry")
        OBSERVATION = "observation", _("observation")
        SILENT_SIGNAL = "silent_signal", _("silent signal")
        PROPOSAL = "proposal", _("solution proposal")

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        IN_REVIEW = "in_review", _("in review")
        FORWARDED = "forwarded", _("forwarded")
        ANSWERED = "answered", _("answered")
        CLOSED = "closed", _("closed")
        REJECTED = "rejected", _("not accepted")

    class Channel(models.TextChoices):
        ACCOUNT = "account", _("logged in")
        ORGANISATION_LINK = "organisation_link", _("organisation link")
        OPEN_LINK = "open_link", _("municipality's open link")

    reference = models.CharField(_("reference"), max_length=9, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("proposal to signal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    description = models.TextField(_("description"), max_length=5000)
    municipality = models.ForeignKey(
        PublicBody,
        verbose_name=_("municipality or wellbeing services county"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    area = models.CharField(_("area or neighbourhood"), max_length=200, blank=True)
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="+"
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="signals"
    )
    current_action = models.TextField(
        _("what the organisation already does about it"), max_length=3000, blank=True
    )
    proposal = models.TextField(_("proposal"), max_length=3000, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals",
    )
    organisation_name = models.CharField(_("organisation (as given)"), max_length=200, blank=True)
    sender_name = models.CharField(_("sender's name"), max_length=200, blank=True)
    sender_email = models.EmailField(_("sender's e-mail"), blank=True)
    sender_phone = models.CharField(_("sender's phone"), max_length=40, blank=True)
    sender_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    wants_answer = models.BooleanField(_("wants an answer"), default=True)
    language = models.CharField(_("language"), max_length=5, default="fi")
    channel = models.CharField(_("sent through"), max_length=20, choices=Channel.choices)
    link = models.ForeignKey(
        SignalLink,
        verbose_name=_("link"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals",
    )
    receipt_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_accepted = models.BooleanField(
        _("counts"),
        default=True,
        help_text=_("Signals from the open link count only after the NGO team's check."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    digest = models.ForeignKey(
        Digest,
        verbose_name=_("digest"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # The NGO team's triage.
    being_done = models.TextField(_("what is already being done"), max_length=5000, blank=True)
    could_be_done = models.TextField(_("what could be done"), max_length=5000, blank=True)
    responsible = models.TextField(_("who works on it"), max_length=3000, blank=True)
    responsible_units = models.ManyToManyField(
        Unit, verbose_name=_("responsible units"), blank=True, related_name="+"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    related = models.ManyToManyField("self", verbose_name=_("related signals"), blank=True)
    answer = models.TextField(
        _("answer to the sender"),
        max_length=5000,
        blank=True,
        help_text=_("The organisation that sent the signal sees this."),
    )
    public_summary = models.TextField(
        _("public summary"),
        max_length=3000,
        blank=True,
        help_text=_("What the signal led to, shown on the topic's public page when published."),
    )
    is_published = models.BooleanField(_("summary published"), default=False)
    publish_description = models.BooleanField(_("description published too"), default=False)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["municipality", "-created_at", "-id"], name="signal_municipality_recent"
            ),
            models.Index(fields=["-created_at", "-id"], name="signal_recent"),
            # The public topic pages list only published outcomes, newest first.
            models.Index(
                fields=["-created_at", "-id"],
                condition=Q(is_published=True, is_accepted=True) & ~Q(public_summary=""),
                name="signal_published_recent",
            ),
            models.Index(fields=["organisation", "-created_at"], name="signal_organisation"),
            models.Index(fields=["municipality", "status"], name="signal_municipality_status"),
            models.Index(
                fields=["municipality"],
                condition=Q(digest__isnull=True, is_accepted=True),
                name="signal_awaiting_digest",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def sender_organisation(self) -> str:
        return self.organisation.name if self.organisation_id else self.organisation_name

    def sender_status(self) -> str:
        """The status as the sender reads it: "answered" only once there is an
        answer for them to read (the team's own, or one it shared); until then a
        forwarded person's answer is the team's to weigh, and the signal reads
        "forwarded". Pages set `has_shared_answer` (signals.selectors)."""
        if not self.is_accepted and self.status != self.Status.REJECTED:
            return str(_("waiting for the NGO team's check"))
        if self.status == self.Status.ANSWERED and not (
            self.answer.strip() or getattr(self, "has_shared_answer", False)
        ):
            return self.Status.FORWARDED.label
        return self.get_status_display()


class SignalEvent(AuditEvent):
    """The audit trail of a signal: who did what, and when."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("received")
        ACCEPTED = "accepted", _("accepted after check")
        REJECTED = "rejected", _("not accepted")
        DIGESTED = "digested", _("added to a digest")
        TRIAGED = "triaged", _("review recorded")
        STATUS = "status", _("status changed")
        FORWARDED = "forwarded", _("forwarded")
        ANSWERED = "answered", _("answer received")
        LINKED = "linked", _("related signal linked")
        ASSIGNED = "assigned", _("assigned")

    signal = models.ForeignKey(
        Signal, verbose_name=_("signal"), on_delete=models.CASCADE, related_name="events"
    )
    actor_label = models.CharField(_("who (as given)"), max_length=254, blank=True)
    action = models.CharField(_("what"), max_length=20, choices=Action.choices)

    class Meta:
        verbose_name = _("signal event")
        verbose_name_plural = _("signal events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.signal} {self.get_action_display()}"

    @property
    def to_status_label(self) -> str:
        return Signal.Status(self.to_status).label if self.to_status else ""

    @property
    def shown_note(self) -> str:
        if self.action == self.Action.DIGESTED:
            try:
                return iso_week(date.fromisoformat(self.note))
            except ValueError:  # written before the week was kept
                return ""
        return self.note

    @property
    def who(self) -> str:
        return str(self.actor) if self.actor_id else self.actor_label


class Forward(models.Model):
    """A signal sent on to a responsible person, who answers through a secret link."""

    signal = models.ForeignKey(
        Signal, verbose_name=_("signal"), on_delete=models.CASCADE, related_name="forwards"
    )
    email = models.EmailField(_("recipient's e-mail"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    message = models.TextField(_("questions and message"), max_length=3000, blank=True)
    language = models.CharField(_("language"), max_length=5, default="fi")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("forwarded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("forwarded"), auto_now_add=True)
    expires_at = models.DateTimeField(_("link expires"))
    answer = models.TextField(_("answer"), max_length=5000, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answer_is_public = models.BooleanField(
        _("sender sees the answer"),
        default=False,
        help_text=_("The NGO team decides whether the sender sees this answer."),
    )

    class Meta:
        verbose_name = _("forward")
        verbose_name_plural = _("forwards")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.signal} → {self.email}"


# The needs gathered from the signals (signals/needs/), here for Django.
from .challenges.models import AreaChallenge, ChallengeEdition, ChallengeEvent  # noqa: E402
from .needs.models import Need, NeedEvent, NeedFollower, NeedSignal  # noqa: E402

__all__ = [
    "AreaChallenge",
    "ChallengeEdition",
    "ChallengeEvent",
    "Need",
    "NeedEvent",
    "NeedFollower",
    "NeedSignal",
]
