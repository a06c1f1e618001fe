"""The reader's language: texts kept in three languages, and the language cookie."""

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import get_language


def pick_language(fi: str, sv: str = "", en: str = "") -> str:
    """The text in the active language, falling back to Finnish (always filled in)."""
    language = (get_language() or "fi")[:2]
    if language == "sv" and sv:
        return sv
    if language == "en" and en:
        return en
    return fi


def set_language_cookie(response: HttpResponse, language: str) -> HttpResponse:
    """Make `language` the user's language from the next page on (Django's own cookie)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
