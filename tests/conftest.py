"""Shared fixtures: the real `paayesh` command, and the shared corpus when it is there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def run_paayesh(*args: str, cwd: Path | None = None, input: str | None = None,
                env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command in a fresh process, as a clerk's shell would."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    full_env.pop("PAAYESH_HOME", None)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "paayesh_docs", *args],
        cwd=cwd, input=input, env=full_env, capture_output=True, text=True, timeout=120,
    )


@pytest.fixture
def paayesh():
    return run_paayesh


@pytest.fixture
def shared_sources() -> Path:
    folder = SHARED / "domain" / "sources"
    if not folder.is_dir():
        pytest.skip("../shared/domain/sources is not next to this checkout")
    return folder
