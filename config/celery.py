"""The Celery app. Every periodic job of the portal is declared here, in one place."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("kumppani")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def beat_schedule() -> dict:
    """Every periodic job. Read when Celery is configured, after Django's settings
    are loaded (reading them at import time would run inside settings' own import)."""
    from django.conf import settings

    hour, minute = (int(part) for part in settings.SIGNAL_DIGEST_TIME.split(":"))
    return {
        # Personal data past its retention period (settings.PERSONAL_DATA_RETENTION_DAYS:
        # senders' contacts, expired sessions and invitations...) removed nightly
        # (idempotent).
        "cooperation-personal-data-retention": {
            "task": "cooperation.tasks.personal_data_retention",
            "schedule": crontab(hour=3, minute=15),
        },
        # The daily summary of notices people chose to have once a day, with any
        # that could not be mailed at once (each notice mailed once).
        "cooperation-notices-daily": {
            "task": "cooperation.tasks.notices_daily",
            "schedule": crontab(hour=7, minute=0),
        },
        # The weekly digest of new silent signals, Monday mornings; run daily so
        # that a Monday missed (beat or the worker down) is caught up the next
        # day, not a week later (idempotent).
        "signals-digest-daily": {
            "task": "signals.tasks.digest_daily",
            "schedule": crontab(hour=hour, minute=minute),
        },
        # Reminders of grant-use reports due soon or overdue (each sent once).
        "grants-report-reminders": {
            "task": "grants.tasks.report_reminders_send",
            "schedule": crontab(hour=8, minute=0),
        },
        # Agreements: open follow-ups of ended periods, then remind and warn (each once).
        "partnerships-follow-ups-open": {
            "task": "partnerships.tasks.follow_ups_open_due",
            "schedule": crontab(hour=6, minute=30),
        },
        "partnerships-notices": {
            "task": "partnerships.tasks.notices_send",
            "schedule": crontab(hour=8, minute=15),
        },
    }


@app.on_after_configure.connect
def _set_beat_schedule(sender, **kwargs):
    sender.conf.beat_schedule = beat_schedule()
