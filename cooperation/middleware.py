"""Officials, coordinators and technical administrators: two factors and short sessions."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from . import permissions

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
