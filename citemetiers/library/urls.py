from django.urls import path

from citemetiers.library.views import peers, resources, search, writing

app_name = "library"

urlpatterns = [
    path("library/", search.library_search, name="search"),
    path("library/add/", writing.resource_add, name="resource_add"),
    path("library/compare/", resources.practice_compare, name="compare"),
    path("library/autocomplete/", search.resource_autocomplete, name="autocomplete"),
    path("library/<int:resource_pk>/", resources.resource_detail, name="resource"),
    path("library/<int:resource_pk>/edit/", writing.resource_edit, name="resource_edit"),
    path("library/<int:resource_pk>/text/", writing.translation_edit, name="translation_edit"),
    path("library/<int:resource_pk>/files/", writing.file_add, name="file_add"),
    path("library/<int:resource_pk>/files/<int:file_pk>/", resources.file_download, name="file"),
    path("library/<int:resource_pk>/links/", writing.link_add, name="link_add"),
    path("library/<int:resource_pk>/versions/", resources.resource_versions, name="versions"),
    path("library/<int:resource_pk>/versions/<int:number>/", resources.resource_version, name="version"),
    path("library/<int:resource_pk>/evaluate/", peers.evaluate, name="evaluate"),
    path("library/<int:resource_pk>/evaluations/<int:evaluation_pk>/reply/", peers.reply, name="reply"),
    path("library/<int:resource_pk>/adopt/", peers.adopt, name="adopt"),
]

# Network staff read the shared library from the network area.
network_urlpatterns = [
    path("library/", search.network_search, name="search"),
    path("library/<int:resource_pk>/", resources.network_resource, name="resource"),
    path("library/<int:resource_pk>/files/<int:file_pk>/", resources.network_file, name="file"),
]
