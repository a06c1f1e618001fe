"""The shared core: people, public bodies (municipalities and the county), organisations
and their roles."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .language import pick_language
from .validators import normalise_business_id, validate_business_id


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("Users must have an e-mail address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="fi"
    )
    is_coordinator = models.BooleanField(
        _("regional coordinator"),
        default=False,
        help_text=_("Coordinators see the whole region. Only a technical administrator sets this."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    # Technical administration only: superusers, never officials.
    is_staff = models.BooleanField(_("technical administrator"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    # Set when the person deleted their account: the row stays, without their name
    # or address, so that the records the city must keep still say "a deleted user".
    deleted_at = models.DateTimeField(_("account deleted"), null=True, blank=True, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.get_full_name()

    def get_full_name(self) -> str:
        return self.display_name(self.full_name, self.email, self.deleted_at)

    @staticmethod
    def display_name(full_name: str, email: str, deleted_at) -> str:
        """How a person is named on pages and trails, from their row's values (a long
        trail reads them without making a User of each)."""
        if deleted_at:
            return str(_("deleted user"))
        return full_name or email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class PublicBodyQuerySet(models.QuerySet):
    def municipalities(self):
        return self.filter(kind=PublicBody.Kind.MUNICIPALITY)

    def counties(self):
        return self.filter(kind=PublicBody.Kind.COUNTY)


class PublicBody(models.Model):
    """A public body NGOs work with: a municipality (kunta) or the wellbeing services
    county (hyvinvointialue), which has run social and health services since 2023.

    Both are rows of one table, so that everything a municipality has (officials
    and their roles, units, grant calls, agreements, premises, signals,
    assessments) the county has the same way; fields keep the name
    `municipality` (and the URLs and filters NGOs bookmark, `?municipality=`)."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        COUNTY = "county", _("wellbeing services county")

    kind = models.CharField(
        _("kind"), max_length=12, choices=Kind.choices, default=Kind.MUNICIPALITY
    )
    # Statistics Finland's codes: three digits for a municipality, two for a county.
    code = models.CharField(_("statistics code"), max_length=4, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=100)
    name_sv = models.CharField(_("name in Swedish"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    bilingual = models.BooleanField(_("bilingual"), default=False)
    county = models.ForeignKey(
        "self",
        verbose_name=_("wellbeing services county"),
        on_delete=models.PROTECT,
        related_name="municipalities",
        limit_choices_to={"kind": Kind.COUNTY},
        null=True,
        blank=True,
    )

    objects = PublicBodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipality or wellbeing services county")
        verbose_name_plural = _("municipalities and wellbeing services counties")
        ordering = ["name_fi"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="municipality") | models.Q(county__isnull=True),
                name="public_body_county_is_a_municipality_s",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """Swedish users see the Swedish name; everyone else the Finnish one (the
        county has an English name of its own)."""
        return pick_language(self.name_fi, self.name_sv, self.name_en)

    @property
    def is_county(self) -> bool:
        return self.kind == self.Kind.COUNTY


class Unit(models.Model):
    """A unit (toimiala) of a municipality, e.g. welfare or education and culture."""

    municipality = models.ForeignKey(
        PublicBody,
        verbose_name=_("municipality or wellbeing services county"),
        on_delete=models.CASCADE,
        related_name="units",
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["municipality__name_fi", "name_fi"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name_fi"], name="unit_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality.name}: {self.name}"

    @property
    def name(self) -> str:
        return pick_language(self.name_fi, self.name_sv, self.name_en)


class Vocabulary(models.Model):
    """An entry of an editable list (themes, target groups), named in three languages."""

    slug = models.SlugField(_("identifier"), max_length=60, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=120)
    name_sv = models.CharField(_("name in Swedish"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name_fi"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_language(self.name_fi, self.name_sv, self.name_en)


class Theme(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class TargetGroup(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Organisation(models.Model):
    """An NGO: a registered association or an unregistered group (no business ID)."""

    class Size(models.TextChoices):
        # By paid staff: what the municipalities' grant statistics compare.
        VOLUNTEERS = "volunteers", _("volunteers only, no paid staff")
        SMALL = "small", _("1–4 employees")
        MEDIUM = "medium", _("5–19 employees")
        LARGE = "large", _("20 or more employees")

    name = models.CharField(_("name"), max_length=200)
    business_id = models.CharField(
        _("business ID"),
        max_length=9,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_business_id],
        help_text=_("Y-tunnus, e.g. 1234567-8. Leave empty for an unregistered group."),
    )
    municipalities = models.ManyToManyField(
        PublicBody,
        verbose_name=_("municipalities where it works"),
        related_name="organisations",
        limit_choices_to={"kind": "municipality"},
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), related_name="organisations", blank=True
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), related_name="organisations", blank=True
    )
    description_fi = models.TextField(_("description in Finnish"), max_length=5000, blank=True)
    description_sv = models.TextField(_("description in Swedish"), max_length=5000, blank=True)
    description_en = models.TextField(_("description in English"), max_length=5000, blank=True)
    size = models.CharField(
        _("size"), max_length=12, choices=Size.choices, blank=True, help_text=_("By paid staff.")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("post office"), max_length=100, blank=True)
    is_public = models.BooleanField(
        _("public profile"),
        default=True,
        help_text=_("A hidden profile is seen only by its members, officials and coordinators."),
    )
    confirmed_at = models.DateTimeField(_("last confirmed up to date"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["is_public", "name", "id"], name="org_public_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.business_id:
            self.business_id = normalise_business_id(self.business_id)
        else:
            self.business_id = None

    @property
    def description(self) -> str:
        return pick_language(self.description_fi, self.description_sv, self.description_en)

    @property
    def is_current(self) -> bool:
        """Confirmed up to date within the configured period."""
        if self.confirmed_at is None:
            return False
        age = timezone.now() - self.confirmed_at
        return age.days < settings.PROFILE_CURRENT_DAYS


class Membership(models.Model):
    """A user's place in an organisation. Every organisation keeps at least one admin."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("admin")
        MEMBER = "member", _("member")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN


class UsedFormToken(models.Model):
    """The one-time token of a form that creates something (a signal, an
    application, a booking), stored when the form's post is taken: the same
    form posted again, or twice at once, is refused by the unique index instead
    of storing the thing twice (cooperation.lib.once). Kept two days."""

    token = models.CharField(_("token"), max_length=64, unique=True)
    used_at = models.DateTimeField(_("used"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("used form token")
        verbose_name_plural = _("used form tokens")

    def __str__(self) -> str:
        return self.token


class JoinRequest(models.Model):
    """Someone asks to join an organisation that is already in the portal (they
    tried to add it again, with its business ID); its admins accept or decline."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="join_requests",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who asks"),
        on_delete=models.CASCADE,
        related_name="join_requests",
    )
    message = models.TextField(_("message to the admins"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    accepted = models.BooleanField(_("accepted"), null=True)

    class Meta:
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=models.Q(decided_at__isnull=True),
                name="join_request_one_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation}"


class Invitation(models.Model):
    """An invitation by e-mail to join an organisation. Only a hash of its token is kept."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            # One open invitation per address and organisation.
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=models.Q(accepted_at__isnull=True),
                name="invitation_one_open_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


class Official(models.Model):
    """A city official: belongs to one municipality and unit, holds one or more roles."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="official",
    )
    municipality = models.ForeignKey(
        PublicBody,
        verbose_name=_("municipality or wellbeing services county"),
        on_delete=models.PROTECT,
        related_name="officials",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="officials",
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        ordering = ["municipality__name_fi", "user__full_name"]

    def __str__(self) -> str:
        return f"{self.user} ({self.municipality})"


class OfficialRole(models.Model):
    """One role an official holds in their municipality."""

    class Role(models.TextChoices):
        NGO_TEAM = "ngo_team", _("NGO team")
        GRANT_OFFICER = "grant_officer", _("grant officer")
        FACILITY_MANAGER = "facility_manager", _("facility manager")
        LIAISON = "liaison", _("liaison person")

    official = models.ForeignKey(
        Official, verbose_name=_("official"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("official role")
        verbose_name_plural = _("official roles")
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint(fields=["official", "role"], name="official_role_unique"),
        ]

    def __str__(self) -> str:
        return self.get_role_display()


class AuditEvent(models.Model):
    """One line of an audit trail: who did what, and when, and the status it moved
    between. Each feature's trail (a signal's, an application's, an agreement's)
    adds the object it belongs to and its own list of actions."""

    at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]


class AccessibilityFeedback(models.Model):
    """Feedback on the portal's accessibility, which the accessibility statement
    invites (Act on the Provision of Digital Services 306/2019): answered within
    14 days by the contact named in settings.ACCESSIBILITY_FEEDBACK_EMAIL."""

    page_url = models.CharField(_("page"), max_length=500, blank=True)
    message = models.TextField(_("feedback"), max_length=3000)
    email = models.EmailField(_("e-mail for the answer"), blank=True)
    language = models.CharField(_("language"), max_length=5, default="fi")
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handling_note = models.TextField(_("what was done"), max_length=3000, blank=True)

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.message[:60]


class Brand(models.Model):
    """Whose portal this is, as the header shows it: the region's (or a single
    municipality's) name and logo, kept in the admin by the coordinators. One
    row at most; without it the header names settings.SITE_REGION_NAME."""

    name_fi = models.CharField(_("name in Finnish"), max_length=80)
    name_sv = models.CharField(_("name in Swedish"), max_length=80, blank=True)
    logo = models.FileField(
        _("logo"),
        upload_to="brand/",
        blank=True,
        help_text=_("A PNG or JPEG image, shown 40 pixels high beside the name."),
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("portal name and logo")
        verbose_name_plural = _("portal name and logo")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_language(self.name_fi, self.name_sv)


# The NGO-friendly municipality model lives in a folder of its own (cooperation/checklist/);
# Django finds its models here.
from .checklist.models import (  # noqa: E402, F401
    Answer,
    Assessment,
    AssessmentScore,
    ChecklistArea,
    ChecklistEdition,
    ChecklistTheme,
    Criterion,
    DevelopmentTarget,
    Evidence,
    ForumEvent,
    ForumRegistration,
    GuidingDocument,
    NgoRating,
    NgoResponse,
    StatutoryCouncil,
)

# Notices to people (cooperation/notices/).
from .notices.models import Delivery, Notice, NoticePreference  # noqa: E402, F401
