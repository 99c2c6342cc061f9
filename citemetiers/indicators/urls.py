from django.urls import path

from citemetiers.indicators import orientations, views

app_name = "indicators"

urlpatterns = [
    path("indicators/", views.dashboard, name="dashboard"),
    path("indicators/export/<slug:table>.csv", views.dashboard_export, {"fmt": "csv"}, name="dashboard_csv"),
    path("indicators/export/<slug:table>.xlsx", views.dashboard_export, {"fmt": "xlsx"}, name="dashboard_xlsx"),
    path("indicators/network/", views.centre_comparison, name="comparison"),
    path("indicators/network.csv", views.centre_comparison_export, {"fmt": "csv"}, name="comparison_csv"),
    path("indicators/network.xlsx", views.centre_comparison_export, {"fmt": "xlsx"}, name="comparison_xlsx"),
    path("indicators/network.json", views.centre_comparison_export, {"fmt": "json"}, name="comparison_json"),
    path("indicators/import/", views.history_import_view, name="import"),
    path("indicators/services/", orientations.service_orientations_page, name="service_orientations"),
    path("indicators/services.csv", orientations.service_orientations_csv, name="service_orientations_csv"),
    path("indicators/reports/", views.reports, name="reports"),
    path("indicators/reports/<int:report_pk>/download/", views.report_download, name="report_download"),
]

network_urlpatterns = (
    [
        path("indicators/", views.network_comparison_view, name="network_comparison"),
        path("indicators.csv", views.network_comparison_export, {"fmt": "csv"}, name="network_comparison_csv"),
        path("indicators.xlsx", views.network_comparison_export, {"fmt": "xlsx"}, name="network_comparison_xlsx"),
        path("indicators.json", views.network_comparison_export, {"fmt": "json"}, name="network_comparison_json"),
    ],
    "network_indicators",
)
