"""`paayesh compose example letter|minutes|supervisor-report`: a commented data file with
every field, which `compose … --data` takes as it is in a new office (and with its
commented-out fields switched on too); `templates check` names the keys a data file needs."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT, run_paayesh

from paayesh_docs.compose import letter, minutes, supervisor

KINDS = {"letter": (letter.INPUTS, ["letter"]),
         "minutes": (minutes.INPUTS, ["minutes", "--send-to-tpo"]),
         "supervisor-report": (supervisor.INPUTS, ["supervisor-report", "--cluster",
                                                   "خوشه خرمای سراوان", "--quarter", "1405Q2"])}


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("examples") / "office"
    result = run_paayesh("init", str(folder))
    assert result.returncode == 0, result.stderr
    return folder


def _example(kind: str) -> str:
    result = run_paayesh("compose", "example", kind)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _compose(office: Path, kind: str, text: str, name: str) -> list[dict]:
    data = office.parent / name
    data.write_text(text, "utf-8")
    result = run_paayesh("--home", str(office), "compose", *KINDS[kind][1], "--data", str(data),
                         "--pdf", "--json")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    for line in lines:
        assert Path(line["docx"]).is_file() and Path(line["pdf"]).is_file()
    return lines


@pytest.mark.parametrize("kind", KINDS)
def test_the_example_names_every_field_and_is_taken_as_it_is(office: Path, kind: str) -> None:
    text = _example(kind)
    tomllib.loads(text)
    for key in KINDS[kind][0]:  # set, or shown commented out
        assert re.search(rf"^(?:# )?(?:{key} =|\[{key}\]|\[\[{key}\]\])", text, re.M), key
    lines = _compose(office, kind, text, f"{kind}.toml")
    assert len(lines) == {"letter": 2, "minutes": 2, "supervisor-report": 1}[kind]


@pytest.mark.parametrize("kind", KINDS)
def test_the_examples_commented_out_fields_are_taken_too(office: Path, kind: str) -> None:
    text = re.sub(r"^# (\w+ = )", r"\1", _example(kind), flags=re.M)
    assert text != _example(kind)
    _compose(office, kind, text, f"{kind}-all.toml")


def test_templates_check_lists_the_keys_a_data_file_needs() -> None:
    result = run_paayesh("templates", "check", str(ROOT / "templates" / "minutes.docx"),
                         cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "data file keys required: number, date, place, attendees, agenda" in result.stdout
    assert "paayesh compose example minutes" in result.stdout
    result = run_paayesh("templates", "check", str(ROOT / "templates" / "letter.docx"), "--json")
    keys = json.loads(result.stdout)["data_keys"]
    assert keys["required"] == ["subject", "body", "recipients"]
    assert {"priority", "copies", "references", "signer"} <= set(keys["optional"])
