"""Pages of the partnership statements: the NGO's request, the network's endorsement,
the official's statement or letter of intent (and its PDF), and the funder's
decision that turns it into a project agreement."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cooperation.errors import DomainError
from cooperation.lib import confirm
from cooperation.lib.downloads import PDF, download
from cooperation.lib.formats import day
from cooperation.lib.pagination import CappedCountPaginator

from .. import permissions
from . import pdf, selectors, services
from .forms import BodyForm, DeclineForm, EndorseForm, FunderForm, GiveForm, StatementRequestForm
from .models import StatementRequest

PAGE_SIZE = 50


@login_required
@require_GET
def statement_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    page = CappedCountPaginator(
        selectors.statement_list(request.user, status=status), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "partnerships/statements/statement_list.html",
        {
            "page": page,
            "status": status,
            "statuses": StatementRequest.Status.choices,
            "can_create": permissions.can_request_statement(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def statement_create(request: HttpRequest) -> HttpResponse:
    """First whom to ask (GET ?body=), then the request itself with that body's needs."""
    if not permissions.can_request_statement(request.user):
        raise Http404
    body_form = BodyForm(request.GET if "body" in request.GET else None)
    if not body_form.is_bound or not body_form.is_valid():
        return render(
            request,
            "partnerships/statements/statement_body.html",
            {"form": body_form},
            status=400 if body_form.is_bound else 200,
        )
    body = body_form.cleaned_data["body"]
    organisations = permissions.statement_organisations(request.user)
    form = StatementRequestForm(
        request.POST or None,
        body=body,
        organisations=organisations,
        initial={"language": "sv" if request.user.preferred_language == "sv" else "fi"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            asked = services.request_create(
                by=request.user,
                organisation=form.cleaned_data["organisation"],
                municipality=body,
                fields=form.request_fields(),
                needs=form.chosen_needs(),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("The request was saved as a draft. Send it when it is ready.")
            )
            return redirect("partnerships:statement_detail", pk=asked.pk)
    return render(
        request,
        "partnerships/statements/statement_form.html",
        {"form": form, "asked": None, "body": body},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_GET
def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    asked = selectors.statement_get_visible(user=request.user, pk=pk)
    return render(request, "partnerships/statements/statement_detail.html", _detail(request, asked))


def _detail(request: HttpRequest, asked: StatementRequest, **forms) -> dict:
    user = request.user
    can_endorse = permissions.can_endorse_statement(user, asked)
    can_answer = permissions.can_answer_statement(user, asked)
    can_decide = permissions.can_record_statement_decision(user, asked)
    return {
        "asked": asked,
        **selectors.statement_page(asked),
        "can_edit": permissions.can_edit_statement_request(user, asked),
        "endorse_form": forms.get("endorse_form") or (EndorseForm() if can_endorse else None),
        "decline_form": forms.get("decline_form") or (DeclineForm() if can_answer else None),
        "can_answer": can_answer,
        "funder_form": forms.get("funder_form") or (FunderForm() if can_decide else None),
    }


@login_required
@require_http_methods(["GET", "POST"])
def statement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    asked = selectors.statement_get_visible(user=request.user, pk=pk)
    if not permissions.can_edit_statement_request(request.user, asked):
        raise Http404
    form = StatementRequestForm(
        request.POST or None,
        instance=StatementRequest.objects.get(pk=asked.pk),
        body=asked.municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.request_save(
                request=asked,
                by=request.user,
                fields=form.request_fields(),
                needs=form.chosen_needs(),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("partnerships:statement_detail", pk=asked.pk)
    return render(
        request,
        "partnerships/statements/statement_form.html",
        {"form": form, "asked": asked, "body": asked.municipality},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def statement_submit(request: HttpRequest, pk: int) -> HttpResponse:
    asked = selectors.statement_get_visible(user=request.user, pk=pk)
    if not permissions.can_edit_statement_request(request.user, asked):
        raise Http404
    has_network = asked.municipality.grant_networks.filter(endorses_statements=True).exists()
    confirmation = confirm.ask(
        request,
        title=_("Send the request"),
        question=(
            _(
                "Send the request “%(project)s” to %(body)s? Its network endorses it "
                "first; after sending it can no longer be changed."
            )
            if has_network
            else _(
                "Send the request “%(project)s” to %(body)s? After sending it can no "
                "longer be changed."
            )
        )
        % {"project": asked.project_title, "body": asked.municipality.name},
        confirm_label=_("Send"),
        cancel_url=reverse("partnerships:statement_detail", args=[asked.pk]),
        danger=False,
    )
    if confirmation:
        return confirmation
    try:
        services.request_submit(request=asked, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The request was sent to the network for endorsement.")
            if has_network
            else _("The request was sent to the officials."),
        )
    return redirect("partnerships:statement_detail", pk=asked.pk)


@login_required
@require_POST
def statement_endorse(request: HttpRequest, pk: int) -> HttpResponse:
    asked = selectors.statement_get_visible(user=request.user, pk=pk)
    if not permissions.can_endorse_statement(request.user, asked):
        raise Http404
    form = EndorseForm(request.POST)
    if form.is_valid():
        try:
            services.request_endorse(
                request=asked,
                by=request.user,
                endorse=form.cleaned_data["endorse"],
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your statement was recorded."))
            return redirect("partnerships:statement_detail", pk=asked.pk)
    return render(
        request,
        "partnerships/statements/statement_detail.html",
        _detail(request, asked, endorse_form=form),
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def statement_give(request: HttpRequest, pk: int) -> HttpResponse:
    """The statement or letter of intent; binding, so it is confirmed first."""
    asked = selectors.statement_get_visible(user=request.user, pk=pk)
    if not permissions.can_answer_statement(request.user, asked):
        raise Http404
    official = getattr(request.user, "official", None)
    form = GiveForm(
        request.POST or None,
        initial={
            "kind": StatementRequest.Kind.LETTER_OF_INTENT,
            "commitments": asked.asked_commitment,
            "signer_title": official.title if official else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        confirmation = confirm.ask(
            request,
            title=_("Give the statement"),
            question=_(
                "Give the %(kind)s for “%(project)s” of %(organisation)s, signed off by "
                "you? The organisation is told at once and attaches it to its application."
            )
            % {
                "kind": StatementRequest.Kind(data["kind"]).label,
                "project": asked.project_title,
                "organisation": asked.organisation.name,
            },
            confirm_label=_("Give and sign off"),
            cancel_url=reverse("partnerships:statement_detail", args=[asked.pk]),
            danger=False,
        )
        if confirmation:
            return confirmation
        try:
            services.statement_give(request=asked, by=request.user, **data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The statement was given."))
            return redirect("partnerships:statement_detail", pk=asked.pk)
    return render(
        request,
        "partnerships/statements/statement_give.html",
        {"asked": asked, "form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def statement_decline(request: HttpRequest, pk: int) -> HttpResponse:
    asked = selectors.statement_get_visible(user=request.user, pk=pk)
    if not permissions.can_answer_statement(request.user, asked):
        raise Http404
    form = DeclineForm(request.POST)
    if form.is_valid():
        confirmation = confirm.ask(
            request,
            title=_("Decline the request"),
            question=_("Decline the request “%(project)s” of %(organisation)s?")
            % {"project": asked.project_title, "organisation": asked.organisation.name},
            confirm_label=_("Decline"),
            cancel_url=reverse("partnerships:statement_detail", args=[asked.pk]),
        )
        if confirmation:
            return confirmation
        try:
            services.statement_decline(
                request=asked, by=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The request was declined; the organisation was told."))
            return redirect("partnerships:statement_detail", pk=asked.pk)
    return render(
        request,
        "partnerships/statements/statement_detail.html",
        _detail(request, asked, decline_form=form),
        status=400,
    )


@login_required
@require_POST
def statement_funder(request: HttpRequest, pk: int) -> HttpResponse:
    asked = selectors.statement_get_visible(user=request.user, pk=pk)
    if not permissions.can_record_statement_decision(request.user, asked):
        raise Http404
    form = FunderForm(request.POST)
    if form.is_valid():
        positive = form.cleaned_data["positive"]
        decided_on = form.cleaned_data["decided_on"]
        confirmation = confirm.ask(
            request,
            title=_("Record the funder's decision"),
            question=(
                _(
                    "Record that %(funder)s said yes on %(date)s? The project agreement "
                    "with %(body)s is made from the statement and comes into force."
                )
                if positive
                else _("Record that %(funder)s said no on %(date)s? The statement is closed.")
            )
            % {
                "funder": asked.funder_label,
                "date": day(decided_on),
                "body": asked.municipality.name,
            },
            confirm_label=_("Record the decision"),
            cancel_url=reverse("partnerships:statement_detail", args=[asked.pk]),
            danger=not positive,
        )
        if confirmation:
            return confirmation
        try:
            asked = services.funder_decision_record(
                request=asked, by=request.user, positive=positive, decided_on=decided_on
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            if positive:
                messages.success(request, _("The project agreement is in force."))
                return redirect("partnerships:agreement_detail", pk=asked.agreement_id)
            messages.success(request, _("The decision was recorded and the statement closed."))
            return redirect("partnerships:statement_detail", pk=asked.pk)
    return render(
        request,
        "partnerships/statements/statement_detail.html",
        _detail(request, asked, funder_form=form),
        status=400,
    )


@login_required
@require_GET
def statement_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    asked = selectors.statement_get_visible(user=request.user, pk=pk)
    if not permissions.can_print_statement(request.user, asked):
        raise Http404
    return download(
        pdf.statement_pdf(asked),
        filename=f"{asked.reference}.pdf",
        content_type=PDF,
        cache="private, no-store",
    )
