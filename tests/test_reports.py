"""The periodic report on the tracking season (`tracking_scenario`: 60 letters, 7 minutes),
with its figures written down before the report code, for a half, a quarter and a month.

The office is made by the real commands: `paayesh init`, the season's files registered
with `paayesh ingest` (by direction), a cluster named in `[reports]`, the agent's
quarterly report written in with `paayesh register`, and the resolution of meeting 10
marked done by a clerk (`paayesh resolution done`). Then `paayesh report period … --json`
must give every figure below.

How the figures were counted by hand, from the season's tables:

- letters: every record dated in the period and by the day asked about, by direction,
  kind and month; the counterpart body is the sender of an incoming letter, the
  addressee of an outgoing one (the `[tracking.levels]` body it names, else as written);
- escalations: those raised (dated) in the period, their status as of `--on`; answered on
  time when the reply's date is within the 7-day window; days to reply are reply date
  minus escalation date (E1 5, E2 14, E4 4, E5 15, F5 5, E7 15, E8 4, E10 5); median, and
  the 90th percentile by nearest rank;
- meetings: those held in the period; required = whole 14-day spans from the period's
  first day to the day asked about (or its last day); gaps ending in the period; minutes
  sent to TPO, and how many days after the meeting (9: in the minutes' own رونوشت, 0;
  10: K10 +2; 11: K11 +2 (Mehr has 30 days); 13: K13 +1; 14: K14 +1; 12 never);
- resolutions: those of the meetings held in the period, done when a clerk marked them
  (meeting 10's, on 1405-08-01) or a later letter cites the minutes, else overdue past
  their deadline, else open;
- statistics: the filings due (the 5th of the next month) in the period: Shahrivar's (S1,
  filed 07-03, on time; its deputy check never came and it passed by itself on 07-10),
  Mehr's (S2, filed 08-04, on time; after the correction neither check came: passed by
  itself), Aban's (due 09-05, never filed);
- supervisor reports: one report a quarter per cluster, for the quarters of the period
  begun by the day asked about.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import tracking_scenario as scenario
from conftest import run_paayesh

CLUSTER = "خوشه خرمای سراوان"
CUSTOMS = "مدیرکل گمرک استان سیستان و بلوچستان"

LEVEL_FIELDS = ("raised", "answered", "answered_on_time", "answered_late", "open", "overdue",
                "missing_copy")


def esc(raised: int, answered: int, on_time: int, late: int, open_: int, overdue: int,
        missing: int, median: float | None, p90: int | None) -> dict[str, Any]:
    return {**dict(zip(LEVEL_FIELDS, (raised, answered, on_time, late, open_, overdue, missing),
                       strict=True)), "reply_days": {"median": median, "p90": p90}}


EXPECTED: dict[str, dict[str, Any]] = {
    "1405Q3": {
        "on": "1405-09-20",
        "period": {"name": "1405Q3", "from": "1405-07-01", "to": "1405-09-30"},
        "letters": {"incoming": 26, "outgoing": 35, "internal": 7, "total": 68,
                    "by_kind": {"letter": 60, "minutes": 7, "report": 1},
                    "by_month": {"1405-07": {"incoming": 12, "outgoing": 18, "internal": 4},
                                 "1405-08": {"incoming": 13, "outgoing": 16, "internal": 2},
                                 "1405-09": {"incoming": 1, "outgoing": 1, "internal": 1}},
                    "top_incoming": [(CUSTOMS, 4)],
                    "top_outgoing": [("سازمان توسعه تجارت ایران", 5),
                                     ("کارگروه توسعه صادرات", 5)]},
        "escalations": {**esc(13, 8, 5, 3, 0, 5, 3, 5, 15),
                        "by_level": {"1": esc(5, 3, 2, 1, 0, 2, 2, 5, 15),
                                     "2": esc(5, 4, 2, 2, 0, 1, 1, 9.5, 15),
                                     "3": esc(3, 1, 1, 0, 0, 2, 0, 4, 4)},
                        "histogram": {"0-3": 0, "4-7": 5, "8-14": 1, "15-30": 2, "31+": 0}},
        "meetings": {"held": 6, "regular": 5, "required": 5, "extraordinary": 1, "gaps": 1,
                     "minutes_sent": 5, "minutes_unsent": 1,
                     "days_to_send": {"median": 1, "max": 2}},
        "resolutions": {"total": 6, "done": 1, "open": 0, "overdue": 5, "by_owner": {
            "گمرک استان": {"done": 0, "open": 0, "overdue": 1},
            "دبیرخانه کمیته": {"done": 1, "open": 0, "overdue": 0},
            "اتاق بازرگانی زاهدان": {"done": 0, "open": 0, "overdue": 2},
            "دبیر کمیته": {"done": 0, "open": 0, "overdue": 1},
            "سازمان جهاد کشاورزی استان": {"done": 0, "open": 0, "overdue": 1}}},
        "statistics": {"expected": 3, "filed": 2, "on_time": 2, "late": 0, "missing": 1,
                       "auto_approved": 2, "by_unit": {
                           CUSTOMS: {"filed": 2, "on_time": 2, "late": 0, "auto_approved": 2}}},
        "supervisor_reports": {"expected": 1, "received": 1, "by_cluster": {
            CLUSTER: {"1405Q3": {"expected": 1, "received": 1}}}},
    },
    "1405H2": {
        "on": "1405-09-02",
        "period": {"name": "1405H2", "from": "1405-07-01", "to": "1405-12-29"},
        "letters": {"incoming": 25, "outgoing": 35, "internal": 7, "total": 67,
                    "by_kind": {"letter": 60, "minutes": 7},
                    "by_month": {"1405-07": {"incoming": 12, "outgoing": 18, "internal": 4},
                                 "1405-08": {"incoming": 13, "outgoing": 16, "internal": 2},
                                 "1405-09": {"incoming": 0, "outgoing": 1, "internal": 1}},
                    "top_incoming": [(CUSTOMS, 4)],
                    "top_outgoing": [("سازمان توسعه تجارت ایران", 5),
                                     ("کارگروه توسعه صادرات", 5)]},
        "escalations": {**esc(13, 8, 5, 3, 1, 4, 3, 5, 15),
                        "by_level": {"1": esc(5, 3, 2, 1, 1, 1, 2, 5, 15),
                                     "2": esc(5, 4, 2, 2, 0, 1, 1, 9.5, 15),
                                     "3": esc(3, 1, 1, 0, 0, 2, 0, 4, 4)},
                        "histogram": {"0-3": 0, "4-7": 5, "8-14": 1, "15-30": 2, "31+": 0}},
        "meetings": {"held": 6, "regular": 5, "required": 4, "extraordinary": 1, "gaps": 1,
                     "minutes_sent": 5, "minutes_unsent": 1,
                     "days_to_send": {"median": 1, "max": 2}},
        "resolutions": {"total": 6, "done": 1, "open": 2, "overdue": 3, "by_owner": {
            "گمرک استان": {"done": 0, "open": 0, "overdue": 1},
            "دبیرخانه کمیته": {"done": 1, "open": 0, "overdue": 0},
            "اتاق بازرگانی زاهدان": {"done": 0, "open": 1, "overdue": 1},
            "دبیر کمیته": {"done": 0, "open": 0, "overdue": 1},
            "سازمان جهاد کشاورزی استان": {"done": 0, "open": 1, "overdue": 0}}},
        "statistics": {"expected": 2, "filed": 2, "on_time": 2, "late": 0, "missing": 0,
                       "auto_approved": 2, "by_unit": {
                           CUSTOMS: {"filed": 2, "on_time": 2, "late": 0, "auto_approved": 2}}},
        "supervisor_reports": {"expected": 1, "received": 0, "by_cluster": {
            CLUSTER: {"1405Q3": {"expected": 1, "received": 0}}}},
    },
    "1405-08": {
        "on": "1405-09-20",
        "period": {"name": "1405-08", "from": "1405-08-01", "to": "1405-08-30"},
        "letters": {"incoming": 13, "outgoing": 16, "internal": 2, "total": 31,
                    "by_kind": {"letter": 29, "minutes": 2},
                    "by_month": {"1405-08": {"incoming": 13, "outgoing": 16, "internal": 2}},
                    "top_incoming": [(CUSTOMS, 3), ("مدیرکل دفتر امور گمرکی", 2)],
                    "top_outgoing": [("جناب آقای علیرضا ناروئی مدیرکل محترم گمرک استان "
                                      "سیستان و بلوچستان", 2),
                                     ("شورای عالی توسعه صادرات غیرنفتی", 2),
                                     ("کارگروه توسعه صادرات", 2)]},
        "escalations": {**esc(5, 2, 2, 0, 0, 3, 1, 4.5, 5),
                        "by_level": {"1": esc(2, 0, 0, 0, 0, 2, 1, None, None),
                                     "2": esc(1, 1, 1, 0, 0, 0, 0, 5, 5),
                                     "3": esc(2, 1, 1, 0, 0, 1, 0, 4, 4)},
                        "histogram": {"0-3": 0, "4-7": 2, "8-14": 0, "15-30": 0, "31+": 0}},
        "meetings": {"held": 2, "regular": 1, "required": 2, "extraordinary": 1, "gaps": 1,
                     "minutes_sent": 1, "minutes_unsent": 1,
                     "days_to_send": {"median": 1, "max": 1}},
        "resolutions": {"total": 2, "done": 0, "open": 0, "overdue": 2, "by_owner": {
            "اتاق بازرگانی زاهدان": {"done": 0, "open": 0, "overdue": 1},
            "دبیر کمیته": {"done": 0, "open": 0, "overdue": 1}}},
        "statistics": {"expected": 1, "filed": 1, "on_time": 1, "late": 0, "missing": 0,
                       "auto_approved": 1, "by_unit": {
                           CUSTOMS: {"filed": 1, "on_time": 1, "late": 0, "auto_approved": 1}}},
        "supervisor_reports": {"expected": 1, "received": 1, "by_cluster": {
            CLUSTER: {"1405Q3": {"expected": 1, "received": 1}}}},
    },
}



def ok(*args: str) -> str:
    result = run_paayesh(*args)
    assert result.returncode == 0, (args, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The season's office, made by the real commands."""
    base = tmp_path_factory.mktemp("reports")
    files = scenario.build(base / "season")
    home = base / "office"
    ok("init", str(home))
    config = home / "paayesh.toml"
    text = config.read_text("utf-8")
    assert "\nclusters = []\n" in text
    config.write_text(text.replace("\nclusters = []\n", f'\nclusters = ["{CLUSTER}"]\n'),
                      "utf-8")
    for direction in ("incoming", "outgoing", "internal"):
        paths = [str(files[doc.key]) for doc in scenario.DOCS if doc.direction == direction]
        ok("--home", str(home), "ingest", "--direction", direction, *paths)
    ok("--home", str(home), "register", "--kind", "report", "--date", "1405/09/15",
       "--subject", f"گزارش سه‌ماهه سوم عملکرد {CLUSTER}",
       "--sender", f"عامل توسعه {CLUSTER}")
    ok("--home", str(home), "resolution", "done", "--meeting", "10", "--on", "1405/08/01",
       "--note", "گزارش ارسال شد")
    return home


def report(home: Path, period: str, on: str) -> dict[str, Any]:
    return json.loads(ok("--home", str(home), "report", "period", period, "--on", on, "--json"))


@pytest.mark.parametrize("period", list(EXPECTED))
def test_every_figure_of_the_report(office: Path, period: str) -> None:
    want = EXPECTED[period]
    got = report(office, period, want["on"])
    assert got["on"] == want["on"]
    assert got["period"] == want["period"]
    letters, wanted = got["letters"], want["letters"]
    for name in ("incoming", "outgoing", "internal", "total", "by_kind", "by_month"):
        assert letters[name] == wanted[name], name
    for direction in ("incoming", "outgoing"):
        top = [(row["body"], row["count"]) for row in letters["by_body"][direction]]
        assert top[:len(wanted[f"top_{direction}"])] == wanted[f"top_{direction}"], direction
        assert sum(count for _, count in top) <= letters[direction]
    escalations = got["escalations"]
    assert {k: escalations[k] for k in LEVEL_FIELDS} == {
        k: want["escalations"][k] for k in LEVEL_FIELDS}
    assert {k: escalations["reply_days"][k] for k in ("median", "p90")} == \
        want["escalations"]["reply_days"]
    for level, expected in want["escalations"]["by_level"].items():
        row = escalations["by_level"][level]
        assert {k: row[k] for k in LEVEL_FIELDS} == {k: expected[k] for k in LEVEL_FIELDS}, level
        assert {k: row["reply_days"][k] for k in ("median", "p90")} == expected["reply_days"]
    assert escalations["reply_days"]["histogram"] == want["escalations"]["histogram"]
    meetings = got["meetings"]
    assert {k: meetings[k] for k in want["meetings"]} == want["meetings"]
    resolutions = got["resolutions"]
    assert {k: resolutions[k] for k in want["resolutions"]} == want["resolutions"]
    statistics = got["statistics"]
    assert {k: statistics[k] for k in want["statistics"] if k != "by_unit"} == {
        k: v for k, v in want["statistics"].items() if k != "by_unit"}
    assert {unit: {k: row[k] for k in ("filed", "on_time", "late", "auto_approved")}
            for unit, row in statistics["by_unit"].items()} == want["statistics"]["by_unit"]
    supervisor = got["supervisor_reports"]
    assert (supervisor["expected"], supervisor["received"]) == (
        want["supervisor_reports"]["expected"], want["supervisor_reports"]["received"])
    assert {cluster: {quarter: {k: row[k] for k in ("expected", "received")}
                      for quarter, row in quarters.items()}
            for cluster, quarters in supervisor["by_cluster"].items()} == \
        want["supervisor_reports"]["by_cluster"]


def test_counts_are_integers_and_dates_jalali(office: Path) -> None:
    got = report(office, "1405Q3", "1405-09-20")

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}")
        elif isinstance(value, list):
            for item in value:
                walk(item, path)
        elif isinstance(value, float):
            assert path.endswith((".median", ".p90")), path  # only a median may be x.5
    walk(got, "")
    assert got["period"]["from"] == "1405-07-01"


def test_the_same_report_whenever_it_is_made(office: Path) -> None:
    """As of a day: a report for a past day does not change with what was dated later."""
    first = report(office, "1405H2", "1405-09-02")
    ok("--home", str(office), "register", "--date", "1405/09/25", "--subject", "نامه بعدی",
       "--sender", "اتاق تعاون استان")
    assert report(office, "1405H2", "1405-09-02") == first


@pytest.mark.parametrize("period, message", [("1405Q5", "1405Q5"), ("۱۴۰۵-۱۳", "۱۴۰۵-۱۳"),
                                             ("hello", "hello")])
def test_a_period_that_is_no_period(office: Path, period: str, message: str) -> None:
    result = run_paayesh("--home", str(office), "report", "period", period, "--json")
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert "1405Q3" in result.stderr  # says how to write one


def test_periods_in_any_digits(office: Path) -> None:
    assert report(office, "۱۴۰۵-۰۸", "1405-09-20")["period"]["name"] == "1405-08"
    year = report(office, "1405", "1405-09-20")
    assert year["period"] == {"name": "1405", "from": "1405-01-01", "to": "1405-12-29"}
    assert year["letters"]["total"] == EXPECTED["1405Q3"]["letters"]["total"]


def _library_report(home: Path, period: str, on: str, visible: Any = None) -> dict[str, Any]:
    from paayesh_docs.config import load_settings
    from paayesh_docs.registry import Registry
    from paayesh_docs.reports.figures import period_report
    from paayesh_docs.reports.periods import parse_period
    from paayesh_docs.tracking import Tracker

    with Registry(load_settings(home)) as registry:
        tracker = Tracker(registry)
        tracker.sync()
        try:
            return period_report(tracker, parse_period(period), on, visible)
        finally:
            tracker.close()


def test_records_a_user_may_not_see_count_nowhere(office: Path) -> None:
    everything = _library_report(office, "1405Q3", "1405-09-20")
    assert everything == _library_report(office, "1405Q3", "1405-09-20", lambda record: True)
    no_outgoing = _library_report(office, "1405Q3", "1405-09-20",
                                  lambda record: record.get("direction") != "outgoing")
    assert no_outgoing["letters"]["outgoing"] == 0
    assert no_outgoing["letters"]["incoming"] == everything["letters"]["incoming"]
    assert no_outgoing["escalations"]["raised"] == 0
    # the covering letters are outgoing: only meeting 9's minutes, copied to TPO, were sent
    assert no_outgoing["meetings"]["minutes_sent"] == 1
    assert no_outgoing["statistics"]["by_unit"][CUSTOMS]["auto_approved"] == 2
    nothing = _library_report(office, "1405Q3", "1405-09-20", lambda record: False)
    assert nothing["letters"]["total"] == 0 and nothing["meetings"]["held"] == 0
    assert nothing["resolutions"]["total"] == 0 and nothing["statistics"]["filed"] == 0
    assert nothing["supervisor_reports"]["received"] == 0


def test_a_resolution_is_done_when_a_later_letter_cites_its_minutes(office: Path) -> None:
    from paayesh_docs.config import load_settings
    from paayesh_docs.registry import Registry

    shown = json.loads(ok("--home", str(office), "resolution", "list", "--period", "1405Q3",
                          "--on", "1405-09-30", "--json"))["resolutions"]
    assert {r["meeting"]: r["status"] for r in shown}["11"] == "overdue"
    with Registry(load_settings(office)) as registry:
        minutes = next(r for r in registry.all() if (r.get("meeting") or {}).get("number")
                       and r["meeting"]["number"] in ("11", "۱۱"))
        registry.register_paper({
            "subject": "نتیجه نشست مشترک با صادرکنندگان خرما", "date": "1405-09-26",
            "sender": "دبیر کل اتاق بازرگانی زاهدان",
            "references": [{"relation": "further_to", "number": minutes["registry_number"],
                            "date": None}]})
    shown = json.loads(ok("--home", str(office), "resolution", "list", "--period", "1405Q3",
                          "--on", "1405-09-30", "--json"))["resolutions"]
    eleventh = next(r for r in shown if r["meeting"] == "11")
    assert (eleventh["status"], eleventh["done_by"]) == ("done", "cited")
    tenth = next(r for r in shown if r["meeting"] == "10")
    assert (tenth["status"], tenth["done_by"]) == ("done", "marked")
    before = json.loads(ok("--home", str(office), "resolution", "list", "--period", "1405Q3",
                           "--on", "1405-09-20", "--json"))["resolutions"]
    assert next(r for r in before if r["meeting"] == "11")["status"] == "overdue"


def _due_meetings(home: Path, on: str) -> list[str]:
    due = json.loads(ok("--home", str(home), "due", "--on", on, "--json"))["due"]
    return [row["meeting"] for row in due if row["kind"] == "resolution"]


def test_a_mark_is_undone_and_a_wrong_meeting_is_said(office: Path, tmp_path: Path) -> None:
    copy = tmp_path / "office"
    import shutil

    shutil.copytree(office, copy)
    # marked done as of 1405/08/01: owed before that day, no longer after it
    assert "10" in _due_meetings(copy, "1405-07-25")
    assert "10" not in _due_meetings(copy, "1405-09-20")
    ok("--home", str(copy), "resolution", "undo", "--meeting", "۱۰")
    assert "10" in _due_meetings(copy, "1405-09-20")  # `due` and the report agree
    shown = json.loads(ok("--home", str(copy), "resolution", "list", "--on", "1405-09-20",
                          "--json"))["resolutions"]
    assert next(r for r in shown if r["meeting"] == "10")["status"] == "overdue"
    assert len(shown) == 6
    result = run_paayesh("--home", str(copy), "resolution", "done", "--meeting", "99")
    assert result.returncode == 2 and "99" in result.stderr and "Traceback" not in result.stderr
    result = run_paayesh("--home", str(copy), "resolution", "done", "--meeting", "10",
                         "--item", "3")
    assert result.returncode == 2 and "--item" in result.stderr


# --- the report as files: XLSX, PDF, DOCX, registered ---------------------------------------

def test_xlsx_read_back(office: Path, tmp_path: Path) -> None:
    import datetime

    from openpyxl import load_workbook

    figures = report(office, "1405Q3", "1405-09-20")
    target = tmp_path / "q3.xlsx"
    ok("--home", str(office), "report", "period", "1405Q3", "--on", "1405-09-20", "--xlsx",
       str(target))
    book = load_workbook(target)
    assert book.sheetnames[:3] == ["گزارش", "نامه‌ها", "نامه‌ها به تفکیک ماه"]
    assert "پیگیری‌ها به تفکیک سطح" in book.sheetnames and "فهرست مصوبات" in book.sheetnames
    assert all(sheet.sheet_view.rightToLeft for sheet in book.worksheets)
    letters = {row[0]: row[1] for row in book["نامه‌ها"].iter_rows(min_row=2, values_only=True)}
    assert letters == {"وارده": 26, "صادره": 35, "داخلی": 7, "جمع": 68}  # numbers, not text
    listed = list(book["فهرست پیگیری‌ها"].iter_rows(values_only=True))
    header, first = listed[0], listed[1]
    assert header[:3] == ("شماره ثبت", "تاریخ", "تاریخ (میلادی)")
    assert first[1] == "1405/07/03" and first[2] == datetime.datetime(2026, 9, 25)
    assert len(listed) - 1 == figures["escalations"]["raised"]
    levels = list(book["پیگیری‌ها به تفکیک سطح"].iter_rows(min_row=2, values_only=True))
    assert levels[-1][:3] == ("جمع", 13, 5) and levels[1][7] == 9.5


def _pdf_text(path: Path) -> list[str]:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def test_pdf_report(office: Path, tmp_path: Path) -> None:
    import pypdfium2
    from pypdf import PdfReader

    target = tmp_path / "h2.pdf"
    ok("--home", str(office), "report", "period", "1405H2", "--on", "1405-09-02", "--pdf",
       str(target))
    pages = _pdf_text(target)
    assert len(pages) >= 3
    whole = "\n".join(pages)
    # the charts are there, their Persian labels shaped and in reading order
    for label in ("مهر ۱۴۰۵ آبان ۱۴۰۵ آذر ۱۴۰۵", "وارده صادره داخلی", "سطح ۱", "جلسات عادی",
                  "۴ تا ۷ روز", "شش‌ماهه دوم ۱۴۰۵".replace("\u200c", "")):
        assert label in whole.replace("\u200c", ""), label
    fonts = {str(font.get("/BaseFont")) for page in PdfReader(target).pages
             for font in (page["/Resources"].get("/Font") or {}).values()
             for font in [font.get_object()]}
    assert fonts and all("Vazirmatn" in name for name in fonts)
    pdf = pypdfium2.PdfDocument(target)
    try:  # right-aligned: the subject line ends at the right margin (2 cm)
        page = pdf[0]
        width = page.get_width()
        text = page.get_textpage()
        found = text.search("موضوع")
        first = found.get_next()
        assert first is not None
        left, _, right, _ = text.get_charbox(first[0])
        assert width - right < 2.2 / 2.54 * 72
        assert left > width / 2
    finally:
        pdf.close()


def test_charts_draw_no_persian_as_svg_text(office: Path) -> None:
    """WeasyPrint draws SVG text letter by letter: words stand in HTML boxes over the SVG."""
    import re

    from paayesh_docs.reports.charts import charts

    figures = report(office, "1405Q3", "1405-09-20")
    for chart in charts(figures):
        texts = re.findall(r"<text[^>]*>([^<]*)</text>", chart.html)
        assert texts and all(re.fullmatch(r"[۰-۹٫]+", t) for t in texts), chart.key
        assert "position: absolute" in chart.html


def test_docx_report(office: Path, tmp_path: Path) -> None:
    import shutil
    import subprocess
    import zipfile

    from docx import Document

    target = tmp_path / "m.docx"
    ok("--home", str(office), "report", "period", "1405-08", "--on", "1405-09-20", "--docx",
       str(target))
    document = Document(str(target))
    assert len(document.inline_shapes) == 4  # the four charts, as pictures
    texts = "\n".join(p.text for p in document.paragraphs)
    assert "گزارش تحلیلی عملکرد کمیته پایش تجارت خارجی استان در آبان ۱۴۰۵" in texts
    assert "۵ نامه پیگیری" in texts
    body = zipfile.ZipFile(target).read("word/document.xml").decode("utf-8")
    assert "<w:bidi/>" in body and "<w:bidiVisual/>" in body and "<w:rtl/>" in body
    assert any(name.startswith("word/fonts/") for name in zipfile.ZipFile(target).namelist())
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(target)], check=True, capture_output=True, timeout=180,
                   env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    pages = _pdf_text(tmp_path / "m.pdf")
    assert len(pages) >= 2 and "مکاتبات دبیرخانه" in "\n".join(pages)


def test_registered_like_any_composed_document(office: Path, tmp_path: Path) -> None:
    import shutil

    home = tmp_path / "office"
    shutil.copytree(office, home)
    before = report(home, "1405-08", "1405-09-20")
    got = json.loads(ok("--home", str(home), "report", "period", "1405-08", "--on",
                        "1405-09-20", "--register", "--json"))
    registered = got["registered"]
    number = registered["registry_number"]
    assert "/ص/" in number and Path(registered["docx"]).is_file()
    assert Path(registered["pdf"]).is_file()
    assert Path(registered["docx"]).parent == home / "outbox"
    shown = json.loads(ok("--home", str(home), "show", number, "--json"))
    assert shown["kind"] == "report" and shown["subject"].startswith("گزارش تحلیلی")
    assert [f["format"] for f in shown["files"]] == ["pdf"]
    from paayesh_docs.persian.digits import to_persian_digits

    read = json.loads(ok("extract", registered["pdf"], "--json"))  # as the inbox reads it
    assert read["number"] == to_persian_digits(number)
    assert read["subject"] == shown["subject"]
    after = report(home, "1405-08", "1405-09-20")  # the report is no escalation of its own
    assert after["escalations"] == before["escalations"]
    check = run_paayesh("--home", str(home), "check")
    assert check.returncode == 0, check.stdout


# --- the register and the exports -----------------------------------------------------------

def _calc() -> str | None:
    """soffice when LibreOffice Calc is installed with it (without Calc it opens no
    workbook at all)."""
    import shutil

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    program = Path(soffice).resolve().parent
    return soffice if (program.parent / "share" / "registry" / "calc.xcd").exists() else None


def test_the_register_of_a_year(office: Path, tmp_path: Path) -> None:
    import shutil

    import pypdfium2
    from openpyxl import load_workbook

    home = tmp_path / "office"
    shutil.copytree(office, home)
    ok("--home", str(home), "void", "2", "--reason", "ثبت تکراری")
    year = json.loads(ok("--home", str(home), "register", "--help") and ok(
        "--home", str(home), "report", "register", "۱۴۰۵", "--json"))
    rows = year["rows"]
    directions = [r["direction"] for r in rows]
    assert directions == sorted(directions, key=["incoming", "outgoing", "internal"].index)
    for direction in ("incoming", "outgoing", "internal"):
        seqs = [r["seq"] for r in rows if r["direction"] == direction]
        assert seqs == list(range(1, len(seqs) + 1))  # every number, in order
    voided = [r for r in rows if r["void"]]
    assert [r["id"] for r in voided] == [2] and voided[0]["void_reason"] == "ثبت تکراری"
    incoming = json.loads(ok("--home", str(home), "report", "register", "1405", "--direction",
                             "incoming", "--json"))["rows"]
    assert {r["direction"] for r in incoming} == {"incoming"} and len(incoming) == len(
        [r for r in rows if r["direction"] == "incoming"])
    pdf_path, xlsx_path = tmp_path / "register.pdf", tmp_path / "register.xlsx"
    ok("--home", str(home), "report", "register", "1405", "--pdf", str(pdf_path), "--xlsx",
       str(xlsx_path))
    pdf = pypdfium2.PdfDocument(pdf_path)
    try:
        assert pdf[0].get_width() > pdf[0].get_height()  # landscape
    finally:
        pdf.close()
    text = "\n".join(_pdf_text(pdf_path))
    assert "دفتر اندیکاتور ۱۴۰۵" in text and "ابطال" in text
    sheet = load_workbook(xlsx_path).worksheets[0]
    assert sheet.sheet_view.rightToLeft and sheet.max_row == len(rows) + 1
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b
    first = next(sheet.iter_rows(min_row=2, values_only=True))
    assert first[0] == rows[0]["registry_number"]
    listed = list(sheet.iter_rows(min_row=2, values_only=True))
    void = next(line for line in listed if line[0] == voided[0]["registry_number"])
    assert void[-1] == "ابطال‌شده: ثبت تکراری"
    calc = _calc()
    if calc is not None:  # as a clerk opens it: LibreOffice reads every row
        import csv
        import io
        import subprocess

        subprocess.run([calc, "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                        "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
                        "--outdir", str(tmp_path), str(xlsx_path)],
                       check=True, capture_output=True, timeout=180)
        table = list(csv.reader(io.StringIO((tmp_path / "register.csv").read_text("utf-8"),
                                            newline="")))
        assert table[0][:3] == ["شماره ثبت", "تاریخ ثبت", "تاریخ ثبت (میلادی)"]
        assert len(table) == len(rows) + 1 and table[1][0] == rows[0]["registry_number"]
    result = run_paayesh("--home", str(home), "report", "register", "سال")
    assert result.returncode == 2 and "1405" in result.stderr


def test_search_exports(office: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    found = json.loads(ok("--home", str(office), "search", "صادرات", "--direction", "incoming",
                          "--limit", "3", "--json"))
    csv_path, xlsx_path = tmp_path / "hits.csv", tmp_path / "hits.xlsx"
    ok("--home", str(office), "search", "صادرات", "--direction", "incoming", "--limit", "3",
       "--csv", str(csv_path), "--xlsx", str(xlsx_path))
    data = csv_path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads Persian
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("شماره ثبت,تاریخ,تاریخ (میلادی)")
    assert len(lines) - 1 == found["total"] > 3  # every hit, not only --limit
    assert {line.split(",")[4] for line in lines[1:]} == {"وارده"}
    sheet = load_workbook(xlsx_path).worksheets[0]
    assert sheet.sheet_view.rightToLeft and sheet.max_row - 1 == found["total"]
