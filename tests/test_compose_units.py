"""The pure parts of compose: quarters, the agent's reports, the budget rule, file names,
bidi isolation in the PDF twin, tags that do not close."""

from __future__ import annotations

import jdatetime
import pytest

from paayesh_docs.compose.errors import ComposeError
from paayesh_docs.compose.flow import outbox_name
from paayesh_docs.compose.inputs import Problems, copies, marks, priority, references, text
from paayesh_docs.compose.pdf import isolate
from paayesh_docs.compose.supervisor import (
    budget_line,
    parse_quarter,
    quarter_range,
    select_agent_reports,
)
from paayesh_docs.compose.templates import unclosed_tag


def test_quarters() -> None:
    assert parse_quarter("۱۴۰۵Q۲") == (1405, 2) == parse_quarter(" 1405-q2 ")
    with pytest.raises(ComposeError):
        parse_quarter("1405Q5")
    assert quarter_range(1405, 2) == (jdatetime.date(1405, 4, 1), jdatetime.date(1405, 6, 31))
    assert quarter_range(1403, 4)[1] == jdatetime.date(1403, 12, 30)  # a leap Esfand
    assert quarter_range(1404, 4)[1] == jdatetime.date(1404, 12, 29)


def _record(date: str, subject: str, kind: str = "report", direction: str = "incoming") -> dict:
    return {"date": date, "subject": subject, "kind": kind, "direction": direction,
            "registry_number": f"1405/و/{date[-2:]}"}


def test_agent_reports_of_a_cluster_and_quarter() -> None:
    cluster = "خوشه خرمای سراوان"
    candidates = [
        (_record("1405-05-10", "گزارش پیشرفت خوشه خرمای سراوان"), ""),
        (_record("1405-07-20", "گزارش عامل توسعه"), "سه ماهه دوم خوشه خرمای سراوان"),
        (_record("1405-07-25", "گزارش عامل توسعه"), "سه‌ماهه سوم خوشه خرمای سراوان"),
        (_record("1405-08-10", "گزارش خوشه خرمای سراوان"), ""),  # too late
        (_record("1405-05-11", "گزارش خوشه فرش زاهدان"), ""),  # another cluster
        (_record("1405-05-12", "گزارش خوشه خرمای سراوان", direction="outgoing"), ""),
        (_record("1405-05-13", "دعوت به جلسه خوشه خرمای سراوان", kind="letter"), ""),
    ]
    found = select_agent_reports(candidates, cluster, 1405, 2)
    assert [r["date"] for r in found] == ["1405-05-10", "1405-07-20"]


@pytest.mark.parametrize(("budget", "ok"), [
    ({"current": 1000, "change_percent": 10}, True),
    ({"current": 1000, "change_percent": -10}, True),
    ({"current": 1000, "proposed": 1100}, True),
    ({"current": 1000, "proposed": 1101}, False),
    ({"current": "۱۰۰۰", "change_percent": "-۱۰٫۵".replace("٫", ".")}, False),
    ({"current": 0, "proposed": 10}, False),
    ({"change_percent": 5}, False),
])
def test_budget_adjustment_is_at_most_ten_percent(budget: dict, ok: bool) -> None:
    problems = Problems()
    line = budget_line(budget, problems)
    assert bool(line) == ok and bool(problems) != ok


def test_outbox_names_and_isolation() -> None:
    assert outbox_name("1405/ص/000045") == "1405-ص-000045"
    assert outbox_name("1405 ص:45") == "1405-ص-45"
    assert str(isolate("کد HS 0804 & «خرما»")) == 'کد <bdi dir="ltr">HS 0804</bdi> &amp; «خرما»'
    assert str(isolate("مورخ ۱۴۰۵/۰۸/۲۱")) == "مورخ ۱۴۰۵/۰۸/۲۱"


def test_tags_must_close_in_their_paragraph() -> None:
    assert unclosed_tag("موضوع: {{ subject }} و {% if x %}") is None
    assert unclosed_tag("موضوع: {{ subject") == "{{ subject"
    assert unclosed_tag("{{ a }} }}") == "}}"
    assert unclosed_tag("{{ a %}") == "{{ a %}"


def test_copies_and_references_read_as_a_clerk_writes_them() -> None:
    problems = Problems()
    assert copies(["گمرک استان", {"to": "اتاق تعاون", "purpose": "اطلاع"}], problems) == [
        {"to": "گمرک استان", "purpose": ""}, {"to": "اتاق تعاون", "purpose": "جهت اطلاع"}]
    refs = references([{"relation": "پیرو", "number": "12 / 34", "date": "۱۴۰۵/۱/۲"}], problems)
    assert refs[0]["relation"] == "further_to" and refs[0]["number"] == "۱۲/۳۴"
    assert not problems
    references([{"relation": "سلام", "when": "x"}], problems)
    assert len(problems.items) == 3  # relation, number, unknown field


@pytest.mark.parametrize(("written", "printed"), [
    ("مبلغ 7,775,000 ریال", "مبلغ ۷٬۷۷۵٬۰۰۰ ریال"),
    ("مبلغ ۷،۷۷۵،۰۰۰ ریال", "مبلغ ۷٬۷۷۵٬۰۰۰ ریال"),
    ("بالغ بر ۷/۷۷۵/۰۰۰/۰۰۰ ریال", "بالغ بر ۷٬۷۷۵٬۰۰۰٬۰۰۰ ریال"),
    ("بالغ بر 7775000000 ریال", "بالغ بر ۷٬۷۷۵٬۰۰۰٬۰۰۰ ریال"),
    ("۱۲۳۴۵ تومان", "۱۲٬۳۴۵ تومان"),
    (5_000_000_000, "۵٬۰۰۰٬۰۰۰٬۰۰۰"),
    # what is not an amount keeps its form: dates, letter numbers, years, small counts
    ("جلسه مورخ ۱۴۰۵/۰۸/۱۴", "جلسه مورخ ۱۴۰۵/۰۸/۱۴"),
    ("نامه شماره ۱۲۳/۴۵۶/ص و 20794", "نامه شماره ۱۲۳/۴۵۶/ص و ۲۰۷۹۴"),
    ("سال 1405", "سال ۱۴۰۵"), (1405, "۱۴۰۵"), (12, "۱۲"),
    ("بندهای ۱۲، ۳۴ و ۵۶", "بندهای ۱۲، ۳۴ و ۵۶"),
])
def test_amounts_print_with_the_persian_thousands_separator(written: object,
                                                           printed: str) -> None:
    assert text(written) == printed


def test_priorities_as_the_standard_names_them() -> None:
    problems = Problems()
    codes = [priority(word, problems) for word in ("عادی", "فوری", "خیلی فوری", "آنی")]
    assert not problems
    assert codes == ["normal", "urgent", "very_urgent", "immediate"]
    assert [marks(code, None) for code in codes] == [[], ["فوری"], ["خیلی فوری"], ["آنی"]]
    assert priority("immediate", problems) == "immediate"
    assert marks("very_urgent", "confidential") == ["محرمانه", "خیلی فوری"]
