"""The compose verbs the CLI calls: data file in, prepared documents out, and a composer.

Everything that can be wrong with a data file or a template is found here, before a
number is taken or a file written.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from paayesh_docs.compose.data import load_data  # also the API's: api.load_data
from paayesh_docs.compose.documents import Prepared
from paayesh_docs.compose.flow import Composer, Outcome
from paayesh_docs.compose.letter import prepare_letters
from paayesh_docs.compose.minutes import covering_letter, prepare_minutes
from paayesh_docs.compose.templates import fields_of, pair
from paayesh_docs.config import Settings
from paayesh_docs.registry.api import Registry


def template_fields(settings: Settings, template: str) -> set[str]:
    """What the DOCX template and its HTML twin read, together."""
    found = pair(settings.templates, template)
    return fields_of(found.docx) | fields_of(found.html)


def letters_from(settings: Settings, data_file: Path, template: str = "letter") -> list[Prepared]:
    """One prepared letter per recipient of the data file."""
    return letters_from_data(settings, load_data(data_file), data_file, template)


def letters_from_data(settings: Settings, data: dict[str, Any], source: Path | str,
                      template: str = "letter") -> list[Prepared]:
    """The same from the data itself (a web form builds it); `source` names it in messages."""
    return prepare_letters(data, settings, template_fields(settings, template), source,
                           template)


def minutes_from(settings: Settings, data_file: Path) -> Prepared:
    return minutes_from_data(settings, load_data(data_file), data_file)


def minutes_from_data(settings: Settings, data: dict[str, Any], source: Path | str) -> Prepared:
    return prepare_minutes(data, settings, template_fields(settings, "minutes"), source)


def covering_letter_for(settings: Settings, minutes: Prepared,
                        outcome: Outcome | None) -> Prepared:
    """The covering letter to TPO for minutes just registered; with no outcome yet, a
    trial one, so that its problems (no signer, ...) stop everything before the minutes
    take a number."""
    number = outcome.registry_number if outcome else None
    return covering_letter(minutes, number or "1400/د/000000", settings,
                           template_fields(settings, "letter"),
                           "covering letter (letter_signer / [compose])")


def report_from(settings: Settings, data_file: Path, cluster: str, quarter: str) -> Prepared:
    """The supervisor report, with the agent's reports found in the registry."""
    return report_from_data(settings, load_data(data_file), data_file, cluster, quarter)


def report_from_data(settings: Settings, data: dict[str, Any], source: Path | str,
                     cluster: str, quarter: str, registry: Registry | None = None) -> Prepared:
    """The same from the data itself (a web form builds it); `registry`: an opened one
    to look in (else the office's is opened for it)."""
    from paayesh_docs.compose.supervisor import find_agent_reports, parse_quarter, prepare_report

    period = parse_quarter(quarter)
    fields = template_fields(settings, "supervisor_report")
    if registry is None:
        with Registry(settings) as opened:
            found = find_agent_reports(opened, cluster, *period)
    else:
        found = find_agent_reports(registry, cluster, *period)
    return prepare_report(data, settings, fields, source, cluster, period, found)


def page_images(pdf: bytes, width: int = 900, pages: int = 4) -> list[bytes]:
    """The first `pages` pages of a PDF as PNG pictures `width` pixels wide (a preview a
    browser shows without a PDF viewer)."""
    import io

    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        pictures = []
        for index in range(min(len(document), pages)):
            page = document[index]
            image = page.render(scale=width / page.get_width()).to_pil()
            out = io.BytesIO()
            image.save(out, format="PNG", optimize=True)
            pictures.append(out.getvalue())
        return pictures
    finally:
        document.close()


def draft_pdf(settings: Settings, document: Prepared) -> bytes:
    """A document's PDF with «پیش‌نویس» where the number goes, in memory: a preview, nothing
    registered or written."""
    composer = Composer(settings, None)
    return composer.pdf_renderer(document.template).render(document.numbered(None, "").context)


@contextlib.contextmanager
def composer(settings: Settings, draft: bool = False) -> Iterator[Composer]:
    """A composer over the office's registry (none for drafts: they register nothing).

    First it writes the outbox copies a killed compose still owes (`maker.restored`)."""
    if draft:
        yield Composer(settings, None)
        return
    from paayesh_docs.compose.pending import restore_outbox
    from paayesh_docs.registry import Registry

    with Registry(settings) as registry:
        maker = Composer(settings, registry)
        maker.restored = restore_outbox(settings, registry)
        yield maker


def paayesh_fields(template: str) -> set[str]:
    """The fields paayesh fills itself for a template (by its kind: a template whose name
    is not minutes or supervisor_report is a letter); every other field a template reads
    must be in the data file, written as it should print."""
    from paayesh_docs.compose import letter, minutes, supervisor

    kinds = {"minutes": minutes.COMPUTED, "supervisor_report": supervisor.COMPUTED}
    return kinds.get(template, letter.COMPUTED)


EXAMPLES = Path(__file__).resolve().parent / "examples"
# The keys a data file of each kind must have (the rest of `inputs` may be left out);
# the signer may come from paayesh.toml instead.
REQUIRED_KEYS = {"letter": ("subject", "body", "recipients"),
                 "minutes": ("number", "date", "place", "attendees", "agenda"),
                 "supervisor_report": ("progress", "assessment", "proposals", "supervisor")}


def kind_of(template: str) -> str:
    """The document kind a template makes: by its name, a letter unless it is one of the
    others (as `paayesh_fields`)."""
    return template if template in ("minutes", "supervisor_report") else "letter"


def example_data(kind: str) -> str:
    """The commented example data file of a kind, with every field it takes."""
    return (EXAMPLES / f"{kind_of(kind)}.toml").read_text("utf-8")


def data_keys(template: str) -> tuple[list[str], list[str]]:
    """The keys a data file for `template` must have, and those it may have."""
    from paayesh_docs.compose import letter, minutes, supervisor

    kind = kind_of(template)
    inputs = {"letter": letter.INPUTS, "minutes": minutes.INPUTS,
              "supervisor_report": supervisor.INPUTS}[kind]
    required = list(REQUIRED_KEYS[kind])
    return required, sorted(inputs - set(required))
