"""Who sees an agreement's internal parts, and who reports on which commitment."""

import pytest
from django.contrib.auth.models import AnonymousUser

from partnerships import permissions
from partnerships.agreements import services
from tests.helpers.agreements import in_force, make_agreement
from tests.helpers.files import pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreements(world):
    public = in_force(world)
    draft = make_agreement(world)
    services.document_add(
        agreement=public,
        by=world.official_same,
        upload=pdf_upload(),
        title="Sopimus",
        is_public=True,
    )
    services.document_add(
        agreement=public, by=world.official_same, upload=pdf_upload(), title="Budjetti"
    )
    return public, draft


@pytest.mark.parametrize(
    ("role", "internal"),
    [
        ("anonymous", False),
        ("ngo_member", True),  # org_a is the party
        ("ngo_admin", True),
        ("other_member", False),  # org_b is not
        ("official_same", True),  # Turku's official
        ("official_other", False),  # Salo's
        ("coordinator", True),
    ],
)
def test_internal_parts_are_for_parties_the_municipality_and_coordinators(
    agreements, world, role, internal
):
    public, draft = agreements
    user = world.user(role) or AnonymousUser()
    visible = set(permissions.agreements_visible_to(user))
    assert visible == ({public, draft} if internal else set())
    assert permissions.can_view(user, public)  # the public register
    assert permissions.can_view(user, draft) == internal  # a draft is never public
    titles = {d.title for d in permissions.documents_visible_to(user, public)}
    assert titles == ({"Sopimus", "Budjetti"} if internal else {"Sopimus"})


def test_only_public_statuses_are_in_the_public_register(agreements):
    public, _draft = agreements
    assert list(permissions.public_agreements()) == [public]


def test_each_side_reports_on_its_own_commitments(agreements, world):
    public, _draft = agreements
    city = public.commitments.get(organisation=None)
    ngo = public.commitments.get(organisation=world.org_a)
    assert permissions.can_report(world.official_same, city)
    assert not permissions.can_report(world.official_same, ngo)
    assert permissions.can_report(world.ngo_member, ngo)
    assert not permissions.can_report(world.ngo_member, city)
    assert not permissions.can_report(world.other_member, ngo)
    assert not permissions.can_report(world.official_other, city)


def test_the_municipality_keeps_the_register(agreements, world):
    public, _draft = agreements
    assert permissions.can_manage(world.official_same, public)
    for role in ("ngo_admin", "official_other", "coordinator"):
        assert not permissions.can_manage(world.user(role), public)
    round_ = services.follow_up_open(agreement=public, by=world.official_same)
    assert permissions.can_comment(world.ngo_member, round_)
    assert permissions.can_comment(world.official_same, round_)
    assert not permissions.can_comment(world.other_member, round_)
