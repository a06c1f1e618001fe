"""The URL patterns the matrix must describe, read from the resolver, and the
admin's pages of every model in the tables, with their expected answers."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

from tests.permission_matrix import ADMIN_MODELS
from tests.permission_matrix.admin import ADMIN_EXPECTATIONS, NOT_ADMIN


def walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = (
                f"{namespace}:{entry.namespace}"
                if entry.namespace and namespace
                else (entry.namespace or namespace)
            )
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = entry.name
            if name and namespace:
                name = f"{namespace}:{name}"
            yield name or f"<unnamed {prefix}{entry.pattern}>"


def all_url_names() -> set[str]:
    return set(walk(get_resolver().url_patterns))


def admin_cases():
    cases = {}
    for model, (_builder, kind) in ADMIN_MODELS.items():
        meta = model._meta
        for page, statuses in ADMIN_EXPECTATIONS[kind].items():
            name = f"admin:{meta.app_label}_{meta.model_name}_{page}"
            expected = {
                **NOT_ADMIN,
                "official_same": statuses[0],
                "official_other": statuses[1],
                "coordinator": statuses[2],
            }
            cases[name] = (model, page, expected)
    return cases


ADMIN_CASES = admin_cases()
# Admin pages without a page of their own to test: the object redirect and
# apps' lists of other apps are covered by the same site guard.
COVERED_BY_SITE_GUARD = {"admin:view_on_site"}
# The admin's unnamed patterns: the old object URL (redirects to the change
# page) and the catch-all. Tested below for users outside the admin.
UNNAMED_ADMIN = {name for name in all_url_names() if name.startswith("<unnamed admin/")}
