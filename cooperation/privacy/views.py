"""Pages about personal data and accessibility: one's own data and its download,
account deletion, the privacy notice, the accessibility statement and its feedback."""

from __future__ import annotations

import json
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from cooperation import permissions, selectors
from cooperation.errors import DomainError
from cooperation.forms import AccessibilityFeedbackForm, AccountDeleteForm
from cooperation.lib import throttle
from cooperation.lib.downloads import JSON, download

from . import services as privacy_services

# When the accessibility statement was last reviewed (update with each review).
ACCESSIBILITY_STATEMENT_REVIEWED = date(2026, 11, 30)


@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage_own_account(request.user):
        raise Http404
    context = {"retention": settings.PERSONAL_DATA_RETENTION_DAYS}
    return render(request, "cooperation/my_data.html", context)


@never_cache
@login_required
@require_GET
def my_data_download(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage_own_account(request.user):
        raise Http404
    data = selectors.personal_data_export(user=request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    filename = f"kumppani-{timezone.localdate():%Y-%m-%d}.json"
    return download(body, filename=filename, content_type=JSON, cache="private, no-store")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not permissions.can_manage_own_account(user):
        raise Http404
    data = request.POST if request.method == "POST" else None
    form = AccountDeleteForm(data, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            privacy_services.account_delete(user=user)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            logout(request)
            messages.success(request, _("Your account was deleted."))
            return redirect("cooperation:home")
    context = {
        "form": form,
        "last_admin_of": selectors.organisations_left_without_admin(user=user),
        "official": permissions.official_for(user),
    }
    return render(request, "cooperation/account_delete.html", context)


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    context = {
        "retention": settings.PERSONAL_DATA_RETENTION_DAYS,
        "contact_email": settings.PRIVACY_CONTACT_EMAIL,
    }
    return render(request, "cooperation/privacy.html", context)


@require_http_methods(["GET", "POST"])
def accessibility(request: HttpRequest) -> HttpResponse:
    initial = {"page_url": request.GET.get("page", "")[:500]}
    data = request.POST if request.method == "POST" else None
    form = AccessibilityFeedbackForm(data, initial=initial)
    status = 200
    if request.method == "POST" and not throttle.allow(
        request,
        what="accessibility",
        target="inbox",
        per_target=settings.PUBLIC_FORM_RATE_LIMIT_PER_TARGET,
        per_address=settings.PUBLIC_FORM_RATE_LIMIT_PER_ADDRESS,
    ):
        # The form again with what was typed; nothing stored, nothing mailed.
        form.is_valid()
        form.add_error(None, throttle.TOO_MANY_POSTS)
        status = 429
    elif request.method == "POST" and form.is_valid():
        privacy_services.feedback_send(
            page_url=form.cleaned_data["page_url"],
            message=form.cleaned_data["message"],
            email=form.cleaned_data["email"],
            language=get_language() or settings.LANGUAGE_CODE,
        )
        messages.success(request, _("Thank you. Your feedback was sent."))
        return redirect("cooperation:accessibility")
    context = {
        "form": form,
        "reviewed": ACCESSIBILITY_STATEMENT_REVIEWED,
        "feedback_email": settings.ACCESSIBILITY_FEEDBACK_EMAIL,
    }
    return render(request, "cooperation/accessibility.html", context, status=status)
