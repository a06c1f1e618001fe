"""The statements' addresses, in the partnerships namespace ("partnerships:statement_…")."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.statement_list, name="statement_list"),
    path("new/", views.statement_create, name="statement_create"),
    path("<int:pk>/", views.statement_detail, name="statement_detail"),
    path("<int:pk>/edit/", views.statement_edit, name="statement_edit"),
    path("<int:pk>/send/", views.statement_submit, name="statement_submit"),
    path("<int:pk>/endorse/", views.statement_endorse, name="statement_endorse"),
    path("<int:pk>/give/", views.statement_give, name="statement_give"),
    path("<int:pk>/decline/", views.statement_decline, name="statement_decline"),
    path("<int:pk>/funder/", views.statement_funder, name="statement_funder"),
    path("<int:pk>/statement.pdf", views.statement_pdf, name="statement_pdf"),
]
