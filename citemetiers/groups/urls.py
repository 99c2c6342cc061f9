from django.urls import path

from citemetiers.groups import meeting_views, poll_views, views

app_name = "groups"

urlpatterns = [
    path("groups/", views.group_list, name="list"),
    path("groups/feed/", views.feed_regenerate, name="feed_regenerate"),
    path("groups/<int:group_pk>/", views.group_detail, name="detail"),
    path("groups/<int:group_pk>/feed/", views.feed_regenerate, name="group_feed_regenerate"),
    path("groups/<int:group_pk>/series/new/", meeting_views.series_create, name="series_create"),
    path("groups/<int:group_pk>/polls/new/", poll_views.poll_create, name="poll_create"),
    path("groups/series/<int:series_pk>/", meeting_views.series_detail, name="series"),
    path("groups/meetings/<int:meeting_pk>/", views.meeting_detail, name="meeting"),
    path("groups/meetings/<int:meeting_pk>/attendance/", meeting_views.attendance, name="attendance"),
    path("groups/meetings/<int:meeting_pk>/minutes/", meeting_views.minutes_page, name="minutes"),
    path("groups/meetings/<int:meeting_pk>/minutes/step/", meeting_views.minutes_step, name="minutes_step"),
    path("groups/meetings/<int:meeting_pk>/minutes/correct/", meeting_views.minutes_correct, name="minutes_correct"),
    path("groups/meetings/<int:meeting_pk>/minutes.pdf", meeting_views.minutes_pdf, name="minutes_pdf"),
    path("groups/meetings/<int:meeting_pk>/minutes.odt", meeting_views.minutes_odt, name="minutes_odt"),
    path("groups/polls/<int:poll_pk>/", poll_views.poll_detail, name="poll"),
    path("groups/polls/<int:poll_pk>/close/", poll_views.poll_close, name="poll_close"),
    path("groups/decisions/", views.decisions, name="decisions"),
    path("groups/decisions/export.csv", views.decisions_csv, name="decisions_csv"),
    path("groups/decisions/export.xlsx", views.decisions_xlsx, name="decisions_xlsx"),
]

feed_urlpatterns = [path("meeting-feed/<str:meeting_feed>.ics", views.feed, name="feed")]

network_urlpatterns = [path("groups/", views.network_groups, name="list")]
