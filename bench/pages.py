"""Every page's server time at 100,000 records, one client at a time, the inbox quiet.

    python bench/pages.py [--records 100000] [--runs 7]

bench/web.py measures the two pages evaluators ask for most (search and a record) under
load; this one walks every other page a clerk or an evaluator opens — the tracking page,
a year's report, the register (first and a late page), the OCR review list, the upload
and paper registration forms — on a registry built like one that has lived for years
(bench/generate.py, then the index and tracking), through the real `paayesh serve`, as
an administrator (top secret: nothing hidden) and as an evaluator or clerk of normal
clearance (what is classified above them counted nowhere, which costs its own work).
Each page is asked for `--runs` times; the first answer (caches filling) is printed
apart, then the median and the slowest of the rest, from `Server-Timing: app;dur=`.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import tempfile
from pathlib import Path

from common import emit
from generate import build_indexed_office
from web import Serving, load, server_time

PAGES = {
    "tracking": ("/tracking", ("admin", "evaluator")),
    "report_year": ("/reports?period=1405", ("admin", "evaluator")),
    "register_first_page": ("/book?year=1405", ("admin", "evaluator")),
    "register_page_400": ("/book?year=1405&page=400", ("admin", "evaluator")),
    "review_list": ("/review", ("admin", "clerk")),
    "paper_form": ("/register", ("clerk",)),
    "upload_form": ("/upload", ("clerk",)),
    "search_empty": ("/", ("admin", "evaluator")),
}
ACCOUNTS = {"admin": ("admin", "top_secret"), "evaluator": ("evaluator", "normal"),
            "clerk": ("clerk", "normal")}


def main() -> None:
    import httpx

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    from paayesh_docs.access.users import Users
    from paayesh_docs.config import load_settings

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "office"
        built = build_indexed_office(home, args.records)
        emit("pages", "build_synthetic", built, "s", records=args.records)
        users = Users(load_settings(home).registry)
        tokens = {}
        for name, (role, clearance) in ACCOUNTS.items():
            users.add(name, role, clearance, "bench-password-1405")
            tokens[name] = users.new_token(name)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        serving = Serving(home, port)
        try:
            for figure, (path, who) in PAGES.items():
                for name in who:
                    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=600,
                                      headers={"Authorization": f"Bearer {tokens[name]}"}
                                      ) as http:
                        times = []
                        for _ in range(args.runs):
                            answer = http.get(path)
                            if answer.status_code != 200:
                                raise SystemExit(f"{path} as {name}: {answer.status_code}")
                            times.append(server_time(answer) or 0.0)
                    rest = times[1:]
                    emit("pages", f"{figure}_{name}", statistics.median(rest) * 1000, "ms",
                         slowest_ms=round(max(rest) * 1000, 1),
                         first_ms=round(times[0] * 1000, 1), path=path, runs=len(rest),
                         records=args.records, load_average=load())
        finally:
            serving.stop()


if __name__ == "__main__":
    main()
