"""How a row of the permission matrix is written: one expected answer per role.

    expect(anonymous=LOGIN, member=200, other_org=404, official_same=200,
           official_other=404, coordinator=200)

`member` is what both of org_a's people get (its member and its admin) unless
`admin` says otherwise for the admin; `other_org` is a member of another
organisation; the officials are Turku's (the records' municipality) and Salo's.
Every role must be given: a row that forgets one fails when it is written."""

from __future__ import annotations

ROLES = [
    "anonymous",
    "ngo_member",
    "ngo_admin",
    "other_member",
    "official_same",
    "official_other",
    "coordinator",
]
LOGIN = "login"  # a redirect to the login page

_UNSET = object()


def expect(
    *,
    anonymous,
    member,
    other_org,
    official_same,
    official_other,
    coordinator,
    admin=_UNSET,
) -> dict:
    return {
        "anonymous": anonymous,
        "ngo_member": member,
        "ngo_admin": member if admin is _UNSET else admin,
        "other_member": other_org,
        "official_same": official_same,
        "official_other": official_other,
        "coordinator": coordinator,
    }


def everyone(status) -> dict:
    return dict.fromkeys(ROLES, status)


def logged_in(status) -> dict:
    return {**everyone(status), "anonymous": LOGIN}


# The admin is closed to NGO people; anonymous visitors are sent to the login.
NOT_ADMIN = {"anonymous": LOGIN, "ngo_member": 404, "ngo_admin": 404, "other_member": 404}
