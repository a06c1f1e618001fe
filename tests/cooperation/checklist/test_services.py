"""The checklist as data and its rules: scoring, versioning, frozen published
assessments, the NGOs' view, evidence, development targets, forum registration."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone, translation

from cooperation.checklist import scoring, services
from cooperation.checklist.models import (
    Answer,
    Assessment,
    AssessmentScore,
    ChecklistArea,
    ChecklistEdition,
    Criterion,
    Evidence,
    EvidenceTopic,
    ForumEvent,
    ForumRegistration,
    Level,
    NgoResponse,
)
from cooperation.errors import DomainError
from cooperation.extensions import EvidenceSuggestion
from cooperation.models import PublicBody
from tests.factories import MembershipFactory, OrganisationFactory, municipality
from tests.helpers.checklist import answer_all, criteria_of, published, rate_all
from tests.helpers.files import pdf_upload
from tests.helpers.officials import make_liaison

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def liaison(world):
    return make_liaison(world.official_same)


def _start(by, year=2025, code="853"):
    return services.assessment_start(by=by, year=year, municipality=municipality(code))


# --- The model as data -------------------------------------------------------


def test_the_seeded_model_has_three_themes_of_four_areas_in_three_languages(region_data):
    edition = ChecklistEdition.objects.get(published=True)
    themes = list(edition.themes.prefetch_related("areas__criteria"))
    assert [t.key for t in themes] == ["routines", "structures", "codevelopment"]
    assert [len(t.areas.all()) for t in themes] == [4, 4, 4]
    criteria = Criterion.objects.filter(area__theme__edition=edition)
    assert criteria.count() >= 36
    assert not criteria.filter(text_sv="").exists()
    assert not criteria.filter(text_en="").exists()
    county = set(
        ChecklistArea.objects.filter(theme__edition=edition, concerns_county=True).values_list(
            "key", flat=True
        )
    )
    assert county == {"liaison", "services"}
    assert criteria.filter(key="forum-regular", text_fi__contains="1–2 kertaa vuodessa").exists()


# --- Scoring --------------------------------------------------------------------


def test_scores_leave_out_criteria_not_applicable_and_areas_without_any():
    rows = [("t1", "a1", 1), ("t1", "a1", 2), ("t1", "a2", 3), ("t2", "a3", 4)]
    sheet = scoring.roll_up(rows, {1: D(2), 2: D(1), 3: None, 4: D(0)})
    assert sheet.areas["a1"].percent == D("75.0")
    assert sheet.areas["a2"].percent is None  # nothing applicable: no score
    assert sheet.themes["t1"].percent == D("75.0")  # the empty area does not pull it down
    assert sheet.themes["t2"].percent == D("0.0")
    assert sheet.total.percent == D("50.0")  # 3 of 6 points
    assert sheet.total.applicable == 3


def test_an_empty_sheet_has_no_score():
    assert scoring.roll_up([], {}).total.percent is None


def test_the_ngo_mean_ignores_not_applicable_ratings():
    spread = scoring.spreads([(1, "yes"), (1, "partly"), (1, "na"), (2, "na")])
    assert spread[1].counts == {"no": 0, "partly": 1, "yes": 1, "na": 1}
    assert spread[1].percent == D("75.0")
    assert spread[2].percent is None
    assert scoring.differs_widely(D(100), D(50), 40)
    assert not scoring.differs_widely(D(100), D(61), 40)
    assert not scoring.differs_widely(D(100), None, 40)


# --- Starting, answering, publishing -------------------------------------------


def test_an_assessment_is_started_on_the_newest_edition_in_use_once_a_year(liaison):
    assessment = _start(liaison)
    assert assessment.edition.number == 1
    assert assessment.status == Assessment.Status.DRAFT
    with pytest.raises(DomainError, match="already an assessment of 2025"):
        _start(liaison)
    with pytest.raises(DomainError, match="between 2015"):
        _start(liaison, year=1999)
    assert Assessment.objects.count() == 1


def test_the_county_answers_only_the_areas_marked_for_it(world):
    county = PublicBody.objects.counties().get()
    assessment = services.assessment_start(by=world.coordinator, year=2025, municipality=county)
    areas = {c.area.key for c in criteria_of(assessment)}
    assert areas == {"liaison", "services"}


def test_publishing_needs_every_criterion_and_stores_the_rolled_up_scores(liaison, world):
    assessment = _start(liaison)
    criteria = criteria_of(assessment)
    services.answers_save(assessment=assessment, by=liaison, answers={criteria[0].pk: ("yes", "")})
    with pytest.raises(DomainError, match=f"{len(criteria) - 1} without one"):
        services.assessment_publish(assessment=assessment, by=liaison)
    assert not AssessmentScore.objects.exists()
    # The NGO forum area: 6 criteria; 2 in place, 2 partly, 1 not, 1 not applicable.
    levels = {
        "forum_joint": "yes",
        "forum_regional": "na",
        "forum_regular": "yes",
        "forum_invited": "partly",
        "forum_planned": "partly",
        "forum_purpose": "no",
    }
    answer_all(assessment, liaison, Level.IN_PLACE, **levels)
    services.assessment_publish(assessment=assessment, by=liaison)
    scores = {
        (s.perspective, s.scope, s.key): s
        for s in AssessmentScore.objects.filter(assessment=assessment)
    }
    assert scores[("self", "area", "forum")].percent == D("60.0")  # 6 of 10 points
    assert scores[("self", "area", "forum")].applicable == 5
    assert scores[("self", "area", "grants")].percent == D("100.0")
    applicable = len(criteria) - 1
    expected = (D(2 * applicable - 4) * 100 / (2 * applicable)).quantize(D("0.1"))
    assert scores[("self", "total", "")].percent == expected
    assert scores[("ngo", "total", "")].percent is None  # no organisation gave its view
    assessment.refresh_from_db()
    assert assessment.is_published
    assert assessment.published_by == liaison


def test_a_published_assessment_is_frozen(liaison, world):
    assessment = published(2025, liaison)
    criterion = criteria_of(assessment)[0]
    with pytest.raises(DomainError, match="published"):
        services.answers_save(assessment=assessment, by=liaison, answers={criterion.pk: ("no", "")})
    with pytest.raises(DomainError, match="published"):
        services.assessment_publish(assessment=assessment, by=liaison)
    with pytest.raises(DomainError, match="published"):
        services.evidence_add_link(
            assessment=assessment,
            criterion_id=criterion.pk,
            by=liaison,
            title="x",
            url="https://example.fi",
        )
    member = MembershipFactory(organisation=world.org_a).user
    with pytest.raises(DomainError, match="published"):
        rate_all(assessment, world.org_a, member)
    assert Answer.objects.get(assessment=assessment, criterion=criterion).level == "yes"
    assert AssessmentScore.objects.filter(assessment=assessment).count() == 2 * (1 + 3 + 12)


def test_answers_refuse_a_criterion_of_another_edition_and_store_nothing(liaison, world):
    assessment = _start(liaison)
    other = services.edition_copy(edition=assessment.edition, name="2027")
    foreign = Criterion.objects.filter(area__theme__edition=other).first()
    own = criteria_of(assessment)[0]
    with pytest.raises(DomainError, match="not part of this assessment"):
        services.answers_save(
            assessment=assessment,
            by=liaison,
            answers={own.pk: ("yes", ""), foreign.pk: ("yes", "")},
        )
    assert not Answer.objects.exists()


# --- Versioning -------------------------------------------------------------------


def test_a_new_edition_rewords_criteria_without_touching_past_assessments(liaison, world):
    old = published(2025, liaison)
    first = ChecklistEdition.objects.get(number=1)
    new = services.edition_copy(edition=first, name="Varsinais-Suomi 2027")
    assert new.number == 2
    assert not new.published
    assert Criterion.objects.filter(area__theme__edition=new).count() == len(criteria_of(old))
    reworded = Criterion.objects.get(area__theme__edition=new, key="forum-regular")
    reworded.text_fi = "Foorumi järjestetään vähintään kahdesti vuodessa."
    reworded.save()
    new.published = True
    new.save()
    current = _start(liaison, year=2026)
    assert current.edition == new
    old_text = Answer.objects.get(assessment=old, criterion__key="forum-regular").criterion.text_fi
    assert old_text == "Foorumi järjestetään säännöllisesti 1–2 kertaa vuodessa."
    assert AssessmentScore.objects.get(
        assessment=old, perspective="self", scope="total"
    ).percent == D("100.0")


# --- The NGOs' view -------------------------------------------------------------------


def test_an_organisation_gives_its_view_once(liaison, world):
    assessment = _start(liaison)
    rate_all(assessment, world.org_a, world.ngo_member, Level.PARTLY)
    with pytest.raises(DomainError, match="already given its view"):
        rate_all(assessment, world.org_a, world.ngo_admin)
    assert NgoResponse.objects.count() == 1


def test_a_view_must_rate_every_criterion_and_nothing_is_stored_otherwise(liaison, world):
    assessment = _start(liaison)
    criteria = criteria_of(assessment)
    with pytest.raises(DomainError, match="Rate every criterion"):
        services.ngo_view_submit(
            assessment=assessment,
            organisation=world.org_a,
            by=world.ngo_member,
            ratings={c.pk: ("yes", "") for c in criteria[1:]},
        )
    with pytest.raises(DomainError, match="Rate every criterion"):
        services.ngo_view_submit(
            assessment=assessment,
            organisation=world.org_a,
            by=world.ngo_member,
            ratings={c.pk: ("maybe", "") for c in criteria},
        )
    assert not NgoResponse.objects.exists()


def test_the_ngo_view_is_the_mean_of_the_organisations(liaison, world):
    assessment = _start(liaison)
    second = OrganisationFactory(municipalities=[municipality("853")])
    rate_all(assessment, world.org_a, world.ngo_member, Level.IN_PLACE)
    rate_all(assessment, second, MembershipFactory(organisation=second).user, Level.NOT_IN_PLACE)
    answer_all(assessment, liaison)
    services.assessment_publish(assessment=assessment, by=liaison)
    ngo = AssessmentScore.objects.get(assessment=assessment, perspective="ngo", scope="total")
    own = AssessmentScore.objects.get(assessment=assessment, perspective="self", scope="total")
    assert (ngo.percent, own.percent) == (D("50.0"), D("100.0"))


# --- Evidence -----------------------------------------------------------------------


def test_a_link_must_be_a_web_address(liaison):
    assessment = _start(liaison)
    criterion = criteria_of(assessment)[0]
    for url in ("javascript:alert(1)", "file:///etc/passwd", "https://"):
        with pytest.raises(DomainError, match="web address"):
            services.evidence_add_link(
                assessment=assessment, criterion_id=criterion.pk, by=liaison, title="x", url=url
            )
    assert not Evidence.objects.exists()


def test_a_document_must_be_a_plain_pdf(liaison):
    assessment = _start(liaison)
    criterion = criteria_of(assessment)[0]
    disguised = pdf_upload(content=b"<html><script>alert(1)</script></html>")
    with pytest.raises(DomainError, match="not a PDF"):
        services.evidence_add_document(
            assessment=assessment,
            criterion_id=criterion.pk,
            by=liaison,
            title="x",
            upload=disguised,
        )
    assert not Evidence.objects.exists()
    evidence = services.evidence_add_document(
        assessment=assessment,
        criterion_id=criterion.pk,
        by=liaison,
        title="Pöytäkirja",
        upload=pdf_upload(),
    )
    assert evidence.file.name.startswith(f"checklist/{assessment.pk}/")
    assert "toimintasuunnitelma" not in evidence.file.name


def test_a_suggestion_is_accepted_or_rejected_once_and_only_for_its_topic(liaison):
    assessment = _start(liaison)
    forum_criterion = next(c for c in criteria_of(assessment) if c.evidence_topic == "forum")
    grants_criterion = next(c for c in criteria_of(assessment) if c.key == "grants-budget")
    suggestion = EvidenceSuggestion(
        topic=EvidenceTopic.FORUM, source="forum:1", title="Foorumi", url="/checklist/forums/1/"
    )
    with pytest.raises(DomainError, match="not evidence for this criterion"):
        services.suggestion_decide(
            assessment=assessment,
            criterion_id=grants_criterion.pk,
            suggestion=suggestion,
            by=liaison,
            accept=True,
        )
    for accept in (True, False, True):
        services.suggestion_decide(
            assessment=assessment,
            criterion_id=forum_criterion.pk,
            suggestion=suggestion,
            by=liaison,
            accept=accept,
        )
    evidence = Evidence.objects.get()
    assert evidence.kind == "record"
    assert not evidence.rejected
    assert evidence.source == "forum:1"


def test_the_portal_suggests_forums_liaisons_councils_documents_grants_and_facilities(
    liaison, world
):
    from cooperation.checklist.selectors import assessment_view
    from cooperation.models import GuidingDocument, StatutoryCouncil
    from tests.helpers.facilities import make_space
    from tests.helpers.grants import make_call

    now = timezone.now()
    forum = ForumEvent.objects.create(
        municipality=municipality("853"),
        title="Järjestöfoorumi",
        starts_at=now,
        place="Kaupungintalo",
        organisers="Turku",
    )
    ForumEvent.objects.create(
        municipality=municipality("734"),
        title="Salon foorumi",
        starts_at=now,
        place="Salo",
        organisers="Salo",
    )
    StatutoryCouncil.objects.create(municipality=municipality("853"), kind="youth", name="Nuva")
    GuidingDocument.objects.create(
        municipality=municipality("853"), kind="strategy", title="Turku-strategia", year=now.year
    )
    make_call(opens_at=now - timedelta(days=1))
    make_space(terms_fi="Siisteys")
    assessment = _start(liaison, year=now.year)
    view = assessment_view(assessment, with_suggestions=True)
    offered = {
        row.criterion.key: [s.title for s in row.suggestions]
        for block in view.themes
        for area in block.areas
        for row in area.rows
    }
    assert any(forum.title in t for t in offered["forum-joint"])
    assert not any("Salon" in t for t in offered["forum-joint"])
    assert any(world.official_same.full_name in t for t in offered["liaison-named"])
    assert any("Nuva" in t for t in offered["councils-active"])
    assert any("Turku-strategia" in t for t in offered["documents-strategy"])
    assert any("Yleisavustukset" in t for t in offered["grants-cycles"])
    assert any("Guidelines of" in t for t in offered["grants-guidelines"])
    # One space, said as one ("1 spaces" before), each figure with its label.
    assert any(
        t.startswith("1 space in the premises catalogue – free of charge for NGOs: ")
        for t in offered["premises-free"]
    ), offered["premises-free"]
    assert offered["grants-budget"] == []


# --- Development targets -------------------------------------------------------------


def test_next_years_assessment_shows_whether_the_targets_were_met(liaison):
    from cooperation.checklist.selectors import assessment_view

    last = published(2025, liaison, forum_regular="no", rules_agreed="partly")
    by_key = {c.key: c for c in criteria_of(last)}
    for key in ("forum-regular", "rules-agreed"):
        services.target_add(
            assessment=last,
            criterion_id=by_key[key].pk,
            by=liaison,
            description="Parannetaan",
            owner="Hyte-koordinaattori",
            due_date=date(2026, 6, 30),
        )
    with pytest.raises(DomainError, match="already has a development target"):
        services.target_add(
            assessment=last,
            criterion_id=by_key["forum-regular"].pk,
            by=liaison,
            description="x",
            owner="y",
            due_date=date(2026, 6, 30),
        )
    with pytest.raises(DomainError, match="before the assessed year"):
        services.target_add(
            assessment=last,
            criterion_id=by_key["forum-joint"].pk,
            by=liaison,
            description="x",
            owner="y",
            due_date=date(2024, 6, 30),
        )
    this = _start(liaison, year=2026)
    pending = {f.target.criterion.key: f.met for f in assessment_view(this).follow_ups}
    assert pending == {"forum-regular": None, "rules-agreed": None}
    answer_all(this, liaison, Level.IN_PLACE, rules_agreed="partly", forum_regular="partly")
    met = {f.target.criterion.key: f.met for f in assessment_view(this).follow_ups}
    assert met == {"forum-regular": True, "rules-agreed": False}


# --- Forum registration ----------------------------------------------------------------


def _forum(**fields):
    values = {
        "municipality": municipality("853"),
        "title": "Järjestöfoorumi <kevät>",
        "starts_at": timezone.now() + timedelta(days=10),
        "place": "Kaupungintalo",
        "organisers": "Turun kaupunki",
    }
    values.update(fields)
    return ForumEvent.objects.create(**values)


def test_registration_mails_a_confirmation_after_the_commit_to_a_confirmed_address_only(
    django_capture_on_commit_callbacks, region_data
):
    from allauth.account.models import EmailAddress

    from tests.factories import UserFactory

    event = _forum()
    stranger = _forum(title="Toinen foorumi")
    with django_capture_on_commit_callbacks(execute=True):
        anonymous = services.forum_register(event=stranger, name="Hei kaikki", email="x@example.fi")
    assert not anonymous.mailed
    assert mail.outbox == []  # a form anyone may send does not mail a typed address
    user = UserFactory(email="maija@example.fi")
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.forum_register(event=event, name="Maija", email=" Maija@Example.fi ", user=user)
    registration = ForumRegistration.objects.get(event=event)
    assert registration.email == "maija@example.fi"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["maija@example.fi"]
    assert "Järjestöfoorumi <kevät>" in mail.outbox[0].body
    assert "&lt;kevät&gt;" in mail.outbox[0].alternatives[0][0]
    with pytest.raises(DomainError, match="already registered"):
        services.forum_register(event=event, name="Maija", email="maija@example.fi", user=user)


def test_registration_is_refused_when_closed_past_or_full(region_data):
    closed = _forum(registration_open=False)
    past = _forum(starts_at=timezone.now() - timedelta(hours=1))
    full = _forum(capacity=1)
    services.forum_register(event=full, name="A", email="a@example.fi")
    for event, message in ((closed, "closed"), (past, "closed"), (full, "full")):
        with pytest.raises(DomainError, match=message):
            services.forum_register(event=event, name="B", email="b@example.fi")
    assert ForumRegistration.objects.count() == 1


def test_the_demo_checklist_loads_twice_without_duplicates(region_data):
    from django.core.management import call_command

    call_command("demo_data")
    counts = (Assessment.objects.count(), ForumEvent.objects.count())
    call_command("demo_data")
    assert (Assessment.objects.count(), ForumEvent.objects.count()) == counts
    assert Assessment.objects.filter(status="published").count() == 6
    assert Assessment.objects.filter(status="draft").count() == 2
    turku = Assessment.objects.filter(municipality__code="853", status="published").last()
    assert turku.ngo_responses.exists()
    assert AssessmentScore.objects.filter(assessment=turku)


def test_the_page_scores_are_the_stored_scores(liaison, world):
    from cooperation.checklist.selectors import assessment_view, published_scores

    assessment = _start(liaison)
    rate_all(assessment, world.org_a, world.ngo_member, Level.PARTLY)
    answer_all(assessment, liaison, Level.IN_PLACE, forum_joint="no", rules_level="na")
    services.assessment_publish(assessment=assessment, by=liaison)
    view = assessment_view(assessment)
    stored = {
        (s.perspective, s.scope, s.key): s.percent
        for s in AssessmentScore.objects.filter(assessment=assessment)
    }
    assert stored[("self", "total", "")] == view.total_own.percent
    assert stored[("ngo", "total", "")] == view.total_ngo.percent == D("50.0")
    for block in view.themes:
        assert stored[("self", "theme", block.theme.key)] == block.own.percent
        for area in block.areas:
            assert stored[("self", "area", area.area.key)] == area.own.percent
            assert stored[("ngo", "area", area.area.key)] == area.ngo.percent
    # The public page reads the stored rows: the same figures, area by area.
    public = published_scores(assessment)
    assert [(t.theme.key, t.own.percent, t.ngo.percent) for t in public.themes] == [
        (t.theme.key, t.own.percent, t.ngo.percent) for t in view.themes
    ]
    assert [(a.area.key, a.own.percent, a.ngo.percent) for t in public.themes for a in t.areas] == [
        (a.area.key, a.own.percent, a.ngo.percent) for t in view.themes for a in t.areas
    ]
    assert (public.total_own.percent, public.total_ngo.percent, public.responses) == (
        view.total_own.percent,
        view.total_ngo.percent,
        view.responses,
    )


def test_the_liaison_person_is_told_of_each_view_once(
    liaison, world, django_capture_on_commit_callbacks
):
    assessment = _start(liaison)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        rate_all(assessment, world.org_a, world.ngo_member, Level.PARTLY)
    (told,) = [m for m in mail.outbox if m.to == [liaison.email]]
    # In the liaison person's language, whatever the sender's page was in.
    assert told.subject == f"{world.org_a.name} antoi näkemyksensä arvioinnista {assessment}"
    assert f"/checklist/assessments/{assessment.pk}/" in told.body
    # A second try, refused, tells nobody.
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DomainError):
        rate_all(assessment, world.org_a, world.ngo_admin)
    assert len([m for m in mail.outbox if m.to == [liaison.email]]) == 1
