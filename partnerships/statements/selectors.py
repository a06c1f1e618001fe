"""Reads of the partnership statements: what the user may see, with the rows each
page shows fetched at once."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.extensions import DeskItem, NeedAnswer, desk_group
from cooperation.lib.formats import day, money, need_result
from cooperation.permissions import (
    is_active_user,
    member_organisation_ids,
    official_municipality_id,
)

from .. import permissions
from ..agreements.models import Agreement, FollowUpNeedResult
from .models import StatementEndorsement, StatementRequest

Status = StatementRequest.Status


def statement_list(user, *, status: str = "") -> QuerySet[StatementRequest]:
    requests = permissions.statements_visible_to(user).select_related(
        "organisation", "municipality"
    )
    if status in Status.values:
        requests = requests.filter(status=status)
    return requests.order_by("-created_at", "-id")


def statement_get_visible(*, user, pk: int) -> StatementRequest:
    request = (
        permissions.statements_visible_to(user)
        .select_related("organisation", "municipality", "network", "signed_by", "agreement")
        .filter(pk=pk)
        .first()
    )
    if request is None:
        raise Http404
    return request


def statement_page(request: StatementRequest) -> dict:
    return {
        "needs": list(request.needs.select_related("municipality").order_by("title_fi", "id")),
        "endorsements": list(request.endorsements.select_related("member")),
        "events": list(request.events.select_related("actor")),
    }


def desk(user):
    """Requests waiting for the person: a network member's to endorse, the body's
    officials' to answer, the organisation's to record the funder's decision."""
    if not is_active_user(user):
        return
    networks = user.grant_networks.values("pk")
    yield desk_group(
        "statements_to_endorse",
        _("Partnership statement requests to endorse"),
        StatementRequest.objects.filter(status=Status.SUBMITTED, network_id__in=networks)
        .exclude(Exists(StatementEndorsement.objects.filter(request=OuterRef("pk"), member=user)))
        .select_related("organisation")
        .order_by("submitted_at", "id"),
        _item,
        more_url=reverse("partnerships:statement_list") + f"?status={Status.SUBMITTED}",
    )
    body_id = official_municipality_id(user)
    if body_id is not None:
        yield desk_group(
            "statements_to_answer",
            _("Partnership statements to give"),
            StatementRequest.objects.filter(status=Status.IN_PROCESSING, municipality_id=body_id)
            .select_related("organisation")
            .order_by("submitted_at", "id"),
            _item,
            more_url=reverse("partnerships:statement_list") + f"?status={Status.IN_PROCESSING}",
        )
    organisations = member_organisation_ids(user)
    if organisations:
        yield desk_group(
            "statements_funder",
            _("Statements waiting for the funder's decision"),
            StatementRequest.objects.filter(status=Status.GIVEN, organisation_id__in=organisations)
            .select_related("organisation")
            .order_by("answered_at", "id"),
            _item,
            more_url=reverse("partnerships:statement_list") + f"?status={Status.GIVEN}",
        )


def _item(request: StatementRequest) -> DeskItem:
    return DeskItem(
        f"{request.organisation.name}: {request.project_title}",
        reverse("partnerships:statement_detail", args=[request.pk]),
        detail=f"{request.reference} · {request.funder_label} {request.funding_round}",
        when=_("sent %(date)s") % {"date": day(timezone.localdate(request.submitted_at))}
        if request.submitted_at
        else "",
    )


def need_answers(need_id: int) -> list[NeedAnswer]:
    """The statements given for the need and the agreements that answer it (two
    queries): the partnerships' part of the need's trail."""
    answers = []
    requests = (
        StatementRequest.objects.filter(needs=need_id)
        .exclude(status__in=(Status.DRAFT, Status.SUBMITTED, Status.NOT_ENDORSED))
        .select_related("organisation")
        .order_by("submitted_at", "id")[:200]
    )
    for request in requests:
        detail = request.get_status_display()
        if request.has_statement:
            detail = _("%(status)s, %(amount)s applied from %(funder)s") % {
                "status": detail,
                "amount": money(request.applied_from_funder),
                "funder": request.funder_label,
            }
        answers.append(
            NeedAnswer(
                kind=request.get_kind_display() or _("Partnership statement request"),
                title=f"{request.organisation.name}: {request.project_title}",
                url=reverse("partnerships:statement_detail", args=[request.pk]),
                on=timezone.localdate(request.answered_at or request.submitted_at)
                if (request.answered_at or request.submitted_at)
                else None,
                detail=detail,
            )
        )
    agreements = (
        Agreement.objects.filter(needs=need_id)
        .exclude(status=Agreement.Status.DRAFT)
        .only("reference", "title", "status", "starts_on")
        .order_by("starts_on", "id")[:200]
    )
    for agreement in agreements:
        answers.append(
            NeedAnswer(
                kind=_("Partnership agreement"),
                title=str(agreement),
                url=reverse("partnerships:agreement_detail", args=[agreement.pk]),
                on=agreement.starts_on,
                detail=agreement.get_status_display(),
            )
        )
    # What the agreements' follow-ups say was done for the need.
    results = (
        FollowUpNeedResult.objects.filter(need_id=need_id)
        .select_related("round__agreement")
        .order_by("round__period_end", "id")[:200]
    )
    for result in results:
        answers.append(
            NeedAnswer(
                kind=_("Agreement follow-up"),
                title=f"{result.round.agreement} {result.round}",
                url=reverse("partnerships:follow_up_detail", args=[result.round_id]),
                on=result.round.period_end,
                detail=need_result(result),
            )
        )
    return answers


def need_figures(need_ids) -> dict[int, dict]:
    """For the needs' statistics (two grouped queries): per need, the statements given
    for it with the outside funding the funders granted, and the agreements (not
    drafts) that answer it."""
    figures: dict[int, dict] = {}
    given = (
        StatementRequest.needs.through.objects.filter(
            need_id__in=need_ids, statementrequest__status__in=StatementRequest.WITH_STATEMENT
        )
        .values("need_id")
        .annotate(
            statements=Count("statementrequest_id"),
            outside_funding=Sum(
                "statementrequest__applied_from_funder",
                filter=Q(statementrequest__status=Status.AGREED),
            ),
        )
    )
    for row in given:
        figures[row["need_id"]] = {
            "statements": row["statements"],
            "outside_funding": row["outside_funding"] or Decimal(0),
        }
    agreements = (
        Agreement.needs.through.objects.filter(need_id__in=need_ids)
        .exclude(agreement__status=Agreement.Status.DRAFT)
        .values("need_id")
        .annotate(agreements=Count("agreement_id"))
    )
    for agreement_row in agreements:
        figures.setdefault(agreement_row["need_id"], {})["agreements"] = agreement_row["agreements"]
    return figures
