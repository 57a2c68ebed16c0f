"""The compose page: forms for a letter, minutes and a supervisor report.

A form's fields become the data a data file holds (`compose.forms`) and go through the
same checks and templates as `paayesh compose` (`compose.api`): «پیش‌نمایش» renders a
draft PDF in memory and shows its pages (nothing numbered or registered); «ثبت» numbers,
registers and writes the DOCX and PDF, then offers both for download by record id.
"""

from __future__ import annotations

import base64
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from paayesh_docs.access.users import User
from paayesh_docs.compose import api, forms
from paayesh_docs.compose.errors import ComposeError
from paayesh_docs.compose.flow import Composer
from paayesh_docs.registry.clearance import NAMES, level, visible
from paayesh_docs.web.deps import csrf_protect, office, render, require

router = APIRouter()
_MAY_COMPOSE = Depends(require("compose"))
_MAY_READ = Depends(require("read"))
KINDS = {"letter": "نامه", "minutes": "صورتجلسه", "report": "گزارش ناظر"}
PRIORITIES = ["عادی", "فوری", "خیلی فوری", "آنی"]
MEDIA = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "pdf": "application/pdf"}


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise HTTPException(404, "این نوع سند وجود ندارد / no such document kind")
    return kind


def _page(request: Request, kind: str, user: User, values: dict[str, Any],
          problem: tuple[str, str] | None = None, preview: list[str] | None = None,
          status_code: int = 200) -> Response:
    settings = office(request).settings
    classifications = [(code, name) for code, name in NAMES.items()
                       if level(code) <= level(user.clearance)]
    return render(request, "compose.html", status_code=status_code, kind=kind, kinds=KINDS,
                  values=values, problem=problem, preview=preview or [],
                  priorities=PRIORITIES, classifications=classifications,
                  defaults=settings.compose)


@router.get("/compose")
def compose_home(request: Request, user: User = _MAY_COMPOSE) -> Response:
    return RedirectResponse("/compose/letter", status_code=303)


@router.get("/compose/{kind}")
def compose_page(request: Request, kind: str,
                 user: User = _MAY_COMPOSE) -> Response:
    return _page(request, _kind(kind), user, {})


def _documents(request: Request, kind: str, form: Any, registry: Any) -> list[Any]:
    """The prepared documents of a filled form (ComposeError naming every problem)."""
    settings = office(request).settings
    source = f"فرم {KINDS[kind]}"
    if kind == "letter":
        return api.letters_from_data(settings, forms.letter_data(form, registry), source)
    if kind == "minutes":
        return [api.minutes_from_data(settings, forms.minutes_data(form), source)]
    cluster, quarter = (forms.one(form, key) for key in ("cluster", "quarter"))
    return [api.report_from_data(settings, forms.report_data(form), source, cluster, quarter,
                                 registry)]


@router.post("/compose/{kind}", dependencies=[Depends(csrf_protect)])
async def compose(request: Request, kind: str,
                  user: User = _MAY_COMPOSE) -> Response:
    kind = _kind(kind)
    raw = await request.form()
    form = {key: [str(v) for v in raw.getlist(key)] for key in raw}
    values = {key: (v[0] if len(v) == 1 else v) for key, v in form.items()}
    the_office = office(request)
    classification = values.get("classification") or "normal"
    if classification in NAMES and level(classification) > level(user.clearance):
        return _page(request, kind, user, values, ("این طبقه‌بندی بالاتر از سطح دسترسی شماست.",
                                                   "That classification is above your "
                                                   "clearance."), status_code=422)
    try:
        with the_office.lock:
            documents = _documents(request, kind, form, the_office.raw_registry)
            if values.get("action") != "register":
                pictures = api.page_images(api.draft_pdf(the_office.settings, documents[0]))
                return _page(request, kind, user, values, preview=[
                    "data:image/png;base64," + base64.b64encode(p).decode("ascii")
                    for p in pictures])
            outcomes = _register(the_office, kind, documents, values)
    except ComposeError as error:
        return _page(request, kind, user, values, (error.fa, error.en), status_code=422)
    for outcome in outcomes:
        the_office.audit.log(user, "compose", outcome.id, detail={
            "kind": kind, "registry_number": outcome.registry_number,
            "label": outcome.label})
    return render(request, "compose_done.html", kind=kind, kinds=KINDS, outcomes=outcomes)


def _register(the_office: Any, kind: str, documents: list[Any],
              values: dict[str, Any]) -> list[Any]:
    """Number, register and write each document (minutes: and their covering letter to
    TPO when asked), as `paayesh compose … --pdf` does."""
    settings = the_office.settings
    composer = Composer(settings, the_office.raw_registry)
    if kind == "minutes" and values.get("send_to_tpo"):
        api.covering_letter_for(settings, documents[0], None)  # its problems stop us first
    outcomes = list(composer.compose_all(documents, pdf=True, draft=False))
    if kind == "minutes" and values.get("send_to_tpo"):
        letter = api.covering_letter_for(settings, documents[0], outcomes[0])
        outcomes += list(composer.compose_all([letter], pdf=True, draft=False))
    return outcomes


@router.get("/compose/download/{record_id}.{fmt}")
def download(request: Request, record_id: int, fmt: str,
             user: User = _MAY_READ) -> Response:
    """A composed document's DOCX or PDF, from the registry's archive, by record id."""
    if fmt not in MEDIA:
        raise HTTPException(404, "پرونده پیدا نشد / not found")
    the_office = office(request)
    record = the_office.registry.get(record_id)
    if not visible(record, user.clearance):
        raise HTTPException(404, "پرونده پیدا نشد / not found")
    assert record is not None
    files = [record.get("source") or {}, *(record.get("files") or [])]
    wanted = next((f for f in files if (f.get("format") or "") == fmt and f.get("sha256")), None)
    if wanted is None:
        raise HTTPException(404, "این پرونده فایل " + fmt.upper() + " ندارد / no such file")
    path = the_office.raw_registry.archive.original_path(wanted["sha256"], "." + fmt)
    try:
        data = path.read_bytes()
    except OSError:
        raise HTTPException(404, "فایل در بایگانی پیدا نشد / not in the archive") from None
    the_office.audit.log(user, "download", record_id, detail={"format": fmt})
    name = (wanted.get("name") or f"{record_id}.{fmt}").replace('"', "")
    from urllib.parse import quote

    return Response(data, media_type=MEDIA[fmt], headers={
        "Content-Disposition": f"attachment; filename=\"{record_id}.{fmt}\"; "
                               f"filename*=UTF-8''{quote(name)}"})
