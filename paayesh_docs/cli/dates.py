"""`paayesh date`: read a written Jalali date the way every stage reads it."""

from __future__ import annotations

import click

from paayesh_docs.cli.common import UserError, echo_json, read_argument

_WEEKDAYS = ("شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه")


@click.command("date")
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def date_command(text: str, as_json: bool) -> None:
    """Parse a Jalali date in any written form (۲۱ آبان ۱۴۰۵, 1405-8-21, ۸۷/۲/۱۶ ...)."""
    from paayesh_docs.persian.dates import (
        DateParseError,
        format_iso,
        format_jalali,
        parse_jalali,
        to_gregorian_iso,
    )

    written = read_argument(text)
    try:
        day = parse_jalali(written)
    except DateParseError as error:
        raise UserError(f"«{written.strip()}» تاریخ معتبری نیست.", str(error)) from None
    result = {
        "date": format_iso(day),
        "date_gregorian": to_gregorian_iso(day),
        "numeric": format_jalali(day, style="numeric"),
        "long": format_jalali(day, style="long"),
        "weekday": _WEEKDAYS[day.weekday()],
    }
    if as_json:
        echo_json(result)
        return
    click.echo(f"{_WEEKDAYS[day.weekday()]} {result['long']}  ({result['numeric']})")
    click.echo(f"data: {result['date']}   gregorian: {result['date_gregorian']}")
