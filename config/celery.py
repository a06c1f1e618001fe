"""The Celery app. Every periodic job of the portal is declared here, in one place."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("kumppani")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Expired organisation invitations are removed nightly (idempotent).
    "cooperation-invitations-purge-expired": {
        "task": "cooperation.tasks.invitations_purge_expired",
        "schedule": crontab(hour=3, minute=15),
    },
}
