from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from citemetiers.core.errors import DomainError
from citemetiers.core.models import AuditEntry, Notification
from citemetiers.library import services
from citemetiers.library.models import ResourceFile, ResourceVersion
from citemetiers.library.search import SearchQuery, search
from citemetiers.library.vocab import Theme
from tests.factories import CentreFactory, MembershipFactory, ResourceFactory
from tests.library.files import docx_file, odt_text, pdf_file


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def resource(db):
    return ResourceFactory(title="Guide de l'entretien", summary="Préparer un entretien d'embauche.")


def found(text, centre):
    return [hit.resource.pk for hit in search(SearchQuery(text=text), centre=centre, language="fr").hits]


def test_a_new_resource_is_at_version_one_with_a_readable_snapshot(resource):
    [version] = resource.versions.all()
    assert (resource.version, version.number) == (1, 1)
    assert version.snapshot["translations"]["fr"]["title"] == "Guide de l'entretien"


def test_rewriting_a_text_makes_a_new_version_and_the_older_one_stays_readable(resource):
    services.translation_save(
        resource=resource,
        data={"language": "fr", "title": "Guide de l'entretien (2026)", "summary": "Nouveau."},
        change_note="Mise à jour 2026",
        actor=None,
    )
    resource.refresh_from_db()
    assert resource.version == 2
    older, newer = ResourceVersion.objects.filter(resource=resource).order_by("number")
    assert older.snapshot["translations"]["fr"]["title"] == "Guide de l'entretien"
    assert (newer.snapshot["translations"]["fr"]["title"], newer.change_note) == (
        "Guide de l'entretien (2026)",
        "Mise à jour 2026",
    )
    assert found("nouveau", resource.centre) == [resource.pk], "the index follows the new text"


def test_saving_the_same_text_again_makes_no_version(resource):
    translation_ = resource.translations.get()
    data = {"language": "fr", "title": translation_.title, "summary": translation_.summary}
    services.translation_save(resource=resource, data=data, change_note="", actor=None)
    assert resource.versions.count() == 1


def test_a_translation_in_another_language_is_searchable_in_that_language(resource):
    services.translation_save(
        resource=resource,
        data={"language": "en", "title": "Job interview guide", "body": "Rehearsing questions with visitors."},
        change_note="",
        actor=None,
    )
    assert found("rehearse", resource.centre) == [resource.pk]
    assert sorted(resource.languages) == ["en", "fr"]


def test_changing_the_description_makes_a_version_and_is_logged(resource):
    services.resource_update(
        resource=resource, data={"themes": [Theme.CV], "licence": "cc-by-sa-4.0"}, change_note="Thème", actor=None
    )
    resource.refresh_from_db()
    assert (resource.version, resource.licence, resource.facet_values("theme")) == (2, "cc-by-sa-4.0", ["cv"])
    assert AuditEntry.objects.filter(action="resource.update", target_id=str(resource.pk)).exists()


def test_a_resource_needs_a_title(db):
    with pytest.raises(DomainError, match="title"):
        services.resource_create(
            centre=CentreFactory(), data={}, translation={"language": "fr", "title": " "}, actor=None
        )


@pytest.mark.parametrize(
    ("make", "name"),
    [
        (lambda: pdf_file("Les métiers de la forêt et du bûcheronnage"), "forêt.pdf"),
        (lambda: docx_file("Les métiers de la forêt et du bûcheronnage"), "forêt.docx"),
        (lambda: odt_text("Les métiers de la forêt et du bûcheronnage"), "forêt.odt"),
    ],
)
def test_the_text_of_an_uploaded_file_is_searchable(resource, make, name):
    upload = SimpleUploadedFile(name, make().getvalue())
    stored = services.resource_file_add(resource=resource, upload=upload, language="fr", actor=None)
    assert stored.extraction_ok
    assert "bûcheronnage" in stored.text
    assert found("bucheronnage foret", resource.centre) == [resource.pk]
    [hit] = search(SearchQuery(text="bucheronnage"), centre=resource.centre, language="fr").hits
    assert "<mark>bûcheronnage</mark>" in hit.snippet, "the passage of the file is shown"
    upload.seek(0)
    with stored.file.open("rb") as kept:
        assert kept.read() == upload.read(), "the file is stored as it came"
    resource.refresh_from_db()
    assert resource.version == 2


def test_an_unreadable_file_is_kept_and_flagged_never_lost(resource):
    truncated = pdf_file("Texte")
    content = truncated.getvalue()[:400]
    stored = services.resource_file_add(
        resource=resource, upload=SimpleUploadedFile("abîmé.pdf", content), language="fr", actor=None
    )
    assert not stored.extraction_ok
    assert stored.extraction_error
    with stored.file.open("rb") as kept:
        assert kept.read() == content


def test_a_refused_file_leaves_nothing_behind(resource):
    upload = SimpleUploadedFile("notes.pdf", b"just some text, not a PDF")
    with pytest.raises(DomainError, match="not a PDF"):
        services.resource_file_add(resource=resource, upload=upload, language="fr", actor=None)
    assert not ResourceFile.objects.exists()
    resource.refresh_from_db()
    assert resource.version == 1


def test_a_peer_evaluates_and_the_author_cite_is_told(resource):
    peer = MembershipFactory()
    services.evaluation_save(
        resource=resource,
        membership=peer,
        scores={"usefulness": 5, "clarity": 4, "transferability": 3},
        comment="Très utile",
        actor=peer.user,
    )
    [note] = Notification.objects.filter(centre=resource.centre)
    assert peer.centre.name in note.message
    assert note.url.endswith(f"/library/{resource.pk}/")
    # Evaluating again replaces the earlier rating.
    services.evaluation_save(
        resource=resource,
        membership=peer,
        scores={"usefulness": 2, "clarity": 2, "transferability": 2},
        comment="",
        actor=peer.user,
    )
    assert list(resource.evaluations.values_list("usefulness", flat=True)) == [2]


def test_a_cite_does_not_evaluate_its_own_resource(resource):
    colleague = MembershipFactory(centre=resource.centre)
    with pytest.raises(DomainError):
        services.evaluation_save(
            resource=resource,
            membership=colleague,
            scores={"usefulness": 5, "clarity": 5, "transferability": 5},
            comment="",
            actor=colleague.user,
        )
    assert not resource.evaluations.exists()


def test_a_score_out_of_range_is_refused(resource):
    peer = MembershipFactory()
    with pytest.raises(DomainError, match="1 to 5"):
        services.evaluation_save(
            resource=resource,
            membership=peer,
            scores={"usefulness": 6, "clarity": 4, "transferability": 3},
            comment="",
            actor=peer.user,
        )


def test_a_cite_adopts_once_and_says_how_it_went(resource):
    peer = MembershipFactory()
    services.adoption_record(
        resource=resource, membership=peer, account="Repris tel quel.", adopted_on=date(2026, 3, 1), actor=peer.user
    )
    [note] = Notification.objects.filter(centre=resource.centre)
    assert peer.centre.name in note.message
    with pytest.raises(DomainError, match="already"):
        services.adoption_record(
            resource=resource, membership=peer, account="Encore", adopted_on=date(2026, 4, 1), actor=peer.user
        )
    assert resource.adoptions.count() == 1
