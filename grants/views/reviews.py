"""Reviewers score an application; the officer decides on it."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cooperation.errors import DomainError
from grants import permissions, selectors, services
from grants.forms import (
    DecisionForm,
    ReviewForm,
)
from grants.models import Application
from grants.pdf import letter_context

S = Application.Status


# --- Review and decision ---------------------------------------------------


@login_required
@require_POST
def application_review_join(request: HttpRequest, pk: int) -> HttpResponse:
    """The officer joins the call's reviewers and goes on to score."""
    application = selectors.application_for(request.user, pk)
    if not permissions.can_join_review(request.user, application):
        raise Http404
    services.reviewer_join(call=application.call, user=request.user)
    return redirect("grants:application_review", pk=application.pk)


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


def _decision_initial(application: Application, user) -> dict:
    record = services.DecisionRecord.by_official(user)
    with translation.override(application.language):
        payment_terms = application.call.payment_terms
    return {
        "amount": application.requested_amount,
        "decision_maker": record.decision_maker,
        "decision_maker_title": record.decision_maker_title,
        "decision_date": timezone.localdate(),
        "contact_person": record.contact_person,
        "payment_terms": payment_terms,
    }


def _preview(application: Application, form: DecisionForm) -> dict:
    """The letter as it would go out, in the applicant's language, from an
    unsaved copy of the application with the form's decision on it."""
    data = form.cleaned_data
    draft = copy.copy(application)
    draft.status = S.GRANTED if data["grant"] else S.REJECTED
    draft.granted_amount = data["amount"] if data["grant"] else None
    draft.conditions = data["conditions"]
    draft.reasoning = data["reasoning"]
    record = form.record()
    draft.decision_maker = record.decision_maker
    draft.decision_maker_title = record.decision_maker_title
    draft.decision_date = record.decision_date
    draft.decision_section = record.decision_section
    draft.contact_person = record.contact_person
    with translation.override(application.language):
        draft.payment_terms = record.payment_terms if data["grant"] else ""
        draft.appeal_instructions = services.appeal_text(application.call.municipality)
        letter = render_to_string(
            "grants/includes/decision_letter.html",
            letter_context(draft, report_due=application.call.report_due_date),
        )
    return {"letter": letter, "letter_language": application.language}


@login_required
@require_http_methods(["GET", "POST"])
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Two steps: the officer fills in the decision and sees the letter as the
    applicant will get it; only their confirmation stores and sends it. Going
    back to change it keeps everything typed."""
    application = selectors.application_for(request.user, pk)
    if not permissions.can_handle_application(request.user, application):
        raise Http404
    form = DecisionForm(request.POST or None, initial=_decision_initial(application, request.user))
    step = request.POST.get("step", "preview")
    preview = None
    if request.method == "POST" and form.is_valid() and step != "edit":
        if step == "confirm":
            try:
                services.application_decide(
                    application=application,
                    by=request.user,
                    grant=form.cleaned_data["grant"],
                    amount=form.cleaned_data["amount"] if form.cleaned_data["grant"] else None,
                    conditions=form.cleaned_data["conditions"],
                    reasoning=form.cleaned_data["reasoning"],
                    record=form.record(),
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The decision was made and the applicant notified."))
                return redirect("grants:application_detail", pk=application.pk)
        else:
            preview = _preview(application, form)
    call = application.call
    context = {
        "application": application,
        "form": form,
        "preview": preview,
        "totals": selectors.call_totals(call),
        "summary": selectors.review_summary(request.user, application),
        "open": application.status == S.IN_REVIEW and call.decidable(),
        "waits_for_closing": application.status == S.IN_REVIEW and not call.decidable(),
    }
    failed = (request.method == "POST" and not form.is_valid()) or bool(form.non_field_errors())
    return render(request, "grants/application_decide.html", context, status=400 if failed else 200)
