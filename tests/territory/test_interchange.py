import json

import pytest

from citemetiers.core.audit import AuditEntry
from citemetiers.territory.interchange import CSV, JSON, ImportRefused, directory_export, directory_import
from citemetiers.territory.models import LOCAL_SOURCE, Service, Structure
from tests.factories import CentreFactory
from tests.territory.factories import ServiceFactory

pytestmark = pytest.mark.django_db

STRUCTURE = {
    "source": "dora",
    "id": "dora--ml-paris-est",
    "nom": "Mission locale de Paris Est",
    "date_maj": "2026-10-01",
    "adresse": "3 rue de la Roquette",
    "code_postal": "75011",
    "commune": "Paris",
    "telephone": "01 40 00 00 00",
    "horaires_accueil": "Mo-Fr 09:00-17:00",
}
SERVICE = {
    "source": "dora",
    "structure_id": "dora--ml-paris-est",
    "id": "dora--ml-paris-est--cv",
    "nom": "Atelier CV et lettre de motivation",
    "description": "Un atelier collectif pour écrire son CV et sa lettre de motivation avec une conseillère.",
    "date_maj": "2026-10-01",
    "type": "atelier",
    "thematiques": ["preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation"],
    "frais": "gratuit",
    "publics": ["jeunes"],
    "zone_eligibilite": ["75"],
    "latitude": 48.857,
    "longitude": 2.377,
    "horaires_accueil": "Tu 14:00-17:00",
    "mobilisation_precisions": "Sans rendez-vous.",
}


def _json(*records):
    return json.dumps(list(records))


def test_import_reports_every_bad_row_with_its_line_and_field_and_writes_nothing():
    centre = CentreFactory()
    bad_name = {**SERVICE, "id": "dora--2", "nom": "CV"}
    bad_hours = {**SERVICE, "id": "dora--3", "horaires_accueil": "tous les jours"}
    with pytest.raises(ImportRefused) as refused:
        directory_import(
            centre=centre,
            structures=_json(STRUCTURE),
            services=_json(SERVICE, bad_name, bad_hours),
            fmt=JSON,
            actor=None,
        )
    found = {(e.table, e.line, e.field) for e in refused.value.errors}
    assert found == {("services", 2, "nom"), ("services", 3, "horaires_accueil")}
    assert not Structure.objects.exists() and not Service.objects.exists()


def test_csv_import_errors_carry_the_csv_line_number():
    centre = CentreFactory()
    structures = (
        "source,id,nom,date_maj\ndora,dora--a,Mission locale A,2026-10-01\ndora,dora--b,Mission B,pas-une-date\n"
    )
    with pytest.raises(ImportRefused) as refused:
        directory_import(centre=centre, structures=structures, services="", fmt=CSV, actor=None)
    assert [(e.line, e.field) for e in refused.value.errors] == [(3, "date_maj")]
    assert not Structure.objects.exists()


def test_import_refuses_a_service_whose_free_text_holds_personal_data():
    centre = CentreFactory()
    leaky = {**SERVICE, "description": "Demander Mme Dupont au 06 12 34 56 78 ou jean.dupont@example.org pour venir."}
    with pytest.raises(ImportRefused) as refused:
        directory_import(centre=centre, structures=_json(STRUCTURE), services=_json(leaky), fmt=JSON, actor=None)
    assert [(e.line, e.field) for e in refused.value.errors] == [(1, "description")]


def test_a_service_of_an_unknown_structure_is_refused():
    centre = CentreFactory()
    with pytest.raises(ImportRefused) as refused:
        directory_import(centre=centre, structures="[]", services=_json(SERVICE), fmt=JSON, actor=None)
    assert [(e.line, e.field) for e in refused.value.errors] == [(1, "structure_id")]


def test_reimport_updates_by_source_id_and_keeps_the_centres_own_entries():
    centre = CentreFactory()
    local = ServiceFactory(structure__centre=centre)
    directory_import(centre=centre, structures=_json(STRUCTURE), services=_json(SERVICE), fmt=JSON, actor=None)
    renamed = {**SERVICE, "nom": "Atelier CV (nouvelle formule)"}
    report = directory_import(centre=centre, structures=_json(STRUCTURE), services=_json(renamed), fmt=JSON, actor=None)
    assert (report.created, report.updated) == (0, 2)
    names = set(Service.objects.filter(centre=centre).values_list("name", flat=True))
    assert names == {local.name, "Atelier CV (nouvelle formule)"}
    assert Service.objects.get(source="dora").structure.source_id == "dora--ml-paris-est"
    assert AuditEntry.objects.filter(action="territory.directory_imported").count() == 2


def test_a_service_never_keeps_a_contact_of_its_own():
    centre = CentreFactory()
    with_contact = {**SERVICE, "telephone": "01 40 00 00 01", "contact_nom_prenom": "Jean Dupont"}
    directory_import(centre=centre, structures=_json(STRUCTURE), services=_json(with_contact), fmt=JSON, actor=None)
    _structures, services = directory_export(centre=centre, fmt=JSON)
    exported = json.loads(services)[0]
    assert "telephone" not in exported and "contact_nom_prenom" not in exported


@pytest.mark.parametrize("fmt", [JSON, CSV])
def test_export_then_import_into_another_centre_gives_the_same_directory(fmt):
    source, target = CentreFactory(), CentreFactory()
    directory_import(centre=source, structures=_json(STRUCTURE), services=_json(SERVICE), fmt=JSON, actor=None)
    ServiceFactory(structure__centre=source, structure__source=LOCAL_SOURCE)
    structures, services = directory_export(centre=source, fmt=fmt)
    try:
        directory_import(centre=target, structures=structures, services=services, fmt=fmt, actor=None)
    except ImportRefused as e:
        raise AssertionError([str(x) for x in e.errors]) from e

    def snapshot(centre):
        fields = (
            "source",
            "source_id",
            "name",
            "themes",
            "publics",
            "zone",
            "opening_hours",
            "how_to_access",
            "latitude",
        )
        return sorted(Service.objects.filter(centre=centre).values_list(*fields))

    copied = snapshot(target)
    assert len(copied) == 2
    assert [row[2:] for row in copied] == [row[2:] for row in snapshot(source)]


def test_only_coordinators_and_partnerships_staff_import_the_directory():
    """The import rewrites the Cité's whole directory: the service checks the role, whoever calls it."""
    from citemetiers.accounts.roles import Role
    from citemetiers.core.errors import NotPermitted
    from tests.factories import MembershipFactory

    centre = CentreFactory()
    receptionist = MembershipFactory(centre=centre, roles=[Role.RECEPTION]).user
    with pytest.raises(NotPermitted):
        directory_import(
            centre=centre, structures=_json(STRUCTURE), services=_json(SERVICE), fmt=JSON, actor=receptionist
        )
    assert not Structure.objects.filter(centre=centre).exists()
    partnerships = MembershipFactory(centre=centre, roles=[Role.PARTNERSHIPS]).user
    directory_import(centre=centre, structures=_json(STRUCTURE), services=_json(SERVICE), fmt=JSON, actor=partnerships)
    assert Structure.objects.filter(centre=centre).exists()
