from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships and facilities")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cooperation.demo import register_demo
        from cooperation.extensions import register_evidence_provider

        from . import booking_demo, booking_selectors, demo

        register_demo(demo.load)
        register_demo(booking_demo.load)
        register_evidence_provider(booking_selectors.checklist_evidence)
