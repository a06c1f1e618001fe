"""Nobody gives a role or a membership to themselves, through any path: the
admin's add and change pages, the organisation's inline rows, and the portal's
own member page. A second person always does it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cooperation import services
from cooperation.errors import DomainError
from cooperation.models import Membership, Official, OfficialRole
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REFUSED = "Nobody gives a role or a membership to themselves"


@pytest.fixture
def coordinator_client(client, world):
    client.force_login(world.coordinator)
    return client


def _refused(response) -> bool:
    return response.status_code == 200 and REFUSED in response.content.decode()


def test_adding_an_official_record_for_oneself_is_refused(coordinator_client, world, settings):
    settings.LANGUAGE_CODE = "en"
    municipality = Official.objects.first().municipality
    response = coordinator_client.post(
        reverse("admin:cooperation_official_add"),
        {
            "user": world.coordinator.pk,
            "municipality": municipality.pk,
            "title": "",
            "phone": "",
            "unit": "",
            "roles-TOTAL_FORMS": "1",
            "roles-INITIAL_FORMS": "0",
            "roles-0-role": OfficialRole.Role.GRANT_OFFICER,
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert _refused(response)
    assert not Official.objects.filter(user=world.coordinator).exists()


def test_adding_a_membership_for_oneself_is_refused_and_for_another_it_works(
    coordinator_client, world
):
    url = reverse("admin:cooperation_membership_add")
    data = {"organisation": world.org_a.pk, "role": Membership.Role.ADMIN}
    response = coordinator_client.post(
        url, {**data, "user": world.coordinator.pk}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert _refused(response)
    assert not Membership.objects.filter(user=world.coordinator).exists()
    other = UserFactory()
    response = coordinator_client.post(url, {**data, "user": other.pk})
    assert response.status_code == 302
    assert Membership.objects.filter(user=other, organisation=world.org_a).exists()


def test_changing_a_membership_over_to_oneself_is_refused(coordinator_client, world):
    membership = world.membership
    response = coordinator_client.post(
        reverse("admin:cooperation_membership_change", args=[membership.pk]),
        {"user": world.coordinator.pk, "organisation": world.org_a.pk, "role": "admin"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert _refused(response)
    membership.refresh_from_db()
    assert membership.user_id != world.coordinator.pk


def test_an_inline_membership_row_for_oneself_is_refused(world):
    from django.contrib import admin
    from django.test import RequestFactory

    from cooperation.admin import MembershipInline
    from cooperation.models import Organisation

    request = RequestFactory().post("/admin/")
    request.user = world.coordinator
    inline = MembershipInline(Organisation, admin.site)
    formset_class = inline.get_formset(request, world.org_a)
    prefix = formset_class.get_default_prefix()
    existing = list(world.org_a.memberships.order_by("pk"))
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(existing) + 1),
        f"{prefix}-INITIAL_FORMS": str(len(existing)),
    }
    for index, membership in enumerate(existing):
        data.update(
            {
                f"{prefix}-{index}-id": str(membership.pk),
                f"{prefix}-{index}-organisation": str(world.org_a.pk),
                f"{prefix}-{index}-user": str(membership.user_id),
                f"{prefix}-{index}-role": membership.role,
            }
        )
    new = len(existing)
    data.update(
        {
            f"{prefix}-{new}-organisation": str(world.org_a.pk),
            f"{prefix}-{new}-user": str(world.coordinator.pk),
            f"{prefix}-{new}-role": "admin",
        }
    )
    formset = formset_class(data, instance=world.org_a, prefix=prefix)
    assert not formset.is_valid()
    assert formset.forms[new].has_error("__all__", "self_grant")
    # The rows left as they were do not stop the organisation being saved.
    assert all(not form.errors for form in formset.forms[:new])


def test_the_portal_does_not_make_anyone_their_own_admin(world):
    own = world.membership  # ngo_member, a plain member of org_a
    with pytest.raises(DomainError, match="themselves"):
        services.membership_set_role(membership=own, role=Membership.Role.ADMIN, by=own.user)
    own.refresh_from_db()
    assert own.role == Membership.Role.MEMBER
