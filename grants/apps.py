from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Grants")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cooperation.demo import register_demo
        from cooperation.extensions import register_organisation_link

        from . import demo

        register_demo(demo.load)
        register_organisation_link(_grant_history_link)


def _grant_history_link(organisation, user):
    from django.urls import reverse

    return (_("Grant history"), reverse("grants:organisation_history", args=[organisation.pk]))
