"""Fixtures of the permission matrix: the world of tests/conftest.py, with both
officials holding every official role of their municipality."""

import pytest

from tests.helpers.officials import give_matrix_roles


@pytest.fixture(autouse=True)
def _officials_hold_every_role(world):
    give_matrix_roles(world)
