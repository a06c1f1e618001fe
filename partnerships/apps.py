from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships and facilities")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cooperation.demo import register_demo
        from cooperation.extensions import (
            NoticeKind,
            PersonalDataProvider,
            register_desk_provider,
            register_evidence_provider,
            register_notice_kind,
            register_personal_data_provider,
        )

        from . import receivers  # noqa: F401 (receivers connect)
        from .agreements import demo as agreements_demo
        from .agreements import selectors as agreement_selectors
        from .facilities import demo as facilities_demo
        from .facilities import emails as facility_emails
        from .facilities import selectors as facility_selectors

        register_demo(agreements_demo.load)
        register_demo(facilities_demo.load)
        register_evidence_provider(facility_selectors.checklist_evidence)
        register_desk_provider(agreement_selectors.desk)
        register_desk_provider(facility_selectors.desk)
        register_notice_kind(NoticeKind(facility_emails.REQUEST, _("A new booking request")))
        # Bookings only name their requester's account: nothing to forget or expire.
        register_personal_data_provider(
            PersonalDataProvider(name="partnerships", export=facility_selectors.personal_data_of)
        )
