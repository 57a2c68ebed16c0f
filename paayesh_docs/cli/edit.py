"""`paayesh edit`, `void`, `register` and `show --history`: correcting the register by hand.

A thin shell over `Registry.revise` / `Registry.register_paper` and `registry.revisions`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from paayesh_docs.cli.common import FILE_STATUS_FA, UserError, echo_json, jalali_text, settings_from

_ACTION_FA = {"register": "ثبت", "edit": "اصلاح", "void": "ابطال"}


def _open(ctx: click.Context) -> Any:
    from paayesh_docs.registry import Registry

    return Registry(settings_from(ctx))


def _found(registry: Any, reference: str) -> dict[str, Any]:
    record = registry.find(reference)
    if record is None:
        raise UserError(f"پرونده‌ای با «{reference}» پیدا نشد.", f"No record matches {reference!r}.")
    return record


def _revise(ctx: click.Context, reference: str, make: Any) -> tuple[dict[str, Any], dict]:
    """Apply `make(record)` (the fields to write) to the record `reference` names; the
    revision made (None when nothing changed) and the record after it."""
    from paayesh_docs.registry.revisions import RevisionError

    with _open(ctx) as registry:
        record = _found(registry, reference)
        try:
            after = registry.revise(record["id"], make)
        except RevisionError as error:
            raise UserError(error.fa, error.en) from None
    assert after is not None
    before = len(record.get("revisions") or [])
    revisions = after.get("revisions") or []
    return after, (revisions[-1] if len(revisions) > before else None)


@click.command("edit")
@click.argument("reference")
@click.argument("assignments", nargs=-1, metavar="FIELD=VALUE...")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def edit_command(ctx: click.Context, reference: str, assignments: tuple[str, ...],
                 as_json: bool) -> None:
    """Correct fields of a record; every revision is kept. اصلاح پرونده

    Fields: number, date, subject, sender, recipients, copies, kind, priority,
    classification, attachments (or their Persian names). Lists are separated by
    «؛» or «;», a copy's purpose follows «:»; an empty value clears a field.
    """
    from paayesh_docs.registry.revisions import (
        RevisionError,
        current_user,
        edited,
        parse_assignments,
    )

    try:
        changes = parse_assignments(list(assignments))
    except RevisionError as error:
        raise UserError(error.fa, error.en) from None
    by = current_user()
    record, revision = _revise(ctx, reference, lambda current: edited(current, changes, by))
    _report(record, revision, as_json)


@click.command("void")
@click.argument("reference")
@click.option("--reason", required=True, help="Why the record is voided (kept with it).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def void_command(ctx: click.Context, reference: str, reason: str, as_json: bool) -> None:
    """Void (ابطال) a record: it keeps its number and drops out of tracking. ابطال پرونده"""
    from paayesh_docs.registry.revisions import current_user, voided

    by = current_user()
    record, revision = _revise(ctx, reference, lambda current: voided(current, reason, by))
    _report(record, revision, as_json)


def _report(record: dict[str, Any], revision: dict[str, Any] | None, as_json: bool) -> None:
    from paayesh_docs.persian.digits import to_persian_digits

    if as_json:
        echo_json({"id": record["id"], "registry_number": record["registry_number"],
                   "status": record.get("status"), "revision": revision})
        return
    number = to_persian_digits(record["registry_number"])
    if revision is None:
        click.echo(f"{number}: تغییری لازم نبود / nothing to change")
        return
    click.echo(f"{_ACTION_FA[revision['action']]} شد / {revision['action']}: {number}")
    for line in _revision_lines(revision):
        click.echo(line)


def _value_text(name: str, value: Any) -> str:
    if value in (None, "", []):
        return "—"
    if name == "date":
        return jalali_text(value)
    if name in ("copies", "references"):
        from paayesh_docs.registry.revisions import copies_text, references_text

        return (copies_text if name == "copies" else references_text)(value)
    if name == "status":
        from paayesh_docs.registry.revisions import STATUS_FA

        return STATUS_FA.get(value, value)
    if isinstance(value, list):
        return "؛ ".join(str(item) for item in value)
    return str(value)


def _revision_lines(revision: dict[str, Any]) -> list[str]:
    from paayesh_docs.registry.revisions import EDITABLE

    names = {**EDITABLE, "date_gregorian": "تاریخ میلادی", "status": "وضعیت"}
    lines = [f"  {names.get(name, name)}: {_value_text(name, change['old'])} ← "
             f"{_value_text(name, change['new'])}"
             for name, change in (revision.get("changes") or {}).items()
             if name != "date_gregorian"]
    if revision.get("reason"):
        lines.append(f"  دلیل / reason: {revision['reason']}")
    return lines


def _when(timestamp: str | None) -> str:
    """`2026-12-01T20:15:00+00:00` as ۱۴۰۵/۰۹/۱۰ ۲۰:۱۵."""
    import datetime

    from paayesh_docs.persian.dates import format_iso, from_gregorian
    from paayesh_docs.persian.digits import to_persian_digits

    if not timestamp:
        return "—"
    moment = datetime.datetime.fromisoformat(timestamp)
    day = jalali_text(format_iso(from_gregorian(moment.date())))
    return f"{day} {to_persian_digits(moment.strftime('%H:%M'))}"


def print_history(record: dict[str, Any], as_json: bool) -> None:
    """`show ID --history`: the registration and every revision after it, oldest first."""
    from paayesh_docs.persian.digits import to_persian_digits
    from paayesh_docs.registry.revisions import STATUS_FA

    revisions = record.get("revisions") or []
    if as_json:
        echo_json({"id": record["id"], "registry_number": record["registry_number"],
                   "status": record.get("status"), "registered_at": record.get("registered_at"),
                   "revisions": revisions})
        return
    status = record.get("status") or "registered"
    click.echo(f"سابقه پرونده {to_persian_digits(record['registry_number'])} "
               f"({STATUS_FA.get(status, status)}) / history")
    source = record.get("source") or {}
    how = "ثبت دستی (کاغذی)" if source.get("paper") else "ثبت"
    click.echo(f"{to_persian_digits('1')}. {how}: {_when(record.get('registered_at'))}"
               f"  {source.get('name') or ''}".rstrip())
    for position, revision in enumerate(revisions, 2):
        click.echo(f"{to_persian_digits(str(position))}. {_ACTION_FA[revision['action']]}: "
                   f"{_when(revision.get('at'))} — {revision.get('by') or '—'}")
        for line in _revision_lines(revision):
            click.echo(line)


@click.command("register")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--subject", required=True, help="موضوع")
@click.option("--sender", required=True, help="فرستنده")
@click.option("--date", "date_text", required=True, help="The letter's Jalali date, any form.")
@click.option("--number", help="The letter's own number (شماره نامه).")
@click.option("--direction", type=click.Choice(["incoming", "outgoing", "internal"]),
              default="incoming", show_default=True)
@click.option("--kind", type=click.Choice(["letter", "minutes", "report", "directive",
                                           "regulation", "news", "other"]),
              default="letter", show_default=True)
@click.option("--recipient", "recipients", multiple=True, help="گیرنده (repeat for more).")
@click.option("--copy", "copies", multiple=True, help="رونوشت, «to: purpose» (repeat).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def register_command(ctx: click.Context, file: Path | None, subject: str, sender: str,
                     date_text: str, number: str | None, direction: str, kind: str,
                     recipients: tuple[str, ...], copies: tuple[str, ...],
                     as_json: bool) -> None:
    """Register a paper letter (or one whose FILE cannot be read) by hand. ثبت دستی

    With FILE (a scan, say) the file is archived with the record; without, the record
    stands alone. It gets the next registry number.
    """
    from paayesh_docs.ingest.limits import DEFAULT_LIMITS
    from paayesh_docs.persian.digits import to_persian_digits
    from paayesh_docs.registry.edit_form import paper_fields
    from paayesh_docs.registry.revisions import RevisionError

    try:
        fields = paper_fields({"subject": subject, "sender": sender, "date": date_text,
                               "number": number or "", "kind": kind,
                               "recipients": "؛".join(recipients), "copies": "؛".join(copies)})
    except RevisionError as error:
        raise UserError(error.fa, error.en) from None
    if file is not None:
        if not file.is_file():
            raise UserError(f"فایل «{file}» پیدا نشد یا فایل معمولی نیست.",
                            f"{file} does not exist or is not a regular file.")
        if file.stat().st_size > DEFAULT_LIMITS.file_bytes:
            raise UserError(f"فایل «{file}» بیش از حد بزرگ است.", f"{file} is too large.")
    with _open(ctx) as registry:
        result = registry.register_paper(fields, direction, file)
    if as_json:
        echo_json(result.as_json())
        return
    reason = (result.reason or {}).get("fa", "")
    click.echo(f"{FILE_STATUS_FA[result.status]}\t{to_persian_digits(result.registry_number or '')}"
               f"\t{fields['subject'] or ''}\t{reason}".rstrip())


@click.command("review")
@click.argument("reference", required=False)
@click.argument("confirmed", nargs=-1, metavar="[FIELD]...")
@click.option("--ok", "ok", is_flag=True,
              help="With REFERENCE: its FIELDs (none: all) were checked and are right.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def review_command(ctx: click.Context, reference: str | None, confirmed: tuple[str, ...],
                   ok: bool, as_json: bool) -> None:
    """Scanned records with fields OCR read with little confidence. بازبینی خوانش اسکن

    Each listed field is an OCR guess a clerk should check against the scan: correct
    it with `paayesh edit ID field=value` (which marks it reviewed), or, when it is
    right, `paayesh review ID --ok field`.
    """
    from paayesh_docs.persian.digits import to_persian_digits
    from paayesh_docs.registry.edit_form import waiting_fields
    from paayesh_docs.registry.revisions import current_user, reviewed

    if reference is not None:
        if not ok:
            raise UserError("برای تأیید فیلدها «--ok» را بنویسید: paayesh review شماره‌ثبت --ok",
                            "Add --ok to confirm the fields: paayesh review ID --ok [FIELD]...")
        by = current_user()
        record, revision = _revise(ctx, reference,
                                   lambda current: reviewed(current, set(confirmed), by))
        _report(record, revision, as_json)
        return
    with _open(ctx) as registry:
        waiting = [record for record in registry.all()
                   if (record.get("ocr") or {}).get("review") and record.get("status") != "void"]
    if as_json:
        echo_json({"review": [{"id": r["id"], "registry_number": r["registry_number"],
                               "file": (r.get("source") or {}).get("name"),
                               "confidence": r["ocr"].get("confidence"),
                               "fields": r["ocr"]["review"]} for r in waiting]})
        return
    for record in waiting:
        number = to_persian_digits(record["registry_number"])
        name = (record.get("source") or {}).get("name") or "—"
        click.echo(f"{number}  {name}")
        for item in waiting_fields(record):
            shown = to_persian_digits(f"{item.get('confidence') or 0:g}").replace(".", "٫")
            click.echo(f"    {item['label']}: {to_persian_digits(item['value'])}  "
                       f"({item['why']}، اطمینان {shown}٪ / {item['field']}, "
                       f"confidence {item.get('confidence')})")
    count = to_persian_digits(str(len(waiting)))
    click.echo(f"{count} پرونده برای بازبینی / {len(waiting)} records to review")
