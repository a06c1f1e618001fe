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

    from cooperation.models import ChecklistEdition, PublicBody
    from grants.models import AppealInstructions
    from signals.models import Topic

    if not PublicBody.objects.exists():
        _load_region()
    if not ChecklistEdition.objects.exists():
        edition = importlib.import_module("cooperation.migrations.0006_checklist_model_2020")
        edition.load(apps, None)
    if not Topic.objects.exists():
        topics = importlib.import_module("signals.migrations.0002_topics_and_search_index")
        topics.load_topics(apps, None)
    if not AppealInstructions.objects.exists():
        importlib.import_module("grants.appeal").seed(apps, None)


def _load_region() -> None:
    """The region of migration 0002 in today's shape: since 0015 the county is a public
    body beside its municipalities."""
    from cooperation.models import PublicBody, TargetGroup, Theme

    region = importlib.import_module("cooperation.migrations.0002_region_data")
    code, name_fi, name_sv, name_en = region.COUNTY
    county = PublicBody.objects.create(
        kind=PublicBody.Kind.COUNTY,
        code=code,
        name_fi=name_fi,
        name_sv=name_sv,
        name_en=name_en,
        bilingual=True,
    )
    PublicBody.objects.bulk_create(
        PublicBody(code=code, name_fi=fi, name_sv=sv, bilingual=bilingual, county=county)
        for code, fi, sv, bilingual in region.MUNICIPALITIES
    )
    for model, rows in ((Theme, region.THEMES), (TargetGroup, region.TARGET_GROUPS)):
        for position, (slug, fi, sv, en) in enumerate(rows):
            model.objects.update_or_create(
                slug=slug,
                defaults={"name_fi": fi, "name_sv": sv, "name_en": en, "position": position},
            )
