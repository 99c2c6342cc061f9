"""Projects of a Cité, of several Cités or of the network: objectives, milestones and tasks."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from citemetiers.core.tenancy import centre_scoped


class Scope(models.TextChoices):
    CENTRE = "centre", _("This Cité")
    CENTRES = "centres", _("Several Cités")
    NETWORK = "network", _("The network")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("In progress")
    DONE = "done", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


def project_visible_to(centre, *, through: str = "") -> Q:
    """The projects' visibility rule, written once: what a member of `centre` may read.

    Its own Cité's projects, those of several Cités it takes part in, and every network project.
    `centre` is None for the network area's pages: the network's projects only.
    """
    condition = Q(**{f"{through}scope": Scope.NETWORK})
    if centre is not None:
        condition |= Q(**{f"{through}centre": centre})
        # A subquery rather than a join, so that a project of several Cités is not read twice.
        condition |= Q(
            **{f"{through}pk__in": Project.partner_centres.through.objects.filter(centre=centre).values("project")}
        )
    return condition


def _through_project(path: str):
    return lambda centre: project_visible_to(centre, through=path)


class ProjectQuerySet(models.QuerySet):
    def for_centre(self, centre):
        """The projects a Cité leads."""
        return self.filter(centre=centre)

    def visible_to(self, centre):
        return self.filter(project_visible_to(centre))


class Project(models.Model):
    """A piece of work with a purpose, a lead, members from any organisation and measured objectives."""

    centre = models.ForeignKey(
        "centres.Centre", on_delete=models.PROTECT, related_name="projects", verbose_name=_("leading Cité")
    )
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.CENTRE)
    partner_centres = models.ManyToManyField(
        "centres.Centre", blank=True, related_name="partner_projects", verbose_name=_("partner Cités")
    )
    lead = models.ForeignKey(
        "centres.Membership", on_delete=models.PROTECT, related_name="led_projects", verbose_name=_("lead")
    )
    members = models.ManyToManyField(
        "centres.Membership", blank=True, related_name="projects", verbose_name=_("members")
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.ACTIVE)
    # What the project works with, and what it gives the library back: a produced document shared with
    # the network is the project's contribution to the other Cités.
    resources = models.ManyToManyField(
        "library.Resource", blank=True, related_name="projects", verbose_name=_("documents used")
    )
    produced_resources = models.ManyToManyField(
        "library.Resource", blank=True, related_name="produced_by_projects", verbose_name=_("documents produced")
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = centre_scoped(ProjectQuerySet, rule=project_visible_to, network_readable=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self):
        return self.title


class ObjectiveKind(models.TextChoices):
    MEASURED = "measured", _("Measured by the indicators")
    MANUAL = "manual", _("Entered with evidence")


# Objectives measured by the library rather than the indicators: how many resources other Cités
# adopted — all those the project's Cité wrote, or only the documents the project produced.
ADOPTED_RESOURCES = "adopted_resources"
ADOPTED_DOCUMENTS = "adopted_documents"
ADOPTION_METRICS = (ADOPTED_RESOURCES, ADOPTED_DOCUMENTS)


class Direction(models.TextChoices):
    INCREASE = "increase", _("At least the target")
    DECREASE = "decrease", _("At most the target")


class Objective(models.Model):
    """What a project means to change, and by how much: read from the indicators or entered by hand."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="objectives")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=ObjectiveKind.choices, default=ObjectiveKind.MEASURED)
    # An indicator of indicators.models (a metric and, within it, a key: an age band, a theme…).
    metric = models.CharField(_("indicator"), max_length=40, blank=True)
    metric_key = models.CharField(_("filter"), max_length=60, blank=True)
    area = models.ForeignKey(
        "reception.AdviceArea", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("advice area")
    )
    baseline = models.FloatField(_("baseline"), default=0)
    target = models.FloatField(_("target"))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.INCREASE)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_url = models.URLField(_("evidence link"), blank=True)

    objects = centre_scoped(rule=_through_project("project__"), network_readable=True)

    class Meta:
        ordering = ["project", "pk"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self):
        return self.title


class ObjectiveValue(models.Model):
    """A value of an objective on a day: the history of what was measured or entered."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+")
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="values")
    recorded_on = models.DateField(_("date"))
    value = models.FloatField(_("value"))
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_url = models.URLField(_("evidence link"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    objects = centre_scoped(rule=_through_project("objective__project__"), network_readable=True)

    class Meta:
        ordering = ["objective", "recorded_on", "pk"]
        verbose_name = _("objective value")
        verbose_name_plural = _("objective values")

    def __str__(self):
        return f"{self.objective} {self.recorded_on}: {self.value}"


class Milestone(models.Model):
    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    objects = centre_scoped(rule=_through_project("project__"), network_readable=True)

    class Meta:
        ordering = ["project", "due_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.title


class TaskStatus(models.TextChoices):
    TODO = "todo", _("To do")
    DOING = "doing", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = (TaskStatus.TODO, TaskStatus.DOING)


def task_visible_to(centre) -> Q:
    """A Cité's tasks, those its staff own in another Cité's project, and those of projects it sees."""
    # The project's rule through the task's foreign key, not a subquery of Project's own manager: in a
    # scope, that manager would add its rule a second time.
    if centre is None:
        return project_visible_to(None, through="project__")
    return Q(centre=centre) | Q(owner__centre=centre) | project_visible_to(centre, through="project__")


class TaskQuerySet(models.QuerySet):
    def for_centre(self, centre):
        return self.filter(centre=centre)

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


class Task(models.Model):
    """An action item: someone named does something by a date, for a project or on its own."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="project_tasks")
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, null=True, blank=True, related_name="tasks", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=300)
    owner = models.ForeignKey(
        "centres.Membership", on_delete=models.PROTECT, related_name="project_tasks", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.TODO)
    source = models.CharField(_("source"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = centre_scoped(TaskQuerySet, rule=task_visible_to)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["owner", "status", "due_on"], name="task_owner_status_due")]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ReminderSent(models.Model):
    """One reminder e-mail per person per day, whatever the number of their tasks and Cités."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="reminder_one_per_user_day")]

    def __str__(self):
        return f"{self.user} {self.day}"


class TaskFeed(models.Model):
    """A person's secret calendar address of their due tasks (a feed reader holds no session)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="task_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.user}"
