from django.urls import path

from citemetiers.referentials import views

app_name = "referentials"

urlpatterns = [
    path("occupations/autocomplete/", views.occupation_autocomplete, name="occupation_autocomplete"),
]
