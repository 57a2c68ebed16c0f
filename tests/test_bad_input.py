"""Bad input: every broken or hostile file gets a reason a clerk can act on, never a traceback.

The files and the answers expected for them are in `badfiles.py`. Here:

- each file, read by `extract_file`, gets the expected status and reason code, and a
  Persian and an English reason that name the problem;
- every file is read within bounds: all of them in one child process limited to
  500 MB of address space and killed after a generous time, so a runaway parse
  fails by being killed or by running out of memory, never by a timing assert;
- `paayesh extract --json` on the whole folder prints one JSON line per file and no
  traceback.

Files that may hang or exhaust memory (`isolate`) are read only in such a child.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from badfiles import CASES, BadFile, build_all

from paayesh_docs.ingest import extract_file
from paayesh_docs.ingest.limits import DEFAULT_LIMITS, Limits
from paayesh_docs.persian.text import normalize

MEMORY_CAP = 500 * 1024 * 1024  # address space of a child reading bad files
ONE_FILE_KILL = 30  # seconds before a child reading one file is killed as a runaway
ALL_FILES_KILL = 60  # seconds before the child reading every file is killed
PERSIAN = re.compile(r"[\u0600-\u06ff]")
DOUBLED_WORD = re.compile(r"(?<!\w)(\w{2,}) \1(?!\w)")
CODES = {"empty", "corrupt_zip", "zip_bomb", "hostile_xml", "corrupt_xml", "not_docx",
         "encrypted", "legacy_doc", "image", "wrong_type", "corrupt_pdf", "scanned", "too_large",
         "encoding", "binary", "missing", "not_a_file", "permission", "corrupt_image"}

# Run in a child: bounded address space, one JSON line per file read. A MemoryError inside
# the reader is recorded: extract_file turns it into "too_large", which would hide that the
# reader, not a limit, stopped it.
CHILD = r"""
import json, resource, sys, time
cap = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
from paayesh_docs.ingest import extract as pipeline
from paayesh_docs.ingest.limits import Limits

exhausted = []
read_document = pipeline.read_document


def watched(path, limits):
    try:
        return read_document(path, limits)
    except MemoryError:
        exhausted.append(True)
        raise


pipeline.read_document = watched
for line in sys.stdin:
    job = json.loads(line)
    print("reading " + json.dumps(job["file"], ensure_ascii=False), file=sys.stderr, flush=True)
    exhausted.clear()
    start = time.perf_counter()
    result = pipeline.extract_file(job["file"], Limits(**job["limits"]))
    seconds = time.perf_counter() - start
    print(json.dumps({
        "file": result["file"], "status": result["status"], "reason": result["reason"],
        "text": result["text"] and result["text"][:20000], "memory_exhausted": bool(exhausted),
        "seconds": round(seconds, 3),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }, ensure_ascii=False), flush=True)
"""


@pytest.fixture(scope="session")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_all(tmp_path_factory.mktemp("bad"))


def limits_of(case: BadFile) -> Limits:
    return case.limits or DEFAULT_LIMITS


def cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def child_env() -> dict[str, str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("PAAYESH_HOME", None)
    return env


def last_reading(stderr: str | bytes | None) -> str:
    if isinstance(stderr, bytes):
        stderr = stderr.decode("utf-8", "replace")
    started = [line for line in (stderr or "").splitlines() if line.startswith("reading ")]
    return started[-1].removeprefix("reading ") if started else "(none started)"


def read_in_child(jobs: list[tuple[Path, Limits]], kill_after: float) -> list[dict]:
    """extract_file on each file in one child process capped at MEMORY_CAP."""
    stdin = "".join(json.dumps({"file": str(path), "limits": dataclasses.asdict(limits)},
                               ensure_ascii=False) + "\n" for path, limits in jobs)
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, str(MEMORY_CAP)], input=stdin,
                              capture_output=True, text=True, timeout=kill_after,
                              env=child_env())
    except subprocess.TimeoutExpired as expired:
        stuck = last_reading(expired.stderr)
    else:
        stuck = None
    if stuck is not None:
        pytest.fail(f"runaway: killed after {kill_after} s while reading {stuck}")
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 0 and len(results) == len(jobs), (
        f"the child died (exit {done.returncode}) after {len(results)} of {len(jobs)} files, "
        f"reading {last_reading(done.stderr)}:\n{done.stderr[-3000:]}")
    return results


def check_answer(case: BadFile, path: Path, result: dict) -> None:
    reason = result["reason"]
    assert (result["status"], reason and reason["code"]) == (case.status, case.code), (
        f"{case.kind}: expected {case.status}/{case.code}, got {result['status']}: {reason}"
        + (f"\n  (choice: {case.why})" if case.why else ""))
    assert result["file"] == str(path)
    assert "root:x:0:" not in (result["text"] or ""), "an external entity was resolved"
    if case.status == "ok":
        assert reason is None
        for word in case.text_words:
            assert normalize(word) in result["text"], (case.kind, word, result["text"][:300])
        return
    assert result["text"] is None
    fa, en = reason["fa"], reason["en"]
    assert PERSIAN.search(fa) and fa.strip(), f"{case.kind}: the Persian reason is {fa!r}"
    assert re.search("[A-Za-z]{3}", en), f"{case.kind}: the English reason is {en!r}"
    for word in case.en_words:
        assert word.lower() in en.lower(), f"{case.kind}: {word!r} not in the reason {en!r}"
    for word in case.fa_words:
        assert word in fa, f"{case.kind}: {word!r} not in the reason {fa!r}"
    for text in (fa, en):
        assert not DOUBLED_WORD.search(text), f"{case.kind}: a doubled word in {text!r}"


def test_the_catalogue_covers_every_reason() -> None:
    assert len(CASES) >= 28
    assert len({case.kind for case in CASES}) == len(CASES)
    assert len({case.name for case in CASES}) == len(CASES)
    assert {case.code for case in CASES} >= CODES
    assert {case.status for case in CASES} == {"ok", "rejected", "ignored"}


@pytest.mark.parametrize("case", CASES, ids=[case.kind for case in CASES])
def test_bad_file_gets_the_right_answer(case: BadFile, bad_files: dict[str, Path]) -> None:
    if case.kind not in bad_files:
        pytest.skip(case.skip() if case.skip else "this filesystem refuses the name")
    path = bad_files[case.kind]
    if case.isolate:
        result = read_in_child([(path, limits_of(case))], ONE_FILE_KILL)[0]
        assert not result["memory_exhausted"], (
            f"{case.kind}: the reader ran out of the {MEMORY_CAP // 2**20} MB address space "
            f"after {result['seconds']} s; its answer was {result['reason']}")
    else:
        result = extract_file(path, limits_of(case))
    check_answer(case, path, result)


def test_every_bad_file_is_read_within_bounds(bad_files: dict[str, Path]) -> None:
    """All files in one process: capped memory, killed if the whole set runs away."""
    jobs = [(bad_files[case.kind], limits_of(case)) for case in CASES if case.kind in bad_files]
    results = read_in_child(jobs, ALL_FILES_KILL)
    exhausted = [(r["file"], r["seconds"]) for r in results if r["memory_exhausted"]]
    assert not exhausted, f"ran out of {MEMORY_CAP // 2**20} MB reading: {exhausted}"
    statuses = {r["status"] for r in results}
    assert statuses <= {"ok", "rejected", "ignored"}
    unexpected = [(r["file"], r["reason"]) for r in results
                  if r["reason"] and r["reason"]["code"] == "unreadable"]
    assert not unexpected, f"reader errors that escaped as 'unreadable': {unexpected}"


def test_paayesh_extract_json_on_the_whole_bad_folder(bad_files: dict[str, Path]) -> None:
    files = [str(path) for path in bad_files.values()]
    try:
        done = subprocess.run(
            [sys.executable, "-m", "paayesh_docs", "extract", "--json", "--no-text", "--",
             *files],
            capture_output=True, text=True, timeout=ALL_FILES_KILL, env=child_env(),
            preexec_fn=cap_memory, cwd=next(iter(bad_files.values())).parent)
    except subprocess.TimeoutExpired as expired:
        answered = (expired.stdout or b"").count(b"\n")  # one complete line per file
        done = None
    if done is None:
        pytest.fail(f"runaway: `paayesh extract` killed after {ALL_FILES_KILL} s, having "
                    f"answered {answered} of {len(files)} files; stuck at "
                    f"{files[answered:answered + 1]}")
    lines = done.stdout.splitlines()
    assert len(lines) == len(files), done.stdout[-2000:] + done.stderr[-2000:]
    results = [json.loads(line) for line in lines]
    assert [r["file"] for r in results] == files
    assert {r["status"] for r in results} == {"ok", "rejected", "ignored"}
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == 1, done.stderr[-3000:]  # some files were rejected
