from django.urls import path

from citemetiers.rosters import views

app_name = "rosters"

urlpatterns = [
    path("roster/", views.roster, name="roster"),
    path("roster/mine/", views.mine, name="mine"),
    path("roster/mine/feed/", views.feed_regenerate, name="feed_regenerate"),
    path("roster/availability/", views.my_availability, name="my_availability"),
    path("roster/team/", views.team, name="team"),
    path("roster/team/<int:membership_pk>/", views.availability, name="availability"),
    path("roster/desks/", views.desks, name="desks"),
    path("roster/desks/add/", views.desk_form, name="desk_add"),
    path("roster/desks/<int:desk_pk>/", views.desk_form, name="desk_edit"),
    path("roster/shifts/add/", views.shift_add, name="shift_add"),
    path("roster/shifts/<int:shift_pk>/", views.shift_change, name="shift_change"),
    path("roster/shifts/<int:shift_pk>/remove/", views.shift_remove, name="shift_remove"),
    path("roster/planner/", views.planner, name="planner"),
    path("roster/planner/<int:proposal_pk>/", views.proposal, name="proposal"),
    path("roster/planner/<int:proposal_pk>/publish/", views.proposal_publish, name="proposal_publish"),
    path("roster/partners/", views.partners, name="partners"),
]

feed_urlpatterns = [path("roster-feed/<str:feed>.ics", views.feed, name="feed")]
