"""Corrections through the real commands: `edit`, `void`, `register`, `show --history`.

A clerk corrects the register the way a paper one is corrected: every change is kept
(when, who, the old value), a voided record keeps its number, is marked «ابطال‌شده»
where it is listed and leaves tracking; search and `check` follow the latest revision.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import run_paayesh

LETTER = """شماره: ۱۲۳/ص/۱۴۰۵
تاریخ: ۱۴۰۵/۰۸/۲۱

ریاست محترم کمیته پایش تجارت خارجی استان

موضوع: گزارش صادرات خرما

با سلام، گزارش صادرات خرمای استان به پیوست تقدیم می‌شود.

اداره کل گمرک استان
"""
MINISTER = "وزیر محترم صنعت، معدن و تجارت"


class Office:
    def __init__(self, home: Path) -> None:
        self.home = home

    def run(self, *args: str, code: int = 0) -> str:
        result = run_paayesh("--home", str(self.home), *args)
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == code, (args, result.stdout, result.stderr)
        return result.stdout if code == 0 else result.stdout + result.stderr

    def json(self, *args: str) -> Any:
        return json.loads(self.run(*args, "--json"))

    def hit_ids(self, *args: str) -> list[int]:
        return [hit["id"] for hit in self.json("search", *args)["hits"]]

    def check_clean(self) -> None:
        report = self.json("check")
        assert report["ok"] and not report["problems"], report
        assert report["index_missing"] == report["index_extra"] == 0, report


@pytest.fixture
def office(tmp_path: Path) -> Office:
    home = tmp_path / "office"
    assert run_paayesh("init", str(home)).returncode == 0
    office = Office(home)
    letter = home / "inbox" / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    assert office.json("ingest", str(letter))["id"] == 1
    return office


def test_edit_is_followed_by_show_search_history_and_check(office: Office) -> None:
    before = office.json("show", "1")
    assert before["sender"] and before["subject"] == "گزارش صادرات خرما"
    assert office.hit_ids("", "--sender", "اتاق بازرگانی زاهدان") == []
    out = office.run("edit", "1", "sender=اتاق بازرگانی زاهدان", "subject=گزارش صادرات پسته",
                     "date=۲۲ آبان ماه ۱۴۰۵")
    assert "اصلاح" in out and "گزارش صادرات خرما ← گزارش صادرات پسته" in out
    after = office.json("show", "1")
    assert after["subject"] == "گزارش صادرات پسته" and after["sender"] == "اتاق بازرگانی زاهدان"
    assert after["date"] == "1405-08-22" and after["date_gregorian"] == "2026-11-13"
    assert after["registry_number"] == before["registry_number"]
    # search follows the latest revision: the new sender finds it, the old one does not
    assert office.hit_ids("", "--sender", "اتاق بازرگانی زاهدان") == [1]
    assert office.hit_ids("", "--sender", before["sender"]) == []
    assert office.hit_ids("پسته") == [1]
    assert office.hit_ids("", "--since", "1405/08/22", "--until", "1405/08/22") == [1]
    history = office.json("show", "1", "--history")
    (revision,) = history["revisions"]
    assert revision["action"] == "edit" and revision["by"] and revision["at"]
    assert revision["changes"]["subject"] == {"old": "گزارش صادرات خرما",
                                              "new": "گزارش صادرات پسته"}
    assert revision["changes"]["sender"]["old"] == before["sender"]
    assert revision["changes"]["date"] == {"old": "1405-08-21", "new": "1405-08-22"}
    text = office.run("show", "1", "--history")
    assert "سابقه پرونده ۱۴۰۵/و/۰۰۰۰۰۱" in text and "۱۴۰۵/۰۸/۲۱ ← ۱۴۰۵/۰۸/۲۲" in text
    # a second edit is a second revision; the same value again is none
    office.run("edit", "1", "subject=گزارش صادرات زعفران")
    assert "تغییری لازم نبود" in office.run("edit", "1", "subject=گزارش صادرات زعفران")
    revisions = office.json("show", "1", "--history")["revisions"]
    assert [r["changes"]["subject"]["old"] for r in revisions] == [
        "گزارش صادرات خرما", "گزارش صادرات پسته"]
    office.check_clean()
    # a rebuilt index says the same (the record holds the latest values)
    office.run("reindex")
    assert office.hit_ids("", "--sender", "اتاق بازرگانی زاهدان") == [1]


def test_lists_and_clearing(office: Office) -> None:
    office.run("edit", "1", "recipients=دبیرخانه شورای عالی؛ اداره کل گمرک; اتاق تعاون",
               "رونوشت=سازمان توسعه تجارت ایران: جهت اطلاع؛ اتاق بازرگانی", "number=")
    record = office.json("show", "1")
    assert record["recipients"] == ["دبیرخانه شورای عالی", "اداره کل گمرک", "اتاق تعاون"]
    assert record["copies"] == [{"to": "سازمان توسعه تجارت ایران", "purpose": "جهت اطلاع"},
                                {"to": "اتاق بازرگانی", "purpose": None}]
    assert record["number"] is None
    assert office.hit_ids("", "--copy-to", "سازمان توسعه تجارت ایران") == [1]
    assert office.hit_ids("", "--recipient", "اتاق تعاون") == [1]
    office.run("edit", "1", "kind=report", "priority=urgent")
    assert office.json("show", "1")["kind"] == "report"
    assert office.hit_ids("", "--kind", "report") == [1]


@pytest.mark.parametrize(("arguments", "words"), [
    (["edit", "1", "foo=1"], ["foo", "قابل اصلاح نیست"]),
    (["edit", "1", "direction=outgoing"], ["شماره ثبت", "direction"]),
    (["edit", "1", "registry_number=1"], ["registry number"]),
    (["edit", "1", "date=سی‌ام اسفند"], ["تاریخ معتبری نیست", "not a date"]),
    (["edit", "1", "date=1405/13/40"], ["تاریخ معتبری نیست"]),
    (["edit", "1", "kind=memo"], ["memo", "letter"]),
    (["edit", "1", "subject"], ["field=value"]),
    (["edit", "1"], ["No correction"]),
    (["edit", "99", "subject=x"], ["پیدا نشد", "No record"]),
    (["void", "99", "--reason", "x"], ["پیدا نشد"]),
    (["void", "1", "--reason", "  "], ["reason"]),
])
def test_bad_corrections_are_refused_by_name(office: Office, arguments: list[str],
                                             words: list[str]) -> None:
    out = office.run(*arguments, code=2)
    for word in words:
        assert word in out
    assert office.json("show", "1").get("revisions") is None  # nothing was written


def test_void_keeps_the_number_leaves_tracking_and_is_marked(office: Office) -> None:
    out = office.run("register", "--direction", "outgoing", "--subject", "موانع صادرات خرما",
                     "--sender", "کمیته پایش تجارت خارجی استان", "--date", "1405/09/01",
                     "--number", "77/ص", "--recipient", MINISTER)
    assert "۱۴۰۵/ص/۰۰۰۰۰۱" in out
    escalation = office.json("escalations")["escalations"]
    assert [e["registry_number"] for e in escalation] == ["1405/ص/000001"]
    assert [d["registry_number"] for d in office.json("due", "--on", "1405/09/02")["due"]] \
        == ["1405/ص/000001"]
    out = office.run("void", "1405/ص/000001", "--reason", "ثبت تکراری؛ نامه اصلی ۱۴۰۵/ص/۲ است")
    assert "ابطال" in out
    assert office.json("escalations")["escalations"] == []
    assert office.json("due", "--on", "1405/09/02")["due"] == []
    record = office.json("show", "1405/ص/000001")
    assert record["status"] == "void" and record["registry_number"] == "1405/ص/000001"
    assert "ابطال‌شده" in office.run("show", "1405/ص/000001")
    assert "وضعیت: ابطال‌شده" in office.run("show", "1405/ص/000001")  # the layout too
    (hit,) = office.json("search", "موانع")["hits"]
    assert hit["status"] == "void"
    assert "ابطال‌شده" in office.run("search", "موانع")
    assert office.hit_ids("", "--status", "void") == [hit["id"]]
    assert "ابطال‌شده" in office.run("thread", "1405/ص/000001")
    history = office.json("show", "1405/ص/000001", "--history")
    assert history["status"] == "void"
    assert history["revisions"][-1]["action"] == "void"
    assert history["revisions"][-1]["reason"].startswith("ثبت تکراری")
    assert "دلیل" in office.run("show", "1405/ص/000001", "--history")
    # a voided record is closed, and its number is never given again
    assert "ابطال شده" in office.run("edit", "1405/ص/000001", "subject=x", code=2)
    assert "ابطال شده" in office.run("void", "1405/ص/000001", "--reason", "x", code=2)
    again = office.json("register", "--direction", "outgoing", "--subject", "موانع صادرات خرما",
                        "--sender", "کمیته پایش", "--date", "1405/09/02",
                        "--recipient", MINISTER)
    assert again["registry_number"] == "1405/ص/000002"
    assert [e["registry_number"] for e in office.json("escalations")["escalations"]] == [
        "1405/ص/000002"]
    office.check_clean()
    office.run("tracking", "rebuild")  # a rebuilt state agrees with the synced one
    assert [e["registry_number"] for e in office.json("escalations")["escalations"]] == [
        "1405/ص/000002"]


def test_a_voided_reply_no_longer_answers(office: Office) -> None:
    office.run("register", "--direction", "outgoing", "--subject", "موانع صادرات",
               "--sender", "کمیته پایش", "--date", "1405/09/01", "--number", "500/ص",
               "--recipient", MINISTER)
    reply = office.run("ingest", "--json", str(_reply(office.home)))
    reply_id = json.loads(reply)["id"]
    (escalation,) = office.json("escalations")["escalations"]
    assert escalation["status"] == "answered" and escalation["reply_id"] == reply_id
    office.run("void", str(reply_id), "--reason", "پاسخ اشتباه ثبت شد")
    (escalation,) = office.json("escalations")["escalations"]
    assert escalation["status"] != "answered" and escalation["reply_id"] is None
    thread = office.json("thread", "500/ص")["thread"]
    assert reply_id not in [row["id"] for row in thread]


def _reply(home: Path) -> Path:
    path = home / "inbox" / "reply.txt"
    path.write_text("شماره: ۹۰۱/۲۲\nتاریخ: ۱۴۰۵/۰۹/۰۳\n\nکمیته پایش تجارت خارجی استان\n\n"
                    "موضوع: پاسخ موانع صادرات\n\nعطف به نامه شماره ۵۰۰/ص مورخ ۱۴۰۵/۰۹/۰۱، "
                    "موارد بررسی شد.\n\nوزارت صنعت، معدن و تجارت\n", encoding="utf-8")
    return path


def test_register_a_paper_letter_without_a_file(office: Office) -> None:
    result = office.json("register", "--subject", "درخواست مجوز ترخیص کالا", "--sender",
                         "اتاق تعاون استان", "--date", "۲۰ آبان ۱۴۰۵", "--number", "۴۵۶/ت",
                         "--recipient", "دبیرخانه کمیته", "--copy", "گمرک: جهت اطلاع")
    assert result["status"] == "registered" and result["registry_number"] == "1405/و/000002"
    record = office.json("show", result["registry_number"])
    assert record["source"]["paper"] is True and record["source"]["format"] == ""
    assert record["date"] == "1405-08-20" and record["number"] == "۴۵۶/ت"
    assert record["kind"] == "letter" and record["recipients"] == ["دبیرخانه کمیته"]
    assert record["copies"] == [{"to": "گمرک", "purpose": "جهت اطلاع"}]
    assert office.hit_ids("ترخیص") == [result["id"]]
    assert office.hit_ids("", "--sender", "اتاق تعاون استان") == [result["id"]]
    # two paper letters alike are still two letters
    twin = office.json("register", "--subject", "درخواست مجوز ترخیص کالا", "--sender",
                       "اتاق تعاون استان", "--date", "۲۰ آبان ۱۴۰۵")
    assert twin["status"] == "registered" and twin["registry_number"] == "1405/و/000003"
    assert "ثبت دستی" in office.run("show", twin["registry_number"], "--history")
    office.check_clean()


def test_register_a_scan_with_its_file(office: Office, tmp_path: Path) -> None:
    scan = tmp_path / "scan-0012.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    extracted = json.loads(office.run("extract", str(scan), "--json", code=1))
    assert extracted["status"] == "rejected"  # cannot be read yet
    result = office.json("register", str(scan), "--subject", "اعلام نیاز به ناوگان حمل",
                         "--sender", "اداره کل راهداری", "--date", "1405/08/25")
    assert result["status"] == "registered"
    record = office.json("show", result["registry_number"])
    assert record["source"]["name"] == "scan-0012.png" and record["source"]["format"] == "png"
    archived = list((office.home / "registry" / "files").rglob("*.png"))
    assert len(archived) == 1 and archived[0].read_bytes() == scan.read_bytes()
    assert office.hit_ids("ناوگان") == [result["id"]]
    again = office.json("register", str(scan), "--subject", "x", "--sender", "y",
                        "--date", "1405/08/25")
    assert again["status"] == "duplicate" and again["id"] == result["id"]
    office.check_clean()


def test_register_a_readable_file_indexes_its_text(office: Office, tmp_path: Path) -> None:
    page = tmp_path / "note.txt"
    page.write_text("یادداشت درباره ظرفیت سردخانه‌های مرزی\n", encoding="utf-8")
    result = office.json("register", str(page), "--subject", "یادداشت", "--sender", "بازرگانی",
                         "--date", "1405/08/25")
    assert office.hit_ids("سردخانه") == [result["id"]]


@pytest.mark.parametrize(("arguments", "word"), [
    (["--subject", "x", "--sender", "y", "--date", "فردا"], "تاریخ معتبری نیست"),
    (["--subject", "x", "--sender", "y", "--date", "1405/08/01", "missing.pdf"], "پیدا نشد"),
    (["--subject", "x", "--sender", "y"], "--date"),
])
def test_register_refuses_bad_input(office: Office, arguments: list[str], word: str) -> None:
    assert word in office.run("register", *arguments, code=2)


def test_voided_minutes_leave_the_meetings(office: Office, tmp_path: Path) -> None:
    minutes = tmp_path / "m18.txt"
    minutes.write_text("صورتجلسه جلسه شماره ۱۸ کمیته پایش تجارت خارجی استان\n"
                       "تاریخ جلسه: ۱۴۰۵/۰۸/۱۴\nمکان: سالن جلسات\n"
                       "حاضرین: رئیس سازمان؛ مدیر کل گمرک\n\nمصوبات:\n"
                       "۱- گمرک گزارش ترخیص را تا ۱۴۰۵/۰۸/۳۰ ارائه کند. مسئول: اداره کل گمرک\n",
                       encoding="utf-8")
    record_id = office.json("ingest", str(minutes))["id"]
    assert [m["ids"] for m in office.json("meetings")["meetings"]] == [[record_id]]
    office.run("void", str(record_id), "--reason", "صورتجلسه پیش‌نویس بود")
    assert office.json("meetings")["meetings"] == []
    office.check_clean()


def test_tracking_follows_an_edit(office: Office) -> None:
    office.run("register", "--direction", "outgoing", "--subject", "موانع صادرات",
               "--sender", "کمیته پایش", "--date", "1405/09/01", "--recipient", MINISTER)
    (escalation,) = office.json("escalations")["escalations"]
    office.run("edit", "1405/ص/000001", "date=1405/09/05")
    (moved,) = office.json("escalations")["escalations"]
    assert moved["date"] == "1405-09-05" and moved["due"] > escalation["due"]
    office.run("edit", "1405/ص/000001", "recipients=اتاق تعاون استان")
    assert office.json("escalations")["escalations"] == []
    office.check_clean()


REPLY = """شماره: ۴۵/ب/۱۴۰۵
تاریخ: ۱۴۰۵/۰۹/۰۳

کمیته پایش تجارت خارجی استان

موضوع: پاسخ موانع صادرات

عطف به نامه شماره ۹۹۹/ص/۱۴۰۵ مورخ ۱۴۰۵/۰۹/۰۱ موارد بررسی شد.

وزیر صنعت، معدن و تجارت
"""


def test_a_misread_reference_is_corrected_and_the_reply_answers(office: Office) -> None:
    # a scan's «عطف» read wrong leaves the escalation open; the clerk corrects it
    office.run("register", "--direction", "outgoing", "--subject", "موانع صادرات",
               "--sender", "کمیته پایش", "--date", "1405/09/01", "--recipient", MINISTER)
    reply = office.home / "inbox" / "reply.txt"
    reply.write_text(REPLY, encoding="utf-8")
    reply_id = office.json("ingest", str(reply))["id"]
    (open_one,) = office.json("escalations")["escalations"]
    assert open_one["reply_id"] is None
    office.run("edit", str(reply_id),
               "عطف=عطف به ۱۴۰۵/ص/۰۰۰۰۰۱ مورخ ۱۴۰۵/۰۹/۰۱؛ پیرو ۱۲/ک/۱۴۰۵")
    record = office.json("show", str(reply_id))
    assert record["references"] == [
        {"relation": "reply_to", "number": "۱۴۰۵/ص/۰۰۰۰۰۱", "date": "1405-09-01"},
        {"relation": "further_to", "number": "۱۲/ک/۱۴۰۵", "date": None}]
    (answered,) = office.json("escalations")["escalations"]
    assert answered["status"] == "answered" and answered["reply_id"] == reply_id
    history = office.run("show", str(reply_id), "--history")
    assert "عطف به ۹۹۹/ص/۱۴۰۵ مورخ ۱۴۰۵/۰۹/۰۱ ← عطف به ۱۴۰۵/ص/۰۰۰۰۰۱" in history
    for bad, word in (("references=بدون", "عطف/پیرو"), ("references=۱۲/ک/۱۴۰۵ مورخ ۱۴۰۵/۱۳/۴۰",
                                                     "تاریخ معتبری نیست")):
        assert word in office.run("edit", str(reply_id), bad, code=2)
    office.run("edit", str(reply_id), "references=")
    assert office.json("show", str(reply_id))["references"] == []
    office.check_clean()


def test_the_fields_waiting_for_review_read_as_a_clerk_types_them() -> None:
    """A mark OCR mended is listed as «فوری», not its code; a date as ۱۴۰۵/۰۹/۰۳."""
    from paayesh_docs.registry.edit_form import waiting_fields

    record = {"priority": "urgent", "classification": "confidential", "date": "1405-09-03",
              "ocr": {"review": [
                  {"field": "priority", "confidence": 0.0, "why": "mended_mark"},
                  {"field": "classification", "confidence": 0.0, "why": "mended_mark"},
                  {"field": "date", "confidence": 60.0, "why": "low_confidence"}]}}
    shown = {item["field"]: (item["value"], item["why"]) for item in waiting_fields(record)}
    assert shown["priority"][0] == "فوری" and shown["classification"][0] == "محرمانه"
    assert shown["date"][0] == "۱۴۰۵/۰۹/۰۳"
    assert "تصحیح" in shown["priority"][1]
