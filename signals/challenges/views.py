"""Pages of the year's area challenges: the editions, an edition with its challenges
by area (public once published), the experts' forms and the printable edition."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cooperation.errors import DomainError
from cooperation.lib import confirm
from cooperation.lib.downloads import PDF, download
from cooperation.lib.pdf import render_pdf
from cooperation.models import PublicBody

from .. import permissions
from . import selectors, services
from .forms import ChallengeForm, EditionForm
from .models import AreaChallenge, ChallengeEdition


@require_GET
def edition_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "signals/challenges/edition_list.html",
        {
            "editions": selectors.edition_list(request.user)[:200],
            "can_create": permissions.challenge_body_id(request.user) is not None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edition_create(request: HttpRequest) -> HttpResponse:
    body_id = permissions.challenge_body_id(request.user)
    if body_id is None:
        raise Http404
    body = PublicBody.objects.get(pk=body_id)
    form = EditionForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        try:
            edition = services.edition_create(
                by=request.user,
                municipality=body,
                year=form.cleaned_data["year"],
                fields=form.edition_fields(),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The edition was created. Add the area challenges."))
            return redirect("signals:challenge_edition", pk=edition.pk)
    return render(
        request,
        "signals/challenges/edition_form.html",
        {"form": form, "edition": None, "body": body},
        status=400 if form.is_bound else 200,
    )


@require_GET
def edition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    edition = selectors.edition_get_visible(user=request.user, pk=pk)
    can_keep = permissions.can_keep_challenges(request.user, edition)
    return render(
        request,
        "signals/challenges/edition_detail.html",
        {
            "edition": edition,
            "areas": selectors.edition_areas(edition, request.user),
            "can_keep": can_keep,
            "events": list(edition.events.select_related("actor")) if can_keep else [],
        },
    )


def _kept(request: HttpRequest, pk: int) -> ChallengeEdition:
    edition = selectors.edition_get_visible(user=request.user, pk=pk)
    if not permissions.can_keep_challenges(request.user, edition):
        raise Http404
    return edition


@login_required
@require_http_methods(["GET", "POST"])
def edition_edit(request: HttpRequest, pk: int) -> HttpResponse:
    edition = _kept(request, pk)
    form = EditionForm(
        request.POST or None,
        instance=ChallengeEdition.objects.get(pk=edition.pk),
        body=edition.municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.edition_update(edition=edition, by=request.user, fields=form.edition_fields())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("signals:challenge_edition", pk=edition.pk)
    return render(
        request,
        "signals/challenges/edition_form.html",
        {"form": form, "edition": edition, "body": edition.municipality},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def challenge_edit(request: HttpRequest, pk: int, challenge_pk: int | None = None) -> HttpResponse:
    edition = _kept(request, pk)
    challenge = None
    if challenge_pk is not None:
        challenge = AreaChallenge.objects.filter(pk=challenge_pk, edition=edition).first()
        if challenge is None:
            raise Http404
    form = ChallengeForm(
        request.POST or None,
        instance=AreaChallenge.objects.get(pk=challenge.pk) if challenge else None,
        edition=edition,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.challenge_save(
                edition=edition,
                by=request.user,
                fields=form.challenge_fields(),
                needs=form.cleaned_data["needs"],
                challenge=challenge,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The challenge was saved."))
            return redirect("signals:challenge_edition", pk=edition.pk)
    return render(
        request,
        "signals/challenges/challenge_form.html",
        {"form": form, "edition": edition, "challenge": challenge},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def challenge_remove(request: HttpRequest, pk: int, challenge_pk: int) -> HttpResponse:
    edition = _kept(request, pk)
    challenge = AreaChallenge.objects.filter(pk=challenge_pk, edition=edition).first()
    if challenge is None:
        raise Http404
    asked = confirm.ask(
        request,
        title=_("Remove the challenge"),
        question=_("Remove the challenge “%(title)s” of the area %(area)s? This cannot be undone.")
        % {"title": challenge.title, "area": challenge.area},
        confirm_label=_("Remove"),
        cancel_url=reverse("signals:challenge_edition", args=[edition.pk]),
    )
    if asked:
        return asked
    services.challenge_remove(challenge=challenge, by=request.user)
    messages.success(request, _("The challenge was removed."))
    return redirect("signals:challenge_edition", pk=edition.pk)


@login_required
@require_POST
def edition_publish(request: HttpRequest, pk: int) -> HttpResponse:
    edition = _kept(request, pk)
    asked = confirm.ask(
        request,
        title=_("Publish the area challenges"),
        question=_(
            "Publish the area challenges of %(body)s for %(year)s? They become public, "
            "and the followers of the needs behind them are told."
        )
        % {"body": edition.municipality.name, "year": edition.year},
        confirm_label=_("Publish"),
        cancel_url=reverse("signals:challenge_edition", args=[edition.pk]),
        danger=False,
    )
    if asked:
        return asked
    try:
        services.edition_publish(edition=edition, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The area challenges were published."))
    return redirect("signals:challenge_edition", pk=edition.pk)


@require_GET
def edition_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The edition for the workshop and the board, in the language asked (?lang=sv)."""
    edition = selectors.edition_get_visible(user=request.user, pk=pk)
    language = "sv" if request.GET.get("lang") == "sv" else translation.get_language()
    with translation.override(language):
        content = render_pdf(
            "signals/pdf/challenges.html",
            {
                "edition": edition,
                "areas": selectors.edition_areas(edition, request.user),
                "generated_at": timezone.now(),
            },
        )
    return download(
        content,
        filename=f"area-challenges-{edition.municipality.code}-{edition.year}.pdf",
        content_type=PDF,
        cache="private, no-store",
    )
