from django.conf import settings
from django.urls import reverse

from . import permissions, selectors
from .language import pick_language


def portal(request):
    """What the base layout needs on every page: the languages, the portal's name
    and logo, and whether the user has the admin."""
    user = getattr(request, "user", None)
    brand = selectors.brand()
    return {
        "PORTAL_LANGUAGES": settings.LANGUAGES,
        "SITE_NAME": settings.SITE_NAME,
        "SITE_REGION_NAME": pick_language(brand["name_fi"], brand["name_sv"]),
        "SITE_LOGO_URL": (
            reverse("cooperation:brand_logo", args=[brand["logo_version"]])
            if brand["logo_version"]
            else ""
        ),
        "show_admin_link": permissions.can_use_admin(user) if user else False,
    }
