"""What every command shares: finding the office, and errors a clerk can read.

No command ends in a traceback: known failures (a bad paayesh.toml, an unreadable
file, a date that is not a date) are printed as one line in Persian and English,
naming the file or value, with exit code 2.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from paayesh_docs.config import ConfigError, Settings, find_home, load_settings

# What happened to a file, as the clerk reads it (ingest and watch print these).
FILE_STATUS_FA = {"registered": "ثبت شد", "duplicate": "تکراری", "rejected": "رد شد",
                  "ignored": "نادیده", "waiting": "در انتظار", "stuck": "مانده"}


class UserError(click.ClickException):
    """A failure the user can fix, said in Persian and in English."""

    exit_code = 2

    def __init__(self, fa: str, en: str) -> None:
        super().__init__(f"{fa}\n{en}")

    def show(self, file: Any = None) -> None:
        click.echo(f"خطا: {self.message}", err=True)


class PaayeshGroup(click.Group):
    """Turns the library's known errors into UserError instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ConfigError as error:
            raise UserError("فایل تنظیمات paayesh.toml قابل استفاده نیست.", str(error)) from None
        except OSError as error:  # the registry's disk full or read-only: not a traceback
            from paayesh_docs.registry.api import STORAGE_ERRNOS, storage_fault

            if error.errno not in STORAGE_ERRNOS:
                raise
            fault = storage_fault(error)
            where = f" ({error.filename})" if error.filename else ""
            raise UserError(f"{fault['fa']} تغییری ثبت نشد{where}.",
                            f"{fault['en']} Nothing was changed{where}: {error.strerror}."
                            ) from None


def settings_from(ctx: click.Context) -> Settings:
    """The settings of the office this command runs on."""
    home = (ctx.find_root().obj or {}).get("home")
    return load_settings(find_home(explicit=home))


def read_argument(value: str) -> str:
    """A text argument, or standard input when it is `-`."""
    if value == "-":
        return sys.stdin.read()
    return value


def echo_json(data: Any) -> None:
    """One JSON document on one line, Persian kept readable (not \\u-escaped)."""
    click.echo(json.dumps(data, ensure_ascii=False))


def jalali_text(value: str | None) -> str:
    """A stored date (`1405-08-21`) as a clerk reads it: ۱۴۰۵/۰۸/۲۱, or — when there is none."""
    from paayesh_docs.persian.dates import format_jalali, parse_jalali

    return format_jalali(parse_jalali(value)) if value else "—"


def date_option(value: str | None) -> str | None:
    """A date option in any written form as `1405-08-21`; a clear error when it is no date."""
    if not value:
        return None
    from paayesh_docs.persian.dates import DateParseError, format_iso, parse_jalali

    try:
        return format_iso(parse_jalali(value))
    except DateParseError as error:
        raise UserError(f"«{value}» تاریخ معتبری نیست.", str(error)) from None
