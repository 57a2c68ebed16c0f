"""`create_app(settings)`: the FastAPI application of one office.

Static files (our CSS and script, the packaged Vazirmatn fonts) are served from the
package: the offices' machines have no internet, so nothing comes from a CDN. Every
response carries the security headers; every route comes from `routes.ROUTERS`.
"""

from __future__ import annotations

import contextlib
import importlib
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from paayesh_docs import __version__
from paayesh_docs.config import Settings
from paayesh_docs.web import deps
from paayesh_docs.web.body_limit import BodyLimit
from paayesh_docs.web.routes import ROUTERS

HERE = Path(__file__).resolve().parent
FONTS = HERE.parent / "fonts"

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def create_app(settings: Settings) -> FastAPI:
    """The application for the office of `settings` (its registry opened once, here)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        threading.Thread(target=_warm, args=(app.state.office, app.state.warmed),
                         name="paayesh-warm", daemon=True).start()
        yield
        app.state.office.close()

    app = FastAPI(title="paayesh", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url=None)
    app.state.office = deps.Office.open(settings)
    app.state.warmed = threading.Event()
    app.mount("/static/fonts", StaticFiles(directory=FONTS), name="fonts")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.state.paths = set()  # what the menu may link to
    for name in ROUTERS:
        module = importlib.import_module(f"paayesh_docs.web.routes.{name}")
        app.include_router(module.router)
        app.state.paths.update(getattr(route, "path", None) for route in module.router.routes)

    app.add_middleware(BodyLimit)  # before any route reads a body; its 413 gets the headers
    app.add_middleware(HeadersAndSession)
    app.add_exception_handler(deps.LoginNeeded, _to_login)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _bad_request)
    return app


def _warm(office: deps.Office, warmed: threading.Event) -> None:
    """The office's Tracker opened as the server starts, not on the first tracking page or
    record page, which waited for it (2-6 s at 100,000 records). It runs in a thread of
    the pages, as nice as they are. A Tracker that cannot open is left for the page that
    needs it to report."""
    try:
        with contextlib.suppress(Exception), office.lock:
            office.tracker()
    finally:
        warmed.set()


class HeadersAndSession:
    """Every answer: the session cookie when the request made or changed the session, the
    security headers, no-store for pages and the API, and `Server-Timing: app;dur=MS`.

    A plain ASGI middleware that changes the answer's headers as they are sent: Starlette's
    `@app.middleware("http")` ran every request through a task and memory streams of its
    own, a cost paid on every page."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request = Request(scope)

        async def answering(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                cookie = deps.session_cookie(request)
                if cookie:
                    headers.append("set-cookie", cookie)
                # the application's own time for the answer, for an operator's browser
                # tools and for bench/web.py: thread-pool waits included, the network's not
                headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if scope["path"].startswith(("/api/", "/records/")) or \
                        "text/html" in headers.get("content-type", ""):
                    headers.setdefault("Cache-Control", "no-store")
            await send(message)

        await self.app(scope, receive, answering)


async def _to_login(request: Request, exc: Exception) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    from urllib.parse import quote

    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if deps.is_api(request) or request.url.path == "/healthz":
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                            headers=exc.headers)
    fa_text, _, en_text = str(exc.detail).partition(" / ")
    if exc.status_code == 404:
        fa_text, en_text = "این صفحه یا پرونده پیدا نشد.", "Not found."
    return deps.render(request, "error.html", status_code=exc.status_code,
                       message_fa=fa_text if en_text else "", message_en=en_text or fa_text,
                       code=exc.status_code)


async def _bad_request(request: Request, exc: Exception) -> Response:
    """A malformed parameter: 422 with what was wrong, never a traceback."""
    assert isinstance(exc, RequestValidationError)
    problems = [{"field": ".".join(str(p) for p in error.get("loc", ())),
                 "problem": error.get("msg")} for error in exc.errors()]
    if deps.is_api(request):
        return JSONResponse({"detail": "bad request / درخواست نادرست", "problems": problems},
                            status_code=422)
    return deps.render(request, "error.html", status_code=422, code=422,
                       message_fa="درخواست نادرست است.",
                       message_en="; ".join(f"{p['field']}: {p['problem']}" for p in problems))
