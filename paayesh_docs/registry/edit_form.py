"""A record's editable fields as a clerk reads and types them, for a form: the values a
form shows, and back from a filled form the `field=value` corrections that `revisions`
takes (`parse_assignments`), only for the fields the clerk changed, so that showing a
value and sending it back unchanged never makes a revision."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from paayesh_docs.persian.dates import DateParseError, format_jalali, parse_jalali
from paayesh_docs.registry.revisions import (
    EDITABLE,
    LIST_SEPARATORS,
    copies_text,
    references_text,
)

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
