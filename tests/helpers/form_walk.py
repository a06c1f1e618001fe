"""Every form of the portal, as each role that may open its page: the pages of
the permission matrix, the admin's add and change pages, and allauth's pages
that store what is typed. Used to send the same input through every form."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import pytest
from django.contrib import messages
from django.db import connection
from django.urls import reverse

from tests.helpers.html_forms import TEXT_TYPES, Form, fill, forms_of
from tests.helpers.officials import give_matrix_roles
from tests.permission_matrix import ADMIN_MODELS, PAGES, ROLES
from tests.permission_matrix.urls import ADMIN_CASES


@pytest.fixture(autouse=True)
def officials_hold_every_role(world):
    """A test module that walks the forms imports this autouse fixture, so that the
    officials hold the roles the permission matrix gives them."""
    give_matrix_roles(world)


# Forms that do not store what is typed, or that leave the page.
_SKIP_ACTIONS = re.compile(r"/logout/|/i18n/setlang/")


def _pages():
    for name, (method, kwargs_for, expected) in PAGES.items():
        if method == "get":
            yield name, kwargs_for, [role for role in ROLES if expected[role] == 200]
    for name, (model, page, expected) in ADMIN_CASES.items():
        if page in ("add", "change"):
            builder = ADMIN_MODELS[model][0]
            kwargs_for = (lambda w, b=builder: {"object_id": b(w).pk}) if page == "change" else None
            yield name, kwargs_for, [role for role in ROLES if expected[role] == 200]
    yield "account_signup", None, ["anonymous"]
    yield "account_email", None, ["ngo_member"]


PAGES_WITH_ROLES = {name: (kwargs_for, roles) for name, kwargs_for, roles in _pages() if roles}


def _group(prefixes):
    return sorted(name for name in PAGES_WITH_ROLES if name.startswith(prefixes))


# The pages in groups of about equal work, so that they spread over the cores.
GROUPS = {
    "checklist": _group(("checklist:",)),
    "signals": _group(("signals:",)),
    "grants": _group(("grants:",)),
    "agreements and facilities": _group(("partnerships:", "facilities:")),
    "admin": _group(("admin:",)),
}
GROUPS["core"] = sorted(set(PAGES_WITH_ROLES) - set(itertools.chain(*GROUPS.values())))


@dataclass
class Sent:
    role: str
    action: str
    data: dict
    status: int
    page: str  # the page answered ("" for a redirect)
    refusal: str = ""  # the error message a redirect leaves for the next page

    @property
    def readable(self) -> str:
        """What the person reads about their input: the page, or the message."""
        return self.page or self.refusal


def log_in(client, world, role):
    client.logout()
    if world.user(role) is not None:
        client.force_login(world.user(role))


@dataclass
class FoundForm:
    page: str  # the URL name of the page it is on
    role: str
    url: str
    form: Form


def discover(client, world, names) -> list[FoundForm]:
    """The POST forms with something to type or upload on pages `names`, as
    each role that may open them."""
    found = []
    seen = set()
    for name in names:
        kwargs_for, roles = PAGES_WITH_ROLES[name]
        url = reverse(name, kwargs=kwargs_for(world) if kwargs_for else None)
        for role in roles:
            log_in(client, world, role)
            page = client.get(url)
            if page.status_code != 200 or "text/html" not in page["Content-Type"]:
                continue
            for form in forms_of(page.content.decode()):
                if form.method != "post" or _SKIP_ACTIONS.search(form.action):
                    continue
                typed = [
                    f
                    for f in form.fields
                    if f.tag == "textarea" or (f.tag == "input" and f.type in TEXT_TYPES | {"file"})
                ]
                # The same form (its address and fields) as a second role validates
                # the same way: sent once. A role that sees other fields is another form.
                same = (form.action or url, tuple((f.name, f.type) for f in form.fields))
                if typed and same not in seen:
                    seen.add(same)
                    found.append(FoundForm(name, role, url, form))
    return found


def send(client, world, found: FoundForm, text, upload, *, number="", day="") -> Sent:
    log_in(client, world, found.role)
    data, _texts = fill(found.form, text, upload, number=number, day=day)
    action = found.form.action or found.url
    response = client.post(action, data)
    if response.status_code in (301, 302, 303):
        # Not followed (each was a page rendered for nothing): the page a redirect
        # leads to says nothing of the input but the message the view left for it.
        return Sent(found.role, action, data, response.status_code, "", _error_queued(response))
    return Sent(found.role, action, data, response.status_code, response.content.decode())


def _error_queued(response) -> str:
    """The error messages the view left for the next page."""
    storage = getattr(response.wsgi_request, "_messages", None)
    return "\n".join(str(m.message) for m in storage or [] if m.level >= messages.ERROR)


def stored_rows():
    """(table, a stored value as text) for every column of every row of every
    table: what a walk searches for what must not have been stored. One value at
    a time: joined, the end of one column and the start of the next (a business
    ID's digits and a timestamp's year) could read as an identity code that
    nobody typed, and the walk failed now and then on it."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for value in row:
                    if value is not None:
                        yield table, str(value)
