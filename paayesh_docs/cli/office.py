"""`paayesh init`: make an office (folders and a commented paayesh.toml).

The one command that works on a folder that is not an office yet: it makes one, in
DIRECTORY, else in the folder `--home` (or `PAAYESH_HOME`) names, else here.
"""

from __future__ import annotations

from pathlib import Path

import click

from paayesh_docs.cli.common import UserError
from paayesh_docs.office import init_office


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), required=False)
@click.pass_context
def init_command(ctx: click.Context, directory: Path | None) -> None:
    """Make a new office in DIRECTORY (default: --home, else here): inbox/, outbox/,
    registry/, templates/, paayesh.toml.

    یک دفتر تازه می‌سازد. Existing files are never overwritten.
    """
    home = (ctx.find_root().obj or {}).get("home")
    folder = (directory or Path(home or ".")).expanduser().resolve()
    try:
        made = init_office(folder)
    except OSError as error:
        raise UserError(f"دفتر را نمی‌توان در «{folder}» ساخت ({error.strerror}).",
                        f"Cannot make an office in {folder}: {error}") from None
    for path in made:
        click.echo(f"ساخته شد / created: {path}")
    if not made:
        click.echo(f"دفتر از قبل آماده است / the office is already there: {folder}")
