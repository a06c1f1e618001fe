"""Every write of the checklist: assessments, answers, evidence, the NGOs' views,
publication with its stored scores, development targets, forum registrations and
new editions of the model. One transaction each; mail after commit."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from datetime import date
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation import emails
from cooperation.errors import DomainError
from cooperation.extensions import EvidenceSuggestion
from cooperation.lib.uploads import check_pdf, stored_upload
from cooperation.models import (
    OfficialRole,
    Organisation,
    PublicBody,
    User,
)
from cooperation.notices.services import notify
from cooperation.selectors import holders_or_coordinators

from . import scoring
from .models import (
    Answer,
    Assessment,
    AssessmentScore,
    ChecklistArea,
    ChecklistEdition,
    ChecklistTheme,
    Criterion,
    DevelopmentTarget,
    Evidence,
    ForumEvent,
    ForumRegistration,
    Level,
    NgoRating,
    NgoResponse,
)

logger = logging.getLogger(__name__)

# The notice the liaison person gets of an NGO's view (registered in cooperation.apps).
NGO_VIEW = "checklist.ngo_view"

FIRST_YEAR = 2015


def assessed_criteria(assessment: Assessment):
    """The criteria an assessment answers: the whole edition for a municipality,
    the areas marked for the county for the wellbeing services county."""
    criteria = Criterion.objects.filter(area__theme__edition_id=assessment.edition_id)
    if assessment.is_county:
        criteria = criteria.filter(area__concerns_county=True)
    return criteria.select_related("area__theme").order_by(
        "area__theme__position", "area__position", "position", "id"
    )


def _locked_draft(assessment: Assessment) -> Assessment:
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.is_published:
        raise DomainError(_("The assessment is published and can no longer be changed."))
    return locked


def _criterion_of(assessment: Assessment, criterion_id: int) -> Criterion:
    criterion = assessed_criteria(assessment).filter(pk=criterion_id).first()
    if criterion is None:
        raise DomainError(_("The criterion is not part of this assessment."))
    return criterion


@transaction.atomic
def assessment_start(
    *,
    by: User,
    year: int,
    municipality: PublicBody,
) -> Assessment:
    """A draft on the newest edition in use, of a municipality or of the county. One
    assessment a subject and year."""
    this_year = timezone.localdate().year
    if not FIRST_YEAR <= year <= this_year + 1:
        raise DomainError(
            _("The year must be between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": this_year + 1}
        )
    edition = ChecklistEdition.objects.filter(published=True).order_by("-number").first()
    if edition is None:
        raise DomainError(_("No edition of the checklist is in use."))
    try:
        with transaction.atomic():
            return Assessment.objects.create(
                edition=edition, municipality=municipality, year=year, created_by=by
            )
    except IntegrityError:
        raise DomainError(
            _("There is already an assessment of %(year)s.") % {"year": year}
        ) from None


@transaction.atomic
def answers_save(
    *, assessment: Assessment, by: User, answers: Mapping[int, tuple[str, str]], summary=None
) -> int:
    """Store answers {criterion id: (level, justification)}; returns how many changed.
    A level may be left empty while the draft is under way."""
    assessment = _locked_draft(assessment)
    criteria = {c.pk: c for c in assessed_criteria(assessment).filter(pk__in=list(answers))}
    if len(criteria) != len(answers):
        raise DomainError(_("The criterion is not part of this assessment."))
    existing = {a.criterion_id: a for a in assessment.answers.filter(criterion_id__in=criteria)}
    changed = 0
    for criterion_id, (level, justification) in answers.items():
        if level and level not in Level.values:
            raise DomainError(_("Choose a level for each criterion."))
        justification = justification.strip()
        answer = existing.get(criterion_id)
        if answer is None:
            if not level and not justification:
                continue
            answer = Answer(assessment=assessment, criterion_id=criterion_id)
        elif answer.level == level and answer.justification == justification:
            continue
        answer.level, answer.justification, answer.updated_by = level, justification, by
        answer.save()
        changed += 1
    if summary is not None and summary.strip() != assessment.summary:
        assessment.summary = summary.strip()
        assessment.save(update_fields=["summary"])
        changed += 1
    return changed


def _safe_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise DomainError(_("Give a web address that starts with https:// or http://."))
    return url


@transaction.atomic
def evidence_add_link(
    *, assessment: Assessment, criterion_id: int, by: User, title: str, url: str
) -> Evidence:
    assessment = _locked_draft(assessment)
    criterion = _criterion_of(assessment, criterion_id)
    if not title.strip():
        raise DomainError(_("Give the evidence a title."))
    return Evidence.objects.create(
        assessment=assessment,
        criterion=criterion,
        kind=Evidence.Kind.LINK,
        title=title.strip()[:300],
        url=_safe_url(url)[:500],
        added_by=by,
    )


def evidence_add_document(
    *, assessment: Assessment, criterion_id: int, by: User, title: str, upload: UploadedFile
) -> Evidence:
    """A PDF checked by its content before anything is stored."""
    checked = check_pdf(upload, max_bytes=settings.CHECKLIST_DOCUMENT_MAX_BYTES)
    if not title.strip():
        raise DomainError(_("Give the evidence a title."))
    with transaction.atomic():
        assessment = _locked_draft(assessment)
        criterion = _criterion_of(assessment, criterion_id)
        evidence = Evidence(
            assessment=assessment,
            criterion=criterion,
            kind=Evidence.Kind.DOCUMENT,
            title=title.strip()[:300],
            token=secrets.token_hex(16),
            added_by=by,
        )
        with stored_upload(evidence.file, checked, stem="evidence"):
            evidence.save()
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: Evidence, by: User) -> None:
    _locked_draft(evidence.assessment)
    stored = evidence.file.name if evidence.file else ""
    evidence.delete()
    if stored:
        storage = Evidence._meta.get_field("file").storage
        transaction.on_commit(lambda: storage.delete(stored))


@transaction.atomic
def suggestion_decide(
    *,
    assessment: Assessment,
    criterion_id: int,
    suggestion: EvidenceSuggestion,
    by: User,
    accept: bool,
) -> Evidence:
    """Accept a record of the portal as evidence, or reject it so it is not offered
    again. Deciding twice keeps the first decision's row and updates it."""
    assessment = _locked_draft(assessment)
    criterion = _criterion_of(assessment, criterion_id)
    if criterion.evidence_topic != suggestion.topic:
        raise DomainError(_("The record is not evidence for this criterion."))
    evidence, _created = Evidence.objects.update_or_create(
        assessment=assessment,
        criterion=criterion,
        source=suggestion.source,
        defaults={
            "kind": Evidence.Kind.RECORD,
            "title": suggestion.title[:300],
            "url": suggestion.url[:500],
            "rejected": not accept,
            "added_by": by,
        },
    )
    return evidence


@transaction.atomic
def ngo_view_submit(
    *,
    assessment: Assessment,
    organisation: Organisation,
    by: User,
    ratings: Mapping[int, tuple[str, str]],
) -> NgoResponse:
    """An organisation's view of every criterion, given once."""
    assessment = _locked_draft(assessment)
    criteria = set(assessed_criteria(assessment).values_list("pk", flat=True))
    if set(ratings) != criteria:
        raise DomainError(
            _("Rate every criterion (choose “not applicable” where it does not fit).")
        )
    if any(level not in Level.values for level, _comment in ratings.values()):
        raise DomainError(
            _("Rate every criterion (choose “not applicable” where it does not fit).")
        )
    try:
        with transaction.atomic():
            response = NgoResponse.objects.create(
                assessment=assessment, organisation=organisation, submitted_by=by
            )
    except IntegrityError:
        raise DomainError(
            _("%(organisation)s has already given its view of this assessment.")
            % {"organisation": organisation.name}
        ) from None
    NgoRating.objects.bulk_create(
        NgoRating(response=response, criterion_id=pk, level=level, comment=comment.strip())
        for pk, (level, comment) in ratings.items()
    )
    # The liaison person keeps the assessment; one of a municipality (or the county)
    # with no liaison person yet is the coordinators'.
    keepers = holders_or_coordinators(OfficialRole.Role.LIAISON, assessment.municipality_id)
    notify(
        kind=NGO_VIEW,
        key=f"ngo-view:{response.pk}",
        users=keepers,
        subject=gettext_lazy("%(organisation)s gave its view on the assessment %(assessment)s"),
        params={"organisation": organisation.name, "assessment": str(assessment)},
        url=reverse("checklist:assessment", args=[assessment.pk]),
    )
    return response


def compute_scores(assessment: Assessment) -> dict[str, scoring.ScoreSheet]:
    """The self-assessment's and the NGOs' score sheets (three queries)."""
    rows = [(c.area.theme.key, c.area.key, c.pk) for c in assessed_criteria(assessment)]
    own = {
        criterion_id: scoring.level_points(level)
        for criterion_id, level in assessment.answers.values_list("criterion_id", "level")
    }
    spread = scoring.spreads(
        NgoRating.objects.filter(response__assessment=assessment).values_list(
            "criterion_id", "level"
        )
    )
    ngo = {criterion_id: s.mean_points for criterion_id, s in spread.items()}
    return {
        AssessmentScore.Perspective.SELF: scoring.roll_up(rows, own),
        AssessmentScore.Perspective.NGO: scoring.roll_up(rows, ngo),
    }


@transaction.atomic
def assessment_publish(*, assessment: Assessment, by: User) -> Assessment:
    """Freeze the assessment and store its scores. Every criterion needs a level."""
    assessment = _locked_draft(assessment)
    answered = set(assessment.answers.exclude(level="").values_list("criterion_id", flat=True))
    missing = assessed_criteria(assessment).exclude(pk__in=answered).count()
    if missing:
        raise DomainError(
            _("Give every criterion a level before publishing: %(count)s without one.")
            % {"count": missing}
        )
    scores = []
    for perspective, sheet in compute_scores(assessment).items():
        parts = [(AssessmentScore.Scope.TOTAL, "", sheet.total)]
        parts += [(AssessmentScore.Scope.THEME, k, v) for k, v in sheet.themes.items()]
        parts += [(AssessmentScore.Scope.AREA, k, v) for k, v in sheet.areas.items()]
        scores += [
            AssessmentScore(
                assessment=assessment,
                perspective=perspective,
                scope=scope,
                key=key,
                percent=score.percent,
                applicable=score.applicable,
            )
            for scope, key, score in parts
        ]
    AssessmentScore.objects.bulk_create(scores)
    assessment.status = Assessment.Status.PUBLISHED
    assessment.published_at = timezone.now()
    assessment.published_by = by
    assessment.save(update_fields=["status", "published_at", "published_by"])
    return assessment


@transaction.atomic
def target_add(
    *,
    assessment: Assessment,
    criterion_id: int,
    by: User,
    description: str,
    owner: str,
    due_date: date,
) -> DevelopmentTarget:
    criterion = _criterion_of(assessment, criterion_id)
    if not description.strip() or not owner.strip():
        raise DomainError(_("Say what will be done and who owns the target."))
    if due_date.year < assessment.year:
        raise DomainError(_("The due date cannot be before the assessed year."))
    try:
        with transaction.atomic():
            return DevelopmentTarget.objects.create(
                assessment=assessment,
                criterion=criterion,
                description=description.strip(),
                owner=owner.strip()[:200],
                due_date=due_date,
                created_by=by,
            )
    except IntegrityError:
        raise DomainError(_("This criterion already has a development target.")) from None


@transaction.atomic
def target_remove(*, target: DevelopmentTarget, by: User) -> None:
    target.delete()


def forum_register(
    *,
    event: ForumEvent,
    name: str,
    email: str,
    organisation_name: str = "",
    user: User | None = None,
    language: str = "fi",
) -> ForumRegistration:
    """Register for a forum. A confirmation is mailed (after the commit) only to
    an address the portal has confirmed as the registering user's own: a form
    anyone may send must not mail whatever address was typed (the page shows
    the registration instead). `registration.mailed` tells which it was."""
    email = email.strip().lower()
    mailed = (
        user is not None
        and user.is_authenticated
        and EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()
    )
    with transaction.atomic():
        event = ForumEvent.objects.select_for_update().get(pk=event.pk)
        if not event.registration_open or event.starts_at <= timezone.now():
            raise DomainError(_("Registration for this forum is closed."))
        if event.capacity is not None and event.registrations.count() >= event.capacity:
            raise DomainError(_("The forum is full."))
        try:
            with transaction.atomic():
                registration = ForumRegistration.objects.create(
                    event=event,
                    name=name.strip()[:200],
                    email=email,
                    organisation_name=organisation_name.strip()[:200],
                    user=user if user is not None and user.is_authenticated else None,
                    language=language,
                )
        except IntegrityError:
            raise DomainError(
                _("This e-mail address is already registered for the forum.")
            ) from None
        if mailed:
            transaction.on_commit(lambda: _send_registration(registration.pk))
    registration.mailed = mailed  # type: ignore[attr-defined]
    return registration


def _send_registration(registration_pk: int) -> None:
    registration = ForumRegistration.objects.select_related("event__municipality").get(
        pk=registration_pk
    )
    try:
        emails.send_forum_registration(registration)
    except Exception:
        # The registration stands; the person sees it on the page too.
        logger.exception("Forum registration %s: confirmation not sent", registration_pk)


@transaction.atomic
def edition_copy(*, edition: ChecklistEdition, name: str) -> ChecklistEdition:
    """A new edition to reword or extend, not yet in use; criteria keep their keys."""
    number = (ChecklistEdition.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    copy = ChecklistEdition.objects.create(number=number, name=name.strip() or edition.name)
    for theme in edition.themes.prefetch_related("areas__criteria"):
        new_theme = ChecklistTheme.objects.create(
            edition=copy,
            key=theme.key,
            position=theme.position,
            name_fi=theme.name_fi,
            name_sv=theme.name_sv,
            name_en=theme.name_en,
        )
        for area in theme.areas.all():
            new_area = ChecklistArea.objects.create(
                theme=new_theme,
                key=area.key,
                position=area.position,
                name_fi=area.name_fi,
                name_sv=area.name_sv,
                name_en=area.name_en,
                summary_fi=area.summary_fi,
                summary_sv=area.summary_sv,
                summary_en=area.summary_en,
                concerns_county=area.concerns_county,
            )
            Criterion.objects.bulk_create(
                Criterion(
                    area=new_area,
                    key=c.key,
                    position=c.position,
                    text_fi=c.text_fi,
                    text_sv=c.text_sv,
                    text_en=c.text_en,
                    evidence_topic=c.evidence_topic,
                )
                for c in area.criteria.all()
            )
    return copy
