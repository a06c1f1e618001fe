"""A person's notices and how they want them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    AT_ONCE = "at_once", _("by e-mail at once")
    DAILY = "daily", _("in a daily summary by e-mail")
    DESK = "desk", _("only on My tasks")


class NoticePreference(models.Model):
    """How a person wants one kind of notice; no row means at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notice_preferences",
    )
    kind = models.CharField(_("kind"), max_length=60)
    delivery = models.CharField(
        _("delivery"), max_length=10, choices=Delivery, default=Delivery.AT_ONCE
    )

    class Meta:
        verbose_name = _("notice setting")
        verbose_name_plural = _("notice settings")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notice_preference_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.delivery}"


class Notice(models.Model):
    """One notice to one person, written in their language when it was made.
    (user, kind, key) is unique: the same event never tells anyone twice.
    `mailed_at` is set when the mail (at once or in the daily summary) went."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    kind = models.CharField(_("kind"), max_length=60)
    key = models.CharField(_("event"), max_length=100)
    subject = models.CharField(_("subject"), max_length=300)
    detail = models.TextField(_("message"), max_length=2000, blank=True)
    url = models.CharField(_("link"), max_length=500)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    mailed_at = models.DateTimeField(_("mailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "key"], name="person_notice_once"),
        ]
        indexes = [
            models.Index(
                fields=["delivery", "created_at"],
                name="person_notice_unmailed",
                condition=models.Q(mailed_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.subject
