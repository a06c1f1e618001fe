from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.utils import translation

from . import permissions
from .emails import portal_site
from .language import set_language_cookie
from .lib.throttle import client_address


class AccountAdapter(DefaultAccountAdapter):
    """Mail from allauth goes out in the language the user prefers."""

    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, {**context, "current_site": portal_site()})

    def get_client_ip(self, request):
        """The login limits count by the same client address as every other limit
        (behind TRUSTED_PROXIES, the forwarded one)."""
        address = client_address(request)
        return address or super().get_client_ip(request)

    def save_user(self, request, user, form, commit=True):
        """A new user keeps the language they signed up in."""
        language = (translation.get_language() or "fi")[:2]
        if language in dict(settings.LANGUAGES):
            user.preferred_language = language
        return super().save_user(request, user, form, commit=commit)

    def post_login(self, request, user, **kwargs):
        """After login the portal speaks the language the user chose in their account."""
        response = super().post_login(request, user, **kwargs)
        if user.preferred_language:
            set_language_cookie(response, user.preferred_language)
        return response


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Officials and coordinators cannot switch their second factor off."""
        if permissions.requires_two_factor(authenticator.user):
            return False
        return super().can_delete_authenticator(authenticator)
