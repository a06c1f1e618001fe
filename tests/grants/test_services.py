"""The application's life: drafts, submission, the city's handling, decisions."""

import contextlib
import threading
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from cooperation.errors import DomainError
from grants import services
from grants.models import Application, ApplicationEvent, GrantCall, UseReport
from grants.services import (
    ApplicationIncomplete,
    BudgetExceeded,
    LineInput,
    TransitionRefused,
)
from tests.helpers.files import pdf_upload
from tests.helpers.grants import complete_draft, in_review, make_call, submitted
from tests.helpers.grants import decide as decide_after_closing

S = Application.Status

# The state machine as the domain expects it, written out independently of
# Application.MOVES so that a change to either is caught here.
EXPECTED_MOVES = {
    S.DRAFT: {S.SUBMITTED, S.WITHDRAWN},
    S.SUBMITTED: {
        S.INFO_REQUESTED,
        S.ENDORSED,
        S.NOT_ENDORSED,
        S.IN_REVIEW,
        S.INELIGIBLE,
        S.WITHDRAWN,
    },
    S.INFO_REQUESTED: {S.SUBMITTED, S.WITHDRAWN},
    S.ENDORSED: {S.INFO_REQUESTED, S.IN_REVIEW, S.INELIGIBLE},
    S.IN_REVIEW: {S.INFO_REQUESTED, S.GRANTED, S.REJECTED},
    S.GRANTED: {S.PAID},
    S.NOT_ENDORSED: {S.SUBMITTED},  # the network takes it up again
    S.INELIGIBLE: set(),
    S.REJECTED: set(),
    S.PAID: set(),
    S.WITHDRAWN: set(),
}

HELSINKI = ZoneInfo("Europe/Helsinki")


@pytest.mark.parametrize("source", S.values)
@pytest.mark.parametrize("target", S.values)
def test_state_machine_allows_exactly_the_expected_moves(source, target):
    assert Application(status=source).can_move_to(target) == (target in EXPECTED_MOVES[source])


def _services(grants, world):
    officer, admin = grants.officer, world.ngo_admin
    return {
        "submit": (
            lambda a: services.application_submit(application=a, by=admin),
            {S.DRAFT, S.INFO_REQUESTED},
        ),
        "withdraw": (
            lambda a: services.application_withdraw(application=a, by=admin),
            {S.DRAFT, S.SUBMITTED, S.INFO_REQUESTED},
        ),
        "request_info": (
            lambda a: services.application_request_info(
                application=a, by=officer, sections=["budget"], message="Tarkenna budjettia."
            ),
            {S.SUBMITTED, S.ENDORSED, S.IN_REVIEW},
        ),
        "screen": (
            lambda a: services.application_screen(application=a, by=officer, eligible=True),
            {S.SUBMITTED, S.ENDORSED},
        ),
        "reject_in_screening": (
            lambda a: services.application_screen(application=a, by=officer, eligible=False),
            {S.SUBMITTED, S.ENDORSED},
        ),
        "grant": (
            lambda a: decide_after_closing(
                application=a, by=officer, grant=True, amount=Decimal("100"), reasoning="Hyvä."
            ),
            {S.IN_REVIEW},
        ),
        "reject": (
            lambda a: decide_after_closing(
                application=a, by=officer, grant=False, reasoning="Ei rahaa."
            ),
            {S.IN_REVIEW},
        ),
        "pay": (lambda a: services.application_mark_paid(application=a, by=officer), {S.GRANTED}),
    }


SERVICE_NAMES = [
    "submit",
    "withdraw",
    "request_info",
    "screen",
    "reject_in_screening",
    "grant",
    "reject",
    "pay",
]


@pytest.mark.parametrize("name", SERVICE_NAMES)
@pytest.mark.parametrize("status", S.values)
def test_every_service_moves_only_from_its_states(grants, world, name, status):
    application = complete_draft(grants.call, world.org_a, world.ngo_admin)
    # Set up the state directly: this test is about what each service refuses.
    Application.objects.filter(pk=application.pk).update(
        status=status,
        reopened_sections=["budget"],
        granted_amount=Decimal("100") if status in (S.GRANTED, S.PAID) else None,
    )
    application.refresh_from_db()
    call_service, allowed_from = _services(grants, world)[name]
    events_before = application.events.count()
    if status in allowed_from:
        call_service(application)
        assert application.events.count() > events_before
    else:
        with pytest.raises(TransitionRefused):
            call_service(application)
        application.refresh_from_db()
        assert application.status == status
        assert application.events.count() == events_before


def test_a_rejected_application_cannot_be_paid(grants, world):
    application = in_review(grants, world.org_a, world.ngo_admin)
    decide_after_closing(application=application, by=grants.officer, grant=False, reasoning="Ei.")
    with pytest.raises(TransitionRefused, match="cannot become"):
        services.application_mark_paid(application=application, by=grants.officer)


# --- Drafts and submission -------------------------------------------------


def test_any_member_continues_a_draft_and_every_save_is_in_the_trail(grants, world):
    application = services.application_create(
        call=grants.call, organisation=world.org_a, by=world.ngo_admin, title="Kerho"
    )
    services.application_save(
        application=application, by=world.ngo_member, fields={"purpose": "Nuorille."}
    )
    application.refresh_from_db()
    assert application.purpose == "Nuorille."
    assert list(application.events.values_list("action", "actor")) == [
        ("created", world.ngo_admin.pk),
        ("saved", world.ngo_member.pk),
    ]


def test_budget_lines_are_replaced_as_a_whole(grants, world):
    application = complete_draft(grants.call, world.org_a, world.ngo_admin)
    services.application_save(
        application=application,
        by=world.ngo_admin,
        lines=[LineInput("cost", "Ohjaaja", Decimal("10"))],
    )
    assert list(application.budget_lines.values_list("description", flat=True)) == ["Ohjaaja"]


def test_a_complete_draft_is_submitted_locked_and_receipted_with_its_pdf(
    grants, world, django_capture_on_commit_callbacks
):
    application = complete_draft(grants.call, world.org_a, world.ngo_admin)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=application, by=world.ngo_admin)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert application.submitted_at is not None
    assert not application.is_editable
    with pytest.raises(TransitionRefused, match="locked"):
        services.application_save(
            application=application, by=world.ngo_admin, fields={"title": "X"}
        )
    # The receipt to the applicant; the officers' notice is tested in test_notices.
    (message,) = [m for m in mail.outbox if m.to == [world.ngo_admin.email]]
    assert application.reference in message.subject
    (_name, content, mimetype) = message.attachments[0]
    assert mimetype == "application/pdf"
    assert content.startswith(b"%PDF-")


def test_no_mail_leaves_when_the_submission_is_rolled_back(
    grants, world, django_capture_on_commit_callbacks
):
    application = complete_draft(grants.call, world.org_a, world.ngo_admin)
    application.budget_lines.all().delete()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ApplicationIncomplete):
        services.application_submit(application=application, by=world.ngo_admin)
    assert mail.outbox == []
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_submission_after_the_deadline_is_refused_with_the_closing_time(grants, world):
    application = complete_draft(grants.call, world.org_a, world.ngo_admin)
    grants.call.closes_at = datetime(2026, 3, 2, 16, 0, tzinfo=HELSINKI)
    grants.call.opens_at = grants.call.closes_at - timedelta(days=30)
    grants.call.save()
    later = grants.call.closes_at + timedelta(seconds=1)
    # Finnish format in Helsinki time, whatever the server's zone.
    with pytest.raises(TransitionRefused, match=r"closed on 2\.3\.2026 16\.00;"):
        services.application_submit(application=application, by=world.ngo_admin, now=later)
    application.refresh_from_db()
    assert application.status == S.DRAFT
    assert application.submitted_at is None


def test_submission_one_second_before_the_deadline_is_accepted(grants, world):
    application = complete_draft(grants.call, world.org_a, world.ngo_admin)
    just_in_time = grants.call.closes_at - timedelta(seconds=1)
    services.application_submit(application=application, by=world.ngo_admin, now=just_in_time)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_a_draft_cannot_be_started_for_a_closed_or_unpublished_call(world):
    closed = make_call(
        opens_at=timezone.now() - timedelta(days=60), closes_at=timezone.now() - timedelta(days=1)
    )
    hidden = make_call(is_published=False)
    for call in (closed, hidden):
        with pytest.raises(TransitionRefused, match="not open"):
            services.application_create(
                call=call, organisation=world.org_a, by=world.ngo_admin, title="X"
            )
    assert not Application.objects.exists()


def test_requested_amount_must_equal_costs_minus_income(grants, world):
    application = complete_draft(grants.call, world.org_a, world.ngo_admin)
    services.application_save(
        application=application, by=world.ngo_admin, requested_amount=Decimal("2999.99")
    )
    with pytest.raises(ApplicationIncomplete) as refused:
        services.application_submit(application=application, by=world.ngo_admin)
    (problem,) = refused.value.problems
    assert "2\xa0999,99\xa0€" in problem  # money in Finnish form, not "2999.99 €"
    assert "3\xa0000,00\xa0€" in problem


def test_missing_required_attachment_is_named(grants, world):
    application = complete_draft(grants.call, world.org_a, world.ngo_admin)
    for attachment in application.attachments.all():
        services.attachment_remove(attachment=attachment, by=world.ngo_admin)
    with pytest.raises(ApplicationIncomplete) as refused:
        services.application_submit(application=application, by=world.ngo_admin)
    assert refused.value.problems == ["Attach the action plan (PDF)."]


def test_an_attachment_that_is_not_a_pdf_is_refused_and_nothing_is_stored(grants, world, settings):
    application = services.application_create(
        call=grants.call, organisation=world.org_a, by=world.ngo_admin, title="Kerho"
    )
    disguised = pdf_upload("liite.pdf", b"<html><script>alert(1)</script></html>")
    with pytest.raises(DomainError, match="not a PDF"):
        services.attachment_add(
            application=application, kind="action_plan", upload=disguised, by=world.ngo_admin
        )
    assert not application.attachments.exists()
    uploads = settings.MEDIA_ROOT
    assert not uploads.exists() or not any(p.is_file() for p in uploads.rglob("*"))


def test_stored_attachment_name_never_comes_from_the_upload(grants, world):
    application = services.application_create(
        call=grants.call, organisation=world.org_a, by=world.ngo_admin, title="Kerho"
    )
    attachment = services.attachment_add(
        application=application,
        kind="action_plan",
        upload=pdf_upload("../../etc/passwd.pdf"),
        by=world.ngo_admin,
    )
    assert attachment.original_name == "passwd.pdf"  # Django keeps only the base name
    assert attachment.file.name.startswith(f"grants/{application.pk}/")
    assert "passwd" not in attachment.file.name


# --- Asking for more -------------------------------------------------------


def test_asking_for_more_reopens_only_the_chosen_parts(
    grants, world, django_capture_on_commit_callbacks
):
    application = submitted(grants.call, world.org_a, world.ngo_admin)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_request_info(
            application=application,
            by=grants.officer,
            sections=["budget"],
            message="Erittele kulut.",
        )
    assert "Erittele kulut." in mail.outbox[0].body
    application.refresh_from_db()
    services.application_save(
        application=application,
        by=world.ngo_member,
        lines=[
            LineInput("cost", "Vuokra", Decimal("2000")),
            LineInput("cost", "Ohjaaja", Decimal("1500")),
            LineInput("income", "Maksut", Decimal("500")),
        ],
    )
    with pytest.raises(TransitionRefused, match="not open for changes"):
        services.application_save(
            application=application, by=world.ngo_member, fields={"title": "Uusi"}
        )
    # After the deadline too: the officer asked.
    later = grants.call.closes_at + timedelta(days=3)
    services.application_submit(application=application, by=world.ngo_admin, now=later)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert application.reopened_sections == []
    assert application.title == "Olohuonetoiminta"


def test_asking_for_more_needs_a_part_and_a_message(grants, world):
    application = submitted(grants.call, world.org_a, world.ngo_admin)
    with pytest.raises(DomainError):
        services.application_request_info(
            application=application, by=grants.officer, sections=[], message="X"
        )
    with pytest.raises(DomainError):
        services.application_request_info(
            application=application, by=grants.officer, sections=["budget"], message="  "
        )
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


# --- Network endorsement ---------------------------------------------------


def test_the_city_does_not_process_an_application_the_network_has_not_endorsed(grants, world):
    call = make_call(requires_endorsement=True, network=grants.network)
    application = submitted(call, world.org_a, world.ngo_admin)
    with pytest.raises(TransitionRefused, match="not endorsed"):
        services.application_screen(application=application, by=grants.officer, eligible=True)
    services.application_endorse(
        application=application,
        by=grants.network_member,
        endorse=True,
        note="Tukee alueen tarpeita.",
    )
    services.application_screen(application=application, by=grants.officer, eligible=True)
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW
    assert application.endorsed_by == grants.network_member


def test_a_network_that_declines_ends_the_application(grants, world):
    call = make_call(requires_endorsement=True, network=grants.network)
    application = submitted(call, world.org_a, world.ngo_admin)
    services.application_endorse(
        application=application, by=grants.network_member, endorse=False, note="Ei."
    )
    with pytest.raises(TransitionRefused):
        services.application_screen(application=application, by=grants.officer, eligible=True)


def test_endorsement_is_refused_for_a_call_without_it(grants, world):
    application = submitted(grants.call, world.org_a, world.ngo_admin)
    with pytest.raises(TransitionRefused, match="does not ask"):
        services.application_endorse(
            application=application, by=grants.network_member, endorse=True
        )


# --- Reviews ---------------------------------------------------------------


def test_a_review_scores_every_criterion_and_is_final_once_submitted(grants, world):
    application = in_review(grants, world.org_a, world.ngo_admin)
    first, second = grants.call.criteria.all()
    with pytest.raises(DomainError, match="every criterion"):
        services.review_save(
            application=application,
            reviewer=grants.reviewer,
            scores={first.pk: (4, "")},
            submit=True,
        )
    review = services.review_save(
        application=application,
        reviewer=grants.reviewer,
        scores={first.pk: (4, "Selkeä"), second.pk: (None, "Ei koske")},
        submit=True,
    )
    assert review.submitted_at is not None
    assert dict(review.scores.values_list("criterion_id", "value")) == {
        first.pk: 4,
        second.pk: None,
    }
    with pytest.raises(TransitionRefused, match="already submitted"):
        services.review_save(
            application=application, reviewer=grants.reviewer, scores={first.pk: (0, "")}
        )


@pytest.mark.parametrize("value", [-1, 6])
def test_a_score_outside_zero_to_five_is_refused(grants, world, value):
    application = in_review(grants, world.org_a, world.ngo_admin)
    first = grants.call.criteria.first()
    with pytest.raises(DomainError, match="0 to 5"):
        services.review_save(
            application=application, reviewer=grants.reviewer, scores={first.pk: (value, "")}
        )
    assert not application.reviews.exists()


def test_a_criterion_of_another_call_is_refused(grants, world):
    application = in_review(grants, world.org_a, world.ngo_admin)
    foreign = make_call().criteria.first()
    with pytest.raises(DomainError, match="does not belong"):
        services.review_save(
            application=application, reviewer=grants.reviewer, scores={foreign.pk: (3, "")}
        )


# --- Decisions -------------------------------------------------------------


def test_granting_less_than_asked_records_the_decision_and_opens_the_report(
    grants, world, django_capture_on_commit_callbacks
):
    application = in_review(grants, world.org_a, world.ngo_admin)
    with django_capture_on_commit_callbacks(execute=True):
        decide_after_closing(
            application=application,
            by=grants.officer,
            grant=True,
            amount=Decimal("2500.00"),
            conditions="Raportti tammikuussa.",
            reasoning="Hyvä hanke, osittain.",
        )
    application.refresh_from_db()
    assert (application.status, application.granted_amount) == (S.GRANTED, Decimal("2500.00"))
    report = UseReport.objects.get(application=application)
    closes = timezone.localtime(grants.call.closes_at)
    assert report.due_date == date(closes.year + 1, 1, 31)
    decision_mail = mail.outbox[-1]
    assert decision_mail.attachments[0][0] == f"decision-{application.reference}.pdf"
    assert ("decided", grants.officer.pk) in application.events.values_list("action", "actor")


def test_the_call_sets_the_report_due_date_when_it_names_one(grants, world):
    GrantCall.objects.filter(pk=grants.call.pk).update(report_due=date(2027, 3, 15))
    grants.call.refresh_from_db()
    application = in_review(grants, world.org_a, world.ngo_admin)
    decide_after_closing(
        application=application, by=grants.officer, grant=True, amount=Decimal("1"), reasoning="Ok."
    )
    assert application.use_report.due_date == date(2027, 3, 15)


def test_more_than_asked_or_more_than_the_budget_is_refused(grants, world):
    first = in_review(grants, world.org_a, world.ngo_admin, requested="6000.00")
    second = in_review(grants, world.org_b, world.other_member, requested="6000.00")
    with pytest.raises(DomainError, match="cannot exceed the amount applied for"):
        decide_after_closing(
            application=first,
            by=grants.officer,
            grant=True,
            amount=Decimal("6000.01"),
            reasoning="X",
        )
    decide_after_closing(
        application=first, by=grants.officer, grant=True, amount=Decimal("6000.00"), reasoning="X"
    )
    with pytest.raises(BudgetExceeded, match="4\xa0000,00\xa0€"):
        decide_after_closing(
            application=second,
            by=grants.officer,
            grant=True,
            amount=Decimal("4000.01"),
            reasoning="X",
        )
    second.refresh_from_db()
    assert second.status == S.IN_REVIEW
    assert second.granted_amount is None
    assert not UseReport.objects.filter(application=second).exists()
    decide_after_closing(
        application=second, by=grants.officer, grant=True, amount=Decimal("4000.00"), reasoning="X"
    )
    assert services.call_granted_total(grants.call) == grants.call.budget


def test_a_decision_needs_its_reasoning(grants, world):
    application = in_review(grants, world.org_a, world.ngo_admin)
    with pytest.raises(DomainError, match="reasoning"):
        decide_after_closing(application=application, by=grants.officer, grant=False, reasoning=" ")
    assert not application.events.filter(action=ApplicationEvent.Action.DECIDED).exists()


@pytest.mark.django_db(transaction=True)
def test_two_officers_deciding_at_the_same_moment_never_overdraw_the_budget(
    grants, world, monkeypatch
):
    first = in_review(grants, world.org_a, world.ngo_admin, requested="6000.00")
    second = in_review(grants, world.org_b, world.other_member, requested="6000.00")
    barrier = threading.Barrier(2)
    outcomes = {}
    # Widen the race: after reading what is already granted, each decision waits
    # (up to 2 s) for the other to have read it too. Without the lock on the
    # call both would read 0 € and both would grant; with it the second cannot
    # read until the first has committed, the wait times out and it reads 6000 €.
    both_read = threading.Barrier(2)
    granted_total = services.call_granted_total

    def racing_total(call):
        total = granted_total(call)
        with contextlib.suppress(threading.BrokenBarrierError):
            both_read.wait(timeout=2)
        return total

    monkeypatch.setattr(services, "call_granted_total", racing_total)

    def decide(application):
        try:
            barrier.wait(timeout=10)
            decide_after_closing(
                application=application,
                by=grants.officer,
                grant=True,
                amount=Decimal("6000.00"),
                reasoning="Samaan aikaan.",
            )
            outcomes[application.pk] = "granted"
        except BudgetExceeded:
            outcomes[application.pk] = "refused"
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(a,)) for a in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes.values()) == ["granted", "refused"]
    assert granted_total(grants.call) == Decimal("6000.00")
    assert Application.objects.filter(status=S.GRANTED).count() == 1


def test_decisions_are_published_only_when_every_application_is_decided(grants, world):
    first = in_review(grants, world.org_a, world.ngo_admin)
    with pytest.raises(TransitionRefused, match="undecided"):
        services.call_publish_decisions(call=grants.call, by=grants.officer)
    decide_after_closing(application=first, by=grants.officer, grant=False, reasoning="Ei.")
    call = services.call_publish_decisions(call=grants.call, by=grants.officer)
    assert call.decisions_published_at is not None


# --- Asking for more than the call has -------------------------------------------


def test_an_application_may_not_ask_for_more_than_the_calls_budget(grants, world):

    application = complete_draft(grants.call, world.org_a, world.ngo_admin)
    with pytest.raises(DomainError, match="exceeds the call's budget") as refused:
        services.application_save(
            application=application, by=world.ngo_admin, requested_amount=Decimal("9999999999.99")
        )
    assert "10\xa0000,00\xa0€" in refused.value.message
    application.refresh_from_db()
    assert application.requested_amount == Decimal("3000.00")


def test_a_calls_largest_grant_per_application_is_kept(grants, world):

    call = grants.call
    application = complete_draft(call, world.org_a, world.ngo_admin)  # 3 000 €
    call.max_per_application = Decimal("2000.00")
    call.save()
    # A draft saved before the limit was set cannot be sent as it is.
    assert (
        "The call grants at most 2\xa0000,00\xa0€ per application."
        in services.submission_problems(application)
    )
    with pytest.raises(services.ApplicationIncomplete) as incomplete:
        services.application_submit(application=application, by=world.ngo_admin)
    assert any("at most 2" in problem for problem in incomplete.value.problems)
    with pytest.raises(DomainError, match="at most 2"):
        services.application_save(
            application=application, by=world.ngo_admin, requested_amount=Decimal("2500.00")
        )
