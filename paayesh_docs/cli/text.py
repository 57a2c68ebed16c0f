"""`paayesh text`: see what normalisation and search make of a text.

For the clerk who asks "why does my search not find this?": `terms` shows the
tokens the index stores, and `compare` says whether two spellings meet.
"""

from __future__ import annotations

import click

from paayesh_docs.cli.common import echo_json, read_argument

_DIGIT_CHOICES = click.Choice(["fa", "latin", "keep"])


@click.group("text")
def text_group() -> None:
    """Persian normalisation and search terms (متن فارسی)."""


@text_group.command("normalize")
@click.argument("text")
@click.option("--digits", type=_DIGIT_CHOICES, default="fa", show_default=True,
              help="Canonical digit script.")
def normalize_command(text: str, digits: str) -> None:
    """Print TEXT cleaned for storage and display (- reads standard input)."""
    from paayesh_docs.persian.text import normalize

    click.echo(normalize(read_argument(text), digits=None if digits == "keep" else digits))


@text_group.command("terms")
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def terms_command(text: str, as_json: bool) -> None:
    """Print the search terms of TEXT, as the index stores them (- reads standard input)."""
    from paayesh_docs.persian.text import search_terms

    terms = search_terms(read_argument(text))
    if as_json:
        echo_json(terms)
    else:
        click.echo(" ".join(terms))


@text_group.command("compare")
@click.argument("query")
@click.argument("document")
def compare_command(query: str, document: str) -> None:
    """Say whether a search for QUERY finds DOCUMENT, and which terms are missing."""
    from paayesh_docs.persian.text import search_terms

    wanted, present = search_terms(query), set(search_terms(document))
    missing = [term for term in wanted if term not in present]
    click.echo(f"query terms:    {' '.join(wanted)}")
    click.echo(f"document terms: {' '.join(search_terms(document))}")
    if missing:
        click.echo(f"پیدا نمی‌شود / not found: missing {' '.join(missing)}")
        raise SystemExit(1)
    click.echo("پیدا می‌شود / found: every query term is in the document")
