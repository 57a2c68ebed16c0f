"""Read a PDF from where each glyph stands on the page (PDFium, in a child process).

The reading child (`pdf_worker`) gives each page's lines as cells in reading order
(`pdf_layout`); here they become one block per page, a line per row and its cells
joined by tabs, as a DOCX table's rows are. Then the repairs that need hazm's
word list, only for what a PDF does not carry (`pdf_text`): lost ZWNJ, lam-alef
ligatures decoded backwards, words a producer split.

A PDF with no text layer is a scan: it is refused as "needs OCR" rather than
registered empty. Encrypted PDFs open when they need no password (the common
"owner password only" case); otherwise they are refused. pypdf is not used:
PDFium opens every encryption the tests make (RC4, AES-128, AES-256) and says
which files need a password.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from paayesh_docs.ingest.document import Block, Document
from paayesh_docs.ingest.errors import Rejected, too_large
from paayesh_docs.ingest.limits import DEFAULT_LIMITS, Limits
from paayesh_docs.ingest.pdf_pdfium import PageLimits, PdfProblem
from paayesh_docs.ingest.pdf_text import repair_document_lines
from paayesh_docs.ingest.pdf_worker import reader

_LETTERS = re.compile(r"[^\W\d_]")
_MIN_LETTERS_PER_DOCUMENT = 20
_MIN_LETTERS_PER_PAGE = 5  # fewer on a page: an image-only page, read by OCR
# Cells are joined across lines only in a row of three cells or more (a table): a
# letterhead's two halves stand beside lines of the body that are not theirs.
_TABLE_COLUMNS = 3
_EOF_MARK_WITHIN = 4096  # bytes from the end: a file cut short has no %%EOF there


def read_pdf(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read a PDF's text layer into one block per page."""
    _check_complete(path)
    try:
        answer = reader().read(path, PageLimits(limits.pdf_pages, limits.pdf_page_objects,
                                             limits.text_chars),
                            limits.pdf_reader_memory_bytes, limits.pdf_reader_seconds)
        if "problem" in answer:
            raise PdfProblem(answer["problem"], answer.get("detail", ""))
    except PdfProblem as problem:
        raise _rejected(problem, limits) from None
    pages: list[list[list[Any]]] = answer["rows"]
    lines = [[_row_text(row) for row in _merge_wrapped_cells(page)] for page in pages]
    letters = [sum(len(_LETTERS.findall(line)) for line in page) for page in lines]
    if sum(letters) < _MIN_LETTERS_PER_DOCUMENT and not limits.ocr_languages:
        raise Rejected(
            "scanned",
            "PDF اسکن‌شده است و لایه متنی ندارد؛ خواندن آن به OCR نیاز دارد که خاموش است.",
            "The PDF is a scan with no text layer; it needs OCR, which is turned off.",
        )
    total = sum(len(line) + 1 for page in lines for line in page)
    if total > limits.text_chars:
        raise too_large("متن PDF", "The PDF's text", f"{limits.text_chars:,} chars")
    repaired = repair_document_lines(lines)
    scanned = [index for index, count in enumerate(letters) if count < _MIN_LETTERS_PER_PAGE] \
        if limits.ocr_languages else []
    if scanned:
        return _with_ocr(path, answer["pages"], scanned, repaired, limits)
    document = Document(format="pdf", pages=answer["pages"])
    for page in repaired:
        document.blocks.append(Block("page", "\n".join(page)))
    return document


def _with_ocr(path: Path, total: int, scanned: list[int], repaired: list[list[str]],
              limits: Limits) -> Document:
    """A scanned PDF, or a mixed one's image-only pages, read by OCR (`ingest.ocr`)."""
    from paayesh_docs.ingest.ocr import needs_ocr, read_scanned_pdf

    if limits.ocr_defer:
        raise needs_ocr("PDF")
    if len(scanned) > limits.image_pages:
        raise too_large("تعداد صفحات اسکن‌شده PDF",
                        f"The PDF's scanned pages ({len(scanned):,})",
                        f"{limits.image_pages:,} صفحه / pages")
    text_pages = {index: "\n".join(page) for index, page in enumerate(repaired)
                  if index not in scanned}
    document, sure_text = read_scanned_pdf(path, scanned, text_pages, total, limits)
    if not sure_text and not text_pages:
        raise Rejected(
            "scanned",
            "PDF اسکن‌شده است و لایه متنی ندارد و در OCR هم متنی از آن خوانده نشد.",
            "The PDF is a scan with no text layer, and OCR found no text on it either.")
    return document


def _row_text(row: list[list[Any]]) -> str:
    return "\t".join(cell[2].strip() for cell in row if cell[2].strip())


def _centred_cells(page: list[list[list[Any]]]) -> list[list[list[Any]]]:
    """A table cell of several lines beside one-line cells is centred on its row: its
    lines stand above and below the row's line, in a column that line leaves empty.
    They are put into that row as its cell, in order."""
    page = [[list(cell) for cell in row] for row in page]
    taken = [False] * len(page)

    def fits(lone: list[list[Any]], row: list[list[Any]]) -> bool:
        if len(lone) != 1 or len(row) < _TABLE_COLUMNS:
            return False
        start, end = lone[0][0], lone[0][1]
        inside = min(c[0] for c in row) <= start and end <= max(c[1] for c in row)
        return inside and all(end <= c[0] or start >= c[1] for c in row)

    for index, row in enumerate(page):
        if len(row) < _TABLE_COLUMNS or taken[index]:
            continue
        above = index - 1
        while above >= 0 and not taken[above] and fits(page[above], row):
            above -= 1
        below = index + 1
        while below < len(page) and not taken[below] and fits(page[below], row):
            below += 1
        parts = [page[i][0] for i in [*range(above + 1, index), *range(index + 1, below)]]
        if not parts:
            continue
        if not all(abs(p[0] - parts[0][0]) + abs(p[1] - parts[0][1]) < 2 * (parts[0][1]
                   - parts[0][0]) for p in parts):
            continue  # not one column
        cell = [min(p[0] for p in parts), max(p[1] for p in parts),
                " ".join(p[2] for p in parts)]
        rtl = row[0][0] > row[-1][0]
        row.append(cell)
        row.sort(key=lambda c: -c[0] if rtl else c[0])
        for i in [*range(above + 1, index), *range(index + 1, below)]:
            taken[i] = True
    return [row for index, row in enumerate(page) if not taken[index]]


def _merge_wrapped_cells(page: list[list[list[Any]]]) -> list[list[list[Any]]]:
    """A cell's second line is joined to the cell above it (see `_wrapped_cell`)."""
    rows: list[list[list[Any]]] = []
    page = _centred_cells(page)
    for index, cells in enumerate(page):
        following = page[index + 1] if index + 1 < len(page) else []
        target = _wrapped_cell(rows[-1] if rows else [], cells, following)
        if target is not None:
            target[2] += " " + cells[0][2]
        else:
            rows.append([list(cell) for cell in cells])
    return rows


def _wrapped_cell(row: list[list[Any]], cells: list[list[Any]],
                  following: list[Any]) -> list[Any] | None:
    """The cell of `row` that a lone line continues, or None when it starts something new.

    A lone line between two rows of the same table is a wrapped cell (into the column
    it overlaps most); after the last row it must lie mostly within one column, so
    that a signature or a heading under the table stays apart.
    """
    if len(row) < _TABLE_COLUMNS or len(cells) != 1:
        return None
    start, end, text = cells[0]
    if ":" in text or text[:1] in "-–•" or text[:1].isdigit():
        return None  # a heading («دستور جلسه:») or a list item
    overlap = [(min(end, cell[1]) - max(start, cell[0]), cell) for cell in row]
    best, cell = max(overlap, key=lambda item: item[0])
    sandwiched = len(following) == len(row)
    return cell if best > 0 and (sandwiched or best >= 0.5 * (end - start)) else None


def _check_complete(path: Path) -> None:
    """A PDF cut short (a download stopped at 30%) has no end-of-file mark: corrupt,
    not a shorter letter. PDFium would rebuild what it can and read the part."""
    try:
        with path.open("rb") as stream:
            stream.seek(0, 2)
            size = stream.tell()
            stream.seek(max(0, size - _EOF_MARK_WITHIN))
            tail = stream.read()
    except OSError as error:
        raise _corrupt(str(error)) from None
    if b"%%EOF" not in tail:
        raise _corrupt("no %%EOF mark at the end: the file is cut short")


def _rejected(problem: PdfProblem, limits: Limits) -> Rejected:
    code, detail = problem.code, problem.detail
    if code == "encrypted":
        return Rejected("encrypted", "فایل PDF رمزدار است؛ نسخه بدون رمز آن را بفرستید.",
                        "The PDF is password-protected; send a copy without the password.")
    if code == "encrypted_unsupported":
        return Rejected("encrypted", "رمزگذاری این PDF با ابزارهای نصب‌شده باز نمی‌شود.",
                        "The PDF's encryption cannot be opened by the installed reader.")
    if code == "too_many_pages":
        return too_large("تعداد صفحات PDF", f"The PDF's page count ({int(detail):,})",
                         f"{limits.pdf_pages:,} صفحه / pages")
    if code == "too_many_objects":
        return too_large("محتوای یک صفحه PDF",
                         f"One PDF page's content ({int(detail):,} drawing objects)",
                         f"{limits.pdf_page_objects:,}")
    if code == "too_much_text":
        return too_large("متن PDF", "The PDF's text", f"{limits.text_chars:,} chars")
    if code == "memory":
        return too_large("حافظه لازم برای خواندن PDF", "The memory needed to read the PDF",
                         f"{limits.pdf_reader_memory_bytes // 2**20} MB")
    if code == "timeout":
        return too_large("زمان خواندن PDF", "The time needed to read the PDF",
                         f"{limits.pdf_reader_seconds:g} s")
    if code == "crashed":
        return Rejected("corrupt_pdf",
                        "فایل PDF خراب است: خواندن آن خواننده PDF را از کار انداخت.",
                        "The PDF is corrupt: reading it crashed the PDF reader.")
    return _corrupt(detail)


def _corrupt(detail: str) -> Rejected:
    return Rejected("corrupt_pdf", "فایل PDF خراب یا ناقص است و خوانده نمی‌شود.",
                    "The PDF is corrupt or truncated and cannot be read"
                    + (f" ({detail})." if detail else "."))
