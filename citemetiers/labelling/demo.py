"""Demo labelling: an enquiry, a Cité in preparation mentored by two demo Cités, a labelled Cité up for
renewal; made through the services and the workflow, once (a second run changes nothing)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from citemetiers.centres.models import Centre
from citemetiers.labelling import services
from citemetiers.labelling.models import LabelApplication, MemberKind, RequirementStatus, SessionKind
from citemetiers.labelling.workflow import application_transition

MILESTONES = [
    ("Territorial diagnosis shared with the partners", 40),
    ("Partners' agreements signed", 30),
    ("Site chosen and plan of the open space", 24),
    ("Advisers trained", 8),
    ("Opening day", 0),
]


def _to_project_label(application, *, network, evaluator, holder: str):
    step = application_transition
    step(application=application, name="apply", reason="The main partners have committed.", actor=network)
    for requirement in application.requirements.all():
        services.requirement_update(
            requirement=requirement, status=RequirementStatus.MET, account="Described in the dossier.", actor=network
        )
    services.evaluator_assign(application=application, evaluator=evaluator, actor=network)
    step(application=application, name="submit_to_commission", reason="Dossier complete.", actor=network)
    services.evaluation_submit(
        application=application, report="A shared diagnosis and committed partners.", actor=evaluator
    )
    services.commission_member_add(application=application, name=holder, kind=MemberKind.CHAIR, actor=network)
    step(application=application, name="grant_project_label", reason="The commission grants it.", actor=network)


def _prepare(application, *, mentors, network, done: int):
    for mentor in mentors:
        services.mentor_assign(application=application, mentor=mentor, actor=network)
    today = timezone.localdate()
    services.session_log(
        application=application,
        kind=SessionKind.TRAINING,
        held_on=today - timedelta(days=40),
        summary="Newcomers' training: the charter and the reception's day.",
        attendees=4,
        actor=network,
    )
    services.session_log(
        application=application,
        kind=SessionKind.SHADOWING,
        held_on=today - timedelta(days=20),
        summary="Two days at the mentor Cité's reception desk.",
        attendees=2,
        actor=network,
    )
    for index, (title, weeks) in enumerate(MILESTONES):
        milestone = services.milestone_add(
            application=application, title=title, weeks_before_opening=weeks, actor=network
        )
        if index < done:
            services.milestone_done(milestone=milestone, done=True, actor=network)


def seed_labelling(*, centres: dict, network, evaluator) -> None:
    """The demo's applications (`centres` by slug; the demo's network coordinator and evaluator)."""
    if LabelApplication.objects.exists():
        return
    # Read afresh: the demo sets the Cités' label status with an update the objects passed may predate.
    centres = {slug: Centre.objects.get(pk=centre.pk) for slug, centre in centres.items()}
    today = timezone.localdate()
    services.application_open(
        territory="Pays de Morlaix",
        country="FR",
        population=130_000,
        opening_on=date(today.year + 2, 9, 1),
        actor=network,
    )
    # Brussels is preparing its opening, mentored by Paris and Geneva; one milestone is late.
    brussels = services.application_open(
        territory="Région de Bruxelles-Capitale",
        country="BE",
        population=1_200_000,
        opening_on=today + timedelta(weeks=20),
        centre=centres["bruxelles"],
        actor=network,
    )
    _to_project_label(brussels, network=network, evaluator=evaluator, holder="Universcience, holder of the mark")
    _prepare(brussels, mentors=[centres["paris"], centres["geneve"]], network=network, done=1)
    # Marseille, labelled on the platform almost a year ago: its yearly renewal is coming due.
    marseille = services.application_open(
        territory="Aix-Marseille-Provence",
        country="FR",
        population=1_900_000,
        opening_on=today - timedelta(days=300),
        centre=centres["marseille"],
        actor=network,
    )
    _to_project_label(marseille, network=network, evaluator=evaluator, holder="Universcience, holder of the mark")
    _prepare(marseille, mentors=[centres["paris"]], network=network, done=len(MILESTONES))
    application_transition(
        application=marseille, name="grant_operating_label", reason="Opened as planned.", actor=network
    )
    # The label was granted at the opening, 340 days ago: the demo's dates are set back to it.
    LabelApplication.objects.filter(pk=marseille.pk).update(labelled_on=today - timedelta(days=340))
    services.renewal_prepare(application=marseille, year=today.year, actor=network)
