"""What a reader returns: the document's text as a careful person reads it, in blocks.

Blocks keep where the text stood (page header, body, table, text box, footer,
footnote, PDF page) because the fields depend on it: a letter's number and date
usually sit in the header or a header table, and a date in the body is not the
letter's date when the header has one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Block:
    """One paragraph, table or page of text; `rows` holds a table's cells."""

    part: str  # header | body | table | textbox | footer | footnote | page
    text: str
    rows: list[list[str]] | None = None


@dataclass
class Document:
    """A read document: its format, blocks in reading order, and page count when known."""

    format: str  # docx | pdf | text
    blocks: list[Block] = field(default_factory=list)
    pages: int | None = None
    # what a reader had to guess or mend, for the record: {"code", "fa", "en"} each
    warnings: list[dict[str, str]] = field(default_factory=list)
    # a scan's: {"engine", "model", "confidence", ...} (see `ingest.ocr`); None when typed
    ocr: dict[str, Any] | None = None

    @property
    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks if block.text)

    def part_text(self, *parts: str) -> str:
        return "\n".join(b.text for b in self.blocks if b.part in parts and b.text)

    def tables(self) -> list[list[list[str]]]:
        return [block.rows for block in self.blocks if block.rows]


def table_text(rows: list[list[str]]) -> str:
    """A table as text: one line per row, cells separated by tabs (merged cells once)."""
    return "\n".join("\t".join(cell for cell in row if cell) for row in rows if any(row))
