from django.urls import path

from citemetiers.events import exports, public, views

app_name = "events"

urlpatterns = [
    path("events/", views.session_list, name="list"),
    path("events/new/", views.session_create, name="session_new"),
    path("events/workshops/new/", views.template_create, name="template_new"),
    path("events/types/", views.event_types, name="types"),
    path("events/sessions.ics", exports.sessions_ics, name="ics"),
    path("events/sessions.csv", exports.sessions_csv, name="csv"),
    path("events/sessions.xlsx", exports.sessions_xlsx, name="xlsx"),
    path("events/<int:session_pk>/", views.session_detail, name="session"),
    path("events/<int:session_pk>/edit/", views.session_edit, name="session_edit"),
    path("events/<int:session_pk>/cancel/", views.session_cancel, name="session_cancel"),
    path("events/<int:session_pk>/register/", views.register, name="register"),
    path("events/<int:session_pk>/door/", views.door_check_in, name="door"),
    path("events/<int:session_pk>/head-count/", views.head_count, name="head_count"),
    path("events/registrations/<int:registration_pk>/slip/", views.slip, name="slip"),
]

# Outside /c/: no login, each reached by the Cité's public address or a registration's secret.
public_urlpatterns = [
    path("agenda/<slug:agenda_slug>/", public.agenda, name="agenda"),
    path("agenda/<slug:agenda_slug>/embed/", public.agenda_embed, name="agenda_embed"),
    path("agenda/<slug:agenda_slug>/agenda.ics", public.agenda_ics, name="agenda_ics"),
    path("e/<str:code_secret>/", public.code_page, name="code"),
    path("e/<str:code_secret>/workshop.ics", public.code_ics, name="code_ics"),
    path("e/<str:code_secret>/cancel/", public.code_cancel, name="code_cancel"),
    path("e/<str:code_secret>/evaluate/", public.code_evaluate, name="code_evaluate"),
]
