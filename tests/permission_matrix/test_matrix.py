"""Opens every URL pattern of the portal, admin included, as every role of the
core, and compares the answer with the tables of this package.

The test walks the URL resolver: a new URL pattern that is not described in a
table fails `test_every_url_pattern_is_in_the_matrix`, so no page can escape it.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from tests.permission_matrix import ADMIN_MODELS, LOGIN, PAGES, ROLES
from tests.permission_matrix.accounts import (
    ACCOUNT_PAGES,
    ALLAUTH_TOKEN_PAGES,
    AUTHENTICATOR_PAGES,
    PUBLIC_ACCOUNT_PAGES,
)
from tests.permission_matrix.admin import ADMIN_SITE_PAGES
from tests.permission_matrix.rows import COUNTY_ROLE, expected_for
from tests.permission_matrix.urls import (
    ADMIN_CASES,
    COVERED_BY_SITE_GUARD,
    UNNAMED_ADMIN,
    all_url_names,
)


def test_every_url_pattern_is_in_the_matrix():
    described = (
        set(PAGES)
        | PUBLIC_ACCOUNT_PAGES
        | ACCOUNT_PAGES
        | set(ADMIN_CASES)
        | set(ADMIN_SITE_PAGES)
        | COVERED_BY_SITE_GUARD
        | set(ALLAUTH_TOKEN_PAGES)
    )
    missing = sorted(
        name for name in all_url_names() if name not in described and name not in UNNAMED_ADMIN
    )
    assert not missing, f"URL patterns missing from the permission matrix: {missing}"


def _client_for(client, world, role):
    client.logout()
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    return client


def _assert_status(response, expected, label):
    if expected == LOGIN:
        assert response.status_code == 302, label
        assert (
            reverse("account_login") in response["Location"] or "/login/" in response["Location"]
        ), label
    else:
        assert response.status_code == expected, f"{label}: {response.status_code} != {expected}"


def _as_every_role(check, roles=(*ROLES, COUNTY_ROLE)) -> None:
    """`check(role)` for each role, each from the same state: what one role's
    request changes is rolled back before the next. One world for all the roles
    of a page, not one each: the matrix was a third of the suite's time."""
    wrong = []
    for role in roles:
        with transaction.atomic():
            try:
                check(role)
            except AssertionError as error:
                wrong.append(str(error).splitlines()[0])
            transaction.set_rollback(True)
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_portal_pages(client, world, name):
    method, kwargs_for, expected = PAGES[name]
    url = reverse(name, kwargs=kwargs_for(world) if kwargs_for else None)

    def check(role):
        response = getattr(_client_for(client, world, role), method)(url)
        _assert_status(response, expected_for(expected, role), f"{role} {method.upper()} {url}")

    _as_every_role(check)


@pytest.mark.parametrize("name", sorted(ADMIN_CASES))
def test_admin_model_pages(client, world, name):
    model, page, expected = ADMIN_CASES[name]
    builder = ADMIN_MODELS[model][0]
    kwargs = None
    if page in {"change", "delete", "history"}:
        kwargs = {"object_id": builder(world).pk}
    url = reverse(name, kwargs=kwargs)

    def check(role):
        response = _client_for(client, world, role).get(url)
        _assert_status(response, expected_for(expected, role), f"{role} GET {url}")

    _as_every_role(check)


@pytest.mark.parametrize("name", sorted(ADMIN_SITE_PAGES))
def test_admin_site_pages(client, world, name):
    method, kwargs_for, expected = ADMIN_SITE_PAGES[name]
    url = reverse(name, kwargs=kwargs_for(world) if kwargs_for else None)

    def check(role):
        response = getattr(_client_for(client, world, role), method)(url)
        _assert_status(response, expected_for(expected, role), f"{role} {method.upper()} {url}")

    _as_every_role(check)


@pytest.mark.parametrize("name", sorted(ACCOUNT_PAGES & all_url_names()))
def test_account_pages_need_a_login(client, world, name):
    def check(role):
        response = _client_for(client, world, role).get(reverse(name))
        if role == "anonymous":
            _assert_status(response, LOGIN, f"{role} {name}")
        else:
            # The page itself, or a step of allauth's own flow (e.g. reauthenticate);
            # pages about an authenticator the user does not have answer 404.
            allowed = {200, 302, 404} if name in AUTHENTICATOR_PAGES else {200, 302}
            assert response.status_code in allowed, f"{role} {name}: {response.status_code}"

    _as_every_role(check)


@pytest.mark.parametrize("name", sorted(PUBLIC_ACCOUNT_PAGES & all_url_names()))
def test_public_account_pages_answer_anonymous(client, name):
    response = client.get(reverse(name))
    assert response.status_code in {200, 302}, name


def test_hidden_organisation_is_not_leaked_in_the_directory(client, world):
    response = client.get(reverse("cooperation:directory"))
    assert world.org_a.name not in response.content.decode()
    client.force_login(world.official_other)
    assert world.org_a.name not in client.get(reverse("cooperation:directory")).content.decode()
    client.force_login(world.official_same)
    assert world.org_a.name in client.get(reverse("cooperation:directory")).content.decode()


@pytest.mark.parametrize("name", sorted(UNNAMED_ADMIN))
def test_unnamed_admin_patterns(client, world, name):
    path = "/" + name.removeprefix("<unnamed ").removesuffix(">")
    path = path.replace("<path:object_id>", str(world.org_a.pk)).replace("(?P<url>.*)$", "nowhere/")

    def check(role):
        response = _client_for(client, world, role).get(path)
        if role == "anonymous":
            assert response.status_code == 302, f"{role} {path}"
        elif role == "ngo_admin":
            assert response.status_code == 404, f"{role} {path}"
        else:
            # Inside the admin: a redirect to the change page, which scopes the object.
            assert response.status_code in {302, 404}, f"{role} {path}"

    _as_every_role(check, ["anonymous", "ngo_admin", "official_other"])
