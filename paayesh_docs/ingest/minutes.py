"""Minutes (صورتجلسه): meeting number, date, place, attendees, agenda and resolutions.

Resolutions come either as a table (ردیف | شرح مصوبه | مسئول اجرا | مهلت) or as a
numbered list whose items name the owner and deadline («مسئول: …، مهلت: …»). A deadline
may be a date after «تا», or counted from the meeting's day («ظرف دو هفته», «حداکثر تا
پایان آبان»). Attendees written on one line are parted at «؛» when the line has one,
since «،» also stands inside a name («سازمان صنعت، معدن و تجارت»).
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import jdatetime

from paayesh_docs.ingest.document import Document
from paayesh_docs.ingest.fields import display
from paayesh_docs.persian.dates import MONTHS, add_days, find_dates, format_iso
from paayesh_docs.persian.text import normalize, search_terms

_SECTIONS = {
    "attendees": r"(?:حاضرین|حاضران|اعضای\s+حاضر|حضار|شرکت\s*کنندگان)(?:\s+در\s+جلسه)?",
    "absent": r"(?:غایبین|غائبین|غایبان)",
    "agenda": r"(?:دستور\s*(?:کار\s*)?جلسه|دستور\s*کار|موضوع\s+جلسه)",
    "resolutions": r"(?:مصوبات|تصمیمات|مصوبات\s+جلسه|تصمیمات\s+متخذه)(?:\s+جلسه)?",
}
_SECTION = re.compile(
    r"^\s*(?P<name>" + "|".join(f"(?P<{k}>{v})" for k, v in _SECTIONS.items())
    + r")\s*[:：]?\s*(?P<rest>.*)$",
    re.M,
)
_MEETING_NUMBER = re.compile(r"(?:شماره\s+جلسه|جلسه\s+شماره|صورتجلسه\s+شماره|شماره)\s*[:：]?\s*"
                             r"(?P<n>[0-9]+(?:[/\-][0-9A-Za-z\u0600-\u06FF]+)*)")
_MEETING_DATE = re.compile(r"(?:تاریخ\s+جلسه|تاریخ\s+برگزاری|تاریخ)\s*[:：]?\s*")
_PLACE = re.compile(r"(?:محل\s+(?:برگزاری\s+)?جلسه|محل\s+برگزاری|مکان(?:\s+جلسه)?|محل)\s*[:：]\s*"
                    r"(?P<p>[^\t\n]+?)(?=\s{2,}|\t|$|\s+(?:تاریخ|ساعت|شماره)\s*[:：])", re.M)
_ITEM = re.compile(r"^\s*(?:[-–—•▪*]|\(?[0-9]+\s*[-.)]|[a-z]\))\s*", re.M)
_OWNER = re.compile(r"(?:مسئول(?:\s+اجرا|\s+پیگیری)?|مسوول(?:\s+اجرا)?|اقدام\s*کننده|متولی)"
                    r"\s*[:：]\s*"
                    r"(?P<o>[^،,؛;\n]+?)(?=\s*[،,؛;]|\s+(?:مهلت|زمان|تا\s+تاریخ)|\s*$|\s*\))")
_DEADLINE = re.compile(r"(?:مهلت(?:\s+اجرا|\s+انجام)?|زمان\s+اجرا|موعد|تا\s+تاریخ)\s*[:：]?\s*")
_LIST_SPLIT = re.compile(r"\s*[،,؛;]\s*|\s+و\s+(?=(?:آقای|خانم|جناب|سرکار|نماینده|رئیس|رییس|مدیر))")


def _section_lines(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for line in text.split("\n"):
        match = _SECTION.match(line)
        if match and len(line) < 200:
            current = next(k for k in _SECTIONS if match.group(k))
            sections.setdefault(current, [])
            if match.group("rest").strip():
                sections[current].append(match.group("rest"))
            continue
        if current is not None and line.strip():
            sections[current].append(line)
    return sections


def _people(lines: list[str]) -> list[str]:
    people = []
    for line in lines:
        if _ITEM.match(line):  # a numbered or bulleted line is one person, commas and all
            people.append(_ITEM.sub("", line))
        elif "؛" in line or ";" in line:
            # «رئیس سازمان صنعت، معدن و تجارت استان؛ مدیرکل گمرک»: «؛» parts people, «،»
            # stays inside a name
            people.extend(re.split(r"\s*[؛;]\s*", line))
        else:
            people.extend(_LIST_SPLIT.split(line))
    return [display(p) for p in people if p.strip(" .-")]


_MAX_ROWS = 2_000  # rows of a minutes table read: a meeting makes dozens of resolutions


def _rows(lines: list[str]) -> list[list[str]] | None:
    """Lines of a table written with tabs (a text file's table), or None."""
    rows = [line.split("\t") for line in itertools.islice(
        (line for line in lines if "\t" in line), _MAX_ROWS)]
    return rows if len(rows) >= 2 else None


def _items(lines: list[str]) -> list[str]:
    """Numbered or bulleted items; a line without a marker continues the item before it,
    unless that item ended its sentence: then the list is over (a signature follows)."""
    items: list[str] = []
    for line in lines:
        if _ITEM.match(line) or not items:
            items.append(_ITEM.sub("", line).strip())
        elif items[-1].endswith((".", "؛", "!", "؟")):
            break
        else:
            items[-1] += " " + line.strip()
    return [item for item in items if item]


_UNTIL = re.compile(r"(?<!\w)تا\s+(?:تاریخ\s+)?")
_COUNT_WORDS = {"یک": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "هفت": 7,
                "هشت": 8, "نه": 9, "ده": 10, "یازده": 11, "دوازده": 12, "پانزده": 15,
                "بیست": 20, "سی": 30, "چهل": 40, "چهل و پنج": 45, "شصت": 60, "نود": 90}
_COUNT = r"\d{1,3}|" + "|".join(sorted(_COUNT_WORDS, key=len, reverse=True))
# «ظرف دو هفته», «ظرف مدت ۱۰ روز», «حداکثر طی یک ماه», «مهلت: دو هفته»
_WITHIN = re.compile(
    r"(?:ظرف|طی|حداکثر|به\s+مدت|مهلت(?:\s+اجرا)?\s*[:：]?)(?:\s+(?:ظرف|طی|مدت|حداکثر))*"
    rf"\s+(?P<count>{_COUNT})\s*(?P<unit>روز|هفته|ماه)(?!\w)")
_MONTH_NAMES = {name: number for number, name in enumerate(MONTHS, 1)} | {"امرداد": 5}
# «حداکثر تا پایان آبان», «تا آخر آبان ماه ۱۴۰۵», «تا پایان سال»
_END_OF = re.compile(
    r"(?:پایان|آخر|انتهای)\s+(?:(?P<month>" + "|".join(_MONTH_NAMES) + r")(?:\s*ماه)?"
    r"(?:\s+(?:سال\s+)?(?P<year>\d{4}))?|(?P<whole>سال|ماه)(?:\s+جاری)?)(?!\w)")


def _add_months(day: jdatetime.date, months: int) -> jdatetime.date:
    index = day.year * 12 + day.month - 1 + months
    return _last_day(index // 12, index % 12 + 1, min(day.day, 31))


def _last_day(year: int, month: int, at_most: int = 31) -> jdatetime.date:
    """The last day of a Jalali month (or day `at_most` when the month has it)."""
    for day in range(at_most, 0, -1):
        try:
            return jdatetime.date(year, month, day)
        except ValueError:
            continue
    raise ValueError(f"no day in {year}/{month}")


def _relative_deadline(text: str, meeting_day: jdatetime.date) -> jdatetime.date | None:
    """A deadline counted from the meeting: «ظرف دو هفته», «تا پایان آبان»."""
    within = _WITHIN.search(text)
    if within:
        word = within.group("count")
        count = int(word) if word.isdigit() else _COUNT_WORDS[word]
        unit = within.group("unit")
        if unit == "ماه":
            return _add_months(meeting_day, count)
        return add_days(meeting_day, count * (7 if unit == "هفته" else 1))
    end = _END_OF.search(text)
    if end is None:
        return None
    if end.group("whole") == "سال":
        return _last_day(meeting_day.year, 12)
    if end.group("whole") == "ماه":
        return _last_day(meeting_day.year, meeting_day.month)
    month = _MONTH_NAMES[end.group("month")]
    year = int(end.group("year")) if end.group("year") else (
        meeting_day.year + (1 if month < meeting_day.month else 0))
    return _last_day(year, month)


def _deadline(text: str, meeting_day: jdatetime.date | None = None) -> str | None:
    """The deadline of a resolution: a labelled date («مهلت: …»), a date after «تا», or a
    time counted from the meeting's day."""
    match = _DEADLINE.search(text)
    if match:
        dates = find_dates(text[match.end():])
        if dates:
            return format_iso(dates[0][0])
    for until in _UNTIL.finditer(text):
        dates = find_dates(text[until.end():until.end() + 40])
        if dates and dates[0][1] == 0:
            return format_iso(dates[0][0])
    if meeting_day is not None:
        relative = _relative_deadline(text, meeting_day)
        if relative is not None:
            return format_iso(relative)
    return None


def _resolution_from_text(item: str, meeting_day: jdatetime.date | None = None
                          ) -> dict[str, Any]:
    owner = _OWNER.search(item)
    deadline = _deadline(item, meeting_day)
    cut = min([m.start() for m in (owner, _DEADLINE.search(item)) if m] or [len(item)])
    text = item[:cut].strip(" ،,؛;-–(")
    return {"text": display(text), "owner": display(owner.group("o")) if owner else None,
            "deadline": deadline}


def _column(header: list[str], *words: str) -> int | None:
    keys = {search_terms(word)[0] for word in words}
    for index, cell in enumerate(header):
        if keys & set(search_terms(cell)):
            return index
    return None


def _resolutions_from_table(rows: list[list[str]],
                            meeting_day: jdatetime.date | None = None
                            ) -> list[dict[str, Any]] | None:
    header = [normalize(cell) for cell in rows[0]]
    text_col = _column(header, "مصوبه", "مصوبات", "شرح", "تصمیم", "تصمیمات", "متن")
    owner_col = _column(header, "مسئول", "مسوول", "اقدام کننده", "متولی")
    deadline_col = _column(header, "مهلت", "زمان", "موعد", "تاریخ")
    if text_col is None or (owner_col is None and deadline_col is None):
        return None
    resolutions = []
    for row in rows[1:_MAX_ROWS]:
        if text_col >= len(row) or not row[text_col].strip():
            continue
        cell = normalize(row[text_col], digits="latin")
        owner = row[owner_col] if owner_col is not None and owner_col < len(row) else ""
        when = row[deadline_col] if deadline_col is not None and deadline_col < len(row) else ""
        when = normalize(when, digits="latin")
        dates = find_dates(when)
        relative = _relative_deadline(when, meeting_day) if meeting_day and not dates else None
        deadline = format_iso(dates[0][0]) if dates else (
            format_iso(relative) if relative else None)
        resolutions.append({"text": display(cell), "owner": display(owner) or None,
                            "deadline": deadline})
    return resolutions


def _attendees_from_table(rows: list[list[str]]) -> list[str] | None:
    header = [normalize(cell) for cell in rows[0]]
    if _column(header, "حاضرین", "حاضران", "اعضای حاضر", "نام و نام خانوادگی", "نام") is None:
        return None
    name_col = _column(header, "حاضرین", "حاضران", "اعضای حاضر", "نام و نام خانوادگی", "نام")
    role_col = _column(header, "سمت", "دستگاه", "سازمان", "نماینده")
    people = []
    for row in rows[1:_MAX_ROWS]:
        name = row[name_col] if name_col is not None and name_col < len(row) else ""
        role = row[role_col] if role_col is not None and role_col < len(row) else ""
        person = " - ".join(part for part in (name.strip(), role.strip()) if part)
        if person:
            people.append(display(person))
    return people


def tables_in_sections(document: Document, meeting_date: str | None = None) -> dict[str, Any]:
    """Attendees and resolutions read only from tab-separated rows under their headings
    (a PDF re-read in layout mode, where table cells stand apart); `meeting_date` (ISO)
    is what «ظرف دو هفته» counts from."""
    meeting_day = jdatetime.date(*map(int, meeting_date.split("-"))) if meeting_date else None
    sections = _section_lines("\n".join(
        "\t".join(normalize(cell, digits="latin") for cell in line.split("\t"))
        for line in document.text.split("\n")))
    found: dict[str, Any] = {}
    for name in ("resolutions", "attendees"):
        rows = _rows(sections.get(name, []))
        value = None
        if rows:
            value = (_resolutions_from_table(rows, meeting_day) if name == "resolutions"
                     else _attendees_from_table(rows))
        if value:
            found[name] = value
    return found


def extract_meeting(document: Document, text: str | None = None) -> dict[str, Any]:
    """The `meeting` object of the extract contract."""
    if text is None:  # `normalize(document.text, digits="latin")`, when the caller has it
        text = normalize(document.text, digits="latin")
    raw = "\n".join(b.text for b in document.blocks if not b.rows)
    # cell by cell, so that a text file's tab-separated table keeps its tabs
    prose = "\n".join("\t".join(normalize(cell, digits="latin") for cell in line.split("\t"))
                      for line in raw.replace("\r", "").split("\n"))
    head = "\n".join(text.split("\n")[:15])
    number = _MEETING_NUMBER.search(head)
    date = meeting_day = None
    # the first labels only, and a short slice after each: a head of a million «تاریخ»
    # labels read to its end after each of them is quadratic
    for match in itertools.islice(_MEETING_DATE.finditer(head), 100):
        after = head[match.end(): match.end() + 100]
        dates = find_dates(after)
        if dates and not after[: dates[0][1]].strip():
            meeting_day = dates[0][0]
            date = format_iso(meeting_day)
            break
    place = _PLACE.search(head)
    sections = _section_lines(prose)  # tables are read as tables, below
    attendees = resolutions = None
    for rows in document.tables():
        if len(rows) < 2:
            continue
        resolutions = resolutions or _resolutions_from_table(rows, meeting_day)
        attendees = attendees or _attendees_from_table(rows)
    for name in ("resolutions", "attendees"):
        rows = _rows(sections.get(name, []))
        if rows and name == "resolutions" and resolutions is None:
            resolutions = _resolutions_from_table(rows, meeting_day)
        if rows and name == "attendees" and attendees is None:
            attendees = _attendees_from_table(rows)
    if resolutions is None:
        items = _items(sections.get("resolutions", []))
        resolutions = [_resolution_from_text(item, meeting_day) for item in items]
    return {
        "number": display(number.group("n")) if number else None,
        "date": date,
        "place": display(place.group("p")) if place else None,
        "attendees": attendees if attendees is not None else _people(sections.get("attendees", [])),
        "agenda": [display(item) for item in _items(sections.get("agenda", []))],
        "resolutions": resolutions,
    }


_COMMITTEE = re.compile(r"(?<!\w)(?:کمیته|کارگروه|کمیسیون|شورای|ستاد|هیئت|هیات|قرارگاه)\s+"
                        r"[^\n\t،,:：؛;.()]{2,80}")
_COMMITTEE_END = re.compile(r"\s+(?:در\s+تاریخ|مورخ|به\s+تاریخ|با\s+حضور|ساعت|روز|که|"
                            r"در\s+محل|به\s+ریاست|جلسه|نشست|صورتجلسه|شماره)(?:\s|$).*")


def meeting_subject(text: str, meeting: dict[str, Any]) -> str | None:
    """A subject a clerk recognises for minutes that have no «موضوع:» line: «صورتجلسه
    جلسه شماره ۱۸ کمیته پایش تجارت خارجی استان», from the number and the body named
    in the minutes' first lines."""
    head = "\n".join(normalize(text).split("\n")[:15])
    committee = _COMMITTEE.search(head)
    body = _COMMITTEE_END.sub("", committee.group(0)).strip() if committee else ""
    number = meeting.get("number")
    if not number and not body:
        return None
    parts = ["صورتجلسه", f"جلسه شماره {number}" if number else "", body]
    return display(" ".join(part for part in parts if part))
