"""Tracking answers as the JSON contract carries them (the CLI prints these; a web page
can serve them): each item with its record's registry number, letter number and subject."""

from __future__ import annotations

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
