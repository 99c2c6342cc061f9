"""A demo library: resources in several languages from every demo Cité, tagged and evaluated by peers."""

from __future__ import annotations

import random
from datetime import date, timedelta

from citemetiers.library import services
from citemetiers.library.models import Resource
from citemetiers.library.vocab import Kind, Visibility
from citemetiers.referentials.models import Occupation

ROME = "rome"
ESCO = "http://data.europa.eu/esco/occupation/"
BAKER = [(ROME, "D1102"), (ESCO, "1aadb308-432a-4d01-b54b-b4f7f76dd419")]
COOK = [(ROME, "G1609"), (ESCO, "90f75f67-495d-49fa-ab57-2f320e251d7e")]
DEVELOPER = [(ROME, "M1805"), (ESCO, "f2b15a0e-e65a-438a-affb-29b9d50b77d1")]
CARE = [(ROME, "J1501")]
ADVISER = [(ROME, "K1801")]

# (kind, themes, audiences, areas, occupations, {language: (title, summary, body)}, practice-sheet sections)
RESOURCES = [
    (
        Kind.PRACTICE_SHEET,
        ["reception"],
        ["reception", "advisers"],
        [],
        [],
        {
            "fr": (
                "Accueil sans rendez-vous en binôme",
                "Un chargé d'accueil et un conseiller reçoivent ensemble les visiteurs aux heures d'affluence.",
                "",
            ),
            "en": (
                "Walk-in reception in pairs",
                "A reception agent and an adviser greet visitors together at peak hours.",
                "",
            ),
        },
        {
            "context": "Files d'attente de plus de 30 minutes le mardi après-midi.",
            "public": "Tous les visiteurs, sans rendez-vous.",
            "method": "Le conseiller se place à l'accueil de 14 h à 16 h et oriente directement.",
            "means": "Un conseiller par demi-journée, une tablette.",
            "results": "Attente médiane divisée par deux en trois mois.",
            "indicators": "Attente médiane et p90, part des visiteurs partis sans être reçus.",
        },
    ),
    (
        Kind.PRACTICE_SHEET,
        ["job_search"],
        ["advisers"],
        ["employment"],
        [],
        {
            "fr": (
                "Job dating mensuel avec les employeurs du quartier",
                "Une matinée par mois, dix employeurs rencontrent les visiteurs préparés par les conseillers.",
                "",
            ),
            "es": (
                "Job dating mensual con las empresas del barrio",
                "Una mañana al mes, diez empresas conocen a los visitantes preparados por los asesores.",
                "",
            ),
        },
        {
            "context": "Des offres non pourvues dans la restauration et le commerce.",
            "public": "Demandeurs d'emploi et jeunes de moins de 26 ans.",
            "method": "Atelier de préparation la veille, entretiens de dix minutes, suivi à un mois.",
            "means": "Deux salles, un agent de France Travail, une conseillère de la mission locale.",
            "results": "Un tiers des participants en emploi ou en formation à trois mois.",
            "indicators": "Participants, entretiens, embauches déclarées.",
        },
    ),
    (
        Kind.METHODOLOGY,
        ["cv"],
        ["advisers", "public"],
        ["employment"],
        [],
        {
            "fr": (
                "Méthode pour rédiger un CV par compétences",
                "Partir des activités exercées pour nommer les compétences et les relier aux offres.",
                "Étape 1 : lister les activités. Étape 2 : les regrouper en compétences. "
                "Étape 3 : choisir celles que demande l'offre. Étape 4 : les prouver par un exemple chiffré.",
            ),
            "en": (
                "Writing a skills-based CV",
                "Start from the tasks someone did, name the skills and match them with job offers.",
                "Step 1: list the tasks. Step 2: group them into skills. Step 3: keep those the offer asks for. "
                "Step 4: prove each with an example and a figure.",
            ),
        },
        {},
    ),
    (
        Kind.DOCUMENT,
        ["orientation", "training"],
        ["public", "advisers"],
        ["orientation", "training"],
        BAKER,
        {
            "fr": (
                "Devenir boulanger : formations et débouchés",
                "CAP, brevet professionnel, apprentissage : les chemins vers le métier de boulanger.",
                "Le métier demande de travailler tôt le matin. L'apprentissage est la voie la plus courante. "
                "Les reconversions d'adultes sont fréquentes, avec un financement du compte personnel de formation.",
            ),
        },
        {},
    ),
    (
        Kind.DOCUMENT,
        ["orientation"],
        ["public"],
        ["orientation"],
        BAKER,
        {
            "it": (
                "Il mestiere del panettiere",
                "Formazione, orari e sbocchi per chi vuole lavorare in un forno.",
                "Si lavora di notte o all'alba. L'apprendistato è la via più diffusa.",
            ),
        },
        {},
    ),
    (
        Kind.TOOL,
        ["career_change"],
        ["advisers"],
        ["career"],
        [],
        {
            "fr": (
                "Grille d'entretien pour un projet de reconversion",
                "Douze questions pour explorer les motivations, les contraintes et les compétences transférables.",
                "Pourquoi changer maintenant ? Quelles contraintes de temps, d'argent, de mobilité ? "
                "Qu'aimez-vous dans votre métier actuel ? Qu'avez-vous appris hors du travail ?",
            ),
            "en": (
                "Interview grid for a career change",
                "Twelve questions to explore motives, constraints and transferable skills.",
                "Why change now? Which constraints of time, money, mobility? What do you like in your current job?",
            ),
        },
        {},
    ),
    (
        Kind.TRAINING,
        ["business"],
        ["advisers"],
        ["business"],
        [],
        {
            "fr": (
                "Former les conseillers à l'accueil des créateurs d'entreprise",
                "Une journée de formation : statuts, financements, premiers rendez-vous.",
                "Matin : les statuts juridiques et la protection sociale. Après-midi : le prévisionnel "
                "et les réseaux d'accompagnement (prêts d'honneur, couveuses, coopératives d'activité).",
            ),
        },
        {},
    ),
    (
        Kind.DOCUMENT,
        ["international"],
        ["public"],
        ["international"],
        [],
        {
            "en": (
                "Working in another European country",
                "Recognition of qualifications, social security and finding a job abroad with EURES.",
                "Before leaving, check whether your occupation is regulated in the country. "
                "Ask for the European health insurance card and keep copies of your diplomas.",
            ),
            "fr": (
                "Travailler dans un autre pays européen",
                "Reconnaissance des diplômes, protection sociale et recherche d'emploi à l'étranger avec EURES.",
                "Avant de partir, vérifiez si votre métier est réglementé dans le pays. "
                "Demandez la carte européenne d'assurance maladie et gardez des copies de vos diplômes.",
            ),
        },
        {},
    ),
    (
        Kind.DOCUMENT,
        ["orientation"],
        ["public"],
        ["orientation", "employment"],
        DEVELOPER,
        {
            "fr": (
                "Les métiers du numérique sans diplôme d'ingénieur",
                "Développeur, technicien support, intégrateur : des formations courtes existent.",
                "Les écoles du numérique accueillent des adultes en reconversion sans condition de diplôme.",
            ),
            "en": (
                "Digital jobs without an engineering degree",
                "Developer, support technician, web integrator: short training courses exist.",
                "Coding bootcamps and digital schools take adults changing careers, whatever their degree.",
            ),
        },
        {},
    ),
    (
        Kind.VIDEO,
        ["orientation"],
        ["public"],
        ["orientation"],
        COOK,
        {
            "fr": (
                "Une journée en cuisine (vidéo)",
                "Un cuisinier raconte sa journée, du marché au service du soir.",
                "",
            ),
            "es": ("Un día en la cocina (vídeo)", "Un cocinero cuenta su jornada, del mercado al servicio.", ""),
        },
        {},
    ),
    (
        Kind.METHODOLOGY,
        ["evaluation"],
        ["coordinators"],
        [],
        [],
        {
            "fr": (
                "Mesurer la satisfaction des visiteurs sans les identifier",
                "Une question, une échelle de 1 à 5, un commentaire libre vérifié : la méthode du réseau.",
                "Poser la question à la fin de l'entretien, sur le ticket du visiteur. "
                "Ne jamais demander de nom ni d'adresse. Publier les résultats par trimestre.",
            ),
        },
        {},
    ),
    (
        Kind.DOCUMENT,
        ["job_search"],
        ["public", "advisers"],
        ["employment"],
        CARE,
        {
            "fr": (
                "Les métiers du soin qui recrutent",
                "Aide-soignant, auxiliaire de vie, accompagnant éducatif : formations et financements.",
                "Le secteur du soin recrute toute l'année. La formation d'aide-soignant dure dix mois.",
            ),
        },
        {},
    ),
]

# Each Cité also shares the sheets of its own recurring workshops.
WORKSHOPS = [
    ("Atelier CV du jeudi", "cv", "employment", "Relire et refaire son CV en petit groupe, avec un conseiller."),
    ("Simulation d'entretien d'embauche", "job_search", "employment", "S'entraîner face à un recruteur bénévole."),
    ("Permanence création d'activité", "business", "business", "Un premier rendez-vous pour tester son idée."),
    ("Café orientation des jeunes", "orientation", "orientation", "Parler de métiers avec des professionnels."),
    ("Point information VAE", "validation", "training", "Faire reconnaître son expérience par un diplôme."),
]

COMMENTS = [
    "Repris chez nous avec de bons résultats.",
    "Clair et facile à adapter.",
    "Useful for our advisers; we translated it.",
    "Il manque des indicateurs de suivi.",
    "",
]


def _occupations(keys) -> list[Occupation]:
    codes = [code if scheme == ROME else f"{scheme}{code}" for scheme, code in keys]
    return list(Occupation.objects.filter(code__in=codes))


def seed_library(*, centres: list, authors: dict) -> None:
    """Share the demo resources among the demo Cités (once), then let other Cités evaluate and adopt them.

    `authors` maps a Cité's pk to the member who writes and evaluates for it.
    """
    if Resource.objects.filter(centre__in=centres).exists():
        return
    draw = random.Random(20261128)  # noqa: S311 -- reproducible demo, not security
    made = []
    for number, (kind, themes, audiences, areas, occupations, texts, sheet) in enumerate(RESOURCES):
        centre = centres[number % len(centres)]
        actor = authors[centre.pk]
        languages = list(texts)
        first = languages[0]
        title, summary, body = texts[first]
        resource = services.resource_create(
            centre=centre,
            data={
                "kind": kind,
                "visibility": Visibility.CENTRE if number == len(RESOURCES) - 1 else Visibility.NETWORK,
                "themes": themes,
                "audiences": audiences,
                "areas": areas,
                "occupations": _occupations(occupations),
            },
            translation={"language": first, "title": title, "summary": summary, "body": body, **sheet},
            actor=actor,
        )
        for language in languages[1:]:
            title, summary, body = texts[language]
            services.translation_save(
                resource=resource,
                data={"language": language, "title": title, "summary": summary, "body": body},
                change_note="Translation",
                actor=actor,
            )
        made.append(resource)
    for centre in centres:
        for title, theme, area, summary in WORKSHOPS:
            made.append(
                services.resource_create(
                    centre=centre,
                    data={"kind": Kind.PRACTICE_SHEET, "themes": [theme], "audiences": ["advisers"], "areas": [area]},
                    translation={
                        "language": centre.main_language,
                        "title": f"{title} ({centre.city})",
                        "summary": summary,
                        "context": f"Une demande fréquente des visiteurs de {centre.city}.",
                        "public": "Tout public, sans inscription préalable.",
                        "method": "Deux heures, huit personnes au plus, un conseiller et un partenaire.",
                        "means": "Une salle, un vidéoprojecteur, des fiches métiers.",
                        "results": f"{draw.randint(6, 30)} séances par an, {draw.randint(60, 95)} % de satisfaits.",
                        "indicators": "Participants, satisfaction, suites données à trois mois.",
                    },
                    actor=authors[centre.pk],
                )
            )
    # Who evaluates what is drawn first, then written in two passes: every second opinion and adoption,
    # then one first opinion per resource. Each note tells the author Cité, and its home page shows the
    # latest five: they then speak of five resources, not of one resource five times.
    later, last = [], []
    for resource in made:
        if resource.visibility != Visibility.NETWORK:
            continue
        peers = [c for c in centres if c.pk != resource.centre_id]
        chosen = draw.sample(peers, k=draw.randint(1, len(peers)))
        last.append((resource, chosen[0], False))
        later += [(resource, peer, False) for peer in chosen[1:]]
        later += [(resource, peer, True) for peer in chosen if draw.random() < 0.3]
    for resource, peer, adopts in [*later, *last]:
        membership = peer.memberships.get(user=authors[peer.pk])
        if adopts:
            services.adoption_record(
                resource=resource,
                membership=membership,
                account=draw.choice(COMMENTS[:4]) or "Adopté.",
                adopted_on=date.today() - timedelta(days=draw.randint(10, 300)),
                actor=authors[peer.pk],
            )
            continue
        services.evaluation_save(
            resource=resource,
            membership=membership,
            scores={name: draw.randint(3, 5) for name in ("usefulness", "clarity", "transferability")},
            comment=draw.choice(COMMENTS),
            actor=authors[peer.pk],
        )
