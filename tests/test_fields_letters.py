"""Fields that letters and minutes tried by hand got wrong (issue 11, section 3), each
through `extract_file` on real DOCX, PDF and text files written here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from compose_samples import AGENT_REPORT, CLUSTER, REPORT, make_office, write
from conftest import run_paayesh
from groundtruth import Spec, Table, write_docx, write_pdf

from paayesh_docs.ingest import extract_file

COMMITTEE = "کمیته پایش تجارت خارجی استان"
SUBJECT = f"صورتجلسه جلسه شماره ۱۸ {COMMITTEE}"
SIGNER = ["محمد رضایی", "مدیرکل دفتر توسعه صادرات"]
HEADER = ["شماره: ۲۳۴/ص/۱۴۰۵", "تاریخ: ۱۴۰۵/۰۸/۲۰"]


def _write(folder: Path, name: str, lines: list[Any], kind: str) -> Path:
    """`lines` as a text file, a DOCX (tables as tables) or a PDF."""
    path = folder / name
    spec = Spec(name, {}, (), lines)
    if kind == "txt":
        path.write_text("\n".join(line if isinstance(line, str) else
                                  "\n".join("\t".join(row) for row in line.texts())
                                  for line in lines) + "\n", encoding="utf-8")
    elif kind == "docx":
        write_docx(spec, path, "plain")
    else:
        write_pdf(spec, path, "plain")
    return path


def _extract(tmp_path: Path, lines: list[Any], kind: str = "txt") -> dict[str, Any]:
    result = extract_file(_write(tmp_path, f"doc.{kind}", lines, kind))
    assert result["status"] == "ok", result["reason"]
    return result


MINUTES_HEAD = [
    "بسمه تعالی",
    "صورتجلسه",
    f"جلسه شماره ۱۸ {COMMITTEE}",
    "تاریخ جلسه: ۱۴۰۵/۰۸/۱۴",
    "محل برگزاری: سالن جلسات استانداری",
    "حاضرین: رئیس سازمان صنعت، معدن و تجارت استان؛ مدیرکل گمرک استان؛ "
    "نماینده اتاق بازرگانی، صنایع، معادن و کشاورزی",
    "دستور جلسه:",
    "۱- بررسی موانع صادرات",
]


# --- minutes -------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_minutes_date_is_the_meeting_not_the_first_deadline(tmp_path: Path, kind: str) -> None:
    table = Table([["ردیف", "شرح مصوبه", "مسئول اجرا", "مهلت"],
                   ["۱", "گزارش موانع صادرات تهیه شود", "سازمان صمت", "۱۴۰۵/۰۸/۲۸"],
                   ["۲", "فهرست کالاهای معطل ارسال شود", "گمرک استان", "ظرف دو هفته"]])
    result = _extract(tmp_path, [*MINUTES_HEAD, "مصوبات:", table], kind)
    assert result["kind"] == "minutes"
    assert (result["date"], result["date_gregorian"]) == ("1405-08-14", "2026-11-05")
    assert result["meeting"]["date"] == "1405-08-14"
    deadlines = [r["deadline"] for r in result["meeting"]["resolutions"]]
    assert deadlines == ["1405-08-28", "1405-08-28"]  # two weeks after 08-14


@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_attendees_are_parted_by_semicolons_only(tmp_path: Path, kind: str) -> None:
    result = _extract(tmp_path, [*MINUTES_HEAD, "مصوبات:", "۱- پیگیری شود."], kind)
    assert result["meeting"]["attendees"] == [
        "رئیس سازمان صنعت، معدن و تجارت استان", "مدیرکل گمرک استان",
        "نماینده اتاق بازرگانی، صنایع، معادن و کشاورزی"]


@pytest.mark.parametrize("kind", ["txt", "docx", "pdf"])
def test_minutes_without_a_subject_line_get_one_a_clerk_knows(tmp_path: Path,
                                                              kind: str) -> None:
    result = _extract(tmp_path, [*MINUTES_HEAD, "مصوبات:", "۱- پیگیری شود."], kind)
    assert result["subject"] == SUBJECT
    assert result["sender"] is None  # the last resolution is nobody's signature


def test_minutes_with_a_subject_line_keep_it(tmp_path: Path) -> None:
    result = _extract(tmp_path, [*MINUTES_HEAD[:4], "موضوع: بررسی موانع صادرات",
                                 "مصوبات:", "۱- پیگیری شود."])
    assert result["subject"] == "بررسی موانع صادرات"


@pytest.mark.parametrize(("written", "deadline"), [
    ("مسئول: گمرک استان، تا ۱۴۰۵/۰۸/۳۰", "1405-08-30"),
    ("مسئول: گمرک استان، تا تاریخ ۱۴۰۵/۰۹/۰۵", "1405-09-05"),
    ("مسئول: اتاق بازرگانی، ظرف دو هفته", "1405-08-28"),
    ("مسئول: دبیرخانه، ظرف ۱۰ روز", "1405-08-24"),
    ("مسئول: دبیرخانه، ظرف مدت یک ماه", "1405-09-14"),
    ("مسئول: دبیر کمیته، حداکثر تا پایان آبان", "1405-08-30"),
    ("مسئول: دبیر کمیته، تا پایان آذر ماه", "1405-09-30"),
    ("مسئول: دبیر کمیته، مهلت: دو هفته", "1405-08-28"),
    ("مسئول: دبیر کمیته، تا پایان سال", "1405-12-29"),
    ("مسئول: دبیر کمیته", None),
])
def test_deadlines_until_a_date_or_counted_from_the_meeting(tmp_path: Path, written: str,
                                                           deadline: str | None) -> None:
    result = _extract(tmp_path, [*MINUTES_HEAD, "مصوبات:", f"۱- گزارش ارائه شود. {written}"])
    [resolution] = result["meeting"]["resolutions"]
    assert resolution["deadline"] == deadline
    assert resolution["text"] == "گزارش ارائه شود"


def test_paayesh_extract_json_prints_the_minutes_fields(tmp_path: Path) -> None:
    path = _write(tmp_path, "minutes.docx",
                  [*MINUTES_HEAD, "مصوبات:",
                   "۱- گزارش موانع تهیه شود. مسئول: سازمان صمت، ظرف دو هفته"], "docx")
    result = run_paayesh("extract", str(path), "--json")
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stdout)
    assert (line["date"], line["subject"]) == ("1405-08-14", SUBJECT)
    assert line["meeting"]["attendees"][0] == "رئیس سازمان صنعت، معدن و تجارت استان"
    assert line["meeting"]["resolutions"][0]["deadline"] == "1405-08-28"


# --- letters: sender, copies, recipients ----------------------------------------------------------

@pytest.mark.parametrize("kind", ["txt", "docx", "pdf"])
@pytest.mark.parametrize("heading", ["رونوشت به:", "رونوشت جهت اطلاع:", "گیرندگان رونوشت:"])
def test_a_copies_heading_is_no_sender_and_keeps_its_copy(tmp_path: Path, kind: str,
                                                          heading: str) -> None:
    result = _extract(tmp_path, [*HEADER, "به: اداره کل گمرک استان",
                                 "موضوع: آمار صادرات مهر ماه", "با سلام",
                                 "آمار صادرات مهر ماه به پیوست ارسال می‌شود.", *SIGNER,
                                 f"{heading} دبیرخانه کمیته پایش جهت اطلاع"], kind)
    assert result["sender"] == SIGNER[1]
    assert result["copies"] == [{"to": "دبیرخانه کمیته پایش", "purpose": "جهت اطلاع"}]
    assert result["recipients"] == ["اداره کل گمرک استان"]


@pytest.mark.parametrize("kind", ["txt", "docx", "pdf"])
@pytest.mark.parametrize(("ending", "sender"), [
    (["خواهشمند است دستور اقدام لازم را صادر فرمایید"], None),
    (["مراتب جهت استحضار و صدور دستور مقتضی ایفاد می‌گردد"], None),
    (["در انتظار پاسخ هستیم"], None),
    (["با تشکر"], None),
    (["با تشکر", *SIGNER], SIGNER[1]),
    (["با احترام", "اتاق بازرگانی زاهدان"], "اتاق بازرگانی زاهدان"),
    (["علی حمید"], "علی حمید"),  # a name that ends like a verb's stem is still a name
])
def test_a_letter_without_a_signature_has_no_sender(tmp_path: Path, kind: str,
                                                   ending: list[str], sender: str | None
                                                   ) -> None:
    """Its last line is a request, a sentence or «با تشکر», never the signer."""
    result = _extract(tmp_path, [*HEADER, "ریاست محترم سازمان صنعت، معدن و تجارت استان",
                                 "موضوع: درخواست آمار صادرات", "با سلام و احترام",
                                 "آمار صادرات زعفران استان را ارسال فرمایید.", *ending], kind)
    assert result["sender"] == sender


def test_an_addressee_line_is_no_sender(tmp_path: Path) -> None:
    """A covering sheet: header, subject and «به:» only."""
    result = _extract(tmp_path, [*HEADER, "موضوع: ارسال مدارک", "به: اداره کل گمرک استان"])
    assert result["sender"] is None
    assert result["recipients"] == ["اداره کل گمرک استان"]


@pytest.mark.parametrize("kind", ["txt", "docx", "pdf"])
@pytest.mark.parametrize(("block", "recipient"), [
    (["مدیرعامل محترم شرکت شهرک‌های صنعتی استان"], "مدیرعامل محترم شرکت شهرک‌های صنعتی استان"),
    (["فرماندار محترم شهرستان سراوان"], "فرماندار محترم شهرستان سراوان"),
    (["ریاست محترم سازمان صنعت، معدن و تجارت استان"],
     "ریاست محترم سازمان صنعت، معدن و تجارت استان"),
])
def test_a_salutation_without_to_gives_the_recipient(tmp_path: Path, kind: str,
                                                     block: list[str], recipient: str) -> None:
    result = _extract(tmp_path, [*HEADER, *block, "موضوع: آمار صادرات", "با سلام",
                                 "آمار به پیوست ارسال می‌شود.", *SIGNER], kind)
    assert result["recipients"] == [recipient]
    assert result["sender"] == SIGNER[1]


def test_an_addressee_below_the_subject_line_is_the_recipient(tmp_path: Path) -> None:
    result = _extract(tmp_path, [*HEADER, "موضوع: آمار صادرات",
                                 "ریاست محترم سازمان صنعت، معدن و تجارت استان", "با سلام",
                                 "آمار به پیوست ارسال می‌شود.", *SIGNER])
    assert result["recipients"] == ["ریاست محترم سازمان صنعت، معدن و تجارت استان"]


# --- markings ---------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["txt", "docx", "pdf"])
@pytest.mark.parametrize(("marks", "priority", "classification"), [
    ("محرمانه — فوری", "urgent", "confidential"),
    ("خیلی فوری / محرمانه", "very_urgent", "confidential"),
    ("فوری - خیلی محرمانه", "urgent", "highly_confidential"),
    ("آنی", "immediate", None),
    ("خیلی فوری", "very_urgent", None),
    ("سری، آنی", "immediate", "secret"),
])
def test_marks_written_together_set_both(tmp_path: Path, kind: str, marks: str,
                                         priority: str, classification: str | None) -> None:
    result = _extract(tmp_path, [marks, *HEADER, "به: اداره کل گمرک استان",
                                 "موضوع: آمار صادرات", "با سلام", "متن نامه.", *SIGNER], kind)
    assert (result["priority"], result["classification"]) == (priority, classification)


# --- junk subjects ------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["txt", "docx"])
@pytest.mark.parametrize(("written", "subject"), [
    ("<Date>", None), ("۱۲۳", None), ("November", None), ("12 November 2025", None),
    ("{subject}", None), ("۱۴۰۵/۰۸/۲۰", None),
    ("گزارش November", "گزارش November"), ("Export report", "Export report"),
])
def test_junk_subjects_are_left_empty(tmp_path: Path, kind: str, written: str,
                                      subject: str | None) -> None:
    result = _extract(tmp_path, [*HEADER, f"موضوع: {written}", "متن."], kind)
    assert result["subject"] == subject


# --- a composed supervisor report is no escalation ------------------------------------------

def test_a_composed_supervisor_report_is_no_escalation(tmp_path: Path) -> None:
    office = make_office(tmp_path / "office")
    agent = write(tmp_path, "agent.txt", AGENT_REPORT.format(
        quarter="دوم", cluster=CLUSTER, number="۵۵/ع", date="۱۴۰۵/۰۷/۰۵"))
    assert run_paayesh("--home", str(office), "ingest", str(agent)).returncode == 0
    data = write(tmp_path, "report.toml", REPORT.format(percent=-10))
    composed = run_paayesh("--home", str(office), "compose", "supervisor-report", "--cluster",
                           CLUSTER, "--quarter", "1405Q2", "--data", str(data), "--json")
    assert composed.returncode == 0, composed.stderr
    report = json.loads(composed.stdout.splitlines()[0])
    listed = run_paayesh("--home", str(office), "escalations", "--json")
    assert listed.returncode == 0, listed.stderr
    assert report["registry_number"] not in listed.stdout
    due = run_paayesh("--home", str(office), "due", "--json")
    assert due.returncode == 0, due.stderr
    assert report["registry_number"] not in due.stdout


# --- letters: a number whose letter comes first ---------------------------------------------

@pytest.mark.parametrize("kind", ["txt", "docx", "pdf"])
@pytest.mark.parametrize(("written", "number"), [
    ("س/۲۰۸۹/۱۴۰۵", "س/۲۰۸۹/۱۴۰۵"),
    ("الف / ۸۱۴", "الف/۸۱۴"),
    ("ص-۱۲۳", "ص-۱۲۳"),
])
def test_a_number_whose_letter_group_comes_first(tmp_path: Path, kind: str, written: str,
                                                 number: str) -> None:
    """Some offices put their letter before the digits («س/۲۰۸۹/۱۴۰۵»): the number was
    lost (no group before the first slash held a digit), in the header and in a
    reference; a word with no digit after it is still no number."""
    result = _extract(tmp_path, [f"شماره: {written}", "تاریخ: ۱۴۰۵/۰۸/۲۰",
                                 "ریاست محترم سازمان صنعت، معدن و تجارت استان",
                                 "موضوع: آمار صادرات آبان ماه", "با سلام",
                                 f"عطف به نامه شماره {written} مورخ ۱۴۰۵/۰۸/۰۲ آمار صادرات "
                                 "آبان ماه به پیوست ارسال می‌شود.", *SIGNER], kind)
    assert result["number"] == number
    assert result["references"] == [{"relation": "reply_to", "number": number,
                                      "date": "1405-08-02"}]
    plain = _extract(tmp_path, ["شماره: ندارد", "تاریخ: ۱۴۰۵/۰۸/۲۰", "موضوع: آمار"], kind)
    assert plain["number"] is None
