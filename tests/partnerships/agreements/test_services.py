"""The agreements register: status rules, amendments, documents, follow-up."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import translation

from cooperation.errors import DomainError
from partnerships.agreements import services
from partnerships.agreements.services import CommitmentInput, TransitionRefused
from partnerships.models import (
    Agreement,
    AgreementDocument,
    AgreementEvent,
    Commitment,
    DocumentVersion,
    FollowUpEntry,
    FollowUpRound,
)
from tests.helpers.agreements import in_force, make_agreement
from tests.helpers.files import pdf_upload

S = Agreement.Status
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


# --- Creating ----------------------------------------------------------------


def test_an_agreement_is_created_as_a_draft_with_its_commitments_and_trail(world):
    agreement = make_agreement(world)
    assert agreement.status == S.DRAFT
    assert agreement.reference.startswith("K")
    assert [c.organisation for c in agreement.commitments.all()] == [None, world.org_a]
    assert agreement.events.get().action == AgreementEvent.Action.CREATED


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"ends_on": date(2025, 1, 1)}, "cannot end before it starts"),
        ({"kind": "facility", "premises": ""}, "Name the premises"),
        ({"free_of_charge": True}, "why the premises are free"),
        ({"funder": "STEA"}, "Only a project agreement"),
    ],
)
def test_an_incomplete_agreement_is_refused_and_nothing_is_stored(world, fields, message):
    with pytest.raises(DomainError, match=message):
        make_agreement(world, **fields)
    assert not Agreement.objects.exists()
    assert not Commitment.objects.exists()


def test_an_agreement_needs_a_party(world):
    with pytest.raises(DomainError, match="at least one organisation"):
        services.agreement_create(
            by=world.official_same,
            municipality=world.unit.municipality,
            fields={"kind": "project", "title": "x", "purpose": "y", "starts_on": date(2026, 1, 1)},
            organisations=[],
        )


def test_a_commitment_belongs_to_the_city_or_a_party(world):
    agreement = make_agreement(world)
    with pytest.raises(DomainError, match="party of the agreement"):
        services.commitment_add(
            agreement=agreement, by=world.official_same, data=CommitmentInput("x", world.org_b)
        )


# --- Status --------------------------------------------------------------------


def test_every_refused_move_is_refused(world):
    for status, allowed in Agreement.MOVES.items():
        for target in S.values:
            agreement = Agreement(status=status)
            assert agreement.can_move_to(target) == (target in allowed)


def test_a_draft_comes_into_force_only_with_commitments(world):
    agreement = make_agreement(world)
    agreement.commitments.all().delete()
    with pytest.raises(DomainError, match="commits to"):
        services.agreement_bring_into_force(agreement=agreement, by=world.official_same)
    agreement.refresh_from_db()
    assert agreement.status == S.DRAFT


def test_a_funder_dependent_agreement_is_not_in_force_before_the_positive_decision(world):
    agreement = make_agreement(world, kind="project", funder="STEA", funder_statement="Aiesopimus")
    with pytest.raises(TransitionRefused, match="positive decision"):
        services.agreement_bring_into_force(agreement=agreement, by=world.official_same)
    services.agreement_send_to_funder(agreement=agreement, by=world.official_same)
    with pytest.raises(TransitionRefused, match="positive decision"):
        services.agreement_bring_into_force(agreement=agreement, by=world.official_same)
    # The database refuses it too, whatever the code path.
    agreement.status = S.IN_FORCE
    with pytest.raises(IntegrityError), transaction.atomic():
        agreement.save()
    agreement.refresh_from_db()
    services.funder_decision_record(
        agreement=agreement, by=world.official_same, positive=True, decided_on=date(2026, 3, 1)
    )
    agreement.refresh_from_db()
    assert agreement.status == S.IN_FORCE
    assert agreement.funder_decision == Agreement.FunderDecision.POSITIVE


def test_a_negative_decision_ends_the_agreement(world):
    agreement = make_agreement(world, kind="project", funder="STEA")
    services.agreement_send_to_funder(agreement=agreement, by=world.official_same)
    services.funder_decision_record(
        agreement=agreement, by=world.official_same, positive=False, decided_on=date(2026, 3, 1)
    )
    agreement.refresh_from_db()
    assert agreement.status == S.ENDED
    with pytest.raises(TransitionRefused):
        services.funder_decision_record(
            agreement=agreement, by=world.official_same, positive=True, decided_on=date(2026, 3, 2)
        )


def test_only_an_agreement_with_a_funder_waits_for_one(world):
    with pytest.raises(TransitionRefused, match="funder first"):
        services.agreement_send_to_funder(agreement=make_agreement(world), by=world.official_same)


def test_termination_needs_a_reason_and_ends_every_change(world):
    agreement = in_force(world)
    with pytest.raises(DomainError, match="why"):
        services.agreement_terminate(agreement=agreement, by=world.official_same, note=" ")
    services.agreement_terminate(
        agreement=agreement, by=world.official_same, note="Toiminta loppui."
    )
    with pytest.raises(TransitionRefused, match="can no longer be changed"):
        services.agreement_save(
            agreement=agreement,
            by=world.official_same,
            fields={"title": "Uusi"},
            organisations=[world.org_a],
            reason="x",
        )
    with pytest.raises(TransitionRefused):
        services.agreement_end(agreement=agreement, by=world.official_same)


# --- Amendments -------------------------------------------------------------


def test_a_draft_changes_freely(world):
    agreement = make_agreement(world)
    services.agreement_save(
        agreement=agreement,
        by=world.official_same,
        fields={"title": "Uusi"},
        organisations=[world.org_a],
    )
    agreement.refresh_from_db()
    assert (agreement.title, agreement.version, agreement.versions.count()) == ("Uusi", 1, 0)


def test_an_amendment_keeps_the_earlier_text_readable(world):
    agreement = in_force(world)
    with pytest.raises(DomainError, match="say why"):
        services.agreement_save(
            agreement=agreement,
            by=world.official_same,
            fields={"ends_on": date(2028, 12, 31)},
            organisations=[world.org_a],
        )
    services.agreement_save(
        agreement=agreement,
        by=world.official_same,
        fields={"ends_on": date(2028, 12, 31)},
        organisations=[world.org_a],
        reason="Jatkettiin vuodella.",
    )
    commitment = agreement.commitments.last()
    services.commitment_update(
        commitment=commitment,
        by=world.official_same,
        data=CommitmentInput("Kaksi ryhmää viikossa.", world.org_a, "80 kokoontumista"),
        reason="Toimintaa laajennettiin.",
    )
    agreement.refresh_from_db()
    assert agreement.version == 3
    first, second = agreement.versions.order_by("number")
    assert first.content["ends_on"] == "2027-12-31"
    assert second.content["ends_on"] == "2028-12-31"
    assert second.content["commitments"][1]["description"] == "Viikoittainen olohuoneryhmä."
    assert first.reason == "Jatkettiin vuodella."


# --- Documents ---------------------------------------------------------------


def test_documents_keep_their_versions(world):
    agreement = make_agreement(world)
    first = services.document_add(
        agreement=agreement,
        by=world.official_same,
        upload=pdf_upload(),
        title="Sopimus",
        is_public=True,
    )
    second = services.document_add(
        agreement=agreement, by=world.official_same, upload=pdf_upload(), document=first.document
    )
    assert (first.number, second.number) == (1, 2)
    assert first.file.name != second.file.name
    assert first.document.versions.count() == 2


def test_a_file_that_is_not_a_pdf_is_refused_and_nothing_is_stored(world):
    agreement = make_agreement(world)
    fake = SimpleUploadedFile(
        "sopimus.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"
    )
    with pytest.raises(DomainError, match="not a PDF"):
        services.document_add(
            agreement=agreement, by=world.official_same, upload=fake, title="Sopimus"
        )
    assert not AgreementDocument.objects.exists()
    assert not DocumentVersion.objects.exists()


# --- Follow-up ---------------------------------------------------------------


def test_a_draft_is_not_followed_up(world):
    with pytest.raises(TransitionRefused, match="in force"):
        services.follow_up_open(agreement=make_agreement(world), by=world.official_same)
    assert not FollowUpRound.objects.exists()


def test_follow_up_periods_are_yearly_and_end_with_the_agreement(world, settings):
    settings.AGREEMENT_FOLLOW_UP_DUE_DAYS = 30
    agreement = in_force(world)
    first = services.follow_up_open(agreement=agreement, by=world.official_same)
    second = services.follow_up_open(agreement=agreement, by=world.official_same)
    assert (first.period_start, first.period_end) == (date(2026, 1, 1), date(2026, 12, 31))
    assert first.due_on == date(2027, 1, 30)
    assert (second.period_start, second.period_end) == (date(2027, 1, 1), date(2027, 12, 31))
    with pytest.raises(TransitionRefused, match="Every period"):
        services.follow_up_open(agreement=agreement, by=world.official_same)


def test_each_party_reports_and_the_report_can_be_corrected_until_closed(world):
    agreement = in_force(world)
    round_ = services.follow_up_open(agreement=agreement, by=world.official_same)
    ngo_commitment = agreement.commitments.get(organisation=world.org_a)
    services.follow_up_report(
        round=round_,
        commitment=ngo_commitment,
        by=world.ngo_member,
        fulfilment="partly",
        figure=Decimal("31"),
    )
    services.follow_up_report(
        round=round_,
        commitment=ngo_commitment,
        by=world.ngo_member,
        fulfilment="done",
        figure=Decimal("40"),
    )
    entry = FollowUpEntry.objects.get()
    assert (entry.fulfilment, entry.figure) == ("done", Decimal("40.00"))
    services.follow_up_comment(round=round_, by=world.official_same, text="Hienoa työtä.")
    services.follow_up_close(round=round_, by=world.official_same)
    with pytest.raises(TransitionRefused, match="closed"):
        services.follow_up_report(
            round=round_, commitment=ngo_commitment, by=world.ngo_member, fulfilment="not_done"
        )


def test_a_report_on_another_agreements_commitment_or_a_bad_value_is_refused(world):
    round_ = services.follow_up_open(agreement=in_force(world), by=world.official_same)
    other = in_force(world).commitments.first()
    with pytest.raises(DomainError, match="another agreement"):
        services.follow_up_report(
            round=round_, commitment=other, by=world.official_same, fulfilment="done"
        )
    with pytest.raises(DomainError, match="Choose"):
        services.follow_up_report(
            round=round_,
            commitment=round_.agreement.commitments.first(),
            by=world.official_same,
            fulfilment="maybe",
        )
    assert not FollowUpEntry.objects.exists()


def test_the_beat_job_opens_ended_periods_once(world):
    agreement = in_force(world)
    assert services.follow_ups_open_due(today=date(2026, 12, 31)) == 0  # the period is not over
    assert services.follow_ups_open_due(today=date(2027, 1, 1)) == 1
    assert services.follow_ups_open_due(today=date(2027, 1, 1)) == 0
    assert agreement.follow_ups.count() == 1


def test_a_followed_up_commitment_is_amended_not_removed(world):
    agreement = in_force(world)
    round_ = services.follow_up_open(agreement=agreement, by=world.official_same)
    commitment = agreement.commitments.first()
    services.follow_up_report(
        round=round_, commitment=commitment, by=world.official_same, fulfilment="done"
    )
    with pytest.raises(TransitionRefused, match="amend it"):
        services.commitment_remove(commitment=commitment, by=world.official_same, reason="x")
    assert Commitment.objects.filter(pk=commitment.pk).exists()


# --- A development partnership's yearly report and plan ---------------------


def test_each_development_partnership_owes_a_report_and_plan_each_year_once(world):
    development = in_force(world)
    in_force(world, kind="facility")
    assert services.annual_reports_open_due(today=date(2026, 5, 1)) == 1
    assert services.annual_reports_open_due(today=date(2026, 6, 1)) == 0
    report = development.annual_reports.get()
    assert (report.year, report.due_on) == (2026, date(2027, 1, 31))


def test_the_report_is_a_partys_grant_use_report_or_a_pdf(world):
    from grants import services as grant_services
    from grants.services import LineInput
    from tests.helpers.grants import in_review_for_matrix, make_call

    agreement = in_force(world)
    services.annual_reports_open_due(today=date(2026, 5, 1))
    report = agreement.annual_reports.get()
    use_report = in_review_for_matrix(make_call(), world).use_report
    with pytest.raises(DomainError, match="submitted grant-use report"):
        services.annual_report_submit(report=report, by=world.ngo_admin, grant_report=use_report)
    grant_services.report_save(
        report=use_report,
        by=world.ngo_admin,
        what_was_done="Tehtiin.",
        lines=[LineInput("cost", "Tilavuokra", Decimal("100"))],
    )
    grant_services.report_submit(report=use_report, by=world.ngo_admin)
    use_report.refresh_from_db()
    with pytest.raises(DomainError, match="Choose the grant-use report"):
        services.annual_report_submit(report=report, by=world.ngo_admin)
    services.annual_report_submit(report=report, by=world.ngo_admin, grant_report=use_report)
    report.refresh_from_db()
    assert report.grant_report == use_report
    assert report.received_by == world.ngo_admin


def test_a_pdf_report_is_kept_as_a_confidential_document(world):
    agreement = in_force(world)
    services.annual_reports_open_due(today=date(2026, 5, 1))
    report = agreement.annual_reports.get()
    services.annual_report_submit(report=report, by=world.ngo_admin, upload=pdf_upload())
    report.refresh_from_db()
    assert report.document.title == "Report and plan 2026"
    assert not report.document.is_public


def test_a_long_reason_is_kept_whole_in_the_version_and_shortened_in_the_trail(world):
    agreement = in_force(world)
    reason = "Perustelu. " * 150  # 1,650 characters: the form allows 2,000
    services.agreement_save(
        agreement=agreement,
        by=world.official_same,
        fields={"title": "Uusi"},
        organisations=[world.org_a],
        reason=reason,
    )
    assert agreement.versions.get().reason == reason.strip()
    assert len(agreement.events.get(action=AgreementEvent.Action.AMENDED).note) == 500
