"""What every command shares: finding the office, and errors a clerk can read.

No command ends in a traceback: known failures (a bad paayesh.toml, an unreadable
file, a date that is not a date, a folder that is not an office) are printed as one
line in Persian and one in English, naming the file or value, with exit code 2;
a command line paayesh cannot parse (an unknown option, a missing argument) too,
after its usage line. The exit codes are the same with and without `--json`:

- 0: done (a search with no hits is done);
- 1: done, and something needs attention (a file rejected, `check` found problems);
- 2: not done: the input, the command line or the office is wrong (a record not
  found, a date that is no date, a folder that is not an office).
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from paayesh_docs.config import ConfigError, NotAnOffice, Settings, load_settings, office_home

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


class BilingualUsageError(click.UsageError):
    """A command line paayesh cannot parse, said in Persian and in English: the usage
    line, what is wrong, and where the help is."""

    def __init__(self, fa: str, error: click.UsageError) -> None:
        super().__init__(error.format_message(), error.ctx)
        self.fa = fa

    def show(self, file: Any = None) -> None:
        if self.ctx is not None:
            click.echo(self.ctx.get_usage(), err=True)
        click.echo(f"خطا: {self.fa}\nError: {self.message}", err=True)
        if self.ctx is not None:
            command = self.ctx.command_path
            click.echo(f"راهنما / help: {command} --help", err=True)


def _quoted(value: object) -> str:
    return f"«{value}»"


def usage_error_fa(error: click.UsageError) -> str:
    """What click says of a bad command line, in Persian (click itself speaks English)."""
    message = error.format_message()
    hint = None
    param = getattr(error, "param", None)
    if getattr(error, "param_hint", None):
        hint = error.param_hint  # type: ignore[attr-defined]
        hint = " / ".join(hint) if not isinstance(hint, str) else hint
    elif param is not None:
        hint = param.get_error_hint(error.ctx) if error.ctx else param.name
    hint = hint.replace("'", "").replace('"', "") if hint else hint
    possibilities = getattr(error, "possibilities", None)
    maybe = f" شاید منظور {'، '.join(map(_quoted, possibilities))} است." if possibilities else ""
    if isinstance(error, click.exceptions.NoSuchOption):
        return f"گزینه {_quoted(error.option_name)} وجود ندارد.{maybe}"
    if getattr(error, "command_name", None) or message.startswith("No such command"):
        name = getattr(error, "command_name", None) or message.split(" ", 3)[-1].strip(".'\"")
        return f"دستور {_quoted(name)} وجود ندارد.{maybe}"
    if isinstance(error, click.MissingParameter):
        return f"{_quoted(hint or '؟')} داده نشده است."
    if isinstance(error, click.BadParameter):
        return f"مقدار داده‌شده برای {_quoted(hint or '؟')} پذیرفتنی نیست."
    if "requires an argument" in message:
        name = getattr(error, "option_name", None) or "?"
        return f"گزینه {_quoted(name)} مقدار می‌خواهد."
    if "unexpected extra argument" in message:
        return "ورودی اضافه‌ای داده شده است (شاید عبارتی که فاصله دارد بدون گیومه آمده است)."
    if message.startswith("Missing command"):
        return "دستور داده نشده است."
    return "دستور درست نوشته نشده است."


def bilingual(error: click.UsageError) -> click.UsageError:
    """`error` with its Persian twin; help printed for a bare command stays as it is."""
    if isinstance(error, BilingualUsageError | click.exceptions.NoArgsIsHelpError):
        return error
    return BilingualUsageError(usage_error_fa(error), error)


class PaayeshGroup(click.Group):
    """Turns the library's known errors into UserError instead of a traceback, and
    click's usage errors into Persian and English ones."""

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as error:
            raise bilingual(error) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ConfigError as error:
            raise UserError("فایل تنظیمات paayesh.toml قابل استفاده نیست.", str(error)) from None
        except click.UsageError as error:
            raise bilingual(error) from None
        except OSError as error:  # the registry's disk full or read-only: not a traceback
            from paayesh_docs.registry.api import STORAGE_ERRNOS, storage_fault

            if error.errno not in STORAGE_ERRNOS:
                raise
            fault = storage_fault(error)
            where = f" ({error.filename})" if error.filename else ""
            raise UserError(f"{fault['fa']} تغییری ثبت نشد{where}.",
                            f"{fault['en']} Nothing was changed{where}: {error.strerror}."
                            ) from None


def not_an_office(error: NotAnOffice) -> UserError:
    """The clerk's words for a command run outside any office."""
    folder = error.folder
    if not folder.exists():
        return UserError(f"پوشه «{folder}» وجود ندارد؛ دفتر را با --home بدهید یا با "
                         f"«paayesh init {folder}» بسازید.",
                         f"The folder {folder} does not exist: give the office with --home DIR, "
                         f"or make one with 'paayesh init {folder}'.")
    if error.searched_upward:
        return UserError(f"نه پوشه «{folder}» و نه پوشه‌های بالاتر آن دفتر paayesh نیستند "
                         "(فایل paayesh.toml ندارند)؛ دفتر را با --home بدهید یا با "
                         "«paayesh init» بسازید.",
                         f"Neither {folder} nor any folder above it is a paayesh office (none "
                         "holds a paayesh.toml): give the office with --home DIR, or make one "
                         "with 'paayesh init DIR'.")
    return UserError(f"پوشه «{folder}» دفتر paayesh نیست (فایل paayesh.toml در آن نیست)؛ "
                     f"برای ساختن دفتر: «paayesh init {folder}».",
                     f"{folder} is not a paayesh office (it holds no paayesh.toml); to make "
                     f"one there: 'paayesh init {folder}'.")


def settings_from(ctx: click.Context) -> Settings:
    """The settings of the office this command runs on; an error naming the folder when
    it is not an office, before anything is written there."""
    home = (ctx.find_root().obj or {}).get("home")
    try:
        return load_settings(office_home(explicit=home))
    except NotAnOffice as error:
        raise not_an_office(error) from None


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
