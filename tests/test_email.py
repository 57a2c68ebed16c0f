"""E-mails saved from a mail client (.eml) through the real commands: read as e-mail, not
as raw MIME; attachments archived with the record and found by search; hostile messages
set aside with a reason in Persian and English."""

from __future__ import annotations

import base64
import datetime
import io
import json
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import run_paayesh

SUBJECT = "گزارش عملکرد صادرات زعفران و موانع حمل به کشورهای همسایه در مهر ماه"
FROM = "دبیرخانه شورای عالی توسعه صادرات غیرنفتی"
TO = "کمیته پایش تجارت خارجی استان سیستان و بلوچستان"
CC = "اداره کل گمرک استان"
SENT = datetime.datetime(2026, 11, 12, 10, 30, tzinfo=datetime.timezone(datetime.timedelta(
    hours=3, minutes=30)))  # 1405-08-21


def message(body: str | None = "با سلام\n\nگزارش عملکرد صادرات زعفران پیوست است.\n",
            html: str | None = None, subject: str = SUBJECT) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = f"{FROM} <tpo@example.ir>"
    mail["To"] = f"{TO} <committee@example.ir>, حسن رضایی <h.rezaei@example.ir>"
    mail["Cc"] = f"{CC} <customs@example.ir>"
    mail["Subject"] = subject
    mail["Date"] = format_datetime(SENT)
    if body is not None:
        mail.set_content(body)
        if html is not None:
            mail.add_alternative(html, subtype="html")
    elif html is not None:
        mail.set_content(html, subtype="html")
    return mail


def docx_bytes(text: str) -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    from weasyprint import HTML

    from paayesh_docs.fonts import font_face_css

    html = (f"<html dir='rtl' lang='fa'><head><style>{font_face_css()} body {{ font-family: "
            "Vazirmatn; }</style></head><body><p>جدول ظرفیت سردخانه‌های بندر چابهار برای "
            "نگهداری خرمای صادراتی</p></body></html>")
    return HTML(string=html).write_pdf()


class Office:
    def __init__(self, home: Path) -> None:
        self.home = home

    def run(self, *args: str, code: int = 0) -> str:
        result = run_paayesh("--home", str(self.home), *args)
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == code, (args, result.stdout[-2000:], result.stderr)
        return result.stdout

    def json(self, *args: str, code: int = 0) -> Any:
        return json.loads(self.run(*args, "--json", code=code))

    def hit_ids(self, *args: str) -> list[int]:
        return [hit["id"] for hit in self.json("search", *args)["hits"]]


@pytest.fixture
def office(tmp_path: Path) -> Office:
    home = tmp_path / "office"
    assert run_paayesh("init", str(home)).returncode == 0
    return Office(home)


def save(office: Office, name: str, mail: EmailMessage | bytes) -> Path:
    path = office.home / "inbox" / name
    path.write_bytes(mail if isinstance(mail, bytes) else bytes(mail))
    return path


def test_plain_email_fields(office: Office) -> None:
    path = save(office, "mail.eml", message())
    raw = path.read_bytes()
    assert b"=?utf-8?" in raw  # the Persian subject and names are RFC 2047 encoded words
    fields = office.json("extract", str(path))
    assert fields["status"] == "ok" and fields["kind"] == "letter"
    assert fields["subject"] == SUBJECT
    assert fields["sender"] == FROM
    assert fields["recipients"] == [TO, "حسن رضایی"]
    assert fields["copies"] == [{"to": CC, "purpose": None}]
    assert fields["date"] == "1405-08-21" and fields["date_gregorian"] == "2026-11-12"
    assert fields["text"].startswith("با سلام") and "Content-Type" not in fields["text"]
    assert "=?utf-8?" not in json.dumps(fields, ensure_ascii=False)


def test_the_letter_date_in_the_body_wins(office: Office) -> None:
    body = "شماره: ۳۴۵/ت/۱۴۰۵\nتاریخ: ۱۴۰۵/۰۸/۱۰\n\nبا سلام، گزارش پیوست است.\n"
    fields = office.json("extract", str(save(office, "dated.eml", message(body))))
    assert fields["date"] == "1405-08-10" and fields["number"] == "۳۴۵/ت/۱۴۰۵"
    assert fields["subject"] == SUBJECT


def test_html_body_is_text_without_scripts(office: Office) -> None:
    html = ("<html><head><title>t</title><style>p {color: red}</style>"
            "<script>document.write('اسکریپت خطرناک')</script></head><body>"
            "<p>با سلام</p><p>گزارش <b>صادرات پسته</b> به پیوست</p>"
            "<script>alert('اسکریپت دوم')</script><div>دبیرخانه</div></body></html>")
    fields = office.json("extract", str(save(office, "html.eml", message(None, html))))
    assert fields["status"] == "ok"
    assert "گزارش صادرات پسته به پیوست" in fields["text"]
    assert "با سلام\n" in fields["text"] and "دبیرخانه" in fields["text"]
    assert "اسکریپت" not in fields["text"] and "color" not in fields["text"]
    assert "<" not in fields["text"]


def test_multipart_alternative_takes_the_plain_body(office: Office) -> None:
    mail = message("متن ساده نامه", "<p>نسخه HTML نامه</p>")
    fields = office.json("extract", str(save(office, "alt.eml", mail)))
    assert fields["text"] == "متن ساده نامه" and fields["attachments"] is None


def test_attachments_are_archived_and_found_by_search(office: Office, pdf_bytes: bytes) -> None:
    mail = message()
    docx = docx_bytes("صورت وضعیت کانتینرهای یخچالدار گمرک میرجاوه")
    mail.add_attachment(docx, maintype="application", subtype=(
        "vnd.openxmlformats-officedocument.wordprocessingml.document"), filename="گزارش.docx")
    mail.add_attachment(pdf_bytes, maintype="application", subtype="pdf",
                        filename="ظرفیت سردخانه.pdf")
    mail.add_attachment(b"\xff\xd8\xff\xe0" + bytes(500), maintype="image", subtype="jpeg",
                        filename="../../etc/passwd.jpg")
    path = save(office, "with-attachments.eml", mail)
    registered = office.json("ingest", str(path))
    assert registered["status"] == "registered"
    record = office.json("show", str(registered["id"]))
    assert record["source"]["format"] == "eml"
    names = [f["name"] for f in record["files"]]
    assert names == ["گزارش.docx", "ظرفیت سردخانه.pdf", "passwd.jpg"]
    files = office.home / "registry" / "files"
    for entry, data in zip(record["files"], (docx, pdf_bytes), strict=False):
        archived = files / entry["sha256"][:2] / f"{entry['sha256']}.{entry['format']}"
        assert archived.read_bytes() == data
    assert office.hit_ids("کانتینرهای یخچالدار") == [registered["id"]]  # in the DOCX
    assert office.hit_ids("سردخانه چابهار") == [registered["id"]]  # in the PDF
    assert office.hit_ids("زعفران", "--sender", FROM) == [registered["id"]]
    assert office.json("check")["ok"]


def test_the_watcher_reads_an_eml_and_one_without_extension(office: Office) -> None:
    save(office, "mail.eml", message())
    save(office, "saved-message", message("نامه دوم درباره ترانزیت کالا", subject="ترانزیت"))
    office.run("watch", "--once")
    assert not [p for p in (office.home / "inbox").iterdir() if p.is_file()]
    hits = office.json("search", "")["hits"]
    assert sorted(hit["subject"] for hit in hits) == sorted([SUBJECT, "ترانزیت"])
    assert office.hit_ids("ترانزیت", "--sender", FROM)


def test_a_text_that_only_mentions_from_stays_text(office: Office) -> None:
    letter = save(office, "note", "From: دبیرخانه\nسلام، این یک یادداشت است.\n".encode())
    assert office.json("extract", str(letter))["text"].startswith("From")


def _headers() -> bytes:
    return (b"From: a@example.ir\nTo: b@example.ir\nSubject: =?utf-8?b?"
            + base64.b64encode("گزارش".encode()) + b"?=\nDate: Thu, 12 Nov 2026 10:00:00 +0000\n"
            b"MIME-Version: 1.0\n")


def _many_parts() -> bytes:
    parts = b"".join(b"--B\nContent-Type: text/plain\n\npart %d\n" % i for i in range(10_000))
    return _headers() + b'Content-Type: multipart/mixed; boundary="B"\n\n' + parts + b"--B--\n"


def _header_bomb() -> bytes:
    lines = b"".join(b"X-Spam-%d: =?utf-8?q?a?= =?utf-8?q?b?=\n" % i for i in range(100_000))
    return _headers() + lines + b"\nbody\n"


def _nested_part_headers() -> bytes:
    lines = b"".join(b"X-A%d: v\n" % i for i in range(5_000))
    return (_headers() + b'Content-Type: multipart/mixed; boundary="B"\n\n--B\n' + lines
            + b"Content-Type: text/plain\n\nhi\n--B--\n")


def _comment_bomb() -> bytes:
    return (b"From: a@example.ir\nTo: " + b"(" * 50_000 + b"x@example.ir\nSubject: x\n"
            b"Date: Thu, 12 Nov 2026 10:00:00 +0000\n\nbody\n")


def _deep() -> bytes:
    depth = 200
    head = b"".join(b'Content-Type: multipart/mixed; boundary="b%d"\n\n--b%d\n' % (i, i)
                    for i in range(depth))
    tail = b"".join(b"\n--b%d--\n" % i for i in reversed(range(depth)))
    return _headers() + head + b"Content-Type: text/plain\n\nhi\n" + tail


def _huge_base64() -> bytes:
    blob = base64.encodebytes(bytes(20_000_000))
    return (_headers() + b'Content-Type: multipart/mixed; boundary="B"\n\n--B\n'
            b"Content-Type: text/plain\n\nhi\n--B\nContent-Type: application/octet-stream\n"
            b'Content-Disposition: attachment; filename="z.bin"\n'
            b"Content-Transfer-Encoding: base64\n\n" + blob + b"\n--B--\n")


HOSTILE = {"parts.eml": (_many_parts, "too_large", "بخش"),
           "headers.eml": (_header_bomb, "header_bomb", "سرآیند"),
           "nested-headers.eml": (_nested_part_headers, "header_bomb", "سرآیند"),
           "comments.eml": (_comment_bomb, "header_bomb", "سرآیند"),
           "deep.eml": (_deep, "too_deep", "تودرتو"),
           "base64.eml": (_huge_base64, "too_large", "حجم")}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_email_is_refused_with_a_reason(office: Office, name: str) -> None:
    make, code, word = HOSTILE[name]
    result = office.json("extract", str(save(office, name, make())), code=1)
    assert result["status"] == "rejected" and result["reason"]["code"] == code, result
    assert word in result["reason"]["fa"] and result["reason"]["en"]


def test_the_watcher_sets_hostile_mail_aside_and_goes_on(office: Office) -> None:
    for name in ("parts.eml", "headers.eml", "comments.eml"):
        save(office, name, HOSTILE[name][0]())
    save(office, "good.eml", message())
    office.run("watch", "--once")
    rejected = office.home / "inbox" / "_rejected"
    for name in ("parts.eml", "headers.eml", "comments.eml"):
        reason = (rejected / f"{name}.reason.txt").read_text("utf-8")
        assert "نامه الکترونیکی" in reason and "e-mail" in reason
    assert [hit["subject"] for hit in office.json("search", "")["hits"]] == [SUBJECT]


def test_html_that_declares_its_encoding(office: Office) -> None:
    html = ('<?xml version="1.0" encoding="windows-1256"?><html><body><p>نامه با اعلام '
            "کدگذاری</p></body></html>")
    fields = office.json("extract", str(save(office, "declared.eml", message(None, html))))
    assert "نامه با اعلام کدگذاری" in fields["text"]
