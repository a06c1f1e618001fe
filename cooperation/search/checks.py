"""`manage.py check` says when Finnish words cannot be reduced to their base forms."""

from django.core import checks

from .finnish import available


@checks.register(checks.Tags.compatibility)
def voikko_installed(app_configs, **kwargs):
    if available():
        return []
    return [
        checks.Warning(
            "Voikko (the Finnish morphological analyser) is not installed: the search "
            "falls back to PostgreSQL's stems and misses inflected and compound words.",
            hint="Install Debian's libvoikko1 and voikko-fi (python3 dev.py install does, as root).",
            id="cooperation.W001",
        )
    ]
