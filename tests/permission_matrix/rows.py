"""How a row of the permission matrix is written: one expected answer per role.

    expect(anonymous=LOGIN, member=200, other_org=404, official_same=200,
           official_other=404, coordinator=200)

`member` is what both of org_a's people get (its member and its admin) unless
`admin` says otherwise for the admin; `other_org` is a member of another
organisation; the officials are Turku's (the records' municipality) and Salo's.
Every role must be given: a row that forgets one fails when it is written.

An official of the wellbeing services county (`official_county`) opens every page
too: to the records of Turku and Salo the county is another public body, so the
row's `official_other` answer is expected unless the row says `official_county`."""

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
    official_county=_UNSET,
) -> dict:
    row = {
        "anonymous": anonymous,
        "ngo_member": member,
        "ngo_admin": member if admin is _UNSET else admin,
        "other_member": other_org,
        "official_same": official_same,
        "official_other": official_other,
        "coordinator": coordinator,
    }
    if official_county is not _UNSET:
        row["official_county"] = official_county
    return row


def expected_for(row: dict, role: str):
    """The row's answer for `role`; the county's official gets `official_other`'s
    unless the row names one of its own."""
    if role == COUNTY_ROLE:
        return row.get(COUNTY_ROLE, row["official_other"])
    return row[role]


COUNTY_ROLE = "official_county"


def everyone(status) -> dict:
    return dict.fromkeys(ROLES, status)


def logged_in(status) -> dict:
    return {**everyone(status), "anonymous": LOGIN}


# The admin is closed to NGO people; anonymous visitors are sent to the login.
NOT_ADMIN = {"anonymous": LOGIN, "ngo_member": 404, "ngo_admin": 404, "other_member": 404}
