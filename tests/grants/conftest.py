"""Grants fixtures: an open call of Turku with criteria, its grant officer,
reviewers and a network."""

from dataclasses import dataclass

import pytest
from django.utils import translation

from cooperation.models import OfficialRole, User
from grants.models import GrantCall, Network
from tests.factories import municipality
from tests.helpers.grants import make_call
from tests.helpers.officials import official_with


@pytest.fixture(autouse=True)
def _in_english(settings):
    """The tests read messages in English; the Finnish ones are checked in
    test_views.test_refusals_are_in_the_readers_language and test_translations."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@dataclass
class Grants:
    call: GrantCall
    officer: User  # grant officer of Turku
    officer_salo: User
    reviewer: User  # reviewer of `call`
    network_member: User
    network: Network


@pytest.fixture
def grants(world) -> Grants:
    call = make_call()
    officer = official_with(OfficialRole.Role.GRANT_OFFICER)
    officer_salo = official_with(OfficialRole.Role.GRANT_OFFICER, "734")
    reviewer = official_with(OfficialRole.Role.LIAISON)
    call.reviewers.add(reviewer)
    network = Network.objects.create(name="Hyvinvointiverkosto", municipality=municipality("853"))
    network_member = official_with(OfficialRole.Role.LIAISON)
    network.members.add(network_member)
    return Grants(call, officer, officer_salo, reviewer, network_member, network)
