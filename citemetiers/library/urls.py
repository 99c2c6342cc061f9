from django.urls import path

from citemetiers.library import views

app_name = "library"

urlpatterns = [
    path("library/", views.library_search, name="search"),
    path("library/add/", views.resource_add, name="resource_add"),
    path("library/compare/", views.practice_compare, name="compare"),
    path("library/autocomplete/", views.resource_autocomplete, name="autocomplete"),
    path("library/<int:resource_pk>/", views.resource_detail, name="resource"),
    path("library/<int:resource_pk>/edit/", views.resource_edit, name="resource_edit"),
    path("library/<int:resource_pk>/text/", views.translation_edit, name="translation_edit"),
    path("library/<int:resource_pk>/files/", views.file_add, name="file_add"),
    path("library/<int:resource_pk>/files/<int:file_pk>/", views.file_download, name="file"),
    path("library/<int:resource_pk>/links/", views.link_add, name="link_add"),
    path("library/<int:resource_pk>/versions/", views.resource_versions, name="versions"),
    path("library/<int:resource_pk>/versions/<int:number>/", views.resource_version, name="version"),
    path("library/<int:resource_pk>/evaluate/", views.evaluate, name="evaluate"),
    path("library/<int:resource_pk>/evaluations/<int:evaluation_pk>/reply/", views.reply, name="reply"),
    path("library/<int:resource_pk>/adopt/", views.adopt, name="adopt"),
]

# Network staff read the shared library from the network area.
network_urlpatterns = [
    path("library/", views.network_search, name="search"),
    path("library/<int:resource_pk>/", views.network_resource, name="resource"),
    path("library/<int:resource_pk>/files/<int:file_pk>/", views.network_file, name="file"),
]
