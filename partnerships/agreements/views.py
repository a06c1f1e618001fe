"""Pages of the agreements register: the public register, the officials' and
parties' register, one agreement, its documents and follow-ups."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cooperation.errors import DomainError
from cooperation.extensions import NeedResult
from cooperation.forms import NeedResultsForm, refusal_message
from cooperation.lib import exports, summaries
from cooperation.lib.downloads import PDF, download, file_download
from cooperation.lib.pagination import CachedCountPaginator
from cooperation.models import PublicBody
from partnerships import permissions

from . import selectors, services
from .forms import (
    AgreementForm,
    AnnualReportForm,
    CommentForm,
    CommitmentForm,
    DocumentForm,
    EntryForm,
    FunderDecisionForm,
    StatusForm,
)
from .models import Agreement, AnnualReport, Commitment, FollowUpRound
from .pdf import agreement_pdf, register_pdf

PAGE_SIZE = 30


def _page(request: HttpRequest, queryset):
    paginator = CachedCountPaginator(queryset, PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    return paginator.get_page(request.GET.get("page")), query.urlencode()


@require_GET
def register(request: HttpRequest) -> HttpResponse:
    filterset, agreements = selectors.public_register(request.GET)
    page, query = _page(request, agreements)
    return render(
        request,
        "partnerships/register.html",
        {
            "filter": filterset,
            "page": page,
            "query": query,
            "has_internal": permissions.agreements_visible_to(request.user).exists(),
        },
    )


@login_required
@require_GET
def internal_register(request: HttpRequest) -> HttpResponse:
    filterset, agreements = selectors.internal_register(request.user, request.GET)
    page, query = _page(request, agreements)
    return render(
        request,
        "partnerships/internal_register.html",
        {
            "filter": filterset,
            "page": page,
            "query": query,
            "can_create": permissions.can_create(request.user),
            "can_export": permissions.can_export_register(request.user),
            # The board's PDF is one municipality's: an official's own, or the
            # one a coordinator has filtered by (else the page asks for one).
            "pdf_ready": hasattr(request.user, "official") or bool(request.GET.get("municipality")),
        },
    )


@require_GET
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, internal = selectors.agreement_for(request.user, pk)
    can_manage = permissions.can_manage(request.user, agreement)
    parts = selectors.agreement_page(request.user, agreement, internal=internal)
    # One form on the page: for the oldest report still owed.
    pending = [report for report in parts.annual_reports if report.received_at is None]
    return render(
        request,
        "partnerships/agreement_detail.html",
        {
            "agreement": agreement,
            "internal": internal,
            "parts": parts,
            "annual_pending_pk": pending[-1].pk if pending else None,
            "can_manage": can_manage,
            "status_actions": _status_actions(agreement) if can_manage else [],
            "funder_form": FunderDecisionForm() if can_manage else None,
            "document_form": DocumentForm() if can_manage else None,
            "annual_form": (
                AnnualReportForm(grant_reports=selectors.party_grant_reports(agreement))
                if internal and permissions.can_submit_annual_report(request.user, agreement)
                else None
            ),
        },
    )


def _status_actions(agreement: Agreement) -> list[tuple[str, str]]:
    """The status changes that make sense now (the services refuse the rest)."""
    S = Agreement.Status
    wanted = {
        "send_to_funder": agreement.status == S.DRAFT and agreement.depends_on_funder,
        "bring_into_force": agreement.status == S.DRAFT and not agreement.depends_on_funder,
        "end": agreement.status == S.IN_FORCE,
        "terminate": agreement.status == S.IN_FORCE,
    }
    return [(key, label) for key, label in StatusForm.ACTIONS.items() if wanted[key]]


@require_GET
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    version = selectors.version_for(request.user, pk)
    # The name the uploader gave the file, made safe for the header.
    return file_download(version.file.open("rb"), filename=version.original_name, content_type=PDF)


# --- Keeping the register (the municipality's officials) --------------------


def _managed(request: HttpRequest, pk: int) -> Agreement:
    agreement, _internal = selectors.agreement_for(request.user, pk)
    if not permissions.can_manage(request.user, agreement):
        raise Http404
    return agreement


def _back(agreement: Agreement) -> HttpResponse:
    return redirect("partnerships:agreement_detail", pk=agreement.pk)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create(request.user):
        raise Http404
    municipality = request.user.official.municipality
    form = AgreementForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.agreement_create(
                by=request.user,
                municipality=municipality,
                fields=form.agreement_fields(),
                organisations=form.cleaned_data["organisations"],
                themes=form.cleaned_data["themes"],
                spaces=form.cleaned_data["spaces"],
                needs=form.chosen_needs() or (),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("The agreement was saved as a draft. Add the commitments next.")
            )
            return _back(agreement)
    return render(
        request,
        "partnerships/agreement_form.html",
        {"form": form, "agreement": None},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _managed(request, pk)
    form = AgreementForm(
        request.POST or None,
        instance=Agreement.objects.get(pk=agreement.pk),
        municipality=agreement.municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_save(
                agreement=agreement,
                by=request.user,
                fields=form.agreement_fields(),
                organisations=form.cleaned_data["organisations"],
                themes=form.cleaned_data["themes"],
                spaces=form.cleaned_data["spaces"],
                needs=form.chosen_needs(),
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return _back(agreement)
    return render(
        request,
        "partnerships/agreement_form.html",
        {"form": form, "agreement": agreement},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def commitment_edit(
    request: HttpRequest, pk: int, commitment_pk: int | None = None
) -> HttpResponse:
    """Add a commitment, or change one (an amendment when the agreement is in force)."""
    agreement = _managed(request, pk)
    commitment = None
    initial = {}
    if commitment_pk is not None:
        commitment = agreement.commitments.filter(pk=commitment_pk).first()
        if commitment is None:
            raise Http404
        initial = {
            "party": str(commitment.organisation_id or ""),
            "description": commitment.description,
            "measure": commitment.measure,
            "indicator": commitment.indicator,
            "target": commitment.target,
        }
    form = CommitmentForm(request.POST or None, initial=initial, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            if commitment is None:
                services.commitment_add(
                    agreement=agreement,
                    by=request.user,
                    data=form.commitment(),
                    reason=form.cleaned_data["reason"],
                )
            else:
                services.commitment_update(
                    commitment=commitment,
                    by=request.user,
                    data=form.commitment(),
                    reason=form.cleaned_data["reason"],
                )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return _back(agreement)
    return render(
        request,
        "partnerships/commitment_form.html",
        {"form": form, "agreement": agreement, "commitment": commitment},
        status=400 if request.method == "POST" else 200,
    )


def _act(request: HttpRequest, agreement: Agreement, action: Callable[[], object], done: str):
    """Run one service; tell the user what happened or why it could not."""
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return _back(agreement)


@login_required
@require_POST
def commitment_remove(request: HttpRequest, pk: int, commitment_pk: int) -> HttpResponse:
    agreement = _managed(request, pk)
    commitment = agreement.commitments.filter(pk=commitment_pk).first()
    if commitment is None:
        raise Http404
    return _act(
        request,
        agreement,
        lambda: services.commitment_remove(commitment=commitment, by=request.user),
        _("The commitment was removed."),
    )


@login_required
@require_POST
def agreement_status(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _managed(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, refusal_message(form, _("Choose a status change.")))
        return _back(agreement)
    note = form.cleaned_data["note"]
    actions = {
        "send_to_funder": lambda: services.agreement_send_to_funder(
            agreement=agreement, by=request.user
        ),
        "bring_into_force": lambda: services.agreement_bring_into_force(
            agreement=agreement, by=request.user
        ),
        "end": lambda: services.agreement_end(agreement=agreement, by=request.user, note=note),
        "terminate": lambda: services.agreement_terminate(
            agreement=agreement, by=request.user, note=note
        ),
    }
    return _act(
        request, agreement, actions[form.cleaned_data["action"]], _("The status was changed.")
    )


@login_required
@require_POST
def agreement_funder(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _managed(request, pk)
    form = FunderDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the funder's decision and its date."))
        return _back(agreement)
    data = form.cleaned_data
    return _act(
        request,
        agreement,
        lambda: services.funder_decision_record(
            agreement=agreement,
            by=request.user,
            positive=data["positive"],
            decided_on=data["decided_on"],
            note=data["note"],
        ),
        _("The funder's decision was recorded."),
    )


@login_required
@require_POST
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _managed(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, refusal_message(form, _("Choose a PDF file to upload.")))
        return _back(agreement)
    document = None
    if request.POST.get("document"):
        document = agreement.documents.filter(pk=request.POST["document"]).first()
        if document is None:
            raise Http404
    return _act(
        request,
        agreement,
        lambda: services.document_add(
            agreement=agreement,
            by=request.user,
            upload=form.cleaned_data["file"],
            title=form.cleaned_data["title"],
            is_public=form.cleaned_data["is_public"],
            document=document,
        ),
        _("The document was added."),
    )


# --- Follow-up -------------------------------------------------------------


@login_required
@require_POST
def follow_up_open(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _managed(request, pk)
    try:
        round_ = services.follow_up_open(agreement=agreement, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return _back(agreement)
    messages.success(request, _("The follow-up was opened; the parties can now report."))
    return redirect("partnerships:follow_up_detail", pk=round_.pk)


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The round's page: every commitment with what was reported, a form for each
    commitment the user reports on, and the comments of both sides."""
    round_ = selectors.follow_up_for(request.user, pk)
    agreement = round_.agreement
    entries = {entry.commitment_id: entry for entry in round_.entries.select_related("reported_by")}
    commitments = list(agreement.commitments.select_related("organisation"))
    open_round = round_.status == FollowUpRound.Status.OPEN
    rows = []
    for commitment in commitments:
        entry = entries.get(commitment.pk)
        form = None
        if open_round and permissions.can_report(request.user, commitment):
            initial = (
                {"fulfilment": entry.fulfilment, "figure": entry.figure, "note": entry.note}
                if entry
                else {}
            )
            bound = request.POST if request.POST.get("commitment") == str(commitment.pk) else None
            form = EntryForm(bound, initial=initial, prefix=f"c{commitment.pk}")
        rows.append((commitment, entry, form))
    # Per need the agreement answers (issue 22): what was done in the period.
    needs = list(agreement.needs.order_by("title_fi", "id"))
    results = list(round_.need_results.select_related("need"))
    needs_form = None
    if needs and open_round and permissions.can_comment(request.user, round_):
        bound = request.POST if request.POST.get("needs_form") == "1" else None
        needs_form = NeedResultsForm(
            bound,
            needs=needs,
            results=[NeedResult(r.need_id, r.result, r.figure) for r in results],
            prefix="needs",
        )
    status = 200
    if request.method == "POST" and needs_form is not None and needs_form.is_bound:
        if needs_form.is_valid():
            try:
                services.follow_up_need_results(
                    round=round_, by=request.user, results=needs_form.results()
                )
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Your report was saved."))
                return redirect("partnerships:follow_up_detail", pk=round_.pk)
        status = 400
    elif request.method == "POST":
        target = next((row for row in rows if row[2] is not None and row[2].is_bound), None)
        if target is None:
            raise Http404
        commitment, _entry, form = target
        if form.is_valid():
            try:
                services.follow_up_report(
                    round=round_, commitment=commitment, by=request.user, **form.cleaned_data
                )
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Your report was saved."))
                return redirect("partnerships:follow_up_detail", pk=round_.pk)
        status = 400
    return render(
        request,
        "partnerships/follow_up_detail.html",
        {
            "round": round_,
            "agreement": agreement,
            "rows": rows,
            "needs_form": needs_form,
            "need_results": results,
            "comment_form": CommentForm()
            if permissions.can_comment(request.user, round_)
            else None,
            "can_manage": permissions.can_manage(request.user, agreement),
        },
        status=status,
    )


@login_required
@require_POST
def follow_up_comment(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = selectors.follow_up_for(request.user, pk)
    if not permissions.can_comment(request.user, round_):
        raise Http404
    form = CommentForm(request.POST)
    if form.is_valid():
        services.follow_up_comment(round=round_, by=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Your comment was added."))
    else:
        messages.error(request, refusal_message(form, _("Write the comment.")))
    return redirect("partnerships:follow_up_detail", pk=round_.pk)


@login_required
@require_POST
def follow_up_close(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = selectors.follow_up_for(request.user, pk)
    if not permissions.can_manage(request.user, round_.agreement):
        raise Http404
    try:
        services.follow_up_close(round=round_, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The follow-up was closed."))
    return redirect("partnerships:follow_up_detail", pk=round_.pk)


@login_required
@require_POST
def annual_report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = AnnualReport.objects.select_related("agreement").filter(pk=pk).first()
    if report is None or not permissions.can_submit_annual_report(request.user, report.agreement):
        raise Http404
    agreement = report.agreement
    form = AnnualReportForm(
        request.POST, request.FILES, grant_reports=selectors.party_grant_reports(agreement)
    )
    if not form.is_valid():
        messages.error(
            request, _("Choose the grant-use report, or upload the report and plan as a PDF.")
        )
        return _back(agreement)
    return _act(
        request,
        agreement,
        lambda: services.annual_report_submit(
            report=report,
            by=request.user,
            upload=form.cleaned_data["file"],
            grant_report=form.cleaned_data["grant_report"],
        ),
        _("The report and plan were received."),
    )


# --- Exports ---------------------------------------------------------------


def _pdf(content: bytes, filename: str) -> HttpResponse:
    return download(content, filename=filename, content_type=PDF, cache="private, no-store")


@require_GET
def agreement_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, internal = selectors.agreement_for(request.user, pk)
    return _pdf(
        agreement_pdf(request.user, agreement, internal=internal), f"{agreement.reference}.pdf"
    )


@login_required
@require_GET
def register_pdf_view(request: HttpRequest) -> HttpResponse:
    """A municipality's register for its board: an official's own municipality, or
    the one a coordinator names (?municipality=code)."""
    if not permissions.can_export_register(request.user):
        raise Http404
    code = request.GET.get("municipality", "")
    official = getattr(request.user, "official", None)
    municipality = (
        official.municipality
        if official is not None
        else PublicBody.objects.filter(code=code).first()
    )
    if municipality is None:
        raise Http404
    agreements = selectors.register_report(request.user, municipality)
    return _pdf(register_pdf(municipality, agreements), f"agreements-{municipality.code}.pdf")


def _finnish_date(day) -> str:
    # Finnish dates in every language (1.2.2026); date_format() per row was most
    # of a long export's time.
    return f"{day.day}.{day.month}.{day.year}" if day else ""


def _csv_rows(agreements, *, internal: bool) -> list[list[str]]:
    header = [
        _("Reference"),
        _("Title"),
        _("Kind"),
        _("Status"),
        _("Municipality"),
        _("Parties"),
        _("Starts"),
        _("Ends"),
    ]
    if internal:
        header += [_("Responsible"), _("Follow-up due")]
    rows = [header]
    kinds = {value: str(label) for value, label in Agreement.Kind.choices}
    statuses = {value: str(label) for value, label in Agreement.Status.choices}
    for agreement in agreements:
        row = [
            agreement.reference,
            exports.cell(agreement.title),
            kinds[agreement.kind],
            statuses[agreement.status],
            agreement.municipality.name,
            exports.cell(", ".join(o.name for o in agreement.organisations.all())),
            _finnish_date(agreement.starts_on),
            _finnish_date(agreement.ends_on),
        ]
        if internal:
            row += [
                exports.cell(str(agreement.responsible or "")),
                _finnish_date(agreement.follow_up_due),
            ]
        rows.append(row)
    return rows


def _csv(rows: list[list[str]], filename: str) -> HttpResponse:
    response, writer = exports.csv_response(filename)
    writer.writerows(rows)
    return response


def _filter_value(value) -> str:
    if isinstance(value, (list, tuple, QuerySet)):
        return ",".join(sorted(_filter_value(item) for item in value))
    return str(getattr(value, "pk", value))


@require_GET
def register_csv(request: HttpRequest) -> HttpResponse:
    """The public register as a spreadsheet: anyone may load it, so its rows are
    remembered (summaries) per language and filter, and written from there."""
    filterset, agreements = selectors.public_register(request.GET)
    filters = sorted(
        (name, _filter_value(value))
        for name, value in (filterset.form.cleaned_data if filterset.is_valid() else {}).items()
        if value not in (None, "", [])
    )
    key = hashlib.sha256(f"{get_language()}|{filters!r}".encode()).hexdigest()
    rows = summaries.remembered(
        selectors.PUBLIC_REGISTER, key, lambda: _csv_rows(agreements, internal=False)
    )
    return _csv(rows, "agreements.csv")


@login_required
@require_GET
def internal_register_csv(request: HttpRequest) -> HttpResponse:
    _filterset, agreements = selectors.internal_register(request.user, request.GET)
    return _csv(_csv_rows(agreements, internal=True), "my-agreements.csv")


def _iso_date(value: str | None):
    return date.fromisoformat(value) if value else None


@require_GET
def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """An earlier version of an amended agreement, as it read then (insiders only)."""
    agreement, internal = selectors.agreement_for(request.user, pk)
    version = agreement.versions.select_related("amended_by").filter(number=number).first()
    if not internal or version is None:
        raise Http404
    content = version.content
    labels = {
        "kind": dict(Agreement.Kind.choices),
        "status": dict(Agreement.Status.choices),
        "indicator": dict(Commitment.Indicator.choices),
    }
    return render(
        request,
        "partnerships/version_detail.html",
        {
            "agreement": agreement,
            "version": version,
            "content": content,
            "kind": labels["kind"].get(content.get("kind"), ""),
            "status": labels["status"].get(content.get("status"), ""),
            "starts_on": _iso_date(content.get("starts_on")),
            "ends_on": _iso_date(content.get("ends_on")),
            "commitments": [
                {**c, "indicator": labels["indicator"].get(c.get("indicator"), "")}
                for c in content.get("commitments", [])
            ],
        },
    )
