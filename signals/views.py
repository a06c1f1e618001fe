"""Pages of the signals app. Views ask permissions, call selectors and services, and render."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cooperation.errors import DomainError
from cooperation.lib import confirm, exports, summaries
from cooperation.lib.charts import bar_chart
from cooperation.lib.downloads import PDF, download
from cooperation.lib.pagination import (
    BoundedCachedCountPaginator,
    CachedCountPaginator,
    CappedCountPaginator,
)
from cooperation.models import Organisation

from . import permissions, selectors, services, throttle
from .forms import (
    ForwardAnswerForm,
    ForwardForm,
    LinkForm,
    RelateForm,
    SignalCheckForm,
    SignalForm,
    TriageForm,
)
from .models import Signal, SignalLink, Topic
from .needs import selectors as need_selectors
from .needs import services as need_services

logger = logging.getLogger(__name__)

TOO_MANY_SIGNALS = gettext_lazy(
    "This link or your address has been used very many times within the last hour. "
    "Nothing was stored; what you wrote is kept below. Please try again in an hour; if this "
    "keeps happening, contact the municipality's NGO team."
)

PAGE_SIZE = 50


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


# --- Intake ----------------------------------------------------------------


def _submit(request, form: SignalForm, *, channel, organisation=None, link=None, need=None):
    """Store a valid form through the service; on success, go to the receipt. An
    observation to a need feeds the need in the same transaction (or nothing is
    stored)."""
    data = form.cleaned_data
    try:
        with transaction.atomic():
            signal, receipt = _stored(request, form, data, channel, organisation, link)
            if need is not None:
                need_services.need_add_observation(need=need, signal=signal, by=request.user)
    except DomainError as error:
        form.add_error(None, error.message)
        return None
    # Said once, on arrival: the same address visited later is not thanked again.
    messages.success(
        request, _("Thank you. Keep this page's address: it shows what becomes of your signal.")
    )
    return redirect("signals:receipt", token=receipt)


def _stored(request, form, data, channel, organisation, link):
    return services.signal_submit(
        fields=data,
        municipality=form.chosen_municipality,
        channel=channel,
        language=get_language(),
        organisation=organisation or data.get("organisation"),
        by=request.user if request.user.is_authenticated else None,
        link=link,
        parent=form.parent,
        target_groups=data["target_groups"],
        topics=data["topics"],
        form_token=data.get("form_token", ""),
    )


@login_required
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    organisations = permissions.sending_organisations(request.user)
    if not permissions.can_send_signal(request.user):
        raise Http404
    # An observation to a public need: the need's body and topics to start with.
    need = need_selectors.need_for_observation(
        request.user, request.POST.get("need") or request.GET.get("need")
    )
    initial = {
        "sender_name": request.user.full_name,
        "sender_email": request.user.email,
        "organisation": organisations.first(),
    }
    if need is not None:
        initial |= {"municipality": need.municipality, "topics": list(need.topics.all())}
    form = SignalForm(
        request.POST or None,
        channel=Signal.Channel.ACCOUNT,
        organisations=organisations,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        response = _submit(request, form, channel=Signal.Channel.ACCOUNT, need=need)
        if response:
            return response
    status = 400 if request.method == "POST" else 200
    return render(request, "signals/submit.html", {"form": form, "need": need}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def link_submit(request: HttpRequest, token: str) -> HttpResponse:
    link = selectors.link_by_token(token)
    is_open = link.kind == SignalLink.Kind.MUNICIPALITY
    channel = Signal.Channel.OPEN_LINK if is_open else Signal.Channel.ORGANISATION_LINK
    form = SignalForm(
        request.POST or None,
        channel=channel,
        municipality=link.municipality if is_open else None,
    )
    context = {"form": form, "link": link, "token": token, "is_open": is_open}
    if request.method == "POST":
        scope = f"link:{link.pk}"
        if not throttle.post_allowed(request) or throttle.is_full(request, scope):
            # The form again with what was typed: nothing is lost, nothing stored.
            form.is_valid()
            form.add_error(None, TOO_MANY_SIGNALS)
            return render(request, "signals/submit.html", context, status=429)
        if form.is_valid():
            response = _submit(
                request, form, channel=channel, organisation=link.organisation, link=link
            )
            if response:
                throttle.stored_through(request, scope)
                return response
    status = 400 if request.method == "POST" else 200
    return render(request, "signals/submit.html", context, status=status)


@never_cache
@require_GET
def link_status(request: HttpRequest, token: str) -> HttpResponse:
    """What became of each signal sent through an organisation's link."""
    link = selectors.link_by_token(token)
    if link.kind != SignalLink.Kind.ORGANISATION:
        raise Http404
    page = CachedCountPaginator(selectors.link_signals(link), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "signals/link_status.html", {"link": link, "page": page, "token": token})


@never_cache
@require_GET
def receipt(request: HttpRequest, token: str) -> HttpResponse:
    signal = selectors.signal_by_receipt(token)
    return render(
        request,
        "signals/receipt.html",
        {
            "signal": signal,
            "answers": selectors.public_answers(signal),
            # The sender, who may have no account, sees the public needs it fed.
            "needs": list(need_selectors.public_needs_of_signal(signal)),
        },
    )


# --- Lists and detail ------------------------------------------------------


@login_required
@require_GET
def signal_list(request: HttpRequest) -> HttpResponse:
    filterset, signals = selectors.signal_list(user=request.user, params=request.GET)
    page = CappedCountPaginator(signals, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page": page,
        "query": query.urlencode(),
        "team": permissions.team_municipality(request.user),
        "can_send": permissions.can_send_signal(request.user),
        "link_organisations": permissions.link_managed_organisations(request.user),
    }
    template = "signals/signal_list.html"
    if _is_htmx(request):
        template += "#results"
    return render(request, template, context)


def _detail_context(request, signal: Signal, **forms) -> dict:
    user = request.user
    internal = permissions.can_see_internal(user, signal)
    can_work = permissions.can_work_on_signal(user, signal)
    context = {
        "signal": signal,
        "internal": internal,
        "can_work": can_work,
        "events": selectors.signal_events(signal) if internal else (),
        "forwards": selectors.signal_forwards(signal) if internal else (),
        "answers": selectors.public_answers(signal),
        "needs": list(need_selectors.needs_of_signal(user, signal)),
    }
    if can_work:
        if not signal.is_accepted and signal.status != Signal.Status.REJECTED:
            context["check_form"] = forms.get("check_form") or SignalCheckForm()
        else:
            context["triage_form"] = forms.get("triage_form") or TriageForm(instance=signal)
            context["forward_form"] = forms.get("forward_form") or ForwardForm(
                initial={"language": signal.language}
            )
            context["relate_form"] = forms.get("relate_form") or RelateForm()
            context["similar"] = selectors.similar_signals(signal)
    return context


@login_required
@require_GET
def signal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    signal = selectors.signal_get_visible(user=request.user, pk=pk)
    return render(request, "signals/signal_detail.html", _detail_context(request, signal))


def _team_signal(request, pk: int) -> Signal:
    signal = selectors.signal_get_visible(user=request.user, pk=pk)
    if not permissions.can_work_on_signal(request.user, signal):
        raise Http404
    return signal


def _after(request, signal, message=None):
    if message:
        messages.success(request, message)
    return redirect("signals:signal_detail", pk=signal.pk)


def _invalid(request, signal, status=400, **forms):
    return render(
        request,
        "signals/signal_detail.html",
        _detail_context(request, signal, **forms),
        status=status,
    )


@login_required
@require_POST
def signal_check(request: HttpRequest, pk: int) -> HttpResponse:
    signal = _team_signal(request, pk)
    form = SignalCheckForm(request.POST)
    if form.is_valid():
        try:
            services.signal_check(
                signal=signal,
                by=request.user,
                accept=form.cleaned_data["decision"] == "accept",
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return _after(request, signal, _("The check was recorded."))
    return _invalid(request, signal, check_form=form)


@login_required
@require_POST
def signal_triage(request: HttpRequest, pk: int) -> HttpResponse:
    signal = _team_signal(request, pk)
    form = TriageForm(request.POST, instance=Signal.objects.get(pk=signal.pk))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.signal_triage(
                signal=signal,
                by=request.user,
                fields=data,
                status=data.get("status") or None,
                topics=data["topics"],
                units=data["responsible_units"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return _after(request, signal, _("The review was saved."))
    return _invalid(request, signal, triage_form=form)


@login_required
@require_POST
def signal_forward(request: HttpRequest, pk: int) -> HttpResponse:
    signal = _team_signal(request, pk)
    form = ForwardForm(request.POST)
    if form.is_valid():
        try:
            services.signal_forward(signal=signal, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return _after(request, signal, _("The signal was forwarded."))
    return _invalid(request, signal, forward_form=form)


@login_required
@require_POST
def signal_relate(request: HttpRequest, pk: int) -> HttpResponse:
    signal = _team_signal(request, pk)
    form = RelateForm(request.POST)
    link = request.POST.get("action") != "remove"
    if form.is_valid():
        other = (
            permissions.signals_visible_to(request.user)
            .filter(reference=form.cleaned_data["reference"].strip().upper())
            .first()
        )
        if other is None:
            form.add_error("reference", _("No signal of your municipality has this reference."))
        else:
            try:
                services.signal_relate(signal=signal, other=other, by=request.user, link=link)
            except DomainError as error:
                form.add_error("reference", error.message)
            else:
                return _after(request, signal)
    return _invalid(request, signal, relate_form=form)


@login_required
@require_POST
def forward_share(request: HttpRequest, pk: int, forward_pk: int) -> HttpResponse:
    signal = _team_signal(request, pk)
    forward = get_object_or_404(signal.forwards, pk=forward_pk)
    services.forward_share(
        forward=forward, by=request.user, public=request.POST.get("public") == "1"
    )
    return _after(request, signal)


# --- Forwarded person ------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def forward_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The forwarded person answers without an account; they see only this signal."""
    forward = selectors.forward_by_token(token)
    expired = forward.expires_at <= timezone.now()
    form = ForwardAnswerForm(request.POST or None, initial={"answer": forward.answer})
    if request.method == "POST" and not expired and form.is_valid():
        try:
            services.forward_answer(forward=forward, answer=form.cleaned_data["answer"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you. Your answer was recorded."))
            return redirect("signals:forward_answer", token=token)
    signal = forward.signal
    context = {
        "forward": forward,
        "signal": signal,
        "proposals": signal.proposals.filter(is_accepted=True),
        "form": form,
        "expired": expired,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "signals/forward_answer.html", context, status=status)


# --- Links -----------------------------------------------------------------


def _link_url(request, token: str) -> str:
    return request.build_absolute_uri(reverse("signals:link_submit", kwargs={"token": token}))


def _links_page(request, *, links, owner, form, new_url=None, status=200):
    return render(
        request,
        "signals/links.html",
        {"links": links, "owner": owner, "form": form, "new_url": new_url},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_links(request: HttpRequest, organisation_pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=organisation_pk)
    if not permissions.can_manage_organisation_links(request.user, organisation):
        raise Http404
    form = LinkForm(request.POST or None)
    new_url = None
    if request.method == "POST" and form.is_valid():
        _link, token = services.link_create(
            by=request.user, organisation=organisation, label=form.cleaned_data["label"]
        )
        new_url, form = _link_url(request, token), LinkForm()
    links = organisation.signal_links.all()
    return _links_page(request, links=links, owner=organisation, form=form, new_url=new_url)


@login_required
@require_http_methods(["GET", "POST"])
def open_links(request: HttpRequest) -> HttpResponse:
    municipality = permissions.team_municipality(request.user)
    if municipality is None:
        raise Http404
    form = LinkForm(request.POST or None)
    new_url = None
    if request.method == "POST" and form.is_valid():
        _link, token = services.link_create(
            by=request.user, municipality=municipality, label=form.cleaned_data["label"]
        )
        new_url, form = _link_url(request, token), LinkForm()
    links = municipality.signal_links.all()
    return _links_page(request, links=links, owner=municipality, form=form, new_url=new_url)


@login_required
@require_POST
def link_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(SignalLink.objects.select_related("organisation"), pk=pk)
    if link.organisation is not None:
        allowed = permissions.can_manage_organisation_links(request.user, link.organisation)
        back = reverse(
            "signals:organisation_links", kwargs={"organisation_pk": link.organisation_id}
        )
    else:
        team = permissions.team_municipality(request.user)
        allowed = team is not None and team.pk == link.municipality_id
        back = reverse("signals:open_links")
    if not allowed:
        raise Http404
    asked = confirm.ask(
        request,
        title=_("Revoke the link"),
        question=_(
            "Revoke the link “%(name)s”? It stops working at once for everyone who has "
            "it; the signals sent through it stay. A new link can be made at any time."
        )
        % {"name": link.label or link.get_kind_display()},
        confirm_label=_("Revoke the link"),
        cancel_url=back,
    )
    if asked:
        return asked
    services.link_revoke(link=link, by=request.user)
    messages.success(request, _("The link no longer works."))
    return redirect(back)


# --- Digests ---------------------------------------------------------------


@login_required
@require_GET
def digest_list(request: HttpRequest) -> HttpResponse:
    digests = permissions.digests_visible_to(request.user).select_related("municipality")
    if not (permissions.team_municipality(request.user) or request.user.is_coordinator):
        raise Http404
    page = CachedCountPaginator(digests, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "signals/digest_list.html", {"page": page})


@login_required
@require_GET
def digest_detail(request: HttpRequest, pk: int) -> HttpResponse:
    digest = selectors.digest_get_visible(user=request.user, pk=pk)
    page = CachedCountPaginator(selectors.digest_signals(digest), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "digest": digest,
        "page": page,
        "deliveries": digest.deliveries.select_related("user"),
        "chart": bar_chart(selectors.digest_topic_counts(digest)),
        "can_resend": permissions.is_team_member(request.user, digest.municipality_id),
    }
    return render(request, "signals/digest_detail.html", context)


@login_required
@require_GET
def digest_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from .pdf import digest_pdf as render_digest

    digest = selectors.digest_get_visible(user=request.user, pk=pk)
    name = f"signals-{digest.municipality.code}-{digest.week_start:%Y-%m-%d}.pdf"
    return download(render_digest(digest), filename=name, content_type=PDF)


@login_required
@require_POST
def digest_resend(request: HttpRequest, pk: int) -> HttpResponse:
    digest = selectors.digest_get_visible(user=request.user, pk=pk)
    if not permissions.is_team_member(request.user, digest.municipality_id):
        raise Http404
    count = services.digest_resend(digest=digest, by=request.user)
    if count:
        from .tasks import digest_send_pending

        digest_send_pending.delay_on_commit()
    messages.success(request, _("Failed deliveries will be sent again."))
    return redirect("signals:digest_detail", pk=digest.pk)


# --- Public pages and statistics -------------------------------------------


@require_GET
def topic_list(request: HttpRequest) -> HttpResponse:
    return render(request, "signals/topic_list.html", {"topics": selectors.topics_with_counts()})


@require_GET
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)
    page = BoundedCachedCountPaginator(selectors.topic_published(topic), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    # A public page any visitor may ask for: each of its pages is read from the
    # database at most once a period (summaries), however many ask.
    page.object_list = summaries.remembered(
        selectors.TOPIC_COUNTS, f"page:{topic.pk}:{page.number}", lambda: list(page.object_list)
    )
    return render(
        request,
        "signals/topic_detail.html",
        {"topic": topic, "page": page, "needs": list(need_selectors.public_needs_of_topic(topic))},
    )


def _statistics(request):
    if not permissions.can_view_statistics(request.user):
        raise Http404
    return selectors.statistics(params=request.GET)


@login_required
@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    filterset, counts = _statistics(request)
    charts = [
        ("topic", _("By topic"), bar_chart(counts["topic"])),
        ("area", _("By area"), bar_chart(counts["area"])),
        ("target-group", _("By target group"), bar_chart(counts["target_group"])),
        ("week", _("By week"), bar_chart(counts["week"])),
    ]
    query = request.GET.urlencode()
    return render(
        request, "signals/statistics.html", {"filter": filterset, "charts": charts, "query": query}
    )


@login_required
@require_GET
def statistics_csv(request: HttpRequest) -> HttpResponse:
    _filterset, counts = _statistics(request)
    response, writer = exports.csv_response("signal-statistics.csv")
    writer.writerow([_("Dimension"), _("Value"), _("Signals")])
    names = {
        "topic": _("topic"),
        "area": _("area"),
        "target_group": _("target group"),
        "week": _("week"),
    }
    for key, rows in counts.items():
        for label, value in rows:
            writer.writerow([names[key], exports.cell(label), value])
    return response
