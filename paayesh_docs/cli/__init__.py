"""`paayesh`: the command line, a thin shell over the library.

Each stage's commands live in a module of their own here and call the library;
heavy imports happen inside the command that needs them, so `paayesh --help`
stays fast.
"""

from __future__ import annotations

import sys

import click

from paayesh_docs import __version__
from paayesh_docs.cli.access import audit_command, users_group
from paayesh_docs.cli.common import PaayeshGroup
from paayesh_docs.cli.compose import compose_group, templates_group
from paayesh_docs.cli.dates import date_command
from paayesh_docs.cli.edit import edit_command, register_command, review_command, void_command
from paayesh_docs.cli.ingest import extract_command
from paayesh_docs.cli.office import init_command
from paayesh_docs.cli.registry import (
    check_command,
    ingest_command,
    reindex_command,
    search_command,
    show_command,
)
from paayesh_docs.cli.reports import report_group, resolution_group
from paayesh_docs.cli.serve import serve_command
from paayesh_docs.cli.text import text_group
from paayesh_docs.cli.tracking import (
    due_command,
    escalations_command,
    meetings_command,
    thread_command,
    tracking_group,
)
from paayesh_docs.cli.watch import watch_command


@click.group(cls=PaayeshGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--home",
    type=click.Path(file_okay=False),
    envvar="PAAYESH_HOME",
    help="The office folder (default: nearest folder upward with paayesh.toml, else here).",
)
@click.version_option(__version__, prog_name="paayesh")
@click.pass_context
def cli(ctx: click.Context, home: str | None) -> None:
    """paayesh-docs: register, search and track a Persian secretariat's correspondence.

    سامانه ثبت، جستجو و پیگیری مکاتبات دبیرخانه.
    """
    ctx.obj = {"home": home}


cli.add_command(init_command)
cli.add_command(text_group)
cli.add_command(date_command)
cli.add_command(extract_command)
cli.add_command(watch_command)
cli.add_command(serve_command)
cli.add_command(users_group)
cli.add_command(audit_command)
cli.add_command(compose_group)
cli.add_command(templates_group)
for command in (ingest_command, search_command, show_command, reindex_command, check_command):
    cli.add_command(command)
for command in (edit_command, void_command, register_command, review_command):
    cli.add_command(command)
for command in (escalations_command, due_command, meetings_command, thread_command,
                tracking_group):
    cli.add_command(command)
cli.add_command(report_group)
cli.add_command(resolution_group)


def main() -> None:
    """Console-script entry point."""
    sys.exit(cli.main(prog_name="paayesh", standalone_mode=True))
