"""Reviewers score an application; the officer decides on it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cooperation.errors import DomainError
from grants import permissions, selectors, services
from grants.forms import (
    DecisionForm,
    ReviewForm,
)
from grants.models import Application

S = Application.Status


# --- Review and decision ---------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def application_review(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(request.user, pk)
    if not permissions.can_review(request.user, application):
        raise Http404
    criteria = list(application.call.criteria.all())
    summary = selectors.review_summary(request.user, application)
    own = summary.own
    submitting = request.POST.get("action") == "submit"
    if request.method == "POST":
        form = ReviewForm(request.POST, criteria=criteria, submitting=submitting)
        if form.is_valid():
            try:
                services.review_save(
                    application=application,
                    reviewer=request.user,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                    submit=submitting,
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request, _("Your review was submitted.") if submitting else _("Saved.")
                )
                return redirect("grants:application_review", pk=application.pk)
    else:
        initial = {"comment": own.comment if own else ""}
        if own:
            for score in own.scores.all():
                initial[f"score_{score.criterion_id}"] = (
                    "na" if score.value is None else str(score.value)
                )
                initial[f"comment_{score.criterion_id}"] = score.comment
        form = ReviewForm(initial=initial, criteria=criteria)
    context = {
        "application": application,
        "form": form,
        "summary": summary,
        "final": bool(own and own.submitted_at),
        "open": application.status == S.IN_REVIEW,
    }
    return render(
        request,
        "grants/application_review.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(request.user, pk)
    if not permissions.can_handle_application(request.user, application):
        raise Http404
    form = DecisionForm(request.POST or None, initial={"amount": application.requested_amount})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.application_decide(
                application=application,
                by=request.user,
                grant=data["grant"],
                amount=data["amount"] if data["grant"] else None,
                conditions=data["conditions"],
                reasoning=data["reasoning"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The decision was made and the applicant notified."))
            return redirect("grants:application_detail", pk=application.pk)
    context = {
        "application": application,
        "form": form,
        "totals": selectors.call_totals(application.call),
        "summary": selectors.review_summary(request.user, application),
        "open": application.status == S.IN_REVIEW,
    }
    return render(
        request,
        "grants/application_decide.html",
        context,
        status=400 if request.method == "POST" else 200,
    )
