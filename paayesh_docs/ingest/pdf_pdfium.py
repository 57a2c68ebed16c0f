"""PDFium's glyphs of each page (pypdfium2's raw API): where every character stands.

Runs only in the reading child (`pdf_worker`): PDFium is C, and a crash or a hang
there must set one file aside, not take the watcher down. One call per glyph for
its box; the characters come in one call per page, the font size once per box
height, and glyph angles only on a page that has rotated text (a watermark).
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass
from pathlib import Path

from paayesh_docs.ingest.pdf_layout import Glyph, fold_presentation_forms

# One glyph, two characters: a lam-alef ligature whose characters a producer wrote
# alef first (Word 2016/2019, WeasyPrint). No ligature joins alef to a following lam.
_BACKWARDS_LAM_ALEF = frozenset({"ال", "أل", "إل", "آل"})


@dataclass
class PdfProblem(Exception):
    """Why PDFium could not read the file: a `Rejected` code and a detail."""

    code: str
    detail: str = ""


@dataclass
class PageLimits:
    pages: int
    objects: int  # drawing objects of one page
    chars: int  # characters of the whole document


def _pdfium():  # type: ignore[no-untyped-def]
    import pypdfium2  # noqa: F401  (initialises the library)
    import pypdfium2.raw as raw

    return raw


def open_document(path: Path):  # type: ignore[no-untyped-def]
    """The PDFium document handle; PdfProblem for an encrypted or broken file."""
    c = _pdfium()
    document = c.FPDF_LoadDocument(str(path).encode("utf-8"), None)
    if not document:
        error = c.FPDF_GetLastError()
        if error == c.FPDF_ERR_PASSWORD:
            raise PdfProblem("encrypted")
        if error == c.FPDF_ERR_SECURITY:
            raise PdfProblem("encrypted_unsupported")
        raise PdfProblem("corrupt_pdf", f"PDFium error {error}")
    return document


def _rotated_text(c, page) -> bool:  # type: ignore[no-untyped-def]
    """Has the page a text object drawn at an angle (a diagonal watermark)?"""
    matrix = c.FS_MATRIX()
    for index in range(c.FPDFPage_CountObjects(page)):
        obj = c.FPDFPage_GetObject(page, index)
        if c.FPDFPageObj_GetType(obj) != c.FPDF_PAGEOBJ_TEXT:
            continue
        if c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)) and (
                abs(matrix.b) > 1e-3 * abs(matrix.a) + 1e-6
                or abs(matrix.c) > 1e-3 * abs(matrix.d) + 1e-6):
            return True
    return False


_BARE: dict[str, object] = {}


def _bare(c, name: str):  # type: ignore[no-untyped-def]
    """A PDFium function without argument types: ctypes' argument checks cost more than
    PDFium's work in the functions called once per glyph; every argument is passed as
    a ready-made pointer object or a small int, so nothing is converted per call."""
    function = _BARE.get(name)
    if function is None:
        address = ctypes.cast(getattr(c, name), ctypes.c_void_p).value
        function = _BARE[name] = ctypes.CFUNCTYPE(ctypes.c_int)(address)
    return function


_SKIPPED = frozenset("\r\n\x00\ufffe\uffff")


def _boxes(c, text_page, count: int) -> tuple[list[int], list[float]]:  # type: ignore[no-untyped-def]
    """Every character's loose box in one pass: PDFium writes box i into slot i of one
    array, read back into Python floats at once (left, top, right, bottom per glyph)."""
    boxes = (ctypes.c_float * (4 * count))()
    page = ctypes.c_void_p(ctypes.cast(text_page, ctypes.c_void_p).value)
    found = list(map(_bare(c, "FPDFText_GetLooseCharBox"), [page] * count, range(count),
                     map(ctypes.byref, [boxes] * count, range(0, 16 * count, 16))))
    return found, memoryview(boxes).cast("B").cast("f").tolist()


def _letter_of_halves(text: str, boxes: list[float], index: int) -> str:
    """The letter beyond the BMP (𝐀, an emoji) whose two UTF-16 halves stand at `index`
    and the unit after it, in one box; "" when `index` holds no pair's first unit.

    PDFium gives a right-to-left line's text reversed unit by unit, so a letter inside
    it comes low half first: the shared box, not the order, tells a pair."""
    if index + 1 >= len(text) or boxes[4 * index:4 * index + 4] \
            != boxes[4 * index + 4:4 * index + 8]:
        return ""
    first, second = text[index], text[index + 1]
    if "\udc00" <= first <= "\udfff" and "\ud800" <= second < "\udc00":
        first, second = second, first
    if not ("\ud800" <= first < "\udc00" and "\udc00" <= second <= "\udfff"):
        return ""
    return (first + second).encode("utf-16-le", "surrogatepass").decode("utf-16-le")


def page_glyphs(c, text_page, rotated: bool) -> list[Glyph]:  # type: ignore[no-untyped-def]
    """The glyphs of one page in PDFium's order; generated spaces and line ends left out
    (the layout decides those), rotated glyphs too, and characters that share one box
    (a ligature's «لا») kept as one glyph in their written order."""
    count = c.FPDFText_CountChars(text_page)
    if count <= 0:
        return []
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    c.FPDFText_GetText(text_page, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    # one character per UTF-16 unit, as PDFium counts them, so that character i stays
    # beside box i: a pair of surrogates (a letter beyond the BMP) decoded into one
    # character would shift every box after it; the pair is joined back at its first unit
    text = "".join(map(chr, memoryview(buffer.raw[: count * 2]).cast("H")))
    found, boxes = _boxes(c, text_page, count)
    page = ctypes.c_void_p(ctypes.cast(text_page, ctypes.c_void_p).value)
    generated = _bare(c, "FPDFText_IsGenerated")
    glyphs: list[Glyph] = []
    last = (None, None, None, None)
    sizes: dict[int, float] = {}
    for index, ch, has_box, left, top, right, bottom in zip(
            range(count), text, found, boxes[0::4], boxes[1::4], boxes[2::4], boxes[3::4],
            strict=False):
        if "\ud800" <= ch <= "\udfff":
            ch = _letter_of_halves(text, boxes, index)
            if not ch:
                continue  # a pair's second unit, or a half alone: no letter
        if not has_box or ch in _SKIPPED:
            continue  # no box, or a line end
        if ch == " " and (right - left < 0.05 or generated(page, index)):
            continue  # a space PDFium put between two text objects, not one drawn
        if rotated and abs(math.sin(c.FPDFText_GetCharAngle(text_page, index))) > 0.05:
            continue
        if ch != " " and glyphs and left == last[0] and top == last[1] and right == last[2] \
                and bottom == last[3]:
            glyphs[-1].text += ch
            continue
        last = (left, top, right, bottom)
        height = int((top - bottom) * 10)
        size = sizes.get(height)
        if size is None:  # one call per box height: a font and size
            size = sizes[height] = c.FPDFText_GetFontSize(text_page, index)
        if glyphs and glyphs[-1].text in _BACKWARDS_LAM_ALEF:
            glyphs[-1].text = glyphs[-1].text[::-1]
        glyphs.append(Glyph(fold_presentation_forms(ch) if ch > "\ufb4f" else ch,
                            left, right, bottom, top, size))
    if glyphs and glyphs[-1].text in _BACKWARDS_LAM_ALEF:
        glyphs[-1].text = glyphs[-1].text[::-1]
    return glyphs


def read_glyphs(path: Path, limits: PageLimits) -> tuple[int, list[list[Glyph]]]:
    """Page count and each page's glyphs; PdfProblem when a limit or the file says no."""
    c = _pdfium()
    document = open_document(path)
    try:
        count = c.FPDF_GetPageCount(document)
        if count > limits.pages:
            raise PdfProblem("too_many_pages", str(count))
        if count <= 0:
            raise PdfProblem("corrupt_pdf", "no pages")
        pages: list[list[Glyph]] = []
        chars = 0
        for number in range(count):
            page = c.FPDF_LoadPage(document, number)
            if not page:
                raise PdfProblem("corrupt_pdf", f"page {number + 1} cannot be loaded")
            try:
                objects = c.FPDFPage_CountObjects(page)
                if objects > limits.objects:
                    raise PdfProblem("too_many_objects", f"{objects}")
                text_page = c.FPDFText_LoadPage(page)
                if not text_page:
                    raise PdfProblem("corrupt_pdf", f"page {number + 1} has no text layer")
                try:
                    glyphs = page_glyphs(c, text_page, _rotated_text(c, page))
                finally:
                    c.FPDFText_ClosePage(text_page)
            finally:
                c.FPDF_ClosePage(page)
            chars += len(glyphs)
            if chars > limits.chars:
                raise PdfProblem("too_much_text", str(chars))
            pages.append(glyphs)
        return count, pages
    finally:
        c.FPDF_CloseDocument(document)
