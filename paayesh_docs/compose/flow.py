"""The outgoing flow: prepared documents in, numbered and registered files in outbox/ out.

For each document: under the registry's lock the next number is taken, the DOCX is
rendered with it (tens of milliseconds), archived, and the record appended
(`Registry.register_composed`). The PDF is rendered after the lock is released
(WeasyPrint takes ten times longer, and the watcher should not wait for it) from the
same context with the same number, archived, and listed in the record's `files`
(`Registry.attach`). The outbox copies are written last: the registry is the truth,
and what lands in outbox/ can always be taken again from the archive: a note left
before the record is appended (`compose.pending`) says which copies are owed until they
are written, so that a killed compose is made good by the next one (or `check`).

A draft is rendered with «پیش‌نویس» where the number goes and registers nothing.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from paayesh_docs.compose.documents import Prepared
from paayesh_docs.compose.pdf import PdfRenderer
from paayesh_docs.compose.pending import leave_note
from paayesh_docs.compose.render import DocxRenderer, text_of_docx
from paayesh_docs.compose.templates import pair
from paayesh_docs.config import Settings
from paayesh_docs.persian.dates import format_jalali, today_jalali
from paayesh_docs.registry.api import Composed, Registry

_UNSAFE = re.compile(r'[/\\:*?"<>|\s]+')


def outbox_name(registry_number: str) -> str:
    """A file name for a registry number: `1405/ص/000045` -> `1405-ص-000045`."""
    return _UNSAFE.sub("-", registry_number).strip("-")


@dataclass
class Outcome:
    """What was written for one document."""

    id: int | None
    registry_number: str | None
    docx: Path
    pdf: Path | None
    label: str
    record: dict[str, Any] | None = None

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "registry_number": self.registry_number, "docx": str(self.docx),
                "pdf": str(self.pdf) if self.pdf else None}


class Composer:
    """Renders one office's documents, with renderers kept between documents."""

    def __init__(self, settings: Settings, registry: Registry | None) -> None:
        self.settings = settings
        self.registry = registry
        self._docx: dict[str, DocxRenderer] = {}
        self._pdf: dict[str, PdfRenderer] = {}
        self._drafts = 0
        self.restored: list[Path] = []  # outbox copies a killed compose owed, written again

    def docx_renderer(self, template: str) -> DocxRenderer:
        if template not in self._docx:
            self._docx[template] = DocxRenderer(pair(self.settings.templates, template).docx)
        return self._docx[template]

    def pdf_renderer(self, template: str) -> PdfRenderer:
        if template not in self._pdf:
            self._pdf[template] = PdfRenderer(pair(self.settings.templates, template).html,
                                              self.settings.templates)
        return self._pdf[template]

    def compose_all(self, documents: Iterable[Prepared], *, pdf: bool,
                    draft: bool) -> Iterator[Outcome]:
        """Each document in turn (a generator, so a caller can show progress); the search
        index catches up once at the end."""
        try:
            for document in documents:
                yield self.draft(document, pdf) if draft else self.compose(document, pdf)
        finally:
            if self.registry is not None and not draft:
                self.registry.sync_index()

    def compose(self, document: Prepared, pdf: bool) -> Outcome:
        """Number, render, register and write one document."""
        assert self.registry is not None, "composing a numbered document needs the registry"
        registered_on = format_jalali(today_jalali())
        renderer = self.docx_renderer(document.template)
        rendered: dict[str, Any] = {}

        def render(number: str) -> Composed:  # runs under the registry's lock
            numbered = document.numbered(number, registered_on)
            data = renderer.render(numbered.context)
            text = text_of_docx(data)
            rendered.update(document=numbered, data=data, note=leave_note(
                self.settings, hashlib.sha256(data).hexdigest(), document.template,
                numbered.context, pdf, outbox_name(number)))
            return Composed(f"{outbox_name(number)}.docx", data, text, numbered.record)

        try:
            result = self.registry.register_composed(render, direction=document.direction,
                                                     index=False)
        except BaseException:
            if "note" in rendered:
                rendered["note"].done()
            raise
        assert result.id is not None and result.registry_number is not None
        docx_path = self.settings.outbox / f"{outbox_name(result.registry_number)}.docx"
        pdf_path = None
        if pdf:
            data = self.pdf_renderer(document.template).render(rendered["document"].context)
            pdf_path = docx_path.with_suffix(".pdf")
            self.registry.attach(result.id, pdf_path.name, data)
            write_outbox(pdf_path, data)
        write_outbox(docx_path, rendered["data"])
        rendered["note"].done()
        return Outcome(result.id, result.registry_number, docx_path, pdf_path, document.label,
                       result.record)

    def draft(self, document: Prepared, pdf: bool) -> Outcome:
        """Render without a number; nothing is registered."""
        self._drafts += 1
        stamp = today_jalali().strftime("%Y-%m-%d") + datetime.datetime.now().strftime("-%H%M%S")
        base = self.settings.outbox / f"draft-{stamp}-{os.getpid()}-{self._drafts:04d}"
        numbered = document.numbered(None, "")
        docx_path = base.with_suffix(".docx")
        write_outbox(docx_path, self.docx_renderer(document.template).render(numbered.context))
        pdf_path = None
        if pdf:
            pdf_path = base.with_suffix(".pdf")
            write_outbox(pdf_path, self.pdf_renderer(document.template).render(numbered.context))
        return Outcome(None, None, docx_path, pdf_path, document.label)


def write_outbox(path: Path, data: bytes) -> None:
    """Write an outbox copy whole or not at all (a clerk never opens half a letter). Not
    fsynced: the registry's archive already holds the same bytes durably, and two fsyncs
    a letter would double the cost of a mail merge."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
