"""A ground-truth corpus made by code: Persian letters, minutes and other papers of the
secretariat of a province's Foreign Trade Monitoring Committee, with every field written
down here, before any extraction, the way a careful clerk reads the page.

Each document (`Spec`) is laid out in one or more of the ways such papers arrive:

- text files in UTF-8, UTF-8 with BOM, UTF-16 (LE and BE, with BOM) and Windows-1256
  (what an old Windows editor saved: Arabic yeh and kaf, Latin digits, CRLF), and a
  variant with the whole header block on one line;
- DOCX with the header block (شماره، تاریخ، پیوست) in the page header, in a letterhead
  table inside the page header (merged cells: gridSpan and vMerge), in a label | value
  table at the top of the body, in a text box in the body or several in the page header
  (DrawingML in `mc:Choice` plus Word's VML copy in `mc:Fallback`), or as plain
  right-to-left paragraphs; address lines with phone and fax in the page footer;
- PDFs made with WeasyPrint and Vazirmatn: plain paragraphs, a label | value header
  table, or a two-column letterhead table.

`build_corpus(folder)` writes them all and returns `(file name, expected)` pairs;
`field_accuracy` turns `(expected, extracted)` pairs into per-field (right, total), and
`bench/extract.py` reuses both for its accuracy figures.

Expected values follow the `extract` contract: numbers with Persian digits and no spaces
around slashes, dates as Jalali `YYYY-MM-DD` (and `date_gregorian` worked out here with
jdatetime), text values normalised (Persian ی and ک, Persian digits, single spaces, no
punctuation at the ends). `UNCHECKED` marks the few values a careful clerk could not
decide either (the "subject" of a paper with no «موضوع» line, the "sender" of a news
item); everything else is asserted, including empty lists and None.
"""

from __future__ import annotations

import copy
import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIELDS = ("kind", "number", "date", "date_gregorian", "subject", "sender", "recipients",
          "copies", "references", "attachments", "priority", "classification", "meeting")
LETTER_FIELDS = FIELDS[:-1]
MEETING_PARTS = ("number", "date", "place", "attendees", "agenda", "resolutions")
KINDS = ("letter", "minutes", "report", "directive", "regulation", "news", "other")


class _Unchecked:
    """A value nobody could decide from the page: not asserted."""

    def __repr__(self) -> str:
        return "UNCHECKED"

    def __copy__(self) -> _Unchecked:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> _Unchecked:
        return self


UNCHECKED: Any = _Unchecked()

# --- the bodies and people of the secretariat's world -----------------------------------

BISMILLAH = "بسمه تعالی"
PROVINCE = "استان سیستان و بلوچستان"
ORG = f"سازمان صنعت، معدن و تجارت {PROVINCE}"
CHIEF = f"رئیس سازمان صنعت، معدن و تجارت {PROVINCE}"
COMMITTEE = "کمیته پایش تجارت خارجی استان"
SECRETARY = f"دبیر {COMMITTEE}"
TPO = "سازمان توسعه تجارت ایران"
SECRETARIAT = "دبیرخانه شورای عالی توسعه صادرات غیرنفتی"
WORKING_GROUP = f"کارگروه توسعه صادرات {PROVINCE}"
CUSTOMS = f"اداره کل گمرک {PROVINCE}"
CHAMBER = "اتاق بازرگانی، صنایع، معادن و کشاورزی زاهدان"
COOP = f"اتاق تعاون {PROVINCE}"
ADDRESS = "نشانی: زاهدان، خیابان آزادی، تلفن: ۰۵۴-۳۳۲۲۱۱۰۰ نمابر: ۰۵۴-۳۳۲۲۱۱۰۱"
CHIEF_SIGNATURE = ["محمد احمدی", CHIEF]


# --- the model --------------------------------------------------------------------------

@dataclass(frozen=True)
class Cell:
    """A table cell; `span` > 1 is merged across columns (w:gridSpan, colspan)."""

    text: str
    span: int = 1


@dataclass
class Table:
    """A table inside the document's lines."""

    rows: list[list[str | Cell]]

    def texts(self) -> list[list[str]]:
        return [[c.text if isinstance(c, Cell) else c for c in row] for row in self.rows]


Line = str | Table


@dataclass
class Spec:
    """One document: where its parts stand, and what is right."""

    name: str
    expected: dict[str, Any]
    formats: tuple[str, ...]
    lines: list[Line]
    letterhead: list[str] = field(default_factory=list)  # بسمه تعالی, the issuing body
    header: list[tuple[str, str]] = field(default_factory=list)  # (label, value) pairs
    marks: list[str] = field(default_factory=list)  # فوری، محرمانه … above the header
    pre: list[str] = field(default_factory=list)  # title or trap lines above the header
    footer: list[str] = field(default_factory=list)  # address, phone, fax at the foot

    def header_lines(self) -> list[str]:
        return [f"{label}: {value}" for label, value in self.header]

    def flat_lines(self, inline_header: bool = False) -> list[Line]:
        """Top to bottom, as a single column of text."""
        header = self.header_lines()
        if inline_header and header:
            header = ["    ".join(header)]
        return [*self.letterhead, *self.marks, *self.pre, *header, *self.lines, *self.footer]


def _jalali_to_gregorian(day: str) -> str:
    import jdatetime

    year, month, date = (int(part) for part in day.split("-"))
    return jdatetime.date(year, month, date).togregorian().isoformat()


def _spec(name: str, *, formats: Iterable[str], lines: list[Line], expected: dict[str, Any],
          kind: str = "letter", **parts: Any) -> Spec:
    full: dict[str, Any] = {
        "kind": kind, "copies": [], "references": [], "attachments": None, "priority": None,
        "classification": None, "meeting": None, **expected}
    missing = set(FIELDS) - set(full) - {"date_gregorian"}
    if missing:
        raise ValueError(f"{name}: expected values missing for {sorted(missing)}")
    if isinstance(full["date"], str):
        full["date_gregorian"] = _jalali_to_gregorian(full["date"])
    elif full["date"] is None:
        full["date_gregorian"] = None
    else:
        full["date_gregorian"] = UNCHECKED
    ordered = {name: full[name] for name in FIELDS}
    return Spec(name, ordered, tuple(formats), lines, **parts)


def _ref(relation: str, number: str | None, date: str | None) -> dict[str, str | None]:
    return {"relation": relation, "number": number, "date": date}


def _copy(to: str, purpose: str | None = None) -> dict[str, str | None]:
    return {"to": to, "purpose": purpose}


def _resolution(text: str, owner: str | None, deadline: str | None) -> dict[str, str | None]:
    return {"text": text, "owner": owner, "deadline": deadline}


# --- letters ----------------------------------------------------------------------------

def letter_specs() -> list[Spec]:
    """Letters: every header placement, digit script, date form, mark and trap."""
    return [
        _spec(
            "escalation-tpo",
            formats=("txt", "docx-header", "docx-header-table", "docx-table", "docx-textbox",
                     "pdf", "pdf-table", "pdf-letterhead"),
            letterhead=[BISMILLAH, ORG],
            header=[("شماره", "۱۲۳/۴۵۶/ص"), ("تاریخ", "۱۴۰۵/۰۸/۲۱"), ("پیوست", "ندارد")],
            lines=[
                "جناب آقای دکتر محمدرضا رضایی",
                f"ریاست محترم {TPO}",
                "موضوع: موانع صادرات غیرنفتی از بازارچه‌های مرزی استان",
                "با سلام و احترام",
                "عطف به نامه شماره ۲۰۷۹۴/ت/۳۵۰۱۴ ک مورخ ۱۴۰۵/۰۷/۲۸ به استحضار می‌رساند "
                f"{COMMITTEE} در جلسه مورخ ۱۴۰۵/۰۸/۱۴ موانع صادرات از شش بازارچه مرزی "
                "استان را بررسی کرد.",
                "ارزش کالاهای معطل در گمرک بالغ بر ۷/۷۷۵/۰۰۰/۰۰۰ ریال برآورد شده است؛ "
                "خواهشمند است دستور فرمایید موضوع در دستور کار شورای عالی توسعه صادرات "
                "غیرنفتی قرار گیرد.",
                *CHIEF_SIGNATURE,
                "رونوشت:",
                f"- {SECRETARIAT} جهت استحضار",
                f"- {WORKING_GROUP}، جهت اطلاع و اقدام",
            ],
            footer=[ADDRESS],
            expected={
                "number": "۱۲۳/۴۵۶/ص", "date": "1405-08-21", "attachments": "ندارد",
                "subject": "موانع صادرات غیرنفتی از بازارچه‌های مرزی استان",
                "sender": CHIEF,
                "recipients": [f"جناب آقای دکتر محمدرضا رضایی ریاست محترم {TPO}"],
                "copies": [_copy(SECRETARIAT, "جهت استحضار"),
                           _copy(WORKING_GROUP, "جهت اطلاع و اقدام")],
                "references": [_ref("reply_to", "۲۰۷۹۴/ت/۳۵۰۱۴ ک", "1405-07-28")],
            },
        ),
        _spec(
            "phone-fax-latin-digits",
            formats=("txt", "docx-header", "docx-table", "pdf", "pdf-table"),
            letterhead=[BISMILLAH, CUSTOMS],
            header=[("تلفن", "۰۵۴-۳۱۲۳۴۵۶۷"), ("نمابر", "۰۵۴-۳۱۲۳۴۵۶۸"), ("شماره", "5013/210"),
                    ("تاریخ", "1405-8-2"), ("پیوست", "دارد")],
            lines=[
                f"به: {ORG}",
                "موضوع: اعلام آمار صادرات مهر ماه از مبادی گمرکی استان",
                "با سلام و احترام",
                f"پیرو جلسه {COMMITTEE}، آمار صادرات مهر ماه ۱۴۰۵ به شرح پیوست ارسال "
                "می‌گردد. ارزش صادرات از بازارچه‌های مرزی ۸۰۰ میلیون دلار معادل "
                "۳۳/۶۰۰/۰۰۰/۰۰۰/۰۰۰ ریال بوده است.",
                "شماره تماس کارشناس مسئول: ۰۹۱۵۱۲۳۴۵۶۷",
                "علیرضا ناروئی",
                f"مدیرکل گمرک {PROVINCE}",
            ],
            expected={
                "number": "۵۰۱۳/۲۱۰", "date": "1405-08-02", "attachments": "دارد",
                "subject": "اعلام آمار صادرات مهر ماه از مبادی گمرکی استان",
                "sender": f"مدیرکل گمرک {PROVINCE}", "recipients": [ORG],
            },
        ),
        _spec(
            "arabic-letters-digits",
            formats=("txt", "txt-cp1256", "docx-plain", "docx-header-table", "pdf"),
            letterhead=[BISMILLAH, "اتاق بازرگاني، صنايع، معادن و كشاورزي زاهدان"],
            header=[("شماره", "٣٤٥/ك/١٤٠٥"), ("تاريخ", "١٤٠٥/٠٩/٠٣"), ("پيوست", "ندارد")],
            lines=[
                "رياست محترم سازمان صنعت، معدن و تجارت استان سيستان و بلوچستان",
                "موضوع: دعوت به جلسه كميته پايش تجارت خارجي",
                "با سلام",
                "پيرو نامه شماره ٩٩/ص مورخ ١٤٠٥/٠٨/١٠ از آن سازمان دعوت مي‌شود نماينده "
                "خود را به جلسه مورخ ١٤٠٥/٠٩/١٠ اعزام فرمايند.",
                "حسين بلوچ",
                "دبير كل اتاق بازرگاني زاهدان",
            ],
            expected={
                "number": "۳۴۵/ک/۱۴۰۵", "date": "1405-09-03", "attachments": "ندارد",
                "subject": "دعوت به جلسه کمیته پایش تجارت خارجی",
                "sender": "دبیر کل اتاق بازرگانی زاهدان",
                "recipients": [f"ریاست محترم {ORG}"],
                "references": [_ref("further_to", "۹۹/ص", "1405-08-10")],
            },
        ),
        _spec(
            "two-digit-year",
            formats=("txt", "docx-plain", "docx-header", "pdf"),
            letterhead=[BISMILLAH, "وزارت بازرگانی", "سازمان بازرگانی استان سیستان و بلوچستان"],
            header=[("شماره", "۸۷۶/د"), ("تاریخ", "۸۷/۲/۱۶")],
            lines=[
                "به: اداره امور اداری و پشتیبانی",
                "موضوع: ابلاغ تصویب‌نامه خوشه‌های صادرات‌گرا",
                "با سلام",
                "در پاسخ به نامه شماره ۵۵/الف مورخ ۸۷/۱/۲۰ تصویب‌نامه شماره ۲۰۷۹۴/ت/۳۵۰۱۴ ک "
                "هیئت وزیران جهت اجرا ارسال می‌گردد.",
                "حسن موسوی",
                "مدیر امور بازرگانی خارجی",
            ],
            expected={
                "number": "۸۷۶/د", "date": "1387-02-16",
                "subject": "ابلاغ تصویب‌نامه خوشه‌های صادرات‌گرا",
                "sender": "مدیر امور بازرگانی خارجی",
                "recipients": ["اداره امور اداری و پشتیبانی"],
                "references": [_ref("reply_to", "۵۵/الف", "1387-01-20")],
            },
        ),
        _spec(
            "day-first-date",
            formats=("txt", "txt-inline", "docx-header", "docx-header-textbox", "pdf",
                     "pdf-table"),
            letterhead=[BISMILLAH, ORG, "معاونت بازرگانی"],
            header=[("شماره", "۴۴۱/ص/۰۲"), ("تاریخ", "۲۱/۸/۱۴۰۵"), ("پیوست", "۲ برگ")],
            lines=[
                "جناب آقای مهندس نوری",
                f"مدیرکل محترم گمرک {PROVINCE}",
                "موضوع: تسریع در ترخیص کالاهای صادراتی در بازارچه مرزی میرجاوه",
                "با سلام و احترام",
                "به پیوست فهرست ۱۲ محموله صادراتی معطل در بازارچه مرزی میرجاوه ارسال "
                "می‌گردد. خواهشمند است دستور فرمایید ظرف یک هفته اقدام لازم انجام و نتیجه "
                "به این سازمان اعلام شود.",
                *CHIEF_SIGNATURE,
                "رونوشت:",
                f"- {SECRETARIAT} جهت استحضار",
            ],
            expected={
                "number": "۴۴۱/ص/۰۲", "date": "1405-08-21", "attachments": "۲ برگ",
                "subject": "تسریع در ترخیص کالاهای صادراتی در بازارچه مرزی میرجاوه",
                "sender": CHIEF,
                "recipients": [f"جناب آقای مهندس نوری مدیرکل محترم گمرک {PROVINCE}"],
                "copies": [_copy(SECRETARIAT, "جهت استحضار")],
            },
        ),
        _spec(
            "long-date-month-marks",
            formats=("txt", "docx-header", "docx-textbox", "docx-header-textbox", "pdf"),
            letterhead=[BISMILLAH, ORG],
            marks=["خیلی فوری", "طبقه‌بندی: محرمانه"],
            header=[("شماره", "۹۰۱/ص/۱۴۰۵"), ("تاریخ", "۲۱ آبان ماه ۱۴۰۵")],
            lines=[
                f"به: {SECRETARIAT}",
                "موضوع: پیشنهاد رفع موانع صادرات به پاکستان",
                "با سلام",
                "در تاریخ ۱۴۰۵/۰۸/۱۵ جلسه‌ای با حضور فعالان اقتصادی استان برگزار شد و "
                "موانع صادرات به کشور پاکستان بررسی گردید. پیشنهادهای کمیته برای طرح در "
                "شورای عالی به شرح زیر تقدیم می‌شود:",
                "۱- افزایش ساعات کار بازارچه‌های مرزی",
                "۲- رفع محدودیت حمل یکسره کالا",
                *CHIEF_SIGNATURE,
                f"رونوشت: {TPO} جهت اطلاع",
            ],
            expected={
                "number": "۹۰۱/ص/۱۴۰۵", "date": "1405-08-21",
                "subject": "پیشنهاد رفع موانع صادرات به پاکستان",
                "sender": CHIEF, "recipients": [SECRETARIAT],
                "priority": "very_urgent", "classification": "confidential",
                "copies": [_copy(TPO, "جهت اطلاع")],
            },
        ),
        _spec(
            "long-date-labelled-marks",
            formats=("txt", "docx-table", "docx-header-table", "pdf-table"),
            letterhead=[BISMILLAH, ORG],
            header=[("شماره", "۷۷۰۱/ت"), ("تاریخ", "۳ آذر ۱۴۰۵"), ("پیوست", "ندارد"),
                    ("طبقه‌بندی", "خیلی محرمانه"), ("فوریت", "فوری")],
            lines=[
                "سرکار خانم دکتر فاطمه صالحی",
                f"معاون محترم توسعه صادرات {TPO}",
                "موضوع: گزارش تحلیلی شش‌ماهه تجارت خارجی استان",
                "با سلام و احترام",
                "بازگشت به نامه شماره ۱۱۲۲/۳۳ مورخ ۱۴۰۵/۰۸/۰۵، گزارش تحلیلی تجارت خارجی "
                "استان در شش ماهه نخست سال ۱۴۰۵ تقدیم می‌گردد. صادرات غیرنفتی استان در این "
                "دوره ۴۱۲ میلیون دلار بوده که نسبت به دوره مشابه ۱۸ درصد افزایش داشته است.",
                *CHIEF_SIGNATURE,
            ],
            expected={
                "number": "۷۷۰۱/ت", "date": "1405-09-03", "attachments": "ندارد",
                "subject": "گزارش تحلیلی شش‌ماهه تجارت خارجی استان",
                "sender": CHIEF,
                "recipients": [f"سرکار خانم دکتر فاطمه صالحی معاون محترم توسعه صادرات {TPO}"],
                "priority": "urgent", "classification": "highly_confidential",
                "references": [_ref("reply_to", "۱۱۲۲/۳۳", "1405-08-05")],
            },
        ),
        _spec(
            "reference-before-header",
            formats=("txt", "docx-plain", "docx-table", "pdf", "pdf-table"),
            letterhead=[BISMILLAH, TPO, "معاونت توسعه صادرات"],
            pre=["عطف به نامه شماره ۱۲۳/ص مورخ ۱۴۰۵/۰۷/۰۱"],
            header=[("شماره", "۶۰/۱۲۳۴۵"), ("تاریخ", "۱۴۰۵/۰۹/۰۱")],
            lines=[
                f"به: {ORG}",
                f"موضوع: پاسخ به پیشنهادهای {COMMITTEE}",
                "با سلام",
                "پیشنهادهای آن کمیته در خصوص بازارچه‌های مرزی در جلسه مورخ ۱۴۰۵/۰۸/۲۷ "
                "بررسی شد. این سازمان موضوع را ظرف یک هفته در دستور کار دبیرخانه شورای "
                "عالی توسعه صادرات غیرنفتی قرار خواهد داد.",
                "مهدی کاظمی",
                f"معاون توسعه صادرات {TPO}",
                "رونوشت:",
                f"- {SECRETARIAT}",
                f"- {WORKING_GROUP}",
            ],
            expected={
                "number": "۶۰/۱۲۳۴۵", "date": "1405-09-01",
                "subject": f"پاسخ به پیشنهادهای {COMMITTEE}",
                "sender": f"معاون توسعه صادرات {TPO}", "recipients": [ORG],
                "copies": [_copy(SECRETARIAT), _copy(WORKING_GROUP)],
                "references": [_ref("reply_to", "۱۲۳/ص", "1405-07-01")],
            },
        ),
        _spec(
            "bare-marks-numbered-copies",
            formats=("txt", "docx-table", "docx-header-table", "pdf-table", "pdf-letterhead"),
            letterhead=[BISMILLAH, ORG],
            marks=["فوری", "سری"],
            header=[("شماره", "۲۲/س/۱۴۰۵"), ("تاریخ", "۱۴۰۵.۰۹.۱۰"), ("پیوست", "۳ برگ")],
            lines=[
                f"ریاست محترم {COOP}",
                "موضوع: درخواست معرفی نماینده تام‌الاختیار در کمیته پایش",
                "با سلام و احترام",
                "مصوبات جلسه پنجم کمیته پایش تجارت خارجی استان به پیوست ارسال می‌گردد. "
                "خواهشمند است نماینده تام‌الاختیار آن اتاق را تا تاریخ ۱۴۰۵/۰۹/۲۰ معرفی "
                "فرمایید. اطلاعات صادرکنندگان محرمانه است و نباید منتشر شود.",
                *CHIEF_SIGNATURE,
                "رونوشت:",
                f"۱- {SECRETARIAT} جهت استحضار",
                f"۲- گمرک {PROVINCE} جهت اطلاع",
            ],
            expected={
                "number": "۲۲/س/۱۴۰۵", "date": "1405-09-10", "attachments": "۳ برگ",
                "subject": "درخواست معرفی نماینده تام‌الاختیار در کمیته پایش",
                "sender": CHIEF, "recipients": [f"ریاست محترم {COOP}"],
                "priority": "urgent", "classification": "secret",
                "copies": [_copy(SECRETARIAT, "جهت استحضار"),
                           _copy(f"گمرک {PROVINCE}", "جهت اطلاع")],
            },
        ),
        _spec(
            "company-id-traps",
            formats=("txt", "docx-header", "docx-header-table", "pdf", "pdf-letterhead"),
            letterhead=[BISMILLAH, "شرکت بازرگانی آریا صادرات شرق (سهامی خاص)"],
            header=[("شماره ثبت", "۴۵۶۷۸"), ("شناسه ملی", "۱۰۸۶۱۲۳۴۵۶۷"),
                    ("کد اقتصادی", "۴۱۱۴۴۵۵۶۶۷۷۸"), ("شماره", "۱۴۰۵/۳۳۰"),
                    ("تاریخ", "۱۴۰۵/۱۰/۰۵"), ("پیوست", "دارد")],
            lines=[
                f"ریاست محترم {ORG}",
                "موضوع: درخواست تمدید کارت بازرگانی",
                "با سلام",
                "احتراماً، این شرکت با کارت بازرگانی شماره ۱۱۰۰۲۲۳۳۴۴ در سال ۱۴۰۴ بیش از "
                "۲/۵۰۰/۰۰۰ دلار زعفران و خرما صادر کرده است. خواهشمند است دستور فرمایید "
                "نسبت به تمدید کارت بازرگانی این شرکت اقدام گردد.",
                "رضا صادقی",
                "مدیرعامل شرکت بازرگانی آریا صادرات شرق",
            ],
            footer=["نشانی: زاهدان، بلوار جمهوری، کدپستی: ۹۸۱۳۸۱۴۵۶۷، "
                    "دورنگار: ۰۵۴-۳۳۴۴۵۵۶۶"],
            expected={
                "number": "۱۴۰۵/۳۳۰", "date": "1405-10-05", "attachments": "دارد",
                "subject": "درخواست تمدید کارت بازرگانی",
                "sender": "مدیرعامل شرکت بازرگانی آریا صادرات شرق",
                "recipients": [f"ریاست محترم {ORG}"],
            },
        ),
        _spec(
            "from-to-memo",
            formats=("txt", "txt-utf16", "txt-utf16be", "txt-bom", "docx-plain",
                     "docx-header"),
            letterhead=[BISMILLAH, ORG],
            header=[("شماره", "۱۱/۲۲۳"), ("تاریخ", "۱۴۰۵/۰۶/۳۱")],
            lines=[
                f"از: دبیرخانه {COMMITTEE}",
                "به: معاونت بازرگانی",
                "موضوع: آمار صادرات شهریور ماه",
                "با سلام",
                "رونوشت مصوبات جلسه پنجم کمیته برای اطلاع ارسال می‌گردد. آمار ماهانه "
                "صادرات باید تا پنجم مهر ماه در سامانه ثبت شود.",
                "علی رضایی",
                SECRETARY,
            ],
            footer=[ADDRESS],
            expected={
                "number": "۱۱/۲۲۳", "date": "1405-06-31", "subject": "آمار صادرات شهریور ماه",
                "sender": f"دبیرخانه {COMMITTEE}", "recipients": ["معاونت بازرگانی"],
            },
        ),
        _spec(
            "further-and-reply",
            formats=("txt", "txt-inline", "txt-cp1256", "docx-plain", "docx-header", "pdf"),
            letterhead=[BISMILLAH, ORG],
            header=[("شماره", "۳۰۲/۱-۱۴۰۵"), ("تاریخ", "۱۴۰۵/۰۹/۱۸"), ("پیوست", "ندارد")],
            lines=[
                "جناب آقای مهندس حسینی",
                "دبیر محترم کارگروه توسعه صادرات استان",
                "موضوع: پیگیری رفع موانع حمل یکسره کالا",
                "با سلام و احترام",
                "پیرو نامه شماره ۴۵۶/ص/۱۴۰۵ مورخ ۱۴۰۵/۰۸/۰۱ و بازگشت به نامه شماره ۹۸۷۶ "
                "مورخ ۱۴۰۵/۰۸/۱۰ آن کارگروه، به استحضار می‌رساند موضوع حمل یکسره کالا در "
                "جلسه کمیته مطرح شد و مقرر گردید گمرک استان ظرف دو هفته گزارش اقدامات را "
                "ارسال نماید.",
                *CHIEF_SIGNATURE,
                "رونوشت:",
                f"- {TPO} جهت استحضار",
                f"- گمرک {PROVINCE} جهت اطلاع و اقدام",
            ],
            expected={
                "number": "۳۰۲/۱-۱۴۰۵", "date": "1405-09-18", "attachments": "ندارد",
                "subject": "پیگیری رفع موانع حمل یکسره کالا", "sender": CHIEF,
                "recipients": ["جناب آقای مهندس حسینی دبیر محترم کارگروه توسعه صادرات استان"],
                "copies": [_copy(TPO, "جهت استحضار"),
                           _copy(f"گمرک {PROVINCE}", "جهت اطلاع و اقدام")],
                "references": [_ref("further_to", "۴۵۶/ص/۱۴۰۵", "1405-08-01"),
                               _ref("reply_to", "۹۸۷۶", "1405-08-10")],
            },
        ),
        _spec(
            "spaced-number-weekday",
            formats=("txt", "txt-bom", "docx-textbox", "docx-header-textbox", "pdf"),
            letterhead=[BISMILLAH, ORG],
            header=[("شماره", "۲۵۸ / ۴۱۰ / ص"), ("تاریخ", "چهارشنبه ۱۳ آبان ۱۴۰۵"),
                    ("پیوست", "۱ نسخه")],
            lines=[
                "جناب آقای دکتر کاظمی",
                f"رئیس محترم {WORKING_GROUP}",
                "موضوع: طرح موانع صادرات در سطح ملی",
                "با سلام",
                "در پاسخ به نامه شماره ۳۲۱۰/۲/ک مورخ ۲۱ مهر ۱۴۰۵ به استحضار می‌رساند موانعی "
                "که در سطح استان قابل حل نبود، برای طرح در دستگاه‌های ستادی ذیربط کشور و "
                "شورای عالی توسعه صادرات غیرنفتی ارسال شد. مبلغ ۱۲/۵۰۰/۰۰۰/۰۰۰ ریال برای "
                "تجهیز بازارچه مرزی میلک پیشنهاد شده است.",
                *CHIEF_SIGNATURE,
                f"رونوشت: {SECRETARIAT} جهت استحضار",
            ],
            expected={
                "number": "۲۵۸/۴۱۰/ص", "date": "1405-08-13", "attachments": "۱ نسخه",
                "subject": "طرح موانع صادرات در سطح ملی", "sender": CHIEF,
                "recipients": [f"جناب آقای دکتر کاظمی رئیس محترم {WORKING_GROUP}"],
                "copies": [_copy(SECRETARIAT, "جهت استحضار")],
                "references": [_ref("reply_to", "۳۲۱۰/۲/ک", "1405-07-21")],
            },
        ),
        _spec(
            "joint-recipients",
            formats=("txt", "docx-plain", "docx-header-table", "pdf"),
            letterhead=[BISMILLAH, ORG],
            header=[("شماره", "۵۵۱/ص"), ("تاریخ", "۱۴۰۵/۰۹/۲۲")],
            lines=[
                "جناب آقای مهندس نوری",
                f"مدیرکل محترم گمرک {PROVINCE}",
                "جناب آقای حاج‌محمدی",
                f"رئیس محترم {CHAMBER}",
                "موضوع: دعوت به جلسه فوق‌العاده کمیته پایش تجارت خارجی",
                "با سلام و احترام",
                f"به اطلاع می‌رساند جلسه فوق‌العاده {COMMITTEE} روز چهارشنبه مورخ "
                "۱۴۰۵/۰۹/۲۵ ساعت ۱۰ در سالن جلسات سازمان برگزار می‌شود. خواهشمند است "
                "شخصاً در جلسه حضور یابید.",
                "محمد احمدی",
                f"رئیس {COMMITTEE}",
            ],
            expected={
                "number": "۵۵۱/ص", "date": "1405-09-22",
                "subject": "دعوت به جلسه فوق‌العاده کمیته پایش تجارت خارجی",
                "sender": f"رئیس {COMMITTEE}",
                "recipients": [f"جناب آقای مهندس نوری مدیرکل محترم گمرک {PROVINCE}",
                               f"جناب آقای حاج‌محمدی رئیس محترم {CHAMBER}"],
            },
        ),
        _spec(
            "tpo-number-unpadded-date",
            formats=("txt", "txt-inline", "docx-header", "docx-table", "pdf-table",
                     "pdf-letterhead"),
            letterhead=[BISMILLAH, TPO, SECRETARIAT],
            header=[("شماره", "۲۱۸۷۶/ت/۴۵۰۲۱ ک"), ("تاریخ", "۱۴۰۵/۹/۵"), ("پیوست", "دارد")],
            lines=[
                f"به: {ORG}",
                "موضوع: ارزیابی عملکرد کمیته‌های پایش تجارت خارجی استان‌ها",
                "با سلام",
                "به استناد بند ۲ دستورالعمل اجرایی پایش تجارت خارجی استان‌ها، دبیرخانه "
                "شورای عالی عملکرد استان‌ها را ارزیابی می‌کند. خواهشمند است فرم پیوست را "
                "تکمیل و حداکثر تا ۱۴۰۵/۰۹/۲۰ ارسال فرمایید.",
                "شماره تماس دبیرخانه: ۰۲۱-۶۶۹۰۰۰۰۰",
                "علی کاظمی",
                "دبیر شورای عالی توسعه صادرات غیرنفتی",
            ],
            expected={
                "number": "۲۱۸۷۶/ت/۴۵۰۲۱ ک", "date": "1405-09-05", "attachments": "دارد",
                "subject": "ارزیابی عملکرد کمیته‌های پایش تجارت خارجی استان‌ها",
                "sender": "دبیر شورای عالی توسعه صادرات غیرنفتی", "recipients": [ORG],
            },
        ),
        _spec(
            "contact-number-first",
            formats=("txt", "docx-table", "docx-header", "pdf-table"),
            letterhead=[BISMILLAH, COOP],
            header=[("شماره تماس", "۰۵۴-۳۳۲۱۰۰۰۰"), ("دورنگار", "۰۵۴-۳۳۲۱۰۰۰۱"),
                    ("کدپستی", "۹۸۱۵۷۱۳۶۵۴"), ("شماره", "۸۸۰"), ("تاریخ", "1405/09/12")],
            lines=[
                f"ریاست محترم {ORG}",
                "موضوع: معرفی نماینده اتاق تعاون در کمیته پایش تجارت خارجی",
                "با سلام",
                "عطف به نامه شماره ۲۲/س/۱۴۰۵ مورخ ۱۴۰۵/۰۹/۱۰، جناب آقای مهندس رحیم شهرکی به "
                f"عنوان نماینده تام‌الاختیار این اتاق در {COMMITTEE} معرفی می‌گردد.",
                "غلامرضا میری",
                f"رئیس {COOP}",
                "رونوشت:",
                "- جناب آقای مهندس رحیم شهرکی جهت اطلاع",
            ],
            expected={
                "number": "۸۸۰", "date": "1405-09-12",
                "subject": "معرفی نماینده اتاق تعاون در کمیته پایش تجارت خارجی",
                "sender": f"رئیس {COOP}", "recipients": [f"ریاست محترم {ORG}"],
                "copies": [_copy("جناب آقای مهندس رحیم شهرکی", "جهت اطلاع")],
                "references": [_ref("reply_to", "۲۲/س/۱۴۰۵", "1405-09-10")],
            },
        ),
    ]


# --- minutes ----------------------------------------------------------------------------

def minutes_specs() -> list[Spec]:
    """Minutes: resolutions as numbered lists and as tables, attendees in a line, lines
    or a table, agenda, place, meeting number and date in every form."""
    attendees = ["آقای محمد احمدی", "خانم زهرا کریمی", "آقای علی رضایی", "نماینده گمرک استان"]
    list_meeting = {
        "number": "۱۲", "date": "1405-08-28",
        "place": "سالن جلسات سازمان صنعت، معدن و تجارت استان",
        "attendees": attendees,
        "agenda": ["بررسی موانع صادرات از بازارچه‌های مرزی", "آمار صادرات مهر ماه"],
        "resolutions": [
            _resolution("موانع ترخیص کالا در بازارچه‌های مرزی بررسی و گزارش آن ارائه شود",
                        "گمرک استان", "1405-09-15"),
            _resolution(f"گزارش آمار صادرات آبان ماه تهیه و به {TPO} ارسال شود",
                        "دبیرخانه کمیته", "1405-09-05"),
        ],
    }
    table_people = [
        "آقای محمد احمدی - رئیس سازمان صنعت، معدن و تجارت استان",
        f"آقای حسین بلوچ - نماینده {CHAMBER}",
        "آقای مهندس نوری - مدیرکل گمرک استان",
        "خانم زهرا کریمی - معاون بازرگانی",
    ]
    table_resolutions = [
        _resolution("فهرست کالاهای مشمول تعرفه جدید صادرات خرما تهیه شود", "گمرک استان",
                    "1405-09-20"),
        _resolution(f"پیشنهاد اصلاح تعرفه صادرات خرما به {TPO} ارسال شود", "دبیر کمیته",
                    "1405-09-19"),
        _resolution("نشست مشترک با صادرکنندگان خرما برگزار شود", "اتاق بازرگانی زاهدان",
                    "1405-09-30"),
    ]
    extraordinary_people = [("محمد احمدی", "رئیس کمیته"), ("زهرا کریمی", "معاون بازرگانی"),
                            ("علیرضا ناروئی", "مدیرکل گمرک استان")]
    signature = ["علی رضایی", SECRETARY]
    minutes_fields = {"number": None, "subject": UNCHECKED, "sender": SECRETARY,
                      "recipients": []}
    return [
        _spec(
            "minutes-numbered-lists", kind="minutes",
            formats=("txt", "txt-cp1256", "txt-utf16", "docx-plain", "pdf"),
            lines=[
                BISMILLAH,
                f"صورتجلسه {COMMITTEE} سیستان و بلوچستان",
                "شماره جلسه: ۱۲",
                "تاریخ جلسه: ۱۴۰۵/۰۸/۲۸",
                "ساعت: ۱۰:۰۰ الی ۱۲:۰۰",
                "محل جلسه: سالن جلسات سازمان صنعت، معدن و تجارت استان",
                "حاضرین: " + "، ".join(attendees),
                "دستور جلسه:",
                "۱- بررسی موانع صادرات از بازارچه‌های مرزی",
                "۲- آمار صادرات مهر ماه",
                "مصوبات:",
                "۱- موانع ترخیص کالا در بازارچه‌های مرزی بررسی و گزارش آن ارائه شود. "
                "مسئول: گمرک استان مهلت: ۱۴۰۵/۰۹/۱۵",
                f"۲- گزارش آمار صادرات آبان ماه تهیه و به {TPO} ارسال شود. "
                "مسئول: دبیرخانه کمیته مهلت: ۱۴۰۵/۰۹/۰۵",
                *signature,
                f"رونوشت: {TPO} جهت استحضار",
            ],
            expected={**minutes_fields, "date": "1405-08-28", "meeting": list_meeting,
                      "copies": [_copy(TPO, "جهت استحضار")]},
        ),
        _spec(
            "minutes-tables", kind="minutes",
            formats=("txt", "docx-plain", "pdf"),
            lines=[
                BISMILLAH,
                f"صورتجلسه {COMMITTEE}",
                Table([["شماره جلسه: ۱۴", "تاریخ جلسه: ۱۴۰۵/۰۹/۱۲"],
                       [Cell("محل جلسه: دفتر ریاست سازمان صنعت، معدن و تجارت استان", 2)]]),
                "حاضرین:",
                *(f"{n}- {person}" for n, person in zip("۱۲۳۴", table_people, strict=True)),
                "دستور جلسه: بررسی پیشنهاد اصلاح تعرفه صادرات خرما",
                "مصوبات:",
                Table([["ردیف", "شرح مصوبه", "مسئول اجرا", "مهلت"],
                       ["۱", table_resolutions[0]["text"], "گمرک استان", "۱۴۰۵/۰۹/۲۰"],
                       ["۲", table_resolutions[1]["text"], "دبیر کمیته", "۱۴۰۵/۹/۱۹"],
                       ["۳", table_resolutions[2]["text"], "اتاق بازرگانی زاهدان",
                        "۳۰ آذر ۱۴۰۵"]]),
                *signature,
            ],
            expected={**minutes_fields, "date": "1405-09-12", "meeting": {
                "number": "۱۴", "date": "1405-09-12",
                "place": "دفتر ریاست سازمان صنعت، معدن و تجارت استان",
                "attendees": table_people,
                "agenda": ["بررسی پیشنهاد اصلاح تعرفه صادرات خرما"],
                "resolutions": table_resolutions}},
        ),
        _spec(
            "minutes-extraordinary", kind="minutes",
            formats=("txt-bom", "docx-plain", "pdf"),
            lines=[
                BISMILLAH,
                f"صورتجلسه جلسه فوق‌العاده {COMMITTEE}",
                "جلسه شماره ۱۳",
                "تاریخ: ۴ آذر ماه ۱۴۰۵",
                "مکان: سالن شهید رجایی استانداری سیستان و بلوچستان",
                "حاضران:",
                Table([["ردیف", "نام و نام خانوادگی", "سمت"],
                       *([str(n), name, role] for n, (name, role)
                         in enumerate(extraordinary_people, 1))]),
                "دستور جلسه:",
                "- بررسی تعرفه‌های جدید صادرات به پاکستان",
                "- تعیین نماینده استان در کارگروه ملی",
                "مصوبات:",
                f"۱- پیشنهاد اصلاح تعرفه صادرات خرما به {TPO} ارسال شود "
                "(مسئول: دبیر کمیته، مهلت: ۱۴۰۵/۰۹/۱۱).",
                "۲- خانم زهرا کریمی به عنوان نماینده استان در کارگروه ملی معرفی شد.",
                *signature,
            ],
            expected={**minutes_fields, "date": "1405-09-04", "meeting": {
                "number": "۱۳", "date": "1405-09-04",
                "place": "سالن شهید رجایی استانداری سیستان و بلوچستان",
                "attendees": [f"{name} - {role}" for name, role in extraordinary_people],
                "agenda": ["بررسی تعرفه‌های جدید صادرات به پاکستان",
                           "تعیین نماینده استان در کارگروه ملی"],
                "resolutions": [
                    _resolution(f"پیشنهاد اصلاح تعرفه صادرات خرما به {TPO} ارسال شود",
                                "دبیر کمیته", "1405-09-11"),
                    _resolution("خانم زهرا کریمی به عنوان نماینده استان در کارگروه ملی "
                                "معرفی شد", None, None),
                ]}},
        ),
    ]


# --- reports, directives, regulations, news, other --------------------------------------

def other_specs() -> list[Spec]:
    nothing = {"number": None, "date": None, "recipients": [], "copies": [], "references": [],
               "attachments": None, "priority": None, "classification": None}
    return [
        _spec(
            "supervisor-report", kind="report",
            formats=("txt", "docx-header", "pdf"),
            letterhead=[BISMILLAH],
            pre=["گزارش ناظر خوشه صادرات‌گرای خرما در استان سیستان و بلوچستان"],
            header=[("شماره", "۴۱۲/ن/۱۴۰۵"), ("تاریخ", "۱۴۰۵/۰۹/۳۰")],
            lines=[
                "دوره گزارش: سه ماهه سوم سال ۱۴۰۵",
                f"به: دبیرخانه کارگروه توسعه خوشه‌های صادرات‌گرا در {TPO}",
                "موضوع: ارزیابی عملکرد عامل توسعه و پیشنهادهای اصلاحی",
                "۱- عامل توسعه در این دوره ۶ کارگاه آموزشی برگزار کرد و صادرات اعضای خوشه "
                "به ۳۵ میلیون دلار رسید.",
                "۲- بازده اقتصادی برنامه نسبت به دوره قبل ۱۲ درصد بهبود یافته است.",
                "۳- پیشنهاد می‌شود بودجه خوشه ۱۰ درصد افزایش یابد.",
                "مریم شهرکی",
                "ناظر خوشه صادرات‌گرای خرما",
                "رونوشت:",
                f"- دبیرخانه {WORKING_GROUP} جهت اطلاع",
            ],
            expected={
                "number": "۴۱۲/ن/۱۴۰۵", "date": "1405-09-30",
                "subject": "ارزیابی عملکرد عامل توسعه و پیشنهادهای اصلاحی",
                "sender": "ناظر خوشه صادرات‌گرای خرما",
                "recipients": [f"دبیرخانه کارگروه توسعه خوشه‌های صادرات‌گرا در {TPO}"],
                "copies": [_copy(f"دبیرخانه {WORKING_GROUP}", "جهت اطلاع")],
            },
        ),
        _spec(
            "six-month-report", kind="report",
            formats=("txt", "docx-plain", "pdf"),
            letterhead=[BISMILLAH],
            pre=[f"گزارش عملکرد شش‌ماهه {COMMITTEE} سیستان و بلوچستان"],
            header=[("تاریخ", "۱۴۰۵/۰۷/۱۰")],
            lines=[
                "موضوع: عملکرد تجارت خارجی استان در شش ماهه نخست سال ۱۴۰۵",
                "۱- صادرات غیرنفتی استان در شش ماهه نخست ۱۴۰۵ به ارزش ۴۱۲ میلیون دلار "
                "انجام شد.",
                Table([["شرح", "دوره", "مقدار"],
                       ["صادرات از بازارچه‌های مرزی", "۱۴۰۵/۰۱/۰۱ تا ۱۴۰۵/۰۶/۳۱",
                        "۷/۷۷۵/۰۰۰/۰۰۰ ریال"],
                       ["واردات از پاکستان", "۱۴۰۵/۰۱/۰۱ تا ۱۴۰۵/۰۶/۳۱", "۶۰۰ میلیون دلار"]]),
                "۲- جلسات کمیته هر دو هفته یک بار برگزار شد و صورتجلسات به سازمان توسعه "
                "تجارت ایران ارسال گردید.",
                "علی رضایی",
                SECRETARY,
            ],
            expected={
                **nothing, "date": "1405-07-10",
                "subject": "عملکرد تجارت خارجی استان در شش ماهه نخست سال ۱۴۰۵",
                "sender": SECRETARY,
            },
        ),
        _spec(
            "bakhshnameh", kind="directive",
            formats=("txt", "docx-header", "pdf"),
            letterhead=[BISMILLAH, "وزارت صنعت، معدن و تجارت"],
            pre=["بخشنامه"],
            header=[("شماره", "۶۰/۵۴۳۲۱"), ("تاریخ", "۱۴۰۵/۰۷/۱۵")],
            lines=[
                "به: سازمان‌های صنعت، معدن و تجارت استان‌ها",
                "موضوع: ارسال صورت‌جلسات کمیته‌های پایش تجارت خارجی",  # see PDF_NOTE
                "با سلام",
                "به منظور ارزیابی مستمر عملکرد کمیته‌های پایش تجارت خارجی استان‌ها، مقرر است "
                f"صورتجلسات هر جلسه حداکثر یک هفته پس از برگزاری به {TPO} ارسال شود. "
                "گزارش‌های تحلیلی شش‌ماهه و سالانه نیز باید در موعد مقرر ارسال گردد.",
                "سید محمد علی‌زاده",
                f"معاون وزیر و رئیس کل {TPO}",
                "رونوشت:",
                f"- {SECRETARIAT} جهت اطلاع",
            ],
            expected={
                "number": "۶۰/۵۴۳۲۱", "date": "1405-07-15",
                "subject": "ارسال صورت‌جلسات کمیته‌های پایش تجارت خارجی",
                "sender": f"معاون وزیر و رئیس کل {TPO}",
                "recipients": ["سازمان‌های صنعت، معدن و تجارت استان‌ها"],
                "copies": [_copy(SECRETARIAT, "جهت اطلاع")],
            },
        ),
        _spec(
            "statistics-directive", kind="directive",
            formats=("txt", "docx-table", "pdf-table"),
            pre=["دستورالعمل الزام به روزرسانی اطلاعات و ارائه آمار حوزه صنعت، معدن و تجارت"],
            header=[("ویرایش", "۲"), ("شماره", "۵۰۱۳"), ("تاریخ تصویب", "۱۴۰۲/۰۳/۱۰")],
            lines=[
                "واحد مسئول: معاونت طرح و برنامه",
                "شماره تماس: ۸۱۷۶۲۵۲۷",
                "مقدمه:",
                "به منظور یکپارچه‌سازی آمار و داده‌ها و پایش وضعیت حوزه صنعت، معدن و تجارت، "
                "این دستورالعمل تدوین و جهت اجرا ابلاغ می‌گردد.",
                "ماده ۱- واحدهای تابعه موظفند آمار ماهانه را حداکثر تا پنجم ماه بعد در سامانه "
                "ثبت کنند.",
                "ماده ۲- واحد استانی ظرف ۳ روز آمار را بررسی و موارد نیازمند اصلاح را ظرف ۲ "
                "روز برای اصلاح بازمی‌گرداند.",
                "ماده ۳- معاونت تخصصی ظرف ۵ روز آمار را تأیید می‌کند و آماری که در مهلت مقرر "
                "بررسی نشود تأییدشده تلقی می‌شود.",
            ],
            expected={**nothing, "number": "۵۰۱۳", "date": "1402-03-10",
                      "subject": UNCHECKED, "sender": UNCHECKED},
        ),
        _spec(
            "cluster-regulation", kind="regulation",
            formats=("txt", "docx-plain", "pdf"),
            lines=[
                TPO,
                "آیین‌نامه کنترل و نظارت بر عملکرد توسعه خوشه‌های کسب و کار صادرات‌گرا",
                "ماده ۱- هدف",
                "هدف از تنظیم این آیین‌نامه بیان نحوه نظارت کیفی و کمی بر اجرای مصوبات "
                "کارگروه توسعه خوشه‌ها است.",
                "ماده ۲- تعاریف",
                "عامل توسعه: شخص حقیقی یا حقوقی که بر اساس قرارداد، برنامه توسعه خوشه را "
                "اجرا می‌کند.",
                "ناظر: شخصی که از سوی رئیس کارگروه برای مدت یک سال برای هر خوشه منصوب "
                "می‌شود.",
                "ماده ۳- عامل توسعه موظف است هر سه ماه یک بار گزارش پیشرفت کار را به ناظر و "
                "کارگروه ارائه کند.",
                "ماده ۴- کارگروه می‌تواند بر اساس گزارش ناظران، بودجه هر خوشه را حداکثر ۱۰ "
                "درصد افزایش یا کاهش دهد.",
            ],
            expected={**nothing, "subject": UNCHECKED, "sender": UNCHECKED},
        ),
        _spec(
            "regulation-old-spelling", kind="regulation",
            formats=("txt-cp1256", "docx-plain"),
            lines=[
                "وزارت بازرگانی",
                "آئین نامه ساماندهی خوشه‌ها و شبکه‌های صادرات‌گرای کسب و کار",
                "فصل اول - کلیات",
                "ماده ۱- به منظور ساماندهی خوشه‌های صادرات‌گرا، کارگروه توسعه خوشه‌ها در "
                "سازمان توسعه تجارت ایران تشکیل می‌شود.",
                "ماده ۲- دبیرخانه کارگروه در معاونت کمک‌های تجاری مستقر است.",
            ],
            expected={**nothing, "subject": UNCHECKED, "sender": UNCHECKED},
        ),
        _spec(
            "news-irna", kind="news",
            formats=("txt", "docx-plain", "pdf"),
            lines=[
                "سفارتخانه‌ها از روابط خارجی استان‌ها برای ساماندهی اقتصاد حمایت می‌کنند",
                "تبریز - ایرنا - مدیرکل دفتر هماهنگی و راهبرد امور اقتصادی وزارت امور خارجه "
                "گفت: سفارتخانه‌ها از روابط خارجی استان‌ها برای ساماندهی اقتصادی حمایت "
                "می‌کنند.",
                "به گزارش ایرنا، وی در نشست منطقه‌ای استانداران و سفیران جمهوری اسلامی ایران "
                "اظهار کرد: استان‌ها باید بانک اطلاعاتی از ظرفیت‌های خود در حوزه‌های گردشگری، "
                "تولید، تجارت و سرمایه‌گذاری تهیه کنند.",
                "وی افزود: کارگروه‌های تجارت، سرمایه‌گذاری و گردشگری در استان‌ها تشکیل شده "
                "است.",
            ],
            expected={**nothing, "subject": UNCHECKED, "sender": UNCHECKED},
        ),
        _spec(
            "news-mehr-pakistan", kind="news",
            formats=("txt", "docx-plain", "pdf"),
            lines=[
                "افزایش حجم مبادلات تجاری سیستان و بلوچستان با پاکستان",
                "تاریخ انتشار: ۱۴۰۵/۰۸/۱۲",
                "به گزارش خبرنگار مهر، رئیس سازمان صنعت، معدن و تجارت سیستان و بلوچستان در "
                "جلسه هم‌اندیشی توسعه تجارت با پاکستان اظهار داشت: در سال گذشته بیش از 800 "
                "میلیون دلار کالا از طریق این استان به پاکستان صادر شده است.",
                "وی با اشاره به فعالیت شش بازارچه مرزی در استان افزود: واردات از این مسیر 600 "
                "میلیون دلار بوده است.",
            ],
            expected={**nothing, "date": "1405-08-12", "subject": UNCHECKED,
                      "sender": UNCHECKED},
        ),
        _spec(
            "note", kind="other",
            formats=("txt", "docx-plain"),
            lines=[
                "یادداشت",
                "جلسه هماهنگی دبیرخانه فردا ساعت ۹ در اتاق ۲۰۴ برگزار می‌شود.",
                "لطفاً آمار صادرات هفته گذشته همراه آورده شود.",
            ],
            expected={**nothing, "subject": None, "sender": None},
        ),
        _spec(
            "membership-form", kind="other",
            formats=("txt", "docx-plain", "pdf"),
            lines=[
                "فرم درخواست عضویت در خوشه صادرات‌گرای خرما",
                Table([["نام متقاضی", "شرکت تعاونی خرمای سراوان"],
                       ["شماره ثبت", "۱۲۳۴"],
                       ["شناسه ملی", "۱۰۸۶۰۰۱۲۳۴۵"],
                       ["شماره تماس", "۰۹۱۵۱۲۳۴۵۶۷"],
                       ["کدپستی", "۹۹۴۱۸۳۵۶۷۱"],
                       ["میزان صادرات سال گذشته", "۲/۳۰۰/۰۰۰ دلار"],
                       ["نوع محصول", "خرمای مضافتی"]]),
            ],
            expected={**nothing, "subject": None, "sender": UNCHECKED},
        ),
    ]


def all_specs() -> list[Spec]:
    return letter_specs() + minutes_specs() + other_specs()


# --- text writers -----------------------------------------------------------------------

def _text_lines(spec: Spec, inline_header: bool = False) -> list[str]:
    out: list[str] = []
    for line in spec.flat_lines(inline_header):
        if isinstance(line, Table):
            out.extend("\t".join(row) for row in line.texts())
        else:
            out.append(line)
    return out


def _legacy(text: str) -> str:
    """What an old Windows editor kept: Arabic yeh and kaf, Latin digits (the font drew
    them Persian); Windows-1256 holds no Persian digits and no Persian yeh."""
    from paayesh_docs.persian.digits import to_latin_digits

    return to_latin_digits(text.replace("ی", "ي").replace("ک", "ك"))


def write_text(spec: Spec, path: Path, encoding: str, inline_header: bool = False) -> None:
    text = "\n".join(_text_lines(spec, inline_header)) + "\n"
    if encoding == "cp1256":
        data = _legacy(text).replace("\n", "\r\n").encode("cp1256", errors="strict")
    elif encoding == "utf-16-be":
        data = b"\xfe\xff" + text.encode("utf-16-be")
    else:  # utf-8, utf-8-sig, utf-16 (with BOM)
        data = text.encode(encoding)
    path.write_bytes(data)


# --- DOCX writers -----------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NAMESPACES = {
    "w": W_NS,
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "v": "urn:schemas-microsoft-com:vml",
    "w10": "urn:schemas-microsoft-com:office:word",
}


def _rtl(paragraph: Any) -> Any:
    """Mark a paragraph right-to-left (w:bidi) and its runs complex-script (w:rtl)."""
    from docx.oxml import OxmlElement

    ppr = paragraph._p.get_or_add_pPr()
    if ppr.find(f"{{{W_NS}}}bidi") is None:
        ppr.insert(0, OxmlElement("w:bidi"))
    for run in paragraph.runs:
        rpr = run._r.get_or_add_rPr()
        if rpr.find(f"{{{W_NS}}}rtl") is None:
            rpr.append(OxmlElement("w:rtl"))
    return paragraph


def _add_paragraph(container: Any, text: str) -> Any:
    paragraph = container.add_paragraph()
    parts = text.split("\t")
    for index, part in enumerate(parts):
        run = paragraph.add_run(part)
        if index < len(parts) - 1:
            run.add_tab()
    return _rtl(paragraph)


def _set_cell(cell: Any, text: str) -> None:
    lines = text.split("\n")
    cell.paragraphs[0].text = lines[0]
    _rtl(cell.paragraphs[0])
    for line in lines[1:]:
        _rtl(cell.add_paragraph(line))


def _bidi_table(table: Any) -> Any:
    from docx.oxml import OxmlElement

    table._tbl.tblPr.append(OxmlElement("w:bidiVisual"))
    table.style = "Table Grid"
    return table


def _add_table(container: Any, table: Table) -> Any:
    from docx.shared import Cm

    cols = max(sum(c.span if isinstance(c, Cell) else 1 for c in row) for row in table.rows)
    made = container.add_table(rows=len(table.rows), cols=cols, width=Cm(16))
    _bidi_table(made)
    for r, row in enumerate(table.rows):
        column = 0
        for cell in row:
            span = cell.span if isinstance(cell, Cell) else 1
            target = made.cell(r, column)
            if span > 1:
                target = target.merge(made.cell(r, column + span - 1))  # w:gridSpan
            _set_cell(target, cell.text if isinstance(cell, Cell) else cell)
            column += span
    return made


def _add_lines(container: Any, lines: Iterable[Line]) -> None:
    for line in lines:
        if isinstance(line, Table):
            _add_table(container, line)
        else:
            _add_paragraph(container, line)


def _textbox_run(lines: list[str], shape_id: int) -> Any:
    """A text box as Word writes it: DrawingML (wps:txbx) in mc:Choice and the same
    text again as VML (v:textbox) in mc:Fallback, for older readers."""
    from lxml import etree

    paragraphs = "".join(
        '<w:p><w:pPr><w:bidi/><w:jc w:val="left"/></w:pPr><w:r><w:rPr><w:rtl/></w:rPr>'
        f'<w:t xml:space="preserve">{html.escape(line, quote=False)}</w:t></w:r></w:p>'
        for line in lines)
    content = f"<w:txbxContent>{paragraphs}</w:txbxContent>"
    declarations = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _NAMESPACES.items())
    height = 300000 * len(lines)
    xml = (
        f"<w:r {declarations}><w:rPr><w:noProof/></w:rPr>"
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        'relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" '
        'allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="margin"><wp:align>left</wp:align></wp:positionH>'
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{shape_id * 50800}'
        "</wp:posOffset></wp:positionV>"
        f'<wp:extent cx="2160000" cy="{height}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapNone/><wp:docPr id="{shape_id}" name="Text Box {shape_id}"/>'
        "<wp:cNvGraphicFramePr/>"
        '<a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="2160000" cy="{height}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></wps:spPr>'
        f"<wps:txbx>{content}</wps:txbx>"
        '<wps:bodyPr rot="0" vert="horz" wrap="square" anchor="t"/></wps:wsp>'
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict>"
        '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
        'path="m,l,21600r21600,l21600,xe" '
        'xmlns:o="urn:schemas-microsoft-com:office:office"/>'
        f'<v:shape id="Text Box {shape_id}" o:spid="_x0000_s{1025 + shape_id}" '
        'type="#_x0000_t202" style="position:absolute;margin-left:0;margin-top:0;'
        'width:170pt;height:60pt;z-index:251659264" filled="f" stroked="f" '
        'xmlns:o="urn:schemas-microsoft-com:office:office">'
        f'<v:textbox>{content}</v:textbox><w10:wrap anchorx="margin"/></v:shape>'
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    return etree.fromstring(xml)


def _header_table(header: Any, spec: Spec) -> None:
    """A letterhead table in the page header: بسمه تعالی across the top (gridSpan), the
    issuing body down the right (vMerge), label and value cells beside it."""
    from docx.shared import Cm

    rows = len(spec.header) + 1
    table = _bidi_table(header.add_table(rows=rows, cols=3, width=Cm(16)))
    top = table.cell(0, 0).merge(table.cell(0, 2))
    _set_cell(top, spec.letterhead[0] if spec.letterhead else "")
    body = table.cell(1, 0).merge(table.cell(rows - 1, 0))
    _set_cell(body, "\n".join(spec.letterhead[1:]))
    for row, (label, value) in enumerate(spec.header, 1):
        _set_cell(table.cell(row, 1), f"{label}:")
        _set_cell(table.cell(row, 2), value)


def write_docx(spec: Spec, path: Path, layout: str) -> None:
    from docx import Document

    document = Document()
    body = document._body
    # The template's one empty paragraph goes: every paragraph below is ours.
    for paragraph in list(document.paragraphs):
        paragraph._p.getparent().remove(paragraph._p)
    section = document.sections[0]
    page_header = section.header
    first_header = page_header.paragraphs[0]
    if layout == "plain":
        _add_lines(body, spec.flat_lines())
    elif layout == "header":
        first_header.text = spec.letterhead[0] if spec.letterhead else ""
        _rtl(first_header)
        _add_lines(page_header, [*spec.letterhead[1:], *spec.header_lines(), *spec.marks])
        _add_lines(body, [*spec.pre, *spec.lines])
    elif layout == "header-table":
        _header_table(page_header, spec)
        _add_lines(page_header, spec.marks)
        _add_lines(body, [*spec.pre, *spec.lines])
    elif layout == "table":
        _add_lines(body, [*spec.letterhead, *spec.marks, *spec.pre])
        _add_lines(body, [Table([[label, value] for label, value in spec.header])])
        _add_lines(body, spec.lines)
    elif layout == "textbox":
        first = _add_paragraph(body, spec.letterhead[0] if spec.letterhead else "")
        first._p.append(_textbox_run(spec.header_lines(), 1))
        _add_lines(body, [*spec.letterhead[1:], *spec.marks, *spec.pre, *spec.lines])
    elif layout == "header-textbox":  # one text box per header field, in the page header
        first_header.text = spec.letterhead[0] if spec.letterhead else ""
        _rtl(first_header)
        for index, line in enumerate(spec.header_lines(), 1):
            first_header._p.append(_textbox_run([line], index))
        _add_lines(page_header, [*spec.letterhead[1:], *spec.marks])
        _add_lines(body, [*spec.pre, *spec.lines])
    else:
        raise ValueError(layout)
    if spec.footer and layout != "plain":  # plain: already at the foot of the body
        footer = section.footer
        footer.paragraphs[0].text = spec.footer[0]
        _rtl(footer.paragraphs[0])
        _add_lines(footer, spec.footer[1:])
    document.save(path)


# --- PDF writers ------------------------------------------------------------------------

def _html_lines(lines: Iterable[Line]) -> str:
    out = []
    for line in lines:
        if isinstance(line, Table):
            rows = "".join(
                "<tr>" + "".join(
                    f'<td colspan="{c.span}">{html.escape(c.text)}</td>' if isinstance(c, Cell)
                    else f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                for row in line.rows)
            out.append(f"<table>{rows}</table>")
        else:
            out.append(f"<p>{html.escape(line)}</p>")
    return "".join(out)


def write_pdf(spec: Spec, path: Path, layout: str) -> None:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from paayesh_docs.fonts import REGULAR

    if layout == "plain":
        content = _html_lines(spec.flat_lines())
    elif layout == "table":
        content = _html_lines([*spec.letterhead, *spec.marks, *spec.pre,
                               Table([[label, value] for label, value in spec.header]),
                               *spec.lines, *spec.footer])
    elif layout == "letterhead":  # the issuing body on the right, the header block left
        right = "<br>".join(html.escape(line) for line in spec.letterhead)
        left = "<br>".join(html.escape(line) for line in spec.header_lines())
        content = (f'<table class="letterhead"><tr><td>{right}</td>'
                   f'<td class="fields">{left}</td></tr></table>'
                   + _html_lines([*spec.marks, *spec.pre, *spec.lines, *spec.footer]))
    else:
        raise ValueError(layout)
    fonts = FontConfiguration()
    css = CSS(string=(
        f"@font-face {{ font-family: Vazirmatn; src: url('{REGULAR.as_uri()}'); }}"
        "@page { size: A4; margin: 2cm; }"
        "body { font-family: Vazirmatn; font-size: 11pt; }"
        "p { margin: 0.25em 0; } table { border-collapse: collapse; margin: 0.4em 0; }"
        "td { border: 0.5pt solid #888; padding: 2pt 6pt; }"
        "table.letterhead { width: 100%; } table.letterhead td { border: none; }"
        "td.fields { text-align: left; }"
    ), font_config=fonts)
    document = f'<html dir="rtl" lang="fa"><head><meta charset="utf-8"></head>' \
        f"<body>{content}</body></html>"
    HTML(string=document).write_pdf(path, stylesheets=[css], font_config=fonts)


WRITERS: dict[str, tuple[str, Callable[[Spec, Path], None]]] = {
    "txt": (".txt", lambda s, p: write_text(s, p, "utf-8")),
    "txt-inline": (".txt", lambda s, p: write_text(s, p, "utf-8", inline_header=True)),
    "txt-bom": (".txt", lambda s, p: write_text(s, p, "utf-8-sig")),
    "txt-utf16": (".txt", lambda s, p: write_text(s, p, "utf-16")),
    "txt-utf16be": (".txt", lambda s, p: write_text(s, p, "utf-16-be")),
    "txt-cp1256": (".txt", lambda s, p: write_text(s, p, "cp1256")),
    "docx-plain": (".docx", lambda s, p: write_docx(s, p, "plain")),
    "docx-header": (".docx", lambda s, p: write_docx(s, p, "header")),
    "docx-header-table": (".docx", lambda s, p: write_docx(s, p, "header-table")),
    "docx-table": (".docx", lambda s, p: write_docx(s, p, "table")),
    "docx-textbox": (".docx", lambda s, p: write_docx(s, p, "textbox")),
    "docx-header-textbox": (".docx", lambda s, p: write_docx(s, p, "header-textbox")),
    "pdf": (".pdf", lambda s, p: write_pdf(s, p, "plain")),
    "pdf-table": (".pdf", lambda s, p: write_pdf(s, p, "table")),
    "pdf-letterhead": (".pdf", lambda s, p: write_pdf(s, p, "letterhead")),
}


# --- the corpus -------------------------------------------------------------------------

def _file_name(spec: Spec, fmt: str) -> str:
    return f"{spec.name}.{fmt}{WRITERS[fmt][0]}"


def _once(spec: Spec, fmt: str) -> dict[str, int] | None:
    """For Word layouts that hide the header block in boxes, tables or the page header:
    each header value with digits is in the text exactly once (a text box's VML copy or a
    merged cell is not read twice)."""
    if not fmt.startswith("docx-") or fmt == "docx-plain":
        return None
    from paayesh_docs.persian.text import normalize

    rest = normalize("\n".join(_text_lines(Spec(spec.name, {}, (), spec.lines, pre=spec.pre,
                                                 marks=spec.marks, footer=spec.footer))))
    values = [normalize(value) for _, value in spec.header
              if any(ch.isdigit() for ch in value)]
    once = {value: 1 for value in values if value not in rest}
    return once or None


def cases() -> list[tuple[str, dict[str, Any]]]:
    """(file name, expected) for every document, without writing anything."""
    out = []
    for spec in all_specs():
        for fmt in spec.formats:
            expected = copy.deepcopy(spec.expected)
            once = _once(spec, fmt)
            if once:
                expected["text_once"] = once
            out.append((_file_name(spec, fmt), expected))
    return out


def build_corpus(folder: Path) -> list[tuple[str, dict[str, Any]]]:
    """Write every document into `folder`; returns (file name, expected fields) pairs."""
    folder.mkdir(parents=True, exist_ok=True)
    specs = {_file_name(spec, fmt): (spec, fmt) for spec in all_specs() for fmt in spec.formats}
    built = cases()
    for name, _ in built:
        spec, fmt = specs[name]
        WRITERS[fmt][1](spec, folder / name)
    return built


# --- scoring ----------------------------------------------------------------------------

def flatten(fields: dict[str, Any], expected: dict[str, Any] | None = None) -> dict[str, Any]:
    """One value per scored field: `meeting` per part (meeting.date, meeting.resolutions…),
    `text_once` as the count of each snippet in the text; UNCHECKED values dropped.

    With `expected`, `fields` is an extraction result and is flattened to match it.
    """
    flat: dict[str, Any] = {}
    for name in FIELDS[:-1]:
        if name in fields and fields[name] is not UNCHECKED:
            flat[name] = fields[name]
    meeting = fields.get("meeting")
    if isinstance(meeting, dict):
        for part in MEETING_PARTS:
            if meeting.get(part, UNCHECKED) is not UNCHECKED:
                flat[f"meeting.{part}"] = meeting.get(part)
    elif "meeting" in fields:
        flat["meeting"] = meeting
    if expected is not None:
        if isinstance(expected.get("meeting"), dict) and not isinstance(meeting, dict):
            for part in MEETING_PARTS:
                flat[f"meeting.{part}"] = None
        if expected.get("meeting") is None and isinstance(meeting, dict):
            flat["meeting"] = meeting
        if "text_once" in expected:
            from paayesh_docs.persian.text import normalize

            text = normalize(fields.get("text") or "")
            flat["text_once"] = {snippet: text.count(snippet) for snippet in expected["text_once"]}
    elif "text_once" in fields:
        flat["text_once"] = fields["text_once"]
    return flat


MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()


# PDF_NOTE: a PDF's text layer carries no ZWNJ (the corpus README: "every ZWNJ is lost"),
# so the reader puts back the standard spelling of hazm's word list. A subject typed
# «صورتجلسات» (joined) in the source would come back «صورت‌جلسات» from its PDF; the
# documents here use the standard spelling, which is what the PDF reader can restore.


def compare(expected: dict[str, Any], actual: dict[str, Any]
            ) -> dict[str, tuple[bool, Any, Any]]:
    """Per scored field: (right?, expected value, extracted value)."""
    want = flatten(expected)
    if actual.get("status") != "ok":
        return {name: (False, value, f"status={actual.get('status')} {actual.get('reason')}")
                for name, value in want.items()}
    got = flatten(actual, expected)
    return {name: (got.get(name, MISSING) == value, value, got.get(name, MISSING))
            for name, value in want.items()}


def field_accuracy(results: list[tuple[dict[str, Any], dict[str, Any]]]
                   ) -> dict[str, tuple[int, int]]:
    """Per field: (right, total) over (expected, extracted) pairs, for the fields asserted."""
    tally: dict[str, list[int]] = {}
    for expected, actual in results:
        for name, (right, _, _) in compare(expected, actual).items():
            counts = tally.setdefault(name, [0, 0])
            counts[0] += right
            counts[1] += 1
    return {name: (right, total) for name, (right, total) in sorted(tally.items())}
