"""Every write of the grants app. Each service is one transaction that checks the
move against `Application.MOVES`, records who did what in the audit trail and
sends mail after commit."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation import permissions as core_permissions
from cooperation.errors import Disqualified, DomainError
from cooperation.extensions import NeedResult
from cooperation.lib import once
from cooperation.lib.formats import money
from cooperation.lib.references import save_with_reference
from cooperation.lib.uploads import check_pdf, stored_upload
from cooperation.models import OfficialRole, Organisation, PublicBody, TargetGroup, Theme, User
from cooperation.notices.services import notify
from cooperation.selectors import holders_or_coordinators

from . import appeal, emails
from .budget import LineInput, totals
from .models import (
    ZERO,
    Application,
    ApplicationAttachment,
    ApplicationEvent,
    BudgetLine,
    Criterion,
    Endorsement,
    GrantCall,
    ReportReminder,
    Review,
    Score,
    UseReport,
    UseReportNeedResult,
)

logger = logging.getLogger(__name__)
Status = Application.Status

# The kinds of notice the app sends (registered in grants.apps).
SUBMITTED = "grants.application_submitted"
TO_ENDORSE = "grants.application_to_endorse"
INFO_COMPLETED = "grants.info_completed"
REPORT_SUBMITTED = "grants.report_submitted"
# Mailed to the applicant whatever they chose: the law and the process need them in writing.
DECISION = "grants.decision"
INFO_REQUESTED = "grants.info_requested"


class TransitionRefused(DomainError):
    """The application is not in a state where this can be done."""


class ApplicationIncomplete(DomainError):
    """The application cannot be submitted yet; `problems` lists what is missing."""

    def __init__(self, problems: list[str]):
        super().__init__(_("The application is not complete yet."))
        self.problems = problems


class BudgetExceeded(DomainError):
    """The decision would grant more than is left of the call's budget."""


def _event(application: Application, action: str, *, by: User | None, **extra) -> None:
    ApplicationEvent.objects.create(application=application, action=action, actor=by, **extra)


def _refuse_if_disqualified(application: Application, by: User) -> None:
    """No one decides their own organisation's case. The refusal is kept in the
    application's trail (in a transaction of its own, so it stays when the
    step is refused), and the case stays on the other officials' desks."""
    if core_permissions.disqualified_from(by, application.organisation_id):
        organisation = Organisation.objects.get(pk=application.organisation_id)
        _event(
            application, ApplicationEvent.Action.DISQUALIFIED, by=by, note=organisation.name[:500]
        )
        raise Disqualified(organisation.name)


def _locked(application: Application) -> Application:
    """The application's row, locked for this transaction and read afresh. Only its
    own row: locking the joined call too would queue every applicant of a call
    behind each other's saves at the deadline."""
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("call")
        .get(pk=application.pk)
    )


def _move(application: Application, status: str, *, by: User | None, note: str = "") -> None:
    if not application.can_move_to(status):
        raise TransitionRefused(
            _("An application that is %(current)s cannot become %(target)s.")
            % {
                "current": application.get_status_display(),
                "target": Status(status).label,
            }
        )
    old = application.status
    application.status = status
    _event(
        application,
        ApplicationEvent.Action.STATUS,
        by=by,
        from_status=old,
        to_status=status,
        note=note[:500],
    )


# --- Drafts ----------------------------------------------------------------


def application_create(
    *,
    call: GrantCall,
    organisation: Organisation,
    by: User,
    title: str,
    now: datetime | None = None,
    form_token: str = "",
) -> Application:
    """A new draft of `organisation` for an open call; one per form sent
    (cooperation.lib.once)."""
    if not call.is_open(now):
        raise TransitionRefused(_("This call is not open for applications."))
    with transaction.atomic():
        once.use(form_token)
        application = Application(
            call=call,
            organisation=organisation,
            title=title.strip()[:200],
            language=by.preferred_language or settings.LANGUAGE_CODE,
            created_by=by,
        )
        save_with_reference(application, prefix="A")
        application.municipalities.add(call.municipality)
        _event(application, ApplicationEvent.Action.CREATED, by=by)
    return application


_ACTIVITY_FIELDS = ("title", "purpose", "language")


def application_save(
    *,
    application: Application,
    by: User,
    fields: dict | None = None,
    target_groups: Iterable[TargetGroup] | None = None,
    themes: Iterable[Theme] | None = None,
    municipalities: Iterable[PublicBody] | None = None,
    needs: Iterable | None = None,
    requested_amount: Decimal | None = None,
    lines: list[LineInput] | None = None,
    other_funding: str | None = None,
) -> Application:
    """Save what the applicant changed in the parts that are open: everything in a
    draft, only the reopened parts when the officer asked for more. The budget
    lines are replaced as a whole. Any member of the organisation may save."""
    with transaction.atomic():
        application = _locked(application)
        if not application.is_editable:
            raise TransitionRefused(_("This application is locked and cannot be changed."))
        changing = {
            Application.Section.ACTIVITY: bool(fields)
            or target_groups is not None
            or themes is not None
            or municipalities is not None
            or needs is not None,
            Application.Section.BUDGET: lines is not None or requested_amount is not None,
            Application.Section.FUNDING: other_funding is not None,
        }
        for section, changed in changing.items():
            if changed and not application.section_is_open(section):
                raise TransitionRefused(
                    _("The part “%(part)s” is not open for changes.")
                    % {"part": Application.Section(section).label}
                )
        for name, value in (fields or {}).items():
            if name not in _ACTIVITY_FIELDS:
                raise ValueError(f"not an activity field: {name}")
            setattr(application, name, value)
        if other_funding is not None:
            application.other_funding = other_funding
        if requested_amount is not None:
            _refuse_above_the_call(application.call, requested_amount)
            application.requested_amount = requested_amount
        application.full_clean(exclude=["call", "organisation", "reference"])
        application.save()
        if target_groups is not None:
            application.target_groups.set(target_groups)
        if themes is not None:
            application.themes.set(themes)
        if municipalities is not None:
            application.municipalities.set(municipalities)
        if needs is not None:
            application.needs.set(needs)
        if lines is not None:
            application.budget_lines.all().delete()
            BudgetLine.objects.bulk_create(
                BudgetLine(
                    application=application,
                    kind=line.kind,
                    description=line.description[:200],
                    amount=line.amount,
                    position=position,
                )
                for position, line in enumerate(lines)
            )
        _event(application, ApplicationEvent.Action.SAVED, by=by)
    return application


def attachment_add(
    *, application: Application, kind: str, upload: UploadedFile, by: User
) -> ApplicationAttachment:
    """Store a PDF attachment after checking that it really is one (content, size,
    no scripts). Nothing is stored when the check fails."""
    checked = check_pdf(upload, max_bytes=settings.GRANT_ATTACHMENT_MAX_BYTES)
    with transaction.atomic():
        application = _locked(application)
        if not application.section_is_open(Application.Section.ATTACHMENTS):
            raise TransitionRefused(_("Attachments of this application cannot be changed now."))
        attachment = ApplicationAttachment(
            application=application,
            kind=kind,
            original_name=(upload.name or "attachment.pdf")[-200:],
            size=len(checked.content),
            sha256=checked.sha256,
            uploaded_by=by,
        )
        with stored_upload(attachment.file, checked, stem="attachment"):
            attachment.save()
            _event(
                application,
                ApplicationEvent.Action.ATTACHED,
                by=by,
                note=attachment.original_name[:500],
            )
    return attachment


def attachment_remove(*, attachment: ApplicationAttachment, by: User) -> None:
    with transaction.atomic():
        application = _locked(attachment.application)
        if not application.section_is_open(Application.Section.ATTACHMENTS):
            raise TransitionRefused(_("Attachments of this application cannot be changed now."))
        name, storage = attachment.file.name, attachment.file.storage
        _event(
            application,
            ApplicationEvent.Action.DETACHED,
            by=by,
            note=attachment.original_name[:500],
        )
        attachment.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))


def _above_the_call(call: GrantCall) -> str:
    if call.max_per_application is not None and call.max_per_application < call.budget:
        return _("The call grants at most %(amount)s per application.") % {
            "amount": money(call.max_per_application)
        }
    return _("The amount applied for exceeds the call's budget (%(amount)s).") % {
        "amount": money(call.budget)
    }


def _refuse_above_the_call(call: GrantCall, amount: Decimal) -> None:
    """No application asks for more than the call can give."""
    if amount > call.largest_request:
        raise DomainError(_above_the_call(call))


# --- Submission ------------------------------------------------------------


def submission_problems(application: Application) -> list[str]:
    """What is still missing before the application can be submitted."""
    problems = []
    if not application.title.strip():
        problems.append(_("Give the project or activity a name."))
    if not application.purpose.strip():
        problems.append(_("Describe the purpose."))
    lines = list(application.budget_lines.all())
    costs, income = totals(lines)
    if costs <= 0:
        problems.append(_("Add at least one cost line to the budget."))
    if application.requested_amount <= 0:
        problems.append(_("Give the amount you apply for."))
    elif application.requested_amount > application.call.largest_request:
        problems.append(_above_the_call(application.call))
    elif application.requested_amount != costs - income:
        problems.append(
            _(
                "The requested amount (%(requested)s) must equal the costs minus the income "
                "of the budget (%(balance)s)."
            )
            % {"requested": money(application.requested_amount), "balance": money(costs - income)}
        )
    attached = {a.kind for a in application.attachments.all()}
    problems.extend(
        _("Attach the %(kind)s (PDF).") % {"kind": label}
        for kind, label in zip(
            application.call.required_attachments,
            application.call.required_attachment_labels(),
            strict=False,
        )
        if kind not in attached
    )
    return problems


def application_submit(
    *, application: Application, by: User, now: datetime | None = None
) -> Application:
    """Submit a draft before the deadline, or send back the parts the officer
    reopened. The application is locked afterwards; the applicant gets a receipt."""
    now = now or timezone.now()
    with transaction.atomic():
        application = _locked(application)
        first_time = application.status == Status.DRAFT
        if first_time and not application.call.is_open(now):
            raise TransitionRefused(
                _("The call closed on %(closed)s; applications can no longer be submitted.")
                % {
                    "closed": date_format(
                        timezone.localtime(application.call.closes_at), "j.n.Y H.i"
                    )
                }
            )
        # Only the applicant's own states: a "not endorsed" goes back to the
        # network only through application_endorsement_reopen.
        if application.status not in (Status.DRAFT, Status.INFO_REQUESTED):
            raise TransitionRefused(_("This application has already been submitted."))
        problems = submission_problems(application)
        if problems:
            raise ApplicationIncomplete(problems)
        _move(application, Status.SUBMITTED, by=by)
        application.reopened_sections = []
        application.submitted_by = by
        if first_time:
            application.submitted_at = now
            application.organisation_size = application.organisation.size
        application.save()
        _tell_whose_turn(application, first_time=first_time, now=now)
    transaction.on_commit(lambda: emails.send_receipt(application=application, by=by))
    return application


def _officers(application: Application) -> list[User]:
    """The call's grant officers: the municipality's, or while it has none, the
    region's coordinators (who see the gap on their desk)."""
    return holders_or_coordinators(
        OfficialRole.Role.GRANT_OFFICER, application.call.municipality_id
    )


def _tell_officers(
    application: Application, *, kind: str, key: str, subject, url: str = ""
) -> None:
    """A notice to the call's officers naming the application and its organisation."""
    notify(
        kind=kind,
        key=key,
        users=_officers(application),
        subject=subject,
        params={"reference": application.reference, "organisation": application.organisation.name},
        url=url or reverse("grants:application_detail", args=[application.pk]),
    )


def _tell_whose_turn(application: Application, *, first_time: bool, now: datetime) -> None:
    """A new application goes to the network when the call asks for its
    endorsement, otherwise to the officers; an answered request for more
    information goes to the officers."""
    url = reverse("grants:application_detail", args=[application.pk])
    params = {"reference": application.reference, "organisation": application.organisation.name}
    if not first_time:
        _tell_officers(
            application,
            kind=INFO_COMPLETED,
            key=f"resubmitted:{application.pk}:{now.isoformat()}",
            subject=gettext_lazy(
                "Application %(reference)s: %(organisation)s sent what you asked for"
            ),
        )
    elif application.call.requires_endorsement and application.call.network is not None:
        notify(
            kind=TO_ENDORSE,
            key=f"submitted:{application.pk}",
            users=application.call.network.members.all(),
            subject=gettext_lazy(
                "Application %(reference)s of %(organisation)s waits for the network's endorsement"
            ),
            params=params,
            url=url,
        )
    else:
        _tell_officers(
            application,
            kind=SUBMITTED,
            key=f"submitted:{application.pk}",
            subject=gettext_lazy("New application %(reference)s from %(organisation)s"),
        )


def application_withdraw(*, application: Application, by: User) -> Application:
    with transaction.atomic():
        application = _locked(application)
        _move(application, Status.WITHDRAWN, by=by)
        application.save(update_fields=["status", "updated_at"])
    return application


# --- The city's handling ---------------------------------------------------


def application_request_info(
    *, application: Application, by: User, sections: Iterable[str], message: str
) -> Application:
    """Ask the applicant for more: reopens the chosen parts until they send again."""
    sections = [s for s in Application.Section.values if s in set(sections)]
    if not sections:
        raise DomainError(_("Choose at least one part to reopen."))
    if not message.strip():
        raise DomainError(_("Write what you need from the applicant."))
    _refuse_if_disqualified(application, by)
    with transaction.atomic():
        application = _locked(application)
        _move(application, Status.INFO_REQUESTED, by=by, note=message)
        application.reopened_sections = sections
        application.info_request = message.strip()[:2000]
        application.save()
    transaction.on_commit(lambda: emails.send_info_request(application=application))
    return application


def application_endorse(
    *, application: Application, by: User, endorse: bool, note: str = ""
) -> Application:
    """One network member's statement. The application is endorsed when as many
    members as the network needs have endorsed it, and not endorsed when as many
    have found against it (with grounds); until then it waits for more. A member
    of the applying organisation may not give one (conflict of interest: refused
    and kept in the trail)."""
    _refuse_if_disqualified(application, by)
    note = note.strip()[:2000]
    if not endorse and not note:
        raise DomainError(_("Write the grounds for not endorsing the application."))
    with transaction.atomic():
        application = _locked(application)
        call = application.call
        if not call.requires_endorsement or call.network is None:
            raise TransitionRefused(_("This call does not ask for network endorsement."))
        if application.status != Status.SUBMITTED:
            raise TransitionRefused(_("The network's statement has already been recorded."))
        if Endorsement.objects.filter(application=application, member=by).exists():
            raise DomainError(_("You have already given your statement on this application."))
        Endorsement.objects.create(application=application, member=by, endorse=endorse, note=note)
        _event(
            application,
            ApplicationEvent.Action.ENDORSED_BY_MEMBER
            if endorse
            else ApplicationEvent.Action.NOT_ENDORSED_BY_MEMBER,
            by=by,
            note=note[:500],
        )
        statements = list(
            Endorsement.objects.filter(application=application).values_list("endorse", flat=True)
        )
        needed = call.network.endorsements_needed
        if statements.count(True) >= needed:
            _move(application, Status.ENDORSED, by=by, note=note)
            application.endorsement_note = note
            application.endorsed_at = timezone.now()
            application.endorsed_by = by
            application.save()
            _tell_officers(
                application,
                kind=SUBMITTED,
                key=f"endorsed:{application.pk}:{application.endorsed_at.isoformat()}",
                subject=gettext_lazy(
                    "Application %(reference)s of %(organisation)s was endorsed by the network"
                ),
            )
        elif statements.count(False) >= needed:
            _move(application, Status.NOT_ENDORSED, by=by, note=note)
            application.endorsement_note = note
            application.save()
    return application


def application_endorsement_reopen(
    *, application: Application, by: User, reason: str
) -> Application:
    """The network takes a "not endorsed" up again, with its reason: the
    statements start over (the trail keeps the earlier ones) and the members are
    told that it waits for them again."""
    _refuse_if_disqualified(application, by)
    reason = reason.strip()[:2000]
    if not reason:
        raise DomainError(_("Write why the network takes the application up again."))
    with transaction.atomic():
        application = _locked(application)
        if application.status != Status.NOT_ENDORSED:
            raise TransitionRefused(
                _("Only an application the network did not endorse can be taken up again.")
            )
        _move(application, Status.SUBMITTED, by=by, note=reason)
        application.endorsement_note = ""
        application.save()
        Endorsement.objects.filter(application=application).delete()
        network = application.call.network
        notify(
            kind=TO_ENDORSE,
            key=f"reopened:{application.pk}:{timezone.now().isoformat()}",
            users=network.members.exclude(pk=by.pk) if network else [],
            subject=gettext_lazy(
                "Application %(reference)s of %(organisation)s waits for the network's endorsement"
            ),
            params={
                "reference": application.reference,
                "organisation": application.organisation.name,
            },
            url=reverse("grants:application_detail", args=[application.pk]),
        )
    return application


def application_screen(
    *, application: Application, by: User, eligible: bool, note: str = ""
) -> Application:
    """The officer's first check: on to review, or not eligible. An application the
    network has not endorsed is not processed when the call requires it."""
    _refuse_if_disqualified(application, by)
    with transaction.atomic():
        application = _locked(application)
        if application.call.requires_endorsement and application.endorsed_at is None:
            raise TransitionRefused(
                _("The network has not endorsed this application; the city does not process it.")
            )
        _move(application, Status.IN_REVIEW if eligible else Status.INELIGIBLE, by=by, note=note)
        application.save()
    if not eligible:
        transaction.on_commit(lambda: emails.send_decision(application=application))
    return application


@transaction.atomic
def reviewer_join(*, call: GrantCall, user: User) -> None:
    """A grant officer adds themselves to the call's reviewers (the view checks
    that the call allows it)."""
    call.reviewers.add(user)
    logger.info("user %s joined the reviewers of call %s", user.pk, call.pk)


def review_save(
    *,
    application: Application,
    reviewer: User,
    scores: dict[int, tuple[int | None, str]],
    comment: str = "",
    submit: bool = False,
) -> Review:
    """Save a reviewer's scores (0 to 5, None = not applicable) per criterion of the call.
    A submitted review is final. Submitting needs every criterion answered."""
    _refuse_if_disqualified(application, reviewer)
    with transaction.atomic():
        application = _locked(application)
        if application.status != Status.IN_REVIEW:
            raise TransitionRefused(_("The application is not in review."))
        review, _created = Review.objects.select_for_update().get_or_create(
            application=application, reviewer=reviewer
        )
        if review.submitted_at:
            raise TransitionRefused(_("You have already submitted your review."))
        criteria = {c.pk: c for c in Criterion.objects.filter(call_id=application.call_id)}
        for criterion_id, (value, _note) in scores.items():
            if criterion_id not in criteria:
                raise DomainError(_("A criterion does not belong to this call."))
            if value is not None and not 0 <= value <= 5:
                raise DomainError(_("A score is from 0 to 5."))
        if submit and set(scores) != set(criteria):
            raise DomainError(_("Score every criterion, or mark it not applicable."))
        for criterion_id, (value, note) in scores.items():
            Score.objects.update_or_create(
                review=review,
                criterion_id=criterion_id,
                defaults={"value": value, "comment": note.strip()[:1000]},
            )
        review.comment = comment.strip()[:4000]
        if submit:
            review.submitted_at = timezone.now()
            _event(application, ApplicationEvent.Action.REVIEWED, by=reviewer)
        review.save()
    return review


def call_granted_total(call: GrantCall) -> Decimal:
    return (
        Application.objects.filter(call=call, status__in=(Status.GRANTED, Status.PAID)).aggregate(
            total=Sum("granted_amount")
        )["total"]
        or ZERO
    )


def application_decide(
    *,
    application: Application,
    by: User,
    grant: bool,
    amount: Decimal | None = None,
    conditions: str = "",
    reasoning: str = "",
    record: DecisionRecord | None = None,
) -> Application:
    """Grant (possibly less than asked) or reject. The call's row is locked first,
    so two officers deciding at the same moment are serialised and the sum of
    granted amounts never exceeds the budget. `record` says who decided, when
    and under which section; the letter keeps it with the payment terms and
    appeal instructions as they were."""
    if not reasoning.strip():
        raise DomainError(_("Write the reasoning of the decision."))
    record = record or DecisionRecord.by_official(by)
    if not record.decision_maker.strip():
        raise DomainError(_("Name the body or official who makes the decision."))
    _refuse_if_disqualified(application, by)
    with transaction.atomic():
        call = GrantCall.objects.select_for_update().get(pk=application.call_id)
        if not call.decidable():
            raise TransitionRefused(_not_yet_decidable(call))
        application = _locked(application)
        if grant:
            if amount is None or amount <= 0:
                raise DomainError(_("Give the granted amount."))
            if amount > application.requested_amount:
                raise DomainError(_("The granted amount cannot exceed the amount applied for."))
            left = call.budget - call_granted_total(call)
            if amount > left:
                raise BudgetExceeded(
                    _("Only %(left)s of the call's budget is left.") % {"left": money(left)}
                )
        _move(application, Status.GRANTED if grant else Status.REJECTED, by=by)
        application.granted_amount = amount if grant else None
        application.conditions = conditions.strip()[:4000]
        application.reasoning = reasoning.strip()[:4000]
        application.decided_at = timezone.now()
        application.decided_by = by
        application.decision_maker = record.decision_maker.strip()[:200]
        application.decision_maker_title = record.decision_maker_title.strip()[:200]
        application.decision_date = record.decision_date or timezone.localdate()
        application.decision_section = record.decision_section.strip()[:40]
        application.contact_person = record.contact_person.strip()[:300]
        with translation.override(application.language):
            application.payment_terms = (
                (record.payment_terms or call.payment_terms).strip()[:2000] if grant else ""
            )
            application.appeal_instructions = appeal_text(call.municipality)
        application.save()
        _event(
            application,
            ApplicationEvent.Action.DECIDED,
            by=by,
            note=money(amount) if grant else "",
        )
        if grant:
            UseReport.objects.create(application=application, due_date=call.report_due_date)
    transaction.on_commit(lambda: emails.send_decision(application=application))
    return application


@dataclass(frozen=True)
class DecisionRecord:
    """Who makes a decision, when and under which section or number."""

    decision_maker: str
    decision_maker_title: str = ""
    decision_date: date | None = None
    decision_section: str = ""
    contact_person: str = ""
    payment_terms: str = ""

    @classmethod
    def by_official(cls, user: User) -> DecisionRecord:
        title = getattr(getattr(user, "official", None), "title", "") or ""
        name = user.full_name or user.email
        return cls(
            decision_maker=name,
            decision_maker_title=title,
            contact_person=f"{name}, {user.email}",
        )


def _not_yet_decidable(call: GrantCall) -> str:
    closes = date_format(timezone.localtime(call.closes_at), "SHORT_DATETIME_FORMAT")
    return _(
        "An annual call is decided after it closes (%(closes)s), all its applications together."
    ) % {"closes": closes}


def appeal_text(municipality) -> str:
    instructions = appeal.instructions_for(municipality)
    where = _("Where to send a request for review")
    return f"{instructions.text}\n\n{where}:\n{instructions.address}"


def application_mark_paid(*, application: Application, by: User) -> Application:
    _refuse_if_disqualified(application, by)
    with transaction.atomic():
        application = _locked(application)
        _move(application, Status.PAID, by=by)
        application.paid_at = timezone.now()
        application.save()
    return application


def call_publish_decisions(*, call: GrantCall, by: User) -> GrantCall:
    """Publish the call's decisions as a public list (organisation, purpose, amount)."""
    with transaction.atomic():
        call = GrantCall.objects.select_for_update().get(pk=call.pk)
        undecided = call.applications.filter(
            status__in=(Status.SUBMITTED, Status.INFO_REQUESTED, Status.ENDORSED, Status.IN_REVIEW)
        ).exists()
        if undecided:
            raise TransitionRefused(_("Some applications of this call are still undecided."))
        call.decisions_published_at = call.decisions_published_at or timezone.now()
        call.save(update_fields=["decisions_published_at"])
    return call


# --- Grant-use reports -----------------------------------------------------


def report_save(
    *,
    report: UseReport,
    by: User,
    what_was_done: str,
    next_year_plan: str = "",
    lines: list[LineInput] | None = None,
    need_results: list[NeedResult] | None = None,
) -> UseReport:
    """`need_results`: per need the application answers, what was done (None keeps
    them; an empty text removes one)."""
    with transaction.atomic():
        report = UseReport.objects.select_for_update().get(pk=report.pk)
        if report.status not in (UseReport.Status.DRAFT, UseReport.Status.RETURNED):
            raise TransitionRefused(_("This report has been submitted and is locked."))
        if need_results is not None:
            _need_results_write(report, need_results)
        report.what_was_done = what_was_done.strip()[:8000]
        report.next_year_plan = next_year_plan.strip()[:8000]
        report.save()
        if lines is not None:
            report.budget_lines.all().delete()
            BudgetLine.objects.bulk_create(
                BudgetLine(
                    report=report,
                    kind=line.kind,
                    description=line.description[:200],
                    amount=line.amount,
                    position=position,
                )
                for position, line in enumerate(lines)
            )
    return report


def _need_results_write(report: UseReport, results: list[NeedResult]) -> None:
    answered = set(report.application.needs.values_list("pk", flat=True))
    if any(result.need_id not in answered for result in results):
        raise DomainError(_("Report only on the needs the application said it answers."))
    kept = [result for result in results if result.result.strip()]
    report.need_results.exclude(need_id__in=[r.need_id for r in kept]).delete()
    for result in kept:
        UseReportNeedResult.objects.update_or_create(
            report=report,
            need_id=result.need_id,
            defaults={"result": result.result.strip()[:1000], "figure": result.figure},
        )


def report_submit(*, report: UseReport, by: User) -> UseReport:
    with transaction.atomic():
        report = (
            UseReport.objects.select_for_update().select_related("application").get(pk=report.pk)
        )
        if report.status not in (UseReport.Status.DRAFT, UseReport.Status.RETURNED):
            raise TransitionRefused(_("This report has already been submitted."))
        if not report.what_was_done.strip():
            raise ApplicationIncomplete([_("Tell what was done with the grant.")])
        if not report.budget_lines.exists():
            raise ApplicationIncomplete([_("Add the actual costs of how the money was used.")])
        report.status = UseReport.Status.SUBMITTED
        report.submitted_at = timezone.now()
        report.submitted_by = by
        report.save()
        _event(report.application, ApplicationEvent.Action.REPORT, by=by, to_status=report.status)
        _tell_officers(
            report.application,
            kind=REPORT_SUBMITTED,
            key=f"report:{report.pk}:{report.submitted_at.isoformat()}",
            subject=gettext_lazy(
                "Grant-use report of %(organisation)s for %(reference)s to approve"
            ),
            url=reverse("grants:report_detail", args=[report.pk]),
        )
    return report


def report_review(*, report: UseReport, by: User, approve: bool, note: str = "") -> UseReport:
    """The officer approves the report or returns it for changes (with a note)."""
    if not approve and not note.strip():
        raise DomainError(_("Tell the organisation what to change."))
    _refuse_if_disqualified(report.application, by)
    with transaction.atomic():
        report = (
            UseReport.objects.select_for_update().select_related("application").get(pk=report.pk)
        )
        if report.status != UseReport.Status.SUBMITTED:
            raise TransitionRefused(_("Only a submitted report can be approved or returned."))
        report.status = UseReport.Status.APPROVED if approve else UseReport.Status.RETURNED
        report.reviewed_at = timezone.now()
        report.reviewed_by = by
        report.review_note = note.strip()[:2000]
        report.save()
        _event(
            report.application,
            ApplicationEvent.Action.REPORT,
            by=by,
            to_status=report.status,
            note=note[:500],
        )
    transaction.on_commit(lambda: emails.send_report_reviewed(report=report))
    return report


def report_reminders_send(*, today: date | None = None) -> int:
    """Remind organisations of reports that are due soon or overdue.

    Each reminder is first claimed as a `ReportReminder` row (unique per report
    and kind) and marked sent after its mail: running twice sends nothing twice,
    and a crash between claim and send leaves an unsent row the next run sends.
    """
    today = today or timezone.localdate()
    ahead = timedelta(days=settings.GRANT_REPORT_REMINDER_DAYS)
    open_statuses = (UseReport.Status.DRAFT, UseReport.Status.RETURNED)
    due = UseReport.objects.filter(status__in=open_statuses)
    wanted = [
        (ReportReminder.Kind.BEFORE, due.filter(due_date__gte=today, due_date__lte=today + ahead)),
        (ReportReminder.Kind.OVERDUE, due.filter(due_date__lt=today)),
    ]
    for kind, reports in wanted:
        ReportReminder.objects.bulk_create(
            [
                ReportReminder(report_id=pk, kind=kind)
                for pk in reports.exclude(reminders__kind=kind).values_list("pk", flat=True)
            ],
            ignore_conflicts=True,
        )
    sent = 0
    pending = ReportReminder.objects.filter(sent_at__isnull=True, report__status__in=open_statuses)
    for reminder_id in pending.values_list("pk", flat=True):
        with transaction.atomic():
            reminder = (
                ReportReminder.objects.select_for_update(skip_locked=True)
                .filter(pk=reminder_id, sent_at__isnull=True)
                .select_related("report__application__organisation", "report__application__call")
                .first()
            )
            if reminder is None:
                continue
            try:
                emails.send_report_reminder(reminder=reminder)
            except Exception:
                # One failing address must not hold up the others; this one
                # stays unsent and is tried again on the next run.
                logger.exception("report reminder %s could not be sent", reminder.pk)
                continue
            reminder.sent_at = timezone.now()
            reminder.save(update_fields=["sent_at"])
            sent += 1
    return sent
