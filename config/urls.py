from django.urls import include, path

from citemetiers.core import views as core_views
from citemetiers.events import urls as events_urls
from citemetiers.groups import urls as groups_urls
from citemetiers.indicators import urls as indicators_urls
from citemetiers.labelling import urls as labelling_urls
from citemetiers.library import urls as library_urls
from citemetiers.network import views as network_views
from citemetiers.projects import urls as projects_urls
from citemetiers.rosters import urls as rosters_urls
from citemetiers.sitesearch import urls as sitesearch_urls

urlpatterns = [
    path("", network_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("citemetiers.accounts.urls")),
    path("c/<slug:centre_slug>/", include("citemetiers.centres.urls")),
    path("c/<slug:centre_slug>/", include("citemetiers.reception.urls")),
    path("c/<slug:centre_slug>/", include("citemetiers.referentials.urls")),
    path("c/<slug:centre_slug>/", include("citemetiers.indicators.urls")),
    path("c/<slug:centre_slug>/", include("citemetiers.library.urls")),
    path("c/<slug:centre_slug>/", include("citemetiers.rosters.urls")),
    path("c/<slug:centre_slug>/", include("citemetiers.territory.urls")),
    path("c/<slug:centre_slug>/", include("citemetiers.events.urls")),
    path("c/<slug:centre_slug>/", include("citemetiers.sitesearch.urls")),
    path("c/<slug:centre_slug>/", include("citemetiers.groups.urls")),
    path("c/<slug:centre_slug>/", include("citemetiers.projects.urls")),
    path("network/", include("citemetiers.network.urls")),
    path("network/", include(indicators_urls.network_urlpatterns)),
    path("network/", include((library_urls.network_urlpatterns, "network_library"))),
    path("network/", include((sitesearch_urls.network_urlpatterns, "network_search"))),
    path("", include("citemetiers.reception.public_urls")),
    path("", include((events_urls.public_urlpatterns, "events_public"))),
    path("", include((rosters_urls.feed_urlpatterns, "roster_feed"))),
    path("", include((projects_urls.feed_urlpatterns, "task_feed"))),
    path("", include((groups_urls.feed_urlpatterns, "meeting_feed"))),
    path("network/", include((projects_urls.network_urlpatterns, "network_projects"))),
    path("network/", include((groups_urls.network_urlpatterns, "network_groups"))),
    path("network/", include("citemetiers.school.urls")),
    path("network/", include("citemetiers.labelling.urls")),
    path("", include((labelling_urls.candidate_urlpatterns, "labelling_candidate"))),
    path("", include((labelling_urls.public_urlpatterns, "labelling_public"))),
    path("c/<slug:centre_slug>/", include((labelling_urls.centre_urlpatterns, "labelling_centre"))),
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
]
