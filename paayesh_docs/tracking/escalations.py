"""Escalations (clause 2 of the directive), their copies to the secretariat, their replies.

An outgoing letter addressed to a body of one of the three levels is an escalation of
that level, unless its subject is routine (minutes, periodic reports) or it is the
copy itself: a letter to TPO / the High Council's secretariat citing an escalation
that went elsewhere. An outgoing letter that cites an escalation («پیرو …») follows it
up and is an escalation too (of its own addressee's level, else of the one it
follows), with its own copy to find.

Copy: the letter is addressed to the secretariat ("addressed"), or a line of its رونوشت
block is ("cc"), or a separate letter to the secretariat cites it ("letter"). Reply: an
incoming letter that cites it, or any incoming letter of its thread dated after it
(TPO often answers the follow-up or the copy). Due: `reply_days` after its own date.
Everything is evaluated as of a day: letters dated later do not exist yet.
"""

from __future__ import annotations

from dataclasses import dataclass

from paayesh_docs.tracking.deadlines import add, status
from paayesh_docs.tracking.rules import Rules
from paayesh_docs.tracking.threads import Graph


@dataclass
class Escalation:
    id: int
    level: int
    recipient: str | None
    day: str
    due: str
    follows: int | None
    copy: tuple[int, str] | None  # (record id, "cc" | "letter" | "addressed")
    status: str  # open | answered | overdue
    reply_id: int | None


class _Roles:
    """Which outgoing letters are escalations: (level, the escalation it follows) or None."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.memo: dict[int, tuple[int, int | None] | None] = {}

    def of(self, record_id: int) -> tuple[int, int | None] | None:
        if record_id in self.memo:
            return self.memo[record_id]
        self.memo[record_id] = None  # a citation loop ends here
        fact = self.graph.facts[record_id]
        role = None
        if fact.direction == "outgoing" and fact.kind != "minutes" and not fact.routine:
            cited = [(t, r) for t in self.graph.cites(record_id) if (r := self.of(t))]
            copy_of_other = fact.to_tpo and any(not self.graph.facts[t].to_tpo
                                                for t, _ in cited)
            if copy_of_other:
                role = None
            elif fact.level is not None:
                role = (fact.level, cited[0][0] if cited else None)
            elif cited:
                role = (cited[0][1][0], cited[0][0])
        self.memo[record_id] = role
        return role


def find_escalations(graph: Graph, rules: Rules, on: str) -> list[Escalation]:
    """Every escalation written by `on`, oldest first, with its copy, reply and status."""
    roles = _Roles(graph)
    found = [escalation for record_id in graph.facts
             if (escalation := _escalation(graph, roles, rules, on, record_id)) is not None]
    return sorted(found, key=lambda e: (e.day, graph.facts[e.id].sha))


def escalation_of(graph: Graph, rules: Rules, on: str, record_id: int) -> Escalation | None:
    """The escalation `record_id` is as of `on`, if it is one: what `find_escalations`
    says of it, without going through every record (a record's page asks this)."""
    if record_id not in graph.facts:
        return None
    return _escalation(graph, _Roles(graph), rules, on, record_id)


def _escalation(graph: Graph, roles: _Roles, rules: Rules, on: str,
                record_id: int) -> Escalation | None:
    fact = graph.facts[record_id]
    if fact.direction != "outgoing" or fact.day > on:
        return None
    role = roles.of(record_id)
    if role is None:
        return None
    settings = rules.settings
    due = add(fact.day, settings.reply_days, settings.working_days, rules.calendar)
    reply = _reply(graph, record_id, on)
    state = "answered" if reply is not None else status(due, on)
    return Escalation(record_id, role[0], fact.recipient, fact.day, due, role[1],
                      _copy(graph, record_id, on), state, reply)


def _copy(graph: Graph, record_id: int, on: str) -> tuple[int, str] | None:
    fact = graph.facts[record_id]
    if fact.to_tpo:
        return record_id, "addressed"
    if fact.cc_tpo:
        return record_id, "cc"
    letters = [c for c in graph.cited_by.get(record_id, ())
               if graph.facts[c].direction == "outgoing" and graph.facts[c].to_tpo
               and graph.facts[c].day <= on]
    if not letters:
        return None
    return min(letters, key=lambda c: (graph.facts[c].day, graph.facts[c].sha)), "letter"


def _reply(graph: Graph, record_id: int, on: str) -> int | None:
    facts = graph.facts
    fact = facts[record_id]
    direct = set(graph.cited_by.get(record_id, ()))
    older = set(graph.cites(record_id))
    candidates = []
    for other in graph.members(record_id):
        candidate = facts[other]
        if other == record_id or candidate.direction != "incoming" or candidate.day > on:
            continue
        if other in direct or candidate.day > fact.day or (
                candidate.day == fact.day and other not in older):
            candidates.append((candidate.day, other not in direct, candidate.sha, other))
    return min(candidates)[3] if candidates else None
