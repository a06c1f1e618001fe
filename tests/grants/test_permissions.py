"""Who sees which applications: NGOs their own, officials their municipality's
submitted ones, networks and reviewers only what was sent to them."""

import pytest

from cooperation.models import OfficialRole
from grants import permissions
from grants.models import Application
from tests.helpers.grants import complete_draft, make_call, submitted
from tests.helpers.officials import official_with


def _visible(user):
    return set(permissions.applications_visible_to(user).values_list("pk", flat=True))


@pytest.fixture
def applications(grants, world):
    draft = complete_draft(grants.call, world.org_a, world.ngo_admin)
    sent = submitted(grants.call, world.org_a, world.ngo_admin)
    other_ngo = submitted(grants.call, world.org_b, world.other_member)
    networked_call = make_call(requires_endorsement=True, network=grants.network)
    networked = submitted(networked_call, world.org_b, world.other_member)
    return {"draft": draft, "sent": sent, "other_ngo": other_ngo, "networked": networked}


def test_an_ngo_never_sees_another_ngos_application(applications, world):
    assert _visible(world.ngo_member) == {applications["draft"].pk, applications["sent"].pk}
    assert applications["draft"].pk not in _visible(world.other_member)
    assert applications["sent"].pk not in _visible(world.other_member)


def test_the_grant_officer_sees_submitted_applications_of_their_municipality_only(
    applications, grants
):
    assert _visible(grants.officer) == {
        applications["sent"].pk,
        applications["other_ngo"].pk,
        applications["networked"].pk,
    }
    assert _visible(grants.officer_salo) == set()


def test_an_official_without_the_grant_role_sees_nothing(applications, world):
    assert _visible(world.official_same) == set()


def test_network_reviewers_see_only_applications_sent_to_their_network(applications, grants):
    assert _visible(grants.network_member) == {applications["networked"].pk}
    assert permissions.can_endorse(grants.network_member, applications["networked"])
    assert not permissions.can_endorse(grants.network_member, applications["sent"])


def test_reviewers_of_one_call_do_not_see_another_calls_applications(applications, grants):
    assert _visible(grants.reviewer) == {applications["sent"].pk, applications["other_ngo"].pk}
    other_reviewer = official_with(OfficialRole.Role.LIAISON)
    applications["networked"].call.reviewers.add(other_reviewer)
    assert _visible(other_reviewer) == {applications["networked"].pk}
    assert not permissions.can_review(other_reviewer, applications["sent"])


def test_coordinators_see_every_submitted_application_but_no_drafts(applications, world):
    visible = _visible(world.coordinator)
    assert applications["draft"].pk not in visible
    assert applications["sent"].pk in visible


def test_any_member_edits_a_draft_but_only_an_admin_submits(applications, world):
    draft = applications["draft"]
    assert permissions.can_edit_application(world.ngo_member, draft)
    assert not permissions.can_submit_application(world.ngo_member, draft)
    assert permissions.can_submit_application(world.ngo_admin, draft)
    assert not permissions.can_edit_application(world.other_member, draft)


def test_each_route_to_an_application_lists_it_once(applications, grants, world):
    # The officer is also a reviewer of the call and a member of its network.
    applications["sent"].call.reviewers.add(grants.officer)
    grants.network.members.add(grants.officer)
    rows = list(permissions.applications_visible_to(grants.officer).values_list("pk", flat=True))
    assert len(rows) == len(set(rows)) == 3


def test_reviewers_see_others_scores_only_after_their_own(applications, grants, settings):
    from grants import services

    application = applications["sent"]
    services.application_screen(application=application, by=grants.officer, eligible=True)
    assert permissions.can_see_all_reviews(grants.officer, application)
    assert not permissions.can_see_all_reviews(grants.reviewer, application)
    settings.GRANT_HIDE_SCORES_UNTIL_REVIEWED = False
    assert permissions.can_see_all_reviews(grants.reviewer, application)
    settings.GRANT_HIDE_SCORES_UNTIL_REVIEWED = True
    scores = {c.pk: (3, "") for c in application.call.criteria.all()}
    services.review_save(
        application=application, reviewer=grants.reviewer, scores=scores, submit=True
    )
    assert permissions.can_see_all_reviews(grants.reviewer, application)


def test_unpublished_calls_are_seen_only_by_their_grant_officers(grants, world):
    hidden = make_call(is_published=False)
    from grants.models import GrantCall

    assert hidden not in permissions.calls_visible_to(world.ngo_admin, GrantCall.objects.all())
    assert hidden in permissions.calls_visible_to(grants.officer, GrantCall.objects.all())
    assert hidden not in permissions.calls_visible_to(grants.officer_salo, GrantCall.objects.all())
    assert Application.objects.count() == 0
