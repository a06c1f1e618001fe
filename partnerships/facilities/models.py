"""The facilities catalogue (issue 6): the municipality's spaces that NGOs can
book, their opening hours, exceptions and photos, bookings single or weekly, the
times a confirmed booking holds, and organisations' calendar feeds."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cooperation.language import pick_language
from cooperation.models import Organisation, PublicBody, Unit
from partnerships.agreements.models import Agreement

# Requests must start and end on the same day (facilities.services.Rules), so no
# booking is longer than this; reads of busy times use it to bound their scans.
LONGEST_BOOKING = timedelta(days=1)


class Space(models.Model):
    """A space of a municipality's facilities that NGOs can book. A space can have
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
        PublicBody,
        verbose_name=_("municipality or wellbeing services county"),
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
    # The feed is found by the hash of the secret in the address, and the secret
    # then compared in constant time: how long a lookup takes tells nothing of it.
    token_hash = models.CharField(_("hash of the secret"), max_length=64, unique=True)
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
