"""Mail of the signals app: receipts, forwards, notices to the sender, the digest.

Each message is rendered in its reader's language, as plain text and HTML;
user text is escaped by the templates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Count
from django.urls import reverse

from cooperation.emails import absolute_url, send_templated
from cooperation.models import OfficialRole
from cooperation.permissions import municipalities_without

from .models import Signal

if TYPE_CHECKING:
    from .models import DigestDelivery, Forward

# How many signals a digest mail lists; all of them are in the PDF and the portal.
DIGEST_MAIL_LIST = 30


def has_team(municipality_id: int) -> bool:
    """Whether the municipality has an NGO team to promise the sender."""
    return (
        not municipalities_without(OfficialRole.Role.NGO_TEAM).filter(pk=municipality_id).exists()
    )


def send_receipt(*, signal: Signal, token: str) -> None:
    send_templated(
        to=[signal.sender_email],
        template="signals/email/receipt",
        context={
            "signal": signal,
            "url": absolute_url(reverse("signals:receipt", kwargs={"token": token})),
            "has_team": has_team(signal.municipality_id),
        },
        language=signal.language,
    )


def notify_sender(*, signal: Signal, event: str) -> None:
    """Tell the sending NGO that its signal was forwarded or closed."""
    if not (signal.sender_email and signal.wants_answer):
        return
    send_templated(
        to=[signal.sender_email],
        template=f"signals/email/signal_{event}",
        context={
            "signal": signal,
            "answers": signal.forwards.filter(answer_is_public=True).exclude(answer=""),
        },
        language=signal.language,
    )


def send_forward(*, forward: Forward, token: str) -> None:
    send_templated(
        to=[forward.email],
        template="signals/email/forward",
        context={
            "forward": forward,
            "signal": forward.signal,
            "url": absolute_url(reverse("signals:forward_answer", kwargs={"token": token})),
        },
        language=forward.language,
    )


def send_digest(*, delivery: DigestDelivery, pdf: bytes | None) -> None:
    digest = delivery.digest
    signals = digest.signals.select_related("municipality").order_by("created_at", "pk")
    attachments = ()
    if pdf is not None:
        name = f"signals-{digest.municipality.code}-{digest.week_start:%Y-%m-%d}.pdf"
        attachments = ((name, pdf, "application/pdf"),)
    send_templated(
        to=[delivery.user.email],
        template="signals/email/digest",
        context={
            "digest": digest,
            "signals": signals[:DIGEST_MAIL_LIST],
            "more": max(digest.signal_count - DIGEST_MAIL_LIST, 0),
            "by_kind": [
                {"label": Signal.Kind(kind).label, "n": n}
                for kind, n in signals.order_by().values_list("kind").annotate(n=Count("pk"))
            ],
            "url": absolute_url(reverse("signals:digest_detail", kwargs={"pk": digest.pk})),
            "site": settings.SITE_URL,
        },
        language=delivery.user.preferred_language or "fi",
        attachments=attachments,
    )
