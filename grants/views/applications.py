"""Pages of the grants app. Views ask permissions, call selectors and services, and render."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cooperation import exports
from cooperation.charts import bar_chart
from cooperation.errors import DomainError
from cooperation.pagination import CappedCountPaginator
from cooperation.pdf import pdf_response
from cooperation.templatetags.kumppani import euro

from . import permissions, selectors, services
from .forms import (
    ApplicationForm,
    ApplicationStartForm,
    AttachmentForm,
    BudgetFormSet,
    DecisionForm,
    EndorseForm,
    FundingForm,
    ReportForm,
    ReportReviewForm,
    RequestInfoForm,
    ReviewForm,
    ScreenForm,
    StatisticsForm,
    budget_initial,
)
from .models import Application
from .pdf import application_pdf, decision_letter_pdf

S = Application.Status
PAGE_SIZE = 50


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Public: calls, calendar, decisions ------------------------------------


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
    context = {
        "year": year,
        "rows": selectors.calendar(request.user, year),
        "months": range(1, 13),
        "previous": year - 1,
        "next": year + 1,
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
    if handles:
        if application.can_move_to(S.IN_REVIEW):
            context["screen_form"] = forms.get("screen_form") or ScreenForm()
        if application.can_move_to(S.INFO_REQUESTED):
            context["info_form"] = forms.get("info_form") or RequestInfoForm()
        context["can_decide"] = application.status == S.IN_REVIEW
        context["can_pay"] = application.can_move_to(S.PAID)
    if permissions.can_endorse(user, application) and application.can_move_to(S.ENDORSED):
        context["endorse_form"] = forms.get("endorse_form") or EndorseForm()
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
    }
    data = request.POST if request.method == "POST" else None
    activity = (
        ApplicationForm(data, initial=initial, prefix="activity")
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
    if request.method == "POST":
        if all(form.is_valid() for form in forms_):
            changes = {}
            if activity:
                fields = {
                    name: activity.cleaned_data[name] for name in ("title", "purpose", "language")
                }
                changes.update(
                    fields=fields,
                    target_groups=activity.cleaned_data["target_groups"],
                    themes=activity.cleaned_data["themes"],
                    municipalities=activity.cleaned_data["municipalities"],
                )
            if funding and open_parts["funding"]:
                changes["other_funding"] = funding.cleaned_data["other_funding"]
            if funding and budget_open:
                changes["requested_amount"] = funding.cleaned_data["requested_amount"]
            if budget:
                changes["lines"] = budget.lines()
            try:
                services.application_save(application=application, by=request.user, **changes)
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Saved."))
                return redirect("grants:application_edit", pk=application.pk)
        else:
            messages.error(request, _("Check the marked fields; nothing was saved."))
    context = {
        "application": application,
        "activity_form": activity,
        "funding_form": funding,
        "budget_formset": budget,
        "attachment_form": AttachmentForm() if open_parts["attachments"] else None,
        "open_parts": open_parts,
    }
    return render(
        request,
        "grants/application_edit.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


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
    response = FileResponse(
        attachment.file.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{attachment.application.reference}-{attachment.kind}.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


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
    if data is not None:
        if form.is_valid() and budget.is_valid():
            try:
                # Saved first, in its own transaction: a refused submission
                # never loses what was written.
                services.report_save(
                    report=report,
                    by=request.user,
                    what_was_done=form.cleaned_data["what_was_done"],
                    next_year_plan=form.cleaned_data["next_year_plan"],
                    lines=budget.lines(),
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


# --- Statistics and history ------------------------------------------------


def _statistics(request: HttpRequest):
    form = StatisticsForm(request.GET)
    filters = form.filters()
    return form, filters, selectors.grant_statistics(**filters)


def _dimension_label(dimension: str) -> str:
    return {
        "municipality": _("Municipality"),
        "theme": _("Theme"),
        "size": _("Size of the organisation"),
    }[dimension]


def _statistics_charts(statistics) -> list[tuple[str, str, object]]:
    by_dimension = {
        "municipality": _("Granted by municipality"),
        "theme": _("Granted by theme"),
        "size": _("Granted by size of the organisation"),
    }
    return [
        (
            "years",
            _("Granted by year"),
            bar_chart([(str(f.year), f.granted) for f in statistics.by_year], display=euro),
        ),
        (
            "dimension",
            by_dimension[statistics.dimension],
            bar_chart([(row.label, row.total) for row in statistics.rows], display=euro),
        ),
    ]


@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    form, _filters, figures = _statistics(request)
    return render(
        request,
        "grants/statistics.html",
        {
            "form": form,
            "statistics": figures,
            "charts": _statistics_charts(figures),
            "dimension_label": _dimension_label(figures.dimension),
            "query": request.GET.urlencode(),
            "can_export_pdf": permissions.can_export_statistics(request.user),
        },
    )


@require_GET
def statistics_csv(request: HttpRequest) -> HttpResponse:
    _form, _filters, figures = _statistics(request)
    response, writer = exports.csv_response("grant-statistics.csv")
    writer.writerow([_("Break down by"), _("Value"), _("Year"), _("Grants"), _("Granted (€)")])
    for figures_of_year in figures.by_year:
        writer.writerow(
            [
                _("all"),
                "",
                figures_of_year.year,
                figures_of_year.grants,
                exports.cell(figures_of_year.granted),
            ]
        )
    dimension = _dimension_label(figures.dimension)
    for row in figures.rows:
        for year, granted in zip(figures.years, row.granted_by_year, strict=True):
            if granted:
                writer.writerow(
                    [dimension, exports.cell(row.label), year, "", exports.cell(granted)]
                )
    return response


@login_required
@require_GET
def statistics_pdf(request: HttpRequest) -> HttpResponse:
    if not permissions.can_export_statistics(request.user):
        raise Http404
    _form, filters, figures = _statistics(request)
    return pdf_response(
        "grants/pdf/statistics.html",
        {
            "statistics": figures,
            "charts": _statistics_charts(figures),
            "dimension_label": _dimension_label(figures.dimension),
            "filters": filters,
            "generated_at": timezone.now(),
        },
        filename="grant-statistics.pdf",
    )


@require_GET
def organisation_history(request: HttpRequest, pk: int) -> HttpResponse:
    organisation, years, visible_ids = selectors.organisation_grant_history(request.user, pk)
    return render(
        request,
        "grants/organisation_history.html",
        {"organisation": organisation, "years": years, "visible_ids": visible_ids},
    )
