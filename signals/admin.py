"""The NGO team's admin for signals. Scope and rights come from signals.permissions.

The signal list must stay fast with a million signals: no full COUNT (the
paginator counts up to a cap), no date hierarchy (a week filter instead),
full-text search over an index (signals.search), and list columns fetched with
their related rows.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.admin import PermissionScoped
from cooperation.forms import GuardedModelForm
from cooperation.lib.pagination import CappedCountPaginator
from cooperation.lib.queries import filter_related

from . import permissions, search, services
from .models import Digest, DigestDelivery, Forward, Signal, SignalEvent, SignalLink, Topic


class Scoped(PermissionScoped):
    """Scope and rights from signals.permissions."""

    rules = permissions

    def has_add_permission(self, request, obj=None):
        # Signals arrive through the forms; digests and trails are built by services.
        return self.model is Topic and permissions.admin_can_change(request.user, Topic)

    def has_delete_permission(self, request, obj=None):
        return self.model is Topic and permissions.admin_can_change(request.user, Topic, obj)


class WeekFilter(admin.SimpleListFilter):
    title = _("week")
    parameter_name = "week"

    def lookups(self, request, model_admin):
        monday = services.week_start(timezone.now())
        weeks = [monday - timedelta(weeks=n) for n in range(8)]
        return [(f"{week:%Y-%m-%d}", f"{week.isocalendar().week}/{week:%Y}") for week in weeks]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            monday = datetime.strptime(self.value(), "%Y-%m-%d").date()  # noqa: DTZ007
        except ValueError:
            return queryset.none()
        start = timezone.make_aware(datetime.combine(monday, time.min))
        return queryset.filter(created_at__gte=start, created_at__lt=start + timedelta(days=7))


class TopicFilter(admin.SimpleListFilter):
    """By topic, through a subquery: a join would list a signal once per topic and
    make the admin add DISTINCT over every column of a million rows."""

    title = _("topic")
    parameter_name = "topic"

    def lookups(self, request, model_admin):
        return [(topic.pk, topic.name) for topic in Topic.objects.all()]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            topic = int(self.value())
        except ValueError:
            return queryset.none()
        return filter_related(queryset, "topics", topic)


class ProposalInline(admin.StackedInline):
    form = GuardedModelForm
    model = Signal
    fk_name = "parent"
    verbose_name = _("proposal")
    verbose_name_plural = _("proposals to this signal")
    fields = ["reference", "organisation_name", "proposal", "description", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ForwardInline(admin.StackedInline):
    form = GuardedModelForm
    model = Forward
    verbose_name_plural = _("follow-ups")
    fields = ["email", "message", "created_at", "answer", "answered_at", "answer_is_public"]
    readonly_fields = ["email", "message", "created_at", "answer", "answered_at"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # forwarding mails a secret link: it is done on the signal's page

    def has_change_permission(self, request, obj=None):
        return obj is not None and permissions.can_work_on_signal(request.user, obj)


class EventInline(admin.TabularInline):
    form = GuardedModelForm
    model = SignalEvent
    fields = ["at", "who", "action", "from_status", "to_status", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("who"))
    def who(self, event):
        return event.who


@admin.register(Signal)
class SignalAdmin(Scoped, admin.ModelAdmin):
    list_display = [
        "reference",
        "created_at",
        "kind",
        "municipality",
        "area",
        "organisation_name",
        "status",
        "assigned_to",
    ]
    list_filter = [WeekFilter, "municipality", "status", TopicFilter, "kind", "is_accepted"]
    list_select_related = ["municipality", "assigned_to"]
    search_fields = ["description"]  # replaced by the full-text search below
    search_help_text = _("Words of the description, or a reference such as ABCD-2345.")
    show_full_result_count = False
    paginator = CappedCountPaginator
    list_per_page = 50
    ordering = ["-created_at", "-id"]
    actions = ["mark_reviewed", "assign_to_me"]
    inlines = [ProposalInline, ForwardInline, EventInline]
    raw_id_fields = ["parent", "organisation", "assigned_to", "related"]
    readonly_fields = [
        "reference",
        "kind",
        "parent",
        "description",
        "municipality",
        "area",
        "target_groups",
        "current_action",
        "proposal",
        "organisation",
        "organisation_name",
        "sender_name",
        "sender_email",
        "sender_phone",
        "wants_answer",
        "channel",
        "is_accepted",
        "status",
        "digest",
        "created_at",
        "reviewed_at",
    ]
    fieldsets = [
        (
            _("Signal"),
            {
                "fields": [
                    "reference",
                    "kind",
                    "parent",
                    "description",
                    "municipality",
                    "area",
                    "target_groups",
                    "topics",
                    "current_action",
                    "proposal",
                    "created_at",
                    "digest",
                ]
            },
        ),
        (
            _("Sender"),
            {
                "fields": [
                    "organisation",
                    "organisation_name",
                    "sender_name",
                    "sender_email",
                    "sender_phone",
                    "wants_answer",
                    "channel",
                    "is_accepted",
                ]
            },
        ),
        (
            _("Review"),
            {
                "fields": [
                    "status",
                    "reviewed_at",
                    "assigned_to",
                    "being_done",
                    "could_be_done",
                    "responsible",
                    "responsible_units",
                    "related",
                    "answer",
                    "public_summary",
                    "is_published",
                    "publish_description",
                ]
            },
        ),
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        """The related records offered are those the portal's own pages would
        offer: signals, units and NGO team members of the signal's municipality
        (an id typed into a raw id field outside them is refused)."""
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            visible = permissions.signals_visible_to(request.user)
            fields = form.base_fields
            if "related" in fields:
                fields["related"].queryset = visible.filter(
                    municipality_id=obj.municipality_id
                ).exclude(pk=obj.pk)
            if "assigned_to" in fields:
                fields["assigned_to"].queryset = services.ngo_team(obj.municipality_id)
            if "responsible_units" in fields:
                fields["responsible_units"].queryset = fields["responsible_units"].queryset.filter(
                    municipality_id=obj.municipality_id
                )
        return form

    def get_list_filter(self, request):
        filters = list(self.list_filter)
        if not (request.user.is_superuser or request.user.is_coordinator):
            filters.remove("municipality")  # an official sees one municipality anyway
        return filters

    def get_list_display(self, request):
        columns = list(self.list_display)
        if not (request.user.is_superuser or request.user.is_coordinator):
            columns.remove("municipality")  # one municipality: a column of the same name
        return columns

    def get_search_results(self, request, queryset, search_term):
        matches, count = search.search_counted(queryset, search_term)
        # The search counted its matches on the way (up to the paginator's cap);
        # the paginator uses that count instead of counting again.
        request._signal_match_count = count
        return matches, False

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        paginator = self.paginator(queryset, per_page, orphans, allow_empty_first_page)
        count = getattr(request, "_signal_match_count", None)
        if count is not None and count <= search.FEW + 1 and paginator.cap == search.FEW:
            paginator.count = count  # cached_property: set before anyone asks
        return paginator

    def save_model(self, request, obj, form, change):
        # The review goes through the service: audit trail and notifications.
        fields = {key: form.cleaned_data[key] for key in services.TRIAGE_FIELDS}
        services.signal_triage(
            signal=obj,
            by=request.user,
            fields=fields,
            topics=form.cleaned_data["topics"],
            units=form.cleaned_data["responsible_units"],
        )
        if form.cleaned_data.get("assigned_to") and "assigned_to" in form.changed_data:
            services.signals_assign(
                signals=[obj], to=form.cleaned_data["assigned_to"], by=request.user
            )

    def save_related(self, request, form, formsets, change):
        # Topics and units were saved by the service; the inlines' sharing choice and
        # the related links are saved here.
        form.save_m2m = lambda: form.instance.related.set(form.cleaned_data["related"])
        super().save_related(request, form, formsets, change)

    @admin.action(description=_("Mark reviewed"))
    def mark_reviewed(self, request, queryset):
        allowed = [s for s in queryset if permissions.can_work_on_signal(request.user, s)]
        count = services.signals_mark_reviewed(signals=allowed, by=request.user)
        self.message_user(request, _("%(count)s signals marked reviewed.") % {"count": count})

    @admin.action(description=_("Assign to me"))
    def assign_to_me(self, request, queryset):
        allowed = [s for s in queryset if permissions.can_work_on_signal(request.user, s)]
        if not allowed:
            self.message_user(
                request, _("None of these signals is yours to assign."), messages.WARNING
            )
            return
        count = services.signals_assign(signals=allowed, to=request.user, by=request.user)
        self.message_user(request, _("%(count)s signals assigned to you.") % {"count": count})


@admin.register(Topic)
class TopicAdmin(Scoped, admin.ModelAdmin):
    list_display = ["name_fi", "name_sv", "name_en", "slug", "position", "is_active"]
    search_fields = ["name_fi", "name_sv", "name_en"]
    prepopulated_fields = {"slug": ["name_en"]}


class DeliveryInline(admin.StackedInline):
    form = GuardedModelForm
    model = DigestDelivery
    fields = ["user", "status", "attempts", "last_error", "sent_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Digest)
class DigestAdmin(Scoped, admin.ModelAdmin):
    list_display = ["week_start", "municipality", "kind", "signal_count", "created_at"]
    list_filter = ["kind", "municipality"]
    list_select_related = ["municipality"]
    readonly_fields = ["municipality", "kind", "week_start", "signal_count", "created_at"]
    inlines = [DeliveryInline]


@admin.register(SignalLink)
class SignalLinkAdmin(Scoped, admin.ModelAdmin):
    list_display = ["__str__", "kind", "created_at", "revoked_at"]
    list_filter = ["kind"]
    list_select_related = ["organisation", "municipality"]
    readonly_fields = [
        "kind",
        "organisation",
        "municipality",
        "label",
        "created_by",
        "created_at",
        "revoked_at",
    ]
    exclude = ["token_hash"]
