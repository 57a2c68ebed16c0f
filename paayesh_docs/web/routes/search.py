"""The search page (`/`) and `GET /api/search`."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
