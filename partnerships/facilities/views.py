"""Pages of the facilities catalogue and bookings: the public catalogue and space
pages, requests from NGO staff, the managers' decisions and calendars, and the
iCal feeds."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cooperation.errors import DomainError
from cooperation.lib import confirm
from cooperation.lib.downloads import ICAL, download, image_download
from cooperation.lib.formats import span
from cooperation.lib.pagination import CachedCountPaginator
from cooperation.services import hash_token
from partnerships import permissions

from . import ical, selectors, services
from .forms import BookingRequestForm, DecisionForm
from .models import Booking, CalendarFeed, SpacePhoto

PAGE_SIZE = 24


def _day_param(request: HttpRequest, name: str = "week") -> date:
    try:
        return date.fromisoformat(request.GET.get(name, ""))
    except ValueError:
        return timezone.localdate()


# --- The public catalogue ----------------------------------------------------


@require_GET
def space_list(request: HttpRequest) -> HttpResponse:
    filterset, spaces = selectors.catalogue(request.user, request.GET)
    paginator = CachedCountPaginator(spaces, PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page": paginator.get_page(request.GET.get("page")),
        "query": query.urlencode(),
        "manages": permissions.managed_municipality_id(request.user) is not None,
    }
    if request.headers.get("HX-Request"):
        return render(request, "partnerships/facilities/space_list.html#results", context)
    return render(request, "partnerships/facilities/space_list.html", context)


@require_GET
def space_detail(request: HttpRequest, pk: int) -> HttpResponse:
    space = selectors.space_for(request.user, pk)
    first = selectors.week_start(_day_param(request))
    busy = selectors.busy_times(space, first, 7)
    page = selectors.space_page(space)
    return render(
        request,
        "partnerships/facilities/space_detail.html",
        {
            "page": page,
            "space": space,
            "week": selectors.week_calendar(page, busy, first, 7),
            "previous_week": first - timedelta(days=7),
            "next_week": first + timedelta(days=7),
            "can_book": permissions.can_book(request.user, space),
            "manages": permissions.manages_space(request.user, space),
        },
    )


@require_GET
def space_photo(request: HttpRequest, pk: int) -> FileResponse:
    photo = SpacePhoto.objects.filter(
        pk=pk, space__in=permissions.catalogue_spaces(request.user)
    ).first()
    if photo is None:
        raise Http404
    return image_download(
        photo.image, stem=f"space-{photo.space_id}-{photo.pk}", cache="public, max-age=86400"
    )


@require_GET
def space_ical(request: HttpRequest, pk: int) -> HttpResponse:
    """Busy times of a space for anyone's calendar, without who booked."""
    space = selectors.space_for(request.user, pk)
    busy = _("Booked")
    events = [
        ical.Event(
            uid=f"space-{space.pk}-{start:%Y%m%dT%H%M%S}@kumppani",
            starts_at=start,
            ends_at=end,
            summary=busy,
            location=space.address,
        )
        for start, end in selectors.space_feed(space)
    ]
    return _calendar_response(ical.calendar(str(space), events), f"space-{space.pk}.ics")


def _calendar_response(text: str, filename: str) -> HttpResponse:
    return download(text, filename=filename, content_type=ICAL, inline=True)


# --- Requests (NGO staff) ----------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def booking_new(request: HttpRequest, pk: int) -> HttpResponse:
    space = selectors.space_for(request.user, pk)
    if not permissions.can_book(request.user, space):
        raise Http404
    organisations = permissions.booking_organisations(request.user)
    form = BookingRequestForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        common = {
            "space": space,
            "organisation": data["organisation"],
            "by": request.user,
            "purpose": data["purpose"],
            "participants": data["participants"],
            "free_requested": data["free_requested"],
            "free_reason": data["free_reason"],
            "form_token": data["form_token"],
        }
        try:
            if data["repeat"] == BookingRequestForm.WEEKLY:
                outcome = services.series_request(
                    weekdays=data["weekdays"],
                    first_date=data["day"],
                    last_date=data["last_day"],
                    starts=data["starts"],
                    ends=data["ends"],
                    **common,
                )
                messages.success(request, _("The weekly series was sent."))
                if not outcome.skipped:
                    return redirect("facilities:series_detail", pk=outcome.series.pk)
                return render(
                    request,
                    "partnerships/facilities/series_skipped.html",
                    {"outcome": outcome, "space": space},
                )
            booking = services.booking_request(
                starts_at=services.local(data["day"], data["starts"]),
                ends_at=services.local(data["day"], data["ends"]),
                **common,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            if booking.status == booking.Status.APPROVED:
                messages.success(request, _("The booking is confirmed."))
            else:
                messages.success(request, _("The request was sent to the space's manager."))
            return redirect("facilities:booking_detail", pk=booking.pk)
    return render(
        request,
        "partnerships/facilities/booking_form.html",
        {"form": form, "space": space},
    )


@login_required
@require_GET
def my_bookings(request: HttpRequest) -> HttpResponse:
    past = request.GET.get("past") == "1"
    bookings = selectors.bookings_of_user(request.user, past=past)
    paginator = CachedCountPaginator(bookings, 50)
    organisations = list(permissions.booking_organisations(request.user))
    feeds = {
        feed.organisation_id: feed
        for feed in CalendarFeed.objects.filter(organisation__in=organisations)
    }
    return render(
        request,
        "partnerships/facilities/my_bookings.html",
        {
            "page": paginator.get_page(request.GET.get("page")),
            "past": past,
            "organisations": [
                (organisation, feeds.get(organisation.pk)) for organisation in organisations
            ],
        },
    )


@login_required
@require_GET
def booking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    booking = selectors.booking_for(request.user, pk)
    return render(
        request,
        "partnerships/facilities/booking_detail.html",
        {
            "booking": booking,
            "can_cancel": permissions.can_cancel_booking(request.user, booking)
            and booking.is_open
            and booking.starts_at > timezone.now(),
            "can_decide": permissions.can_decide_booking(request.user, booking)
            and booking.status == booking.Status.REQUESTED,
            "decision_form": DecisionForm(),
        },
    )


@login_required
@require_GET
def series_detail(request: HttpRequest, pk: int) -> HttpResponse:
    series, bookings = selectors.series_for(request.user, pk)
    now = timezone.now()
    return render(
        request,
        "partnerships/facilities/series_detail.html",
        {
            "series": series,
            "bookings": bookings,
            "now": now,
            "can_cancel": permissions.can_cancel_booking(request.user, series)
            and any(b.is_open and b.starts_at > now for b in bookings),
            "can_decide": permissions.can_decide_booking(request.user, series)
            and any(b.status == b.Status.REQUESTED for b in bookings),
            "decision_form": DecisionForm(),
        },
    )


def _done(request: HttpRequest, action, done: str, back: str) -> HttpResponse:
    """Run one service; tell the user what happened or why it could not."""
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect(back)


@login_required
@require_POST
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking = selectors.booking_for(request.user, pk)
    if not permissions.can_cancel_booking(request.user, booking):
        raise Http404
    return _done(
        request,
        lambda: services.booking_cancel(booking=booking, by=request.user),
        _("The booking was cancelled."),
        reverse("facilities:booking_detail", kwargs={"pk": booking.pk}),
    )


@login_required
@require_POST
def series_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    series, bookings = selectors.series_for(request.user, pk)
    if not permissions.can_cancel_booking(request.user, series):
        raise Http404
    coming = [
        b
        for b in bookings
        if b.starts_at > timezone.now()
        and b.status in (Booking.Status.REQUESTED, Booking.Status.APPROVED)
    ]
    asked = confirm.ask(
        request,
        title=_("Cancel the series"),
        question=ngettext(
            "Cancel the one coming date of the series at %(space)s? Past dates stay as they were.",
            "Cancel all %(count)s coming dates of the series at %(space)s? Past dates stay "
            "as they were.",
            len(coming),
        )
        % {"count": len(coming), "space": series.space},
        details=[span(b.starts_at, b.ends_at) for b in coming],
        confirm_label=_("Cancel the coming dates"),
        cancel_url=reverse("facilities:series_detail", kwargs={"pk": series.pk}),
    )
    if asked:
        return asked
    return _done(
        request,
        lambda: services.series_cancel(series=series, by=request.user),
        _("The coming dates of the series were cancelled."),
        reverse("facilities:series_detail", kwargs={"pk": series.pk}),
    )


# --- Decisions (facility managers) -------------------------------------------


def _decision(request: HttpRequest, approve_one, decline_one, back: str):
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    data = form.cleaned_data
    if data["decision"] == DecisionForm.APPROVE:
        return _done(
            request,
            lambda: approve_one(grant_free=data["grant_free"]),
            _("Approved."),
            back,
        )
    return _done(request, lambda: decline_one(reason=data["reason"]), _("Declined."), back)


@login_required
@require_POST
def booking_decide(request: HttpRequest, pk: int) -> HttpResponse:
    booking = selectors.booking_for(request.user, pk)
    if not permissions.can_decide_booking(request.user, booking):
        raise Http404
    return _decision(
        request,
        lambda grant_free: services.booking_approve(
            booking=booking, by=request.user, grant_free=grant_free
        ),
        lambda reason: services.booking_decline(booking=booking, by=request.user, reason=reason),
        reverse("facilities:booking_detail", kwargs={"pk": booking.pk}),
    )


@login_required
@require_POST
def series_decide(request: HttpRequest, pk: int) -> HttpResponse:
    series, _bookings = selectors.series_for(request.user, pk)
    if not permissions.can_decide_booking(request.user, series):
        raise Http404
    back = reverse("facilities:series_detail", kwargs={"pk": series.pk})

    def approve(grant_free):
        _decided, taken = services.series_approve(
            series=series, by=request.user, grant_free=grant_free
        )
        if taken:
            messages.warning(
                request,
                _("%(count)s dates were booked meanwhile and are still waiting: decline them.")
                % {"count": len(taken)},
            )

    return _decision(
        request,
        approve,
        lambda reason: services.series_decline(series=series, by=request.user, reason=reason),
        back,
    )


@login_required
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    """The manager's desk: requests waiting, and a week or month of bookings."""
    if permissions.managed_municipality_id(request.user) is None:
        raise Http404
    view = "month" if request.GET.get("view") == "month" else "week"
    day = _day_param(request)
    if view == "month":
        first = day.replace(day=1)
        days = ((first + timedelta(days=32)).replace(day=1) - first).days
        previous = (first - timedelta(days=1)).replace(day=1)
        following = first + timedelta(days=days)
    else:
        first, days = selectors.week_start(day), 7
        previous, following = first - timedelta(days=7), first + timedelta(days=7)
    spaces = list(permissions.spaces_managed_by(request.user).select_related("parent"))
    try:
        space_id = int(request.GET.get("space", ""))
    except ValueError:
        space_id = None
    if space_id not in {space.pk for space in spaces}:
        space_id = None
    bookings = selectors.manager_calendar(request.user, first, days, space_id)
    return render(
        request,
        "partnerships/facilities/manage.html",
        {
            "view": view,
            "first": first,
            "days": selectors.by_day(bookings, first, days),
            "previous": previous,
            "following": following,
            "spaces": spaces,
            "space_id": space_id,
            "waiting": selectors.requests_grouped(request.user),
        },
    )


# --- An organisation's calendar feed -----------------------------------------


@login_required
@require_POST
def feed_renew(request: HttpRequest, pk: int) -> HttpResponse:
    """Create the organisation's secret calendar address, or replace a leaked one."""
    organisation = permissions.booking_organisations(request.user).filter(pk=pk).first()
    if organisation is None or not permissions.can_use_feed(request.user, organisation):
        raise Http404
    token = secrets.token_urlsafe(32)
    try:
        CalendarFeed.objects.update_or_create(
            organisation=organisation, defaults={"token": token, "token_hash": hash_token(token)}
        )
    except IntegrityError:  # the same secret twice: practically never; ask again
        messages.error(request, _("Please try again."))
    else:
        messages.success(request, _("The calendar has a new secret address."))
    return redirect("facilities:my_bookings")


@require_GET
def organisation_ical(request: HttpRequest, token: str) -> HttpResponse:
    """The organisation's bookings for its calendar app; whoever has the secret
    address reads it, as calendar apps fetch without logging in."""
    feed = (
        CalendarFeed.objects.select_related("organisation")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if feed is None or not secrets.compare_digest(feed.token, token):
        raise Http404
    events = [
        ical.Event(
            uid=f"booking-{booking.pk}@kumppani",
            starts_at=booking.starts_at,
            ends_at=booking.ends_at,
            summary=f"{booking.space}: {booking.purpose}",
            location=booking.space.address,
            description=booking.get_status_display(),
            tentative=booking.status == booking.Status.REQUESTED,
        )
        for booking in selectors.organisation_feed(feed.organisation)
    ]
    return _calendar_response(ical.calendar(str(feed.organisation), events), "bookings.ics")
