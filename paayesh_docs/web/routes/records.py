"""A record's page, `GET /api/records/{id}`, its original's pages and its download."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
