"""Pages of projects and tasks: the list, a project with its objectives, milestones and tasks, my tasks."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from citemetiers.core import exports as spreadsheet
from citemetiers.core.access import centre_view, network_view, public_view
from citemetiers.core.forms import run_action, run_form
from citemetiers.indicators.charts import series_chart
from citemetiers.network.perms import is_network_staff
from citemetiers.projects import feeds, selectors, services
from citemetiers.projects.forms import (
    MilestoneForm,
    ObjectiveForm,
    ObjectiveValueForm,
    ProjectForm,
    TaskForm,
    TaskStatusForm,
)
from citemetiers.projects.models import Milestone, Objective, ObjectiveKind, Project, Task, TaskFeed, TaskStatus
from citemetiers.projects.perms import (
    can_create_project,
    can_edit_project,
    can_update_task,
    can_view_projects,
)

TASKS_PER_PAGE = 50


def _project(request, project_pk, *, page=False):
    """The project, when the Cité sees it; `page`: with all its page shows, read in a few grouped reads."""
    project = (selectors.project_detail if page else selectors.project_of)(request.centre, project_pk)
    if project is None:
        raise Http404
    return project


def _editable_project(request, project_pk):
    """The project, when the viewer may change it (the services' own rule); another Cité's is a 404
    first, so that a 403 confirms nothing about it."""
    project = _project(request, project_pk)
    if not can_edit_project(request.membership, project):
        raise PermissionDenied
    return project


def _to_project(request, project):
    return redirect("projects:detail", centre_slug=request.centre.slug, project_pk=project.pk)


@centre_view(can_view_projects, methods=("GET",))
def project_list(request):
    projects = list(selectors.projects_visible(request.centre))
    objectives = [o for project in projects for o in project.objectives.all()]
    # Every project's objectives read together: a few grouped reads per Cité, not one per objective.
    shares = {
        o.pk: selectors.share_reached(o, value)
        for o, value in zip(objectives, selectors.current_values(objectives, viewer=request.centre), strict=True)
    }
    rows = [
        (
            project,
            selectors.progress([shares[o.pk] for o in project.objectives.all()], list(project.milestones.all())),
        )
        for project in projects
    ]
    return render(
        request,
        "projects/list.html",
        {"rows": rows, "may_create": can_create_project(request.membership)},
    )


@centre_view(can_create_project)
def project_create(request):
    form = ProjectForm(
        request.POST or None,
        staff=selectors.staff_to_choose(request.centre),
        centre=request.centre,
        initial={"lead": request.membership},
    )
    if request.method == "POST" and form.is_valid():
        attempt = run_form(
            form, services.project_create, centre=request.centre, actor=request.user, **form.cleaned_data
        )
        if attempt:
            messages.success(request, _("The project has started."))
            return _to_project(request, attempt.result)
    return render(request, "projects/form.html", {"form": form, "title": _("New project")})


@centre_view(can_view_projects, on_object=can_edit_project)
def project_edit(request, project_pk):
    project = _editable_project(request, project_pk)
    form = ProjectForm(
        request.POST or None,
        staff=selectors.staff_to_choose(request.centre, project),
        centre=request.centre,
        initial=ProjectForm.initial_of(project, selectors.project_members(project)),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and run_form(form, services.project_update, project=project, data=dict(form.cleaned_data), actor=request.user)
    ):
        messages.success(request, _("The project has been saved."))
        return _to_project(request, project)
    return render(request, "projects/form.html", {"form": form, "title": project.title, "project": project})


@centre_view(can_view_projects, methods=("GET",))
def project_detail(request, project_pk):
    project = _project(request, project_pk, page=True)
    objectives = []
    listed = list(project.objectives.all())
    for objective, (value, history) in zip(
        listed, selectors.objective_readings(listed, viewer=request.centre), strict=True
    ):
        chart = series_chart(
            # A point another Cité may not read (a small cell) is left out of the line.
            [(month, point) for month, point in history if point is not None],
            title=objective.title,
            x_title=_("Month"),
            y_title=_("Value"),
            step="month",
            target=objective.target,
        )
        objectives.append(
            {
                "objective": objective,
                "value": value,
                "percent": round(100 * selectors.share_reached(objective, value)),
                "history": history,
                "chart": chart,
            }
        )
    milestones = list(project.milestones.all())
    progress = selectors.progress(
        [selectors.share_reached(o["objective"], o["value"]) for o in objectives],
        milestones,
    )
    context = {
        "project": project,
        "members": selectors.project_members(project),
        "objectives": objectives,
        "milestones": milestones,
        "tasks": list(project.tasks.all()),
        "progress": progress,
        "may_edit": can_edit_project(request.membership, project),
        "statuses": TaskStatus.choices,
        "today": timezone.localdate(),
    }
    return render(request, "projects/detail.html", context)


@centre_view(can_view_projects, on_object=can_edit_project)
def objective_form(request, project_pk, objective_pk=None):
    project = _editable_project(request, project_pk)
    objective = None
    initial = {"period_start": project.starts_on, "period_end": project.ends_on}
    if objective_pk is not None:
        objective = get_object_or_404(Objective.objects.filter(project=project), pk=objective_pk)
        initial = {name: getattr(objective, name) for name in services.OBJECTIVE_FIELDS if name != "area"}
    form = ObjectiveForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if objective is None:
            attempt = run_form(
                form, services.objective_add, project=project, data=form.cleaned_data, actor=request.user
            )
        else:
            attempt = run_form(
                form, services.objective_update, objective=objective, data=form.cleaned_data, actor=request.user
            )
        if attempt:
            messages.success(request, _("The objective has been saved."))
            return _to_project(request, project)
    title = objective.title if objective else _("New objective")
    return render(request, "projects/form.html", {"form": form, "title": title, "project": project})


@centre_view(can_view_projects, on_object=can_edit_project)
def objective_value(request, project_pk, objective_pk):
    project = _editable_project(request, project_pk)
    objective = get_object_or_404(Objective.objects.filter(project=project, kind=ObjectiveKind.MANUAL), pk=objective_pk)
    form = ObjectiveValueForm(request.POST or None, initial={"recorded_on": timezone.localdate()})
    if (
        request.method == "POST"
        and form.is_valid()
        and run_form(
            form, services.objective_value_record, objective=objective, actor=request.user, **form.cleaned_data
        )
    ):
        messages.success(request, _("The value has been recorded."))
        return _to_project(request, project)
    return render(request, "projects/form.html", {"form": form, "title": objective.title, "project": project})


@centre_view(can_view_projects, on_object=can_edit_project)
def milestone_add(request, project_pk):
    project = _editable_project(request, project_pk)
    form = MilestoneForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_form(form, services.milestone_add, project=project, actor=request.user, **form.cleaned_data)
    ):
        messages.success(request, _("The milestone has been added."))
        return _to_project(request, project)
    return render(request, "projects/form.html", {"form": form, "title": _("New milestone"), "project": project})


@centre_view(can_view_projects, methods=("POST",), on_object=can_edit_project)
def milestone_toggle(request, project_pk, milestone_pk):
    project = _editable_project(request, project_pk)
    milestone = get_object_or_404(Milestone.objects.filter(project=project), pk=milestone_pk)
    run_action(
        request, services.milestone_set_done, milestone=milestone, done=milestone.done_on is None, actor=request.user
    )
    return _to_project(request, project)


@centre_view(can_view_projects)
def task_add(request, project_pk=None):
    project = _project(request, project_pk) if project_pk is not None else None
    form = TaskForm(
        request.POST or None,
        owners=selectors.task_owners_to_choose(request.centre, project),
        initial={"owner": request.membership},
    )
    if request.method == "POST" and form.is_valid():
        attempt = run_form(
            form, services.task_create, centre=request.centre, project=project, actor=request.user, **form.cleaned_data
        )
        if attempt:
            messages.success(request, _("The task has been written down."))
            if project is not None:
                return _to_project(request, project)
            return redirect("projects:my_tasks", centre_slug=request.centre.slug)
    return render(request, "projects/form.html", {"form": form, "title": _("New task"), "project": project})


@centre_view(can_view_projects, methods=("POST",), on_object=can_update_task)
def task_status(request, task_pk):
    task = get_object_or_404(Task.objects.select_related("owner", "project__lead"), pk=task_pk)
    if not can_update_task(request.membership, task):
        raise PermissionDenied
    form = TaskStatusForm(request.POST)
    if form.is_valid():
        attempt = run_action(
            request, services.task_set_status, task=task, status=form.cleaned_data["status"], actor=request.user
        )
        if attempt:
            messages.success(
                request, _("The task is now “%(status)s”.") % {"status": attempt.result.get_status_display()}
            )
    else:
        messages.error(request, _("Choose the task's status."))
    if task.project_id and request.POST.get("back") == "project":
        return _to_project(request, task.project)
    return redirect("projects:my_tasks", centre_slug=request.centre.slug)


@centre_view(can_view_projects, methods=("GET",))
def my_tasks(request):
    # Fifty rows a page: rendering hundreds of rows was most of the page's time (bench/projects.py).
    page = Paginator(selectors.my_tasks(request.user), TASKS_PER_PAGE).get_page(request.GET.get("page"))
    feed = TaskFeed.objects.filter(user=request.user).first()
    context = {
        "tasks": list(page),
        "page": page,
        "statuses": TaskStatus.choices,
        "today": timezone.localdate(),
        "feed": feed,
    }
    return render(request, "projects/my_tasks.html", context)


@centre_view(can_view_projects, methods=("POST",))
def feed_regenerate(request):
    feeds.feed_regenerate(user=request.user, actor=request.user)
    messages.success(request, _("A new address has been made; the old one no longer works."))
    return redirect("projects:my_tasks", centre_slug=request.centre.slug)


def _export_rows(request):
    header = [_("Task"), _("Project"), _("Owner"), _("Due on"), _("Status"), _("Source")]
    return feeds.task_rows(selectors.tasks_of_centre(request.centre), header)


@centre_view(can_view_projects, methods=("GET",))
def tasks_csv(request):
    response = HttpResponse(spreadsheet.as_csv(_export_rows(request)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="tasks.csv"'
    return response


@centre_view(can_view_projects, methods=("GET",))
def tasks_xlsx(request):
    response = HttpResponse(
        spreadsheet.as_xlsx(_export_rows(request), _("Tasks")),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="tasks.xlsx"'
    return response


@public_view(methods=("GET",))
def feed(request, task_feed):
    """A person's open tasks with a due date, as an iCalendar feed reached by its secret address."""
    # The secret names its person (a feed belongs to no Cité); their tasks are then read Cité by Cité,
    # each in its own scope, as on their My tasks page.
    found = TaskFeed.objects.select_related("user").filter(token=task_feed, user__is_active=True).first()
    if found is None:
        raise Http404
    body = feeds.tasks_calendar(selectors.my_tasks(found.user))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="tasks.ics"'
    return response


@network_view(is_network_staff, methods=("GET",))
def network_projects(request):
    """The network's projects, for the network's staff (read in the network's scope: scope = network)."""
    projects = Project.objects.select_related("centre", "lead__user", "lead__organisation").order_by("title")
    return render(request, "projects/network_list.html", {"projects": list(projects)})
