"""The facilities catalogue is kept in the admin by each municipality's facility
managers: spaces with their opening hours, exceptions and photos. Agreements
and bookings are kept on the portal's own pages, through the services."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cooperation.admin import PermissionScoped
from cooperation.forms import GuardedModelForm
from cooperation.lib.uploads import UploadRefused, check_image, checked_content
from cooperation.models import PublicBody, Unit

from . import permissions
from .models import OpeningException, OpeningHours, Space, SpacePhoto


class Scoped(PermissionScoped):
    rules = permissions


class SpaceChildInline(admin.StackedInline):
    """Rows of a space: whoever may change the space may change them."""

    form = GuardedModelForm

    extra = 0

    def has_view_permission(self, request, obj=None):
        return permissions.admin_can_view(request.user, Space)

    def has_change_permission(self, request, obj=None):
        return permissions.admin_can_change(request.user, Space, obj)

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


class OpeningHoursInline(SpaceChildInline):
    model = OpeningHours
    fields = [("weekday", "opens", "closes")]


class OpeningExceptionInline(SpaceChildInline):
    model = OpeningException
    fields = [("date", "opens", "closes"), "reason"]


class SpacePhotoForm(GuardedModelForm):
    class Meta:
        model = SpacePhoto
        fields = ["image", "alt_fi", "alt_sv", "alt_en", "order"]
        # The admin's "Currently … Change:" markup leaves the file input without a
        # label of its own once a photo is stored; name it for screen readers.
        widgets = {
            "image": forms.ClearableFileInput(
                attrs={"aria-label": _("photo"), "accept": "image/jpeg,image/png"}
            )
        }

    def clean_image(self):
        image = self.cleaned_data["image"]
        if image is None or not hasattr(image, "content_type"):
            return image  # unchanged
        try:
            checked = check_image(image, max_bytes=settings.SPACE_PHOTO_MAX_BYTES)
        except UploadRefused as error:
            raise forms.ValidationError(error.message) from error
        return checked_content(checked, stem="photo")


class SpacePhotoInline(SpaceChildInline):
    model = SpacePhoto
    form = SpacePhotoForm


@admin.register(Space)
class SpaceAdmin(Scoped, admin.ModelAdmin):
    list_display = ["name", "parent", "municipality", "kind", "capacity", "ngo_price", "is_active"]
    list_filter = ["kind", "ngo_price", "is_active", "municipality"]
    list_select_related = ["municipality", "parent"]
    search_fields = ["name", "address"]
    inlines = [OpeningHoursInline, OpeningExceptionInline, SpacePhotoInline]
    fieldsets = [
        (None, {"fields": ["municipality", "unit", "parent", "name", "address", "kind"]}),
        (
            _("The space"),
            {
                "fields": [
                    "capacity",
                    "size_m2",
                    "equipment",
                    ("description_fi", "description_sv", "description_en"),
                ]
            },
        ),
        (_("Accessibility"), {"fields": [field for field, _label in Space.ACCESSIBILITY]}),
        (
            _("Terms and price"),
            {
                "fields": [
                    ("terms_fi", "terms_sv", "terms_en"),
                    "ngo_price",
                    ("hourly_price", "reduced_hourly_price"),
                    ("free_rule_fi", "free_rule_sv", "free_rule_en"),
                ]
            },
        ),
        (
            _("Booking rules"),
            {
                "fields": [
                    "needs_approval",
                    "approver",
                    ("min_minutes", "max_minutes"),
                    ("notice_hours", "horizon_days"),
                    "is_active",
                ]
            },
        ),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        municipality_id = permissions.managed_municipality_id(request.user)
        if municipality_id is not None:
            if db_field.name == "municipality":
                kwargs["queryset"] = PublicBody.objects.filter(pk=municipality_id)
            elif db_field.name == "unit":
                kwargs["queryset"] = Unit.objects.filter(municipality_id=municipality_id)
            elif db_field.name == "parent":
                kwargs["queryset"] = Space.objects.filter(
                    municipality_id=municipality_id, parent__isnull=True
                )
            elif db_field.name == "approver":
                kwargs["queryset"] = Space.approver.field.related_model.objects.filter(
                    official__municipality_id=municipality_id
                )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
