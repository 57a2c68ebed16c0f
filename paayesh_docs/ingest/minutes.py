"""Minutes (صورتجلسه): meeting number, date, place, attendees, agenda and resolutions.

Resolutions come either as a table (ردیف | شرح مصوبه | مسئول اجرا | مهلت) or as a
numbered list whose items name the owner and deadline («مسئول: …، مهلت: …»).
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from paayesh_docs.ingest.document import Document
from paayesh_docs.ingest.fields import display
from paayesh_docs.persian.dates import find_dates, format_iso
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


def _deadline(text: str) -> str | None:
    match = _DEADLINE.search(text)
    if match:
        dates = find_dates(text[match.end():])
        if dates:
            return format_iso(dates[0][0])
    return None


def _resolution_from_text(item: str) -> dict[str, Any]:
    owner = _OWNER.search(item)
    deadline = _deadline(item)
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


def _resolutions_from_table(rows: list[list[str]]) -> list[dict[str, Any]] | None:
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
        dates = find_dates(normalize(when, digits="latin"))
        resolutions.append({"text": display(cell), "owner": display(owner) or None,
                            "deadline": format_iso(dates[0][0]) if dates else None})
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


def tables_in_sections(document: Document) -> dict[str, Any]:
    """Attendees and resolutions read only from tab-separated rows under their headings
    (a PDF re-read in layout mode, where table cells stand apart)."""
    sections = _section_lines("\n".join(
        "\t".join(normalize(cell, digits="latin") for cell in line.split("\t"))
        for line in document.text.split("\n")))
    found: dict[str, Any] = {}
    for name, parse in (("resolutions", _resolutions_from_table),
                        ("attendees", _attendees_from_table)):
        rows = _rows(sections.get(name, []))
        value = parse(rows) if rows else None
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
    date = None
    # the first labels only, and a short slice after each: a head of a million «تاریخ»
    # labels read to its end after each of them is quadratic
    for match in itertools.islice(_MEETING_DATE.finditer(head), 100):
        after = head[match.end(): match.end() + 100]
        dates = find_dates(after)
        if dates and not after[: dates[0][1]].strip():
            date = format_iso(dates[0][0])
            break
    place = _PLACE.search(head)
    sections = _section_lines(prose)  # tables are read as tables, below
    attendees = resolutions = None
    for rows in document.tables():
        if len(rows) < 2:
            continue
        resolutions = resolutions or _resolutions_from_table(rows)
        attendees = attendees or _attendees_from_table(rows)
    for name in ("resolutions", "attendees"):
        rows = _rows(sections.get(name, []))
        if rows and name == "resolutions" and resolutions is None:
            resolutions = _resolutions_from_table(rows)
        if rows and name == "attendees" and attendees is None:
            attendees = _attendees_from_table(rows)
    if resolutions is None:
        items = _items(sections.get("resolutions", []))
        resolutions = [_resolution_from_text(item) for item in items]
    return {
        "number": display(number.group("n")) if number else None,
        "date": date,
        "place": display(place.group("p")) if place else None,
        "attendees": attendees if attendees is not None else _people(sections.get("attendees", [])),
        "agenda": [display(item) for item in _items(sections.get("agenda", []))],
        "resolutions": resolutions,
    }
