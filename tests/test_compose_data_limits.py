"""Hostile compose data files, through the real command: each is refused with a reason in
Persian and English naming the file, exit code 2, no traceback, nothing numbered."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from compose_samples import LETTER, make_office, write
from conftest import run_paayesh


def _deep_json(folder: Path) -> Path:
    return write(folder, "deep.json", '{"subject": ' + "[" * 100_000 + "]" * 100_000 + "}")


def _deep_toml(folder: Path) -> Path:
    return write(folder, "deep.toml", "subject = " + "[" * 50_000 + "]" * 50_000 + "\n")


def _nested_tables(folder: Path) -> Path:  # deep enough to parse, too deep to walk
    return write(folder, "nested.json", '{"subject": ' + '{"a": ' * 200 + "1" + "}" * 200 + "}")


def _alias_bomb(folder: Path) -> Path:
    """About 700 bytes of aliases of aliases that stand for 9**9 strings."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(8):
        name, previous = chr(98 + level), chr(97 + level)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    return write(folder, "bomb.yaml", "\n".join(lines) + "\n")


def _huge_body(folder: Path) -> Path:
    path = folder / "huge.toml"
    with path.open("w", encoding="utf-8") as stream:
        stream.write('subject = "x"\nbody = """')
        for _ in range(50):
            stream.write("ارزش کالاهای معطل در گمرک " * 40_000)
        stream.write('"""\n')
    return path


def _long_body(folder: Path) -> Path:
    return write(folder, "long.toml", LETTER.replace('body = """', 'body = """' + "ا" * 300_000))


def _dev_zero(folder: Path) -> Path:
    path = folder / "zero.toml"
    path.symlink_to("/dev/zero")
    return path


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.toml"
    os.mkfifo(path)
    return path


CASES = {
    "deep_json": (_deep_json, "تودرتو", "nested deeper"),
    "deep_toml": (_deep_toml, "تودرتو", "nested deeper"),
    "nested_tables": (_nested_tables, "تودرتو", "nested deeper"),
    "alias_bomb": (_alias_bomb, "alias", "YAML alias"),
    "huge_body": (_huge_body, "حجم فایل داده", "too large"),
    "long_body": (_long_body, "«body»", "longer than the limit"),
    "dev_zero": (_dev_zero, "فایل معمولی نیست", "pipe or a device"),
    "fifo": (_fifo, "فایل معمولی نیست", "pipe or a device"),
}


@pytest.mark.parametrize("case", CASES)
def test_hostile_data_file_is_refused_by_name(tmp_path: Path, case: str) -> None:
    office = make_office(tmp_path / "office")
    make, fa, en = CASES[case]
    data = make(tmp_path)
    result = run_paayesh("--home", str(office), "compose", "letter", "--data", str(data))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert data.name in result.stderr
    assert fa in result.stderr and en in result.stderr
    assert not list((office / "outbox").iterdir())
    assert not list((office / "registry").glob("**/*.docx"))


def test_an_ordinary_yaml_anchor_without_alias_is_still_read(tmp_path: Path) -> None:
    from paayesh_docs.compose.data import load_data

    data = write(tmp_path, "anchor.yaml", "subject: &s موضوع\nbody: متن\n")
    assert load_data(data) == {"subject": "موضوع", "body": "متن"}
