"""Read a PDF's text layer with pypdf, page by page, and repair it (see `pdf_text`).

A PDF with no text layer is a scan: it is refused as "needs OCR" rather than
registered empty. Encrypted PDFs open when they need no password (the common
"owner password only" case); otherwise they are refused.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from paayesh_docs.ingest.document import Block, Document
from paayesh_docs.ingest.errors import Rejected, too_large
from paayesh_docs.ingest.limits import DEFAULT_LIMITS, Limits
from paayesh_docs.ingest.pdf_text import (
    detect_digit_mode,
    fix_lam_alef,
    is_visual_order,
    repair_page_text,
    to_logical_order,
)

_LETTERS = re.compile(r"[^\W\d_]")
_MIN_LETTERS_PER_DOCUMENT = 20

# pypdf logs every malformed object it recovers from; a clerk needs one reason, not fifty.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def read_pdf(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read a PDF's text layer into one block per page."""
    from pypdf import PdfReader
    from pypdf.errors import (
        DependencyError,
        FileNotDecryptedError,
        LimitReachedError,
        PdfReadError,
        PyPdfError,
    )

    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _encrypted()
        count = len(reader.pages)
        if count > limits.pdf_pages:
            raise too_large("تعداد صفحات PDF", f"The PDF's page count ({count:,})",
                            f"{limits.pdf_pages:,} صفحه / pages")
        raw_pages = []
        total = 0
        for page in reader.pages:
            contents = page.get_contents()
            if contents is not None and len(contents.get_data()) > limits.pdf_page_content_bytes:
                raise too_large("محتوای یک صفحه PDF", "One PDF page's content",
                                f"{limits.pdf_page_content_bytes // (1024 * 1024)} MB")
            text = page.extract_text() or ""
            total += len(text)
            if total > limits.text_chars:
                raise too_large("متن PDF", "The PDF's text", f"{limits.text_chars:,} chars")
            raw_pages.append(text)
    except FileNotDecryptedError:
        raise _encrypted() from None
    except DependencyError as error:
        raise Rejected("encrypted", "رمزگذاری این PDF با ابزارهای نصب‌شده باز نمی‌شود.",
                       f"The PDF's encryption needs a library that is not installed ({error})."
                       ) from None
    except LimitReachedError as error:
        raise too_large("محتوای PDF پس از باز شدن", "The PDF's content, once inflated",
                        str(error)) from None
    except Rejected:
        raise
    except (PyPdfError, PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            AssertionError, RecursionError, OSError, ZeroDivisionError) as error:
        raise Rejected("corrupt_pdf", "فایل PDF خراب یا ناقص است و خوانده نمی‌شود.",
                       f"The PDF is corrupt or truncated and cannot be read ({error}).") from None
    letters = sum(len(_LETTERS.findall(text)) for text in raw_pages)
    if letters < _MIN_LETTERS_PER_DOCUMENT:
        raise Rejected(
            "scanned",
            "PDF اسکن‌شده است و لایه متنی ندارد؛ خواندن آن به OCR نیاز دارد که هنوز ممکن نیست.",
            "The PDF is a scan with no text layer; it needs OCR, which is not available yet.",
        )
    mode = detect_digit_mode("\n".join(raw_pages))
    document = Document(format="pdf", pages=count)
    for text in raw_pages:
        document.blocks.append(Block("page", repair_page_text(text, mode)))
    return document


_CELL = re.compile(r"\S+(?:\s{1,2}\S+)*")  # cells stand apart by three spaces or more


def read_pdf_table_layout(path: Path) -> Document:
    """The PDF again in pypdf's layout mode, where a table's cells stand apart by runs of
    spaces (plain mode glues them): each line in logical order, its cells joined by tabs.
    Slower than `read_pdf`; used only for minutes, whose resolutions are often a table."""
    from pypdf import PdfReader

    document = Document(format="pdf")
    for page in PdfReader(path, strict=False).pages:
        raw = [line for line in (page.extract_text(extraction_mode="layout") or "").splitlines()
               if line.strip()]
        # layout mode writes whole pages in visual order; decide once for the page, since
        # a one-word line («:نارضاح») cannot tell by itself
        visual = sum(map(is_visual_order, raw)) > sum(
            is_visual_order(to_logical_order(line)) for line in raw)
        spans = [[[m.start(), m.end(), m.group()] for m in _CELL.finditer(line)] for line in raw]
        rows: list[list[list[Any]]] = []  # cells as [start, end, text], in page columns
        for index, cells in enumerate(spans):
            if visual:
                cells = [[s, e, fix_lam_alef(to_logical_order(t))] for s, e, t in cells[::-1]]
            target = _wrapped_cell(rows[-1] if rows else [], cells,
                                   spans[index + 1] if index + 1 < len(spans) else [])
            if target is not None:  # a cell's second line: it belongs to the cell above it
                target[2] += " " + cells[0][2]
            else:
                rows.append(cells)
        text = "\n".join("\t".join(cell[2] for cell in row) for row in rows)
        document.blocks.append(Block("page", text))
    return document


def _wrapped_cell(row: list[list[Any]], cells: list[list[Any]],
                  following: list[Any]) -> list[Any] | None:
    """The cell of `row` that a lone line continues, or None when it starts something new.

    A lone line between two rows of the same table is a wrapped cell (into the column
    it overlaps most); after the last row it must lie mostly within one column, so
    that a signature or a heading under the table stays apart.
    """
    if len(row) < 2 or len(cells) != 1:
        return None
    start, end, text = cells[0]
    if ":" in text or text[:1] in "-–•" or text[:1].isdigit():
        return None  # a heading («دستور جلسه:») or a list item
    overlap = [(min(end, cell[1]) - max(start, cell[0]), cell) for cell in row]
    best, cell = max(overlap, key=lambda item: item[0])
    sandwiched = len(following) == len(row)
    return cell if best > 0 and (sandwiched or best >= 0.5 * (end - start)) else None


def _encrypted() -> Rejected:
    return Rejected("encrypted", "فایل PDF رمزدار است؛ نسخه بدون رمز آن را بفرستید.",
                    "The PDF is password-protected; send a copy without the password.")
