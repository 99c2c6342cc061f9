"""Public addresses, each behind a secret: the visitor's ticket and card, the display, the kiosk."""

from django.urls import include, path

from citemetiers.reception import public

visitor = (
    [
        path("t/<str:secret>/", public.visitor_ticket, name="ticket"),
        path("t/<str:secret>/status/", public.visitor_ticket_status, name="ticket_status"),
        path("t/<str:secret>/survey/", public.visitor_survey, name="survey"),
        path("t/<str:secret>/resources/<int:recommended_pk>/", public.visitor_resource, name="resource"),
        path("t/<str:secret>/card/", public.visitor_card, name="card"),
        path("card/", public.card_history, name="card_history"),
    ],
    "visitor",
)
display = (
    [
        path("<str:key>/", public.display, name="screen"),
        path("<str:key>/feed/", public.display_feed, name="feed"),
    ],
    "display",
)
kiosk = (
    [
        path("<str:key>/", public.kiosk, name="start"),
        path("<str:key>/areas/<int:area_pk>/", public.kiosk_area, name="area"),
        path("<str:key>/tickets/<str:secret>/", public.kiosk_ticket, name="ticket"),
    ],
    "kiosk",
)

urlpatterns = [
    path("", include(visitor)),
    path("display/", include(display)),
    path("kiosk/", include(kiosk)),
]
