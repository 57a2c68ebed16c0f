"""Read plain text files in the encodings Persian offices have: UTF-8, UTF-16, Windows-1256.

Detected, not guessed wrong silently: a BOM decides; else strict UTF-8; else UTF-16
without a BOM; else UTF-8 with its few bad bytes replaced when the rest is plainly
UTF-8 (a letter cut one byte short, one byte damaged on a share: read, and the record
says so in `warnings`); else Windows-1256 only when the result is mostly
Persian/Arabic letters (old Persian text files); anything else is refused with the
reason.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from paayesh_docs.ingest.document import Block, Document
from paayesh_docs.ingest.errors import Rejected, too_large
from paayesh_docs.ingest.limits import DEFAULT_LIMITS, Limits
from paayesh_docs.persian.digits import to_persian_digits

_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
_LETTER = re.compile(r"[^\W\d_]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f\ufffd]")
# Good non-ASCII characters there must be for each bad byte sequence before a text that
# is not strict UTF-8 is still read as UTF-8: Windows-1256 or Latin-1 read as UTF-8 has
# a bad sequence for almost every letter, a damaged UTF-8 letter one in thousands.
_GOOD_PER_BAD = 10
REPLACED = "utf-8-replaced"  # the encoding named when bad bytes were replaced


def _utf16_without_bom(data: bytes) -> str | None:
    """Persian UTF-16 has 0x06 (or 0x00 for spaces and Latin) as every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    for high, encoding in ((data[1::2], "utf-16-le"), (data[0::2], "utf-16-be")):
        if sum(b in (0x00, 0x06, 0x20) for b in high[:4096]) > 0.9 * len(high[:4096]):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            if not _CONTROL.search(text[:65536]):
                return text
    return None


def decode_text(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was found in."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "")
            except UnicodeDecodeError:
                raise _undecodable(encoding) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16, "utf-16"
    if len(_CONTROL_BYTES.findall(data[:65536])) > 8:
        raise _binary()
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged, REPLACED
    text = data.decode("cp1256", errors="replace")
    letters = _LETTER.findall(text)
    arabic = len(_ARABIC_SCRIPT.findall(text))
    if "\ufffd" in text or not letters or arabic < 0.5 * len(letters):
        raise _undecodable("utf-8 / windows-1256")
    return text, "windows-1256"


def _damaged_utf8(data: bytes) -> str | None:
    """UTF-8 with a few bad bytes replaced by U+FFFD, when the rest is plainly UTF-8."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = len(_NON_ASCII.findall(text))
    return text if bad > 0 and bad * _GOOD_PER_BAD <= good else None


def bad_bytes_warning(text: str) -> dict[str, str]:
    """The record's note that the text was read with bad bytes replaced."""
    count = text.count("\ufffd")
    return {"code": "bad_bytes",
            "fa": f"متن UTF-8 است اما {to_persian_digits(str(count))} جای آن بایت نادرست داشت "
                  "(شاید فایل ناقص ذخیره یا کپی شده است)؛ آن جاها با «\ufffd» خوانده شد.",
            "en": f"The text is UTF-8 but {count} places held invalid bytes (the file may have "
                  "been cut short or damaged in copying); they were read as \ufffd."}


def read_text(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    with path.open("rb") as stream:
        data = stream.read(limits.file_bytes + 1)
    if len(data) > limits.file_bytes:
        raise too_large("حجم فایل", "The file size", f"{limits.file_bytes:,} bytes")
    text, encoding = decode_text(data)
    if len(text) > limits.text_chars:
        raise too_large("متن فایل", "The text", f"{limits.text_chars:,} chars")
    if len(_CONTROL.findall(text[:65536])) > 8:
        raise _binary()
    if not text.strip():
        raise Rejected("empty", "فایل متنی خالی است.", "The text file is empty.")
    document = Document(format="text")
    if encoding == REPLACED:
        document.warnings.append(bad_bytes_warning(text))
    for paragraph in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        if paragraph.strip():
            document.blocks.append(Block("body", paragraph.strip()))
    return document


def _undecodable(tried: str) -> Rejected:
    return Rejected("encoding", "کدگذاری متن فایل شناخته نشد (نه UTF-8 است نه ویندوز-۱۲۵۶).",
                    f"The text encoding is not recognised (tried {tried}); save it as UTF-8.")


def _binary() -> Rejected:
    return Rejected("binary", "فایل متنی نیست (محتوای دودویی دارد).",
                    "The file is not text (it holds binary data).")
