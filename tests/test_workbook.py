"""The streaming XLSX writer (`reports.workbook`): what it writes is what openpyxl reads
back (values, types, real dates, the bold grey header, the right-to-left view with the
header frozen, column widths), and LibreOffice opens it as a clerk would.
"""

from __future__ import annotations

import csv
import datetime
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from paayesh_docs.reports.workbook import Workbook, column_letter

ROWS = [
    ["۱۴۰۵/و/۱", "1405/07/03", datetime.date(2026, 9, 25), 12, 2.5, True, None],
    ["R&D <تست> \"نقل\"", None, None, 0, -1.25, False, "  فاصله در دو سو  "],
    ["کنترل\x01\x0bحذف", "1405/12/29", datetime.datetime(2027, 3, 20, 0, 0), 10**12, 1e-7,
     None, "سطر\nدوم"],
]
HEADER = ["شماره ثبت", "تاریخ", "تاریخ (میلادی)", "تعداد", "میانگین", "ابطال", "یادداشت"]


def _book(path: Path) -> Path:
    book = Workbook()
    book.add_sheet("دفتر اندیکاتور ۱۴۰۵", HEADER, ROWS, widths=[14, 12, 12, 8, 9.5, 6, 40])
    book.add_sheet("خالی", ["ستون"], [])
    path.write_bytes(book.close())
    return path


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]


def test_openpyxl_reads_back_every_cell_and_the_view(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(_book(tmp_path / "book.xlsx"))
    assert book.sheetnames == ["دفتر اندیکاتور ۱۴۰۵", "خالی"]
    sheet = book.worksheets[0]
    assert sheet.sheet_view.rightToLeft and sheet.freeze_panes == "A2"
    assert book.worksheets[1].sheet_view.rightToLeft
    assert [c.value for c in sheet[1]] == HEADER
    assert all(c.font.b and c.fill.fgColor.rgb == "FFE7E6E6" and c.alignment.horizontal ==
               "center" for c in sheet[1])
    assert not sheet["A2"].font.b
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    assert values[0] == ("۱۴۰۵/و/۱", "1405/07/03", datetime.datetime(2026, 9, 25), 12, 2.5,
                         True, None)
    assert values[1] == ("R&D <تست> \"نقل\"", None, None, 0, -1.25, False,
                         "  فاصله در دو سو  ")  # spaces kept, markup escaped
    assert values[2] == ("کنترلحذف", "1405/12/29", datetime.datetime(2027, 3, 20), 10**12,
                         1e-7, None, "سطر\nدوم")  # characters XML forbids dropped
    assert sheet["C2"].number_format == "yyyy-mm-dd" and sheet["C2"].is_date
    assert isinstance(sheet["D2"].value, int) and isinstance(sheet["B2"].value, str)
    widths = {key: dim.width for key, dim in sheet.column_dimensions.items()}
    assert widths["A"] == 14 and widths["E"] == 9.5 and widths["G"] == 40
    assert list(book.worksheets[1].iter_rows(values_only=True)) == [("ستون",)]


def test_many_rows_stream_through(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = Workbook()
    book.add_sheet("بزرگ", ["n", "text"], ([n, f"ردیف {n}"] for n in range(1, 5_001)))
    sheet = load_workbook(io.BytesIO(book.close()), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 5_001 and rows[-1] == (5_000, "ردیف 5000")


def _calc() -> str | None:
    """soffice, when LibreOffice's spreadsheet (Calc) is installed with it: without Calc it
    loads no workbook at all, not even openpyxl's."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    program = Path(soffice).resolve().parent
    return soffice if (program.parent / "share" / "registry" / "calc.xcd").exists() else None


@pytest.mark.skipif(_calc() is None, reason="LibreOffice Calc is not installed")
def test_libreoffice_opens_it(tmp_path: Path) -> None:
    """LibreOffice converts the first sheet to CSV: every text, number and date is where a
    clerk would see it."""
    soffice = _calc()
    assert soffice is not None
    path = _book(tmp_path / "book.xlsx")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir",
                    str(tmp_path), str(path)], check=True, capture_output=True, timeout=180)
    text = (tmp_path / "book.csv").read_text("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == HEADER
    assert rows[1][:5] == ["۱۴۰۵/و/۱", "1405/07/03", "2026-09-25", "12", "2.5"]
    assert rows[1][5] in ("TRUE", "1")
    assert rows[2][0] == "R&D <تست> \"نقل\"" and rows[2][4] == "-1.25"
    assert rows[3][2] == "2027-03-20" and rows[3][6] == "سطر\nدوم"
