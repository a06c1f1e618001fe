"""Pages of the core. Views ask permissions, call selectors and services, and render."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import extensions, permissions, selectors, services
from .errors import DomainError
from .forms import HandOverForm, InvitationForm, JoinRequestForm, OrganisationForm, ProfileForm
from .language import set_language_cookie
from .lib import confirm
from .lib.downloads import image_download
from .lib.pagination import BoundedCachedCountPaginator
from .lib.pdf import pdf_response
from .models import Invitation, Membership, Organisation

logger = logging.getLogger(__name__)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    context = {"summary": selectors.region_summary()}
    if request.user.is_authenticated:
        context["groups"] = selectors.desk(request.user)
    return render(request, "cooperation/home.html", context)


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    filterset, organisations = selectors.organisation_directory(
        user=request.user, params=request.GET
    )
    paginator = BoundedCachedCountPaginator(organisations, settings.DIRECTORY_PAGE_SIZE)
    # 2,000 organisations to browse (the region has about 900); past them a
    # search narrows the list: any visitor could ask for page 5,000 otherwise.
    paginator.max_pages = 100
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page": page,
        "query": query.urlencode(),
        "can_export": permissions.can_export_directory(request.user),
    }
    template = "cooperation/directory.html"
    if _is_htmx(request):
        template += "#results"
    return render(request, template, context)


@require_GET
@login_required
def directory_pdf(request: HttpRequest) -> HttpResponse:
    if not permissions.can_export_directory(request.user):
        raise Http404
    filterset, organisations = selectors.organisation_directory(
        user=request.user, params=request.GET
    )
    context = {"filter": filterset, "organisations": organisations, "generated_at": timezone.now()}
    return pdf_response("cooperation/pdf/directory.html", context, filename="jarjestot.pdf")


@require_GET
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.organisation_get_visible(user=request.user, pk=pk)
    membership = permissions.membership_of(request.user, organisation)
    return render(
        request,
        "cooperation/organisation_detail.html",
        {
            "organisation": organisation,
            "membership": membership,
            "links": extensions.organisation_links(organisation, request.user),
        },
    )


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_organisation(request.user):
        raise Http404
    form = OrganisationForm(request.POST or None)
    context = {"form": form, "creating": True}
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(by=request.user, **form.service_kwargs())
        except services.BusinessIdTaken as taken:
            # Not a dead end: the person may ask the organisation's admins to join.
            form.add_error("business_id", taken.message)
            context["taken"] = taken.organisation
            context["join_form"] = JoinRequestForm()
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The organisation was created. You are its admin."))
            return redirect("cooperation:my_organisation", pk=organisation.pk)
    return render(request, "cooperation/organisation_form.html", context)


@require_POST
@login_required
def join_request(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None or not permissions.can_ask_to_join(request.user, organisation):
        raise Http404
    form = JoinRequestForm(request.POST)
    if form.is_valid():
        try:
            services.join_request_create(
                organisation=organisation, user=request.user, message=form.cleaned_data["message"]
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Your request was sent to the admins of %(organisation)s.")
                % {"organisation": organisation.name},
            )
        return redirect("cooperation:desk")
    messages.error(request, _("The message is too long."))
    return redirect("cooperation:organisation_create")


@require_POST
@login_required
def join_request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    join = permissions.join_requests_to_decide(request.user).filter(pk=pk).first()
    if join is None:
        raise Http404
    accept = request.POST.get("accept") == "1"
    try:
        services.join_request_decide(request=join, by=request.user, accept=accept)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Accepted.") if accept else _("Declined."))
    return redirect("cooperation:my_organisation", pk=join.organisation_id)


# --- Self-service of an organisation -----------------------------------------


def _own_membership(request: HttpRequest, pk: int, *, admin: bool = False) -> Membership:
    """The user's membership of organisation `pk`; 404 when not a member (or not admin)."""
    membership = selectors.membership_get_own(user=request.user, organisation_pk=pk)
    if admin and not permissions.can_manage_members(membership):
        raise Http404
    return membership


@require_GET
@login_required
def my_organisation(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _own_membership(request, pk)
    organisation = membership.organisation
    context = {
        "membership": membership,
        "organisation": organisation,
        "members": selectors.organisation_members(organisation=organisation),
        "can_manage": permissions.can_manage_members(membership),
        "invitations": (
            selectors.organisation_open_invitations(organisation=organisation)
            if permissions.can_manage_members(membership)
            else []
        ),
        "invite_form": InvitationForm(),
        "join_requests": (
            list(
                permissions.join_requests_to_decide(request.user)
                .filter(organisation=organisation)
                .select_related("user")
            )
            if permissions.can_manage_members(membership)
            else []
        ),
    }
    return render(request, "cooperation/my_organisation.html", context)


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _own_membership(request, pk, admin=True)
    organisation = membership.organisation
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                organisation=organisation, by=request.user, **form.service_kwargs()
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The profile was saved."))
            return redirect("cooperation:my_organisation", pk=organisation.pk)
    return render(
        request,
        "cooperation/organisation_form.html",
        {"form": form, "organisation": organisation, "creating": False},
    )


@require_POST
@login_required
def organisation_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _own_membership(request, pk, admin=True)
    services.organisation_confirm_current(organisation=membership.organisation, by=request.user)
    messages.success(request, _("Thank you: the profile is marked as up to date."))
    return redirect("cooperation:my_organisation", pk=pk)


@login_required
def member_invite(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _own_membership(request, pk, admin=True)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                organisation=membership.organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
            )
        except DomainError as error:
            form.add_error("email", error.message)
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("cooperation:my_organisation", pk=pk)
    return render(
        request,
        "cooperation/member_invite.html",
        {"form": form, "organisation": membership.organisation},
    )


@require_POST
@login_required
def invitation_revoke(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    membership = _own_membership(request, pk, admin=True)
    invitation = Invitation.objects.filter(
        pk=invitation_pk, organisation_id=membership.organisation_id, accepted_at__isnull=True
    ).first()
    if invitation is None:
        raise Http404
    services.invitation_revoke(invitation=invitation, by=request.user)
    messages.success(request, _("The invitation was withdrawn."))
    return redirect("cooperation:my_organisation", pk=pk)


@require_POST
@login_required
def member_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    own = _own_membership(request, pk, admin=True)
    target = Membership.objects.filter(
        pk=membership_pk, organisation_id=own.organisation_id
    ).first()
    if target is None:
        raise Http404
    asked = confirm.ask(
        request,
        title=_("Remove a member"),
        question=_(
            "Remove %(name)s from %(organisation)s? They can no longer act for the "
            "organisation; what they did stays in its records."
        )
        % {"name": target.user, "organisation": own.organisation.name},
        confirm_label=_("Remove the member"),
        cancel_url=reverse("cooperation:my_organisation", args=[pk]),
    )
    if asked:
        return asked
    try:
        services.membership_remove(membership=target, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(name)s was removed.") % {"name": target.user})
    return redirect("cooperation:my_organisation", pk=pk)


@login_required
def admin_hand_over(request: HttpRequest, pk: int) -> HttpResponse:
    own = _own_membership(request, pk, admin=True)
    others = selectors.organisation_members(organisation=own.organisation).exclude(pk=own.pk)
    form = HandOverForm(request.POST or None, memberships=others)
    if request.method == "POST" and form.is_valid():
        asked = confirm.ask(
            request,
            title=_("Hand over the admin role"),
            question=_(
                "Hand over the admin role of %(organisation)s to %(name)s? You stay a "
                "member, but you can no longer edit the profile, invite or remove "
                "members; only the new admin can give the role back."
            )
            % {"organisation": own.organisation.name, "name": form.cleaned_data["new_admin"].user},
            confirm_label=_("Hand over the admin role"),
            cancel_url=reverse("cooperation:my_organisation", args=[pk]),
        )
        if asked:
            return asked
        try:
            services.admin_role_hand_over(
                from_membership=own, to_membership=form.cleaned_data["new_admin"]
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The admin role was handed over."))
            return redirect("cooperation:my_organisation", pk=pk)
    return render(
        request,
        "cooperation/admin_hand_over.html",
        {"form": form, "organisation": own.organisation},
    )


@login_required
def organisation_leave(request: HttpRequest, pk: int) -> HttpResponse:
    own = _own_membership(request, pk)
    if request.method == "POST":
        try:
            services.membership_remove(membership=own, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("cooperation:my_organisation", pk=pk)
        messages.success(request, _("You left %(name)s.") % {"name": own.organisation})
        return redirect("cooperation:my_account")
    return render(request, "cooperation/organisation_leave.html", {"membership": own})


# --- Invitations and account ---------------------------------------------------


@never_cache
@login_required
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_find_open(token)
    if invitation is None:
        return render(request, "cooperation/invitation_invalid.html", status=404)
    return _invitation_page(request, invitation)


@never_cache
@login_required
def invitation_open(request: HttpRequest, pk: int) -> HttpResponse:
    """An invitation reached from the desk: the person's own (to one of their
    verified addresses) and still open, or 404."""
    invitation = selectors.open_invitation_for(request.user, pk)
    if invitation is None:
        raise Http404
    return _invitation_page(request, invitation)


def _invitation_page(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    verified = selectors.verified_addresses(request.user)
    allowed = permissions.can_accept_invitation(request.user, invitation, verified)
    if request.method == "POST" and allowed:
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("cooperation:my_account")
        messages.success(
            request, _("Welcome to %(name)s.") % {"name": invitation.organisation.name}
        )
        return redirect("cooperation:my_organisation", pk=invitation.organisation_id)
    return render(
        request,
        "cooperation/invitation_accept.html",
        {"invitation": invitation, "allowed": allowed},
    )


@require_GET
@login_required
def desk(request: HttpRequest) -> HttpResponse:
    """The person's own tasks: what waits for them in every app, oldest first."""
    return render(request, "cooperation/desk.html", {"groups": selectors.desk(request.user)})


@login_required
def my_account(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(
            user=request.user,
            full_name=form.cleaned_data["full_name"],
            preferred_language=form.cleaned_data["preferred_language"],
        )
        with translation.override(request.user.preferred_language):
            messages.success(request, _("Your details were saved."))
        return set_language_cookie(
            redirect("cooperation:my_account"), request.user.preferred_language
        )
    context = {
        "form": form,
        "memberships": selectors.memberships_of_user(user=request.user),
        "official": selectors.official_with_roles(user=request.user),
        "can_use_admin": permissions.can_use_admin(request.user),
    }
    return render(request, "cooperation/my_account.html", context)


@require_GET
def brand_logo(request: HttpRequest, version: int) -> FileResponse:
    """The logo the coordinators gave in the admin, public as the header it is
    in. The version in the address changes with each new logo, so a browser may
    keep one for a year."""
    if not permissions.can_see_brand(request.user):
        raise Http404
    brand = selectors.brand_logo()
    if brand is None:
        raise Http404
    return image_download(brand.logo, stem="logo", cache="public, max-age=31536000, immutable")


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness of the database and, when configured, Redis. 503 if either is down."""
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:
        logger.exception("health check: database")
        checks["database"] = "error"
    if settings.REDIS_URL:
        try:
            cache.set("healthz", "1", 5)
            checks["redis"] = "ok" if cache.get("healthz") == "1" else "error"
        except Exception:
            logger.exception("health check: redis")
            checks["redis"] = "error"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )
