"""`paayesh users …` and `paayesh audit`: the web application's accounts and audit log."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from paayesh_docs.cli.common import UserError, date_option, echo_json, settings_from

ROLES = ("clerk", "staff", "evaluator", "admin")
LEVELS = ("normal", "confidential", "highly_confidential", "secret", "top_secret")


def _users(ctx: click.Context) -> Any:
    from paayesh_docs.access.users import Users

    return Users(settings_from(ctx).registry)


def _password() -> str:
    """The password from standard input (one line; never an argument: `ps` shows those)."""
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise UserError("گذرواژه از ورودی استاندارد خوانده نشد.",
                        "No password on standard input.")
    return password


def _changed(action: Any) -> Any:
    from paayesh_docs.access.users import AccessError

    try:
        return action()
    except AccessError as error:
        raise UserError(error.fa, error.en) from None


@click.group("users")
def users_group() -> None:
    """Accounts of the web application. کاربران سامانه

    Roles: clerk (register, upload, edit, void), staff (compose), evaluator (search, read,
    reports), admin (users, audit). Clearance: the highest classification a user may see.
    """


@users_group.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--clearance", type=click.Choice(LEVELS), default="normal", show_default=True)
@click.option("--password-stdin", is_flag=True, required=True,
              help="Read the password from standard input.")
@click.pass_context
def users_add(ctx: click.Context, name: str, role: str, clearance: str,
              password_stdin: bool) -> None:
    """Add an account. افزودن کاربر"""
    users = _users(ctx)
    password = _password()
    user = _changed(lambda: users.add(name, role, clearance, password))
    _audit(ctx, "users", {"added": user.name, "role": role, "clearance": clearance})
    click.echo(f"کاربر «{user.name}» افزوده شد / user {user.name} added ({role}, {clearance})")


@users_group.command("passwd")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, required=True,
              help="Read the new password from standard input.")
@click.pass_context
def users_passwd(ctx: click.Context, name: str, password_stdin: bool) -> None:
    """Set an account's password (its sessions end). تغییر گذرواژه"""
    users = _users(ctx)
    password = _password()
    _changed(lambda: users.set_password(name, password))
    _audit(ctx, "users", {"password": name})
    click.echo(f"گذرواژه «{name}» تغییر کرد / password of {name} changed")


@users_group.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def users_list(ctx: click.Context, as_json: bool) -> None:
    """List the accounts. فهرست کاربران"""
    from paayesh_docs.access.users import ROLE_NAMES
    from paayesh_docs.registry.clearance import NAMES

    accounts = [user.public for user in _users(ctx).all().values()]
    if as_json:
        echo_json({"users": accounts})
        return
    for account in accounts:
        state = "غیرفعال / disabled" if account["disabled"] else "فعال / enabled"
        click.echo(f"{account['name']}\t{ROLE_NAMES[account['role']]} ({account['role']})\t"
                   f"{NAMES[account['clearance']]} ({account['clearance']})\t{state}")
    if not accounts:
        click.echo("هنوز کاربری نیست / no users yet (paayesh users add NAME --role admin "
                   "--password-stdin)")


@users_group.command("disable")
@click.argument("name")
@click.pass_context
def users_disable(ctx: click.Context, name: str) -> None:
    """Disable an account (its sessions and tokens stop working at once). غیرفعال کردن"""
    _changed(lambda: _users(ctx).disable(name))
    _audit(ctx, "users", {"disabled": name})
    click.echo(f"کاربر «{name}» غیرفعال شد / user {name} disabled")


@users_group.command("token")
@click.argument("name")
@click.pass_context
def users_token(ctx: click.Context, name: str) -> None:
    """Print a new API token for NAME (one line), for `Authorization: Bearer TOKEN`."""
    token = _changed(lambda: _users(ctx).new_token(name))
    _audit(ctx, "users", {"token": name})
    click.echo(token)


def _audit(ctx: click.Context, action: str, detail: Any) -> None:
    import getpass

    from paayesh_docs.access.audit import AuditLog

    AuditLog(settings_from(ctx).registry).log(f"cli:{getpass.getuser()}", action,
                                              detail=detail)


@click.command("audit")
@click.option("--since", help="Jalali date, any written form (e.g. 1405/09/01).")
@click.option("--user", "user_name", help="Only this user's entries.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def audit_command(ctx: click.Context, since: str | None, user_name: str | None,
                  as_json: bool) -> None:
    """The audit log: logins, views and downloads of classified records, edits, voids,
    uploads, composing. گزارش رویدادها"""
    from paayesh_docs.access.audit import ACTION_NAMES, AuditLog
    from paayesh_docs.persian.digits import to_persian_digits

    entries = AuditLog(settings_from(ctx).registry).read(date_option(since), user_name)
    for entry in entries:
        if as_json:
            echo_json(entry)
            continue
        record = f"پرونده {to_persian_digits(str(entry['record_id']))}" \
            if entry.get("record_id") is not None else ""
        detail = entry.get("detail")
        click.echo("\t".join(filter(None, (
            to_persian_digits(entry["date"].replace("-", "/")), entry["at"][11:19],
            str(entry.get("user") or "—"), ACTION_NAMES.get(entry["action"], entry["action"]),
            record, "" if detail is None else json.dumps(detail, ensure_ascii=False)))))
    if not as_json and not entries:
        click.echo("رویدادی نیست / no entries")
