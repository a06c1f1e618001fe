"""Fixtures of the permission matrix: the world of tests/conftest.py, with both
officials holding every official role of their municipality, and an official of
the wellbeing services county holding every role of the county's."""

import pytest

from cooperation.models import OfficialRole
from tests.helpers.officials import MATRIX_ROLES, give_matrix_roles, give_roles, official_with


@pytest.fixture(autouse=True)
def _officials_hold_every_role(world):
    give_matrix_roles(world)
    county = official_with(OfficialRole.Role.NGO_TEAM, "05")
    world.official_county = give_roles(county, *MATRIX_ROLES)
