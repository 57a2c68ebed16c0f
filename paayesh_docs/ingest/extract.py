"""The ingest pipeline for one file: sniff, read, normalise, extract, as the `extract` contract.

`extract_file` never raises for a bad file: it returns `status: "rejected"` with a
reason in Persian and English (or `status: "ignored"` for lock and temporary
files). The registry and the watcher call exactly this function.
"""

from __future__ import annotations

import logging
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jdatetime

from paayesh_docs.ingest.document import Document
from paayesh_docs.ingest.docx import read_docx
from paayesh_docs.ingest.email import EmailDocument, read_email
from paayesh_docs.ingest.errors import Ignored, Rejected, too_large
from paayesh_docs.ingest.fields import extract_letter_fields
from paayesh_docs.ingest.kinds import classify
from paayesh_docs.ingest.limits import DEFAULT_LIMITS, Limits
from paayesh_docs.ingest.minutes import extract_meeting, meeting_subject, tables_in_sections
from paayesh_docs.ingest.pdf import read_pdf
from paayesh_docs.ingest.plaintext import read_text
from paayesh_docs.ingest.sniff import image_kind, sniff
from paayesh_docs.persian.dates import to_gregorian_iso
from paayesh_docs.persian.digits import to_persian_digits
from paayesh_docs.persian.text import normalize

log = logging.getLogger(__name__)

READERS: dict[str, Callable[[Path, Limits], Document]] = {
    "docx": read_docx, "pdf": read_pdf, "text": read_text, "email": read_email}
FIELDS = ("kind", "number", "date", "date_gregorian", "subject", "sender", "recipients",
          "copies", "references", "attachments", "priority", "classification", "meeting",
          "warnings", "ocr", "text")


def read_document(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read any supported file into a Document; raises Rejected or Ignored."""
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(status.st_mode):  # a pipe or device would block or never end
            raise Rejected("not_a_file", "این یک فایل معمولی نیست (لوله یا دستگاه است).",
                           "This is not a file to read but a pipe or a device.")
        if status.st_size > limits.file_bytes:
            raise too_large("حجم فایل", f"The file size ({status.st_size:,} bytes)",
                            _size_text(limits.file_bytes))
        with path.open("rb") as stream:
            head = stream.read(8192)
    except FileNotFoundError:
        raise Rejected("missing", "فایل پیدا نشد.", "The file does not exist.") from None
    except IsADirectoryError:
        raise Rejected("not_a_file", "این یک پوشه است، نه فایل.",
                       "This is a folder, not a file.") from None
    except PermissionError:
        raise Rejected("permission", "اجازه خواندن فایل وجود ندارد.",
                       "Permission denied reading the file.") from None
    return READERS[sniff(path, head)](path, limits)


def read_scan(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """An image file, read by OCR (`ingest.ocr`)."""
    from paayesh_docs.ingest.ocr import read_image

    with path.open("rb") as stream:
        kind = image_kind(stream.read(16)) or "image"
    return read_image(path, kind, limits)


READERS["image"] = read_scan


def _size_text(size: int) -> str:
    return f"{size // (1024 * 1024)} MB" if size >= 1024 * 1024 else f"{size:,} bytes"


def fields_of(document: Document, kind: str | None = None) -> dict[str, Any]:
    """The contract's fields of a read document; `kind` when the clerk already said it
    (a file dropped into `inbox/minutes/` is minutes whatever its wording)."""
    latin = normalize(document.text, digits="latin")  # once: it costs per character
    letter = extract_letter_fields(document, latin)
    text = to_persian_digits(latin)
    letter_like = bool(letter.number or letter.date or letter.recipients)
    kind = kind or classify(text, letter_like)
    result: dict[str, Any] = {"kind": kind, **vars(letter), "meeting": None,
                              "warnings": list(document.warnings), "text": text}
    if kind == "minutes":
        meeting = result["meeting"] = extract_meeting(document, latin)
        if meeting["date"]:  # the meeting's day, not a resolution's deadline in a table
            day = jdatetime.date(*map(int, meeting["date"].split("-")))
            result["date"], result["date_gregorian"] = meeting["date"], to_gregorian_iso(day)
        if not result["subject"]:
            result["subject"] = meeting_subject(text, meeting)
    if isinstance(document, EmailDocument):
        _email_fields(document, result)
    result["ocr"] = None
    if document.ocr is not None:  # a scan: how sure the engine was, what a clerk checks
        from paayesh_docs.ingest.ocr import record_of

        result["ocr"] = record_of(document.ocr, result)
    return {name: result[name] for name in FIELDS}


def _email_fields(document: EmailDocument, result: dict[str, Any]) -> None:
    """An e-mail's headers name its parties and subject; its Date header dates it when the
    body names no letter date; its attachments' texts join its text (search finds them)."""
    from paayesh_docs.persian.dates import parse_jalali, to_gregorian_iso

    if result["kind"] == "other":  # correspondence, whatever its wording
        result["kind"] = "letter"
    result["subject"] = document.subject or result["subject"]
    result["sender"] = document.sender or result["sender"]
    result["recipients"] = document.recipients or result["recipients"]
    if document.copies:
        named = {copy["to"] for copy in result["copies"]}
        result["copies"] = [*result["copies"], *({"to": name, "purpose": None}
                                                 for name in document.copies
                                                 if name not in named)]
    if not result["date"] and document.date:
        result["date"] = document.date
        result["date_gregorian"] = to_gregorian_iso(parse_jalali(document.date))
    if document.attachments and not result["attachments"]:
        result["attachments"] = "، ".join(a.name for a in document.attachments)
    result["text"] = normalize(document.full_text)


def empty_result(path: Path, status: str, reason: dict[str, str] | None) -> dict[str, Any]:
    result: dict[str, Any] = {"file": str(path), "status": status, "reason": reason}
    for name in FIELDS:
        result[name] = [] if name in ("recipients", "copies", "references", "warnings") \
            else None
    return result


def extract_file(path: Path | str, limits: Limits = DEFAULT_LIMITS,
                 kind: str | None = None,
                 parts: list[tuple[str, bytes]] | None = None) -> dict[str, Any]:
    """Read and extract one file; the dict is one line of `paayesh extract --json`.
    `parts`, when given, receives the files an e-mail carries (name, bytes) to archive."""
    path = Path(path)
    try:
        document = read_document(path, limits)
        fields = fields_of(document, kind)
        if parts is not None and isinstance(document, EmailDocument):
            parts.extend((a.name, a.data) for a in document.attachments)
        if fields["kind"] == "minutes" and document.format == "pdf":  # rows keep their cells
            fields["meeting"].update(tables_in_sections(document, fields["meeting"]["date"]))
        return {"file": str(path), "status": "ok", "reason": None, **fields}
    except Ignored:
        return empty_result(path, "ignored", {
            "code": "ignored", "fa": "فایل قفل یا موقت Office است، نه سند.",
            "en": "An Office lock or temporary file, not a document."})
    except Rejected as rejected:
        return empty_result(path, "rejected", rejected.as_reason())
    except MemoryError:
        return empty_result(path, "rejected", {
            "code": "too_large", "fa": "فایل برای خواندن بیش از حد بزرگ است.",
            "en": "The file is too large to read."})
    except Exception as error:  # a reader bug must not lose the file or print a traceback
        log.debug("unexpected error reading %s", path, exc_info=True)
        return empty_result(path, "rejected", {
            "code": "unreadable", "fa": "فایل به دلیل خطای پیش‌بینی‌نشده خوانده نشد.",
            "en": f"The file could not be read ({type(error).__name__}: {error})."})
