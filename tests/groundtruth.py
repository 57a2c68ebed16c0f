"""A ground-truth corpus made by code: Persian letters, minutes and other documents whose
fields are written down here, before any extraction, the way a careful clerk reads them.

Every document is built in one or more of the formats letters arrive in: DOCX with the
header block in the page header, in a header table or in text boxes (with Word's
VML fallback copy), plain DOCX, PDFs made with WeasyPrint (with and without header
tables), and text files in UTF-8, UTF-8 with BOM, UTF-16 and Windows-1256.
`bench/extract.py` reuses `build_corpus` and `field_accuracy` for its accuracy figures.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LETTER_FIELDS = ("kind", "number", "date", "subject", "sender", "recipients", "copies",
                 "references", "attachments", "priority", "classification")

TPO = "سازمان توسعه تجارت ایران"
SECRETARIAT = "دبیرخانه شورای عالی توسعه صادرات غیرنفتی"
WORKING_GROUP = "کارگروه توسعه صادرات استان"
CHIEF = "رئیس سازمان صنعت، معدن و تجارت استان"


@dataclass
class Spec:
    """One document: its header (label, written value) pairs, its lines, and what is right."""

    name: str
    header: list[tuple[str, str]]
    lines: list[str]
    expected: dict[str, Any]
    formats: tuple[str, ...] = ("txt",)
    before_header: list[str] = field(default_factory=list)  # e.g. a reference above the header


def _letter(name: str, *, header: list[tuple[str, str]], to: list[str], subject: str,
            body: list[str], signer: tuple[str, str], copies: list[str] | None = None,
            marks: list[str] | None = None, expected: dict[str, Any],
            formats: tuple[str, ...], before_header: list[str] | None = None) -> Spec:
    lines = [*(marks or []), *to, f"موضوع: {subject}", "با سلام و احترام", *body, *signer]
    if copies:
        lines += ["رونوشت:", *copies]
    full = {"kind": "letter", "subject": subject, "sender": signer[1], "copies": [],
            "references": [], "attachments": None, "priority": None, "classification": None,
            **expected}
    return Spec(name, header, lines, full, formats, before_header or [])


def letter_specs() -> list[Spec]:
    """Letters: every header placement, digit script, date form, mark and trap."""
    tpo_to = ["جناب آقای دکتر رضایی", f"ریاست محترم {TPO}"]
    tpo_recipient = [f"جناب آقای دکتر رضایی ریاست محترم {TPO}"]
    specs = [
        _letter(
            "escalation-tpo",
            header=[("شماره", "۱۲۳/۴۵۶/ص"), ("تاریخ", "۱۴۰۵/۰۸/۲۱"), ("پیوست", "ندارد")],
            to=tpo_to, subject="گزارش موانع صادرات غیرنفتی استان",
            body=["عطف به نامه شماره ۲۰۷۹۴/ت/۳۵۰۱۴ ک مورخ ۱۴۰۵/۰۷/۲۸ به استحضار می‌رساند "
                  "کمیته پایش تجارت خارجی استان موانع بازارچه‌های مرزی را بررسی کرد."],
            signer=("محمد احمدی", CHIEF),
            copies=[f"- {SECRETARIAT} جهت استحضار", f"- {WORKING_GROUP}، جهت اطلاع و اقدام"],
            expected={"number": "۱۲۳/۴۵۶/ص", "date": "1405-08-21", "recipients": tpo_recipient,
                      "attachments": "ندارد",
                      "copies": [{"to": SECRETARIAT, "purpose": "جهت استحضار"},
                                 {"to": WORKING_GROUP, "purpose": "جهت اطلاع و اقدام"}],
                      "references": [{"relation": "reply_to", "number": "۲۰۷۹۴/ت/۳۵۰۱۴ ک",
                                      "date": "1405-07-28"}]},
            formats=("txt", "docx-header", "docx-table", "docx-textbox", "pdf", "pdf-table")),
        _letter(
            "latin-digits-phone-trap",
            header=[("تلفن", "۰۲۱-۸۸۷۷۶۶۵۵"), ("شماره", "5013"), ("تاریخ", "1405-8-2"),
                    ("پیوست", "دارد")],
            to=["به: گمرک استان"], subject="اعلام فهرست کالاهای صادراتی",
            body=["شماره تماس کارشناس: ۰۹۱۲۳۴۵۶۷۸۹ و نمابر ۰۵۱۳۸۴۴۵۵۶۶ است.",
                  "مبلغ ۷/۷۷۵/۰۰۰/۰۰۰ ریال در تاریخ ۱۴۰۵/۰۲/۰۱ واریز شد."],
            signer=("زهرا کریمی", "معاون بازرگانی خارجی"),
            expected={"number": "۵۰۱۳", "date": "1405-08-02", "recipients": ["گمرک استان"],
                      "attachments": "دارد"},
            formats=("txt", "docx-header", "pdf")),
        _letter(
            "arabic-letters-digits",
            header=[("شماره", "٣٤٥/ك/١٤٠٥"), ("تاريخ", "١٤٠٥/٠٩/٠٣"), ("پيوست", "ندارد")],
            to=["به: اتاق بازرگاني، صنايع و معادن استان"],
            subject="دعوت به جلسه كميته پايش تجارت خارجي",
            body=["پيرو نامه شماره ٩٩/ص مورخ ١٤٠٥/٠٨/١٠ از آن اتاق دعوت مي‌شود."],
            signer=("علي رضايي", "دبير كميته پايش تجارت خارجي استان"),
            expected={"number": "۳۴۵/ک/۱۴۰۵", "date": "1405-09-03",
                      "subject": "دعوت به جلسه کمیته پایش تجارت خارجی",
                      "sender": "دبیر کمیته پایش تجارت خارجی استان",
                      "recipients": ["اتاق بازرگانی، صنایع و معادن استان"],
                      "attachments": "ندارد",
                      "references": [{"relation": "further_to", "number": "۹۹/ص",
                                      "date": "1405-08-10"}]},
            formats=("txt", "txt-cp1256", "docx-plain")),
        _letter(
            "two-digit-year",
            header=[("شماره", "۸۷۶/د"), ("تاریخ", "۸۷/۲/۱۶")],
            to=["به: سازمان صنعت، معدن و تجارت استان"], subject="بایگانی پرونده‌های قدیمی",
            body=["در پاسخ به نامه شماره ۵۵/الف مورخ ۸۷/۱/۲۰ اعلام می‌گردد."],
            signer=("حسن موسوی", "مدیر امور اداری"),
            expected={"number": "۸۷۶/د", "date": "1387-02-16",
                      "recipients": ["سازمان صنعت، معدن و تجارت استان"],
                      "references": [{"relation": "reply_to", "number": "۵۵/الف",
                                      "date": "1387-01-20"}]},
            formats=("txt", "docx-plain")),
        _letter(
            "day-first-date",
            header=[("شماره", "۴۴۱/ص/۰۲"), ("تاریخ", "۲۱/۸/۱۴۰۵")],
            to=["جناب آقای مهندس نوری", "مدیرکل محترم گمرک استان"],
            subject="ترخیص کالاهای صادراتی",
            body=["خواهشمند است دستور فرمایید اقدام لازم انجام شود."],
            signer=("محمد احمدی", CHIEF),
            expected={"number": "۴۴۱/ص/۰۲", "date": "1405-08-21",
                      "recipients": ["جناب آقای مهندس نوری مدیرکل محترم گمرک استان"]},
            formats=("txt", "docx-header", "pdf")),
        _letter(
            "long-date-marks",
            header=[("شماره", "۹۰۱/ص"), ("تاریخ", "۲۱ آبان ماه ۱۴۰۵")],
            marks=["خیلی فوری", "طبقه‌بندی: محرمانه"],
            to=["به: دبیرخانه شورای عالی توسعه صادرات غیرنفتی"],
            subject="پیشنهاد رفع موانع صادرات به پاکستان",
            body=["در تاریخ ۱۴۰۵/۰۸/۱۵ جلسه‌ای با حضور فعالان اقتصادی برگزار شد."],
            signer=("محمد احمدی", CHIEF),
            copies=[f"{TPO} جهت اطلاع"],
            expected={"number": "۹۰۱/ص", "date": "1405-08-21", "recipients": [SECRETARIAT],
                      "priority": "immediate", "classification": "confidential",
                      "copies": [{"to": TPO, "purpose": "جهت اطلاع"}]},
            formats=("txt", "docx-header", "docx-textbox", "pdf")),
        _letter(
            "reference-before-header",
            header=[("شماره", "۷۰۷/ص"), ("تاریخ", "۱۴۰۵/۰۹/۰۱")],
            before_header=["عطف به نامه شماره ۱۲۳/ص مورخ ۱۴۰۵/۰۷/۰۱"],
            to=["به: کارگروه توسعه صادرات استان"], subject="پاسخ به استعلام صادرکنندگان",
            body=["نتیجه بررسی به پیوست ارسال می‌گردد."],
            signer=("زهرا کریمی", "معاون بازرگانی خارجی"),
            expected={"number": "۷۰۷/ص", "date": "1405-09-01", "recipients": [WORKING_GROUP],
                      "references": [{"relation": "reply_to", "number": "۱۲۳/ص",
                                      "date": "1405-07-01"}]},
            formats=("txt", "docx-plain")),
        _letter(
            "urgent-secret-copies",
            header=[("شماره", "۲۲/س/۱۴۰۵"), ("تاریخ", "۱۴۰۵.۰۹.۱۰"), ("پیوست", "۲ برگ")],
            marks=["فوری", "سری"],
            to=["ریاست محترم اتاق تعاون استان"], subject="گزارش شش‌ماهه عملکرد کمیته",
            body=["گزارش تحلیلی شش‌ماهه به پیوست تقدیم می‌شود. کدپستی: ۹۱۷۷۹۴۸۹۷۴"],
            signer=("محمد احمدی", CHIEF),
            copies=[f"۱- {SECRETARIAT} جهت استحضار", "۲- گمرک استان جهت اطلاع"],
            expected={"number": "۲۲/س/۱۴۰۵", "date": "1405-09-10",
                      "recipients": ["ریاست محترم اتاق تعاون استان"], "attachments": "۲ برگ",
                      "priority": "urgent", "classification": "secret",
                      "copies": [{"to": SECRETARIAT, "purpose": "جهت استحضار"},
                                 {"to": "گمرک استان", "purpose": "جهت اطلاع"}]},
            formats=("txt", "docx-table", "pdf-table")),
        _letter(
            "national-id-trap",
            header=[("شناسه ملی", "۱۴۰۰۷۶۵۴۳۲۱"), ("شماره", "۳۳۰/ت"),
                    ("تاریخ", "۱۴۰۵/۱۰/۰۵")],
            to=["به: وزارت صنعت، معدن و تجارت"], subject="درخواست تمدید کارت بازرگانی",
            body=["دورنگار: ۰۲۱۶۶۵۵۴۴۳۳"], signer=("رضا صادقی", "مدیرعامل شرکت بازرگانی آریا"),
            expected={"number": "۳۳۰/ت", "date": "1405-10-05",
                      "recipients": ["وزارت صنعت، معدن و تجارت"]},
            formats=("txt", "docx-header")),
        _letter(
            "from-label",
            header=[("شماره", "۱۱/۲۲۳"), ("تاریخ", "۱۴۰۵/۰۶/۳۱")],
            to=["از: کمیته پایش تجارت خارجی استان", "به: گمرک استان"],
            subject="آمار صادرات شهریور ماه",
            body=["آمار ماهانه صادرات تا پنجم مهر ماه ارسال شود."],
            signer=("علی رضایی", "دبیر کمیته"),
            expected={"number": "۱۱/۲۲۳", "date": "1405-06-31", "recipients": ["گمرک استان"],
                      "sender": "کمیته پایش تجارت خارجی استان"},
            formats=("txt", "txt-utf16", "txt-bom", "docx-footer")),
    ]
    return specs


def minutes_specs() -> list[Spec]:
    attendees = ["آقای محمد احمدی", "خانم زهرا کریمی", "آقای علی رضایی", "نماینده گمرک استان"]
    resolutions = [
        {"text": "بررسی موانع ترخیص کالا در بازارچه‌های مرزی", "owner": "گمرک استان",
         "deadline": "1405-09-15"},
        {"text": "تهیه گزارش آمار صادرات آبان ماه", "owner": "دبیرخانه کمیته",
         "deadline": "1405-09-05"},
    ]
    list_lines = [
        "صورتجلسه کمیته پایش تجارت خارجی استان",
        "شماره جلسه: ۱۲",
        "تاریخ جلسه: ۱۴۰۵/۰۸/۲۸",
        "محل جلسه: سالن جلسات سازمان صنعت، معدن و تجارت استان",
        "حاضرین: " + "، ".join(attendees),
        "دستور جلسه:",
        "۱- بررسی موانع صادرات",
        "۲- آمار ماهانه",
        "مصوبات:",
        "۱- بررسی موانع ترخیص کالا در بازارچه‌های مرزی، مسئول: گمرک استان، مهلت: ۱۴۰۵/۰۹/۱۵",
        "۲- تهیه گزارش آمار صادرات آبان ماه، مسئول: دبیرخانه کمیته، مهلت: ۱۴۰۵/۰۹/۰۵",
    ]
    meeting = {"number": "۱۲", "date": "1405-08-28",
               "place": "سالن جلسات سازمان صنعت، معدن و تجارت استان",
               "attendees": attendees, "agenda": ["بررسی موانع صادرات", "آمار ماهانه"],
               "resolutions": resolutions}
    base = {"kind": "minutes", "meeting": meeting}
    extraordinary = copy.deepcopy(meeting)
    extraordinary.update(number="۱۳", date="1405-09-04", agenda=["بررسی تعرفه‌های جدید"],
                         resolutions=[{"text": "ارسال پیشنهاد اصلاح تعرفه به سازمان",
                                       "owner": "دبیر کمیته", "deadline": "1405-09-11"}])
    extra_lines = [
        "صورتجلسه جلسه فوق‌العاده کمیته پایش تجارت خارجی",
        "شماره جلسه: ۱۳",
        "تاریخ جلسه: ۴ آذر ۱۴۰۵",
        "محل جلسه: سالن جلسات سازمان صنعت، معدن و تجارت استان",
        "حاضرین: " + "، ".join(attendees),
        "دستور جلسه:",
        "- بررسی تعرفه‌های جدید",
        "مصوبات:",
        "۱- ارسال پیشنهاد اصلاح تعرفه به سازمان، مسئول: دبیر کمیته، مهلت: ۱۴۰۵/۰۹/۱۱",
    ]
    return [
        Spec("minutes-list", [], list_lines, base, ("txt", "docx-plain", "pdf")),
        Spec("minutes-table", [], list_lines[:8], base, ("docx-resolutions-table",)),
        Spec("minutes-extraordinary", [], extra_lines,
             {"kind": "minutes", "meeting": extraordinary}, ("txt", "docx-plain")),
    ]


def other_specs() -> list[Spec]:
    return [
        Spec("directive", [], ["بخشنامه", "دستورالعمل نحوه ارسال آمار ماهانه صادرات",
                               "واحدها موظفند آمار را تا پنجم ماه بعد ارسال کنند."],
             {"kind": "directive"}, ("txt", "docx-plain")),
        Spec("regulation", [], ["آیین‌نامه اجرایی خوشه‌های کسب و کار صادرات محور",
                                "ماده ۱- تعاریف"], {"kind": "regulation"}, ("txt", "pdf")),
        Spec("report", [], ["گزارش عملکرد شش‌ماهه کمیته پایش تجارت خارجی استان",
                            "صادرات استان ۸۰۰ میلیون دلار بود."], {"kind": "report"},
             ("txt", "docx-plain")),
        Spec("news", [], ["توسعه تجارت با پاکستان",
                          "به گزارش خبرگزاری ایرنا، شش بازارچه مرزی در استان فعال است."],
             {"kind": "news"}, ("txt", "pdf")),
        Spec("other", [], ["یادداشت", "جلسه هماهنگی فردا برگزار می‌شود."],
             {"kind": "other"}, ("txt",)),
    ]


# --- writers -----------------------------------------------------------------

def _header_lines(spec: Spec) -> list[str]:
    return [f"{label}: {value}" for label, value in spec.header]


def _text_lines(spec: Spec) -> list[str]:
    return ["بسمه تعالی", *spec.before_header, *_header_lines(spec), *spec.lines]


def write_text(spec: Spec, path: Path, encoding: str) -> None:
    text = "\n".join(_text_lines(spec)) + "\n"
    if encoding == "cp1256":
        # What an old Windows editor saved: Arabic yeh and kaf, Latin digits (the font
        # drew them Persian); Windows-1256 holds no Persian digits and no Persian yeh.
        from paayesh_docs.persian.digits import to_latin_digits

        text = to_latin_digits(text.replace("ی", "ي").replace("ک", "ك"))
        data = text.encode("cp1256", errors="strict")
    elif encoding == "utf-8-sig":
        data = text.encode("utf-8-sig")
    elif encoding == "utf-16":
        data = text.encode("utf-16")
    else:
        data = text.encode("utf-8")
    path.write_bytes(data)


def _docx(lines: list[str]) -> Any:
    from docx import Document

    document = Document()
    for line in lines:
        document.add_paragraph(line)
    return document


def _add_textbox(paragraph: Any, lines: list[str]) -> None:
    """A text box as Word writes it: DrawingML in mc:Choice and a VML copy in mc:Fallback."""
    from lxml import etree

    runs = "".join(f'<w:p><w:r><w:t xml:space="preserve">{line}</w:t></w:r></w:p>'
                   for line in lines)
    xml = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
        '<a:graphic><a:graphicData><wps:wsp><wps:txbx>'
        f'<w:txbxContent>{runs}</w:txbxContent>'
        '</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
        '</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>'
        f'<w:txbxContent>{runs}</w:txbxContent>'
        '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>'
    )
    paragraph._p.append(etree.fromstring(xml))


def write_docx(spec: Spec, path: Path, layout: str) -> None:
    body = [*spec.before_header, *spec.lines]
    if layout == "plain":
        document = _docx(_text_lines(spec))
    elif layout == "header":
        document = _docx(body)
        header = document.sections[0].header
        header.paragraphs[0].text = "بسمه تعالی"
        for line in _header_lines(spec):
            header.add_paragraph(line)
    elif layout == "table":
        document = _docx([])
        table = document.add_table(rows=0, cols=2)
        for label, value in spec.header:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
        for line in body:
            document.add_paragraph(line)
    elif layout == "textbox":
        document = _docx(["بسمه تعالی"])
        _add_textbox(document.paragraphs[0], _header_lines(spec))
        for line in body:
            document.add_paragraph(line)
    elif layout == "footer":
        document = _docx(["بسمه تعالی", *_header_lines(spec), *body[:-2]])
        footer = document.sections[0].footer
        footer.paragraphs[0].text = "نشانی: خیابان امام، تلفن: ۳۳۴۴۵۵۶۶"
        for line in body[-2:]:
            document.add_paragraph(line)
    elif layout == "resolutions-table":
        document = _docx(spec.lines)
        resolutions = spec.expected["meeting"]["resolutions"]
        table = document.add_table(rows=1, cols=4)
        for cell, title in zip(table.rows[0].cells, ("ردیف", "شرح مصوبه", "مسئول اجرا", "مهلت"),
                               strict=True):
            cell.text = title
        for number, item in enumerate(resolutions, 1):
            cells = table.add_row().cells
            year, month, day = item["deadline"].split("-")
            cells[0].text, cells[1].text = str(number), item["text"]
            cells[2].text, cells[3].text = item["owner"], f"{year}/{month}/{day}"
    else:
        raise ValueError(layout)
    document.save(path)


def write_pdf(spec: Spec, path: Path, with_table: bool) -> None:
    from html import escape

    from weasyprint import HTML

    from paayesh_docs.fonts import font_face_css

    head = ""
    lines = _text_lines(spec)
    if with_table:
        rows = "".join(f"<tr><td>{escape(label)}</td><td>{escape(value)}</td></tr>"
                       for label, value in spec.header)
        head = f"<table>{rows}</table>"
        lines = ["بسمه تعالی", *spec.before_header, *spec.lines]
    body = "".join(f"<p>{escape(line)}</p>" for line in lines)
    html = (f'<html dir="rtl" lang="fa"><head><style>{font_face_css()}'
            f"body {{ font-family: Vazirmatn; font-size: 11pt; }} p {{ margin: 0.2em 0; }}"
            f"</style></head><body>{head}{body}</body></html>")
    HTML(string=html).write_pdf(path)


WRITERS: dict[str, tuple[str, Callable[[Spec, Path], None]]] = {
    "txt": (".txt", lambda s, p: write_text(s, p, "utf-8")),
    "txt-bom": (".txt", lambda s, p: write_text(s, p, "utf-8-sig")),
    "txt-utf16": (".txt", lambda s, p: write_text(s, p, "utf-16")),
    "txt-cp1256": (".txt", lambda s, p: write_text(s, p, "cp1256")),
    "docx-plain": (".docx", lambda s, p: write_docx(s, p, "plain")),
    "docx-header": (".docx", lambda s, p: write_docx(s, p, "header")),
    "docx-table": (".docx", lambda s, p: write_docx(s, p, "table")),
    "docx-textbox": (".docx", lambda s, p: write_docx(s, p, "textbox")),
    "docx-footer": (".docx", lambda s, p: write_docx(s, p, "footer")),
    "docx-resolutions-table": (".docx", lambda s, p: write_docx(s, p, "resolutions-table")),
    "pdf": (".pdf", lambda s, p: write_pdf(s, p, with_table=False)),
    "pdf-table": (".pdf", lambda s, p: write_pdf(s, p, with_table=True)),
}


def build_corpus(folder: Path) -> list[tuple[str, dict[str, Any]]]:
    """Write every document into `folder`; returns (file name, expected fields) pairs."""
    folder.mkdir(parents=True, exist_ok=True)
    cases = []
    for spec in letter_specs() + minutes_specs() + other_specs():
        for fmt in spec.formats:
            suffix, writer = WRITERS[fmt]
            name = f"{spec.name}.{fmt}{suffix}"
            writer(spec, folder / name)
            cases.append((name, spec.expected))
    return cases


def field_accuracy(results: list[tuple[dict[str, Any], dict[str, Any]]]
                   ) -> dict[str, tuple[int, int]]:
    """Per field: (right, total) over (expected, extracted) pairs, fields that were set."""
    tally: dict[str, list[int]] = {}
    for expected, actual in results:
        for name, value in flatten(expected).items():
            counts = tally.setdefault(name, [0, 0])
            counts[1] += 1
            counts[0] += flatten(actual).get(name) == value
    return {name: (right, total) for name, (right, total) in tally.items()}


def flatten(fields: dict[str, Any]) -> dict[str, Any]:
    """`meeting` counted per part (meeting.date, meeting.resolutions, ...)."""
    flat = {name: value for name, value in fields.items() if name != "meeting"}
    for name, value in (fields.get("meeting") or {}).items():
        flat[f"meeting.{name}"] = value
    return flat
