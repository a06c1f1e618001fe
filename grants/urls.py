from django.urls import path

from . import views

app_name = "grants"

urlpatterns = [
    path("", views.call_list, name="call_list"),
    path("calendar/", views.call_calendar, name="call_calendar"),
    path("calls/<int:pk>/", views.call_detail, name="call_detail"),
    path("calls/<int:pk>/apply/", views.application_start, name="application_start"),
    path("calls/<int:pk>/decisions/", views.call_decisions, name="call_decisions"),
    path("calls/<int:pk>/decisions.csv", views.call_decisions_csv, name="call_decisions_csv"),
    path("calls/<int:pk>/publish/", views.call_publish_decisions, name="call_publish_decisions"),
    path("applications/", views.application_list, name="application_list"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/edit/", views.application_edit, name="application_edit"),
    path("applications/<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("applications/<int:pk>/submit/", views.application_submit, name="application_submit"),
    path(
        "applications/<int:pk>/withdraw/", views.application_withdraw, name="application_withdraw"
    ),
    path(
        "applications/<int:pk>/application.pdf", views.application_pdf_view, name="application_pdf"
    ),
    path("applications/<int:pk>/decision.pdf", views.decision_pdf_view, name="decision_pdf"),
    path("applications/<int:pk>/screen/", views.application_screen, name="application_screen"),
    path(
        "applications/<int:pk>/request-info/",
        views.application_request_info,
        name="application_request_info",
    ),
    path("applications/<int:pk>/endorse/", views.application_endorse, name="application_endorse"),
    path("applications/<int:pk>/review/", views.application_review, name="application_review"),
    path("applications/<int:pk>/decide/", views.application_decide, name="application_decide"),
    path("applications/<int:pk>/paid/", views.application_mark_paid, name="application_mark_paid"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("attachments/<int:pk>/delete/", views.attachment_delete, name="attachment_delete"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics.csv", views.statistics_csv, name="statistics_csv"),
    path("statistics.pdf", views.statistics_pdf, name="statistics_pdf"),
    path("organisations/<int:pk>/", views.organisation_history, name="organisation_history"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/review/", views.report_review, name="report_review"),
]
