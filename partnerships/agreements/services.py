"""Every write of the agreements register: one transaction each, an event in the
audit trail, mail after commit. Views and the admin call these, never .save()."""

from __future__ import annotations

import calendar
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.errors import DomainError
from cooperation.extensions import NeedResult
from cooperation.lib.references import save_with_reference
from cooperation.lib.uploads import check_pdf, stored_upload
from cooperation.models import Organisation, User

from . import emails
from .models import (
    Agreement,
    AgreementDocument,
    AgreementEvent,
    AgreementVersion,
    AnnualReport,
    Commitment,
    DocumentVersion,
    FollowUpComment,
    FollowUpEntry,
    FollowUpNeedResult,
    FollowUpRound,
    Notice,
)

logger = logging.getLogger(__name__)
Status = Agreement.Status

# Fields an agreement's form writes; the rest move only through the services below.
AGREEMENT_FIELDS = (
    "kind",
    "unit",
    "title",
    "purpose",
    "summary_fi",
    "summary_sv",
    "summary_en",
    "starts_on",
    "ends_on",
    "responsible",
    "premises",
    "free_of_charge",
    "free_of_charge_reason",
    "funder",
    "funder_statement",
    "follow_up_months",
)


class TransitionRefused(DomainError):
    """The agreement is not in a state where this can be done."""


@dataclass(frozen=True)
class CommitmentInput:
    description: str
    organisation: Organisation | None = None  # None: the municipality
    measure: str = ""
    indicator: str = ""
    target: Decimal | None = None


def _event(agreement: Agreement, action: str, *, by: User | None, note: str = "", **extra) -> None:
    # The trail keeps the start of a long note (an amendment's reason is kept whole
    # in its version).
    AgreementEvent.objects.create(
        agreement=agreement, action=action, actor=by, note=note[:500], **extra
    )


def _locked(agreement: Agreement) -> Agreement:
    return Agreement.objects.select_for_update().get(pk=agreement.pk)


def _move(agreement: Agreement, status: str, *, by: User | None, note: str = "") -> None:
    if not agreement.can_move_to(status):
        raise TransitionRefused(
            _("An agreement that is %(current)s cannot become %(target)s.")
            % {"current": agreement.get_status_display(), "target": Status(status).label}
        )
    old = agreement.status
    agreement.status = status
    _event(
        agreement, AgreementEvent.Action.STATUS, by=by, from_status=old, to_status=status, note=note
    )


def _check(agreement: Agreement, organisations: list[Organisation]) -> None:
    """The rules of a complete agreement, with a message a person can act on."""
    if not organisations:
        raise DomainError(_("Name at least one organisation as a party."))
    if agreement.ends_on and agreement.ends_on < agreement.starts_on:
        raise DomainError(_("The agreement cannot end before it starts."))
    if agreement.kind == Agreement.Kind.FACILITY and not agreement.premises.strip():
        raise DomainError(_("Name the premises of the facility partnership."))
    if agreement.free_of_charge and not agreement.free_of_charge_reason.strip():
        raise DomainError(_("Say why the premises are free of charge."))
    if agreement.funder and agreement.kind != Agreement.Kind.PROJECT:
        raise DomainError(_("Only a project agreement can depend on an outside funder."))


def _snapshot(agreement: Agreement) -> dict:
    """The agreement as it reads now: kept when it is amended."""
    content = {field: agreement.serializable_value(field) for field in AGREEMENT_FIELDS}
    for key in ("starts_on", "ends_on"):
        content[key] = content[key].isoformat() if content[key] else None
    content["status"] = agreement.status
    content["organisations"] = [o.name for o in agreement.organisations.order_by("name")]
    content["spaces"] = [str(space) for space in agreement.spaces.order_by("name")]
    content["needs"] = [need.title_fi for need in agreement.needs.order_by("title_fi")]
    content["commitments"] = [
        {
            "party": c.organisation.name if c.organisation else "",
            "description": c.description,
            "measure": c.measure,
            "indicator": c.indicator,
            "target": str(c.target) if c.target is not None else None,
        }
        for c in agreement.commitments.select_related("organisation")
    ]
    return content


def _amend(agreement: Agreement, *, by: User, reason: str) -> None:
    """Keep the agreement's current text before a change to one in force."""
    if not reason.strip():
        raise DomainError(_("An agreement in force is amended: say why it is changed."))
    AgreementVersion.objects.create(
        agreement=agreement,
        number=agreement.version,
        content=_snapshot(agreement),
        reason=reason.strip(),
        amended_by=by,
    )
    agreement.version += 1
    _event(agreement, AgreementEvent.Action.AMENDED, by=by, note=reason.strip())


def _editable(agreement: Agreement) -> bool:
    return agreement.status in (Status.DRAFT, Status.AWAITING_FUNDER, Status.IN_FORCE)


# --- The register ----------------------------------------------------------


def agreement_create(
    *,
    by: User,
    municipality,
    fields: dict,
    organisations: Iterable[Organisation],
    themes: Iterable = (),
    commitments: Iterable[CommitmentInput] = (),
    spaces: Iterable = (),
    needs: Iterable = (),
) -> Agreement:
    """A new agreement, as a draft."""
    organisations = list(organisations)
    spaces = list(spaces)
    agreement = Agreement(
        municipality=municipality,
        created_by=by,
        **{key: value for key, value in fields.items() if key in AGREEMENT_FIELDS},
    )
    _check(agreement, organisations)
    _check_spaces(agreement, spaces)
    with transaction.atomic():
        save_with_reference(agreement, prefix="K")
        agreement.organisations.set(organisations)
        agreement.themes.set(list(themes))
        agreement.spaces.set(spaces)
        agreement.needs.set(list(needs))
        for position, commitment in enumerate(commitments, start=1):
            _commitment_write(agreement, commitment, position=position)
        _event(agreement, AgreementEvent.Action.CREATED, by=by)
    return agreement


def agreement_save(
    *,
    agreement: Agreement,
    by: User,
    fields: dict,
    organisations: Iterable[Organisation],
    themes: Iterable = (),
    reason: str = "",
    spaces: Iterable | None = None,
    needs: Iterable | None = None,
) -> Agreement:
    """Change an agreement. A draft changes freely; one in force is amended: its
    earlier text is kept as a version and the reason recorded. `spaces` or `needs`
    None keeps them as they are."""
    organisations = list(organisations)
    with transaction.atomic():
        agreement = _locked(agreement)
        if not _editable(agreement):
            raise TransitionRefused(_("An agreement that has ended can no longer be changed."))
        if agreement.status == Status.IN_FORCE:
            _amend(agreement, by=by, reason=reason)
        else:
            _event(agreement, AgreementEvent.Action.CHANGED, by=by)
        for key, value in fields.items():
            if key in AGREEMENT_FIELDS:
                setattr(agreement, key, value)
        _check(agreement, organisations)
        if spaces is not None:
            spaces = list(spaces)
            _check_spaces(agreement, spaces)
            agreement.spaces.set(spaces)
        elif agreement.kind != Agreement.Kind.FACILITY:
            agreement.spaces.clear()
        agreement.save()
        agreement.organisations.set(organisations)
        agreement.themes.set(list(themes))
        if needs is not None:
            agreement.needs.set(list(needs))
    return agreement


def _check_spaces(agreement: Agreement, spaces: list) -> None:
    """Only a facility partnership covers bookable spaces, and only its own
    municipality's."""
    if not spaces:
        return
    if agreement.kind != Agreement.Kind.FACILITY:
        raise TransitionRefused(_("Only a facility partnership covers bookable spaces."))
    if any(space.municipality_id != agreement.municipality_id for space in spaces):
        raise TransitionRefused(_("The spaces must be the agreement's municipality's."))


def _commitment_write(
    agreement: Agreement, data: CommitmentInput, *, position: int, commitment=None
) -> Commitment:
    if not data.description.strip():
        raise DomainError(_("Write what the party commits to."))
    if (
        data.organisation is not None
        and not agreement.organisations.filter(pk=data.organisation.pk).exists()
    ):
        raise DomainError(
            _("A commitment belongs to the municipality or to a party of the agreement.")
        )
    commitment = commitment or Commitment(agreement=agreement, position=position)
    commitment.organisation = data.organisation
    commitment.description = data.description.strip()
    commitment.measure = data.measure.strip()
    commitment.indicator = data.indicator
    commitment.target = data.target
    commitment.save()
    return commitment


def commitment_add(
    *, agreement: Agreement, by: User, data: CommitmentInput, reason: str = ""
) -> Commitment:
    with transaction.atomic():
        agreement = _locked(agreement)
        if not _editable(agreement):
            raise TransitionRefused(_("An agreement that has ended can no longer be changed."))
        if agreement.status == Status.IN_FORCE:
            _amend(agreement, by=by, reason=reason)
            agreement.save(update_fields=["version", "updated_at"])
        position = agreement.commitments.count() + 1
        return _commitment_write(agreement, data, position=position)


def commitment_update(
    *, commitment: Commitment, by: User, data: CommitmentInput, reason: str = ""
) -> Commitment:
    with transaction.atomic():
        agreement = _locked(commitment.agreement)
        if not _editable(agreement):
            raise TransitionRefused(_("An agreement that has ended can no longer be changed."))
        if agreement.status == Status.IN_FORCE:
            _amend(agreement, by=by, reason=reason)
            agreement.save(update_fields=["version", "updated_at"])
        return _commitment_write(
            agreement, data, position=commitment.position, commitment=commitment
        )


def commitment_remove(*, commitment: Commitment, by: User, reason: str = "") -> None:
    with transaction.atomic():
        agreement = _locked(commitment.agreement)
        if not _editable(agreement):
            raise TransitionRefused(_("An agreement that has ended can no longer be changed."))
        if commitment.entries.exists():
            raise TransitionRefused(
                _("This commitment has been followed up; amend it instead of removing it.")
            )
        if agreement.status == Status.IN_FORCE:
            _amend(agreement, by=by, reason=reason)
            agreement.save(update_fields=["version", "updated_at"])
        commitment.delete()


# --- Status ----------------------------------------------------------------


def agreement_send_to_funder(*, agreement: Agreement, by: User) -> Agreement:
    """A project agreement that rests on a funder's decision waits for it."""
    with transaction.atomic():
        agreement = _locked(agreement)
        if not agreement.depends_on_funder:
            raise TransitionRefused(_("Name the outside funder first."))
        _move(agreement, Status.AWAITING_FUNDER, by=by)
        agreement.funder_decision = Agreement.FunderDecision.PENDING
        agreement.save()
    return agreement


def agreement_bring_into_force(*, agreement: Agreement, by: User) -> Agreement:
    with transaction.atomic():
        agreement = _locked(agreement)
        if (
            agreement.depends_on_funder
            and agreement.funder_decision != Agreement.FunderDecision.POSITIVE
        ):
            raise TransitionRefused(
                _(
                    "This agreement comes into force only when the funder's positive decision is recorded."
                )
            )
        if not agreement.commitments.exists():
            raise DomainError(
                _("Write down what each party commits to before the agreement comes into force.")
            )
        _move(agreement, Status.IN_FORCE, by=by)
        agreement.save()
    return agreement


def funder_decision_record(
    *, agreement: Agreement, by: User, positive: bool, decided_on: date, note: str = ""
) -> Agreement:
    """The funder decided: a positive decision brings the agreement into force, a
    negative one ends it."""
    with transaction.atomic():
        agreement = _locked(agreement)
        if agreement.status != Status.AWAITING_FUNDER:
            raise TransitionRefused(_("This agreement is not waiting for a funder's decision."))
        agreement.funder_decision = (
            Agreement.FunderDecision.POSITIVE if positive else Agreement.FunderDecision.NEGATIVE
        )
        agreement.funder_decided_on = decided_on
        _event(
            agreement,
            AgreementEvent.Action.FUNDER,
            by=by,
            note=f"{agreement.get_funder_decision_display()} {decided_on:%Y-%m-%d} {note}".strip(),
        )
        if positive:
            if not agreement.commitments.exists():
                raise DomainError(
                    _(
                        "Write down what each party commits to before the agreement comes into force."
                    )
                )
            _move(agreement, Status.IN_FORCE, by=by)
        else:
            _move(agreement, Status.ENDED, by=by, note=_("The funder decided against it."))
        agreement.save()
    return agreement


def agreement_end(*, agreement: Agreement, by: User | None, note: str = "") -> Agreement:
    with transaction.atomic():
        agreement = _locked(agreement)
        _move(agreement, Status.ENDED, by=by, note=note)
        agreement.save()
    return agreement


def agreement_terminate(*, agreement: Agreement, by: User, note: str) -> Agreement:
    if not note.strip():
        raise DomainError(_("Say why the agreement is terminated."))
    with transaction.atomic():
        agreement = _locked(agreement)
        _move(agreement, Status.TERMINATED, by=by, note=note.strip())
        agreement.save()
    return agreement


# --- Documents -------------------------------------------------------------


def document_add(
    *,
    agreement: Agreement,
    by: User,
    upload: UploadedFile,
    title: str = "",
    is_public: bool = False,
    document: AgreementDocument | None = None,
) -> DocumentVersion:
    """A new document, or a new version of one: earlier versions stay readable.
    The file is checked to be a plain PDF before anything is stored."""
    checked = check_pdf(upload, max_bytes=settings.AGREEMENT_DOCUMENT_MAX_BYTES)
    if document is None and not title.strip():
        raise DomainError(_("Give the document a title."))
    with transaction.atomic():
        agreement = _locked(agreement)
        if document is None:
            document = AgreementDocument.objects.create(
                agreement=agreement, title=title.strip()[:200], is_public=is_public
            )
        elif document.agreement_id != agreement.pk:
            raise DomainError(_("The document belongs to another agreement."))
        number = (
            document.versions.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
        version = DocumentVersion(
            document=document,
            number=number,
            original_name=(upload.name or "document.pdf")[-200:],
            size=len(checked.content),
            sha256=checked.sha256,
            uploaded_by=by,
        )
        with stored_upload(version.file, checked, stem="document"):
            version.save()
            _event(
                agreement,
                AgreementEvent.Action.DOCUMENT,
                by=by,
                note=f"{document.title} v{number}",
            )
    return version


# --- Follow-up -------------------------------------------------------------


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_period(agreement: Agreement) -> tuple[date, date]:
    """The period after the last followed-up one (the first starts with the agreement)."""
    last = agreement.follow_ups.order_by("-period_start").first()
    start = last.period_end + timedelta(days=1) if last else agreement.starts_on
    end = _add_months(start, agreement.follow_up_months) - timedelta(days=1)
    if agreement.ends_on and end > agreement.ends_on:
        end = agreement.ends_on
    return start, end


def follow_up_open(*, agreement: Agreement, by: User | None) -> FollowUpRound:
    """Open the next period's follow-up. Only an agreement in force (or one that
    has just ended, for its last period) is followed up, never a draft."""
    with transaction.atomic():
        agreement = _locked(agreement)
        if agreement.status not in (Status.IN_FORCE, Status.ENDED, Status.TERMINATED):
            raise TransitionRefused(_("Only an agreement in force is followed up."))
        start, end = next_period(agreement)
        if agreement.ends_on and start > agreement.ends_on:
            raise TransitionRefused(_("Every period of this agreement has been followed up."))
        due = end + timedelta(days=settings.AGREEMENT_FOLLOW_UP_DUE_DAYS)
        round_ = FollowUpRound.objects.create(
            agreement=agreement, period_start=start, period_end=end, due_on=due
        )
        _event(agreement, AgreementEvent.Action.FOLLOW_UP, by=by, note=str(round_))
    return round_


def follow_up_report(
    *,
    round: FollowUpRound,
    commitment: Commitment,
    by: User,
    fulfilment: str,
    figure: Decimal | None = None,
    note: str = "",
) -> FollowUpEntry:
    """A party's report on one of its commitments; written again until the round closes."""
    if fulfilment not in FollowUpEntry.Fulfilment.values:
        raise DomainError(_("Choose whether the commitment was done, partly done or not done."))
    with transaction.atomic():
        round = FollowUpRound.objects.select_for_update().get(pk=round.pk)
        if round.status != FollowUpRound.Status.OPEN:
            raise TransitionRefused(_("This follow-up has been closed."))
        if commitment.agreement_id != round.agreement_id:
            raise DomainError(_("The commitment belongs to another agreement."))
        entry, _created = FollowUpEntry.objects.update_or_create(
            round=round,
            commitment=commitment,
            defaults={
                "fulfilment": fulfilment,
                "figure": figure,
                "note": note.strip(),
                "reported_by": by,
            },
        )
    return entry


def follow_up_need_results(*, round: FollowUpRound, by: User, results: list[NeedResult]) -> None:
    """Per need the agreement answers, what was done in the period (issue 22); an
    empty text removes one. Written again until the round closes."""
    with transaction.atomic():
        round = FollowUpRound.objects.select_for_update().get(pk=round.pk)
        if round.status != FollowUpRound.Status.OPEN:
            raise TransitionRefused(_("This follow-up has been closed."))
        answered = set(round.agreement.needs.values_list("pk", flat=True))
        if any(result.need_id not in answered for result in results):
            raise DomainError(_("Report only on the needs the agreement says it answers."))
        kept = [result for result in results if result.result.strip()]
        round.need_results.exclude(need_id__in=[r.need_id for r in kept]).delete()
        for result in kept:
            FollowUpNeedResult.objects.update_or_create(
                round=round,
                need_id=result.need_id,
                defaults={
                    "result": result.result.strip()[:1000],
                    "figure": result.figure,
                    "reported_by": by,
                },
            )


def follow_up_comment(*, round: FollowUpRound, by: User, text: str) -> FollowUpComment:
    if not text.strip():
        raise DomainError(_("Write the comment."))
    return FollowUpComment.objects.create(round=round, author=by, text=text.strip())


def follow_up_close(*, round: FollowUpRound, by: User) -> FollowUpRound:
    with transaction.atomic():
        round = FollowUpRound.objects.select_for_update().get(pk=round.pk)
        if round.status != FollowUpRound.Status.OPEN:
            raise TransitionRefused(_("This follow-up has been closed."))
        round.status = FollowUpRound.Status.CLOSED
        round.closed_at = timezone.now()
        round.save(update_fields=["status", "closed_at"])
        _event(round.agreement, AgreementEvent.Action.FOLLOW_UP, by=by, note=_("closed"))
    return round


def follow_ups_open_due(*, today: date | None = None) -> int:
    """Open the follow-up of every agreement in force whose period has ended.
    Safe to run twice: a period is opened once (unique per agreement and start)."""
    today = today or timezone.localdate()
    opened = 0
    for agreement in Agreement.objects.filter(status=Status.IN_FORCE, starts_on__lte=today):
        start, end = next_period(agreement)
        if end >= today or (agreement.ends_on and start > agreement.ends_on):
            continue
        try:
            follow_up_open(agreement=agreement, by=None)
        except TransitionRefused:
            continue
        opened += 1
    return opened


# --- A development partnership's yearly report and plan --------------------


def annual_reports_open_due(*, today: date | None = None) -> int:
    """Each development partnership in force owes a report and next year's plan for
    the year, due by the end of the following January. Safe to run twice: one row
    per agreement and year."""
    today = today or timezone.localdate()
    agreements = Agreement.objects.filter(
        kind=Agreement.Kind.DEVELOPMENT, status=Status.IN_FORCE, starts_on__lte=today
    ).exclude(annual_reports__year=today.year)
    created = AnnualReport.objects.bulk_create(
        [
            AnnualReport(agreement_id=pk, year=today.year, due_on=date(today.year + 1, 1, 31))
            for pk in agreements.values_list("pk", flat=True)
        ],
        ignore_conflicts=True,
    )
    return len(created)


def annual_report_submit(
    *,
    report: AnnualReport,
    by: User,
    upload: UploadedFile | None = None,
    grant_report=None,
) -> AnnualReport:
    """Meet the year's duty with the grant-use report filed in the grants app (one
    of a party's, already submitted) or with an uploaded PDF."""
    if (upload is None) == (grant_report is None):
        raise DomainError(_("Choose the grant-use report, or upload the report and plan as a PDF."))
    agreement = report.agreement
    if grant_report is not None:
        parties = set(agreement.organisations.values_list("pk", flat=True))
        if (
            grant_report.application.organisation_id not in parties
            or grant_report.submitted_at is None
        ):
            raise DomainError(
                _("Choose a submitted grant-use report of a party of this agreement.")
            )
    document = None
    if upload is not None:
        version = document_add(
            agreement=agreement,
            by=by,
            upload=upload,
            title=_("Report and plan %(year)s") % {"year": report.year},
        )
        document = version.document
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        report.grant_report = grant_report
        report.document = document
        report.received_at = timezone.now()
        report.received_by = by
        report.save()
        _event(
            agreement,
            AgreementEvent.Action.FOLLOW_UP,
            by=by,
            note=_("Report and plan %(year)s received") % {"year": report.year},
        )
    return report


# --- Reminders and warnings ------------------------------------------------


def notices_send(*, today: date | None = None) -> int:
    """Remind of follow-ups due soon or overdue, and warn of agreements ending
    within AGREEMENT_EXPIRY_NOTICE_DAYS. Each notice is claimed as a row first
    (unique per agreement, kind and subject) and marked sent after its mail, so
    a second run sends nothing twice and a crash leaves it for the next run."""
    today = today or timezone.localdate()
    ahead = timedelta(days=settings.AGREEMENT_FOLLOW_UP_REMINDER_DAYS)
    rounds = FollowUpRound.objects.filter(status=FollowUpRound.Status.OPEN)
    wanted = [
        Notice(agreement_id=agreement_id, kind=Notice.Kind.FOLLOW_UP_DUE, subject_key=str(pk))
        for pk, agreement_id in rounds.filter(
            due_on__gte=today, due_on__lte=today + ahead
        ).values_list("pk", "agreement_id")
    ]
    wanted += [
        Notice(agreement_id=agreement_id, kind=Notice.Kind.FOLLOW_UP_OVERDUE, subject_key=str(pk))
        for pk, agreement_id in rounds.filter(due_on__lt=today).values_list("pk", "agreement_id")
    ]
    horizon = today + timedelta(days=settings.AGREEMENT_EXPIRY_NOTICE_DAYS)
    wanted += [
        Notice(agreement_id=pk, kind=Notice.Kind.EXPIRING, subject_key=ends_on.isoformat())
        for pk, ends_on in Agreement.objects.filter(
            status=Status.IN_FORCE, ends_on__gte=today, ends_on__lte=horizon
        ).values_list("pk", "ends_on")
        if ends_on is not None
    ]
    Notice.objects.bulk_create(wanted, ignore_conflicts=True)
    sent = 0
    for notice_id in Notice.objects.filter(sent_at__isnull=True).values_list("pk", flat=True):
        with transaction.atomic():
            notice = (
                Notice.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(pk=notice_id, sent_at__isnull=True)
                .select_related("agreement__responsible", "agreement__municipality")
                .first()
            )
            if notice is None:
                continue
            notice.attempts += 1
            try:
                emails.send_notice(notice=notice)
            except Exception as error:
                # One failing address must not hold up the rest; tried again next run.
                logger.exception("agreement notice %s could not be sent", notice.pk)
                notice.last_error = str(error)[:300]
                notice.save(update_fields=["attempts", "last_error"])
                continue
            notice.sent_at = timezone.now()
            notice.save(update_fields=["attempts", "sent_at"])
            if notice.kind == Notice.Kind.EXPIRING:
                _event(
                    notice.agreement, AgreementEvent.Action.EXPIRY, by=None, note=notice.subject_key
                )
            sent += 1
    return sent
