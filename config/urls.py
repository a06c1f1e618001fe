from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from cooperation.views import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz", healthz, name="healthz"),
    path("signals/", include("signals.urls")),
    path("grants/", include("grants.urls")),
    path("agreements/", include("partnerships.agreements.urls")),
    path("facilities/", include("partnerships.facilities.urls")),
    path("checklist/", include("cooperation.checklist.urls")),
    path("", include("cooperation.urls")),
]
