"""Every write of the signals app. Each service is one transaction that records
who did what in the signal's audit trail; mail goes out after commit."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.errors import DomainError
from cooperation.lib import once
from cooperation.lib.references import save_with_reference
from cooperation.models import Official, OfficialRole, Organisation, PublicBody, User
from cooperation.notices.services import notify
from cooperation.privacy.personal_data import Finding, find_in_fields, find_personal_data
from cooperation.selectors import holders_or_coordinators
from cooperation.services import hash_token

from . import emails
from .models import Digest, DigestDelivery, Forward, Signal, SignalEvent, SignalLink
from .pdf import digest_pdf

logger = logging.getLogger(__name__)

# The kinds of notice the app sends to people with an account (signals.apps).
FORWARD_ANSWERED = "signals.forward_answered"

# Text fields of a signal that are checked for residents' personal data.
CHECKED_FIELDS = ("description", "area", "current_action", "proposal")
SENDER_FIELDS = (
    "kind",
    "description",
    "area",
    "current_action",
    "proposal",
    "organisation_name",
    "sender_name",
    "sender_email",
    "sender_phone",
    "wants_answer",
)


class PersonalDataFound(DomainError):
    """The text names a resident's identity code, phone number or e-mail address."""

    def __init__(self, findings: dict[str, list[Finding]]):
        super().__init__(_("Remove the personal data of residents before sending."))
        self.findings = findings


def personal_data_in(fields: dict) -> dict[str, list[Finding]]:
    """Findings per checked field (only fields with findings)."""
    # Read together: a code split over two fields is still one code.
    return find_in_fields({name: fields.get(name) or "" for name in CHECKED_FIELDS})


def _event(signal: Signal, action: str, *, by: User | None = None, label: str = "", **extra):
    return SignalEvent.objects.create(
        signal=signal, action=action, actor=by, actor_label=label[:254], **extra
    )


# --- Links -----------------------------------------------------------------


def link_create(
    *,
    by: User,
    organisation: Organisation | None = None,
    municipality: PublicBody | None = None,
    label: str = "",
) -> tuple[SignalLink, str]:
    """A new secret link for an organisation or a municipality. Returns the link and
    its token; only the token's hash is kept, so the address is shown once."""
    if (organisation is None) == (municipality is None):
        raise ValueError("A link belongs to an organisation or to a municipality.")
    token = secrets.token_urlsafe(24)
    link = SignalLink.objects.create(
        kind=SignalLink.Kind.ORGANISATION if organisation else SignalLink.Kind.MUNICIPALITY,
        organisation=organisation,
        municipality=municipality,
        label=label,
        token_hash=hash_token(token),
        created_by=by,
    )
    logger.info("signal link %s created by user %s", link.pk, by.pk)
    return link, token


def link_revoke(*, link: SignalLink, by: User) -> SignalLink:
    """The link stops working at once; signals already sent through it stay."""
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        logger.info("signal link %s revoked by user %s", link.pk, by.pk)
    return link


# --- Intake ----------------------------------------------------------------


@transaction.atomic
def signal_submit(
    *,
    fields: dict,
    municipality: PublicBody,
    channel: str,
    language: str,
    organisation: Organisation | None = None,
    by: User | None = None,
    link: SignalLink | None = None,
    parent: Signal | None = None,
    target_groups: Iterable = (),
    topics: Iterable = (),
    form_token: str = "",
) -> tuple[Signal, str]:
    """Store a signal whole, or nothing at all; a form's one-time token once
    (cooperation.lib.once: the same form posted twice stores one signal).

    Refuses text with residents' personal data (PersonalDataFound). A signal
    from a municipality's open link waits for the NGO team's check before it
    counts. Returns the signal and its receipt token (kept only hashed); the
    receipt is mailed to the sender after commit.
    """
    found = personal_data_in(fields)
    if found:
        raise PersonalDataFound(found)
    if link is not None and not link.is_active:
        raise DomainError(_("This link is no longer in use."))
    once.use(form_token)
    data = {key: fields[key] for key in SENDER_FIELDS if key in fields}
    if data["kind"] != Signal.Kind.PROPOSAL:
        parent = None
    receipt = secrets.token_urlsafe(24)
    signal = Signal(
        **data,
        parent=parent,
        municipality=municipality,
        organisation=organisation,
        sender_user=by,
        channel=channel,
        link=link,
        language=language,
        receipt_hash=hash_token(receipt),
        is_accepted=channel != Signal.Channel.OPEN_LINK,
    )
    if organisation is not None and not signal.organisation_name:
        signal.organisation_name = organisation.name
    save_with_reference(signal)
    signal.target_groups.set(target_groups)
    signal.topics.set(topics)
    _event(signal, SignalEvent.Action.SUBMITTED, by=by, label=signal.sender_name)
    logger.info("signal %s received through %s", signal.pk, channel)
    if signal.sender_email:
        transaction.on_commit(lambda: _send_receipt(signal, receipt))
    return signal, receipt


def _send_receipt(signal: Signal, token: str) -> None:
    try:
        emails.send_receipt(signal=signal, token=token)
    except Exception:
        # The signal is stored and the sender is on its receipt page, which has the
        # same link: a mail server that is down must not turn that into an error.
        logger.exception("signal %s: receipt not mailed", signal.pk)


@transaction.atomic
def signal_check(*, signal: Signal, by: User, accept: bool, note: str = "") -> Signal:
    """The NGO team's check of a signal from the open link: it counts, or it does not."""
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    if signal.is_accepted or signal.status == Signal.Status.REJECTED:
        raise DomainError(_("This signal has already been checked."))
    if accept:
        signal.is_accepted = True
        signal.save(update_fields=["is_accepted", "updated_at"])
        _event(signal, SignalEvent.Action.ACCEPTED, by=by, note=note[:500])
    else:
        signal.status = Signal.Status.REJECTED
        signal.save(update_fields=["status", "updated_at"])
        _event(
            signal,
            SignalEvent.Action.REJECTED,
            by=by,
            note=note[:500],
            from_status=Signal.Status.RECEIVED,
            to_status=Signal.Status.REJECTED,
        )
    return signal


# --- Triage ----------------------------------------------------------------

TRIAGE_FIELDS = (
    "being_done",
    "could_be_done",
    "responsible",
    "answer",
    "public_summary",
    "is_published",
    "publish_description",
)
# Which statuses the team may set by hand from each status. Forwarding and
# answers move a signal on by themselves; a closed signal can be reopened.
STATUS_MOVES: dict[str, set[str]] = {
    Signal.Status.RECEIVED: {Signal.Status.IN_REVIEW, Signal.Status.CLOSED},
    Signal.Status.IN_REVIEW: {Signal.Status.RECEIVED, Signal.Status.CLOSED},
    Signal.Status.FORWARDED: {Signal.Status.IN_REVIEW, Signal.Status.CLOSED},
    Signal.Status.ANSWERED: {Signal.Status.IN_REVIEW, Signal.Status.CLOSED},
    Signal.Status.CLOSED: {Signal.Status.IN_REVIEW},
    Signal.Status.REJECTED: set(),
}


def _change_status(signal: Signal, status: str, *, by: User | None, label: str = "") -> None:
    if status == signal.status:
        return
    old = signal.status
    signal.status = status
    signal.save(update_fields=["status", "updated_at"])
    _event(signal, SignalEvent.Action.STATUS, by=by, label=label, from_status=old, to_status=status)
    if status == Signal.Status.CLOSED:
        transaction.on_commit(lambda: emails.notify_sender(signal=signal, event="closed"))


def _require_counted(signal: Signal) -> None:
    if not signal.is_accepted:
        raise DomainError(_("Check the signal from the open link first."))


@transaction.atomic
def signal_triage(
    *,
    signal: Signal,
    by: User,
    fields: dict,
    status: str | None = None,
    topics: Iterable | None = None,
    units: Iterable | None = None,
) -> Signal:
    """Record the team's review: what is being done, what could be done, who works
    on it, the answer and public summary, topics, and (optionally) a new status."""
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    _require_counted(signal)
    had_answer = _has_answer_for_sender(signal)
    if status and status != signal.status and status not in STATUS_MOVES[signal.status]:
        raise DomainError(_("The signal cannot move to that status from its current one."))
    for key in TRIAGE_FIELDS:
        if key in fields:
            setattr(signal, key, fields[key])
    if signal.is_published and not signal.public_summary.strip():
        raise DomainError(_("Write the public summary before publishing it."))
    # What the sender or the public reads must not name a resident either.
    if find_personal_data(signal.public_summary) or find_personal_data(signal.answer):
        raise DomainError(
            _("Remove the personal data of residents from the answer and the public summary.")
        )
    signal.reviewed_at = timezone.now()
    signal.save()
    if topics is not None:
        signal.topics.set(topics)
    if units is not None:
        signal.responsible_units.set(units)
    _event(signal, SignalEvent.Action.TRIAGED, by=by)
    if not had_answer and signal.answer.strip():
        transaction.on_commit(lambda: emails.notify_sender(signal=signal, event="answered"))
    if status:
        _change_status(signal, status, by=by)
    elif signal.status == Signal.Status.RECEIVED:
        _change_status(signal, Signal.Status.IN_REVIEW, by=by)
    return signal


@transaction.atomic
def signals_mark_reviewed(*, signals: Iterable[Signal], by: User) -> int:
    """Bulk action: received signals move to "in review"."""
    count = 0
    for signal in Signal.objects.select_for_update().filter(
        pk__in=[s.pk for s in signals], status=Signal.Status.RECEIVED, is_accepted=True
    ):
        signal.reviewed_at = timezone.now()
        signal.save(update_fields=["reviewed_at", "updated_at"])
        _change_status(signal, Signal.Status.IN_REVIEW, by=by)
        count += 1
    return count


@transaction.atomic
def signals_assign(*, signals: Iterable[Signal], to: User, by: User) -> int:
    """Bulk action: the chosen signals are given to one team member."""
    count = 0
    for signal in Signal.objects.select_for_update().filter(pk__in=[s.pk for s in signals]):
        if signal.assigned_to_id != to.pk:
            signal.assigned_to = to
            signal.save(update_fields=["assigned_to", "updated_at"])
            _event(signal, SignalEvent.Action.ASSIGNED, by=by, note=str(to)[:500])
            count += 1
    return count


@transaction.atomic
def signal_relate(*, signal: Signal, other: Signal, by: User, link: bool = True) -> None:
    """Link (or unlink) two signals of the same municipality."""
    if other.pk == signal.pk or other.municipality_id != signal.municipality_id:
        raise DomainError(_("Only other signals of the same municipality can be linked."))
    if link:
        signal.related.add(other)
    else:
        signal.related.remove(other)
    _event(signal, SignalEvent.Action.LINKED, by=by, note=("+" if link else "−") + other.reference)


@transaction.atomic
def signal_forward(
    *, signal: Signal, by: User, email: str, message: str, language: str
) -> tuple[Forward, str]:
    """Send the signal, with its proposals and the team's questions, to a responsible
    person. They answer through a secret link (mailed after commit). The sender
    is told, after commit, that the signal was forwarded."""
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    _require_counted(signal)
    if signal.status == Signal.Status.CLOSED:
        raise DomainError(_("Reopen the signal before forwarding it."))
    email = email.strip().lower()
    found = find_personal_data(message)
    if any(f.kind == "identity_code" for f in found):
        raise DomainError(_("Remove the personal identity code from the message."))
    token = secrets.token_urlsafe(32)
    forward = Forward.objects.create(
        signal=signal,
        email=email,
        user=User.objects.filter(email__iexact=email, is_active=True).first(),
        message=message,
        language=language,
        token_hash=hash_token(token),
        created_by=by,
        expires_at=timezone.now() + settings.SIGNAL_FORWARD_VALID_FOR,
    )
    _event(signal, SignalEvent.Action.FORWARDED, by=by, note=email)
    first_forward = signal.status in (Signal.Status.RECEIVED, Signal.Status.IN_REVIEW)
    if signal.status != Signal.Status.FORWARDED:
        old = signal.status
        signal.status = Signal.Status.FORWARDED
        signal.save(update_fields=["status", "updated_at"])
        _event(signal, SignalEvent.Action.STATUS, by=by, from_status=old, to_status=signal.status)
    transaction.on_commit(lambda: emails.send_forward(forward=forward, token=token))
    if first_forward:
        transaction.on_commit(lambda: emails.notify_sender(signal=signal, event="forwarded"))
    return forward, token


@transaction.atomic
def forward_answer(*, forward: Forward, answer: str) -> Forward:
    """The forwarded person's answer is recorded on the signal (it may be revised
    until the signal is closed)."""
    forward = Forward.objects.select_for_update().select_related("signal").get(pk=forward.pk)
    signal = forward.signal
    if signal.status == Signal.Status.CLOSED:
        raise DomainError(_("The signal has been closed; answers are no longer taken."))
    if forward.expires_at <= timezone.now():
        raise DomainError(_("This link has expired."))
    forward.answer = answer
    forward.answered_at = timezone.now()
    forward.save(update_fields=["answer", "answered_at"])
    _event(signal, SignalEvent.Action.ANSWERED, label=forward.email)
    if signal.status == Signal.Status.FORWARDED:
        _change_status(signal, Signal.Status.ANSWERED, by=None, label=forward.email)
    notify(
        kind=FORWARD_ANSWERED,
        key=f"forward:{forward.pk}",
        users=team_or_coordinators(signal.municipality_id),
        subject=gettext_lazy("Signal %(reference)s: %(email)s answered"),
        detail=gettext_lazy("Read the answer and choose whether the sender sees it."),
        params={"reference": signal.reference, "email": forward.email},
        url=reverse("signals:signal_detail", args=[signal.pk]),
    )
    return forward


@transaction.atomic
def forward_share(*, forward: Forward, by: User, public: bool) -> Forward:
    """The team decides whether the sender sees this answer; the sender is told
    (after commit) the first time an answer is there for them to read."""
    forward = Forward.objects.select_for_update().select_related("signal").get(pk=forward.pk)
    had_answer = _has_answer_for_sender(forward.signal)
    forward.answer_is_public = public
    forward.save(update_fields=["answer_is_public"])
    if public and not had_answer and _has_answer_for_sender(forward.signal):
        signal = forward.signal
        transaction.on_commit(lambda: emails.notify_sender(signal=signal, event="answered"))
    return forward


def _has_answer_for_sender(signal: Signal) -> bool:
    return bool(signal.answer.strip()) or (
        signal.forwards.filter(answer_is_public=True).exclude(answer="").exists()
    )


# --- The weekly digest -----------------------------------------------------


def week_start(moment: datetime) -> date:
    local = timezone.localdate(moment)
    return local - timedelta(days=local.weekday())


def ngo_team(municipality_id: int):
    """Active members of a municipality's NGO team."""
    return User.objects.filter(
        is_active=True,
        official__municipality_id=municipality_id,
        official__roles__role=OfficialRole.Role.NGO_TEAM,
    ).distinct()


def team_or_coordinators(municipality_id: int) -> list[User]:
    """Who gets the team's mail: the NGO team, or while the municipality has none,
    the region's coordinators (who see the gap on their desk)."""
    return holders_or_coordinators(OfficialRole.Role.NGO_TEAM, municipality_id)


def digest_build(*, now: datetime | None = None) -> list[Digest]:
    """Bundle every counted signal that is in no digest yet: one digest per
    municipality, each in its own transaction.

    The municipality's row is locked while its digest is built, and the signals
    are claimed with `digest IS NULL` in the same transaction, so two runs at
    once, a second run, or a run after a crash never put a signal in two
    digests or leave one out. Signals of any age are taken, so a run after a
    long outage covers everything. Team members get a pending delivery each;
    sending is a separate step (`digest_send_pending`).
    """
    now = now or timezone.now()
    week = week_start(now)
    built = []
    waiting = (
        Signal.objects.filter(digest__isnull=True, is_accepted=True)
        .values_list("municipality_id", flat=True)
        .distinct()
    )
    municipality_ids = set(waiting)
    if settings.SIGNAL_DIGEST_NOTHING_NEW:
        municipality_ids |= set(
            Official.objects.filter(roles__role=OfficialRole.Role.NGO_TEAM).values_list(
                "municipality_id", flat=True
            )
        )
    for municipality_id in sorted(municipality_ids):
        digest = _digest_build_one(municipality_id, week)
        if digest is not None:
            built.append(digest)
    return built


@transaction.atomic
def _digest_build_one(municipality_id: int, week: date) -> Digest | None:
    PublicBody.objects.select_for_update().get(pk=municipality_id)
    pending = Signal.objects.filter(
        municipality_id=municipality_id, digest__isnull=True, is_accepted=True
    )
    ids = list(pending.values_list("pk", flat=True))
    if ids:
        digest = Digest.objects.create(
            municipality_id=municipality_id, week_start=week, signal_count=len(ids)
        )
        claimed = Signal.objects.filter(pk__in=ids, digest__isnull=True).update(digest=digest)
        if claimed != len(ids):  # cannot happen under the lock; refuse to continue if it does
            raise RuntimeError("signals were claimed by another digest")
        for start in range(0, len(ids), 1000):  # in slices: memory stays flat
            SignalEvent.objects.bulk_create(
                SignalEvent(
                    signal_id=pk,
                    action=SignalEvent.Action.DIGESTED,
                    # The digest's week, as a date: shown as "week 49/2026" in
                    # the reader's language (SignalEvent.shown_note).
                    note=digest.week_start.isoformat(),
                )
                for pk in ids[start : start + 1000]
            )
    elif settings.SIGNAL_DIGEST_NOTHING_NEW:
        if (
            Digest.objects.filter(
                municipality_id=municipality_id, week_start=week, kind=Digest.Kind.NOTHING_NEW
            ).exists()
            or Digest.objects.filter(
                municipality_id=municipality_id, week_start=week, kind=Digest.Kind.BUNDLE
            ).exists()
        ):
            return None
        digest = Digest.objects.create(
            municipality_id=municipality_id, week_start=week, kind=Digest.Kind.NOTHING_NEW
        )
    else:
        return None
    DigestDelivery.objects.bulk_create(
        DigestDelivery(digest=digest, user=user) for user in team_or_coordinators(municipality_id)
    )
    logger.info(
        "digest %s built for municipality %s with %s signals",
        digest.pk,
        municipality_id,
        digest.signal_count,
    )
    return digest


def digest_send_pending(*, max_attempts: int | None = None) -> int:
    """Send every delivery that is waiting, or failed fewer than `max_attempts` times.

    Each delivery is locked while its mail is sent and marked sent in the same
    transaction, so two runs at once never send it twice, and a crash re-sends
    at most the one mail that was in flight. Failures are counted on the
    delivery (the team sees them). Returns how many deliveries are still
    failing; the task retries while there are any.
    """
    max_attempts = max_attempts or settings.SIGNAL_DIGEST_MAX_ATTEMPTS
    retryable = Q(status=DigestDelivery.Status.PENDING) | Q(
        status=DigestDelivery.Status.FAILED, attempts__lt=max_attempts
    )
    ids = list(
        DigestDelivery.objects.filter(retryable)
        .order_by("digest_id", "pk")
        .values_list("pk", flat=True)
    )
    failing = 0
    pdf_of: dict[int, bytes] = {}  # one digest's PDF in memory at a time
    for pk in ids:
        with transaction.atomic():
            delivery = (
                DigestDelivery.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("digest__municipality", "user")
                .filter(retryable, pk=pk)
                .first()
            )
            if delivery is None:  # sent meanwhile by another run
                continue
            digest = delivery.digest
            delivery.attempts += 1
            try:
                if digest.kind == Digest.Kind.BUNDLE and digest.pk not in pdf_of:
                    pdf_of = {digest.pk: digest_pdf(digest)}
                emails.send_digest(delivery=delivery, pdf=pdf_of.get(digest.pk))
            except Exception as error:
                logger.exception("digest delivery %s failed", delivery.pk)
                delivery.status = DigestDelivery.Status.FAILED
                delivery.last_error = f"{type(error).__name__}: {error}"[:500]
                failing += 1
            else:
                delivery.status = DigestDelivery.Status.SENT
                delivery.last_error = ""
                delivery.sent_at = timezone.now()
            delivery.save(update_fields=["status", "attempts", "last_error", "sent_at"])
    return failing


def digest_catch_up(*, now: datetime | None = None) -> list[Digest]:
    """The daily run on the other days of the week: a municipality whose digest
    of this week was not built (beat or the worker was down on Monday) gets it
    now, with the signals that were waiting on Monday and any since. A
    municipality whose digest was built waits for the next Monday."""
    now = now or timezone.now()
    week = week_start(now)
    done = Digest.objects.filter(week_start=week).values("municipality_id")
    missed = (
        Signal.objects.filter(
            digest__isnull=True, is_accepted=True, created_at__lt=_digest_moment(week)
        )
        .exclude(municipality_id__in=done)
        .values_list("municipality_id", flat=True)
        .distinct()
    )
    built = []
    for municipality_id in sorted(set(missed)):
        digest = _digest_build_one(municipality_id, week)
        if digest is not None:
            built.append(digest)
    return built


def _digest_moment(week: date) -> datetime:
    """When the digest of the week starting `week` is due (Monday, SIGNAL_DIGEST_TIME)."""
    hour, minute = (int(part) for part in settings.SIGNAL_DIGEST_TIME.split(":"))
    return timezone.make_aware(datetime.combine(week, time(hour, minute)))


def digest_daily(*, now: datetime | None = None) -> tuple[list[Digest], int]:
    """The daily job: on Mondays the weekly digest, on other days the digest of
    any municipality that missed Monday's; then whatever waits is sent."""
    now = now or timezone.now()
    if timezone.localdate(now).weekday() == 0:
        return digest_run(now=now)
    return digest_catch_up(now=now), digest_send_pending()


def digest_run(*, now: datetime | None = None) -> tuple[list[Digest], int]:
    """The weekly job: build what is new, then send whatever is waiting (also the
    deliveries a crashed run left behind)."""
    built = digest_build(now=now)
    return built, digest_send_pending()


def digest_resend(*, digest: Digest, by: User) -> int:
    """The team asks for failed deliveries of a digest to be tried again."""
    count = DigestDelivery.objects.filter(
        digest=digest, status=DigestDelivery.Status.FAILED
    ).update(status=DigestDelivery.Status.PENDING, attempts=0)
    logger.info("digest %s: %s deliveries queued again by user %s", digest.pk, count, by.pk)
    return count


# --- Personal data -------------------------------------------------------------

# A signal's sender may still be answered until it is answered, closed or refused.
_FINISHED = (Signal.Status.ANSWERED, Signal.Status.CLOSED, Signal.Status.REJECTED)


def personal_data_forget(user: User) -> None:
    """The user deleted their account: their contact details leave the signals they
    sent and the forwards addressed to them; the signals and answers stay."""
    sent = Signal.objects.filter(Q(sender_user=user) | Q(sender_email__iexact=user.email))
    _forget_senders(sent)
    forwards = Forward.objects.filter(Q(user=user) | Q(email__iexact=user.email))
    _forget_forward_recipients(forwards)


def personal_data_retain(now: datetime, days: dict[str, int]) -> dict[str, int]:
    """Remove senders' contact details from finished signals and outside
    recipients' addresses from forwards whose answer link has long expired.
    Idempotent: each selects only rows that still hold the data."""
    with_contact = Q(sender_name__gt="") | Q(sender_email__gt="") | Q(sender_phone__gt="")
    finished = Signal.objects.filter(
        with_contact,
        status__in=_FINISHED,
        updated_at__lt=now - timedelta(days=days["signal_sender_contact"]),
    )
    expired = Forward.objects.filter(
        expires_at__lt=now - timedelta(days=days["forward_recipient"])
    ).exclude(email="")
    return {
        "signal_sender_contacts": _forget_senders(finished),
        "forward_recipient_emails": _forget_forward_recipients(expired),
    }


def _forget_senders(signals) -> int:
    # The audit trail's "received" line carries the name the sender gave.
    SignalEvent.objects.filter(
        signal__in=signals.values("pk"), action=SignalEvent.Action.SUBMITTED
    ).exclude(actor_label="").update(actor_label="")
    # update() leaves updated_at alone: removing the contact is not a change of
    # the signal that restarts its retention period.
    return Signal.objects.filter(pk__in=signals.values("pk")).update(
        sender_name="", sender_email="", sender_phone="", wants_answer=False
    )


def _forget_forward_recipients(forwards) -> int:
    # The trail names an outside answerer by address ("answer received").
    SignalEvent.objects.filter(actor__isnull=True).filter(
        Exists(
            forwards.filter(signal_id=OuterRef("signal_id"), email__iexact=OuterRef("actor_label"))
        )
    ).update(actor_label="")
    return Forward.objects.filter(pk__in=forwards.values("pk")).update(email="")
