"""Reading the values of a data file: dates, marks, copies, references, paragraphs.

Pure functions on plain data. Each takes the raw value a clerk typed (TOML, JSON or
YAML gives strings, numbers, lists, tables, and for an unquoted `1405-08-21` a date)
and returns it in the form the documents and the records use, or records a problem
in Persian and English in `Problems`, so that one pass reports everything wrong.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

import jdatetime

from paayesh_docs.ingest.fields import (
    CLASSIFICATION_NAMES,
    CLASSIFICATIONS,
    PRIORITIES,
    PRIORITY_NAMES,
    RELATION_NAMES,
    canonical_number,
    display,
)
from paayesh_docs.persian.dates import DateParseError, format_jalali, parse_jalali
from paayesh_docs.persian.digits import to_latin_digits, to_persian_digits
from paayesh_docs.persian.text import normalize

PRIORITY_FA = PRIORITY_NAMES  # عادی، فوری، خیلی فوری، آنی
CLASSIFICATION_FA = CLASSIFICATION_NAMES
RELATIONS = {"reply_to": "reply_to", "further_to": "further_to", "عطف": "reply_to",
             "عطف به": "reply_to", "پیرو": "further_to"}
_RELATION_FA = RELATION_NAMES
_PURPOSE_STARTS = ("جهت", "برای", "به منظور")


@dataclass
class Problems:
    """Everything wrong with one data file, each said in Persian and English."""

    items: list[tuple[str, str]] = field(default_factory=list)

    def add(self, fa: str, en: str) -> None:
        if (fa, en) not in self.items:  # a mail merge repeats the shared fields' problems
            self.items.append((fa, en))

    def __bool__(self) -> bool:
        return bool(self.items)


THOUSANDS = "\u066c"  # «٬», the Persian thousands separator
_GROUPED = re.compile(r"(?<![\d۰-۹])[۰-۹]{1,3}(?:[,،][۰-۹]{3})+(?![\d۰-۹]|[,،][۰-۹])")
_AMOUNT = re.compile(r"(?<![\d۰-۹/])([۰-۹]{1,3}(?:[/٫][۰-۹]{3})+|[۰-۹]{5,})(?=\s*(?:ریال|تومان))")


def text(value: Any) -> str:
    """A value as the document prints it: clean Persian, Persian digits, amounts grouped
    by «٬» (`7,775,000` or `۷۷۷۵۰۰۰ ریال` prints ۷٬۷۷۵٬۰۰۰)."""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return amount(value) if abs(value) >= 10_000 else to_persian_digits(str(value))
    return amounts(normalize(str(value)))


def amount(value: int) -> str:
    """A number of rials (or anything counted) as Persian prints it: ۵٬۰۰۰٬۰۰۰٬۰۰۰."""
    return to_persian_digits(f"{value:,}").replace(",", THOUSANDS)


def amounts(written: str) -> str:
    """Digits grouped by thousands with «٬»: groups a clerk separated by a comma, and a
    sum of rials or tomans written bare or with «/» between the groups. A «/» elsewhere
    is left alone: ۱۴۰۵/۰۸/۱۴ is a date and ۱۲۳/۴۵۶/ص a letter's number."""
    written = _GROUPED.sub(lambda m: re.sub("[,،]", THOUSANDS, m.group()), written)
    return _AMOUNT.sub(lambda m: amount(int(to_latin_digits(re.sub("[/٫]", "", m.group())))),
                       written)


def required_text(data: dict[str, Any], key: str, problems: Problems) -> str:
    value = text(data.get(key))
    if not value:
        problems.add(f"فیلد «{key}» خالی است یا وجود ندارد.", f"field {key!r} is missing or empty")
    return value


def jalali(value: Any, key: str, problems: Problems) -> jdatetime.date | None:
    """A Jalali date in any written form; an unquoted TOML/YAML date is read as Jalali too."""
    if isinstance(value, datetime.date):
        value = f"{value.year}-{value.month}-{value.day}"
    try:
        return parse_jalali(str(value))
    except DateParseError:
        problems.add(f"«{value}» در فیلد «{key}» تاریخ شمسی معتبری نیست.",
                     f"{value!r} in field {key!r} is not a valid Jalali date")
        return None


def mark(value: Any, key: str, names: dict[str, str], problems: Problems) -> str | None:
    """A priority or classification code from English (`urgent`) or Persian (`فوری`)."""
    if value in (None, ""):
        return None
    word = normalize(str(value)).strip()
    codes = set(names.values())
    if word in codes:
        return word
    if word in names:
        return names[word]
    choices = "، ".join(sorted(names))
    problems.add(f"«{value}» برای «{key}» مجاز نیست؛ یکی از این‌ها: {choices}",
                 f"{value!r} is not a {key}; use one of {', '.join(sorted(codes))}")
    return None


def priority(value: Any, problems: Problems) -> str | None:
    return mark(value, "priority", PRIORITIES, problems)


def classification(value: Any, problems: Problems) -> str | None:
    return mark(value, "classification", CLASSIFICATIONS, problems)


def marks(priority_code: str | None, classification_code: str | None) -> list[str]:
    """The words printed at the top and foot of every page; a normal letter has none."""
    words = [CLASSIFICATION_FA.get(classification_code or "normal"),
             PRIORITY_FA.get(priority_code or "normal")]
    return [word for word in words if word and word != "عادی"]


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def copies(value: Any, problems: Problems) -> list[dict[str, str]]:
    """`[{"to", "purpose"}]` from strings or tables; a purpose reads «جهت …»."""
    found = []
    for index, item in enumerate(as_list(value), 1):
        if isinstance(item, str):
            item = {"to": item}
        if not isinstance(item, dict) or not text(item.get("to")):
            problems.add(f"رونوشت شماره {index} گیرنده («to») ندارد.",
                         f"copy {index} has no recipient ('to')")
            continue
        unknown = sorted(set(item) - {"to", "purpose"})
        if unknown:
            problems.add(f"رونوشت شماره {index} فیلد ناشناخته دارد: {', '.join(unknown)}",
                         f"copy {index} has unknown field(s): {', '.join(unknown)}")
        purpose = text(item.get("purpose"))
        if purpose and not purpose.startswith(_PURPOSE_STARTS):
            purpose = f"جهت {purpose}"
        found.append({"to": text(item["to"]), "purpose": purpose})
    return found


def references(value: Any, problems: Problems) -> list[dict[str, Any]]:
    """`[{"relation", "number", "date"}]`; the date as a Jalali date (or None)."""
    found = []
    for index, item in enumerate(as_list(value), 1):
        if not isinstance(item, dict):
            problems.add(f"عطف/پیرو شماره {index} باید relation، number و date داشته باشد.",
                         f"reference {index} must be a table with relation, number, date")
            continue
        relation = RELATIONS.get(normalize(str(item.get("relation", "reply_to"))))
        if relation is None:
            problems.add(f"نوع ارجاع «{item.get('relation')}» شناخته نیست (عطف یا پیرو).",
                         f"reference {index}: relation must be reply_to or further_to")
        number = normalize(str(item.get("number") or ""))
        if not number:
            problems.add(f"عطف/پیرو شماره {index} شماره نامه ندارد.",
                         f"reference {index} has no letter number")
        unknown = sorted(set(item) - {"relation", "number", "date"})
        if unknown:
            problems.add(f"عطف/پیرو شماره {index} فیلد ناشناخته دارد: {', '.join(unknown)}",
                         f"reference {index} has unknown field(s): {', '.join(unknown)}")
        day = jalali(item["date"], f"references[{index}].date", problems) \
            if item.get("date") else None
        found.append({"relation": relation or "reply_to", "number": canonical_number(number),
                      "date": day})
    return found


def reference_sentence(refs: list[dict[str, Any]]) -> str:
    """«عطف به نامه شماره … مورخ … و پیرو نامه شماره …» (the opening of the body)."""
    parts = []
    for ref in refs:
        part = f"{_RELATION_FA[ref['relation']]} نامه شماره {ref['number']}"
        if ref["date"]:
            part += f" مورخ {format_jalali(ref['date'])}"
        parts.append(part)
    return " و ".join(parts)


def paragraphs(value: Any) -> list[str]:
    """Body text: a string with paragraphs split by blank lines, or a list of paragraphs."""
    if isinstance(value, list):
        return [text(item) for item in value if text(item)]
    return [text(part) for part in str(value or "").split("\n\n") if text(part)]


def record_copies(found: list[dict[str, str]]) -> list[dict[str, str | None]]:
    return [{"to": display(c["to"]), "purpose": display(c["purpose"]) or None} for c in found]
