"""Uploads placed into the inbox (`inbox.drop`): the real watcher takes them, and each
one's outcome is read back from what the watcher left (the record, or the set-aside file
and its reason)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from paayesh_docs.config import load_settings
from paayesh_docs.inbox.drop import Placed, UploadRefused, outcome, place
from paayesh_docs.ingest.limits import Limits
from paayesh_docs.office import init_office
from paayesh_docs.registry import Registry

LETTER = "شماره: ۱۲/ص\nتاریخ: ۱۴۰۵/۰۸/۱۰\nموضوع: درخواست آمار صادرات\nمتن نامه.\n"


@pytest.fixture
def office(tmp_path: Path) -> Path:
    init_office(tmp_path / "office")
    return tmp_path / "office"


def watch_once(office: Path) -> None:
    subprocess.run([sys.executable, "-m", "paayesh_docs", "--home", str(office), "watch",
                    "--once", "--delay", "0"], check=False, capture_output=True, timeout=300)


def test_placed_into_the_subfolder_whole_then_registered(office: Path) -> None:
    settings = load_settings(office)
    placed = place(settings, "C:\\Users\\clerk\\نامه.txt", io.BytesIO(LETTER.encode()),
                   direction="outgoing")
    assert placed.name == "نامه.txt" and placed.folder == "outgoing"
    assert (office / "inbox" / "outgoing" / "نامه.txt").read_text("utf-8") == LETTER
    assert not list((office / "inbox" / "outgoing").glob(".upload-*"))
    with Registry(settings) as registry:
        assert outcome(registry, placed).status == "waiting"
    watch_once(office)
    with Registry(settings) as registry:
        result = outcome(registry, Placed.from_json(placed.as_json()))
    assert result.status == "registered"
    assert result.registry_number and "/ص/" in result.registry_number
    assert result.record["direction"] == "outgoing"


def test_same_name_twice_both_arrive_and_the_second_is_a_duplicate(office: Path) -> None:
    settings = load_settings(office)
    first = place(settings, "a.txt", io.BytesIO(LETTER.encode()))
    second = place(settings, "a.txt", io.BytesIO(LETTER.encode()))
    assert (first.name, second.name) == ("a.txt", "a (2).txt")
    watch_once(office)
    with Registry(settings) as registry:
        one, two = outcome(registry, first), outcome(registry, second)
    assert {one.status, two.status} == {"registered", "duplicate"}
    duplicate = two if two.status == "duplicate" else one
    assert duplicate.registry_number == (one if one is not duplicate else two).registry_number
    assert duplicate.reason["code"] == "duplicate" and "ثبت" in duplicate.reason["fa"]


def test_rejected_with_the_watchers_reason(office: Path) -> None:
    settings = load_settings(office)
    placed = place(settings, "scan.pdf", io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\0" * 100),
                   direction="internal", minutes=True)
    assert placed.folder == "internal/minutes"
    watch_once(office)
    with Registry(settings) as registry:
        result = outcome(registry, placed)
    # a PNG header over nothing: since scans are read by OCR, the reason is that the
    # image is broken (it was "an image needs OCR" before)
    assert result.status == "rejected" and result.reason["code"] == "corrupt_image"
    assert result.reason["fa"] and result.reason["en"]


def test_refused_names_and_sizes_leave_nothing(office: Path) -> None:
    settings = load_settings(office)
    for name in ("~$letter.docx", "x.tmp", ".hidden", "a\nb.txt", ""):
        with pytest.raises(UploadRefused):
            place(settings, name, io.BytesIO(b"x"))
    with pytest.raises(UploadRefused) as refused:
        place(settings, "big.txt", io.BytesIO(b"x" * 5000), limits=Limits(file_bytes=4096))
    assert refused.value.code == "too_large" and "big.txt" in refused.value.fa
    left = [p for p in (office / "inbox").rglob("*") if p.is_file()]
    assert left == []


def test_a_ticket_naming_a_path_is_not_one() -> None:
    good = {"name": "a.txt", "folder": "outgoing", "sha256": "0" * 64, "size": 1,
            "placed_at": 1.0}
    assert Placed.from_json(good).name == "a.txt"
    for bad in ({**good, "name": "../a.txt"}, {**good, "folder": "../x"},
                {**good, "folder": "_rejected"}, {**good, "sha256": "zz"}, {"name": "a"}):
        with pytest.raises(ValueError):
            Placed.from_json(bad)
