"""Imports run one way (docs/architecture.md): features use the core, the core never
imports a feature, and features do not import each other."""

import ast
from pathlib import Path

import pytest

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
