from django.urls import path

from citemetiers.sitesearch import views

app_name = "sitesearch"
urlpatterns = [path("search/", views.centre_search, name="centre")]
network_urlpatterns = [path("search/", views.network_search, name="search")]
