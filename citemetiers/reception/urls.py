from django.urls import path

from citemetiers.reception import views

app_name = "reception"

urlpatterns = [
    path("settings/areas/", views.area_list, name="areas"),
    path("settings/areas/add/", views.area_form, name="area_add"),
    path("settings/areas/<int:area_pk>/", views.area_form, name="area_edit"),
    path("settings/areas/<int:area_pk>/move/", views.area_move, name="area_move"),
]
