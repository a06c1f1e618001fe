"""Public topic pages, statistics and the management of links."""

import pytest
from django.urls import reverse

from signals import services
from signals.models import Signal, SignalLink, Topic
from tests.factories import municipality
from tests.helpers.queries import page_queries
from tests.signals.factories import SignalFactory

pytestmark = pytest.mark.django_db


def test_a_topic_page_shows_published_summaries_never_raw_text(client, world):
    topic = Topic.objects.get(slug="loneliness")
    published = SignalFactory(
        description="RAW-TEXT-1", public_summary="Kirjasto avasi olohuoneen.", is_published=True
    )
    hidden = SignalFactory(
        description="RAW-TEXT-2", public_summary="Ei vielä julki", is_published=False
    )
    with_text = SignalFactory(
        description="RAW-TEXT-3",
        public_summary="Kerho perustettiin.",
        is_published=True,
        publish_description=True,
    )
    for signal in (published, hidden, with_text):
        signal.topics.add(topic)
    page = client.get(reverse("signals:topic_detail", kwargs={"slug": topic.slug})).content.decode()
    assert "Kirjasto avasi olohuoneen." in page
    assert "Kerho perustettiin." in page
    assert "RAW-TEXT-1" not in page
    assert "RAW-TEXT-2" not in page
    assert "Ei vielä julki" not in page
    assert "RAW-TEXT-3" in page
    assert client.get(reverse("signals:topic_list")).status_code == 200
    assert client.get(reverse("signals:topic_detail", kwargs={"slug": "nope"})).status_code == 404


def test_topic_pages_have_a_constant_query_count(client, world):
    topic = Topic.objects.first()
    url = reverse("signals:topic_detail", kwargs={"slug": topic.slug})
    few = page_queries(client, url)
    for signal in SignalFactory.create_batch(20, public_summary="Tehty", is_published=True):
        signal.topics.add(topic)
    assert page_queries(client, url) == few
    assert page_queries(client, reverse("signals:topic_list")) <= 3


def test_statistics_count_by_topic_area_group_and_week_with_csv(client, world):
    topic = Topic.objects.get(slug="housing")
    for signal in SignalFactory.create_batch(3, area="Varissuo"):
        signal.topics.add(topic)
    SignalFactory(municipality=municipality("734"), area="Keskusta")
    SignalFactory(is_accepted=False)  # not counted before the check
    client.force_login(world.ngo_member)
    response = client.get(reverse("signals:statistics"))
    charts = {key: chart for key, _title, chart in response.context["charts"]}
    assert next((b.label, b.value) for b in charts["topic"].bars) == (topic.name, 3)
    assert sum(b.value for b in charts["week"].bars) == 4
    assert "<svg" in response.content.decode()
    salo = client.get(reverse("signals:statistics"), {"municipality": "734"})
    assert sum(b.value for b in {k: c for k, _t, c in salo.context["charts"]}["week"].bars) == 1
    csv = client.get(reverse("signals:statistics_csv")).content.decode("utf-8-sig")
    assert f"topic;{topic.name};3" in csv.replace("aihe", "topic")
    # Aggregates only: no text of any signal.
    assert "Iäkkäät asukkaat" not in response.content.decode() + csv


def test_statistics_are_for_logged_in_partners_only(client, world):
    assert client.get(reverse("signals:statistics")).status_code == 302
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(reverse("signals:statistics")).status_code == 404


def test_statistics_csv_neutralises_formulas(client, world):
    SignalFactory(area="=HYPERLINK(1)")
    client.force_login(world.coordinator)
    csv = client.get(reverse("signals:statistics_csv")).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in csv  # shown as typed, and neutralised


def test_an_organisation_admin_creates_and_revokes_links(client, world):
    client.force_login(world.ngo_admin)
    url = reverse("signals:organisation_links", kwargs={"organisation_pk": world.org_a.pk})
    response = client.post(url, {"label": "Kerho"})
    new_url = response.context["new_url"]
    token = new_url.rstrip("/").rsplit("/", 1)[-1]
    assert client.get(reverse("signals:link_submit", kwargs={"token": token})).status_code == 200
    link = SignalLink.objects.get()
    assert link.token_hash != token  # only the hash is stored
    revoke = reverse("signals:link_revoke", kwargs={"pk": link.pk})
    asked = client.post(revoke, HTTP_ACCEPT_LANGUAGE="fi")
    assert asked.status_code == 200
    assert "Poistetaanko linkki" in asked.content.decode()
    assert client.get(reverse("signals:link_submit", kwargs={"token": token})).status_code == 200
    client.post(revoke, {"confirmed": "1"})
    assert client.get(reverse("signals:link_submit", kwargs={"token": token})).status_code == 404
    client.force_login(world.ngo_member)
    assert client.get(url).status_code == 404


def test_only_the_team_manages_its_municipality_open_links(client, world):
    client.force_login(world.official_same)
    client.post(reverse("signals:open_links"), {"label": "Uudet"})
    link = SignalLink.objects.get()
    assert link.municipality.code == "853"
    assert link.kind == SignalLink.Kind.MUNICIPALITY
    client.force_login(world.official_other)
    assert client.post(reverse("signals:link_revoke", kwargs={"pk": link.pk})).status_code == 404
    link.refresh_from_db()
    assert link.is_active
    client.force_login(world.ngo_admin)
    assert client.get(reverse("signals:open_links")).status_code == 404


def test_signal_link_check_constraint_keeps_owner_and_kind_together(world):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        SignalLink.objects.create(
            kind="organisation", municipality=municipality("853"), token_hash="x"
        )
    services.link_create(by=world.ngo_admin, organisation=world.org_a)
    assert Signal.objects.count() == 0


def _signal_queries(client, url) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries.captured_queries if "signals_signal" in q["sql"]]


def test_the_topic_counts_are_remembered_and_follow_the_writes(
    client, world, own_cache, django_capture_on_commit_callbacks
):
    """Counting every signal on each visit let any visitor load the database."""
    own_cache.PUBLIC_SUMMARY_SECONDS = 300
    own_cache.PUBLIC_SUMMARY_MIN_SECONDS = 0
    topic = Topic.objects.get(slug="housing")
    url = reverse("signals:topic_list")
    SignalFactory.create_batch(2, public_summary="Tehty", is_published=True)
    assert _signal_queries(client, url)  # counted once
    assert _signal_queries(client, url) == []  # then remembered
    with django_capture_on_commit_callbacks(execute=True):
        signal = SignalFactory(public_summary="Tehty", is_published=True)
        signal.topics.add(topic)
    page = client.get(url).content.decode()
    assert "1 signaali · 1 julkaistu tulos" in " ".join(page.split())


def test_a_topic_offers_only_its_newest_pages(client, world, settings):
    from cooperation.lib.pagination import BoundedCachedCountPaginator

    topic = Topic.objects.get(slug="housing")
    url = reverse("signals:topic_detail", kwargs={"slug": topic.slug})
    for signal in SignalFactory.create_batch(3, public_summary="Tehty", is_published=True):
        signal.topics.add(topic)
    settings.DIRECTORY_COUNT_CACHE_SECONDS = 0
    original = BoundedCachedCountPaginator.max_pages
    BoundedCachedCountPaginator.max_pages = 2
    try:
        from signals import views

        views_page_size = views.PAGE_SIZE
        views.PAGE_SIZE = 1
        response = client.get(url, {"page": 999})
        assert response.status_code == 200
        assert response.context["page"].number == 2
        assert response.context["page"].paginator.num_pages == 2
    finally:
        BoundedCachedCountPaginator.max_pages = original
        views.PAGE_SIZE = views_page_size
