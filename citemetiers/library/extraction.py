"""Check and read the files uploaded to the library.

What a file is comes from its content (magic bytes, the members of a ZIP container), never from its name:
the name is only checked against the content, so that a download opens in the program its name promises.
"""

import logging
import math
import re
import unicodedata
import zipfile
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, BinaryIO
from xml.parsers import expat

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from pypdf import PasswordType, PdfReader

from citemetiers.core.errors import DomainError

if TYPE_CHECKING:
    from django.core.files.base import File

logger = logging.getLogger(__name__)

KINDS: dict[str, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
}
EXTENSIONS: dict[str, set[str]] = {
    "pdf": {".pdf"},
    "docx": {".docx"},
    "odt": {".odt"},
    "png": {".png"},
    "jpeg": {".jpg", ".jpeg"},
    "gif": {".gif"},
    "webp": {".webp"},
}
IMAGE_KINDS = frozenset({"png", "jpeg", "gif", "webp"})
# How each kind is named to the user; format names, the same in every language.
LABELS = {"pdf": "PDF", "docx": "DOCX", "odt": "ODT", "png": "PNG", "jpeg": "JPEG", "gif": "GIF", "webp": "WebP"}

MAX_TEXT_CHARS = 1_000_000
# A few kilobytes of ZIP can inflate to gigabytes: never decompress more than this from one upload.
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MEGABYTE = 1024 * 1024

_ODT_MIMETYPE = KINDS["odt"].encode()
_DOCX_REQUIRED_MEMBERS = {"word/document.xml", "[Content_Types].xml"}
_HEAD_BYTES = 16
_CHUNK_BYTES = 64 * 1024
# zipfile and zlib raise these on a damaged, encrypted or exotic archive.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    ValueError,
    RuntimeError,
    NotImplementedError,
)


@dataclass(frozen=True)
class ExtractionResult:
    text: str
    ok: bool
    error: str = ""


class _Unreadable(Exception):
    """The file cannot be read; the message is a short technical reason, in English, for the staff."""


def detect_kind(file: BinaryIO) -> str | None:
    """The kind of the file (a key of KINDS) from its content, or None; the file position is left unchanged."""
    position = file.tell()
    try:
        file.seek(0)
        head = file.read(_HEAD_BYTES)
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return "png"
        if head.startswith(b"\xff\xd8\xff"):
            return "jpeg"
        if head.startswith((b"GIF87a", b"GIF89a")):
            return "gif"
        if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
            return "webp"
        if head.startswith(b"PK\x03\x04"):
            file.seek(0)
            return _zip_kind(file)
        return None
    finally:
        file.seek(position)


def _zip_kind(file: BinaryIO) -> str | None:
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            if members and members[0].filename == "mimetype":
                with archive.open(members[0]) as stream:
                    # One byte more than expected is enough to tell "text" from "text-template" or a longer lie.
                    if stream.read(len(_ODT_MIMETYPE) + 1) == _ODT_MIMETYPE:
                        return "odt"
                    return None
            if {member.filename for member in members} >= _DOCX_REQUIRED_MEMBERS:
                return "docx"
    except _ZIP_ERRORS:
        return None
    return None


def check_upload(file: "BinaryIO | File", *, name: str, max_bytes: int) -> str:
    """The kind of an uploaded file, or DomainError saying why the library does not take it."""
    size = _size(file)
    if size == 0:
        raise DomainError(_("This file is empty."), field="file")
    if size > max_bytes:
        raise DomainError(
            _("This file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": _megabytes(size, round_up=True), "limit": _megabytes(max_bytes)},
            field="file",
        )
    kind = detect_kind(file)
    if kind is None:
        raise DomainError(
            _("This file is not a PDF, Word (DOCX), OpenDocument text (ODT) or image (PNG, JPEG, GIF, WebP) file."),
            field="file",
        )
    extension = PurePath(name).suffix.lower()
    if extension not in EXTENSIONS[kind]:
        expected = ", ".join(sorted(EXTENSIONS[kind]))
        if extension:
            message = _("This file's name ends in %(extension)s but its content is in %(kind)s format.")
        else:
            message = _("Rename this file so that it ends in %(expected)s: its content is in %(kind)s format.")
        raise DomainError(
            message % {"extension": extension, "kind": LABELS[kind], "expected": expected},
            field="file",
        )
    return kind


def _size(file: BinaryIO) -> int:
    position = file.tell()
    try:
        file.seek(0, 2)
        return file.tell()
    finally:
        file.seek(position)


def _megabytes(size: int, *, round_up: bool = False) -> str:
    value = size / MEGABYTE
    if round_up:
        # Rounded up, so a file just over a 10 MB limit never reads "10.0 MB; the limit is 10 MB".
        value = math.ceil(value * 10) / 10
    return number_format(value, decimal_pos=0 if value.is_integer() else 1)


def extract_text(file: "BinaryIO | File", kind: str) -> ExtractionResult:
    """The text of a file checked by check_upload; a file that cannot be read gives ok=False, never an exception."""
    if kind not in KINDS:
        raise ValueError(f"Unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    if kind in IMAGE_KINDS:
        return ExtractionResult(text="", ok=True)
    position = file.tell()
    try:
        file.seek(0)
        raw = _EXTRACTORS[kind](file)
    except _Unreadable as exc:
        return ExtractionResult(text="", ok=False, error=str(exc))
    except Exception as exc:  # A damaged upload must be stored and flagged, not break the upload.
        logger.info("Text extraction of a %s file failed", kind, exc_info=True)
        return ExtractionResult(text="", ok=False, error=_short_error(kind, exc))
    finally:
        file.seek(position)
    return ExtractionResult(text=normalise_text(raw)[:MAX_TEXT_CHARS], ok=True)


def _short_error(kind: str, exc: Exception) -> str:
    detail = str(exc).strip()
    reason = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    return f"unreadable {LABELS[kind]} file ({reason})"[:300]


def _pdf_text(file: BinaryIO) -> str:
    reader = PdfReader(file, strict=False)
    # Many PDFs are "encrypted" only to set permissions, with an empty password that any reader may use.
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise _Unreadable("encrypted PDF: a password is needed to read it")
    pages = []
    length = 0
    for page in reader.pages:
        text = page.extract_text() or ""
        pages.append(text)
        length += len(text)
        # Raw text shrinks when whitespace is normalised: keep some margin beyond the cap, then stop.
        if length > 2 * MAX_TEXT_CHARS:
            break
    return "\n\n".join(pages)


def _zip_member_text(file: BinaryIO, member: str, parser: "_ParagraphParser") -> str:
    try:
        archive = zipfile.ZipFile(file)
    except zipfile.BadZipFile as exc:
        raise _Unreadable("not a valid ZIP archive") from exc
    with archive:
        try:
            stream = archive.open(member)
        except KeyError as exc:
            raise _Unreadable(f"{member} is missing from the archive") from exc
        with stream:
            read = 0
            while chunk := stream.read(_CHUNK_BYTES):
                read += len(chunk)
                if read > MAX_UNCOMPRESSED_BYTES:
                    raise _Unreadable(f"{member} is larger than {MAX_UNCOMPRESSED_BYTES // MEGABYTE} MB uncompressed")
                parser.feed(chunk, member)
            parser.feed(b"", member, final=True)
    return parser.text()


class _ParagraphParser:
    """Streams an XML part and keeps the text of its paragraphs, one per line.

    Expat is driven directly rather than ElementTree so that a document declaring a DTD, the door to entity
    expansion attacks, is refused, and so that a large part is read chunk by chunk without building a tree.
    """

    def __init__(
        self,
        *,
        paragraphs: Collection[str],
        text_elements: Collection[str] | None,
        breaks: dict[str, Callable[[dict[str, str]], str]],
        skipped: Collection[str] = (),
    ):
        self.paragraphs = paragraphs
        # None: all character data inside a paragraph is text, where ODF reads a line feed or a tab in the XML
        # as a mere space (only text:line-break and text:tab mean that). Else only the data of these elements.
        self.text_elements = text_elements
        self.breaks = breaks
        self.skipped = skipped
        self.parts: list[str] = []
        self.paragraph_depth = 0
        self.text_depth = 0
        self.skipped_depth = 0
        self.parser = expat.ParserCreate(namespace_separator="}")
        self.parser.StartDoctypeDeclHandler = self._refuse_doctype
        self.parser.EntityDeclHandler = self._refuse_doctype
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._characters

    def feed(self, chunk: bytes, member: str, *, final: bool = False) -> None:
        try:
            self.parser.Parse(chunk, final)
        except expat.ExpatError as exc:
            reason = f"{expat.ErrorString(exc.code)}, line {exc.lineno}"
            raise _Unreadable(f"{member} is not well-formed XML ({reason})") from exc

    def text(self) -> str:
        return "".join(self.parts)

    def _refuse_doctype(self, *args) -> None:
        raise _Unreadable("the document declares a DTD, which office documents never need")

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        if self.skipped_depth or name in self.skipped:
            self.skipped_depth += 1
            return
        if name in self.paragraphs:
            self.paragraph_depth += 1
        elif self.text_elements is not None and name in self.text_elements:
            self.text_depth += 1
        elif self.paragraph_depth and name in self.breaks:
            self.parts.append(self.breaks[name](attributes))

    def _end(self, name: str) -> None:
        if self.skipped_depth:
            self.skipped_depth -= 1
            return
        if name in self.paragraphs:
            self.paragraph_depth -= 1
            self.parts.append("\n")
        elif self.text_elements is not None and name in self.text_elements:
            self.text_depth -= 1

    def _characters(self, data: str) -> None:
        if self.skipped_depth or not self.paragraph_depth:
            return
        if self.text_elements is None:
            self.parts.append(data.translate(_XML_WHITESPACE_AS_SPACE))
        elif self.text_depth:
            self.parts.append(data)


_XML_WHITESPACE_AS_SPACE = str.maketrans("\t\n\r", "   ")
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006}"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def _docx_text(file: BinaryIO) -> str:
    # Deleted revisions (w:delText) and field codes (w:instrText) are not w:t, so they stay out of the text.
    parser = _ParagraphParser(
        paragraphs={f"{_W}p"},
        text_elements={f"{_W}t"},
        breaks={
            f"{_W}tab": lambda _attributes: "\t",
            f"{_W}br": lambda _attributes: "\n",
            f"{_W}cr": lambda _attributes: "\n",
        },
        # Paragraph properties hold tab stops, also named w:tab; a text box comes twice, the fallback for old Words.
        skipped={f"{_W}pPr", f"{_MC}Fallback"},
    )
    return _zip_member_text(file, "word/document.xml", parser)


def _odt_spaces(attributes: dict[str, str]) -> str:
    try:
        count = int(attributes.get(f"{_TEXT}c", "1"))
    except ValueError:
        count = 1
    return " " * min(max(count, 1), 100)


def _odt_text(file: BinaryIO) -> str:
    parser = _ParagraphParser(
        paragraphs={f"{_TEXT}p", f"{_TEXT}h"},
        text_elements=None,
        breaks={
            f"{_TEXT}s": _odt_spaces,
            f"{_TEXT}tab": lambda _attributes: "\t",
            f"{_TEXT}line-break": lambda _attributes: "\n",
        },
        # Comments and the deleted text kept by change tracking are not the document's text.
        skipped={f"{_OFFICE}annotation", f"{_TEXT}tracked-changes"},
    )
    return _zip_member_text(file, "content.xml", parser)


_EXTRACTORS: dict[str, Callable[[BinaryIO], str]] = {"pdf": _pdf_text, "docx": _docx_text, "odt": _odt_text}

# Control characters (NUL cannot even be stored by PostgreSQL) except tab and newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_LINE_BREAKS = re.compile(r"\r\n?|[\f\v\u2028\u2029\x85]")
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """One space between words, one line per paragraph, at most one blank line between blocks."""
    text = unicodedata.normalize("NFC", _LINE_BREAKS.sub("\n", text))
    text = _CONTROL.sub("", text)
    # A tab separates cells or columns: keep one where the run had one, so the layout stays readable.
    text = _HORIZONTAL_SPACE.sub(lambda match: "\t" if "\t" in match.group() else " ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()
