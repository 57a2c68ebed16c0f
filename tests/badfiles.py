"""Broken and hostile files for the ingest tests, each with what a careful reader says of it.

    from badfiles import CASES, build_all
    paths = build_all(folder)          # {case.kind: path}, every file made by code here
    extract_file(paths[case.kind], case.limits or DEFAULT_LIMITS)

Every case names the file's kind, its file name, how to make it, and the answer a
demanding clerk expects from `extract_file`: a status, a reason code, and words the
English and Persian reasons must contain so that the message names the problem
(a zip bomb says "zip bomb", an encrypted file says "password").

Where the right answer is a choice, `why` says which and why. Nothing is
downloaded: DOCX letters come from python-docx, PDFs from WeasyPrint, pypdf or by
hand, images from zlib or Pillow. The large hostile files (zip bomb, 5,000 pages)
are streamed so they stay small on disk and in memory while being built.
"""

from __future__ import annotations

import io
import os
import random
import secrets
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from paayesh_docs.ingest.limits import Limits

LETTER = [
    "بسمه تعالی",
    "شماره: ۱۲۳۴/ص/۱۴۰۵",
    "تاریخ: ۱۴۰۵/۰۸/۲۱",
    "پیوست: ندارد",
    "جناب آقای دکتر رضایی",
    "ریاست محترم سازمان توسعه تجارت ایران",
    "موضوع: گزارش موانع صادرات غیرنفتی استان",
    "با سلام و احترام",
    "به استحضار می‌رساند کمیته پایش تجارت خارجی استان در جلسه اخیر موانع صادراتی "
    "بازارچه‌های مرزی را بررسی کرد.",
    "محمد احمدی",
    "رئیس سازمان صنعت، معدن و تجارت استان",
]
LETTER_WORDS = ("کمیته", "تجارت", "صادرات")  # words a read letter's text must contain

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="{target}"/></Relationships>'
)
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
DOCUMENT_OPEN = f'<w:document xmlns:w="{W_NS}"><w:body>'
DOCUMENT_CLOSE = "</w:body></w:document>"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MB = 1024 * 1024


@dataclass(frozen=True)
class BadFile:
    """One broken or hostile file and what `extract_file` must answer for it."""

    kind: str  # the test id
    name: str  # the file's name in the bad folder
    make: Callable[[Path], None]  # writes the file (or folder, pipe, link) at the path
    status: str  # ok | rejected | ignored
    code: str | None  # reason["code"]; None when status is ok
    en_words: tuple[str, ...] = ()  # each must appear in reason["en"] (any case)
    fa_words: tuple[str, ...] = ()  # each must appear in reason["fa"]
    text_words: tuple[str, ...] = ()  # for status ok: in the extracted text
    limits: Limits | None = None  # None: the default limits
    isolate: bool = False  # may hang or exhaust memory: only read in a bounded child process
    skip: Callable[[], str | None] | None = None  # a reason to skip on this machine
    odd_name: bool = False  # a filesystem may refuse the name: then the case is skipped
    why: str = ""  # the choice made when the right answer is not obvious


# --- DOCX ----------------------------------------------------------------------------------


@cache
def letter_docx() -> bytes:
    """A real letter as Word writes it, made with python-docx."""
    from docx import Document

    document = Document()
    for line in LETTER:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bytes(parts: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def package(document_xml: bytes | str | None, extra: dict[str, bytes | str] | None = None,
            target: str = "word/document.xml",
            compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal DOCX package around `document_xml` (left out when None)."""
    parts: dict[str, bytes | str] = {"[Content_Types].xml": CONTENT_TYPES,
                                     "_rels/.rels": ROOT_RELS.format(target=target)}
    parts.update(extra or {})
    if document_xml is not None:
        parts["word/document.xml"] = document_xml
    return zip_bytes(parts, compression)


def body(*paragraphs: str) -> str:
    return "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)


def write_letter(path: Path) -> None:
    """The good letter, as PDF or DOCX by the name's suffix."""
    path.write_bytes(letter_pdf() if path.suffix.lower() == ".pdf" else letter_docx())


def write(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def make_truncated_docx(path: Path) -> None:
    data = letter_docx()
    path.write_bytes(data[: len(data) // 2])


def make_inflating_docx(inflated_bytes: int) -> Callable[[Path], None]:
    """A DOCX whose document.xml inflates to `inflated_bytes` of whitespace, streamed to disk."""

    def make(path: Path) -> None:
        chunk = b" " * MB
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", CONTENT_TYPES)
            archive.writestr("_rels/.rels", ROOT_RELS.format(target="word/document.xml"))
            with archive.open("word/document.xml", "w") as part:
                part.write((XML_DECL + DOCUMENT_OPEN).encode())
                left = inflated_bytes
                while left > 0:
                    part.write(chunk[:left])
                    left -= len(chunk)
                part.write((body(LETTER[6]) + DOCUMENT_CLOSE).encode())

    return make


def make_lying_size_docx(path: Path) -> None:
    """A zip bomb whose headers lie: they declare 2 KB for a part that inflates to 80 MB."""
    make_inflating_docx(80 * MB)(path)
    data = bytearray(path.read_bytes())
    name = b"word/document.xml"
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = data.find(signature)
        while data[at + name_at: at + name_at + len(name)] != name:
            at = data.find(signature, at + 4)
        struct.pack_into("<I", data, at + size_at, 2048)  # the uncompressed size
    path.write_bytes(bytes(data))


BILLION_LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
              for i in range(1, 10))
    + "]>\n"
    + DOCUMENT_OPEN + "<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>" + DOCUMENT_CLOSE
)
XXE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE w:document [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n'
    + DOCUMENT_OPEN + "<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>" + DOCUMENT_CLOSE
)
# The same attacks with the DTD pushed past the first kilobytes by a comment (legal XML).
HIDDEN_DTD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f"<!--{' ' * 8000}-->\n"
    '<!DOCTYPE w:document [ <!ENTITY xxe SYSTEM "file:///etc/passwd">'
    ' <!ENTITY lol "lol"> <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"> ]>\n'
    + DOCUMENT_OPEN + body("نامه", "&xxe;", "&lol1;") + DOCUMENT_CLOSE
)


def header_xxe_docx() -> bytes:
    """A good letter whose page header part (word/header1.xml) carries the external entity."""
    r_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    document = (XML_DECL + f'<w:document xmlns:w="{W_NS}" xmlns:r="{r_ns}"><w:body>'
                + body(*LETTER) + '<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/>'
                "</w:sectPr>" + DOCUMENT_CLOSE)
    rels = (ROOT_RELS.replace('Id="rId1"', 'Id="rIdH"')
            .replace('relationships/officeDocument"', 'relationships/header"')
            .format(target="header1.xml"))
    header = XXE.replace("w:document", "w:hdr").replace("<w:body>", "").replace("</w:body>", "")
    return package(document, {"word/_rels/document.xml.rels": rels, "word/header1.xml": header})


def make_many_entries_docx(count: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
            archive.writestr("[Content_Types].xml", CONTENT_TYPES)
            archive.writestr("_rels/.rels", ROOT_RELS.format(target="word/document.xml"))
            archive.writestr("word/document.xml",
                             XML_DECL + DOCUMENT_OPEN + body(*LETTER) + DOCUMENT_CLOSE)
            for index in range(count):
                archive.writestr(f"word/media/p{index}.xml", b"<x/>")

    return make


def make_crc_error_docx(path: Path) -> None:
    """A stored (uncompressed) document.xml with one letter changed after the CRC was taken."""
    data = bytearray(package(XML_DECL + DOCUMENT_OPEN + body(*LETTER) + DOCUMENT_CLOSE,
                             compression=zipfile.ZIP_STORED))
    at = data.find(b"<w:t>") + 5
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


def make_zip_encrypted_docx(path: Path) -> None:
    """A DOCX whose zip entries carry the 'encrypted' flag (a zip-level password)."""
    data = bytearray(package(XML_DECL + DOCUMENT_OPEN + body(*LETTER) + DOCUMENT_CLOSE))
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at >= 0:
            struct.pack_into("<H", data, at + flags_at,
                             struct.unpack_from("<H", data, at + flags_at)[0] | 0x1)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


def deep_nesting(levels: int) -> str:
    return (XML_DECL + DOCUMENT_OPEN + "<w:sdt><w:sdtContent>" * levels + body("عمیق")
            + "</w:sdtContent></w:sdt>" * levels + DOCUMENT_CLOSE)


def office_zip(kind: str) -> bytes:
    """A minimal Excel workbook, PowerPoint deck or OpenDocument text, to be renamed .docx."""
    if kind == "xlsx":
        return zip_bytes({
            "[Content_Types].xml": CONTENT_TYPES.replace("word/document", "xl/workbook"),
            "_rels/.rels": ROOT_RELS.format(target="xl/workbook.xml"),
            "xl/workbook.xml": '<workbook xmlns="http://schemas.openxmlformats.org/'
                               'spreadsheetml/2006/main"><sheets/></workbook>',
        })
    if kind == "pptx":
        return zip_bytes({
            "[Content_Types].xml": CONTENT_TYPES.replace("word/document", "ppt/presentation"),
            "_rels/.rels": ROOT_RELS.format(target="ppt/presentation.xml"),
            "ppt/presentation.xml": '<p:presentation xmlns:p="http://schemas.openxmlformats.org/'
                                    'presentationml/2006/main"/>',
        })
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:  # mimetype first and stored, as ODF requires
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text",
                         zipfile.ZIP_STORED)
        archive.writestr("content.xml", '<office:document-content xmlns:office="urn:oasis:'
                         'names:tc:opendocument:xmlns:office:1.0"/>', zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", "<manifest/>", zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def ole2(payload: bytes) -> bytes:
    """An OLE2 compound file header (legacy .doc/.xls) followed by `payload` and junk."""
    header = OLE2_MAGIC + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
    return header.ljust(512, b"\xff") + payload + random.Random(7).randbytes(4096)


# --- PDF -----------------------------------------------------------------------------------


@cache
def letter_pdf() -> bytes:
    """A real Persian letter as WeasyPrint writes it, with a text layer."""
    from weasyprint import HTML

    from paayesh_docs.fonts import font_face_css

    paragraphs = "".join(f"<p>{line}</p>" for line in LETTER)
    html = (f"<html dir='rtl' lang='fa'><head><style>{font_face_css()} body {{ font-family: "
            f"Vazirmatn; }}</style></head><body>{paragraphs}</body></html>")
    return HTML(string=html).write_pdf()


def png(width: int = 320, height: int = 160) -> bytes:
    """A grey-scale PNG drawn by hand: stripes, like a scanned page's lines."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(
            ">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes((0 if (y // 8) % 3 == 0 and 20 < x < width - 20 else 255)
                                    for x in range(width)) for y in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0,
                                                                0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def jpeg() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.open(io.BytesIO(png())).save(buffer, "JPEG")
    return buffer.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A PNG whose header declares `width` × `height` pixels, with one row of data: a
    decompression bomb (100,000 × 100,000 grey pixels would be 10 GB decoded)."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(
            ">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0,
                                                                0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" + b"\xff" * 64)) + chunk(b"IEND", b""))


def tiff_pages(count: int) -> bytes:
    """A TIFF of `count` tiny pages."""
    from PIL import Image

    buffer = io.BytesIO()
    pages = [Image.new("L", (16, 16), 255) for _ in range(count)]
    pages[0].save(buffer, "TIFF", save_all=True, append_images=pages[1:])
    return buffer.getvalue()


def endless_tiff() -> bytes:
    """A one-page TIFF whose next-page pointer points back at its own page: a reader that
    follows the chain of pages never reaches the end."""
    data = bytearray(tiff_pages(1))
    first = struct.unpack("<I", data[4:8])[0]  # Pillow writes little-endian ("II*\0")
    entries = struct.unpack("<H", data[first:first + 2])[0]
    next_at = first + 2 + 12 * entries
    data[next_at:next_at + 4] = struct.pack("<I", first)
    return bytes(data)


def make_scanned_pdf(path: Path) -> None:
    """A page that is only an image, as a scanner writes it: no text layer at all."""
    import base64

    from weasyprint import HTML

    src = "data:image/png;base64," + base64.b64encode(png()).decode()
    HTML(string=f"<html><body><img src='{src}' style='width: 15cm'></body></html>").write_pdf(path)


def make_encrypted_pdf(user: str, owner: str, algorithm: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(letter_pdf())))
        with pure_python_aes():
            writer.encrypt(user_password=user, owner_password=owner, algorithm=algorithm)
            writer.write(path)

    return make


def make_many_pages_pdf(pages: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        from pypdf import PdfWriter

        writer = PdfWriter()
        for _ in range(pages):
            writer.add_blank_page(595, 842)
        writer.write(path)

    return make


def handmade_pdf(objects: list[bytes]) -> bytes:
    """A PDF of numbered objects (1 is the catalog) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def make_cyclic_pages_pdf(path: Path) -> None:
    """A page tree whose /Kids point back at the tree: a reader that follows it never ends."""
    path.write_bytes(handmade_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>",
    ]))


def make_flate_bomb_pdf(inflated_bytes: int, pattern: bytes) -> Callable[[Path], None]:
    """One page whose content stream inflates to `inflated_bytes` of `pattern`, streamed.

    The page has a font, as every page with text does: without one pypdf skips the page.
    """

    def make(path: Path) -> None:
        compressor = zlib.compressobj(9)
        chunk = pattern * (MB // len(pattern))
        pieces = []
        left = inflated_bytes
        while left > 0:
            pieces.append(compressor.compress(chunk[:left]))
            left -= len(chunk)
        pieces.append(compressor.flush())
        stream = b"".join(pieces)
        path.write_bytes(handmade_pdf([
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
            + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]))

    return make


def make_truncated_pdf(path: Path) -> None:
    data = letter_pdf()
    path.write_bytes(data[: len(data) * 3 // 10])


# --- text ------------------------------------------------------------------------------------


def letter_text() -> str:
    return "\n\n".join(LETTER) + "\n"


def windows_1256_letter() -> bytes:
    """The letter as old Windows programs saved it: Arabic yeh, Latin digits, Windows-1256."""
    text = letter_text().replace("ی", "ي").translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
    return text.encode("cp1256")


def random_high_bytes_with_controls() -> bytes:
    rng = random.Random(11)
    return bytes(rng.choice([*range(0x80, 0x100), 1, 2, 3, 0x0B, 0x1B, 0x7F])
                 for _ in range(4000))


def binary_with_nuls() -> bytes:
    rng = random.Random(13)
    return b"\x7fELF\x02\x01\x01" + bytes(rng.choice((0, 0, 0, 1, 0x48, 0x89, 0xE5, 0xC3))
                                          for _ in range(4000))


def junk(seed: int) -> bytes:
    """Random bytes that start with no known magic (the seed is checked by the tests)."""
    return random.Random(seed).randbytes(64 * 1024)


# --- not regular files -----------------------------------------------------------------------


def make_folder(path: Path) -> None:
    path.mkdir()
    (path / "word").mkdir()


def make_fifo(path: Path) -> None:
    os.mkfifo(path)


def make_unreadable(path: Path) -> None:
    path.write_bytes(letter_docx())
    path.chmod(0)


def make_link(target: str) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(target)


def nothing(path: Path) -> None:
    """The file does not exist (it was moved away between listing and reading)."""


def skip_as_root() -> str | None:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return "running as root: root reads a file without read permission"
    return None


def skip_without_fifo() -> str | None:
    return None if hasattr(os, "mkfifo") else "no named pipes on this system"


def skip_without_dev_zero() -> str | None:
    return None if Path("/dev/zero").exists() else "no /dev/zero on this system"


# --- a pure-Python AES, so pypdf can write AES-encrypted PDFs without `cryptography` ----------


def _aes_tables() -> tuple[list[int], list[list[int]]]:
    sbox = [0] * 256
    p = q = 1
    while True:  # walk the multiplicative group of GF(2^8) (FIPS-197 section 5.1.1)
        p = p ^ ((p << 1) & 0xFF) ^ (0x1B if p & 0x80 else 0)
        for shift in (1, 2, 4):
            q ^= q << shift
        q &= 0xFF
        if q & 0x80:
            q ^= 0x09
        x = q
        for rotate in (1, 2, 3, 4):
            x ^= ((q << rotate) | (q >> (8 - rotate))) & 0xFF
        sbox[p] = x ^ 0x63
        if p == 1:
            break
    sbox[0] = 0x63
    te0 = []
    for s in sbox:
        s2 = ((s << 1) ^ (0x1B if s & 0x80 else 0)) & 0xFF
        te0.append((s2 << 24) | (s << 16) | (s << 8) | (s2 ^ s))
    tables = [te0] + [[((w >> (8 * n)) | (w << (32 - 8 * n))) & 0xFFFFFFFF for w in te0]
                      for n in (1, 2, 3)]
    return sbox, tables


class PureAES:
    """AES-128/256 block encryption (FIPS-197), enough for pypdf to write encrypted PDFs."""

    SBOX, TE = _aes_tables()

    def __init__(self, key: bytes) -> None:
        nk = len(key) // 4
        self.rounds = nk + 6
        words = list(struct.unpack(f">{nk}I", key))
        rcon = 1
        for i in range(nk, 4 * (self.rounds + 1)):
            temp = words[-1]
            if i % nk == 0:
                temp = ((temp << 8) | (temp >> 24)) & 0xFFFFFFFF
                temp = self._sub(temp) ^ (rcon << 24)
                rcon = ((rcon << 1) ^ (0x1B if rcon & 0x80 else 0)) & 0xFF
            elif nk > 6 and i % nk == 4:
                temp = self._sub(temp)
            words.append(words[i - nk] ^ temp)
        self.keys = words

    def _sub(self, word: int) -> int:
        s = self.SBOX
        return (s[word >> 24] << 24) | (s[(word >> 16) & 255] << 16) | (
            s[(word >> 8) & 255] << 8) | s[word & 255]

    def block(self, data: bytes) -> bytes:
        t0, t1, t2, t3 = self.TE
        k = self.keys
        s0, s1, s2, s3 = (w ^ k[i] for i, w in enumerate(struct.unpack(">4I", data)))
        for r in range(1, self.rounds):
            a = 4 * r
            s0, s1, s2, s3 = (
                t0[s0 >> 24] ^ t1[(s1 >> 16) & 255] ^ t2[(s2 >> 8) & 255] ^ t3[s3 & 255] ^ k[a],
                t0[s1 >> 24] ^ t1[(s2 >> 16) & 255] ^ t2[(s3 >> 8) & 255] ^ t3[s0 & 255]
                ^ k[a + 1],
                t0[s2 >> 24] ^ t1[(s3 >> 16) & 255] ^ t2[(s0 >> 8) & 255] ^ t3[s1 & 255]
                ^ k[a + 2],
                t0[s3 >> 24] ^ t1[(s0 >> 16) & 255] ^ t2[(s1 >> 8) & 255] ^ t3[s2 & 255]
                ^ k[a + 3],
            )
        s, a = self.SBOX, 4 * self.rounds
        state = (s0, s1, s2, s3)
        out = [
            ((s[state[c] >> 24] << 24) | (s[(state[(c + 1) % 4] >> 16) & 255] << 16)
             | (s[(state[(c + 2) % 4] >> 8) & 255] << 8) | s[state[(c + 3) % 4] & 255])
            ^ k[a + c]
            for c in range(4)
        ]
        return struct.pack(">4I", *out)

    def cbc(self, iv: bytes, data: bytes) -> bytes:
        out, previous = bytearray(), iv
        for at in range(0, len(data), 16):
            previous = self.block(bytes(x ^ y for x, y in zip(data[at:at + 16], previous,
                                                             strict=True)))
            out += previous
        return bytes(out)


class _PureCryptAES:
    """pypdf's CryptAES interface (random IV first, PKCS#7 padding), for writing only."""

    def __init__(self, key: bytes) -> None:
        self.aes = PureAES(key)

    def encrypt(self, data: bytes) -> bytes:
        iv = secrets.token_bytes(16)
        pad = 16 - len(data) % 16
        return iv + self.aes.cbc(iv, data + bytes([pad]) * pad)

    def decrypt(self, data: bytes, *, strict: bool = True) -> bytes:
        raise NotImplementedError("only used to write test files")


@contextmanager
def pure_python_aes() -> Iterator[None]:
    """Let pypdf write AES-encrypted PDFs even when `cryptography` is not installed."""
    from pypdf import _encryption

    if getattr(_encryption.CryptAES, "__module__", "").endswith("_fallback"):
        saved = {name: getattr(_encryption, name)
                 for name in ("CryptAES", "aes_cbc_encrypt", "aes_ecb_encrypt")}
        _encryption.CryptAES = _PureCryptAES
        _encryption.aes_cbc_encrypt = lambda key, iv, data: PureAES(key).cbc(iv, data)
        _encryption.aes_ecb_encrypt = lambda key, data: b"".join(
            PureAES(key).block(data[at:at + 16]) for at in range(0, len(data), 16))
        try:
            yield
        finally:
            for name, value in saved.items():
                setattr(_encryption, name, value)
    else:
        yield


# --- the cases ------------------------------------------------------------------------------

CASES: list[BadFile] = [
    # DOCX that are broken
    BadFile("docx_truncated", "truncated.docx", make_truncated_docx, "rejected", "corrupt_zip",
            ("corrupt", "truncated"), ("خراب",)),
    BadFile("docx_crc_error", "crc-error.docx", make_crc_error_docx, "rejected", "corrupt_zip",
            ("corrupt", "word/document.xml"), ("خراب",)),
    BadFile("docx_invalid_xml", "invalid-xml.docx",
            write(package(XML_DECL + DOCUMENT_OPEN + "<w:p><w:r><w:t>نامه</w:r>")),
            "rejected", "corrupt_xml", ("xml", "word/document.xml"), ("XML",)),
    BadFile("docx_without_document_xml", "no-body.docx",
            write(package(None, {"word/styles.xml": f'<w:styles xmlns:w="{W_NS}"/>'})),
            "rejected", "not_docx", ("main document",), ("اصلی",)),
    BadFile("docx_main_part_document2", "document2.docx",
            write(zip_bytes({
                "[Content_Types].xml": CONTENT_TYPES.replace("document.xml", "document2.xml"),
                "_rels/.rels": ROOT_RELS.format(target="/word/document2.xml"),
                "word/document2.xml": XML_DECL + DOCUMENT_OPEN + body(*LETTER) + DOCUMENT_CLOSE,
            })),
            "ok", None, text_words=LETTER_WORDS,
            why="the package's _rels/.rels names the main part; Word Online and other tools "
                "write word/document2.xml, and Word opens such files: so must we"),
    BadFile("zip_of_other_files", "photos.docx",
            write(zip_bytes({"photo1.jpg": b"\xff\xd8\xff" + bytes(100), "notes.txt": "x"})),
            "rejected", "wrong_type", ("zip", "not a word"), ("zip",)),
    BadFile("xlsx_named_docx", "workbook.docx", write(office_zip("xlsx")), "rejected",
            "wrong_type", ("excel",), ("Excel",)),
    BadFile("pptx_named_docx", "slides.docx", write(office_zip("pptx")), "rejected",
            "wrong_type", ("powerpoint",), ("PowerPoint",)),
    BadFile("odt_named_docx", "writer.docx", write(office_zip("odt")), "rejected", "wrong_type",
            ("opendocument",), (".odt",)),
    BadFile("legacy_doc", "old.doc", write(ole2(b"Microsoft Word 97-2003")), "rejected",
            "legacy_doc", (".doc", ".docx"), (".doc",)),
    BadFile("legacy_doc_named_docx", "old-renamed.docx", write(ole2(b"WordDocument")),
            "rejected", "legacy_doc", (".doc", ".docx"), (".docx",)),
    BadFile("office_encrypted", "secret.docx",
            write(ole2("EncryptionInfo".encode("utf-16-le") + bytes(64)
                       + "EncryptedPackage".encode("utf-16-le"))),
            "rejected", "encrypted", ("password",), ("رمز",),
            why="Word saves a password-protected .docx as an OLE2 file holding EncryptedPackage"),
    BadFile("docx_zip_encrypted", "zip-password.docx", make_zip_encrypted_docx, "rejected",
            "encrypted", ("password",), ("رمز",)),
    # DOCX that are hostile
    BadFile("docx_zip_bomb", "bomb.docx", make_inflating_docx(80 * MB), "rejected", "zip_bomb",
            ("zip bomb", "word/document.xml"), ("بمب",),
            why="80 MB of whitespace in document.xml (over the 64 MB part limit), default limits"),
    BadFile("docx_ratio_bomb", "ratio-bomb.docx", make_inflating_docx(20 * MB), "rejected",
            "zip_bomb", ("zip bomb", "word/document.xml"), ("بمب",),
            why="20 MB, under the part limit, but inflating about 1,000:1: a zip bomb by ratio"),
    BadFile("docx_lying_sizes", "lying-bomb.docx", make_lying_size_docx, "rejected",
            "corrupt_zip", ("corrupt", "word/document.xml"), ("خراب",),
            why="the zip headers declare 2 KB for a part that inflates to 80 MB; the size check "
                "trusts the header, so the bound must come from reading at most the limit; "
                "the part then fails its CRC: corrupt (a bomb that lies is corrupt)"),
    BadFile("docx_billion_laughs", "laughs.docx", write(package(BILLION_LAUGHS)), "rejected",
            "hostile_xml", ("entit", "word/document.xml"), ("ENTITY",)),
    BadFile("docx_billion_laughs_utf16", "laughs-utf16.docx",
            write(package(BILLION_LAUGHS.replace('"UTF-8"', '"UTF-16"').encode("utf-16"))),
            "rejected", "hostile_xml", ("entit",), ("ENTITY",)),
    BadFile("docx_xxe", "xxe.docx", write(package(XXE)), "rejected", "hostile_xml",
            ("external entity", "word/document.xml"), ("DTD",)),
    BadFile("docx_dtd_after_comment", "hidden-dtd.docx", write(package(HIDDEN_DTD)), "rejected",
            "hostile_xml", ("entit", "word/document.xml"), ("DTD",),
            why="XML allows comments before the DOCTYPE; a DTD anywhere in a part is refused, "
                "not only in its first kilobytes"),
    BadFile("docx_xxe_in_header_part", "xxe-header.docx",
            write(header_xxe_docx()),
            "rejected", "hostile_xml", ("external entity", "word/header1.xml"), ("DTD",)),
    BadFile("docx_deep_nesting", "deep.docx", write(package(deep_nesting(5_000))), "rejected",
            "corrupt_xml", ("xml",), ("XML",),
            why="5,000 nested elements: no Word file nests so deep; the XML parser's depth "
                "limit refuses it, and the reader must not recurse into a RecursionError"),
    BadFile("docx_25000_entries", "many-parts.docx", make_many_entries_docx(25_000), "rejected",
            "too_large", ("number of parts", "20,000"), ("اجزای",)),
    # PDF
    BadFile("pdf_renamed_docx", "really-a-pdf.docx", lambda p: p.write_bytes(letter_pdf()), "ok",
            None, text_words=LETTER_WORDS,
            why="the bytes decide: the content is a good PDF letter, so it is read; refusing "
                "a readable letter because of its name helps nobody"),
    BadFile("pdf_user_password_rc4", "locked-rc4.pdf", make_encrypted_pdf("x", "owner", "RC4-128"),
            "rejected", "encrypted", ("password",), ("رمز",)),
    BadFile("pdf_user_password_aes256", "locked-aes.pdf",
            make_encrypted_pdf("x", "owner", "AES-256"), "rejected", "encrypted", ("password",),
            ("رمز",)),
    BadFile("pdf_owner_password_only_rc4", "restricted-rc4.pdf",
            make_encrypted_pdf("", "owner", "RC4-128"), "ok", None, text_words=LETTER_WORDS,
            why="an owner password only restricts printing or editing; anyone may open and "
                "read it, so must we"),
    BadFile("pdf_owner_password_only_aes256", "restricted-aes.pdf",
            make_encrypted_pdf("", "owner", "AES-256"), "ok", None, text_words=LETTER_WORDS,
            why="as above, with AES-256, what Acrobat and Word write today"),
    BadFile("pdf_5000_pages", "5000-pages.pdf", make_many_pages_pdf(5000), "rejected",
            "too_large", ("page", "5,000", "1,000"), ("صفحات",),
            why="default limits: refused by page count before reading any page"),
    BadFile("pdf_scanned", "scan.pdf", make_scanned_pdf, "rejected", "scanned",
            ("scan", "ocr"), ("اسکن",)),
    BadFile("pdf_truncated", "truncated.pdf", make_truncated_pdf, "rejected", "corrupt_pdf",
            ("corrupt",), ("خراب",),
            why="the first 30% of a letter: registering part of a letter, or calling it a "
                "scan, would mislead; it is corrupt"),
    BadFile("pdf_html_error_page", "download.pdf",
            write(b"<!DOCTYPE html><html><head><title>404 Not Found</title></head>"
                  b"<body><h1>Not Found</h1></body></html>\n"),
            "rejected", "wrong_type", (".pdf",), (".pdf",)),
    BadFile("pdf_cyclic_page_tree", "cyclic.pdf", make_cyclic_pages_pdf, "rejected",
            "corrupt_pdf", ("corrupt",), ("خراب",), isolate=True),
    BadFile("pdf_flate_bomb", "flate-bomb.pdf", make_flate_bomb_pdf(200 * MB, b" "), "rejected",
            "too_large", ("limit",), ("حد",),
            why="a content stream inflating to 200 MB (pypdf stops at 75 MB): too large, said so"),
    BadFile("pdf_operator_flood", "operator-flood.pdf",
            make_flate_bomb_pdf(12 * MB, b"BT /F1 1 Tf (x) Tj ET\n"), "rejected", "too_large",
            ("limit",), ("حد",), isolate=True,
            why="one page whose 30 KB stream inflates to 12 MB of text operators, under pypdf's "
                "75 MB inflate limit; pypdf spends about 6 s and 250 MB on it before its own "
                "token budget stops it: the reader must bound a page's content, and say so"),
    BadFile("pdf_text_over_limit", "long-text.pdf", lambda p: p.write_bytes(letter_pdf()),
            "rejected", "too_large", ("text", "50"), ("متن",), limits=Limits(text_chars=50)),
    # images
    BadFile("png_named_pdf", "photo.pdf", write(png()), "rejected", "image", ("png", "ocr"),
            ("تصویر",), why="read by OCR as the image it is; stripes are no text"),
    BadFile("png_bomb_100000", "bomb.png", write(png_declaring(100_000, 100_000)), "rejected",
            "too_large", ("png", "pixels"), ("تصویر",),
            why="refused from its header, before a pixel is decoded"),
    BadFile("png_truncated", "cut.png", write(png()[:300]), "rejected", "corrupt_image",
            ("corrupt",), ("خراب",)),
    BadFile("tiff_endless_pages", "endless.tif", write(endless_tiff()), "rejected",
            "corrupt_image", ("tiff", "loops"), ("صفحات",),
            why="its chain of pages loops back on itself: refused before a page is read"),
    BadFile("tiff_150_pages", "many.tif", write(tiff_pages(150)), "rejected", "too_large",
            ("tiff", "pages", "100"), ("صفحات",)),
    BadFile("jpeg_named_docx", "photo.docx", lambda p: p.write_bytes(jpeg()), "rejected", "image",
            ("jpeg", "ocr"), ("تصویر",)),
    # junk and empty
    BadFile("random_named_pdf", "random.pdf", write(junk(1)), "rejected", "wrong_type",
            (".pdf",), (".pdf",)),
    BadFile("random_named_docx", "random.docx", write(junk(2)), "rejected", "wrong_type",
            (".docx",), (".docx",)),
    BadFile("random_named_txt", "random.txt", write(junk(3)), "rejected", "binary",
            ("not text",), ("دودویی",),
            why="random bytes are not text in an unknown encoding: 'save as UTF-8' would send "
                "the clerk looking for an encoding that does not exist"),
    BadFile("empty_docx", "empty.docx", write(b""), "rejected", "empty", ("empty",), ("خالی",)),
    BadFile("empty_pdf", "empty.pdf", write(b""), "rejected", "empty", ("empty",), ("خالی",)),
    BadFile("empty_txt", "empty.txt", write(b""), "rejected", "empty", ("empty",), ("خالی",)),
    BadFile("blank_txt", "blank.txt", write(b" \r\n\t\r\n   \n"), "rejected", "empty",
            ("empty",), ("خالی",)),
    # text
    BadFile("latin1_french_txt", "lettre.txt",
            write("Objet : réunion du comité. Le café était très élégant, "
                  "à côté de la forêt.\n".encode("latin-1") * 20),
            "rejected", "encoding", ("encoding", "utf-8"), ("UTF-8",),
            why="not UTF-8 and not Persian Windows-1256; we do not guess Latin-1 for a Persian "
                "registry: refused, naming the encoding to save in"),
    BadFile("high_bytes_with_controls_txt", "garbage.txt",
            write(random_high_bytes_with_controls()), "rejected", "binary", ("not text",),
            ("دودویی",), why="high bytes mixed with control characters are binary, not text"),
    BadFile("utf16_without_bom_txt", "utf16.txt",
            write(letter_text().encode("utf-16-le")), "ok", None, text_words=LETTER_WORDS,
            why="Persian in UTF-16LE has 0x06 or 0x00 in every second byte: unambiguous, and "
                "the module promises UTF-16; calling a Persian letter 'binary' is wrong"),
    BadFile("binary_with_nuls_txt", "program.txt", write(binary_with_nuls()), "rejected",
            "binary", ("not text",), ("دودویی",)),
    BadFile("windows_1256_txt", "old-1256.txt", write(windows_1256_letter()),
            "ok", None, text_words=LETTER_WORDS,
            why="control: an old Windows-1256 Persian letter must still be read"),
    BadFile("docx_named_txt", "letter.txt", lambda p: p.write_bytes(letter_docx()), "ok", None,
            text_words=LETTER_WORDS, why="the bytes decide: a DOCX named .txt is read as DOCX"),
    BadFile("docx_text_over_limit", "long-letter.docx", lambda p: p.write_bytes(letter_docx()),
            "rejected", "too_large", ("text", "200"), ("متن",), limits=Limits(text_chars=200),
            why="the text limit holds for every format, not only PDF and plain text"),
    BadFile("text_over_limit", "long.txt", write(("کمیته پایش " * 200).encode()), "rejected",
            "too_large", ("text", "1,000"), ("متن",), limits=Limits(text_chars=1000)),
    BadFile("file_over_size_limit", "big.docx", lambda p: p.write_bytes(letter_docx()),
            "rejected", "too_large", ("size", "bytes"), ("حجم",),
            limits=Limits(file_bytes=4096)),
    # odd names, good content
    *(BadFile(kind, name, write_letter, "ok", None, text_words=LETTER_WORDS,
              why="the content is a good letter; the name alone must not stop it", odd_name=True)
      for kind, name in (
          ("persian_name_zwnj_spaces", "نامه‌ی اداری  شماره ۱۲ (نهایی).docx"),
          ("name_with_newline", "letter\nsecond line.docx"),
          ("name_240_bytes", "ن" * 117 + ".docx"),
          ("name_leading_dash", "-x.docx"),
          ("name_uppercase_suffix", "LETTER.DOCX"),
          ("pdf_name_uppercase_suffix", "LETTER.PDF"),
      )),
    # not regular files
    BadFile("folder_named_docx", "x.docx", make_folder, "rejected", "not_a_file", ("folder",),
            ("پوشه",)),
    BadFile("missing_file", "gone.docx", nothing, "rejected", "missing", ("does not exist",),
            ("پیدا",)),
    BadFile("dangling_symlink", "dangling.docx", make_link("no-such-target.docx"), "rejected",
            "missing", ("does not exist",), ("پیدا",)),
    BadFile("no_read_permission", "locked.docx", make_unreadable, "rejected", "permission",
            ("permission",), ("اجازه",), skip=skip_as_root),
    BadFile("named_pipe", "pipe.txt", make_fifo, "rejected", "not_a_file", ("not a file",),
            ("فایل",), isolate=True, skip=skip_without_fifo,
            why="a named pipe in the inbox must not block the reader forever"),
    BadFile("link_to_dev_zero", "zero.txt", make_link("/dev/zero"), "rejected", "not_a_file",
            ("not a file",), ("فایل",), isolate=True, skip=skip_without_dev_zero,
            why="a device never ends; only regular files are documents"),
    # not documents at all
    BadFile("word_lock_file", "~$letter.docx",
            write(b"\x05clerk" + bytes(48) + "clerk".encode("utf-16-le") + bytes(100)),
            "ignored", "ignored", ("lock",), ("قفل",)),
    BadFile("libreoffice_lock_file", ".~lock.letter.docx#",
            write(b"clerk,office-pc,office-pc,22.11.2025 17:31,file:///home/clerk;\n"),
            "ignored", "ignored", ("lock",), ("قفل",)),
    BadFile("tmp_file", "x.tmp", write(b"\x00" * 100), "ignored", "ignored", ("temporary",),
            ("موقت",)),
    BadFile("partial_download", "x.crdownload", lambda p: p.write_bytes(letter_pdf()[:1000]),
            "ignored", "ignored", ("temporary",), ("موقت",)),
]


def build(case: BadFile, folder: Path) -> Path:
    """Make one case's file in `folder` and return its path."""
    path = folder / case.name
    case.make(path)
    return path


def build_all(folder: Path) -> dict[str, Path]:
    """Make every case that this machine allows; {kind: path}."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for case in CASES:
        if case.skip and case.skip():
            continue
        try:
            paths[case.kind] = build(case, folder)
        except OSError:
            if not case.odd_name:
                raise
    return paths
