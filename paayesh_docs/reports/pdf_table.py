"""A long table as a landscape, right-to-left A4 PDF, written directly: the register.

WeasyPrint lays a table out about a page at a time, some 70 rows a second: a year's
register (100,000 rows, 4,000 pages) would take half an hour. This module draws the one
document that has to be that long, in the same house style as the WeasyPrint pages
(`paayesh.css`: Vazirmatn, 0.6 pt grey rules, a grey header row, 2 pt by 5 pt padding,
line height 1.45): centred lines on top of the first page, then the table, its header row
again on every page, no row cut across two pages, and «صفحه ۲ از ۹» at the bottom left
of each. Columns run from the right; text is set by `pdf_text` (HarfBuzz, bidi levels),
wrapped within its cell, aligned right or centred. Every cell's layout is cached by its
text and style: a year repeats its dates, senders and subjects thousands of times.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from paayesh_docs.fonts import BOLD, REGULAR
from paayesh_docs.persian.digits import to_persian_digits
from paayesh_docs.reports.pdf_file import PdfFile, embed_font, pdf_string
from paayesh_docs.reports.pdf_text import Color, Face, Span, Style, lay_out, lay_out_text

CM = 72 / 2.54
PAGE_WIDTH, PAGE_HEIGHT = 841.89, 595.28  # A4 landscape, points
MARGIN_TOP, MARGIN_SIDE, MARGIN_BOTTOM = 1.2 * CM, 1.2 * CM, 1.4 * CM
LINE_HEIGHT = 1.45  # ems
RULE = 0.6  # the grid's rules, points
PAD_Y, PAD_X = 2.0, 5.0  # inside a cell
TEXT_SIZE = 8.5
BLACK: Color = (0.0, 0.0, 0.0)
GREY: Color = (0x7F / 255, 0x7F / 255, 0x7F / 255)  # a voided record's row
RED: Color = (0xC0 / 255, 0.0, 0.0)  # its «ابطال‌شده»
RULE_COLOR: Color = (0x80 / 255, 0x80 / 255, 0x80 / 255)
HEADER_FILL: Color = (0xE7 / 255, 0xE6 / 255, 0xE6 / 255)

Cell = str | tuple[Span, ...]  # text in the row's style, or spans of their own styles


@dataclass(frozen=True)
class Column:
    title: str
    share: float  # of the table's width; the columns' shares add up to 1
    center: bool = False  # else aligned right (the start of a right-to-left line)
    wrap: bool = True  # else one line, as `white-space: nowrap`


@dataclass(frozen=True)
class Heading:
    """A centred line above the table on the first page, with the space around it."""

    text: str
    style: Style
    before: float = 0.0
    after: float = 0.0


# A cell laid out in its column: how many lines, and the operators that draw its text
# below the row's text top (y = 0: each row is drawn in coordinates of its own), in the
# row's style, which they set back if they change it.
CellText = tuple[int, str]
Row = tuple[float, list[CellText], Style]  # its height, its cells, the style they set back


class TablePdf:
    """The fonts and styles of one document, and its cells laid out, column by column."""

    def __init__(self, columns: list[Column]) -> None:
        self.columns = columns
        self.regular, self.bold = Face(REGULAR), Face(BOLD)
        self.fonts = {self.regular: "F1", self.bold: "F2"}
        self.text = self.style()
        self.muted = self.style(color=GREY)
        width = PAGE_WIDTH - 2 * MARGIN_SIDE
        edges, right = [], PAGE_WIDTH - MARGIN_SIDE
        for column in columns:  # from the right
            left = right - column.share * width
            edges.append((left, right))
            right = left
        self.edges = edges
        # each column's text box: its inner left and right, and how wide a line may be
        self._boxes = []
        for column, (left, right) in zip(columns, edges, strict=True):
            inner_left, inner_right = left + RULE / 2 + PAD_X, right - RULE / 2 - PAD_X
            self._boxes.append((inner_left, inner_right,
                                inner_right - inner_left if column.wrap else None))
        self._cells: dict[tuple[Style, bool], list[_Kept]] = {}
        self._downs: dict[Style, list[float]] = {}
        self._firsts: dict[Style, str] = {}  # a one-line cell's baseline, as `Tm` takes it
        self._heights: dict[Style, list[float]] = {}  # a row's height by its lines
        self._starts: dict[Style, str] = {}  # what sets a row's style

    def style(self, bold: bool = False, size: float = TEXT_SIZE,
              color: Color = BLACK) -> Style:
        return Style(self.bold if bold else self.regular, size, color)

    def render(self, title: str, headings: list[Heading],
               rows: Iterable[tuple[list[Cell], bool]]) -> bytes:
        """The PDF: `headings` on top, then `rows` (cells from the right; True: muted).
        Pages are compressed on a second thread while the next is laid out."""
        with ThreadPoolExecutor(1, thread_name_prefix="deflate") as pool:
            return self._render(PdfFile(pool), title, headings, rows)

    def _render(self, pdf: PdfFile, title: str, headings: list[Heading],
                rows: Iterable[tuple[list[Cell], bool]]) -> bytes:
        header = self._row([column.title for column in self.columns], self.style(bold=True),
                           centred=True)
        head_height = sum(h.before + h.style.size * LINE_HEIGHT + h.after for h in headings)
        catalog, tree, resources, info = (pdf.reserve() for _ in range(4))
        fonts = {face: pdf.reserve() for face in self.fonts}
        streams: list[int] = []  # each page's, written as soon as it is full

        def finish(page: list[Row]) -> None:
            first = MARGIN_TOP + (head_height if not streams else 0)
            content = self._page(page, header, first, [] if streams else headings)
            streams.append(pdf.deflated(content.encode("latin-1")))

        page: list[Row] = []
        top, bottom = MARGIN_TOP + head_height + header[0], PAGE_HEIGHT - MARGIN_BOTTOM - RULE
        for cells, muted in rows:
            row = self._row(cells, self.muted if muted else self.text)
            if top + row[0] > bottom and page:  # a row is never cut: the next page
                finish(page)
                page, top = [], MARGIN_TOP + header[0]
            page.append(row)
            top += row[0]
        finish(page)
        kids = []
        folio_top = MARGIN_BOTTOM / 2 + self.text.size * LINE_HEIGHT / 2  # centred in it
        for number, stream in enumerate(streams, start=1):  # «صفحه ۲ از ۹» once all are
            folio = self._free_line(to_persian_digits(f"صفحه {number} از {len(streams)}"),
                                    self.text, MARGIN_SIDE, folio_top)
            kids.append(pdf.add(f"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 "
                                f"{PAGE_WIDTH} {PAGE_HEIGHT}] /Resources {resources} 0 R "
                                f"/Contents [{stream} 0 R {pdf.stream(folio.encode())} 0 R] >>"))
        pdf.write(tree, f"<< /Type /Pages /Count {len(kids)} /Kids ["
                        + " ".join(f"{kid} 0 R" for kid in kids) + "] >>")
        pdf.write(resources, "<< /Font << " + " ".join(
            f"/{name} {fonts[face]} 0 R" for face, name in self.fonts.items())
            + " >> /ProcSet [/PDF /Text] >>")
        for face, number in fonts.items():
            embed_font(pdf, face, number)
        pdf.write(catalog, f"<< /Type /Catalog /Pages {tree} 0 R /Lang (fa-IR) "
                           "/ViewerPreferences << /Direction /R2L >> >>")
        made = time.strftime("D:%Y%m%d%H%M%S")
        pdf.write(info, f"<< /Title {pdf_string(title)} /Producer (paayesh-docs) "
                        f"/CreationDate ({made}) >>")
        return pdf.bytes(catalog, info)

    def _row(self, cells: list[Cell], style: Style, centred: bool = False) -> Row:
        """One row, its cells from the right."""
        columns = self._cells.get((style, centred))
        if columns is None:
            columns = self._cells[(style, centred)] = [_Kept() for _ in self.columns]
            self._heights[style] = [RULE + 2 * PAD_Y + count * style.size * LINE_HEIGHT
                                    for count in range(64)]
        if len(cells) != len(columns):
            raise ValueError(f"a row of {len(cells)} cells in a table of {len(columns)}")
        laid = []
        count = 1
        for index, cell in enumerate(cells):
            column = columns[index]
            found = column.get(cell)
            if found is None:
                found = self._cell(index, cell, style, centred)
                column.keep(cell, found)
            else:
                column.hits += 1
            laid.append(found)
            if found[0] > count:
                count = found[0]
        heights = self._heights[style]
        height = heights[count] if count < len(heights) else \
            RULE + 2 * PAD_Y + count * style.size * LINE_HEIGHT
        return height, laid, style

    def _cell(self, index: int, cell: Cell, style: Style, centred: bool) -> CellText:
        """`cell` laid out in column `index`: aligned right, or centred."""
        inner_left, inner_right, room = self._boxes[index]
        centre = centred or self.columns[index].center
        lines = lay_out_text(cell, style, room) if cell.__class__ is str else \
            lay_out(cell, room)
        if len(lines) == 1 and len(lines[0][1]) == 1 and lines[0][1][0][0] is style:
            width, ((_, offset, show),) = lines[0]  # one line in the row's style: most
            first = self._firsts.get(style)
            if first is None:
                first = self._firsts[style] = f" {-self._down(style)[0]:.2f} Tm "
            x = (inner_left + inner_right - width) / 2 if centre else inner_right - width
            return 1, f"1 0 0 1 {x + offset:.2f}{first}{show}\n"
        downs = self._down(style)
        ops, current = [], style
        for number, (width, line) in enumerate(lines):
            x = (inner_left + inner_right - width) / 2 if centre else inner_right - width
            for piece_style, offset, show in line:
                if piece_style is current and number < len(downs):
                    down = downs[number]
                else:
                    ops.append(self._switch(current, piece_style))
                    current = piece_style
                    down = number * style.size * LINE_HEIGHT + _baseline(piece_style,
                                                                         style.size)
                ops.append(f"1 0 0 1 {x + offset:.2f} {-down:.2f} Tm {show}\n")
        ops.append(self._switch(current, style))
        return len(lines), "".join(ops)

    def _down(self, style: Style) -> list[float]:
        """Each line's baseline below the cell's text top, in `style`."""
        downs = self._downs.get(style)
        if downs is None:
            downs = self._downs[style] = [number * style.size * LINE_HEIGHT +
                                          _baseline(style, style.size) for number in range(64)]
        return downs

    def _switch(self, old: Style | None, new: Style) -> str:
        """Operators that set `new` where `old` was set: the font, the colour."""
        if old is new:
            return ""
        ops = ""
        if old is None or old.face is not new.face or old.size != new.size:
            ops = f"/{self.fonts[new.face]} {new.size} Tf "
        if old is None or old.color != new.color:
            ops += f"{_rgb(new.color)} rg "
        return ops

    def _page(self, rows: list[Row], header: Row, top: float, headings: list[Heading]) -> str:
        """The content stream of one page: the header row's fill, the text, the rules.
        Each row's text is drawn in coordinates moved to its top (`cm`), so its cells'
        operators are the same wherever it stands."""
        out = []
        y = MARGIN_TOP
        for heading in headings:  # centred on the page
            y += heading.before
            out.append(self._free_line(heading.text, heading.style, None,
                                       PAGE_HEIGHT - y))
            y += heading.style.size * LINE_HEIGHT + heading.after
        table_top = y = top
        rules = [y]
        starts = self._starts
        for height, cells, style in [header, *rows]:
            start = starts.get(style)
            if start is None:
                start = starts[style] = f" cm BT {self._switch(None, style)}\n"
            out.append(f"q 1 0 0 1 0 {PAGE_HEIGHT - (y + RULE + PAD_Y):.2f}{start}")
            out += [text for _, text in cells]
            out.append("ET Q\n")
            y += height
            rules.append(y)
        left, right = self.edges[-1][0] + RULE / 2, self.edges[0][1] - RULE / 2
        fill = (f"{_rgb(HEADER_FILL)} rg {left:.2f} {PAGE_HEIGHT - rules[1]:.2f} "
                f"{right - left:.2f} {rules[1] - rules[0]:.2f} re f\n")
        grid = [f"{RULE} w {_rgb(RULE_COLOR)} RG"]
        for at in rules:
            at = PAGE_HEIGHT - at - RULE / 2
            grid.append(f"{left - RULE / 2:.2f} {at:.2f} m {right + RULE / 2:.2f} {at:.2f} l")
        bottom = PAGE_HEIGHT - rules[-1] - RULE
        for at in [right] + [edge for edge, _ in self.edges[:-1]] + [left]:
            grid.append(f"{at:.2f} {PAGE_HEIGHT - table_top:.2f} m {at:.2f} {bottom:.2f} l")
        grid.append("S\n")
        return fill + "".join(out) + "\n".join(grid)

    def _free_line(self, text: str, style: Style, x: float | None, top: float) -> str:
        """One line outside the table, its line box's top at `top` (PDF's y): at `x`, or
        centred on the page."""
        ops = [f"BT {self._switch(None, style)}"]
        for width, line in lay_out(((text, style),), None):
            left = (PAGE_WIDTH - width) / 2 if x is None else x
            for piece_style, offset, show in line:
                ops.append(self._switch(style, piece_style))
                ops.append(f"1 0 0 1 {left + offset:.2f} "
                           f"{top - _baseline(piece_style, style.size):.2f} Tm {show}")
        return " ".join([*ops, "ET\n"])


class _Kept(dict[Cell, CellText]):
    """One column's cells laid out, kept while they come again (dates, senders); a column
    whose cells are each another (numbers, subjects) stops keeping them."""

    def __init__(self) -> None:
        super().__init__()
        self.hits = 0
        self.keeping = True

    def keep(self, cell: Cell, text: CellText) -> None:
        if self.keeping:
            self[cell] = text
            if len(self) >= 4096 and self.hits < len(self):
                self.keeping = False


def _baseline(style: Style, size: float) -> float:
    """How far below a line box's top (of a `size` line) `style`'s baseline is: the
    glyphs' box centred in the line box, as CSS sets a line."""
    face = style.face
    return (size * LINE_HEIGHT - (face.ascender + face.descender) * style.size) / 2 + \
        face.ascender * style.size


def _rgb(color: Color) -> str:
    return " ".join(f"{value:.3f}" for value in color)
