import pytest
from django.contrib.auth.models import AnonymousUser

from cooperation import permissions
from cooperation.models import Official, OfficialRole, Organisation

pytestmark = pytest.mark.django_db


def _visible(user):
    return set(permissions.organisations_visible_to(user).values_list("name", flat=True))


def test_who_sees_a_hidden_organisation(world):
    hidden = world.org_a.name
    assert hidden not in _visible(AnonymousUser())
    assert hidden not in _visible(world.other_member)
    assert hidden not in _visible(world.official_other)
    assert hidden in _visible(world.ngo_member)
    assert hidden in _visible(world.official_same)
    assert hidden in _visible(world.coordinator)


def test_visible_organisations_are_listed_once(world):
    world.org_a.municipalities.add(world.unit.municipality)
    queryset = permissions.organisations_visible_to(world.official_same)
    assert queryset.count() == len(set(queryset.values_list("pk", flat=True)))


def test_official_roles_are_checked_per_municipality(world):
    official = Official.objects.get(user=world.official_same)
    assert permissions.has_official_role(world.official_same, OfficialRole.Role.NGO_TEAM)
    assert permissions.has_official_role(
        world.official_same, OfficialRole.Role.NGO_TEAM, municipality_id=official.municipality_id
    )
    assert not permissions.has_official_role(
        world.official_same,
        OfficialRole.Role.NGO_TEAM,
        municipality_id=world.org_b.municipalities.get().pk,
    )
    assert not permissions.has_official_role(world.official_same, OfficialRole.Role.GRANT_OFFICER)
    assert not permissions.has_official_role(world.ngo_admin, OfficialRole.Role.NGO_TEAM)


def test_two_factors_are_required_of_officials_coordinators_and_superusers(world):
    assert permissions.requires_two_factor(world.official_same)
    assert permissions.requires_two_factor(world.coordinator)
    assert not permissions.requires_two_factor(world.ngo_admin)
    assert not permissions.requires_two_factor(AnonymousUser())


def test_an_inactive_official_has_no_rights(world):
    world.official_same.is_active = False
    world.official_same.save()
    assert not permissions.can_use_admin(world.official_same)
    assert world.org_a.name not in _visible(world.official_same)


def test_only_admins_edit_the_profile(world):
    assert permissions.can_edit_organisation(
        permissions.membership_of(world.ngo_admin, world.org_a)
    )
    assert not permissions.can_edit_organisation(
        permissions.membership_of(world.ngo_member, world.org_a)
    )
    assert not permissions.can_edit_organisation(
        permissions.membership_of(world.other_member, world.org_a)
    )


def test_admin_queryset_of_an_official_is_their_municipality(world):
    turku = permissions.admin_queryset(
        world.official_same, Organisation, Organisation.objects.all()
    )
    salo = permissions.admin_queryset(
        world.official_other, Organisation, Organisation.objects.all()
    )
    assert world.org_a in turku
    assert world.org_b not in turku
    assert world.org_b in salo
    assert world.org_a not in salo
