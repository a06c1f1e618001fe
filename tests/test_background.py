"""Celery: the beat schedule, and a real round trip through Redis when it is configured."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from config.celery import app

pytestmark = pytest.mark.django_db


def test_every_scheduled_job_names_a_registered_task():
    app.loader.import_default_modules()
    for name, entry in app.conf.beat_schedule.items():
        assert entry["task"] in app.tasks, name


def test_without_redis_tasks_run_in_process():
    if settings.REDIS_URL:
        pytest.skip("Redis is configured in this run")
    from cooperation.tasks import personal_data_retention

    assert set(personal_data_retention.delay().get(timeout=5).values()) == {0}


@pytest.mark.django_db(transaction=True)
def test_a_task_goes_through_the_redis_broker_to_a_worker(region_data):
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL is not set: the broker path is tested in the PostgreSQL + Redis run")
    from celery.contrib.testing.worker import start_worker

    from cooperation.models import Invitation
    from cooperation.tasks import personal_data_retention
    from tests.factories import OrganisationFactory

    expired = Invitation.objects.create(
        organisation=OrganisationFactory(),
        email="late@example.fi",
        token_hash="0" * 64,
        expires_at=timezone.now() - timedelta(days=1),
    )
    app.conf.task_always_eager = False
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
            personal_data_retention.delay()
            deadline = time.monotonic() + 20
            while Invitation.objects.filter(pk=expired.pk).exists() and time.monotonic() < deadline:
                time.sleep(0.1)
    finally:
        app.conf.task_always_eager = True
    assert not Invitation.objects.filter(pk=expired.pk).exists()


def test_healthz_reports_redis_when_configured(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    if settings.REDIS_URL:
        assert response.json()["redis"] == "ok"
    else:
        assert "redis" not in response.json()
