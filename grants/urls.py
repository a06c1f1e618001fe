from django.urls import path

from .views import applications, calls, reports, reviews, statistics

app_name = "grants"

urlpatterns = [
    path("", calls.call_list, name="call_list"),
    path("calendar/", calls.call_calendar, name="call_calendar"),
    path("calls/<int:pk>/", calls.call_detail, name="call_detail"),
    path("calls/<int:pk>/apply/", applications.application_start, name="application_start"),
    path("calls/<int:pk>/decisions/", calls.call_decisions, name="call_decisions"),
    path("calls/<int:pk>/decisions.csv", calls.call_decisions_csv, name="call_decisions_csv"),
    path("calls/<int:pk>/decisions.pdf", calls.call_decisions_pdf, name="call_decisions_pdf"),
    path("calls/<int:pk>/publish/", calls.call_publish_decisions, name="call_publish_decisions"),
    path("applications/", applications.application_list, name="application_list"),
    path("applications/<int:pk>/", applications.application_detail, name="application_detail"),
    path("applications/<int:pk>/edit/", applications.application_edit, name="application_edit"),
    path(
        "applications/<int:pk>/attachments/",
        applications.attachment_upload,
        name="attachment_upload",
    ),
    path(
        "applications/<int:pk>/submit/", applications.application_submit, name="application_submit"
    ),
    path(
        "applications/<int:pk>/withdraw/",
        applications.application_withdraw,
        name="application_withdraw",
    ),
    path(
        "applications/<int:pk>/application.pdf",
        applications.application_pdf_view,
        name="application_pdf",
    ),
    path("applications/<int:pk>/decision.pdf", applications.decision_pdf_view, name="decision_pdf"),
    path(
        "applications/<int:pk>/screen/", applications.application_screen, name="application_screen"
    ),
    path(
        "applications/<int:pk>/request-info/",
        applications.application_request_info,
        name="application_request_info",
    ),
    path(
        "applications/<int:pk>/endorse/",
        applications.application_endorse,
        name="application_endorse",
    ),
    path(
        "applications/<int:pk>/endorsement/reopen/",
        applications.application_endorsement_reopen,
        name="application_endorsement_reopen",
    ),
    path("applications/<int:pk>/review/", reviews.application_review, name="application_review"),
    path(
        "applications/<int:pk>/review/join/",
        reviews.application_review_join,
        name="application_review_join",
    ),
    path("applications/<int:pk>/decide/", reviews.application_decide, name="application_decide"),
    path(
        "applications/<int:pk>/paid/",
        applications.application_mark_paid,
        name="application_mark_paid",
    ),
    path("attachments/<int:pk>/", applications.attachment_download, name="attachment_download"),
    path("attachments/<int:pk>/delete/", applications.attachment_delete, name="attachment_delete"),
    path("statistics/", statistics.statistics, name="statistics"),
    path("statistics.csv", statistics.statistics_csv, name="statistics_csv"),
    path("statistics.pdf", statistics.statistics_pdf, name="statistics_pdf"),
    path("organisations/<int:pk>/", statistics.organisation_history, name="organisation_history"),
    path("reports/<int:pk>/", reports.report_detail, name="report_detail"),
    path("reports/<int:pk>/review/", reports.report_review, name="report_review"),
]
