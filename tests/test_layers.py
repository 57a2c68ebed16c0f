"""The package reads like the pipeline: every import runs downward.

persian < config, fonts < ingest < registry < inbox, tracking, compose, access < office,
reports < web < cli (`paayesh serve` runs the web application). Every stage reads its
settings, so `config` sits just above `persian`; `office` (making a new office) sits
above compose. Stages of the same level never import
each other, so each can be read without the others.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "paayesh_docs"

LEVELS = {
    "persian": 0,
    "config": 1, "fonts": 1,
    "ingest": 2,
    "registry": 3,
    "inbox": 4, "tracking": 4, "compose": 4, "access": 4,
    "office": 5, "reports": 5,
    "web": 6, "cli": 7, "__main__": 8, "__init__": 8,
}


def _stage(module_path: Path) -> str:
    relative = module_path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


def _imports(module_path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(module_path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "paayesh_docs" and len(parts) > 1:
                found.append((node.lineno, parts[1]))
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "templates" not in p.parts)


def test_every_stage_has_a_level():
    stages = {_stage(p) for p in _modules()}
    assert stages <= set(LEVELS), f"stages without a level: {stages - set(LEVELS)}"


@pytest.mark.parametrize("module_path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_downward(module_path: Path):
    here = _stage(module_path)
    wrong = [
        f"line {line}: {here} (level {LEVELS[here]}) imports {there} (level {LEVELS[there]})"
        for line, there in _imports(module_path)
        if there != here and LEVELS.get(there, 99) >= LEVELS[here]
    ]
    assert not wrong, "\n".join(wrong)
