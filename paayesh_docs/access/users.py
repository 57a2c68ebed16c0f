"""Accounts: a name, a role, a clearance, an argon2 password hash, hashed API tokens.

Kept in `registry/access/users.json`, replaced atomically under a lock, so several
server processes and the `paayesh users` command may change it at once. A password is
never stored, only its argon2 hash (argon2-cffi's defaults, rehashed when they change);
an API token is shown once and stored as its SHA-256 (a token is 256 random bits, so a
fast hash is enough and a lookup costs microseconds).

Brute force is slowed per account: after `FREE_FAILURES` failed logins in a row the
account refuses every password, right or wrong, for a time that doubles with each further
failure (30 s, 1 min, 2 min, ... up to 15 minutes); a success resets the count. The count is kept
in the file, so it holds across processes and restarts.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import hmac
import json
import re
import secrets
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from paayesh_docs.registry.clearance import LEVELS
from paayesh_docs.registry.journal import write_atomically

FOLDER = "access"
USERS_FILE = "users.json"
ROLES = ("clerk", "staff", "evaluator", "admin")
ROLE_NAMES = {"clerk": "کارمند دبیرخانه", "staff": "کارشناس", "evaluator": "ارزیاب",
              "admin": "مدیر سامانه"}
# What each role may do. Everyone signed in may read (within their clearance); clerks
# register and correct, staff compose, evaluators search and read reports; admins manage
# accounts and read the audit log, and may do everything else too.
ACTIONS = ("read", "register", "upload", "edit", "void", "compose", "reports", "users", "audit")
PERMISSIONS: dict[str, frozenset[str]] = {
    "clerk": frozenset({"read", "register", "upload", "edit", "void", "reports"}),
    "staff": frozenset({"read", "compose", "reports"}),
    "evaluator": frozenset({"read", "reports"}),
    "admin": frozenset(ACTIONS),
}
FREE_FAILURES = 5
FIRST_LOCK = 30.0  # seconds, doubling with each further failure
LONGEST_LOCK = 15 * 60.0
_NAME = re.compile(r"^[\w.@-]{1,64}$")
_HASHER = PasswordHasher()


class AccessError(ValueError):
    """A request about accounts that cannot be done; `fa` and `en` say why."""

    def __init__(self, fa: str, en: str) -> None:
        super().__init__(en)
        self.fa = fa
        self.en = en


class LoginRefused(Exception):
    """Wrong name or password, a disabled account, or one locked after failed logins;
    `retry_after` (seconds) is set when the account is locked."""

    def __init__(self, retry_after: float | None = None) -> None:
        super().__init__("login refused")
        self.retry_after = retry_after


@dataclass
class User:
    name: str
    role: str
    clearance: str = "normal"
    disabled: bool = False
    password: str = ""  # the argon2 hash
    tokens: list[dict[str, str]] = field(default_factory=list)  # {"sha256", "created"}
    failures: int = 0
    locked_until: float = 0.0
    created: str = ""
    # changes when the password changes or the account is disabled: sessions signed with
    # an older stamp are no longer valid
    stamp: str = ""

    def may(self, action: str) -> bool:
        return action in PERMISSIONS.get(self.role, frozenset())

    @property
    def public(self) -> dict[str, Any]:
        """What may be shown about an account (no hashes)."""
        return {"name": self.name, "role": self.role, "clearance": self.clearance,
                "disabled": self.disabled, "tokens": len(self.tokens), "created": self.created}


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Users:
    """The accounts of one office."""

    def __init__(self, registry_folder: Path) -> None:
        self.folder = registry_folder / FOLDER
        self.path = self.folder / USERS_FILE
        self._cache: tuple[tuple[int, int], dict[str, User]] | None = None

    # -- storage ---------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[dict[str, User]]:
        """The accounts as they are on disk, written back atomically when the block ends."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / ".users.lock").open("a+b") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                users = self._read()
                yield users
                data = {"users": {name: asdict(user) for name, user in sorted(users.items())}}
                write_atomically(self.path, json.dumps(data, ensure_ascii=False,
                                                       indent=1).encode("utf-8"), 0o600)
                self._cache = None
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _read(self) -> dict[str, User]:
        try:
            raw = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return {}
        return {name: User(**fields) for name, fields in raw.get("users", {}).items()}

    def all(self) -> dict[str, User]:
        """Every account, read again only when the file changed (each request asks)."""
        try:
            info = self.path.stat()
        except FileNotFoundError:
            return {}
        key = (info.st_mtime_ns, info.st_ino)
        if self._cache is None or self._cache[0] != key:
            self._cache = (key, self._read())
        return self._cache[1]

    def get(self, name: str) -> User | None:
        return self.all().get(name)

    # -- managing accounts -----------------------------------------------------

    def add(self, name: str, role: str, clearance: str, password: str,
            only_if_none: bool = False) -> User:
        """A new account. `only_if_none`: refused if any account exists (the first
        administrator, made from the web page: decided under the lock, so two browsers
        racing for it cannot both win)."""
        check_name(name)
        check_role(role)
        check_clearance(clearance)
        check_password(password)
        with self._locked() as users:
            if only_if_none and users:
                raise AccessError("حساب‌های کاربری از پیش تعریف شده‌اند؛ وارد شوید.",
                                  "Accounts exist already: sign in.")
            if name in users:
                raise AccessError(f"کاربر «{name}» از پیش وجود دارد.",
                                  f"User {name!r} exists already.")
            user = User(name=name, role=role, clearance=clearance,
                        password=_HASHER.hash(password), created=_now_text(),
                        stamp=secrets.token_hex(8))
            users[name] = user
        return user

    def change(self, name: str, **changes: Any) -> User:
        """Set role, clearance or disabled; a disabled account's sessions end at once."""
        if "role" in changes:
            check_role(changes["role"])
        if "clearance" in changes:
            check_clearance(changes["clearance"])
        with self._locked() as users:
            user = _existing(users, name)
            for key, value in changes.items():
                setattr(user, key, value)
            user.stamp = secrets.token_hex(8)
        return user

    def set_password(self, name: str, password: str) -> User:
        check_password(password)
        with self._locked() as users:
            user = _existing(users, name)
            user.password = _HASHER.hash(password)
            user.failures, user.locked_until = 0, 0.0
            user.stamp = secrets.token_hex(8)  # sessions with the old password end
        return user

    def disable(self, name: str) -> User:
        return self.change(name, disabled=True)

    def new_token(self, name: str) -> str:
        """A new API token for the account, returned once; only its hash is kept."""
        token = secrets.token_urlsafe(32)
        with self._locked() as users:
            user = _existing(users, name)
            user.tokens.append({"sha256": _token_digest(token), "created": _now_text()})
        return token

    # -- signing in --------------------------------------------------------------

    def authenticate(self, name: str, password: str, clock: float | None = None) -> User:
        """The account, if the password is right and the account may sign in now."""
        clock = time.time() if clock is None else clock
        user = self.get(name)
        if user is None or user.disabled or not user.password:
            _HASHER.hash(password)  # the same cost as a real check: names are not revealed
            raise LoginRefused()
        if user.locked_until > clock:
            raise LoginRefused(retry_after=user.locked_until - clock)
        try:
            _HASHER.verify(user.password, password)
        except (VerificationError, InvalidHashError):
            raise LoginRefused(retry_after=self._failed(name, clock)) from None
        if user.failures or _HASHER.check_needs_rehash(user.password):
            with self._locked() as users:
                current = users[name]
                current.failures, current.locked_until = 0, 0.0
                if _HASHER.check_needs_rehash(current.password):
                    current.password = _HASHER.hash(password)
                user = current
        return user

    def _failed(self, name: str, clock: float) -> float | None:
        """Count a failed login; the seconds the account is now locked for, if it is."""
        with self._locked() as users:
            current = users.get(name)
            if current is None:
                return None
            current.failures += 1
            over = current.failures - FREE_FAILURES
            if over <= 0:
                return None
            current.locked_until = clock + min(LONGEST_LOCK, FIRST_LOCK * 2 ** (over - 1))
            return current.locked_until - clock

    def by_token(self, token: str) -> User | None:
        """The enabled account an API token belongs to."""
        digest = _token_digest(token)
        for user in self.all().values():
            if not user.disabled and any(hmac.compare_digest(t["sha256"], digest)
                                         for t in user.tokens):
                return user
        return None


def _existing(users: dict[str, User], name: str) -> User:
    if name not in users:
        raise AccessError(f"کاربری با نام «{name}» نیست.", f"No user named {name!r}.")
    return users[name]


def check_name(name: str) -> None:
    if not _NAME.match(name):
        raise AccessError(f"نام کاربری «{name}» مجاز نیست (حروف، رقم، . _ - @، حداکثر ۶۴).",
                          f"User name {name!r} is not allowed (letters, digits, . _ - @; "
                          "at most 64).")


def check_role(role: str) -> None:
    if role not in ROLES:
        raise AccessError(f"نقش «{role}» تعریف نشده است؛ یکی از: {'، '.join(ROLES)}.",
                          f"Unknown role {role!r}; one of: {', '.join(ROLES)}.")


def check_clearance(clearance: str) -> None:
    if clearance not in LEVELS:
        raise AccessError(f"سطح دسترسی «{clearance}» تعریف نشده است؛ یکی از: "
                          f"{'، '.join(LEVELS)}.",
                          f"Unknown clearance {clearance!r}; one of: {', '.join(LEVELS)}.")


def check_password(password: str) -> None:
    if len(password) < 8:
        raise AccessError("گذرواژه باید دست‌کم ۸ نویسه باشد.",
                          "The password must be at least 8 characters long.")


def _now_text() -> str:
    import datetime

    return datetime.datetime.now().astimezone().isoformat(timespec="seconds")
