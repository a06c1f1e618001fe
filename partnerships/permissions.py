"""Who may see and do what with partnership agreements. Views, selectors and the
admin ask here.

- anyone reads the public register: agreements in force, ended or terminated,
  with their public summary and public documents;
- the NGOs that are parties, the municipality's officials and coordinators also
  see the internal parts: commitments, follow-up, confidential documents,
  drafts and the audit trail;
- the municipality's officials keep the register (create, amend, change status,
  open and close follow-ups); coordinators read the whole region;
- in a follow-up each side reports on its own commitments: the municipality's
  officials on the municipality's, an organisation's members on theirs; both
  sides comment.

Facilities:
- anyone reads the catalogue of bookable spaces and their busy times (never
  who booked);
- an organisation's members request bookings for it, see its bookings and
  cancel them; nobody else sees them except the space's managers;
- a facility manager (the official role) decides on the bookings of their own
  municipality's spaces and keeps those spaces in the admin.

Partnership statements for outside funding:
- an organisation's members write its requests (drafts are theirs alone) and,
  once the statement is given, record the funder's decision;
- the body's network members see the requests sent to their network and
  endorse them; the body's officials see every request sent to the body and
  answer those the network endorsed (or that needed no endorsement);
  coordinators read the region's sent requests. Nobody decides on their own
  organisation's request (the services refuse, see Disqualified).
Forbidden objects are answered with 404 by the caller.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from cooperation.lib.queries import related_ids
from cooperation.models import Membership, OfficialRole, Organisation, User
from cooperation.permissions import (
    has_official_role,
    is_active_user,
    is_coordinator,
    official_municipality_id,
)

from .models import (
    Agreement,
    AgreementDocument,
    Booking,
    BookingSeries,
    Commitment,
    FollowUpRound,
    Space,
    StatementRequest,
)

if TYPE_CHECKING:
    from cooperation.permissions import AnyUser


def _party_organisation_ids(user: User):
    return Membership.objects.filter(user_id=user.pk).values("organisation_id")


def public_agreements(queryset: QuerySet[Agreement] | None = None) -> QuerySet[Agreement]:
    queryset = Agreement.objects.all() if queryset is None else queryset
    return queryset.filter(status__in=Agreement.PUBLIC_STATUSES)


def agreements_visible_to(user: AnyUser, queryset: QuerySet[Agreement] | None = None):
    """Every agreement whose internal parts the user may see."""
    queryset = Agreement.objects.all() if queryset is None else queryset
    if not is_active_user(user):
        return queryset.none()
    if is_coordinator(user):
        return queryset
    # Subqueries, not joins: no repeated rows, and the register's indexes stay usable.
    condition = Q(pk__in=related_ids(Agreement, "organisations", _party_organisation_ids(user)))
    municipality_id = official_municipality_id(user)
    if municipality_id is not None:
        condition |= Q(municipality_id=municipality_id)
    return queryset.filter(condition)


def sees_internal(user: AnyUser, agreement: Agreement) -> bool:
    return agreements_visible_to(user).filter(pk=agreement.pk).exists()


def can_view(user: AnyUser, agreement: Agreement) -> bool:
    return agreement.is_public or sees_internal(user, agreement)


def is_official_of(user: AnyUser, agreement: Agreement) -> bool:
    municipality_id = official_municipality_id(user)
    return municipality_id is not None and municipality_id == agreement.municipality_id


def can_create(user: AnyUser) -> bool:
    return official_municipality_id(user) is not None


def can_manage(user: AnyUser, agreement: Agreement) -> bool:
    """Keep the agreement: edit, amend, status, documents, follow-up rounds."""
    return is_official_of(user, agreement)


def is_party_member(user: AnyUser, agreement: Agreement) -> bool:
    if not is_active_user(user):
        return False
    return agreement.organisations.filter(memberships__user_id=user.pk).exists()


def can_report(user: AnyUser, commitment: Commitment) -> bool:
    """Each side reports on its own commitments."""
    if commitment.organisation_id is None:
        return is_official_of(user, commitment.agreement)
    return (
        is_active_user(user)
        and Membership.objects.filter(
            user_id=user.pk, organisation_id=commitment.organisation_id
        ).exists()
    )


def can_comment(user: AnyUser, round: FollowUpRound) -> bool:
    agreement = round.agreement
    return is_official_of(user, agreement) or is_party_member(user, agreement)


def documents_visible_to(user: AnyUser, agreement: Agreement) -> QuerySet[AgreementDocument]:
    documents = agreement.documents.all()
    if sees_internal(user, agreement):
        return documents
    if agreement.is_public:
        return documents.filter(is_public=True)
    return documents.none()


def can_export_register(user: AnyUser) -> bool:
    """The board report of a municipality's register: its officials and coordinators."""
    return is_coordinator(user) or official_municipality_id(user) is not None


def can_submit_annual_report(user: AnyUser, agreement: Agreement) -> bool:
    """The yearly report and plan come from the NGO that is the party."""
    return is_party_member(user, agreement)


# --- Facilities ------------------------------------------------------------


def managed_municipality_id(user: AnyUser) -> int | None:
    """The municipality whose spaces the user manages, if they are its facility manager."""
    municipality_id = official_municipality_id(user)
    if municipality_id is None:
        return None
    if not has_official_role(user, OfficialRole.Role.FACILITY_MANAGER, municipality_id):
        return None
    return municipality_id


def manages_space(user: AnyUser, space: Space) -> bool:
    municipality_id = managed_municipality_id(user)
    return municipality_id is not None and municipality_id == space.municipality_id


def spaces_managed_by(user: AnyUser, queryset: QuerySet[Space] | None = None) -> QuerySet[Space]:
    queryset = Space.objects.all() if queryset is None else queryset
    municipality_id = managed_municipality_id(user)
    if municipality_id is None:
        return queryset.none()
    return queryset.filter(municipality_id=municipality_id)


def catalogue_spaces(user: AnyUser, queryset: QuerySet[Space] | None = None) -> QuerySet[Space]:
    """Bookable spaces for everyone; a manager also sees their own that are not."""
    queryset = Space.objects.all() if queryset is None else queryset
    municipality_id = managed_municipality_id(user)
    if municipality_id is None:
        return queryset.filter(is_active=True)
    return queryset.filter(Q(is_active=True) | Q(municipality_id=municipality_id))


def booking_organisations(user: AnyUser) -> QuerySet[Organisation]:
    """The organisations the user may book for: those they are a member of."""
    if not is_active_user(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user_id=user.pk).order_by("name")


def can_book(user: AnyUser, space: Space) -> bool:
    return space.is_active and booking_organisations(user).exists()


def bookings_visible_to(user: AnyUser, queryset: QuerySet[Booking] | None = None):
    """The user's organisations' bookings, and every booking of the spaces they manage."""
    queryset = Booking.objects.all() if queryset is None else queryset
    if not is_active_user(user):
        return queryset.none()
    condition = Q(organisation_id__in=_party_organisation_ids(user))
    municipality_id = managed_municipality_id(user)
    if municipality_id is not None:
        condition |= Q(space__municipality_id=municipality_id)
    return queryset.filter(condition)


def series_visible_to(user: AnyUser, queryset: QuerySet[BookingSeries] | None = None):
    queryset = BookingSeries.objects.all() if queryset is None else queryset
    if not is_active_user(user):
        return queryset.none()
    condition = Q(organisation_id__in=_party_organisation_ids(user))
    municipality_id = managed_municipality_id(user)
    if municipality_id is not None:
        condition |= Q(space__municipality_id=municipality_id)
    return queryset.filter(condition)


def is_booker(user: AnyUser, booking: Booking | BookingSeries) -> bool:
    """A member of the organisation the booking is for."""
    return (
        is_active_user(user)
        and Membership.objects.filter(
            user_id=user.pk, organisation_id=booking.organisation_id
        ).exists()
    )


def can_cancel_booking(user: AnyUser, booking: Booking | BookingSeries) -> bool:
    """The NGO cancels its own bookings; the manager declines rather than cancels."""
    return is_booker(user, booking)


def can_decide_booking(user: AnyUser, booking: Booking | BookingSeries) -> bool:
    return manages_space(user, booking.space)


def can_use_feed(user: AnyUser, organisation: Organisation) -> bool:
    """See or replace the secret address of the organisation's booking calendar."""
    return (
        is_active_user(user)
        and Membership.objects.filter(user_id=user.pk, organisation_id=organisation.pk).exists()
    )


# --- Partnership statements ------------------------------------------------


def statement_organisations(user: AnyUser) -> QuerySet[Organisation]:
    """The organisations the user may ask statements for: those they are a member of."""
    return booking_organisations(user)


def can_request_statement(user: AnyUser) -> bool:
    return statement_organisations(user).exists()


def statements_visible_to(user: AnyUser, queryset: QuerySet[StatementRequest] | None = None):
    """The organisation's own requests (drafts included); for the body's officials,
    its network's members and coordinators, the requests that were sent."""
    queryset = StatementRequest.objects.all() if queryset is None else queryset
    if not is_active_user(user):
        return queryset.none()
    condition = Q(organisation_id__in=_party_organisation_ids(user))
    sent = ~Q(status=StatementRequest.Status.DRAFT)
    if is_coordinator(user):
        return queryset.filter(condition | sent)
    municipality_id = official_municipality_id(user)
    if municipality_id is not None:
        condition |= sent & Q(municipality_id=municipality_id)
    # The networks are the grants app's; reached through the user, not imported.
    condition |= sent & Q(network_id__in=user.grant_networks.values("pk"))
    return queryset.filter(condition)


def is_requester(user: AnyUser, request: StatementRequest) -> bool:
    return (
        is_active_user(user)
        and Membership.objects.filter(
            user_id=user.pk, organisation_id=request.organisation_id
        ).exists()
    )


def can_edit_statement_request(user: AnyUser, request: StatementRequest) -> bool:
    return request.status == StatementRequest.Status.DRAFT and is_requester(user, request)


def can_endorse_statement(user: AnyUser, request: StatementRequest) -> bool:
    network = request.network
    return (
        request.status == StatementRequest.Status.SUBMITTED
        and network is not None
        and is_active_user(user)
        and network.members.filter(pk=user.pk).exists()
    )


def can_answer_statement(user: AnyUser, request: StatementRequest) -> bool:
    """Give the statement or decline: the body's officials, once it is their turn."""
    return (
        request.status == StatementRequest.Status.IN_PROCESSING
        and official_municipality_id(user) == request.municipality_id
    )


def can_record_statement_decision(user: AnyUser, request: StatementRequest) -> bool:
    return request.status == StatementRequest.Status.GIVEN and is_requester(user, request)


def can_print_statement(user: AnyUser, request: StatementRequest) -> bool:
    return request.has_statement and statements_visible_to(user).filter(pk=request.pk).exists()


# --- The admin: the catalogue is kept there by the facility managers --------

_ADMIN_MODELS = (Space,)


def admin_can_view(user: AnyUser, model) -> bool:
    if not is_active_user(user) or model not in _ADMIN_MODELS:
        return False
    return user.is_superuser or managed_municipality_id(user) is not None


def admin_can_change(user: AnyUser, model, obj=None) -> bool:
    if not admin_can_view(user, model):
        return False
    if user.is_superuser or obj is None:
        return True
    return manages_space(user, obj)


def admin_queryset(user: AnyUser, model, queryset: QuerySet) -> QuerySet:
    if not admin_can_view(user, model):
        return queryset.none()
    if user.is_superuser:
        return queryset
    return spaces_managed_by(user, queryset)
