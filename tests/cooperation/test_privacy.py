"""Personal data: the retention job, one's own data, account deletion, and the
privacy and accessibility pages with the feedback form."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from cooperation.errors import DomainError
from cooperation.models import (
    AccessibilityFeedback,
    ForumEvent,
    ForumRegistration,
    Invitation,
    Membership,
    Official,
    User,
)
from cooperation.privacy import services as privacy_services
from signals import services as signal_services
from signals.models import Forward, Signal, SignalEvent
from tests.factories import MembershipFactory, municipality
from tests.helpers.grants import make_call, submitted
from tests.helpers.queries import get_counted, page_queries

pytestmark = pytest.mark.django_db
PASSWORD = "salasana-joka-on-pitka-2026"
NO_ADMIN_WARNING = "Järjestöillesi ei jää ylläpitäjää"  # the heading, in Finnish


def _signal(world, *, by=None, email="lahettaja@example.fi", name="Ville Vapaaehtoinen"):
    signal, _receipt = signal_services.signal_submit(
        fields={
            "kind": "worry",
            "description": "Nuoret viettävät iltoja kauppakeskuksessa.",
            "sender_name": name,
            "sender_email": email,
            "sender_phone": "040 123 4567",
        },
        municipality=municipality("853"),
        channel=Signal.Channel.ACCOUNT if by else Signal.Channel.ORGANISATION_LINK,
        language="fi",
        organisation=world.org_a,
        by=by,
    )
    return signal


def _age(signal, days, status=Signal.Status.CLOSED):
    Signal.objects.filter(pk=signal.pk).update(
        status=status, updated_at=timezone.now() - timedelta(days=days)
    )


def _forum(days_ago):
    start = timezone.now() - timedelta(days=days_ago)
    return ForumEvent.objects.create(
        municipality=municipality("853"),
        title="Järjestöfoorumi",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Kaupungintalo",
        organisers="Turun kaupunki",
    )


# --- The retention job -------------------------------------------------------


def test_retention_removes_contacts_of_finished_old_signals_only(world):
    old_closed = _signal(world)
    _age(old_closed, 400)
    old_open = _signal(world)
    _age(old_open, 400, status=Signal.Status.IN_REVIEW)
    recent_closed = _signal(world)
    _age(recent_closed, 30)

    changed = privacy_services.personal_data_retention()

    assert changed["signals.signal_sender_contacts"] == 1
    old_closed.refresh_from_db()
    assert (old_closed.sender_name, old_closed.sender_email, old_closed.sender_phone) == (
        "",
        "",
        "",
    )
    assert old_closed.description.startswith("Nuoret")  # the signal itself stays
    # The audit trail named the sender by the name given: gone too.
    assert not SignalEvent.objects.filter(signal=old_closed, actor_label__contains="Ville").exists()
    assert SignalEvent.objects.filter(signal=old_closed).exists()
    for kept in (old_open, recent_closed):
        kept.refresh_from_db()
        assert kept.sender_email == "lahettaja@example.fi"
        assert SignalEvent.objects.filter(signal=kept, actor_label="Ville Vapaaehtoinen").exists()


def test_retention_removes_an_outside_recipients_address_long_after_the_link_expired(world):
    signal = _signal(world)
    old, _token = signal_services.signal_forward(
        signal=signal,
        by=world.official_same,
        email="vastaaja@example.fi",
        message="",
        language="fi",
    )
    signal_services.forward_answer(forward=old, answer="Asia on työn alla.")
    recent, _token = signal_services.signal_forward(
        signal=signal, by=world.official_same, email="toinen@example.fi", message="", language="fi"
    )
    Forward.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(days=200))
    Forward.objects.filter(pk=recent.pk).update(expires_at=timezone.now() - timedelta(days=10))

    changed = privacy_services.personal_data_retention()

    assert changed["signals.forward_recipient_emails"] == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.email == ""
    assert old.answer == "Asia on työn alla."
    assert recent.email == "toinen@example.fi"
    assert not SignalEvent.objects.filter(actor_label__iexact="vastaaja@example.fi").exists()


def test_retention_deletes_expired_sessions_invitations_and_old_forum_registrations(world):
    live = SessionStore()
    live["x"] = 1
    live.create()
    expired = SessionStore()
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )
    Invitation.objects.filter(pk=world.invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    old_forum, coming_forum = _forum(100), _forum(-10)
    for forum in (old_forum, coming_forum):
        ForumRegistration.objects.create(event=forum, name="Maija", email="maija@example.fi")

    changed = privacy_services.personal_data_retention()

    assert changed["cooperation.expired_sessions"] == 1
    assert changed["cooperation.expired_invitations"] == 1
    assert changed["cooperation.forum_registrations"] == 1
    assert Session.objects.filter(session_key=live.session_key).exists()
    assert not Invitation.objects.filter(pk=world.invitation.pk).exists()
    assert list(ForumRegistration.objects.values_list("event", flat=True)) == [coming_forum.pk]


def test_retention_removes_the_address_given_with_old_feedback(db):
    old = AccessibilityFeedback.objects.create(message="Fokus ei näy.", email="a@example.fi")
    AccessibilityFeedback.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=400)
    )
    recent = AccessibilityFeedback.objects.create(message="Kontrasti.", email="b@example.fi")
    privacy_services.personal_data_retention()
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.email, old.message) == ("", "Fokus ei näy.")
    assert recent.email == "b@example.fi"


def test_a_second_run_changes_nothing_and_each_run_is_logged(world, caplog):
    _age(_signal(world), 400)
    caplog.set_level(logging.INFO, logger="cooperation.privacy.services")
    first = privacy_services.personal_data_retention()
    second = privacy_services.personal_data_retention()
    assert first["signals.signal_sender_contacts"] == 1
    assert set(second.values()) == {0}
    runs = [r.getMessage() for r in caplog.records if "retention" in r.getMessage()]
    assert len(runs) == 2
    assert "signals.signal_sender_contacts=1" in runs[0]


def test_the_periods_come_from_settings(world, settings):
    signal = _signal(world)
    _age(signal, 40)
    assert privacy_services.personal_data_retention()["signals.signal_sender_contacts"] == 0
    settings.PERSONAL_DATA_RETENTION_DAYS = {
        **settings.PERSONAL_DATA_RETENTION_DAYS,
        "signal_sender_contact": 30,
    }
    assert privacy_services.personal_data_retention()["signals.signal_sender_contacts"] == 1


def test_the_nightly_task_runs_the_job(world):
    from config.celery import beat_schedule
    from cooperation.tasks import personal_data_retention

    _age(_signal(world), 400)
    assert personal_data_retention.delay().get()["signals.signal_sender_contacts"] == 1
    tasks = {entry["task"] for entry in beat_schedule().values()}
    assert "cooperation.tasks.personal_data_retention" in tasks


# --- One's own data ----------------------------------------------------------


def test_the_download_holds_the_users_data_and_nobody_elses(world, login):
    user = world.ngo_admin
    _signal(world, by=user, email=user.email, name="Oma Nimi")
    _signal(world, email="joku.muu@example.fi", name="Joku Muu")
    call = make_call()
    submitted(call, world.org_a, user)

    response = login(user).get(reverse("cooperation:my_data_download"))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["cooperation"]["account"][0]["email"] == user.email
    assert [m["organisation"] for m in data["cooperation"]["memberships"]] == [world.org_a.name]
    sent = data["signals"]["signals_sent"]
    assert [s["sender_name"] for s in sent] == ["Oma Nimi"]
    assert data["grants"]["grant_applications"][0]["submitted_by_you"] is True
    assert "joku.muu@example.fi" not in response.content.decode()
    assert "partnerships" in data


def test_the_download_and_the_pages_ask_a_login(client):
    for name in ("my_data", "my_data_download", "account_delete"):
        response = client.get(reverse(f"cooperation:{name}"))
        assert response.status_code == 302
        assert "/login/" in response["Location"]


def test_the_downloads_queries_do_not_grow_with_the_users_records(world, login):
    user = world.ngo_admin
    client = login(user)
    url = reverse("cooperation:my_data_download")
    _signal(world, by=user, email=user.email)
    few = page_queries(client, url)
    for _ in range(5):
        _signal(world, by=user, email=user.email)
    MembershipFactory(user=user)
    MembershipFactory(user=user)
    assert page_queries(client, url) == few


def test_the_my_data_page(world, login):
    client = login(world.ngo_member)
    response, queries = get_counted(client, reverse("cooperation:my_data"))
    assert len(queries) <= 8
    assert reverse("cooperation:my_data_download") in response.content.decode()


# --- Account deletion --------------------------------------------------------


def _with_password(user: User) -> User:
    user.set_password(PASSWORD)
    user.save()
    return user


def test_the_last_admin_is_told_what_happens_to_the_organisation(world, login):
    response = login(world.ngo_admin).get(reverse("cooperation:account_delete"))
    page = response.content.decode()
    assert NO_ADMIN_WARNING in page
    assert world.org_a.name in page
    assert "kukaan ei voi muokata sen tietoja" in page
    # An ordinary member leaves no organisation without an admin.
    page = login(world.ngo_member).get(reverse("cooperation:account_delete")).content.decode()
    assert NO_ADMIN_WARNING not in page


def test_another_admin_means_no_warning(world, login):
    MembershipFactory(organisation=world.org_a, role=Membership.Role.ADMIN)
    page = login(world.ngo_admin).get(reverse("cooperation:account_delete")).content.decode()
    assert NO_ADMIN_WARNING not in page


def test_deleting_the_account_keeps_the_records_without_the_name(world, login):
    user = _with_password(world.ngo_admin)
    user.full_name = "Aino Admin"
    user.save()
    email = user.email
    application = submitted(make_call(), world.org_a, user)
    signal = _signal(world, by=user, email=email, name="Aino Admin")
    client = login(user)

    response = client.post(
        reverse("cooperation:account_delete"), {"password": PASSWORD, "confirm": "on"}
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.deleted_at is not None
    assert not user.is_active
    assert user.full_name == ""
    assert email not in user.email
    assert not user.has_usable_password()
    assert str(user) == "poistettu käyttäjä"
    assert not Membership.objects.filter(user=user).exists()
    application.refresh_from_db()
    assert application.submitted_by_id == user.pk  # the record stays, nameless
    signal.refresh_from_db()
    assert (signal.sender_name, signal.sender_email, signal.sender_phone) == ("", "", "")
    assert not SignalEvent.objects.filter(actor_label__contains="Aino").exists()
    # Logged out, and the account no longer opens.
    assert client.get(reverse("cooperation:my_account")).status_code == 302
    assert not client.login(email=email, password=PASSWORD)
    # The organisation stays, without an admin, for the coordinators to mend.
    assert world.org_a.memberships.filter(role=Membership.Role.ADMIN).count() == 0


def test_an_official_who_deletes_their_account_leaves_the_contact_page(world, login):
    user = _with_password(world.official_same)
    login(user).post(reverse("cooperation:account_delete"), {"password": PASSWORD, "confirm": "on"})
    assert not Official.objects.filter(user=user).exists()
    assert not Authenticator.objects.filter(user=user).exists()


def test_deletion_ends_the_persons_other_sessions(world, client):
    user = _with_password(world.ngo_member)
    other = type(client)()
    other.force_login(user)
    client.force_login(user)
    client.post(reverse("cooperation:account_delete"), {"password": PASSWORD, "confirm": "on"})
    assert other.get(reverse("cooperation:my_account")).status_code == 302


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"password": "väärä", "confirm": "on"}, "password"),
        ({"password": PASSWORD}, "confirm"),
        ({}, "password"),
    ],
)
def test_a_wrong_password_or_no_confirmation_deletes_nothing(world, login, data, field):
    user = _with_password(world.ngo_member)
    response = login(user).post(reverse("cooperation:account_delete"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    user.refresh_from_db()
    assert user.deleted_at is None
    assert user.is_active
    assert Membership.objects.filter(user=user).exists()


def test_a_deleted_account_cannot_be_deleted_twice(world):
    user = world.ngo_member
    privacy_services.account_delete(user=user)
    with pytest.raises(DomainError):
        privacy_services.account_delete(user=user)


def test_the_deletion_page_queries(world, login):
    for _ in range(3):
        MembershipFactory(user=world.ngo_admin, role=Membership.Role.ADMIN)
    client = login(world.ngo_admin)
    assert page_queries(client, reverse("cooperation:account_delete")) <= 8


# --- Privacy notice, accessibility statement and feedback --------------------


def test_the_privacy_notice_names_the_periods_from_settings(client, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = {
        **settings.PERSONAL_DATA_RETENTION_DAYS,
        "signal_sender_contact": 123,
    }
    response = client.get(reverse("cooperation:privacy"))
    assert response.status_code == 200
    assert "123 päivää sen jälkeen, kun signaaliin on vastattu" in response.content.decode()


def test_feedback_is_stored_and_mailed_after_commit(
    client, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.ACCESSIBILITY_FEEDBACK_EMAIL = "saavutettavuus@turku.example"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("cooperation:accessibility"),
            {
                "message": "<script>alert(1)</script> Painike ei toimi näppäimistöllä.",
                "email": "palaute@example.fi",
                "page_url": "/grants/",
            },
        )
    assert response.status_code == 302
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.page_url == "/grants/"
    assert feedback.email == "palaute@example.fi"
    (mail,) = mailoutbox
    assert mail.to == ["saavutettavuus@turku.example"]
    html = mail.alternatives[0][0]
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"message": ""},
        {"message": "x" * 3001},
        {"message": "Hyvä", "email": "ei-osoite"},
        {"message": "Hyvä", "page_url": "x" * 501},
    ],
)
def test_bad_feedback_is_refused_with_a_message_and_not_stored(client, mailoutbox, data):
    response = client.post(reverse("cooperation:accessibility"), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not AccessibilityFeedback.objects.exists()
    assert not mailoutbox


def test_the_statement_page_and_its_queries(client):
    response, queries = get_counted(client, reverse("cooperation:accessibility") + "?page=/grants/")
    assert len(queries) <= 2
    page = response.content.decode()
    assert "WCAG 2.1" in page
    assert "saavutettavuusvaatimukset.fi" in page
    assert 'value="/grants/"' in page


def test_every_page_links_the_statement_and_the_privacy_notice(client):
    page = client.get(reverse("cooperation:home")).content.decode()
    assert reverse("cooperation:accessibility") in page
    assert reverse("cooperation:privacy") in page


def test_only_coordinators_handle_feedback_in_the_admin(world, login):
    feedback = AccessibilityFeedback.objects.create(message="Kontrasti.")
    url = reverse("admin:cooperation_accessibilityfeedback_change", args=[feedback.pk])
    assert login(world.official_same).get(url).status_code == 404
    assert login(world.coordinator).get(url).status_code == 200
