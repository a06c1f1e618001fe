"""Reads of the checklist: pages get whole structures from here in a fixed number
of queries, whatever the number of municipalities, years or criteria."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation import permissions
from cooperation.extensions import (
    DeskItem,
    EvidenceSuggestion,
    desk_group,
    evidence_suggestions,
)
from cooperation.lib.choices import alphabetical_key
from cooperation.lib.formats import day
from cooperation.models import Official, OfficialRole, PublicBody

from . import scoring
from .models import (
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
    GuidingDocument,
    Level,
    NgoRating,
    NgoResponse,
    StatutoryCouncil,
)
from .services import assessed_criteria

SELF = AssessmentScore.Perspective.SELF
NGO = AssessmentScore.Perspective.NGO
TOTAL, THEME, AREA = (
    AssessmentScore.Scope.TOTAL,
    AssessmentScore.Scope.THEME,
    AssessmentScore.Scope.AREA,
)


def assessment_for(user, pk: int) -> Assessment:
    assessment = Assessment.objects.select_related("municipality", "edition").filter(pk=pk).first()
    if assessment is None or not permissions.can_view_assessment(user, assessment):
        raise Http404
    return assessment


# --- One assessment, criterion by criterion ---------------------------------


@dataclass
class CriterionRow:
    criterion: Criterion
    answer: Answer | None
    spread: scoring.Spread
    evidence: list[Evidence] = field(default_factory=list)
    suggestions: list[EvidenceSuggestion] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    @property
    def own_percent(self) -> Decimal | None:
        return scoring.as_percent(scoring.level_points(self.answer.level if self.answer else ""))

    @property
    def wide_gap(self) -> bool:
        return scoring.differs_widely(
            self.own_percent, self.spread.percent, settings.CHECKLIST_WIDE_GAP_POINTS
        )


@dataclass
class AreaBlock:
    area: ChecklistArea
    rows: list[CriterionRow]
    own: scoring.Score
    ngo: scoring.Score

    @property
    def wide_gap(self) -> bool:
        return scoring.differs_widely(
            self.own.percent, self.ngo.percent, settings.CHECKLIST_WIDE_GAP_POINTS
        )


@dataclass
class ThemeBlock:
    theme: ChecklistTheme
    areas: list[AreaBlock]
    own: scoring.Score
    ngo: scoring.Score

    @property
    def wide_gap(self) -> bool:
        return scoring.differs_widely(
            self.own.percent, self.ngo.percent, settings.CHECKLIST_WIDE_GAP_POINTS
        )


@dataclass
class TargetFollowUp:
    target: DevelopmentTarget
    before: str
    now: str | None

    @property
    def met(self) -> bool | None:
        """Met when the criterion is now in place or higher than when it was set."""
        if self.now is None:
            return None
        order: dict[str, int] = {Level.NOT_IN_PLACE: 0, Level.PARTLY: 1, Level.IN_PLACE: 2}
        if self.now == Level.IN_PLACE:
            return True
        return order.get(self.now, -1) > order.get(self.before, -1) >= 0


@dataclass
class AssessmentView:
    assessment: Assessment
    themes: list[ThemeBlock]
    total_own: scoring.Score
    total_ngo: scoring.Score
    responses: int
    answered: int
    criteria: int
    targets: list[DevelopmentTarget]
    follow_ups: list[TargetFollowUp]
    previous: Assessment | None

    @property
    def wide_gap(self) -> bool:
        return scoring.differs_widely(
            self.total_own.percent, self.total_ngo.percent, settings.CHECKLIST_WIDE_GAP_POINTS
        )


def _previous(assessment: Assessment) -> Assessment | None:
    return Assessment.objects.filter(
        municipality_id=assessment.municipality_id, year=assessment.year - 1
    ).first()


def assessment_view(
    assessment: Assessment, *, with_suggestions: bool = False, with_comments: bool = False
) -> AssessmentView:
    """Everything the assessment's page and PDF show."""
    criteria = list(assessed_criteria(assessment))
    answers = {a.criterion_id: a for a in assessment.answers.all()}
    ratings = list(
        NgoRating.objects.filter(response__assessment=assessment).values_list(
            "criterion_id", "level", "comment"
        )
    )
    spread = scoring.spreads((c, level) for c, level, _comment in ratings)
    comments: dict[int, list[str]] = defaultdict(list)
    if with_comments:
        for criterion_id, _level, comment in ratings:
            if comment:
                comments[criterion_id].append(comment)
    evidence: dict[int, list[Evidence]] = defaultdict(list)
    decided: set[tuple[int, str]] = set()
    for item in assessment.evidence.all():
        if item.source:
            decided.add((item.criterion_id, item.source))
        if not item.rejected:
            evidence[item.criterion_id].append(item)
    offered: dict[str, list[EvidenceSuggestion]] = defaultdict(list)
    if with_suggestions and not assessment.is_published:
        for suggestion in evidence_suggestions(assessment.municipality, assessment.year):
            offered[suggestion.topic].append(suggestion)
    # The same sums as compute_scores, from the rows already read.
    keyed = [(c.area.theme.key, c.area.key, c.pk) for c in criteria]
    own_sheet = scoring.roll_up(
        keyed, {pk: scoring.level_points(a.level) for pk, a in answers.items()}
    )
    ngo_sheet = scoring.roll_up(keyed, {pk: s.mean_points for pk, s in spread.items()})
    themes: list[ThemeBlock] = []
    for criterion in criteria:
        area, theme = criterion.area, criterion.area.theme
        if not themes or themes[-1].theme.pk != theme.pk:
            themes.append(
                ThemeBlock(theme, [], own_sheet.themes[theme.key], ngo_sheet.themes[theme.key])
            )
        block = themes[-1]
        if not block.areas or block.areas[-1].area.pk != area.pk:
            block.areas.append(
                AreaBlock(area, [], own_sheet.areas[area.key], ngo_sheet.areas[area.key])
            )
        block.areas[-1].rows.append(
            CriterionRow(
                criterion=criterion,
                answer=answers.get(criterion.pk),
                spread=spread.get(criterion.pk, scoring.Spread()),
                evidence=evidence.get(criterion.pk, []),
                suggestions=[
                    s
                    for s in offered.get(criterion.evidence_topic, [])
                    if (criterion.pk, s.source) not in decided
                ],
                comments=comments.get(criterion.pk, []),
            )
        )
    previous = _previous(assessment)
    follow_ups = []
    if previous is not None:
        levels_now = {c.key: answers[c.pk].level for c in criteria if c.pk in answers}
        levels_before = dict(previous.answers.values_list("criterion_id", "level"))
        for target in previous.targets.select_related("criterion"):
            follow_ups.append(
                TargetFollowUp(
                    target,
                    levels_before.get(target.criterion_id, ""),
                    levels_now.get(target.criterion.key) or None,
                )
            )
    return AssessmentView(
        assessment=assessment,
        themes=themes,
        total_own=own_sheet.total,
        total_ngo=ngo_sheet.total,
        responses=assessment.ngo_responses.count(),
        answered=sum(1 for a in answers.values() if a.level),
        criteria=len(criteria),
        targets=list(assessment.targets.select_related("criterion")),
        follow_ups=follow_ups,
        previous=previous,
    )


@dataclass
class StoredScore:
    percent: Decimal | None = None


@dataclass
class ScoresView:
    """A published assessment's scores as stored at publishing: what a public page
    shows, without reading any answer or rating (their number grows with the NGOs
    that rate; the stored rows do not)."""

    assessment: Assessment
    themes: list[ThemeBlock]
    total_own: StoredScore
    total_ngo: StoredScore
    responses: int

    @property
    def wide_gap(self) -> bool:
        return scoring.differs_widely(
            self.total_own.percent, self.total_ngo.percent, settings.CHECKLIST_WIDE_GAP_POINTS
        )


def published_scores(assessment: Assessment) -> ScoresView:
    """Three queries: the stored scores, the areas they name, the NGO responses."""
    stored: dict[tuple[str, str, str], StoredScore] = {}
    for perspective, scope, key, percent in assessment.scores.values_list(
        "perspective", "scope", "key", "percent"
    ):
        stored[perspective, scope, key] = StoredScore(percent)

    def score(perspective, scope, key=""):
        return stored.get((perspective, scope, key), StoredScore())

    area_keys = [key for (_p, scope, key) in stored if scope == AREA]
    areas = (
        ChecklistArea.objects.filter(theme__edition_id=assessment.edition_id, key__in=area_keys)
        .select_related("theme")
        .order_by("theme__position", "position", "id")
    )
    themes: list[ThemeBlock] = []
    for area in areas:
        theme = area.theme
        if not themes or themes[-1].theme.pk != theme.pk:
            key = theme.key
            themes.append(ThemeBlock(theme, [], score(SELF, THEME, key), score(NGO, THEME, key)))
        themes[-1].areas.append(
            AreaBlock(area, [], score(SELF, AREA, area.key), score(NGO, AREA, area.key))
        )
    return ScoresView(
        assessment=assessment,
        themes=themes,
        total_own=score(SELF, TOTAL),
        total_ngo=score(NGO, TOTAL),
        responses=assessment.ngo_responses.count(),
    )


def suggestion_for(assessment: Assessment, source: str) -> EvidenceSuggestion | None:
    """The suggestion the assessor decides on, looked up again from the providers
    (the form sends only its source, never the title or address)."""
    for suggestion in evidence_suggestions(assessment.municipality, assessment.year):
        if suggestion.source == source:
            return suggestion
    return None


# --- Lists ----------------------------------------------------------------


def assessments_for_desk(user):
    """The assessments the user keeps (drafts first) and those their organisations
    can still rate."""
    keep = Assessment.objects.none()
    if permissions.is_coordinator(user):
        keep = Assessment.objects.all()
    elif (
        municipality_id := permissions.official_municipality_id(user)
    ) is not None and permissions.can_start_assessment(user):
        keep = Assessment.objects.filter(municipality_id=municipality_id)
    keep = keep.select_related("municipality").order_by("status", "-year", "id")
    drafts = Assessment.objects.filter(status=Assessment.Status.DRAFT).select_related(
        "municipality"
    )
    to_rate = [a for a in drafts if permissions.organisations_rating(user, a).exists()]
    return list(keep[:200]), to_rate


def edition_in_use() -> ChecklistEdition | None:
    return ChecklistEdition.objects.filter(published=True).order_by("-number").first()


def theme_names() -> dict[str, str]:
    """Theme names by key, from the newest edition in use (keys stay across editions)."""
    edition = edition_in_use()
    if edition is None:
        return {}
    return {theme.key: theme.name for theme in ChecklistTheme.objects.filter(edition=edition)}


# --- A municipality's public page -------------------------------------------


@dataclass
class TrendYear:
    year: int
    total: Decimal | None
    ngo_total: Decimal | None
    themes: dict[str, Decimal | None]


def _trend(subject: Q) -> list[TrendYear]:
    rows = AssessmentScore.objects.filter(
        Q(assessment__status=Assessment.Status.PUBLISHED),
        subject,
        scope__in=[AssessmentScore.Scope.TOTAL, AssessmentScore.Scope.THEME],
    ).values_list("assessment__year", "perspective", "scope", "key", "percent")
    years: dict[int, TrendYear] = {}
    for year, perspective, scope, key, percent in rows:
        entry = years.setdefault(year, TrendYear(year, None, None, {}))
        if scope == AssessmentScore.Scope.TOTAL:
            if perspective == SELF:
                entry.total = percent
            else:
                entry.ngo_total = percent
        elif perspective == SELF:
            entry.themes[key] = percent
    return [years[year] for year in sorted(years)]


def liaison_persons(municipality: PublicBody):
    return (
        Official.objects.filter(municipality=municipality, roles__role=OfficialRole.Role.LIAISON)
        .select_related("user", "unit")
        .order_by("user__full_name")
    )


def municipality_page(user, code: str) -> dict:
    municipality = PublicBody.objects.filter(code=code).first()
    if municipality is None:
        raise Http404
    subject = Q(assessment__municipality=municipality)
    latest = (
        Assessment.objects.filter(municipality=municipality, status=Assessment.Status.PUBLISHED)
        .select_related("edition", "municipality")
        .order_by("-year")
        .first()
    )
    now = timezone.now()
    forums = ForumEvent.objects.filter(Q(municipality=municipality) | Q(municipality__isnull=True))
    return {
        "municipality": municipality,
        "latest": published_scores(latest) if latest else None,
        "trend": _trend(subject),
        "theme_names": theme_names(),
        "liaisons": list(liaison_persons(municipality)),
        "upcoming": list(forums.filter(starts_at__gte=now).order_by("starts_at")[:10]),
        "past": list(forums.filter(starts_at__lt=now).order_by("-starts_at")[:10]),
        "councils": list(StatutoryCouncil.objects.filter(municipality=municipality)),
        "documents": list(GuidingDocument.objects.filter(municipality=municipality)[:20]),
        "can_keep": permissions.can_keep_checklist(user, municipality.pk),
        "draft": Assessment.objects.filter(
            municipality=municipality, status=Assessment.Status.DRAFT
        ).first()
        if permissions.can_keep_checklist(user, municipality.pk)
        else None,
    }


def region_overview() -> list[tuple[PublicBody, Decimal | None, int | None]]:
    """Every municipality with its latest published total (two queries)."""
    latest: dict[int, tuple[int, Decimal | None]] = {}
    rows = AssessmentScore.objects.filter(
        assessment__status=Assessment.Status.PUBLISHED,
        assessment__municipality__kind=PublicBody.Kind.MUNICIPALITY,
        perspective=SELF,
        scope=AssessmentScore.Scope.TOTAL,
    ).values_list("assessment__municipality_id", "assessment__year", "percent")
    for municipality_id, year, percent in rows:
        if municipality_id not in latest or latest[municipality_id][0] < year:
            latest[municipality_id] = (year, percent)
    municipalities = sorted(
        PublicBody.objects.municipalities(), key=lambda m: alphabetical_key(m.name)
    )
    return [
        (m, latest.get(m.pk, (None, None))[1], latest.get(m.pk, (None, None))[0])
        for m in municipalities
    ]


# --- The regional comparison -------------------------------------------------


@dataclass
class ComparisonRow:
    subject: object
    assessment_id: int
    own: Decimal | None = None
    ngo: Decimal | None = None
    by_year: dict[int, Decimal | None] = field(default_factory=dict)

    @property
    def wide_gap(self) -> bool:
        return scoring.differs_widely(self.own, self.ngo, settings.CHECKLIST_WIDE_GAP_POINTS)


@dataclass
class Comparison:
    year: int | None
    years: list[int]
    theme: str
    rows: list[ComparisonRow]


SORTS = ("name", "self", "ngo", "gap")


def comparison(*, year: int | None = None, theme: str = "", sort: str = "self") -> Comparison:
    """All municipalities (and the county) assessed in a year, side by side: the
    self-assessment and the NGOs' view of the total or of one theme, and each
    subject's total over the years. Three queries, whatever the size."""
    years = sorted(
        set(
            Assessment.objects.filter(status=Assessment.Status.PUBLISHED).values_list(
                "year", flat=True
            )
        )
    )
    if year not in years:
        year = years[-1] if years else None
    scope_filter = (
        Q(scope=AssessmentScore.Scope.THEME, key=theme)
        if theme
        else Q(scope=AssessmentScore.Scope.TOTAL)
    )
    published = AssessmentScore.objects.filter(assessment__status=Assessment.Status.PUBLISHED)
    rows: dict[int, ComparisonRow] = {}
    assessments = (
        # No year when nothing is published yet: then nothing matches.
        Assessment.objects.filter(status=Assessment.Status.PUBLISHED, year=year or 0)
        .select_related("municipality")
        .only(
            "id",
            "year",
            "municipality__name_fi",
            "municipality__name_sv",
            "municipality__name_en",
            "municipality__code",
            "municipality__kind",
        )
    )
    for assessment in assessments:
        rows[assessment.municipality_id] = ComparisonRow(assessment.subject, assessment.pk)
    scores = published.filter(scope_filter).values_list(
        "assessment__municipality_id",
        "assessment__year",
        "perspective",
        "percent",
    )
    for municipality_id, score_year, perspective, percent in scores:
        row = rows.get(municipality_id)
        if row is None:
            continue
        if score_year == year:
            if perspective == SELF:
                row.own = percent
            else:
                row.ngo = percent
        if perspective == SELF:
            row.by_year[score_year] = percent
    ordered = sorted(rows.values(), key=lambda r: str(r.subject))
    if sort in ("self", "ngo", "gap"):

        def value(row: ComparisonRow) -> Decimal:
            if sort == "gap":
                if row.own is None or row.ngo is None:
                    return Decimal(-1)
                return abs(row.own - row.ngo)
            score = row.own if sort == "self" else row.ngo
            return Decimal(-1) if score is None else score

        ordered.sort(key=value, reverse=True)
    return Comparison(year=year, years=years, theme=theme, rows=ordered)


# --- The desk ---------------------------------------------------------------


def desk(user):
    """The checklist's part of the desk: drafts to finish for whoever keeps them
    (coordinators: every one), and for a liaison person the forums coming and
    the NGOs' views given on the open assessment."""
    if not permissions.can_start_assessment(user):
        return
    drafts = Assessment.objects.filter(status=Assessment.Status.DRAFT)
    municipality_id = permissions.official_municipality_id(user)
    if not permissions.is_coordinator(user):
        if municipality_id is None:
            return
        drafts = drafts.filter(municipality_id=municipality_id)
    yield desk_group(
        "checklist_drafts",
        _("Assessments in draft"),
        drafts.select_related("municipality").order_by("created_at", "id"),
        lambda assessment: DeskItem(
            str(assessment),
            reverse("checklist:assessment", args=[assessment.pk]),
            when=_("started %(date)s") % {"date": day(assessment.created_at)},
        ),
        more_url=reverse("checklist:desk"),
    )
    if municipality_id is None or not permissions.can_keep_checklist(user, municipality_id):
        return
    yield desk_group(
        "checklist_forums",
        _("NGO forums coming"),
        ForumEvent.objects.filter(
            municipality_id=municipality_id, starts_at__gte=timezone.now()
        ).order_by("starts_at", "id"),
        lambda forum: DeskItem(
            forum.title,
            reverse("checklist:forum_detail", args=[forum.pk]),
            detail=forum.place,
            when=day(forum.starts_at),
        ),
    )
    yield desk_group(
        "checklist_ngo_views",
        _("NGOs' views on the open assessment"),
        NgoResponse.objects.filter(
            assessment__municipality_id=municipality_id,
            assessment__status=Assessment.Status.DRAFT,
        )
        .select_related("organisation", "assessment__municipality")
        # An organisation's row is wide (descriptions in three languages).
        .only("submitted_at", "assessment__year", "assessment__municipality", "organisation__name")
        .order_by("submitted_at", "id"),
        lambda response: DeskItem(
            response.organisation.name,
            reverse("checklist:assessment", args=[response.assessment_id]),
            detail=str(response.assessment),
            when=_("given %(date)s") % {"date": day(response.submitted_at)},
        ),
    )
