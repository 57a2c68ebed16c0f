"""The objects of a PDF file, written one after the other, and its fonts embedded.

Small on purpose: pages of content streams and the `Face`s they draw with, each embedded
as a subset (fontTools, the glyphs used and nothing else) in a CID font with Identity-H
encoding, its widths, the CID-to-glyph map and a ToUnicode map so the text can be read
back and searched.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from collections import deque
from concurrent.futures import Executor, Future

from paayesh_docs.reports.pdf_text import Face


def pdf_string(text: str) -> str:
    """A text string of the PDF's document information: UTF-16, as a hex string."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


class PdfFile:
    """Objects numbered as they are made, written as they are given; `bytes()` at the end.

    With a `pool`, `deflated` streams are compressed on its thread (zlib lets the GIL go)
    while the caller makes the next one, and written when they are done."""

    def __init__(self, pool: Executor | None = None) -> None:
        self.chunks: list[bytes] = [b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"]
        self.size = len(self.chunks[0])
        self.offsets: dict[int, int] = {}
        self.count = 0
        self.pool = pool
        self.pending: deque[tuple[int, Future[bytes]]] = deque()

    def reserve(self) -> int:
        self.count += 1
        return self.count

    def write(self, number: int, body: str | bytes) -> int:
        data = body.encode("latin-1") if isinstance(body, str) else body
        chunk = b"%d 0 obj\n%s\nendobj\n" % (number, data)
        self.offsets[number] = self.size
        self.chunks.append(chunk)
        self.size += len(chunk)
        return number

    def add(self, body: str | bytes) -> int:
        return self.write(self.reserve(), body)

    def stream(self, data: bytes, extra: str = "", number: int | None = None,
               compress: bool = True) -> int:
        if compress:
            data = zlib.compress(data, 3)
            extra += " /Filter /FlateDecode"
        head = f"<< /Length {len(data)}{extra} >>\nstream\n".encode("latin-1")
        return self.write(number or self.reserve(), head + data + b"\nendstream")

    def deflated(self, data: bytes) -> int:
        """A compressed stream's number: compressed now, or on the pool's thread."""
        if self.pool is None:
            return self.stream(data)
        number = self.reserve()
        self.pending.append((number, self.pool.submit(zlib.compress, data, 3)))
        while self.pending and (len(self.pending) > 4 or self.pending[0][1].done()):
            self._written()
        return number

    def _written(self) -> None:
        number, future = self.pending.popleft()
        data = future.result()
        self.write(number, f"<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n"
                   .encode("latin-1") + data + b"\nendstream")

    def bytes(self, root: int, info: int) -> bytes:
        while self.pending:
            self._written()
        start = self.size
        lines = [f"xref\n0 {self.count + 1}\n", "0000000000 65535 f \n"]
        lines += [f"{self.offsets[n]:010d} 00000 n \n" for n in range(1, self.count + 1)]
        lines.append(f"trailer\n<< /Size {self.count + 1} /Root {root} 0 R /Info {info} 0 R >>\n"
                     f"startxref\n{start}\n%%EOF\n")
        return b"".join(self.chunks) + "".join(lines).encode("latin-1")


def embed_font(pdf: PdfFile, face: Face, number: int) -> None:
    """`face` as the Type0 font object `number`: the glyphs its CIDs drew, embedded."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(face.data))
    name = font["name"].getDebugName(6) or face.path.stem
    options = subset.Options()
    options.retain_gids = True  # the CID-to-glyph map names the font's own glyph numbers
    options.layout_features = []  # shaped already: the PDF needs outlines and metrics
    options.drop_tables += ["GSUB", "GPOS", "GDEF"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=sorted(set(face.gids)))
    subsetter.subset(font)
    data = io.BytesIO()
    font.save(data)
    digest = hashlib.sha1(b"".join(gid.to_bytes(2, "big") for gid in face.gids)).digest()
    tag = "".join(chr(65 + byte % 26) for byte in digest[:6])  # a subset's name: ABCDEF+
    base = f"/{tag}+{name}"
    per_unit = 1000 / face.upem
    head, os2 = font["head"], font["OS/2"]
    box = " ".join(f"{v * per_unit:.0f}" for v in (head.xMin, head.yMin, head.xMax, head.yMax))
    file = pdf.stream(data.getvalue(), f" /Length1 {len(data.getvalue())}")
    descriptor = pdf.add(
        f"<< /Type /FontDescriptor /FontName {base} /Flags 4 /FontBBox [{box}] "
        f"/ItalicAngle 0 /Ascent {face.ascender * 1000:.0f} /Descent {-face.descender * 1000:.0f} "
        f"/CapHeight {getattr(os2, 'sCapHeight', 0) * per_unit:.0f} /StemV 80 "
        f"/FontFile2 {file} 0 R >>")
    to_gid = pdf.stream(b"".join(gid.to_bytes(2, "big") for gid in face.gids))
    widths = _widths([(cid, face.advance(gid) * per_unit) for cid, gid in enumerate(face.gids)
                      if cid and face.texts[cid]])
    cid_font = pdf.add(
        f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont {base} /CIDSystemInfo "
        f"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor "
        f"{descriptor} 0 R /DW 0 /W [{widths}] /CIDToGIDMap {to_gid} 0 R >>")
    to_unicode = pdf.stream(_to_unicode(face.texts).encode("latin-1"))
    pdf.write(number, f"<< /Type /Font /Subtype /Type0 /BaseFont {base} /Encoding /Identity-H "
                      f"/DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>")


def _widths(widths: list[tuple[int, float]]) -> str:
    """The W array: each run of consecutive CIDs as `first [w w w]`."""
    out, last = [], -2
    for cid, width in widths:
        text = f"{width:.2f}".rstrip("0").rstrip(".")
        if cid == last + 1:
            out[-1].append(text)
        else:
            out.append([f"{cid} [", text])
        last = cid
    return " ".join(" ".join(group) + "]" for group in out)


def _to_unicode(texts: list[str]) -> str:
    """The ToUnicode CMap: each CID to the characters it stands for (UTF-16BE)."""
    pairs = [f"<{cid:04X}> <{text.encode('utf-16-be').hex().upper()}>"
             for cid, text in enumerate(texts) if text]
    blocks = []
    for start in range(0, len(pairs), 100):  # at most 100 entries a block
        block = pairs[start:start + 100]
        blocks.append(f"{len(block)} beginbfchar\n" + "\n".join(block) + "\nendbfchar")
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            + "\n".join(blocks) +
            "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
