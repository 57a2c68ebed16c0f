"""Accounts (admins) and the audit log: the pages over `access.users` and `access.audit`,
as `paayesh users …` and `paayesh audit` manage and read them. Every change of an
account is itself in the audit log (never a password)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from paayesh_docs.access.audit import ACTION_NAMES
from paayesh_docs.access.users import ROLE_NAMES, ROLES, AccessError, User
from paayesh_docs.persian.dates import DateParseError
from paayesh_docs.registry.clearance import LEVELS, NAMES
from paayesh_docs.web.deps import csrf_protect, office, render, require

router = APIRouter()
_MAY_AUDIT = Depends(require("audit"))
_MAY_USERS = Depends(require("users"))
AUDIT_ROWS = 500  # the newest entries a page shows


def _users_page(request: Request, problem: tuple[str, str] | None = None,
                notice: str | None = None, status_code: int = 200) -> Response:
    users = sorted(office(request).users.all().values(), key=lambda u: u.name)
    return render(request, "users.html", status_code=status_code, accounts=users,
                  created={u.name: _day(u.created) for u in users},
                  roles=[(r, ROLE_NAMES[r]) for r in ROLES],
                  clearances=[(c, NAMES[c]) for c in LEVELS], clearance_names=NAMES,
                  problem=problem, notice=notice)


def _day(moment: str) -> str:
    """An account's creation time (ISO, Gregorian) as its Jalali day, Persian digits."""
    import datetime

    from paayesh_docs.persian.dates import format_jalali, from_gregorian

    try:
        return format_jalali(from_gregorian(datetime.datetime.fromisoformat(moment).date()))
    except (TypeError, ValueError):
        return "—"


@router.get("/users")
def users_page(request: Request, user: User = _MAY_USERS) -> Response:
    return _users_page(request)


@router.post("/users", dependencies=[Depends(csrf_protect)])
async def add_user(request: Request, user: User = _MAY_USERS) -> Response:
    form = await request.form()
    name, role = str(form.get("name") or "").strip(), str(form.get("role") or "")
    clearance = str(form.get("clearance") or "normal")
    the_office = office(request)
    try:
        the_office.users.add(name, role, clearance, str(form.get("password") or ""))
    except AccessError as error:
        return _users_page(request, (error.fa, error.en), status_code=422)
    the_office.audit.log(user, "users", detail={"add": name, "role": role,
                                                "clearance": clearance})
    return _users_page(request, notice=f"کاربر «{name}» افزوده شد.")


@router.post("/users/{name}", dependencies=[Depends(csrf_protect)])
async def change_user(request: Request, name: str,
                      user: User = _MAY_USERS) -> Response:
    """Role, clearance, enabled or not; a new password when one is typed."""
    form = await request.form()
    the_office = office(request)
    changes = {"role": str(form.get("role") or ""),
               "clearance": str(form.get("clearance") or ""),
               "disabled": form.get("disabled") == "1"}
    password = str(form.get("password") or "")
    if name == user.name and (changes["disabled"] or changes["role"] != "admin"):
        return _users_page(request, ("حساب خودتان را نمی‌توانید غیرفعال یا از مدیریت خارج کنید.",
                                     "You cannot disable your own account or drop its admin "
                                     "role."), status_code=422)
    try:
        found = the_office.users.get(name)
        if found is None:
            raise AccessError(f"کاربر «{name}» وجود ندارد.", f"No user {name!r}.")
        if (found.role, found.clearance, found.disabled) != tuple(changes.values()):
            the_office.users.change(name, **changes)
        if password:
            the_office.users.set_password(name, password)
    except AccessError as error:
        return _users_page(request, (error.fa, error.en), status_code=422)
    the_office.audit.log(user, "users", detail={"change": name, **changes,
                                                "password": bool(password)})
    return RedirectResponse("/users", status_code=303)


@router.get("/audit")
def audit_page(request: Request, since: str = "", who: str = "",
               user: User = _MAY_AUDIT) -> Response:
    problem = None
    try:
        entries = office(request).audit.read(since or None, who.strip() or None)
    except DateParseError:
        problem = (f"«{since}» تاریخ معتبری نیست.", f"{since!r} is not a date.")
        entries = office(request).audit.read(None, who.strip() or None)
    shown = list(reversed(entries))[:AUDIT_ROWS]
    return render(request, "audit.html", entries=shown, total=len(entries), since=since,
                  who=who, problem=problem, action_names=ACTION_NAMES)
