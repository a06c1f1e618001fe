"""Imports run one way (docs/architecture.md): features use the core, the core never
imports a feature, and features do not import each other."""

import ast
import re
from pathlib import Path

import pytest

from tests.helpers.import_graph import cycles, graph

ROOT = Path(__file__).resolve().parent.parent
CORE = "cooperation"
FEATURES = ("signals", "grants", "partnerships")


def imported_apps(app: str) -> dict[str, set[str]]:
    """Top-level packages imported by each module of `app` (file -> packages)."""
    found = {}
    for path in (ROOT / app).rglob("*.py"):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


def test_the_core_imports_no_feature():
    offending = {
        path: names & set(FEATURES)
        for path, names in imported_apps(CORE).items()
        if names & set(FEATURES)
    }
    assert offending == {}


@pytest.mark.parametrize("feature", FEATURES)
def test_a_feature_imports_no_other_feature(feature):
    others = set(FEATURES) - {feature}
    offending = {
        path: names & others for path, names in imported_apps(feature).items() if names & others
    }
    assert offending == {}


def test_no_import_cycles():
    """Every import between the project's modules runs one way (deferred imports
    inside functions count too): `python -m tests.helpers.import_graph` lists them."""
    assert cycles(graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == [["a", "b", "c"]]


def test_the_import_graph_reads_relative_and_deferred_imports():
    edges = graph()
    # `from .models import …` inside the facilities folder, and the deferred import
    # of the PDF inside grants' mail functions.
    assert "partnerships.facilities.models" in edges["partnerships.facilities.services"]
    assert "grants.pdf" in edges["grants.emails"]


SUB_DOMAIN_PREFIXES = ("checklist_", "booking_", "facility_", "agreement_", "privacy_")


@pytest.mark.parametrize("app", [CORE, *FEATURES])
def test_a_sub_domain_has_a_folder_not_a_file_name_prefix(app):
    prefixed = sorted(
        path.name for path in (ROOT / app).glob("*.py") if path.name.startswith(SUB_DOMAIN_PREFIXES)
    )
    assert prefixed == []


@pytest.mark.parametrize("feature", FEATURES)
def test_features_reach_the_checklist_only_through_the_extensions(feature):
    offending = sorted(
        f"{module} -> {target}"
        for module, targets in graph().items()
        if module.split(".")[0] == feature
        for target in targets
        if target.startswith("cooperation.checklist")
    )
    assert offending == []


def test_one_check_of_an_active_user_serves_every_app():
    """`cooperation.permissions.is_active_user` is the only place that asks whether
    a user is logged in and not deactivated; the apps' permissions call it."""
    pattern = re.compile(r"is_authenticated\s+and\s+\w+\.is_active")
    found = sorted(
        str(path.relative_to(ROOT))
        for app in (CORE, *FEATURES)
        for path in (ROOT / app).rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    )
    assert found == ["cooperation/permissions.py"]
