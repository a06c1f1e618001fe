"""The person's own notice settings (My account → Notices)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cooperation import permissions

from . import selectors, services
from .forms import NoticeSettingsForm


@login_required
def notice_settings(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage_own_account(request.user):
        raise Http404
    form = NoticeSettingsForm(
        request.POST or None, preferences=selectors.preferences_of(request.user)
    )
    if request.method == "POST" and form.is_valid():
        services.preferences_save(user=request.user, choices=form.cleaned_data)
        messages.success(request, _("Your notice settings were saved."))
        return redirect("cooperation:notice_settings")
    return render(request, "cooperation/notices/settings.html", {"form": form})
