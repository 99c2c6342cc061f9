"""A judged query set over the demo library (issue 20), written apart from the thesaurus.

The queries were written by someone who had not read `citemetiers/library/thesaurus.json` nor the
queries of `bench/library_judged.py`, from the demo resources alone (`citemetiers/library/demo.py`), as
advisers of the network would type them: keywords, questions, paraphrases that avoid the resources'
words, adviser jargon, and needs in French, English, Spanish, Italian, German, Dutch and Portuguese
(the last two are languages no demo resource is written in). Each demo resource was graded for each
query by reading it: 2 answers the need, 1 answers part of it, unlisted 0. A workshop sheet is one
resource for grading, whichever Cité shares it (each Cité's copy is judged alike).

Written by hand for this bench (CC BY 4.0, citemetiers contributors).
"""

from citemetiers.library.demo import RESOURCES, WORKSHOPS

# The demo resources, by their first title (library/demo.py), then the workshops by their title.
KEYS = dict(
    zip(
        [next(iter(texts.values()))[0] for *_rest, texts, _sheet in RESOURCES],
        [
            "walkin",
            "jobdating",
            "cv_skills",
            "baker_fr",
            "baker_it",
            "change_grid",
            "train_business",
            "europe",
            "digital",
            "kitchen",
            "satisfaction",
            "care",
        ],
        strict=True,
    )
)
WORKSHOP_KEYS = dict(
    zip([w[0] for w in WORKSHOPS], ["ws_cv", "ws_interview", "ws_business", "ws_youth", "ws_vae"], strict=True)
)


def resource_key(resource) -> str:
    """The judged key of a demo resource, from its titles."""
    for translation in resource.translations.all():
        if translation.title in KEYS:
            return KEYS[translation.title]
        for title, key in WORKSHOP_KEYS.items():
            if translation.title.startswith(f"{title} ("):
                return key
    return f"other:{resource.pk}"


WAITING = {"walkin": 2}
JOBDATING = {"jobdating": 2, "ws_interview": 1}
CV = {"cv_skills": 2, "ws_cv": 2}
BAKER = {"baker_fr": 2, "baker_it": 2}
CHANGE = {"change_grid": 2, "digital": 1, "baker_fr": 1}
BUSINESS = {"ws_business": 2, "train_business": 2}
EUROPE = {"europe": 2}
DIGITAL = {"digital": 2, "change_grid": 1}
COOK = {"kitchen": 2, "jobdating": 1}
SATISFACTION = {"satisfaction": 2}
CARE = {"care": 2}
INTERVIEW = {"ws_interview": 2, "jobdating": 1}
YOUTH = {"ws_youth": 2, "jobdating": 1}
VAE = {"ws_vae": 2}
ADVISER_TRAINING = {"train_business": 2, "ws_business": 1}

# (language, query, {resource key: grade})
QUERIES = [
    # French (30)
    ("fr", "trop de monde à l'accueil le mardi", WAITING),
    ("fr", "file d'attente trop longue", WAITING),
    ("fr", "accueil à deux aux heures de pointe", WAITING),
    ("fr", "visiteurs qui repartent sans être reçus", WAITING),
    ("fr", "rencontre rapide recruteurs candidats", JOBDATING),
    ("fr", "faire venir des patrons du quartier", JOBDATING),
    ("fr", "offres non pourvues restauration", {"jobdating": 2, "kitchen": 1}),
    ("fr", "cv compétences plutôt que chronologique", CV),
    ("fr", "refaire son curriculum", CV),
    ("fr", "comment mettre en valeur ses savoir-faire sur un cv", CV),
    ("fr", "devenir pâtissier ou boulanger", BAKER),
    ("fr", "métier de la boulangerie", BAKER),
    ("fr", "changer de métier à 45 ans", CHANGE),
    ("fr", "questions pour un projet de reconversion", CHANGE),
    ("fr", "compétences transférables", {"change_grid": 2}),
    ("fr", "lancer sa petite entreprise", BUSINESS),
    ("fr", "tester son idée de projet", {"ws_business": 2, "train_business": 1}),
    ("fr", "statut juridique micro-entrepreneur", {"train_business": 2, "ws_business": 1}),
    ("fr", "former l'équipe aux porteurs de projet", ADVISER_TRAINING),
    ("fr", "partir travailler en Allemagne", EUROPE),
    ("fr", "carte européenne d'assurance maladie", EUROPE),
    ("fr", "apprendre à coder sans bac+5", DIGITAL),
    ("fr", "développeur web reconversion", DIGITAL),
    ("fr", "vidéo métier cuisinier", COOK),
    ("fr", "avis des usagers anonyme", SATISFACTION),
    ("fr", "enquête qualité auprès du public", SATISFACTION),
    ("fr", "aide-soignante formation", CARE),
    ("fr", "secteur sanitaire et social qui embauche", CARE),
    ("fr", "obtenir un diplôme grâce à son expérience", VAE),
    ("fr", "parler métiers avec des lycéens", YOUTH),
    # English (24)
    ("en", "long queues at the front desk", WAITING),
    ("en", "walk-in visitors peak hours", WAITING),
    ("en", "speed recruiting event with local employers", JOBDATING),
    ("en", "hiring day restaurants shops", JOBDATING),
    ("en", "skills based resume", CV),
    ("en", "help someone rewrite their CV", CV),
    ("en", "how to become a baker", BAKER),
    ("en", "bakery apprenticeship", BAKER),
    ("en", "mid-career switch", CHANGE),
    ("en", "questions to ask someone who wants to retrain", CHANGE),
    ("en", "set up my own company", BUSINESS),
    ("en", "training advisers to support entrepreneurs", ADVISER_TRAINING),
    ("en", "business plan funding first steps", BUSINESS),
    ("en", "moving to another EU country for work", EUROPE),
    ("en", "regulated profession abroad", EUROPE),
    ("en", "coding bootcamp", DIGITAL),
    ("en", "IT jobs without a degree", DIGITAL),
    ("en", "a day in the life of a chef", COOK),
    ("en", "anonymous visitor feedback", SATISFACTION),
    ("en", "measuring how happy visitors are", SATISFACTION),
    ("en", "nursing assistant jobs", CARE),
    ("en", "mock job interview practice", INTERVIEW),
    ("en", "accreditation of prior experience", VAE),
    ("en", "young people talking with professionals about jobs", YOUTH),
    # Spanish (20)
    ("es", "colas largas en la recepción", WAITING),
    ("es", "reducir la espera de los usuarios", WAITING),
    ("es", "feria de empleo con empresas locales", JOBDATING),
    ("es", "encuentro entre empleadores y candidatos", JOBDATING),
    ("es", "currículum por competencias", CV),
    ("es", "mejorar mi hoja de vida", CV),
    ("es", "quiero ser panadero", BAKER),
    ("es", "cambio de carrera profesional", CHANGE),
    ("es", "reinventarse profesionalmente después de los cuarenta", CHANGE),
    ("es", "montar un negocio propio", BUSINESS),
    ("es", "formación para asesores de emprendedores", ADVISER_TRAINING),
    ("es", "trabajar en otro país de Europa", EUROPE),
    ("es", "reconocimiento de títulos en el extranjero", EUROPE),
    ("es", "programador sin título universitario", DIGITAL),
    ("es", "vídeo de un cocinero", COOK),
    ("es", "medir la satisfacción de los visitantes", SATISFACTION),
    ("es", "auxiliar de enfermería formación", CARE),
    ("es", "simulacro de entrevista de trabajo", INTERVIEW),
    ("es", "acreditar la experiencia laboral", VAE),
    ("es", "orientación para adolescentes", YOUTH),
    # Italian (20)
    ("it", "code troppo lunghe allo sportello", WAITING),
    ("it", "accoglienza senza appuntamento", WAITING),
    ("it", "incontro con le aziende che assumono", JOBDATING),
    ("it", "recruiting day nel quartiere", JOBDATING),
    ("it", "curriculum per competenze", CV),
    ("it", "scrivere il cv", CV),
    ("it", "diventare fornaio", BAKER),
    ("it", "lavorare in panetteria", BAKER),
    ("it", "riqualificazione professionale", CHANGE),
    ("it", "avviare un'impresa", BUSINESS),
    ("it", "formare gli operatori sull'autoimpiego", ADVISER_TRAINING),
    ("it", "lavorare in un altro paese europeo", EUROPE),
    ("it", "tessera sanitaria europea", EUROPE),
    ("it", "lavori informatici senza laurea", DIGITAL),
    ("it", "giornata di un cuoco", COOK),
    ("it", "soddisfazione degli utenti anonima", SATISFACTION),
    ("it", "operatore socio sanitario corso", CARE),
    ("it", "simulazione di colloquio", INTERVIEW),
    ("it", "certificare le competenze acquisite con l'esperienza", VAE),
    ("it", "orientamento per ragazzi", YOUTH),
    # German (20)
    ("de", "lange Warteschlange an der Rezeption", WAITING),
    ("de", "Besucher ohne Termin empfangen", WAITING),
    ("de", "Jobbörse mit Arbeitgebern aus dem Viertel", JOBDATING),
    ("de", "Speed-Dating mit Unternehmen", JOBDATING),
    ("de", "kompetenzbasierter Lebenslauf", CV),
    ("de", "Lebenslauf überarbeiten", CV),
    ("de", "Bäcker werden", BAKER),
    ("de", "Quereinstieg in einen neuen Beruf", CHANGE),
    ("de", "Umschulung mit 40", CHANGE),
    ("de", "eigene Firma gründen", BUSINESS),
    ("de", "Schulung für Berater von Gründern", ADVISER_TRAINING),
    ("de", "in einem anderen EU-Land arbeiten", EUROPE),
    ("de", "Europäische Krankenversicherungskarte", EUROPE),
    ("de", "Programmierer ohne Studium", DIGITAL),
    ("de", "ein Tag in der Küche", COOK),
    ("de", "Zufriedenheit der Besucher messen", SATISFACTION),
    ("de", "Pflegehelfer Ausbildung", CARE),
    ("de", "Probe-Vorstellungsgespräch", INTERVIEW),
    ("de", "Berufserfahrung anerkennen lassen", VAE),
    ("de", "Berufsorientierung für Jugendliche", YOUTH),
    # Dutch (18)
    ("nl", "lange wachtrij bij de balie", WAITING),
    ("nl", "inloopspreekuur zonder afspraak", WAITING),
    ("nl", "banenmarkt met lokale werkgevers", JOBDATING),
    ("nl", "cv op basis van competenties", CV),
    ("nl", "sollicitatiebrief en cv verbeteren", CV),
    ("nl", "bakker worden", BAKER),
    ("nl", "carrièreswitch", CHANGE),
    ("nl", "omscholing naar een ander beroep", CHANGE),
    ("nl", "een eigen bedrijf starten", BUSINESS),
    ("nl", "ondernemerschap begeleiden", ADVISER_TRAINING),
    ("nl", "werken in het buitenland", EUROPE),
    ("nl", "programmeur worden zonder diploma", DIGITAL),
    ("nl", "kok beroep video", COOK),
    ("nl", "tevredenheid van bezoekers meten", SATISFACTION),
    ("nl", "zorgmedewerker opleiding", CARE),
    ("nl", "oefenen voor een sollicitatiegesprek", INTERVIEW),
    ("nl", "erkenning van verworven competenties", VAE),
    ("nl", "beroepskeuze jongeren", YOUTH),
    # Portuguese (18)
    ("pt", "fila de espera na receção", WAITING),
    ("pt", "atendimento sem marcação", WAITING),
    ("pt", "feira de emprego com empresas do bairro", JOBDATING),
    ("pt", "currículo por competências", CV),
    ("pt", "fazer um currículo", CV),
    ("pt", "ser padeiro", BAKER),
    ("pt", "mudar de profissão", CHANGE),
    ("pt", "reconversão profissional aos quarenta", CHANGE),
    ("pt", "abrir o próprio negócio", BUSINESS),
    ("pt", "formação de técnicos para apoiar empreendedores", ADVISER_TRAINING),
    ("pt", "trabalhar noutro país europeu", EUROPE),
    ("pt", "programador sem curso superior", DIGITAL),
    ("pt", "vídeo sobre a profissão de cozinheiro", COOK),
    ("pt", "inquérito de satisfação anónimo", SATISFACTION),
    ("pt", "auxiliar de saúde formação", CARE),
    ("pt", "simulação de entrevista de emprego", INTERVIEW),
    ("pt", "reconhecimento da experiência profissional", VAE),
    ("pt", "orientação vocacional para jovens", YOUTH),
]
