"""The Celery app. Every periodic job of the portal is declared here, in one place."""

import os

from celery import Celery
from celery.schedules import crontab
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("kumppani")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

_digest_hour, _digest_minute = (int(part) for part in settings.SIGNAL_DIGEST_TIME.split(":"))

app.conf.beat_schedule = {
    # Expired organisation invitations are removed nightly (idempotent).
    "cooperation-invitations-purge-expired": {
        "task": "cooperation.tasks.invitations_purge_expired",
        "schedule": crontab(hour=3, minute=15),
    },
    # The weekly digest of new silent signals, Monday mornings (idempotent).
    "signals-digest-weekly": {
        "task": "signals.tasks.digest_weekly",
        "schedule": crontab(day_of_week="mon", hour=_digest_hour, minute=_digest_minute),
    },
}
