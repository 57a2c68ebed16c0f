"""Field extraction measured on the ground-truth corpus (tests/groundtruth.py) and on the
real files of ../shared/corpus/real.

One test per (document, field), so the failure list reads as accuracy per field:
`pytest tests/test_extract_corpus.py -q -k "number"` shows every wrong letter number.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from groundtruth import KINDS, UNCHECKED, build_corpus, cases, compare, field_accuracy, flatten

from paayesh_docs.ingest import extract_file
from paayesh_docs.persian.text import normalize, search_terms

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "real"
TWINS = ("pnu_dastoorolamal", "pnu_form1", "pnu_form2", "pnu_checklist_general")


@pytest.fixture(scope="session")
def corpus_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("groundtruth")
    build_corpus(folder)
    return folder


@pytest.fixture(scope="session")
def corpus(corpus_folder: Path) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """file name -> (expected, extracted)."""
    return {name: (expected, extract_file(corpus_folder / name)) for name, expected in cases()}


def _field_cases() -> list[Any]:
    return [pytest.param(name, field, id=f"{name}::{field}")
            for name, expected in cases() for field in flatten(expected)]


@pytest.mark.parametrize(("name", "field"), _field_cases())
def test_field(corpus: dict[str, tuple[dict[str, Any], dict[str, Any]]], name: str,
               field: str) -> None:
    expected, actual = corpus[name]
    assert actual["status"] == "ok", actual["reason"]
    right, want, got = compare(expected, actual)[field]
    assert right, f"{name} {field}:\n expected {want!r}\n actual   {got!r}"


def test_corpus_covers_formats_kinds_and_layouts(
        corpus_folder: Path, corpus: dict[str, tuple[dict[str, Any], dict[str, Any]]]) -> None:
    assert len(corpus) >= 45
    suffixes = Counter(Path(name).suffix for name in corpus)
    assert suffixes[".docx"] >= 15 and suffixes[".pdf"] >= 15 and suffixes[".txt"] >= 15
    assert {expected["kind"] for expected, _ in corpus.values()} == set(KINDS)
    layouts = Counter(name.split(".")[1] for name in corpus)
    for layout in ("txt", "txt-bom", "txt-utf16", "txt-cp1256", "docx-plain", "docx-header",
                   "docx-header-table", "docx-table", "docx-textbox", "docx-header-textbox",
                   "pdf", "pdf-table", "pdf-letterhead"):
        assert layouts[layout] >= 2, layout

    # The files really are what their names say.
    starts = {name: (corpus_folder / name).read_bytes()[:3] for name in corpus}
    assert all(head == b"\xef\xbb\xbf" for name, head in starts.items() if ".txt-bom." in name)
    assert all(head[:2] == b"\xff\xfe" for name, head in starts.items()
               if ".txt-utf16." in name)
    for name in (n for n in corpus if ".txt-cp1256." in n):
        data = (corpus_folder / name).read_bytes()
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
        assert b"\xed" in data and b"\r\n" in data  # Arabic yeh, Windows line ends

    def part(name: str, prefix: str) -> str:
        with zipfile.ZipFile(corpus_folder / name) as archive:
            return "".join(archive.read(n).decode() for n in archive.namelist()
                           if n.startswith(prefix))

    header_table = part("escalation-tpo.docx-header-table.docx", "word/header")
    assert "w:gridSpan" in header_table and "w:vMerge" in header_table
    assert "۱۲۳/۴۵۶/ص" in header_table
    for name in ("escalation-tpo.docx-textbox.docx", "day-first-date.docx-header-textbox.docx"):
        xml = part(name, "word/")
        assert xml.count("<w:txbxContent>") == 2 * xml.count("<mc:Fallback>") > 0
        assert "wps:txbx" in xml and "v:textbox" in xml
    assert "نمابر" in part("escalation-tpo.docx-header.docx", "word/footer")
    assert "w:bidi" in part("note.docx-plain.docx", "word/document.xml")


def test_accuracy_table(corpus: dict[str, tuple[dict[str, Any], dict[str, Any]]]) -> None:
    """`field_accuracy` (reused by bench/extract.py) counts every asserted field."""
    accuracy = field_accuracy(list(corpus.values()))
    assert set(accuracy) >= {"kind", "number", "date", "date_gregorian", "subject", "sender",
                             "recipients", "copies", "references", "attachments", "priority",
                             "classification", "meeting", "meeting.resolutions",
                             "meeting.attendees", "text_once"}
    total = sum(len(flatten(expected)) for expected, _ in corpus.values())
    assert sum(t for _, t in accuracy.values()) == total


def test_scoring_is_exact() -> None:
    expected = {"kind": "letter", "number": "۱۲۳/ص", "meeting": None, "subject": UNCHECKED}
    right = {"status": "ok", "kind": "letter", "number": "۱۲۳/ص", "meeting": None, "text": ""}
    assert all(ok for ok, _, _ in compare(expected, right).values())
    wrong = {**right, "number": "۱۲۳"}
    assert field_accuracy([(expected, right), (expected, wrong)])["number"] == (1, 2)
    rejected = {"status": "rejected", "reason": {"code": "x"}}
    assert field_accuracy([(expected, rejected)])["kind"] == (0, 1)


# --- the real files ---------------------------------------------------------------------

def _real(name: str) -> Path:
    path = REAL / name
    if not path.exists():
        pytest.skip(f"../shared/corpus/real/{name} is not next to this checkout")
    return path


def word_agreement(pdf_text: str, docx_text: str) -> float:
    """Share of the DOCX's search terms (with repeats) that the PDF twin also has."""
    pdf_words, docx_words = Counter(search_terms(pdf_text)), Counter(search_terms(docx_text))
    return sum((pdf_words & docx_words).values()) / max(sum(docx_words.values()), 1)


@pytest.mark.parametrize("stem", TWINS)
def test_pdf_twin_agrees_with_docx_word_for_word(stem: str) -> None:
    pdf = extract_file(_real(f"{stem}.pdf"))
    docx = extract_file(_real(f"{stem}.docx"))
    assert pdf["status"] == "ok", pdf["reason"]
    assert docx["status"] == "ok", docx["reason"]
    agreement = word_agreement(pdf["text"], docx["text"])
    print(f"{stem}: word agreement {agreement:.3f}")
    assert agreement >= 0.95, f"{stem}: {agreement:.3f} of the DOCX's words are in the PDF"


def test_text_boxes_are_read_once() -> None:
    from docx import Document

    from paayesh_docs.ingest import read_document

    path = _real("pnu_dastoorolamal.docx")
    plain = "\n".join(p.text for p in Document(path).paragraphs)
    text = extract_file(path)["text"]
    assert len(text) >= len(normalize(plain)) + 1000, (len(text), len(normalize(plain)))
    boxes = [b.text for b in read_document(path).blocks if b.part == "textbox"]
    assert sum(len(box) for box in boxes) >= 1000
    plain_text, boxes_text = normalize(plain), normalize("\n".join(boxes))
    for box in {normalize(b) for b in boxes if len(b) > 20 and b not in plain}:
        # once: Word's VML copy of the box (mc:Fallback) is not read again
        assert text.count(box) == boxes_text.count(box) + plain_text.count(box), box


def test_merged_cells_are_read_once() -> None:
    from docx import Document
    from docx.oxml.ns import qn

    from paayesh_docs.ingest import read_document

    path = _real("pnu_checklist_general.docx")
    tables = Document(path).tables
    python_docx = sum(len(row.cells) for table in tables for row in table.rows)

    def starts(tc: Any) -> bool:  # not the continuation of a vertical merge
        merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        return merge is None or merge.get(qn("w:val")) == "restart"

    real = sum(sum(starts(tc) for tc in row._tr.findall(qn("w:tc")))
               for table in tables for row in table.rows)
    ours = sum(len(row) for rows in read_document(path).tables() for row in rows)
    assert python_docx > real, "the file has merged cells that python-docx repeats"
    assert ours == real, (ours, real, python_docx)


def test_a_real_scanned_pdf_is_read_by_ocr() -> None:
    """The corpus's one scan (a syllabus, two pages, no text layer): read by OCR."""
    result = extract_file(_real("pnu_syllabus_spm.pdf"))
    assert result["status"] == "ok", result["reason"]
    assert result["ocr"]["pages"] == 2 and result["ocr"]["engine"].startswith("tesseract")
    for words in ("مدیریت پروژه", "نرم‌افزار", "دانشجویان"):
        assert words in result["text"], words


@pytest.mark.parametrize(("name", "status", "code"), [
    ("ut_template_payannameh.doc", "rejected", "legacy_doc"),
    ("~$ddress.docx", "ignored", "ignored"),
])
def test_real_files_that_cannot_be_read_say_why(name: str, status: str, code: str) -> None:
    result = extract_file(_real(name))
    assert result["status"] == status, result["reason"]
    assert result["reason"] and result["reason"]["code"] == code


@pytest.mark.parametrize("name", ["sharif_Guide_Theses-98.pdf", "sharif_thesis_main.pdf"])
def test_sharif_pdfs_read(name: str) -> None:
    result = extract_file(_real(name))
    assert result["status"] == "ok", result["reason"]
    persian = sum("\u0600" <= ch <= "\u06ff" for ch in result["text"])
    assert persian >= 500 and len(search_terms(result["text"])) > 200
