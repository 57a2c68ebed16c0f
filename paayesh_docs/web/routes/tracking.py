"""The tracking page: escalations by level, what is due, the meetings, as of a chosen day
(typed in any written Jalali form, as `--on` takes it); every row links to its record.
The answers are `tracking.report.overview`'s, within the reader's clearance, from the
process's own `Tracker` (`Office.tracker`: caught up, not opened again, on each page),
kept while nothing they count changes (`web.kept`)."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from paayesh_docs.access.users import User
from paayesh_docs.persian.dates import DateParseError, format_iso, parse_jalali
from paayesh_docs.registry.clearance import visible
from paayesh_docs.web.deps import csrf_protect, office, render, require
from paayesh_docs.web.kept import kept

router = APIRouter()
_MAY_REPORTS = Depends(require("reports"))
_MAY_EDIT = Depends(require("edit"))
STATUS_FA = {"open": "باز", "answered": "پاسخ داده شد", "overdue": "معوق"}
HOW_FA = {"cc": "رونوشت در نامه", "letter": "نامه جداگانه", "addressed": "خطاب به دبیرخانه"}
KIND_FA = {"escalation": "پاسخ پیگیری", "resolution": "مصوبه", "statistics": "آمار"}


@router.get("/tracking")
def tracking_page(request: Request, on: str = "", within: str = "",
                  user: User = _MAY_REPORTS) -> Response:
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
    report = kept(request, ("tracking", day, days, user.clearance),
                  lambda tracker: overview(tracker, day, days,
                                           can_see=lambda record: visible(record, user.clearance)))
    return render(request, "tracking.html", report=report, on=on, within=days,
                  problem=problem, status_fa=STATUS_FA, how_fa=HOW_FA, kind_fa=KIND_FA,
                  may_mark=user.may("edit"), day=day)


@router.post("/tracking/resolution", dependencies=[Depends(csrf_protect)])
def mark_resolution(request: Request, meeting: str = Form(...), meeting_date: str = Form(...),
                    item: int = Form(...), day: str = Form(...), note: str = Form(""),
                    on: str = Form(""), user: User = _MAY_EDIT) -> Response:
    """A clerk marks a resolution done as of `day` (`paayesh resolution done`): it leaves
    what is due, and the period report counts it done. Only a resolution of minutes the
    clerk may see, and one the minutes hold."""
    from paayesh_docs.tracking.marks import Marks

    try:
        day = format_iso(parse_jalali(day))
    except DateParseError:
        raise HTTPException(422, "تاریخ معتبر نیست / not a date") from None
    the_office = office(request)
    with the_office.lock:
        tracker = the_office.tracker()
        found = next((m for m in tracker.meetings(day).meetings
                      if m.number == meeting and m.date == meeting_date), None)
        if found is None or not 1 <= item <= len(found.resolutions) or not any(
                visible(tracker.registry.get(i) or {}, user.clearance) for i in found.ids):
            raise HTTPException(404, "این مصوبه یافت نشد / no such resolution")
        with Marks(tracker.registry.folder) as marks:
            marks.add(found.number, found.date, item, True, day, user.name, note.strip())
        minutes_id = found.ids[0]
    the_office.audit.log(user, "resolution_done", record_id=minutes_id,
                         detail={"meeting": meeting, "meeting_date": meeting_date,
                                 "item": item, "day": day})
    query = urlencode({"on": on}) if on.strip() else ""
    return RedirectResponse(f"/tracking{'?' + query if query else ''}#due", status_code=303)
