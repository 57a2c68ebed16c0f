"""Data files for compose: TOML, JSON or YAML, read into one plain dict.

A clerk writes these by hand, so a syntax error names the file and, where the parser
knows it, the line; a file whose top level is not a table of fields is refused
before any template is opened.

A data file is input like any file dropped in the inbox, and is bounded the same way
(`paayesh_docs.ingest.limits`, `ingest.extract.read_document`): only a regular file is
opened (a FIFO would block, `/dev/zero` never ends), its size is capped before it is
read, its nesting is capped (a deeply nested JSON or TOML is a `RecursionError` in the
parser and in everything that walks the data afterwards), and YAML aliases are refused
(700 bytes of nested aliases expand to gigabytes). A letter's data is a few kilobytes
and a mail merge of thousands of recipients a few hundred: the caps are far above that.
"""

from __future__ import annotations

import json
import os
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from paayesh_docs.compose.errors import ComposeError

FORMATS = {".toml": "TOML", ".json": "JSON", ".yaml": "YAML", ".yml": "YAML"}


@dataclass(frozen=True)
class DataLimits:
    file_bytes: int = 4 * 1024 * 1024
    depth: int = 32  # tables and lists inside each other
    text_chars: int = 200_000  # one value (a letter's body is a few thousand)


DATA_LIMITS = DataLimits()


def load_data(path: Path, limits: DataLimits = DATA_LIMITS) -> dict[str, Any]:
    """The fields of a data file; raises ComposeError naming the file and the problem."""
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ComposeError(
            f"فایل داده {path} باید TOML، JSON یا YAML باشد (پسوند .toml، .json، .yaml).",
            f"Data file {path} must be TOML, JSON or YAML (.toml, .json, .yaml, .yml).")
    text = _read(path, limits)
    try:
        data = _parse(kind, text)
    except RecursionError:
        raise _too_deep(path, limits) from None
    except AliasRefused as error:
        raise ComposeError(
            f"فایل داده {path} ارجاع YAML (alias، «*{error.anchor}» در سطر {error.line}) دارد "
            "که مجاز نیست؛ مقدار را همان‌جا بنویسید.",
            f"Data file {path} uses a YAML alias (*{error.anchor}, line {error.line}); aliases "
            "are not allowed: write the value out.") from None
    except ValueError as error:
        raise ComposeError(f"فایل داده {path} یک {kind} درست نیست: {error}",
                           f"Data file {path} is not valid {kind}: {error}") from None
    if not isinstance(data, dict):
        raise ComposeError(f"فایل داده {path} باید فهرستی از «نام = مقدار» باشد.",
                           f"Data file {path} must hold a table of fields at its top level.")
    _check_shape(path, data, limits)
    return data


def _read(path: Path, limits: DataLimits) -> str:
    """The file's text, opened only if it is a regular file no larger than the cap."""
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise ComposeError(f"فایل داده {path} یک پوشه است، نه فایل.",
                               f"Data file {path} is a folder, not a file.")
        if not stat.S_ISREG(status.st_mode):
            raise ComposeError(
                f"فایل داده {path} یک فایل معمولی نیست (لوله یا دستگاه است).",
                f"Data file {path} is not a file to read but a pipe or a device.")
        if status.st_size > limits.file_bytes:
            raise _too_large(path, f"{status.st_size:,} bytes", limits)
        # O_NONBLOCK: had the path become a FIFO since the stat, opening it must not hang.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                raise ComposeError(
                    f"فایل داده {path} یک فایل معمولی نیست (لوله یا دستگاه است).",
                    f"Data file {path} is not a file to read but a pipe or a device.")
            raw = stream.read(limits.file_bytes + 1)
    except FileNotFoundError:
        raise ComposeError(f"فایل داده {path} پیدا نشد.", f"Data file {path} not found.") from None
    except OSError as error:
        raise ComposeError(f"فایل داده {path} خوانده نشد.",
                           f"Data file {path} cannot be read ({error.strerror}).") from None
    if len(raw) > limits.file_bytes:
        raise _too_large(path, f"more than {limits.file_bytes:,} bytes", limits)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ComposeError(f"فایل داده {path} خوانده نشد (باید UTF-8 باشد).",
                           f"Data file {path} cannot be read as UTF-8 ({error}).") from None


def _too_large(path: Path, size: str, limits: DataLimits) -> ComposeError:
    limit = f"{limits.file_bytes // (1024 * 1024)} MB"
    return ComposeError(f"حجم فایل داده {path} بیش از حد مجاز ({limit}) است.",
                        f"Data file {path} is too large ({size}; the limit is {limit}).")


def _too_deep(path: Path, limits: DataLimits) -> ComposeError:
    return ComposeError(
        f"فایل داده {path} بیش از حد مجاز ({limits.depth} سطح) تودرتو است.",
        f"Data file {path} is nested deeper than the limit ({limits.depth} levels).")


def _check_shape(path: Path, data: dict[str, Any], limits: DataLimits) -> None:
    """Depth and the length of each text, walked without recursion."""
    pending: list[tuple[Any, int, str]] = [(data, 1, "")]
    while pending:
        value, depth, name = pending.pop()
        if isinstance(value, dict | list):
            if depth > limits.depth:
                raise _too_deep(path, limits)
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                label = f"{name}.{key}" if isinstance(key, str) and name else (
                    str(key) if isinstance(key, str) else f"{name}[{key}]")
                pending.append((item, depth + 1, label))
        elif isinstance(value, str) and len(value) > limits.text_chars:
            raise ComposeError(
                f"متن فیلد «{name}» در فایل داده {path} بیش از حد مجاز "
                f"({limits.text_chars:,} نویسه) است.",
                f"Field {name!r} of data file {path} is longer than the limit "
                f"({len(value):,} characters; the limit is {limits.text_chars:,}).")


def _parse(kind: str, text: str) -> Any:
    if kind == "TOML":
        return tomllib.loads(text)
    if kind == "JSON":
        return json.loads(text)
    import yaml

    try:
        return yaml.load(text, Loader=_loader())  # safe: plain data only, never Python objects
    except yaml.YAMLError as error:
        raise ValueError(str(error).replace("\n", " ")) from None


class AliasRefused(Exception):
    def __init__(self, anchor: str, line: int) -> None:
        super().__init__(anchor)
        self.anchor, self.line = anchor, line


def _loader() -> type:
    """PyYAML's safe loader, refusing aliases (`*name`): a few hundred bytes of aliases
    of aliases stand for gigabytes of data, and a clerk's data file never needs them."""
    import yaml

    class NoAliasLoader(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise AliasRefused(event.anchor, event.start_mark.line + 1)
            return super().compose_node(parent, index)

    return NoAliasLoader
