"""The search page (`/`) and `GET /api/search`: one box, results as you type, filters.

Both call `Registry.search` with the caller's clearance in the filters, so the index
itself leaves out what the caller may not see: hits, totals and snippets alike. The
page's script (`static/search.js`) asks for `/?…&partial=1` as the user types and swaps
the results in; without a script the form is an ordinary GET form.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from markupsafe import Markup, escape
from starlette.responses import Response

from paayesh_docs.access.users import User
from paayesh_docs.ingest.fields import KIND_NAMES
from paayesh_docs.persian.dates import DateParseError, format_iso, parse_jalali
from paayesh_docs.registry.clearance import LEVELS, NAMES, level
from paayesh_docs.registry.index import SORTS, Filters
from paayesh_docs.registry.numbering import DIRECTION_NAMES
from paayesh_docs.registry.revisions import STATUS_FA
from paayesh_docs.web.deps import office, render, require

router = APIRouter()

PAGE_SIZE = 20
# seconds the index may stay behind the records while someone (the watcher's follower,
# which catches up about once a second) is moving it, before a search catches it up
# itself (`Registry.catch_up_index`): a page does not index in the middle of a request.
# At 3 s, a burst's follower batch (600 letters at 200 files/s) outlasted it and pages
# waited for the index's writer: search p95 3.2 s with 20 clients; at 30 s, 0.45 s
# (bench/web.py, the same quiet machine). An index nobody moves is caught up after 30 s.
INDEX_LAG = 30.0
SORT_NAMES = {"relevance": "مرتبط‌ترین", "date": "جدیدترین", "oldest": "قدیمی‌ترین"}
_MARK = ("\ue000", "\ue001")  # private-use characters: never in a letter, escaped around


class BadDate(ValueError):
    def __init__(self, name: str, value: str) -> None:
        super().__init__(value)
        self.name = name
        self.value = value


def jalali_iso(name: str, value: str | None) -> str | None:
    """A date typed in any written form (as the CLI takes them) as `1405-08-21`."""
    if not value or not value.strip():
        return None
    try:
        return format_iso(parse_jalali(value.strip()))
    except DateParseError:
        raise BadDate(name, value) from None


@dataclass
class Asked:
    """What a search asks for, as typed (the page shows it back) and as filters."""

    q: str = ""
    kind: str = ""
    direction: str = ""
    since: str = ""
    until: str = ""
    sender: str = ""
    recipient: str = ""
    copy_to: str = ""
    classification: str = ""
    status: str = ""
    sort: str = "relevance"

    def filters(self, user: User) -> Filters:
        return Filters(kind=self.kind or None, direction=self.direction or None,
                       status=self.status or None, sender=self.sender or None,
                       recipient=self.recipient or None, copy_to=self.copy_to or None,
                       since=jalali_iso("since", self.since),
                       until=jalali_iso("until", self.until),
                       classification=self.classification or None,
                       clearance=user.clearance)

    def check(self) -> None:
        """Values outside their lists are refused (422), never passed on."""
        for name, allowed in (("kind", KIND_NAMES), ("direction", DIRECTION_NAMES),
                              ("classification", LEVELS), ("status", STATUS_FA),
                              ("sort", SORTS)):
            value = getattr(self, name)
            if value and value not in allowed:
                raise HTTPException(422, f"مقدار «{value}» برای {name} مجاز نیست / "
                                         f"{name}={value!r} is not one of {', '.join(allowed)}")

    def query(self, **changes: Any) -> str:
        values = {**self.__dict__, **changes}
        return urlencode({k: v for k, v in values.items() if v not in ("", None)})


def marked(snippet: str) -> Markup:
    """A snippet with its matched words in <mark>, everything else escaped."""
    text = str(escape(snippet))
    return Markup(text.replace(_MARK[0], "<mark>").replace(_MARK[1], "</mark>"))


def asked_from(q: str, kind: str, direction: str, since: str, until: str, sender: str,
               recipient: str, copy_to: str, classification: str, status: str,
               sort: str) -> Asked:
    asked = Asked(q=q, kind=kind, direction=direction, since=since, until=until,
                  sender=sender, recipient=recipient, copy_to=copy_to,
                  classification=classification, status=status, sort=sort or "relevance")
    asked.check()
    return asked


@router.get("/")
def search_page(request: Request, q: str = "", kind: str = "", direction: str = "",
                since: str = "", until: str = "", sender: str = "", recipient: str = "",
                copy_to: str = "", classification: str = "", status: str = "",
                sort: str = "relevance", page: int = Query(1, ge=1, le=10_000),
                partial: bool = False,
                user: User = Depends(require("read"))) -> Response:
    asked = asked_from(q, kind, direction, since, until, sender, recipient, copy_to,
                       classification, status, sort)
    error = None
    result = None
    try:
        filters = asked.filters(user)
    except BadDate as bad:
        label = "از تاریخ" if bad.name == "since" else "تا تاریخ"
        error = (f"«{bad.value}» در «{label}» تاریخ معتبری نیست (مثلاً ۱۴۰۵/۰۸/۲۱ یا "
                 "۲۱ آبان ۱۴۰۵).", f"{bad.value!r} is not a date.")
    else:
        result = office(request).registry.search(asked.q, filters, PAGE_SIZE,
                                                 (page - 1) * PAGE_SIZE, asked.sort, _MARK,
                                                 lag=INDEX_LAG)
    total = result.total if result else 0
    pages = max(1, math.ceil(total / PAGE_SIZE))
    hits = [{**hit, "snippet": marked(hit["snippet"])} for hit in (result.hits if result else [])]
    context = dict(asked=asked, hits=hits, total=total, page=page, pages=pages, error=error,
                   first=(page - 1) * PAGE_SIZE + 1, kinds=KIND_NAMES,
                   directions=DIRECTION_NAMES, statuses=STATUS_FA, sorts=SORT_NAMES,
                   classifications={code: NAMES[code] for code in LEVELS
                                    if level(code) <= level(user.clearance)})
    return render(request, "_results.html" if partial else "search.html", **context)


@router.get("/api/search")
def api_search(request: Request, q: str = "", limit: int = Query(20, ge=1, le=1000),
               offset: int = Query(0, ge=0), since: str = "", until: str = "",
               kind: str = "", direction: str = "", status: str = "", sender: str = "",
               recipient: str = "", copy_to: str = "", classification: str = "",
               sort: str = "relevance",
               user: User = Depends(require("read"))) -> dict[str, Any]:
    """The JSON of `paayesh search --json` (`total`, `hits`), counted within the caller's
    clearance; each hit has its `classification` too."""
    asked = asked_from(q, kind, direction, since, until, sender, recipient, copy_to,
                       classification, status, sort)
    try:
        filters = asked.filters(user)
    except BadDate as bad:
        raise HTTPException(422, f"«{bad.value}» تاریخ معتبری نیست / "
                                 f"{bad.name}={bad.value!r} is not a date") from None
    result = office(request).registry.search(asked.q, filters, limit, offset, asked.sort,
                                             lag=INDEX_LAG)
    return {"total": result.total, "hits": result.hits}
