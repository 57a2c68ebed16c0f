"""What every page and API call shares: the office, who is asking, what they may do, CSRF,
and rendering a template.

    @router.get("/things")
    def things(request: Request, user: User = Depends(require("read"))) -> Response:
        registry = office(request).registry
        return render(request, "things.html", things=...)

    @router.post("/things", dependencies=[Depends(csrf_protect)])
    def add_thing(...): ...

`office(request)` has `.settings`, `.registry` (the process's one Registry, shared by
the requests' threads: its storage keeps them apart step by step, so reading pages never
wait for each other), `.users`, `.audit` (`.audit.log(user, action, record_id, detail)`)
and `.tracker()` (caught up; call it and use what it returns holding `.lock`: a Tracker
is not made for threads). A record is shown only when
`registry.clearance.visible(record, user.clearance)`.

A request is signed in by its session cookie (signed, HttpOnly, SameSite=Strict; set
at login) or by `Authorization: Bearer TOKEN` (`paayesh users token NAME`). Every
request has a session, signed in or not, so the login form carries a CSRF token too;
the token is an HMAC of the session's id, so it is tied to that session and changes
when signing in starts a new one. A Bearer call carries no cookie, so it needs no CSRF
token: a page of another site cannot make the browser send one.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from fastapi.templating import Jinja2Templates
from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.responses import Response

from paayesh_docs.access.audit import AuditLog
from paayesh_docs.access.users import FOLDER, ROLE_NAMES, User, Users
from paayesh_docs.config import Settings
from paayesh_docs.persian.dates import DateParseError, format_jalali, parse_jalali
from paayesh_docs.persian.digits import to_persian_digits
from paayesh_docs.registry import Registry

HERE = Path(__file__).resolve().parent
SESSION_COOKIE = "paayesh_session"
SESSION_SECONDS = 12 * 3600  # a working day; then sign in again
SECRET_FILE = "secret.key"

# The menu: (path, Persian label, the action it needs). A link is shown only when the
# user's role may take the action and the page exists in this application.
NAV: list[tuple[str, str, str]] = [
    ("/", "جستجو", "read"),
    ("/upload", "بارگذاری", "upload"),
    ("/register", "ثبت دستی", "register"),
    ("/review", "بازبینی اسکن‌ها", "edit"),
    ("/tracking", "پیگیری", "reports"),
    ("/compose", "تهیه نامه", "compose"),
    ("/reports", "گزارش‌ها", "reports"),
    ("/book", "دفتر اندیکاتور", "reports"),
    ("/users", "کاربران", "users"),
    ("/audit", "رویدادها", "audit"),
]


@dataclass
class Office:
    """One per process: the office's settings, its opened registry, accounts and audit log."""

    settings: Settings
    raw_registry: Registry
    users: Users
    audit: AuditLog
    secret: bytes
    lock: threading.RLock = field(default_factory=threading.RLock)
    _tracker: Any = None
    _closed: bool = False

    def tracker(self) -> Any:
        """The office's `Tracker`, caught up with the registry (`Tracker.catch_up`: a page
        writes no tracking state unless far behind); call holding `lock`."""
        from paayesh_docs.tracking import Tracker

        if self._closed:
            raise RuntimeError("the office is closed")
        if self._tracker is None:
            self._tracker = Tracker(self.raw_registry)
        self._tracker.catch_up()
        return self._tracker

    @property
    def registry(self) -> Registry:
        return self.raw_registry

    @classmethod
    def open(cls, settings: Settings) -> Office:
        registry = Registry(settings)
        return cls(settings=settings, raw_registry=registry, users=Users(settings.registry),
                   audit=AuditLog(settings.registry), secret=_secret(settings.registry))

    def close(self) -> None:
        with self.lock:
            self._closed = True
            if self._tracker is not None:
                self._tracker.close()
            self.raw_registry.close()


def _secret(registry_folder: Path) -> bytes:
    """The key that signs sessions, made once per office (readable by its owner only), so
    sessions hold across restarts and across server processes."""
    path = registry_folder / FOLDER / SECRET_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(secrets.token_bytes(32).hex().encode("ascii"))
            stream.flush()
            os.fsync(stream.fileno())
    for _ in range(50):  # another process may be writing it this instant
        key = path.read_bytes().strip()
        if len(key) == 64:
            return bytes.fromhex(key.decode("ascii"))
        threading.Event().wait(0.01)
    raise RuntimeError(f"{path} is not a session key")


def office(request: Request) -> Office:
    """The process's office (made by `create_app`)."""
    return request.app.state.office


# -- sessions -------------------------------------------------------------------


def _serializer(request: Request) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(office(request).secret, salt="paayesh-session")


def session(request: Request) -> dict[str, Any]:
    """This request's session: {"sid", "user", "stamp"}; a new one when the cookie is
    missing, forged or too old (the middleware then sets the cookie)."""
    if hasattr(request.state, "session"):
        return request.state.session
    data: dict[str, Any] | None = None
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        try:
            data = _serializer(request).loads(cookie, max_age=SESSION_SECONDS)
        except BadSignature:
            data = None
    if not isinstance(data, dict) or not isinstance(data.get("sid"), str):
        data = {"sid": secrets.token_hex(16), "user": None, "stamp": None}
        request.state.session_changed = True
    request.state.session = data
    return data


def start_session(request: Request, user: User | None) -> None:
    """A new session (a new id, so a new CSRF token) for `user`, or signed out (None)."""
    request.state.session = {"sid": secrets.token_hex(16),
                             "user": user.name if user else None,
                             "stamp": user.stamp if user else None}
    request.state.session_changed = True
    request.state.user = user


def session_cookie(request: Request) -> str | None:
    """The `Set-Cookie` value for the session when this request made or changed it."""
    if not getattr(request.state, "session_changed", False):
        return None
    secure = request.url.scheme == "https"
    response = Response()
    response.set_cookie(SESSION_COOKIE, _serializer(request).dumps(request.state.session),
                        max_age=SESSION_SECONDS, httponly=True, samesite="strict",
                        secure=secure, path="/")
    return response.headers["set-cookie"]


def csrf_token(request: Request) -> str:
    sid = session(request)["sid"]
    return hmac.new(office(request).secret, f"csrf {sid}".encode(), hashlib.sha256).hexdigest()


# -- who is asking --------------------------------------------------------------


def current_user(request: Request) -> User | None:
    """The signed-in user (session cookie or Bearer token), or None."""
    if hasattr(request.state, "user"):
        return request.state.user
    users = office(request).users
    user: User | None = None
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        user = users.by_token(token.strip())
        request.state.bearer = user is not None
    else:
        data = session(request)
        if data.get("user"):
            found = users.get(data["user"])
            if found and not found.disabled and found.stamp == data.get("stamp"):
                user = found
    request.state.user = user
    return user


class LoginNeeded(Exception):
    """A page asked for without a session: the browser is sent to /login."""


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def require(action: str) -> Callable[[Request], User]:
    """A dependency: the signed-in user, if their role may take `action`.

    Not signed in: 401 for /api/, a redirect to /login for pages; signed in but the
    role may not: 403."""
    from paayesh_docs.access.users import ACTIONS

    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")

    def signed_in_user(request: Request) -> User:
        user = current_user(request)
        if user is None:
            if is_api(request):
                raise HTTPException(401, "وارد نشده‌اید / not signed in",
                                    headers={"WWW-Authenticate": "Bearer"})
            raise LoginNeeded()
        if not user.may(action):
            raise HTTPException(403, "این کار برای نقش شما مجاز نیست / not allowed for this role")
        return user

    return signed_in_user


async def csrf_protect(request: Request) -> None:
    """A dependency for every POST: the form field `csrf_token` or the `X-CSRF-Token`
    header must be this session's token (a Bearer call needs none)."""
    bearer = request.headers.get("authorization", "").lower().startswith("bearer ")
    if bearer and current_user(request) is not None:
        return
    sent = request.headers.get("x-csrf-token")
    if not sent:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get("csrf_token")
            sent = value if isinstance(value, str) else None
    if not sent or not hmac.compare_digest(sent, csrf_token(request)):
        raise HTTPException(403, "فرم منقضی شده است؛ صفحه را دوباره باز کنید / "
                                 "the form has expired; reload the page")


# -- pages ------------------------------------------------------------------------


def jalali(value: Any, style: str = "numeric") -> str:
    """A stored date (`1405-08-21`, or a record: its date, else its registration day) as
    a reader reads it: ۱۴۰۵/۰۸/۲۱ (or «۲۱ آبان ۱۴۰۵» with style="long"); — when none."""
    if isinstance(value, dict):
        value = value.get("date") or value.get("registered_date")
    if not value:
        return "—"
    return _jalali_text(str(value), style)


@functools.lru_cache(maxsize=4096)
def _jalali_text(value: str, style: str) -> str:
    """A page shows the same few hundred days again and again (twenty on each search)."""
    try:
        return format_jalali(parse_jalali(value), style)
    except DateParseError:
        return to_persian_digits(value)


def fa(value: Any) -> str:
    """Persian digits (— for nothing)."""
    if value is None or value == "":
        return "—"
    return to_persian_digits(str(value))


templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.autoescape = True
templates.env.auto_reload = False  # the package's templates: no stat of each on every page
templates.env.filters["jalali"] = jalali
templates.env.filters["fa"] = fa


def nav(request: Request, user: User | None) -> list[tuple[str, str]]:
    """The menu for this user: only pages that exist and that their role may open."""
    if user is None:
        return []
    paths = request.app.state.paths
    return [(path, label) for path, label, action in NAV if path in paths and user.may(action)]


def render(request: Request, template_name: str, status_code: int = 200,
           **context: Any) -> Response:
    """A page: the template with `user`, `csrf_token`, the menu and `context`.

    A page asked for with a Bearer token gets no session (its forms carry an empty
    token, which `csrf_protect` refuses from a browser): making, signing and setting a
    session cookie nobody sends back was a tenth of a millisecond on every such page."""
    user = current_user(request)
    bearer = getattr(request.state, "bearer", False)
    return templates.TemplateResponse(request, template_name, {
        "user": user, "csrf_token": "" if bearer else csrf_token(request),
        "nav": nav(request, user), "role_names": ROLE_NAMES, **context},
        status_code=status_code)
