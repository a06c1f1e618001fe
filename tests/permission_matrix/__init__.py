"""The permission matrix: every URL pattern of the portal, admin included, for
every role of the core, as tables that read like the rules (one per app:
core.py, checklist.py, signals.py, grants.py, agreements.py, facilities.py,
accounts.py for allauth's pages and admin.py for the admin's). The rows are
written from the rules in DOMAIN.md and the issues, not read back from the
apps' permissions.py; test_matrix.py opens each page as each role."""

from __future__ import annotations

from tests.permission_matrix import agreements, checklist, core, facilities, grants, signals
from tests.permission_matrix.rows import LOGIN, ROLES, everyone, expect, logged_in

__all__ = ["ADMIN_MODELS", "LOGIN", "PAGES", "ROLES", "everyone", "expect", "logged_in"]

_TABLES = (core, checklist, signals, grants, agreements, facilities)


def _merged(name: str) -> dict:
    merged: dict = {}
    for table in _TABLES:
        entries = getattr(table, name, {})
        twice = set(merged) & set(entries)
        assert not twice, f"{name} described twice: {sorted(twice)}"
        merged.update(entries)
    return merged


# URL name -> (method, kwargs builder or None, expected answer per role)
PAGES = _merged("PAGES")
# model -> (object builder, kind of expectations in admin.ADMIN_EXPECTATIONS)
ADMIN_MODELS = _merged("ADMIN_MODELS")
