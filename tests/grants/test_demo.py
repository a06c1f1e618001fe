import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from cooperation.models import User
from grants import selectors
from grants.demo import OPEN_CALL
from grants.models import Application, GrantCall

# The demo needs the region; a transactional test on the same worker may have
# flushed it, and region_data loads it again.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("region_data")]


def test_the_demo_has_an_open_call_work_for_the_officer_and_history_and_loads_twice():
    call_command("demo_data")
    counts = (GrantCall.objects.count(), Application.objects.count())
    call_command("demo_data")
    assert (GrantCall.objects.count(), Application.objects.count()) == counts

    call = GrantCall.objects.get(title_fi=OPEN_CALL)
    assert call.applications.filter(status=Application.Status.SUBMITTED).count() == 1
    assert call.applications.filter(status=Application.Status.DRAFT).count() == 1
    assert [f.year for f in selectors.grant_statistics().by_year] == [2023, 2024, 2025]

    # It takes up Turku's published area challenges.
    assert call.challenges.filter(edition__municipality=call.municipality).exists()
    client = Client()
    assert client.get(reverse("grants:call_detail", args=[call.pk])).status_code == 200
    client.force_login(User.objects.get(email="grants@turku.example.fi"))
    page = client.get(reverse("grants:application_list")).content.decode()
    assert "Olohuonetoiminta ikäihmisille" in page
