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
Forbidden objects are answered with 404 by the caller.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from cooperation.models import Membership
from cooperation.permissions import is_coordinator, official_municipality_id

from .models import Agreement, AgreementDocument, Commitment, FollowUpRound

if TYPE_CHECKING:
    from cooperation.permissions import AnyUser


def _active(user: AnyUser) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _party_organisation_ids(user: AnyUser):
    return Membership.objects.filter(user_id=user.pk).values("organisation_id")


def public_agreements(queryset: QuerySet[Agreement] | None = None) -> QuerySet[Agreement]:
    queryset = Agreement.objects.all() if queryset is None else queryset
    return queryset.filter(status__in=Agreement.PUBLIC_STATUSES)


def agreements_visible_to(user: AnyUser, queryset: QuerySet[Agreement] | None = None):
    """Every agreement whose internal parts the user may see."""
    queryset = Agreement.objects.all() if queryset is None else queryset
    if not _active(user):
        return queryset.none()
    if is_coordinator(user):
        return queryset
    # Subqueries, not joins: no repeated rows, and the register's indexes stay usable.
    condition = Q(
        pk__in=Agreement.organisations.through.objects.filter(
            organisation_id__in=_party_organisation_ids(user)
        ).values("agreement_id")
    )
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
    if not _active(user):
        return False
    return agreement.organisations.filter(memberships__user_id=user.pk).exists()


def can_report(user: AnyUser, commitment: Commitment) -> bool:
    """Each side reports on its own commitments."""
    if commitment.organisation_id is None:
        return is_official_of(user, commitment.agreement)
    return (
        _active(user)
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
