from django.urls import path

from citemetiers.territory import views

app_name = "territory"

urlpatterns = [
    path("territory/", views.directory, name="directory"),
    path("territory/services/<int:service_pk>/", views.service_detail, name="service"),
    path("territory/map/", views.map_page, name="map"),
    path("territory/map.json", views.map_data, name="map_data"),
]
