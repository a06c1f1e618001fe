"""The admin of the core. What each user sees and may change is decided in permissions.py."""

from allauth.account.admin import EmailAddressAdmin
from allauth.account.models import EmailAddress, EmailConfirmation
from allauth.mfa.admin import AuthenticatorAdmin
from allauth.mfa.models import Authenticator
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.forms import CheckboxSelectMultiple
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import permissions, services
from .checklist import services as checklist_services
from .errors import SELF_GRANT_REFUSED
from .forms import GuardedModelForm
from .lib.uploads import UploadRefused, check_image, checked_content
from .models import (
    AccessibilityFeedback,
    Brand,
    ChecklistArea,
    ChecklistEdition,
    ChecklistTheme,
    Criterion,
    ForumEvent,
    ForumRegistration,
    GuidingDocument,
    Invitation,
    Membership,
    Official,
    OfficialRole,
    Organisation,
    PublicBody,
    StatutoryCouncil,
    TargetGroup,
    Theme,
    Unit,
    User,
)


class PermissionScoped:
    """Asks an app's permissions module (`rules`) instead of Django's model
    permissions: `admin_can_view`, `admin_can_change` and `admin_queryset`.

    An object outside the user's scope answers 404, as if it did not exist.
    Feature apps mix this into their admins with their own `rules`.
    """

    rules = permissions
    # Refuses personal identity codes in every text (see cooperation.forms).
    form = GuardedModelForm

    def get_queryset(self, request):
        return self.rules.admin_queryset(request.user, self.model, super().get_queryset(request))

    def has_module_permission(self, request):
        return self.rules.admin_can_view(request.user, self.model)

    def has_view_permission(self, request, obj=None):
        return self.rules.admin_can_view(request.user, self.model)

    def has_change_permission(self, request, obj=None):
        return self.rules.admin_can_change(request.user, self.model, obj)

    def has_add_permission(self, request, obj=None):
        return self.rules.admin_can_change(request.user, self.model)

    def has_delete_permission(self, request, obj=None):
        return self.rules.admin_can_change(request.user, self.model, obj)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj


class ScopedAdmin(PermissionScoped, admin.ModelAdmin):
    pass


class ScopedInline(admin.StackedInline):
    # Stacked, not tabular: every field of an inline row then has its own label.
    form = GuardedModelForm

    def has_view_permission(self, request, obj=None):
        return permissions.admin_can_view(request.user, self.parent_model)

    def has_change_permission(self, request, obj=None):
        return permissions.admin_can_change(request.user, self.parent_model, obj)

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


@admin.register(User)
class UserAdmin(ScopedAdmin):
    list_display = [
        "email",
        "full_name",
        "is_coordinator",
        "is_active",
        "is_superuser",
        "date_joined",
    ]
    list_filter = ["is_coordinator", "is_active", "is_superuser", "preferred_language"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["date_joined", "last_login", "deleted_at"]
    fields = [
        "email",
        "full_name",
        "preferred_language",
        "is_active",
        "is_coordinator",
        "is_staff",
        "is_superuser",
        "date_joined",
        "last_login",
        "deleted_at",
    ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            # Roles that open the whole region are given by technical administrators only.
            readonly += ["is_coordinator", "is_staff", "is_superuser"]
        return readonly


@admin.register(PublicBody)
class PublicBodyAdmin(ScopedAdmin):
    list_display = ["code", "name_fi", "name_sv", "kind", "bilingual", "county"]
    list_filter = ["kind", "bilingual", "county"]
    search_fields = ["name_fi", "name_sv", "code"]
    list_select_related = ["county"]


@admin.register(Unit)
class UnitAdmin(ScopedAdmin):
    list_display = ["name_fi", "name_sv", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["name_fi", "name_sv"]
    list_select_related = ["municipality"]


@admin.register(Theme, TargetGroup)
class VocabularyAdmin(ScopedAdmin):
    list_display = ["name_fi", "name_sv", "name_en", "slug", "position"]
    search_fields = ["name_fi", "name_sv", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


def _no_self_grant(form_class, request):
    """The form class with a check that the user given the role or membership
    (the form's `user`, or the record's own) is not the one saving it."""

    class NoSelfGrant(form_class):
        def clean(self):
            data = super().clean()
            if not self.has_changed():  # an inline row left as it was
                return data
            given = data.get("user") if data else None
            for user_id in (getattr(given, "pk", None), self.instance.user_id):
                if not permissions.may_grant_to(request.user, user_id):
                    raise ValidationError(SELF_GRANT_REFUSED, code="self_grant")
            return data

    return NoSelfGrant


class NoSelfGrantAdmin(ScopedAdmin):
    def get_form(self, request, obj=None, change=False, **kwargs):
        return _no_self_grant(super().get_form(request, obj, change=change, **kwargs), request)


class MembershipInline(ScopedInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = _no_self_grant(formset.form, request)
        return formset


@admin.register(Organisation)
class OrganisationAdmin(ScopedAdmin):
    list_display = ["name", "business_id", "is_public", "confirmed_at", "updated_at"]
    list_filter = ["is_public", "municipalities", "themes", "target_groups"]
    search_fields = ["name", "business_id", "email"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [MembershipInline]
    date_hierarchy = "updated_at"


@admin.register(Membership)
class MembershipAdmin(NoSelfGrantAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__full_name", "organisation__name"]
    list_select_related = ["user", "organisation"]
    # Plain id fields with a lookup: the region has thousands of users and
    # organisations, too many for a drop-down.
    raw_id_fields = ["user", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(ScopedAdmin):
    list_display = ["email", "organisation", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email", "organisation__name"]
    list_select_related = ["organisation"]
    readonly_fields = [
        "organisation",
        "email",
        "role",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
    ]

    def has_add_permission(self, request):
        # Invitations are sent from the organisation's own pages, with a mailed token.
        return False


class OfficialRoleInline(ScopedInline):
    model = OfficialRole
    extra = 1


@admin.register(Official)
class OfficialAdmin(NoSelfGrantAdmin):
    list_display = ["user", "municipality", "unit", "title", "role_list"]
    list_filter = ["municipality", "roles__role"]
    search_fields = ["user__email", "user__full_name", "title"]
    list_select_related = ["user", "municipality", "unit"]
    raw_id_fields = ["user"]
    inlines = [OfficialRoleInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("roles")

    @admin.display(description=OfficialRole._meta.verbose_name_plural)
    def role_list(self, obj):
        return ", ".join(str(role) for role in obj.roles.all())


@admin.register(AccessibilityFeedback)
class AccessibilityFeedbackAdmin(ScopedAdmin):
    """The coordinators answer accessibility feedback and mark it handled."""

    list_display = ["created_at", "page_url", "short_message", "handled_at"]
    list_filter = [("handled_at", admin.EmptyFieldListFilter), "language"]
    search_fields = ["message", "page_url"]
    readonly_fields = ["created_at", "page_url", "message", "email", "language"]
    fields = [*readonly_fields, "handled_at", "handling_note"]

    @admin.display(description=gettext_lazy("feedback"))
    def short_message(self, obj):
        return obj.message[:80]

    def has_add_permission(self, request):
        return False  # feedback comes through the statement's form only


class BrandForm(GuardedModelForm):
    class Meta:
        model = Brand
        fields = ["name_fi", "name_sv", "logo"]
        widgets = {
            # Named for screen readers once a logo is stored (the admin's
            # "Currently … Change:" markup leaves the input without its label).
            "logo": forms.ClearableFileInput(
                attrs={"aria-label": gettext_lazy("logo"), "accept": "image/jpeg,image/png"}
            )
        }

    def clean_logo(self):
        logo = self.cleaned_data["logo"]
        if not logo or not hasattr(logo, "content_type"):
            return logo  # unchanged or cleared
        try:
            checked = check_image(logo, max_bytes=settings.BRAND_LOGO_MAX_BYTES)
        except UploadRefused as error:
            raise ValidationError(error.message) from error
        return checked_content(checked, stem="logo")


@admin.register(Brand)
class BrandAdmin(ScopedAdmin):
    """The name and logo in every page's header: one row, kept by the coordinators."""

    form = BrandForm
    list_display = ["name_fi", "name_sv", "updated_at"]

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request) and not Brand.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False  # emptied, not deleted: the header always names someone

    def save_model(self, request, obj, form, change):
        services.brand_save(brand=obj)


# Technical records of allauth and Django: superusers only (Django's own model
# permissions, which officials never hold).
for model, model_admin in [
    (EmailAddress, EmailAddressAdmin),
    (Authenticator, AuthenticatorAdmin),
    (Group, GroupAdmin),
]:
    if not admin.site.is_registered(model):
        admin.site.register(model, model_admin)
if admin.site.is_registered(EmailConfirmation):
    admin.site.unregister(EmailConfirmation)


# --- The NGO-friendly municipality checklist -------------------------------
# The model's texts are the coordinators'; an edition that assessments answer is
# shown read-only (permissions.admin_can_change) and copied into a new edition to
# be reworded. Forums, councils and guiding documents are each municipality's.


class _EditionChild(admin.StackedInline):
    form = GuardedModelForm
    extra = 0

    def has_view_permission(self, request, obj=None):
        return permissions.admin_can_view(request.user, ChecklistEdition)

    def has_change_permission(self, request, obj=None):
        return permissions.admin_can_change(request.user, ChecklistEdition, obj)

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


class ChecklistThemeInline(_EditionChild):
    model = ChecklistTheme
    fields = [("key", "position"), "name_fi", "name_sv", "name_en"]


@admin.register(ChecklistEdition)
class ChecklistEditionAdmin(ScopedAdmin):
    list_display = ["number", "name", "published"]
    fields = ["number", "name", "published"]
    inlines = [ChecklistThemeInline]
    actions = ["copy_edition"]

    @admin.action(description=gettext_lazy("Copy as a new edition to reword"))
    def copy_edition(self, request, queryset):
        if not permissions.admin_can_change(request.user, ChecklistEdition):
            raise Http404
        for edition in queryset:
            copy = checklist_services.edition_copy(
                edition=edition, name=f"{edition.name} ({_('copy')})"
            )
            self.message_user(
                request, _("Edition %(number)s was created.") % {"number": copy.number}
            )


class CriterionInline(_EditionChild):
    model = Criterion
    fields = [("key", "position", "evidence_topic"), "text_fi", "text_sv", "text_en"]


@admin.register(ChecklistArea)
class ChecklistAreaAdmin(ScopedAdmin):
    list_display = ["name_fi", "theme", "concerns_county"]
    list_filter = ["theme__edition"]
    fields = [
        "theme",
        ("key", "position"),
        "name_fi",
        "name_sv",
        "name_en",
        "summary_fi",
        "summary_sv",
        "summary_en",
        "concerns_county",
    ]
    inlines = [CriterionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("theme__edition")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "theme":
            # Areas are added only to editions no assessment answers yet.
            kwargs["queryset"] = ChecklistTheme.objects.exclude(
                edition__assessments__isnull=False
            ).select_related("edition")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class _MunicipalityRecord(ScopedAdmin):
    """A liaison person keeps their own municipality's records only."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "municipality" and not permissions.is_coordinator(request.user):
            kwargs["queryset"] = PublicBody.objects.filter(
                pk=permissions.official_municipality_id(request.user)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "municipality" in form.base_fields and not permissions.is_coordinator(request.user):
            # Only coordinators keep regional forums (no municipality).
            form.base_fields["municipality"].required = True
        return form


class ForumRegistrationInline(admin.TabularInline):
    form = GuardedModelForm
    model = ForumRegistration
    extra = 0
    fields = ["name", "email", "organisation_name", "created_at"]
    readonly_fields = fields

    def has_view_permission(self, request, obj=None):
        return permissions.admin_can_view(request.user, ForumEvent)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return permissions.admin_can_change(request.user, ForumEvent, obj)


@admin.register(ForumEvent)
class ForumEventAdmin(_MunicipalityRecord):
    list_display = ["title", "municipality", "starts_at", "registration_open"]
    list_filter = ["municipality"]
    fields = [
        "municipality",
        "title",
        ("starts_at", "ends_at"),
        "place",
        "organisers",
        "organiser_organisations",
        ("invites_ngos", "invites_officials", "invites_elected"),
        "agenda",
        "agenda_planned_with_ngos",
        "minutes",
        ("registration_open", "capacity"),
    ]
    autocomplete_fields = []
    filter_horizontal = []
    inlines = [ForumRegistrationInline]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "organiser_organisations":
            kwargs["widget"] = CheckboxSelectMultiple
            municipality_id = permissions.official_municipality_id(request.user)
            if municipality_id is not None:
                kwargs["queryset"] = Organisation.objects.filter(municipalities=municipality_id)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(StatutoryCouncil)
class StatutoryCouncilAdmin(_MunicipalityRecord):
    list_display = ["name", "kind", "municipality"]
    list_filter = ["kind"]


@admin.register(GuidingDocument)
class GuidingDocumentAdmin(_MunicipalityRecord):
    list_display = ["title", "kind", "year_shown", "municipality", "ngos_consulted"]
    list_filter = ["kind", "year"]

    @admin.display(description=gettext_lazy("year"), ordering="year")
    def year_shown(self, document):
        return str(document.year)  # a number would print as "2 025"
