"""The remaining signal pages: their query count does not grow with the data."""

import pytest
from django.urls import reverse

from signals import services
from signals.models import Signal, Topic
from tests.factories import municipality
from tests.helpers.queries import page_queries
from tests.signals.factories import SignalFactory

pytestmark = pytest.mark.django_db


def more_signals(world, count):
    topics = list(Topic.objects.all()[:3])
    for signal in SignalFactory.create_batch(count, organisation=world.org_a, area="Varissuo"):
        signal.topics.set(topics)
    SignalFactory.create_batch(count, municipality=municipality("734"), area="Keskusta")
    services.digest_build()


@pytest.mark.parametrize(
    ("role", "name"),
    [
        ("official_same", "signals:digest_list"),
        ("official_same", "signals:statistics"),
        ("official_same", "signals:statistics_csv"),
        ("official_same", "signals:open_links"),
        ("coordinator", "signals:signal_list"),
        ("anonymous", "signals:topic_list"),
    ],
)
def test_page_query_count_does_not_grow(client, world, role, name):
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    url = reverse(name)
    more_signals(world, 2)
    client.get(url)
    few = page_queries(client, url)
    more_signals(world, 25)
    assert page_queries(client, url) == few


def test_receipt_and_forward_answer_pages_have_a_fixed_query_count(client, world):
    signal, receipt = services.signal_submit(
        fields={"kind": "worry", "description": "Huoli", "sender_name": "V"},
        municipality=municipality("853"),
        channel=Signal.Channel.ACCOUNT,
        language="fi",
        organisation=world.org_a,
    )
    _forward, token = services.signal_forward(
        signal=signal, by=world.official_same, email="x@example.fi", message="?", language="fi"
    )
    receipt_url = reverse("signals:receipt", kwargs={"token": receipt})
    answer_url = reverse("signals:forward_answer", kwargs={"token": token})
    before = (
        page_queries(client, receipt_url),
        page_queries(client, answer_url),
    )
    for _ in range(10):
        SignalFactory(kind=Signal.Kind.PROPOSAL, parent=signal)
        services.signal_forward(
            signal=signal, by=world.official_same, email="y@example.fi", message="", language="fi"
        )
    after = (
        page_queries(client, receipt_url),
        page_queries(client, answer_url),
    )
    assert after == before


def test_organisation_links_page_has_a_fixed_query_count(client, world):
    client.force_login(world.ngo_admin)
    url = reverse("signals:organisation_links", kwargs={"organisation_pk": world.org_a.pk})
    services.link_create(by=world.ngo_admin, organisation=world.org_a)
    client.get(url)
    few = page_queries(client, url)
    for _ in range(10):
        services.link_create(by=world.ngo_admin, organisation=world.org_a)
    assert page_queries(client, url) == few
