"""Every admin form field that offers related records offers only those the
user may see in the admin of that model: an official of Turku is offered
Turku's signals, calls, spaces and agreements, never Salo's. One check per
admin form field (the test output lists them)."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory

from tests.helpers.officials import give_matrix_roles
from tests.permission_matrix import ADMIN_MODELS

pytestmark = [pytest.mark.django_db]

OURS = ("cooperation", "signals", "grants", "partnerships")
# Fields whose choices are people: the admin of users is the coordinators'
# alone, so an official's list of them cannot be its subset; each such field
# is scoped by its own rule and tested where it is offered (tests/signals/
# test_admin.py: the NGO team; reviewers and network members are the call's
# municipality's officials).
PEOPLE = {"user", "assigned_to", "approver", "reviewers", "members", "created_by", "invited_by"}


def _related_fields(form_class):
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.ModelChoiceField) and name not in PEOPLE:
            yield name, field


def _checks():
    cases = []
    for model in admin.site._registry:
        if model._meta.app_label in OURS and model in ADMIN_MODELS:
            cases.append(f"{model._meta.app_label}.{model._meta.model_name}")
    return sorted(cases)


@pytest.mark.parametrize("label", _checks())
def test_an_officials_admin_form_offers_only_what_the_official_may_see(world, label):
    from django.apps import apps

    give_matrix_roles(world)
    model = apps.get_model(label)
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/admin/")
    request.user = world.official_same
    obj = ADMIN_MODELS[model][0](world)
    if not model_admin.has_view_permission(request, obj):
        pytest.skip("the official does not open this admin")
    form_class = model_admin.get_form(request, obj, change=True)
    wrong = []
    checked = 0
    for name, field in _related_fields(form_class):
        related_admin = admin.site._registry.get(field.queryset.model)
        if related_admin is None:
            continue
        visible = set(related_admin.get_queryset(request).values_list("pk", flat=True))
        offered = set(field.queryset.values_list("pk", flat=True))
        checked += 1
        if not offered <= visible:
            wrong.append(f"{name}: {len(offered - visible)} not visible")
    print(f"{label}: {checked} related fields checked")
    assert wrong == []
