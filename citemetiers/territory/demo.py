"""The demo's territory: some forty structures and eighty services around each demo Cité's town.

Written as a data·inclusion extract and loaded through the importer (interchange.directory_import),
so the demo's directory passes the same schema, hours and guard checks as any Cité's file. The
places are invented around the town's centre, deterministic from the Cité's slug.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import TYPE_CHECKING

from django.utils import timezone

from citemetiers.territory.interchange import JSON, directory_import
from citemetiers.territory.models import Service, Structure

if TYPE_CHECKING:
    from citemetiers.centres.models import Centre

SOURCE = "demo"
TOWNS = {
    "Paris": (48.8566, 2.3522, "75019"),
    "Marseille": (43.2965, 5.3698, "13001"),
    "Genève": (46.2044, 6.1432, ""),
    "Bruxelles": (50.8467, 4.3525, ""),
}
KINDS = ["Mission locale", "Maison de l'emploi", "Centre social", "Point information jeunesse", "Espace emploi",
         "Association d'insertion", "Organisme de formation", "Centre d'information et d'orientation",
         "Pépinière d'entreprises", "Point conseil budget"]  # fmt: skip
QUARTERS = ["Nord", "Sud", "Est", "Ouest"]
HOURS = ["Mo-Fr 09:00-12:30,13:30-17:30", "Mo-Th 09:00-17:00; Fr 09:00-12:00", "Tu,Th 14:00-18:00",
         "Mo,We,Fr 09:30-12:30", "Mo-Sa 10:00-19:00", "We 14:00-17:00; Sa 10:00-12:00"]  # fmt: skip
OFFERS = [
    ("Atelier CV et lettre de motivation", "atelier",
     "preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation", "demandeurs-emploi"),
    ("Trouver sa formation", "information", "se-former--trouver-sa-formation", "tous-publics"),
    ("Accompagnement vers l'emploi", "accompagnement", "trouver-un-emploi--maintien-dans-lemploi", "jeunes"),
    ("Confirmer son choix de métier", "accompagnement", "choisir-un-metier--confirmer-son-choix-de-metier",
     "tous-publics"),
    ("Structurer son projet de création", "accompagnement",
     "creer-une-entreprise--structurer-son-projet-de-creation-dentreprise", "actifs"),
    ("Accéder aux services en ligne", "atelier", "numerique--acceder-a-des-services-en-ligne", "seniors"),
    ("Aide à la mobilité", "aide-financiere", "mobilite--acceder-a-un-vehicule", "demandeurs-emploi"),
]  # fmt: skip


def demo_extract(*, slug: str, town: str) -> tuple[str, str]:
    """(structures, services) as data·inclusion JSON: 40 structures, 2 services each."""
    lat, lon, postcode = TOWNS.get(town, TOWNS["Paris"])
    rng = random.Random(slug)  # noqa: S311 -- invented places, not a secret
    day = (timezone.localdate() - dt.timedelta(days=30)).isoformat()
    structures, services = [], []
    for number, (kind, quarter) in enumerate(((k, q) for k in KINDS for q in QUARTERS), start=1):
        sid = f"{slug}-s{number}"
        hours = rng.choice(HOURS)
        place = {"commune": town, "code_postal": postcode or None, "adresse": f"{number} rue de la Démo"}
        structures.append({"source": SOURCE, "id": sid, "nom": f"{kind} {town} {quarter}", "date_maj": day,
                           "horaires_accueil": hours, "telephone": "01 00 00 00 00", **place,
                           "latitude": round(lat + rng.uniform(-0.05, 0.05), 5),
                           "longitude": round(lon + rng.uniform(-0.07, 0.07), 5)})  # fmt: skip
        near = structures[-1]
        for offer_number, (name, kind_code, theme, public) in enumerate(rng.sample(OFFERS, 2), start=1):
            # Some services stale, so that the "to update" list has work in the demo.
            checked = day if (number + offer_number) % 9 else "2025-01-15"
            services.append({"source": SOURCE, "structure_id": sid, "id": f"{sid}-{offer_number}", "nom": name,
                             "description": f"{name} : un service du territoire, sans rendez-vous le matin.",
                             "date_maj": checked, "type": kind_code, "thematiques": [theme], "frais": "gratuit",
                             "publics": [public], "horaires_accueil": rng.choice([hours, *HOURS]),
                             "mobilisation_precisions": "Se présenter à l'accueil de la structure.", **place,
                             "latitude": round(near["latitude"] + rng.uniform(-0.002, 0.002), 5),
                             "longitude": round(near["longitude"] + rng.uniform(-0.002, 0.002), 5)})  # fmt: skip
    return json.dumps(structures, ensure_ascii=False), json.dumps(services, ensure_ascii=False)


def seed_territory(*, centre: Centre) -> None:
    """The Cité's demo directory, once (a Cité that has a directory keeps it)."""
    if Structure.objects.for_centre(centre).exists() or Service.objects.for_centre(centre).exists():
        return
    structures, services = demo_extract(slug=centre.slug, town=centre.city)
    directory_import(centre=centre, structures=structures, services=services, fmt=JSON, actor=None)
