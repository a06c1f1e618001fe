"""The portal's URLs plus two benchmark-only pieces measured beside the pages:
a bare view (the server's floor) and a stock ModelAdmin for signals (what our
signal admin is compared with)."""

from django.contrib import admin
from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as portal_urlpatterns
from signals.models import Signal


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


class StockSite(admin.AdminSite):
    """Django's own admin site, open to superusers only (the benchmark's user)."""

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser


class StockSignalAdmin(admin.ModelAdmin):
    """A ModelAdmin as one would first write it: the same columns and filters,
    Django's defaults for everything else (full COUNT, date hierarchy, icontains)."""

    list_display = [
        "reference",
        "created_at",
        "kind",
        "municipality",
        "area",
        "organisation_name",
        "status",
        "is_accepted",
        "assigned_to",
    ]
    list_filter = ["municipality", "status", "topics", "kind", "is_accepted"]
    list_select_related = ["municipality", "assigned_to"]
    search_fields = ["description"]
    date_hierarchy = "created_at"


stock_site = StockSite(name="stock")
stock_site.register(Signal, StockSignalAdmin)

urlpatterns = [
    path("bench/bare/", bare),
    path("bench/stock-admin/", stock_site.urls),
    *portal_urlpatterns,
]
