"""The upload page: files dropped in the browser go into the inbox through the watcher's
own path (`inbox.drop`), and the page asks after each one until it has landed.

`POST /upload` places the files and answers one ticket each (signed, so a page can hand
back only what it was given); `GET /upload/status?ticket=…` says what became of one:
waiting, registered with its number, duplicate of which record, or set aside with the
watcher's reason. A record above the asker's clearance is said to be registered, never
named.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse
from itsdangerous import BadSignature, URLSafeSerializer
from starlette.datastructures import UploadFile
from starlette.responses import Response

from paayesh_docs.access.users import User
from paayesh_docs.inbox.drop import DIRECTIONS, Placed, UploadRefused, outcome, place
from paayesh_docs.ingest.limits import DEFAULT_LIMITS
from paayesh_docs.registry.clearance import visible
from paayesh_docs.web.deps import csrf_protect, office, render, require

router = APIRouter()
_MAY_UPLOAD = Depends(require("upload"))
DIRECTION_FA = {"incoming": "وارده", "outgoing": "صادره", "internal": "داخلی"}
STATUS_FA = {"waiting": "در انتظار ثبت", "registered": "ثبت شد", "duplicate": "تکراری",
             "rejected": "کنار گذاشته شد"}


def _tickets(request: Request) -> URLSafeSerializer:
    return URLSafeSerializer(office(request).secret, salt="paayesh-upload")


@router.get("/upload")
def upload_page(request: Request, user: User = _MAY_UPLOAD) -> Response:
    return render(request, "upload.html", directions=DIRECTION_FA, results=[],
                  max_bytes=DEFAULT_LIMITS.file_bytes)


@router.post("/upload", dependencies=[Depends(csrf_protect)])
async def upload(request: Request, user: User = _MAY_UPLOAD) -> Response:
    """Place every file of the form; JSON for the page's script, else the page again."""
    form = await request.form()
    direction = str(form.get("direction") or "incoming")
    if direction not in DIRECTIONS:
        raise HTTPException(422, "جهت نامه نادرست است / unknown direction")
    minutes = bool(form.get("minutes"))
    the_office = office(request)
    answers: list[dict[str, Any]] = []
    for item in form.getlist("files"):
        if not isinstance(item, UploadFile) or not item.filename:
            continue
        try:
            placed = place(the_office.settings, item.filename, item.file, direction, minutes)
        except UploadRefused as refused:
            answers.append({"file": item.filename, "status": "refused",
                            "status_fa": "پذیرفته نشد", "reason": refused.as_reason()})
            continue
        the_office.audit.log(user, "upload", detail={
            "file": placed.name, "folder": placed.folder, "sha256": placed.sha256,
            "size": placed.size})
        answers.append({"file": placed.name, "status": "waiting",
                        "status_fa": STATUS_FA["waiting"],
                        "ticket": _tickets(request).dumps(placed.as_json())})
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"files": answers})
    return render(request, "upload.html", directions=DIRECTION_FA, results=answers,
                  max_bytes=DEFAULT_LIMITS.file_bytes)


@router.get("/upload/status")
def upload_status(request: Request, ticket: str,
                  user: User = _MAY_UPLOAD) -> Response:
    """What became of one placed file (see the module's docstring)."""
    try:
        placed = Placed.from_json(_tickets(request).loads(ticket))
    except (BadSignature, ValueError):
        raise HTTPException(404, "بارگذاری پیدا نشد / no such upload") from None
    found = outcome(office(request).registry, placed)
    answer: dict[str, Any] = {"file": placed.name, "status": found.status,
                              "status_fa": STATUS_FA[found.status], "reason": found.reason,
                              "id": None, "registry_number": None, "subject": None}
    if found.record is not None and visible(found.record, user.clearance):
        answer.update(id=found.id, registry_number=found.registry_number,
                      subject=found.record.get("subject"))
    return JSONResponse(answer)
