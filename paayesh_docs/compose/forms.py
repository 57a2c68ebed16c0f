"""A web form's fields as a compose data file's data: the same keys, the same shapes.

A form sends flat text: one field a value, lists one item a line. These functions turn
that into the dict a TOML data file gives (`compose/examples/*.toml`), so that a letter
composed in the browser goes through the very checks and templates a data file goes
through (`compose.api.letters_from_data` …). References are picked from the registry by
number: the letter it names gives its own number and date.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from paayesh_docs.compose.errors import ComposeError
from paayesh_docs.persian.digits import to_persian_digits
from paayesh_docs.registry import Registry

Form = Mapping[str, str | Sequence[str]]


def one(form: Form, key: str) -> str:
    """A field's one value (the first, when the form sent several), trimmed."""
    value = form.get(key, "")
    if not isinstance(value, str):
        value = value[0] if value else ""
    return value.replace("\r\n", "\n").strip()


def _many(form: Form, key: str) -> list[str]:
    value = form.get(key, [])
    return [v.replace("\r\n", "\n").strip() for v in ([value] if isinstance(value, str)
                                                      else value)]


def lines(text: str) -> list[str]:
    """The non-empty lines of a text box."""
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def _put(data: dict[str, Any], key: str, value: Any) -> None:
    """Only what the clerk filled in: a key left out takes its default, as in a data file."""
    if value not in ("", [], None, {}):
        data[key] = value


def _copies(text: str) -> list[dict[str, str]]:
    """`to: purpose` a line (the purpose optional), as `paayesh edit copies=` reads them."""
    found = []
    for line in lines(text):
        to, _, purpose = line.partition(":")
        copy = {"to": to.strip()}
        if purpose.strip():
            copy["purpose"] = purpose.strip()
        found.append(copy)
    return found


def _signer(form: Form, prefix: str = "signer") -> dict[str, str]:
    signer = {k: v for k in ("name", "title") if (v := one(form, f"{prefix}_{k}"))}
    return signer


def _common(form: Form) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key in ("date", "priority", "classification", "attachments"):
        _put(data, key, one(form, key))
    return data


def references(registry: Registry, relations: Sequence[str],
               numbers: Sequence[str]) -> list[dict[str, str]]:
    """The references a form picked by number (a registry number, or a letter's own
    number): each as the letter it names carries it (its own number, else the registry
    number; and its date); ComposeError listing every number the registry does not hold."""
    found, missing = [], []
    for relation, number in zip(relations, numbers, strict=False):
        if not number.strip():
            continue
        record = registry.find(number)
        if record is None:
            missing.append(number.strip())
            continue
        reference = {"relation": relation or "reply_to",
                     "number": record.get("number") or record["registry_number"]}
        _put(reference, "date", record.get("date") or "")
        found.append(reference)
    if missing:
        raise ComposeError(
            f"نامه‌ای با این شماره‌ها در دفتر ثبت نیست: {to_persian_digits('، '.join(missing))}",
            f"No registered letter has the number(s): {', '.join(missing)}")
    return found


def letter_data(form: Form, registry: Registry) -> dict[str, Any]:
    """A letter's data: `recipients` a line each (`person | to`, or just `to`), `copies` a
    line each (`to: purpose`), references as picked (`ref_relation`, `ref_number`)."""
    data = _common(form)
    _put(data, "subject", one(form, "subject"))
    _put(data, "body", one(form, "body"))
    recipients = []
    for line in lines(one(form, "recipients")):
        person, bar, to = line.partition("|")
        recipients.append({"person": person.strip(), "to": to.strip()} if bar
                          else {"to": line})
    data["recipients"] = recipients
    _put(data, "copies", _copies(one(form, "copies")))
    _put(data, "references", references(registry, _many(form, "ref_relation"),
                                        _many(form, "ref_number")))
    _put(data, "signer", _signer(form))
    return data


def minutes_data(form: Form) -> dict[str, Any]:
    """Minutes' data: `attendees` a line each (`name - role`), `agenda` and `absent` a line
    each, `resolutions` a line each (`text | owner | deadline`)."""
    data = _common(form)
    for key in ("number", "time", "place", "committee"):
        _put(data, key, one(form, key))
    if one(form, "extraordinary"):
        data["extraordinary"] = True
    data["attendees"] = lines(one(form, "attendees"))
    data["agenda"] = lines(one(form, "agenda"))
    _put(data, "absent", lines(one(form, "absent")))
    resolutions = []
    for line in lines(one(form, "resolutions")):
        text, owner, deadline = ([*line.split("|"), "", ""])[:3]
        resolution = {"text": text.strip()}
        _put(resolution, "owner", owner.strip())
        _put(resolution, "deadline", deadline.strip())
        resolutions.append(resolution)
    _put(data, "resolutions", resolutions)
    _put(data, "signer", _signer(form))
    _put(data, "letter_signer", _signer(form, "letter_signer"))
    return data


def report_data(form: Form) -> dict[str, Any]:
    """A supervisor report's data: `progress`, `obstacles`, `proposals`, `recipients` a line
    each, `assessment` paragraphs, `budget_current` and `budget_change` (percent)."""
    data = _common(form)
    for key in ("progress", "obstacles", "proposals", "recipients"):
        _put(data, key, lines(one(form, key)))
    _put(data, "assessment", one(form, "assessment"))
    _put(data, "copies", _copies(one(form, "copies")))
    _put(data, "supervisor", {"name": name} if (name := one(form, "supervisor")) else {})
    budget: dict[str, Any] = {}
    for key, field in (("current", "budget_current"), ("change_percent", "budget_change")):
        value = one(form, field)
        if value:
            budget[key] = value
    _put(data, "budget", budget)
    return data
