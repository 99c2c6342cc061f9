"""Demo projects: two per Cité, measured from the demo's indicators, with tasks in every state.

In French: the demo Cités are French-speaking, and this is what their staff would have written."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from citemetiers.accounts.roles import Role
from citemetiers.centres.models import Membership
from citemetiers.projects import services
from citemetiers.projects.models import ADOPTED_RESOURCES, Direction, ObjectiveKind, Project, Scope, TaskStatus

TASKS = [
    ("Préparer la réunion des partenaires", -5, TaskStatus.TODO),
    ("Rédiger le dépliant d'accueil", 1, TaskStatus.DOING),
    ("Réserver la salle du job dating", 3, TaskStatus.TODO),
    ("Envoyer le questionnaire aux partenaires", -20, TaskStatus.DONE),
    ("Commander les kakémonos", 10, TaskStatus.CANCELLED),
]


def seed_projects(*, centre) -> None:
    """Two projects of the Cité with measured objectives over the last months (once per Cité)."""
    if Project.objects.for_centre(centre).exists():
        return
    today = timezone.localdate()
    staff = list(Membership.objects.active().for_centre(centre).select_related("user").order_by("pk"))
    lead = next(m for m in staff if m.has_role(Role.COORDINATOR))
    advisers = [m for m in staff if m.has_role(Role.ADVISER)][:3]
    start = (today - timedelta(days=150)).replace(day=1)
    end = today + timedelta(days=180)
    youth = services.project_create(
        centre=centre,
        title="Toucher davantage de jeunes",
        purpose="Davantage de 18-25 ans trouvent le chemin de la Cité.",
        scope=Scope.CENTRE,
        lead=lead,
        members=advisers,
        starts_on=start,
        ends_on=end,
        actor=None,
        source="Réunion des partenaires",
    )
    services.objective_add(
        project=youth,
        data={
            "title": "Visites des 18-25 ans",
            "kind": ObjectiveKind.MEASURED,
            "metric": "age_band",
            "metric_key": "18_25",
            "baseline": 0,
            "target": 400,
            "direction": Direction.INCREASE,
            "period_start": start,
            "period_end": end,
        },
        actor=None,
    )
    services.milestone_add(project=youth, title="Dépliant imprimé", due_on=start + timedelta(days=40), actor=None)
    services.milestone_add(project=youth, title="Job dating organisé", due_on=today + timedelta(days=60), actor=None)
    first = youth.milestones.order_by("due_on").first()
    services.milestone_set_done(milestone=first, done=True, on=first.due_on, actor=None)
    welcome = services.project_create(
        centre=centre,
        title="Un accueil plus chaleureux",
        purpose="Chaque visiteur est reçu et orienté dès sa première venue.",
        scope=Scope.CENTRE,
        lead=lead,
        members=advisers[:2],
        starts_on=start,
        ends_on=end,
        actor=None,
    )
    services.objective_add(
        project=welcome,
        data={
            "title": "Visiteurs accueillis",
            "kind": ObjectiveKind.MEASURED,
            "metric": "visits",
            "baseline": 0,
            "target": 3000,
            "direction": Direction.INCREASE,
            "period_start": start,
            "period_end": end,
        },
        actor=None,
    )
    services.objective_add(
        project=welcome,
        data={
            "title": "Fiches de la Cité adoptées par d'autres Cités",
            "kind": ObjectiveKind.MEASURED,
            "metric": ADOPTED_RESOURCES,
            "baseline": 0,
            "target": 2,
            "direction": Direction.INCREASE,
            "period_start": start,
            "period_end": end,
        },
        actor=None,
    )
    manual = services.objective_add(
        project=welcome,
        data={
            "title": "Partenaires formés à la charte d'accueil",
            "kind": ObjectiveKind.MANUAL,
            "baseline": 0,
            "target": 12,
            "direction": Direction.INCREASE,
            "period_start": start,
            "period_end": end,
        },
        actor=None,
    )
    for months, value in ((3, 2), (2, 5), (1, 8)):
        services.objective_value_record(
            objective=manual,
            value=value,
            recorded_on=today - timedelta(days=30 * months),
            evidence="Feuilles d'émargement des sessions de formation",
            actor=None,
        )
    owners = advisers or [lead]
    for number, (title, days, status) in enumerate(TASKS):
        task = services.task_create(
            centre=centre,
            title=title,
            owner=owners[number % len(owners)] if number else lead,
            due_on=today + timedelta(days=days),
            project=(youth, welcome, None)[number % 3],
            actor=None,
        )
        if status != TaskStatus.TODO:
            services.task_set_status(task=task, status=status, actor=None)
