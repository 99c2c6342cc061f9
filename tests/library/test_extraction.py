"""Uploads to the library are judged by their content; the tests build real files with the usual libraries."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from odf.text import H, LineBreak, P, S, Span, Tab
from pypdf import PdfWriter

from citemetiers.core.errors import DomainError
from citemetiers.library.extraction import (
    EXTENSIONS,
    KINDS,
    MAX_TEXT_CHARS,
    MAX_UNCOMPRESSED_BYTES,
    MEGABYTE,
    ExtractionResult,
    check_upload,
    detect_kind,
    extract_text,
    normalise_text,
)
from tests.library.files import docx_file, image_file, odt_file, pdf_file, zip_file

TEN_MB = 10 * MEGABYTE
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(autouse=True)
def english():
    # The messages are asserted in English, whatever the default language and the catalogue say.
    with translation.override("en"):
        yield


def docx_with_body(body: str) -> io.BytesIO:
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    return zip_file({"[Content_Types].xml": b"<Types/>", "word/document.xml": document.encode()})


def refusal(file, name: str, max_bytes: int = TEN_MB) -> str:
    with pytest.raises(DomainError) as caught:
        check_upload(file, name=name, max_bytes=max_bytes)
    assert caught.value.field == "file"
    return caught.value.message


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda: pdf_file("Bonjour"), "pdf"),
        (lambda: docx_file("Bonjour"), "docx"),
        (lambda: odt_file(P(text="Bonjour")), "odt"),
        (lambda: image_file("PNG"), "png"),
        (lambda: image_file("JPEG"), "jpeg"),
        (lambda: image_file("GIF"), "gif"),
        (lambda: image_file("WEBP"), "webp"),
    ],
    ids=["pdf", "docx", "odt", "png", "jpeg", "gif", "webp"],
)
def test_each_kind_is_detected_by_its_content_and_accepted_under_its_own_extension(make, kind):
    file = make()
    file.seek(3)
    assert detect_kind(file) == kind
    assert file.tell() == 3, "the caller's position is left where it was"
    for extension in EXTENSIONS[kind]:
        assert check_upload(file, name=f"Fiche métier{extension.upper()}", max_bytes=TEN_MB) == kind
    assert file.tell() == 3


def test_every_kind_has_a_mime_type_and_extensions():
    assert set(KINDS) == set(EXTENSIONS)
    assert KINDS["docx"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert EXTENSIONS["jpeg"] == {".jpg", ".jpeg"}


def test_a_django_upload_is_checked_and_read_like_any_file():
    upload = SimpleUploadedFile("cv.docx", docx_file("Conseillère en insertion").read())
    assert check_upload(upload, name=upload.name, max_bytes=TEN_MB) == "docx"
    assert extract_text(upload, "docx") == ExtractionResult(text="Conseillère en insertion", ok=True)


def test_a_pdf_named_like_a_docx_is_refused_with_both_kinds_named():
    message = refusal(pdf_file("Bonjour"), name="cv.docx")
    assert message == "This file's name ends in .docx but its content is in PDF format."


def test_a_file_without_extension_is_refused_with_the_extensions_to_use():
    assert refusal(image_file("JPEG"), name="photo") == (
        "Rename this file so that it ends in .jpeg, .jpg: its content is in JPEG format."
    )


def test_a_text_file_named_like_a_pdf_is_refused_as_a_type_not_accepted():
    message = refusal(io.BytesIO(b"Just some notes, not a PDF at all.\n"), name="notes.pdf")
    assert message == (
        "This file is not a PDF, Word (DOCX), OpenDocument text (ODT) or image (PNG, JPEG, GIF, WebP) file."
    )


@pytest.mark.parametrize(
    "members",
    [
        {"notes.txt": b"hello"},
        {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"},
        {"word/document.xml": b"<w:document/>"},  # without [Content_Types].xml it is not an Office document
        {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"},
        {"mimetype": b"application/vnd.oasis.opendocument.text-template", "content.xml": b"<x/>"},
        {"content.xml": b"<x/>", "mimetype": b"application/vnd.oasis.opendocument.text"},  # mimetype not first
    ],
    ids=["plain-zip", "xlsx", "no-content-types", "ods", "ott", "mimetype-not-first"],
)
def test_a_zip_that_is_not_a_word_or_opendocument_text_is_refused(members):
    file = zip_file(members)
    assert detect_kind(file) is None
    assert refusal(file, name="document.docx").startswith("This file is not a PDF, Word (DOCX)")


def test_a_damaged_zip_is_refused_rather_than_crashing_the_check():
    file = io.BytesIO(docx_file("Bonjour").getvalue()[:200])
    assert detect_kind(file) is None


def test_an_empty_file_is_refused():
    assert refusal(io.BytesIO(), name="cv.pdf") == "This file is empty."


def test_a_file_over_the_limit_is_refused_with_its_size_and_the_limit():
    file = io.BytesIO(b"%PDF-1.7\n" + b"0" * (MEGABYTE + MEGABYTE // 2))
    assert refusal(file, name="cv.pdf", max_bytes=MEGABYTE) == "This file is 1.6 MB; the limit is 1 MB."


def test_a_file_just_over_the_limit_never_reads_as_the_limit_itself():
    file = io.BytesIO(b"%PDF-1.7\n" + b"0" * TEN_MB)
    assert refusal(file, name="cv.pdf") == "This file is 10.1 MB; the limit is 10 MB."


def test_the_sizes_in_the_message_follow_the_language():
    file = io.BytesIO(b"%PDF-1.7\n" + b"0" * (MEGABYTE + MEGABYTE // 2))
    with translation.override("fr"):
        assert "1,6" in refusal(file, name="cv.pdf", max_bytes=MEGABYTE)


def test_the_text_of_a_pdf_keeps_its_accents():
    result = extract_text(pdf_file("Conseillère en insertion professionnelle", "Métiers de l'hôtellerie"), "pdf")
    assert result.ok
    assert result.error == ""
    assert "Conseillère en insertion professionnelle" in result.text
    assert "Métiers de l'hôtellerie" in result.text


def test_the_text_of_a_docx_has_one_paragraph_per_line():
    file = docx_file("Conseillère en insertion professionnelle", "Aide-soignant·e à l'hôpital")
    result = extract_text(file, "docx")
    assert result == ExtractionResult(
        text="Conseillère en insertion professionnelle\nAide-soignant·e à l'hôpital", ok=True
    )


def test_the_tabs_and_breaks_of_a_docx_are_kept_but_not_its_tab_stops_or_deleted_text():
    file = docx_with_body(
        '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
        "<w:r><w:t>Métier</w:t><w:tab/><w:t>Salaire</w:t><w:br/><w:t>Suite</w:t></w:r>"
        "<w:del><w:r><w:delText>supprimé</w:delText></w:r></w:del></w:p>"
        '<w:p><w:r><w:t xml:space="preserve">Deux    mots </w:t></w:r></w:p>'
    )
    assert extract_text(file, "docx").text == "Métier\tSalaire\nSuite\nDeux mots"


def test_the_text_of_an_odt_has_headings_paragraphs_spans_and_spacing():
    heading = H(outlinelevel=1, text="Métiers du soin")
    paragraph = P(text="Conseillère")
    paragraph.addElement(S(c=3))
    paragraph.addElement(Span(text="en insertion"))
    paragraph.addElement(Tab())
    paragraph.addText("professionnelle")
    paragraph.addElement(LineBreak())
    paragraph.addText("à Paris")
    result = extract_text(odt_file(heading, paragraph), "odt")
    assert result == ExtractionResult(
        text="Métiers du soin\nConseillère en insertion\tprofessionnelle\nà Paris", ok=True
    )


def test_a_truncated_pdf_gives_no_text_and_an_error_instead_of_raising():
    file = io.BytesIO(pdf_file("Conseillère en insertion").getvalue()[:60])
    result = extract_text(file, "pdf")
    assert result.ok is False
    assert result.text == ""
    assert result.error


def test_a_pdf_whose_body_is_garbage_gives_an_error_instead_of_raising():
    result = extract_text(io.BytesIO(b"%PDF-1.7\n" + bytes(range(256)) * 20), "pdf")
    assert (result.ok, result.text) == (False, "")
    assert result.error


def test_a_docx_with_a_broken_document_xml_gives_an_error_instead_of_raising():
    file = zip_file({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document><w:body><w:p>"})
    result = extract_text(file, "docx")
    assert (result.ok, result.text) == (False, "")
    assert result.error.startswith("word/document.xml is not well-formed XML")


def test_a_docx_declaring_entities_is_not_expanded():
    """The billion laughs: a DTD is refused before any entity is expanded."""
    body = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><d>&b;</d>'
    result = extract_text(zip_file({"[Content_Types].xml": b"<Types/>", "word/document.xml": body}), "docx")
    assert (result.ok, result.text) == (False, "")
    assert "DTD" in result.error


def test_a_zip_bomb_is_not_inflated_beyond_the_bound():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w") as member:
            chunk = b" " * MEGABYTE
            for _ in range(MAX_UNCOMPRESSED_BYTES // MEGABYTE + 1):
                member.write(chunk)
    assert buffer.tell() < MEGABYTE, "the archive itself is small"
    result = extract_text(buffer, "docx")
    assert (result.ok, result.text) == (False, "")
    assert "larger than 50 MB uncompressed" in result.error


def test_a_docx_without_its_document_gives_an_error_instead_of_raising():
    result = extract_text(zip_file({"[Content_Types].xml": b"<Types/>"}), "docx")
    assert result == ExtractionResult(text="", ok=False, error="word/document.xml is missing from the archive")


def test_a_file_that_is_not_a_zip_at_all_gives_an_error_for_an_odt():
    result = extract_text(io.BytesIO(b"PK\x03\x04 not really"), "odt")
    assert result == ExtractionResult(text="", ok=False, error="not a valid ZIP archive")


@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "GIF", "WEBP"])
def test_an_image_has_no_text_to_extract_and_that_is_fine(image_format):
    file = image_file(image_format)
    assert extract_text(file, detect_kind(file)) == ExtractionResult(text="", ok=True)


def test_an_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="Unknown kind"):
        extract_text(io.BytesIO(b"x"), "txt")


def test_the_extracted_text_is_capped():
    file = docx_file(*["mot " * 1000] * (MAX_TEXT_CHARS // 4000 + 10))
    result = extract_text(file, "docx")
    assert result.ok
    assert len(result.text) == MAX_TEXT_CHARS


def test_whitespace_is_collapsed_but_paragraph_breaks_are_kept():
    raw = "  Conseille\u0300re \u00a0 en\r\ninsertion\x00\n\n\n\n\tMétiers  \t du soin  \n"
    assert normalise_text(raw) == "Conseillère en\ninsertion\n\nMétiers\tdu soin"


def encrypted_pdf(user_password: str) -> io.BytesIO:
    writer = PdfWriter(clone_from=pdf_file("Conseillère en insertion"))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    buffer.seek(0)
    return buffer


def test_a_pdf_locked_by_a_password_gives_an_error_instead_of_raising():
    result = extract_text(encrypted_pdf("secret"), "pdf")
    assert result == ExtractionResult(text="", ok=False, error="encrypted PDF: a password is needed to read it")


def test_a_pdf_encrypted_only_to_set_permissions_is_read():
    assert extract_text(encrypted_pdf(""), "pdf") == ExtractionResult(text="Conseillère en insertion", ok=True)
