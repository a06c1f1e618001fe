"""Reading a person's notice settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cooperation.extensions import NoticeKind, notice_kinds

from .models import Delivery, NoticePreference

if TYPE_CHECKING:
    from cooperation.models import User


def preferences_of(user: User) -> list[tuple[NoticeKind, str]]:
    """Every kind with the person's choice (at once where they made none)."""
    chosen = dict(NoticePreference.objects.filter(user=user).values_list("kind", "delivery"))
    return [
        (kind, Delivery.AT_ONCE if kind.always else chosen.get(kind.key, Delivery.AT_ONCE))
        for kind in notice_kinds()
    ]
