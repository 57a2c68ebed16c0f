"""Compose through the real `paayesh` command: round trips through `extract`, the registry's
records, drafts, mail merge, minutes sent to TPO, and two processes composing at once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from compose_samples import (
    AGENT_REPORT,
    CLUSTER,
    LETTER,
    LETTER_EXPECTED,
    MINUTES,
    MINUTES_MEETING,
    REPORT,
    SECRETARIAT,
    make_office,
    merge_letter,
    write,
)
from conftest import ROOT, run_paayesh

from paayesh_docs.config import load_settings
from paayesh_docs.ingest import extract_file
from paayesh_docs.persian.text import search_terms
from paayesh_docs.registry import Registry

ROUND_TRIP = ("number", "date", "subject", "recipients", "copies", "references", "priority",
              "classification", "attachments", "sender", "kind")


def _json_lines(result: subprocess.CompletedProcess[str]) -> list[dict]:
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def _same_words(a: str | None, b: str | None) -> bool:
    """Equal as search sees them: a PDF's text layer carries no ZWNJ (see groundtruth.py)."""
    return search_terms(a or "") == search_terms(b or "")


@pytest.fixture(scope="module")
def composed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One office where the sample letter and minutes (sent to TPO) are composed with PDFs."""
    folder = tmp_path_factory.mktemp("compose")
    office = make_office(folder / "office")
    letter = write(folder, "letter.toml", LETTER)
    minutes = write(folder, "minutes.toml", MINUTES)
    letters = _json_lines(run_paayesh("--home", str(office), "compose", "letter", "--data",
                                      str(letter), "--pdf", "--json"))
    sent = _json_lines(run_paayesh("--home", str(office), "compose", "minutes", "--data",
                                   str(minutes), "--pdf", "--send-to-tpo", "--json"))
    agent = [write(folder, f"agent-{n}.txt", AGENT_REPORT.format(**values)) for n, values in
             enumerate(AGENT_REPORTS)]
    ingested = _json_lines(run_paayesh("--home", str(office), "ingest", *map(str, agent),
                                       "--json"))
    report = _json_lines(run_paayesh(
        "--home", str(office), "compose", "supervisor-report", "--cluster", CLUSTER,
        "--quarter", "1405Q2", "--data", str(write(folder, "report.toml",
                                                    REPORT.format(percent=-10))),
        "--pdf", "--json"))
    return {"office": office, "letter": letters[0], "minutes": sent[0], "covering": sent[1],
            "agent": ingested, "report": report[0]}


AGENT_REPORTS = [  # the second quarter's, late but in time; the first's; another cluster's
    {"quarter": "دوم", "cluster": CLUSTER, "number": "۵۵/ع", "date": "۱۴۰۵/۰۷/۰۵"},
    {"quarter": "اول", "cluster": CLUSTER, "number": "۴۴/ع", "date": "۱۴۰۵/۰۴/۰۲"},
    {"quarter": "دوم", "cluster": "خوشه فرش دستباف زاهدان", "number": "۶۶/ع",
     "date": "۱۴۰۵/۰۶/۳۰"},
]


def test_letter_round_trips_through_extract_docx_and_pdf(composed: dict) -> None:
    line = composed["letter"]
    year = line["registry_number"].split("/")[0]
    assert line["registry_number"] == f"{year}/ص/000001"
    assert Path(line["docx"]).name == f"{year}-ص-000001.docx"
    expected = {**LETTER_EXPECTED, "number": f"{year}/ص/000001".translate(
        str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))}
    for path in (line["docx"], line["pdf"]):
        extracted = extract_file(path)
        assert extracted["status"] == "ok", extracted["reason"]
        for name in ROUND_TRIP:
            if path.endswith(".pdf") and name in ("subject", "recipients"):
                assert _same_words(str(extracted[name]), str(expected[name])), (path, name)
            else:
                assert extracted[name] == expected[name], (path, name, extracted[name])


def test_the_record_has_the_fields_extract_gives_and_both_files(composed: dict) -> None:
    office = composed["office"]
    record = json.loads(run_paayesh("--home", str(office), "show",
                                    composed["letter"]["registry_number"], "--json").stdout)
    for name in ROUND_TRIP:
        if name != "number":
            assert record[name] == LETTER_EXPECTED[name], name
    assert record["direction"] == "outgoing" and record["source"]["format"] == "docx"
    assert [f["format"] for f in record["files"]] == ["pdf"]
    with Registry(load_settings(office)) as registry:
        archived = registry.archive.original_path(record["source"]["sha256"], ".docx")
        assert archived.read_bytes() == Path(composed["letter"]["docx"]).read_bytes()
        report = registry.check()
        assert report["ok"], report
        # tracking finds the escalation's copy to TPO like any other letter's
        hits = registry.search("", _filters(copy_to=SECRETARIAT, direction="outgoing")).hits
        assert composed["letter"]["id"] in [hit["id"] for hit in hits]


def _filters(**values: str) -> object:
    from paayesh_docs.registry import Filters

    return Filters(**values)


def test_minutes_are_registered_and_sent_to_tpo(composed: dict) -> None:
    minutes, covering = composed["minutes"], composed["covering"]
    assert "/د/" in minutes["registry_number"] and "/ص/" in covering["registry_number"]
    with Registry(load_settings(composed["office"])) as registry:
        record = registry.get(minutes["id"])
        letter = registry.get(covering["id"])
    assert record["kind"] == "minutes" and record["direction"] == "internal"
    assert record["meeting"] == MINUTES_MEETING
    extracted = extract_file(minutes["docx"])
    assert extracted["kind"] == "minutes" and extracted["date"] == "1405-08-21"
    assert extracted["meeting"] == MINUTES_MEETING
    assert extract_file(minutes["pdf"])["meeting"]["attendees"] == MINUTES_MEETING["attendees"]
    # the contract with tracking: recipient TPO, «صورتجلسه», «جلسه شماره N», the date,
    # and the minutes' registry number as further_to
    assert letter["recipients"] == ["ریاست محترم سازمان توسعه تجارت ایران "
                                    "(دبیرخانه شورای عالی توسعه صادرات غیرنفتی)"]
    assert letter["subject"] == ("ارسال صورتجلسه جلسه شماره ۱۲ کمیته پایش تجارت خارجی استان "
                                 "مورخ ۱۴۰۵/۰۸/۲۱")
    number = minutes["registry_number"].translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert letter["references"] == [{"relation": "further_to", "number": number,
                                     "date": "1405-08-21"}]
    assert f"به شماره ثبت {number}" in extract_file(covering["docx"])["text"]


def test_mail_merge_gives_one_numbered_letter_per_recipient(tmp_path: Path) -> None:
    office = make_office(tmp_path / "office")
    data = write(tmp_path, "merge.toml", merge_letter(3))
    lines = _json_lines(run_paayesh("--home", str(office), "compose", "letter", "--data",
                                    str(data), "--json"))
    assert [line["registry_number"].split("/")[-1] for line in lines] == [
        "000001", "000002", "000003"]
    assert all(line["pdf"] is None and Path(line["docx"]).is_file() for line in lines)
    recipients = [extract_file(line["docx"])["recipients"] for line in lines]
    assert recipients == [[f"ریاست محترم اداره کل شماره {n}"] for n in "۱۲۳"]


def test_draft_has_no_number_and_registers_nothing(tmp_path: Path) -> None:
    office = make_office(tmp_path / "office")
    data = write(tmp_path, "letter.json", json.dumps({
        "subject": "پیش‌نویس نامه", "body": "متن آزمایشی.", "recipients": ["ریاست محترم اداره"]},
        ensure_ascii=False))
    line = _json_lines(run_paayesh("--home", str(office), "compose", "letter", "--data",
                                   str(data), "--draft", "--json"))[0]
    assert line["id"] is None and line["registry_number"] is None
    assert Path(line["docx"]).name.startswith("draft-")
    assert "شماره: پیش‌نویس" in extract_file(line["docx"])["text"]
    with Registry(load_settings(office)) as registry:
        assert registry.all() == []


def test_yaml_data_and_a_date_written_unquoted(tmp_path: Path) -> None:
    office = make_office(tmp_path / "office")
    data = write(tmp_path, "letter.yaml", "subject: نامه از YAML\ndate: 1405-07-01\n"
                 "body: |\n  متن نامه.\nrecipients:\n  - ریاست محترم اداره کل گمرک\n")
    line = _json_lines(run_paayesh("--home", str(office), "compose", "letter", "--data",
                                   str(data), "--json"))[0]
    assert extract_file(line["docx"])["date"] == "1405-07-01"


@pytest.mark.parametrize(("word", "code"), [("آنی", "immediate"),
                                          ("خیلی فوری", "very_urgent")])
def test_each_priority_prints_and_reads_back_as_the_standard_names_it(
        tmp_path: Path, word: str, code: str) -> None:
    """«آنی» printed as «خیلی فوری» before: the two were one code."""
    office = make_office(tmp_path / "office")
    data = write(tmp_path, "letter.toml", LETTER.replace('priority = "فوری"',
                                                         f'priority = "{word}"'))
    line = _json_lines(run_paayesh("--home", str(office), "compose", "letter", "--data",
                                   str(data), "--json", "--pdf"))[0]
    for path in (line["docx"], line["pdf"]):
        fields = extract_file(path)
        assert fields["priority"] == code, path
        assert word in fields["text"], path
    with Registry(load_settings(office)) as registry:
        assert registry.get(line["id"])["priority"] == code


@pytest.mark.parametrize(("text", "words"), [
    ('subject = "x"\nbody = "y"\nrecipients = ["ریاست محترم"]\ncolour = "red"\n',
     ["colour", "signer"]),
    ('body = "y"\nrecipients = ["ریاست محترم"]\n[signer]\nname = "الف"\n', ["subject"]),
    ('subject = "x"\nbody = "y"\nrecipients = ["ریاست محترم"]\npriority = "urgentt"\n'
     '[[references]]\nnumber = "۱۲"\ndate = "1405/13/40"\n',
     ["urgentt", "1405/13/40", "signer"]),
    ('subject = "x\nbody =', ["not valid TOML"]),
])
def test_bad_data_names_every_problem_and_writes_nothing(tmp_path: Path, text: str,
                                                         words: list[str]) -> None:
    office = tmp_path / "office"
    run_paayesh("init", str(office))  # no signer configured
    data = write(tmp_path, "bad.toml", text)
    result = run_paayesh("--home", str(office), "compose", "letter", "--data", str(data))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "bad.toml" in result.stderr
    for word in words:
        assert word in result.stderr, (word, result.stderr)
    assert list((office / "outbox").iterdir()) == []
    assert not (office / "registry" / "files").exists()


COMPOSER = """
import sys
from pathlib import Path
from paayesh_docs.compose import api
from paayesh_docs.config import load_settings
settings = load_settings(Path(sys.argv[1]))
documents = api.letters_from(settings, Path(sys.argv[2]))
print("ready", flush=True)
sys.stdin.readline()  # both processes start composing together
with api.composer(settings) as composer:
    for outcome in composer.compose_all(documents, pdf=False, draft=False):
        print(outcome.registry_number, outcome.docx, flush=True)
"""


def test_two_processes_composing_at_once_never_share_a_number(tmp_path: Path) -> None:
    office = make_office(tmp_path / "office")
    data = write(tmp_path, "merge.toml", merge_letter(12))
    incoming = tmp_path / "in"
    incoming.mkdir()
    for n in range(12):
        write(incoming, f"in-{n}.txt", f"شماره: {n}/و\nتاریخ: ۱۴۰۵/۰۸/۰۱\nموضوع: نامه رسیده {n}\n")
    composers = [subprocess.Popen([sys.executable, "-c", COMPOSER, str(office), str(data)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
                 for _ in range(2)]
    for process in composers:
        assert process.stdout.readline().strip() == "ready"
    watcher = subprocess.Popen([sys.executable, str(ROOT / "tests" / "registry_worker.py"),
                                str(office), *map(str, sorted(incoming.iterdir()))],
                               stdout=subprocess.PIPE, text=True)
    for process in composers:
        process.stdin.write("go\n")
        process.stdin.flush()
    outputs = [process.communicate()[0] for process in composers]
    watcher.communicate()
    assert all(p.returncode == 0 for p in (*composers, watcher))
    numbers = [line.split()[0] for out in outputs for line in out.splitlines()]
    assert len(numbers) == 24 and len(set(numbers)) == 24
    assert sorted(int(n.split("/")[-1]) for n in numbers) == list(range(1, 25))
    with Registry(load_settings(office)) as registry:
        records = registry.all()
        assert len(records) == 36
        for line in (line for out in outputs for line in out.splitlines()):
            number, docx = line.split()
            extracted = extract_file(docx)
            assert extracted["number"] == registry.find(number)["number"]
        assert registry.check()["ok"]


def test_supervisor_report_lists_the_agents_reports_of_that_quarter(composed: dict) -> None:
    report = composed["report"]
    with Registry(load_settings(composed["office"])) as registry:
        record = registry.get(report["id"])
    assert record["kind"] == "report" and record["direction"] == "outgoing"
    assert record["recipients"] == [
        "دبیرخانه کارگروه توسعه خوشه‌های صادرات‌گرا، سازمان توسعه تجارت ایران",
        "دبیرخانه کارگروه توسعه صادرات استان"]
    extracted = extract_file(report["docx"])
    assert extracted["kind"] == "report"
    assert extracted["recipients"] == record["recipients"]
    assert extracted["sender"] == "دکتر مریم سلیمانی، ناظر خوشه خرمای سراوان"
    text = extracted["text"]
    numbers = [line["registry_number"].translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
               for line in composed["agent"]]
    assert numbers[0] in text and numbers[1] not in text and numbers[2] not in text
    assert "به میزان ۱۰ درصد کاهش یابد (از ۵٬۰۰۰٬۰۰۰٬۰۰۰ ریال به ۴٬۵۰۰٬۰۰۰٬۰۰۰ ریال)" in text


def test_budget_beyond_ten_percent_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    office = make_office(tmp_path / "office")
    data = write(tmp_path, "report.toml", REPORT.format(percent=10.5))
    result = run_paayesh("--home", str(office), "compose", "supervisor-report", "--cluster",
                         CLUSTER, "--quarter", "۱۴۰۵Q۲", "--data", str(data))
    assert result.returncode == 2
    assert "۱۰٫۵" in result.stderr or "۱۰.۵" in result.stderr
    assert "ماده ۴-۴" in result.stderr and "10.50%" in result.stderr
    assert list((office / "outbox").iterdir()) == []
    bad = run_paayesh("--home", str(office), "compose", "supervisor-report", "--cluster",
                      CLUSTER, "--quarter", "1405-3", "--data", str(data))
    assert bad.returncode == 2 and "1405Q2" in bad.stderr


def _pages(pdf: Path) -> list:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    return [document[i].render(scale=1).to_pil().convert("L") for i in range(len(document))]


def _lines(image: object) -> list[tuple[int, int]]:
    """(left, right) ink edges of each line of text on a page picture."""
    from PIL import ImageOps

    width, height = image.size
    inverted = ImageOps.invert(image).point(lambda v: 255 if v > 60 else 0)
    lines, current = [], None
    for y in range(height):
        box = inverted.crop((0, y, width, y + 1)).getbbox()
        if box and current is None:
            current = [box[0], box[2]]
        elif box:
            current = [min(current[0], box[0]), max(current[1], box[2])]
        elif current is not None:
            lines.append(tuple(current))
            current = None
    return lines


def test_every_composed_pdf_page_has_text_aligned_right_and_the_font_embedded(
        composed: dict) -> None:
    from pypdf import PdfReader

    pdfs = sorted((composed["office"] / "outbox").glob("*.pdf"))
    assert len(pdfs) == 4  # letter, minutes, covering letter, supervisor report
    for pdf in pdfs:
        for whole in _pages(pdf):
            # the text area: the margins hold the marks, the foot, and on a longer
            # document the page number and the repeated number and date
            top, bottom = round(1.8 / 2.54 * 72), round(2 / 2.54 * 72)
            page = whole.crop((0, top, whole.size[0], whole.size[1] - bottom))
            lines = _lines(page)
            # more than a signature (two lines)
            assert len(lines) >= 5, f"{pdf.name}: a blank page, or a signature left alone"
            right = max(r for _, r in lines)
            flush = [line for line in lines if line[1] >= right - 3]
            assert right > page.size[0] * 0.85, f"{pdf.name}: text does not reach the right"
            assert len(flush) >= len(lines) / 2, f"{pdf.name}: text is not aligned right"
            assert len({left // 4 for left, _ in flush}) > 2, f"{pdf.name}: ragged left"
        for page in PdfReader(pdf).pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                assert "Vazirmatn" in str(font["/BaseFont"]), (pdf.name, font["/BaseFont"])
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, pdf.name
