"""`paayesh compose letter|minutes|supervisor-report` and `paayesh templates list|check`.

A thin shell over `paayesh_docs.compose.api`: every problem with a data file or a
template is a `ComposeError`, shown in Persian and English with exit code 2 before
anything is numbered or written.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from paayesh_docs.cli.common import PaayeshGroup, UserError, echo_json, settings_from

_DATA = click.option("--data", "data_file", required=True,
                     type=click.Path(dir_okay=False, path_type=Path),
                     help="Data file: TOML, JSON or YAML.")
_PDF = click.option("--pdf", is_flag=True, help="Also write a PDF beside each DOCX.")
_DRAFT = click.option("--draft", is_flag=True,
                      help="No registry number, nothing registered (پیش‌نویس).")
_JSON = click.option("--json", "as_json", is_flag=True,
                     help='One JSON line per document: {"id", "registry_number", "docx", "pdf"}.')


class ComposeGroup(PaayeshGroup):
    """Shows a bad data file or template as a clerk's error, not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from paayesh_docs.compose.errors import ComposeError

        try:
            return super().invoke(ctx)
        except ComposeError as error:
            raise UserError(error.fa, error.en) from None


@click.group("compose", cls=ComposeGroup)
def compose_group() -> None:
    """Write letters, minutes and supervisor reports from templates into outbox/. تهیه نامه"""


def _run(ctx: click.Context, documents: list[Any], pdf: bool, draft: bool,
         as_json: bool) -> list[Any]:
    """Compose each document with a progress bar (on a terminal); print one line each."""
    from rich.console import Console
    from rich.progress import Progress

    from paayesh_docs.compose.api import composer
    from paayesh_docs.persian.digits import to_persian_digits

    settings = settings_from(ctx)
    console = Console(stderr=True, highlight=False)
    done = []
    with composer(settings, draft) as maker, \
            Progress(console=console, transient=True, disable=not console.is_terminal
                     or len(documents) < 2) as progress:
        for path in maker.restored:
            console.print(f"بازنویسی شد (از ثبت قبلی ناتمام) / restored from an interrupted "
                          f"compose: {path}", soft_wrap=True, markup=False)
        task = progress.add_task("نامه‌ها / letters", total=len(documents))
        for outcome in maker.compose_all(documents, pdf=pdf, draft=draft):
            done.append(outcome)
            progress.advance(task)
            if as_json:
                echo_json(outcome.as_json())
            else:
                number = to_persian_digits(outcome.registry_number or "پیش‌نویس")
                files = "  ".join(str(p) for p in (outcome.docx, outcome.pdf) if p)
                click.echo(f"{number}\t{files}\t{outcome.label}")
    return done


@compose_group.command("letter")
@_DATA
@click.option("--template", default="letter", show_default=True,
              help="Template name in templates/ (NAME.docx and NAME.html).")
@_PDF
@_DRAFT
@_JSON
@click.pass_context
def letter_command(ctx: click.Context, data_file: Path, template: str, pdf: bool, draft: bool,
                   as_json: bool) -> None:
    """An outgoing letter per recipient in the data file, numbered and registered."""
    from paayesh_docs.compose.api import letters_from

    _run(ctx, letters_from(settings_from(ctx), data_file, template), pdf, draft, as_json)


@compose_group.command("minutes")
@_DATA
@_PDF
@click.option("--send-to-tpo", is_flag=True,
              help="Also write and register the covering letter to TPO.")
@_DRAFT
@_JSON
@click.pass_context
def minutes_command(ctx: click.Context, data_file: Path, pdf: bool, send_to_tpo: bool,
                    draft: bool, as_json: bool) -> None:
    """Minutes of a meeting (صورتجلسه), registered; with --send-to-tpo, its covering letter."""
    from paayesh_docs.compose.api import covering_letter_for, minutes_from

    if draft and send_to_tpo:
        raise UserError("پیش‌نویس را نمی‌توان برای سازمان توسعه تجارت فرستاد.",
                        "A draft cannot be sent to TPO: drop --draft or --send-to-tpo.")
    settings = settings_from(ctx)
    minutes = minutes_from(settings, data_file)
    if send_to_tpo:
        covering_letter_for(settings, minutes, None)  # its problems stop us before numbering
    outcome = _run(ctx, [minutes], pdf, draft, as_json)[0]
    if send_to_tpo:
        _run(ctx, [covering_letter_for(settings, minutes, outcome)], pdf, False, as_json)


@compose_group.command("supervisor-report")
@click.option("--cluster", required=True, help="The cluster's name, as letters write it.")
@click.option("--quarter", required=True, help="Jalali year and quarter, e.g. 1405Q2.")
@_DATA
@_PDF
@_DRAFT
@_JSON
@click.pass_context
def report_command(ctx: click.Context, cluster: str, quarter: str, data_file: Path, pdf: bool,
                   draft: bool, as_json: bool) -> None:
    """The supervisor's quarterly report on a cluster, to the working-group secretariats."""
    from paayesh_docs.compose.api import report_from

    _run(ctx, [report_from(settings_from(ctx), data_file, cluster, quarter)], pdf, draft,
         as_json)


@compose_group.command("example")
@click.argument("kind", type=click.Choice(["letter", "minutes", "supervisor-report"]))
def example_command(kind: str) -> None:
    """Print a commented example data file (TOML) with every field. نمونه فایل داده

    \b
    paayesh compose example letter > letter.toml
    paayesh compose letter --data letter.toml"""
    from paayesh_docs.compose.api import example_data

    click.echo(example_data(kind.replace("-", "_")), nl=False)


@click.group("templates", cls=ComposeGroup)
def templates_group() -> None:
    """The templates compose uses, and the fields each needs. قالب‌ها"""


@templates_group.command("list")
@_JSON
@click.pass_context
def list_command(ctx: click.Context, as_json: bool) -> None:
    """Every template: the office's own (in templates/) or the packaged default."""
    from paayesh_docs.compose.templates import available

    for template in available(settings_from(ctx).templates):
        if as_json:
            echo_json(template)
        else:
            origin = "دفتر / office" if template["origin"] == "office" else "پیش‌فرض / default"
            click.echo(f"{template['name']}\t{template['format']}\t{origin}\t{template['path']}")


@templates_group.command("check")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@_JSON
def check_command(file: Path, as_json: bool) -> None:
    """The fields FILE (a DOCX template or HTML twin) needs, and the keys of its data file."""
    from paayesh_docs.compose.api import data_keys, kind_of, paayesh_fields
    from paayesh_docs.compose.templates import fields_of

    fields = fields_of(file)
    filled = paayesh_fields(file.stem)
    from_data = sorted(fields - filled)
    required, optional = data_keys(file.stem)
    optional = [key for key in optional if key not in from_data]
    needed = [*required, *from_data]
    kind = kind_of(file.stem).replace("_", "-")
    if as_json:
        echo_json({"file": str(file), "fields": sorted(fields),
                   "filled_by_paayesh": sorted(fields & filled), "from_data": from_data,
                   "data_keys": {"required": needed, "optional": optional}})
        return
    click.echo(f"قالب / template: {file}")
    _list("پر شده توسط paayesh / filled by paayesh", sorted(fields & filled))
    _list("از فایل داده / from the data file", from_data)
    _list("کلیدهای لازم فایل داده / data file keys required", needed)
    _list("کلیدهای اختیاری / optional keys", optional)
    click.echo(f"نمونه / example: paayesh compose example {kind}")


def _list(title: str, names: Iterable[str]) -> None:
    names = list(names)
    click.echo(f"{title}: {', '.join(names) if names else '—'}")
