from django.urls import path

from . import views

app_name = "checklist"

urlpatterns = [
    path("", views.index, name="index"),
    path("municipalities/<str:code>/", views.municipality, name="municipality"),
    path("municipalities/<str:code>/contacts/", views.contacts, name="contacts"),
    path("forums/<int:pk>/", views.forum_detail, name="forum_detail"),
    path("assessments/", views.desk, name="desk"),
    path("assessments/new/", views.assessment_start, name="assessment_start"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment"),
    path("assessments/<int:pk>/report.pdf", views.assessment_pdf, name="assessment_pdf"),
    path(
        "assessments/<int:pk>/areas/<int:area_pk>/",
        views.assessment_area,
        name="assessment_area",
    ),
    path("assessments/<int:pk>/summary/", views.assessment_summary, name="assessment_summary"),
    path("assessments/<int:pk>/publish/", views.assessment_publish, name="assessment_publish"),
    path("assessments/<int:pk>/rate/", views.assessment_rate, name="assessment_rate"),
    path("assessments/<int:pk>/evidence/link/", views.evidence_link, name="evidence_link"),
    path(
        "assessments/<int:pk>/evidence/document/",
        views.evidence_document,
        name="evidence_document",
    ),
    path(
        "assessments/<int:pk>/evidence/suggestion/",
        views.evidence_suggestion,
        name="evidence_suggestion",
    ),
    path(
        "assessments/<int:pk>/evidence/<int:evidence_pk>/remove/",
        views.evidence_remove,
        name="evidence_remove",
    ),
    path("assessments/<int:pk>/targets/", views.target_add, name="target_add"),
    path("targets/<int:pk>/remove/", views.target_remove, name="target_remove"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("compare/", views.comparison, name="comparison"),
    path("compare.csv", views.comparison_csv, name="comparison_csv"),
    path("compare.pdf", views.comparison_pdf, name="comparison_pdf"),
]
