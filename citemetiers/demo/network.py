"""The demo network: deterministic, built only through the services, safe to run again.

It sits above every app and calls each app's seeder (reception, rosters, library), then the
indicators; no app imports it (the layers contract in pyproject.toml says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from citemetiers.accounts.roles import NetworkRole, Role
from citemetiers.centres.models import Centre, LabelStatus, Membership, Organisation, OrganisationKind
from citemetiers.centres.services import centre_create, membership_add, organisation_create, partnership_create
from citemetiers.events.demo import seed_events
from citemetiers.groups.demo import seed_groups
from citemetiers.indicators import services as indicators
from citemetiers.labelling.demo import seed_labelling
from citemetiers.library.demo import seed_library
from citemetiers.projects.demo import seed_projects
from citemetiers.reception.demo import seed_reception
from citemetiers.reception.models import AdviceArea
from citemetiers.rosters.demo import seed_rosters
from citemetiers.school.demo import seed_school
from citemetiers.territory.demo import seed_territory

DEMO_PASSWORD = "citemetiers-demo"  # noqa: S105 -- printed in the README on purpose
DEMO_DOMAIN = "demo.citemetiers.org"

WEEKDAY_HOURS = [["09:30", "12:30"], ["13:30", "17:30"]]


@dataclass(frozen=True)
class DemoCentre:
    slug: str
    name: str
    country: str
    city: str
    languages: list[str]
    time_zone: str
    host: str
    # (name, kind, adviser hours per month, ticket letters of the areas covered)
    partners: list[tuple[str, str, int, str]]
    label_status: str = LabelStatus.LABELLED
    labelled_until: date | None = date(2028, 12, 31)
    subdivision: str = ""  # the region whose public holidays the Cité keeps too


DEMO_CENTRES = [
    DemoCentre(
        slug="paris",
        name="Cité des métiers Paris La Villette",
        country="FR",
        city="Paris",
        languages=["fr", "en"],
        time_zone="Europe/Paris",
        host="Universcience",
        partners=[
            ("France Travail Île-de-France", OrganisationKind.EMPLOYMENT_SERVICE, 320, "BC"),
            ("CCI Paris Île-de-France", OrganisationKind.CHAMBER, 120, "D"),
            ("Chambre de métiers et de l'artisanat", OrganisationKind.CHAMBER, 60, "DE"),
            ("CIO Médiacentre", OrganisationKind.EDUCATION, 100, "A"),
            ("Euroguidance France", OrganisationKind.ASSOCIATION, 40, "F"),
        ],
    ),
    DemoCentre(
        slug="marseille",
        name="Cité des métiers de Marseille et de Provence-Alpes-Côte d'Azur",
        country="FR",
        city="Marseille",
        languages=["fr"],
        time_zone="Europe/Paris",
        host="Région Sud",
        partners=[
            ("France Travail Provence-Alpes-Côte d'Azur", OrganisationKind.EMPLOYMENT_SERVICE, 240, "BC"),
            ("Mission locale de Marseille", OrganisationKind.ASSOCIATION, 120, "AB"),
            ("AFPA Provence", OrganisationKind.TRAINING, 80, "E"),
            ("Initiative Marseille Métropole", OrganisationKind.ASSOCIATION, 40, "D"),
        ],
    ),
    DemoCentre(
        slug="geneve",
        name="Cité des métiers de Genève",
        country="CH",
        city="Genève",
        languages=["fr", "en"],
        time_zone="Europe/Zurich",
        host="Office pour l'orientation, la formation professionnelle et continue",
        subdivision="GE",
        partners=[
            ("Office cantonal de l'emploi", OrganisationKind.EMPLOYMENT_SERVICE, 160, "BC"),
            ("Fédération des entreprises romandes", OrganisationKind.COMPANY, 40, "D"),
            ("IFAGE", OrganisationKind.TRAINING, 60, "E"),
        ],
    ),
    DemoCentre(
        slug="bruxelles",
        name="Cité des métiers de Bruxelles",
        country="BE",
        city="Bruxelles",
        languages=["fr", "nl", "en"],
        time_zone="Europe/Brussels",
        host="Actiris",
        partners=[
            ("Bruxelles Formation", OrganisationKind.TRAINING, 120, "E"),
            ("VDAB Brussel", OrganisationKind.EMPLOYMENT_SERVICE, 120, "BC"),
            ("hub.brussels", OrganisationKind.LOCAL_AUTHORITY, 40, "D"),
            ("Service d'orientation de la Ville de Bruxelles", OrganisationKind.EDUCATION, 80, "AF"),
        ],
        label_status=LabelStatus.CANDIDATE,
        labelled_until=None,
    ),
]

ROLE_NAMES = {
    Role.RECEPTION: "Accueil",
    Role.ADVISER: "Conseil",
    Role.LOGISTICS: "Logistique",
    Role.PARTNERSHIPS: "Partenariats",
    Role.COORDINATOR: "Coordination",
}


@dataclass(frozen=True)
class DemoLogin:
    email: str
    what: str


def demo_email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


def _user(email: str, full_name: str, network_roles=()):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, "network_roles": list(network_roles)}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _membership(centre: Centre, user, roles: list[str], organisation: Organisation | None) -> None:
    if not Membership.objects.filter(centre=centre, user=user).exists():
        membership_add(
            centre=centre,
            email=user.email,
            full_name=user.full_name,
            roles=roles,
            organisation=organisation,
            actor=None,
        )


def _centre(spec: DemoCentre) -> Centre:
    centre = Centre.objects.filter(slug=spec.slug).first()
    if centre is None:
        centre = centre_create(
            slug=spec.slug,
            host_organisation_name=spec.host,
            data={
                "name": spec.name,
                "country": spec.country,
                "subdivision": spec.subdivision,
                "city": spec.city,
                "languages": spec.languages,
                "time_zone": spec.time_zone,
                "opening_hours": {str(day): WEEKDAY_HOURS for day in range(5)},
            },
            actor=None,
        )
        Centre.objects.filter(pk=centre.pk).update(label_status=spec.label_status, labelled_until=spec.labelled_until)
    areas = {area.code: area for area in AdviceArea.objects.for_centre(centre)}
    # Around the current year, so that the agreements are in force whenever the demo is seeded.
    first_year, last_year = timezone.localdate().year - 1, timezone.localdate().year + 1
    for name, kind, hours, letters in spec.partners:
        if Organisation.objects.for_centre(centre).filter(name=name).exists():
            continue
        organisation = organisation_create(centre=centre, data={"name": name, "kind": kind}, actor=None)
        partnership_create(
            centre=centre,
            data={
                "organisation": organisation,
                "title": f"Convention {first_year}-{last_year}",
                "starts_on": date(first_year, 1, 1),
                "ends_on": date(last_year, 12, 31),
                "adviser_hours_per_month": hours,
            },
            advice_areas=[areas[letter] for letter in letters],
            actor=None,
        )
    return centre


NETWORK_LOGINS = [
    ("reseau", "Camille Réseau", NetworkRole.NETWORK_COORDINATOR, "network coordinator"),
    ("evaluation", "Dominique Évaluation", NetworkRole.LABEL_EVALUATOR, "label evaluator"),
]
ITINERANT = ("conseil.itinerant", "Sacha Itinérant", ("paris", "marseille"))


def role_email(role: str, slug: str) -> str:
    return demo_email(f"{role}.{slug}")


def demo_logins() -> list[DemoLogin]:
    """The logins that seed_demo creates, in the order the README lists them."""
    logins = [DemoLogin(demo_email(local), what) for local, _name, _role, what in NETWORK_LOGINS]
    for spec in DEMO_CENTRES:
        logins += [DemoLogin(role_email(role, spec.slug), f"{role} — {spec.name}") for role in ROLE_NAMES]
    logins.append(DemoLogin(demo_email(ITINERANT[0]), "adviser in " + " and ".join(ITINERANT[2])))
    return logins


@transaction.atomic
def seed_demo(*, history_months: int = 0) -> None:
    """Build (or complete) the demo network, with `history_months` of past activity per Cité."""
    for local, name, role, _what in NETWORK_LOGINS:
        _user(demo_email(local), name, [role])
    centres = {}
    for spec in DEMO_CENTRES:
        centre = centres[spec.slug] = _centre(spec)
        host = Organisation.objects.for_centre(centre).get(kind=OrganisationKind.HOST)
        first_partner = Organisation.objects.for_centre(centre).exclude(kind=OrganisationKind.HOST).order_by("pk")[0]
        for role, label in ROLE_NAMES.items():
            # Advisers come from a partner organisation; the other roles from the host body.
            employer = first_partner if role == Role.ADVISER else host
            user = _user(role_email(role, spec.slug), f"{label} {centre.city}")
            _membership(centre, user, [role], employer)
        adviser = _user(role_email(Role.ADVISER, spec.slug), "")
        if seed_reception(centre=centre, adviser=adviser, history_months=history_months):
            indicators.rebuild(centre=centre)
    # A team of advisers from the partners, who hold the duty roster of each Cité.
    for slug, centre in centres.items():
        partners = Organisation.objects.for_centre(centre).exclude(kind=OrganisationKind.HOST).order_by("pk")
        for number, partner in enumerate(partners, start=1):
            for seat in (1, 2):
                user = _user(demo_email(f"conseil{number}{seat}.{slug}"), f"Conseil {partner.name[:40]} {seat}")
                _membership(centre, user, [Role.ADVISER], partner)
        seed_rosters(centre=centre)
        seed_projects(centre=centre)
        seed_territory(centre=centre)
        seed_events(centre=centre)
    seed_groups(centres=list(centres.values()))
    seed_library(
        centres=list(centres.values()),
        authors={c.pk: _user(role_email(Role.COORDINATOR, slug), "") for slug, c in centres.items()},
    )
    seed_school(centres=list(centres.values()))
    seed_labelling(
        centres=centres,
        network=_user(demo_email(NETWORK_LOGINS[0][0]), ""),
        evaluator=_user(demo_email(NETWORK_LOGINS[1][0]), ""),
    )
    # One adviser serves two Cités, to show the Cité switcher.
    local, name, slugs = ITINERANT
    itinerant = _user(demo_email(local), name)
    for slug in slugs:
        employer = Organisation.objects.for_centre(centres[slug]).exclude(kind=OrganisationKind.HOST).order_by("pk")[0]
        _membership(centres[slug], itinerant, [Role.ADVISER], employer)
