"""The README is tested: every `paayesh …` example line of its code blocks (and the inline
ones that name no placeholder, and any example in `paayesh --help`) runs in a fresh
office with the files it names, and exits as documented, with no traceback.

The lines run in the README's order through a real shell (comments, quotes and globs as a
clerk's shell reads them), with `~` a temporary home and `paayesh` the command of this
checkout. The office is made by the README's own `paayesh init ~/office` line and given
what the other lines name: `inbox/letter.docx`, a PDF, `letter.toml` (the README's own
data file example), `minutes.toml`, `report.toml`, the agent's reports a supervisor
report needs, and the records `show 1405/و/000123` and `thread 1405/ص/000015` ask for.
A `paayesh watch` line without `--once` is stopped with SIGTERM once it is watching, a
`paayesh serve` line (on a free port) once it says its address; a `--password-stdin`
line is given a password on standard input.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import tracking_scenario as scenario
from compose_samples import AGENT_REPORT, CLUSTER, MINUTES, OFFICE_CONFIG, REPORT
from groundtruth import WRITERS

from acceptance.office import no_traceback, wait_for

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"

# Inline examples that stand for a kind of argument rather than one to type.
PLACEHOLDERS = ("FILE...", " DIR", " ID", "شماره‌ثبت", "عبارت جستجو", "…")
# Exit codes the README documents other than 0.
EXIT = {'paayesh text compare "نام" "نامه"': 1}  # "does not find": like grep, exits 1
INIT = "paayesh init ~/office"


def readme_lines() -> list[str]:
    """Every `paayesh …` line of the README's code blocks, then its inline examples."""
    text = README.read_text("utf-8")
    lines, inside = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            inside = not inside
        elif inside and line.startswith("paayesh "):
            lines.append(line.strip())
    for span in re.findall(r"`(paayesh [^`]+)`", text):
        shown = [_command(line) for line in lines]
        if any(mark in span for mark in PLACEHOLDERS) or span in ("paayesh init", *shown):
            continue
        if any(line.startswith(span + " ") for line in shown):
            continue  # a command named in prose, shown in full in a code block
        lines.append(span)
    return list(dict.fromkeys(lines))


def _command(line: str) -> str:
    """The line without its trailing `# comment`."""
    return re.sub(r"\s+#.*$", "", line).strip()


def help_examples() -> list[str]:
    result = subprocess.run([sys.executable, "-m", "paayesh_docs", "--help"],
                            capture_output=True, text=True, timeout=120)
    return [line.strip() for line in result.stdout.splitlines()
            if line.strip().startswith("paayesh ")]


LINES = readme_lines()


class Shell:
    """A clerk's shell: `~` is a temporary home, `paayesh` this checkout's command."""

    def __init__(self, home: Path) -> None:
        self.home = home
        bin_folder = home / "bin"
        bin_folder.mkdir(parents=True)
        command = bin_folder / "paayesh"
        command.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m paayesh_docs "$@"\n')
        command.chmod(0o755)
        self.env = {**os.environ, "HOME": str(home), "PYTHONIOENCODING": "utf-8",
                    "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}"}
        self.env.pop("PAAYESH_HOME", None)
        self.office = home / "office"

    def run(self, line: str, cwd: Path,
            input: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["bash", "-c", line], cwd=cwd, env=self.env, input=input,
                              capture_output=True, text=True, timeout=300)

    def start(self, line: str, out: Path, err: Path) -> subprocess.Popen[bytes]:
        with out.open("wb") as stdout, err.open("wb") as stderr:
            return subprocess.Popen(["bash", "-c", f"exec {line}"], cwd=self.office,
                                    env=self.env, stdout=stdout, stderr=stderr)


def _letter_toml() -> str:
    """The README's own example of a letter's data file (the TOML block after it)."""
    text = README.read_text("utf-8")
    start = text.index("A letter's data file")
    block = text[text.index("```toml\n", start) + len("```toml\n"):]
    return block[:block.index("```")]


def _furnish(shell: Shell) -> None:
    """What the README's lines name, in the office its `init` line made."""
    office = shell.office
    config = office / "paayesh.toml"
    text = config.read_text("utf-8")
    cut = text.index("[compose]")  # the clerk fills in the letterhead and the signers
    config.write_text(text[:cut] + OFFICE_CONFIG.lstrip(), "utf-8")
    papers = {doc.key: doc for doc in scenario.DOCS}
    WRITERS["docx-header"][1](papers["E1"].spec(), office / "inbox" / "letter.docx")
    WRITERS["pdf"][1](papers["R1"].spec(), office / "inbox" / "letter.pdf")
    _scan(office / "inbox" / "letter.pdf", office / "inbox" / "scan-0012.png")
    (office / "letter.toml").write_text(_letter_toml(), "utf-8")
    (office / "نامه.toml").write_text(_letter_toml(), "utf-8")
    (office / "minutes.toml").write_text(MINUTES, "utf-8")
    (office / "report.toml").write_text(REPORT.format(percent=-10), "utf-8")
    # the records the lines ask for: 123 incoming (show 1405/و/000123), among them the
    # cluster's agent report; 15 outgoing (thread 1405/ص/000015), among them «۳۱۴۱/ص»
    samples = shell.home / "samples"
    incoming, outgoing = samples / "incoming", samples / "outgoing"
    incoming.mkdir(parents=True)
    outgoing.mkdir(parents=True)
    (incoming / "000-agent.txt").write_text(AGENT_REPORT.format(
        quarter="دوم", cluster=CLUSTER, number="۵۵/ع", date="۱۴۰۵/۰۷/۰۵"), "utf-8")
    for n in range(1, 123):
        (incoming / f"{n:03d}.txt").write_text(
            f"شماره: {n}/ب\nتاریخ: ۱۴۰۵/۰۷/۰۱\nموضوع: نامه وارده شماره {n}\nبا سلام\n", "utf-8")
    for n in range(1, 15):
        (outgoing / f"{n:03d}.txt").write_text(
            f"شماره: {n}/ص\nتاریخ: ۱۴۰۵/۰۷/۰۲\nموضوع: نامه صادره شماره {n}\nبا سلام\n", "utf-8")
    WRITERS["txt"][1](papers["C7"].spec(), outgoing / "015-C7.txt")
    for folder, direction in ((incoming, "incoming"), (outgoing, "outgoing")):
        files = sorted(str(p) for p in folder.iterdir())
        result = shell.run(f"paayesh ingest --direction {direction} " + " ".join(
            f"'{f}'" for f in files), cwd=office)
        assert result.returncode == 0, result.stderr


def _scan(pdf: Path, png: Path) -> None:
    """The README's scan: the PDF letter's first page as a 200-dpi grey scan."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        document[0].render(scale=200 / 72, grayscale=True).to_pil().save(png, dpi=(200, 200))
    finally:
        document.close()


@pytest.fixture(scope="module")
def shell(tmp_path_factory: pytest.TempPathFactory) -> Shell:
    shell = Shell(tmp_path_factory.mktemp("home"))
    result = shell.run(INIT, cwd=shell.home)  # the README's own line makes the office
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    _furnish(shell)
    return shell


def test_the_readme_has_its_examples() -> None:
    assert INIT in [_command(line) for line in LINES]
    assert len(LINES) > 30
    assert help_examples() == [] or all(line.startswith("paayesh ") for line in help_examples())


def _year(shell: Shell) -> str:
    """Registry numbers run per Jalali year: the README's 1405 is this year's."""
    from paayesh_docs.persian.dates import today_jalali

    return str(today_jalali().year)


@pytest.mark.parametrize("line", [line for line in LINES + help_examples()
                                  if _command(line) != INIT], ids=_command)
def test_readme_line(shell: Shell, line: str) -> None:
    command = _command(line)
    command = re.sub(r"\b1405/([وصد])/", lambda m: f"{_year(shell)}/{m.group(1)}/", command)
    serve = re.match(r"paayesh serve\b", command)
    if serve or (re.match(r"paayesh watch\b", command) and "--once" not in command):
        out, err = shell.home / "watch.out", shell.home / "watch.err"
        if serve:  # the README's port may be taken on this machine: a free one instead
            command = re.sub(r"\s--port\s+\d+", "", command) + f" --port {_free_port()}"
        ready = "http://" if serve else "watching"
        # the inbox's papers are the later lines' («paayesh extract inbox/scan-0012.png»):
        # held aside while a watcher runs, which on a loaded machine had registered the
        # scan before it was stopped, and the line after found no file
        held = shell.home / "held"
        held.mkdir(exist_ok=True)
        papers = [path for path in (shell.office / "inbox").iterdir() if path.is_file()]
        for path in papers:
            path.rename(held / path.name)
        process = shell.start(command, out, err)
        try:
            wait_for(lambda: process.poll() is not None or ready in out.read_text("utf-8"),
                     "the watcher or server to start")
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
            process.wait(120)
            for path in papers:
                (held / path.name).rename(path)
        no_traceback(err.read_text("utf-8"))
        assert process.returncode == 0, (command, out.read_text("utf-8"), err.read_text("utf-8"))
        return
    password = "readme-pass-1405\n" if "--password-stdin" in command else None
    result = shell.run(command, cwd=shell.office, input=password)
    no_traceback(result)
    assert result.returncode == EXIT.get(command, 0), (command, result.stdout, result.stderr)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]

