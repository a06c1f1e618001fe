"""Officials for tests: a second factor, and the roles a test gives them."""

from __future__ import annotations

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from cooperation.models import OfficialRole, User
from tests.factories import OfficialFactory, municipality


def give_totp(user: User) -> str:
    """Officials must have a second factor to use the portal; tests give them one."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def official_with(role: str, code: str = "853") -> User:
    """A new official of the municipality `code` with `role` and a second factor."""
    user = OfficialFactory(municipality=municipality(code), roles=[role]).user
    give_totp(user)
    return user


def give_roles(user: User, *roles: str) -> User:
    """More roles for an official that exists (a role held already stays one)."""
    for role in roles:
        OfficialRole.objects.get_or_create(official=user.official, role=role)
    # The permissions read the official once per request and keep it on the user.
    user.__dict__.pop("_kumppani_official", None)
    return user


def make_liaison(user: User) -> User:
    return give_roles(user, OfficialRole.Role.LIAISON)


def make_manager(user: User, role: str = OfficialRole.Role.FACILITY_MANAGER) -> User:
    return give_roles(user, role)


# Besides the NGO team's role of the world, the permission matrix and the walks
# through every form make both officials their municipality's grant officer,
# facility manager and liaison person: every official page is theirs to open.
MATRIX_ROLES = (
    OfficialRole.Role.GRANT_OFFICER,
    OfficialRole.Role.FACILITY_MANAGER,
    OfficialRole.Role.LIAISON,
)


def give_matrix_roles(world) -> None:
    for user in (world.official_same, world.official_other):
        give_roles(user, *MATRIX_ROLES)
