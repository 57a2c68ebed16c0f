"""The audit log: who signed in, who viewed or downloaded a classified record, who
edited, voided, uploaded or composed what, and when.

Append-only: one JSON line per entry in `registry/access/audit.log`, written with
O_APPEND in one `write` and flushed to disk, so lines from several processes never
interleave and an entry, once written, is never rewritten. Nothing here removes one.
"""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path
from typing import Any

from paayesh_docs.access.users import FOLDER
from paayesh_docs.persian.dates import format_iso, parse_jalali

AUDIT_FILE = "audit.log"
ACTION_NAMES = {"login": "ورود", "login_failed": "ورود ناموفق", "logout": "خروج",
                "first_admin": "ساخت نخستین مدیر", "resolution_done": "ثبت انجام مصوبه",
                "view": "مشاهده", "download": "دریافت", "edit": "اصلاح", "void": "ابطال",
                "upload": "بارگذاری", "compose": "تهیه نامه", "register": "ثبت",
                "review": "تأیید خوانش اسکن", "users": "مدیریت کاربران"}


class AuditLog:
    """One office's audit log."""

    def __init__(self, registry_folder: Path) -> None:
        self.path = registry_folder / FOLDER / AUDIT_FILE

    def log(self, user: Any, action: str, record_id: int | None = None,
            detail: Any = None) -> dict[str, Any]:
        """Append one entry; `user` is a `User`, a name, or None (an unknown name)."""
        name = getattr(user, "name", user)
        moment = datetime.datetime.now().astimezone()
        import jdatetime

        entry = {"at": moment.isoformat(timespec="seconds"),
                 "date": format_iso(jdatetime.date.fromgregorian(date=moment.date())),
                 "user": name, "action": action, "record_id": record_id, "detail": detail}
        line = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(descriptor, line)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        return entry

    def read(self, since: str | None = None, user: str | None = None) -> list[dict[str, Any]]:
        """The entries, oldest first; `since` a Jalali date in any written form (inclusive)."""
        first = format_iso(parse_jalali(since)) if since else None
        entries = []
        try:
            with self.path.open(encoding="utf-8") as stream:
                for line in stream:
                    try:
                        entry = json.loads(line)
                    except ValueError:
                        continue  # a line cut short by a power cut
                    if first and entry.get("date", "") < first:
                        continue
                    if user and entry.get("user") != user:
                        continue
                    entries.append(entry)
        except FileNotFoundError:
            pass
        return entries


def log(registry_folder: Path, user: Any, action: str, record_id: int | None = None,
        detail: Any = None) -> dict[str, Any]:
    return AuditLog(registry_folder).log(user, action, record_id, detail)


def read(registry_folder: Path, since: str | None = None,
         user: str | None = None) -> list[dict[str, Any]]:
    return AuditLog(registry_folder).read(since, user)
