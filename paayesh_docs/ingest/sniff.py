"""What kind of file this is, by its bytes first and its name second.

A `.docx` that is really an Excel workbook, a `.pdf` that is HTML, a legacy `.doc`
renamed `.docx`: the name lies often enough that the bytes decide. Office lock
files and temporary files are not documents and are ignored.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from paayesh_docs.ingest.email import looks_like_email
from paayesh_docs.ingest.errors import Ignored, Rejected

IGNORED_PREFIXES = ("~$", ".~lock", ".")
IGNORED_SUFFIXES = (".tmp", ".part", ".crdownload", ".partial", ".swp", ".~tmp")
TEXT_SUFFIXES = (".txt", ".text", ".md", ".csv", ".log", "")
IMAGE_MAGIC = {
    b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF8": "GIF", b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF", b"BM": "BMP", b"RIFF": "WebP",
}


def image_kind(head: bytes) -> str | None:
    """'PNG', 'JPEG', 'TIFF', ... for an image's first bytes, else None (a RIFF file that is
    not WebP, a WAV say, is not an image)."""
    for magic, kind in IMAGE_MAGIC.items():
        if head.startswith(magic) and (kind != "WebP" or head[8:12] == b"WEBP"):
            return kind
    return None


def is_ignored_name(name: str) -> bool:
    """Lock, temporary and hidden files: never documents, never rejected, just skipped."""
    lower = name.lower()
    return lower.startswith(IGNORED_PREFIXES) or lower.endswith(IGNORED_SUFFIXES)


def sniff(path: Path, head: bytes) -> str:
    """'docx', 'pdf', 'image', 'email' or 'text'; raises Ignored or Rejected for everything else.

    An e-mail is a `.eml` file, or a file without an extension whose first lines are a
    saved message's headers (mail clients and scripts save them so); a `.txt` stays text."""
    if is_ignored_name(path.name):
        raise Ignored(path.name)
    suffix = path.suffix.lower()
    if not head:
        raise Rejected("empty", "فایل خالی است (۰ بایت).", "The file is empty (0 bytes).")
    if head.startswith(b"%PDF-") or (b"%PDF-" in head[:1024] and suffix == ".pdf"):
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(path)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        if "EncryptedPackage".encode("utf-16-le") in path.read_bytes():
            raise Rejected(
                "encrypted", "فایل Word رمزدار است؛ رمز آن را بردارید و دوباره بفرستید.",
                "The Word file is password-protected; remove the password and resend.")
        raise Rejected(
            "legacy_doc",
            "فایل Word قدیمی (.doc) یا فایل Office قدیمی است و هنوز خوانده نمی‌شود؛ "
            "آن را در Word با قالب .docx ذخیره کنید.",
            "A legacy binary Office file (.doc/.xls/.ppt) cannot be read yet; "
            "save it as .docx in Word.",
        )
    kind = image_kind(head)
    if kind:
        return "image"
    if suffix == ".eml" or (suffix == "" and looks_like_email(head)):
        return "email"
    if suffix in (".docx", ".pdf", ".doc", ".xlsx", ".pptx", ".odt"):
        raise Rejected(
            "wrong_type",
            f"پسوند فایل {suffix} است ولی محتوای آن چنین فایلی نیست (خراب یا تغییرنام‌یافته).",
            f"The name says {suffix} but the content is not such a file "
            "(corrupt or renamed).",
        )
    if suffix in TEXT_SUFFIXES or suffix not in (".zip", ".rar", ".7z", ".exe"):
        return "text"
    raise Rejected("wrong_type", f"نوع فایل ({suffix}) پشتیبانی نمی‌شود.",
                   f"This type of file ({suffix}) is not supported.")


def _sniff_zip(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise Rejected("corrupt_zip", "فایل Word خراب یا ناقص است (بسته zip آن باز نمی‌شود).",
                       f"The Word file is corrupt or truncated (its zip does not open: {error})."
                       ) from None
    except RuntimeError as error:  # an encrypted zip entry
        raise Rejected("encrypted", "فایل رمزدار است.",
                       f"The file is encrypted ({error}).") from None
    if "word/document.xml" in names or any(n.startswith("word/") for n in names):
        return "docx"
    if "EncryptedPackage" in names:
        raise Rejected("encrypted", "فایل Word رمزدار است؛ رمز آن را بردارید و دوباره بفرستید.",
                       "The Word file is password-protected; remove the password and resend.")
    for prefix, fa, en in (
        ("xl/", "Excel (.xlsx)", "an Excel workbook (.xlsx)"),
        ("ppt/", "PowerPoint (.pptx)", "a PowerPoint presentation (.pptx)"),
    ):
        if any(n.startswith(prefix) for n in names):
            raise Rejected("wrong_type", f"این فایل {fa} است، نه نامه Word.",
                           f"This file is {en}, not a Word letter.")
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        raise Rejected("wrong_type",
                       "فایل OpenDocument (.odt) است؛ آن را با قالب .docx ذخیره کنید.",
                       "This is an OpenDocument file (.odt); save it as .docx.")
    raise Rejected("wrong_type", "فایل zip است ولی سند Word نیست.",
                   "The file is a zip archive but not a Word document.")
