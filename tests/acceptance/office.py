"""An office run the way people run it: `paayesh init`, the watcher in the background,
files dropped the ways clerks drop them, commands as fresh processes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from conftest import run_paayesh

# Folders the product writes in the inbox: files set aside, and the daily lists.
SET_ASIDE = ("_duplicates", "_rejected", "_registered")
WAIT = 180.0  # seconds: the longest any condition is waited for before the test fails
DELAY = 0.5  # the watcher's --delay


def wait_for(condition: Callable[[], Any], what: str, timeout: float = WAIT,
             every: float = 0.1) -> Any:
    """Poll `condition` until it gives something true; fail naming `what`."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:.0f} s for {what}")
        time.sleep(every)


def no_traceback(result: subprocess.CompletedProcess[str] | str) -> None:
    stderr = result if isinstance(result, str) else result.stderr
    assert "Traceback" not in stderr, stderr


class Watcher:
    """`paayesh watch` in the background, its output in files (a pipe could fill up);
    or, given `command`, another long-running job that watches the inbox (`paayesh
    serve`), started once it says it is watching."""

    def __init__(self, home: Path, number: int,
                 command: tuple[str, ...] = ("watch", "--delay", str(DELAY))) -> None:
        self.home = home
        self.out_path = home.parent / f"watch-{number}.out"
        self.err_path = home.parent / f"watch-{number}.err"
        self._out: IO[bytes] = self.out_path.open("wb")
        self._err: IO[bytes] = self.err_path.open("wb")
        env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
        env.pop("PAAYESH_HOME", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "paayesh_docs", "--home", str(home), *command],
            stdout=self._out, stderr=self._err, env=env)
        wait_for(lambda: "watching" in self.stdout or self.process.poll() is not None,
                 "the watcher to start")
        assert self.process.poll() is None, self.stderr

    @property
    def stdout(self) -> str:
        return self.out_path.read_text("utf-8", errors="replace")

    @property
    def stderr(self) -> str:
        return self.err_path.read_text("utf-8", errors="replace")

    def kill(self) -> None:
        """kill -9, as a power cut or an impatient administrator would. Its follower sees
        the pipe close and exits by itself."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(60)
        self._close()

    def stop(self) -> None:
        """SIGTERM (systemd's stop): it finishes the file in hand and exits 0, quietly."""
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(120)
        self._close()
        no_traceback(self.stderr)
        assert code == 0, (code, self.stderr)

    def _close(self) -> None:
        if not self._out.closed:
            self._out.close()
            self._err.close()


class Office:
    """A fresh office made by `paayesh init`, with the season's letterhead and signer."""

    def __init__(self, folder: Path, compose_config: str) -> None:
        self.home = folder / "office"
        result = run_paayesh("init", str(self.home))
        no_traceback(result)
        assert result.returncode == 0, result.stderr
        config = self.home / "paayesh.toml"
        text = config.read_text("utf-8")
        cut = text.index("[compose]")  # the clerk fills in the [compose] section
        config.write_text(text[:cut] + compose_config.lstrip(), "utf-8")
        self.inbox = self.home / "inbox"
        self.watchers: list[Watcher] = []

    def run(self, *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
        result = run_paayesh("--home", str(self.home), *args)
        no_traceback(result)
        assert result.returncode == code, (args, result.stdout, result.stderr)
        return result

    def json(self, *args: str) -> Any:
        return json.loads(self.run(*args, "--json").stdout)

    def watch(self) -> Watcher:
        watcher = Watcher(self.home, len(self.watchers) + 1)
        self.watchers.append(watcher)
        return watcher

    def serve(self, port: int) -> Watcher:
        """`paayesh serve` (the main job: the web application with the watcher beside it)
        on `port`, with the watcher's delay the other runs give `paayesh watch`."""
        config = self.home / "paayesh.toml"
        text = config.read_text("utf-8")
        assert "\ndelay = 2.0\n" in text, "paayesh init no longer writes [watch] delay = 2.0"
        config.write_text(text.replace("\ndelay = 2.0\n", f"\ndelay = {DELAY}\n", 1), "utf-8")
        watcher = Watcher(self.home, len(self.watchers) + 1, ("serve", "--port", str(port)))
        wait_for(lambda: f":{port}/" in watcher.stdout or watcher.process.poll() is not None,
                 "the web application to listen")
        assert watcher.process.poll() is None, watcher.stderr
        self.watchers.append(watcher)
        return watcher

    def close(self) -> None:
        """Kill whatever watcher is still running (a test that failed before stopping it)."""
        for watcher in self.watchers:
            if watcher.process.poll() is None:
                watcher.kill()

    def start(self, *args: str) -> subprocess.Popen[str]:
        """A command started in the background (compose while the watcher works)."""
        env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
        env.pop("PAAYESH_HOME", None)
        return subprocess.Popen([sys.executable, "-m", "paayesh_docs", "--home",
                                 str(self.home), *args], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=env)

    # -- what is in the inbox ------------------------------------------------------

    def waiting(self) -> list[Path]:
        """Files still in the inbox (or being worked on), set-aside ones not counted."""
        found = []
        for path in self.inbox.rglob("*"):
            parts = path.relative_to(self.inbox).parts
            if path.is_file() and parts[0] not in SET_ASIDE:
                found.append(path)
        return found

    def set_aside(self, folder: str) -> list[str]:
        place = self.inbox / folder
        return sorted(p.name for p in place.iterdir()) if place.is_dir() else []

    def registered_lines(self) -> int:
        log = self.home / "registry" / "logs" / "watch.log"
        if not log.exists():
            return 0
        return log.read_text("utf-8", errors="replace").count(" registered ")

    def copy_in(self, source: Path, folder: str, name: str | None = None) -> Path:
        target = self.inbox / folder / (name or source.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
        return target
