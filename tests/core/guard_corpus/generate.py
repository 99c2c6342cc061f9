"""Writes the personal-data guard's corpus: tune.jsonl and holdout.jsonl beside this file.

Run `python tests/core/guard_corpus/generate.py` to rebuild them; the output is committed and the
tests and bench/guard.py read the JSONL files, not this script. See README.md beside it for how
the corpus was written and how to use its two parts.

Every pool below (sentence templates, first names, surnames, streets, towns, benign fragments) is
cut in two by position: even entries build the *tune* part, odd entries the *holdout* part, so that
the holdout part holds sentences and names that the guard was never tuned on. A fixed seed keeps
the files stable from one run to the next.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from stdnum import iban as std_iban
from stdnum.es import dni, nie
from stdnum.fr import nif, nir
from stdnum.it import codicefiscale

HERE = Path(__file__).parent
SEED = 20261201

# How many notes of each sort and language go in each part (French the largest).
COUNTS = {
    "tune": {"fr": 70, "en": 30, "es": 18, "it": 16, "de": 16},
    "holdout": {"fr": 45, "en": 20, "es": 12, "it": 12, "de": 11},
}


def halves(pool: list) -> dict[str, list]:
    return {"tune": pool[0::2], "holdout": pool[1::2]}


# ---------------------------------------------------------------- people (invented, realistic)

FIRST_NAMES = {
    "fr": [
        "Jean",
        "Marie",
        "Pierre",
        "Sophie",
        "Nicolas",
        "Camille",
        "Julien",
        "Nathalie",
        "Karim",
        "Fatima",
        "Thomas",
        "Isabelle",
        "Mohamed",
        "Aurélie",
        "Sébastien",
        "Chloé",
        "Mamadou",
        "Inès",
        "François",
        "Léa",
        "Yacine",
        "Élodie",
        "Jean-Pierre",
        "Marie-Claire",
        "Kevin",
        "Sandrine",
        "Youssef",
        "Aïcha",
        "Olivier",
        "Manon",
        "Rachid",
        "Valérie",
        "Hugo",
        "Amandine",
        "Moussa",
        "Émilie",
        "Benoît",
        "Samira",
    ],
    "en": [
        "John",
        "Emma",
        "James",
        "Olivia",
        "Michael",
        "Sarah",
        "David",
        "Emily",
        "Daniel",
        "Jessica",
        "Robert",
        "Hannah",
        "Liam",
        "Grace",
        "Oliver",
        "Charlotte",
        "Aidan",
        "Megan",
        "Ryan",
        "Chloe",
    ],
    "es": [
        "Carlos",
        "María",
        "José",
        "Lucía",
        "Javier",
        "Carmen",
        "Miguel",
        "Ana",
        "Alejandro",
        "Laura",
        "Pablo",
        "Elena",
        "Diego",
        "Marta",
        "Sergio",
        "Paula",
    ],
    "it": [
        "Marco",
        "Giulia",
        "Luca",
        "Francesca",
        "Alessandro",
        "Chiara",
        "Matteo",
        "Sara",
        "Lorenzo",
        "Valentina",
        "Giuseppe",
        "Elisa",
        "Davide",
        "Martina",
        "Stefano",
        "Federica",
    ],
    "de": [
        "Hans",
        "Anna",
        "Lukas",
        "Lena",
        "Felix",
        "Katharina",
        "Jonas",
        "Julia",
        "Stefan",
        "Sabine",
        "Tobias",
        "Claudia",
        "Maximilian",
        "Jana",
        "Florian",
        "Petra",
    ],
}
SURNAMES = {
    "fr": [
        "Dupont",
        "Martin",
        "Bernard",
        "Lefèvre",
        "Moreau",
        "Girard",
        "Benali",
        "Diallo",
        "Rousseau",
        "Fontaine",
        "Mercier",
        "Haddad",
        "Traoré",
        "Gauthier",
        "Chevalier",
        "Lambert",
        "Boulanger",
        "Petit",
        "Meunier",
        "Legrand",
        "Da Silva",
        "Nguyen",
        "El Amrani",
        "Perrin",
        "Boyer",
        "Marchand",
        "Caron",
        "Faure",
        "Le Goff",
        "Rivière",
        "Kone",
        "Garnier",
    ],
    "en": [
        "Smith",
        "Johnson",
        "Williams",
        "Brown",
        "Taylor",
        "Wilson",
        "Davies",
        "Evans",
        "Thompson",
        "O'Connor",
        "Baker",
        "Walker",
        "Carpenter",
        "Hughes",
        "Patel",
        "Mason",
    ],
    "es": [
        "García",
        "Fernández",
        "López",
        "Martínez",
        "Sánchez",
        "Pérez",
        "Gómez",
        "Ruiz",
        "Herrero",
        "Navarro",
        "Moreno",
        "Romero",
        "Torres",
        "Castillo",
    ],
    "it": [
        "Rossi",
        "Russo",
        "Ferrari",
        "Esposito",
        "Bianchi",
        "Romano",
        "Colombo",
        "Ricci",
        "Marino",
        "Greco",
        "Bruno",
        "Gallo",
        "Conti",
        "De Luca",
    ],
    "de": [
        "Müller",
        "Schmidt",
        "Schneider",
        "Fischer",
        "Weber",
        "Meyer",
        "Wagner",
        "Becker",
        "Schulz",
        "Hoffmann",
        "Koch",
        "Richter",
        "Bauer",
        "Zimmermann",
    ],
}
TITLES = {
    "fr": ["M.", "Mme", "Mlle", "Monsieur", "Madame", "Dr", "Me"],
    "en": ["Mr", "Mrs", "Ms", "Mr.", "Dr", "Miss"],
    "es": ["Sr.", "Sra.", "Srta.", "Don", "Doña"],
    "it": ["Sig.", "Sig.ra", "Signor", "Signora", "Dott.", "Dott.ssa"],
    "de": ["Herr", "Frau", "Herrn", "Dr."],
}

# The Cité's own staff and partners: the guard receives them as allowed names.
STAFF = ["Sophie Laurent", "Marc Aubert", "Claire Vidal", "Paul Henry", "Nadia Ferhat", "Tom Becker"]
PARTNERS = ["Mission locale de Paris", "France Travail", "CIDFF", "Maison de l'emploi", "APEC", "Jobcentre Plus"]

# ---------------------------------------------------------------- benign fragments per language
# Written to sound like advisers' notes, with the traps the guard must not fall into.

BENIGN = {
    "fr": [
        "Souhaite se reconvertir dans l'aide à domicile (code ROME K1302).",
        "Formation suivie du 01/09/2010 au 31/08/2013 en alternance.",
        "Projet d'entrée en BTS MCO à la rentrée 2026.",
        "Budget formation : 1 800 euros sur le CPF, 400 heures en centre.",
        "Suit 3 cours du soir au CNAM et cherche 1 place de stage.",
        "Orientée vers la Mission locale, 12 rue de la Paix, 75002 Paris, standard 01 40 05 70 00.",
        "Rendez-vous pris avec France Travail le 12/01/2027 à 14h30.",
        "Intéressé par le métier de boulanger ; a rencontré un artisan boulanger du quartier.",
        "Vu avec ma collègue Sophie Laurent, conseillère au pôle Emploi.",
        "Titulaire d'un CAP petite enfance obtenu en 2015, vise le DEAES.",
        "Code ROME M1607 (secrétariat), 35 heures par semaine, CDD de 6 mois.",
        "A travaillé 12 ans dans le BTP comme chef d'équipe, souhaite un poste moins physique.",
        "Lui ai conseillé l'atelier CV du 05/01/27 et le forum de l'alternance.",
        "Contrat de professionnalisation de 24 mois, salaire 1 450 euros brut.",
        "Passage prévu au CIO de Bobigny, 2 avenue de la République, 93000 Bobigny.",
        "Diplôme visé : titre professionnel Assistant de vie aux familles (RNCP 35916).",
        "Réorienté vers Marc Aubert pour le volet création d'entreprise.",
        "La CAF et la Maison de l'emploi financent une partie du permis.",
        "Entretien de 45 min, ticket A-014, satisfaction 5/5.",
        "Expérience de vendeuse chez Petit Bateau puis chez Leroy Merlin.",
        "Piste : licence pro métiers du numérique à l'université Jean Moulin.",
        "Doit rappeler l'organisme de formation au 01 53 02 40 00 (accueil de l'AFPA).",
        "Période d'immersion du 3 au 14 mars 2025 dans un EHPAD.",
        "Inscrit depuis le 02/05/2019, indemnisé jusqu'en 2026.",
        "Salon de l'emploi le 3 mars 2027 au parc des expositions.",
        "Intéressée par le Master Marketing de la Sorbonne, niveau bac+5.",
        "Vise un poste de technicien de maintenance, niveau 4, catégorie B.",
        "Conseil : contacter la Chambre de métiers et l'APEC.",
        "Bilan de compétences de 24 heures financé à 100 %.",
        "Atelier animé par Claire Vidal le 14/11/2026.",
        "Le lycée Victor Hugo propose une formation complémentaire d'initiative locale.",
        "Souhaite travailler comme aide-soignante à l'hôpital Georges Pompidou.",
        "Permis B obtenu en 2018, véhicule personnel.",
        "Parcours 2023-2025 en Garantie jeunes, 3 ateliers suivis.",
        "Adresse de l'agence France Travail : 4 boulevard Voltaire, 75011 Paris.",
        "Mise en relation avec Paul Henry, référent entreprises.",
        "Stage de 8 semaines du 06/01/2025 au 28/02/2025 chez un paysagiste.",
        "Vise le concours d'ATSEM session 2027.",
        "Démarche VAE en cours pour le diplôme d'État d'éducateur spécialisé.",
        "Le CIDFF reçoit sans rendez-vous au 01 42 17 12 34.",
        "Cherche un emploi de cuisinier dans la restauration collective.",
        "Le Greta propose une session du 15 septembre au 20 décembre 2026.",
        "Aide à la rédaction de la lettre de motivation pour un poste chez Boulanger (magasin d'électroménager).",
        "Souhaite passer le CACES R489 en 2027, coût 1 200 €.",
        "Questions sur la rupture conventionnelle et les droits au chômage.",
        "A vu la vidéo métier sur le site de l'Onisep.",
        "Intérim de 3 mois chez Manpower, puis CDI espéré.",
        "Horaires de la Cité : du lundi au vendredi de 9h à 17h, 30 avenue Corentin-Cariou.",
        "Prochain point le 15/12/2026, atelier réseaux sociaux.",
        "Ancien militaire de la Marine nationale, 15 ans de service.",
        "Souhaite créer une micro-entreprise de couture, chiffre d'affaires visé 25 000 € par an.",
        "Ressources conseillées : fiche métier « Agent de sécurité » et annuaire des GRETA.",
        "Formation Pierre et Terre à l'école d'architecture, 2 ans.",
        "Travaille de nuit depuis 2012 dans la logistique.",
        "Atelier numérique de la médiathèque Marguerite Duras le mardi.",
        "Reçue au collège Jean Moulin pour le forum des métiers.",
    ],
    "en": [
        "Wants to retrain as a care worker, level 3 diploma planned for September 2026.",
        "Attended college from 01/09/2010 to 31/08/2013, BTEC in engineering.",
        "Budget of 1,800 pounds for a 400-hour course.",
        "Takes 3 evening classes and is looking for 1 work placement.",
        "Referred to Jobcentre Plus, 12 High Street, London, switchboard 0800 169 0190.",
        "Follow-up appointment on 12/01/2027 at 2.30 pm with Tom Becker.",
        "Interested in becoming a baker; met a master baker at the fair.",
        "Discussed with my colleague Sophie Laurent from the employment desk.",
        "Holds an NVQ level 2 obtained in 2015.",
        "Has 12 years of experience in construction as a site foreman.",
        "Apprenticeship of 24 months, salary 1,450 pounds a month.",
        "Target occupation: software tester (ESCO 2519).",
        "Job fair on 3 March 2027 at the exhibition centre.",
        "Session of 45 minutes, ticket B-022, satisfaction 4/5.",
        "Looking at a master's degree at King's College, starting autumn 2026.",
        "Worked at Marks and Spencer then at Tesco as a shift leader.",
        "Suggested the CV workshop of 05/01/27.",
        "Placement from 6 January to 28 February 2025 at a garden centre.",
        "The National Careers Service helpline is 0800 100 900.",
        "Wants a part-time job of 20 hours a week.",
        "Interested in a nursing degree; UCAS deadline in January 2027.",
        "Advised to register with the Open University for a short course.",
        "Worked nights from 2012 to 2020 in a warehouse.",
        "Wants to set up as a self-employed plumber, turnover target 25,000 pounds.",
        "Attended the networking workshop on 15/12/2026.",
        "Looking for a Saturday job while at sixth form.",
        "Former Royal Navy engineer with 15 years of service.",
        "Needs a DBS check before working with children.",
        "Recommended the careers fact sheet on electricians and the apprenticeship finder.",
        "The Citizens Advice office is at 5 Market Square and opens at 9 am.",
        "Considering a move from retail to IT support, CompTIA A+ in 6 months.",
        "Wants to work in Germany; discussed Europass CV.",
    ],
    "es": [
        "Quiere reorientarse hacia la hostelería, curso de 400 horas.",
        "Estudió del 01/09/2010 al 31/08/2013 un ciclo de grado medio.",
        "Matrícula prevista para el curso 2026-2027.",
        "Presupuesto de 1.800 euros para la formación.",
        "Asiste a 3 clases nocturnas y busca 1 plaza de prácticas.",
        "Derivado a la oficina del SEPE, Calle de Alcalá 50, 28014 Madrid, teléfono 915 40 37 00.",
        "Cita con el orientador el 12/01/2027 a las 10:00.",
        "Le interesa el oficio de panadero.",
        "Comentado con mi compañera Claire Vidal.",
        "Tiene 12 años de experiencia en la construcción.",
        "Contrato de formación de 24 meses.",
        "Feria de empleo el 3 de marzo de 2027.",
        "Entrevista de 45 minutos, número de turno C-031.",
        "Trabajó en El Corte Inglés como dependienta.",
        "Busca trabajo de cocinero en comedores escolares.",
        "El curso de soldadura empieza el 15 de septiembre y dura 300 horas.",
        "Ayuda con la carta de presentación para una tienda.",
        "Quiere crear una pequeña empresa de costura.",
        "Trabajó de noche desde 2012 en un almacén.",
        "Le recomendé la ficha de ocupación de electricista.",
        "Próxima cita el 15/12/2026, taller de redes sociales.",
        "Ha visto el vídeo del oficio en la web del Ministerio.",
        "Quiere trabajar en Francia; hablamos del CV Europass.",
        "Necesita homologar su título de técnico superior.",
    ],
    "it": [
        "Vuole riqualificarsi come operatore socio-sanitario, corso di 400 ore.",
        "Ha frequentato dal 01/09/2010 al 31/08/2013 un istituto tecnico.",
        "Iscrizione prevista per l'anno scolastico 2026/2027.",
        "Budget di 1.800 euro per la formazione.",
        "Segue 3 corsi serali e cerca 1 posto di tirocinio.",
        "Indirizzata al Centro per l'impiego, Via Roma 12, 00184 Roma, centralino 06 6710 1.",
        "Appuntamento con l'orientatore il 12/01/2027 alle 10:00.",
        "Interessato al mestiere di fornaio.",
        "Discusso con il collega Marc Aubert.",
        "Ha 12 anni di esperienza in edilizia.",
        "Contratto di apprendistato di 24 mesi.",
        "Fiera del lavoro il 3 marzo 2027.",
        "Colloquio di 45 minuti, biglietto D-007.",
        "Ha lavorato alla Ferrero come operaia.",
        "Cerca lavoro come cuoco nelle mense scolastiche.",
        "Il corso di saldatura inizia il 15 settembre e dura 300 ore.",
        "Aiuto con la lettera di presentazione per un negozio.",
        "Vuole aprire una piccola attività di sartoria.",
        "Ha lavorato di notte dal 2012 in un magazzino.",
        "Consigliata la scheda professionale dell'elettricista.",
        "Prossimo appuntamento il 15/12/2026, laboratorio social network.",
        "Vuole lavorare in Francia; parlato del CV Europass.",
        "Deve far riconoscere il diploma di perito tecnico.",
        "Ha visto il video sul mestiere sul sito della Regione.",
    ],
    "de": [
        "Möchte sich zur Pflegefachkraft umschulen lassen, 400 Stunden Kurs.",
        "Ausbildung vom 01.09.2010 bis 31.08.2013 als Elektriker.",
        "Beginn der Weiterbildung zum Wintersemester 2026.",
        "Budget von 1.800 Euro für den Kurs.",
        "Besucht 3 Abendkurse und sucht 1 Praktikumsplatz.",
        "An die Agentur für Arbeit verwiesen, Hauptstraße 12, 10115 Berlin, Zentrale 030 5555 0.",
        "Termin mit der Beraterin am 12.01.2027 um 10 Uhr.",
        "Interessiert sich für den Beruf Bäcker.",
        "Mit meinem Kollegen Tom Becker besprochen.",
        "Hat 12 Jahre Erfahrung im Bau.",
        "Ausbildungsvertrag über 24 Monate.",
        "Jobmesse am 3. März 2027.",
        "Gespräch von 45 Minuten, Ticket E-012.",
        "Hat bei Siemens als Lagerist gearbeitet.",
        "Sucht Arbeit als Koch in einer Kantine.",
        "Der Schweißkurs beginnt am 15. September und dauert 300 Stunden.",
        "Hilfe beim Anschreiben für eine Stelle im Einzelhandel.",
        "Möchte sich als Schneiderin selbstständig machen.",
        "Arbeitet seit 2012 nachts in der Logistik.",
        "Empfohlen: Berufsinfo Elektroniker und die Jobbörse.",
        "Nächster Termin am 15.12.2026, Workshop soziale Netzwerke.",
        "Möchte in Frankreich arbeiten; Europass-Lebenslauf besprochen.",
        "Muss den Abschluss als Techniker anerkennen lassen.",
        "Hat das Berufsvideo auf der Seite der Arbeitsagentur gesehen.",
    ],
}

# ---------------------------------------------------------------- personal sentence templates
# {name} {tname} (titled) {email} {phone} {phone_words} {address} {nir} {iban} {passport} {permit}
# {ft_id} {caf} {tax} {ssn} {dob} are filled per note.

PERSONAL = {
    "fr": {
        "name": [
            "Reçu {tname} pour un projet de reconversion.",
            "{name} souhaite se former au métier de cariste.",
            "Venu avec son frère, {name}, qui cherche aussi un emploi.",
            "Entretien avec {tname}, ancienne comptable.",
            "Rappeler {tname} la semaine prochaine.",
            "Le visiteur s'appelle {name}, il vient de Lyon.",
            "Accompagnée par son conseiller ; elle se présente comme {name}.",
            "Orienté chez Marie Curtis à la boutique du quartier, son oncle {name} l'y attend.",
            "{tname} a déjà un CAP.",
            "Nom : {name}.",
        ],
        "email": [
            "Son adresse : {email}.",
            "Envoyer la fiche métier à {email}.",
            "Écrire à {email} pour le suivi.",
            "Mail perso : {email}",
            "Préfère être contactée par mail ({email}).",
        ],
        "phone": [
            "Le rappeler au {phone}.",
            "Portable : {phone}.",
            "Joignable au {phone} après 18h.",
            "Numéro laissé : {phone_words}.",
            "Tél. {phone}",
            "Son numéro est le {phone_words}.",
        ],
        "address": [
            "Habite {address}.",
            "Domicile : {address}.",
            "Vit chez sa mère, {address}.",
            "Adresse personnelle : {address}.",
        ],
        "nir": ["Numéro de sécu : {nir}.", "A donné son NIR {nir} pour l'attestation.", "Sécurité sociale {nir}"],
        "iban": ["RIB : {iban}.", "IBAN {iban} pour l'aide à la mobilité.", "Son compte : {iban}"],
        "id_document": [
            "Passeport n° {passport}.",
            "Titre de séjour n° {permit}, valable un an.",
            "Carte de séjour {permit} en cours de renouvellement.",
            "Numéro de passeport {passport}",
        ],
        "admin_id": [
            "Identifiant France Travail : {ft_id}.",
            "Numéro allocataire CAF {caf}.",
            "Numéro fiscal {tax} pour l'avis d'imposition.",
            "Identifiant Pôle emploi {ft_id}",
        ],
        "birth_date": [
            "Née le {dob}.",
            "Date de naissance : {dob}.",
            "Il est né le {dob} à Alger.",
            "DDN {dob}",
            "Visiteur né le {dob}, en reconversion.",
        ],
    },
    "en": {
        "name": [
            "Met {tname} about retraining.",
            "{name} wants to become a bus driver.",
            "Came with her cousin {name}, also job hunting.",
            "Interview with {tname}, formerly a cashier.",
            "Call back {tname} next week.",
            "The visitor's name is {name}.",
        ],
        "email": ["Send the leaflet to {email}.", "Her e-mail: {email}", "Contact: {email}."],
        "phone": ["Call him back on {phone}.", "Mobile: {phone}.", "Number given: {phone_words}.", "Tel {phone}"],
        "address": ["Lives at {address}.", "Home address: {address}."],
        "ssn": ["SSN {ssn} for the form.", "National Insurance number {ssn}.", "Social security number: {ssn}"],
        "id_document": ["Passport number {passport}.", "Residence permit {permit}."],
        "birth_date": ["Born on {dob}.", "DOB {dob}", "Date of birth: {dob}.", "He was born {dob} in Leeds."],
    },
    "es": {
        "name": [
            "Atendido {tname} por un cambio de carrera.",
            "{name} quiere formarse en logística.",
            "Viene con su hermano {name}.",
            "Entrevista con {tname}.",
        ],
        "email": ["Su correo: {email}.", "Enviar el folleto a {email}."],
        "phone": ["Llamarle al {phone}.", "Móvil: {phone}."],
        "address": ["Vive en {address}.", "Domicilio: {address}."],
        "ssn": ["DNI {ssn}.", "NIE {ssn} en trámite."],
        "birth_date": ["Nacida el {dob}.", "Fecha de nacimiento: {dob}."],
    },
    "it": {
        "name": [
            "Ricevuto {tname} per un cambio di lavoro.",
            "{name} vuole diventare elettricista.",
            "Accompagnata dal marito, {name}.",
            "Colloquio con {tname}.",
        ],
        "email": ["La sua email: {email}.", "Scrivere a {email}."],
        "phone": ["Richiamarlo al {phone}.", "Cellulare: {phone}."],
        "address": ["Abita in {address}.", "Residenza: {address}."],
        "ssn": ["Codice fiscale {ssn}.", "C.F. {ssn}"],
        "birth_date": ["Nata il {dob}.", "Data di nascita: {dob}."],
    },
    "de": {
        "name": [
            "Gespräch mit {tname} über eine Umschulung.",
            "{name} möchte Erzieherin werden.",
            "Kam mit ihrem Bruder {name}.",
            "Beratung von {tname}.",
        ],
        "email": ["Ihre E-Mail: {email}.", "Unterlagen an {email} schicken."],
        "phone": ["Rückruf unter {phone}.", "Handy: {phone}."],
        "address": ["Wohnt in der {address}.", "Anschrift: {address}."],
        "ssn": ["Steuer-ID {ssn}.", "Sozialversicherungsnummer {ssn}."],
        "birth_date": ["Geboren am {dob}.", "Geburtsdatum: {dob}."],
    },
}

# ---------------------------------------------------------------- values


def email(rng: random.Random, first: str, last: str) -> str:
    f = first.lower().replace("é", "e").replace("è", "e").replace("ï", "i").replace("ç", "c").split("-")[0]
    last_ascii = "".join(c for c in last.lower() if c.isalpha() and c.isascii()) or "x"
    domain, tld = rng.choice(
        [
            ("gmail", "com"),
            ("yahoo", "fr"),
            ("orange", "fr"),
            ("free", "fr"),
            ("hotmail", "com"),
            ("laposte", "net"),
            ("outlook", "es"),
            ("libero", "it"),
            ("web", "de"),
        ]
    )
    style = rng.randrange(8)
    if style == 0:
        return f"{f}.{last_ascii}@{domain}.{tld}"
    if style == 1:
        return f"{f}{rng.randrange(10, 99)}@{domain}.{tld}"
    if style == 2:
        return f"{f} point {last_ascii} at {domain} point {tld}"
    if style == 3:
        return f"{f} arobase {domain}.{tld}"
    if style == 4:
        return f"{f}.{last_ascii} @ {domain} . {tld}"
    if style == 5:
        return f"{f}[at]{domain}[dot]{tld}"
    if style == 6:
        return f"{f.capitalize()}.{last.replace(' ', '')}@{domain}.{tld}"
    return f"{f}_{last_ascii} (at) {domain} (dot) {tld}"


def _grouped(digits: str, sizes: list[int], sep: str) -> str:
    out, i = [], 0
    for size in sizes:
        out.append(digits[i : i + size])
        i += size
    return sep.join(out)


FR_WORDS = {
    **dict(
        enumerate(
            [
                "zéro",
                "un",
                "deux",
                "trois",
                "quatre",
                "cinq",
                "six",
                "sept",
                "huit",
                "neuf",
                "dix",
                "onze",
                "douze",
                "treize",
                "quatorze",
                "quinze",
                "seize",
            ]
        )
    ),
    17: "dix-sept",
    18: "dix-huit",
    19: "dix-neuf",
}
FR_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante", 8: "quatre-vingt"}


def french_pair(n: int) -> str:
    if n < 20:
        return FR_WORDS[n]
    tens, unit = divmod(n, 10)
    if tens in (7, 9):
        base = "soixante" if tens == 7 else "quatre-vingt"
        rest = FR_WORDS[10 + unit]
        return f"{base}-et-onze" if tens == 7 and unit == 1 else f"{base}-{rest}"
    word = FR_TENS[tens]
    if unit == 0:
        return word + ("s" if tens == 8 else "")
    if unit == 1 and tens != 8:
        return f"{word}-et-un"
    return f"{word}-{FR_WORDS[unit]}"


EN_DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def phone(rng: random.Random, language: str) -> tuple[str, str]:
    """A valid number in a spelling a person would use, and the same number in words."""
    r = rng.randrange
    choice = r(10)
    if language == "fr" or choice < 2:
        national = f"0{rng.choice('67')}{r(10000000, 99999999)}"
        spellings = [
            _grouped(national, [2, 2, 2, 2, 2], " "),
            _grouped(national, [2, 2, 2, 2, 2], "."),
            _grouped(national, [2, 2, 2, 2, 2], "-"),
            national,
            "+33 " + _grouped(national[1:], [1, 2, 2, 2, 2], " "),
            "+33 (0)" + _grouped(national[1:], [1, 2, 2, 2, 2], " "),
            "0033" + national[1:],
            _grouped(national, [4, 3, 3], " "),
        ]
        pairs = [int(national[i : i + 2]) for i in range(0, 10, 2)]
        words = "zéro " + FR_WORDS[pairs[0] % 10] + " " + " ".join(french_pair(p) for p in pairs[1:])
        if language == "en":
            words = " ".join("oh" if d == "0" else EN_DIGITS[int(d)] for d in national)
        return rng.choice(spellings), words
    foreign = {
        "en": [
            (f"+44 7700 900{r(100, 999)}", None),
            (f"07700 900{r(100, 999)}", None),
            (f"(212) 555-01{r(0, 99):02d}", None),
            (f"+1 415 555 01{r(0, 99):02d}", None),
            (f"+353 87 {r(100, 999)} {r(1000, 9999)}", None),
        ],
        "es": [
            (f"6{r(10, 99)} {r(100, 999)} {r(100, 999)}", None),
            (f"+34 6{r(10, 99)}{r(100, 999)}{r(100, 999)}", None),
            (f"+212 6 {r(10, 99)} {r(10, 99)} {r(10, 99)} {r(10, 99)}", None),
        ],
        "it": [
            (f"3{r(20, 49)} {r(100, 999)} {r(1000, 9999)}", None),
            (f"+39 3{r(20, 49)} {r(100, 999)}{r(1000, 9999)}", None),
            (f"+216 2{r(0, 9)} {r(100, 999)} {r(100, 999)}", None),
        ],
        "de": [
            (f"0151 {r(10000000, 99999999)}", None),
            (f"+49 170 {r(100, 999)} {r(1000, 9999)}", None),
            (f"0176/{r(10000000, 99999999)}", None),
            (f"+41 79 {r(100, 999)} {r(10, 99)} {r(10, 99)}", None),
        ],
    }
    number, _ = rng.choice(foreign.get(language, foreign["en"]))
    digits = [c for c in number if c.isdigit()]
    words = " ".join(EN_DIGITS[int(d)] for d in digits)
    return number, words


def postcode_fr(rng: random.Random) -> str:
    return f"{rng.choice(['75', '93', '69', '13', '59', '31', '44', '67'])}{rng.randrange(0, 20):03d}"


def address(rng: random.Random, language: str, streets: list[str], towns: list[str]) -> str:
    n = rng.randrange(1, 180)
    street, town = rng.choice(streets), rng.choice(towns)
    if language == "fr":
        suffix = rng.choice(["", " bis", " ter"])
        return rng.choice(
            [
                f"{n}{suffix} {street}",
                f"{n}{suffix} {street}, {postcode_fr(rng)} {town}",
                f"{n}, {street} à {town}",
                f"{street}, {postcode_fr(rng)} {town}",
                f"bâtiment C, {n} {street}",
            ]
        )
    if language == "en":
        return rng.choice(
            [
                f"{n} {street}",
                f"Flat {rng.randrange(1, 20)}, {n} {street}, {town}",
                f"{n} {street}, {town} {rng.choice(['NW1 6XE', 'M1 2AB', 'LS6 3HN', 'E14 5AB'])}",
            ]
        )
    if language == "es":
        return rng.choice([f"{street} {n}, {rng.randrange(1, 8)}º", f"{street} {n}, 280{rng.randrange(10, 99)} {town}"])
    if language == "it":
        return rng.choice([f"{street} {n}", f"{street} {n}, 001{rng.randrange(10, 99)} {town}"])
    return rng.choice([f"{street} {n}", f"{street} {n}, 10{rng.randrange(100, 999)} {town}"])


STREETS = {
    "fr": [
        "rue des Lilas",
        "avenue Jean Jaurès",
        "bd Voltaire",
        "rue Victor Hugo",
        "allée des Tilleuls",
        "impasse du Moulin",
        "r. de la Paix",
        "chemin des Vignes",
        "place du Marché",
        "rue Saint-Maur",
        "quai de la Loire",
        "av. de Verdun",
        "résidence les Cèdres",
        "rue Pasteur",
    ],
    "en": ["Baker Street", "Church Road", "Victoria Avenue", "Mill Lane", "Park Drive", "Station Road"],
    "es": ["Calle Mayor", "Avenida de América", "Calle del Olmo", "Paseo de la Castellana"],
    "it": ["Via Garibaldi", "Via dei Mille", "Corso Vittorio Emanuele", "Viale Trastevere"],
    "de": ["Lindenstraße", "Bahnhofstr.", "Goethestraße", "Am Markt"],
}
TOWNS = {
    "fr": ["Paris", "Montreuil", "Lyon", "Marseille", "Lille", "Toulouse", "Nantes", "Strasbourg"],
    "en": ["London", "Manchester", "Leeds", "Bristol"],
    "es": ["Madrid", "Getafe"],
    "it": ["Roma", "Fiumicino"],
    "de": ["Berlin", "Potsdam"],
}


def nir_value(rng: random.Random) -> str:
    department = rng.choice(["75", "93", "69", "2A", "13"])
    body = (
        f"{rng.choice('12')}{rng.randrange(50, 99)}{rng.randrange(1, 13):02d}{department}"
        f"{rng.randrange(1, 999):03d}{rng.randrange(1, 999):03d}"
    )
    key = nir.calc_check_digits(body)
    if rng.random() < 0.25:  # a mistyped key is still someone's number
        key = f"{(int(key) + 7) % 97:02d}"
    spaced = rng.random() < 0.6
    if not spaced:
        return body + key if rng.random() < 0.8 else body
    parts = [body[0], body[1:3], body[3:5], body[5:7], body[7:10], body[10:13], key]
    return rng.choice([" ", "."]).join(parts)


def iban_value(rng: random.Random) -> str:
    country, bban = rng.choice(
        [
            ("FR", f"30006000011{rng.randrange(10**10, 10**11)}{rng.randrange(10, 99)}"),
            ("DE", f"37040044{rng.randrange(10**9, 10**10)}"),
            ("ES", f"21000418{rng.randrange(10**11, 10**12)}"),
            ("IT", f"X0542811101000000{rng.randrange(100000, 999999)}"),
            ("BE", f"539{rng.randrange(10**8, 10**9)}"),
        ]
    )
    check = std_iban.calc_check_digits(country + "00" + bban)
    compact = country + check + bban
    style = rng.randrange(3)
    if style == 0:
        return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
    if style == 1:
        return compact.lower()
    return compact


def passport(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    return f"{rng.randrange(10, 99)}{rng.choice(letters)}{rng.choice(letters)}{rng.randrange(10000, 99999)}"


def permit(rng: random.Random) -> str:
    return str(rng.randrange(10**9, 10**10))


def ft_id(rng: random.Random) -> str:
    return f"{rng.randrange(1000000, 9999999)}{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}"


def tax_id(rng: random.Random) -> str:
    body = f"{rng.randrange(0, 4)}{rng.randrange(10**9, 10**10)}"
    full = body + nif.calc_check_digits(body)
    return " ".join([full[:2], full[2:4], full[4:7], full[7:10], full[10:]]) if rng.random() < 0.5 else full


def ssn(rng: random.Random, language: str) -> str:
    if language == "en":
        return rng.choice(
            [
                f"{rng.randrange(100, 665)}-{rng.randrange(10, 99)}-{rng.randrange(1000, 9999)}",
                f"{rng.choice(['AB', 'JK', 'TY'])} {rng.randrange(10, 99)} {rng.randrange(10, 99)} "
                f"{rng.randrange(10, 99)} C",
            ]
        )
    if language == "es":
        if rng.random() < 0.5:
            body = f"{rng.randrange(10**7, 10**8)}"
            return body + dni.calc_check_digit(body)
        body = f"{rng.choice('XYZ')}{rng.randrange(10**6, 10**7)}"
        return body + nie.calc_check_digit(body)
    if language == "it":
        body = f"RSSMRA{rng.randrange(50, 99)}A{rng.randrange(10, 28)}H501"
        return body + codicefiscale.calc_check_digit(body)
    return rng.choice(
        [
            f"{rng.randrange(10, 99)} {rng.randrange(100, 999)} {rng.randrange(100, 999)} {rng.randrange(100, 999)}",
            f"{rng.randrange(10, 99)} {rng.randrange(100000, 999999)} M {rng.randrange(100, 999)}",
        ]
    )


MONTHS = {
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    "it": [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
}


def birth_date(rng: random.Random, language: str) -> str:
    day, month, year = rng.randrange(1, 29), rng.randrange(1, 13), rng.randrange(1955, 2008)
    name = MONTHS[language][month - 1]
    ordinal = {1: "st", 2: "nd", 3: "rd"}.get(day if day < 20 else day % 10, "th")
    spellings = [
        f"{day:02d}/{month:02d}/{year}",
        f"{day}/{month}/{year % 100:02d}",
        f"{year}-{month:02d}-{day:02d}",
        f"{year}/{month:02d}/{day:02d}",
        f"{day}-{MONTHS['en'][month - 1][:3]}-{year}",
        f"{day:02d}.{month:02d}.{year}",
    ]
    if language == "fr":
        spellings.append(f"{'1er' if day == 1 else day} {name} {year}")
    elif language == "en":
        spellings += [f"{name} {day}{ordinal}, {year}", f"{day} {name} {year}"]
    elif language == "es":
        spellings.append(f"{day} de {name} de {year}")
    elif language == "it":
        spellings.append(f"{day} {name} {year}")
    else:
        spellings.append(f"{day}. {name} {year}")
    return rng.choice(spellings)


# The issue's own examples, written out by hand; they go to the tune part only.
SPEC_NOTES = [
    ("fr", ["name"], "Reçu Mme Dupont, projet de reconversion dans la logistique."),
    ("fr", ["name"], "M. Martin souhaite passer le CACES."),
    ("fr", ["name"], "Orientée par le Dr Leroy vers un métier moins physique."),
    ("es", ["name"], "La Sra. García busca un curso de cocina."),
    ("fr", ["name"], "Jean Dupont cherche une formation de cariste."),
    ("fr", ["name"], "A fait un stage chez Marie Curtis, fleuriste."),
    ("fr", ["name"], "Mme Boulanger veut devenir boulangère."),
    ("fr", ["name"], "Vient avec Paul Petit, son voisin."),
    ("fr", ["email"], "Son adresse : jean point dupont at gmail point com."),
    ("fr", ["email"], "Écrire à marie arobase yahoo.fr pour la suite."),
    ("fr", ["email"], "Mail : sophie.leroy @ free . fr"),
    ("fr", ["phone"], "Son portable : zéro six douze trente-quatre cinquante-six soixante-dix-huit."),
    ("fr", ["address"], "Habite 12 r. de la Paix, au troisième."),
    ("fr", ["address"], "Vit rue des Acacias, 75002 Paris."),
    ("fr", ["nir"], "NIR 1 85 03 75 116 001 27 transmis."),
    ("fr", ["nir"], "sécu 1.85.03.75.116.001.99 (clé à vérifier)"),
    ("fr", ["iban"], "RIB fr76 3000 6000 0112 3456 7890 189"),
    ("fr", ["birth_date"], "Il est né le 3 mars 1985 à Tunis."),
    ("en", ["birth_date"], "DOB 03/03/85, looking for an apprenticeship."),
    ("en", ["birth_date"], "Born on March 3rd, 1985 in Cork."),
    ("en", ["birth_date"], "Birth date 1985/03/03."),
    ("en", ["birth_date"], "DOB: 3-Mar-1985."),
    ("fr", [], "Atelier CV du 05/01/27, à confirmer."),
    ("fr", [], "Formation du 01/09/2010 au 31/08/2013, puis rentrée 2026 en BTS."),
    ("fr", [], "Projet : 400 heures de formation, 1 800 euros, 3 cours du soir et 1 place de stage."),
    ("fr", [], "Codes ROME M1607 et K2111 ; vise le BTS Support à l'action managériale."),
    ("fr", [], "La Mission locale est au 22 rue Doudeauville, 75018 Paris, standard 01 53 41 60 00."),
    ("fr", [], "Souhaite devenir boulanger ; le petit commerce l'attire."),
]

# ---------------------------------------------------------------- assembly

KIND_WEIGHTS = {
    "fr": {
        "name": 8,
        "email": 4,
        "phone": 5,
        "address": 4,
        "nir": 3,
        "iban": 2,
        "id_document": 2,
        "admin_id": 3,
        "birth_date": 4,
    },
    "en": {"name": 5, "email": 3, "phone": 3, "address": 2, "ssn": 2, "id_document": 1, "birth_date": 3},
    "es": {"name": 4, "email": 2, "phone": 2, "address": 2, "ssn": 2, "birth_date": 2},
    "it": {"name": 4, "email": 2, "phone": 2, "address": 2, "ssn": 2, "birth_date": 2},
    "de": {"name": 4, "email": 2, "phone": 2, "address": 2, "ssn": 2, "birth_date": 2},
}


def build(split: str, rng: random.Random) -> list[dict]:
    notes, seen = [], set()
    for language, count in COUNTS[split].items():
        firsts = halves(FIRST_NAMES[language])[split]
        lasts = halves(SURNAMES[language])[split]
        streets = halves(STREETS[language])[split]
        towns = TOWNS[language]
        benign = halves(BENIGN[language])[split]
        templates = {kind: halves(pool)[split] or pool for kind, pool in PERSONAL[language].items()}
        kinds = [kind for kind, weight in KIND_WEIGHTS[language].items() for _ in range(weight)]
        for index in range(count):
            context = rng.sample(benign, k=min(len(benign), rng.randrange(1, 3)))
            # Benign notes: two or three fragments, as an adviser would write them.
            extra = rng.sample(benign, k=min(len(benign), rng.randrange(1, 3)))
            while " ".join(dict.fromkeys(context + extra)) in seen:
                context, extra = rng.sample(benign, k=2), rng.sample(benign, k=1)
            seen.add(" ".join(dict.fromkeys(context + extra)))
            notes.append(
                {
                    "id": f"{split}-{language}-benign-{index:03d}",
                    "language": language,
                    "split": split,
                    "kinds": [],
                    "text": " ".join(dict.fromkeys(context + extra)),
                }
            )
            kind = kinds[index % len(kinds)] if index < len(kinds) else rng.choice(kinds)
            first, last = rng.choice(firsts), rng.choice(lasts)
            number, words = phone(rng, language)
            values = {
                "name": f"{first} {last}" if rng.random() < 0.85 else f"{last.upper()} {first}",
                "tname": f"{rng.choice(TITLES[language])} {last}",
                "email": email(rng, first, last),
                "phone": number,
                "phone_words": words,
                "address": address(rng, language, streets, towns),
                "nir": nir_value(rng),
                "iban": iban_value(rng),
                "passport": passport(rng),
                "permit": permit(rng),
                "ft_id": ft_id(rng),
                "caf": str(rng.randrange(1000000, 9999999)),
                "tax": tax_id(rng),
                "ssn": ssn(rng, language),
                "dob": birth_date(rng, language),
            }
            sentence = rng.choice(templates[kind]).format(**values)
            fragments = [*context[:1], sentence] if rng.random() < 0.5 else [sentence, *context[:1]]
            notes.append(
                {
                    "id": f"{split}-{language}-personal-{index:03d}",
                    "language": language,
                    "split": split,
                    "kinds": [kind],
                    "text": " ".join(fragments),
                }
            )
    if split == "tune":
        for index, (language, kinds, text) in enumerate(SPEC_NOTES):
            sort = "personal" if kinds else "benign"
            notes.append(
                {
                    "id": f"tune-{language}-spec-{sort}-{index:03d}",
                    "language": language,
                    "split": split,
                    "kinds": kinds,
                    "text": text,
                }
            )
    return notes


def main() -> None:
    rng = random.Random(SEED)
    for split in ("tune", "holdout"):
        notes = build(split, rng)
        with (HERE / f"{split}.jsonl").open("w", encoding="utf-8") as out:
            for note in notes:
                out.write(json.dumps(note, ensure_ascii=False) + "\n")
    (HERE / "context.json").write_text(
        json.dumps({"staff": STAFF, "organisations": PARTNERS}, ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
