"""The facility manager is told of a new request as they chose: its own mail at
once (the default), in the daily summary, or only on the desk."""

import pytest
from django.core import mail

from cooperation.models import Delivery, Notice, NoticePreference, OfficialRole
from cooperation.notices import services as notices
from partnerships.facilities import emails
from tests.helpers.facilities import make_space, request
from tests.helpers.officials import make_manager
from tests.helpers.time import at, monday_ahead

pytestmark = pytest.mark.django_db
MONDAY = monday_ahead()


@pytest.fixture
def manager(world):
    return make_manager(world.official_same)


def _to(user):
    return [m for m in mail.outbox if user.email in m.to]


def test_a_manager_who_chose_the_summary_gets_no_mail_at_once_but_the_summary(
    world, manager, django_capture_on_commit_callbacks
):
    room = make_space()
    NoticePreference.objects.create(user=manager, kind=emails.REQUEST, delivery=Delivery.DAILY)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request(world, room, at(MONDAY, 10), at(MONDAY, 12))
    assert _to(manager) == []
    assert len(_to(world.ngo_admin)) == 1  # the requester's receipt still goes
    assert notices.send_daily() == 1
    (summary,) = _to(manager)
    assert summary.subject == "Vuorosi: 1 uusi asia portaalissa"
    assert f"Varauspyyntö tilaan {room}: {world.org_a.name}" in summary.body


def test_at_once_the_manager_gets_the_requests_own_mail_once(
    world, manager, django_capture_on_commit_callbacks
):
    room = make_space()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        booking = request(world, room, at(MONDAY, 10), at(MONDAY, 12))
    (told,) = _to(manager)
    assert told.subject.startswith("Varauspyyntö")
    assert booking.purpose in told.body
    assert Notice.objects.get(user=manager).mailed_at
    assert notices.send_daily() == 0


def test_with_no_facility_manager_the_coordinator_is_told(
    world, django_capture_on_commit_callbacks
):
    room = make_space()
    OfficialRole.objects.filter(role=OfficialRole.Role.FACILITY_MANAGER).delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request(world, room, at(MONDAY, 10), at(MONDAY, 12))
    assert len(_to(world.coordinator)) == 1
