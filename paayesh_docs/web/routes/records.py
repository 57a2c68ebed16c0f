"""A record: its page, `GET /api/records/{id}`, its original's pages as pictures and its
downloads. Files are named by the record's id and a position in its list, never by a
path or a name from the request. A record above the caller's clearance is answered
exactly as a missing one (404), everywhere, and its thread shows only what they may see.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Request
from starlette.responses import FileResponse, Response

from paayesh_docs.access.users import User
from paayesh_docs.ingest.fields import (
    CLASSIFICATION_NAMES,
    KIND_NAMES,
    PRIORITY_NAMES,
    RELATION_NAMES,
)
from paayesh_docs.registry.clearance import visible
from paayesh_docs.registry.edit_form import waiting_fields
from paayesh_docs.registry.numbering import DIRECTION_NAMES
from paayesh_docs.registry.revisions import EDITABLE, STATUS_FA
from paayesh_docs.web import previews
from paayesh_docs.web.deps import Office, office, render, require

router = APIRouter()

NOT_FOUND = "پرونده‌ای با این شناسه نیست / no such record"
LEVEL_NAMES = {1: "کارگروه توسعه صادرات استان", 2: "دستگاه‌های ستادی", 3: "شورای عالی"}
ESCALATION_STATUS = {"open": "در انتظار پاسخ", "answered": "پاسخ داده شده",
                     "overdue": "مهلت پاسخ گذشته"}
COPY_HOW = {"cc": "در رونوشت نامه", "letter": "با نامه جداگانه", "addressed": "خطاب به دبیرخانه"}
MEDIA = {"pdf": "application/pdf", "docx": "application/vnd.openxmlformats-officedocument."
         "wordprocessingml.document", "txt": "text/plain", "eml": "message/rfc822",
         "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}


def visible_record(the_office: Office, user: User, record_id: int) -> dict[str, Any]:
    """The record, if it exists and the user may see it; else 404 (the same either way)."""
    record = the_office.registry.get(record_id)
    if not visible(record, user.clearance):
        raise HTTPException(404, NOT_FOUND)
    assert record is not None
    return record


def classified(record: dict[str, Any]) -> bool:
    return (record.get("classification") or "normal") != "normal"


def _files(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Downloadable files: the original (0), then the others (a composed letter's PDF,
    an e-mail's attachments), each by its position."""
    source = record.get("source") or {}
    files = []
    if source.get("format"):
        files.append({**source, "position": 0, "label": "اصل سند"})
    for position, extra in enumerate(record.get("files") or [], 1):
        label = f"پیوست {extra.get('name') or ''}".strip() if extra.get("attachment") \
            else f"نسخه {(extra.get('format') or '').upper()}".strip()
        files.append({**extra, "position": position, "label": label})
    return files


def _file(the_office: Office, record: dict[str, Any], position: int) -> tuple[dict, Path]:
    for entry in _files(record):
        if entry["position"] == position:
            suffix = "." + entry["format"] if entry.get("format") else ""
            path = the_office.registry.archive.original_path(entry["sha256"], suffix)
            if path.is_file():
                return entry, path
    raise HTTPException(404, "این فایل پیوست این پرونده نیست / no such file of this record")


def _shown(record: dict[str, Any]) -> dict[str, Any] | None:
    """Which file the page shows as pictures: a PDF or an image original, else a PDF
    rendering of it (a composed letter's PDF); None: the page shows the text."""
    for entry in _files(record):
        if entry.get("format") == "pdf" or entry.get("format") in previews.IMAGE_FORMATS:
            if entry.get("attachment"):
                continue
            return entry
    return None


def _thread(the_office: Office, user: User, record_id: int) -> tuple[list, Any]:
    """The visible records of its thread (عطف/پیرو), oldest first, and its escalation."""
    with the_office.lock:
        tracker = the_office.tracker()
        ids = tracker.thread(record_id)
        escalation = tracker.escalation(record_id)
    thread = []
    for other in ids:
        found = the_office.registry.get(other)
        if visible(found, user.clearance):
            thread.append(found)
    return thread, escalation


@router.get("/records/{record_id}")
def record_page(request: Request, record_id: int,
                user: User = Depends(require("read"))) -> Response:
    the_office = office(request)
    record = visible_record(the_office, user, record_id)
    if classified(record):
        the_office.audit.log(user, "view", record_id)
    thread, escalation = _thread(the_office, user, record_id)
    copy = None
    if escalation is not None and escalation.copy is not None:
        copy_record = the_office.registry.get(escalation.copy[0])
        copy = {"how": COPY_HOW.get(escalation.copy[1], escalation.copy[1]),
                "record": copy_record if visible(copy_record, user.clearance) else None}
    shown = _shown(record)
    pages = 0
    if shown is not None:
        suffix = "." + shown["format"]
        pages = previews.page_count(
            the_office.registry.archive.original_path(shown["sha256"], suffix), shown["format"])
    text = the_office.registry.text(record)  # beside the pictures (folded), or instead
    return render(request, "record.html", record=record, files=_files(record),
                  shown=shown if pages else None, pages=pages, text=text, thread=thread,
                  escalation=escalation, copy=copy, kinds=KIND_NAMES,
                  directions=DIRECTION_NAMES, classifications=CLASSIFICATION_NAMES,
                  priorities=PRIORITY_NAMES, relations=RELATION_NAMES, statuses=STATUS_FA,
                  levels=LEVEL_NAMES, escalation_status=ESCALATION_STATUS,
                  field_names=EDITABLE, review_fields=waiting_fields(record))


@router.get("/api/records/{record_id}")
def api_record(request: Request, record_id: int,
               user: User = Depends(require("read"))) -> dict[str, Any]:
    """The record as `paayesh show --json` prints it."""
    the_office = office(request)
    record = visible_record(the_office, user, record_id)
    if classified(record):
        the_office.audit.log(user, "view", record_id, {"api": True})
    return record


@router.get("/records/{record_id}/pages/{page}.png")
def record_page_picture(request: Request, record_id: int, page: int,
                        user: User = Depends(require("read"))) -> Response:
    the_office = office(request)
    record = visible_record(the_office, user, record_id)
    shown = _shown(record)
    if shown is None:
        raise HTTPException(404, "این پرونده تصویری ندارد / no pictures of this record")
    entry, path = _file(the_office, record, shown["position"])
    try:
        data = previews.page_png(path, entry["format"], page, entry["sha256"])
    except previews.NoPreview:
        raise HTTPException(404, "این صفحه نیست / no such page") from None
    return Response(data, media_type="image/png",
                    headers={"Cache-Control": "private, max-age=3600"})


def _download(request: Request, record_id: int, position: int, user: User) -> Response:
    the_office = office(request)
    record = visible_record(the_office, user, record_id)
    entry, path = _file(the_office, record, position)
    if classified(record):
        the_office.audit.log(user, "download", record_id, {"file": entry.get("name")})
    name = Path(entry.get("name") or f"{record_id}.{entry.get('format', 'bin')}").name
    ascii_name = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "_"
                         for c in name) or "file"
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return FileResponse(path, media_type=MEDIA.get(entry.get("format") or "",
                                                   "application/octet-stream"),
                        headers={"Content-Disposition": disposition})


@router.get("/records/{record_id}/original")
def download_original(request: Request, record_id: int,
                      user: User = Depends(require("read"))) -> Response:
    return _download(request, record_id, 0, user)


@router.get("/records/{record_id}/files/{position}")
def download_file(request: Request, record_id: int, position: int,
                  user: User = Depends(require("read"))) -> Response:
    return _download(request, record_id, position, user)


@router.get("/api/records/{record_id}/original")
def api_download_original(request: Request, record_id: int,
                          user: User = Depends(require("read"))) -> Response:
    return _download(request, record_id, 0, user)
