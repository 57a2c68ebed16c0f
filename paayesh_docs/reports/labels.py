"""The report's tables, once: titles, Persian column names and rows from the figures.

The terminal, the Excel workbook and the DOCX/PDF report all print these same tables, so
a figure has one name wherever it is read. A column says what its cells are (`text`,
`int`, `num`, `date`: a Jalali ISO day), so that Excel gets numbers as numbers and a
real date beside each Jalali one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from paayesh_docs.persian.dates import MONTHS

STATUS_FA = {"open": "باز", "overdue": "معوق", "done": "انجام‌شده", "answered": "پاسخ داده شد",
             "answered_on_time": "پاسخ به‌موقع", "answered_late": "پاسخ با تأخیر",
             "on_time": "به‌موقع", "late": "با تأخیر", "missing": "ثبت نشده"}
DIRECTION_FA = {"incoming": "وارده", "outgoing": "صادره", "internal": "داخلی"}
KIND_FA = {"letter": "نامه", "minutes": "صورتجلسه", "report": "گزارش", "directive": "بخشنامه",
           "regulation": "آیین‌نامه", "news": "خبر", "other": "سایر"}
HOW_FA = {"cc": "رونوشت", "letter": "نامه جداگانه", "addressed": "خطاب به دبیرخانه"}
DONE_BY_FA = {"marked": "اعلام دبیرخانه", "cited": "نامه یا صورتجلسه بعدی"}


@dataclass(frozen=True)
class Column:
    label: str
    # text | short (a word or two) | code (a registry number) | int | num | date
    kind: str = "text"


WEIGHTS = {"text": 3.2, "short": 1.7, "code": 3.0, "date": 2.0, "int": 1.1, "num": 1.0}


@dataclass
class Table:
    key: str  # a short Latin name: the Excel sheet's code name
    title: str  # the Persian title (the sheet's name, at most 31 characters)
    columns: list[Column]
    rows: list[list[Any]]

    def widths(self, total: float) -> list[float]:
        """Column widths in proportion to what their cells hold (words take the room)."""
        weights = [WEIGHTS[c.kind] for c in self.columns]
        return [total * w / sum(weights) for w in weights]


BIN_NAMES = {"0-3": "۰ تا ۳ روز", "4-7": "۴ تا ۷ روز", "8-14": "۸ تا ۱۴ روز",
             "15-30": "۱۵ تا ۳۰ روز", "31+": "بیش از ۳۰ روز"}


def month_name(month: str) -> str:
    """`1405-08` -> «آبان ۱۴۰۵»."""
    from paayesh_docs.persian.digits import to_persian_digits

    return f"{MONTHS[int(month[5:7]) - 1]} {to_persian_digits(month[:4])}"


def quarter_title(name: str) -> str:
    """`1405Q3` -> «سه‌ماهه سوم ۱۴۰۵»."""
    from paayesh_docs.compose.supervisor import quarter_name

    return quarter_name(int(name[:4]), int(name[5]))


def tables(figures: dict[str, Any]) -> list[Table]:
    """Every table of the report, in the order the report reads."""
    letters, escalations = figures["letters"], figures["escalations"]
    meetings, resolutions = figures["meetings"], figures["resolutions"]
    statistics, supervisor = figures["statistics"], figures["supervisor_reports"]
    out = [
        Table("letters", "نامه‌ها", [Column("شرح"), Column("تعداد", "int")],
              [[DIRECTION_FA[d], letters[d]] for d in ("incoming", "outgoing", "internal")]
              + [["جمع", letters["total"]]]),
        Table("months", "نامه‌ها به تفکیک ماه",
              [Column("ماه"), Column("وارده", "int"), Column("صادره", "int"),
               Column("داخلی", "int"), Column("جمع", "int")],
              [[month_name(month), row["incoming"], row["outgoing"], row["internal"],
                sum(row.values())] for month, row in letters["by_month"].items()]),
        Table("kinds", "نامه‌ها به تفکیک نوع", [Column("نوع", "short"), Column("تعداد", "int")],
              [[KIND_FA.get(kind, kind), count] for kind, count in letters["by_kind"].items()]),
    ]
    for direction, label in (("incoming", "فرستنده"), ("outgoing", "گیرنده")):
        out.append(Table(f"bodies_{direction}", f"طرف مکاتبه - {DIRECTION_FA[direction]}",
                         [Column(label), Column("سطح", "int"), Column("تعداد", "int")],
                         [[row["body"], row["level"], row["count"]]
                          for row in letters["by_body"][direction]]))
    level_columns = [Column("سطح"), Column("ارسال‌شده", "int"), Column("پاسخ به‌موقع", "int"),
                     Column("پاسخ با تأخیر", "int"), Column("باز", "int"), Column("معوق", "int"),
                     Column("بدون رونوشت", "int"), Column("میانه روز پاسخ", "num"),
                     Column("صدک ۹۰ روز پاسخ", "int")]

    def level_row(name: str, row: dict[str, Any]) -> list[Any]:
        return [name, row["raised"], row["answered_on_time"], row["answered_late"], row["open"],
                row["overdue"], row["missing_copy"], row["reply_days"]["median"],
                row["reply_days"]["p90"]]

    out += [
        Table("escalations", "پیگیری‌ها به تفکیک سطح", level_columns,
              [level_row(f"سطح {level}", row) for level, row in escalations["by_level"].items()]
              + [level_row("جمع", escalations)]),
        Table("reply_days", "توزیع روزهای پاسخ", [Column("روز تا پاسخ"), Column("تعداد", "int")],
              [[BIN_NAMES.get(name, name), count]
               for name, count in escalations["reply_days"]["histogram"].items()]),
        Table("escalation_list", "فهرست پیگیری‌ها",
              [Column("شماره ثبت", "code"), Column("تاریخ", "date"), Column("سطح", "int"),
               Column("گیرنده"), Column("موضوع"), Column("رونوشت", "short"),
               Column("مهلت پاسخ", "date"), Column("وضعیت", "short"),
               Column("تاریخ پاسخ", "date"), Column("روز تا پاسخ", "int")],
              [[r["registry_number"], r["date"], r["level"], r["recipient"], r["subject"],
                HOW_FA.get(r["copy"] or "", "ندارد"), r["due"], STATUS_FA[r["status"]],
                r["reply_date"], r["reply_days"]] for r in escalations["list"]]),
        Table("meetings", "جلسات کمیته", [Column("شرح"), Column("تعداد", "num")], [
            ["جلسات برگزارشده", meetings["held"]], ["جلسات عادی", meetings["regular"]],
            ["جلسات لازم (هر ۱۴ روز)", meetings["required"]],
            ["جلسات فوق‌العاده", meetings["extraordinary"]],
            ["فاصله بیش از ۱۴ روز", meetings["gaps"]],
            ["صورتجلسه ارسال‌شده به سازمان توسعه تجارت", meetings["minutes_sent"]],
            ["صورتجلسه ارسال‌نشده", meetings["minutes_unsent"]],
            ["میانه روز تا ارسال", meetings["days_to_send"]["median"]],
            ["بیشترین روز تا ارسال", meetings["days_to_send"]["max"]]]),
        Table("meeting_list", "فهرست جلسات",
              [Column("جلسه", "int"), Column("تاریخ", "date"), Column("نوع", "short"),
               Column("ارسال به سازمان", "short"),
               Column("شماره ثبت ارسال", "code"), Column("روز پس از جلسه", "int"),
               Column("مصوبات", "int")],
              [[m["number"], m["date"], "فوق‌العاده" if m["extraordinary"] else "عادی",
                HOW_FA.get(m["sent"] or "", "ارسال نشده"), m["sent_registry_number"],
                m["sent_days"], m["resolutions"]] for m in meetings["list"]]),
        Table("owners", "مصوبات به تفکیک مسئول",
              [Column("مسئول"), Column("انجام‌شده", "int"), Column("باز", "int"),
               Column("معوق", "int")],
              [[owner, row["done"], row["open"], row["overdue"]]
               for owner, row in resolutions["by_owner"].items()]
              + [["جمع", resolutions["done"], resolutions["open"], resolutions["overdue"]]]),
        Table("resolution_list", "فهرست مصوبات",
              [Column("جلسه", "int"), Column("تاریخ جلسه", "date"), Column("ردیف", "int"),
               Column("مصوبه"), Column("مسئول"), Column("مهلت", "date"), Column("وضعیت", "short"),
               Column("انجام به استناد", "short")],
              [[r["meeting"], r["meeting_date"], r["item"], r["text"], r["owner"], r["deadline"],
                STATUS_FA[r["status"]], DONE_BY_FA.get(r["done_by"] or "", "")]
               for r in resolutions["list"]]),
        Table("statistics", "آمار ماهانه به تفکیک واحد",
              [Column("واحد"), Column("ثبت‌شده", "int"), Column("به‌موقع", "int"),
               Column("با تأخیر", "int"), Column("تأیید خودکار", "int")],
              [[unit, row["filed"], row["on_time"], row["late"], row["auto_approved"]]
               for unit, row in statistics["by_unit"].items()]
              + [["جمع (مورد انتظار: " f"{statistics['expected']}، ثبت‌نشده: "
                  f"{statistics['missing']})", statistics["filed"], statistics["on_time"],
                  statistics["late"], statistics["auto_approved"]]]),
        Table("statistics_list", "فهرست آمار ماهانه",
              [Column("ماه"), Column("مهلت ثبت", "date"), Column("واحد"),
               Column("تاریخ ثبت", "date"), Column("وضعیت", "short"),
               Column("تأیید خودکار", "short"),
               Column("شماره ثبت", "code")],
              [[month_name(r["period"]), r["due"], r["unit"], r["filed"], STATUS_FA[r["status"]],
                "بله" if r["auto_approved"] else "", r["registry_number"]]
               for r in statistics["list"]]),
        Table("clusters", "گزارش‌های فصلی خوشه‌ها",
              [Column("خوشه"), Column("فصل"), Column("مورد انتظار", "int"),
               Column("دریافت‌شده", "int")],
              [[cluster, quarter_title(quarter), row["expected"], row["received"]]
               for cluster, quarters in supervisor["by_cluster"].items()
               for quarter, row in quarters.items()]),
    ]
    return out


def figure_rows(figures: dict[str, Any], lists: bool = False
                ) -> list[tuple[str, list[str], list[list[Any]]]]:
    """The tables as (title, column names, rows) for a plain printout; the lists of every
    escalation, meeting, resolution and filing only with `lists`."""
    from paayesh_docs.persian.dates import format_jalali, parse_jalali

    printed = []
    for table in tables(figures):
        if table.key.endswith("_list") and not lists:
            continue
        rows = [[format_jalali(parse_jalali(cell)) if column.kind == "date" and cell else cell
                 for column, cell in zip(table.columns, row, strict=True)] for row in table.rows]
        printed.append((table.title, [c.label for c in table.columns], rows))
    return printed
