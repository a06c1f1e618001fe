"""Thin Celery tasks: each calls one service and is safe to run twice."""

from celery import shared_task

from . import services


@shared_task
def invitations_purge_expired() -> int:
    return services.invitations_purge_expired()
