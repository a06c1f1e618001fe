from django.conf import settings

from . import permissions


def portal(request):
    """What the base layout needs on every page: the languages and the user's roles."""
    user = getattr(request, "user", None)
    return {
        "PORTAL_LANGUAGES": settings.LANGUAGES,
        "SITE_NAME": settings.SITE_NAME,
        "SITE_REGION_NAME": settings.SITE_REGION_NAME,
        "show_admin_link": permissions.can_use_admin(user) if user else False,
    }
