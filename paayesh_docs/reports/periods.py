"""Report periods: a Jalali year, half, quarter or month, as the directives name them.

The foreign-trade directive asks for reports every six months and every year, TPO reports
every three months, the statistics directive monthly, quarterly and yearly: `1405`,
`1405H2`, `1405Q3`, `1405-08` (any digits; `/` for `-`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import jdatetime

from paayesh_docs.persian.dates import add_days, format_iso
from paayesh_docs.persian.digits import to_latin_digits

_FORMS = [
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(r"^(\d{4})\s*[Hh]\s*([12])$"), "half"),
    (re.compile(r"^(\d{4})\s*[Qq]\s*([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})\s*[-/]\s*(\d{1,2})$"), "month"),
]
MONTHS_OF = {"year": 12, "half": 6, "quarter": 3, "month": 1}
HALF_NAMES = ("نخست", "دوم")
QUARTER_NAMES = ("اول", "دوم", "سوم", "چهارم")


class PeriodError(ValueError):
    """Not a period; `fa` and `en` say how to write one."""

    def __init__(self, text: str) -> None:
        self.fa = (f"«{text}» دوره گزارش نیست؛ سال (1405)، نیم‌سال (1405H1، 1405H2)، فصل "
                   "(1405Q3) یا ماه (1405-08) بنویسید.")
        self.en = (f"{text!r} is not a report period: write a year (1405), a half (1405H1, "
                   "1405H2), a quarter (1405Q3) or a month (1405-08).")
        super().__init__(self.en)


@dataclass(frozen=True)
class Period:
    """A span of whole Jalali months. Dates are Jalali ISO (`1405-07-01`)."""

    name: str  # 1405, 1405H2, 1405Q3, 1405-08
    kind: str  # year | half | quarter | month
    year: int
    first_month: int

    @property
    def months(self) -> list[str]:
        return [f"{self.year:04d}-{month:02d}" for month in
                range(self.first_month, self.first_month + MONTHS_OF[self.kind])]

    @property
    def start(self) -> str:
        return f"{self.year:04d}-{self.first_month:02d}-01"

    @property
    def end(self) -> str:
        last = self.first_month + MONTHS_OF[self.kind]
        following = (jdatetime.date(self.year + 1, 1, 1) if last > 12
                     else jdatetime.date(self.year, last, 1))
        return format_iso(add_days(following, -1))

    @property
    def quarters(self) -> list[tuple[int, int]]:
        """The quarters the period touches, as (year, quarter)."""
        return list(dict.fromkeys((self.year, (int(m[5:7]) - 1) // 3 + 1) for m in self.months))

    @property
    def title(self) -> str:
        """The period in Persian words: «نیم‌سال دوم ۱۴۰۵», «آبان ۱۴۰۵»."""
        from paayesh_docs.persian.dates import MONTHS
        from paayesh_docs.persian.digits import to_persian_digits

        year = to_persian_digits(str(self.year))
        if self.kind == "year":
            return f"سال {year}"
        if self.kind == "half":
            return f"شش‌ماهه {HALF_NAMES[(self.first_month - 1) // 6]} {year}"
        if self.kind == "quarter":
            return f"سه‌ماهه {QUARTER_NAMES[(self.first_month - 1) // 3]} {year}"
        return f"{MONTHS[self.first_month - 1]} {year}"


def parse_period(text: str) -> Period:
    """`1405`, `1405H2`, `1405Q3`, `1405-08` (Persian or Arabic digits too) as a Period."""
    plain = to_latin_digits(text or "").strip()
    for pattern, kind in _FORMS:
        match = pattern.match(plain)
        if not match:
            continue
        year = int(match.group(1))
        part = int(match.group(2)) if kind != "year" else 1
        if kind == "month" and not 1 <= part <= 12:
            break
        first = {"year": 1, "half": (part - 1) * 6 + 1, "quarter": (part - 1) * 3 + 1,
                 "month": part}[kind]
        name = {"year": f"{year}", "half": f"{year}H{part}", "quarter": f"{year}Q{part}",
                "month": f"{year}-{part:02d}"}[kind]
        return Period(name, kind, year, first)
    raise PeriodError(text)
