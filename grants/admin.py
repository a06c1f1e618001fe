"""The grant officers' admin: calls with their criteria, and networks. Scope and
rights come from grants.permissions. Applications are read here; they change
only through the services, from the officer's pages."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cooperation.admin import PermissionScoped
from cooperation.extensions import challenge_choices, need_choices
from cooperation.forms import GuardedModelForm
from cooperation.models import PublicBody, User
from cooperation.permissions import is_coordinator

from . import permissions
from .models import (
    AppealInstructions,
    Application,
    ApplicationEvent,
    AttachmentKind,
    Criterion,
    GrantCall,
    Network,
    UseReport,
)


class Scoped(PermissionScoped):
    rules = permissions


def _own_municipality(request):
    return permissions.officer_municipality(request.user)


class CriterionInline(Scoped, admin.StackedInline):
    model = Criterion
    extra = 0
    fields = [("name_fi", "name_sv", "name_en"), ("weight", "position")]

    def has_view_permission(self, request, obj=None):
        return permissions.admin_can_view(request.user, GrantCall)

    def has_change_permission(self, request, obj=None):
        return permissions.admin_can_change(request.user, GrantCall, obj)

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


class GrantCallForm(GuardedModelForm):
    required_attachments = forms.MultipleChoiceField(
        label=_("required attachments"),
        choices=AttachmentKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = GrantCall
        fields = [
            "municipality",
            "units",
            "kind",
            "title_fi",
            "title_sv",
            "title_en",
            "budget",
            "max_per_application",
            "opens_at",
            "closes_at",
            "report_due",
            "purposes_fi",
            "purposes_sv",
            "purposes_en",
            "guidelines_fi",
            "guidelines_sv",
            "guidelines_en",
            "required_attachments",
            "needs",
            "challenges",
            "requires_endorsement",
            "network",
            "reviewers",
            "is_published",
        ]

    def clean(self):
        data = super().clean()
        if data.get("requires_endorsement") and not data.get("network"):
            self.add_error("network", _("Name the network that endorses the applications."))
        network = data.get("network")
        if (
            network
            and data.get("municipality")
            and network.municipality_id != data["municipality"].pk
        ):
            self.add_error("network", _("The network must be of the call's municipality."))
        body = data.get("municipality")
        if body and any(
            need.municipality_id not in (None, body.pk) for need in data.get("needs") or ()
        ):
            self.add_error(
                "needs", _("Choose the needs of the call's body or of the whole region.")
            )
        challenges = data.get("challenges")
        offered = challenge_choices(body.pk) if body and challenges else None
        if offered is not None and {c.pk for c in challenges} - set(
            offered.values_list("pk", flat=True)
        ):
            self.add_error(
                "challenges", _("Choose the published area challenges of the call's body.")
            )
        return data


@admin.register(GrantCall)
class GrantCallAdmin(Scoped, admin.ModelAdmin):
    form = GrantCallForm
    inlines = [CriterionInline]
    list_display = [
        "__str__",
        "municipality",
        "kind",
        "budget",
        "opens_at",
        "closes_at",
        "is_published",
    ]
    list_filter = ["kind", "is_published", "municipality"]
    list_select_related = ["municipality"]
    search_fields = ["title_fi", "title_sv", "title_en"]
    fieldsets = [
        (None, {"fields": ["municipality", "units", "kind", ("title_fi", "title_sv", "title_en")]}),
        (
            _("Money and time"),
            {
                "fields": [
                    ("budget", "max_per_application"),
                    ("opens_at", "closes_at"),
                    ("grant_year", "report_due"),
                ]
            },
        ),
        (
            _("Guidelines"),
            {
                "fields": [
                    "purposes_fi",
                    "purposes_sv",
                    "purposes_en",
                    "guidelines_fi",
                    "guidelines_sv",
                    "guidelines_en",
                    "required_attachments",
                    "needs",
                    "challenges",
                ]
            },
        ),
        (
            _("Handling"),
            {
                "fields": [
                    "requires_endorsement",
                    "network",
                    "reviewers",
                    "officers_review",
                    "is_published",
                ]
            },
        ),
        (
            _("Decision letters"),
            {"fields": ["payment_terms_fi", "payment_terms_sv", "payment_terms_en"]},
        ),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        municipality_id = _own_municipality(request)
        if municipality_id is not None and db_field.name == "municipality":
            kwargs["queryset"] = PublicBody.objects.filter(pk=municipality_id)
        if municipality_id is not None and db_field.name == "network":
            kwargs["queryset"] = Network.objects.filter(municipality_id=municipality_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # Checkboxes, not the admin's two-box filter widget: that one fails axe
        # (ARIA on its help icons), and the lists are short once scoped.
        kwargs["widget"] = forms.CheckboxSelectMultiple
        municipality_id = _own_municipality(request)
        if db_field.name == "needs":
            # The public needs (the signals app's, through cooperation.extensions):
            # an official's body's and the region's; every public need for a superuser.
            public = db_field.related_model.objects.filter(status__in=db_field.related_model.PUBLIC)
            offered = need_choices(municipality_id) if municipality_id is not None else public
            kwargs["queryset"] = offered if offered is not None else public.none()
        if db_field.name == "challenges":
            offered = challenge_choices(municipality_id)
            kwargs["queryset"] = (
                offered if offered is not None else db_field.related_model.objects.none()
            )
        if db_field.name == "reviewers":
            officials = User.objects.filter(official__isnull=False).order_by("full_name", "email")
            if municipality_id is not None:
                officials = officials.filter(official__municipality_id=municipality_id)
            kwargs["queryset"] = officials
        if municipality_id is not None and db_field.name == "units":
            kwargs["queryset"] = kwargs.get("queryset", db_field.remote_field.model.objects).filter(
                municipality_id=municipality_id
            )
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "challenges" and field is not None:
            # Titles repeat from year to year: the body, the year and the area tell.
            field.label_from_instance = lambda challenge: challenge.label
        return field

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Network)
class NetworkAdmin(Scoped, admin.ModelAdmin):
    list_display = ["name", "municipality", "endorses_statements"]
    list_select_related = ["municipality"]
    search_fields = ["name"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        municipality_id = _own_municipality(request)
        if municipality_id is not None and db_field.name == "municipality":
            kwargs["queryset"] = PublicBody.objects.filter(pk=municipality_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "members":
            # A network's reviewers: the municipality's officials and the staff of
            # organisations working there (Oulu's networks mix both).
            kwargs["widget"] = forms.CheckboxSelectMultiple
            people = User.objects.filter(Q(official__isnull=False) | Q(memberships__isnull=False))
            municipality_id = _own_municipality(request)
            if municipality_id is not None:
                people = User.objects.filter(
                    Q(official__municipality_id=municipality_id)
                    | Q(memberships__organisation__municipalities=municipality_id)
                )
            kwargs["queryset"] = User.objects.filter(pk__in=people.values("pk")).order_by(
                "full_name", "email"
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(AppealInstructions)
class AppealInstructionsAdmin(Scoped, admin.ModelAdmin):
    """Each municipality words its own instructions; a decision keeps the text
    it was made with, so an edit here changes only the decisions after it."""

    form = GuardedModelForm
    list_display = ["municipality"]
    list_select_related = ["municipality"]
    fields = ["municipality", "text_fi", "text_sv", "text_en", "address"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        municipality_id = _own_municipality(request)
        if municipality_id is not None and db_field.name == "municipality":
            kwargs["queryset"] = PublicBody.objects.filter(pk=municipality_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class EventInline(Scoped, admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    fields = ["at", "actor", "action", "status_before", "status_after", "note"]
    readonly_fields = fields

    # The trail keeps the stored values ("draft"); a reader gets their names.
    @admin.display(description=_("from"))
    def status_before(self, event):
        return dict(Application.Status.choices).get(event.from_status, event.from_status or "–")

    @admin.display(description=_("to"))
    def status_after(self, event):
        return dict(Application.Status.choices).get(event.to_status, event.to_status or "–")

    def has_view_permission(self, request, obj=None):
        return permissions.admin_can_view(request.user, ApplicationEvent)

    def has_change_permission(self, request, obj=None):
        return False

    has_add_permission = has_delete_permission = has_change_permission


@admin.register(Application)
class ApplicationAdmin(Scoped, admin.ModelAdmin):
    list_display = [
        "reference",
        "title",
        "organisation",
        "call",
        "status",
        "requested_amount",
        "granted_amount",
        "submitted_at",
    ]
    list_filter = ["status", "call__kind"]
    list_select_related = ["organisation", "call"]
    search_fields = ["reference", "title", "organisation__name"]
    inlines = [EventInline]
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Application._meta.fields] + [
            "target_groups",
            "themes",
            "municipalities",
        ]

    def get_list_filter(self, request):
        if is_coordinator(request.user) or request.user.is_superuser:
            return [*self.list_filter, "call__municipality"]
        return self.list_filter


@admin.register(UseReport)
class UseReportAdmin(Scoped, admin.ModelAdmin):
    list_display = ["application", "status", "due_date", "submitted_at"]
    list_filter = ["status"]
    list_select_related = ["application"]
    search_fields = ["application__reference", "application__organisation__name"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in UseReport._meta.fields]
