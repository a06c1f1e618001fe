import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from partnerships.models import Agreement, FollowUpRound

pytestmark = pytest.mark.django_db


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
