"""Corrections and voiding, the way a clerk corrects a paper register: nothing is erased.

A record is corrected field by field (`edit`) or voided (`void`, ابطال); each change
appends one revision to the record's `revisions` list: when, who (`by`: the operating
system's user for now), what it did, and for every field its old and new value. The
record itself always holds the latest values, so search, tracking and `check` follow
the latest revision without knowing about revisions; `show --history` reads the list.

A voided record keeps its registry number (a register never gives a number twice),
keeps its fields and text (it is still found, marked «ابطال‌شده»), and drops out of
tracking (`tracking.facts` makes it an inert fact).

Field values are written as a clerk types them (see `parse_value`): dates in any
written Jalali form, lists separated by «؛» or «;», a copy's purpose after «:», a
cited letter as «عطف به ۱۲۳/د/۱۴۰۵ مورخ ۱۴۰۵/۰۸/۰۱» (or «پیرو …»; the relation and
the date may be left out).
"""

from __future__ import annotations

import datetime
import getpass
import re
from collections.abc import Iterable, Mapping
from typing import Any

from paayesh_docs.ingest.fields import (
    CLASSIFICATION_NAMES,
    PRIORITY_NAMES,
    RELATION_NAMES,
    canonical_number,
)
from paayesh_docs.persian.dates import (
    DateParseError,
    format_iso,
    format_jalali,
    parse_jalali,
    to_gregorian_iso,
)
from paayesh_docs.persian.digits import to_persian_digits
from paayesh_docs.persian.text import normalize

VOID = "void"
STATUS_FA = {"registered": "ثبت‌شده", VOID: "ابطال‌شده"}

KINDS = ("letter", "minutes", "report", "directive", "regulation", "news", "other")
PRIORITIES = tuple(reversed(PRIORITY_NAMES))  # the standard's four, the least pressing first
CLASSIFICATIONS = tuple(CLASSIFICATION_NAMES)  # the least secret first

# The fields a clerk may correct, with their Persian names (accepted as field names too).
EDITABLE = {
    "number": "شماره",
    "date": "تاریخ",
    "subject": "موضوع",
    "sender": "فرستنده",
    "recipients": "گیرندگان",
    "copies": "رونوشت",
    "references": "عطف / پیرو",
    "kind": "نوع",
    "priority": "فوریت",
    "classification": "طبقه‌بندی",
    "attachments": "پیوست",
}
_BY_PERSIAN = {normalize(fa): name for name, fa in EDITABLE.items()}
_BY_PERSIAN.update({normalize("گیرنده"): "recipients", normalize("رونوشت‌ها"): "copies",
                    normalize("عطف"): "references", normalize("پیرو"): "references"})
_CHOICES = {"kind": KINDS, "priority": PRIORITIES, "classification": CLASSIFICATIONS}
# Not editable, and why (the message names the reason).
_FIXED = {
    "direction": ("جهت نامه بخشی از شماره ثبت است و تغییر نمی‌کند؛ پرونده را ابطال و "
                  "دوباره ثبت کنید.",
                  "The direction is part of the registry number; void the record and "
                  "register it again."),
    "registry_number": ("شماره ثبت را دفتر می‌دهد و تغییر نمی‌کند.",
                        "The registry number is given by the register and never changes."),
    "status": ("برای ابطال از «paayesh void» استفاده کنید.", "Use `paayesh void` to void."),
}
LIST_SEPARATORS = ("؛", ";")
# Why OCR left a field for a clerk's review (`ocr.review[].why`), in Persian.
REVIEW_WHY_FA = {"low_confidence": "خوانش با اطمینان کم", "impossible_date": "تاریخ ناممکن",
                 "unreadable_date": "تاریخ ناخوانا", "unreadable_number": "شماره ناخوانا",
                 "mended_mark": "نشان فوریت یا طبقه‌بندی با تصحیح خوانده شد",
                 "mended_relation": "آغاز ارجاع («عطف»، «پیرو»…) با تصحیح خوانده شد"}


class RevisionError(ValueError):
    """A correction that cannot be made, said in Persian and English."""

    def __init__(self, fa: str, en: str) -> None:
        super().__init__(en)
        self.fa, self.en = fa, en


def current_user() -> str:
    """Who made a change: the operating system's user (a signed-in user name later)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def field_name(name: str) -> str:
    """The record field a clerk means, in English or Persian; RevisionError if none."""
    key = name.strip().lower().replace("-", "_")
    if key in EDITABLE:
        return key
    if key in _FIXED:
        raise RevisionError(*_FIXED[key])
    found = _BY_PERSIAN.get(normalize(name.strip()))
    if found:
        return found
    raise RevisionError(
        f"فیلد «{name}» قابل اصلاح نیست؛ فیلدها: {'، '.join(EDITABLE.values())}",
        f"{name!r} is not a field that can be corrected; fields: {', '.join(EDITABLE)}")


def split_list(value: str) -> list[str]:
    """`الف؛ ب; ج` -> three items; names keep their «،» commas."""
    for separator in LIST_SEPARATORS[1:]:
        value = value.replace(separator, LIST_SEPARATORS[0])
    return [item for item in (normalize(part.strip()) for part in value.split("؛")) if item]


# «عطف به نامه شماره ۱۲۳/د/۱۴۰۵ مورخ ۱۴۰۵/۰۸/۰۱», as `references_text` writes it; the
# relation (عطف by default), «نامه شماره» and «مورخ» may be left out.
_REFERENCE = re.compile(
    r"^(?:(?P<relation>عطف(?:\s+به)?|در\s+پاسخ\s+به|بازگشت\s+به|پیرو|reply_to|further_to)"
    r"\s*[:：]?\s*)?(?:نامه\s+)?(?:شماره\s*[:：]?\s*)?(?P<number>[^\s:：]+)"
    r"(?:\s+(?:مورخ|به\s+تاریخ|تاریخ)?\s*[:：]?\s*(?P<date>\S+))?$")


def parse_reference(item: str) -> dict[str, Any]:
    """One cited letter as the record keeps it: `{"relation", "number", "date"}`."""
    match = _REFERENCE.match(normalize(item.strip()))
    if match is None or not re.search(r"\d", match.group("number")):
        raise RevisionError(
            f"«{item}» یک نامه عطف/پیرو نیست؛ مثلاً: عطف به ۱۲۳/د/۱۴۰۵ مورخ ۱۴۰۵/۰۸/۰۱",
            f"{item!r} is not a cited letter; e.g. «عطف به ۱۲۳/د/۱۴۰۵ مورخ ۱۴۰۵/۰۸/۰۱»")
    relation = match.group("relation") or "reply_to"
    relation = "further_to" if relation in ("پیرو", "further_to") else "reply_to"
    date = None
    if match.group("date"):
        try:
            date = format_iso(parse_jalali(match.group("date")))
        except DateParseError:
            raise RevisionError(f"«{match.group('date')}» در «{item}» تاریخ معتبری نیست.",
                                f"{match.group('date')!r} in {item!r} is not a date.") from None
    return {"relation": relation, "number": canonical_number(match.group("number")),
            "date": date}


def copies_text(copies: Iterable[Mapping[str, Any]]) -> str:
    """Copies as a clerk types them: `to: purpose`, joined by «؛ »."""
    return f"{LIST_SEPARATORS[0]} ".join(
        ": ".join(filter(None, (c.get("to"), c.get("purpose")))) for c in copies)


def references_text(references: Iterable[Mapping[str, Any]]) -> str:
    """Cited letters as a clerk types them (`parse_reference` reads each back)."""
    parts = []
    for ref in references:
        part = f"{RELATION_NAMES.get(ref.get('relation') or 'reply_to', 'عطف به')} " \
               f"{ref.get('number') or ''}".strip()
        if ref.get("date"):
            try:
                part += f" مورخ {format_jalali(parse_jalali(str(ref['date'])))}"
            except DateParseError:
                part += f" مورخ {ref['date']}"
        parts.append(part)
    return f"{LIST_SEPARATORS[0]} ".join(parts)


def parse_value(name: str, value: str) -> dict[str, Any]:
    """The record's new values for `name=value` (a date also sets `date_gregorian`); an
    empty value clears the field."""
    value = value.strip()
    if name == "date":
        if not value:
            return {"date": None, "date_gregorian": None}
        try:
            day = parse_jalali(value)
        except DateParseError:
            raise RevisionError(f"«{value}» تاریخ معتبری نیست.",
                                f"{value!r} is not a date.") from None
        return {"date": format_iso(day), "date_gregorian": to_gregorian_iso(day)}
    if name == "recipients":
        return {name: split_list(value)}
    if name == "references":
        return {name: [parse_reference(item) for item in split_list(value)]}
    if name == "copies":
        copies = []
        for item in split_list(value):
            to, _, purpose = item.partition(":")
            copies.append({"to": to.strip(), "purpose": purpose.strip() or None})
        return {name: copies}
    if name in _CHOICES:
        if not value:
            return {name: "letter" if name == "kind" else "normal"}
        if value not in _CHOICES[name]:
            raise RevisionError(f"مقدار «{value}» برای {EDITABLE[name]} مجاز نیست؛ "
                                f"مقادیر: {'، '.join(_CHOICES[name])}",
                                f"{value!r} is not a {name}; one of: "
                                f"{', '.join(_CHOICES[name])}")
        return {name: value}
    return {name: normalize(value) or None}


def parse_assignments(assignments: list[str]) -> dict[str, Any]:
    """`field=value` arguments as the record's new values, every one checked first."""
    if not assignments:
        raise RevisionError("هیچ اصلاحی داده نشد (مثلاً subject=\"…\").",
                            'No correction given (e.g. subject="…").')
    changes: dict[str, Any] = {}
    for assignment in assignments:
        name, equals, value = assignment.partition("=")
        if not equals:
            raise RevisionError(f"«{assignment}» به شکل field=value نیست.",
                                f"{assignment!r} is not field=value.")
        changes.update(parse_value(field_name(name), value))
    return changes


def _now() -> str:
    return datetime.datetime.now().astimezone().isoformat(timespec="seconds")


def check_open(record: dict[str, Any]) -> None:
    if record.get("status") == VOID:
        raise RevisionError(
            f"پرونده {to_persian_digits(record['registry_number'])} ابطال شده است و اصلاح نمی‌شود.",
            f"Record {record['registry_number']} is void and cannot be changed.")


def edited(record: dict[str, Any], changes: dict[str, Any], by: str) -> dict[str, Any]:
    """The fields to write for an edit: the new values and the revision that says so.
    Empty when nothing changes (the same value again is no revision)."""
    check_open(record)
    changed = {name: {"old": record.get(name), "new": value}
               for name, value in changes.items() if record.get(name) != value}
    ocr = record.get("ocr") or {}
    review = ocr.get("review") or []
    # a field an OCR guess left for a clerk's review is reviewed once the clerk sets it,
    # even to the value it had
    reviewed = sorted({item["field"] for item in review} & set(changes))
    if not changed and not reviewed:
        return {}
    revision: dict[str, Any] = {"at": _now(), "by": by, "action": "edit", "changes": changed}
    written: dict[str, Any] = {name: change["new"] for name, change in changed.items()}
    if reviewed:
        revision["reviewed"] = reviewed
        written["ocr"] = {**ocr, "review": [item for item in review
                                            if item["field"] not in reviewed]}
    return {**written, "revisions": [*(record.get("revisions") or []), revision]}


def reviewed(record: dict[str, Any], fields: set[str], by: str) -> dict[str, Any]:
    """The fields to write when a clerk confirms OCR guesses as right (`fields`; empty:
    all that wait): they leave the record's review list, and a revision says who checked."""
    check_open(record)
    ocr = record.get("ocr") or {}
    review = ocr.get("review") or []
    waiting = {item["field"] for item in review}
    done = sorted((fields or waiting) & waiting)
    if not done:
        return {}
    revision = {"at": _now(), "by": by, "action": "edit", "changes": {}, "reviewed": done}
    return {"ocr": {**ocr, "review": [item for item in review if item["field"] not in done]},
            "revisions": [*(record.get("revisions") or []), revision]}


def voided(record: dict[str, Any], reason: str, by: str) -> dict[str, Any]:
    """The fields to write for voiding: status «void», the reason, and the revision."""
    check_open(record)
    reason = normalize(reason.strip())
    if not reason:
        raise RevisionError("دلیل ابطال را بنویسید (--reason).", "Give the reason (--reason).")
    revision = {"at": _now(), "by": by, "action": "void", "reason": reason,
                "changes": {"status": {"old": record.get("status"), "new": VOID}}}
    return {"status": VOID, "void_reason": reason,
            "revisions": [*(record.get("revisions") or []), revision]}
