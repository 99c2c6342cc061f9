"""The label of the network: a territory's application, from its first enquiry to a Cité renewed yearly.

An application belongs to the network, not to a Cité: a candidate territory applies before its Cité
exists. So these tables have no scoped manager; `application.centre` links the Cité once it is opened
on the platform, and every read goes through the querysets below, which say who is looking
(the network's coordinators, the evaluators assigned, the candidate's own staff).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from citemetiers.core.files import RandomName


class State(models.TextChoices):
    ENQUIRY = "enquiry", _("Enquiry")
    APPLIED = "applied", _("Project application")
    COMMISSION = "commission", _("Before the commission")
    MORE_INFORMATION = "more_information", _("More information asked")
    DECLINED = "declined", _("Declined")
    PREPARATION = "preparation", _("Project label: preparation")
    OPERATING = "operating", _("Operating label")
    CONFIRMED = "confirmed", _("Label confirmed")
    RENEWED = "renewed", _("Label renewed")
    RENEWED_WITH_CONDITIONS = "renewed_with_conditions", _("Label renewed with conditions")
    SUSPENDED = "suspended", _("Label suspended")
    WITHDRAWN = "withdrawn", _("Label withdrawn")


class CriterionKind(models.TextChoices):
    PREREQUISITE = "prerequisite", _("Prerequisite to obtain the label")
    OBLIGATION = "obligation", _("Obligation to keep the label")


class Charter(models.Model):
    """A version of the référentiel: an application is assessed against the one in force when it opened."""

    version = models.CharField(_("version"), max_length=20, unique=True)
    in_force_from = models.DateField(_("in force from"))

    class Meta:
        ordering = ["-in_force_from"]
        verbose_name = _("charter")
        verbose_name_plural = _("charters")

    def __str__(self):
        return self.version


class Criterion(models.Model):
    charter = models.ForeignKey(Charter, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("code"), max_length=10)
    principle = models.CharField(_("principle"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=CriterionKind.choices)
    # The wording in the network's languages: {"fr": "...", "en": "..."}.
    wording = models.JSONField(_("wording"), default=dict)
    indicator = models.JSONField(_("indicator"), default=dict)

    class Meta:
        ordering = ["charter", "code"]
        constraints = [models.UniqueConstraint(fields=["charter", "code"], name="criterion_code_unique")]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return f"{self.code} {self.text()}"

    def text(self, language: str = "") -> str:
        from django.utils.translation import get_language

        language = (language or get_language() or "fr")[:2]
        return self.wording.get(language) or self.wording.get("fr") or next(iter(self.wording.values()), "")


class ApplicationQuerySet(models.QuerySet):
    def for_centre(self, centre):
        """The application of a Cité already opened on the platform."""
        return self.filter(centre=centre)

    def for_candidate(self, user):
        """The applications whose candidate staff the person is, before or after their Cité exists."""
        return self.filter(candidates=user)

    def mentored_by(self, centre):
        """The applications a Cité accompanies as their mentor."""
        return self.filter(mentorings__mentor=centre).distinct()

    def assigned_to(self, user):
        """The dossiers an evaluator was assigned to review."""
        return self.filter(Q(evaluations__evaluator=user)).distinct()


class LabelApplication(models.Model):
    """A territory's application for the label, as a state machine (`labelling.workflow`)."""

    territory = models.CharField(_("territory"), max_length=200)
    country = models.CharField(_("country"), max_length=2)
    population = models.PositiveIntegerField(_("population of the territory"), null=True, blank=True)
    centre = models.ForeignKey(
        "centres.Centre",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="label_applications",
        verbose_name=_("Cité"),
    )
    charter = models.ForeignKey(Charter, on_delete=models.PROTECT, related_name="applications")
    state = models.CharField(_("state"), max_length=30, choices=State.choices, default=State.ENQUIRY)
    opening_on = models.DateField(_("planned opening"), null=True, blank=True)
    labelled_on = models.DateField(_("operating label since"), null=True, blank=True)
    candidates = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="label_applications", verbose_name=_("candidate staff")
    )
    # The platform's own evidence (the Cité's figures of the year, its advice areas, the documents
    # attached) copied when the application is submitted: what the commission reads stays what was
    # submitted, whatever the Cité changes afterwards (`selectors.platform_evidence`).
    platform_evidence = models.JSONField(_("platform evidence at submission"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("label application")
        verbose_name_plural = _("label applications")

    def __str__(self):
        return self.territory


class ApplicationEvent(models.Model):
    """The log of the state machine: one row per transition, with its reason."""

    application = models.ForeignKey(LabelApplication, on_delete=models.CASCADE, related_name="events")
    transition = models.CharField(max_length=40)
    from_state = models.CharField(max_length=30, choices=State.choices)
    to_state = models.CharField(max_length=30, choices=State.choices)
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.transition}: {self.from_state} → {self.to_state}"


class RequirementStatus(models.TextChoices):
    NOT_ASSESSED = "not_assessed", _("Not assessed yet")
    MET = "met", _("Met")
    PARTLY = "partly", _("Partly met")
    NOT_YET = "not_yet", _("Not met yet")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class Requirement(models.Model):
    """A criterion of the charter as this application meets it: status, account and evidence."""

    application = models.ForeignKey(LabelApplication, on_delete=models.CASCADE, related_name="requirements")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=20, choices=RequirementStatus.choices, default=RequirementStatus.NOT_ASSESSED
    )
    account = models.TextField(_("account"), blank=True)

    class Meta:
        ordering = ["application", "criterion__code"]
        constraints = [
            models.UniqueConstraint(fields=["application", "criterion"], name="requirement_criterion_unique")
        ]

    def __str__(self):
        return str(self.criterion_id)


class Evidence(models.Model):
    """A file proving a requirement: stored under a random name, served only by a checking view."""

    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=RandomName("labelling"))
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]

    def __str__(self):
        return self.filename


class Severity(models.TextChoices):
    MINOR = "minor", _("Minor non-conformity")
    MAJOR = "major", _("Major non-conformity")


class NonConformity(models.Model):
    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="non_conformities")
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    finding = models.TextField(_("finding"))
    due_on = models.DateField(_("deadline"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    # The Cité's action item for it (a task of the projects), once the Cité is on the platform: the
    # Cité completes the task, the next step of the application checks it and records the closure.
    task = models.OneToOneField(
        "projects.Task", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("task")
    )

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.finding[:80]


class MemberKind(models.TextChoices):
    CHAIR = "chair", _("Chair, for the holder of the mark")
    CITE = "cite", _("Cité open for more than a year")
    EXPERT = "expert", _("Outside expert")


class CommissionMember(models.Model):
    """A member of the commission examining an application."""

    application = models.ForeignKey(LabelApplication, on_delete=models.CASCADE, related_name="commission")
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("seat"), max_length=10, choices=MemberKind.choices)
    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    conflict_of_interest = models.CharField(_("declared conflict of interest"), max_length=300, blank=True)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class Evaluation(models.Model):
    """An evaluator's assignment to a dossier and, once written, their report."""

    application = models.ForeignKey(LabelApplication, on_delete=models.CASCADE, related_name="evaluations")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    report = models.TextField(_("report"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["application", "evaluator"], name="evaluation_unique")]

    def __str__(self):
        return str(self.evaluator_id)


class Mentoring(models.Model):
    """An experienced Cité accompanying the applicant: a first-class relation."""

    application = models.ForeignKey(LabelApplication, on_delete=models.CASCADE, related_name="mentorings")
    mentor = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="mentorings")
    assigned_on = models.DateField()

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["application", "mentor"], name="mentoring_unique")]

    def __str__(self):
        return str(self.mentor_id)


class SessionKind(models.TextChoices):
    VISIT = "visit", _("Visit")
    CALL = "call", _("Call")
    SHADOWING = "shadowing", _("Shadowing day")
    TRAINING = "training", _("Training session")


class MentoringSession(models.Model):
    """A visit, a call, a shadowing day or a training session attended, in the mentoring log."""

    application = models.ForeignKey(LabelApplication, on_delete=models.CASCADE, related_name="sessions")
    mentoring = models.ForeignKey(Mentoring, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=SessionKind.choices)
    held_on = models.DateField(_("date"))
    summary = models.TextField(_("summary"))
    attendees = models.PositiveSmallIntegerField(_("people of the new Cité attending"), default=0)

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self):
        return f"{self.kind} {self.held_on}"


class Milestone(models.Model):
    """A step of the reverse plan, placed back from the opening date."""

    application = models.ForeignKey(LabelApplication, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    weeks_before_opening = models.PositiveSmallIntegerField(_("weeks before the opening"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["-weeks_before_opening", "pk"]

    def __str__(self):
        return self.title


class Renewal(models.Model):
    """A year's renewal file, pre-filled from the Cité's own indicators."""

    application = models.ForeignKey(LabelApplication, on_delete=models.CASCADE, related_name="renewals")
    year = models.PositiveSmallIntegerField(_("year"))
    due_on = models.DateField(_("due on"))
    # The figures as read when the file was prepared, suppressed below the small-cell threshold.
    figures = models.JSONField(default=dict)
    reminded_on = models.DateField(null=True, blank=True)
    prepared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["application", "year"], name="renewal_year_unique")]

    def __str__(self):
        return str(self.year)
