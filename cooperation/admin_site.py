"""Our admin site: who gets in is decided by cooperation.permissions, and its login
is the portal's own allauth login (same rate limits, same two-factor step)."""

from functools import wraps

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from . import permissions


class KumppaniAdminSite(admin.AdminSite):
    site_header = _("Kumppani administration")
    site_title = _("Kumppani")
    index_title = _("Records")

    def has_permission(self, request):
        return permissions.can_use_admin(request.user)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def guarded(request, *args, **kwargs):
            # Logged in, but neither official nor coordinator: the admin does not
            # exist for them.
            if request.user.is_authenticated and not self.has_permission(request):
                raise Http404
            return inner(request, *args, **kwargs)

        return guarded

    def login(self, request, extra_context=None):
        if request.user.is_authenticated and not self.has_permission(request):
            raise Http404
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
        query = urlencode({REDIRECT_FIELD_NAME: next_url})
        return redirect(f"{reverse('account_login')}?{query}")
