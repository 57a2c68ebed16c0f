"""Nine letters written after the first round of OCR rules, to measure them fairly.

The rules of `paayesh_docs.ingest.ocr` and `header_ocr` were first worked out on the
scans of `scan_corpus` (its four tuned letters, then its twelve held-out ones as well).
These nine letters were written after that, without looking at what the reader got
wrong, and measured the first round (bench/README's OCR section has the figures). The
second round of rules was then worked out on them too, so the fair measure is now
`scan_fresh`'s letters. They hold what a secretariat's post holds and the ground truth
has less of: letter numbers of three groups of digits, a letter between digits and a
year, month names, Latin digits, several copies, a letter with no reference or copy.

`build_unseen(folder)` writes them (laid out in turn plain, as a header table and as a
two-column letterhead, as `scan_corpus` does) at 300/200/150 dpi and faxed, and returns
`scan_corpus.Scan`s; `bench/ocr.py` reports them apart.
"""

from __future__ import annotations

from pathlib import Path

import groundtruth as gt
import scan_corpus as sc
from groundtruth import (
    BISMILLAH,
    CHAMBER,
    COMMITTEE,
    COOP,
    CUSTOMS,
    ORG,
    PROVINCE,
    SECRETARIAT,
    TPO,
    WORKING_GROUP,
    _copy,
    _ref,
    _spec,
)

FORMATS = ("pdf",)
STANDARD = f"اداره کل استاندارد {PROVINCE}"
GOVERNORATE = f"استانداری {PROVINCE}"


def unseen_specs() -> list[gt.Spec]:
    """Nine letters, each with its fields as a careful clerk reads them."""
    return [
        _spec(
            "chamber-exporters-list", formats=FORMATS,
            letterhead=[BISMILLAH, CHAMBER],
            header=[("شماره", "۸۸۲۱/د/۱۴۰۵"), ("تاریخ", "۱۴۰۵/۰۸/۰۷"), ("پیوست", "۳ برگ")],
            lines=[
                f"ریاست محترم {ORG}",
                "موضوع: ارسال فهرست صادرکنندگان نمونه استان",
                "با سلام و احترام",
                "عطف به نامه شماره ۴۴۳۲/ص مورخ ۱۴۰۵/۰۷/۱۹ فهرست صادرکنندگان نمونه استان در "
                "سال ۱۴۰۴ همراه با ارزش صادرات هر یک به پیوست ایفاد می‌گردد.",
                "غلامرضا شهرکی",
                "رئیس اتاق بازرگانی زاهدان",
                "رونوشت:",
                f"- {SECRETARIAT} جهت استحضار",
            ],
            expected={
                "number": "۸۸۲۱/د/۱۴۰۵", "date": "1405-08-07", "attachments": "۳ برگ",
                "subject": "ارسال فهرست صادرکنندگان نمونه استان",
                "sender": "رئیس اتاق بازرگانی زاهدان",
                "recipients": [f"ریاست محترم {ORG}"],
                "copies": [_copy(SECRETARIAT, "جهت استحضار")],
                "references": [_ref("reply_to", "۴۴۳۲/ص", "1405-07-19")],
            },
        ),
        _spec(
            "customs-stranded-goods", formats=FORMATS,
            letterhead=[BISMILLAH, CUSTOMS],
            marks=["فوری"],
            header=[("شماره", "۱۲۰۳۴/۱۰۲"), ("تاریخ", "۱۷ مهر ۱۴۰۵"), ("پیوست", "ندارد")],
            lines=[
                f"مدیرکل محترم دفتر صادرات {TPO}",
                "موضوع: گزارش کالاهای رسوبی در گمرک میرجاوه",
                "با سلام",
                "پیرو نامه شماره ۹۸۱/گ مورخ ۱۴۰۵/۰۶/۳۰ به استحضار می‌رساند ۴۷ محموله کالای "
                "صادراتی به ارزش ۱۲۵ میلیارد ریال در گمرک میرجاوه رسوب کرده است.",
                "رضا سارانی",
                f"مدیرکل گمرک {PROVINCE}",
                "رونوشت:",
                f"- {COMMITTEE} جهت اطلاع",
            ],
            expected={
                "number": "۱۲۰۳۴/۱۰۲", "date": "1405-07-17", "attachments": "ندارد",
                "subject": "گزارش کالاهای رسوبی در گمرک میرجاوه",
                "sender": f"مدیرکل گمرک {PROVINCE}",
                "recipients": [f"مدیرکل محترم دفتر صادرات {TPO}"],
                "copies": [_copy(COMMITTEE, "جهت اطلاع")],
                "references": [_ref("further_to", "۹۸۱/گ", "1405-06-30")],
                "priority": "urgent",
            },
        ),
        _spec(
            "tpo-procedure-three-groups", formats=FORMATS,
            letterhead=[BISMILLAH, TPO, "معاونت توسعه صادرات"],
            header=[("شماره", "۵/۳۲۱/۱۲۳۴"), ("تاریخ", "۱۴۰۵/۹/۵"), ("پیوست", "دارد")],
            lines=[
                "جناب آقای مهندس علی میرشکار",
                f"دبیر محترم {COMMITTEE}",
                "موضوع: ابلاغ شیوه‌نامه پایش صادرات استان‌ها",
                "با سلام و احترام",
                "بازگشت به نامه شماره ۲۰۱/ک/۱۴۰۵ مورخ ۱۴۰۵/۰۸/۲۹ شیوه‌نامه پایش صادرات "
                "استان‌ها برای اجرا ابلاغ می‌گردد.",
                "سعید رحیمی",
                f"معاون توسعه صادرات {TPO}",
                "رونوشت:",
                f"- {SECRETARIAT} جهت استحضار",
                f"- {WORKING_GROUP} جهت اطلاع و اقدام",
            ],
            expected={
                "number": "۵/۳۲۱/۱۲۳۴", "date": "1405-09-05", "attachments": "دارد",
                "subject": "ابلاغ شیوه‌نامه پایش صادرات استان‌ها",
                "sender": f"معاون توسعه صادرات {TPO}",
                "recipients": [f"جناب آقای مهندس علی میرشکار دبیر محترم {COMMITTEE}"],
                "copies": [_copy(SECRETARIAT, "جهت استحضار"),
                           _copy(WORKING_GROUP, "جهت اطلاع و اقدام")],
                "references": [_ref("reply_to", "۲۰۱/ک/۱۴۰۵", "1405-08-29")],
            },
        ),
        _spec(
            "coop-deadline-confidential", formats=FORMATS,
            letterhead=[BISMILLAH, COOP],
            marks=["محرمانه"],
            header=[("شماره", "۷۴۳/م"), ("تاریخ", "۲۶ آبان ۱۴۰۵"), ("پیوست", "ندارد")],
            lines=[
                f"دبیر محترم {COMMITTEE}",
                "موضوع: درخواست تمدید مهلت ارائه گزارش تعاونی‌های مرزنشین",
                "با سلام",
                "با توجه به تعطیلی بازارچه‌های مرزی در هفته گذشته، خواهشمند است مهلت ارائه "
                "گزارش تعاونی‌های مرزنشین تا پایان آذر ماه تمدید گردد.",
                "زهرا ریگی",
                f"مدیرعامل اتاق تعاون {PROVINCE}",
            ],
            expected={
                "number": "۷۴۳/م", "date": "1405-08-26", "attachments": "ندارد",
                "subject": "درخواست تمدید مهلت ارائه گزارش تعاونی‌های مرزنشین",
                "sender": f"مدیرعامل اتاق تعاون {PROVINCE}",
                "recipients": [f"دبیر محترم {COMMITTEE}"],
                "classification": "confidential",
            },
        ),
        _spec(
            "org-farm-exports-very-urgent", formats=FORMATS,
            letterhead=[BISMILLAH, ORG],
            marks=["خیلی فوری"],
            header=[("شماره", "۳۳۰۹/ق/۱۴۰۵"), ("تاریخ", "۱۴۰۵/۰۹/۱۲"), ("پیوست", "۲ برگ")],
            lines=[
                f"ریاست محترم {SECRETARIAT}",
                "موضوع: اعلام موانع صادرات محصولات کشاورزی استان",
                "با سلام و احترام",
                "عطف به نامه شماره ۶۱۲/ش مورخ ۱۴۰۵/۰۸/۱۶ موانع صادرات خرما، زعفران و "
                "هندوانه استان به شرح پیوست اعلام می‌گردد.",
                "محمد احمدی",
                f"رئیس سازمان صنعت، معدن و تجارت {PROVINCE}",
                "رونوشت:",
                f"- {TPO} جهت استحضار",
            ],
            expected={
                "number": "۳۳۰۹/ق/۱۴۰۵", "date": "1405-09-12", "attachments": "۲ برگ",
                "subject": "اعلام موانع صادرات محصولات کشاورزی استان",
                "sender": f"رئیس سازمان صنعت، معدن و تجارت {PROVINCE}",
                "recipients": [f"ریاست محترم {SECRETARIAT}"],
                "copies": [_copy(TPO, "جهت استحضار")],
                "references": [_ref("reply_to", "۶۱۲/ش", "1405-08-16")],
                "priority": "very_urgent",
            },
        ),
        _spec(
            "governorate-extra-meeting", formats=FORMATS,
            letterhead=[BISMILLAH, GOVERNORATE, "معاونت هماهنگی امور اقتصادی"],
            header=[("شماره", "۱۰۴۸/۲۲"), ("تاریخ", "1405/08/24")],
            lines=[
                f"به: {ORG}",
                f"موضوع: تشکیل جلسه فوق‌العاده {COMMITTEE}",
                "با سلام",
                "مقتضی است جلسه فوق‌العاده کمیته با حضور نمایندگان گمرک و بازارچه‌های مرزی "
                "در هفته آینده تشکیل و نتیجه به این معاونت اعلام گردد.",
                "حمید براهویی",
                f"معاون هماهنگی امور اقتصادی {GOVERNORATE}",
                "رونوشت:",
                f"- {CUSTOMS} جهت اطلاع",
            ],
            expected={
                "number": "۱۰۴۸/۲۲", "date": "1405-08-24",
                "subject": f"تشکیل جلسه فوق‌العاده {COMMITTEE}",
                "sender": f"معاون هماهنگی امور اقتصادی {GOVERNORATE}",
                "recipients": [ORG],
                "copies": [_copy(CUSTOMS, "جهت اطلاع")],
            },
        ),
        _spec(
            "market-dates-immediate", formats=FORMATS,
            letterhead=[BISMILLAH, ORG],
            marks=["آنی"],
            header=[("شماره", "۲۹۱۵۶/۷۰۵/ت"), ("تاریخ", "۱۴۰۵/۰۷/۰۳")],
            lines=[
                "مدیر محترم بازارچه مرزی میلک",
                "موضوع: پیگیری صادرات محموله خرمای معطل",
                "با سلام",
                "پیرو نامه شماره ۱۸۷/ب مورخ ۱۴۰۵/۰۶/۲۵ خواهشمند است نتیجه پیگیری صادرات "
                "محموله خرمای معطل در بازارچه را تا پایان هفته جاری اعلام فرمایید.",
                "محمد احمدی",
                f"رئیس سازمان صنعت، معدن و تجارت {PROVINCE}",
            ],
            expected={
                "number": "۲۹۱۵۶/۷۰۵/ت", "date": "1405-07-03",
                "subject": "پیگیری صادرات محموله خرمای معطل",
                "sender": f"رئیس سازمان صنعت، معدن و تجارت {PROVINCE}",
                "recipients": ["مدیر محترم بازارچه مرزی میلک"],
                "references": [_ref("further_to", "۱۸۷/ب", "1405-06-25")],
                "priority": "immediate",
            },
        ),
        _spec(
            "standard-quality-certificates", formats=FORMATS,
            letterhead=[BISMILLAH, STANDARD],
            header=[("شماره", "۶۶۰۲"), ("تاریخ", "۱۴۰۵/۰۸/۳۰"), ("پیوست", "ندارد")],
            lines=[
                f"رئیس محترم {COMMITTEE}",
                "موضوع: صدور گواهی کیفیت برای کالاهای صادراتی",
                "با سلام و احترام",
                "عطف به نامه شماره ۳۴۲۱/ت/۱۴۰۵ مورخ ۱۴۰۵/۰۸/۱۱ گواهی کیفیت کالاهای صادراتی "
                "واحدهای تولیدی استان ظرف سه روز کاری صادر می‌شود.",
                "نرگس میری",
                f"مدیرکل استاندارد {PROVINCE}",
            ],
            expected={
                "number": "۶۶۰۲", "date": "1405-08-30", "attachments": "ندارد",
                "subject": "صدور گواهی کیفیت برای کالاهای صادراتی",
                "sender": f"مدیرکل استاندارد {PROVINCE}",
                "recipients": [f"رئیس محترم {COMMITTEE}"],
                "references": [_ref("reply_to", "۳۴۲۱/ت/۱۴۰۵", "1405-08-11")],
            },
        ),
        _spec(
            "tpo-year-first-month-name", formats=FORMATS,
            letterhead=[BISMILLAH, TPO],
            header=[("شماره", "۴۴/۹۰۸۷/ص"), ("تاریخ", "۱ آذر ۱۴۰۵"), ("پیوست", "ندارد")],
            lines=[
                "جناب آقای دکتر محمدرضا رضایی",
                f"ریاست محترم {TPO}",
                "موضوع: گزارش عملکرد کمیته‌های پایش استان‌های مرزی",
                "با سلام و احترام",
                "در پاسخ به نامه شماره ۷۷۳۰/د مورخ ۱۴۰۵/۰۸/۰۲ گزارش عملکرد کمیته‌های پایش "
                "استان‌های مرزی در شش ماه نخست سال تقدیم می‌گردد.",
                "مریم کیخا",
                "مدیرکل دفتر هماهنگی استان‌ها",
                "رونوشت:",
                f"- {SECRETARIAT} جهت استحضار",
                f"- {CUSTOMS} جهت اطلاع",
            ],
            expected={
                "number": "۴۴/۹۰۸۷/ص", "date": "1405-09-01", "attachments": "ندارد",
                "subject": "گزارش عملکرد کمیته‌های پایش استان‌های مرزی",
                "sender": "مدیرکل دفتر هماهنگی استان‌ها",
                "recipients": [f"جناب آقای دکتر محمدرضا رضایی ریاست محترم {TPO}"],
                "copies": [_copy(SECRETARIAT, "جهت استحضار"), _copy(CUSTOMS, "جهت اطلاع")],
                "references": [_ref("reply_to", "۷۷۳۰/د", "1405-08-02")],
            },
        ),
    ]


def build_unseen(folder: Path, conditions: tuple[str, ...] = sc.HELD_OUT_CONDITIONS,
                 letters: list[gt.Spec] | None = None) -> list[sc.Scan]:
    """The unseen letters (or `letters`) printed, then scanned at 300/200/150 dpi and
    faxed."""
    folder.mkdir(parents=True, exist_ok=True)
    scans: list[sc.Scan] = []
    for number, spec in enumerate(unseen_specs() if letters is None else letters):
        expected = {field: spec.expected.get(field) for field in sc.SCORED}
        pdf = folder / f"{spec.name}.printed.pdf"
        sc.write_pdf(spec, pdf, sc.held_out_layout(number))
        body = "\n".join(line for line in spec.lines if isinstance(line, str))
        for condition in conditions:
            if condition.endswith("dpi"):
                dpi = int(condition[:-3])
                path = folder / f"{spec.name}.{condition}.png"
                sc.rasterise(pdf, dpi)[0].save(path, dpi=(dpi, dpi))
            elif condition == "fax":
                path = folder / f"{spec.name}.fax.tif"
                sc.fax(sc.rasterise(pdf, 200)[0], number).save(path, compression="group4",
                                                               dpi=(200, 100))
            else:
                raise ValueError(condition)
            scans.append(sc.Scan(path, expected, condition, spec.name, body))
    return scans
