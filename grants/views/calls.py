"""Public pages of grant calls: the list, the yearly calendar, a call with its
guidelines, and its published decisions (page and CSV)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cooperation.errors import DomainError
from cooperation.lib import exports
from cooperation.lib.pdf import pdf_response
from grants import permissions, selectors, services
from grants.appeal import instructions_for
from grants.forms import (
    ApplicationStartForm,
)
from grants.models import Application

# --- Public: calls, calendar, decisions ------------------------------------


S = Application.Status


@require_GET
def call_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "grants/call_list.html", {"calls": selectors.calls_for_listing(request.user)}
    )


@require_GET
def call_calendar(request: HttpRequest) -> HttpResponse:
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        year = this_year
    year = min(max(year, 2000), this_year + 5)
    # Years as text: a number would print with a thousands separator ("2 026"),
    # in the heading and in the links' ?year= alike.
    context = {
        "year": str(year),
        "rows": selectors.calendar(request.user, year),
        "months": range(1, 13),
        "previous": str(year - 1),
        "next": str(year + 1),
    }
    return render(request, "grants/call_calendar.html", context)


@require_GET
def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = selectors.call_for(request.user, pk)
    organisations = permissions.applying_organisations(request.user)
    context = {
        "call": call,
        "is_open": call.is_open(),
        "can_manage": permissions.can_manage_call(request.user, call),
        "start_form": ApplicationStartForm(organisations=organisations)
        if organisations.exists()
        else None,
    }
    if context["can_manage"]:
        context["totals"] = selectors.call_totals(call)
    return render(request, "grants/call_detail.html", context)


def _decisions_visible(request, call) -> bool:
    return call.decisions_published_at is not None or permissions.can_see_unpublished_decisions(
        request.user, call
    )


@require_GET
def call_decisions(request: HttpRequest, pk: int) -> HttpResponse:
    call = selectors.call_for(request.user, pk)
    if not _decisions_visible(request, call):
        raise Http404
    decisions = list(selectors.published_decisions(call))
    total = sum(application.granted_amount for application in decisions)
    return render(
        request,
        "grants/call_decisions.html",
        {"call": call, "decisions": decisions, "total": total},
    )


@require_GET
def call_decisions_csv(request: HttpRequest, pk: int) -> HttpResponse:
    call = selectors.call_for(request.user, pk)
    if not _decisions_visible(request, call):
        raise Http404
    response, writer = exports.csv_response(f"grant-decisions-{call.pk}.csv")
    writer.writerow([_("Organisation"), _("Business ID"), _("Purpose"), _("Granted (€)")])
    for application in selectors.published_decisions(call):
        writer.writerow(
            [
                exports.cell(application.organisation.name),
                application.organisation.business_id or "",
                exports.cell(application.title),
                exports.cell(application.granted_amount),
            ]
        )
    return response


@require_GET
def call_decisions_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The call's decision list as a board publishes it: every application's
    decision, the sums, and how to request a review."""
    call = selectors.call_for(request.user, pk)
    if not _decisions_visible(request, call):
        raise Http404
    decisions = selectors.decision_list(call)
    granted = [a for a in decisions if a.status in (S.GRANTED, S.PAID)]
    return pdf_response(
        "grants/pdf/decision_list.html",
        {
            "call": call,
            "decisions": decisions,
            "granted_count": len(granted),
            "granted_total": sum(a.granted_amount for a in granted),
            "applied_total": sum(a.requested_amount for a in decisions),
            "appeal": instructions_for(call.municipality),
            "generated_at": timezone.now(),
        },
        filename=f"grant-decisions-{call.pk}.pdf",
    )


@login_required
@require_POST
def call_publish_decisions(request: HttpRequest, pk: int) -> HttpResponse:
    call = selectors.call_for(request.user, pk)
    if not permissions.can_manage_call(request.user, call):
        raise Http404
    try:
        services.call_publish_decisions(call=call, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The decisions are public."))
    return redirect("grants:call_detail", pk=call.pk)
