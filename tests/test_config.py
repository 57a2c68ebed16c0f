"""The office: init, finding the home folder, and paayesh.toml with defaults for everything."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from paayesh_docs.config import ConfigError, Settings, default_config_text, find_home, load_settings
from paayesh_docs.office import init_office

ROOT = Path(__file__).resolve().parent.parent


def test_default_config_file_says_exactly_the_defaults(tmp_path: Path) -> None:
    (tmp_path / "paayesh.toml").write_text(default_config_text(), encoding="utf-8")
    assert load_settings(tmp_path) == Settings(home=tmp_path)


def test_repo_root_is_a_ready_office() -> None:
    settings = load_settings(ROOT)
    for name in ("inbox", "outbox", "registry", "templates"):
        assert settings.folder(name).is_dir(), name
    assert tomllib.loads((ROOT / "paayesh.toml").read_text("utf-8"))


def test_init_makes_folders_and_config_and_never_overwrites(tmp_path: Path) -> None:
    office = tmp_path / "دفتر"
    made = init_office(office)
    assert {p.name for p in made} == {"paayesh.toml", "inbox", "outbox", "registry", "templates",
                                      "letter.docx", "letter.html", "minutes.docx",
                                      "minutes.html", "supervisor_report.docx",
                                      "supervisor_report.html", "paayesh.css"}
    (office / "paayesh.toml").write_text('[calendar]\nweekend = ["thursday", "friday"]\n', "utf-8")
    assert init_office(office) == []
    assert load_settings(office).calendar.weekend == ("thursday", "friday")


def test_home_is_nearest_folder_upward_with_config(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("PAAYESH_HOME", raising=False)
    init_office(tmp_path / "office")
    deep = tmp_path / "office" / "inbox" / "a" / "b"
    deep.mkdir(parents=True)
    assert find_home(start=deep) == (tmp_path / "office").resolve()
    assert find_home(start=tmp_path) == tmp_path.resolve()
    assert find_home(start=deep, explicit=tmp_path / "x") == (tmp_path / "x").resolve()
    monkeypatch.setenv("PAAYESH_HOME", str(tmp_path / "env"))
    assert find_home(start=deep) == (tmp_path / "env").resolve()


def test_folder_names_come_from_config(tmp_path: Path) -> None:
    (tmp_path / "paayesh.toml").write_text('[folders]\ninbox = "ورودی"\n', "utf-8")
    settings = load_settings(tmp_path)
    assert settings.inbox == tmp_path / "ورودی"
    assert settings.registry == tmp_path / "registry"


@pytest.mark.parametrize(
    ("content", "named"),
    [
        ("[folders]\ninbx = 'x'\n", "inbx"),
        ("[calender]\n", "calender"),
        ("[calendar]\nweekend = 'friday'\n", "weekend"),
        ("[numbering]\nformat = 3\n", "format"),
        ("[folders\n", "not valid TOML"),
        ("folders = 3\n", "folders"),
        ("[watch]\nrescan = 0\n", "rescan"),
        ("[watch]\ndelay = -1\n", "delay"),
        ("[watch]\nretries = 2.5\n", "retries"),
    ],
)
def test_bad_config_names_file_and_key(tmp_path: Path, content: str, named: str) -> None:
    (tmp_path / "paayesh.toml").write_text(content, "utf-8")
    with pytest.raises(ConfigError) as error:
        load_settings(tmp_path)
    assert named in str(error.value)
    assert "paayesh.toml" in str(error.value)
