"""An organisation's applications: starting, editing with the budget and
attachments, submitting, withdrawing; the officer's list, screening, information
requests, network endorsement and payment; the application and decision PDFs."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cooperation.errors import DomainError
from cooperation.extensions import need_choices
from cooperation.lib import confirm
from cooperation.lib.downloads import PDF, download, file_download
from cooperation.lib.pagination import CappedCountPaginator
from grants import permissions, selectors, services
from grants.forms import (
    ApplicationForm,
    ApplicationStartForm,
    AttachmentForm,
    BudgetFormSet,
    EndorseForm,
    FundingForm,
    ReopenEndorsementForm,
    RequestInfoForm,
    ScreenForm,
    budget_initial,
)
from grants.models import Application
from grants.pdf import application_pdf, decision_letter_pdf

S = Application.Status
PAGE_SIZE = 50


def _pdf(content: bytes, filename: str) -> HttpResponse:
    return download(content, filename=filename, content_type=PDF, cache="private, no-store")


# --- Applying --------------------------------------------------------------


@login_required
@require_POST
def application_start(request: HttpRequest, pk: int) -> HttpResponse:
    call = selectors.call_for(request.user, pk)
    organisations = permissions.applying_organisations(request.user)
    if not organisations.exists():
        raise Http404
    form = ApplicationStartForm(request.POST, organisations=organisations)
    if form.is_valid():
        try:
            application = services.application_create(
                call=call,
                organisation=form.cleaned_data["organisation"],
                by=request.user,
                title=form.cleaned_data["title"],
                form_token=form.cleaned_data["form_token"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("The draft was started. It is saved each time you save the form.")
            )
            return redirect("grants:application_edit", pk=application.pk)
    context = {"call": call, "is_open": call.is_open(), "can_manage": False, "start_form": form}
    return render(request, "grants/call_detail.html", context, status=400)


@login_required
@require_GET
def application_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in S.values else ""
    call_id = request.GET.get("call", "")
    call_id = int(call_id) if call_id.isdigit() else None
    query = request.GET.get("q", "").strip()[:100]
    applications = selectors.application_list_for(
        request.user, call_id=call_id, status=status, query=query
    )
    page = CappedCountPaginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "statuses": S.choices,
        "status": status,
        "query": query,
        "call_id": call_id,
        "officer": permissions.officer_municipality(request.user) is not None,
    }
    return render(request, "grants/application_list.html", context)


def _detail_context(request, application: Application, **forms) -> dict:
    user = request.user
    handles = permissions.can_handle_application(user, application)
    applicant = permissions.is_applicant(user, application)
    context = {
        "application": application,
        "applicant": applicant,
        "handles": handles,
        "can_submit": applicant
        and permissions.can_submit_application(user, application)
        and application.can_move_to(S.SUBMITTED),
        "can_edit": permissions.can_edit_application(user, application),
        "can_withdraw": permissions.can_submit_application(user, application)
        and application.can_move_to(S.WITHDRAWN),
        "can_review": permissions.can_review(user, application)
        and application.status == S.IN_REVIEW,
        "decided": application.decided_at is not None
        and permissions.can_see_decision(user, application),
        "report": getattr(application, "use_report", None) if applicant or handles else None,
    }
    if context["can_submit"]:
        context["problems"] = services.submission_problems(application)
    if handles or permissions.can_review(user, application):
        context["summary"] = selectors.review_summary(user, application)
        context["reviewers"] = selectors.reviewer_progress(application)
        context["can_join_review"] = permissions.can_join_review(user, application)
    if handles:
        if application.can_move_to(S.IN_REVIEW):
            context["screen_form"] = forms.get("screen_form") or ScreenForm()
        if application.can_move_to(S.INFO_REQUESTED):
            context["info_form"] = forms.get("info_form") or RequestInfoForm()
        context["can_decide"] = application.status == S.IN_REVIEW
        context["can_pay"] = application.can_move_to(S.PAID)
    if permissions.can_endorse(user, application):
        context["statements"] = selectors.endorsement_statements(application)
        if application.status == S.SUBMITTED and not any(
            statement.member_id == user.pk for statement in context["statements"]
        ):
            context["endorse_form"] = forms.get("endorse_form") or EndorseForm()
        if permissions.can_reopen_endorsement(user, application):
            context["reopen_form"] = forms.get("reopen_form") or ReopenEndorsementForm()
    return context


@login_required
@require_GET
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(request.user, pk)
    return render(request, "grants/application_detail.html", _detail_context(request, application))


def _act(
    request: HttpRequest,
    pk: int,
    *,
    allowed: Callable,
    form_class,
    form_name: str,
    run: Callable,
    done: str,
) -> HttpResponse:
    """A POSTed action on an application: permission (404 otherwise), form, service."""
    application = selectors.application_for(request.user, pk)
    if not allowed(request.user, application):
        raise Http404
    form = form_class(request.POST)
    if form.is_valid():
        try:
            run(application, form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, done)
            return redirect("grants:application_detail", pk=application.pk)
    context = _detail_context(request, application, **{form_name: form})
    context[form_name] = form
    return render(request, "grants/application_detail.html", context, status=400)


@login_required
@require_POST
def application_screen(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        allowed=permissions.can_handle_application,
        form_class=ScreenForm,
        form_name="screen_form",
        run=lambda application, data: services.application_screen(
            application=application, by=request.user, eligible=data["eligible"], note=data["note"]
        ),
        done=_("The screening was recorded."),
    )


@login_required
@require_POST
def application_request_info(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        allowed=permissions.can_handle_application,
        form_class=RequestInfoForm,
        form_name="info_form",
        run=lambda application, data: services.application_request_info(
            application=application,
            by=request.user,
            sections=data["sections"],
            message=data["message"],
        ),
        done=_("The applicant was asked for more information."),
    )


@login_required
@require_POST
def application_endorse(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        allowed=permissions.can_endorse,
        form_class=EndorseForm,
        form_name="endorse_form",
        run=lambda application, data: services.application_endorse(
            application=application, by=request.user, endorse=data["endorse"], note=data["note"]
        ),
        done=_("The network's statement was recorded."),
    )


@login_required
@require_POST
def application_endorsement_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        allowed=permissions.can_reopen_endorsement,
        form_class=ReopenEndorsementForm,
        form_name="reopen_form",
        run=lambda application, data: services.application_endorsement_reopen(
            application=application, by=request.user, reason=data["reason"]
        ),
        done=_("The application waits for the network's statements again."),
    )


def _simple_action(request, pk, *, allowed, run, done) -> HttpResponse:
    application = selectors.application_for(request.user, pk)
    if not allowed(request.user, application):
        raise Http404
    try:
        run(application)
    except DomainError as error:
        messages.error(request, error.message)
        if isinstance(error, services.ApplicationIncomplete):
            for problem in error.problems:
                messages.error(request, problem)
    else:
        messages.success(request, done)
    return redirect("grants:application_detail", pk=application.pk)


@login_required
@require_POST
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _simple_action(
        request,
        pk,
        allowed=permissions.can_submit_application,
        run=lambda application: services.application_submit(
            application=application, by=request.user
        ),
        done=_("The application was submitted. A receipt with a PDF of it was sent to you."),
    )


@login_required
@require_POST
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(request.user, pk)
    if not permissions.can_submit_application(request.user, application):
        raise Http404
    asked = confirm.ask(
        request,
        title=_("Withdraw the application"),
        question=_(
            "Withdraw the application %(reference)s “%(title)s”? It will not be handled, "
            "and it cannot be submitted again; a new application can be made while the "
            "call is open."
        )
        % {"reference": application.reference, "title": application.title},
        confirm_label=_("Withdraw the application"),
        cancel_url=reverse("grants:application_detail", args=[application.pk]),
    )
    if asked:
        return asked
    return _simple_action(
        request,
        pk,
        allowed=permissions.can_submit_application,
        run=lambda application: services.application_withdraw(
            application=application, by=request.user
        ),
        done=_("The application was withdrawn."),
    )


@login_required
@require_POST
def application_mark_paid(request: HttpRequest, pk: int) -> HttpResponse:
    return _simple_action(
        request,
        pk,
        allowed=permissions.can_handle_application,
        run=lambda application: services.application_mark_paid(
            application=application, by=request.user
        ),
        done=_("The grant was marked paid."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft (or the reopened parts): activity, budget, funding, attachments."""
    application = selectors.application_for(request.user, pk)
    if not permissions.can_edit_application(request.user, application):
        raise Http404
    open_parts = {
        section: application.section_is_open(section) for section in Application.Section.values
    }
    initial = {
        "title": application.title,
        "purpose": application.purpose,
        "language": application.language,
        "target_groups": list(application.target_groups.all()),
        "themes": list(application.themes.all()),
        "municipalities": list(application.municipalities.all()),
        "needs": list(application.needs.all()),
    }
    data = request.POST if request.method == "POST" else None
    activity = (
        ApplicationForm(
            data,
            initial=initial,
            prefix="activity",
            needs=need_choices(application.call.municipality_id),
        )
        if open_parts["activity"]
        else None
    )
    budget_open = open_parts["budget"]
    funding = (
        FundingForm(
            data,
            initial={
                "requested_amount": application.requested_amount,
                "other_funding": application.other_funding,
            },
            prefix="funding",
        )
        if budget_open or open_parts["funding"]
        else None
    )
    budget = (
        BudgetFormSet(data, initial=budget_initial(application.budget_lines.all()), prefix="budget")
        if budget_open
        else None
    )
    forms_ = [form for form in (activity, funding, budget) if form is not None]
    # The attachments are in the same form as the text: adding or removing one
    # saves what was typed first, so no click throws it away.
    attachment_form = (
        AttachmentForm(
            data, request.FILES or None, prefix="attachment", use_required_attribute=False
        )
        if open_parts["attachments"]
        else None
    )
    adding = attachment_form is not None and "add_attachment" in request.POST
    removing = request.POST.get("remove_attachment") if attachment_form is not None else None
    status = 200
    if request.method == "POST":
        status = 400
        if not all(form.is_valid() for form in forms_):
            messages.error(request, _("Check the marked fields; nothing was saved."))
        elif adding and not attachment_form.is_valid():
            messages.error(
                request, _("Choose the kind of attachment and a file; nothing was saved.")
            )
        else:
            try:
                with transaction.atomic():
                    if forms_:
                        services.application_save(
                            application=application,
                            by=request.user,
                            **_changes(activity, funding, budget, open_parts),
                        )
                    if adding:
                        services.attachment_add(
                            application=application,
                            kind=attachment_form.cleaned_data["kind"],
                            upload=attachment_form.cleaned_data["file"],
                            by=request.user,
                        )
                    if removing:
                        attachment = application.attachments.filter(pk=removing).first()
                        if attachment is None:
                            raise Http404
                        services.attachment_remove(attachment=attachment, by=request.user)
            except DomainError as error:
                messages.error(request, error.message)
            else:
                if adding:
                    messages.success(request, _("Saved, and the attachment was added."))
                elif removing:
                    messages.success(request, _("Saved, and the attachment was removed."))
                else:
                    messages.success(request, _("Saved."))
                return redirect("grants:application_edit", pk=application.pk)
    context = {
        "application": application,
        "activity_form": activity,
        "funding_form": funding,
        "budget_formset": budget,
        "attachment_form": attachment_form,
        "open_parts": open_parts,
    }
    return render(request, "grants/application_edit.html", context, status=status)


def _changes(activity, funding, budget, open_parts) -> dict:
    """What the open parts of the edit form change, for application_save."""
    changes: dict = {}
    if activity:
        changes.update(
            fields={name: activity.cleaned_data[name] for name in ("title", "purpose", "language")},
            target_groups=activity.cleaned_data["target_groups"],
            themes=activity.cleaned_data["themes"],
            municipalities=activity.cleaned_data["municipalities"],
        )
        if "needs" in activity.fields:
            changes["needs"] = activity.cleaned_data["needs"]
    if funding and open_parts["funding"]:
        changes["other_funding"] = funding.cleaned_data["other_funding"]
    if funding and open_parts["budget"]:
        changes["requested_amount"] = funding.cleaned_data["requested_amount"]
    if budget:
        changes["lines"] = budget.lines()
    return changes


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(request.user, pk)
    if not permissions.can_edit_application(request.user, application):
        raise Http404
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                application=application,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                by=request.user,
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The attachment was added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("grants:application_edit", pk=application.pk)


@login_required
@require_POST
def attachment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = selectors.attachment_for(request.user, pk)
    application = attachment.application
    if not permissions.can_edit_application(request.user, application):
        raise Http404
    try:
        services.attachment_remove(attachment=attachment, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The attachment was removed."))
    return redirect("grants:application_edit", pk=application.pk)


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    """Attachments are never served from a public path: only through this check."""
    attachment = selectors.attachment_for(request.user, pk)
    return file_download(
        attachment.file.open("rb"),
        filename=f"{attachment.application.reference}-{attachment.kind}.pdf",
        content_type=PDF,
    )


@login_required
@require_GET
def application_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(request.user, pk)
    return _pdf(application_pdf(application), f"application-{application.reference}.pdf")


@login_required
@require_GET
def decision_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(request.user, pk)
    if application.decided_at is None and application.status != S.INELIGIBLE:
        raise Http404
    if not permissions.can_see_decision(request.user, application):
        raise Http404
    return _pdf(decision_letter_pdf(application), f"decision-{application.reference}.pdf")
