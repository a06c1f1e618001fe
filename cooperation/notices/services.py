"""Telling people it is their turn: each notice once, after the commit, in the
recipient's language, mailed at once, gathered into a daily summary, or left on
the desk, as the person chose for that kind (`NoticePreference`)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone, translation

from cooperation.extensions import notice_kind

from .models import Delivery, Notice, NoticePreference

if TYPE_CHECKING:
    from cooperation.models import User

logger = logging.getLogger(__name__)

# A mail of its own for one notice, instead of the plain one: (notice) -> None.
Mailer = Callable[[Notice], None]


def _in_language(text: Any, params: dict[str, Any]) -> str:
    """`text` (a lazy translation with %(name)s places) in the active language;
    a parameter may be a callable, for a name that has a word in each language."""
    values = {name: (value() if callable(value) else value) for name, value in params.items()}
    return str(text) % values if values else str(text)


def delivery_for(users: list[User], kind: str) -> dict[int, str]:
    """How each of `users` wants notices of `kind` (one query)."""
    if notice_kind(kind).always:
        return {user.pk: Delivery.AT_ONCE for user in users}
    chosen = dict(
        NoticePreference.objects.filter(user__in=users, kind=kind).values_list(
            "user_id", "delivery"
        )
    )
    return {user.pk: chosen.get(user.pk, Delivery.AT_ONCE) for user in users}


def notify(
    *,
    kind: str,
    key: str,
    users: Iterable[User],
    subject: Any,
    url: str,
    detail: Any = "",
    params: dict[str, Any] | None = None,
    mail: Mailer | None = None,
) -> int:
    """Tell `users` of an event, once: a second call with the same kind and key
    tells nobody again. Call it inside the transaction that made the event; the
    mail goes after the commit (nothing is sent if it rolls back). Returns how
    many were told now."""
    params = params or {}
    people = {user.pk: user for user in users if user.is_active and user.email}
    if not people:
        return 0
    already = set(
        Notice.objects.filter(kind=kind, key=key, user_id__in=people).values_list(
            "user_id", flat=True
        )
    )
    new = [user for pk, user in people.items() if pk not in already]
    if not new:
        return 0
    how = delivery_for(new, kind)
    notices = []
    for user in new:
        with translation.override(user.preferred_language):
            notices.append(
                Notice(
                    user=user,
                    kind=kind,
                    key=key[:100],
                    subject=_in_language(subject, params)[:300],
                    detail=_in_language(detail, params)[:2000] if detail else "",
                    url=url,
                    delivery=how[user.pk],
                )
            )
    # A notice someone else made at the same moment is left alone (the unique
    # constraint), so two events never make two mails.
    Notice.objects.bulk_create(notices, ignore_conflicts=True)
    at_once = [user.pk for user in new if how[user.pk] == Delivery.AT_ONCE]
    if at_once:
        transaction.on_commit(lambda: send_at_once(kind=kind, key=key, user_ids=at_once, mail=mail))
    return len(new)


def _mail_one(notice: Notice) -> None:
    from cooperation.emails import absolute_url, send_templated

    send_templated(
        to=[notice.user.email],
        template="cooperation/email/notice",
        context={"notice": notice, "url": absolute_url(notice.url)},
        language=notice.user.preferred_language,
    )


def send_at_once(*, kind: str, key: str, user_ids: list[int], mail: Mailer | None = None) -> int:
    """Mail the notices of one event to those who want them at once. Each is
    locked and marked in the same transaction, so it goes once; one that fails
    stays unmailed and goes with the next daily summary."""
    sent = 0
    for pk in Notice.objects.filter(
        kind=kind, key=key[:100], user_id__in=user_ids, mailed_at__isnull=True
    ).values_list("pk", flat=True):
        with transaction.atomic():
            notice = (
                Notice.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("user")
                .filter(pk=pk, mailed_at__isnull=True)
                .first()
            )
            if notice is None:
                continue
            try:
                (mail or _mail_one)(notice)
            except Exception:
                logger.exception("notice %s could not be mailed", pk)
                continue
            notice.mailed_at = timezone.now()
            notice.save(update_fields=["mailed_at"])
            sent += 1
    return sent


def send_daily(*, now: datetime | None = None) -> int:
    """One summary mail to each person with notices not yet mailed: those they
    chose to have daily, and any that could not be mailed at once. Each person's
    notices are locked, mailed and marked in one transaction: a second run, or
    one at the same time, sends nothing twice. Returns how many mails went."""
    now = now or timezone.now()
    waiting = Notice.objects.filter(
        mailed_at__isnull=True,
        delivery__in=(Delivery.DAILY, Delivery.AT_ONCE),
        created_at__lte=now,
    )
    sent = 0
    for user_id in waiting.values_list("user_id", flat=True).distinct().order_by("user_id"):
        with transaction.atomic():
            notices = list(
                waiting.filter(user_id=user_id)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("user")
                .order_by("created_at", "pk")
            )
            if not notices:
                continue
            user = notices[0].user
            if not (user.is_active and user.email):
                Notice.objects.filter(pk__in=[n.pk for n in notices]).update(mailed_at=now)
                continue
            try:
                _mail_summary(user, notices)
            except Exception:
                logger.exception("the daily summary of user %s could not be mailed", user_id)
                continue
            Notice.objects.filter(pk__in=[n.pk for n in notices]).update(mailed_at=timezone.now())
            sent += 1
    return sent


def _mail_summary(user: User, notices: list[Notice]) -> None:
    from cooperation.emails import absolute_url, send_templated

    send_templated(
        to=[user.email],
        template="cooperation/email/notice_summary",
        context={
            "notices": [(notice, absolute_url(notice.url)) for notice in notices],
            "count": len(notices),
        },
        language=user.preferred_language,
    )


@transaction.atomic
def preferences_save(*, user: User, choices: dict[str, str]) -> None:
    """Store the person's choice per kind; kinds that always go are not stored."""
    for kind, delivery in choices.items():
        if notice_kind(kind).always:
            continue
        NoticePreference.objects.update_or_create(
            user=user, kind=kind, defaults={"delivery": Delivery(delivery)}
        )


def purge(*, before: datetime) -> int:
    """Forget mailed notices and desk-only ones made before `before` (retention)."""
    deleted, _rows = (
        Notice.objects.filter(created_at__lt=before)
        .exclude(mailed_at__isnull=True, delivery__in=(Delivery.DAILY, Delivery.AT_ONCE))
        .delete()
    )
    return deleted
