"""Bounds that keep one hostile or huge file from stalling the office.

A clerk's letter is a few pages and a few hundred kilobytes; these limits are far
above that and far below what could exhaust a machine (each file: seconds, not
minutes; megabytes, not gigabytes).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 100 * 1024 * 1024  # any input file
    xml_part_bytes: int = 64 * 1024 * 1024  # one part of a DOCX, inflated
    zip_total_bytes: int = 256 * 1024 * 1024  # all the parts we read, inflated
    zip_ratio: int = 200  # inflated/compressed beyond this for a large part: a zip bomb
    zip_entries: int = 20_000
    pdf_pages: int = 1_000
    pdf_page_objects: int = 100_000  # drawing objects of one page (a letter has hundreds)
    pdf_reader_memory_bytes: int = 320 * 1024 * 1024  # address space of the PDF reading child
    pdf_reader_seconds: float = 20.0  # one PDF, in the reading child
    text_chars: int = 20_000_000  # characters of text kept from one document
    email_bytes: int = 25 * 1024 * 1024  # one e-mail (mail servers cap them at 25-35 MB)
    email_parts: int = 1_000  # MIME parts of one e-mail
    email_depth: int = 20  # multiparts inside multiparts
    email_headers: int = 1_000  # header lines of one part
    email_header_bytes: int = 256 * 1024  # one part's headers together
    email_attachments_read: int = 20  # attachments whose text is read (all are kept)
    # scans (`ingest.ocr`): an A4 page at 600 dpi is 35 million pixels
    image_pixels: int = 60_000_000  # one page of an image, declared; more is a bomb
    image_pages: int = 100  # pages of one image file (a TIFF) or scanned PDF read by OCR
    ocr_languages: str = "fas+eng"  # Tesseract models, the main one first; "" = no OCR
    ocr_dpi: int = 300  # scans are read at about this resolution
    # True (the watcher's): a scan is answered `needs_ocr` at once, for its OCR pool
    ocr_defer: bool = False


DEFAULT_LIMITS = Limits()


def with_ocr(ocr: Any, limits: Limits = DEFAULT_LIMITS, **more: Any) -> Limits:
    """`limits` carrying an office's `[ocr]` settings (`config.Ocr`) to the readers."""
    return replace(limits, ocr_languages="+".join(ocr.languages), ocr_dpi=ocr.dpi, **more)
