"""Is a committee resolution done? A clerk's mark, or a later letter that answers it.

A resolution (a line of a meeting's minutes: text, owner, deadline) is done as of a day
when a clerk marked it done by then (`paayesh resolution done`, kept in `marks`), or,
unless a clerk marked it not done, when a later letter or minutes cite its minutes and
answer it: the minutes' only resolution, or a letter from (or to) its owner. Otherwise
it is open, or overdue past its deadline. `paayesh due` and the periodic report both
ask here, so a resolution done in one is done in the other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from paayesh_docs.persian.text import search_terms
from paayesh_docs.tracking.marks import Mark


@dataclass(frozen=True)
class ResolutionState:
    meeting: Any  # the `Meeting` it belongs to
    item: int  # 1-based, in the minutes' order
    text: str
    owner: str | None
    deadline: str | None
    status: str  # "done", "open" or "overdue"
    done_by: str | None  # "marked" or "cited" when done


def resolution_states(graph: Any, meetings: Iterable[Any],
                      marked: dict[tuple[str | None, str, int], Mark], on: str,
                      record: Callable[[int], dict[str, Any]]) -> list[ResolutionState]:
    """Every resolution of `meetings` as of `on`; `record(id)` reads a citing letter."""
    states = []
    for meeting in meetings:
        cited = _citing(graph, meeting, on)
        for item, (text, owner, deadline) in enumerate(meeting.resolutions, 1):
            mark = marked.get((meeting.number, meeting.date, item))
            how = None
            if mark is not None and mark.done and mark.day <= on:
                how = "marked"
            elif mark is None or mark.done:
                how = _cited_for(cited, owner, len(meeting.resolutions), record)
            status = "done" if how else ("overdue" if deadline and on > deadline else "open")
            states.append(ResolutionState(meeting, item, text, owner, deadline, status, how))
    return states


def _citing(graph: Any, meeting: Any, on: str) -> list[int]:
    """Later letters and minutes that cite the meeting's minutes (not the covering
    letters that sent them to TPO)."""
    found = []
    for minutes in meeting.ids:
        for other in graph.cited_by.get(minutes, ()):
            fact = graph.facts[other]
            if (other not in meeting.ids and fact.covers is None
                    and meeting.date <= fact.day <= on
                    and not (meeting.sent and meeting.sent[0] == other)):
                found.append(other)
    return found


def _cited_for(citing: list[int], owner: str | None, count: int,
               record: Callable[[int], dict[str, Any]]) -> str | None:
    """'cited' when a citing record answers this resolution: the only one of its
    minutes, or the letter comes from (or goes to) its owner."""
    if not citing:
        return None
    if count == 1:
        return "cited"
    wanted = set(search_terms(owner or ""))
    for other in citing:
        found = record(other)
        names = " ".join([found.get("sender") or "", *(found.get("recipients") or [])])
        if wanted and wanted <= set(search_terms(names)):
            return "cited"
    return None
