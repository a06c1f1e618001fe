from django.urls import path

from . import views
from .notices import views as notice_views
from .privacy import views as privacy_views

app_name = "cooperation"

urlpatterns = [
    path("", views.home, name="home"),
    path("organisations/", views.directory, name="directory"),
    path("organisations/directory.pdf", views.directory_pdf, name="directory_pdf"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("my/", views.my_account, name="my_account"),
    path("my/organisations/<int:pk>/", views.my_organisation, name="my_organisation"),
    path("my/organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path(
        "my/organisations/<int:pk>/confirm/",
        views.organisation_confirm,
        name="organisation_confirm",
    ),
    path("my/organisations/<int:pk>/invite/", views.member_invite, name="member_invite"),
    path(
        "my/organisations/<int:pk>/invitations/<int:invitation_pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "my/organisations/<int:pk>/members/<int:membership_pk>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path("my/organisations/<int:pk>/hand-over/", views.admin_hand_over, name="admin_hand_over"),
    path("my/organisations/<int:pk>/leave/", views.organisation_leave, name="organisation_leave"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("my/invitations/<int:pk>/", views.invitation_open, name="invitation_open"),
    path("my/tasks/", views.desk, name="desk"),
    path("organisations/<int:pk>/join/", views.join_request, name="join_request"),
    path("my/join-requests/<int:pk>/", views.join_request_decide, name="join_request_decide"),
    path("my/notices/", notice_views.notice_settings, name="notice_settings"),
    path("my/data/", privacy_views.my_data, name="my_data"),
    path("my/data/download/", privacy_views.my_data_download, name="my_data_download"),
    path("my/delete/", privacy_views.account_delete, name="account_delete"),
    path("privacy/", privacy_views.privacy, name="privacy"),
    path("accessibility/", privacy_views.accessibility, name="accessibility"),
    path("logo/<int:version>/", views.brand_logo, name="brand_logo"),
]
