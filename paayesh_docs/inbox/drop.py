"""Files handed to us whole (a web page's upload), placed into the inbox for the watcher.

An upload is not registered here: it goes through the watcher's own path, like a file a
clerk drops into the folder, so it is claimed, sniffed, bounded, registered, or set aside
with its reason exactly the same way. This module only

- places it (`place`): into the subfolder that says its direction and kind (`outgoing/`,
  `internal/`, `minutes/`, as `[watch]` names them), written under a hidden `.part` name
  the watcher ignores, flushed, then given its own name in one step (a hard link, which
  never replaces a file of that name, then the temporary name removed), so the watcher
  never sees half a file; the size capped as the inbox caps it, while it is written;
- and learns what became of it (`outcome`), from the watcher's own results: the
  registry's record of those bytes (by SHA-256, registered after it was placed), or the
  copy in `_duplicates/` or `_rejected/` with its `NAME.reason.txt`.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import os
import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, BinaryIO

from paayesh_docs.config import Settings
from paayesh_docs.inbox.claims import DUPLICATES, REJECTED, WORKING, fit_name
from paayesh_docs.ingest.limits import DEFAULT_LIMITS, Limits
from paayesh_docs.ingest.sniff import is_ignored_name
from paayesh_docs.registry import Registry

DIRECTIONS = ("incoming", "outgoing", "internal")
_CHUNK = 1024 * 1024
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ASIDE_NAME_BYTES = 255 - len(".reason.txt") - 8  # as `claims.set_aside` cuts names


class UploadRefused(ValueError):
    """An upload that cannot be placed, said in Persian and English (naming the file)."""

    def __init__(self, code: str, fa: str, en: str) -> None:
        super().__init__(en)
        self.code, self.fa, self.en = code, fa, en

    def as_reason(self) -> dict[str, str]:
        return {"code": self.code, "fa": self.fa, "en": self.en}


@dataclass(frozen=True)
class Placed:
    """One file placed into the inbox: where it waits, and what its bytes are."""

    name: str  # its name in the inbox (the clerk's own, or `NAME (2).ext`)
    folder: str  # the subfolder below the inbox ("" for incoming), `/`-separated
    sha256: str
    size: int
    placed_at: float  # seconds since the epoch

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Placed:
        """A `Placed` from what `as_json` gave (a page hands it back); ValueError if it is
        not one, or names a path outside the inbox's own subfolders."""
        try:
            placed = cls(str(data["name"]), str(data["folder"]), str(data["sha256"]),
                         int(data["size"]), float(data["placed_at"]))
        except (KeyError, TypeError, ValueError):
            raise ValueError("not an upload ticket") from None
        parts = [p for p in placed.folder.split("/") if p]
        if (not re.fullmatch(r"[0-9a-f]{64}", placed.sha256) or Path(placed.name).name
                != placed.name or placed.name in ("", ".", "..")
                or any(p in ("", ".", "..") or p.startswith("_") for p in parts)):
            raise ValueError("not an upload ticket")
        return placed


@dataclass(frozen=True)
class Outcome:
    """What the watcher did with a placed file, as far as can be seen now."""

    status: str  # waiting, registered, duplicate, rejected
    id: int | None = None
    registry_number: str | None = None
    reason: dict[str, str] | None = None
    record: dict[str, Any] | None = None


def subfolder(settings: Settings, direction: str, minutes: bool) -> tuple[str, ...]:
    """The inbox subfolders a file of this direction and kind goes into: the first name
    `[watch]` gives each hint (`outgoing`, `internal`, `minutes`); incoming letters stay
    at the top, where anything not in a hint folder is incoming."""
    if direction not in DIRECTIONS:
        raise UploadRefused("direction", f"جهت «{direction}» شناخته نیست.",
                            f"Unknown direction {direction!r}.")
    parts = [] if direction == "incoming" else [getattr(settings.watch, direction)[0]]
    if minutes:
        parts.append(settings.watch.minutes[0])
    return tuple(parts)


def clean_name(name: str) -> str:
    """The file's own name as a browser sent it (its last part only: some send a whole
    Windows path), cut to what a file system takes; UploadRefused for a name the watcher
    would never take (hidden, temporary, an Office lock file) or that holds control
    characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not base or base in (".", ".."):
        raise UploadRefused("name", "فایل نام ندارد.", "The file has no name.")
    if _CONTROL.search(base):
        raise UploadRefused("name", f"نام فایل «{_CONTROL.sub('?', base)}» نویسه کنترلی دارد.",
                            f"The file name {base!r} holds control characters.")
    if is_ignored_name(base):
        raise UploadRefused(
            "ignored_name",
            f"«{base}» نام فایل موقت یا پنهان است (مثل ~$ یا .tmp) و ثبت نمی‌شود؛ "
            "نام فایل را عوض کنید.",
            f"{base!r} is named like a temporary or hidden file (~$…, .tmp, …), which the "
            "inbox never takes; rename it.")
    return fit_name(base, _ASIDE_NAME_BYTES)


def place(settings: Settings, name: str, stream: BinaryIO, direction: str = "incoming",
          minutes: bool = False, limits: Limits = DEFAULT_LIMITS) -> Placed:
    """Write one uploaded file into the inbox under its own name (see the module's
    docstring); UploadRefused when its name or size is refused (nothing is left behind)."""
    name = clean_name(name)
    parts = subfolder(settings, direction, minutes)
    folder = settings.inbox.joinpath(*parts)
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".upload-{uuid.uuid4().hex}.part"
    try:
        sha256, size = write_capped(stream, temporary, name, limits)
        placed_at = datetime.datetime.now().timestamp()
        final = _link_free(temporary, folder / name)
    finally:
        temporary.unlink(missing_ok=True)
    return Placed(final.name, "/".join(parts), sha256, size, placed_at)


def write_capped(stream: BinaryIO, path: Path, name: str,
                 limits: Limits = DEFAULT_LIMITS) -> tuple[str, int]:
    """Copy `stream` into the new file `path`, flushed to disk, refusing it (UploadRefused
    naming `name`) as soon as it passes the inbox's size cap; its SHA-256 and size."""
    digest, size = hashlib.sha256(), 0
    with path.open("xb") as out:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > limits.file_bytes:
                limit = f"{limits.file_bytes // (1024 * 1024)} MB"
                raise UploadRefused(
                    "too_large", f"حجم فایل «{name}» بیش از حد مجاز ({limit}) است.",
                    f"{name}: the file is larger than the limit ({limit}).")
            digest.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    return digest.hexdigest(), size


def _link_free(temporary: Path, wanted: Path) -> Path:
    """Give `temporary` the name `wanted`, or `NAME (2).ext`, … when a file has it: a hard
    link never replaces what is there, so two uploads of one name both arrive."""
    for candidate in _numbered(wanted):
        try:
            os.link(temporary, candidate)
        except FileExistsError:
            continue
        return candidate
    raise AssertionError("unreachable")


def _numbered(path: Path, first: int = 2) -> Iterator[Path]:
    yield path
    number = first
    while True:
        yield path.with_name(f"{path.stem} ({number}){path.suffix}")
        number += 1


def outcome(registry: Registry, placed: Placed) -> Outcome:
    """What became of `placed`: `waiting` while it is in the inbox or being read;
    `registered` (its record) once the registry holds its bytes, registered under its
    name after it was placed; `duplicate` or `rejected` (with the reason the watcher
    wrote) once it is set aside."""
    inbox = registry.settings.inbox
    for _ in range(2):  # a file moves between the looks below: a second round finds it
        record = registry.by_sha256(placed.sha256)
        if record is not None and _registered_at(record) >= int(placed.placed_at) \
                and (record.get("source") or {}).get("name") == placed.name:
            return Outcome("registered", record["id"], record["registry_number"], None, record)
        for status, folder in (("duplicate", DUPLICATES), ("rejected", REJECTED)):
            reason = _set_aside_reason(inbox / folder, placed)
            if reason is not None:
                if status == "duplicate" and record is not None:
                    return Outcome(status, record["id"], record["registry_number"], reason,
                                   record)
                return Outcome(status, reason=reason)
        if _waiting(inbox, placed):
            return Outcome("waiting")
    return Outcome("waiting")


def _registered_at(record: dict[str, Any]) -> float:
    try:
        return datetime.datetime.fromisoformat(record["registered_at"]).timestamp()
    except (KeyError, TypeError, ValueError):
        return 0.0


def _waiting(inbox: Path, placed: Placed) -> bool:
    """Still where it was placed (settling), or claimed and being read (`_working`)."""
    here = inbox.joinpath(*[p for p in placed.folder.split("/") if p], placed.name)
    if _same_bytes(here, placed):
        return True
    with contextlib.suppress(OSError):
        for claim in (inbox / WORKING).iterdir():
            if _same_bytes(claim / placed.name, placed):
                return True
    return False


def _set_aside_reason(folder: Path, placed: Placed) -> dict[str, str] | None:
    """The reason beside the copy of `placed` set aside in `folder` after it was placed
    (the same name, or `NAME (N).ext` as `claims.free_name` makes it), or None."""
    base = folder / fit_name(placed.name, _ASIDE_NAME_BYTES)
    for candidate in _candidates(base):
        note = candidate.with_name(candidate.name + ".reason.txt")
        try:
            written = note.stat().st_mtime
        except OSError:
            continue
        if written + 1 >= placed.placed_at and _same_bytes(candidate, placed):
            return read_reason(note)
    return None


def _candidates(base: Path) -> Iterable[Path]:
    """`base` and its numbered twins that exist (a gap ends the run)."""
    for number, candidate in enumerate(_numbered(base)):
        if not os.path.lexists(candidate):
            if number > 0:
                return
            continue
        yield candidate


def _same_bytes(path: Path, placed: Placed) -> bool:
    try:
        if path.stat().st_size != placed.size:
            return False
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            while chunk := stream.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return False
    return digest.hexdigest() == placed.sha256


def read_reason(note: Path) -> dict[str, str]:
    """`{"code", "fa", "en"}` from a `NAME.reason.txt` as `claims.write_reason` writes it:
    `فایل: NAME`, the Persian reason, its date; a blank line; `File: NAME`, the English
    reason, `(date time, code)`."""
    lines = note.read_text("utf-8", errors="replace").splitlines()
    english = next((i for i, line in enumerate(lines) if line.startswith("File: ")), len(lines))
    fa = " ".join(line for line in lines[1:english] if line and not line.startswith("("))
    tail = lines[english + 1:]
    en = " ".join(line for line in tail if line and not line.startswith("("))
    code = ""
    if tail and (found := re.search(r",\s*([^,()]+)\)\s*$", tail[-1])):
        code = found.group(1).strip()
    return {"code": code, "fa": fa.strip(), "en": en.strip()}
