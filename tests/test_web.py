"""The web application through a real `paayesh serve` on a free port, over HTTP (httpx):
sessions and tokens, the API contract, clearance everywhere, CSRF, inert letter text,
paths refused, brute force slowed, the audit log, and a clean stop on SIGTERM."""

from __future__ import annotations

import json
import re
import signal
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import run_paayesh
from web_office import (
    PASSWORDS,
    SECRET_WORD,
    Served,
    client,
    csrf_of,
    login,
    make_web_office,
    serving,
)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_web_office(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def served(office: Path) -> Iterator[Served]:
    yield from serving(office)


def records(office: Path) -> dict[str, dict]:
    """Every record by its file name, as `paayesh search --json` lists them."""
    result = run_paayesh("--home", str(office), "search", "", "--limit", "100", "--json")
    return {hit["file"]: hit for hit in json.loads(result.stdout)["hits"]}


def token_of(office: Path, name: str) -> str:
    result = run_paayesh("--home", str(office), "users", "token", name)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    return lines[0]


def every_route(office: Path) -> list[str]:
    """Every path of the application (other helpers' pages too), parameters as 1."""
    from paayesh_docs.config import load_settings
    from paayesh_docs.web.app import create_app

    app = create_app(load_settings(office))
    paths = sorted(app.state.paths - {None})
    return [re.sub(r"\{[^}]+\}", "1", path) for path in paths]


def test_healthz_needs_no_session(served: Served) -> None:
    answer = httpx.get(served.url + "/healthz")
    assert answer.status_code == 200 and answer.json() == {"status": "ok"}


def test_serve_says_the_address_to_open(served: Served) -> None:
    assert served.address() == served.url + "/"


def test_every_page_and_api_call_refused_without_a_session(served: Served,
                                                           office: Path) -> None:
    open_paths = {"/login", "/healthz"}
    checked = 0
    with client(served) as anonymous:
        for path in every_route(office):
            if path in open_paths:
                continue
            for method in ("GET", "POST"):
                answer = anonymous.request(method, path)
                if answer.status_code == 405:
                    continue
                checked += 1
                if path.startswith("/api/"):
                    assert answer.status_code == 401 or (method == "POST" and
                                                         answer.status_code == 403), \
                        (method, path, answer.status_code)
                elif method == "GET":
                    assert answer.status_code == 303, (path, answer.status_code)
                    assert answer.headers["location"].startswith("/login?next=")
                else:
                    assert answer.status_code in (303, 401, 403), (method, path)
        bad = anonymous.get("/api/search", headers={"Authorization": "Bearer not-a-token"})
        assert bad.status_code == 401
    assert checked >= 8


def test_security_headers(served: Served) -> None:
    answer = httpx.get(served.url + "/login")
    policy = answer.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert answer.headers["x-content-type-options"] == "nosniff"
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert '<html lang="fa" dir="rtl">' in answer.text
    # the application says its own time for each answer (browser tools, bench/web.py)
    assert re.fullmatch(r"app;dur=\d+\.\d", answer.headers["server-timing"])


def test_login_and_logout(served: Served) -> None:
    with client(served) as session:
        assert session.get("/").status_code == 303
        wrong = login(session, "eva", "not-her-password")
        assert wrong.status_code == 401 and "گذرواژه درست نیست" in wrong.text
        assert login(session, "eva").status_code == 303
        page = session.get("/")
        assert page.status_code == 200 and "eva" in page.text
        assert session.post("/logout", data={"csrf_token": csrf_of(page.text)}
                            ).status_code == 303
        assert session.get("/").status_code == 303


def test_post_without_its_csrf_token_is_refused(served: Served) -> None:
    with client(served, "eva") as session, client(served, "clerk") as other:
        assert session.post("/logout").status_code == 403
        foreign = csrf_of(other.get("/").text)  # another session's token
        assert session.post("/logout", data={"csrf_token": foreign}).status_code == 403
        assert session.get("/").status_code == 200  # still signed in
    with client(served) as fresh:
        refused = fresh.post("/login", data={"name": "eva", "password": PASSWORDS["eva"]})
        assert refused.status_code == 403


def test_api_search_is_the_cli_json_plus_classification(served: Served, office: Path) -> None:
    token = token_of(office, "admin")
    answer = httpx.get(served.url + "/api/search", params={"q": "بازارچه مرزی", "limit": 50},
                       headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200
    body = answer.json()
    cli = json.loads(run_paayesh("--home", str(office), "search", "بازارچه مرزی", "--limit",
                                 "50", "--json").stdout)
    assert body == cli
    assert set(body) == {"total", "hits"} and body["total"] == len(body["hits"]) >= 3
    for hit in body["hits"]:
        assert {"id", "registry_number", "number", "date", "subject", "sender", "snippet",
                "classification"} <= set(hit)


def test_api_record_is_show_json(served: Served, office: Path) -> None:
    token = token_of(office, "eva")
    letter = records(office)["1405-ص-000001.docx"]
    answer = httpx.get(f"{served.url}/api/records/{letter['id']}",
                       headers={"Authorization": f"Bearer {token}"})
    shown = run_paayesh("--home", str(office), "show", str(letter["id"]), "--json")
    assert answer.status_code == 200 and answer.json() == json.loads(shown.stdout)


def test_paging_and_date_sort(served: Served, office: Path) -> None:
    headers = {"Authorization": f"Bearer {token_of(office, 'admin')}"}
    whole = httpx.get(served.url + "/api/search", params={"sort": "date", "limit": 100},
                      headers=headers).json()
    dates = [hit["date"] for hit in whole["hits"]]
    assert dates == sorted(dates, reverse=True) and whole["total"] == len(dates) >= 5
    pieces = [httpx.get(served.url + "/api/search", headers=headers,
                        params={"sort": "date", "limit": 2, "offset": offset}).json()
              for offset in range(0, whole["total"], 2)]
    assert all(piece["total"] == whole["total"] for piece in pieces)
    assert [hit["id"] for piece in pieces for hit in piece["hits"]] == \
        [hit["id"] for hit in whole["hits"]]
    oldest = httpx.get(served.url + "/api/search", params={"sort": "oldest", "limit": 100},
                       headers=headers).json()
    assert [hit["date"] for hit in oldest["hits"]] == sorted(dates)
    bad = httpx.get(served.url + "/api/search", params={"since": "not a date"}, headers=headers)
    assert bad.status_code == 422 and "تاریخ" in bad.json()["detail"]
    ranged = httpx.get(served.url + "/api/search", headers=headers,
                       params={"since": "۲۰ آبان ۱۴۰۵", "until": "1405/08/30"}).json()
    assert ranged["total"] >= 1
    assert all("1405-08-20" <= hit["date"] <= "1405-08-30" for hit in ranged["hits"])


def test_a_confidential_record_is_invisible_to_a_normal_evaluator(served: Served,
                                                                  office: Path) -> None:
    secret = records(office)["secret.txt"]
    original = records(office)["original.txt"]
    assert secret["classification"] == "confidential"
    eva = {"Authorization": f"Bearer {token_of(office, 'eva')}"}
    admin = {"Authorization": f"Bearer {token_of(office, 'admin')}"}
    # search: hits, totals, snippets, the classification filter
    assert httpx.get(served.url + "/api/search", params={"q": SECRET_WORD},
                     headers=eva).json() == {"total": 0, "hits": []}
    assert httpx.get(served.url + "/api/search", params={"q": SECRET_WORD},
                     headers=admin).json()["total"] == 1
    every = httpx.get(served.url + "/api/search", params={"limit": 100}, headers=eva).json()
    seen = httpx.get(served.url + "/api/search", params={"limit": 100}, headers=admin).json()
    assert every["total"] == seen["total"] - 1
    assert secret["id"] not in {hit["id"] for hit in every["hits"]}
    assert httpx.get(served.url + "/api/search", params={"classification": "confidential"},
                     headers=eva).json()["total"] == 0
    missing = httpx.get(f"{served.url}/api/records/99999", headers=eva)
    for path in (f"/api/records/{secret['id']}", f"/api/records/{secret['id']}/original"):
        answer = httpx.get(served.url + path, headers=eva)
        assert answer.status_code == 404 and answer.json() == missing.json()
    assert httpx.get(f"{served.url}/api/records/{secret['id']}", headers=admin
                     ).status_code == 200
    with client(served, "eva") as session:
        for path in ("/?q=" + SECRET_WORD, "/?q=", "/?q=&classification=confidential"):
            page = session.get(path)
            assert page.status_code == 200
            assert "قاچاق" not in page.text and "میرجاوه" not in page.text  # its subject
        assert "نتیجه‌ای پیدا نشد" in session.get("/?q=" + SECRET_WORD).text
        for path in (f"/records/{secret['id']}", f"/records/{secret['id']}/original",
                     f"/records/{secret['id']}/files/0", f"/records/{secret['id']}/pages/1.png"):
            assert session.get(path).status_code == 404, path
        thread = session.get(f"/records/{original['id']}")  # the secret letter cites it
        assert thread.status_code == 200 and "میرجاوه" not in thread.text
    with client(served, "secretary") as session:  # cleared for confidential
        assert "میرجاوه" in session.get(f"/records/{original['id']}").text
        assert SECRET_WORD in session.get(f"/records/{secret['id']}").text
        assert session.get(f"/records/{secret['id']}/original").status_code == 200
    audit = run_paayesh("--home", str(office), "audit", "--user", "secretary", "--json")
    entries = [json.loads(line) for line in audit.stdout.splitlines()]
    assert {(e["action"], e["record_id"]) for e in entries} >= {
        ("login", None), ("view", secret["id"]), ("download", secret["id"])}


def test_letter_text_with_markup_is_rendered_inert(served: Served, office: Path) -> None:
    letter = records(office)["xss.txt"]
    with client(served, "eva") as session:
        for path in ("/?q=تعرفه", f"/records/{letter['id']}", "/?q=تعرفه&partial=1"):
            page = session.get(path)
            assert page.status_code == 200
            assert '<script>alert("xss")' not in page.text
            assert "&lt;script&gt;" in page.text
            assert "<img src=x" not in page.text
            # the page's tokens and hashes (CSRF, SHA-256 in links) may hold any digits,
            # and so may a time of day (registered at ۰۴:۴۹): a «49» that `{{ 7*7 }}`
            # would make stands alone, so long runs and times are left out
            words = re.sub(r"[0-9A-Za-z_.\-]{16,}|[0-9۰-۹]{1,2}:[0-9۰-۹]{2}", "", page.text)
            assert "49" not in words and "۴۹" not in words
            assert "{{ ۷*۷ }}" in page.text or "{{ 7*7 }}" in page.text


def test_downloads_by_record_id_only(served: Served, office: Path) -> None:
    letter = records(office)["1405-ص-000001.docx"]
    with client(served, "eva") as session:
        original = session.get(f"/records/{letter['id']}/original")
        assert original.status_code == 200 and original.content[:2] == b"PK"
        assert original.headers["content-disposition"].startswith("attachment;")
        picture = session.get(f"/records/{letter['id']}/pages/1.png")
        assert picture.status_code == 200 and picture.content[:8] == b"\x89PNG\r\n\x1a\n"
        assert session.get(f"/records/{letter['id']}/pages/99.png").status_code == 404
        for path in (f"/records/{letter['id']}/files/..%2F..%2Fpaayesh.toml",
                     f"/records/{letter['id']}/files/%2Fetc%2Fpasswd",
                     "/records/..%2F..%2Fetc%2Fpasswd/original",
                     "/records/%2Fetc%2Fpasswd",
                     "/static/..%2F..%2F..%2Fpaayesh.toml",
                     "/static/fonts/..%2F..%2Fweb%2Fdeps.py",
                     f"/records/{letter['id']}/files/-1"):
            answer = session.get(path)
            assert answer.status_code in (404, 422), (path, answer.status_code)
            assert b"root:" not in answer.content and b"[folders]" not in answer.content
    for raw in ("/static/../../paayesh.toml", "/static/%2e%2e/%2e%2e/paayesh.toml",
                "//etc/passwd", "/records/1/files/../../../../etc/passwd"):
        status, body = raw_get(served.port, raw)
        assert status in (400, 404, 303, 422), (raw, status)
        assert b"root:" not in body and b"[folders]" not in body


def raw_get(port: int, path: str) -> tuple[int, bytes]:
    """A request line sent as it is (an HTTP client would tidy `../` away)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                     .encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return int(data.split(b" ", 2)[1]), data


def test_a_login_brute_force_is_slowed(served: Served, office: Path) -> None:
    result = run_paayesh("--home", str(office), "users", "add", "victim", "--role", "evaluator",
                         "--password-stdin", input="victim-pass-1405\n")
    assert result.returncode == 0, result.stderr
    with client(served) as attacker:
        answers = [login(attacker, "victim", f"guess-{n}").status_code for n in range(8)]
        assert answers[:5] == [401] * 5 and set(answers[5:]) == {429}
        locked = login(attacker, "victim", "victim-pass-1405")  # the right one, too late
        assert locked.status_code == 429 and int(locked.headers["retry-after"]) >= 1
        assert "قفل" in locked.text
    audit = run_paayesh("--home", str(office), "audit", "--user", "victim", "--json")
    assert sum('"login_failed"' in line for line in audit.stdout.splitlines()) >= 8


def test_a_disabled_account_and_a_changed_password_end_sessions(served: Served,
                                                                office: Path) -> None:
    run_paayesh("--home", str(office), "users", "add", "leaver", "--role", "evaluator",
                "--password-stdin", input="leaver-pass-1405\n")
    token = token_of(office, "leaver")
    with client(served) as session:
        assert login(session, "leaver", "leaver-pass-1405").status_code == 303
        assert session.get("/").status_code == 200
        run_paayesh("--home", str(office), "users", "passwd", "leaver", "--password-stdin",
                    input="leaver-pass-1406\n")
        assert session.get("/").status_code == 303
        assert login(session, "leaver", "leaver-pass-1406").status_code == 303
        assert httpx.get(served.url + "/api/search", headers={
            "Authorization": f"Bearer {token}"}).status_code == 200
        run_paayesh("--home", str(office), "users", "disable", "leaver")
        assert session.get("/").status_code == 303
        assert httpx.get(served.url + "/api/search", headers={
            "Authorization": f"Bearer {token}"}).status_code == 401
        assert login(session, "leaver", "leaver-pass-1406").status_code == 401


def test_the_search_page(served: Served) -> None:
    with client(served, "eva") as session:
        page = session.get("/", params={"q": "صورتجلسه كميته"})
        assert page.status_code == 200
        assert "<mark>" in page.text and "ارسال صورت‌جلسه" in page.text
        assert "۱ نتیجه" in page.text
        bad = session.get("/", params={"since": "فردا"})
        assert bad.status_code == 200 and "تاریخ معتبری نیست" in bad.text
        assert session.get("/", params={"kind": "nonsense"}).status_code == 422
        assert 'src="/static/search.js"' in page.text
        assert session.get("/static/search.js").status_code == 200
        font = session.get("/static/fonts/Vazirmatn-Regular.ttf")
        assert font.status_code == 200 and len(font.content) > 10_000


def test_serve_stops_on_sigterm_with_the_file_in_hand_registered(office: Path,
                                                                 served: Served) -> None:
    second = Served(office, "--no-watch")  # a second server beside the first is fine
    assert second.stop() == 0
    served.stop()  # the module's server holds the watcher: stopped here, restarted below
    server = Served(office)
    try:
        letter = office / "inbox" / "late.txt"
        letter.write_text("شماره: ۷۷/ن\nتاریخ: ۱۴۰۵/۰۹/۰۱\nموضوع: نامه دیرهنگام\nمتن.\n",
                          encoding="utf-8")
        working = office / "inbox" / "_working"
        server.wait_for(lambda: not letter.exists() or any(working.rglob("late.txt")),
                        "the watcher to take the file")
    finally:
        assert server.stop() == 0, server.err
    assert "Traceback" not in server.err
    assert not letter.exists()
    interrupted = Served(office)  # Ctrl+C stops it the same way
    if "registered 1" not in server.out:
        # stopped while the file waited out its delay: the watcher said so, and its next
        # start registers it (nothing lost, nothing read half)
        assert "در شروع بعدی خوانده می‌شود" in server.out, server.out
        interrupted.wait_for(lambda: "late.txt" in records(office), "the next start to read it")
    assert "late.txt" in records(office)
    assert not any(working.rglob("late.txt"))
    interrupted.process.send_signal(signal.SIGINT)
    assert interrupted.process.wait(60) == 0, interrupted.err
    assert "Traceback" not in interrupted.err
    served.__init__(office)  # the module's server again, for whatever runs after


def _watchers_of(office: Path) -> list[int]:
    """Processes running `paayesh watch` on this office (serve's child)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            words = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"watch" in words and str(office).encode() in words:
            found.append(int(entry.name))
    return found


def test_a_killed_server_leaves_no_watcher_holding_the_inbox(office: Path,
                                                             served: Served) -> None:
    served.stop()  # the module's server holds the watcher: stopped here, restarted below
    doomed = Served(office)
    doomed.wait_for(lambda: _watchers_of(office), "serve's watcher to start")
    doomed.process.send_signal(signal.SIGKILL)  # a power cut, an impatient administrator
    doomed.process.wait(60)
    deadline = time.monotonic() + 60
    while _watchers_of(office) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _watchers_of(office), "the watcher outlived its server"
    again = Served(office)  # not refused: no orphan holds the watcher's lock
    again.wait_for(lambda: "watching" in again.out, "the new server's watcher")
    assert again.stop() == 0, again.err
    served.__init__(office)  # the module's server again, for whatever runs after


def _stat_of(pid: int) -> dict[str, int]:
    """A process's session, process group and niceness (`/proc/PID/stat`)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return {"pgrp": int(fields[2]), "session": int(fields[3]), "nice": int(fields[16])}


def _nice_of_threads(pid: int) -> set[int]:
    return {int((task / "stat").read_text().rsplit(")", 1)[1].split()[16])
            for task in Path(f"/proc/{pid}/task").iterdir()}


def test_serve_gives_the_watcher_priority_over_the_pages(office: Path,
                                                         served: Served) -> None:
    """The watcher registers first when the cores are busy: the pages run nicer, in the
    same session (Linux weighs one session's processes against each other only), and
    the watcher in a process group of its own (the terminal's Ctrl+C reaches it from
    the server only, as one SIGTERM)."""
    served.wait_for(lambda: _watchers_of(office), "serve's watcher to start")
    server, watcher = _stat_of(served.process.pid), _stat_of(_watchers_of(office)[0])
    assert watcher["session"] == server["session"]
    assert watcher["pgrp"] != server["pgrp"]
    assert server["nice"] == min(19, watcher["nice"] + 10)
    assert _nice_of_threads(served.process.pid) == {server["nice"]}  # every thread
    same = Served(office, "--no-watch")  # no watcher: nothing to yield to
    try:
        assert _stat_of(same.process.pid)["nice"] == watcher["nice"]
    finally:
        assert same.stop() == 0


def test_a_page_asked_for_with_a_token_makes_no_session(office: Path,
                                                        served: Served) -> None:
    """A Bearer call carries no cookie and needs no CSRF token: its page sets no session
    cookie, and the empty token in its forms is refused from a browser."""
    token = token_of(office, "eva")
    with httpx.Client(base_url=served.url,
                      headers={"Authorization": f"Bearer {token}"}) as bearer:
        page = bearer.get("/", params={"q": "پایش"})
        assert page.status_code == 200
        assert "set-cookie" not in page.headers
        assert 'name="csrf_token" value=""' in page.text
    with client(served, "eva") as browser:
        refused = browser.post("/logout", data={"csrf_token": ""})
        assert refused.status_code == 403


def _address_off_loopback() -> str | None:
    """One of this machine's addresses that is not 127.x (none on a machine offline)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))  # no packet is sent: a route is chosen
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def test_a_fresh_office_makes_its_first_administrator_on_the_page(
        tmp_path: Path) -> None:
    # the quick start ends in `paayesh serve` on an office with no accounts: the page
    # it opens on makes the administrator, once, and only in a browser on that machine
    office = tmp_path / "fresh"
    assert run_paayesh("init", str(office)).returncode == 0
    served = Served(office, "--no-watch", "--host", "0.0.0.0")
    try:
        assert "no users yet: open the address below" in served.out
        with client(served) as browser:
            assert browser.get("/").headers["location"].startswith("/login")
            page = browser.get("/login").text
            assert "ساخت حساب مدیر" in page and 'name="password"' in page
            form = {"name": "amina", "password": "گذرواژه‌ی-نخست-1405", "again": "دیگری"}
            assert browser.post("/setup", data=form).status_code == 403  # no CSRF token
            form["csrf_token"] = csrf_of(page)
            refused = browser.post("/setup", data=form)
            assert refused.status_code == 422 and "دو گذرواژه یکی نیستند" in refused.text
            form["again"] = form["password"]
            made = browser.post("/setup", data=form)
            assert made.status_code == 303 and made.headers["location"] == "/users"
            assert browser.get("/users").status_code == 200  # signed in as the admin
        listed = json.loads(run_paayesh("--home", str(office), "users", "list",
                                        "--json").stdout)
        names = [user["name"] for user in listed["users"]]
        assert names == ["amina"], listed
        with client(served) as other:  # a second browser: the page is a login page now
            page = other.get("/login").text
            assert "ساخت حساب مدیر" not in page and "ورود به سامانه" in page
            late = other.post("/setup", data={**form, "name": "mallory",
                                              "csrf_token": csrf_of(page)})
            assert late.status_code == 303 and late.headers["location"] == "/login"
            assert login(other, "amina", form["password"]).status_code == 303
        audit = run_paayesh("--home", str(office), "audit", "--json")
        assert "first_admin" in audit.stdout, audit.stdout
        assert [user["name"] for user in json.loads(run_paayesh(
            "--home", str(office), "users", "list", "--json").stdout)["users"]] == ["amina"]
    finally:
        assert served.stop() == 0, served.err
    address = _address_off_loopback()
    if address is None:
        return
    other_office = tmp_path / "fresh-lan"
    assert run_paayesh("init", str(other_office)).returncode == 0
    lan = Served(other_office, "--no-watch", "--host", "0.0.0.0")
    try:
        with httpx.Client(base_url=f"http://{address}:{lan.port}", timeout=60) as remote, \
                client(lan) as local:
            page = remote.get("/login").text
            assert "ساخت حساب مدیر" not in page and "paayesh users add" in page
            # a valid session and token (taken on this machine) do not make it from afar
            token = csrf_of(local.get("/login").text)
            remote.cookies.set("paayesh_session", local.cookies["paayesh_session"])
            taken = remote.post("/setup", data={"name": "mallory", "password": "x" * 12,
                                                "again": "x" * 12, "csrf_token": token})
            assert taken.status_code == 403 and "خود کارساز" in taken.text
        assert json.loads(run_paayesh("--home", str(other_office), "users", "list",
                                      "--json").stdout)["users"] == []
    finally:
        assert lan.stop() == 0, lan.err


def test_a_clerk_marks_a_resolution_done_on_the_tracking_page(tmp_path: Path) -> None:
    office = tmp_path / "committee"
    assert run_paayesh("init", str(office)).returncode == 0
    example = Path(__file__).resolve().parents[1] / "paayesh_docs" / "compose" / "examples"
    made = run_paayesh("--home", str(office), "compose", "minutes", "--data",
                       str(example / "minutes.toml"))
    assert made.returncode == 0, made.stdout + made.stderr
    for name, role in (("clerk", "clerk"), ("eva", "evaluator")):
        added = run_paayesh("--home", str(office), "users", "add", name, "--role", role,
                            "--clearance", "top_secret", "--password-stdin",
                            input="گذرواژه-آزمون-۱۴۰۵\n")
        assert added.returncode == 0, added.stderr

    def owed(on: str) -> list[int]:
        due = json.loads(run_paayesh("--home", str(office), "due", "--on", on,
                                     "--json").stdout)["due"]
        return sorted(row["item"] for row in due if row["kind"] == "resolution")

    def done_in_report(reader: httpx.Client) -> str:
        page = reader.get("/reports", params={"period": "1405", "on": "1405/09/10"}).text
        return re.findall(r'>جمع</td><td[^>]*>([^<]+)</td>', page)[-1]

    assert owed("1405-09-10") == [1, 2]
    served = Served(office, "--no-watch")
    try:
        with client(served) as clerk:
            assert login(clerk, "clerk", "گذرواژه-آزمون-۱۴۰۵").status_code == 303
            page = clerk.get("/tracking", params={"on": "۱۴۰۵/۰۹/۱۰"}).text
            forms = re.findall(r'<form method="post" action="/tracking/resolution".*?</form>',
                               page, re.S)
            assert len(forms) == 2
            by_item = {fields["item"]: fields for fields in (
                dict(re.findall(r'name="(\w+)" value="([^"]*)"', form)) for form in forms)}
            fields = by_item["2"]  # the sooner one, listed first
            assert fields["day"] == "1405-09-10" and list(by_item) == ["2", "1"]
            assert done_in_report(clerk) == "۰"  # the report's figures, kept from here on
            assert clerk.post("/tracking/resolution", data={
                k: v for k, v in fields.items() if k != "csrf_token"}).status_code == 403
            done = clerk.post("/tracking/resolution", data=fields)
            assert done.status_code == 303 and done.headers["location"].startswith("/tracking")
            wrong = clerk.post("/tracking/resolution", data={**fields, "item": "9"})
            assert wrong.status_code == 404
            assert done_in_report(clerk) == "۱"  # a mark is news to the figures kept
            again = clerk.get("/tracking", params={"on": "۱۴۰۵/۰۹/۱۰"}).text  # and the page's
            assert again.count('action="/tracking/resolution"') == 1
        assert owed("1405-09-10") == [1]  # `due` and the report agree at once
        listed = json.loads(run_paayesh("--home", str(office), "resolution", "list", "--on",
                                        "1405-09-10", "--json").stdout)["resolutions"]
        assert [(r["item"], r["status"], r["done_by"]) for r in listed] == [
            (1, "open", None), (2, "done", "marked")]
        with client(served) as evaluator:
            assert login(evaluator, "eva", "گذرواژه-آزمون-۱۴۰۵").status_code == 303
            page = evaluator.get("/tracking", params={"on": "۱۴۰۵/۰۹/۱۰"}).text
            assert "/tracking/resolution" not in page  # reads, marks nothing
            refused = evaluator.post("/tracking/resolution",
                                     data={**fields, "item": "1", "csrf_token": csrf_of(page)})
            assert refused.status_code == 403
        assert owed("1405-09-10") == [1]
        audit = run_paayesh("--home", str(office), "audit", "--json")
        assert "resolution_done" in audit.stdout, audit.stdout
    finally:
        assert served.stop() == 0, served.err
        assert "Traceback" not in served.err, served.err


def test_a_long_list_on_the_reports_page_is_cut_and_the_xlsx_holds_it_all(
        tmp_path: Path) -> None:
    """A year's lists can run to thousands of rows (a statistics filing a unit a month):
    the page shows the first ones and says where the rest are; the XLSX has every row."""
    import io

    from openpyxl import load_workbook

    from paayesh_docs.config import load_settings
    from paayesh_docs.registry import Registry
    from paayesh_docs.web.routes.reports import PAGE_LIST_ROWS

    office = tmp_path / "office"
    assert run_paayesh("init", str(office)).returncode == 0
    filings = PAGE_LIST_ROWS + 5
    with Registry(load_settings(office)) as registry:
        for unit in range(1, filings + 1):
            registry.register_paper({
                "subject": f"آمار ماهانه صادرات واحد {unit} مهر ماه ۱۴۰۵",
                "sender": f"واحد صنعتی شماره {unit}", "date": "1405-08-03",
                "kind": "letter"}, "incoming")
    added = run_paayesh("--home", str(office), "users", "add", "eva", "--role", "evaluator",
                        "--clearance", "normal", "--password-stdin",
                        input="گذرواژه-آزمون-۱۴۰۵\n")
    assert added.returncode == 0, added.stderr
    served = Served(office, "--no-watch")
    try:
        with client(served) as evaluator:
            assert login(evaluator, "eva", "گذرواژه-آزمون-۱۴۰۵").status_code == 303
            query = {"period": "1405", "on": "1405/09/10"}
            page = evaluator.get("/reports", params=query).text
            section = page[page.index('id="table-statistics_list"'):]
            section = section[:section.index("</section>")]
            assert section.count("<tr>") == PAGE_LIST_ROWS + 1  # the head and the first rows
            from paayesh_docs.persian.digits import to_latin_digits

            count = int(to_latin_digits(re.search(r"\(([۰-۹]+) ردیف\)", section).group(1)))
            assert count >= filings and "XLSX" in section and "ردیف نخست از" in section
            workbook = load_workbook(io.BytesIO(evaluator.get(
                "/reports/report.xlsx", params=query).content), read_only=True)
            sheet = next(s for s in workbook.worksheets
                         if s.title.startswith("فهرست آمار"))
            assert sum(1 for _ in sheet.iter_rows()) >= filings + 1
    finally:
        assert served.stop() == 0, served.err


def test_the_tracker_is_opened_as_the_server_starts(tmp_path: Path) -> None:
    """The first tracking or record page no longer waits for the Tracker to open."""
    from starlette.testclient import TestClient

    from paayesh_docs.config import load_settings
    from paayesh_docs.web.app import create_app

    office = tmp_path / "committee"
    assert run_paayesh("init", str(office)).returncode == 0
    app = create_app(load_settings(office))
    with TestClient(app) as browser:
        assert app.state.warmed.wait(60)
        assert app.state.office._tracker is not None
        assert browser.get("/healthz").status_code == 200
    with pytest.raises(RuntimeError):  # closed with the server: nothing opens it again
        app.state.office.tracker()
