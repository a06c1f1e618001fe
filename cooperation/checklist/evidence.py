"""The core's own evidence for the checklist: forums held, liaison persons named,
statutory councils, guiding documents and how current the NGOs' profiles are.
Feature apps register theirs the same way (grant calls, facilities)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cooperation.extensions import EvidenceSuggestion, EvidenceTopic
from cooperation.models import Official, OfficialRole, Organisation

from .models import ForumEvent, GuidingDocument, StatutoryCouncil


def core_evidence(municipality, year: int) -> list[EvidenceSuggestion]:
    suggestions = []
    forums = ForumEvent.objects.filter(
        Q(municipality=municipality) | Q(municipality__isnull=True), starts_at__year=year
    ).order_by("starts_at")
    for forum in forums:
        when = formats.date_format(timezone.localtime(forum.starts_at), "SHORT_DATE_FORMAT")
        kind = _("regional forum") if forum.municipality_id is None else _("NGO forum")
        suggestions.append(
            EvidenceSuggestion(
                topic=EvidenceTopic.FORUM,
                source=f"forum:{forum.pk}",
                title=f"{forum.title} ({kind}, {when})",
                url=reverse("checklist:forum_detail", args=[forum.pk]),
                detail=_("Agenda planned with NGOs") if forum.agenda_planned_with_ngos else "",
            )
        )
    liaisons = (
        Official.objects.filter(municipality=municipality, roles__role=OfficialRole.Role.LIAISON)
        .select_related("user", "unit")
        .order_by("user__full_name")
    )
    for official in liaisons:
        title = official.user.full_name or official.user.email
        if official.unit_id:
            title = f"{title}, {official.unit.name}"
        suggestions.append(
            EvidenceSuggestion(
                topic=EvidenceTopic.LIAISON,
                source=f"liaison:{official.pk}",
                title=title,
                url=reverse("checklist:contacts", args=[municipality.code]),
            )
        )
    for council in StatutoryCouncil.objects.filter(municipality=municipality):
        suggestions.append(
            EvidenceSuggestion(
                topic=EvidenceTopic.COUNCILS,
                source=f"council:{council.pk}",
                title=f"{council.name} ({council.get_kind_display()})",
                url=council.url,
            )
        )
    documents = GuidingDocument.objects.filter(
        municipality=municipality, year__range=(year - 4, year + 1)
    )
    for document in documents:
        heard = _("NGOs were heard") if document.ngos_consulted else ""
        suggestions.append(
            EvidenceSuggestion(
                topic=EvidenceTopic.GUIDING_DOCUMENTS,
                source=f"document:{document.pk}",
                title=f"{document.title} ({document.year})",
                url=document.url,
                detail=heard,
            )
        )
    since = timezone.now() - timedelta(days=settings.PROFILE_CURRENT_DAYS)
    profiles = Organisation.objects.filter(municipalities=municipality).aggregate(
        total=Count("pk"), current=Count("pk", filter=Q(confirmed_at__gte=since))
    )
    if profiles["total"]:
        suggestions.append(
            EvidenceSuggestion(
                topic=EvidenceTopic.PROFILES,
                source=f"profiles:{year}",
                title=_(
                    "Organisations working here: %(total)s, of which %(current)s have "
                    "confirmed their profile within a year"
                )
                % profiles,
                url=reverse("cooperation:directory") + f"?municipality={municipality.pk}",
            )
        )
    return suggestions
