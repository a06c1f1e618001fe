import pytest
from django.core.management import call_command

from cooperation.models import Membership, Official, Organisation, User

# The demo needs the region; a transactional test on the same worker may have
# flushed it, and region_data loads it again.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("region_data")]


def test_demo_data_has_one_user_per_role_and_can_be_loaded_twice(capsys):
    call_command("demo_data")
    counts = (Organisation.objects.count(), User.objects.count(), Membership.objects.count())
    call_command("demo_data")
    assert (
        Organisation.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    ) == counts
    assert User.objects.filter(is_coordinator=True).exists()
    assert User.objects.filter(is_superuser=True).exists()
    roles = set(Official.objects.values_list("roles__role", flat=True))
    assert roles == {"ngo_team", "grant_officer", "facility_manager", "liaison"}
    assert Organisation.objects.filter(is_public=False).exists()
    assert Organisation.objects.filter(business_id__isnull=True).exists()
    output = capsys.readouterr().out
    assert "ngo.admin@example.fi" in output
    assert "kumppani-demo" in output


DESK_PEOPLE = [
    "ngo.admin@example.fi",
    "ngo.team@turku.example.fi",
    "grants@turku.example.fi",
    "facilities@turku.example.fi",
    "liaison@salo.example.fi",
    "network@turku.example.fi",
    "coordinator@example.fi",
]


def test_every_demo_persons_desk_has_something_on_it():
    from django.utils import translation

    from cooperation.selectors import desk

    call_command("demo_data")
    with translation.override("fi"):
        empty = [email for email in DESK_PEOPLE if not desk(User.objects.get(email=email))]
    assert empty == []
