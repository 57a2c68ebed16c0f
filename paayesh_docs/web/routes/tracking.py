"""The tracking page: escalations by level, what is due, the meetings, as of a chosen day
(typed in any written Jalali form, as `--on` takes it); every row links to its record.
The answers are `tracking.report.overview`'s, within the reader's clearance."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from paayesh_docs.access.users import User
from paayesh_docs.persian.dates import DateParseError, format_iso, parse_jalali
from paayesh_docs.registry.clearance import visible
from paayesh_docs.web.deps import office, render, require

router = APIRouter()
_MAY_REPORTS = Depends(require("reports"))
STATUS_FA = {"open": "باز", "answered": "پاسخ داده شد", "overdue": "معوق"}
HOW_FA = {"cc": "رونوشت در نامه", "letter": "نامه جداگانه", "addressed": "خطاب به دبیرخانه"}
KIND_FA = {"escalation": "پاسخ پیگیری", "resolution": "مصوبه", "statistics": "آمار"}


@router.get("/tracking")
def tracking_page(request: Request, on: str = "", within: str = "",
                  user: User = _MAY_REPORTS) -> Response:
    from paayesh_docs.tracking import Tracker
    from paayesh_docs.tracking.report import overview
    from paayesh_docs.tracking.tracker import today

    problem = None
    day = today()
    if on.strip():
        try:
            day = format_iso(parse_jalali(on))
        except DateParseError:
            problem = (f"«{on}» تاریخ معتبری نیست؛ وضعیت امروز نشان داده شد.",
                       f"{on!r} is not a date; showing today.")
    days = int(within) if within.strip().isdigit() else 30
    the_office = office(request)
    with the_office.lock:
        tracker = Tracker(the_office.raw_registry)
        try:
            tracker.sync()
            report = overview(tracker, day, days,
                              can_see=lambda record: visible(record, user.clearance))
        finally:
            tracker.close()
    return render(request, "tracking.html", report=report, on=on, within=days,
                  problem=problem, status_fa=STATUS_FA, how_fa=HOW_FA, kind_fa=KIND_FA)
