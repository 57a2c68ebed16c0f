"""The figures of a periodic report, worked out from tracking's answers as of a day.

`period_report(tracker, period, on)` answers what the directive's reports say, for a
year, half, quarter or month (`periods`): letters in, out and internal (by kind, month
and counterpart body), escalations by level (raised, answered on time or late, open,
overdue, without the copy to the secretariat, days to reply), meetings against the
14-day cadence, resolutions by owner, statistics filings per unit, and the quarterly
reports of each cluster. Tracking's own functions give escalations, meetings and the
statistics reviews; this module only sorts them into the period and counts.

Every figure is as of `on`: what is dated later does not exist yet. A `visible`
predicate (a user's clearance, on the web) limits the report to the records it accepts:
the others count nowhere, not even as a reply or a copy, since tracking is worked out
again on the visible records alone.
"""

from __future__ import annotations

import math
import re
import statistics as stats
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from paayesh_docs.persian.dates import months_between
from paayesh_docs.reports.periods import Period
from paayesh_docs.tracking.deadlines import days_between, month_day
from paayesh_docs.tracking.escalations import Escalation, find_escalations
from paayesh_docs.tracking.marks import Marks
from paayesh_docs.tracking.meetings import Meeting, find_meetings
from paayesh_docs.tracking.resolutions import resolution_states
from paayesh_docs.tracking.statistics import review
from paayesh_docs.tracking.threads import Graph
from paayesh_docs.tracking.tracker import Tracker, paused_collector

Visible = Callable[[dict[str, Any]], bool]


def display(value: str) -> str:
    """A stored name as it is: records keep `ingest.fields.display` forms already
    (normalising 100,000 senders again took most of a year's report)."""
    return value.strip()
DIRECTIONS = ("incoming", "outgoing", "internal")
TOP = 10  # senders and recipients listed by name
BINS = (("0-3", 0, 3), ("4-7", 4, 7), ("8-14", 8, 14), ("15-30", 15, 30), ("31+", 31, None))
_SUPERVISOR_SUBJECT = re.compile(r"گزارش نظارت بر عملکرد توسعه (خوشه .+?) در (سه‌ماهه \S+) (\S+)")


def period_report(tracker: Tracker, period: Period, on: str,
                  visible: Visible | None = None) -> dict[str, Any]:
    """Every figure of the report (the JSON contract), as of `on` (Jalali ISO)."""
    with paused_collector():
        return _Report(tracker, period, on, visible).figures()


class _Report:
    def __init__(self, tracker: Tracker, period: Period, on: str,
                 visible: Visible | None) -> None:
        self.tracker, self.period, self.on, self.visible = tracker, period, on, visible
        self.rules = tracker.rules
        self.start = period.start
        self.last = min(period.end, on)  # the last day that counts
        registry = tracker.registry
        registry.refresh()
        self.table = registry.table()
        graph = tracker.graph
        if visible is not None:
            allowed = {record["id"] for record in registry.scan() if visible(record)}
            facts = {i: f for i, f in graph.facts.items() if i in allowed}
            by_key = {k: [i for i in ids if i in allowed] for k, ids in tracker.by_key.items()}
            graph = Graph(facts, by_key)
        self.graph = graph
        self.facts = graph.facts
        self._records: dict[int, dict[str, Any]] = {}
        self._bodies: dict[str, tuple[str, int | None]] = {}

    def prefetch(self, ids: Iterable[int | None]) -> None:
        """Read the records a table will name in one pass through the registry (reading
        them one by one, each seek and parse on its own, took 4 s for a year's 30,000)."""
        missing = sorted({i for i in ids if i is not None and i not in self._records})
        if len(missing) > 50:
            for record in self.tracker.registry.scan(missing):
                self._records[record["id"]] = record

    def record(self, record_id: int | None) -> dict[str, Any]:
        if record_id is None:
            return {}
        if record_id not in self._records:
            self._records[record_id] = {"id": record_id, **(self.table.get(str(record_id)) or {})}
        return self._records[record_id]

    def in_period(self, day: str | None) -> bool:
        return bool(day) and self.start <= day <= self.last  # type: ignore[operator]

    def figures(self) -> dict[str, Any]:
        return {
            "period": {"name": self.period.name, "from": self.start, "to": self.period.end},
            "on": self.on,
            "letters": self.letters(),
            "escalations": self.escalations(),
            "meetings": self.meetings(),
            "resolutions": self.resolutions(),
            "statistics": self.statistics(),
            "supervisor_reports": self.supervisor_reports(),
        }

    # -- letters ------------------------------------------------------------------

    def letters(self) -> dict[str, Any]:
        start, last = self.start, self.last
        # `Fact.day` spelled out, and each counterpart's body looked up once: this loop
        # sees every letter of the year
        ids = sorted(i for i, fact in self.facts.items()
                     if start <= (fact.date or fact.registered) <= last)
        counts: Counter[str] = Counter()
        kinds: Counter[str] = Counter()
        months = {m: dict.fromkeys(DIRECTIONS, 0) for m in self.period.months
                  if m <= self.last[:7]}
        bodies: dict[str, Counter[tuple[str, int | None]]] = {"incoming": Counter(),
                                                               "outgoing": Counter()}
        facts = self.facts
        seen: dict[tuple[str, str | None], tuple[str, int | None]] = {}
        for record_id in ids:  # tracking's facts: no record is read
            fact = facts[record_id]
            if fact.void:
                continue
            direction = fact.direction
            counts[direction] += 1
            kinds[fact.kind] += 1
            month = (fact.date or fact.registered)[:7]
            if month not in months:
                months[month] = dict.fromkeys(DIRECTIONS, 0)
            months[month][direction] += 1
            if direction in bodies:
                found = seen.get((direction, fact.party))
                if found is None:  # as the record was read: a sender, or an addressee
                    party = fact.party
                    name = (display(party or "") or "—" if direction == "incoming"
                            else display(party) if party else "—")
                    found = seen[(direction, party)] = self._body(name)
                bodies[direction][found] += 1
        return {
            **{d: counts[d] for d in DIRECTIONS}, "total": sum(counts.values()),
            "by_kind": dict(sorted(kinds.items())),
            "by_month": dict(sorted(months.items())),
            "by_body": {direction: [{"body": body, "level": level, "count": count}
                                    for (body, level), count in sorted(
                                        counter.items(), key=lambda i: (-i[1], i[0][0]))[:TOP]]
                        for direction, counter in bodies.items()},
        }

    def _body(self, name: str) -> tuple[str, int | None]:
        """The `[tracking.levels]` body a name addresses, else the name as written (once
        per name: a year's 100,000 letters have a few hundred counterparts)."""
        found = self._bodies.get(name)
        if found is None:
            body = self.rules.body_of(name) if name != "—" else None
            found = self._bodies[name] = (body[1], body[0]) if body else (name, None)
        return found

    # -- escalations ----------------------------------------------------------------

    def escalations(self) -> dict[str, Any]:
        found = [e for e in find_escalations(self.graph, self.rules, self.on)
                 if self.in_period(e.day)]
        levels = sorted({level.level for level in self.rules.settings.levels}
                        | {e.level for e in found})
        summary = self._escalation_figures(found)
        summary["reply_days"]["histogram"] = _histogram(self._reply_days(found))
        summary["by_level"] = {str(level): self._escalation_figures(
            [e for e in found if e.level == level]) for level in levels}
        self.prefetch(i for e in found for i in (e.id, e.reply_id))
        summary["list"] = [self._escalation_row(e) for e in found]
        return summary

    def _reply_day(self, escalation: Escalation) -> str | None:
        return self.facts[escalation.reply_id].day if escalation.reply_id is not None else None

    def _reply_days(self, found: Iterable[Escalation]) -> list[int]:
        return [days_between(e.day, reply) for e in found if (reply := self._reply_day(e))]

    def _escalation_figures(self, found: list[Escalation]) -> dict[str, Any]:
        answered = [e for e in found if e.status == "answered"]
        late = sum(1 for e in answered if (self._reply_day(e) or "") > e.due)
        days = self._reply_days(found)
        return {
            "raised": len(found), "answered": len(answered),
            "answered_on_time": len(answered) - late, "answered_late": late,
            "open": sum(e.status == "open" for e in found),
            "overdue": sum(e.status == "overdue" for e in found),
            "missing_copy": sum(e.copy is None for e in found),
            "reply_days": {"median": _median(days), "p90": _percentile(days, 90)},
        }

    def _escalation_row(self, e: Escalation) -> dict[str, Any]:
        letter = self.record(e.id)
        reply = self._reply_day(e)
        status = e.status
        if status == "answered":
            status = "answered_late" if (reply or "") > e.due else "answered_on_time"
        recipients = letter.get("recipients") or []
        return {"id": e.id, "registry_number": letter.get("registry_number"),
                "number": letter.get("number"), "date": e.day, "level": e.level,
                "recipient": self._body(e.recipient or (recipients[0] if recipients
                                                        else "—"))[0],
                "subject": letter.get("subject"), "due": e.due, "status": status,
                "copy": e.copy[1] if e.copy else None, "reply_date": reply,
                "reply_registry_number": self.record(e.reply_id).get("registry_number"),
                "reply_days": days_between(e.day, reply) if reply else None}

    # -- meetings ---------------------------------------------------------------------

    def _meetings(self) -> tuple[list[Meeting], Any]:
        if not hasattr(self, "_meetings_found"):
            report = find_meetings(self.graph, self.rules, self.on)
            self._meetings_found = ([m for m in report.meetings if self.in_period(m.date)],
                                    report)
        return self._meetings_found

    def meetings(self) -> dict[str, Any]:
        held, report = self._meetings()
        self.prefetch(i for m in held for i in (*m.ids, m.sent[0] if m.sent else None))
        cadence = self.rules.settings.meetings.cadence_days
        elapsed = days_between(self.start, self.last) + 1 if self.last >= self.start else 0
        sent_days = [days_between(m.date, self.facts[m.sent[0]].day) for m in held if m.sent]
        extraordinary = sum(m.extraordinary for m in held)
        return {
            "held": len(held), "regular": len(held) - extraordinary,
            "required": elapsed // cadence if cadence else 0, "extraordinary": extraordinary,
            "gaps": sum(1 for g in report.gaps if self.in_period(g.end)),
            "minutes_sent": len(sent_days), "minutes_unsent": len(held) - len(sent_days),
            "days_to_send": {"median": _median(sent_days),
                             "max": max(sent_days) if sent_days else None},
            "next_due": report.next_due, "next_overdue": report.next_overdue,
            "list": [{"number": m.number, "date": m.date, "extraordinary": m.extraordinary,
                      "registry_numbers": [self.record(i).get("registry_number")
                                           for i in m.ids],
                      "sent": m.sent[1] if m.sent else None,
                      "sent_registry_number": self.record(m.sent[0]).get("registry_number")
                      if m.sent else None,
                      "sent_date": self.facts[m.sent[0]].day if m.sent else None,
                      "sent_days": days_between(m.date, self.facts[m.sent[0]].day)
                      if m.sent else None,
                      "resolutions": len(m.resolutions)} for m in held],
            "gap_list": [{"from": g.start, "to": g.end, "days": g.days, "missed": g.missed}
                         for g in report.gaps if self.in_period(g.end)],
        }

    # -- resolutions ------------------------------------------------------------------

    def resolutions(self) -> dict[str, Any]:
        held, _ = self._meetings()
        with Marks(self.tracker.registry.folder) as marks:
            marked = marks.latest()
        rows = [{"meeting": state.meeting.number, "meeting_date": state.meeting.date,
                 "item": state.item, "text": state.text,
                 "owner": display(state.owner or "") or "—", "deadline": state.deadline,
                 "status": state.status, "done_by": state.done_by,
                 "registry_number": self.record(state.meeting.ids[0]).get("registry_number")}
                for state in resolution_states(self.graph, held, marked, self.on, self.record)]
        owners: dict[str, dict[str, int]] = {}
        for row in rows:
            owners.setdefault(row["owner"], {"done": 0, "open": 0, "overdue": 0})
            owners[row["owner"]][row["status"]] += 1
        counts = Counter(row["status"] for row in rows)
        return {"total": len(rows), "done": counts["done"], "open": counts["open"],
                "overdue": counts["overdue"], "by_owner": owners, "list": rows}

    # -- statistics -------------------------------------------------------------------

    def statistics(self) -> dict[str, Any]:
        settings = self.rules.settings.statistics
        filings: dict[str, list[int]] = {}
        for record_id, fact in self.facts.items():
            if fact.stats and fact.stats[0] == "filing" and fact.stats[1]:
                filings.setdefault(fact.stats[1], []).append(record_id)
        rows: list[dict[str, Any]] = []
        expected = filed = 0
        self.prefetch(i for ids in filings.values() for i in ids)
        first = min(filings, default=None)
        months = months_between(first, self.last[:7]) if settings.enabled and first else []
        for month in months:
            due = month_day(month, settings.file_by_day)
            if not self.in_period(due):
                continue
            expected += 1
            made = sorted((i for i in filings.get(month, ()) if self.facts[i].day <= self.on),
                          key=lambda i: (self.facts[i].day, self.facts[i].sha))
            filed += bool(made)
            if not made:
                rows.append({"period": month, "due": due, "unit": None, "filed": None,
                             "status": "missing", "auto_approved": False,
                             "registry_number": None, "review": None})
            for filing in made:
                step, passed = review(self.graph, self.rules, filing, month, self.on)
                record = self.record(filing)
                day = self.facts[filing].day
                rows.append({"period": month, "due": due,
                             "unit": display(record.get("sender") or "") or "—",
                             "filed": day, "status": "late" if day > due else "on_time",
                             "auto_approved": passed > 0,
                             "registry_number": record.get("registry_number"),
                             "review": step.step if step else "done"})
        units: dict[str, dict[str, int]] = {}
        for row in rows:
            if row["unit"] is None:
                continue
            unit = units.setdefault(row["unit"], {"filed": 0, "on_time": 0, "late": 0,
                                                  "auto_approved": 0})
            unit["filed"] += 1
            unit[row["status"]] += 1
            unit["auto_approved"] += row["auto_approved"]
        return {"expected": expected, "filed": filed,
                "on_time": sum(r["status"] == "on_time" for r in rows),
                "late": sum(r["status"] == "late" for r in rows), "missing": expected - filed,
                "auto_approved": sum(r["auto_approved"] for r in rows),
                "by_unit": units, "list": rows}

    # -- supervisor reports --------------------------------------------------------------

    def supervisor_reports(self) -> dict[str, Any]:
        from paayesh_docs.compose.supervisor import (
            QUARTER_NAMES,
            find_agent_reports,
            quarter_range,
        )
        from paayesh_docs.persian.dates import format_iso
        from paayesh_docs.persian.digits import to_latin_digits

        clusters = list(dict.fromkeys(self.tracker.registry.settings.reports.clusters))
        composed: dict[tuple[str, str], list[int]] = {}
        reports = [i for i, fact in self.facts.items()
                   if fact.kind == "report" and fact.direction == "outgoing"]
        self.prefetch(reports)
        for record_id in reports:
            fact = self.facts[record_id]
            match = _SUPERVISOR_SUBJECT.search(self.record(record_id).get("subject") or "")
            if match and fact.day <= self.on:
                name = match.group(2).replace("سه‌ماهه", "").strip()
                quarter = QUARTER_NAMES.index(name) + 1 if name in QUARTER_NAMES else None
                year = to_latin_digits(match.group(3))
                if quarter and year.isdigit():
                    composed.setdefault((match.group(1), f"{year}Q{quarter}"), []).append(
                        record_id)
                    if match.group(1) not in clusters:
                        clusters.append(match.group(1))
        by_cluster: dict[str, dict[str, dict[str, Any]]] = {}
        expected = received = 0
        for cluster in clusters:
            for year, quarter in self.period.quarters:
                first, _ = quarter_range(year, quarter)
                if format_iso(first) > self.on:
                    continue
                name = f"{year}Q{quarter}"
                found = [r["id"] for r in find_agent_reports(self.tracker.registry, cluster,
                                                             year, quarter)
                         if r["id"] in self.facts and self.facts[r["id"]].day <= self.on]
                found += composed.get((cluster, name), [])
                expected += 1
                received += bool(found)
                by_cluster.setdefault(cluster, {})[name] = {
                    "expected": 1, "received": len(found),
                    "registry_numbers": [self.record(i).get("registry_number") for i in found]}
        return {"expected": expected, "received": received, "missing": expected - received,
                "by_cluster": by_cluster}



def _median(values: list[int]) -> int | float | None:
    if not values:
        return None
    middle = stats.median(values)
    return int(middle) if float(middle).is_integer() else round(float(middle), 1)


def _percentile(values: list[int], percent: int) -> int | None:
    """By nearest rank: a day count someone actually waited."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(percent / 100 * len(ordered)) - 1)]


def _histogram(values: list[int]) -> dict[str, int]:
    return {name: sum(1 for v in values if v >= low and (high is None or v <= high))
            for name, low, high in BINS}
