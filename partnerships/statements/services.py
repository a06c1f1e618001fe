"""Every write of the partnership statements: one transaction each, an event in the
trail, notices after commit in each recipient's language. Views and the admin call
these, never .save()."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation import permissions as core_permissions
from cooperation.errors import Disqualified, DomainError
from cooperation.lib.references import save_with_reference
from cooperation.models import Membership, OfficialRole, Organisation, User
from cooperation.notices.services import notify
from cooperation.selectors import holders_or_coordinators

from ..agreements import services as agreement_services
from ..agreements.models import Agreement
from .models import StatementEndorsement, StatementEvent, StatementRequest

Status = StatementRequest.Status

# Notice kinds (registered in partnerships/apps.py).
TO_ENDORSE = "partnerships.statement_to_endorse"
TO_ANSWER = "partnerships.statement_to_answer"
ANSWERED = "partnerships.statement_answered"
FUNDER_DECIDED = "partnerships.statement_funder_decided"

# What the NGO writes; the answer and the decision move only through the services.
REQUEST_FIELDS = (
    "language",
    "project_title",
    "project_summary",
    "funder",
    "funder_name",
    "funding_round",
    "funder_deadline",
    "starts_on",
    "ends_on",
    "asked_commitment",
    "budget_total",
    "applied_from_funder",
)


class TransitionRefused(DomainError):
    """The request is not in a state where this can be done."""


def _event(request: StatementRequest, action: str, *, by: User | None, note: str = "", **extra):
    StatementEvent.objects.create(
        request=request, action=action, actor=by, note=note[:500], **extra
    )


def _locked(request: StatementRequest) -> StatementRequest:
    return StatementRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)


def _move(request: StatementRequest, status: str, *, by: User | None, note: str = "") -> None:
    if not request.can_move_to(status):
        raise TransitionRefused(
            _("A request that is %(current)s cannot become %(target)s.")
            % {"current": request.get_status_display(), "target": Status(status).label}
        )
    old = request.status
    request.status = status
    _event(
        request, StatementEvent.Action.STATUS, by=by, from_status=old, to_status=status, note=note
    )


def _check(request: StatementRequest) -> None:
    """The rules of a complete request, with a message a person can act on."""
    if request.funder == StatementRequest.Funder.OTHER and not request.funder_name.strip():
        raise DomainError(_("Name the funder."))
    if request.ends_on and request.ends_on < request.starts_on:
        raise DomainError(_("The project cannot end before it starts."))
    if request.applied_from_funder > request.budget_total:
        raise DomainError(_("The sum applied from the funder cannot exceed the project's budget."))
    if not request.asked_commitment.strip():
        raise DomainError(_("Say what the city is asked to commit to."))


def _check_needs(request: StatementRequest, needs: list) -> None:
    """Only the public needs of the body asked, or of the whole region."""
    for need in needs:
        if need.municipality_id not in (None, request.municipality_id) or need.status not in (
            "published",
            "answering",
            "answered",
        ):
            raise DomainError(_("Choose the needs from the list of the body's published needs."))


def _refuse_if_disqualified(request: StatementRequest, by: User) -> None:
    """No one decides on their own organisation's request (Administrative Procedure
    Act, 28 §); the refusal stays in the trail, in a transaction of its own."""
    if core_permissions.disqualified_from(by, request.organisation_id):
        _event(
            request,
            StatementEvent.Action.DISQUALIFIED,
            by=by,
            note=request.organisation.name[:500],
        )
        raise Disqualified(request.organisation.name)


def _url(request: StatementRequest) -> str:
    return reverse("partnerships:statement_detail", args=[request.pk])


def _params(request: StatementRequest) -> dict:
    return {
        "reference": request.reference,
        "organisation": request.organisation.name,
        "project": request.project_title,
    }


def _organisation_people(request: StatementRequest) -> list[User]:
    """Who wrote the request and the organisation's admins."""
    people = list(
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=request.organisation_id,
            memberships__role=Membership.Role.ADMIN,
        )
    )
    if request.created_by_id and all(p.pk != request.created_by_id for p in people):
        creator = User.objects.filter(
            pk=request.created_by_id,
            is_active=True,
            memberships__organisation_id=request.organisation_id,
        ).first()
        if creator:
            people.append(creator)
    return people


def _tell_officials(request: StatementRequest, *, key: str) -> None:
    notify(
        kind=TO_ANSWER,
        key=key,
        users=holders_or_coordinators(OfficialRole.Role.NGO_TEAM, request.municipality_id),
        subject=gettext_lazy("%(organisation)s asks for a partnership statement for “%(project)s”"),
        params=_params(request),
        url=_url(request),
    )


# --- The NGO's request -----------------------------------------------------


def request_create(
    *,
    by: User,
    organisation: Organisation,
    municipality,
    fields: dict,
    needs: Iterable = (),
) -> StatementRequest:
    """A new request, as a draft of the organisation."""
    needs = list(needs)
    request = StatementRequest(
        organisation=organisation,
        municipality=municipality,
        created_by=by,
        **{key: value for key, value in fields.items() if key in REQUEST_FIELDS},
    )
    _check(request)
    _check_needs(request, needs)
    with transaction.atomic():
        save_with_reference(request, prefix="L")
        request.needs.set(needs)
        _event(request, StatementEvent.Action.CREATED, by=by)
    return request


def request_save(
    *, request: StatementRequest, by: User, fields: dict, needs: Iterable = ()
) -> StatementRequest:
    needs = list(needs)
    with transaction.atomic():
        request = _locked(request)
        if request.status != Status.DRAFT:
            raise TransitionRefused(_("A request that has been sent can no longer be changed."))
        for key, value in fields.items():
            if key in REQUEST_FIELDS:
                setattr(request, key, value)
        _check(request)
        _check_needs(request, needs)
        request.save()
        request.needs.set(needs)
        _event(request, StatementEvent.Action.CHANGED, by=by)
    return request


def request_submit(*, request: StatementRequest, by: User) -> StatementRequest:
    """Send the request: to the body's network first where it has one (the city
    does not process an unendorsed request), otherwise straight to the officials."""
    with transaction.atomic():
        request = _locked(request)
        network = request.municipality.grant_networks.filter(endorses_statements=True).first()
        now = timezone.now()
        if network is not None:
            _move(request, Status.SUBMITTED, by=by)
            request.network = network
            request.submitted_at = now
            request.save()
            notify(
                kind=TO_ENDORSE,
                key=f"statement:{request.pk}:{now.isoformat()}",
                users=network.members.exclude(memberships__organisation_id=request.organisation_id),
                subject=gettext_lazy(
                    "A partnership statement request of %(organisation)s waits for the "
                    "network's endorsement"
                ),
                params=_params(request),
                url=_url(request),
            )
        else:
            _move(request, Status.IN_PROCESSING, by=by)
            request.submitted_at = now
            request.save()
            _tell_officials(request, key=f"statement:{request.pk}:{now.isoformat()}")
    return request


# --- The network -----------------------------------------------------------


def request_endorse(
    *, request: StatementRequest, by: User, endorse: bool, note: str = ""
) -> StatementRequest:
    """One network member's view. As many endorsements as the network needs send the
    request on to the officials; as many against (with grounds) stop it, and the
    organisation is told why."""
    _refuse_if_disqualified(request, by)
    note = note.strip()[:2000]
    if not endorse and not note:
        raise DomainError(_("Write the grounds for not endorsing the request."))
    with transaction.atomic():
        request = _locked(request)
        if request.status != Status.SUBMITTED or request.network_id is None:
            raise TransitionRefused(_("The network's statement has already been recorded."))
        if not request.network.members.filter(pk=by.pk).exists():
            raise TransitionRefused(_("Only the network's members endorse its requests."))
        if StatementEndorsement.objects.filter(request=request, member=by).exists():
            raise DomainError(_("You have already given your statement on this request."))
        StatementEndorsement.objects.create(request=request, member=by, endorse=endorse, note=note)
        _event(
            request,
            StatementEvent.Action.ENDORSED if endorse else StatementEvent.Action.NOT_ENDORSED,
            by=by,
            note=note,
        )
        views = list(request.endorsements.values_list("endorse", flat=True))
        needed = request.network.endorsements_needed
        if views.count(True) >= needed:
            _move(request, Status.IN_PROCESSING, by=by, note=note)
            request.save()
            _tell_officials(request, key=f"statement-endorsed:{request.pk}")
        elif views.count(False) >= needed:
            _move(request, Status.NOT_ENDORSED, by=by, note=note)
            request.decline_reason = note
            request.save()
            notify(
                kind=ANSWERED,
                key=f"statement-not-endorsed:{request.pk}",
                users=_organisation_people(request),
                subject=gettext_lazy(
                    "The network did not endorse your request for a partnership "
                    "statement for “%(project)s”"
                ),
                params=_params(request),
                url=_url(request),
            )
    return request


# --- The official's answer -------------------------------------------------


def statement_give(
    *,
    request: StatementRequest,
    by: User,
    kind: str,
    statement: str,
    commitments: str,
    signer_title: str,
) -> StatementRequest:
    """The statement or letter of intent, signed off by the official who gives it.
    A letter of intent names what the city commits to: the agreement is made of it."""
    _refuse_if_disqualified(request, by)
    statement, commitments, signer_title = (
        statement.strip(),
        commitments.strip(),
        signer_title.strip(),
    )
    if kind not in StatementRequest.Kind.values:
        raise DomainError(_("Choose a statement or a letter of intent."))
    if not statement:
        raise DomainError(_("Write the statement."))
    if not signer_title:
        raise DomainError(_("Give your title: the letter is signed off by you."))
    if kind == StatementRequest.Kind.LETTER_OF_INTENT and not commitments:
        raise DomainError(_("A letter of intent says what the city commits to."))
    with transaction.atomic():
        request = _locked(request)
        _move(request, Status.GIVEN, by=by)
        request.kind = kind
        request.statement = statement[:8000]
        request.commitments = commitments[:5000]
        request.signed_by = by
        request.signer_title = signer_title[:200]
        request.answered_at = timezone.now()
        request.save()
        notify(
            kind=ANSWERED,
            key=f"statement-given:{request.pk}",
            users=_organisation_people(request),
            subject=gettext_lazy(
                "%(reference)s: the partnership statement for “%(project)s” was given"
            ),
            params=_params(request),
            url=_url(request),
        )
    return request


def statement_decline(*, request: StatementRequest, by: User, reason: str) -> StatementRequest:
    _refuse_if_disqualified(request, by)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Write the reasons for declining."))
    with transaction.atomic():
        request = _locked(request)
        _move(request, Status.DECLINED, by=by, note=reason)
        request.decline_reason = reason[:3000]
        request.signed_by = by
        request.answered_at = timezone.now()
        request.save()
        notify(
            kind=ANSWERED,
            key=f"statement-declined:{request.pk}",
            users=_organisation_people(request),
            subject=gettext_lazy(
                "%(reference)s: the request for a partnership statement for “%(project)s” "
                "was declined"
            ),
            params=_params(request),
            url=_url(request),
        )
    return request


# --- The funder's decision -------------------------------------------------


def funder_decision_record(
    *, request: StatementRequest, by: User, positive: bool, decided_on: date
) -> StatementRequest:
    """The NGO records the funder's decision. Positive: the project agreement is made
    from the statement, its commitments prefilled, and comes into force through the
    register's funder rule; negative: the statement is closed."""
    if decided_on > timezone.localdate():
        raise DomainError(_("The funder's decision cannot be dated in the future."))
    with transaction.atomic():
        request = _locked(request)
        if request.status != Status.GIVEN:
            raise TransitionRefused(_("This request has no statement waiting for a decision."))
        request.funder_positive = positive
        request.funder_decided_on = decided_on
        _event(
            request,
            StatementEvent.Action.FUNDER,
            by=by,
            note=f"{_('positive') if positive else _('negative')} {decided_on.isoformat()}",
        )
        if positive:
            request.agreement = _agreement_from(request, by=by, decided_on=decided_on)
            _move(request, Status.AGREED, by=by)
        else:
            _move(request, Status.CLOSED, by=by, note=_("The funder decided against it."))
        request.save()
        if request.signed_by_id:
            notify(
                kind=FUNDER_DECIDED,
                key=f"statement-funder:{request.pk}",
                users=User.objects.filter(pk=request.signed_by_id),
                subject=(
                    gettext_lazy(
                        "The funder said yes to “%(project)s”: the project agreement is in force"
                    )
                    if positive
                    else gettext_lazy("The funder said no to “%(project)s”")
                ),
                params=_params(request),
                url=(
                    reverse("partnerships:agreement_detail", args=[request.agreement_id])
                    if positive
                    else _url(request)
                ),
            )
    return request


def _agreement_from(request: StatementRequest, *, by: User, decided_on: date) -> Agreement:
    """The project agreement the statement promised, in force on the funder's yes."""
    lines = request.commitment_lines() or [request.asked_commitment.strip()]
    agreement = agreement_services.agreement_create(
        by=by,
        municipality=request.municipality,
        fields={
            "kind": Agreement.Kind.PROJECT,
            "title": request.project_title,
            "purpose": request.project_summary,
            "starts_on": request.starts_on,
            "ends_on": request.ends_on,
            "responsible": request.signed_by,
            "funder": request.funder_label,
            "funder_statement": request.statement,
        },
        organisations=[request.organisation],
        commitments=[agreement_services.CommitmentInput(description=line) for line in lines],
        needs=list(request.needs.all()),
    )
    agreement_services.agreement_send_to_funder(agreement=agreement, by=by)
    return agreement_services.funder_decision_record(
        agreement=agreement, by=by, positive=True, decided_on=decided_on
    )
