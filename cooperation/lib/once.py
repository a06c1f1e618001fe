"""Forms that create something are taken once: a double click, a reload of the
posted page, or two posts at the same moment store one signal, application or
booking, not several.

The form carries a hidden one-time token (`OnceMixin`, made when the form is
first shown); the service that stores the thing calls `use(token)` inside its
own transaction, which inserts the token into a unique index. A second post of
the same token waits for the first transaction and is then refused
(`AlreadySent`); if the first fails, its token goes with it and the person can
send again. Posts without a token (the API, older pages) are not checked."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.errors import DomainError
from cooperation.forms import GuardedForm

KEEP = timedelta(days=2)
ALREADY_SENT = _(
    "This form was already sent, and what it sent was stored once. "
    "To send another, open the form again."
)


class AlreadySent(DomainError):
    pass


class OnceMixin(GuardedForm):
    """A hidden one-time token for a form that creates something (guarded, as
    every form of the portal is)."""

    form_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", secrets.token_urlsafe(24))


def use(token: str) -> None:
    """Take the form's token, or raise AlreadySent if it was taken."""
    from cooperation.models import UsedFormToken

    if not token:
        return
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction goes on
            UsedFormToken.objects.create(token=token[:64])
    except IntegrityError:
        raise AlreadySent(str(ALREADY_SENT)) from None


def purge(*, now: datetime | None = None) -> int:
    """Forget tokens older than KEEP (the nightly retention job): idempotent."""
    from cooperation.models import UsedFormToken

    deleted, _rows = UsedFormToken.objects.filter(
        used_at__lt=(now or timezone.now()) - KEEP
    ).delete()
    return deleted
