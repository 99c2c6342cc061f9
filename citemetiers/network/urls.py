from django.urls import path

from citemetiers.network import views

app_name = "network"

urlpatterns = [
    path("", views.network_home, name="home"),
    path("centres/add/", views.centre_add, name="centre_add"),
]
