"""Templates: right-to-left in every paragraph and run, reproducible from their generator,
and the user's to edit in Word: a field added (and split across runs by Word) is listed
and filled, a broken tag is named, and the sandbox keeps a template to its fields."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from compose_samples import LETTER, make_office, write
from conftest import ROOT, run_paayesh

from paayesh_docs.compose import make_templates
from paayesh_docs.compose.templates import PACKAGED
from paayesh_docs.ingest import extract_file

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SUBJECT_LINE = "موضوع: {{ subject }}"


def _parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()
                if re.match(r"word/(document|header\d*|footer\d*)\.xml$", name)}


def _check_rtl(xml: str, where: str) -> None:
    from lxml import etree

    root = etree.fromstring(xml.encode("utf-8"))
    paragraphs = root.iter(f"{W}p")
    for paragraph in paragraphs:
        assert paragraph.find(f"{W}pPr/{W}bidi") is not None, f"{where}: a paragraph without bidi"
        for run in paragraph.iter(f"{W}r"):
            properties = run.find(f"{W}rPr")
            assert properties is not None and properties.find(f"{W}rtl") is not None, where
            fonts = properties.find(f"{W}rFonts")
            # the page numbers' digits are in the Persian-digits cut (compose.embed)
            assert fonts is not None and fonts.get(f"{W}cs") in ("Vazirmatn", "Vazirmatn FD"), \
                where
            assert properties.find(f"{W}szCs") is not None, where
            if properties.find(f"{W}b") is not None:
                assert properties.find(f"{W}bCs") is not None, f"{where}: bold without bCs"
    for table in root.iter(f"{W}tbl"):
        assert table.find(f"{W}tblPr/{W}bidiVisual") is not None, f"{where}: table not RTL"


@pytest.mark.parametrize("name", sorted(make_templates.TEMPLATES))
def test_templates_are_right_to_left_and_made_by_their_generator(name: str) -> None:
    packaged = PACKAGED / f"{name}.docx"
    assert make_templates.build(name) == packaged.read_bytes(), "run make_templates"
    for suffix in (".docx", ".html"):
        shipped = (ROOT / "templates" / f"{name}{suffix}").read_bytes()
        assert shipped == (PACKAGED / f"{name}{suffix}").read_bytes(), "templates/ is stale"
    for part, xml in _parts(packaged).items():
        _check_rtl(xml, f"{name}.docx {part}")
    html = (PACKAGED / f"{name}.html").read_text("utf-8")
    assert '<html dir="rtl" lang="fa">' in html and "justify" not in html


def test_a_rendered_letter_keeps_every_rtl_property(tmp_path: Path) -> None:
    office = make_office(tmp_path / "office")
    result = run_paayesh("--home", str(office), "compose", "letter", "--data",
                         str(write(tmp_path, "letter.toml", LETTER)), "--draft", "--json")
    assert result.returncode == 0, result.stderr
    docx = next((office / "outbox").glob("draft-*.docx"))
    parts = _parts(docx)
    for part, xml in parts.items():
        _check_rtl(xml, f"rendered {part}")
    assert "{{" not in "".join(parts.values()) and "{%" not in "".join(parts.values())
    assert "<w:styles" not in parts  # docDefaults name the font too
    with zipfile.ZipFile(docx) as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
    assert 'w:cs="Vazirmatn"' in styles and 'w:bidi="fa-IR"' in styles


def _edit_template(source: Path, target: Path, old: str, new_paragraph: str) -> None:
    """A copy of a template with a paragraph added after the one holding `old`, the way
    Word saves an edit: runs split mid-tag, spell-check marks between them."""
    with zipfile.ZipFile(source) as archive:
        parts = {info: archive.read(info) for info in archive.infolist()}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts.items():
            if info.filename == "word/document.xml":
                xml = data.decode("utf-8")
                at = xml.index("</w:p>", xml.index(old)) + len("</w:p>")
                data = (xml[:at] + new_paragraph + xml[at:]).encode("utf-8")
            archive.writestr(info, data)


def _run(text: str, bold: bool = False) -> str:
    weight = "<w:b/><w:bCs/>" if bold else ""
    return (f'<w:r><w:rPr><w:rFonts w:cs="Vazirmatn"/>{weight}<w:szCs w:val="24"/><w:rtl/>'
            f'</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>')


def _paragraph(*runs: str) -> str:
    return f'<w:p><w:pPr><w:bidi/></w:pPr>{"".join(runs)}</w:p>'


def test_a_field_added_in_word_and_split_across_runs_is_listed_and_filled(
        tmp_path: Path) -> None:
    office = make_office(tmp_path / "office")
    template = office / "templates" / "letter.docx"
    split = _paragraph(_run("کد طرح: {"), '<w:proofErr w:type="spellStart"/>',
                       _run("{ project_"), _run("code }", bold=True),
                       '<w:proofErr w:type="spellEnd"/>', _run("}"))
    _edit_template(PACKAGED / "letter.docx", template, SUBJECT_LINE, split)
    listed = run_paayesh("templates", "check", str(template), "--json")
    assert listed.returncode == 0, listed.stderr
    assert '"from_data": ["project_code"]' in listed.stdout
    data = write(tmp_path, "letter.toml", LETTER)
    missing = run_paayesh("--home", str(office), "compose", "letter", "--data", str(data))
    assert missing.returncode == 2 and "project_code" in missing.stderr
    assert list((office / "outbox").iterdir()) == []
    data = write(tmp_path, "letter2.toml", 'project_code = "HS-0804/12"\n' + LETTER)
    made = run_paayesh("--home", str(office), "compose", "letter", "--data", str(data), "--json")
    assert made.returncode == 0, made.stderr
    docx = next((office / "outbox").glob("*.docx"))
    assert "کد طرح: HS-۰۸۰۴/۱۲" in extract_file(docx)["text"]
    typo = write(tmp_path, "letter3.toml", 'project_cod = "1"\nproject_code = "2"\n' + LETTER)
    unknown = run_paayesh("--home", str(office), "compose", "letter", "--data", str(typo))
    assert unknown.returncode == 2 and "project_cod" in unknown.stderr


@pytest.mark.parametrize(("broken", "named"), [
    ("{{ subject", "{{ subject"),
    ("{% if subject %}بی‌پایان", "if"),
    ("{{ subject.__class__.__mro__ }}", "__class__"),
    ("{{ cycler.__init__.__globals__ }}", "unsafe"),
])
def test_a_broken_or_prying_template_is_refused_with_a_message(tmp_path: Path, broken: str,
                                                               named: str) -> None:
    office = make_office(tmp_path / "office")
    _edit_template(PACKAGED / "letter.docx", office / "templates" / "letter.docx",
                   SUBJECT_LINE, _paragraph(_run(broken)))
    result = run_paayesh("--home", str(office), "compose", "letter", "--data",
                         str(write(tmp_path, "letter.toml", LETTER)))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "letter.docx" in result.stderr
    assert named in result.stderr, result.stderr
    assert list((office / "outbox").iterdir()) == []


def test_a_template_that_is_not_a_word_file(tmp_path: Path) -> None:
    office = make_office(tmp_path / "office")
    (office / "templates" / "letter.docx").write_text("not a zip", "utf-8")
    result = run_paayesh("--home", str(office), "templates", "check",
                         str(office / "templates" / "letter.docx"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "Word" in result.stderr


@pytest.mark.parametrize("name", sorted(make_templates.TEMPLATES))
def test_the_fast_renderer_writes_what_docxtpl_writes(tmp_path: Path, name: str) -> None:
    import io

    from compose_samples import MINUTES, REPORT

    from paayesh_docs.compose import api
    from paayesh_docs.compose.data import load_data
    from paayesh_docs.compose.render import DocxRenderer
    from paayesh_docs.compose.supervisor import prepare_report
    from paayesh_docs.config import load_settings
    from paayesh_docs.ingest.docx import read_docx

    settings = load_settings(make_office(tmp_path / "office"))
    if name == "letter":
        document = api.letters_from(settings, write(tmp_path, "d.toml", LETTER))[0]
    elif name == "minutes":
        document = api.minutes_from(settings, write(tmp_path, "d.toml", MINUTES))
    else:
        data = write(tmp_path, "d.toml", REPORT.format(percent=5))
        document = prepare_report(load_data(data), settings,
                                  api.template_fields(settings, name), data, "خوشه نمونه",
                                  (1405, 2), [])
    context = document.numbered("1405/ص/000007", "۱۴۰۵/۰۹/۰۲").context
    renderer = DocxRenderer(PACKAGED / f"{name}.docx")
    assert renderer.fast
    fast = read_docx(io.BytesIO(renderer.render(context)))
    slow = read_docx(io.BytesIO(renderer._render_docxtpl(context)))
    assert [(b.part, b.text) for b in fast.blocks] == [(b.part, b.text) for b in slow.blocks]
