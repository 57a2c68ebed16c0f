"""Field extraction on the ground-truth corpus (tests/groundtruth.py) and on real files."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from groundtruth import build_corpus, field_accuracy, flatten

from paayesh_docs.ingest import extract_file
from paayesh_docs.persian.text import normalize, search_terms

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "real"


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict, dict]]:
    folder = tmp_path_factory.mktemp("groundtruth")
    return {name: (expected, extract_file(folder / name))
            for name, expected in build_corpus(folder)}


def _cases() -> list[tuple[str, str]]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        return [(name, field) for name, expected in _specs(Path(tmp))
                for field in flatten(expected)]


def _specs(folder: Path) -> list[tuple[str, dict[str, Any]]]:
    from groundtruth import WRITERS, letter_specs, minutes_specs, other_specs

    return [(f"{s.name}.{fmt}{WRITERS[fmt][0]}", s.expected)
            for s in letter_specs() + minutes_specs() + other_specs() for fmt in s.formats]


@pytest.mark.parametrize(("name", "field"), _cases())
def test_field(corpus: dict[str, tuple[dict, dict]], name: str, field: str) -> None:
    expected, actual = corpus[name]
    assert actual["status"] == "ok", actual["reason"]
    assert flatten(actual).get(field) == flatten(expected)[field]


def test_corpus_covers_formats_and_kinds(corpus: dict[str, tuple[dict, dict]]) -> None:
    assert len(corpus) >= 40
    suffixes = Counter(Path(name).suffix for name in corpus)
    assert suffixes[".docx"] >= 10 and suffixes[".pdf"] >= 8 and suffixes[".txt"] >= 10
    kinds = {expected["kind"] for expected, _ in corpus.values()}
    assert kinds == {"letter", "minutes", "report", "directive", "regulation", "news", "other"}


def test_accuracy_table(corpus: dict[str, tuple[dict, dict]]) -> None:
    accuracy = field_accuracy(list(corpus.values()))
    assert set(accuracy) >= {"number", "date", "subject", "copies", "references"}


def _real(name: str) -> Path:
    path = REAL / name
    if not path.exists():
        pytest.skip(f"../shared/corpus/real/{name} is not next to this checkout")
    return path


@pytest.mark.parametrize("stem", ["pnu_dastoorolamal", "pnu_form1", "pnu_form2",
                                  "pnu_checklist_general"])
def test_pdf_twin_agrees_with_docx_word_for_word(stem: str) -> None:
    pdf = extract_file(_real(f"{stem}.pdf"))
    docx = extract_file(_real(f"{stem}.docx"))
    assert pdf["status"] == docx["status"] == "ok"
    pdf_words, docx_words = Counter(search_terms(pdf["text"])), Counter(search_terms(docx["text"]))
    agreement = sum((pdf_words & docx_words).values()) / sum(docx_words.values())
    assert agreement >= 0.95, f"{stem}: {agreement:.3f}"


def test_text_boxes_are_read_once() -> None:
    from docx import Document

    from paayesh_docs.ingest import read_document

    path = _real("pnu_dastoorolamal.docx")
    plain = "\n".join(p.text for p in Document(path).paragraphs)
    boxes = [b.text for b in read_document(path).blocks if b.part == "textbox"]
    assert sum(len(text) for text in boxes) >= 1000  # the corpus README: about 1,100
    missed = [text for text in boxes if len(text) > 20 and text not in plain]
    assert len(missed) >= 10  # python-docx's paragraphs do not have them
    text = extract_file(path)["text"]
    boxes_text, plain_text = normalize("\n".join(boxes)), normalize(plain)
    for box in map(normalize, missed):  # once: the VML fallback copy is not read again
        assert text.count(box) == boxes_text.count(box) + plain_text.count(box), box


def test_merged_cells_are_read_once() -> None:
    from docx import Document

    from paayesh_docs.ingest import read_document

    path = _real("pnu_checklist_general.docx")
    tables = Document(path).tables
    returned = sum(len(row.cells) for table in tables for row in table.rows)
    real = sum(len({id(cell._tc) for cell in row.cells}) for table in tables
               for row in table.rows)
    ours = sum(len(row) for rows in read_document(path).tables() for row in rows)
    assert returned > real  # python-docx repeats merged cells
    assert ours <= real


@pytest.mark.parametrize(("name", "status", "code"), [
    ("pnu_syllabus_spm.pdf", "rejected", "scanned"),
    ("ut_template_payannameh.doc", "rejected", "legacy_doc"),
    ("~$ddress.docx", "ignored", "ignored"),
])
def test_real_files_that_cannot_be_read_say_why(name: str, status: str, code: str) -> None:
    result = extract_file(_real(name))
    assert result["status"] == status and result["reason"]["code"] == code


@pytest.mark.parametrize("name", ["sharif_Guide_Theses-98.pdf", "sharif_thesis_main.pdf"])
def test_other_real_pdfs_read(name: str) -> None:
    result = extract_file(_real(name))
    assert result["status"] == "ok" and len(search_terms(result["text"])) > 200
