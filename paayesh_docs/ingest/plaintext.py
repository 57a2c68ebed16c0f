"""Read plain text files in the encodings Persian offices have: UTF-8, UTF-16, Windows-1256.

Detected, not guessed wrong silently: a BOM decides; else strict UTF-8; else
Windows-1256 only when the result is mostly Persian/Arabic letters (old Persian
text files); anything else is refused with the reason.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from paayesh_docs.ingest.document import Block, Document
from paayesh_docs.ingest.errors import Rejected, too_large
from paayesh_docs.ingest.limits import DEFAULT_LIMITS, Limits

_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
_LETTER = re.compile(r"[^\W\d_]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


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
    if data.count(b"\x00") * 4 > len(data):  # UTF-16 without a BOM, or binary
        raise _binary()
    text = data.decode("cp1256", errors="replace")
    letters = _LETTER.findall(text)
    arabic = len(_ARABIC_SCRIPT.findall(text))
    if "\ufffd" in text or not letters or arabic < 0.5 * len(letters):
        raise _undecodable("utf-8 / windows-1256")
    return text, "windows-1256"


def read_text(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    data = path.read_bytes()
    text, _ = decode_text(data)
    if len(text) > limits.text_chars:
        raise too_large("متن فایل", "The text", f"{limits.text_chars:,} chars")
    if len(_CONTROL.findall(text[:65536])) > 8:
        raise _binary()
    if not text.strip():
        raise Rejected("empty", "فایل متنی خالی است.", "The text file is empty.")
    document = Document(format="text")
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
