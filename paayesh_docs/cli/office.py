"""`paayesh init`: make an office (folders and a commented paayesh.toml)."""

from __future__ import annotations

from pathlib import Path

import click

from paayesh_docs.config import init_office


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=".")
def init_command(directory: Path) -> None:
    """Make a new office in DIRECTORY: inbox/, outbox/, registry/, templates/, paayesh.toml.

    یک دفتر تازه می‌سازد. Existing files are never overwritten.
    """
    made = init_office(directory.resolve())
    for path in made:
        click.echo(f"ساخته شد / created: {path}")
    if not made:
        click.echo(f"دفتر از قبل آماده است / the office is already there: {directory.resolve()}")
