"""Registering a paper letter by hand (ثبت دستی), the page of `paayesh register`.

`GET /register` shows the register's columns as a form (the same fields a clerk corrects
on the edit page, typed the same way); `POST /register` checks them
(`edit_form.paper_fields`), keeps the scan if one is attached (capped as the inbox caps
uploads), gives the letter the next registry number (`Registry.register_paper`) and goes
to its page. A clerk cannot file a letter above their own clearance: they could not see it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from starlette.datastructures import UploadFile
from starlette.responses import Response

from paayesh_docs.access.users import User
from paayesh_docs.inbox.drop import DIRECTIONS, UploadRefused, clean_name, write_capped
from paayesh_docs.registry.clearance import level
from paayesh_docs.registry.edit_form import paper_fields
from paayesh_docs.registry.revisions import EDITABLE, RevisionError
from paayesh_docs.web.deps import csrf_protect, office, render, require
from paayesh_docs.web.routes.corrections import choices
from paayesh_docs.web.routes.upload import DIRECTION_FA

router = APIRouter()
_MAY_REGISTER = Depends(require("register"))


def _page(request: Request, user: User, values: dict[str, str],
          problem: tuple[str, str] | None = None, status_code: int = 200) -> Response:
    return render(request, "paper.html", status_code=status_code, values=values,
                  labels=EDITABLE, choices=choices(user), directions=DIRECTION_FA,
                  problem=problem)


@router.get("/register")
def paper_page(request: Request, user: User = _MAY_REGISTER) -> Response:
    return _page(request, user, {"direction": "incoming"})


@router.post("/register", dependencies=[Depends(csrf_protect)])
async def register_paper(request: Request, user: User = _MAY_REGISTER) -> Response:
    form = await request.form()
    values = {key: str(value) for key, value in form.items() if isinstance(value, str)}
    direction = values.get("direction") or "incoming"
    scan = form.get("scan")
    try:
        if direction not in DIRECTIONS:
            raise RevisionError("جهت نامه نادرست است.", f"Unknown direction {direction!r}.")
        fields = paper_fields(values)
        if level(fields["classification"]) > level(user.clearance):
            raise RevisionError("این طبقه‌بندی بالاتر از سطح دسترسی شماست.",
                                "That classification is above your clearance.")
        the_office = office(request)
        if isinstance(scan, UploadFile) and scan.filename:
            result = _register_with_scan(the_office.registry, fields, direction, scan)
        else:
            result = the_office.registry.register_paper(fields, direction)
    except (RevisionError, UploadRefused) as error:
        return _page(request, user, values, (error.fa, error.en), 422)
    if result.status != "registered" or result.id is None:  # the same scan again
        reason = result.reason or {}
        return _page(request, user, values, (reason.get("fa", "این فایل پیش‌تر ثبت شده است."),
                                             reason.get("en", "This file is registered.")),
                     409)
    the_office.audit.log(user, "register", result.id, detail={
        "registry_number": result.registry_number, "paper": True,
        "file": scan.filename if isinstance(scan, UploadFile) and scan.filename else None})
    return RedirectResponse(f"/records/{result.id}", status_code=303)


def _register_with_scan(registry: Any, fields: dict[str, Any], direction: str,
                        scan: UploadFile) -> Any:
    """The scan is written under its own (cleaned) name, so the record names it."""
    name = clean_name(scan.filename or "")
    with tempfile.TemporaryDirectory(prefix="paayesh-paper-") as folder:
        path = Path(folder) / name
        write_capped(scan.file, path, name)
        return registry.register_paper(fields, direction, path)
