"""A small streaming XLSX writer: the sheets of the report, the register and the exports.

openpyxl (even write-only) builds an object per cell and serialises it through its own
XML layer: about 40 µs a cell, so a year's register (100,000 rows, 1.1 million cells)
took 40 s on a quiet machine and minutes on a loaded one. What these workbooks need is
little and fixed — text, numbers, real dates, one bold header row, a right-to-left view
with the header frozen, column widths — so the sheet XML is written here directly, a
row at a time, into the zip (inline strings: no shared-string table to hold in memory).
openpyxl still reads every workbook back in the tests, and LibreOffice opens them.

    book = Workbook()
    book.add_sheet("دفتر", ["شماره", "تاریخ"], rows, widths=[12, 12])
    data = book.close()
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0
# characters that need more than copying the text between <t> and </t> (a character
# class alone: the regex engine scans for it without trying alternatives at each place)
_SPECIAL = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EPOCH = datetime.date(1899, 12, 30)  # Excel's day 0 (with its 1900 leap-year quirk)
HEADER_FILL = "E7E6E6"
STYLE_HEADER, STYLE_DATE = 1, 2  # indices into cellXfs below

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/styles.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
<Override PartName="/docProps/core.xml" \
ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
<Override PartName="/docProps/app.xml" \
ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>\
{sheets}</Types>"""
_SHEET_TYPE = ('<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
               'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/\
relationships/officeDocument" Target="xl/workbook.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/\
metadata/core-properties" Target="docProps/core.xml"/>\
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/\
relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"""
_CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/\
core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" \
xmlns:dcterms="http://purl.org/dc/terms/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>paayesh</dc:creator>\
<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created></cp:coreProperties>"""
_APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">\
<Application>paayesh</Application></Properties>"""
_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>\
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>\
<fills count="3"><fill><patternFill patternType="none"/></fill>\
<fill><patternFill patternType="gray125"/></fill>\
<fill><patternFill patternType="solid"><fgColor rgb="FF{HEADER_FILL}"/>\
<bgColor rgb="FF{HEADER_FILL}"/></patternFill></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" \
applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>\
</cellStyles></styleSheet>"""
_SHEET_HEAD = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
<sheetPr><outlinePr summaryBelow="1" summaryRight="1"/></sheetPr>\
<sheetViews><sheetView rightToLeft="1" workbookViewId="0"{selected}>\
<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>\
<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>\
<sheetFormatPr defaultRowHeight="15"/>{cols}<sheetData>"""


def column_letter(index: int) -> str:
    """A, B, ..., Z, AA, ... for the 0-based column `index`."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def escape(text: str) -> str:
    """Text as XML character data (characters XML 1.0 forbids are dropped)."""
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _string(ref: str, text: str, style: str = "") -> str:
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


def cell(ref: str, value: Any) -> str:
    """One `<c>`: text inline, numbers and booleans as such, dates as Excel day numbers
    (formatted yyyy-mm-dd: a real date a spreadsheet computes with); None: no cell."""
    if value is None:
        return ""
    kind = type(value)
    if kind is str:
        if not value:
            return ""
        if _SPECIAL.search(value) or value[0].isspace() or value[-1].isspace():
            return _string(ref, value)
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    if kind is bool:
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if kind is int or kind is float:
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        style = f' s="{STYLE_DATE}"'
        return f'<c r="{ref}"{style}><v>{(value - _EPOCH).days}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    return _string(ref, str(value))


class Workbook:
    """Sheets written one after another straight into the zip; `close()` gives the bytes."""

    def __init__(self) -> None:
        self._buffer = io.BytesIO()
        self._zip = zipfile.ZipFile(self._buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self.sheetnames: list[str] = []

    def add_sheet(self, name: str, header: Sequence[str], rows: Iterable[Sequence[Any]],
                  widths: Sequence[float] = ()) -> None:
        """One sheet: `header` bold on a grey fill (frozen), then `rows` (None: an empty
        cell; a date: shown yyyy-mm-dd); `widths` in characters per column."""
        number = len(self.sheetnames) + 1
        self.sheetnames.append(name)
        cols = "".join(f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>'
                       for i, w in enumerate(widths, 1))
        letters = [column_letter(i) for i in range(len(header))]
        with self._zip.open(f"xl/worksheets/sheet{number}.xml", "w") as stream:
            parts = [_SHEET_HEAD.format(selected=' tabSelected="1"' if number == 1 else "",
                                        cols=f"<cols>{cols}</cols>" if cols else ""),
                     # two lines high: a label wider than its column wraps (the cells
                     # below stay one line; a spreadsheet sizes those itself)
                     '<row r="1" ht="30" customHeight="1">',
                     *(_string(f"{letter}1", str(label), f' s="{STYLE_HEADER}"')
                       for letter, label in zip(letters, header, strict=True)),
                     "</row>"]
            stream.write("".join(parts).encode("utf-8"))
            chunk: list[str] = []
            special = _SPECIAL.search
            for line, row in enumerate(rows, 2):
                cells = [f'<row r="{line}">']
                for letter, value in zip(letters, row, strict=False):
                    # plain text, the most common cell, without a call; the rest by `cell`
                    if (type(value) is str and value and not special(value)
                            and not value[0].isspace() and not value[-1].isspace()):
                        cells.append(f'<c r="{letter}{line}" t="inlineStr"><is><t>{value}'
                                     "</t></is></c>")
                    elif value is not None:
                        cells.append(cell(f"{letter}{line}", value))
                cells.append("</row>")
                chunk.append("".join(cells))
                if len(chunk) >= 2000:
                    stream.write("".join(chunk).encode("utf-8"))
                    chunk = []
            chunk.append("</sheetData></worksheet>")
            stream.write("".join(chunk).encode("utf-8"))

    def close(self) -> bytes:
        """The workbook's parts around the sheets; the whole file as bytes."""
        sheets = "".join(
            f'<sheet name="{escape(name).replace(chr(34), "&quot;")}" sheetId="{n}" '
            f'r:id="rId{n}"/>' for n, name in enumerate(self.sheetnames, 1))
        rels = "".join(
            f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>'
            for n in range(1, len(self.sheetnames) + 1))
        styles = len(self.sheetnames) + 1
        parts = {
            "[Content_Types].xml": _CONTENT_TYPES.format(sheets="".join(
                _SHEET_TYPE.format(n=n) for n in range(1, len(self.sheetnames) + 1))),
            "_rels/.rels": _ROOT_RELS,
            "docProps/core.xml": _CORE.format(now=datetime.datetime.now(
                datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")),
            "docProps/app.xml": _APP,
            "xl/workbook.xml": (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns='
                '"http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://'
                'schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews>'
                '<workbookView activeTab="0"/></bookViews>'
                f"<sheets>{sheets}</sheets></workbook>"),
            "xl/_rels/workbook.xml.rels": (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
                'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'{rels}<Relationship Id="rId{styles}" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/styles" Target="styles.xml"/>'
                "</Relationships>"),
            "xl/styles.xml": _STYLES,
        }
        for name, text in parts.items():
            self._zip.writestr(name, text)
        self._zip.close()
        return self._buffer.getvalue()
