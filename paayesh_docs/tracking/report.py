"""Tracking answers as the JSON contract carries them (the CLI prints these; a web page
can serve them): each item with its record's registry number, letter number and subject."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from paayesh_docs.tracking.deadlines import DueItem
from paayesh_docs.tracking.escalations import Escalation
from paayesh_docs.tracking.meetings import MeetingsReport
from paayesh_docs.tracking.tracker import Tracker


class Records:
    """Registry records by id, each read once per answer (the registry caught up once, not
    at every record: `Registry.get` does, 8,000 escalations would pay it 8,000 times)."""

    def __init__(self, tracker: Tracker) -> None:
        tracker.registry.refresh()
        self._table = tracker.registry.table()
        self._cache: dict[int, dict[str, Any]] = {}

    def __call__(self, record_id: int | None) -> dict[str, Any]:
        if record_id is None:
            return {}
        if record_id not in self._cache:
            self._cache[record_id] = self._table.get(str(record_id)) or {}
        return self._cache[record_id]


def escalations_json(tracker: Tracker, escalations: list[Escalation]) -> list[dict[str, Any]]:
    record = Records(tracker)
    out = []
    for e in escalations:
        letter = record(e.id)
        recipients = letter.get("recipients") or []
        out.append({
            "id": e.id, "registry_number": letter.get("registry_number"),
            "number": letter.get("number"), "date": e.day, "level": e.level,
            "recipient": e.recipient or (recipients[0] if recipients else None),
            "subject": letter.get("subject"),
            "copy": {"id": e.copy[0], "how": e.copy[1],
                     "registry_number": record(e.copy[0]).get("registry_number")}
            if e.copy else None,
            "status": e.status, "due": e.due, "reply_id": e.reply_id,
            "reply_registry_number": record(e.reply_id).get("registry_number"),
            "follows": e.follows,
        })
    return out


def due_json(tracker: Tracker, items: list[DueItem], on: str) -> list[dict[str, Any]]:
    record = Records(tracker)
    out = []
    for item in items:
        letter = record(item.id)
        out.append({**item.as_json(on), "registry_number": letter.get("registry_number"),
                    "subject": letter.get("subject")})
    return out


def meetings_json(tracker: Tracker, report: MeetingsReport) -> dict[str, Any]:
    record = Records(tracker)
    return {
        "meetings": [{
            "number": m.number, "date": m.date, "extraordinary": m.extraordinary,
            "ids": m.ids, "registry_numbers": [record(i).get("registry_number") for i in m.ids],
            "sent": {"id": m.sent[0], "how": m.sent[1],
                     "registry_number": record(m.sent[0]).get("registry_number")}
            if m.sent else None,
            "resolutions": [{"text": t, "owner": o, "deadline": d} for t, o, d in m.resolutions],
        } for m in report.meetings],
        "gaps": [{"from": g.start, "to": g.end, "days": g.days, "missed": g.missed}
                 for g in report.gaps],
        "next_due": report.next_due, "next_overdue": report.next_overdue,
        "unsent": [m.number for m in report.unsent],
    }


def thread_json(tracker: Tracker, ids: list[int]) -> list[dict[str, Any]]:
    record = Records(tracker)
    graph = tracker.graph
    out = []
    for record_id in ids:
        letter = record(record_id)
        fact = graph.facts.get(record_id)
        out.append({
            "id": record_id, "registry_number": letter.get("registry_number"),
            "number": letter.get("number"), "date": fact.day if fact else letter.get("date"),
            "direction": letter.get("direction"), "kind": letter.get("kind"),
            "subject": letter.get("subject"), "sender": letter.get("sender"),
            "status": letter.get("status"), "cites": graph.cites(record_id),
            "cited_by": graph.cited_by.get(record_id, []),
        })
    return out


def overview(tracker: Tracker, on: str, within: int | None = None,
             can_see: Callable[[dict[str, Any]], bool] = lambda record: True) -> dict[str, Any]:
    """Everything the tracking page shows as of `on`: escalations by level (with those
    missing their copy and those overdue counted), what is due (`within` days, and all that
    is overdue), the meetings with their gaps and unsent minutes. Only what `can_see`
    (a record) allows: a row on a record the reader may not see is left out, and a copy
    or reply they may not see is not named."""
    record = Records(tracker)

    def seen(record_id: int | None) -> bool:
        return record_id is not None and bool(record(record_id)) and can_see(
            {"id": record_id, **record(record_id)})

    escalations = []
    for row in escalations_json(tracker, tracker.escalations(on)):
        if not seen(row["id"]):
            continue
        if row["copy"] and not seen(row["copy"]["id"]):
            row["copy"] = {**row["copy"], "id": None, "registry_number": None}
        if row["reply_id"] is not None and not seen(row["reply_id"]):
            row["reply_id"] = row["reply_registry_number"] = None
        body = tracker.rules.body_of(row["recipient"]) if row["recipient"] else None
        row["body"] = body[1] if body else row["recipient"]
        escalations.append(row)
    levels = [{"level": level.level, "name": level.name,
               "escalations": [r for r in escalations if r["level"] == level.level]}
              for level in tracker.rules.settings.levels]
    for level in levels:
        rows = level["escalations"]
        level["missing_copy"] = sum(r["copy"] is None for r in rows)
        level["overdue"] = sum(r["status"] == "overdue" for r in rows)
    due = [row for row in due_json(tracker, tracker.due(on, within), on)
           if row["id"] is None or seen(row["id"])]
    meetings = meetings_json(tracker, tracker.meetings(on))
    meetings["meetings"] = [m for m in meetings["meetings"] if any(seen(i) for i in m["ids"])]
    for meeting in meetings["meetings"]:
        if meeting["sent"] and not seen(meeting["sent"]["id"]):
            meeting["sent"] = {**meeting["sent"], "id": None, "registry_number": None}
    shown = {m["number"] for m in meetings["meetings"]}
    meetings["unsent"] = [number for number in meetings["unsent"] if number in shown]
    return {"on": on, "levels": levels,
            "missing_copy": [r for r in escalations if r["copy"] is None],
            "overdue": [r for r in escalations if r["status"] == "overdue"],
            "due": due, **meetings}
