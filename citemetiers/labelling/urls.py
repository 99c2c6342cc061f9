from django.urls import path

from citemetiers.labelling import views

app_name = "labelling"

# Under /network/: the network's board, its dossiers and the evaluators' reviews.
urlpatterns = [
    path("labelling/", views.board, name="board"),
    path("labelling/new/", views.application_add, name="application_add"),
    path("labelling/<int:application_pk>/", views.application_detail, name="application"),
    path("labelling/<int:application_pk>/act/", views.application_action, name="application_action"),
    path("labelling/evidence/<int:evidence_pk>/", views.evidence_download, name="evidence"),
    path("labelling/reviews/", views.reviews, name="reviews"),
    path("labelling/reviews/evidence/<int:evidence_pk>/", views.review_evidence, name="review_evidence"),
]

# The candidate's staff, signed in, before their Cité exists on the platform.
candidate_urlpatterns = [
    path("label/", views.my_applications, name="mine"),
    path("label/<int:application_pk>/act/", views.my_application_action, name="act"),
]

# Under /c/<slug>/: the Cité's own application.
centre_urlpatterns = [
    path("label/", views.centre_application, name="mine"),
    path("label/evidence/<int:evidence_pk>/", views.centre_evidence, name="evidence"),
    # The applications the Cité mentors.
    path("label/mentees/<int:mentee_pk>/", views.mentee_dossier, name="mentee"),
    path("label/mentees/evidence/<int:mentee_evidence_pk>/", views.mentee_evidence, name="mentee_evidence"),
]

# Public, no login: the register of labelled Cités for the network's website.
public_urlpatterns = [
    path("label/register/", views.register, name="register"),
    path("label/register.json", views.register_json, name="register_json"),
]
