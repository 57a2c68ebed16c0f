"""Clerks' corrections from the record page: edit fields, void with a reason.

`GET /records/{id}/edit` shows the form, `POST /records/{id}/edit` applies the fields the
clerk changed (`registry.edit_form`, then `revisions.edited`, as `paayesh edit` does);
`POST /records/{id}/void` voids it (`revisions.voided`, as `paayesh void`). The revision
names the signed-in user; each change is in the audit log. A record above the clerk's
clearance does not exist here (404), like everywhere else.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from paayesh_docs.access.users import User
from paayesh_docs.registry.clearance import NAMES, level, visible
from paayesh_docs.registry.edit_form import changed_assignments, form_values, waiting_fields
from paayesh_docs.registry.revisions import (
    CLASSIFICATIONS,
    EDITABLE,
    KINDS,
    PRIORITIES,
    STATUS_FA,
    RevisionError,
    edited,
    parse_assignments,
    voided,
)
from paayesh_docs.web.deps import csrf_protect, office, render, require

router = APIRouter()
_MAY_EDIT = Depends(require("edit"))
_MAY_VOID = Depends(require("void"))
KIND_FA = {"letter": "نامه", "minutes": "صورتجلسه", "report": "گزارش", "directive": "بخشنامه",
           "regulation": "آیین‌نامه", "news": "خبر", "other": "سایر"}
PRIORITY_FA = {"normal": "عادی", "urgent": "فوری", "very_urgent": "خیلی فوری",
               "immediate": "آنی"}


def _record(request: Request, record_id: int, user: User) -> dict[str, Any]:
    record = office(request).registry.get(record_id)
    if not visible(record, user.clearance):
        raise HTTPException(404, "پرونده پیدا نشد / no such record")
    assert record is not None
    return record


def choices(user: User) -> dict[str, list[tuple[str, str]]]:
    """The values a clerk may pick; no classification above their own clearance (they
    could no longer see the record)."""
    return {"kind": [(k, KIND_FA.get(k, k)) for k in KINDS],
            "priority": [(p, PRIORITY_FA.get(p, p)) for p in PRIORITIES],
            "classification": [(c, NAMES.get(c, c)) for c in CLASSIFICATIONS
                               if level(c) <= level(user.clearance)]}


def _page(request: Request, record: dict[str, Any], user: User, values: dict[str, str],
          problem: tuple[str, str] | None = None, status_code: int = 200) -> Response:
    return render(request, "record_edit.html", status_code=status_code, record=record,
                  values=values, labels=EDITABLE, choices=choices(user), problem=problem,
                  status_fa=STATUS_FA, may_void=user.may("void"), may_edit=user.may("edit"),
                  waiting={item["field"]: item for item in waiting_fields(record)})


@router.get("/records/{record_id}/edit")
def edit_page(request: Request, record_id: int,
              user: User = _MAY_EDIT) -> Response:
    record = _record(request, record_id, user)
    return _page(request, record, user, form_values(record))


@router.post("/records/{record_id}/edit", dependencies=[Depends(csrf_protect)])
async def edit(request: Request, record_id: int,
               user: User = _MAY_EDIT) -> Response:
    record = _record(request, record_id, user)
    form = {key: str(value) for key, value in (await request.form()).items()}
    try:
        assignments = changed_assignments(record, form)
        if not assignments:
            return RedirectResponse(f"/records/{record_id}", status_code=303)
        changes = parse_assignments(assignments)
        wanted = changes.get("classification")
        if wanted is not None and level(wanted) > level(user.clearance):
            raise RevisionError("این طبقه‌بندی بالاتر از سطح دسترسی شماست.",
                                "That classification is above your clearance.")
        after = office(request).registry.revise(
            record_id, lambda current: edited(current, changes, user.name))
    except RevisionError as error:
        values = {**form_values(record), **{k: v for k, v in form.items() if k in EDITABLE}}
        return _page(request, record, user, values, (error.fa, error.en), 422)
    revision = (after.get("revisions") or [None])[-1] if after else None
    office(request).audit.log(user, "edit", record_id, detail={
        "registry_number": record["registry_number"],
        "fields": sorted((revision or {}).get("changes", {}))})
    return RedirectResponse(f"/records/{record_id}", status_code=303)


@router.post("/records/{record_id}/void", dependencies=[Depends(csrf_protect)])
async def void(request: Request, record_id: int,
               user: User = _MAY_VOID) -> Response:
    record = _record(request, record_id, user)
    reason = str((await request.form()).get("reason") or "")
    try:
        office(request).registry.revise(record_id,
                                        lambda current: voided(current, reason, user.name))
    except RevisionError as error:
        return _page(request, record, user, form_values(record), (error.fa, error.en), 422)
    office(request).audit.log(user, "void", record_id, detail={
        "registry_number": record["registry_number"], "reason": reason.strip()})
    return RedirectResponse(f"/records/{record_id}", status_code=303)
