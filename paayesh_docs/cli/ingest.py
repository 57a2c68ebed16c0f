"""`paayesh extract`: read files and print their fields, without registering anything."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from paayesh_docs.cli.common import echo_json

_PRIORITY_FA = {"normal": "عادی", "urgent": "فوری", "very_urgent": "خیلی فوری", "immediate": "آنی"}
_CLASS_FA = {"normal": "عادی", "confidential": "محرمانه", "highly_confidential": "خیلی محرمانه",
             "secret": "سری", "top_secret": "بکلی سری"}
_KIND_FA = {"letter": "نامه", "minutes": "صورتجلسه", "report": "گزارش", "directive": "دستورالعمل",
            "regulation": "آیین‌نامه", "news": "خبر", "other": "سایر"}
_RELATION_FA = {"reply_to": "عطف به", "further_to": "پیرو"}


@click.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file, one per line.")
@click.option("--no-text", is_flag=True, help="Leave the full text out of the output.")
def extract_command(files: tuple[Path, ...], as_json: bool, no_text: bool) -> None:
    """Read FILES (DOCX, PDF, text) and print their fields. Nothing is registered.

    فیلدهای نامه (شماره، تاریخ، موضوع، فرستنده، گیرندگان، رونوشت‌ها، عطف و پیرو) را نشان می‌دهد.
    """
    from paayesh_docs.ingest import extract_file

    failures = 0
    for path in files:
        result = extract_file(path)
        failures += result["status"] == "rejected"
        if no_text:
            result.pop("text", None)
        if as_json:
            echo_json(result)
        else:
            _print_summary(result)
    if failures:
        raise SystemExit(1)


def _print_summary(result: dict[str, Any]) -> None:
    from paayesh_docs.persian.dates import format_jalali, parse_jalali

    click.echo(f"■ {result['file']}")
    if result["status"] != "ok":
        reason = result["reason"] or {}
        word = "رد شد / rejected" if result["status"] == "rejected" else "نادیده / ignored"
        click.echo(f"  {word}: {reason.get('fa', '')}\n  {reason.get('en', '')}")
        return
    date = format_jalali(parse_jalali(result["date"]), style="long") if result["date"] else "—"
    rows = [
        ("نوع", _KIND_FA.get(result["kind"], result["kind"])),
        ("شماره", result["number"] or "—"),
        ("تاریخ", date),
        ("موضوع", result["subject"] or "—"),
        ("فرستنده", result["sender"] or "—"),
        ("گیرنده", "، ".join(result["recipients"]) or "—"),
        ("پیوست", result["attachments"] or "—"),
        ("فوریت", _PRIORITY_FA.get(result["priority"] or "", "—")),
        ("طبقه‌بندی", _CLASS_FA.get(result["classification"] or "", "—")),
    ]
    for copy in result["copies"]:
        rows.append(("رونوشت", " ".join(filter(None, (copy["to"], copy["purpose"])))))
    for ref in result["references"]:
        ref_date = format_jalali(parse_jalali(ref["date"])) if ref["date"] else ""
        rows.append((_RELATION_FA[ref["relation"]],
                     " ".join(filter(None, (ref["number"], ref_date and f"مورخ {ref_date}")))))
    meeting = result.get("meeting")
    if meeting:
        rows.append(("جلسه", " ".join(filter(None, (meeting["number"], meeting["place"])))))
        rows.append(("حاضرین", "، ".join(meeting["attendees"]) or "—"))
        for item in meeting["resolutions"]:
            rows.append(("مصوبه", " — ".join(filter(None, (item["text"], item["owner"],
                                                          item["deadline"])))))
    for label, value in rows:
        click.echo(f"  {label}: {value}")
