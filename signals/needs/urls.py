"""The needs' addresses, in the signals app's namespace ("signals:need_…")."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.need_list, name="need_list"),
    path("new/", views.need_create, name="need_create"),
    path("statistics/", views.need_statistics, name="need_statistics"),
    path("statistics.csv", views.need_statistics_csv, name="need_statistics_csv"),
    path("statistics.pdf", views.need_statistics_pdf, name="need_statistics_pdf"),
    path("<int:pk>/", views.need_detail, name="need_detail"),
    path("<int:pk>/edit/", views.need_edit, name="need_edit"),
    path("<int:pk>/history/", views.need_history, name="need_history"),
    path("<int:pk>/signals/", views.need_signals, name="need_signals"),
    path(
        "<int:pk>/signals/<int:signal_pk>/remove/",
        views.need_signal_remove,
        name="need_signal_remove",
    ),
    path("<int:pk>/status/", views.need_move, name="need_move"),
    path("<int:pk>/follow/", views.need_follow, name="need_follow"),
]
