"""The network's référentiel: the charter's criteria, grouped by principle, in French and English.

Prerequisites are to be met to obtain the label; obligations are to be kept to hold it. Drawn from
the charter of the Cités des métiers (issue 18) and the shape of France Services' référentiel.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from citemetiers.labelling.models import Charter, Criterion, CriterionKind

P, OB = CriterionKind.PREREQUISITE, CriterionKind.OBLIGATION

# code, principle, kind, French wording, English wording, indicator (what shows it is met)
CRITERIA = [
    (
        "A1",
        "open",
        P,
        "Le lieu est ouvert à tous les publics, quels que soient leur statut et leur âge.",
        "The place is open to all publics, whatever their status or age.",
        "profile of the public by age band",
    ),
    (
        "A2",
        "free",
        P,
        "Tous les services sont gratuits pour les visiteurs.",
        "Every service is free of charge for visitors.",
        "no fee in the service offer",
    ),
    (
        "A3",
        "anonymous",
        P,
        "L'accueil est anonyme, sans justificatif ni inscription.",
        "Reception is anonymous, without justification nor registration.",
        "the personal-data guard is on",
    ),
    (
        "B1",
        "multi-partner",
        P,
        "Au moins trois partenaires principaux s'engagent par convention.",
        "At least three main partners commit themselves by an agreement.",
        "signed partnership agreements",
    ),
    (
        "B2",
        "multi-partner",
        OB,
        "Les partenaires informent complètement, sans promouvoir leur propre institution.",
        "Partners inform completely, without promoting their own institution.",
        "charter signed by each partner",
    ),
    (
        "C1",
        "person",
        OB,
        "L'entretien part de la question de la personne.",
        "The interview starts from the person's question.",
        "share of visitors seen by an adviser",
    ),
    (
        "C2",
        "sectors",
        P,
        "Tous les secteurs d'activité sont couverts.",
        "All sectors of activity are covered.",
        "advice areas and themes covered",
    ),
    (
        "C3",
        "adviser",
        OB,
        "Chaque visiteur peut voir un conseiller le jour même.",
        "Every visitor can see an adviser on the same day.",
        "median and 90th-percentile waits",
    ),
    (
        "D1",
        "space",
        P,
        "Un espace ouvert, non cloisonné, sur un site identifié.",
        "An open, non-partitioned space on an identified site.",
        "the site and its plan",
    ),
    (
        "D2",
        "modes",
        OB,
        "Les trois modes de service : entretiens, documentation en libre accès, événements.",
        "The three modes of service: interviews, self-service documentation, events.",
        "interviews and events held",
    ),
    (
        "E1",
        "territory",
        P,
        "Une offre de service bâtie sur un diagnostic territorial partagé.",
        "A service offer built on a shared territorial diagnosis.",
        "the territorial diagnostic",
    ),
    (
        "E2",
        "territory",
        P,
        "Une date d'ouverture et son rétroplanning.",
        "An opening date and its reverse plan.",
        "the reverse plan's milestones",
    ),
]


@transaction.atomic
def charter_seed(*, version: str = "2026", in_force_from: date = date(2026, 1, 1)) -> Charter:
    """The référentiel in force, made once (running it again changes nothing)."""
    charter, created = Charter.objects.get_or_create(version=version, defaults={"in_force_from": in_force_from})
    if created:
        Criterion.objects.bulk_create(
            Criterion(
                charter=charter,
                code=code,
                principle=principle,
                kind=kind,
                wording={"fr": fr, "en": en},
                indicator={"en": indicator},
            )
            for code, principle, kind, fr, en, indicator in CRITERIA
        )
    return charter


def charter_in_force(on: date | None = None) -> Charter:
    """The charter in force on a day (the latest one), seeded when none exists yet."""
    charter = Charter.objects.filter(in_force_from__lte=on or date.today()).first() if on else Charter.objects.first()
    return charter or charter_seed()
