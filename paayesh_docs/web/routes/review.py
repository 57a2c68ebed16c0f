"""OCR guesses waiting for a clerk (بازبینی خوانش اسکن), the page of `paayesh review`.

`GET /review` lists the scanned records with fields OCR read with little confidence,
oldest first, twenty a page, within the clerk's clearance (the search index's `review`
term: no record is read that is not shown). Each field is shown as the clerk would type
it, with why it waits and how sure OCR was; `POST /records/{id}/review` confirms fields
as right (`revisions.reviewed`, as `paayesh review ID --ok FIELD`). A wrong one is
corrected on the edit page, which marks it reviewed too.
"""

from __future__ import annotations

import math
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from paayesh_docs.access.users import User
from paayesh_docs.registry.clearance import visible
from paayesh_docs.registry.edit_form import waiting_fields
from paayesh_docs.registry.index import Filters
from paayesh_docs.registry.revisions import RevisionError, reviewed
from paayesh_docs.web.deps import csrf_protect, office, render, require
from paayesh_docs.web.routes.records import visible_record

router = APIRouter()
_MAY_EDIT = Depends(require("edit"))
PAGE_SIZE = 20


def _waiting(record: dict[str, Any]) -> set[str]:
    return {item["field"] for item in (record.get("ocr") or {}).get("review") or []}


@router.get("/review")
def review_page(request: Request, page: int = Query(1, ge=1, le=10_000),
                user: User = _MAY_EDIT) -> Response:
    registry = office(request).registry
    filters = Filters(review=True, status="registered", clearance=user.clearance)
    result = registry.search("", filters, PAGE_SIZE, (page - 1) * PAGE_SIZE, "oldest")
    records = []
    for hit in result.hits:
        record = registry.get(hit["id"])
        if visible(record, user.clearance) and (record.get("ocr") or {}).get("review"):
            records.append({"record": record, "fields": waiting_fields(record)})
    return render(request, "review.html", records=records, total=result.total, page=page,
                  pages=max(1, math.ceil(result.total / PAGE_SIZE)))


@router.post("/records/{record_id}/review", dependencies=[Depends(csrf_protect)])
async def confirm(request: Request, record_id: int, user: User = _MAY_EDIT) -> Response:
    """The fields ticked are right as OCR read them; back to the list or the record."""
    record = visible_record(office(request), user, record_id)
    form = await request.form()
    fields = {str(value) for value in form.getlist("field")}
    back = "/review" if form.get("back") == "review" else f"/records/{record_id}"
    if not fields:
        return RedirectResponse(back, status_code=303)
    try:
        after = office(request).registry.revise(
            record_id, lambda current: reviewed(current, fields, user.name))
    except RevisionError:  # voided meanwhile: its page says so
        return RedirectResponse(f"/records/{record_id}", status_code=303)
    done = sorted(_waiting(record) - _waiting(after or {}))
    if done:
        office(request).audit.log(user, "review", record_id, detail={
            "registry_number": record["registry_number"], "fields": done})
    return RedirectResponse(back, status_code=303)
