"""Pages of the NGO-friendly municipality checklist. Views ask permissions, call
selectors and services, and render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cooperation import permissions
from cooperation.errors import DomainError
from cooperation.forms import refusal_message
from cooperation.lib import exports, throttle
from cooperation.lib.charts import bar_chart
from cooperation.lib.downloads import PDF, file_download
from cooperation.lib.pdf import pdf_response
from cooperation.lib.throttle import TOO_MANY_POSTS
from cooperation.models import PublicBody
from cooperation.templatetags.kumppani import percent

from . import selectors, services
from .forms import (
    AssessmentStartForm,
    ComparisonForm,
    CriteriaForm,
    EvidenceDocumentForm,
    EvidenceLinkForm,
    ForumRegistrationForm,
    NgoOrganisationForm,
    SuggestionForm,
    SummaryForm,
    TargetForm,
)
from .models import Assessment, ChecklistArea, DevelopmentTarget, Evidence, ForumEvent

# --- Public pages -----------------------------------------------------------


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "cooperation/checklist/index.html",
        {
            "overview": selectors.region_overview(),
            "counties": Assessment.objects.filter(
                municipality__kind=PublicBody.Kind.COUNTY, status=Assessment.Status.PUBLISHED
            ).select_related("municipality"),
            "upcoming": ForumEvent.objects.filter(starts_at__gte=timezone.now())
            .select_related("municipality")
            .order_by("starts_at")[:10],
            "can_compare": permissions.can_compare_region(request.user),
            "can_start": permissions.can_start_assessment(request.user),
        },
    )


@require_GET
def municipality(request: HttpRequest, code: str) -> HttpResponse:
    context = selectors.municipality_page(request.user, code)
    trend = context["trend"]
    context["trend_chart"] = bar_chart(
        [(str(t.year), t.total) for t in trend if t.total is not None], display=percent
    )
    return render(request, "cooperation/checklist/municipality.html", context)


@require_GET
def contacts(request: HttpRequest, code: str) -> HttpResponse:
    found = PublicBody.objects.filter(code=code).first()
    if found is None:
        raise Http404
    return render(
        request,
        "cooperation/checklist/contacts.html",
        {"municipality": found, "liaisons": selectors.liaison_persons(found)},
    )


@require_http_methods(["GET", "POST"])
def forum_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = ForumEvent.objects.select_related("municipality").filter(pk=pk).first()
    if event is None:
        raise Http404
    initial = {}
    if request.user.is_authenticated:
        initial = {"name": request.user.full_name, "email": request.user.email}
    form = ForumRegistrationForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and not throttle.allow(
        request,
        what="forum",
        target=str(event.pk),
        per_target=settings.PUBLIC_FORM_RATE_LIMIT_PER_TARGET,
        per_address=settings.PUBLIC_FORM_RATE_LIMIT_PER_ADDRESS,
    ):
        # The form again with what was typed; nothing stored, nothing mailed.
        form.is_valid()
        form.add_error(None, TOO_MANY_POSTS)
        status = 429
    elif request.method == "POST" and form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if key != "homepage"}
        try:
            registration = services.forum_register(
                event=event, user=request.user, language=get_language() or "fi", **data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            if registration.mailed:
                messages.success(request, _("You are registered. A confirmation is on its way."))
            else:
                messages.success(
                    request,
                    _(
                        "You are registered as %(name)s (%(email)s). No e-mail is sent to an "
                        "address the portal has not confirmed: note the forum's time and place."
                    )
                    % {"name": registration.name, "email": registration.email},
                )
            return redirect("checklist:forum_detail", pk=event.pk)
    keeps = permissions.can_keep_checklist(request.user, event.municipality_id)
    return render(
        request,
        "cooperation/checklist/forum_detail.html",
        {
            "event": event,
            "form": form,
            "registration_open": event.registration_open and event.starts_at > timezone.now(),
            "organisers": event.organiser_organisations.filter(is_public=True),
            "registrations": event.registrations.all() if keeps else None,
        },
        status=status,
    )


# --- Assessments --------------------------------------------------------------


@login_required
@require_GET
def desk(request: HttpRequest) -> HttpResponse:
    keep, to_rate = selectors.assessments_for_desk(request.user)
    return render(
        request,
        "cooperation/checklist/desk.html",
        {
            "keep": keep,
            "to_rate": to_rate,
            "start_form": _start_form(request)
            if permissions.can_start_assessment(request.user)
            else None,
        },
    )


def _start_form(request, data=None) -> AssessmentStartForm:
    user = request.user
    if permissions.is_coordinator(user):
        bodies = PublicBody.objects.all()
    else:
        bodies = PublicBody.objects.filter(pk=permissions.official_municipality_id(user))
    return AssessmentStartForm(data, bodies=bodies)


@login_required
@require_POST
def assessment_start(request: HttpRequest) -> HttpResponse:
    if not permissions.can_start_assessment(request.user):
        raise Http404
    form = _start_form(request, request.POST)
    if form.is_valid():
        try:
            assessment = services.assessment_start(
                by=request.user,
                year=form.cleaned_data["year"],
                municipality=form.cleaned_data["municipality"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The assessment was started."))
            return redirect("checklist:assessment", pk=assessment.pk)
    keep, to_rate = selectors.assessments_for_desk(request.user)
    return render(
        request,
        "cooperation/checklist/desk.html",
        {"keep": keep, "to_rate": to_rate, "start_form": form},
        status=400,
    )


@require_GET
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = selectors.assessment_for(request.user, pk)
    can_edit = permissions.can_edit_assessment(request.user, assessment)
    insider = permissions.can_keep_checklist(request.user, assessment.municipality_id)
    view = selectors.assessment_view(assessment, with_comments=insider)
    target_form = None
    if permissions.can_set_targets(request.user, assessment):
        target_form = TargetForm(
            criteria=[row.criterion for t in view.themes for a in t.areas for row in a.rows]
        )
    return render(
        request,
        "cooperation/checklist/assessment.html",
        {
            "view": view,
            "assessment": assessment,
            "can_edit": can_edit,
            "insider": insider,
            "summary_form": SummaryForm(initial={"summary": assessment.summary}),
            "target_form": target_form,
            "can_rate": permissions.organisations_rating(request.user, assessment).exists(),
        },
    )


def _editable(request, pk: int) -> Assessment:
    assessment = selectors.assessment_for(request.user, pk)
    if not permissions.can_keep_checklist(request.user, assessment.municipality_id):
        raise Http404
    return assessment


@login_required
@require_http_methods(["GET", "POST"])
def assessment_area(request: HttpRequest, pk: int, area_pk: int) -> HttpResponse:
    assessment = _editable(request, pk)
    area = ChecklistArea.objects.filter(pk=area_pk, theme__edition=assessment.edition_id).first()
    criteria = list(services.assessed_criteria(assessment).filter(area=area)) if area else []
    if not criteria:
        raise Http404
    answers = {
        a.criterion_id: (a.level, a.justification)
        for a in assessment.answers.filter(criterion__area=area)
    }
    form = CriteriaForm(request.POST or None, criteria=criteria, initial_answers=answers)
    if request.method == "POST":
        if assessment.is_published:
            raise Http404
        if form.is_valid():
            try:
                services.answers_save(assessment=assessment, by=request.user, answers=form.values())
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The answers were saved."))
                return redirect("checklist:assessment_area", pk=assessment.pk, area_pk=area.pk)
    view = selectors.assessment_view(assessment, with_suggestions=True, with_comments=True)
    rows = next(a.rows for t in view.themes for a in t.areas if a.area.pk == area.pk)
    areas = [a.area for t in view.themes for a in t.areas]
    return render(
        request,
        "cooperation/checklist/assessment_area.html",
        {
            "assessment": assessment,
            "area": area,
            "form": form,
            "rows": {row.criterion.pk: row for row in rows},
            "areas": areas,
            "can_edit": not assessment.is_published,
        },
        status=400 if request.method == "POST" else 200,
    )


def _back_to_area(assessment: Assessment, criterion_id) -> HttpResponse:
    criterion = services.assessed_criteria(assessment).filter(pk=criterion_id).first()
    if criterion is None:
        return redirect("checklist:assessment", pk=assessment.pk)
    return redirect("checklist:assessment_area", pk=assessment.pk, area_pk=criterion.area_id)


@login_required
@require_POST
def evidence_link(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _editable(request, pk)
    form = EvidenceLinkForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, refusal_message(form, _("Give the evidence a title and a web address."))
        )
        return _back_to_area(assessment, request.POST.get("criterion"))
    try:
        services.evidence_add_link(
            assessment=assessment,
            criterion_id=form.cleaned_data["criterion"],
            by=request.user,
            title=form.cleaned_data["title"],
            url=form.cleaned_data["url"],
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The link was added as evidence."))
    return _back_to_area(assessment, form.cleaned_data["criterion"])


@login_required
@require_POST
def evidence_document(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _editable(request, pk)
    form = EvidenceDocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(
            request, refusal_message(form, _("Give the document a title and choose a PDF file."))
        )
        return _back_to_area(assessment, request.POST.get("criterion"))
    try:
        services.evidence_add_document(
            assessment=assessment,
            criterion_id=form.cleaned_data["criterion"],
            by=request.user,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The document was added as evidence."))
    return _back_to_area(assessment, form.cleaned_data["criterion"])


@login_required
@require_POST
def evidence_suggestion(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _editable(request, pk)
    form = SuggestionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a suggestion to accept or reject."))
        return redirect("checklist:assessment", pk=assessment.pk)
    suggestion = selectors.suggestion_for(assessment, form.cleaned_data["source"])
    if suggestion is None:
        raise Http404
    accept = form.cleaned_data["accept"]
    try:
        services.suggestion_decide(
            assessment=assessment,
            criterion_id=form.cleaned_data["criterion"],
            suggestion=suggestion,
            by=request.user,
            accept=accept,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Accepted as evidence.") if accept else _("The suggestion was rejected.")
        )
    return _back_to_area(assessment, form.cleaned_data["criterion"])


@login_required
@require_POST
def evidence_remove(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    assessment = _editable(request, pk)
    evidence = Evidence.objects.filter(pk=evidence_pk, assessment=assessment).first()
    if evidence is None:
        raise Http404
    try:
        services.evidence_remove(evidence=evidence, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The evidence was removed."))
    return _back_to_area(assessment, evidence.criterion_id)


@require_GET
def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = (
        Evidence.objects.select_related("assessment")
        .filter(pk=pk, kind=Evidence.Kind.DOCUMENT, rejected=False)
        .first()
    )
    if evidence is None or not permissions.can_view_assessment(request.user, evidence.assessment):
        raise Http404
    return file_download(
        evidence.file.open("rb"), filename=f"evidence-{evidence.pk}.pdf", content_type=PDF
    )


@login_required
@require_POST
def assessment_summary(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _editable(request, pk)
    form = SummaryForm(request.POST)
    if form.is_valid():
        try:
            services.answers_save(
                assessment=assessment,
                by=request.user,
                answers={},
                summary=form.cleaned_data["summary"],
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The summary was saved."))
    else:
        messages.error(request, refusal_message(form, _("The summary is too long.")))
    return redirect("checklist:assessment", pk=assessment.pk)


@login_required
@require_POST
def assessment_publish(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _editable(request, pk)
    try:
        services.assessment_publish(assessment=assessment, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The assessment was published. It can no longer be changed."))
    return redirect("checklist:assessment", pk=assessment.pk)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_rate(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = Assessment.objects.select_related("municipality", "edition").filter(pk=pk).first()
    if assessment is None:
        raise Http404
    organisations = permissions.organisations_rating(request.user, assessment)
    if not organisations.exists():
        raise Http404
    criteria = list(services.assessed_criteria(assessment))
    data = request.POST or None
    organisation_form = NgoOrganisationForm(data, organisations=organisations)
    form = CriteriaForm(data, criteria=criteria, require_all=True)
    if request.method == "POST" and organisation_form.is_valid() and form.is_valid():
        organisation = organisation_form.cleaned_data["organisation"]
        try:
            services.ngo_view_submit(
                assessment=assessment,
                organisation=organisation,
                by=request.user,
                ratings=form.values(),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Thank you: the view of %(organisation)s was recorded.")
                % {"organisation": organisation.name},
            )
            return redirect("checklist:desk")
    return render(
        request,
        "cooperation/checklist/rate.html",
        {"assessment": assessment, "form": form, "organisation_form": organisation_form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def target_add(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _editable(request, pk)
    form = TargetForm(request.POST, criteria=services.assessed_criteria(assessment))
    if not form.is_valid():
        messages.error(
            request,
            refusal_message(form, _("Choose the criterion and fill in every field of the target.")),
        )
        return redirect("checklist:assessment", pk=assessment.pk)
    try:
        services.target_add(
            assessment=assessment,
            by=request.user,
            **{
                "criterion_id": form.cleaned_data["criterion"],
                "description": form.cleaned_data["description"],
                "owner": form.cleaned_data["owner"],
                "due_date": form.cleaned_data["due_date"],
            },
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The development target was added."))
    return redirect("checklist:assessment", pk=assessment.pk)


@login_required
@require_POST
def target_remove(request: HttpRequest, pk: int) -> HttpResponse:
    target = DevelopmentTarget.objects.select_related("assessment").filter(pk=pk).first()
    if target is None or not permissions.can_set_targets(request.user, target.assessment):
        raise Http404
    services.target_remove(target=target, by=request.user)
    messages.success(request, _("The development target was removed."))
    return redirect("checklist:assessment", pk=target.assessment_id)


@require_GET
def assessment_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = selectors.assessment_for(request.user, pk)
    view = selectors.assessment_view(assessment)
    subject = assessment.municipality.code
    return pdf_response(
        "cooperation/checklist/pdf/assessment.html",
        {"view": view, "assessment": assessment, "generated_at": timezone.now()},
        filename=f"checklist-{subject}-{assessment.year}.pdf",
    )


# --- The regional comparison ---------------------------------------------------


def _comparison(request: HttpRequest):
    if not permissions.can_compare_region(request.user):
        raise Http404
    themes = selectors.theme_names()
    years = list(
        Assessment.objects.filter(status=Assessment.Status.PUBLISHED)
        .values_list("year", flat=True)
        .distinct()
        .order_by("year")
    )
    form = ComparisonForm(request.GET or None, years=years, themes=themes)
    figures = selectors.comparison(**form.options())
    label = themes.get(figures.theme, _("total"))
    chart = bar_chart(
        [(str(row.subject), row.own) for row in figures.rows if row.own is not None],
        display=percent,
    )
    return form, figures, themes, label, chart


@login_required
@require_GET
def comparison(request: HttpRequest) -> HttpResponse:
    form, figures, _themes, label, chart = _comparison(request)
    return render(
        request,
        "cooperation/checklist/comparison.html",
        {
            "form": form,
            "figures": figures,
            "label": label,
            "chart": chart,
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_GET
def comparison_csv(request: HttpRequest) -> HttpResponse:
    _form, figures, _themes, label, _chart = _comparison(request)
    response, writer = exports.csv_response(f"checklist-{figures.year or 'none'}.csv")
    writer.writerow(
        [
            _("Municipality or wellbeing services county"),
            _("Score"),
            _("Self-assessment (%)"),
            _("NGOs' view (%)"),
        ]
        + [str(year) for year in figures.years]
    )
    for row in figures.rows:
        writer.writerow(
            [
                exports.cell(str(row.subject)),
                exports.cell(label),
                exports.cell(row.own),
                exports.cell(row.ngo),
            ]
            + [exports.cell(row.by_year.get(year)) for year in figures.years]
        )
    return response


@login_required
@require_GET
def comparison_pdf(request: HttpRequest) -> HttpResponse:
    _form, figures, themes, label, chart = _comparison(request)
    theme_rows = {
        key: selectors.comparison(year=figures.year, theme=key, sort="name").rows for key in themes
    }
    by_subject: dict[int, dict[str, tuple]] = {}
    for key, rows in theme_rows.items():
        for row in rows:
            by_subject.setdefault(row.assessment_id, {})[key] = (row.own, row.ngo)
    table = [
        (row, [by_subject.get(row.assessment_id, {}).get(key, (None, None)) for key in themes])
        for row in selectors.comparison(year=figures.year, sort="name").rows
    ]
    return pdf_response(
        "cooperation/checklist/pdf/comparison.html",
        {
            "figures": figures,
            "label": label,
            "chart": chart,
            "themes": themes,
            "table": table,
            "generated_at": timezone.now(),
        },
        filename=f"checklist-region-{figures.year or 'none'}.pdf",
    )
