from django.urls import path

from citemetiers.groups import views

app_name = "groups"

urlpatterns = [
    path("groups/", views.group_list, name="list"),
    path("groups/<int:group_pk>/", views.group_detail, name="detail"),
    path("groups/meetings/<int:meeting_pk>/", views.meeting_detail, name="meeting"),
    path("groups/decisions/", views.decisions, name="decisions"),
]
