"""What tracking keeps of one record: its facts, small plain data made once per revision.

Everything the engine asks of a record is decided here, when the record arrives, so that
answering a question never reads the registry's texts again: the keys it can be cited
by, what it cites, the escalation level of its addressee, whether TPO (the High
Council's secretariat) is an addressee or in its رونوشت block, whether it is routine,
the meeting of minutes, the meetings a covering letter names, its part in the
statistics workflow. Kept as a tuple in memory (a `Fact`) and as a JSON array on disk (`to_doc`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from paayesh_docs.persian.dates import MONTHS, find_dates, format_iso
from paayesh_docs.persian.digits import to_latin_digits
from paayesh_docs.tracking.numbers import number_key
from paayesh_docs.tracking.phrases import Probe
from paayesh_docs.tracking.rules import Rules

Ref = tuple[str, str, str | None]  # (relation, number key, date)
Resolution = tuple[str, str | None, str | None]  # (text, owner, deadline)


class Meeting(NamedTuple):
    """The `meeting` of a Fact: `Meeting(*fact.meeting)`."""

    number: str | None  # Latin digits
    date: str | None
    extraordinary: bool
    resolutions: Sequence[Resolution]


class Fact(NamedTuple):
    """One record as tracking sees it. Dates are Jalali ISO (`1405-08-21`)."""

    rev: int
    sha: str  # the start of the content hash: an order-free tie-break
    direction: str
    kind: str
    date: str | None  # the letter's own date
    registered: str  # the day it was registered
    keys: Sequence[str]  # what a reference to it can cite: letter number, registry number
    refs: Sequence[Ref]
    level: int | None  # escalation level of its addressee (outgoing letters)
    recipient: str | None  # the addressee that made the level
    to_tpo: bool  # TPO / the secretariat is an addressee
    cc_tpo: bool  # ... or a line of its رونوشت block
    routine: bool  # minutes, periodic reports: never an escalation
    meeting: Sequence[Any] | None  # minutes: the fields of a `Meeting`
    covers: Sequence[Sequence[str]] | None  # meeting numbers and dates it names
    stats: Sequence[str | None] | None  # (filing|approved|returned|corrected, period)
    # the reports' (counted from facts, not by reading 100,000 records again):
    void: bool = False  # voided (ابطال): in the register, counted nowhere
    party: str | None = None  # the sender of an incoming letter, else its first addressee

    @property
    def day(self) -> str:
        """The day it counts from: its own date, else the day it was registered."""
        return self.date or self.registered


_FIELDS = len(Fact._fields)


def from_doc(doc: list[Any]) -> Fact:
    """A Fact from its array (lists stay lists: they read the same as tuples). An array
    an earlier version wrote, without the last fields, is read with their defaults: it is
    rebuilt on the next sync (`rules.FACTS_VERSION`), but must load to get there; so must
    one a later version wrote with more fields."""
    if len(doc) == _FIELDS:
        return Fact._make(doc)
    return Fact(*doc[:_FIELDS])


# «صورتجلسه» in a letter's stored text (normalised: one letter form), joined, spaced or ZWNJ
_MINUTES = re.compile("صورت[\\s\u200c]?جلسه")
_SPACE = r"[\s\u200c]"
_MEETING_NUMBER = re.compile(
    rf"(?:جلسه{_SPACE}*(?:فوق{_SPACE}*العاده{_SPACE}*)?شماره|شماره{_SPACE}+جلسه){_SPACE}*[:：]?"
    rf"{_SPACE}*\(?{_SPACE}*([0-9۰-۹٠-٩]+)")
_PERIOD = re.compile(r"(" + "|".join(MONTHS) + r")\s*(?:ماه)?\s*(?:سال\s*)?([0-9]{4})(?![0-9])")


def period_of(subject: str, day: str) -> str:
    """The month a statistics filing is for: named in its subject («مهر ماه ۱۴۰۵»), else the
    month before it was filed. As `1405-07`."""
    found = _PERIOD.search(to_latin_digits(subject.replace("\u200c", " ")))
    if found:
        return f"{found.group(2)}-{MONTHS.index(found.group(1)) + 1:02d}"
    year, month = int(day[:4]), int(day[5:7])
    return f"{year - 1:04d}-12" if month == 1 else f"{year:04d}-{month - 1:02d}"


def covers_of(subject: Probe, in_subject: bool, text_of: Callable[[], str]) -> list[Any] | None:
    """The meetings a letter about minutes names, [numbers, dates]: «جلسه شماره N» and the
    dates it gives. The subject (`in_subject`: it says «صورتجلسه») is enough when it names
    the meeting's number; else the text is read (its «صورتجلسه» found by a regex: the
    stored text is normalised)."""
    if in_subject:
        numbers = _numbers(subject.text)
        if numbers:
            return [numbers, _dates(subject.text)]
    text = text_of()
    if not in_subject and not _MINUTES.search(text):
        return None
    return [_numbers(text), _dates(text)]


# Both read digits of every script, and the stored text is already normalised: no
# normalising again (about 100 µs a letter).
def _numbers(text: str) -> list[str]:
    return list(dict.fromkeys(str(int(m.group(1))) for m in _MEETING_NUMBER.finditer(text)))


def _dates(text: str) -> list[str]:
    return list(dict.fromkeys(format_iso(day) for day, _, _ in find_dates(text)))


def _stats(matched: frozenset[str], subject: str, day: str) -> list[str | None] | None:
    for role in ("corrected", "returned", "approved"):
        if role in matched:
            return [role, None]
    if "filing" in matched:
        return ["filing", period_of(subject, day)]
    return None


def facts_of(record: dict[str, Any], rules: Rules, text_of: Callable[[], str],
             subject: Probe | None = None, matched: frozenset[str] | None = None) -> list[Any]:
    """The facts of one registry record, as the array `from_doc` reads (a rebuild makes
    100,000 of them: no detour through a Fact). `text_of` reads the record's text; it is
    asked only for minutes and for letters to TPO, which may be covering letters.
    `subject` and `matched`, when given, are what `rules.subjects` made of its subject."""
    get = record.get
    direction = get("direction") or "incoming"
    kind = get("kind") or "other"
    if direction == "incoming":
        party = get("sender") or ""
    else:
        party = next((r for r in get("recipients") or () if r), None)
    if get("status") == "void":  # voided (ابطال): kept in the register, out of tracking
        return [get("rev", 0), record["source"]["sha256"][:12], direction, kind, get("date"),
                get("registered_date") or "0000-00-00", [], [], None, None, False, False,
                True, None, None, None, True, party]
    date = get("date")
    registered = get("registered_date") or date or "0000-00-00"
    if subject is None or matched is None:
        subject = Probe(get("subject"))
        matched = rules.subjects.match(subject)
    key = number_key(get("number"))
    registry_key = rules.registry_key(record)
    keys = [k for k in (key, registry_key) if k]
    if len(keys) == 2 and keys[0] == keys[1]:
        keys.pop()
    refs = [[ref.get("relation") or "reply_to", cited, ref.get("date")]
            for ref in get("references") or () if (cited := number_key(ref.get("number")))]
    level = recipient = meeting = covers = stats = None
    to_tpo = cc_tpo = routine = False
    if direction == "outgoing" or kind == "minutes":
        recipients = [r for r in get("recipients") or () if r]
        copies = [c.get("to") for c in get("copies") or () if c.get("to")]
        to_tpo = any(rules.secretariat.find(name) for name in recipients)
        cc_tpo = any(rules.secretariat.find(name) for name in copies)
        if kind == "minutes":
            meeting = _meeting(record, text_of, rules)
        else:
            # a supervisor report or other non-letter the product wrote itself is no
            # escalation, whatever its subject says
            routine = "routine" in matched or (
                kind != "letter" and bool((get("source") or {}).get("composed")))
            for name in recipients:
                level = rules.level_of(name)
                if level is not None:
                    recipient = name
                    break
            if to_tpo or cc_tpo:
                covers = covers_of(subject, "minutes" in matched, text_of)
    if matched and kind != "minutes":
        stats = _stats(matched, subject.text, date or registered)
    return [get("rev", 0), record["source"]["sha256"][:12], direction, kind, date, registered,
            keys, refs, level, recipient, to_tpo, cc_tpo, routine, meeting, covers, stats,
            False, party]


def _meeting(record: dict[str, Any], text_of: Callable[[], str], rules: Rules) -> list[Any]:
    """[number (Latin digits), date, extraordinary, [[text, owner, deadline], ...]]"""
    meeting = record.get("meeting") or {}
    number = meeting.get("number")
    title = "\n".join(text_of().split("\n")[:8])
    return [(to_latin_digits(number).lstrip("0") or "0") if number else None,
            meeting.get("date") or record.get("date"), bool(rules.extraordinary.search(title)),
            [[r.get("text") or "", r.get("owner"), r.get("deadline")]
             for r in meeting.get("resolutions") or []]]
