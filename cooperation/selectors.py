"""Every non-trivial read of the core, scoped by cooperation.permissions."""

from __future__ import annotations

from collections.abc import Iterator

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import extensions, permissions
from .filters import OrganisationDirectoryFilter
from .lib.formats import day
from .models import (
    Brand,
    Invitation,
    Membership,
    Official,
    OfficialRole,
    Organisation,
    PublicBody,
    User,
)


def _with_lists(queryset: QuerySet[Organisation]) -> QuerySet[Organisation]:
    return queryset.prefetch_related("municipalities", "themes", "target_groups")


def organisation_directory(
    *, user, params: QueryDict
) -> tuple[OrganisationDirectoryFilter, QuerySet]:
    """The NGO directory as the user may see it, filtered by the query parameters.

    Returns the bound FilterSet (for the form) and the queryset, ordered by name,
    with the lists shown beside each organisation prefetched. An invalid filter
    value is reported on the form and ignored.
    """
    visible = permissions.organisations_visible_to(user)
    filterset = OrganisationDirectoryFilter(params or None, queryset=visible)
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else visible
    # The list shows municipalities and themes (target groups only on the profile),
    # fetched as plain lists: a related manager per card costs more than the query.
    queryset = queryset.order_by("name", "id").prefetch_related(
        Prefetch("municipalities", to_attr="municipality_list"),
        Prefetch("themes", to_attr="theme_list"),
    )
    return filterset, queryset


def organisation_get_visible(*, user, pk: int) -> Organisation:
    """One organisation the user may see, or 404."""
    queryset = _with_lists(permissions.organisations_visible_to(user))
    try:
        return queryset.get(pk=pk)
    except Organisation.DoesNotExist:
        raise Http404 from None


def membership_get_own(*, user, organisation_pk: int) -> Membership:
    """The user's own membership of an organisation, or 404 (self-service pages)."""
    membership = (
        Membership.objects.select_related("organisation")
        .filter(user_id=user.pk, organisation_id=organisation_pk)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("-role", "user__full_name", "user__email")
    )


def organisation_open_invitations(*, organisation: Organisation) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        organisation=organisation, accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("invited_by")


def memberships_of_user(*, user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user_id=user.pk)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def official_with_roles(*, user: User) -> Official | None:
    official = permissions.official_for(user)
    if official is None:
        return None
    # Fill the cache of the roles once, for templates (an attribute of this
    # request's Official, not a field).
    official.__dict__["role_list"] = list(official.roles.all())
    return official


def region_summary() -> dict:
    """Counts shown on the front page, remembered for a while
    (settings.FRONT_PAGE_CACHE_SECONDS): counting every public organisation on each
    visit would grow with the region."""

    def compute() -> dict:
        return {
            "organisations": Organisation.objects.filter(is_public=True).count(),
            "municipalities": PublicBody.objects.municipalities().count(),
        }

    # A cache that is away (Redis down) answers None: count then.
    return (
        cache.get_or_set("region_summary", compute, settings.FRONT_PAGE_CACHE_SECONDS) or compute()
    )


BRAND_CACHE_KEY = "brand"


def brand() -> dict:
    """The portal's name and logo as the header shows them, read from the cache:
    every page shows them, and they change perhaps once a year
    (services.brand_changed forgets them). A dict so that the cache can keep it:
    name_fi, name_sv, and logo_version (0 when there is no logo)."""
    found = cache.get(BRAND_CACHE_KEY)
    if found is not None:
        return found
    row = Brand.objects.first()
    if row is None:
        found = brand_default()
    else:
        found = {
            "name_fi": row.name_fi,
            "name_sv": row.name_sv,
            "logo_version": int(row.updated_at.timestamp()) if row.logo else 0,
        }
    cache.set(BRAND_CACHE_KEY, found, None)
    return found


def brand_default() -> dict:
    """Before the coordinators give a name: the setting's, no logo."""
    return {"name_fi": settings.SITE_REGION_NAME, "name_sv": "", "logo_version": 0}


def brand_logo() -> Brand | None:
    return Brand.objects.exclude(logo="").first()


# --- Personal data -----------------------------------------------------------


def personal_data_export(*, user: User) -> dict:
    """Everything the portal keeps about the user, per app, for their own download
    (the right of access, GDPR art. 15, and to data portability, art. 20)."""
    data: dict = {"exported_at": timezone.now().isoformat(), "account_id": user.pk}
    for provider in extensions.personal_data_providers():
        data[provider.name] = provider.export(user)
    return data


def organisations_left_without_admin(*, user: User) -> list[Organisation]:
    """The organisations where the user is the only admin: deleting the account
    leaves them without one."""
    admin = Membership.Role.ADMIN
    # A subquery, not a join on memberships: the counts must see every membership.
    administered = Membership.objects.filter(user=user, role=admin).values("organisation_id")
    return list(
        Organisation.objects.filter(pk__in=administered)
        .annotate(
            admins=Count("memberships", filter=Q(memberships__role=admin)),
            members=Count("memberships"),
        )
        .filter(admins=1)
        .order_by("name")
    )


# --- The desk ------------------------------------------------------------------


def desk(user) -> list[extensions.DeskGroup]:
    """Everything waiting for the user, from the core and every feature app."""
    return extensions.desk_groups(user)


def desk_core(user) -> Iterator[extensions.DeskGroup | None]:
    """The core's part of the desk: invitations for anyone, and for coordinators
    the municipalities where no one would receive the NGOs' work."""
    if not permissions.is_active_user(user):
        return
    verified = verified_addresses(user)
    if verified:
        yield extensions.desk_group(
            "invitations",
            _("Invitations to join an organisation"),
            Invitation.objects.filter(
                email__in=verified, accepted_at__isnull=True, expires_at__gt=timezone.now()
            )
            .select_related("organisation")
            .order_by("created_at", "id"),
            lambda invitation: extensions.DeskItem(
                invitation.organisation.name,
                reverse("cooperation:invitation_open", args=[invitation.pk]),
                when=_("sent %(date)s") % {"date": day(invitation.created_at)},
            ),
        )
    if permissions.member_organisation_ids(user):
        yield extensions.desk_group(
            "join_requests",
            _("Requests to join your organisation"),
            permissions.join_requests_to_decide(user)
            .select_related("user", "organisation")
            .order_by("created_at", "id"),
            lambda join: extensions.DeskItem(
                str(join.user),
                reverse("cooperation:my_organisation", args=[join.organisation_id]),
                detail=join.organisation.name,
                when=_("asked %(date)s") % {"date": day(join.created_at)},
            ),
        )
    if permissions.is_coordinator(user):
        for key, role, heading in (
            ("no_ngo_team", OfficialRole.Role.NGO_TEAM, _("Municipalities with no NGO team")),
            ("no_liaison", OfficialRole.Role.LIAISON, _("Municipalities with no liaison person")),
        ):
            yield extensions.desk_group(
                key,
                heading,
                permissions.municipalities_without(role).order_by(shown_name_field(), "pk"),
                _municipality_item(role),
                more_url=reverse("admin:cooperation_official_changelist"),
            )


def verified_addresses(user) -> set[str]:
    """The user's verified e-mail addresses, lower-cased."""
    if not permissions.is_active_user(user):
        return set()
    addresses = EmailAddress.objects.filter(user=user, verified=True).values_list(
        "email", flat=True
    )
    return {address.lower() for address in addresses}


def open_invitation_for(user, pk: int) -> Invitation | None:
    """An open invitation to one of the user's verified addresses."""
    verified = verified_addresses(user)
    if not verified:
        return None
    return (
        Invitation.objects.select_related("organisation")
        .filter(pk=pk, email__in=verified, accepted_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )


def _municipality_item(role: str):
    changelist = reverse("admin:cooperation_official_changelist")

    def item(municipality: PublicBody) -> extensions.DeskItem:
        return extensions.DeskItem(
            municipality.name,
            f"{changelist}?municipality__id__exact={municipality.pk}",
            detail=_("Add an official with this role in the administration."),
        )

    return item


def shown_name_field() -> str:
    """The name field people read in the active language: lists sort by it."""
    return "name_sv" if get_language() == "sv" else "name_fi"


# --- Who is told -------------------------------------------------------------


def holders_of(role: str, municipality_id: int) -> list[User]:
    """Active officials of the municipality with the role."""
    return list(
        User.objects.filter(
            is_active=True,
            official__municipality_id=municipality_id,
            official__roles__role=role,
        ).distinct()
    )


def coordinators() -> list[User]:
    return list(User.objects.filter(is_active=True, is_coordinator=True))


def holders_or_coordinators(role: str, municipality_id: int) -> list[User]:
    """Whoever holds the role in the municipality; while no one does, the
    region's coordinators, so that the work does not stop unseen (they also see
    the municipality on their desk)."""
    return holders_of(role, municipality_id) or coordinators()
