"""The checklist pages: the public municipality page and contacts, forums with
registration, the assessor's pages, the NGOs' view, the regional comparison with
its CSV and PDFs; who may do what; bad input; query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cooperation.checklist import services
from cooperation.checklist.models import (
    Answer,
    Assessment,
    DevelopmentTarget,
    Evidence,
    ForumEvent,
    ForumRegistration,
    Level,
    NgoResponse,
)
from cooperation.models import OfficialRole, PublicBody
from tests.factories import OfficialFactory, municipality
from tests.helpers.checklist import criteria_of, published, rate_all
from tests.helpers.files import pdf_bytes, pdf_upload
from tests.helpers.officials import make_liaison
from tests.helpers.queries import page_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def liaison(world):
    return make_liaison(world.official_same)


def _draft(liaison, year=2026):
    return services.assessment_start(by=liaison, year=year, municipality=municipality("853"))


def _area_post(assessment, area, level="yes", text="Perustelu"):
    data = {}
    for criterion in criteria_of(assessment):
        if criterion.area_id == area.pk:
            data[f"level_{criterion.pk}"] = level
            data[f"text_{criterion.pk}"] = text
    return data


# --- Public pages -------------------------------------------------------------------


def test_the_municipality_page_shows_scores_trend_liaisons_and_forums(client, liaison, world):
    published(2024, liaison, level=Level.PARTLY)
    published(2025, liaison)
    ForumEvent.objects.create(
        municipality=municipality("853"),
        title="Kevään järjestöfoorumi",
        starts_at=timezone.now() + timedelta(days=5),
        place="Kaupungintalo",
        organisers="Turku",
    )
    page = client.get(reverse("checklist:municipality", args=["853"])).content.decode()
    assert "Assessment of 2025" in page
    assert "100,0\xa0%" in page
    assert "50,0\xa0%" in page  # 2025 and 2024 in the trend
    assert world.official_same.full_name in page
    assert "Kevään järjestöfoorumi" in page
    contacts = client.get(reverse("checklist:contacts", args=["853"])).content.decode()
    assert world.official_same.email in contacts
    assert client.get(reverse("checklist:municipality", args=["999"])).status_code == 404


def test_a_draft_is_not_public(client, liaison, world, login):
    draft = _draft(liaison)
    url = reverse("checklist:assessment", args=[draft.pk])
    assert client.get(url).status_code == 404
    assert login(world.ngo_admin).get(url).status_code == 404
    assert login(world.official_other).get(url).status_code == 404
    assert login(world.official_same).get(url).status_code == 200
    assert login(world.coordinator).get(url).status_code == 200
    assert client.get(reverse("checklist:assessment_pdf", args=[draft.pk])).status_code == 200
    login(None)
    assert client.get(reverse("checklist:assessment_pdf", args=[draft.pk])).status_code == 404


def test_a_published_assessment_and_its_pdf_are_public(client, liaison):
    assessment = published(2025, liaison)
    assert client.get(reverse("checklist:assessment", args=[assessment.pk])).status_code == 200
    response = client.get(reverse("checklist:assessment_pdf", args=[assessment.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


# --- The assessor's pages --------------------------------------------------------------


def test_the_liaison_starts_answers_and_publishes(client, liaison, login):
    login(liaison)
    response = client.post(
        reverse("checklist:assessment_start"),
        {"municipality": municipality("853").pk, "year": 2026},
    )
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert assessment.year == 2026
    criteria = criteria_of(assessment)
    areas = {c.area for c in criteria}
    for area in areas:
        response = client.post(
            reverse("checklist:assessment_area", args=[assessment.pk, area.pk]),
            _area_post(assessment, area),
        )
        assert response.status_code == 302
    assert Answer.objects.filter(assessment=assessment, level="yes").count() == len(criteria)
    client.post(reverse("checklist:assessment_publish", args=[assessment.pk]))
    assessment.refresh_from_db()
    assert assessment.is_published
    area = next(iter(areas))
    response = client.post(
        reverse("checklist:assessment_area", args=[assessment.pk, area.pk]),
        _area_post(assessment, area, level="no"),
    )
    assert response.status_code == 404
    assert not Answer.objects.filter(level="no").exists()


def test_a_liaison_starts_only_their_own_municipalitys(client, liaison, login):
    login(liaison)
    response = client.post(
        reverse("checklist:assessment_start"),
        {"municipality": municipality("734").pk, "year": 2026},
    )
    assert response.status_code == 400
    assert not Assessment.objects.exists()


def test_bad_answers_are_refused_with_a_message_and_nothing_stored(client, liaison, login):
    assessment = _draft(liaison)
    area = criteria_of(assessment)[0].area
    data = _area_post(assessment, area, level="maybe")
    response = login(liaison).post(
        reverse("checklist:assessment_area", args=[assessment.pk, area.pk]), data
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Answer.objects.exists()


def test_officials_of_elsewhere_and_ngos_cannot_edit(client, liaison, world, login):
    assessment = _draft(liaison)
    area = criteria_of(assessment)[0].area
    url = reverse("checklist:assessment_area", args=[assessment.pk, area.pk])
    make_liaison(world.official_other)
    plain_official = OfficialFactory(municipality=municipality("853")).user
    from tests.helpers.officials import give_totp

    give_totp(plain_official)
    for user in (world.official_other, world.ngo_admin, plain_official):
        login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, _area_post(assessment, area)).status_code == 404
        assert (
            client.post(reverse("checklist:assessment_publish", args=[assessment.pk])).status_code
            == 404
        )
    assert not Answer.objects.exists()
    login(world.coordinator)
    assert client.get(url).status_code == 200


def test_the_area_page_offers_portal_records_and_remembers_decisions(client, liaison, login):
    now = timezone.now()
    forum = ForumEvent.objects.create(
        municipality=municipality("853"),
        title="Syysfoorumi",
        starts_at=now - timedelta(days=1),
        place="Kirjasto",
        organisers="Turku",
    )
    assessment = _draft(liaison, year=(now - timedelta(days=1)).year)
    criterion = next(c for c in criteria_of(assessment) if c.key == "forum-joint")
    url = reverse("checklist:assessment_area", args=[assessment.pk, criterion.area_id])
    login(liaison)
    assert "Syysfoorumi" in client.get(url).content.decode()
    decide = reverse("checklist:evidence_suggestion", args=[assessment.pk])
    client.post(decide, {"criterion": criterion.pk, "source": f"forum:{forum.pk}", "accept": "on"})
    evidence = Evidence.objects.get()
    assert evidence.title.startswith("Syysfoorumi")
    assert not evidence.rejected
    # A forged source is not a suggestion: nothing is stored under it.
    forged = client.post(decide, {"criterion": criterion.pk, "source": "forum:999999"})
    assert forged.status_code == 404
    assert Evidence.objects.count() == 1


def test_evidence_links_and_documents_through_the_pages(client, liaison, world, login):
    assessment = _draft(liaison)
    criterion = criteria_of(assessment)[0]
    login(liaison)
    client.post(
        reverse("checklist:evidence_link", args=[assessment.pk]),
        {"criterion": criterion.pk, "title": "Pöytäkirja", "url": "javascript:alert(1)"},
    )
    assert not Evidence.objects.exists()
    client.post(
        reverse("checklist:evidence_document", args=[assessment.pk]),
        {"criterion": criterion.pk, "title": "Ohje", "file": pdf_upload(content=b"MZ\x90\x00")},
    )
    assert not Evidence.objects.exists()
    client.post(
        reverse("checklist:evidence_document", args=[assessment.pk]),
        {"criterion": criterion.pk, "title": "Ohje", "file": pdf_upload()},
    )
    document = Evidence.objects.get()
    download = reverse("checklist:evidence_download", args=[document.pk])
    assert client.get(download).status_code == 200
    assert b"".join(client.get(download).streaming_content) == pdf_bytes()
    login(world.ngo_admin)
    assert client.get(download).status_code == 404  # the draft is not theirs to read
    login(liaison)
    client.post(reverse("checklist:evidence_remove", args=[assessment.pk, document.pk]))
    assert not Evidence.objects.exists()


def test_user_text_is_escaped_in_the_page_and_the_pdf(client, liaison):
    assessment = _draft(liaison)
    criterion = criteria_of(assessment)[0]
    services.answers_save(
        assessment=assessment,
        by=liaison,
        answers={
            criterion.pk: (
                "yes",
                '<script>alert("x")</script><img src="https://evil.example/x.png">',
            )
        },
    )
    client.force_login(liaison)
    page = client.get(reverse("checklist:assessment", args=[assessment.pk])).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
    pdf = client.get(reverse("checklist:assessment_pdf", args=[assessment.pk]))
    assert pdf.status_code == 200  # the fetcher would have refused the image URL


def test_development_targets_on_the_page(client, liaison, world, login):
    assessment = published(2025, liaison, rules_agreed="partly")
    criterion = next(c for c in criteria_of(assessment) if c.key == "rules-agreed")
    url = reverse("checklist:target_add", args=[assessment.pk])
    data = {
        "criterion": criterion.pk,
        "description": "Pelisäännöt yhdessä",
        "owner": "Hyte",
        "due_date": "2026-06-30",
    }
    login(world.official_other)
    assert client.post(url, data).status_code == 404
    login(liaison)
    client.post(url, {**data, "due_date": "30.6.2026x"})
    assert not DevelopmentTarget.objects.exists()
    client.post(url, data)
    target = DevelopmentTarget.objects.get()
    page = client.get(reverse("checklist:assessment", args=[assessment.pk])).content.decode()
    assert "Pelisäännöt yhdessä" in page
    login(world.official_other)
    assert client.post(reverse("checklist:target_remove", args=[target.pk])).status_code == 404
    login(liaison)
    client.post(reverse("checklist:target_remove", args=[target.pk]))
    assert not DevelopmentTarget.objects.exists()


# --- The NGOs' view ------------------------------------------------------------------


def _rating_post(assessment, organisation, level="partly"):
    data = {"organisation": organisation.pk}
    for criterion in criteria_of(assessment):
        data[f"level_{criterion.pk}"] = level
        data[f"text_{criterion.pk}"] = ""
    return data


def test_an_ngo_member_rates_where_the_organisation_works_once(client, liaison, world, login):
    assessment = _draft(liaison)
    url = reverse("checklist:assessment_rate", args=[assessment.pk])
    login(world.ngo_member)
    assert client.get(url).status_code == 200
    response = client.post(url, _rating_post(assessment, world.org_a))
    assert response.status_code == 302
    assert NgoResponse.objects.get().organisation == world.org_a
    assert client.get(url).status_code == 404  # given once
    login(world.other_member)  # org_b works in Salo, not in Turku
    assert client.get(url).status_code == 404
    assert client.post(url, _rating_post(assessment, world.org_b)).status_code == 404
    login(world.official_same)
    assert client.get(url).status_code == 404
    assert NgoResponse.objects.count() == 1


def test_a_view_with_a_criterion_missing_is_refused_and_nothing_stored(client, liaison, world):
    assessment = _draft(liaison)
    data = _rating_post(assessment, world.org_a)
    del data[f"level_{criteria_of(assessment)[0].pk}"]
    client.force_login(world.ngo_member)
    response = client.post(reverse("checklist:assessment_rate", args=[assessment.pk]), data)
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert not NgoResponse.objects.exists()


def test_a_wide_difference_is_pointed_out(client, liaison, world):
    assessment = _draft(liaison)
    rate_all(assessment, world.org_a, world.ngo_member, Level.NOT_IN_PLACE)
    from tests.helpers.checklist import answer_all

    answer_all(assessment, liaison)
    services.assessment_publish(assessment=assessment, by=liaison)
    page = client.get(reverse("checklist:assessment", args=[assessment.pk])).content.decode()
    assert "differ widely" in page


# --- Forums ---------------------------------------------------------------------------


def test_anyone_registers_for_a_forum_and_its_keepers_see_who(client, liaison, world, login):
    event = ForumEvent.objects.create(
        municipality=municipality("853"),
        title="Foorumi",
        place="Talo",
        organisers="Turku",
        starts_at=timezone.now() + timedelta(days=3),
    )
    url = reverse("checklist:forum_detail", args=[event.pk])
    response = client.post(url, {"name": "Veera", "email": "veera@example.fi"})
    assert response.status_code == 302
    bad = client.post(url, {"name": "", "email": "not-an-address"})
    assert bad.status_code == 200
    assert "Enter a valid email address" in bad.content.decode()
    assert ForumRegistration.objects.count() == 1
    again = client.post(url, {"name": "Veera", "email": "VEERA@example.fi"})
    assert "already registered" in again.content.decode()
    assert "veera@example.fi" not in client.get(url).content.decode()
    assert "veera@example.fi" not in login(world.official_other).get(url).content.decode()
    assert "veera@example.fi" in login(liaison).get(url).content.decode()
    assert client.get(reverse("checklist:forum_detail", args=[999999])).status_code == 404


# --- The regional comparison ---------------------------------------------------------------


def _region(years, codes, by):
    for code in codes:
        for year in years:
            published(year, by, code=code, level=Level.PARTLY if year % 2 else Level.IN_PLACE)


def test_the_comparison_is_for_coordinators(client, world, login):
    for name in ("comparison", "comparison_csv", "comparison_pdf"):
        url = reverse(f"checklist:{name}")
        assert login(None).get(url).status_code == 302
        assert login(world.official_same).get(url).status_code == 404
        assert login(world.ngo_admin).get(url).status_code == 404
        assert login(world.coordinator).get(url).status_code == 200


def test_the_comparison_sorts_filters_and_exports(client, world):
    _region([2024, 2025], ["853", "734"], world.coordinator)
    late = services.assessment_start(
        by=world.coordinator, year=2025, municipality=municipality("202")
    )
    from tests.helpers.checklist import answer_all

    answer_all(late, world.coordinator, Level.NOT_IN_PLACE)
    services.assessment_publish(assessment=late, by=world.coordinator)
    client.force_login(world.coordinator)
    page = client.get(reverse("checklist:comparison"), {"year": 2025, "sort": "self"})
    rows = page.context["figures"].rows
    assert [str(r.subject) for r in rows][-1] == municipality("202").name
    assert rows[0].by_year == {2024: 100, 2025: 50} or rows[0].own >= rows[-1].own
    themed = client.get(reverse("checklist:comparison"), {"theme": "structures", "sort": "name"})
    assert themed.context["figures"].theme == "structures"
    csv = client.get(reverse("checklist:comparison_csv"), {"year": 2025}).content.decode(
        "utf-8-sig"
    )
    assert "Salo" in csv
    assert "50,0" in csv
    assert "0,0" in csv
    pdf = client.get(reverse("checklist:comparison_pdf"))
    assert pdf.content.startswith(b"%PDF")


# --- Query counts -------------------------------------------------------------------------


def test_the_comparison_page_reads_a_fixed_number_of_queries(client, world):
    client.force_login(world.coordinator)
    _region([2024], ["853"], world.coordinator)
    client.get(reverse("checklist:comparison"))  # the login's first request writes more
    small = page_queries(client, reverse("checklist:comparison"))
    _region([2022, 2023, 2025], ["853", "734", "202", "529"], world.coordinator)
    _region([2024], ["734", "202", "529"], world.coordinator)
    large = page_queries(client, reverse("checklist:comparison"))
    assert small == large <= 14


def test_the_municipality_and_assessment_pages_read_a_fixed_number_of_queries(
    client, liaison, world
):
    published(2019, liaison)
    first = published(2020, liaison)
    municipality_url = reverse("checklist:municipality", args=["853"])
    small = page_queries(client, municipality_url)
    small_assessment = page_queries(client, reverse("checklist:assessment", args=[first.pk]))
    for year in range(2021, 2026):
        published(year, liaison)
    latest = Assessment.objects.get(year=2025)
    DevelopmentTarget.objects.bulk_create(
        DevelopmentTarget(
            assessment=Assessment.objects.get(year=2024),
            criterion=criterion,
            description="Tavoite",
            owner="Hyte",
            due_date="2025-06-30",
        )
        for criterion in criteria_of(latest)[:5]
    )
    assert page_queries(client, municipality_url) == small <= 13
    assert (
        page_queries(client, reverse("checklist:assessment", args=[latest.pk]))
        == small_assessment
        <= 14
    )


def test_the_area_page_reads_a_fixed_number_of_queries(client, liaison):
    assessment = _draft(liaison)
    area = criteria_of(assessment)[0].area
    url = reverse("checklist:assessment_area", args=[assessment.pk, area.pk])
    client.force_login(liaison)
    client.get(url)
    small = page_queries(client, url)
    for index in range(5):
        ForumEvent.objects.create(
            municipality=municipality("853"),
            title=f"F{index}",
            place="P",
            organisers="O",
            starts_at=timezone.now().replace(year=2026, month=3, day=index + 1),
        )
    assert page_queries(client, url) == small <= 30


def test_the_index_lists_every_municipality(client, liaison):
    published(2025, liaison)
    page = client.get(reverse("checklist:index")).content.decode()
    assert page.count("/checklist/municipalities/") >= PublicBody.objects.municipalities().count()
    assert OfficialRole.Role.LIAISON  # the role the liaison persons hold


# --- The model's texts in the admin ----------------------------------------------------------


def test_a_coordinator_copies_an_edition_in_use_instead_of_rewording_it(client, liaison, world):
    from cooperation.checklist.models import ChecklistArea, ChecklistEdition

    published(2025, liaison)
    edition = ChecklistEdition.objects.get(number=1)
    area = ChecklistArea.objects.filter(theme__edition=edition).first()
    client.force_login(world.coordinator)
    change = reverse("admin:cooperation_checklistarea_change", args=[area.pk])
    assert client.get(change).status_code == 200  # read-only
    response = client.post(change, {"name_fi": "Uusi nimi"})
    assert response.status_code == 403
    area.refresh_from_db()
    assert area.name_fi != "Uusi nimi"
    client.post(
        reverse("admin:cooperation_checklistedition_changelist"),
        {"action": "copy_edition", "_selected_action": [edition.pk]},
    )
    copy = ChecklistEdition.objects.get(number=2)
    copied = ChecklistArea.objects.get(theme__edition=copy, key=area.key)
    edit = reverse("admin:cooperation_checklistarea_change", args=[copied.pk])
    page = client.get(edit)
    assert page.status_code == 200
    assert b'name="name_fi"' in page.content  # the copy is editable
    client.force_login(liaison)
    assert client.get(edit).status_code == 404
