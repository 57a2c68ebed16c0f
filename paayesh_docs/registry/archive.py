"""Originals and full texts, stored by content (SHA-256) so records stay small.

`files/ab/<sha256><ext>`: the original as it arrived, read-only. `texts/ab/<sha256>.txt`:
the normalised text the record was extracted from. Both are written before the
record that points at them, atomically, so no record ever points at a missing file.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from paayesh_docs.registry.journal import write_atomically

_CHUNK = 1024 * 1024


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

    def original_path(self, sha256: str, suffix: str) -> Path:
        return self.files / sha256[:2] / f"{sha256}{suffix.lower()}"

    def text_path(self, sha256: str) -> Path:
        return self.texts / sha256[:2] / f"{sha256}.txt"

    def keep_original(self, source: Path, sha256: str, suffix: str | None = None) -> Path:
        """Copy the original in (once), read-only; returns where it is."""
        target = self.original_path(sha256, source.suffix if suffix is None else suffix)
        if not target.exists():
            _write_read_only(target, source.read_bytes())
        return target

    def keep_bytes(self, data: bytes, suffix: str) -> tuple[str, Path]:
        """Keep a document made in memory (a composed letter); returns its SHA-256 and path."""
        sha256 = hashlib.sha256(data).hexdigest()
        target = self.original_path(sha256, suffix)
        if not target.exists():
            _write_read_only(target, data)
        return sha256, target

    def keep_text(self, sha256: str, text: str) -> None:
        target = self.text_path(sha256)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, text.encode("utf-8"))

    def text(self, sha256: str) -> str:
        try:
            return self.text_path(sha256).read_text("utf-8")
        except FileNotFoundError:
            return ""



def _write_read_only(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, data)
    os.chmod(target, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
