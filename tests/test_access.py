"""Accounts and the audit log through the real `paayesh users …` and `paayesh audit`
commands, and the clearance rule they rest on."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from conftest import run_paayesh

from paayesh_docs.access.audit import AuditLog
from paayesh_docs.access.users import FREE_FAILURES, LoginRefused, Users
from paayesh_docs.registry.clearance import LEVELS, visible


@pytest.fixture
def office(tmp_path: Path) -> Path:
    result = run_paayesh("init", str(tmp_path / "office"))
    assert result.returncode == 0, result.stderr
    return tmp_path / "office"


def users(office: Path, *args: str, password: str | None = None):
    return run_paayesh("--home", str(office), "users", *args,
                       input=None if password is None else password + "\n")


def test_add_list_token_disable(office: Path) -> None:
    added = users(office, "add", "amina", "--role", "admin", "--clearance", "secret",
                  "--password-stdin", password="amina-pass-1405")
    assert added.returncode == 0 and "amina" in added.stdout
    listed = json.loads(users(office, "list", "--json").stdout)["users"]
    assert [(u["name"], u["role"], u["clearance"], u["disabled"]) for u in listed] == [
        ("amina", "admin", "secret", False)]
    stored = (office / "registry" / "access" / "users.json").read_text("utf-8")
    assert "amina-pass-1405" not in stored and "$argon2" in stored
    assert stat.S_IMODE((office / "registry" / "access" / "users.json").stat().st_mode) == 0o600
    token = users(office, "token", "amina")
    assert token.returncode == 0 and len(token.stdout.splitlines()) == 1
    assert token.stdout.strip() not in (office / "registry" / "access" / "users.json"
                                        ).read_text("utf-8")
    registry = Users(office / "registry")
    assert registry.by_token(token.stdout.strip()).name == "amina"
    assert users(office, "disable", "amina").returncode == 0
    assert Users(office / "registry").by_token(token.stdout.strip()) is None
    with pytest.raises(LoginRefused):
        Users(office / "registry").authenticate("amina", "amina-pass-1405")
    human = users(office, "list")
    assert "غیرفعال" in human.stdout and "مدیر سامانه" in human.stdout


@pytest.mark.parametrize("args, said", [
    (("add", "x1", "--role", "boss", "--password-stdin"), "boss"),
    (("add", "x2", "--role", "clerk", "--clearance", "ultra", "--password-stdin"), "ultra"),
    (("add", "bad name", "--role", "clerk", "--password-stdin"), "bad name"),
    (("passwd", "nobody", "--password-stdin"), "nobody"),
    (("disable", "nobody"), "nobody"),
    (("token", "nobody"), "nobody"),
])
def test_bad_requests_are_said_in_persian_and_english(office: Path, args, said) -> None:
    result = users(office, *args, password="long-enough-1")
    assert result.returncode == 2, result.stdout
    assert said in result.stderr and "Traceback" not in result.stderr


def test_short_or_missing_passwords_and_a_second_add(office: Path) -> None:
    short = users(office, "add", "reza", "--role", "clerk", "--password-stdin", password="short")
    assert short.returncode == 2 and "۸" in short.stderr and "8 characters" in short.stderr
    empty = users(office, "add", "reza", "--role", "clerk", "--password-stdin", password="")
    assert empty.returncode == 2 and "standard input" in empty.stderr
    assert users(office, "add", "reza", "--role", "clerk", "--password-stdin",
                 password="reza-pass-1405").returncode == 0
    again = users(office, "add", "reza", "--role", "staff", "--password-stdin",
                  password="reza-pass-1405")
    assert again.returncode == 2 and "exists" in again.stderr


def test_failed_logins_lock_the_account_for_a_while(office: Path) -> None:
    users(office, "add", "reza", "--role", "clerk", "--password-stdin", password="reza-pass-1405")
    accounts = Users(office / "registry")
    clock = 1_000_000.0
    for _ in range(FREE_FAILURES):
        with pytest.raises(LoginRefused) as refused:
            accounts.authenticate("reza", "wrong-guess", clock=clock)
        assert refused.value.retry_after is None
    with pytest.raises(LoginRefused) as refused:
        accounts.authenticate("reza", "wrong-guess", clock=clock)
    assert refused.value.retry_after == 30.0
    with pytest.raises(LoginRefused) as refused:  # the right password, while locked
        accounts.authenticate("reza", "reza-pass-1405", clock=clock + 29)
    assert refused.value.retry_after == pytest.approx(1.0)
    with pytest.raises(LoginRefused) as refused:  # wrong again after the lock: longer
        accounts.authenticate("reza", "wrong-guess", clock=clock + 31)
    assert refused.value.retry_after == 60.0
    assert accounts.authenticate("reza", "reza-pass-1405", clock=clock + 200).name == "reza"
    assert Users(office / "registry").get("reza").failures == 0


def test_the_audit_log_is_appended_and_read_back(office: Path) -> None:
    log = AuditLog(office / "registry")
    log.log("amina", "view", 12, {"api": True})
    log.log("reza", "download", 13)
    users(office, "add", "reza", "--role", "clerk", "--password-stdin", password="reza-pass-1405")
    every = run_paayesh("--home", str(office), "audit", "--json")
    entries = [json.loads(line) for line in every.stdout.splitlines()]
    assert [e["action"] for e in entries] == ["view", "download", "users"]
    only = run_paayesh("--home", str(office), "audit", "--user", "reza", "--json")
    assert [json.loads(line)["record_id"] for line in only.stdout.splitlines()] == [13]
    human = run_paayesh("--home", str(office), "audit", "--since", "۱ فروردین ۱۳۹۰")
    assert "مشاهده" in human.stdout and "پرونده ۱۲" in human.stdout
    later = run_paayesh("--home", str(office), "audit", "--since", "1499/01/01")
    assert later.returncode == 0 and "no entries" in later.stdout
    bad = run_paayesh("--home", str(office), "audit", "--since", "دیروز نه")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_clearance_order_and_visibility() -> None:
    assert LEVELS == ("normal", "confidential", "highly_confidential", "secret", "top_secret")
    assert visible({"classification": None}, "normal")
    assert visible({}, "normal")
    assert not visible({"classification": "confidential"}, "normal")
    assert visible({"classification": "secret"}, "top_secret")
    assert not visible({"classification": "top_secret"}, "secret")
    assert not visible(None, "top_secret")


def test_registry_search_counts_within_a_clearance(office: Path, tmp_path: Path) -> None:
    from paayesh_docs.config import load_settings
    from paayesh_docs.registry import Filters, Registry
    from paayesh_docs.registry.index import SCHEMA_VERSION

    files = []
    for n, mark in enumerate(("", "طبقه‌بندی: محرمانه\n", "طبقه‌بندی: سری\n", "")):
        path = tmp_path / f"{n}.txt"
        path.write_text(f"شماره: {n}/الف\nتاریخ: ۱۴۰۵/۰۸/{10 + n}\n{mark}موضوع: گزارش بازارچه "
                        f"{n}\nمتن گزارش بازارچه.\n", encoding="utf-8")
        files.append(str(path))
    assert run_paayesh("--home", str(office), "ingest", *files).returncode == 0
    with Registry(load_settings(office)) as registry:
        counts = {level: registry.search("بازارچه", Filters(clearance=level)).total
                  for level in LEVELS}
        assert counts == {"normal": 2, "confidential": 3, "highly_confidential": 3,
                          "secret": 4, "top_secret": 4}
        assert registry.search("بازارچه").total == 4  # the CLI's search: no clearance
        exactly = registry.search("", Filters(classification="confidential"))
        assert [hit["classification"] for hit in exactly.hits] == ["confidential"]
        newest = registry.search("بازارچه", sort="date", limit=2, offset=1)
        assert [hit["date"] for hit in newest.hits] == ["1405-08-12", "1405-08-11"]
        assert newest.total == 4
    state = office / "registry" / "index" / "state.json"
    old = json.loads(state.read_text("utf-8"))
    state.write_text(json.dumps({**old, "schema": SCHEMA_VERSION - 1}), encoding="utf-8")
    with Registry(load_settings(office)) as registry:  # an older index is rebuilt
        assert registry.search("بازارچه", Filters(clearance="normal")).total == 2
