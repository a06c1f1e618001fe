"""No one decides their own case (esteellisyys, Administrative Procedure Act 28 §):
an official who is a member of the applicant organisation may not screen,
review, decide, endorse, ask for more, mark paid or approve the report; the
trail says who was disqualified, and another official takes the case."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from cooperation.errors import Disqualified
from cooperation.models import Membership
from grants import services
from grants.models import Application as A
from grants.models import ApplicationEvent
from tests.factories import MembershipFactory
from tests.helpers.grants import decide as decide_after_closing
from tests.helpers.grants import in_review, make_call, submitted

pytestmark = pytest.mark.django_db
S = A.Status


def _member(user, organisation) -> None:
    MembershipFactory(user=user, organisation=organisation, role=Membership.Role.MEMBER)


def _disqualified_events(application) -> list:
    return list(
        application.events.filter(action=ApplicationEvent.Action.DISQUALIFIED).values_list(
            "actor_id", "note"
        )
    )


def test_an_official_who_is_a_member_may_not_screen_and_another_takes_the_case(grants, world):
    application = submitted(grants.call, world.org_a, world.ngo_admin)
    _member(grants.officer, world.org_a)
    with pytest.raises(Disqualified, match="member of Turun Testiyhdistys ry") as refused:
        services.application_screen(application=application, by=grants.officer, eligible=True)
    assert "Another official must handle it" in refused.value.message
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert _disqualified_events(application) == [(grants.officer.pk, "Turun Testiyhdistys ry")]
    # The grant officer of the same municipality without ties takes it.
    colleague = grants.reviewer
    from tests.helpers.officials import give_roles

    give_roles(colleague, "grant_officer")
    services.application_screen(application=application, by=colleague, eligible=True)
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW


def test_a_member_may_not_review_or_decide_or_mark_paid(grants, world):
    application = in_review(grants, world.org_a, world.ngo_admin)
    _member(grants.reviewer, world.org_a)
    with pytest.raises(Disqualified):
        services.review_save(application=application, reviewer=grants.reviewer, scores={})
    _member(grants.officer, world.org_a)
    with pytest.raises(Disqualified):
        decide_after_closing(
            application=application,
            by=grants.officer,
            grant=True,
            amount=Decimal(100),
            reasoning="Hyvä.",
        )
    with pytest.raises(Disqualified):
        services.application_request_info(
            application=application, by=grants.officer, sections=["activity"], message="Lisää."
        )
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW
    assert application.decided_by is None
    assert len(_disqualified_events(application)) == 3


def test_a_network_member_may_not_endorse_their_own_organisation(grants, world):
    call = make_call(requires_endorsement=True, network=grants.network)
    application = submitted(call, world.org_a, world.ngo_admin)
    _member(grants.network_member, world.org_a)
    with pytest.raises(Disqualified):
        services.application_endorse(
            application=application, by=grants.network_member, endorse=True
        )
    application.refresh_from_db()
    assert application.endorsed_at is None


def test_the_officer_is_told_why_on_the_page(client, grants, world):
    application = submitted(grants.call, world.org_a, world.ngo_admin)
    _member(grants.officer, world.org_a)
    client.force_login(grants.officer)
    url = reverse("grants:application_screen", args=[application.pk])
    response = client.post(url, {"eligible": "1", "note": "Tarkistettu"})
    assert response.status_code == 400  # the page again, with what was typed
    page = response.content.decode()
    assert "disqualified from this case" in page
    assert "Tarkistettu" in page
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
