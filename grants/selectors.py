"""Reads of the grants app. Each returns what the caller may see, with the related
rows it will show already fetched (the query count does not grow with rows)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation import permissions as core_permissions
from cooperation.extensions import (
    DeskItem,
    EvidenceSuggestion,
    EvidenceTopic,
    NeedAnswer,
    desk_group,
)
from cooperation.lib import summaries
from cooperation.lib.formats import day, money, need_result
from cooperation.models import Organisation, PublicBody, Theme

from . import permissions
from .models import (
    Application,
    ApplicationAttachment,
    ApplicationEvent,
    Endorsement,
    GrantCall,
    Review,
    Score,
    UseReport,
    UseReportNeedResult,
)

S = Application.Status
UNDECIDED = (S.SUBMITTED, S.INFO_REQUESTED, S.ENDORSED, S.IN_REVIEW)


# --- Calls -----------------------------------------------------------------


def calls_for_listing(user, *, now: datetime | None = None) -> dict[str, list[GrantCall]]:
    """Open, upcoming and recently closed calls (the last year), for the public list."""
    now = now or timezone.now()
    calls = (
        permissions.calls_visible_to(user)
        .filter(closes_at__gte=now - timedelta(days=365))
        .select_related("municipality")
        .order_by("closes_at", "pk")
    )
    grouped: dict[str, list[GrantCall]] = {"open": [], "upcoming": [], "closed": []}
    for call in calls:
        if call.opens_at > now:
            grouped["upcoming"].append(call)
        elif call.closes_at > now:
            grouped["open"].append(call)
        else:
            grouped["closed"].append(call)
    grouped["closed"].reverse()
    return grouped


def call_for(user, pk: int) -> GrantCall:
    call = (
        permissions.calls_visible_to(user)
        .select_related("municipality", "network")
        .prefetch_related(
            "criteria",
            "units",
            "needs",
            Prefetch(
                "challenges",
                queryset=GrantCall.challenges.field.related_model._default_manager.select_related(
                    "edition__municipality"
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if call is None:
        raise Http404
    return call


@dataclass
class CalendarRow:
    municipality: str
    months: list[list[GrantCall]] = field(default_factory=lambda: [[] for _ in range(12)])


def calendar(user, year: int) -> list[CalendarRow]:
    """Per municipality, the calls that open in each month of `year`."""
    calls = (
        permissions.calls_visible_to(user)
        .filter(opens_at__year=year)
        .select_related("municipality")
        .order_by("municipality__name_fi", "opens_at", "pk")
    )
    rows: dict[int, CalendarRow] = {}
    for call in calls:
        row = rows.setdefault(call.municipality_id, CalendarRow(call.municipality.name))
        row.months[timezone.localtime(call.opens_at).month - 1].append(call)
    return list(rows.values())


def published_decisions(call: GrantCall) -> QuerySet[Application]:
    """The decisions of a call as published: granted applications with the organisation."""
    return (
        Application.objects.filter(call=call, status__in=(S.GRANTED, S.PAID))
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


def decision_list(call: GrantCall) -> list[Application]:
    """Every decision of a call, as a board lists them (päätösluettelo): granted,
    rejected and not eligible alike, by organisation."""
    return list(
        Application.objects.filter(
            call=call, status__in=(S.GRANTED, S.PAID, S.REJECTED, S.INELIGIBLE)
        )
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


# --- Applications ----------------------------------------------------------


def application_list_for(
    user, *, call_id=None, status=None, query: str = ""
) -> QuerySet[Application]:
    applications = permissions.applications_visible_to(user).select_related(
        "organisation", "call__municipality"
    )
    if call_id:
        applications = applications.filter(call_id=call_id)
    if status:
        applications = applications.filter(status=status)
    if query:
        applications = applications.filter(
            Q(reference__iexact=query)
            | Q(title__icontains=query)
            | Q(organisation__name__icontains=query)
        )
    return applications.order_by("-submitted_at", "-pk")


def application_for(user, pk: int) -> Application:
    """One application the user may see, with everything its page shows."""
    application = (
        permissions.applications_visible_to(user)
        .select_related(
            "organisation",
            "call__municipality",
            "call__network",
            "created_by",
            "submitted_by",
            "decided_by",
        )
        .prefetch_related(
            "budget_lines",
            "target_groups",
            "themes",
            "municipalities",
            Prefetch(
                "attachments", queryset=ApplicationAttachment.objects.select_related("uploaded_by")
            ),
            Prefetch("events", queryset=ApplicationEvent.objects.select_related("actor")),
            "call__criteria",
        )
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise Http404
    return application


def attachment_for(user, pk: int) -> ApplicationAttachment:
    attachment = (
        ApplicationAttachment.objects.filter(
            pk=pk, application__in=permissions.applications_visible_to(user)
        )
        .select_related("application")
        .first()
    )
    if attachment is None:
        raise Http404
    return attachment


@dataclass
class CriterionScores:
    criterion: object
    average: Decimal | None
    scores: list[Score]


@dataclass
class ReviewSummary:
    reviews: list[Review]
    criteria: list[CriterionScores]
    weighted_average: Decimal | None
    own: Review | None


@dataclass(frozen=True)
class ReviewerProgress:
    reviewer: Any
    state: str  # "not_started", "draft" or "submitted"
    when: Any = None


def endorsement_statements(application: Application) -> list[Endorsement]:
    """The network members' statements of the current round, oldest first."""
    return list(application.endorsements.select_related("member"))


def reviewer_progress(application: Application) -> list[ReviewerProgress]:
    """Each reviewer of the call and what they have done with this application
    (two queries however many there are)."""
    reviews = {
        review.reviewer_id: review
        for review in Review.objects.filter(application=application).only(
            "reviewer_id", "submitted_at", "updated_at"
        )
    }
    progress = []
    for reviewer in application.call.reviewers.order_by("full_name", "email"):
        review = reviews.get(reviewer.pk)
        if review is None:
            progress.append(ReviewerProgress(reviewer, "not_started"))
        elif review.submitted_at:
            progress.append(ReviewerProgress(reviewer, "submitted", review.submitted_at))
        else:
            progress.append(ReviewerProgress(reviewer, "draft", review.updated_at))
    return progress


def review_summary(user, application: Application) -> ReviewSummary:
    """The submitted reviews and averages the user may see, and the user's own review.

    Averages leave out "not applicable"; the weighted average weighs each
    criterion's average by its weight."""
    reviews = list(
        Review.objects.filter(application=application)
        .select_related("reviewer")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
    )
    own = next((review for review in reviews if review.reviewer_id == user.pk), None)
    if permissions.can_see_all_reviews(user, application):
        visible = [review for review in reviews if review.submitted_at]
    else:
        visible = []
    by_criterion: dict[int, list[Score]] = defaultdict(list)
    for review in visible:
        for score in review.scores.all():
            by_criterion[score.criterion_id].append(score)
    rows = []
    weighted_sum = Decimal(0)
    weights = 0
    for criterion in application.call.criteria.all():
        values = [score.value for score in by_criterion[criterion.pk] if score.value is not None]
        average = (Decimal(sum(values)) / len(values)).quantize(Decimal("0.01")) if values else None
        if average is not None:
            weighted_sum += average * criterion.weight
            weights += criterion.weight
        rows.append(CriterionScores(criterion, average, by_criterion[criterion.pk]))
    weighted = (weighted_sum / weights).quantize(Decimal("0.01")) if weights else None
    return ReviewSummary(visible, rows, weighted, own)


def report_for(user, pk: int) -> UseReport:
    report = (
        UseReport.objects.filter(pk=pk, application__in=permissions.applications_visible_to(user))
        .select_related("application__organisation", "application__call__municipality")
        .prefetch_related("budget_lines")
        .first()
    )
    if report is None:
        raise Http404
    return report


def call_totals(call: GrantCall) -> dict[str, Any]:
    """Budget, granted so far, what is left, and counts by status, for the officer."""
    rows = (
        Application.objects.filter(call=call)
        .exclude(status=S.DRAFT)
        .values("status")
        .annotate(count=Count("pk"), granted=Sum("granted_amount"))
    )
    counts = {row["status"]: row["count"] for row in rows}
    granted = sum(
        (row["granted"] or Decimal(0)) for row in rows if row["status"] in (S.GRANTED, S.PAID)
    )
    return {
        "budget": call.budget,
        "granted": granted,
        "left": call.budget - granted,
        "counts": counts,
    }


# --- Statistics over the years ----------------------------------------------

GRANTED = (S.GRANTED, S.PAID)
DIMENSIONS = ("municipality", "theme", "size")


@dataclass(frozen=True)
class YearFigures:
    year: int
    applications: int
    applied: Decimal
    grants: int
    granted: Decimal


@dataclass
class DimensionRow:
    label: str
    granted_by_year: list[Decimal]
    grants: int = 0

    @property
    def total(self) -> Decimal:
        return sum(self.granted_by_year, Decimal(0))


@dataclass
class GrantStatistics:
    years: list[int]
    by_year: list[YearFigures]
    dimension: str
    rows: list[DimensionRow]

    @property
    def total(self) -> YearFigures:
        return YearFigures(
            year=0,
            applications=sum(f.applications for f in self.by_year),
            applied=sum((f.applied for f in self.by_year), Decimal(0)),
            grants=sum(f.grants for f in self.by_year),
            granted=sum((f.granted for f in self.by_year), Decimal(0)),
        )


STATISTICS = "grants:statistics"  # the group of remembered figures (cooperation.lib.summaries)


def _statistics_base(*, municipality_id=None) -> QuerySet[Any]:
    """Applications counted in the statistics: submitted (not withdrawn) to calls
    whose decisions are published, so the figures hold only public information.
    The year is the year the call closed, in Helsinki: the grant year."""
    applications = Application.objects.filter(
        call__decisions_published_at__isnull=False, submitted_at__isnull=False
    ).exclude(status=S.WITHDRAWN)
    if municipality_id is not None:
        applications = applications.filter(call__municipality_id=municipality_id)
    return applications.annotate(year=ExtractYear("call__closes_at"))


_GRANTED_ONLY = Q(status__in=GRANTED)


def _statistics_sums(dimension: str, municipality_id) -> tuple[list[dict], list[dict]]:
    """The grouped sums of every year, per year and per dimension value and year:
    two grouped queries, whatever the number of applications."""
    base = _statistics_base(municipality_id=municipality_id)
    per_year = list(
        base.values("year")
        .annotate(
            applications=Count("pk"),
            applied=Sum("requested_amount"),
            grants=Count("pk", filter=_GRANTED_ONLY),
            granted=Sum("granted_amount", filter=_GRANTED_ONLY),
        )
        .order_by("year")
    )
    key = _DIMENSION_KEYS.get(dimension, _DIMENSION_KEYS["municipality"])
    per_value = [
        {"value": row[key], "year": row["year"], "grants": row["grants"], "granted": row["granted"]}
        for row in base.filter(_GRANTED_ONLY)
        .values(key, "year")
        .annotate(grants=Count("pk"), granted=Sum("granted_amount"))
        .order_by()
    ]
    return per_year, per_value


def grant_statistics(
    *, dimension: str = "municipality", municipality=None, year_from=None, year_to=None
) -> GrantStatistics:
    """Grant development over the years: per year, and per municipality, theme or
    organisation size by year. The public page is open to anyone, so its sums
    are remembered (summaries) per dimension and municipality, every year at
    once, and the years asked for are picked from them: no choice of filters
    makes the database count again."""
    if dimension not in _DIMENSION_KEYS:
        dimension = "municipality"
    municipality_id = municipality.pk if municipality is not None else None
    per_year, per_value = summaries.remembered(
        STATISTICS,
        f"{dimension}:{municipality_id}",
        lambda: _statistics_sums(dimension, municipality_id),
    )

    def asked(year: int) -> bool:
        return (not year_from or year >= year_from) and (not year_to or year <= year_to)

    by_year = [
        YearFigures(
            year=row["year"],
            applications=row["applications"],
            applied=row["applied"] or Decimal(0),
            grants=row["grants"],
            granted=row["granted"] or Decimal(0),
        )
        for row in per_year
        if asked(row["year"])
    ]
    years = [figures.year for figures in by_year]
    grouped = [row for row in per_value if asked(row["year"])]
    names = _dimension_names(dimension, {row["value"] for row in grouped})
    rows: dict[object, DimensionRow] = {}
    for row in grouped:
        value = row["value"]
        line = rows.setdefault(value, DimensionRow(names[value], [Decimal(0)] * len(years)))
        line.granted_by_year[years.index(row["year"])] += row["granted"] or Decimal(0)
        line.grants += row["grants"]
    ordered = sorted(rows.values(), key=lambda line: (-line.total, line.label))
    return GrantStatistics(years=years, by_year=by_year, dimension=dimension, rows=ordered)


_DIMENSION_KEYS = {
    "municipality": "call__municipality",
    "theme": "themes",
    "size": "organisation_size",
}


def _dimension_names(dimension: str, values: set) -> dict:
    """The dimension's values named in the reader's language."""
    if dimension == "theme":
        names = {theme.pk: theme.name for theme in Theme.objects.filter(pk__in=values - {None})}
        return {**names, None: _("no theme given")}
    if dimension == "size":
        sizes = dict(Organisation.Size.choices)
        return {value: str(sizes.get(value, _("size not given"))) for value in values}
    return {m.pk: m.name for m in PublicBody.objects.filter(pk__in=values)}


@dataclass
class HistoryYear:
    year: int
    applications: list[Application]

    @property
    def granted(self) -> Decimal:
        return sum(
            (a.granted_amount or Decimal(0) for a in self.applications if a.status in GRANTED),
            Decimal(0),
        )


def organisation_grant_history(
    user, organisation_id: int
) -> tuple[Organisation, list[HistoryYear], set[int]]:
    """An organisation's grants year by year: the published decisions for everyone,
    and whatever else of its applications the user may see (its own staff see
    all of them, officers those of their municipality). Also returns the ids of
    the applications the user may open."""
    organisation = (
        core_permissions.organisations_visible_to(user).filter(pk=organisation_id).first()
    )
    if organisation is None:
        raise Http404
    visible_ids = set(
        permissions.applications_visible_to(user)
        .filter(organisation=organisation)
        .values_list("pk", flat=True)
    )
    public = Q(call__decisions_published_at__isnull=False, status__in=GRANTED)
    applications = (
        Application.objects.filter(organisation=organisation)
        .filter(public | Q(pk__in=visible_ids))
        .select_related("call__municipality")
        .order_by("-call__closes_at", "-pk")
    )
    years: dict[int, HistoryYear] = {}
    for application in applications:
        year = timezone.localtime(application.call.closes_at).year
        years.setdefault(year, HistoryYear(year, [])).applications.append(application)
    return organisation, list(years.values()), visible_ids


def checklist_evidence(municipality: PublicBody, year: int) -> list:
    """Published calls that opened in the year: each is evidence that grants can be
    applied for (and of which kind); each with guidelines also for the guidelines."""
    calls = GrantCall.objects.filter(
        municipality=municipality, is_published=True, opens_at__year=year
    ).order_by("opens_at", "id")
    suggestions = []
    for call in calls:
        url = reverse("grants:call_detail", args=[call.pk])
        suggestions.append(
            EvidenceSuggestion(
                topic=EvidenceTopic.GRANT_CALLS,
                source=f"grants.call:{call.pk}",
                title=f"{call.title} ({call.get_kind_display()})",
                url=url,
            )
        )
        if call.guidelines_fi.strip():
            suggestions.append(
                EvidenceSuggestion(
                    topic=EvidenceTopic.GRANT_GUIDELINES,
                    source=f"grants.guidelines:{call.pk}",
                    title=_("Guidelines of %(call)s") % {"call": call.title},
                    url=url,
                )
            )
    return suggestions


def personal_data_of(user) -> dict[str, list[dict]]:
    """The grant records that name the user, for their own download. Applications
    and reports belong to the organisation and stay when the account is deleted."""
    applications = (
        Application.objects.filter(Q(created_by=user) | Q(submitted_by=user))
        .select_related("organisation", "call")
        .order_by("created_at", "id")
    )
    reviews = Review.objects.filter(reviewer=user).select_related("application")
    reports = UseReport.objects.filter(submitted_by=user).select_related("application")
    return {
        "grant_applications": [
            {
                "reference": application.reference,
                "title": application.title,
                "organisation": application.organisation.name,
                "call": str(application.call),
                "status": application.status,
                "created_by_you": application.created_by_id == user.pk,
                "submitted_by_you": application.submitted_by_id == user.pk,
            }
            for application in applications
        ],
        "grant_reviews": [
            {
                "application": review.application.reference,
                "comment": review.comment,
                "submitted": review.submitted_at.isoformat() if review.submitted_at else None,
            }
            for review in reviews.order_by("id")
        ],
        "grant_use_reports_submitted": [
            {"application": report.application.reference, "due_date": report.due_date.isoformat()}
            for report in reports.order_by("id")
        ],
    }


# --- The desk ---------------------------------------------------------------

# A call closing within this many days is on its officers' desks.
CLOSING_SOON = timedelta(days=14)


def _application_item(url_name: str, when: str):
    def item(application: Application) -> DeskItem:
        moment = {
            "created": application.created_at,
            "submitted": application.submitted_at,
            "updated": application.updated_at,
        }[when]
        label = {
            "created": _("started %(date)s"),
            "submitted": _("submitted %(date)s"),
            "updated": _("asked %(date)s"),
        }[when]
        return DeskItem(
            application.title,
            reverse(f"grants:{url_name}", args=[application.pk]),
            detail=f"{application.organisation.name}, {application.reference}",
            when=label % {"date": day(moment)},
        )

    return item


def _report_item(report: UseReport) -> DeskItem:
    application = report.application
    return DeskItem(
        application.title,
        reverse("grants:report_detail", args=[report.pk]),
        detail=f"{application.organisation.name}, {application.reference}",
        when=_("due %(date)s") % {"date": day(report.due_date)},
        flag=_("returned for changes") if report.status == UseReport.Status.RETURNED else "",
    )


def desk(user):
    """The grants app's part of the desk: an applicant's drafts, requests for more
    and reports due; a network's applications to endorse; a reviewer's reviews;
    a grant officer's applications to screen and decide, reports to approve and
    calls closing soon."""
    if not core_permissions.is_active_user(user):
        return
    # Only the columns an item shows: Django's compiling of the wide rows (an
    # application's every text, its call's and organisation's) was most of the
    # desk's time.
    applications = Application.objects.select_related("organisation").only(
        "title", "reference", "created_at", "submitted_at", "updated_at", "organisation__name"
    )
    yield from _desk_applicant(user, applications)
    yield from _desk_handling(user, applications)


def _desk_reports():
    return UseReport.objects.select_related("application__organisation").only(
        "status",
        "due_date",
        "application__title",
        "application__reference",
        "application__organisation__name",
    )


def _desk_applicant(user, applications):
    """NGO staff: drafts, requests for more, reports to write (nothing to ask
    the database when the person belongs to no organisation)."""
    organisations = core_permissions.member_organisation_ids(user)
    if not organisations:
        return
    own = Q(organisation_id__in=organisations)
    list_url = reverse("grants:application_list")
    yield desk_group(
        "grants_drafts",
        _("Grant applications in draft"),
        applications.filter(own, status=S.DRAFT).order_by("created_at", "id"),
        _application_item("application_edit", "created"),
        more_url=list_url,
    )
    yield desk_group(
        "grants_info_requested",
        _("Applications with more information asked"),
        applications.filter(own, status=S.INFO_REQUESTED).order_by("updated_at", "id"),
        _application_item("application_edit", "updated"),
        more_url=list_url,
    )
    reports = _desk_reports()
    yield desk_group(
        "grants_reports_due",
        _("Grant-use reports to write"),
        reports.filter(
            application__in=Application.objects.filter(own),
            status__in=(UseReport.Status.DRAFT, UseReport.Status.RETURNED),
        ).order_by("due_date", "id"),
        _report_item,
    )


def _desk_handling(user, applications):
    """A network's members, a call's reviewers, the grant officers."""
    list_url = reverse("grants:application_list")
    reports = _desk_reports()
    yield desk_group(
        "grants_to_endorse",
        _("Applications waiting for the network's endorsement"),
        applications.filter(
            call__requires_endorsement=True,
            call__network__members=user,
            status=S.SUBMITTED,
            endorsed_at__isnull=True,
        )
        .exclude(endorsements__member=user)
        .order_by("submitted_at", "id"),
        _application_item("application_detail", "submitted"),
    )
    yield desk_group(
        "grants_to_review",
        _("Applications to review"),
        applications.filter(call__reviewers=user, status=S.IN_REVIEW)
        .exclude(reviews__reviewer=user, reviews__submitted_at__isnull=False)
        .order_by("submitted_at", "id"),
        _application_item("application_review", "submitted"),
    )
    municipality_id = core_permissions.official_municipality_id(user)
    if municipality_id is None or not permissions.is_grant_officer_of(user, municipality_id):
        return
    ours = applications.filter(call__municipality_id=municipality_id)
    yield desk_group(
        "grants_to_screen",
        _("Applications to screen"),
        ours.filter(
            Q(status=S.SUBMITTED, call__requires_endorsement=False) | Q(status=S.ENDORSED)
        ).order_by("submitted_at", "id"),
        _application_item("application_detail", "submitted"),
        more_url=f"{list_url}?status={S.SUBMITTED}",
    )
    yield desk_group(
        "grants_to_decide",
        _("Applications to decide"),
        ours.filter(status=S.IN_REVIEW).order_by("submitted_at", "id"),
        _application_item("application_decide", "submitted"),
        more_url=f"{list_url}?status={S.IN_REVIEW}",
    )
    yield desk_group(
        "grants_reports_to_approve",
        _("Grant-use reports to approve"),
        reports.filter(
            application__call__municipality_id=municipality_id,
            status=UseReport.Status.SUBMITTED,
        ).order_by("submitted_at", "id"),
        _report_item,
    )
    now = timezone.now()
    yield desk_group(
        "grants_closing",
        _("Calls closing soon"),
        GrantCall.objects.filter(
            municipality_id=municipality_id,
            is_published=True,
            closes_at__gt=now,
            closes_at__lte=now + CLOSING_SOON,
        )
        .only("title_fi", "title_sv", "title_en", "closes_at")
        .order_by("closes_at", "id"),
        lambda call: DeskItem(
            call.title,
            reverse("grants:call_detail", args=[call.pk]),
            when=_("closes %(date)s") % {"date": day(call.closes_at)},
        ),
    )


def need_answers(need_id: int) -> list[NeedAnswer]:
    """The grants part of the need's trail (three queries): the published calls that
    address it, the applications sent that say they answer it (with the sum
    granted), and what their grant-use reports say was done for it."""
    answers = [
        _call_answer(call)
        # The calls naming the need, or an area challenge the need stands behind.
        for call in GrantCall.objects.filter(
            Q(needs=need_id) | Q(challenges__needs=need_id), is_published=True
        )
        .distinct()
        .order_by("opens_at", "id")[:50]
    ]
    applications = (
        Application.objects.filter(needs=need_id)
        .exclude(status=Application.Status.DRAFT)
        .select_related("organisation", "call")
        .only(
            "title",
            "status",
            "submitted_at",
            "granted_amount",
            "organisation__name",
            "call__title_fi",
            "call__title_sv",
            "call__title_en",
        )
        .order_by("submitted_at", "id")[:200]
    )
    for application in applications:
        detail = application.get_status_display()
        if application.granted_amount is not None:
            detail = _("%(status)s, %(amount)s granted") % {
                "status": detail,
                "amount": money(application.granted_amount),
            }
        answers.append(
            NeedAnswer(
                kind=_("Grant application"),
                title=f"{application.organisation.name}: {application.title} ({application.call.title})",
                url=reverse("grants:application_detail", args=[application.pk]),
                on=timezone.localdate(application.submitted_at)
                if application.submitted_at
                else None,
                detail=detail,
            )
        )
    # What the grant-use reports sent say was done for the need.
    results = (
        UseReportNeedResult.objects.filter(need_id=need_id)
        .exclude(report__status=UseReport.Status.DRAFT)
        .select_related("report__application__organisation")
        .order_by("report__submitted_at", "id")[:200]
    )
    for result in results:
        report = result.report
        answers.append(
            NeedAnswer(
                kind=_("Grant-use report"),
                title=f"{report.application.organisation.name}: {report.application.title}",
                url=reverse("grants:report_detail", args=[report.pk]),
                on=timezone.localdate(report.submitted_at) if report.submitted_at else None,
                detail=need_result(result),
            )
        )
    return answers


def need_figures(need_ids) -> dict[int, dict]:
    """For the needs' statistics (two grouped queries): per need, the published calls
    that address it, the applications sent that answer it and the sum granted to them."""
    figures: dict[int, dict] = {}
    sent = (
        Application.needs.through.objects.filter(need_id__in=need_ids)
        .exclude(application__status=Application.Status.DRAFT)
        .values("need_id")
        .annotate(applications=Count("application_id"), granted=Sum("application__granted_amount"))
    )
    for row in sent:
        figures[row["need_id"]] = {
            "applications": row["applications"],
            "granted": row["granted"] or Decimal(0),
        }
    # A call counts once for a need whether it names the need, one of the need's
    # area challenges, or both: the pairs are gathered, then counted.
    direct = GrantCall.needs.through.objects.filter(
        need_id__in=need_ids, grantcall__is_published=True
    ).values_list("need_id", "grantcall_id")
    through_challenges = (
        GrantCall.challenges.through.objects.filter(
            areachallenge__needs__in=need_ids, grantcall__is_published=True
        )
        .values_list("areachallenge__needs", "grantcall_id")
        .distinct()
    )
    calls: dict[int, set[int]] = {}
    for need_id, call_id in (*direct, *through_challenges):
        calls.setdefault(need_id, set()).add(call_id)
    for need_id, call_ids in calls.items():
        figures.setdefault(need_id, {})["calls"] = len(call_ids)
    return figures


def challenge_answers(challenge_ids) -> dict[int, list[NeedAnswer]]:
    """The published calls that name each area challenge (one query), for the
    challenges' edition (registered in cooperation.extensions)."""
    answers: dict[int, list[NeedAnswer]] = {}
    links = (
        GrantCall.challenges.through.objects.filter(
            areachallenge_id__in=challenge_ids, grantcall__is_published=True
        )
        .select_related("grantcall")
        .order_by("grantcall__opens_at", "grantcall_id")
    )
    for link in links:
        answers.setdefault(link.areachallenge_id, []).append(_call_answer(link.grantcall))
    return answers


def _call_answer(call: GrantCall) -> NeedAnswer:
    """A published call on a need's or a challenge's trail: opened when, with what budget."""
    return NeedAnswer(
        kind=_("Grant call"),
        title=call.title,
        url=reverse("grants:call_detail", args=[call.pk]),
        on=timezone.localdate(call.opens_at),
        detail=_("budget %(amount)s") % {"amount": money(call.budget)},
    )
