from django.urls import path

from citemetiers.projects import views

app_name = "projects"

urlpatterns = [
    path("projects/", views.project_list, name="list"),
    path("projects/new/", views.project_create, name="create"),
    path("projects/<int:project_pk>/", views.project_detail, name="detail"),
    path("projects/<int:project_pk>/edit/", views.project_edit, name="edit"),
    path("projects/<int:project_pk>/objectives/new/", views.objective_form, name="objective_add"),
    path("projects/<int:project_pk>/objectives/<int:objective_pk>/", views.objective_form, name="objective_edit"),
    path(
        "projects/<int:project_pk>/objectives/<int:objective_pk>/value/",
        views.objective_value,
        name="objective_value",
    ),
    path("projects/<int:project_pk>/milestones/new/", views.milestone_add, name="milestone_add"),
    path(
        "projects/<int:project_pk>/milestones/<int:milestone_pk>/toggle/",
        views.milestone_toggle,
        name="milestone_toggle",
    ),
    path("projects/<int:project_pk>/tasks/new/", views.task_add, name="project_task_add"),
    path("tasks/", views.my_tasks, name="my_tasks"),
    path("tasks/new/", views.task_add, name="task_add"),
    path("tasks/<int:task_pk>/status/", views.task_status, name="task_status"),
    path("tasks/feed/", views.feed_regenerate, name="feed_regenerate"),
    path("tasks/export.csv", views.tasks_csv, name="tasks_csv"),
    path("tasks/export.xlsx", views.tasks_xlsx, name="tasks_xlsx"),
]

feed_urlpatterns = [path("task-feed/<str:task_feed>.ics", views.feed, name="feed")]

network_urlpatterns = [path("projects/", views.network_projects, name="list")]
