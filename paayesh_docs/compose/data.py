"""Data files for compose: TOML, JSON or YAML, read into one plain dict.

A clerk writes these by hand, so a syntax error names the file and, where the parser
knows it, the line; a file whose top level is not a table of fields is refused
before any template is opened.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from paayesh_docs.compose.errors import ComposeError

FORMATS = {".toml": "TOML", ".json": "JSON", ".yaml": "YAML", ".yml": "YAML"}


def load_data(path: Path) -> dict[str, Any]:
    """The fields of a data file; raises ComposeError naming the file and the problem."""
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ComposeError(
            f"فایل داده {path} باید TOML، JSON یا YAML باشد (پسوند .toml، .json، .yaml).",
            f"Data file {path} must be TOML, JSON or YAML (.toml, .json, .yaml, .yml).")
    try:
        text = path.read_text("utf-8-sig")
    except FileNotFoundError:
        raise ComposeError(f"فایل داده {path} پیدا نشد.", f"Data file {path} not found.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ComposeError(f"فایل داده {path} خوانده نشد (باید UTF-8 باشد).",
                           f"Data file {path} cannot be read as UTF-8 ({error}).") from None
    try:
        data = _parse(kind, text)
    except ValueError as error:
        raise ComposeError(f"فایل داده {path} یک {kind} درست نیست: {error}",
                           f"Data file {path} is not valid {kind}: {error}") from None
    if not isinstance(data, dict):
        raise ComposeError(f"فایل داده {path} باید فهرستی از «نام = مقدار» باشد.",
                           f"Data file {path} must hold a table of fields at its top level.")
    return data


def _parse(kind: str, text: str) -> Any:
    if kind == "TOML":
        return tomllib.loads(text)
    if kind == "JSON":
        return json.loads(text)
    import yaml

    try:
        return yaml.safe_load(text)  # safe: plain data only, never Python objects
    except yaml.YAMLError as error:
        raise ValueError(str(error).replace("\n", " ")) from None
