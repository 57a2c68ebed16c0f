"""The `paayesh` command as a clerk's shell runs it: a real process, real folders."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from conftest import ROOT, run_paayesh


def test_help_lists_the_commands() -> None:
    result = run_paayesh("--help")
    assert result.returncode == 0
    for command in ("init", "text", "date"):
        assert re.search(rf"^\s+{command}\s", result.stdout, re.M), command


def test_init_into_empty_folder_then_commands_find_it(tmp_path: Path) -> None:
    office = tmp_path / "office"
    result = run_paayesh("init", str(office))
    assert result.returncode == 0, result.stderr
    assert (office / "paayesh.toml").is_file() and (office / "inbox").is_dir()
    again = run_paayesh("init", str(office))
    assert again.returncode == 0 and "already" in again.stdout


def test_bad_config_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "paayesh.toml").write_text("[folders]\ninbx = 'x'\n", "utf-8")
    result = run_paayesh("--home", str(tmp_path), "init", str(tmp_path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "inbx" in result.stderr and "paayesh.toml" in result.stderr
    assert "خطا" in result.stderr


def test_terms_of_spelling_variants_are_identical() -> None:
    variants = ["صورت‌جلسه کمیته", "صورت جلسه كميته", "صورتجلسه کمیته"]
    outputs = {run_paayesh("text", "terms", v).stdout for v in variants}
    assert len(outputs) == 1
    assert outputs.pop().split() == ["صورتجلسه", "صورت", "جلسه", "کمیته"]


def test_terms_of_different_words_differ_and_compare_says_why() -> None:
    name, letter = (run_paayesh("text", "terms", w).stdout for w in ("نام", "نامه"))
    assert name != letter
    compared = run_paayesh("text", "compare", "نام", "نامه")
    assert compared.returncode == 1 and "نام" in compared.stdout
    assert run_paayesh("text", "compare", "نامه ها", "نامه‌های رسیده").returncode == 0


def test_terms_json_and_stdin() -> None:
    result = run_paayesh("text", "terms", "--json", "-", input="۲۰۷۹۴/ت/۳۵۰۱۴ ک")
    assert json.loads(result.stdout) == ["20794/ت/35014", "20794", "35014"]


def test_normalize_digit_choice() -> None:
    assert run_paayesh("text", "normalize", "كد ۱۲۳/۴۵۶/ص").stdout.strip() == "کد ۱۲۳/۴۵۶/ص"
    latin = run_paayesh("text", "normalize", "--digits", "latin", "۱۴۰۲.۱۱.۰۵")
    assert latin.stdout.strip() == "1402.11.05"


def test_date_command_reads_written_forms() -> None:
    result = run_paayesh("date", "--json", "۲۱ آبان ماه ۱۴۰۵")
    data = json.loads(result.stdout)
    assert data["date"] == "1405-08-21" and data["date_gregorian"] == "2026-11-12"
    assert data["numeric"] == "۱۴۰۵/۰۸/۲۱" and data["weekday"] == "پنجشنبه"


def test_date_command_rejects_non_dates_plainly() -> None:
    result = run_paayesh("date", "۷/۷۷۵/۰۰۰/۰۰۰")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "۷/۷۷۵/۰۰۰/۰۰۰" in result.stderr


def test_ci_runs_the_readme_test_line() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    block = readme.split("## Quick start", 1)[1].split("```", 2)[1]
    lines = [line for line in block.splitlines() if line.strip()]
    assert len(lines) == 2, "the quick start is exactly two lines"
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "set -euo pipefail" in ci
    pattern = re.search(r"grep -m1 -E '([^']+)' README.md", ci).group(1)
    found = [line for line in lines if re.search(pattern, line)]
    assert found == [lines[1]] and "pytest" in lines[1]
    assert "paayesh" in lines[0]


def test_ruff_is_clean() -> None:
    import shutil
    import sys

    ruff = Path(sys.executable).with_name("ruff")
    executable = str(ruff) if ruff.exists() else shutil.which("ruff")
    if executable is None:
        import pytest

        pytest.skip("ruff is not installed")
    result = subprocess.run([executable, "check", str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
