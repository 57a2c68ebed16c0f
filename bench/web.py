"""Benchmark the web application beside the watcher, at 100,000 records.

    python bench/web.py [--records 100000] [--clients 20] [--files 600]

Goals (issue 15): with the watcher ingesting at the same time and 20 concurrent clients
(httpx), search page p95 <= 50 ms and record page p95 <= 100 ms; the watcher's files
per second drop by no more than 20 % against the same run without clients.

`paayesh serve` (the pages, with the watcher in its child process) runs on a registry built like
one that has lived for years (bench/generate.py, then the search index and tracking).
After 50 letters that warm the caches, three bursts of `--files` one-page DOCX letters
are renamed into the inbox, as a copy ends: the first and the third with no client (the
machine is shared and its load drifts, so the drop is said against the first and against
both), the second while `--clients` httpx clients, each signed in with an API token, ask
for the search page (a query from a list of domain words, every fifth with a date range)
and a record page (a random id), one after another as fast as answers come, until the
burst is registered.
A file counts as registered when the server prints its line.

Response times are the server's own when it says them (`Server-Timing: app;dur=…`),
else measured by the clients (time to the whole answer, on localhost: queueing behind
the other 19 clients and the clients' own share of the cores included, an upper bound
of the server's time). Then one client alone, the inbox quiet, for 30 s: each answer's
time without a queue. Every figure carries the load average of the machine.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import emit
from extract import make_letters
from generate import build_indexed_office
from watch import docx_variants, drop

QUERIES = ["صادرات", "موانع صادرات", "کمیته پایش", "صورت جلسه", "گمرک استان", "تعرفه",
           "بازارچه مرزی", "رییس سازمان", "آمار ماهانه", "دبیرخانه شورای عالی"]
_NAME = re.compile(r"[\w-]+\.docx")


class Serving:
    """The real `paayesh serve` and when each file's line came out."""

    def __init__(self, home: Path, port: int) -> None:
        env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONUNBUFFERED": "1"}
        env.pop("PAAYESH_HOME", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "paayesh_docs", "--home", str(home), "serve", "--port",
             str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        self.seen: dict[str, float] = {}
        self._ready = threading.Event()
        self._changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        if not self._ready.wait(600):
            raise SystemExit("paayesh serve did not start")

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            now = time.perf_counter()
            if "http://" in line:
                self._ready.set()
            found = _NAME.search(line)
            if found:
                with self._changed:
                    self.seen[found.group()] = now
                    self._changed.notify_all()

    def wait_for(self, names: list[str], timeout: float = 1800) -> None:
        with self._changed:
            if not self._changed.wait_for(lambda: all(n in self.seen for n in names), timeout):
                raise SystemExit(f"{sum(n not in self.seen for n in names)} files not reported")

    def rate(self, names: list[str]) -> float:
        times = sorted(self.seen[n] for n in names)
        return (len(times) - 1) / (times[-1] - times[0])

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=120)


def client(url: str, token: str, records: int, seed: int, stop: threading.Event,
           timings: dict[str, list[float]], errors: list[str],
           waited: dict[str, list[float]] | None = None) -> None:
    """One reader: the search page and a record page in turn, until `stop`."""
    import httpx

    rng = random.Random(seed)
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"},
                      timeout=60) as http:
        while not stop.is_set():
            params = {"q": rng.choice(QUERIES)}
            if rng.random() < 0.2:
                params.update(since="1405/03/01", until="1405/09/30")
            for page, path, query in (("search", "/", params),
                                      ("record", f"/records/{rng.randint(1, records)}", None)):
                start = time.perf_counter()
                answer = http.get(path, params=query)
                elapsed = time.perf_counter() - start
                if answer.status_code != 200:
                    errors.append(f"{path} {answer.status_code}")
                said = server_time(answer)
                SERVER_SAID.append(said is not None)
                timings[page].append(said or elapsed)
                if waited is not None:
                    waited[page].append(elapsed)


SERVER_SAID: list[bool] = []  # whether each answer carried the server's own time


def server_time(answer: object) -> float | None:
    """The server's own time for an answer, when it says it (`Server-Timing: app;dur=MS`)."""
    found = re.search(r"dur=([\d.]+)", getattr(answer, "headers", {}).get("server-timing", ""))
    return float(found.group(1)) / 1000 if found else None


def load() -> float:
    return round(os.getloadavg()[0], 1)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--files", type=int, default=600, help="DOCX letters a burst")
    args = parser.parse_args()

    from paayesh_docs.access.users import Users
    from paayesh_docs.config import load_settings

    with tempfile.TemporaryDirectory() as tmp:
        home, staging = Path(tmp) / "office", Path(tmp) / "staging"
        staging.mkdir()
        built = build_indexed_office(home, args.records)
        emit("web", "build_synthetic", built, "s", records=args.records)
        users = Users(load_settings(home).registry)
        users.add("reader", "evaluator", "top_secret", "bench-password-1405")
        token = users.new_token("reader")
        template = make_letters(staging, 1)[0]
        warm = docx_variants(template, staging, "w", 50)
        quiet = docx_variants(template, staging, "q", args.files)
        busy = docx_variants(template, staging, "b", args.files)
        again = docx_variants(template, staging, "a", args.files)
        template.unlink()

        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        serving = Serving(home, port)
        url = f"http://127.0.0.1:{port}"
        inbox = home / "inbox"
        try:
            names = [p.name for p in warm]  # 0. not measured: the first files warm caches
            drop(warm, inbox)
            serving.wait_for(names)
            names = [p.name for p in quiet]  # 1. the watcher alone
            drop(quiet, inbox)
            serving.wait_for(names)
            alone = serving.rate(names)
            emit("web", "watcher_files_per_s_without_clients", alone, "files/s",
                 files=len(names), records=args.records, load_average=load())

            timings: dict[str, list[float]] = {"search": [], "record": []}
            waited: dict[str, list[float]] = {"search": [], "record": []}
            errors: list[str] = []
            stop = threading.Event()
            readers = [threading.Thread(target=client, args=(
                url, token, args.records, seed, stop, timings, errors, waited), daemon=True)
                for seed in range(args.clients)]
            for reader in readers:
                reader.start()
            time.sleep(2)  # the clients signed in and asking before the burst lands
            names = [p.name for p in busy]  # 2. the same burst with the clients
            drop(busy, inbox)
            serving.wait_for(names)
            stop.set()
            for reader in readers:
                reader.join()
            beside = serving.rate(names)
            busy_load = load()
            # 3. the watcher alone once more: the machine is shared, and its load drifts
            # between bursts; the drop is also said against both bursts without clients
            names = [p.name for p in again]
            drop(again, inbox)
            serving.wait_for(names)
            after = serving.rate(names)
            emit("web", "watcher_files_per_s_without_clients_after", after, "files/s",
                 files=len(names), records=args.records, load_average=load())
            emit("web", "watcher_files_per_s_with_clients", beside, "files/s",
                 files=len(busy), clients=args.clients, records=args.records,
                 drop=f"{(1 - beside / alone) * 100:.1f} %",
                 drop_against_both=f"{(1 - 2 * beside / (alone + after)) * 100:.1f} %",
                 goal="drop <= 20 %", load_average=busy_load)
            measured = ("by the server (Server-Timing: thread-pool waits included)"
                        if SERVER_SAID and all(SERVER_SAID) else
                        "by the clients, whole answer, localhost (queueing included)")
            for page, goal in (("search", "<= 50 ms"), ("record", "<= 100 ms")):
                values = timings[page]
                # beside the server's own time, what the clients waited for the whole
                # answer (their own share of the cores and the queue before the
                # application included): how far the two are apart is the queue
                emit("web", f"{page}_page_p95", p95(values) * 1000, "ms", goal=goal,
                     p50=round(statistics.median(values) * 1000, 1), requests=len(values),
                     clients=args.clients, records=args.records, measured=measured,
                     client_p95=round(p95(waited[page]) * 1000, 1),
                     client_p50=round(statistics.median(waited[page]) * 1000, 1),
                     load_average=busy_load)
            # 4. one client alone, the inbox quiet: each answer's own time, no queue
            alone_timings: dict[str, list[float]] = {"search": [], "record": []}
            stop = threading.Event()
            one = threading.Thread(target=client, args=(
                url, token, args.records, 99, stop, alone_timings, errors), daemon=True)
            one.start()
            time.sleep(30)
            stop.set()
            one.join()
            for page in ("search", "record"):
                values = alone_timings[page]
                emit("web", f"{page}_page_p95_one_client", p95(values) * 1000, "ms",
                     p50=round(statistics.median(values) * 1000, 1), requests=len(values),
                     records=args.records, measured=measured, load_average=load())
            if errors:
                print(f"{len(errors)} answers were not 200, e.g. {errors[:3]}", file=sys.stderr)
        finally:
            serving.stop()


if __name__ == "__main__":
    main()
