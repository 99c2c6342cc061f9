from django.urls import path

from citemetiers.centres import views

app_name = "centres"

urlpatterns = [
    path("", views.centre_home, name="home"),
    path("settings/profile/", views.profile_edit, name="profile"),
    path("settings/closures/", views.closures, name="closures"),
    path("settings/closures/<int:closure_pk>/remove/", views.closure_remove, name="closure_remove"),
    path("settings/members/", views.member_list, name="members"),
    path("settings/members/add/", views.member_add, name="member_add"),
    path("settings/members/<int:membership_pk>/", views.member_edit, name="member_edit"),
    path("settings/partners/", views.organisation_list, name="organisations"),
    path("settings/partners/add/", views.organisation_add, name="organisation_add"),
    path("settings/partners/<int:organisation_pk>/", views.organisation_edit, name="organisation_edit"),
    path("settings/partnerships/add/", views.partnership_add, name="partnership_add"),
    path("settings/partnerships/<int:partnership_pk>/", views.partnership_edit, name="partnership_edit"),
    path("audit/", views.audit_log, name="audit"),
]
