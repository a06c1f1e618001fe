"""The records the data migrations load (the region's municipalities, the
checklist model, signal topics, each municipality's appeal instructions).

A transactional test (the browser's live server, the races between two
requests) empties every table when it ends, the migrations' data included; a
test the same worker runs next would then miss them. `ensure_seeded` loads
again whatever is missing; the region_data fixture and the factories'
`municipality()` call it."""

from __future__ import annotations

import importlib


def ensure_seeded() -> None:
    from django.apps import apps

    from cooperation.models import ChecklistEdition, Municipality
    from grants.models import AppealInstructions
    from signals.models import Topic

    if not Municipality.objects.exists():
        importlib.import_module("cooperation.migrations.0002_region_data").load(apps, None)
    if not ChecklistEdition.objects.exists():
        edition = importlib.import_module("cooperation.migrations.0006_checklist_model_2020")
        edition.load(apps, None)
    if not Topic.objects.exists():
        topics = importlib.import_module("signals.migrations.0002_topics_and_search_index")
        topics.load_topics(apps, None)
    if not AppealInstructions.objects.exists():
        importlib.import_module("grants.appeal").seed(apps, None)
