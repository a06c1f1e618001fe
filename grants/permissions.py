"""Who may see and do what with grants. Views, selectors and the admin ask here.

- anyone reads published calls, their guidelines and published decisions;
- NGO staff see their own organisations' applications; any member writes a
  draft, only an organisation admin submits or withdraws it;
- grant officers of a municipality handle its calls: screening, asking for
  more, decisions, payments, reports; they never see other NGOs' drafts;
- a network's reviewer members see the applications of calls sent to their
  network (and only after submission) and endorse them;
- a call's reviewers see and score only that call's applications;
- coordinators see the whole region, read-only.
Forbidden objects are answered with 404 by the caller.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Model, Q, QuerySet

from cooperation.models import Membership, OfficialRole, Organisation
from cooperation.permissions import (
    has_official_role,
    is_active_user,
    is_coordinator,
    official_municipality_id,
)

from .models import (
    AppealInstructions,
    Application,
    ApplicationAttachment,
    ApplicationEvent,
    Criterion,
    GrantCall,
    Network,
    Review,
    UseReport,
)

if TYPE_CHECKING:
    from cooperation.permissions import AnyUser

GRANT_OFFICER = OfficialRole.Role.GRANT_OFFICER


# --- Calls -----------------------------------------------------------------


def calls_visible_to(user: AnyUser, queryset: QuerySet[GrantCall] | None = None):
    """Published calls for everyone; a grant officer also sees the municipality's
    unpublished ones (being prepared)."""
    queryset = GrantCall.objects.all() if queryset is None else queryset
    condition = Q(is_published=True)
    municipality_id = official_municipality_id(user)
    if municipality_id is not None and has_official_role(user, GRANT_OFFICER, municipality_id):
        condition |= Q(municipality_id=municipality_id)
    return queryset.filter(condition)


def is_grant_officer_of(user: AnyUser, municipality_id: int) -> bool:
    return has_official_role(user, GRANT_OFFICER, municipality_id)


def can_manage_call(user: AnyUser, call: GrantCall) -> bool:
    return is_grant_officer_of(user, call.municipality_id)


# --- Applications ----------------------------------------------------------


def applying_organisations(user: AnyUser) -> QuerySet[Organisation]:
    """Organisations the user may write applications for: every one they belong to."""
    if not is_active_user(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user_id=user.pk).order_by("name")


def _membership(user: AnyUser, organisation_id: int) -> Membership | None:
    if not is_active_user(user):
        return None
    return Membership.objects.filter(user_id=user.pk, organisation_id=organisation_id).first()


def is_applicant(user: AnyUser, application: Application) -> bool:
    return _membership(user, application.organisation_id) is not None


def can_edit_application(user: AnyUser, application: Application) -> bool:
    """Any member of the organisation continues a draft or a reopened part."""
    return application.is_editable and is_applicant(user, application)


def can_submit_application(user: AnyUser, application: Application) -> bool:
    """Only an admin of the organisation submits (and withdraws) for it."""
    membership = _membership(user, application.organisation_id)
    return membership is not None and membership.is_admin


def applications_visible_to(user: AnyUser, queryset: QuerySet[Application] | None = None):
    """NGO staff: their organisations' applications, drafts included. Officials,
    networks and reviewers: submitted applications within their remit only."""
    queryset = Application.objects.all() if queryset is None else queryset
    if not is_active_user(user):
        return queryset.none()
    # Each route is a subquery on its own small table (memberships, calls), never
    # a join: joins would repeat rows and, ORed together, keep PostgreSQL from
    # using the indexes of the applications (a list of 20,000 took 140 ms).
    own = Q(organisation_id__in=Membership.objects.filter(user=user).values("organisation_id"))
    submitted = ~Q(status=Application.Status.DRAFT)
    if is_coordinator(user):
        return queryset.filter(own | submitted)
    calls = GrantCall.objects.filter(Q(network__members=user) | Q(reviewers=user))
    municipality_id = official_municipality_id(user)
    if municipality_id is not None and is_grant_officer_of(user, municipality_id):
        calls = GrantCall.objects.filter(
            Q(municipality_id=municipality_id) | Q(network__members=user) | Q(reviewers=user)
        )
    return queryset.filter(own | (submitted & Q(call_id__in=calls.values("pk"))))


def can_handle_application(user: AnyUser, application: Application) -> bool:
    """Screening, asking for more, deciding, marking paid: the call's grant officers."""
    return is_grant_officer_of(user, application.call.municipality_id)


def can_join_review(user: AnyUser, application: Application) -> bool:
    """A grant officer of the call, when the call lets officers score, who is not
    a reviewer yet."""
    return (
        application.call.officers_review
        and application.status == Application.Status.IN_REVIEW
        and can_handle_application(user, application)
        and not can_review(user, application)
    )


def can_reopen_endorsement(user: AnyUser, application: Application) -> bool:
    return application.status == Application.Status.NOT_ENDORSED and can_endorse(user, application)


def can_endorse(user: AnyUser, application: Application) -> bool:
    call = application.call
    return (
        is_active_user(user)
        and call.requires_endorsement
        and call.network_id is not None
        and Network.members.through.objects.filter(
            network_id=call.network_id, user_id=user.pk
        ).exists()
    )


def can_review(user: AnyUser, application: Application) -> bool:
    return (
        is_active_user(user)
        and GrantCall.reviewers.through.objects.filter(
            grantcall_id=application.call_id, user_id=user.pk
        ).exists()
    )


def can_see_all_reviews(user: AnyUser, application: Application) -> bool:
    """The officer sees every review; a reviewer sees the others' only after
    submitting their own (unless GRANT_HIDE_SCORES_UNTIL_REVIEWED is off)."""
    if can_handle_application(user, application) or is_coordinator(user):
        return True
    if not can_review(user, application):
        return False
    if not settings.GRANT_HIDE_SCORES_UNTIL_REVIEWED:
        return True
    return Review.objects.filter(
        application=application, reviewer_id=user.pk, submitted_at__isnull=False
    ).exists()


def can_see_decision(user: AnyUser, application: Application) -> bool:
    return (
        is_applicant(user, application)
        or can_handle_application(user, application)
        or is_coordinator(user)
    )


def can_see_unpublished_decisions(user: AnyUser, call: GrantCall) -> bool:
    return can_manage_call(user, call) or is_coordinator(user)


def can_write_report(user: AnyUser, report: UseReport) -> bool:
    return is_applicant(user, report.application)


def can_review_report(user: AnyUser, report: UseReport) -> bool:
    return can_handle_application(user, report.application)


def can_view_report(user: AnyUser, report: UseReport) -> bool:
    return can_write_report(user, report) or can_review_report(user, report) or is_coordinator(user)


# --- Admin -----------------------------------------------------------------

_OFFICER_EDITABLE = {GrantCall, Criterion, Network, AppealInstructions}
_READABLE = {*_OFFICER_EDITABLE, Application, ApplicationEvent, UseReport, ApplicationAttachment}


def can_export_statistics(user: AnyUser) -> bool:
    """The statistics page is public (published decisions only); its PDF is a report
    for coordinators and grant officers to take to their boards."""
    return is_coordinator(user) or has_official_role(user, GRANT_OFFICER)


def officer_municipality(user: AnyUser) -> int | None:
    """The municipality whose grants the user handles as its grant officer, if any."""
    municipality_id = official_municipality_id(user)
    if municipality_id is not None and is_grant_officer_of(user, municipality_id):
        return municipality_id
    return None


def admin_can_view(user: AnyUser, model: type[Model]) -> bool:
    if not is_active_user(user) or model not in _READABLE:
        return False
    return user.is_superuser or is_coordinator(user) or officer_municipality(user) is not None


def admin_can_change(user: AnyUser, model: type[Model], obj: Any = None) -> bool:
    """Grant officers keep their municipality's calls, criteria and networks.
    Applications change only through the services (the officer's pages)."""
    if user.is_superuser and model in _OFFICER_EDITABLE:
        return True
    municipality_id = officer_municipality(user)
    if municipality_id is None or model not in _OFFICER_EDITABLE:
        return False
    if obj is None:
        return True
    owner = obj.call if isinstance(obj, Criterion) else obj
    return owner.municipality_id == municipality_id


def admin_queryset(user: AnyUser, model: type[Model], queryset: QuerySet) -> QuerySet:
    if not admin_can_view(user, model):
        return queryset.none()
    if user.is_superuser or is_coordinator(user):
        return queryset
    municipality_id = officer_municipality(user)
    if model in (GrantCall, Network, AppealInstructions):
        return queryset.filter(municipality_id=municipality_id)
    if model is Criterion:
        return queryset.filter(call__municipality_id=municipality_id)
    scope = {
        Application: "call__municipality_id",
        ApplicationEvent: "application__call__municipality_id",
        ApplicationAttachment: "application__call__municipality_id",
        UseReport: "application__call__municipality_id",
    }[model]
    queryset = queryset.filter(**{scope: municipality_id})
    status_field = "status" if model is Application else "application__status"
    return queryset.exclude(**{status_field: Application.Status.DRAFT})
