"""Real files made in memory for the library's tests: PDF, DOCX, ODT, images, bare zips."""

import io
import zipfile

import docx
from odf.opendocument import OpenDocumentText
from odf.text import P
from PIL import Image
from reportlab.pdfgen.canvas import Canvas


def pdf_file(*lines: str) -> io.BytesIO:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    for number, line in enumerate(lines):
        canvas.drawString(72, 750 - 20 * number, line)
    canvas.showPage()
    canvas.save()
    buffer.seek(0)
    return buffer


def docx_file(*paragraphs: str) -> io.BytesIO:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    return buffer


def odt_file(*elements) -> io.BytesIO:
    document = OpenDocumentText()
    for element in elements:
        document.text.addElement(element)
    buffer = io.BytesIO()
    document.write(buffer)
    buffer.seek(0)
    return buffer


def zip_file(members: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    buffer.seek(0)
    return buffer


def image_file(image_format: str) -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, format=image_format)
    buffer.seek(0)
    return buffer


def odt_text(*paragraphs: str) -> io.BytesIO:
    return odt_file(*(P(text=paragraph) for paragraph in paragraphs))
