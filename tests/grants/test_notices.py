"""Whose turn it is in the grants app: the officer is told of a new application,
of information sent as asked and of a submitted report; the network of an
application waiting for it; a call's municipality with no officer leaves it
to the coordinators."""

from decimal import Decimal

import pytest
from django.core import mail
from django.utils import translation

from cooperation.models import Notice, OfficialRole
from grants import services
from grants.models import Application
from tests.helpers.grants import complete_draft, in_review
from tests.helpers.grants import decide as decide_after_closing

pytestmark = pytest.mark.django_db


def _to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def test_the_officer_is_told_of_a_new_application_in_their_language(
    grants, world, django_capture_on_commit_callbacks
):
    grants.officer.preferred_language = "sv"
    grants.officer.save()
    application = complete_draft(grants.call, world.org_a, world.ngo_admin)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=application, by=world.ngo_admin)
    (told,) = _to(grants.officer)
    assert told.subject == f"Ny ansökan {application.reference}: {world.org_a.name}"
    assert f"/grants/applications/{application.pk}/" in told.body
    assert _to(grants.officer_salo) == []  # another municipality's officer
    assert Notice.objects.filter(user=grants.officer).count() == 1


def test_information_sent_as_asked_tells_the_officer_each_time(
    grants, world, django_capture_on_commit_callbacks
):
    application = complete_draft(grants.call, world.org_a, world.ngo_admin)
    services.application_submit(application=application, by=world.ngo_admin)
    for _round in range(2):
        services.application_request_info(
            application=application,
            by=grants.officer,
            sections=[Application.Section.BUDGET],
            message="Erittele tilavuokra.",
        )
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True), translation.override("fi"):
            services.application_submit(application=application, by=world.ngo_admin)
        (told,) = _to(grants.officer)
        assert told.subject == (
            f"Hakemus {application.reference}: {world.org_a.name} toimitti pyytämäsi lisätiedot"
        )
    assert Notice.objects.filter(user=grants.officer, kind=services.INFO_COMPLETED).count() == 2


def test_an_endorsement_call_goes_to_the_network_first_then_to_the_officer(
    grants, world, django_capture_on_commit_callbacks
):
    grants.call.requires_endorsement = True
    grants.call.network = grants.network
    grants.call.save()
    application = complete_draft(grants.call, world.org_a, world.ngo_admin)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=application, by=world.ngo_admin)
    assert len(_to(grants.network_member)) == 1
    assert _to(grants.officer) == []
    with django_capture_on_commit_callbacks(execute=True):
        services.application_endorse(
            application=application, by=grants.network_member, endorse=True
        )
    (told,) = _to(grants.officer)
    assert application.reference in told.subject


def test_with_no_grant_officer_the_coordinator_is_told(
    grants, world, django_capture_on_commit_callbacks
):
    OfficialRole.objects.filter(role=OfficialRole.Role.GRANT_OFFICER).delete()
    application = complete_draft(grants.call, world.org_a, world.ngo_admin)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=application, by=world.ngo_admin)
    assert len(_to(world.coordinator)) == 1


def test_a_submitted_report_tells_the_officer_and_a_refused_one_nobody(
    grants, world, django_capture_on_commit_callbacks
):
    application = in_review(grants, world.org_a, world.ngo_admin)
    decide_after_closing(
        application=application,
        by=grants.officer,
        grant=True,
        amount=Decimal("3000"),
        reasoning="Ok.",
    )
    report = application.use_report
    mail.outbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(services.ApplicationIncomplete),
    ):
        services.report_submit(report=report, by=world.ngo_admin)
    assert _to(grants.officer) == []
    services.report_save(
        report=report,
        by=world.ngo_admin,
        what_was_done="40 kokoontumista.",
        lines=[services.LineInput("cost", "Tilavuokra", Decimal("3100"))],
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.report_submit(report=report, by=world.ngo_admin)
    (told,) = _to(grants.officer)
    assert f"/grants/reports/{report.pk}/" in told.body
