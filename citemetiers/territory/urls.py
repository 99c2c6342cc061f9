from django.urls import path

from citemetiers.territory import views

app_name = "territory"

urlpatterns = [
    path("territory/", views.directory, name="directory"),
    path("territory/services/<int:service_pk>/", views.service_detail, name="service"),
    path("territory/structures/new/", views.structure_form, name="structure_new"),
    path("territory/structures/<int:structure_pk>/edit/", views.structure_form, name="structure_edit"),
    path("territory/services/new/", views.service_form, name="service_new"),
    path("territory/services/<int:service_pk>/edit/", views.service_form, name="service_edit"),
    path("territory/to-update/", views.to_update, name="to_update"),
    path("territory/imports/new/", views.import_new, name="import_new"),
    path("territory/imports/<int:import_pk>/", views.import_detail, name="import"),
    path("territory/searches/", views.saved_searches, name="saved_searches"),
    path("territory/searches/delete/", views.saved_search_delete, name="saved_search_delete"),
    path("territory/diagnostic/", views.diagnostic_page, name="diagnostic"),
    path("territory/diagnostic/imports/new/", views.diagnostic_import_new, name="diagnostic_import_new"),
    path(
        "territory/diagnostic/imports/<int:diagnostic_import_pk>/",
        views.diagnostic_import_detail,
        name="diagnostic_import",
    ),
    path("territory/map/", views.map_page, name="map"),
    path("territory/map.json", views.map_data, name="map_data"),
]
