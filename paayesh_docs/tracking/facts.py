"""What tracking keeps of one record: its facts, small plain data made once per revision.

Everything the engine asks of a record is decided here, when the record arrives, so that
answering a question never reads the registry's texts again: the keys it can be cited
by, what it cites, the escalation level of its addressee, whether TPO (the High
Council's secretariat) is an addressee or in its رونوشت block, whether it is routine,
the meeting of minutes, the meetings a covering letter names, its part in the
statistics workflow. Kept as a tuple in memory (a `Fact`) and as a JSON object on disk.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

from paayesh_docs.persian.dates import MONTHS, find_dates, format_iso
from paayesh_docs.persian.digits import to_latin_digits
from paayesh_docs.persian.text import normalize
from paayesh_docs.tracking.numbers import number_key
from paayesh_docs.tracking.phrases import Probe
from paayesh_docs.tracking.rules import Rules

Ref = tuple[str, str, str | None]  # (relation, number key, date)
Resolution = tuple[str, str | None, str | None]  # (text, owner, deadline)


class Meeting(NamedTuple):
    number: str | None  # Latin digits
    date: str | None
    extraordinary: bool
    resolutions: tuple[Resolution, ...]


class Fact(NamedTuple):
    """One record as tracking sees it. Dates are Jalali ISO (`1405-08-21`)."""

    rev: int
    sha: str  # the start of the content hash: an order-free tie-break
    direction: str
    kind: str
    date: str | None  # the letter's own date
    registered: str  # the day it was registered
    keys: tuple[str, ...]  # what a reference to it can cite: letter number, registry number
    refs: tuple[Ref, ...]
    level: int | None  # escalation level of its addressee (outgoing letters)
    recipient: str | None  # the addressee that made the level
    to_tpo: bool  # TPO / the secretariat is an addressee
    cc_tpo: bool  # ... or a line of its رونوشت block
    routine: bool  # minutes, periodic reports: never an escalation
    meeting: Meeting | None
    covers: tuple[tuple[str, ...], tuple[str, ...]] | None  # meeting numbers and dates named
    stats: tuple[str, str | None] | None  # (filing|approved|returned|corrected, period)

    @property
    def day(self) -> str:
        """The day it counts from: its own date, else the day it was registered."""
        return self.date or self.registered


def from_json(doc: dict[str, Any]) -> Fact:
    """A Fact from its JSON object (lists become tuples again)."""
    meeting = doc["meeting"]
    return Fact(
        doc["rev"], doc["sha"], doc["direction"], doc["kind"], doc["date"], doc["registered"],
        tuple(doc["keys"]), tuple((r[0], r[1], r[2]) for r in doc["refs"]), doc["level"],
        doc["recipient"], doc["to_tpo"], doc["cc_tpo"], doc["routine"],
        Meeting(meeting[0], meeting[1], meeting[2],
                tuple((r[0], r[1], r[2]) for r in meeting[3])) if meeting else None,
        (tuple(doc["covers"][0]), tuple(doc["covers"][1])) if doc["covers"] else None,
        (doc["stats"][0], doc["stats"][1]) if doc["stats"] else None)


def to_json(fact: Fact) -> dict[str, Any]:
    return fact._asdict()


_MEETING_NUMBER = re.compile(r"(?:جلسه\s*(?:فوق\s*العاده\s*)?شماره|شماره\s+جلسه)\s*[:：]?\s*"
                             r"\(?\s*([0-9]+)")
_PERIOD = re.compile(r"(" + "|".join(MONTHS) + r")\s*(?:ماه)?\s*(?:سال\s*)?([0-9]{4})(?![0-9])")


def period_of(subject: str, day: str) -> str:
    """The month a statistics filing is for: named in its subject («مهر ماه ۱۴۰۵»), else the
    month before it was filed. As `1405-07`."""
    found = _PERIOD.search(to_latin_digits(subject.replace("\u200c", " ")))
    if found:
        return f"{found.group(2)}-{MONTHS.index(found.group(1)) + 1:02d}"
    year, month = int(day[:4]), int(day[5:7])
    return f"{year - 1:04d}-12" if month == 1 else f"{year:04d}-{month - 1:02d}"


def _plain(text: str) -> str:
    return normalize(text, digits="latin").replace("\u200c", " ")


def covers_of(subject: Probe, text: str, rules: Rules) -> tuple[tuple[str, ...],
                                                                tuple[str, ...]] | None:
    """The meetings a letter about minutes names: «جلسه شماره N» and the dates it gives."""
    if not rules.minutes_word.search(subject) and not rules.minutes_word.search(text):
        return None
    plain = _plain(text)
    numbers = tuple(dict.fromkeys(m.group(1).lstrip("0") or "0"
                                  for m in _MEETING_NUMBER.finditer(plain)))
    dates = tuple(dict.fromkeys(format_iso(day) for day, _, _ in find_dates(plain)))
    return numbers, dates


def _stats(subject: Probe, day: str, rules: Rules) -> tuple[str, str | None] | None:
    if not subject.text or not rules.filing:
        return None
    for role, phrases in (("corrected", rules.corrected), ("returned", rules.returned),
                          ("approved", rules.approved)):
        if phrases.search(subject):
            return role, None
    if rules.filing.search(subject):
        return "filing", period_of(subject.text, day)
    return None


def facts_of(record: dict[str, Any], rules: Rules, text_of: Callable[[], str]) -> Fact:
    """The facts of one registry record; `text_of` reads its text (only asked for minutes and
    for letters to TPO, which may be covering letters)."""
    direction = record.get("direction") or "incoming"
    kind = record.get("kind") or "other"
    date = record.get("date")
    registered = record.get("registered_date") or date or "0000-00-00"
    subject = Probe(record.get("subject"))
    keys = tuple(dict.fromkeys(k for k in (number_key(record.get("number")),
                                           number_key(record.get("registry_number"))) if k))
    refs = tuple((ref.get("relation") or "reply_to", key, ref.get("date"))
                 for ref in record.get("references") or []
                 if (key := number_key(ref.get("number"))))
    level = recipient = meeting = covers = None
    to_tpo = cc_tpo = routine = False
    if direction == "outgoing" or kind == "minutes":
        recipients = [r for r in record.get("recipients") or [] if r]
        copies = [c.get("to") for c in record.get("copies") or [] if c.get("to")]
        to_tpo = any(rules.secretariat.find(name) for name in recipients)
        cc_tpo = any(rules.secretariat.find(name) for name in copies)
        if kind == "minutes":
            meeting = _meeting(record, text_of, rules)
        else:
            routine = bool(rules.routine.search(subject))
            for name in recipients:
                level = rules.level_of(name)
                if level is not None:
                    recipient = name
                    break
            if to_tpo or cc_tpo:
                covers = covers_of(subject, text_of(), rules)
    day = date or registered
    return Fact(record.get("rev", 0), record["source"]["sha256"][:12], direction, kind, date,
                registered, keys, refs, level, recipient, to_tpo, cc_tpo, routine, meeting,
                covers, _stats(subject, day, rules) if kind != "minutes" else None)


def _meeting(record: dict[str, Any], text_of: Callable[[], str], rules: Rules) -> Meeting:
    meeting = record.get("meeting") or {}
    number = meeting.get("number")
    title = "\n".join(text_of().split("\n")[:8])
    return Meeting(
        (to_latin_digits(number).lstrip("0") or "0") if number else None,
        meeting.get("date") or record.get("date"),
        bool(rules.extraordinary.search(title)),
        tuple((r.get("text") or "", r.get("owner"), r.get("deadline"))
              for r in meeting.get("resolutions") or []))
