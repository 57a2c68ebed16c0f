"""An office served the way it is run: `paayesh init`, letters registered by the real
commands, accounts made by `paayesh users add`, and `paayesh serve` in its own process on
a free port (stopped with SIGTERM). Used by the web tests and `docs/make_screenshots.py`.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
from conftest import ROOT, run_paayesh

PASSWORDS = {"admin": "admin-pass-1405", "eva": "eva-pass-1405", "clerk": "clerk-pass-1405",
             "secretary": "secretary-pass-1405"}
ACCOUNTS = (("admin", "admin", "top_secret"), ("eva", "evaluator", "normal"),
            ("clerk", "clerk", "normal"), ("secretary", "evaluator", "confidential"))

ORIGINAL = """سازمان توسعه تجارت ایران
شماره: ۲۰۷۹۴/ت/۳۵۰۱۴ ک
تاریخ: ۱۴۰۵/۰۷/۲۸
پیوست: ندارد
ریاست محترم سازمان صنعت، معدن و تجارت استان
موضوع: موانع صادرات از بازارچه‌های مرزی
با سلام و احترام، خواهشمند است گزارش موانع صادرات از بازارچه‌های مرزی استان را ارسال فرمایید.
معاون توسعه صادرات
"""
MINUTES_NOTE = """شماره: ۵۱۲/د
تاریخ: ۱۴۰۵/۰۸/۱۵
موضوع: ارسال صورت‌جلسه كميته پايش تجارت خارجي
با سلام، صورت‌جلسه هشتم كميته پايش تجارت خارجي استان جهت استحضار تقديم مي‌شود.
"""
XSS = """شماره: ۶۶۶/ص
تاریخ: ۱۴۰۵/۰۸/۱۸
موضوع: <script>alert("xss")</script> بررسی {{ 7*7 }} تعرفه
با سلام، متن <img src=x onerror=alert(1)> و {{ 7*7 }} و {% raw %} در نامه آمده است.
"""
SECRET = """شماره: ۹۹/م
تاریخ: ۱۴۰۵/۰۸/۲۰
طبقه‌بندی: محرمانه
موضوع: قاچاق زعفران در مرز میرجاوه
عطف به نامه شماره ۲۰۷۹۴/ت/۳۵۰۱۴ ک مورخ ۱۴۰۵/۰۷/۲۸
با سلام، گزارش محرمانه قاچاق زعفران از مرز میرجاوه به پیوست تقدیم می‌شود.
"""
SECRET_WORD = "زعفران"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_web_office(folder: Path) -> Path:
    """A fresh office with letters of every kind the pages show, and the four accounts."""
    office = folder / "office"
    result = run_paayesh("init", str(office))
    assert result.returncode == 0, result.stderr
    letters = folder / "letters"
    letters.mkdir()
    files = []
    for name, text in (("original.txt", ORIGINAL), ("minutes-note.txt", MINUTES_NOTE),
                       ("xss.txt", XSS), ("secret.txt", SECRET)):
        (letters / name).write_text(text, encoding="utf-8")
        files.append(str(letters / name))
    result = run_paayesh("--home", str(office), "ingest", *files)
    assert result.returncode == 0, result.stdout + result.stderr
    example = (ROOT / "paayesh_docs" / "compose" / "examples" / "letter.toml").read_text("utf-8")
    data = letters / "letter.toml"
    data.write_text(example.replace('classification = "محرمانه"', 'classification = "عادی"'),
                    encoding="utf-8")
    result = run_paayesh("--home", str(office), "compose", "letter", "--data", str(data),
                         "--pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    for name, role, clearance in ACCOUNTS:
        result = run_paayesh("--home", str(office), "users", "add", name, "--role", role,
                             "--clearance", clearance, "--password-stdin",
                             input=PASSWORDS[name] + "\n")
        assert result.returncode == 0, result.stderr
    return office


class Served:
    """`paayesh serve` on a free port, its output in files."""

    def __init__(self, office: Path, *extra: str) -> None:
        self.office = office
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.out_path = office.parent / f"serve-{self.port}.out"
        self.err_path = office.parent / f"serve-{self.port}.err"
        env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONUNBUFFERED": "1"}
        env.pop("PAAYESH_HOME", None)
        with self.out_path.open("wb") as out, self.err_path.open("wb") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "paayesh_docs", "serve", "--port", str(self.port),
                 *extra], cwd=office, stdout=out, stderr=err, env=env)
        self.wait_for(lambda: "http://" in self.out, "the server to listen")

    @property
    def out(self) -> str:
        return self.out_path.read_text("utf-8", errors="replace")

    @property
    def err(self) -> str:
        return self.err_path.read_text("utf-8", errors="replace")

    def wait_for(self, condition, what: str, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if self.process.poll() is not None:
                raise AssertionError(f"paayesh serve exited ({self.process.returncode}) "
                                     f"waiting for {what}: {self.out}\n{self.err}")
            if time.monotonic() > deadline:
                raise AssertionError(f"waited {timeout:.0f} s for {what}")
            time.sleep(0.05)

    def address(self) -> str:
        """The address the server says to open."""
        found = re.search(r"http://[\d.]+:\d+/", self.out)
        assert found, self.out
        return found.group(0)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(60)


def login(client, name: str, password: str | None = None):
    """Sign `client` (an httpx.Client on the server) in through the login form."""
    token = csrf_of(client.get("/login").text)
    return client.post("/login", data={"csrf_token": token, "name": name,
                                       "password": password or PASSWORDS[name], "next": "/"})


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def serving(office: Path) -> Iterator[Served]:
    """A module's server (a fixture's body): stopped at the end with exit 0, quietly."""
    server = Served(office)
    yield server
    assert server.stop() == 0, server.err
    assert "Traceback" not in server.err, server.err


@contextlib.contextmanager
def client(served: Served, name: str | None = None,
           timeout: float = 60) -> Iterator[httpx.Client]:
    """A browser's worth of cookies on the server, signed in as `name` when given."""
    with httpx.Client(base_url=served.url, follow_redirects=False, timeout=timeout) as session:
        if name:
            assert login(session, name).status_code == 303
        yield session
