"""Mail sent by the core. Every message has a plain-text and an HTML part, both escaped."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Invitation


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


@dataclass(frozen=True)
class PortalSite:
    """What allauth's mail calls `current_site`: without django.contrib.sites it
    would be the request's host ("127.0.0.1:8000"), so the portal says its own
    name and address."""

    name: str
    domain: str


def portal_site() -> PortalSite:
    return PortalSite(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)


def send_templated(
    *,
    to: list[str],
    template: str,
    context: dict,
    language: str,
    attachments: tuple[tuple[str, bytes, str], ...] = (),
) -> None:
    """Render `<template>_subject.txt`, `.txt` and `.html` in `language` and send,
    with `attachments` as (filename, content, MIME type). The `.txt` and `.html`
    templates extend cooperation/email/base.txt and base.html."""
    with translation.override(language):
        # Mail is rendered without a request, so no context processor tells the
        # templates the language: the base template's <html lang> comes from here.
        context = {**context, "LANGUAGE_CODE": translation.get_language()}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        context["subject"] = subject
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=to)
    message.attach_alternative(html, "text/html")
    for attachment in attachments:
        message.attach(*attachment)
    message.send()


def send_invitation(*, invitation: Invitation, token: str, language: str) -> None:
    url = absolute_url(reverse("cooperation:invitation_accept", kwargs={"token": token}))
    send_templated(
        to=[invitation.email],
        template="cooperation/email/invitation",
        context={"invitation": invitation, "organisation": invitation.organisation, "url": url},
        language=language,
    )


def send_forum_registration(registration) -> None:
    event = registration.event
    url = absolute_url(reverse("checklist:forum_detail", kwargs={"pk": event.pk}))
    send_templated(
        to=[registration.email],
        template="cooperation/email/forum_registration",
        context={"registration": registration, "event": event, "url": url},
        language=registration.language,
    )


def send_accessibility_feedback(feedback) -> None:
    """To the accessibility contact, in the portal's main language."""
    url = absolute_url(
        reverse("admin:cooperation_accessibilityfeedback_change", args=[feedback.pk])
    )
    send_templated(
        to=[settings.ACCESSIBILITY_FEEDBACK_EMAIL],
        template="cooperation/email/accessibility_feedback",
        context={"feedback": feedback, "url": url},
        language=settings.LANGUAGE_CODE,
    )
