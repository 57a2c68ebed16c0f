"""`GET /healthz`: is the server up (for a load balancer or a monitoring script); no session."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}
