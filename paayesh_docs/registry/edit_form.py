"""A record's editable fields as a clerk reads and types them, for a form: the values a
form shows, and back from a filled form the `field=value` corrections that `revisions`
takes (`parse_assignments`), only for the fields the clerk changed, so that showing a
value and sending it back unchanged never makes a revision."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from paayesh_docs.ingest.fields import CLASSIFICATION_NAMES, KIND_NAMES, PRIORITY_NAMES
from paayesh_docs.persian.dates import DateParseError, format_jalali, parse_jalali
from paayesh_docs.registry.revisions import (
    EDITABLE,
    LIST_SEPARATORS,
    REVIEW_WHY_FA,
    RevisionError,
    copies_text,
    parse_value,
    references_text,
)

# A chosen field's codes as a clerk reads them (a form offers them by these names).
CHOICE_NAMES = {"priority": PRIORITY_NAMES, "classification": CLASSIFICATION_NAMES,
                "kind": KIND_NAMES}
# Fields a form shows one item a line (a textarea); they come back joined by «؛».
LIST_FIELDS = ("recipients", "copies", "references")


def form_values(record: Mapping[str, Any]) -> dict[str, str]:
    """Each editable field as the clerk would type it (`paayesh edit`'s syntax): a date
    as ۱۴۰۵/۰۸/۲۱, lists joined by «؛ », a copy as `to: purpose`."""
    values = {}
    for name in EDITABLE:
        value = record.get(name)
        if value in (None, "", []):
            values[name] = ""
        elif name == "date":
            try:
                values[name] = format_jalali(parse_jalali(str(value)))
            except DateParseError:
                values[name] = str(value)
        elif name == "references":
            values[name] = references_text(value)
        elif name == "copies":
            values[name] = copies_text(value)
        elif isinstance(value, list):
            values[name] = f"{LIST_SEPARATORS[0]} ".join(str(item) for item in value)
        else:
            values[name] = str(value)
    return values


def changed_assignments(record: Mapping[str, Any], form: Mapping[str, str]) -> list[str]:
    """`field=value` for each editable field whose text in `form` differs from what
    `form_values` shows for `record` (line breaks in a list box count as «؛»)."""
    shown = form_values(record)
    changed = []
    for name in EDITABLE:
        if name not in form:
            continue
        value = str(form[name]).replace("\r\n", "\n").strip()
        if name in LIST_FIELDS:
            value = LIST_SEPARATORS[0].join(part for part in value.split("\n") if part.strip())
        if value != shown[name].strip():
            changed.append(f"{name}={value}")
    return changed


# What a paper letter must have to be registered by hand: the register's own columns.
PAPER_REQUIRED = {"subject": ("موضوع نامه را بنویسید.", "Give the letter's subject."),
                  "sender": ("فرستنده نامه را بنویسید.", "Give the letter's sender."),
                  "date": ("تاریخ نامه را بدهید.", "Give the letter's date.")}


def paper_fields(form: Mapping[str, str]) -> dict[str, Any]:
    """The fields of a letter registered by hand (`Registry.register_paper`) from the
    text a clerk typed for each editable field, as `paayesh edit` takes it (lists one
    item a line or joined by «؛»); the choices left empty are the usual ones (a letter,
    normal priority and classification). RevisionError names the first field wrong or
    missing."""
    fields: dict[str, Any] = {"kind": "letter", "priority": "normal",
                              "classification": "normal", "references": [],
                              "recipients": [], "copies": []}
    for name in EDITABLE:
        value = str(form.get(name) or "").replace("\r\n", "\n").strip()
        if name in LIST_FIELDS:
            value = LIST_SEPARATORS[0].join(part for part in value.split("\n") if part.strip())
        if value:
            fields.update(parse_value(name, value))
    for name, (fa, en) in PAPER_REQUIRED.items():
        if not fields.get(name):
            raise RevisionError(fa, en)
    return fields


def waiting_fields(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The fields OCR left for a clerk's review, as a page lists them: the field, its
    Persian name, its value as the clerk would type it (else what OCR made of it), why
    it waits and how sure OCR was (per cent). None for a voided record: it is not
    corrected any more."""
    if record.get("status") == "void":
        return []
    shown = form_values(record)
    waiting = []
    for item in (record.get("ocr") or {}).get("review") or []:
        name = item.get("field", "")
        value = shown.get(name) or ""
        value = CHOICE_NAMES.get(name, {}).get(value, value)  # «فوری», not «urgent»
        if not value and item.get("read"):
            value = f"ناخوانا: «{item['read']}»"
        waiting.append({"field": name, "label": EDITABLE.get(name, name), "value": value or "—",
                        "why": REVIEW_WHY_FA.get(item.get("why", ""), item.get("why", "")),
                        "confidence": item.get("confidence")})
    return waiting
