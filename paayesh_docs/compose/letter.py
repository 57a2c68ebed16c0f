"""Outgoing letters: a data file in, one prepared letter per recipient out (mail merge).

The record of each letter is built from the data, in the `extract` contract's shape
(recipients as the salutation reads, copies with their purpose, references with Latin
ISO dates), so tracking sees an escalation written here exactly as it would see one
that arrived in the inbox: its recipients, and its copy to TPO.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jdatetime

from paayesh_docs.compose import inputs
from paayesh_docs.compose.documents import Prepared, check_fields
from paayesh_docs.compose.errors import ComposeError, problems_error
from paayesh_docs.compose.inputs import Problems
from paayesh_docs.config import Settings
from paayesh_docs.ingest.fields import display
from paayesh_docs.persian.dates import format_iso, format_jalali, to_gregorian_iso, today_jalali

INPUTS = {"subject", "body", "recipients", "recipient", "copies", "references", "date",
          "attachments", "priority", "classification", "signer", "organisation", "footer"}
COMPUTED = {"organisation", "number", "date", "attachments", "marks", "recipient_person",
            "recipient", "subject", "paragraphs", "signer_name", "signer_title", "copies",
            "footer", "registry_line", "references_text"}
_RECIPIENT_KEYS = {"to", "person"}


def signer(data: dict[str, Any], name: str, title: str, problems: Problems) -> tuple[str, str]:
    """The signer from the data's `signer = {name, title}`, else from paayesh.toml."""
    given = data.get("signer") or {}
    if not isinstance(given, dict):
        problems.add("«signer» باید name و title داشته باشد.", "signer must be {name, title}")
        given = {}
    name, title = inputs.text(given.get("name") or name), inputs.text(given.get("title") or title)
    if not name:
        problems.add("نام امضاکننده معلوم نیست: signer.name را در فایل داده یا signer_name را "
                     "در بخش [compose] فایل paayesh.toml بنویسید.",
                     "no signer: give signer.name in the data or signer_name in [compose] "
                     "of paayesh.toml")
    return name, title


def common(data: dict[str, Any], settings: Settings, problems: Problems,
           day: jdatetime.date | None = None) -> dict[str, Any]:
    """Context fields every composed document shares: letterhead, date, marks, footer."""
    if day is None:
        day = inputs.jalali(data["date"], "date", problems) if data.get("date") else None
    day = day or today_jalali()
    organisation = [inputs.text(line) for line in inputs.as_list(
        data.get("organisation") or list(settings.compose.organisation)) if inputs.text(line)]
    if not organisation:
        problems.add("سربرگ (organisation) خالی است.", "the letterhead (organisation) is empty")
    priority = inputs.priority(data.get("priority"), problems)
    classification = inputs.classification(data.get("classification"), problems)
    return {
        "organisation": organisation, "date": format_jalali(day),
        "attachments": inputs.text(data.get("attachments")) or "ندارد",
        "marks": inputs.marks(priority, classification),
        "footer": inputs.text(data.get("footer") or settings.compose.footer),
        "registry_line": "", "_day": day, "_priority": priority,
        "_classification": classification,
    }


def record_base(kind: str, shared: dict[str, Any], subject: str, sender: str) -> dict[str, Any]:
    """The record fields every composed document has (the `extract` contract's names)."""
    day = shared["_day"]
    return {"kind": kind, "number": None, "date": format_iso(day),
            "date_gregorian": to_gregorian_iso(day), "subject": display(subject),
            "sender": display(sender) or None, "recipients": [], "copies": [],
            "references": [], "attachments": display(shared["attachments"]) or None,
            "priority": shared["_priority"], "classification": shared["_classification"],
            "meeting": None}


def public(context: dict[str, Any]) -> dict[str, Any]:
    """The context without the working values (names starting with `_`)."""
    return {key: value for key, value in context.items() if not key.startswith("_")}


def _recipients(data: dict[str, Any], problems: Problems) -> list[dict[str, Any]]:
    given = data.get("recipients", data.get("recipient"))
    found = []
    for index, item in enumerate(inputs.as_list(given), 1):
        if isinstance(item, str):
            item = {"to": item}
        if not isinstance(item, dict) or not inputs.text(item.get("to")):
            problems.add(f"گیرنده شماره {index} («to») خالی است.",
                         f"recipient {index} has no 'to' (the addressee line)")
            continue
        unknown = sorted(set(item) - _RECIPIENT_KEYS - INPUTS)
        if unknown:
            problems.add(f"گیرنده شماره {index} فیلد ناشناخته دارد: {', '.join(unknown)}",
                         f"recipient {index} has unknown field(s): {', '.join(unknown)}")
        found.append(item)
    if not found and given is None:
        problems.add("فایل داده گیرنده ندارد (recipients).", "the data has no recipients")
    return found


def prepare_letters(data: dict[str, Any], settings: Settings, template_fields: set[str],
                    file: Path | str, template: str = "letter") -> list[Prepared]:
    """One prepared letter per recipient; raises ComposeError listing every problem."""
    problems = Problems()
    extra = check_fields(data, INPUTS, COMPUTED, template_fields, problems)
    letters = []
    for recipient in _recipients(data, problems):
        overrides = {k: v for k, v in recipient.items() if k not in _RECIPIENT_KEYS}
        letters.append(_letter({**data, **overrides}, recipient, settings, problems, extra,
                               template))
    if problems:
        raise problems_error(file, problems.items)
    if not letters:
        raise ComposeError(f"فایل {file} هیچ گیرنده‌ای ندارد.", f"{file} has no recipients.")
    return letters


def _letter(data: dict[str, Any], recipient: dict[str, Any], settings: Settings,
            problems: Problems, extra: dict[str, Any], template: str) -> Prepared:
    shared = common(data, settings, problems)
    subject = inputs.required_text(data, "subject", problems)
    body = inputs.paragraphs(data.get("body"))
    if not body:
        problems.add("متن نامه (body) خالی است.", "the letter has no body")
    refs = inputs.references(data.get("references"), problems)
    opening = inputs.reference_sentence(refs)
    if opening and body:
        body[0] = f"{opening}، {body[0]}"
    copies = inputs.copies(data.get("copies"), problems)
    name, title = signer(data, settings.compose.signer_name, settings.compose.signer_title,
                         problems)
    person, to = inputs.text(recipient.get("person")), inputs.text(recipient.get("to"))
    context = {**public(shared), **extra, "recipient_person": person, "recipient": to,
               "subject": subject, "paragraphs": body, "signer_name": name,
               "signer_title": title, "copies": copies, "references_text": opening,
               "number": ""}
    record = record_base("letter", shared, subject, title)
    record.update(
        recipients=[display(" ".join(filter(None, (person, to))))],
        copies=inputs.record_copies(copies),
        references=[{"relation": r["relation"], "number": r["number"],
                     "date": format_iso(r["date"]) if r["date"] else None} for r in refs])
    return Prepared(template, context, record, "outgoing", to)
