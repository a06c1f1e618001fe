from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships and facilities")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cooperation.demo import register_demo
        from cooperation.extensions import (
            NEED_ANSWERS,
            NoticeKind,
            PersonalDataProvider,
            register_desk_provider,
            register_evidence_provider,
            register_need_answer_provider,
            register_need_figures_provider,
            register_notice_kind,
            register_personal_data_provider,
        )
        from cooperation.lib import summaries

        from . import models, receivers  # noqa: F401 (receivers connect)
        from .agreements import demo as agreements_demo
        from .agreements import selectors as agreement_selectors
        from .facilities import demo as facilities_demo
        from .facilities import emails as facility_emails
        from .facilities import selectors as facility_selectors
        from .statements import demo as statements_demo
        from .statements import selectors as statement_selectors
        from .statements import services as statement_services

        register_demo(agreements_demo.load)
        register_demo(facilities_demo.load)
        register_demo(statements_demo.load)
        register_evidence_provider(facility_selectors.checklist_evidence)
        register_desk_provider(agreement_selectors.desk)
        register_desk_provider(facility_selectors.desk)
        register_desk_provider(statement_selectors.desk)
        register_need_answer_provider(statement_selectors.need_answers)
        # What answers a need is remembered; the statements' and agreements' writes
        # outdate it.
        summaries.follow(
            NEED_ANSWERS,
            models=(models.StatementRequest, models.Agreement, models.FollowUpNeedResult),
            m2m=(models.StatementRequest.needs.through, models.Agreement.needs.through),
        )
        register_need_figures_provider(statement_selectors.need_figures)
        register_notice_kind(NoticeKind(facility_emails.REQUEST, _("A new booking request")))
        register_notice_kind(
            NoticeKind(
                statement_services.TO_ENDORSE,
                _("A partnership statement request waits for the network's endorsement"),
            )
        )
        register_notice_kind(
            NoticeKind(statement_services.TO_ANSWER, _("A partnership statement is asked for"))
        )
        register_notice_kind(
            NoticeKind(
                statement_services.ANSWERED,
                _("Your organisation's request for a partnership statement was answered"),
                always=True,
            )
        )
        register_notice_kind(
            NoticeKind(
                statement_services.FUNDER_DECIDED,
                _("The funder decided on a project you gave a statement for"),
            )
        )
        # Bookings only name their requester's account: nothing to forget or expire.
        register_personal_data_provider(
            PersonalDataProvider(name="partnerships", export=facility_selectors.personal_data_of)
        )
