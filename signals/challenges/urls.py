"""The area challenges' addresses, in the signals app's namespace ("signals:challenge_…")."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.edition_list, name="challenge_list"),
    path("new/", views.edition_create, name="challenge_edition_create"),
    path("<int:pk>/", views.edition_detail, name="challenge_edition"),
    path("<int:pk>/edit/", views.edition_edit, name="challenge_edition_edit"),
    path("<int:pk>/publish/", views.edition_publish, name="challenge_edition_publish"),
    path("<int:pk>/challenges.pdf", views.edition_pdf, name="challenge_edition_pdf"),
    path("<int:pk>/challenges/new/", views.challenge_edit, name="challenge_add"),
    path("<int:pk>/challenges/<int:challenge_pk>/", views.challenge_edit, name="challenge_edit"),
    path(
        "<int:pk>/challenges/<int:challenge_pk>/remove/",
        views.challenge_remove,
        name="challenge_remove",
    ),
]
