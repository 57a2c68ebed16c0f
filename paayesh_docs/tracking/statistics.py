"""The statistics directive as rules: monthly filing, review stages, corrections.

Month M's figures are filed by day `file_by_day` of month M+1 (clause 2). A filing is a
record whose subject names the monthly statistics («آمار ماهانه … مهر ماه ۱۴۰۵»); its
thread carries the reviews: a letter that approves it («تأیید») ends the current stage,
one that returns it for correction («عودت … جهت اصلاح») starts a correction, due
`correction_days` later, and the corrected filing («آمار اصلاح شده») starts the stage
again. A stage nobody reviews in its `days` counts as approved on its last day and the
next stage starts then (clause 6: «تأیید شده تلقی گردیده … به مرحله بعد»).

Months are expected from the first month any filing is for up to the month before the
day asked about; a month without a filing is a filing due (or overdue).
"""

from __future__ import annotations

from dataclasses import dataclass

from paayesh_docs.persian.dates import months_between
from paayesh_docs.tracking.deadlines import add, month_day, status
from paayesh_docs.tracking.rules import Rules
from paayesh_docs.tracking.threads import Graph


@dataclass
class Step:
    """What the statistics rules expect next for one month's figures."""

    period: str  # `1405-07`
    step: str  # filing, correction, or a stage's name
    label: str
    due: str
    status: str  # open | overdue
    filing: int | None  # the filing's record, once there is one



def _previous_month(day: str) -> str:
    year, month = int(day[:4]), int(day[5:7])
    return f"{year - 1:04d}-12" if month == 1 else f"{year:04d}-{month - 1:02d}"


def statistics_steps(graph: Graph, rules: Rules, on: str) -> list[Step]:
    """The open steps of every expected month, as of `on`."""
    settings = rules.settings.statistics
    if not settings.enabled:
        return []
    facts = graph.facts
    filings: dict[str, list[int]] = {}
    for record_id, fact in facts.items():
        if fact.stats and fact.stats[0] == "filing" and fact.stats[1]:
            filings.setdefault(fact.stats[1], []).append(record_id)
    if not filings:
        return []
    steps = []
    for period in months_between(min(filings), _previous_month(on)):
        filed = sorted((i for i in filings.get(period, ()) if facts[i].day <= on),
                       key=lambda i: (facts[i].day, facts[i].sha))
        if not filed:
            due = month_day(period, settings.file_by_day)
            steps.append(Step(period, "filing", "ثبت آمار ماهانه", due, status(due, on), None))
        for filing in filed:
            step = _next_step(graph, rules, filing, period, on)
            if step is not None:
                steps.append(step)
    return steps


def _next_step(graph: Graph, rules: Rules, filing: int, period: str, on: str) -> Step | None:
    return review(graph, rules, filing, period, on)[0]


def review(graph: Graph, rules: Rules, filing: int, period: str,
           on: str) -> tuple[Step | None, int]:
    """Walk one filing's reviews in date order: what is open on `on` (None: every stage
    done), and how many stages passed by themselves, unreviewed in their days (the
    periodic report counts filings approved that way)."""
    settings = rules.settings.statistics
    stages = settings.stages
    facts = graph.facts

    def later(day: str, days: int) -> str:
        return add(day, days, settings.working_days, rules.calendar)

    stage, start, correcting = 0, facts[filing].day, None  # correcting: its due date
    passed = 0  # stages that passed unreviewed
    # the thread's reviews of this filing; ordered as the thread is only when there are
    # several (a year's 13,000 filings sit in threads of hundreds of letters)
    reviews = [i for i in graph.members(filing)
               if i != filing and (stats := facts[i].stats) and stats[0] != "filing"
               and facts[filing].day <= facts[i].day <= on]
    if len(reviews) > 1:
        wanted = set(reviews)
        reviews = [i for i in graph.thread(filing) if i in wanted]
    events = [(facts[i].stats[0], facts[i].day) for i in reviews]  # type: ignore[index]
    for role, day in events:
        if correcting is None:
            while stage < len(stages) and day > later(start, stages[stage].days):
                start = later(start, stages[stage].days)  # not reviewed in time: approved
                stage, passed = stage + 1, passed + 1
            if stage == len(stages):
                return None, passed
            if role == "approved":
                stage, start = stage + 1, day
            elif role == "returned":
                correcting = later(day, stages[stage].correction_days)
        elif role == "corrected":
            correcting, start = None, day
        if stage == len(stages):
            return None, passed
    if correcting is not None:
        return Step(period, "correction", "اصلاح و ارسال دوباره آمار", correcting,
                    status(correcting, on), filing), passed
    while stage < len(stages) and on > later(start, stages[stage].days):
        start = later(start, stages[stage].days)
        stage, passed = stage + 1, passed + 1
    if stage == len(stages):
        return None, passed
    due = later(start, stages[stage].days)
    return Step(period, stages[stage].name, stages[stage].label, due, "open", filing), passed
