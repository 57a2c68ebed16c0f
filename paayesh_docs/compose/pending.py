"""Outbox copies owed: what a compose killed between registering and writing left undone.

A composed letter is registered (numbered, its DOCX archived, its record appended) before
its files land in outbox/. A process killed in between leaves a numbered letter with no
file a clerk can send. So, just before the record is appended, the composer leaves a
note in `registry/compose-pending/`: the DOCX's SHA-256, the template and the numbered
context (to render the PDF again if that was asked for and never archived). The note
is removed once the outbox copies are written. A note found later whose writer is gone
is a debt: `restore_outbox` writes the missing files again from the archive (and renders
a missing PDF), and says what it wrote. A note with no record is a number never taken.

Notes, not a sweep of every composed record: a clerk may move or delete outbox files
once sent, and those must not come back. The writer holds an exclusive `flock` on its
note from before it appears under its name (written as a temporary file, locked,
renamed), so a note that can be locked belongs to a process that is gone.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from paayesh_docs.compose.errors import ComposeError
from paayesh_docs.config import Settings

log = logging.getLogger(__name__)
FOLDER = "compose-pending"
_SUFFIX = ".json"


def pending_folder(settings: Settings) -> Path:
    return settings.registry / FOLDER


@dataclass
class Note:
    """One letter in flight: removed with `done` once its outbox copies are written."""

    path: Path
    descriptor: int

    def done(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        os.close(self.descriptor)


def leave_note(settings: Settings, sha256: str, template: str, context: dict[str, Any],
               pdf: bool, outbox_name: str) -> Note:
    """Write, lock and name a note (in that order: never visible unlocked)."""
    folder = pending_folder(settings)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{outbox_name}-{uuid.uuid4().hex[:12]}"
    temporary = folder / f".{name}.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        body = {"sha256": sha256, "template": template, "pdf": pdf, "context": context}
        os.write(descriptor, json.dumps(body, ensure_ascii=False, default=str).encode("utf-8"))
        path = folder / f"{name}{_SUFFIX}"
        os.replace(temporary, path)
    except BaseException:
        os.close(descriptor)
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        raise
    return Note(path, descriptor)


@contextlib.contextmanager
def _orphan(path: Path) -> Iterator[dict[str, Any] | None]:
    """The note's content if its writer is gone (we hold its lock and it is still there)."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        yield None
        return
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield None  # its writer is still at work
            return
        try:
            if os.stat(path).st_ino != os.fstat(descriptor).st_ino:
                yield None
                return
        except FileNotFoundError:
            yield None  # done while we waited for the lock
            return
        with os.fdopen(os.dup(descriptor), "rb") as stream:
            raw = stream.read()
        try:
            yield json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            yield {}  # cut short by a kill before its rename: nothing was registered
    finally:
        os.close(descriptor)


def restore_outbox(settings: Settings, registry: Any) -> list[Path]:
    """Write the outbox copies that dead composers owe; returns the files written.

    `registry` is an open `Registry` (taken as Any: compose sits above registry, but the
    CLI's `check` hands its own in)."""
    from paayesh_docs.compose.flow import write_outbox

    folder = pending_folder(settings)
    try:
        notes = sorted(p for p in folder.iterdir() if p.name.endswith(_SUFFIX))
    except FileNotFoundError:
        return []
    _clear_temporaries(folder)
    if not notes:
        return []
    by_sha: dict[str, dict[str, Any]] | None = None
    written: list[Path] = []
    for path in notes:
        try:
            with _orphan(path) as note:
                if note is None:
                    continue
                if note.get("sha256"):
                    if by_sha is None:
                        by_sha = {r["source"]["sha256"]: r for r in registry.all()
                                  if r.get("source", {}).get("composed")}
                    record = by_sha.get(note["sha256"])
                    if record is not None:
                        written += _restore(settings, registry, record, note, write_outbox)
                path.unlink()
        except (OSError, ComposeError) as error:  # a full disk, a read-only folder, a
            # template broken since: the note waits for the next command
            log.warning("outbox copies owed by %s not written yet: %s", path.name, error)
    return written


def _restore(settings: Settings, registry: Any, record: dict[str, Any], note: dict[str, Any],
             write: Any) -> list[Path]:
    written = []
    docx = settings.outbox / record["source"]["name"]
    if not docx.exists():
        write(docx, registry.archive.original_path(record["source"]["sha256"], ".docx")
              .read_bytes())
        written.append(docx)
    if not note.get("pdf"):
        return written
    pdf = docx.with_suffix(".pdf")
    archived = [f for f in record.get("files") or [] if f["format"] == "pdf"]
    if archived:
        if not pdf.exists():
            write(pdf, registry.archive.original_path(archived[0]["sha256"], ".pdf").read_bytes())
            written.append(pdf)
        return written
    from paayesh_docs.compose.pdf import PdfRenderer
    from paayesh_docs.compose.templates import pair

    renderer = PdfRenderer(pair(settings.templates, note["template"]).html, settings.templates)
    data = renderer.render(note["context"])
    registry.attach(record["id"], pdf.name, data)
    write(pdf, data)
    written.append(pdf)
    return written


def _clear_temporaries(folder: Path) -> None:
    """Temporary notes of writers killed before their rename (nothing registered yet)."""
    for path in folder.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            descriptor = os.open(path, os.O_RDONLY)
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                path.unlink()
            except BlockingIOError:
                pass
            finally:
                os.close(descriptor)
