"""The team's signal list in the admin: scoped, searchable, bulk actions, flat query count."""

import pytest
from django.urls import reverse

from signals.models import Signal, SignalEvent
from tests.factories import municipality
from tests.helpers.queries import page_queries
from tests.signals.factories import SignalFactory

pytestmark = pytest.mark.django_db
URL = reverse("admin:signals_signal_changelist")


def test_the_team_sees_its_municipality_only(client, world):
    own = SignalFactory()
    SignalFactory(municipality=municipality("734"))
    client.force_login(world.official_same)
    response = client.get(URL)
    assert [s.pk for s in response.context["cl"].result_list] == [own.pk]


def test_free_text_search_and_reference_search(client, world):
    match = SignalFactory(description="Ruoka-avun jonot kasvavat Varissuolla")
    SignalFactory(description="Pyöräteiden auraus")
    client.force_login(world.official_same)
    found = client.get(URL, {"q": "jonot"}).context["cl"].result_list
    assert [s.pk for s in found] == [match.pk]
    found = client.get(URL, {"q": match.reference}).context["cl"].result_list
    assert [s.pk for s in found] == [match.pk]


def test_bulk_mark_reviewed_and_assign(client, world):
    signals = SignalFactory.create_batch(3)
    client.force_login(world.official_same)
    ids = [s.pk for s in signals]
    client.post(URL, {"action": "mark_reviewed", "_selected_action": ids})
    assert set(Signal.objects.values_list("status", flat=True)) == {Signal.Status.IN_REVIEW}
    client.post(URL, {"action": "assign_to_me", "_selected_action": ids})
    assert set(Signal.objects.values_list("assigned_to", flat=True)) == {world.official_same.pk}
    assert SignalEvent.objects.filter(action=SignalEvent.Action.ASSIGNED).count() == 3


def test_the_change_form_saves_the_review_through_the_service(client, world):
    signal = SignalFactory()
    client.force_login(world.official_same)
    url = reverse("admin:signals_signal_change", args=[signal.pk])
    assert client.get(url).status_code == 200
    client.force_login(world.official_other)
    assert client.get(url).status_code == 404


def test_the_changelist_query_count_does_not_grow(client, world):
    SignalFactory.create_batch(2)
    client.force_login(world.official_same)
    client.get(URL)
    few = page_queries(client, URL)
    SignalFactory.create_batch(60)
    assert page_queries(client, URL) == few


def test_the_change_form_offers_only_its_municipalitys_signals_units_and_team(world):
    """An id typed into a raw id field outside them is refused, as the portal's
    own pages refuse it: no Turku signal is linked to a Salo one, and no signal
    is given to someone outside the NGO team."""
    from django.contrib import admin
    from django.core.exceptions import ValidationError
    from django.test import RequestFactory

    from cooperation.models import Unit

    signal, same = SignalFactory(), SignalFactory()
    salo = SignalFactory(municipality=municipality("734"))
    request = RequestFactory().get("/admin/")
    request.user = world.official_same
    form_class = admin.site._registry[Signal].get_form(request, signal, change=True)
    fields = form_class.base_fields
    assert list(fields["related"].queryset) == [same]
    assert fields["related"].clean([same.pk])
    with pytest.raises(ValidationError):
        fields["related"].clean([salo.pk])
    team = fields["assigned_to"].queryset
    assert world.official_same in team
    for outsider in (world.ngo_member, world.official_other):
        assert outsider not in team
        with pytest.raises(ValidationError):
            fields["assigned_to"].clean(outsider.pk)
    units = fields["responsible_units"].queryset
    assert set(units) == set(Unit.objects.filter(municipality=signal.municipality))
