from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "cooperation"
    verbose_name = _("Cooperation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .checklist import demo as checklist_demo
        from .checklist.evidence import core_evidence
        from .checklist.selectors import desk as checklist_desk
        from .checklist.services import NGO_VIEW
        from .demo import register_demo
        from .extensions import (
            NoticeKind,
            register_desk_provider,
            register_evidence_provider,
            register_notice_kind,
            register_personal_data_provider,
        )
        from .privacy.services import core_personal_data
        from .search import checks as search_checks  # noqa: F401 (registers the check)
        from .selectors import desk_core
        from .services import JOIN_DECIDED, JOIN_REQUESTED

        register_evidence_provider(core_evidence)
        register_personal_data_provider(core_personal_data)
        register_demo(checklist_demo.load)
        register_desk_provider(desk_core)
        register_desk_provider(checklist_desk)
        register_notice_kind(
            NoticeKind(NGO_VIEW, _("An organisation gave its view on an assessment"))
        )
        register_notice_kind(
            NoticeKind(JOIN_REQUESTED, _("Someone asks to join your organisation"))
        )
        register_notice_kind(NoticeKind(JOIN_DECIDED, _("The answer to your request to join")))


class KumppaniAdminConfig(AdminConfig):
    """The Django admin, with our site: access and scoping decided by cooperation.permissions."""

    default_site = "cooperation.admin_site.KumppaniAdminSite"
