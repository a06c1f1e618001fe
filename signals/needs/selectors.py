"""What the need pages read, already scoped by signals.permissions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncWeek
from django.http import Http404
from django.utils import timezone, translation
from django.utils.text import capfirst

from cooperation.lib import summaries
from cooperation.lib.charts import BarChart, bar_chart
from cooperation.lib.formats import iso_week, moment
from cooperation.models import User

from .. import permissions, search
from ..models import Signal, Topic
from .models import Need, NeedEvent, NeedSignal

NEED_COUNTS = "need-counts"

# The team's table of a need's signals: 25 a page (50 rows cost the page 8 ms more
# to lay out; the charts above it show all of them).
SIGNALS_PER_PAGE = 25
CANDIDATES = 50
# The weekly chart shows the last half year of the need's signals.
CHART_WEEKS = 26


def need_list(user, *, status: str = "") -> QuerySet[Need]:
    """The needs the user sees (the public ones, and their body's drafts), a status
    at a time if asked."""
    needs = permissions.needs_visible_to(user).select_related("municipality")
    if status in Need.Status.values:
        needs = needs.filter(status=status)
    return needs.only(
        "title_fi",
        "title_sv",
        "status",
        "areas",
        "updated_at",
        "municipality__name_fi",
        "municipality__name_sv",
        "municipality__name_en",
    ).order_by("-updated_at", "-id")


def need_get_visible(*, user, pk: int) -> Need:
    need = (
        permissions.needs_visible_to(user)
        .select_related("municipality", "unit")
        .filter(pk=pk)
        .first()
    )
    if need is None:
        raise Http404
    return need


def need_labels(need: Need) -> tuple[list[Topic], list]:
    """The need's topics and target groups, remembered under its last change (a
    change of them saves the need): two queries fewer on every visit."""
    return summaries.remembered(
        NEED_COUNTS,
        f"labels:{need.pk}:{need.updated_at.timestamp()}",
        lambda: (list(need.topics.all()), list(need.target_groups.all())),
    )


PUBLIC_SIGNALS_SHOWN = 50


def public_signals(need: Need) -> list[Signal]:
    """What the need's page shows of the signals: only what the team published of
    each (its summary, and its text where that was published too), the newest
    PUBLIC_SIGNALS_SHOWN. The page remembers them laid out (views._remembered_html):
    PostgreSQL reads every published signal of the region to sort a big need's,
    about 40 ms at 5,000."""
    return list(
        need.signals.filter(is_published=True, is_accepted=True)
        .exclude(public_summary="")
        .only("reference", "public_summary", "description", "publish_description", "created_at")
        .order_by("-created_at", "-id")[:PUBLIC_SIGNALS_SHOWN]
    )


@dataclass
class NeedCounts:
    total: int
    by_week: BarChart
    by_area: BarChart


def need_counts(need: Need) -> NeedCounts:
    """The signals behind the need, counted by week (the last half year) and by
    area: three grouped queries whatever the number of signals, remembered under
    the need's last change (gathering or removing a signal changes it) for
    PUBLIC_SUMMARY_SECONDS: a need of 5,000 signals is read on every visit of its team."""
    key = f"{need.pk}:{need.updated_at.timestamp()}:{translation.get_language()}"
    return summaries.remembered(NEED_COUNTS, key, lambda: _need_counts(need))


def _need_counts(need: Need) -> NeedCounts:
    signals = Signal.objects.filter(need_links__need=need)
    since = timezone.now() - timedelta(weeks=CHART_WEEKS)
    weeks = (
        signals.filter(created_at__gte=since)
        .annotate(week=TruncWeek("created_at"))
        .values("week")
        .annotate(n=Count("pk"))
        .order_by("week")
    )
    areas = signals.values("area").annotate(n=Count("pk")).order_by("-n", "area")[:12]
    total = signals.count()
    return NeedCounts(
        total=total,
        by_week=bar_chart([(iso_week(row["week"].date()), row["n"]) for row in weeks]),
        by_area=bar_chart([(row["area"] or "–", row["n"]) for row in areas]),
    )


def need_signal_page(need: Need, page: str | int | None, *, total: int):
    """The signals behind the need for its keepers, newest first, a page at a time,
    in one query: the page's signal ids are cut from the (need, date) index alone
    (a deep page skips links, not signals), then only those signals are read. The
    `total` is the need's remembered count (need_counts), not counted again. Rows as
    dicts (pk, reference, area, description, created_at), not models: making 50
    signals took longer than reading them."""
    links = NeedSignal.objects.filter(need=need).order_by("-signal_created_at", "-signal_id")
    paginator = Paginator(links.values_list("signal_id", flat=True), SIGNALS_PER_PAGE)
    paginator.count = total
    found = paginator.get_page(page)
    # A link keeps its signal's date: the signals sort as their links do.
    found.object_list = list(
        Signal.objects.filter(pk__in=found.object_list)
        .order_by("-created_at", "-id")
        .values("pk", "reference", "area", "description", "created_at")
    )
    return found


# The need's page shows the newest lines of its trail; its history page all of them.
EVENTS_SHOWN = 20
EVENTS_PER_PAGE = 50


def _event_rows(events: QuerySet[NeedEvent]) -> list[dict]:
    """Lines of a need's trail as the pages print them (when, what, the status it
    moved to, who, the note), read as rows: making each event with its actor cost
    the page as much as its signals."""
    actions, statuses = dict(NeedEvent.Action.choices), dict(Need.Status.choices)
    rows = events.values(
        "at",
        "action",
        "to_status",
        "note",
        "actor_id",
        "actor__full_name",
        "actor__email",
        "actor__deleted_at",
    )
    return [
        {
            "at": moment(row["at"]),
            "action": capfirst(actions.get(row["action"], row["action"])),
            "to_status": statuses.get(row["to_status"], "")
            if row["action"] == NeedEvent.Action.STATUS
            else "",
            "actor": User.display_name(
                row["actor__full_name"], row["actor__email"], row["actor__deleted_at"]
            )
            if row["actor_id"]
            else "",
            "note": row["note"],
        }
        for row in rows
    ]


def need_events(need: Need) -> tuple[list[dict], bool]:
    """The newest EVENTS_SHOWN lines of the need's trail (one query), and whether
    there are older ones (for the link to its history)."""
    rows = _event_rows(need.events.order_by("-at", "-id")[: EVENTS_SHOWN + 1])
    return rows[:EVENTS_SHOWN], len(rows) > EVENTS_SHOWN


def need_history_page(need: Need, page: str | int | None):
    """The need's whole trail, newest first, a page at a time (two queries)."""
    paginator = Paginator(need.events.order_by("-at", "-id"), EVENTS_PER_PAGE)
    found = paginator.get_page(page)
    found.object_list = _event_rows(found.object_list)
    return found


def gatherable(user, need: Need) -> QuerySet[Signal]:
    """The signals the keeper may still gather into the need."""
    return permissions.signals_for_need(user, need).exclude(need_links__need=need)


_SHOWN = ("reference", "kind", "description", "area", "created_at", "municipality_id")


def candidates(user, need: Need, text: str = "") -> list[Signal]:
    """Signals the keeper may gather into the need, none already in it: those with
    the words typed; or else those whose text is most like the need's (the
    similar-signal search), then the newest of the need's topics."""
    signals = gatherable(user, need)
    text = text.strip()
    if text:
        found = search.search(signals, text).only(*_SHOWN)
        return list(found.order_by("-created_at", "-id")[:CANDIDATES])
    about = f"{need.title_fi} {need.summary_fi}"
    alike = list(search.similar(signals.only(*_SHOWN), about, CANDIDATES))
    topics = list(need.topics.values_list("pk", flat=True))
    if not topics or len(alike) >= CANDIDATES:
        return alike
    newest = (
        signals.filter(topics__in=topics)
        .exclude(pk__in=[signal.pk for signal in alike])
        .distinct()
        .only(*_SHOWN)
        .order_by("-created_at", "-id")[: CANDIDATES - len(alike)]
    )
    return alike + list(newest)


def need_for_observation(user, pk: str | None) -> Need | None:
    """The public need an observation is sent to, if the address names one the
    user may send to."""
    if not pk or not str(pk).isdigit():
        return None
    need = Need.objects.select_related("municipality").filter(pk=pk).first()
    if need is None or not permissions.can_send_observation(user, need):
        return None
    return need


def needs_of_signal(user, signal: Signal) -> QuerySet[Need]:
    """The needs a signal fed that the reader sees: its sender the public ones, the
    body's officials their drafts too."""
    return permissions.needs_visible_to(user, signal.needs.all()).order_by("-updated_at", "-id")


def public_needs_of_signal(signal: Signal) -> QuerySet[Need]:
    return signal.needs.filter(status__in=Need.PUBLIC).order_by("-published_at", "-id")


def public_needs_of_topic(topic: Topic) -> QuerySet[Need]:
    return (
        topic.needs.filter(status__in=Need.PUBLIC)
        .select_related("municipality")
        .order_by("-published_at", "-id")[:20]
    )


def public_needs_of_body(body_id: int) -> QuerySet[Need]:
    """The public needs a record of the body may answer: the body's own and the whole
    region's (registered in cooperation.extensions for the grants and agreements)."""
    return Need.objects.filter(
        Q(municipality_id=body_id) | Q(municipality__isnull=True), status__in=Need.PUBLIC
    ).order_by("title_fi", "id")
