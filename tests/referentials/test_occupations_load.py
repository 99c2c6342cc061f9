import gzip

import pytest

from citemetiers.core.models import AuditEntry
from citemetiers.referentials.models import Occupation, OccupationLabel
from citemetiers.referentials.services import occupations_load

pytestmark = pytest.mark.django_db

HEADER = "code,language,preferred,label,description\n"
URI = "http://data.europa.eu/esco/occupation/"


def write(folder, name, lines):
    path = folder / name
    path.write_bytes(gzip.compress((HEADER + "".join(f"{line}\n" for line in lines)).encode()))
    return path


@pytest.fixture
def folder(tmp_path):
    write(tmp_path, "rome.csv.gz", ["Z9001,fr,1,Électricien / Électricienne du bâtiment,"])
    write(
        tmp_path,
        "esco.csv.gz",
        [f"{URI}00000000-0000-0000-0000-000000000001,en,1,building electrician,Building electricians install…"],
    )
    write(
        tmp_path,
        "esco_fr.csv.gz",
        [
            f"{URI}00000000-0000-0000-0000-000000000001,fr,1,électricien du bâtiment/électricienne du bâtiment,",
            f"{URI}00000000-0000-0000-0000-000000000001,fr,0,électricienne du bâtiment,",
        ],
    )
    return tmp_path


def test_a_load_creates_occupations_and_labels_with_their_search_text(folder):
    result = occupations_load(path=folder)
    assert result["occupations_created"] == 2 and result["labels_created"] == 4
    label = OccupationLabel.objects.get(occupation__code="Z9001")
    assert label.search_text == "electricien electricienne du batiment" and label.is_preferred
    esco = Occupation.objects.get(code=f"{URI}00000000-0000-0000-0000-000000000001")
    assert esco.labels.get(language="en").description == "Building electricians install…"
    assert esco.labels.filter(language="fr", is_preferred=False).count() == 1
    assert AuditEntry.objects.filter(action="occupations.load").count() == 1


def test_a_second_load_of_the_same_files_writes_nothing(folder):
    occupations_load(path=folder)
    labels = list(OccupationLabel.objects.values_list("pk", "label").order_by("pk"))
    again = occupations_load(path=folder)
    assert list(OccupationLabel.objects.values_list("pk", "label").order_by("pk")) == labels
    assert not any(value for key, value in again.items() if isinstance(value, int))
    assert AuditEntry.objects.filter(action="occupations.load").count() == 1


def test_an_occupation_dropped_from_the_files_is_deactivated_not_deleted(folder):
    occupations_load(path=folder)
    write(folder, "rome.csv.gz", ["Z9002,fr,1,Plombier / Plombière,"])
    result = occupations_load(path=folder)
    assert result["occupations_deactivated"] == 1
    gone = Occupation.objects.get(code="Z9001")
    assert not gone.is_active and gone.labels.exists()  # old interviews still show a label
    write(folder, "rome.csv.gz", ["Z9001,fr,1,Électricien / Électricienne du bâtiment,"])
    assert occupations_load(path=folder)["occupations_reactivated"] == 1


def test_changed_and_removed_labels_are_updated_and_deleted(folder):
    occupations_load(path=folder)
    write(
        folder,
        "esco_fr.csv.gz",
        [f"{URI}00000000-0000-0000-0000-000000000001,fr,0,électricien du bâtiment/électricienne du bâtiment,"],
    )
    result = occupations_load(path=folder)
    assert result["labels_updated"] == 1 and result["labels_deleted"] == 1


def test_loading_one_file_leaves_the_other_scheme_alone(folder):
    occupations_load(path=folder)
    occupations_load(path=folder / "rome.csv.gz")
    assert Occupation.objects.filter(scheme="esco", is_active=True).count() == 1
