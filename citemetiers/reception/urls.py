from django.urls import path

from citemetiers.reception import consoles, views

app_name = "reception"

urlpatterns = [
    path("reception/", consoles.reception_console, name="console"),
    path("reception/queues/", consoles.reception_queues, name="queues"),
    path("reception/check-in/", consoles.reception_check_in, name="check_in"),
    path("reception/tickets/<int:ticket_pk>/print/", consoles.ticket_print, name="ticket_print"),
    path("reception/tickets/<int:ticket_pk>/cancel/", consoles.ticket_cancel, name="ticket_cancel"),
    path("reception/tickets/<int:ticket_pk>/cancel/undo/", consoles.ticket_cancel_undo, name="ticket_cancel_undo"),
    path("reception/tickets/<int:ticket_pk>/move/", consoles.ticket_move, name="ticket_move"),
    path("reception/day/", consoles.day_close, name="day_close"),
    path("reception/day/close/", consoles.day_close_confirm, name="day_close_confirm"),
    path("reception/day/undo/", consoles.day_close_undo, name="day_close_undo"),
    path("adviser/", consoles.adviser_console, name="adviser"),
    path("adviser/panel/", consoles.adviser_panel, name="adviser_panel"),
    path("adviser/setup/", consoles.adviser_setup, name="adviser_setup"),
    path("adviser/call/", consoles.adviser_call_next, name="call_next"),
    *(
        path(
            f"adviser/tickets/<int:ticket_pk>/{action}/",
            consoles.adviser_ticket_action,
            {"action": action},
            name=f"ticket_{action.replace('-', '_')}",
        )
        for action in consoles.TICKET_ACTIONS
    ),
    path("adviser/tickets/<int:ticket_pk>/interview/", consoles.interview_form, name="interview"),
    path("settings/areas/", views.area_list, name="areas"),
    path("settings/areas/add/", views.area_form, name="area_add"),
    path("settings/areas/<int:area_pk>/", views.area_form, name="area_edit"),
    path("settings/areas/<int:area_pk>/move/", views.area_move, name="area_move"),
    path("settings/themes/", views.theme_list, name="themes"),
    path("settings/themes/add/", views.theme_form, name="theme_add"),
    path("settings/themes/<int:theme_pk>/", views.theme_form, name="theme_edit"),
    path("settings/reception/", views.screens, name="screens"),
]
