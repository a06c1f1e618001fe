import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from cooperation.models import User
from partnerships.models import Agreement, FollowUpRound

# The demo needs the region; a transactional test on the same worker may have
# flushed it, and region_data loads it again.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("region_data")]


def test_the_demo_has_agreements_in_every_state_and_loads_twice():
    call_command("demo_data")
    count = Agreement.objects.count()
    call_command("demo_data")
    assert Agreement.objects.count() == count == 3
    assert set(Agreement.objects.values_list("status", flat=True)) == {
        "in_force",
        "awaiting_funder",
    }
    assert FollowUpRound.objects.filter(status="open").exists()
    page = Client().get(reverse("partnerships:register")).content.decode()
    assert "Olohuonetoiminnan kehittämiskumppanuus" in page


def test_the_demo_facilities_load_twice_and_the_manager_has_a_series_to_decide():
    from partnerships.models import Booking, BookingSeries, Space

    call_command("demo_data")
    spaces = Space.objects.count()
    call_command("demo_data")
    assert Space.objects.count() == spaces == 6
    series = BookingSeries.objects.get()
    hall_bookings = Booking.objects.filter(series=series)
    # The hall is covered by the demo's facility partnership: the group uses it free.
    assert all(b.is_free and b.free_agreement_id for b in hall_bookings)
    assert set(hall_bookings.values_list("status", flat=True)) <= {"requested"}
    assert Booking.objects.filter(status="approved", series__isnull=True).count() == 1
    client = Client()
    assert "Kokoustila Aura" in client.get(reverse("facilities:space_list")).content.decode()
    client.force_login(User.objects.get(email="facilities@turku.example.fi"))
    page = client.get(reverse("facilities:manage")).content.decode()
    assert "Runosmäen" in page
    assert "weekly series" in page or "viikkosarja" in page


def test_the_demo_letter_of_intent_waits_for_the_funder_and_answers_the_demo_need():
    from partnerships.models import StatementRequest

    call_command("demo_data")
    call_command("demo_data")
    request = StatementRequest.objects.get()
    assert request.status == StatementRequest.Status.GIVEN
    assert request.needs.count() == 1
    client = Client()
    client.force_login(User.objects.get(email="ngo.admin@example.fi"))
    page = client.get(reverse("cooperation:desk")).content.decode()
    assert "Arjen olohuone Varissuolle" in page
