from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Grants")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cooperation.demo import register_demo
        from cooperation.extensions import (
            NEED_ANSWERS,
            NoticeKind,
            PersonalDataProvider,
            register_challenge_answer_provider,
            register_desk_provider,
            register_evidence_provider,
            register_need_answer_provider,
            register_need_figures_provider,
            register_notice_kind,
            register_organisation_link,
            register_personal_data_provider,
        )
        from cooperation.lib import summaries

        from . import demo, models, receivers, selectors, services  # noqa: F401 (receivers connect)

        register_demo(demo.load)
        register_organisation_link(_grant_history_link)
        register_evidence_provider(checklist_evidence)
        register_desk_provider(selectors.desk)
        register_need_answer_provider(selectors.need_answers)
        register_need_figures_provider(selectors.need_figures)
        register_challenge_answer_provider(selectors.challenge_answers)
        # What answers a need is remembered; the grants' writes outdate it.
        summaries.follow(
            NEED_ANSWERS,
            models=(
                models.GrantCall,
                models.Application,
                models.UseReport,
                models.UseReportNeedResult,
            ),
            m2m=(
                models.GrantCall.needs.through,
                models.GrantCall.challenges.through,
                models.Application.needs.through,
            ),
        )
        for key, label, always in (
            (services.SUBMITTED, _("A new application to handle"), False),
            (services.TO_ENDORSE, _("An application waiting for the network's endorsement"), False),
            (services.INFO_COMPLETED, _("An applicant sent the information asked for"), False),
            (services.REPORT_SUBMITTED, _("A grant-use report to approve"), False),
            (
                services.INFO_REQUESTED,
                _("A request for more information on your application"),
                True,
            ),
            (services.DECISION, _("The decision on your application"), True),
        ):
            register_notice_kind(NoticeKind(key, label, always=always))
        # Grant records name people only through their accounts: nothing to forget
        # or expire here (a deleted account shows as "deleted user").
        register_personal_data_provider(
            PersonalDataProvider(name="grants", export=selectors.personal_data_of)
        )


def _grant_history_link(organisation, user):
    from django.urls import reverse

    return (_("Grant history"), reverse("grants:organisation_history", args=[organisation.pk]))


def checklist_evidence(body, year):
    """Grant calls the municipality (or the county) opened in the year, and their
    written guidelines, as evidence for the checklist's grant criteria (one query)."""
    from .selectors import checklist_evidence as evidence

    return evidence(body, year)
