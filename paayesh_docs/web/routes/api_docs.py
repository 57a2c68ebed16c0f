"""The API's description: `GET /api/openapi.json` (OpenAPI 3, for tools) and `GET /api`
(a page listing every call), both for signed-in callers only, like the rest of /api/.
No Swagger UI: it comes from a CDN, and the offices' machines have no internet."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from paayesh_docs.access.users import User
from paayesh_docs.web.deps import render, require

router = APIRouter()


@router.get("/api/openapi.json", include_in_schema=False)
def openapi(request: Request, user: User = Depends(require("read"))) -> dict[str, Any]:
    return request.app.openapi()


@router.get("/api", include_in_schema=False)
def api_page(request: Request, user: User = Depends(require("read"))) -> Response:
    schema = request.app.openapi()
    calls = [(method.upper(), path, (operation.get("description") or
                                     operation.get("summary") or "").strip())
             for path, methods in sorted(schema.get("paths", {}).items())
             if path.startswith("/api/") or path == "/healthz"
             for method, operation in methods.items()]
    return render(request, "api.html", calls=calls)
