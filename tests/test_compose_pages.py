"""Composed documents of more than one page, and the fonts a DOCX carries: page numbers
(«صفحه ۲ از ۴») and the number and date again on every page, in the PDF and in the DOCX;
the DOCX embeds the Vazirmatn it names, checked by LibreOffice on this machine (which has
no Vazirmatn installed) rendering it in Vazirmatn with the letterhead on unwrapped lines."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from compose_samples import LETTER, make_office, write
from conftest import run_paayesh

from paayesh_docs.compose.embed import obfuscate
from paayesh_docs.fonts import BOLD, FD_DIGITS, REGULAR
from paayesh_docs.ingest import extract_file
from paayesh_docs.persian.digits import to_persian_digits

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PARAGRAPH = ("کمیته پایش تجارت خارجی استان در جلسه مورخ ۱۴۰۵/۰۸/۱۴ موانع صادرات از شش "
             "بازارچه مرزی استان را بررسی کرد و ارزش کالاهای معطل را 7775000000 ریال "
             "برآورد کرد. ") * 3
LONG_LETTER = LETTER.replace('body = """', 'body = """' + "\n\n".join([PARAGRAPH] * 14) + "\n\n")


def _page_texts(pdf: Path) -> list[str]:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    return [document[i].get_textpage().get_text_range() for i in range(len(document))]


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("pages")
    office = make_office(folder / "office")
    found = {}
    for name, text in (("long", LONG_LETTER), ("short", LETTER)):
        result = run_paayesh("--home", str(office), "compose", "letter", "--data",
                             str(write(folder, f"{name}.toml", text)), "--pdf", "--json")
        assert result.returncode == 0, result.stderr
        found[name] = json.loads(result.stdout.splitlines()[0])
    return {"office": office, "folder": folder, **found}


def test_a_long_pdf_numbers_its_pages_and_repeats_number_and_date(letters: dict) -> None:
    pages = _page_texts(Path(letters["long"]["pdf"]))
    count = len(pages)
    assert count > 1
    sequence = to_persian_digits(letters["long"]["registry_number"].split("/")[-1])
    for index, text in enumerate(pages, 1):
        assert f"صفحه {to_persian_digits(str(index))} از {to_persian_digits(str(count))}" \
            in text, index
        assert "شماره:" in text and sequence in text and "۱۴۰۵/۰۸/۲۱" in text, index
    fields = extract_file(letters["long"]["pdf"])  # the repeated header misleads nothing
    assert fields["number"] == to_persian_digits(letters["long"]["registry_number"])
    assert fields["date"] == "1405-08-21"
    assert "۷٬۷۷۵٬۰۰۰٬۰۰۰ ریال" in fields["text"]


def test_a_one_page_pdf_has_no_page_number(letters: dict) -> None:
    [text] = _page_texts(Path(letters["short"]["pdf"]))
    assert "صفحه" not in text


def _parts(docx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_docx_embeds_the_fonts_it_names(letters: dict) -> None:
    from lxml import etree

    parts = _parts(Path(letters["short"]["docx"]))
    table = etree.fromstring(parts["word/fontTable.xml"])
    rels = {rel.get("Id"): rel.get("Target")
            for rel in etree.fromstring(parts["word/_rels/fontTable.xml.rels"])}
    embedded = {}
    for entry in table.iter(f"{W}font"):
        for embed in entry:
            if embed.tag.startswith(f"{W}embed"):
                data = obfuscate(parts["word/" + rels[embed.get(f"{R}id")]],
                                 embed.get(f"{W}fontKey"))  # the XOR undoes itself
                embedded[(entry.get(f"{W}name"), embed.tag[len(W):])] = data
    assert embedded == {("Vazirmatn", "embedRegular"): REGULAR.read_bytes(),
                        ("Vazirmatn", "embedBold"): BOLD.read_bytes(),
                        ("Vazirmatn FD", "embedRegular"): FD_DIGITS.read_bytes()}
    assert parts["word/fonts/paayesh-font1.odttf"] != REGULAR.read_bytes()  # obfuscated
    assert b'Extension="odttf" ContentType="application/vnd.openxmlformats-officedocument.' \
           b'obfuscatedFont"' in parts["[Content_Types].xml"]
    assert b"<w:embedTrueTypeFonts/>" in parts["word/settings.xml"]


def test_the_docx_numbers_its_pages_and_repeats_number_and_date(letters: dict) -> None:
    from lxml import etree

    parts = _parts(Path(letters["long"]["docx"]))
    document = etree.fromstring(parts["word/document.xml"])
    section = document.find(f"{W}body/{W}sectPr")
    assert section.find(f"{W}titlePg") is not None
    rels = {rel.get("Id"): rel.get("Target")
            for rel in etree.fromstring(parts["word/_rels/document.xml.rels"])}
    stories = {(ref.tag[len(W):], ref.get(f"{W}type")): parts["word/" + rels[ref.get(f"{R}id")]]
               for ref in section if ref.tag in (f"{W}headerReference", f"{W}footerReference")}
    number = to_persian_digits(letters["long"]["registry_number"])
    later_header = stories[("headerReference", "default")].decode("utf-8")
    assert f"شماره: {number}" in later_header and "تاریخ: ۱۴۰۵/۰۸/۲۱" in later_header
    assert number not in stories[("headerReference", "first")].decode("utf-8")
    for kind in ("first", "default"):
        footer = stories[("footerReference", kind)].decode("utf-8")
        instructions = re.findall(r"<w:instrText[^>]*>([^<]*)<", footer)
        assert [i.strip() for i in instructions] == ["PAGE", "NUMPAGES"], kind
        assert "صفحه " in footer and " از " in footer


def _libreoffice_pdf(docx: Path, folder: Path) -> Path:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (Debian's libreoffice-writer) is not installed")
    folder.mkdir(exist_ok=True)
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(folder),
                    str(docx)], check=True, capture_output=True, timeout=300,
                   env={**os.environ, "HOME": str(folder)})  # a profile of its own
    return folder / docx.with_suffix(".pdf").name


def test_libreoffice_without_vazirmatn_installed_shows_the_embedded_font(
        letters: dict) -> None:
    from pypdf import PdfReader

    fc_list = shutil.which("fc-list")
    if fc_list is None or "vazirmatn" in subprocess.run(
            [fc_list], capture_output=True, text=True).stdout.lower():
        pytest.skip("Vazirmatn is installed here: the test would not show the embedding")
    for name in ("long", "short"):
        pdf = _libreoffice_pdf(Path(letters[name]["docx"]), letters["folder"] / f"lo-{name}")
        fonts = {str(font.get_object()["/BaseFont"]).split("+")[-1]
                 for page in PdfReader(pdf).pages
                 for font in page["/Resources"]["/Font"].values()}
        assert fonts <= {"Vazirmatn-Regular", "Vazirmatn-Bold", "VazirmatnFD-Regular",
                         "Vazirmatn-FD-Regular"}, fonts
        pages = _page_texts(pdf)
        lines = [line.strip() for line in pages[0].splitlines()]
        # the letterhead: each line of the organisation on one line, not wrapped
        assert "سازمان صنعت، معدن و تجارت استان سیستان و بلوچستان" in lines, lines[:8]
        assert "دبیرخانه کمیته پایش تجارت خارجی استان" in lines, lines[:8]
        count = len(pages)
        assert (count > 1) == (name == "long")
        for index, text in enumerate(pages, 1):  # the digits font maps 0-9 to Persian glyphs
            assert f"صفحه {index} از {count}" in text, (name, index)
            if index > 1:
                assert "شماره:" in text and "۱۴۰۵/۰۸/۲۱" in text
                assert to_persian_digits(letters[name]["registry_number"][-6:]) in text
