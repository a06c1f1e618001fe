"""The wellbeing services county is a public body beside the municipalities: it runs
grant calls, makes agreements, owns premises, receives signals and is assessed, with
officials of its own, through the same code as a municipality. Its officials see
its records and not the municipalities' (and the reverse)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from cooperation.checklist import services as checklist_services
from cooperation.models import Assessment, OfficialRole, PublicBody
from signals import services as signal_services
from signals.models import Signal
from tests.factories import municipality
from tests.helpers.agreements import make_agreement
from tests.helpers.facilities import make_space
from tests.helpers.grants import make_call, submitted
from tests.helpers.officials import official_with
from tests.helpers.queries import get_counted

COUNTY = "05"

pytestmark = pytest.mark.django_db


def _county() -> PublicBody:
    return municipality(COUNTY)


def test_the_region_has_one_county_whose_municipalities_point_at_it():
    county = _county()
    assert county.is_county
    assert county.get_kind_display() == "hyvinvointialue"
    assert PublicBody.objects.counties().count() == 1
    assert PublicBody.objects.municipalities().count() == 27
    assert county.municipalities.count() == 27
    assert municipality("853").county == county


def test_a_county_cannot_belong_to_a_county():
    county = _county()
    with pytest.raises(IntegrityError), transaction.atomic():
        PublicBody.objects.create(
            kind=PublicBody.Kind.COUNTY, code="99", name_fi="Toinen", name_sv="Annan", county=county
        )


def test_an_organisation_works_in_municipalities_not_in_the_county(client, world):
    client.force_login(world.ngo_admin)
    page = client.get(reverse("cooperation:organisation_edit", args=[world.org_a.pk]))
    assert page.status_code == 200
    assert "Turku" in page.text
    assert "Varsinais-Suomen hyvinvointialue" not in page.text
    form = page.context["form"]
    assert not form.fields["municipalities"].queryset.filter(pk=_county().pk).exists()


# --- Each app takes the county as it takes a municipality ---------------------


def test_a_county_grant_officer_sees_the_county_s_applications_and_not_turku_s(client, world):
    county_officer = official_with(OfficialRole.Role.GRANT_OFFICER, COUNTY)
    turku_officer = official_with(OfficialRole.Role.GRANT_OFFICER, "853")
    county_call = make_call(municipality=_county(), title_fi="Hyvinvointialueen avustukset")
    turku_call = make_call()
    to_county = submitted(county_call, world.org_a, world.ngo_admin)
    to_turku = submitted(turku_call, world.org_a, world.ngo_admin)

    client.force_login(county_officer)
    page = client.get(reverse("grants:application_detail", args=[to_county.pk]))
    assert page.status_code == 200
    assert client.get(reverse("grants:application_detail", args=[to_turku.pk])).status_code == 404
    listed = client.get(reverse("grants:application_list"))
    assert listed.status_code == 200
    assert to_county.reference in listed.text
    assert to_turku.reference not in listed.text

    client.force_login(turku_officer)
    assert client.get(reverse("grants:application_detail", args=[to_county.pk])).status_code == 404
    assert client.get(reverse("grants:application_detail", args=[to_turku.pk])).status_code == 200


def test_the_county_s_call_says_who_grants_it(client):
    call = make_call(municipality=_county(), title_fi="Hyvinvointialueen avustukset")
    page = client.get(reverse("grants:call_detail", args=[call.pk]), HTTP_ACCEPT_LANGUAGE="fi")
    assert page.status_code == 200
    assert "Hyvinvointialue" in page.text
    assert "Varsinais-Suomen hyvinvointialue" in page.text
    assert "<dt>Kunta</dt>" not in page.text
    turku = client.get(reverse("grants:call_detail", args=[make_call().pk]))
    assert "<dt>Kunta</dt>" in turku.text


def test_a_county_agreement_is_the_county_officials_and_not_turku_s(client, world):
    county_official = official_with(OfficialRole.Role.NGO_TEAM, COUNTY)
    agreement = make_agreement(world, body=_county(), by=county_official)
    assert agreement.municipality == _county()
    client.force_login(county_official)
    assert (
        client.get(reverse("partnerships:agreement_detail", args=[agreement.pk])).status_code == 200
    )
    client.force_login(world.official_same)  # Turku's
    assert (
        client.get(reverse("partnerships:agreement_detail", args=[agreement.pk])).status_code == 404
    )


def test_the_county_s_premises_are_managed_by_the_county(client):
    space = make_space(code=COUNTY, name="Hyvinvointikeskuksen kokoushuone")
    manager = official_with(OfficialRole.Role.FACILITY_MANAGER, COUNTY)
    turku_manager = official_with(OfficialRole.Role.FACILITY_MANAGER, "853")
    client.force_login(manager)
    page = client.get(reverse("facilities:manage"))
    assert page.status_code == 200
    assert space.name in page.text
    client.force_login(turku_manager)
    page = client.get(reverse("facilities:manage"))
    assert page.status_code == 200
    assert space.name not in page.text


def test_a_signal_to_the_county_goes_to_its_ngo_team_only(client, world):
    signal, _receipt = signal_services.signal_submit(
        fields={"kind": "worry", "description": "Omaishoitajat jaksavat huonosti."},
        municipality=_county(),
        channel=Signal.Channel.ACCOUNT,
        language="fi",
        organisation=world.org_a,
        by=world.ngo_admin,
    )
    team = official_with(OfficialRole.Role.NGO_TEAM, COUNTY)
    client.force_login(team)
    page = client.get(reverse("signals:signal_detail", args=[signal.pk]))
    assert page.status_code == 200
    assert "Omaishoitajat jaksavat huonosti." in page.text
    client.force_login(world.official_same)  # Turku's NGO team
    assert client.get(reverse("signals:signal_detail", args=[signal.pk])).status_code == 404


# --- The checklist: one subject, a municipality or the county -----------------


def test_a_coordinator_starts_the_county_s_assessment_from_the_same_form(client, world):
    client.force_login(world.coordinator)
    page = client.get(reverse("checklist:desk"))
    assert page.status_code == 200
    assert "Varsinais-Suomen hyvinvointialue" in page.text
    response = client.post(
        reverse("checklist:assessment_start"), {"municipality": _county().pk, "year": 2026}
    )
    assert response.status_code == 302
    assessment = _county().assessments.get()
    assert assessment.is_county


def test_the_start_form_asks_for_a_subject(client, world):
    client.force_login(world.coordinator)
    response = client.post(reverse("checklist:assessment_start"), {"year": 2026})
    assert response.status_code == 400
    assert "This field is required" in response.text or "Tämä kenttä vaaditaan" in response.text
    assert not _county().assessments.exists()


def test_ngos_of_the_county_s_municipalities_rate_its_assessment(world):
    from cooperation.permissions import organisations_rating

    assessment = checklist_services.assessment_start(
        by=world.coordinator, year=2026, municipality=_county()
    )
    assert list(organisations_rating(world.ngo_admin, assessment)) == [world.org_a]


def test_the_checklist_index_lists_the_county_apart_from_the_municipalities(client, world):
    url = reverse("checklist:index")
    assert "county-heading" not in client.get(url).text  # nothing published yet
    assessment = checklist_services.assessment_start(
        by=world.coordinator, year=2025, municipality=_county()
    )
    Assessment.objects.filter(pk=assessment.pk).update(
        status=Assessment.Status.PUBLISHED, published_at=timezone.now()
    )
    response, queries = get_counted(client, url)
    section = response.text.split('id="county-heading"')[1]
    assert "Varsinais-Suomen hyvinvointialue 2025" in section
    overview = response.text.split('id="county-heading"')[0]
    assert "Varsinais-Suomen hyvinvointialue" not in overview
    assert len(queries) <= 8


# --- The migration that made the county a public body ---------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_the_county_into_a_public_body_and_keeps_its_assessments():
    before = [("cooperation", "0014_public_body_kind")]
    after = [("cooperation", "0016_remove_wellbeing_services_county")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    County = old.get_model("cooperation", "WellbeingServicesCounty")
    Body = old.get_model("cooperation", "PublicBody")
    Assessment = old.get_model("cooperation", "Assessment")
    Edition = old.get_model("cooperation", "ChecklistEdition")
    county = County.objects.get(code=COUNTY)
    old_assessment = Assessment.objects.create(
        edition=Edition.objects.first(), county=county, year=2024
    )
    turku_assessment = Assessment.objects.create(
        edition=Edition.objects.first(), municipality=Body.objects.get(code="853"), year=2024
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    Body = new.get_model("cooperation", "PublicBody")
    Assessment = new.get_model("cooperation", "Assessment")
    body = Body.objects.get(code=COUNTY)
    assert body.kind == "county"
    assert body.name_fi == "Varsinais-Suomen hyvinvointialue"
    assert Body.objects.filter(county=body).count() == 27
    assert Assessment.objects.get(pk=old_assessment.pk).municipality_id == body.pk
    assert Assessment.objects.get(pk=turku_assessment.pk).municipality.code == "853"

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_the_county_s_appeal_instructions_name_the_county_s_members():
    from grants.appeal import instructions_for

    county = instructions_for(_county())
    assert "hyvinvointialueen jäsen" in county.text_fi
    assert "kunnan jäsen" not in county.text_fi
    assert "medlemmar av välfärdsområdet" in county.text_sv
    assert "kommunmedlem" not in county.text_sv
    assert "kunnan jäsen" in instructions_for(municipality("853")).text_fi
