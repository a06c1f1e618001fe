from django.urls import path

from . import views

app_name = "facilities"

urlpatterns = [
    path("", views.space_list, name="space_list"),
    path("spaces/<int:pk>/", views.space_detail, name="space_detail"),
    path("spaces/<int:pk>/busy.ics", views.space_ical, name="space_ical"),
    path("spaces/<int:pk>/book/", views.booking_new, name="booking_new"),
    path("photos/<int:pk>/", views.space_photo, name="space_photo"),
    path("bookings/", views.my_bookings, name="my_bookings"),
    path("bookings/<int:pk>/", views.booking_detail, name="booking_detail"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("bookings/<int:pk>/decide/", views.booking_decide, name="booking_decide"),
    path("series/<int:pk>/", views.series_detail, name="series_detail"),
    path("series/<int:pk>/cancel/", views.series_cancel, name="series_cancel"),
    path("series/<int:pk>/decide/", views.series_decide, name="series_decide"),
    path("manage/", views.manage, name="manage"),
    path("feeds/<int:pk>/renew/", views.feed_renew, name="feed_renew"),
    path("feeds/<str:token>.ics", views.organisation_ical, name="organisation_ical"),
]
