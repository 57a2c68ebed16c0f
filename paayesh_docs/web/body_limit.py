"""A cap on every request's body, checked before anything reads it.

Starlette spools an uploaded file to a temporary file as it parses the form, before a
route sees it: without a cap here, one oversized upload (or an endless chunked one)
fills the server's disk before `inbox.drop.place` could refuse it. The cap is the
inbox's own limit for one file plus room for the form's other fields; the upload page
sends one file a request, so every file the inbox would take passes. A body declared
too large (`Content-Length`) is answered 413 at once; one that grows too large while it
streams is cut off and answered 413, if no answer has started.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from paayesh_docs.ingest.limits import DEFAULT_LIMITS

FORM_ROOM = 1024 * 1024  # the form's other fields, the multipart boundaries
MAX_BODY = DEFAULT_LIMITS.file_bytes + FORM_ROOM


class BodyTooLarge(Exception):
    """The body passed the cap while it was being read."""


def too_large_message(limit: int) -> tuple[str, str]:
    megabytes = f"{(limit - FORM_ROOM) // (1024 * 1024)} MB"
    return (f"حجم درخواست بیش از حد مجاز است (هر فایل حداکثر {megabytes}).",
            f"The request is too large (at most {megabytes} a file).")


class BodyLimit:
    """ASGI middleware: no request body larger than `limit` bytes reaches the app."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge()
            return message

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, sending)
        except BodyTooLarge:
            if not started:
                await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        """413: JSON for the API and the pages' scripts, else the error page."""
        from paayesh_docs.web import deps

        fa, en = too_large_message(self.limit)
        request = Request(scope, receive)
        headers = {"Connection": "close"}
        if deps.is_api(request) or "application/json" in request.headers.get("accept", ""):
            response = JSONResponse({"detail": f"{fa} / {en}"}, 413, headers)
        else:
            response = deps.render(request, "error.html", status_code=413, code=413,
                                   message_fa=fa, message_en=en)
            response.headers.update(headers)
        await response(scope, receive, send)
