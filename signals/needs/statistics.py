"""The needs' statistics (issue 22): needs by topic, area and body, how many have
something directed at them, the money and the agreements directed at them, and the
needs with nothing directed at them. Aggregated: the public sees the public needs
only, coordinators every need. A fixed number of grouped queries, whatever the size."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from cooperation.extensions import need_figures
from cooperation.lib import summaries
from cooperation.models import PublicBody

from .. import permissions
from ..models import Topic
from .models import Need

NEED_STATISTICS = "need-statistics"
ZERO = Decimal(0)
UNDIRECTED_SHOWN = 100


@dataclass
class Row:
    label: str
    needs: int = 0
    directed: int = 0
    granted: Decimal = ZERO
    outside_funding: Decimal = ZERO
    agreements: int = 0

    def add(self, figures: dict) -> None:
        self.needs += 1
        if figures:
            self.directed += 1
        self.granted += figures.get("granted", ZERO)
        self.outside_funding += figures.get("outside_funding", ZERO)
        self.agreements += figures.get("agreements", 0)

    @property
    def undirected(self) -> int:
        return self.needs - self.directed


@dataclass
class NeedStatistics:
    total: Row
    answered: int
    by_topic: list[Row]
    by_area: list[Row]
    by_body: list[Row]
    undirected: list[Need] = field(default_factory=list)
    # Per need, for the CSV: (id, figures, topic names).
    per_need: dict[int, tuple[dict, list[str]]] = field(default_factory=dict)


def statistics_needs(user, *, body: PublicBody | None = None, year: int | None = None):
    """The needs counted: public ones (every need for a coordinator)."""
    needs = Need.objects.all()
    if not permissions.is_coordinator(user):
        needs = needs.filter(status__in=Need.PUBLIC)
    if body is not None:
        needs = needs.filter(municipality=body)
    if year is not None:
        needs = needs.filter(created_at__year=year)
    return needs


def remembered_statistics(user, *, body=None, year=None) -> NeedStatistics:
    """The figures of the page, recounted at most every PUBLIC_SUMMARY_SECONDS (and
    after a change of a need: summaries.follow in signals/apps.py); the apps'
    answers to the needs show within that time."""
    return summaries.remembered(
        NEED_STATISTICS,
        statistics_key(user, body=body, year=year),
        lambda: need_statistics(statistics_needs(user, body=body, year=year)),
    )


def statistics_key(user, *, body=None, year=None) -> str:
    """What the figures depend on: whose (public or every need), the filters and
    the language of their labels."""
    scope = "all" if permissions.is_coordinator(user) else "public"
    return f"{scope}:{body.pk if body else ''}:{year or ''}:{translation.get_language()}"


def need_statistics(needs: QuerySet[Need]) -> NeedStatistics:
    ids = needs.values("pk")
    rows = list(
        needs.order_by("-published_at", "-id").values_list(
            "pk", "areas", "status", "municipality_id"
        )
    )
    figures = need_figures(ids)
    topic_names = {topic.pk: topic.name for topic in Topic.objects.all()}
    topics_of: dict[int, list[str]] = defaultdict(list)
    for need_id, topic_id in Need.topics.through.objects.filter(need_id__in=ids).values_list(
        "need_id", "topic_id"
    ):
        topics_of[need_id].append(topic_names[topic_id])
    body_names = {body.pk: body.name for body in PublicBody.objects.all()}
    region = _("The whole region")
    no_topic, no_area = _("No topic"), _("No area given")

    total = Row(_("All needs"))
    by_topic: dict[str, Row] = {}
    by_area: dict[str, Row] = {}
    by_body: dict[str, Row] = {}
    answered = 0
    undirected_ids = []
    per_need = {}
    for need_id, areas, status, body_id in rows:
        found = figures.get(need_id, {})
        total.add(found)
        answered += status == Need.Status.ANSWERED
        if not found:
            undirected_ids.append(need_id)
        for name in topics_of.get(need_id) or [no_topic]:
            by_topic.setdefault(name, Row(name)).add(found)
        for area in {a.strip() for a in areas.split(",") if a.strip()} or {no_area}:
            by_area.setdefault(area, Row(area)).add(found)
        body_name = body_names.get(body_id, region) if body_id else region
        by_body.setdefault(body_name, Row(body_name)).add(found)
        per_need[need_id] = (found, sorted(topics_of.get(need_id, [])))

    def ordered(rows: dict[str, Row]) -> list[Row]:
        return sorted(rows.values(), key=lambda row: (-row.needs, row.label.casefold()))

    undirected = list(
        Need.objects.filter(pk__in=undirected_ids[:UNDIRECTED_SHOWN])
        .select_related("municipality")
        .order_by("-published_at", "-id")
    )
    return NeedStatistics(
        total=total,
        answered=answered,
        by_topic=ordered(by_topic),
        by_area=ordered(by_area),
        by_body=ordered(by_body),
        undirected=undirected,
        per_need=per_need,
    )
