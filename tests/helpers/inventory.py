"""The portal's public names, one a line: URL routes with their names, template
paths, Celery task names, and each model with its table. A refactoring that
moves code must leave this list as it was:

    .venv/bin/python -m tests.helpers.inventory > after.txt
    diff before.txt after.txt     # nothing: no URL, template, task or table changed
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _urls(patterns, prefix: str = "", namespace: str = ""):
    from django.urls import URLPattern, URLResolver

    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _urls(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield f"url {prefix}{entry.pattern} {namespace}{entry.name or ''}"


def inventory() -> list[str]:
    from django.apps import apps
    from django.conf import settings
    from django.template.loaders.app_directories import get_app_template_dirs
    from django.urls import get_resolver

    from config.celery import app as celery_app

    lines = set(_urls(get_resolver().url_patterns))
    folders = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
    folders += [Path(d) for d in get_app_template_dirs("templates")]
    for folder in folders:
        if Path(settings.BASE_DIR) in folder.parents and ".venv" not in folder.parts:
            lines |= {f"template {p.relative_to(folder)}" for p in folder.rglob("*") if p.is_file()}
    celery_app.loader.import_default_modules()
    lines |= {f"task {name}" for name in celery_app.tasks if not name.startswith("celery.")}
    ours = {"cooperation", "signals", "grants", "partnerships"}
    lines |= {
        f"model {model._meta.label} {model._meta.db_table}"
        for model in apps.get_models()
        if model._meta.app_label in ours
    }
    return sorted(lines)


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    print("\n".join(inventory()))


if __name__ == "__main__":
    main()
