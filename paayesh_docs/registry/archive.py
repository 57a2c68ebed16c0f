"""Originals and full texts, stored by content (SHA-256) so records stay small.

`files/ab/<sha256><ext>`: the original as it arrived, read-only. `texts/ab/<sha256>.txt`:
the normalised text the record was extracted from. Both are written before the
record that points at them, atomically, so no record ever points at a missing file.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from paayesh_docs.registry.journal import write_all_atomically

_CHUNK = 1024 * 1024
READ_ONLY = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH


def sha256_of(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


class Archive:
    """The registry's content store."""

    def __init__(self, registry: Path) -> None:
        self.files = registry / "files"
        self.texts = registry / "texts"
        self._texts = str(self.texts)

    def original_path(self, sha256: str, suffix: str) -> Path:
        return self.files / sha256[:2] / f"{sha256}{suffix.lower()}"

    def text_path(self, sha256: str) -> Path:
        return self.texts / sha256[:2] / f"{sha256}.txt"

    def keep_original(self, source: Path, sha256: str, suffix: str | None = None) -> Path:
        """Copy the original in (once), read-only; returns where it is."""
        suffix = source.suffix if suffix is None else suffix
        self.keep([(sha256, suffix, source, None)])
        return self.original_path(sha256, suffix)

    def keep_bytes(self, data: bytes, suffix: str,
                   text: str | None = None) -> tuple[str, Path]:
        """Keep a document made in memory (a composed letter), and its text, with one flush
        to disk; returns its SHA-256 and path."""
        sha256 = hashlib.sha256(data).hexdigest()
        self.keep([(sha256, suffix, data, text)])
        return sha256, self.original_path(sha256, suffix)

    def keep_text(self, sha256: str, text: str) -> None:
        self.keep([(sha256, "", None, text)])

    def keep(self, entries: Iterable[tuple[str, str, Path | bytes | None, str | None]]) -> None:
        """Originals (sha256, suffix, a file or its bytes) and texts (sha256, text) not kept
        yet, written together with one flush to disk (`write_all_atomically`)."""
        writes: dict[Path, tuple[Path, bytes, int | None]] = {}
        for sha256, suffix, source, text in entries:
            if source is not None:
                target = self.original_path(sha256, suffix)
                if target not in writes and not target.exists():
                    data = source if isinstance(source, bytes) else source.read_bytes()
                    writes[target] = (target, data, READ_ONLY)
            if text is not None:
                target = self.text_path(sha256)
                if target not in writes and not target.exists():
                    writes[target] = (target, text.encode("utf-8"), None)
        for folder in {target.parent for target in writes}:
            folder.mkdir(parents=True, exist_ok=True)
        write_all_atomically(list(writes.values()))

    def remove_leftovers(self) -> list[Path]:
        """Remove the temporary files (`.NAME.PID.tmp`, see `write_all_atomically`) that a
        process killed while archiving left behind; returns them.

        Only those whose writer is gone: another command may be archiving right now."""
        removed = []
        for folder in (self.files, self.texts):
            for temporary in folder.glob("*/.*.tmp") if folder.is_dir() else ():
                if _writer_alive(temporary):
                    continue
                try:
                    temporary.unlink()
                except OSError:  # gone meanwhile, or a registry we may not write
                    continue
                removed.append(temporary)
        return removed

    def text(self, sha256: str) -> str:
        # a plain string path and open(): 17 µs against 60 µs a text with pathlib here,
        # and tracking reads some 20,000 of them when it rebuilds
        try:
            with open(f"{self._texts}{os.sep}{sha256[:2]}{os.sep}{sha256}.txt", "rb") as stream:
                return stream.read().decode("utf-8")
        except FileNotFoundError:
            return ""


def _writer_alive(temporary: Path) -> bool:
    """Whether the process named in a temporary file's name still runs (a name without
    one counts as alive: it is not ours to remove)."""
    pid = temporary.name.rsplit(".", 2)[-2] if temporary.name.count(".") >= 3 else ""
    if not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:  # alive, another user's
        return True
    return True
