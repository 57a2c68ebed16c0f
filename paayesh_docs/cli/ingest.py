"""`paayesh extract`: read files and print their fields, without registering anything."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from paayesh_docs.cli.common import echo_json


@click.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file, one per line.")
@click.option("--no-text", is_flag=True, help="Leave the full text out of the output.")
def extract_command(files: tuple[Path, ...], as_json: bool, no_text: bool) -> None:
    """Read FILES (DOCX, PDF, text, e-mail .eml) and print their fields. Nothing is registered.

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
    from paayesh_docs.cli.layout import KIND_FA, echo_rows, field_rows, plain

    click.echo(f"■ {plain(result['file'])}")
    if result["status"] != "ok":
        reason = result["reason"] or {}
        word = "رد شد / rejected" if result["status"] == "rejected" else "نادیده / ignored"
        click.echo(f"  {word}: {reason.get('fa', '')}\n  {reason.get('en', '')}")
        return
    echo_rows([("نوع", KIND_FA.get(result["kind"], result["kind"])), *field_rows(result)],
              indent="  ")
