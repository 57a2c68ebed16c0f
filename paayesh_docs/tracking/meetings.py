"""Meetings (clause 1-1): the committee meets every two weeks, plus extraordinary
meetings, and its minutes go to TPO.

A meeting is known from its minutes (the same meeting's DOCX and PDF are one meeting).
Its minutes reached TPO when the minutes themselves are addressed or copied to TPO / the
secretariat ("cc"), or an outgoing covering letter to them (addressee or رونوشت line)
speaks of «صورتجلسه» and names the meeting by «جلسه شماره N», else by its date, or
cites the minutes' number or registry number ("letter"). Gaps longer than the cadence
are measured between regular meetings: an extraordinary one does not stand in for a
regular one.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from paayesh_docs.tracking.deadlines import add, days_between
from paayesh_docs.tracking.facts import Meeting as MinutesFacts
from paayesh_docs.tracking.facts import Resolution
from paayesh_docs.tracking.rules import Rules
from paayesh_docs.tracking.threads import Graph


@dataclass
class Meeting:
    number: str | None
    date: str
    extraordinary: bool
    ids: list[int]
    sent: tuple[int, str] | None = None  # (record id, "cc" | "letter")
    resolutions: list[Resolution] = field(default_factory=list)


@dataclass
class Gap:
    start: str  # the regular meeting before the gap
    end: str  # the next one
    days: int
    missed: int  # regular meetings that should have been held in between


@dataclass
class MeetingsReport:
    meetings: list[Meeting]
    gaps: list[Gap]
    next_due: str | None
    next_overdue: bool

    @property
    def unsent(self) -> list[Meeting]:
        return [m for m in self.meetings if m.sent is None]


def find_meetings(graph: Graph, rules: Rules, on: str) -> MeetingsReport:
    facts = graph.facts
    groups: dict[tuple[str | None, str], Meeting] = {}
    for record_id, fact in sorted(facts.items(), key=lambda item: item[1].sha):
        if fact.meeting is None or fact.day > on:
            continue
        minutes = MinutesFacts(*fact.meeting)
        date = minutes.date or fact.day
        key = (minutes.number, date)
        meeting = groups.get(key)
        if meeting is None:
            meeting = groups[key] = Meeting(minutes.number, date, False, [],
                                            resolutions=list(minutes.resolutions))
        meeting.ids.append(record_id)
        meeting.extraordinary |= minutes.extraordinary
        if (fact.to_tpo or fact.cc_tpo) and meeting.sent is None:
            meeting.sent = (record_id, "cc")
    meetings = sorted(groups.values(), key=lambda m: (m.date, m.number or ""))
    named = _covering_letters(graph, on)
    for meeting in meetings:
        if meeting.sent is None:
            letters = {*named.get(("number", meeting.number), ()),
                       *named.get(("date", meeting.date), ()),
                       *(letter for i in meeting.ids for letter in named.get(("cites", i), ()))}
            if letters:
                first = min(letters, key=lambda i: (facts[i].day, facts[i].sha))
                meeting.sent = (first, "letter")
    cadence = rules.settings.meetings
    regular = [m for m in meetings if not m.extraordinary]
    limit = cadence.cadence_days + cadence.grace_days
    gaps = [Gap(a.date, b.date, days, (days - 1) // cadence.cadence_days)
            for a, b in itertools.pairwise(regular)
            if (days := days_between(a.date, b.date)) > limit]
    next_due, next_overdue = None, False
    if regular:
        next_due = add(regular[-1].date, cadence.cadence_days, False, rules.calendar)
        next_overdue = days_between(regular[-1].date, on) > limit
    return MeetingsReport(meetings, gaps, next_due, next_overdue)


def _covering_letters(graph: Graph, on: str) -> dict[tuple[str, object], list[int]]:
    """Covering letters written by `on`, by what they name: ("number", N) for «جلسه شماره
    N», ("date", D) for a date when they give no number, ("cites", id) for minutes they
    cite. (Indexed once: 700 meetings against 3,000 letters is two million pairs.)"""
    named: dict[tuple[str, object], list[int]] = {}
    for letter, fact in graph.facts.items():
        if fact.covers is None or fact.day > on or fact.direction != "outgoing" or not (
                fact.to_tpo or fact.cc_tpo):
            continue
        numbers, dates = fact.covers
        keys = [("number", n) for n in numbers] or [("date", d) for d in dates]
        keys += [("cites", target) for target in graph.cites(letter)]
        for key in keys:
            named.setdefault(key, []).append(letter)
    return named
