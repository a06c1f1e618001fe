"""Grant-use reports: written and submitted by the organisation, approved or
returned by the officer."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cooperation.errors import DomainError
from cooperation.extensions import NeedResult
from cooperation.forms import NeedResultsForm
from grants import permissions, selectors, services
from grants.forms import (
    BudgetFormSet,
    ReportForm,
    ReportReviewForm,
    budget_initial,
)

# --- Grant-use reports -----------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The organisation writes and submits its report here; the officer reviews it."""
    report = selectors.report_for(request.user, pk)
    writer = permissions.can_write_report(request.user, report)
    reviewer = permissions.can_review_report(request.user, report)
    if not permissions.can_view_report(request.user, report):
        raise Http404
    editable = writer and report.status in (report.Status.DRAFT, report.Status.RETURNED)
    data = request.POST if request.method == "POST" and editable else None
    form = ReportForm(
        data,
        initial={"what_was_done": report.what_was_done, "next_year_plan": report.next_year_plan},
    )
    budget = BudgetFormSet(data, initial=budget_initial(report.budget_lines.all()), prefix="budget")
    # Per need the application answers (issue 22): what was done, with a figure.
    needs = list(report.application.needs.order_by("title_fi", "id"))
    results = list(report.need_results.select_related("need"))
    needs_form = (
        NeedResultsForm(
            data,
            needs=needs,
            results=[NeedResult(r.need_id, r.result, r.figure) for r in results],
            prefix="needs",
        )
        if needs
        else None
    )
    if data is not None:
        needs_valid = needs_form is None or needs_form.is_valid()
        if form.is_valid() and budget.is_valid() and needs_valid:
            try:
                # Saved first, in its own transaction: a refused submission
                # never loses what was written.
                services.report_save(
                    report=report,
                    by=request.user,
                    what_was_done=form.cleaned_data["what_was_done"],
                    next_year_plan=form.cleaned_data["next_year_plan"],
                    lines=budget.lines(),
                    need_results=needs_form.results() if needs_form else None,
                )
                if request.POST.get("action") == "submit":
                    services.report_submit(report=report, by=request.user)
            except DomainError as error:
                messages.error(request, error.message)
                for problem in getattr(error, "problems", ()):
                    messages.error(request, problem)
            else:
                messages.success(request, _("Saved."))
                return redirect("grants:report_detail", pk=report.pk)
    elif request.method == "POST":
        raise Http404
    context = {
        "report": report,
        "application": report.application,
        "form": form if editable else None,
        "budget_formset": budget if editable else None,
        "needs_form": needs_form if editable else None,
        "need_results": results,
        "review_form": ReportReviewForm()
        if reviewer and report.status == report.Status.SUBMITTED
        else None,
        "lines": list(report.budget_lines.all()),
    }
    return render(
        request, "grants/report_detail.html", context, status=400 if data is not None else 200
    )


@login_required
@require_POST
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_for(request.user, pk)
    if not permissions.can_review_report(request.user, report):
        raise Http404
    form = ReportReviewForm(request.POST)
    if form.is_valid():
        try:
            services.report_review(
                report=report,
                by=request.user,
                approve=form.cleaned_data["approve"],
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The report was reviewed."))
    else:
        messages.error(request, _("Choose whether to approve or return the report."))
    return redirect("grants:report_detail", pk=report.pk)
