import pytest

from cooperation.models import OfficialRole
from signals import services
from tests.factories import OfficialFactory, municipality


@pytest.fixture(autouse=True)
def _fresh_rate_limits(own_cache):
    """Rate-limit counters live in the cache; each test has keys of its own."""


@pytest.fixture
def org_link(world):
    link, token = services.link_create(by=world.ngo_admin, organisation=world.org_a)
    return link, token


@pytest.fixture
def open_link(world):
    link, token = services.link_create(by=world.official_same, municipality=municipality("853"))
    return link, token


@pytest.fixture
def team_member_salo(region_data):
    return OfficialFactory(
        municipality=municipality("734"), roles=[OfficialRole.Role.NGO_TEAM]
    ).user


@pytest.fixture(autouse=True)
def _no_nothing_new_notes(settings):
    # The world has NGO teams in two municipalities; tests about the "nothing new"
    # note turn it on themselves.
    settings.SIGNAL_DIGEST_NOTHING_NEW = False
