from django.urls import include, path

from . import views

app_name = "signals"

urlpatterns = [
    path("", views.signal_list, name="signal_list"),
    path("new/", views.submit, name="submit"),
    path("send/<str:token>/", views.link_submit, name="link_submit"),
    path("send/<str:token>/status/", views.link_status, name="link_status"),
    path("receipt/<str:token>/", views.receipt, name="receipt"),
    path("answer/<str:token>/", views.forward_answer, name="forward_answer"),
    path("<int:pk>/", views.signal_detail, name="signal_detail"),
    path("<int:pk>/check/", views.signal_check, name="signal_check"),
    path("<int:pk>/review/", views.signal_triage, name="signal_triage"),
    path("<int:pk>/forward/", views.signal_forward, name="signal_forward"),
    path("<int:pk>/related/", views.signal_relate, name="signal_relate"),
    path("<int:pk>/forwards/<int:forward_pk>/share/", views.forward_share, name="forward_share"),
    path("links/", views.open_links, name="open_links"),
    path(
        "links/organisation/<int:organisation_pk>/",
        views.organisation_links,
        name="organisation_links",
    ),
    path("links/<int:pk>/revoke/", views.link_revoke, name="link_revoke"),
    path("digests/", views.digest_list, name="digest_list"),
    path("digests/<int:pk>/", views.digest_detail, name="digest_detail"),
    path("digests/<int:pk>/digest.pdf", views.digest_pdf, name="digest_pdf"),
    path("digests/<int:pk>/resend/", views.digest_resend, name="digest_resend"),
    path("topics/", views.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics.csv", views.statistics_csv, name="statistics_csv"),
    path("needs/", include("signals.needs.urls")),
    path("challenges/", include("signals.challenges.urls")),
]
