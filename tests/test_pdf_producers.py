"""The same letters as PDFs from several producers: every field right on each.

The letters of tests/groundtruth.py are written as DOCX (python-docx, right-to-left
paragraphs) and turned into PDF by LibreOffice Writer (`soffice --headless
--convert-to pdf`), written as HTML and printed to PDF by Chromium
(`--print-to-pdf`), and by WeasyPrint in two fonts (Vazirmatn, shipped; DejaVu
Sans, the system's). Each producer orders its glyphs differently in the content
stream (LibreOffice and Chromium left to right, WeasyPrint by runs); the reader
must not care. A producer whose program is absent is skipped, by name.

Also: each PDF's words agree with its DOCX twin's (>= 0.98).
"""

from __future__ import annotations

import html
import shutil
import subprocess
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from conftest import SHARED
from groundtruth import all_specs, compare, write_docx

from paayesh_docs.ingest import extract_file
from paayesh_docs.persian.text import search_terms

# Letters whose header block is plain paragraphs: every producer lays them out alike.
LETTERS = ("escalation-tpo", "reference-before-header", "further-and-reply", "joint-recipients")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
PRODUCERS = ("libreoffice", "chromium", "weasyprint-vazirmatn", "weasyprint-dejavu")


def _specs() -> dict[str, Any]:
    specs = {spec.name: spec for spec in all_specs()}
    chosen = [name for name in LETTERS if name in specs]
    if len(chosen) < len(LETTERS):  # the corpus was renamed: take its first plain letters
        chosen = [s.name for s in all_specs()
                  if s.expected.get("kind") == "letter" and "docx-plain" in s.formats][:4]
    return {name: specs[name] for name in chosen}


def _html(spec: Any, font_css: str) -> str:
    body = "".join(f"<p>{html.escape(line)}</p>" for line in spec.flat_lines()
                   if isinstance(line, str))
    return (f'<html dir="rtl" lang="fa"><head><meta charset="utf-8"><style>{font_css}'
            "@page { size: A4; margin: 2cm; } p { margin: 0.25em 0; }"
            f"</style></head><body>{body}</body></html>")


def _vazirmatn_css() -> str:
    from paayesh_docs.fonts import font_face_css

    return font_face_css() + "body { font-family: Vazirmatn; font-size: 11pt; }"


def _dejavu_css() -> str:
    return (f"@font-face {{ font-family: DV; src: url('{DEJAVU.as_uri()}'); }}"
            "body { font-family: DV; font-size: 11pt; }")


def _libreoffice(docx: Path, out: Path, tmp: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("soffice is not installed (Debian: libreoffice-writer)")
    profile = tmp / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out.parent), str(docx)],
                   check=True, capture_output=True, timeout=180)
    (out.parent / (docx.stem + ".pdf")).rename(out)


def _chromium(spec: Any, out: Path, tmp: Path) -> None:
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        pytest.skip("chromium is not installed (Debian: chromium)")
    page = tmp / f"{out.stem}.html"
    page.write_text(_html(spec, _vazirmatn_css()), encoding="utf-8")
    subprocess.run([binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", f"--user-data-dir={tmp / 'chromium-profile'}",
                    "--no-pdf-header-footer", f"--print-to-pdf={out}", page.as_uri()],
                   check=True, capture_output=True, timeout=180)


def _weasyprint(spec: Any, out: Path, font_css: str) -> None:
    from weasyprint import HTML

    HTML(string=_html(spec, font_css)).write_pdf(out)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """(letter, producer) -> PDF; the DOCX twins as (letter, "docx")."""
    tmp = tmp_path_factory.mktemp("producers")
    files: dict[tuple[str, str], Path] = {}
    for name, spec in _specs().items():
        docx = tmp / f"{name}.docx"
        write_docx(spec, docx, "plain")
        files[(name, "docx")] = docx
    return files


def _make(made: dict[tuple[str, str], Path], name: str, producer: str) -> Path:
    key = (name, producer)
    if key in made:
        return made[key]
    spec = _specs()[name]
    docx = made[(name, "docx")]
    tmp = docx.parent
    out = tmp / f"{name}.{producer}.pdf"
    if producer == "libreoffice":
        _libreoffice(docx, out, tmp)
    elif producer == "chromium":
        _chromium(spec, out, tmp)
    elif producer == "weasyprint-vazirmatn":
        _weasyprint(spec, out, _vazirmatn_css())
    else:
        if not DEJAVU.exists():
            pytest.skip("DejaVu Sans is not installed (Debian: fonts-dejavu-core)")
        _weasyprint(spec, out, _dejavu_css())
    made[key] = out
    return out


@pytest.mark.parametrize("producer", PRODUCERS)
@pytest.mark.parametrize("name", list(_specs()))
def test_every_field_right_on_every_producer(made: dict[tuple[str, str], Path], name: str,
                                             producer: str) -> None:
    pdf = _make(made, name, producer)
    expected = _specs()[name].expected
    actual = extract_file(pdf)
    assert actual["status"] == "ok", actual["reason"]
    wrong = {field: (want, got) for field, (right, want, got) in
             compare(expected, actual).items() if not right}
    assert not wrong, f"{producer} {name}: {wrong}\n{actual['text'][:600]}"


@pytest.mark.parametrize("producer", PRODUCERS)
@pytest.mark.parametrize("name", list(_specs()))
def test_words_agree_with_the_docx_twin(made: dict[tuple[str, str], Path], name: str,
                                        producer: str) -> None:
    pdf_text = extract_file(_make(made, name, producer))["text"]
    docx_text = extract_file(made[(name, "docx")])["text"]
    pdf_words, docx_words = Counter(search_terms(pdf_text)), Counter(search_terms(docx_text))
    agreement = sum((pdf_words & docx_words).values()) / max(sum(docx_words.values()), 1)
    assert agreement >= 0.98, f"{producer} {name}: {agreement:.3f}\n{pdf_text[:600]}"


# --- the real PDFs of ../shared/corpus/real, with their DOCX twins as ground truth --------

REAL = SHARED / "corpus" / "real"
TWINS = ("pnu_dastoorolamal", "pnu_form1", "pnu_form2", "pnu_checklist_general")


def _real(name: str) -> Path:
    path = REAL / name
    if not path.exists():
        pytest.skip(f"../shared/corpus/real/{name} is not next to this checkout")
    return path


def _pairs(words: list[str]) -> list[tuple[str, str]]:
    return list(pairwise(words))


@pytest.mark.parametrize("stem", TWINS)
def test_real_pdf_agrees_with_its_docx_twin_and_no_line_reads_backwards(stem: str) -> None:
    pdf = extract_file(_real(f"{stem}.pdf"))
    docx = extract_file(_real(f"{stem}.docx"))
    assert pdf["status"] == "ok" and docx["status"] == "ok"
    pdf_words, docx_words = Counter(search_terms(pdf["text"])), Counter(search_terms(docx["text"]))
    agreement = sum((pdf_words & docx_words).values()) / sum(docx_words.values())
    assert agreement >= 0.98, f"{stem}: {agreement:.3f}; missing {(docx_words - pdf_words)}"
    # a line whose word pairs, as the DOCX has them, read better backwards
    known = {pair for line in docx["text"].split("\n") for pair in _pairs(search_terms(line))}
    judged = backwards = 0
    for line in pdf["text"].split("\n"):
        words = search_terms(line)
        forward = sum(pair in known for pair in _pairs(words))
        back = sum(pair in known for pair in _pairs(words[::-1]))
        if len(words) >= 3 and (forward or back):
            judged += 1
            backwards += back > forward
    assert judged >= 10
    assert backwards <= 0.01 * judged, f"{stem}: {backwards} of {judged} lines backwards"
