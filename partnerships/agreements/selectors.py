"""Reads of the agreements register. Each returns what the caller may see, with
the related rows it shows already fetched (the query count does not grow)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.apps import apps
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.extensions import DeskItem, desk_group
from cooperation.lib.formats import day
from cooperation.models import Organisation
from cooperation.permissions import member_organisation_ids
from partnerships import permissions

from .filters import AgreementFilter
from .models import (
    Agreement,
    AgreementDocument,
    AgreementEvent,
    Commitment,
    DocumentVersion,
    FollowUpEntry,
    FollowUpRound,
)


def _with_parties(agreements: QuerySet[Agreement]) -> QuerySet[Agreement]:
    return agreements.select_related("municipality", "unit").prefetch_related(
        Prefetch(
            "organisations", queryset=Organisation.objects.only("pk", "name").order_by("name")
        ),
        "themes",
    )


PUBLIC_REGISTER = "partnerships:register"  # remembered figures (cooperation.lib.summaries)


def public_register(params: QueryDict) -> tuple[AgreementFilter, QuerySet[Agreement]]:
    """Agreements in force and ended, filtered; newest first."""
    filterset = AgreementFilter(params, queryset=permissions.public_agreements())
    agreements = filterset.qs if filterset.is_valid() else permissions.public_agreements().none()
    return filterset, _with_parties(agreements).order_by("-starts_on", "-id")


def internal_register(user, params: QueryDict, *, today: date | None = None):
    """The agreements the user works with, drafts included, with the due date of
    their oldest open follow-up; overdue follow-ups first."""
    today = today or timezone.localdate()
    base = permissions.agreements_visible_to(user)
    filterset = AgreementFilter(params, queryset=base)
    agreements = filterset.qs if filterset.is_valid() else base.none()
    oldest_open = (
        FollowUpRound.objects.filter(agreement=OuterRef("pk"), status=FollowUpRound.Status.OPEN)
        .order_by("due_on")
        .values("due_on")[:1]
    )
    agreements = (
        _with_parties(agreements)
        .select_related("responsible")
        .annotate(follow_up_due=Subquery(oldest_open))
        .annotate(
            is_overdue=Case(
                When(follow_up_due__lt=today, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        # Overdue follow-ups first, then those open, then the rest by start date.
        .order_by("-is_overdue", F("follow_up_due").asc(nulls_last=True), "-starts_on", "-id")
    )
    return filterset, agreements


def agreement_for(user, pk: int) -> tuple[Agreement, bool]:
    """One agreement the user may see, and whether they see its internal parts."""
    agreement = _with_parties(Agreement.objects.filter(pk=pk)).prefetch_related("themes").first()
    if agreement is None or not permissions.can_view(user, agreement):
        raise Http404
    return agreement, permissions.sees_internal(user, agreement)


@dataclass
class AgreementPage:
    commitments: list[Commitment]
    documents: list[AgreementDocument]
    rounds: list[FollowUpRound]
    events: list[AgreementEvent]
    versions: list
    annual_reports: list = field(default_factory=list)


def agreement_page(user, agreement: Agreement, *, internal: bool) -> AgreementPage:
    documents = list(
        permissions.documents_visible_to(user, agreement).prefetch_related(
            Prefetch("versions", queryset=DocumentVersion.objects.order_by("-number"))
        )
    )
    commitments = list(agreement.commitments.select_related("organisation"))
    if not internal:
        # The register promises what each party commits to, and how the
        # follow-ups found it: the closed rounds' findings, without their notes
        # and comments, which are the parties' working papers.
        rounds = list(
            agreement.follow_ups.filter(status=FollowUpRound.Status.CLOSED).prefetch_related(
                Prefetch("entries", queryset=FollowUpEntry.objects.select_related("commitment"))
            )
        )
        return AgreementPage(commitments, documents, rounds, [], [])
    rounds = list(
        agreement.follow_ups.prefetch_related(
            Prefetch(
                "entries",
                queryset=FollowUpEntry.objects.select_related("commitment", "reported_by"),
            ),
            "comments__author",
        )
    )
    events = list(agreement.events.select_related("actor"))
    versions = list(agreement.versions.select_related("amended_by"))
    annual = []
    if agreement.kind == Agreement.Kind.DEVELOPMENT:
        annual = list(
            agreement.annual_reports.select_related("grant_report__application", "document")
        )
    return AgreementPage(commitments, documents, rounds, events, versions, annual)


def party_grant_reports(agreement: Agreement):
    """Grant-use reports the parties have filed in the grants app, newest first.
    The model is looked up by name: this app does not import the grants app."""
    use_report = apps.get_model("grants", "UseReport")
    return (
        use_report.objects.filter(
            application__organisation__in=agreement.organisations.all(),
            submitted_at__isnull=False,
        )
        .select_related("application")
        .order_by("-submitted_at")
    )


def version_for(user, pk: int) -> DocumentVersion:
    version = DocumentVersion.objects.select_related("document__agreement").filter(pk=pk).first()
    if version is None:
        raise Http404
    agreement = version.document.agreement
    if (
        not permissions.documents_visible_to(user, agreement)
        .filter(pk=version.document_id)
        .exists()
    ):
        raise Http404
    return version


def follow_up_for(user, pk: int) -> FollowUpRound:
    round_ = (
        FollowUpRound.objects.select_related("agreement__municipality")
        .prefetch_related("comments__author")
        .filter(pk=pk)
        .first()
    )
    if round_ is None or not permissions.sees_internal(user, round_.agreement):
        raise Http404
    return round_


def register_report(user, municipality) -> QuerySet[Agreement]:
    """A municipality's agreements for its board: all but drafts, in force first."""
    agreements = permissions.agreements_visible_to(user).filter(municipality=municipality)
    return agreements.exclude(status=Agreement.Status.DRAFT).order_by(
        Case(When(status=Agreement.Status.IN_FORCE, then=Value(0)), default=Value(1)),
        "-starts_on",
        "-id",
    )


def register_report_rows(agreements: QuerySet[Agreement]) -> QuerySet[Agreement]:
    """The rows of the board report, each with its parties and its follow-ups'
    entries already fetched."""
    return _with_parties(agreements).prefetch_related(
        Prefetch(
            "follow_ups",
            queryset=FollowUpRound.objects.prefetch_related("entries").order_by("-period_start"),
        ),
    )


# --- The desk ---------------------------------------------------------------


def desk(user):
    """The agreements' part of the desk: open follow-ups in which a commitment of
    the person's organisation has not been reported on yet, soonest due first."""
    organisations = member_organisation_ids(user)
    if not organisations:
        return
    unreported = Commitment.objects.filter(
        agreement_id=OuterRef("agreement_id"),
        organisation_id__in=organisations,
    ).exclude(
        Exists(
            FollowUpEntry.objects.filter(
                round_id=OuterRef(OuterRef("pk")), commitment_id=OuterRef("pk")
            )
        )
    )
    yield desk_group(
        "agreements_follow_ups",
        _("Agreement follow-ups to report on"),
        FollowUpRound.objects.filter(Exists(unreported), status=FollowUpRound.Status.OPEN)
        .select_related("agreement")
        .order_by("due_on", "id"),
        lambda round_: DeskItem(
            str(round_.agreement),
            reverse("partnerships:follow_up_detail", args=[round_.pk]),
            detail=f"{day(round_.period_start)}–{day(round_.period_end)}",
            when=_("due %(date)s") % {"date": day(round_.due_on)},
        ),
    )
