"""Shared fixtures: a small world with every role of the core."""

from dataclasses import dataclass

import pytest

from cooperation import services
from cooperation.models import Brand, Invitation, Membership, Organisation, Unit, User
from tests.factories import (
    MembershipFactory,
    OfficialFactory,
    OrganisationFactory,
    UserFactory,
    municipality,
)
from tests.helpers.officials import give_totp
from tests.helpers.seeds import ensure_seeded


@dataclass
class World:
    org_a: Organisation  # hidden profile, works in Turku
    org_b: Organisation  # public, works in Salo
    ngo_admin: User
    ngo_member: User
    other_member: User
    official_same: User  # Turku
    official_other: User  # Salo
    coordinator: User
    membership: Membership  # ngo_member in org_a
    invitation: Invitation
    invitation_token: str
    unit: Unit

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


@pytest.fixture
def region_data(db):
    """The data migrations' records (tests/helpers/seeds.py): transactional tests
    (the browser's live server, the races) flush the tables after each test, so
    they are loaded again when missing."""
    ensure_seeded()


@pytest.fixture(autouse=True)
def _region_data_for_every_database_test(request):
    """Every test that uses the database finds the region, whichever test the
    worker ran before it (a transactional test empties the tables)."""
    marker = request.node.get_closest_marker("django_db")
    if marker:
        request.getfixturevalue("region_data")


@pytest.fixture
def world(region_data) -> World:
    org_a = OrganisationFactory(name="Turun Testiyhdistys ry", is_public=False)
    org_b = OrganisationFactory(name="Salon Testiyhdistys ry", municipalities=[municipality("734")])
    ngo_admin = MembershipFactory(organisation=org_a, role=Membership.Role.ADMIN).user
    membership = MembershipFactory(organisation=org_a)
    other_member = MembershipFactory(organisation=org_b, role=Membership.Role.ADMIN).user
    official_same = OfficialFactory().user
    official_other = OfficialFactory(municipality=municipality("734")).user
    coordinator = UserFactory(is_coordinator=True)
    for user in (official_same, official_other, coordinator):
        give_totp(user)
    unit = Unit.objects.create(municipality=municipality("853"), name_fi="Hyvinvointi")
    # The region has named its portal (so the brand's admin offers no second row
    # to add, whatever order a walk opens its pages in).
    Brand.objects.create(name_fi="Varsinais-Suomi", name_sv="Egentliga Finland")
    invitation, token = services.invitation_create(
        organisation=org_a, email="new.person@example.fi", role="member", by=ngo_admin
    )
    return World(
        org_a=org_a,
        org_b=org_b,
        ngo_admin=ngo_admin,
        ngo_member=membership.user,
        other_member=other_member,
        official_same=official_same,
        official_other=official_other,
        coordinator=coordinator,
        membership=membership,
        invitation=invitation,
        invitation_token=token,
        unit=unit,
    )


@pytest.fixture
def login(client):
    def _login(user: User | None):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _login


def _brand_in_cache():
    """Every page's header reads the portal's name from the cache, which the
    first page of a process fills with one query: filled here, a test's first
    page counts the same queries as its next (tests that give a brand use
    own_cache)."""
    from django.core.cache import cache

    from cooperation.selectors import BRAND_CACHE_KEY, brand_default

    cache.add(BRAND_CACHE_KEY, brand_default(), None)


@pytest.fixture(autouse=True)
def _brand_known():
    _brand_in_cache()


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    # Every test stores its uploads in its own folder, removed by pytest.
    settings.MEDIA_ROOT = tmp_path / "uploads"


@pytest.fixture(autouse=True)
def _every_mail_reads_right(request):
    """Every mail any test sends is read back as its reader gets it: in the
    language its HTML part declares, with no template syntax, "None", unfilled
    placeholders or English in a Finnish or Swedish mail (tests/helpers/reading.py)."""
    yield
    from django.core import mail

    from tests.helpers.reading import mail_problems

    found = [
        f"{message.subject!r}: {problem}"
        for message in getattr(mail, "outbox", [])
        for problem in mail_problems(message)
    ]
    assert not found, "\n".join(found)


@pytest.fixture
def own_cache(settings):
    """The cache under a key prefix of this test's own, so that what it
    remembers or counts meets no other test's keys. Never cache.clear(): on
    Redis that empties the database the other worker's tests are using."""
    import uuid

    settings.CACHES = {
        name: {**config, "KEY_PREFIX": f"{config.get('KEY_PREFIX', '')}-{uuid.uuid4().hex}"}
        for name, config in settings.CACHES.items()
    }
    _brand_in_cache()
    return settings


def pytest_collection_modifyitems(config, items):
    """The walks through every form take a minute each: started first, they run
    beside the many short tests instead of after them on one core while the
    other core idles (the PostgreSQL run fell from 8.0 to 7.3 min on two cores, with worksteal)."""
    items.sort(key=lambda item: item.get_closest_marker("walk") is None)


def pytest_terminal_summary(terminalreporter):
    """The hostile-input tests' counts: how many inputs were tried, how many taken."""
    lines = [
        value
        for key in ("passed", "failed")
        for report in terminalreporter.stats.get(key, [])
        for name, value in getattr(report, "user_properties", [])
        if name == "hostile"
    ]
    if lines:
        terminalreporter.write_sep("-", "hostile input")
        for line in sorted(lines):
            terminalreporter.write_line(line)
