"""The supervisor report of a cluster for one quarter (آیین‌نامه نظارت بر خوشه‌ها، ماده ۴).

The development agent reports every three months to the supervisor and the working
group (4-1); the supervisor reviews the programme's performance and economic return
and sends the results with improvement proposals to the cluster working-group
secretariats at TPO and in the province (4-3); the working groups may raise or cut a
cluster's budget by at most 10% on the supervisor's word (4-4).

So the report lists the agent's reports found in the registry for that cluster and
quarter (or says none arrived, which is itself a finding), and refuses a budget
adjustment beyond ±10% before anything is written.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import jdatetime

from paayesh_docs.compose import inputs
from paayesh_docs.compose.documents import Prepared, check_fields
from paayesh_docs.compose.errors import ComposeError, problems_error
from paayesh_docs.compose.inputs import Problems
from paayesh_docs.compose.letter import common, public, record_base, signer
from paayesh_docs.config import Settings
from paayesh_docs.ingest.fields import display
from paayesh_docs.persian.dates import add_days, format_iso, format_jalali, parse_jalali
from paayesh_docs.persian.digits import to_latin_digits, to_persian_digits
from paayesh_docs.persian.text import normalize, search_terms

QUARTER_NAMES = ("اول", "دوم", "سوم", "چهارم")
BUDGET_LIMIT = Decimal(10)  # percent, ماده ۴-۴
LATE_DAYS = 31  # a quarter's report often arrives in the first month of the next one
RECIPIENTS = ("دبیرخانه کارگروه توسعه خوشه‌های صادرات‌گرا، سازمان توسعه تجارت ایران",
              "دبیرخانه کارگروه توسعه صادرات استان")
INPUTS = {"supervisor", "signer", "progress", "obstacles", "assessment", "proposals", "budget",
          "recipients", "copies", "date", "attachments", "priority", "classification",
          "organisation", "footer"}
COMPUTED = {"organisation", "number", "date", "attachments", "marks", "footer", "registry_line",
            "title", "recipients", "sender", "subject", "agent_reports", "no_agent_report",
            "progress", "obstacles", "assessment", "proposals", "budget_line", "signer_name",
            "signer_title", "copies", "cluster", "quarter"}
_QUARTER = re.compile(r"^\s*(\d{4})\s*[-/]?\s*[Qq]\s*([1-4])\s*$")
_NAMED_QUARTER = re.compile(r"(?:سه[\s\u200c]*ماهه|فصل)\s*(اول|دوم|سوم|چهارم)")


def parse_quarter(text: str) -> tuple[int, int]:
    """`1405Q2` (any digits) -> (1405, 2)."""
    match = _QUARTER.match(to_latin_digits(text))
    if not match:
        raise ComposeError(f"«{text}» یک فصل نیست؛ به این شکل بنویسید: 1405Q2",
                           f"{text!r} is not a quarter; write it like 1405Q2")
    return int(match.group(1)), int(match.group(2))


def quarter_range(year: int, quarter: int) -> tuple[jdatetime.date, jdatetime.date]:
    """The first and last day of a Jalali quarter (Esfand has 29 or 30 days)."""
    start = jdatetime.date(year, quarter * 3 - 2, 1)
    following = jdatetime.date(year + 1, 1, 1) if quarter == 4 \
        else jdatetime.date(year, quarter * 3 + 1, 1)
    return start, add_days(following, -1)


def quarter_name(year: int, quarter: int) -> str:
    return f"سه‌ماهه {QUARTER_NAMES[quarter - 1]} {to_persian_digits(str(year))}"


def select_agent_reports(candidates: list[tuple[dict[str, Any], str]], cluster: str,
                         year: int, quarter: int) -> list[dict[str, Any]]:
    """The agent's reports among (record, text) pairs: incoming, about the cluster (all its
    words), a report, dated in the quarter or the month after it, and not naming another
    quarter. Pure, so the rules are tested without a registry."""
    start, end = quarter_range(year, quarter)
    first, last = format_iso(start), format_iso(add_days(end, LATE_DAYS))
    wanted = set(search_terms(cluster))
    report_terms = set(search_terms("گزارش"))
    found = []
    for record, text in candidates:
        whole = normalize(f"{record.get('subject') or ''}\n{text}")
        terms = set(search_terms(whole))
        date = record.get("date") or record.get("registered_date") or ""
        named = {QUARTER_NAMES.index(m) + 1 for m in _NAMED_QUARTER.findall(whole)}
        if (record.get("direction") == "incoming" and wanted <= terms
                and (record.get("kind") == "report" or report_terms <= terms)
                and first <= date <= last and (not named or quarter in named)):
            found.append(record)
    return sorted(found, key=lambda r: (r.get("date") or "", r.get("registry_number") or ""))


def find_agent_reports(registry: Any, cluster: str, year: int,
                       quarter: int) -> list[dict[str, Any]]:
    """The agent's reports for a cluster and quarter, as registered."""
    from paayesh_docs.registry import Filters

    start, end = quarter_range(year, quarter)
    filters = Filters(direction="incoming", since=format_iso(start),
                      until=format_iso(add_days(end, LATE_DAYS)))
    hits = registry.search(cluster, filters, limit=1000).hits
    records = [registry.get(hit["id"]) for hit in hits]
    candidates = [(record, registry.text(record)) for record in records if record]
    return select_agent_reports(candidates, cluster, year, quarter)


def budget_line(value: Any, problems: Problems) -> str:
    """The proposed adjustment in words; beyond ±10% is refused (ماده ۴-۴)."""
    if not value:
        return "تغییری در بودجه تخصیصی خوشه پیشنهاد نمی‌شود."
    if not isinstance(value, dict):
        problems.add("«budget» باید current و change_percent (یا proposed) داشته باشد.",
                     "budget must be a table with current and change_percent (or proposed)")
        return ""
    try:
        current = Decimal(to_latin_digits(str(value["current"])).replace(",", ""))
        if "proposed" in value:
            proposed = Decimal(to_latin_digits(str(value["proposed"])).replace(",", ""))
            percent = (proposed - current) * 100 / current
        else:
            percent = Decimal(to_latin_digits(str(value["change_percent"])))
            proposed = current * (100 + percent) / 100
    except (KeyError, InvalidOperation, ZeroDivisionError, ArithmeticError):
        problems.add("بودجه باید current (مبلغ فعلی به ریال) و change_percent یا proposed داشته "
                     "باشد.", "budget needs current (rials) and change_percent or proposed")
        return ""
    shown = to_persian_digits(f"{abs(percent):.2f}".rstrip("0").rstrip("."))
    if abs(percent) > BUDGET_LIMIT:
        problems.add(f"تعدیل بودجه {shown} درصد پیشنهاد شده؛ طبق ماده ۴-۴ آیین‌نامه حداکثر ده "
                     "درصد افزایش یا کاهش مجاز است.",
                     f"a budget change of {percent:.2f}% is beyond the ±10% that article 4-4 "
                     "allows")
        return ""
    if percent == 0:
        return "تغییری در بودجه تخصیصی خوشه پیشنهاد نمی‌شود."
    way = "افزایش" if percent > 0 else "کاهش"
    return (f"با توجه به سطح عملکرد خوشه، پیشنهاد می‌شود بودجه تخصیصی به میزان {shown} درصد "
            f"{way} یابد (از {_rials(current)} ریال به {_rials(proposed)} ریال).")


def _rials(amount: Decimal) -> str:
    return to_persian_digits(f"{round(amount):,}").replace(",", "٬")


def prepare_report(data: dict[str, Any], settings: Settings, template_fields: set[str],
                   file: Path | str, cluster: str, quarter: tuple[int, int],
                   agent_reports: list[dict[str, Any]]) -> Prepared:
    """The supervisor report, ready to number; raises ComposeError listing every problem."""
    problems = Problems()
    extra = check_fields(data, INPUTS, COMPUTED, template_fields, problems)
    shared = common(data, settings, problems)
    cluster = inputs.text(cluster)
    if not cluster.startswith("خوشه"):
        cluster = f"خوشه {cluster}"
    period = quarter_name(*quarter)
    if not data.get("signer") and isinstance(data.get("supervisor"), dict):
        data = {**data, "signer": data["supervisor"]}
    name, role = signer(data, "", f"ناظر {cluster}", problems)
    lists = {key: inputs.paragraphs(inputs.as_list(data.get(key)))
             for key in ("progress", "obstacles", "proposals")}
    for key, label in (("progress", "میزان پیشرفت"), ("proposals", "پیشنهادات بهبود")):
        if not lists[key]:
            problems.add(f"«{key}» ({label}) خالی است.", f"{key!r} is empty")
    assessment = inputs.paragraphs(data.get("assessment"))
    if not assessment:
        problems.add("ارزیابی ناظر (assessment) خالی است.", "the assessment is empty")
    budget = budget_line(data.get("budget"), problems)
    recipients = [inputs.text(r) for r in inputs.as_list(data.get("recipients") or RECIPIENTS)]
    copies = inputs.copies(data.get("copies"), problems)
    if problems:
        raise problems_error(file, problems.items)
    subject = f"گزارش نظارت بر عملکرد توسعه {cluster} در {period}"
    sender = f"{name}، {role}"
    rows = [{"row": to_persian_digits(str(i)),
             "registry_number": to_persian_digits(r.get("registry_number") or ""),
             "number": r.get("number") or "—",
             "date": format_jalali(parse_jalali(r["date"])) if r.get("date") else "—",
             "subject": r.get("subject") or "—"} for i, r in enumerate(agent_reports, 1)]
    context = {**public(shared), **extra, "title": f"گزارش ناظر {cluster} — {period}",
               "recipients": recipients, "sender": sender, "subject": subject,
               "agent_reports": rows, "cluster": cluster, "quarter": period,
               "no_agent_report": f"در {period} گزارشی از عامل توسعه خوشه در دبیرخانه ثبت "
                                  "نشده است (ماده ۴-۱: گزارش هر سه ماه یک بار).",
               "assessment": assessment, "budget_line": budget, "signer_name": name,
               "signer_title": role, "copies": copies, "number": "", **lists}
    record = record_base("report", shared, subject, sender)
    record.update(recipients=[display(r) for r in recipients],
                  copies=inputs.record_copies(copies))
    return Prepared("supervisor_report", context, record, "outgoing", subject,
                    extra={"agent_reports": [r.get("registry_number") for r in agent_reports]})
