from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    name = "signals"
    verbose_name = _("Silent signals")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cooperation.demo import register_demo
        from cooperation.extensions import (
            NEED_ANSWERS,
            NoticeKind,
            PersonalDataProvider,
            register_challenge_choices,
            register_desk_provider,
            register_need_choices,
            register_notice_kind,
            register_personal_data_provider,
        )
        from cooperation.lib import summaries

        from . import demo, models, receivers, selectors, services  # noqa: F401 (receivers connect)
        from .challenges import selectors as challenge_selectors
        from .challenges import services as challenge_services
        from .needs import selectors as need_selectors
        from .needs import services as need_services
        from .needs import statistics as need_statistics

        register_demo(demo.load)
        # The needs' figures are recounted after a need or its topics change.
        summaries.follow(
            need_statistics.NEED_STATISTICS,
            models=(models.Need,),
            m2m=(models.Need.topics.through,),
        )
        register_desk_provider(selectors.desk)
        register_need_choices(need_selectors.public_needs_of_body)
        register_challenge_choices(challenge_selectors.published_challenges_of_body)
        # A need's trail lists the calls that name its challenges: a change of what
        # stands behind a challenge outdates the remembered trail.
        summaries.follow(
            NEED_ANSWERS, models=(models.AreaChallenge,), m2m=(models.AreaChallenge.needs.through,)
        )
        summaries.follow(
            challenge_selectors.NEED_CHALLENGES,
            models=(models.ChallengeEdition, models.AreaChallenge),
            m2m=(models.AreaChallenge.needs.through,),
        )
        register_notice_kind(
            NoticeKind(
                services.FORWARD_ANSWERED, _("A person a signal was forwarded to has answered")
            )
        )
        register_notice_kind(
            NoticeKind(
                need_services.NEED_PUBLISHED,
                _("A need that your organisation's signals fed was published"),
            )
        )
        register_notice_kind(NoticeKind(need_services.NEED_MOVED, _("A need you follow moved on")))
        register_notice_kind(
            NoticeKind(
                need_services.NEED_OBSERVATION, _("An organisation sent an observation to a need")
            )
        )
        register_notice_kind(
            NoticeKind(
                challenge_services.CHALLENGES_PUBLISHED,
                _("The area challenges were published with a need you follow"),
            )
        )
        register_personal_data_provider(
            PersonalDataProvider(
                name="signals",
                export=selectors.personal_data_of,
                forget=services.personal_data_forget,
                retain=services.personal_data_retain,
            )
        )
