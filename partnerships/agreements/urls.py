from django.urls import include, path

from ..statements import urls as statement_urls
from . import views

app_name = "partnerships"

urlpatterns = [
    path("", views.register, name="register"),
    path("mine/", views.internal_register, name="internal_register"),
    path("agreements.csv", views.register_csv, name="register_csv"),
    path("mine.csv", views.internal_register_csv, name="internal_register_csv"),
    path("register.pdf", views.register_pdf_view, name="register_pdf"),
    path("<int:pk>/agreement.pdf", views.agreement_pdf_view, name="agreement_pdf"),
    path("<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("new/", views.agreement_create, name="agreement_create"),
    path("<int:pk>/edit/", views.agreement_edit, name="agreement_edit"),
    path("<int:pk>/versions/<int:number>/", views.version_detail, name="version_detail"),
    path("<int:pk>/status/", views.agreement_status, name="agreement_status"),
    path("<int:pk>/funder/", views.agreement_funder, name="agreement_funder"),
    path("<int:pk>/commitments/new/", views.commitment_edit, name="commitment_add"),
    path(
        "<int:pk>/commitments/<int:commitment_pk>/",
        views.commitment_edit,
        name="commitment_edit",
    ),
    path(
        "<int:pk>/commitments/<int:commitment_pk>/remove/",
        views.commitment_remove,
        name="commitment_remove",
    ),
    path("<int:pk>/documents/", views.document_upload, name="document_upload"),
    path("<int:pk>/follow-ups/", views.follow_up_open, name="follow_up_open"),
    path("annual-reports/<int:pk>/", views.annual_report_submit, name="annual_report_submit"),
    path("follow-ups/<int:pk>/", views.follow_up_detail, name="follow_up_detail"),
    path("follow-ups/<int:pk>/comment/", views.follow_up_comment, name="follow_up_comment"),
    path("follow-ups/<int:pk>/close/", views.follow_up_close, name="follow_up_close"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("statements/", include(statement_urls.urlpatterns)),
]
