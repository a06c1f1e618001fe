"""Mail of the agreements register. Each person gets it in their own language;
user text is escaped by the templates."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from django.urls import NoReverseMatch, reverse

from cooperation.emails import absolute_url, send_templated
from cooperation.models import Membership, User

if TYPE_CHECKING:
    from .models import Agreement, Notice


def _agreement_url(agreement: Agreement) -> str:
    try:
        return absolute_url(reverse("partnerships:agreement_detail", kwargs={"pk": agreement.pk}))
    except NoReverseMatch:  # the pages arrive after the services
        return absolute_url("/")


def _recipients(agreement: Agreement) -> list[User]:
    """The responsible official and the admins of every organisation that is a party."""
    people = list(
        User.objects.filter(
            is_active=True,
            memberships__organisation__agreements=agreement,
            memberships__role=Membership.Role.ADMIN,
        ).distinct()
    )
    if agreement.responsible and agreement.responsible.is_active:
        people.append(agreement.responsible)
    return people


def send_notice(*, notice: Notice) -> None:
    agreement = notice.agreement
    by_language: dict[str, set[str]] = defaultdict(set)
    for person in _recipients(agreement):
        by_language[person.preferred_language or "fi"].add(person.email)
    round_ = None
    if notice.kind != "expiring":
        round_ = agreement.follow_ups.filter(pk=int(notice.subject_key)).first()
    for language, addresses in sorted(by_language.items()):
        send_templated(
            to=sorted(addresses),
            template="partnerships/email/notice",
            context={
                "agreement": agreement,
                "notice": notice,
                "round": round_,
                "url": _agreement_url(agreement),
            },
            language=language,
        )
