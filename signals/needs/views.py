"""Pages of the needs: the list, a need's page (public, or with its signals and trail
for the body's officials), and the keepers' forms."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cooperation.errors import DomainError
from cooperation.extensions import need_answers
from cooperation.lib import confirm, exports, summaries
from cooperation.lib.downloads import PDF, download
from cooperation.lib.formats import day
from cooperation.lib.links import link_for
from cooperation.lib.pagination import CappedCountPaginator
from cooperation.lib.pdf import render_pdf

from .. import permissions
from ..challenges.selectors import challenges_of_need
from ..models import Signal
from . import selectors, services, statistics
from .forms import NeedForm, NeedMoveForm, NeedSignalsForm, NeedStatisticsForm
from .models import Need

PAGE_SIZE = 50


@require_GET
def need_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    needs = selectors.need_list(request.user, status=status)
    page = CappedCountPaginator(needs, PAGE_SIZE).get_page(request.GET.get("page"))
    statuses = (
        Need.Status.choices
        if permissions.is_coordinator(request.user) or permissions.is_official(request.user)
        else [(value, label) for value, label in Need.Status.choices if value in Need.PUBLIC]
    )
    return render(
        request,
        "signals/needs/need_list.html",
        {
            "page": page,
            "status": status,
            "statuses": statuses,
            "can_create": permissions.can_create_need(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_need(request.user):
        raise Http404
    bodies = permissions.need_bodies(request.user)
    regional = permissions.is_coordinator(request.user)
    form = NeedForm(request.POST or None, bodies=bodies, regional=regional)
    if request.method == "POST" and form.is_valid():
        try:
            need = services.need_create(
                by=request.user,
                municipality=form.cleaned_data["municipality"],
                fields=form.service_fields(),
                topics=form.cleaned_data["topics"],
                target_groups=form.cleaned_data["target_groups"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The need was created. Gather the signals behind it."))
            return redirect("signals:need_signals", pk=need.pk)
    return render(
        request,
        "signals/needs/need_form.html",
        {"form": form, "need": None},
        status=400 if form.is_bound else 200,
    )


@require_GET
def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = selectors.need_get_visible(user=request.user, pk=pk)
    return render(request, "signals/needs/need_detail.html", _detail_context(request, need))


def _detail_context(request: HttpRequest, need: Need, move_form: NeedMoveForm | None = None):
    can_follow = permissions.can_follow_need(request.user, need)
    internal = permissions.can_see_need_internals(request.user, need)
    topics, target_groups = selectors.need_labels(need)
    context = {
        "need": need,
        "internal": internal,
        "can_keep": permissions.can_keep_need(request.user, need),
        "topics": topics,
        "target_groups": target_groups,
        "public_signals": _remembered_html(
            need,
            "public",
            "signals/needs/includes/public_signals.html",
            lambda: {"public_signals": selectors.public_signals(need)},
        ),
        "can_follow": can_follow,
        "following": can_follow and need.followers.filter(user_id=request.user.pk).exists(),
        "can_observe": permissions.can_send_observation(request.user, need),
        "challenges": challenges_of_need(need, request.user),
    }
    if internal:
        counts = selectors.need_counts(need)
        events, older_events = selectors.need_events(need)
        context |= {
            "counts": counts,
            "charts": _remembered_html(
                need,
                "charts",
                "signals/needs/includes/need_charts.html",
                lambda: {"counts": counts},
            ),
            "signals": _signal_rows(need, request.GET.get("page"), counts.total),
            "events": events,
            "older_events": older_events,
            "answers": need_answers(need.pk),
            "move_form": (move_form or NeedMoveForm(need=need)) if context["can_keep"] else None,
        }
    return context


def _signal_rows(need: Need, page: str | None, total: int):
    """A page of the need's signals as the table shows them (its address, its
    removal's, the day it came, the start of its text), made here in one go: per
    row in the template it was a tenth of the page's time."""
    found = selectors.need_signal_page(need, page, total=total)
    detail = link_for("signals:signal_detail")
    remove = link_for("signals:need_signal_remove", need.pk)
    found.object_list = [
        {
            "reference": signal["reference"],
            "url": detail(signal["pk"]),
            "remove_url": remove(signal["pk"]),
            "received": day(signal["created_at"]),
            "area": signal["area"] or "–",
            "description": Truncator(signal["description"]).words(25),
        }
        for signal in found.object_list
    ]
    return found


def _remembered_html(need: Need, part: str, template: str, context) -> str:
    """A part of the need's page the same for everyone who sees it, laid out once
    and remembered as HTML under the need's last change (gathering or removing a
    signal changes it) and the language: laying out 50 signals and two charts cost
    more than reading them."""
    key = f"{part}:{need.pk}:{need.updated_at.timestamp()}:{translation.get_language()}"
    return summaries.remembered(
        selectors.NEED_COUNTS, key, lambda: render_to_string(template, context())
    )


@require_GET
def need_history(request: HttpRequest, pk: int) -> HttpResponse:
    """The need's whole trail, for those who see its internals."""
    need = selectors.need_get_visible(user=request.user, pk=pk)
    if not permissions.can_see_need_internals(request.user, need):
        raise Http404
    return render(
        request,
        "signals/needs/need_history.html",
        {"need": need, "events": selectors.need_history_page(need, request.GET.get("page"))},
    )


def _kept(request: HttpRequest, pk: int) -> Need:
    need = selectors.need_get_visible(user=request.user, pk=pk)
    if not permissions.can_keep_need(request.user, need):
        raise Http404
    return need


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    need = _kept(request, pk)
    form = NeedForm(request.POST or None, instance=need)
    if request.method == "POST" and form.is_valid():
        try:
            services.need_update(
                need=need,
                by=request.user,
                fields=form.service_fields(),
                topics=form.cleaned_data["topics"],
                target_groups=form.cleaned_data["target_groups"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The need was saved."))
            return redirect("signals:need_detail", pk=need.pk)
    # What was typed stays in the form; the need itself is read again.
    need.refresh_from_db()
    return render(
        request,
        "signals/needs/need_form.html",
        {"form": form, "need": need},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_signals(request: HttpRequest, pk: int) -> HttpResponse:
    """Gather signals into the need: those offered (by the words typed, or of its
    topics), ticked and added."""
    need = _kept(request, pk)
    text = request.GET.get("q", "")[:200]
    form = NeedSignalsForm(request.POST or None, offered=selectors.gatherable(request.user, need))
    if request.method == "POST" and form.is_valid():
        try:
            added = services.need_add_signals(
                need=need, by=request.user, signals=form.cleaned_data["signals"]
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Signals added to the need: %(count)s.") % {"count": added})
            return redirect("signals:need_detail", pk=need.pk)
    return render(
        request,
        "signals/needs/need_signals.html",
        {
            "need": need,
            "form": form,
            "q": text,
            "candidates": selectors.candidates(request.user, need, text),
            "chosen": {str(pk) for pk in request.POST.getlist("signals")},
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def need_signal_remove(request: HttpRequest, pk: int, signal_pk: int) -> HttpResponse:
    need = _kept(request, pk)
    signal = Signal.objects.filter(pk=signal_pk, need_links__need=need).first()
    if signal is None:
        raise Http404
    asked = confirm.ask(
        request,
        title=_("Remove the signal from the need"),
        question=_(
            "Remove signal %(reference)s from the need “%(title)s”? The signal itself "
            "stays; it can be added again."
        )
        % {"reference": signal.reference, "title": need.title},
        confirm_label=_("Remove from the need"),
        cancel_url=reverse("signals:need_detail", args=[need.pk]),
    )
    if asked:
        return asked
    try:
        services.need_remove_signal(need=need, by=request.user, signal=signal)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The signal was removed from the need."))
    return redirect("signals:need_detail", pk=need.pk)


@login_required
@require_POST
def need_move(request: HttpRequest, pk: int) -> HttpResponse:
    need = _kept(request, pk)
    form = NeedMoveForm(request.POST, need=need)
    if not form.is_valid():
        # The page again, with what was typed and what to correct.
        return render(
            request,
            "signals/needs/need_detail.html",
            _detail_context(request, need, move_form=form),
            status=400,
        )
    to = form.cleaned_data["to"]
    if to in Need.PUBLIC and not need.is_public:
        asked = confirm.ask(
            request,
            title=_("Publish the need"),
            question=_(
                "Publish the need “%(title)s”? Its title, summary, areas and topics become "
                "public, and the organisations whose signals feed it are told. The "
                "signals' own texts stay internal unless they were published."
            )
            % {"title": need.title},
            confirm_label=_("Publish"),
            cancel_url=reverse("signals:need_detail", args=[need.pk]),
            danger=False,
        )
        if asked:
            return asked
    try:
        services.need_move(need=need, by=request.user, to=to, note=form.cleaned_data["note"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The need is now %(status)s.") % {"status": Need.Status(to).label}
        )
    return redirect("signals:need_detail", pk=need.pk)


@login_required
@require_POST
def need_follow(request: HttpRequest, pk: int) -> HttpResponse:
    need = selectors.need_get_visible(user=request.user, pk=pk)
    if not permissions.can_follow_need(request.user, need):
        raise Http404
    follow = request.POST.get("follow") != "0"
    try:
        services.need_follow(need=need, user=request.user, follow=follow)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("You follow the need: you are told when it moves on.")
            if follow
            else _("You no longer follow the need."),
        )
    return redirect("signals:need_detail", pk=need.pk)


def _filters(request: HttpRequest):
    form = NeedStatisticsForm(request.GET or None)
    body = year = None
    if form.is_bound and form.is_valid():
        body, year = form.cleaned_data["body"], form.cleaned_data["year"]
    return form, body, year


@require_GET
def need_statistics(request: HttpRequest) -> HttpResponse:
    form, body, year = _filters(request)

    def tables() -> str:
        # The tables are remembered as HTML with their figures: laying out a region's
        # needs costs more than counting them.
        figures = statistics.remembered_statistics(request.user, body=body, year=year)
        return render_to_string(
            "signals/needs/includes/statistics_body.html", {"figures": figures, "links": True}
        )

    key = statistics.statistics_key(request.user, body=body, year=year)
    return render(
        request,
        "signals/needs/statistics.html",
        {
            "form": form,
            "tables": summaries.remembered(statistics.NEED_STATISTICS, f"{key}:html", tables),
            "query": request.GET.urlencode(),
            "all_needs": permissions.is_coordinator(request.user),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@require_GET
def need_statistics_csv(request: HttpRequest) -> HttpResponse:
    """One row per need, with what is directed at it."""
    _form, body, year = _filters(request)
    figures = statistics.remembered_statistics(request.user, body=body, year=year)
    needs = statistics.statistics_needs(request.user, body=body, year=year).select_related(
        "municipality"
    )
    response, writer = exports.csv_response("need-statistics.csv")
    writer.writerow(
        [
            _("Need"),
            _("Municipality or wellbeing services county"),
            _("Status"),
            _("Topics"),
            _("Areas"),
            _("Created"),
            _("Grant calls"),
            _("Applications"),
            _("Granted (€)"),
            _("Statements"),
            _("Outside funding granted (€)"),
            _("Agreements"),
        ]
    )
    for need in needs.order_by("-published_at", "-id").iterator(chunk_size=2000):
        found, topics = figures.per_need.get(need.pk, ({}, []))
        writer.writerow(
            [
                exports.cell(need.title),
                exports.cell(
                    need.municipality.name if need.municipality else _("The whole region")
                ),
                need.get_status_display(),
                exports.cell(", ".join(topics)),
                exports.cell(need.areas),
                day(timezone.localdate(need.created_at)),
                found.get("calls", 0),
                found.get("applications", 0),
                exports.cell(found.get("granted", Decimal(0))),
                found.get("statements", 0),
                exports.cell(found.get("outside_funding", Decimal(0))),
                found.get("agreements", 0),
            ]
        )
    return response


@require_GET
def need_statistics_pdf(request: HttpRequest) -> HttpResponse:
    form, body, year = _filters(request)
    figures = statistics.remembered_statistics(request.user, body=body, year=year)
    content = render_pdf(
        "signals/pdf/need_statistics.html",
        {
            "form": form,
            "figures": figures,
            "all_needs": permissions.is_coordinator(request.user),
            "generated_at": timezone.now(),
        },
    )
    return download(content, filename="need-statistics.pdf", content_type=PDF)
