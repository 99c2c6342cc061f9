from django.urls import path

from citemetiers.school import attendance, participation, views

app_name = "school"

urlpatterns = [
    path("school/", views.edition_list, name="list"),
    path("school/new/", views.edition_create, name="create"),
    path("school/mine/", views.my_contributions, name="my_contributions"),
    path("school/<int:edition_pk>/", views.edition_detail, name="edition"),
    path("school/<int:edition_pk>/manage/", views.edition_manage, name="manage"),
    path("school/<int:edition_pk>/call/", views.call, name="call"),
    path("school/<int:edition_pk>/register/", views.register, name="register"),
    path("school/<int:edition_pk>/reviews/", views.reviews, name="reviews"),
    path("school/<int:edition_pk>/decisions/", views.decisions, name="decisions"),
    path("school/<int:edition_pk>/programme.ics", views.programme_ics, name="programme_ics"),
    path("school/<int:edition_pk>/programme.pdf", views.programme_pdf, name="programme_pdf"),
    path("school/<int:edition_pk>/contributions.csv", views.contributions_csv, name="contributions_csv"),
    path("school/<int:edition_pk>/contributions.xlsx", views.contributions_xlsx, name="contributions_xlsx"),
    path("school/<int:edition_pk>/agenda/", participation.agenda, name="agenda"),
    path("school/<int:edition_pk>/agenda.ics", participation.agenda_ics, name="agenda_ics"),
    path("school/<int:edition_pk>/cancel/", participation.cancel, name="cancel"),
    path("school/<int:edition_pk>/certificate.pdf", attendance.certificate, name="certificate"),
    path("school/<int:edition_pk>/attendance/", attendance.attendance, name="attendance"),
    path("school/<int:edition_pk>/material/", participation.material, name="material"),
    path("school/<int:edition_pk>/co-author/", participation.co_author, name="co_author"),
]
