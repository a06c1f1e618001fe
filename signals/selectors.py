"""Every non-trivial read of the signals app, scoped by signals.permissions."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Lower, TruncWeek
from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cooperation import permissions as core_permissions
from cooperation.extensions import DeskItem, desk_group
from cooperation.language import pick_language
from cooperation.lib import summaries
from cooperation.lib.formats import day, iso_week
from cooperation.models import TargetGroup
from cooperation.services import hash_token

from . import permissions, search
from .filters import SignalListFilter, StatisticsFilter
from .models import Digest, DigestDelivery, Forward, Signal, SignalLink, Topic

SIMILAR_LIMIT = 5


def _for_lists(queryset: QuerySet[Signal]) -> QuerySet[Signal]:
    return queryset.select_related("municipality", "organisation").prefetch_related(
        Prefetch("topics", to_attr="topic_list")
    )


def signal_list(*, user, params: QueryDict) -> tuple[SignalListFilter, QuerySet[Signal]]:
    """The signals the user may see, filtered, newest first, ready for a list."""
    visible = permissions.signals_visible_to(user)
    filterset = SignalListFilter(params or None, queryset=visible)
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else visible
    return filterset, _for_lists(queryset.order_by("-created_at", "-id"))


def signal_get_visible(*, user, pk: int) -> Signal:
    """One signal the user may see, with what its page shows, or 404."""
    queryset = permissions.signals_visible_to(user).select_related(
        "municipality", "organisation", "parent", "digest", "assigned_to"
    )
    try:
        return queryset.prefetch_related(
            "topics", "target_groups", "responsible_units", "related", "proposals"
        ).get(pk=pk)
    except Signal.DoesNotExist:
        raise Http404 from None


def signal_events(signal: Signal):
    return signal.events.select_related("actor")


def signal_forwards(signal: Signal):
    return signal.forwards.select_related("created_by")


def public_answers(signal: Signal) -> list[Forward]:
    """What the sender may read of the answers the team received (and whether
    there is one: Signal.sender_status)."""
    answers = list(signal.forwards.filter(answer_is_public=True).exclude(answer=""))
    signal.has_shared_answer = bool(answers)  # type: ignore[attr-defined]
    return answers


def similar_signals(signal: Signal) -> list[Signal]:
    """Earlier signals of the same municipality that look alike (not yet linked)."""
    candidates = (
        Signal.objects.filter(municipality_id=signal.municipality_id, is_accepted=True)
        .exclude(pk=signal.pk)
        .exclude(pk__in=signal.related.values("pk"))
    )
    return list(search.similar(candidates, signal.description, SIMILAR_LIMIT))


def link_by_token(token: str) -> SignalLink:
    """An active link by its secret, or 404 (a revoked link no longer exists)."""
    link = (
        SignalLink.objects.select_related("organisation", "municipality")
        .filter(token_hash=hash_token(token), revoked_at__isnull=True)
        .first()
    )
    if link is None:
        raise Http404
    return link


def signal_by_receipt(token: str) -> Signal:
    signal = (
        Signal.objects.select_related("municipality", "organisation")
        .filter(receipt_hash=hash_token(token))
        .first()
    )
    if signal is None:
        raise Http404
    return signal


def forward_by_token(token: str) -> Forward:
    forward = (
        Forward.objects.select_related("signal__municipality", "signal__organisation")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if forward is None:
        raise Http404
    return forward


def _shared_answer():
    return Exists(
        Forward.objects.filter(signal=OuterRef("pk"), answer_is_public=True).exclude(answer="")
    )


def link_signals(link: SignalLink) -> QuerySet[Signal]:
    return _for_lists(link.signals.order_by("-created_at", "-id")).annotate(
        has_shared_answer=_shared_answer()
    )


# --- Digests ---------------------------------------------------------------


def digest_signals(digest: Digest) -> QuerySet[Signal]:
    return (
        digest.signals.select_related("organisation", "parent")
        .prefetch_related(
            Prefetch("topics", to_attr="topic_list"),
            Prefetch("target_groups", to_attr="target_group_list"),
        )
        .order_by("created_at", "pk")
    )


def digest_topic_counts(digest: Digest) -> list[tuple[str, int]]:
    return _topic_counts(Signal.objects.filter(digest=digest))


def digest_get_visible(*, user, pk: int) -> Digest:
    digest = permissions.digests_visible_to(user).select_related("municipality").filter(pk=pk)
    found = digest.first()
    if found is None:
        raise Http404
    return found


# --- Public pages and statistics -------------------------------------------


def published_signals(queryset: QuerySet[Signal] | None = None) -> QuerySet[Signal]:
    queryset = Signal.objects.all() if queryset is None else queryset
    return queryset.filter(is_published=True, is_accepted=True).exclude(public_summary="")


TOPIC_COUNTS = "signals:topics"  # the group of remembered figures (cooperation.lib.summaries)


def _topic_counts_now() -> dict[int, tuple[int, int]]:
    """Per topic: counted signals, and those of them with a published outcome."""
    counted = Signal.topics.through.objects.filter(signal__is_accepted=True)
    published = Q(signal__is_published=True) & ~Q(signal__public_summary="")
    return {
        row["topic_id"]: (row["signals"], row["published"])
        for row in counted.values("topic_id")
        .annotate(signals=Count("pk"), published=Count("pk", filter=published))
        .order_by()
    }


def topics_with_counts() -> list[Topic]:
    """Every topic with `signal_count` and `published_count`. The counts are
    remembered (summaries): counting a million signals on each visit to a public
    page would let any visitor load the database."""
    counts = summaries.remembered(TOPIC_COUNTS, "counts", _topic_counts_now)
    topics = list(Topic.objects.all())
    for topic in topics:
        # Attributes for the template, not fields.
        topic.signal_count, topic.published_count = counts.get(topic.pk, (0, 0))  # type: ignore[attr-defined]
    return topics


def topic_published(topic: Topic) -> QuerySet[Signal]:
    return (
        published_signals(topic.signals.all())
        .select_related("municipality")
        .order_by("-created_at", "-id")
    )


def _topic_counts(signals: QuerySet[Signal]) -> list[tuple[str, int]]:
    through = Signal.topics.through.objects.filter(signal__in=signals.values("pk"))
    counts = dict(through.values_list("topic_id").annotate(n=Count("id")))
    topics = {topic.pk: topic.name for topic in Topic.objects.filter(pk__in=counts)}
    rows = sorted(((topics[pk], n) for pk, n in counts.items()), key=lambda row: (-row[1], row[0]))
    untopiced = signals.filter(topics__isnull=True).count()
    if untopiced:
        rows.append((_("No topic"), untopiced))
    return rows


def statistics(*, params: QueryDict) -> tuple[StatisticsFilter, dict[str, list[tuple[str, int]]]]:
    """Counts of counted signals by topic, area, target group and week (the last
    26 weeks shown), for the filters given. Aggregates only: no signal text."""
    counted = Signal.objects.filter(is_accepted=True)
    filterset = StatisticsFilter(params or None, queryset=counted)
    signals = filterset.qs if filterset.is_bound and filterset.is_valid() else counted
    group_through = Signal.target_groups.through.objects.filter(signal__in=signals)
    group_counts = dict(group_through.values_list("targetgroup_id").annotate(n=Count("id")))
    groups = {g.pk: g.name for g in TargetGroup.objects.filter(pk__in=group_counts)}
    by_area = (
        signals.exclude(area="")
        .annotate(place=Lower("area"))
        .values_list("municipality__name_fi", "municipality__name_sv", "place")
        # Counted together whatever the case; shown as somebody typed it.
        .annotate(n=Count("pk"), shown=Min("area"))
        .order_by("-n", "place")[:20]
    )
    by_week = (
        signals.annotate(week=TruncWeek("created_at"))
        .values_list("week")
        .annotate(n=Count("pk"))
        .order_by("-week")[:26]
    )
    return filterset, {
        "topic": _topic_counts(signals),
        "area": [
            (f"{shown} ({pick_language(name_fi, name_sv)})", n)
            for name_fi, name_sv, _place, n, shown in by_area
        ],
        "target_group": sorted(
            ((groups[pk], n) for pk, n in group_counts.items()), key=lambda r: (-r[1], r[0])
        ),
        "week": [(iso_week(week), n) for week, n in reversed(list(by_week))],
    }


# --- Personal data -----------------------------------------------------------


def _signals_sent_by(user) -> QuerySet[Signal]:
    return Signal.objects.filter(Q(sender_user=user) | Q(sender_email__iexact=user.email))


def personal_data_of(user) -> dict[str, list[dict]]:
    """What the signals app keeps about the user, for their own download: the
    signals they sent (with or without logging in, by their address), the answers
    asked of them and the digests mailed to them."""
    signals = _signals_sent_by(user).select_related("municipality", "organisation")
    forwards = Forward.objects.filter(Q(user=user) | Q(email__iexact=user.email)).select_related(
        "signal"
    )
    return {
        "signals_sent": [
            {
                "reference": signal.reference,
                "received": signal.created_at.isoformat(),
                "kind": signal.kind,
                "municipality": signal.municipality.name,
                "organisation": signal.organisation.name
                if signal.organisation
                else signal.organisation_name,
                "description": signal.description,
                "sender_name": signal.sender_name,
                "sender_email": signal.sender_email,
                "sender_phone": signal.sender_phone,
                "status": signal.status,
            }
            for signal in signals.order_by("created_at", "id")
        ],
        "signals_forwarded_to_you": [
            {
                "signal": forward.signal.reference,
                "forwarded": forward.created_at.isoformat(),
                "email": forward.email,
                "message": forward.message,
                "answer": forward.answer,
            }
            for forward in forwards.order_by("created_at", "id")
        ],
        "digests_mailed_to_you": [
            {"digest": str(delivery.digest), "status": delivery.status}
            for delivery in DigestDelivery.objects.filter(user=user)
            .select_related("digest__municipality")
            .order_by("digest_id")
        ],
    }


# --- The desk ---------------------------------------------------------------

# An answer the sender got stays on their desk this long.
ANSWER_NEWS = timedelta(days=30)


def _forward_item(answered: bool):
    def item(forward: Forward) -> DeskItem:
        if answered:
            when = _("answered %(date)s") % {"date": day(forward.answered_at)}
        else:
            when = _("forwarded %(date)s") % {"date": day(forward.created_at)}
        return DeskItem(
            forward.signal.reference,
            reverse("signals:signal_detail", args=[forward.signal_id]),
            detail=forward.email,
            when=when,
        )

    return item


def signals_with_answer(queryset: QuerySet[Signal]) -> QuerySet[Signal]:
    """Signals with an answer to show their sender: the team's own, or a forwarded
    person's the team chose to share."""
    shared = Forward.objects.filter(answer_is_public=True, answered_at__isnull=False)
    return queryset.filter(Q(answer__gt="") | Q(pk__in=shared.values("signal_id")))


def desk(user):
    """The signals app's part of the desk: for NGO staff, their signals that got
    an answer; for the NGO team, this week's digest, signals from open links to
    check, answers that arrived from forwarded people and answers that are late."""
    if not core_permissions.is_active_user(user):
        return
    now = timezone.now()
    # Only the columns an item shows (a signal's texts are long and many).
    signals = Signal.objects.only("reference", "kind", "created_at", "updated_at")
    sent = signals.filter(
        Q(organisation_id__in=core_permissions.member_organisation_ids(user)) | Q(sender_user=user)
    )
    yield desk_group(
        "signals_answered",
        _("Your signals that got an answer"),
        signals_with_answer(sent.filter(updated_at__gte=now - ANSWER_NEWS)).order_by(
            "updated_at", "id"
        ),
        lambda signal: DeskItem(
            signal.reference,
            reverse("signals:signal_detail", args=[signal.pk]),
            detail=signal.get_kind_display(),
            when=_("answered %(date)s") % {"date": day(signal.updated_at)},
        ),
        more_url=reverse("signals:signal_list"),
    )
    municipality_id = core_permissions.official_municipality_id(user)
    if municipality_id is None or not permissions.is_team_member(user, municipality_id):
        return
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    yield desk_group(
        "signals_digest",
        _("This week's digest"),
        Digest.objects.filter(municipality_id=municipality_id, week_start=monday).order_by(
            "created_at", "id"
        ),
        lambda digest: DeskItem(
            iso_week(digest.week_start).capitalize(),
            reverse("signals:digest_detail", args=[digest.pk]),
            detail=ngettext("%(count)s new signal", "%(count)s new signals", digest.signal_count)
            % {"count": digest.signal_count},
        ),
    )
    ours = signals.filter(municipality_id=municipality_id)
    yield desk_group(
        "signals_to_check",
        _("Signals from open links to check"),
        ours.filter(is_accepted=False)
        .exclude(status=Signal.Status.REJECTED)
        .order_by("created_at", "id"),
        lambda signal: DeskItem(
            signal.reference,
            reverse("signals:signal_detail", args=[signal.pk]),
            detail=signal.get_kind_display(),
            when=_("received %(date)s") % {"date": day(signal.created_at)},
        ),
        more_url=reverse("signals:signal_list") + "?to_check=true",
    )
    forwards = (
        Forward.objects.filter(signal__municipality_id=municipality_id)
        .select_related("signal")
        .only("email", "created_at", "answered_at", "signal__reference")
    )
    yield desk_group(
        "signals_answers_arrived",
        _("Answers from forwarded people"),
        forwards.filter(answered_at__isnull=False, signal__status=Signal.Status.ANSWERED).order_by(
            "answered_at", "id"
        ),
        _forward_item(answered=True),
    )
    late = now - timedelta(days=settings.SIGNAL_FORWARD_ANSWER_DAYS)
    yield desk_group(
        "signals_answers_late",
        _("Forwards whose answer is late"),
        forwards.filter(answered_at__isnull=True, created_at__lte=late)
        .exclude(signal__status__in=(Signal.Status.CLOSED, Signal.Status.REJECTED))
        .order_by("created_at", "id"),
        _forward_item(answered=False),
    )
