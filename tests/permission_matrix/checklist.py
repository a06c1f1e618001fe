"""The NGO-friendly municipality checklist: public pages, the assessors' pages and
their records in the admin. Both officials of the world are their municipality's
liaison persons."""

from __future__ import annotations

from cooperation.models import (
    ChecklistArea,
    ChecklistEdition,
    ForumEvent,
    GuidingDocument,
    PublicBody,
    StatutoryCouncil,
)
from tests.permission_matrix.rows import LOGIN, everyone, expect, logged_in


class _ChecklistWorld:
    """Turku's draft assessment of this year with a PDF as evidence, its published
    one of an earlier year with a development target, and a Turku forum."""

    @staticmethod
    def get(w, name):
        cache = w.__dict__.setdefault("_checklist", {})
        if not cache:
            from datetime import date, timedelta

            from django.utils import timezone

            from cooperation.checklist import services as checklist_services
            from cooperation.checklist.models import ChecklistEdition, ForumEvent
            from cooperation.models import GuidingDocument, StatutoryCouncil
            from tests.helpers.checklist import criteria_of, published
            from tests.helpers.files import pdf_upload
            from tests.helpers.officials import make_liaison

            liaison = make_liaison(w.official_same)
            turku = PublicBody.objects.get(code="853")
            old = published(2024, liaison)
            criterion = criteria_of(old)[0]
            target = checklist_services.target_add(
                assessment=old,
                criterion_id=criterion.pk,
                by=liaison,
                description="Tavoite",
                owner="Hyte",
                due_date=date(2025, 6, 30),
            )
            draft = checklist_services.assessment_start(by=liaison, year=2025, municipality=turku)
            evidence = checklist_services.evidence_add_document(
                assessment=draft,
                criterion_id=criterion.pk,
                by=liaison,
                title="Muistio",
                upload=pdf_upload(),
            )
            forum = ForumEvent.objects.create(
                municipality=turku,
                title="Foorumi",
                place="Talo",
                organisers="Turku",
                starts_at=timezone.now() + timedelta(days=7),
            )
            cache.update(
                draft=draft,
                published=old,
                target=target,
                evidence=evidence,
                forum=forum,
                edition=ChecklistEdition.objects.get(number=1),
                area=criterion.area,
                council=StatutoryCouncil.objects.create(
                    municipality=turku, kind="youth", name="Nuorisovaltuusto"
                ),
                document=GuidingDocument.objects.create(
                    municipality=turku, kind="strategy", title="Strategia", year=2025
                ),
            )
        return cache[name]


def _checklist(name):
    return lambda w: {"pk": _ChecklistWorld.get(w, name).pk}


def _draft_area(w):
    return {"pk": _ChecklistWorld.get(w, "draft").pk, "area_pk": _ChecklistWorld.get(w, "area").pk}


def _draft_evidence(w):
    return {
        "pk": _ChecklistWorld.get(w, "draft").pk,
        "evidence_pk": _ChecklistWorld.get(w, "evidence").pk,
    }


ASSESSORS = expect(
    anonymous=404, member=404, other_org=404, official_same=200, official_other=404, coordinator=200
)  # a draft: Turku's officials, coordinators


ASSESSOR_PAGE = expect(
    anonymous=LOGIN,
    member=404,
    other_org=404,
    official_same=200,
    official_other=404,
    coordinator=200,
)


ASSESSOR_POST = expect(
    anonymous=LOGIN,
    member=404,
    other_org=404,
    official_same=302,
    official_other=404,
    coordinator=302,
)


COORDINATORS = expect(
    anonymous=LOGIN,
    member=404,
    other_org=404,
    official_same=404,
    official_other=404,
    coordinator=200,
)


PAGES = {
    # The NGO-friendly municipality checklist.
    "checklist:index": ("get", None, everyone(200)),
    "checklist:municipality": ("get", lambda w: {"code": "853"}, everyone(200)),
    "checklist:contacts": ("get", lambda w: {"code": "853"}, everyone(200)),
    "checklist:forum_detail": ("get", _checklist("forum"), everyone(200)),
    "checklist:desk": ("get", None, logged_in(200)),
    "checklist:assessment_start": (
        "post",
        None,
        expect(
            anonymous=LOGIN,
            member=404,
            other_org=404,
            official_same=400,
            official_other=400,
            coordinator=400,
        ),
    ),
    "checklist:assessment": ("get", _checklist("draft"), ASSESSORS),
    "checklist:assessment_pdf": ("get", _checklist("draft"), ASSESSORS),
    "checklist:assessment_area": ("get", _draft_area, ASSESSOR_PAGE),
    "checklist:assessment_summary": ("post", _checklist("draft"), ASSESSOR_POST),
    "checklist:assessment_publish": ("post", _checklist("draft"), ASSESSOR_POST),
    "checklist:assessment_rate": (
        "get",
        _checklist("draft"),
        expect(
            anonymous=LOGIN,
            member=200,
            other_org=404,
            official_same=404,
            official_other=404,
            coordinator=404,
        ),
    ),
    "checklist:evidence_link": ("post", _checklist("draft"), ASSESSOR_POST),
    "checklist:evidence_document": ("post", _checklist("draft"), ASSESSOR_POST),
    "checklist:evidence_suggestion": ("post", _checklist("draft"), ASSESSOR_POST),
    "checklist:evidence_remove": ("post", _draft_evidence, ASSESSOR_POST),
    "checklist:evidence_download": ("get", _checklist("evidence"), ASSESSORS),
    "checklist:target_add": ("post", _checklist("published"), ASSESSOR_POST),
    "checklist:target_remove": ("post", _checklist("target"), ASSESSOR_POST),
    "checklist:comparison": ("get", None, COORDINATORS),
    "checklist:comparison_csv": ("get", None, COORDINATORS),
    "checklist:comparison_pdf": ("get", None, COORDINATORS),
}

# model: (object builder, kind of admin expectations in tests/permission_matrix/admin.py)
ADMIN_MODELS = {
    ChecklistEdition: (lambda w: _ChecklistWorld.get(w, "edition"), "model_texts"),
    ChecklistArea: (lambda w: _ChecklistWorld.get(w, "area"), "model_texts"),
    ForumEvent: (lambda w: _ChecklistWorld.get(w, "forum"), "liaison_record"),
    StatutoryCouncil: (lambda w: _ChecklistWorld.get(w, "council"), "liaison_record"),
    GuidingDocument: (lambda w: _ChecklistWorld.get(w, "document"), "liaison_record"),
}
