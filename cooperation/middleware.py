"""Officials, coordinators and technical administrators: two factors and short sessions."""

import logging

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import permissions
from .lib.database import is_statement_timeout

logger = logging.getLogger(__name__)

# Pages an official without TOTP may still reach: login, logout, e-mail and
# two-factor set-up (all under /accounts/), static files, language and health.
_EXEMPT_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/healthz")
_SHORT_SESSION = "kumppani_short_session"


class OfficialSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and permissions.requires_two_factor(user):
            if not request.session.get(_SHORT_SESSION):
                request.session.set_expiry(settings.OFFICIAL_SESSION_SECONDS)
                request.session[_SHORT_SESSION] = True
            if not self._has_totp(request, user) and not request.path.startswith(_EXEMPT_PREFIXES):
                messages.warning(
                    request,
                    _(
                        "Officials and coordinators must use two-factor authentication. "
                        "Set up an authenticator app to continue."
                    ),
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _has_totp(request, user) -> bool:
        # Asked on every request of an official, not remembered in the session:
        # an authenticator removed by an administrator takes effect at once.
        return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class BusyMiddleware:
    """A statement cancelled for running too long (cooperation.lib.database) is
    answered 503 "busy, try again in a moment", not as an error of the portal."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_statement_timeout(exception):
            return None
        logger.warning("statement timeout: %s %s", request.method, request.path)
        # The page's own template asks nothing of the database, whose
        # transaction may be broken now.
        response = render(request, "503.html", status=503)
        response["Retry-After"] = "10"
        return response


class PermissionsPolicyMiddleware:
    """The browser features no page of the portal uses are switched off for
    every page and anything a page might embed (settings.PERMISSIONS_POLICY)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
