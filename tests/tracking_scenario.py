"""A season of the committee's correspondence (مهر تا آذر ۱۴۰۵), with the answers a careful
evaluator writes down before any tracking code exists.

The documents are written the way the secretariat writes them (letterhead, header block
شماره / تاریخ / پیوست, addressee, «موضوع», «عطف به نامه شماره … مورخ …», «پیرو …»,
signature, رونوشت block with purposes) and saved as DOCX, PDF and text files with the
writers of `groundtruth.py`. They carry the misspellings of DOMAIN.md: Arabic ي/ك (a
Windows-1256 file, and typed ones), رییس/رئیس, ZWNJ or a space in کارگروه، دبیرخانه،
غیرنفتی، صورتجلسه, and letter numbers in Persian, Arabic-Indic and Latin digits.

`DOCS` is in order of arrival at the secretariat (the "chronological" ingest order). On
purpose some replies and copy letters arrive before the letter they cite (R2, C2 before
E2; R5 before F5; C7 before E7; P4f before P4r). Keys:

- E…: escalations (clause 2 of the directive), F…: follow-ups («پیرو» an escalation),
  C…: separate copy letters to the High Council's secretariat, R…: replies;
- X…: letters that look like escalations or threads but are not (provincial bodies,
  routine reports, one letter number used by two senders told apart by its date);
- P…: the everyday traffic of requests and replies;
- S…: monthly statistics filings and their reviews (the statistics directive);
- M…: minutes (M10 twice: DOCX and PDF of the same meeting), K…: covering letters.

The expected answers are the tables at the end of this module. Dates there are Jalali
ISO; a reply window is 7 calendar days counted from the letter's own date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from groundtruth import ADDRESS, BISMILLAH, CHIEF_SIGNATURE, ORG, WRITERS, Spec

TPO = "سازمان توسعه تجارت ایران"
SECRETARIAT = "دبیرخانه شورای عالی توسعه صادرات غیرنفتی"
PROVINCE = "استان سیستان و بلوچستان"
WORKING_GROUP_ORG = f"دبیرخانه کارگروه توسعه صادرات {PROVINCE}"
CUSTOMS_HQ = "گمرک جمهوری اسلامی ایران"
PROVINCIAL_CUSTOMS = f"اداره کل گمرک {PROVINCE}"
CHAMBER = "اتاق بازرگانی، صنایع، معادن و کشاورزی زاهدان"
COOP = f"اتاق تعاون {PROVINCE}"
TO_US = [f"ریاست محترم {ORG}"]


@dataclass(frozen=True)
class Doc:
    """One paper of the season: where it comes from, how it is saved, what it says."""

    key: str
    fmt: str
    direction: str
    lines: tuple[str, ...]
    header: tuple[tuple[str, str], ...] = ()
    letterhead: tuple[str, ...] = (BISMILLAH, ORG)
    footer: tuple[str, ...] = ()
    kind: str | None = None  # the folder hint a clerk would use ("minutes")

    def spec(self) -> Spec:
        return Spec(self.key, {}, (self.fmt,), list(self.lines), letterhead=list(self.letterhead),
                    header=list(self.header), footer=list(self.footer))

    @property
    def file_name(self) -> str:
        return f"{self.key}{WRITERS[self.fmt][0]}"


@dataclass
class _Letter:
    number: str
    date: str
    to: list[str]
    subject: str
    body: list[str]
    cc: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=lambda: list(CHIEF_SIGNATURE))


def _lines(letter: _Letter) -> tuple[str, ...]:
    lines = [*letter.to, f"موضوع: {letter.subject}", "با سلام و احترام", *letter.body,
             *letter.signature]
    if letter.cc:
        lines += ["رونوشت:", *(f"- {line}" for line in letter.cc)]
    return tuple(lines)


def out(key: str, fmt: str, number: str, date: str, to: list[str], subject: str,
        body: list[str], cc: list[str] | None = None) -> Doc:
    """An outgoing letter of the provincial organisation (the committee's secretariat)."""
    letter = _Letter(number, date, to, subject, body, cc or [])
    return Doc(key, fmt, "outgoing", _lines(letter),
               header=(("شماره", number), ("تاریخ", date), ("پیوست", "ندارد")),
               footer=(ADDRESS,))


def inc(key: str, fmt: str, sender: str, number: str, date: str, subject: str,
        body: list[str], signature: list[str], to: list[str] | None = None) -> Doc:
    """An incoming letter from `sender`, addressed to the organisation."""
    letter = _Letter(number, date, to or TO_US, subject, body, [], signature)
    return Doc(key, fmt, "incoming", _lines(letter), letterhead=(BISMILLAH, sender),
               header=(("شماره", number), ("تاریخ", date)))


def minutes(key: str, fmt: str, title: str, head: list[str], resolutions: list[str],
            cc: list[str] | None = None) -> Doc:
    lines = [BISMILLAH, title, *head,
             "محل جلسه: سالن جلسات سازمان صنعت، معدن و تجارت استان",
             "حاضرین: آقای محمد احمدی، خانم زهرا کریمی، آقای علی رضایی، نماینده گمرک استان",
             "دستور جلسه:", "۱- بررسی موانع صادرات استان", "مصوبات:", *resolutions,
             "علی رضایی", "دبیر کمیته پایش تجارت خارجی استان"]
    if cc:
        lines += [f"رونوشت: {line}" for line in cc]
    return Doc(key, fmt, "internal", tuple(lines), letterhead=(), kind="minutes")


WG_SIGNATURE = ["حسین نوری", "دبیر کارگروه توسعه صادرات استان"]
CUSTOMS_HQ_SIGNATURE = ["مهدی کاظمی", "مدیرکل دفتر امور گمرکی"]
PROVINCIAL_CUSTOMS_SIGNATURE = ["علیرضا ناروئی", f"مدیرکل گمرک {PROVINCE}"]

DOCS: list[Doc] = [
    minutes("M9", "txt", "صورتجلسه کمیته پایش تجارت خارجی استان",
            ["شماره جلسه: ۹", "تاریخ جلسه: ۱۴۰۵/۰۷/۰۲"],
            ["۱- فهرست کالاهای معطل در بازارچه‌های مرزی تهیه شود. "
             "مسئول: گمرک استان مهلت: ۱۴۰۵/۰۷/۲۰"],
            cc=[f"{TPO} جهت استحضار"]),
    out("E1", "docx-header", "۳۱۰۱/ص", "۱۴۰۵/۰۷/۰۳",
        ["جناب آقای مهندس حسین نوری", f"دبیر محترم کارگروه توسعه صادرات {PROVINCE}"],
        "موانع صادرات خرما از بازارچه مرزی میرجاوه",
        ["به استحضار می‌رساند صادرات خرما از بازارچه مرزی میرجاوه به دلیل نبود "
         "آزمایشگاه قرنطینه متوقف شده است. خواهشمند است موضوع در دستور کار کارگروه قرار گیرد."],
        cc=[f"{SECRETARIAT} جهت استحضار", "اداره کل گمرک استان جهت اطلاع"]),
    inc("S1", "txt", PROVINCIAL_CUSTOMS, "۶۶۰۱/۲۱۰", "۱۴۰۵/۰۷/۰۳",
        "ارسال آمار ماهانه صادرات شهریور ماه ۱۴۰۵",
        ["آمار ماهانه صادرات شهریور ماه ۱۴۰۵ از مبادی گمرکی استان به پیوست ارسال می‌گردد."],
        PROVINCIAL_CUSTOMS_SIGNATURE),
    inc("P1", "txt", COOP, "۱۴۵۰", "۴ مهر ۱۴۰۵", "معرفی نماینده اتاق تعاون در کمیته",
        ["آقای رضا میری به عنوان نماینده این اتاق در کمیته پایش تجارت خارجی معرفی می‌شود."],
        ["محمود شهرکی", f"رئیس {COOP}"]),
    out("S1a", "txt", "۳۱۰۵/ص", "۱۴۰۵/۰۷/۰۵",
        ["جناب آقای علیرضا ناروئی", f"مدیرکل محترم گمرک {PROVINCE}"],
        "تأیید آمار ماهانه صادرات شهریور ماه ۱۴۰۵",
        ["عطف به نامه شماره ۶۶۰۱/۲۱۰ مورخ ۱۴۰۵/۰۷/۰۳ آمار ارسالی بررسی و تأیید شد."]),
    out("C2", "docx-table", "۳۱۰۳/ص", "۱۴۰۵/۰۷/۰۷",
        ["دبیرخانه محترم شورای عالی توسعه صادرات غیر نفتی"],
        "ارسال رونوشت مکاتبه با گمرک جمهوری اسلامی ایران",
        ["پیرو نامه شماره ۳۱۰۲/ص مورخ ۱۴۰۵/۰۷/۰۶ به گمرک جمهوری اسلامی ایران، رونوشت "
         "آن نامه جهت استحضار به پیوست ارسال می‌گردد."]),
    out("P1r", "docx-plain", "۳۱۰۴/ص", "۱۴۰۵/۰۷/۰۷", [f"ریاست محترم {COOP}"],
        "معرفی نماینده اتاق تعاون",
        ["عطف به نامه شماره ۱۴۵۰ مورخ ۴ مهر ۱۴۰۵ معرفی نماینده آن اتاق دریافت شد."]),
    inc("R1", "pdf", WORKING_GROUP_ORG, "۲۴۵/ک", "۱۴۰۵/۰۷/۰۸",
        "پاسخ درباره موانع صادرات خرما",
        ["عطف به نامه شماره ۳۱۰۱/ص مورخ ۱۴۰۵/۰۷/۰۳ موضوع در جلسه کارگروه طرح و مقرر شد "
         "آزمایشگاه سیار قرنطینه در بازارچه مستقر شود."], WG_SIGNATURE),
    out("X1", "txt", "۳۱۰۸/ص", "۱۴۰۵/۰۷/۰۹",
        ["جناب آقای علیرضا ناروئی", f"مدیرکل محترم گمرک {PROVINCE}"],
        "موانع ترخیص کالا در گمرک میرجاوه",
        ["خواهشمند است دستور فرمایید موانع ترخیص کالاهای صادراتی بررسی و رفع شود."]),
    inc("P2", "txt-bom", "شرکت صنایع غذایی زاهدان", "22/338", "1405/07/09",
        "درخواست مجوز صادرات خرما",
        ["خواهشمند است مجوز صادرات ۲۰۰ تن خرما به پاکستان صادر شود."],
        ["رضا براهویی", "مدیرعامل شرکت صنایع غذایی زاهدان"]),
    out("E3", "pdf-letterhead", "۳۱۱۰/ص", "۱۴۰۵/۰۷/۱۰",
        ["ریاست محترم شورای عالی توسعه صادرات غیرنفتی"],
        "پیشنهاد اصلاح مقررات صادرات محصولات کشاورزی",
        ["پیشنهادهای کمیته پایش تجارت خارجی استان برای اصلاح مقررات صادرات محصولات "
         "کشاورزی جهت طرح در شورای عالی تقدیم می‌شود."],
        cc=[f"{TPO} ({SECRETARIAT}) جهت استحضار",
            "کارگروه توسعه صادرات استان جهت اطلاع"]),
    inc("X3", "txt", CHAMBER, "۵۰۱۳", "۱۴۰۵/۰۷/۱۱", "درخواست برگزاری نشست صادرکنندگان",
        ["خواهشمند است نشستی با حضور صادرکنندگان خرما برگزار شود."],
        ["حسین بلوچ", "دبیر کل اتاق بازرگانی زاهدان"]),
    out("E4", "docx-plain", "۳۱۱۲/ص", "۱۴۰۵/۰۷/۱۲",
        ["معاون محترم امور بازرگانی وزارت جهاد کشاورزی"],
        "ممنوعیت صادرات گوجه‌فرنگی",
        ["ممنوعیت صادرات گوجه‌فرنگی از مرزهای استان به صادرکنندگان زیان زده است. "
         "خواهشمند است دستور بازنگری فرمایید."]),
    out("P2r", "txt", "۳۱۱۳/ص", "۱۴۰۵/۰۷/۱۳", ["مدیرعامل محترم شرکت صنایع غذایی زاهدان"],
        "مجوز صادرات خرما",
        ["عطف به نامه شماره 22/338 مورخ 1405-7-9 مجوز درخواستی صادر شد."]),
    out("E5", "txt", "۳۱۱۴/ص", "۱۴۰۵/۰۷/۱۴",
        ["رییس محترم کار گروه توسعه صادرات استان"],
        "کمبود ناوگان حمل و نقل صادراتی در مرز میلک",
        ["کمبود ناوگان حمل و نقل جاده‌ای صادرات از مرز میلک را مختل کرده است."],
        cc=["دبيرخانه شوراي عالي توسعه صادرات غيرنفتي جهت استحضار"]),
    inc("P3", "docx-plain", "بانک ملی ایران شعبه مرکزی زاهدان", "۴۰۱/ب", "۱۴۰۵/۰۷/۱۵",
        "گشایش اعتبار اسنادی صادرکنندگان",
        ["فهرست صادرکنندگان متقاضی گشایش اعتبار اسنادی اعلام شود."],
        ["مریم سارانی", "رئیس شعبه مرکزی زاهدان"]),
    minutes("M10", "docx-plain", "صورتجلسه کمیته پایش تجارت خارجی استان",
            ["شماره جلسه: ۱۰", "تاریخ جلسه: ۱۴۰۵/۰۷/۱۶"],
            ["۱- گزارش موانع صادرات خرما تهیه و ارسال شود. "
             "مسئول: دبیرخانه کمیته مهلت: ۱۴۰۵/۰۸/۰۱"]),
    minutes("M10-pdf", "pdf", "صورتجلسه کمیته پایش تجارت خارجی استان",
            ["شماره جلسه: ۱۰", "تاریخ جلسه: ۱۴۰۵/۰۷/۱۶"],
            ["۱- گزارش موانع صادرات خرما تهیه و ارسال شود. "
             "مسئول: دبیرخانه کمیته مهلت: ۱۴۰۵/۰۸/۰۱"]),
    inc("R4", "txt-utf16", "وزارت جهاد کشاورزی - معاونت امور بازرگانی", "۸۸۲۰/۴۵",
        "۱۴۰۵/۰۷/۱۶", "بازنگری ممنوعیت صادرات گوجه‌فرنگی",
        ["عطف به نامه شماره ٣١١٢/ص موضوع در دست بررسی است و نتیجه اعلام خواهد شد."],
        ["احمد موسوی", "معاون امور بازرگانی"]),
    out("K10", "txt", "۳۱۲۰/ص", "۱۴۰۵/۰۷/۱۸", [f"ریاست محترم {TPO}"],
        "ارسال صورتجلسه جلسه شماره ۱۰ کمیته پایش تجارت خارجی استان",
        ["به پیوست صورتجلسه جلسه شماره ۱۰ کمیته پایش تجارت خارجی استان ارسال می‌گردد."]),
    out("P3r", "txt", "۳۱۲۲/ص", "۱۴۰۵/۰۷/۱۹", ["رئیس محترم بانک ملی ایران شعبه مرکزی زاهدان"],
        "فهرست صادرکنندگان متقاضی اعتبار اسنادی",
        ["عطف به نامه شماره ۴۰۱/ب مورخ ۱۴۰۵/۰۷/۱۵ فهرست به پیوست ارسال می‌شود."]),
    inc("R2", "txt", CUSTOMS_HQ, "۱۱۲۸۴/۲۱۰", "۱۴۰۵/۰۷/۲۰",
        "ترخیص کالاهای صادراتی در گمرک میرجاوه",
        ["عطف به نامه شماره ۳۱۰۲/ص مورخ ۱۴۰۵/۰۷/۰۶ دستور تسریع ترخیص صادر شد."],
        CUSTOMS_HQ_SIGNATURE),
    out("E2", "txt-cp1256", "3102/ص", "1405/07/06",
        ["ریاست محترم گمرک جمهوری اسلامی ایران"],
        "تأخیر در ترخیص کالاهای صادراتی در گمرک میرجاوه",
        ["ترخیص کالاهای صادراتی در گمرک میرجاوه بیش از ده روز طول می‌کشد. خواهشمند است "
         "دستور رسیدگی فرمایید."]),
    out("E6", "docx-textbox", "۳۱۲۵/ص", "۱۴۰۵/۰۷/۲۰",
        [f"مدیرکل محترم دفتر توسعه صادرات کالا و خدمات {TPO}"],
        "درخواست تمدید مهلت رفع تعهد ارزی",
        ["صادرکنندگان استان برای رفع تعهد ارزی به مهلت بیشتری نیاز دارند. خواهشمند است "
         "دستور تمدید مهلت فرمایید."]),
    inc("P4", "txt", CHAMBER, "۵۱۲۰", "۱۴۰۵/۰۷/۲۱", "فهرست صادرکنندگان نمونه",
        ["فهرست صادرکنندگان نمونه استان جهت معرفی به جشنواره ملی ارسال می‌شود."],
        ["حسین بلوچ", "دبیر کل اتاق بازرگانی زاهدان"]),
    out("X6", "docx-header", "۳۱۲۸/ص", "۱۴۰۵/۰۷/۲۲", [f"ریاست محترم {CHAMBER}"],
        "پاسخ درخواست برگزاری نشست صادرکنندگان",
        ["عطف به نامه شماره ۵۰۱۳ مورخ ۱۴۰۵/۰۷/۱۱ نشست صادرکنندگان خرما در هفته آینده "
         "برگزار می‌شود."]),
    inc("R5", "txt", WORKING_GROUP_ORG, "۲۹۸/ک", "۱۴۰۵/۰۷/۲۹",
        "تأمین ناوگان حمل و نقل صادراتی",
        ["عطف به نامه شماره ۳۱۳۰/ص مورخ ۱۴۰۵/۰۷/۲۴ موضوع با سازمان راهداری پیگیری شد."],
        WG_SIGNATURE),
    out("F5", "docx-header-table", "۳۱۳۰/ص", "۱۴۰۵/۰۷/۲۴",
        [f"دبیر محترم کارگروه توسعه صادرات {PROVINCE}"],
        "پیگیری کمبود ناوگان حمل و نقل صادراتی",
        ["پیرو نامه شماره ۳۱۱۴/ص مورخ ۱۴۰۵/۰۷/۱۴ خواهشمند است نتیجه اقدامات را اعلام "
         "فرمایید."]),
    inc("X7", "txt", WORKING_GROUP_ORG, "۳۰۲/ک", "۱۴۰۵/۰۷/۲۵",
        "دعوت به جلسه کارگروه توسعه صادرات استان",
        ["از رئیس سازمان دعوت می‌شود در جلسه کارگروه شرکت فرمایند."], WG_SIGNATURE),
    out("P4r", "txt", "۳۱۳۲/ص", "۱۴۰۵/۰۷/۲۳", [f"ریاست محترم {CHAMBER}"],
        "فهرست صادرکنندگان نمونه",
        ["عطف به نامه شماره ۵۱۲۰ مورخ ۱۴۰۵/۰۷/۲۱ فهرست دریافت و به وزارت ارسال شد."]),
    inc("P4f", "docx-plain", CHAMBER, "۵۱۸۸", "۱۴۰۵/۰۷/۲۶",
        "تکمیل فهرست صادرکنندگان نمونه",
        ["پیرو نامه شماره ۵۱۲۰ مورخ ۱۴۰۵/۰۷/۲۱ نام دو صادرکننده دیگر اعلام می‌شود."],
        ["حسین بلوچ", "دبیر کل اتاق بازرگانی زاهدان"]),
    out("C7", "txt", "۳۱۴۱/ص", "۱۴۰۵/۰۷/۲۸", ["رئیس محترم سازمان توسعه تجارت ايران"],
        "رونوشت نامه به بانک مرکزی",
        ["پیرو نامه شماره 3140/ص مورخ 1405/07/27 به بانک مرکزی، رونوشت آن جهت استحضار "
         "ارسال می‌گردد."]),
    out("E7", "pdf", "۳۱۴۰/ص", "۱۴۰۵/۰۷/۲۷",
        ["ریاست محترم بانک مرکزی جمهوری اسلامی ایران"],
        "مشکلات بازگشت ارز حاصل از صادرات",
        ["صادرکنندگان استان در بازگرداندن ارز حاصل از صادرات به چرخه اقتصادی با مشکل "
         "روبرو هستند. خواهشمند است دستور رسیدگی فرمایید."]),
    minutes("M11", "txt-utf16", "صورتجلسه کمیته پایش تجارت خارجی استان",
            ["شماره جلسه: ۱۱", "تاریخ جلسه: ۱۴۰۵/۰۷/۳۰"],
            ["۱- نشست مشترک با صادرکنندگان خرما برگزار شود. "
             "مسئول: اتاق بازرگانی زاهدان مهلت: ۱۴۰۵/۰۸/۲۰"]),
    out("X2", "docx-plain", "۳۱۵۰/ص", "۱۴۰۵/۰۸/۰۱", [f"ریاست محترم {TPO}"],
        "ارسال گزارش تحلیلی شش ماهه تجارت خارجی استان",
        ["گزارش تحلیلی شش ماهه نخست سال ۱۴۰۵ به پیوست تقدیم می‌شود."]),
    out("K11", "docx-plain", "۳۱۵۱/ص", "۱۴۰۵/۰۸/۰۲",
        ["به: دبیر خانه شورای عالی توسعه صادرات غیرنفتی"],
        "ارسال صورت‌جلسه کمیته پایش تجارت خارجی استان",
        ["به پیوست صورتجلسه مورخ ۱۴۰۵/۰۷/۳۰ کمیته پایش تجارت خارجی استان ارسال می‌گردد."]),
    inc("P5", "txt", f"سازمان جهاد کشاورزی {PROVINCE}", "۹۹۱/ج", "۱۴۰۵/۰۸/۰۲",
        "صدور گواهی بهداشت صادرات خرما",
        ["گواهی بهداشت محموله‌های خرمای صادراتی صادر شد."],
        ["کریم ریگی", f"رئیس سازمان جهاد کشاورزی {PROVINCE}"]),
    inc("X4", "txt", PROVINCIAL_CUSTOMS, "5013", "1405/08/03",
        "اعلام آمار کالاهای معطل در گمرک",
        ["فهرست کالاهای معطل در گمرک میرجاوه به پیوست ارسال می‌گردد."],
        PROVINCIAL_CUSTOMS_SIGNATURE),
    inc("S2", "docx-plain", PROVINCIAL_CUSTOMS, "۷۱۱۰/۲۱۰", "۱۴۰۵/۰۸/۰۴",
        "ارسال آمار ماهانه صادرات مهر ماه ۱۴۰۵",
        ["آمار ماهانه صادرات مهر ماه ۱۴۰۵ از مبادی گمرکی استان به پیوست ارسال می‌گردد."],
        PROVINCIAL_CUSTOMS_SIGNATURE),
    out("P5r", "txt", "۳۱۵۴/ص", "۱۴۰۵/۰۸/۰۴", [f"ریاست محترم سازمان جهاد کشاورزی {PROVINCE}"],
        "گواهی بهداشت صادرات خرما",
        ["عطف به نامه شماره ۹۹۱/ج مورخ ۱۴۰۵/۰۸/۰۲ از همکاری آن سازمان سپاسگزاری می‌شود."]),
    out("E8", "docx-header", "۳۱۵۵/ص", "۱۴۰۵/۰۸/۰۵",
        ["ریاست محترم شورای عالی صادرات غیر نفتی"],
        "موانع صادرات محصولات پتروشیمی از مرز ریمدان",
        ["صادرات محصولات پتروشیمی از مرز ریمدان به دلیل نبود باسکول متوقف است."],
        cc=["سازمان توسعه تجارت ايران جهت استحضار"]),
    out("X5", "txt", "۳۱۵۷/ص", "۱۴۰۵/۰۸/۰۶",
        ["جناب آقای علیرضا ناروئی", f"مدیرکل محترم گمرک {PROVINCE}"],
        "پاسخ درباره کالاهای معطل",
        ["عطف به نامه شماره ۵۰۱۳ مورخ ۱۴۰۵/۰۸/۰۳ موضوع در جلسه کمیته بررسی می‌شود."]),
    out("S2r", "txt", "۳۱۵۸/ص", "۱۴۰۵/۰۸/۰۶",
        ["جناب آقای علیرضا ناروئی", f"مدیرکل محترم گمرک {PROVINCE}"],
        "عودت آمار ماهانه صادرات مهر ماه ۱۴۰۵ جهت اصلاح",
        ["عطف به نامه شماره ۷۱۱۰/۲۱۰ مورخ ۱۴۰۵/۰۸/۰۴ ارقام صادرات خرما با آمار سامانه "
         "مغایرت دارد. خواهشمند است اصلاح و دوباره ارسال شود."]),
    inc("P6", "txt", "شرکت حمل و نقل بین‌المللی سیستان", "۷۷/ح", "۱۴۰۵/۰۸/۰۸",
        "درخواست معرفی به گمرک", ["خواهشمند است این شرکت به گمرک میرجاوه معرفی شود."],
        ["ناصر دهمرده", "مدیرعامل"]),
    inc("R8", "pdf-table", SECRETARIAT, "۲۰۷۹۴/ت/۳۵۰۱۴", "۱۴۰۵/۰۸/۰۹",
        "موانع صادرات محصولات پتروشیمی",
        ["عطف به نامه شماره ۳۱۵۵/ص مورخ ۱۴۰۵/۰۸/۰۵ موضوع در دستور کار جلسه آینده شورای "
         "عالی قرار گرفت."], ["فاطمه صالحی", "دبیر شورای عالی توسعه صادرات غیرنفتی"]),
    inc("S2c", "txt", PROVINCIAL_CUSTOMS, "۷۲۰۳/۲۱۰", "۱۴۰۵/۰۸/۰۹",
        "ارسال آمار اصلاح شده صادرات مهر ماه ۱۴۰۵",
        ["عطف به نامه شماره ۳۱۵۸/ص مورخ ۱۴۰۵/۰۸/۰۶ آمار اصلاح شده به پیوست ارسال می‌گردد."],
        PROVINCIAL_CUSTOMS_SIGNATURE),
    out("P6r", "docx-plain", "۳۱۶۱/ص", "۱۴۰۵/۰۸/۱۱",
        ["مدیرعامل محترم شرکت حمل و نقل بین‌المللی سیستان"],
        "معرفی به گمرک",
        ["عطف به نامه شماره ۷۷/ح مورخ ۱۴۰۵/۰۸/۰۸ معرفی‌نامه به گمرک میرجاوه ارسال شد."]),
    inc("R7", "docx-plain", "بانک مرکزی جمهوری اسلامی ایران", "۱۲۰۴۵/۳۳۰", "۱۴۰۵/۰۸/۱۲",
        "بازگشت ارز حاصل از صادرات",
        ["عطف به نامه شماره ۳۱۴۰/ص مورخ ۱۴۰۵/۰۷/۲۷ دستورالعمل جدید رفع تعهد ارزی به "
         "پیوست ارسال می‌گردد."], ["سعید امیری", "مدیر اداره صادرات"]),
    out("E9", "txt-bom", "۳۱۶۰/ص", "۱۴۰۵/۰۸/۱۲",
        ["جناب آقای دکتر حسینی", "دبیر محترم شورای عالی توسعه صادرات غیرنفتی"],
        "پیشنهاد ایجاد بازارچه مرزی جدید",
        ["پیشنهاد ایجاد بازارچه مرزی جدید در شهرستان سراوان جهت طرح در شورای عالی تقدیم "
         "می‌شود."]),
    inc("P7", "txt", f"اداره کل استاندارد {PROVINCE}", "۵۵۰/س", "۱۴۰۵/۰۸/۱۳",
        "بازرسی کیفی محموله‌های صادراتی", ["برنامه بازرسی کیفی محموله‌ها اعلام می‌شود."],
        ["زهره شیخی", f"مدیرکل استاندارد {PROVINCE}"]),
    out("E10", "txt", "۳۱۶۵/ص", "۱۴۰۵/۰۸/۱۵", ["مدیرکل محترم دفتر امور گمرکی گمرک ایران"],
        "رسوب کالاهای صادراتی در گمرک میرجاوه",
        ["رسوب کالاهای صادراتی در گمرک میرجاوه به بیش از ۳۰۰ کانتینر رسیده است."],
        cc=["دبیر خانه شورای عالی توسعه صادرات غیرنفتی جهت استحضار"]),
    out("P7r", "txt", "۳۱۶۶/ص", "۱۴۰۵/۰۸/۱۶", [f"مدیرکل محترم استاندارد {PROVINCE}"],
        "برنامه بازرسی کیفی",
        ["عطف به نامه شماره ۵۵۰/س مورخ ۱۴۰۵/۰۸/۱۳ برنامه به صادرکنندگان ابلاغ شد."]),
    inc("P8", "txt", COOP, "۱۶۰۲", "۱۴۰۵/۰۸/۱۸", "درخواست آمار صادرات تعاونی‌ها",
        ["خواهشمند است آمار صادرات تعاونی‌های استان اعلام شود."],
        ["محمود شهرکی", f"رئیس {COOP}"]),
    out("P8r", "docx-plain", "۳۱۶۸/ص", "۱۴۰۵/۰۸/۱۹", [f"ریاست محترم {COOP}"],
        "آمار صادرات تعاونی‌ها",
        ["عطف به نامه شماره ۱۶۰۲ مورخ ۱۴۰۵/۰۸/۱۸ آمار درخواستی به پیوست ارسال می‌شود."]),
    inc("R10", "docx-plain", CUSTOMS_HQ, "۱۲۵۰۰/۲۱۰", "۱۴۰۵/۰۸/۲۰",
        "رسوب کالاهای صادراتی",
        ["عطف به نامه شماره ۳۱۶۵/ص مورخ ۱۴۰۵/۰۸/۱۵ گروه ویژه ترخیص به میرجاوه اعزام شد."],
        CUSTOMS_HQ_SIGNATURE),
    minutes("M12", "pdf", "صورتجلسه کمیته پایش تجارت خارجی استان",
            ["شماره جلسه: ۱۲", "تاریخ جلسه: ۱۴۰۵/۰۸/۲۱"],
            ["۱- گزارش رسوب کالا در گمرک میرجاوه تهیه شود. "
             "مسئول: اتاق بازرگانی زاهدان مهلت: ۱۴۰۵/۰۹/۱۰"]),
    out("E11", "docx-table", "۳۱۷۰/ص", "۱۴۰۵/۰۸/۲۲",
        [f"دبیر محترم کارگروه توسعه صادرات {PROVINCE}"], "مشکلات صدور کارت بازرگانی",
        ["صدور کارت بازرگانی برای صادرکنندگان خرد استان بیش از دو ماه طول می‌کشد."]),
    out("P9", "txt", "۳۱۷۱/ص", "۱۴۰۵/۰۸/۲۳", ["مدیرعامل محترم شرکت صنایع غذایی زاهدان"],
        "دعوت به نشست صادرکنندگان خرما",
        ["از آن شرکت دعوت می‌شود در نشست صادرکنندگان خرما شرکت فرمایند."]),
    out("K12x", "txt", "۳۱۷۲/ص", "۱۴۰۵/۰۸/۲۴", [f"ریاست محترم {CHAMBER}"],
        "ارسال صورتجلسه جلسه شماره ۱۲ کمیته",
        ["به پیوست صورتجلسه جلسه شماره ۱۲ کمیته جهت اقدام ارسال می‌گردد."]),
    inc("R10b", "txt", CUSTOMS_HQ, "۱۲۶۱۰/۲۱۰", "۱۴۰۵/۰۸/۲۵", "تکمیل اقدامات ترخیص",
        ["پیرو نامه شماره ۱۲۵۰۰/۲۱۰ مورخ ۱۴۰۵/۰۸/۲۰ ترخیص ۲۰۰ کانتینر انجام شد."],
        CUSTOMS_HQ_SIGNATURE),
    minutes("M13", "docx-plain", "صورتجلسه جلسه فوق‌العاده کمیته پایش تجارت خارجی استان",
            ["جلسه شماره ۱۳", "تاریخ: ۲۵ آبان ماه ۱۴۰۵"],
            ["۱- گزارش وضعیت مرز میلک به استانداری ارسال شود. "
             "مسئول: دبیر کمیته مهلت: ۱۴۰۵/۰۸/۲۸"]),
    out("K13", "txt", "۳۱۷۵/ص", "۱۴۰۵/۰۸/۲۶", [f"استاندار محترم {PROVINCE}"],
        "ارسال صورتجلسه جلسه فوق‌العاده کمیته",
        ["به پیوست صورتجلسه جلسه شماره ۱۳ (فوق‌العاده) کمیته پایش تجارت خارجی استان "
         "ارسال می‌گردد."],
        cc=[f"{SECRETARIAT} جهت استحضار"]),
    inc("P9r", "txt", "شرکت صنایع غذایی زاهدان", "24/101", "1405/08/27",
        "شرکت در نشست صادرکنندگان",
        ["عطف به نامه شماره ۳۱۷۱/ص مورخ ۱۴۰۵/۰۸/۲۳ نماینده شرکت در نشست حاضر خواهد شد."],
        ["رضا براهویی", "مدیرعامل شرکت صنایع غذایی زاهدان"]),
    inc("P10", "docx-plain", TPO, "۲۱۰۰۵/ت/۴۰", "۱۴۰۵/۰۸/۲۸",
        "ابلاغ فهرست بازارهای هدف صادراتی",
        ["فهرست بازارهای هدف صادراتی سال ۱۴۰۵ جهت اطلاع و اقدام ابلاغ می‌گردد."],
        ["فاطمه صالحی", "معاون توسعه صادرات"], to=["سازمان‌های صنعت، معدن و تجارت استان‌ها"]),
    out("F11", "txt", "۳۱۸۰/ص", "۱۴۰۵/۰۸/۳۰",
        [f"دبیر محترم کارگروه توسعه صادرات {PROVINCE}"],
        "پیگیری مشکلات صدور کارت بازرگانی",
        ["پیرو نامه شماره ۳۱۷۰/ص مورخ ۱۴۰۵/۰۸/۲۲ خواهشمند است نتیجه را اعلام فرمایید."],
        cc=[f"{TPO} جهت استحضار"]),
    minutes("M14", "txt-cp1256", "صورتجلسه کمیته پایش تجارت خارجی استان",
            ["شماره جلسه: ۱۴", "تاریخ جلسه: ۱۴۰۵/۰۹/۰۱"],
            ["۱- برنامه صادرات خرمای فصل جدید تدوین شود. "
             "مسئول: سازمان جهاد کشاورزی استان مهلت: ۱۴۰۵/۰۹/۱۵"]),
    out("K14", "txt", "۳۱۹۰/ص", "۱۴۰۵/۰۹/۰۲", ["ریاست محترم سازمان توسعه تجارت ايران"],
        "ارسال صورت جلسه کمیته",
        ["به پیوست صورت جلسه جلسه شماره 14 کمیته پایش تجارت خارجی استان ارسال می‌گردد."]),
]


def build(folder: Path) -> dict[str, Path]:
    """Write every document into `folder`; returns key -> file."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for doc in DOCS:
        path = folder / doc.file_name
        WRITERS[doc.fmt][1](doc.spec(), path)
        files[doc.key] = path
    return files


def table(text: str) -> list[dict[str, str]]:
    """A plain whitespace-separated table with a header row; `-` is an empty cell."""
    rows = [line.split() for line in text.strip().splitlines() if line.strip()]
    header = rows[0]
    return [{name: (None if cell == "-" else cell) for name, cell in zip(header, row,
                                                                       strict=True)}
            for row in rows[1:]]


# --- the answers, written before the tracking code -------------------------------------
#
# Escalations: level, where its copy to the secretariat is (the letter itself when the copy
# is a line of its رونوشت block "cc", or when it is addressed to TPO / the secretariat
# "addressed"; a separate letter "letter"), its due date (7 days from its own date), and the
# escalation it follows up (a «پیرو» letter).

ESCALATIONS = table("""
key  level  copy  how        due         follows
E1   1      E1    cc         1405-07-10  -
E2   2      C2    letter     1405-07-13  -
E3   3      E3    cc         1405-07-17  -
E4   2      -     -          1405-07-19  -
E5   1      E5    cc         1405-07-21  -
F5   1      -     -          1405-08-01  E5
E6   2      E6    addressed  1405-07-27  -
E7   2      C7    letter     1405-08-04  -
E8   3      E8    cc         1405-08-12  -
E9   3      E9    addressed  1405-08-19  -
E10  2      E10   cc         1405-08-22  -
E11  1      -     -          1405-08-29  -
F11  1      F11   cc         1405-09-07  E11
""")

# Status of each escalation as of a day (`--on`): answered:REPLY, open, overdue; `-` means
# the letter is not written yet on that day (it is not listed).
STATUS = table("""
key  1405-07-12   1405-07-25   1405-08-10   1405-09-02    1405-09-20
E1   answered:R1  answered:R1  answered:R1  answered:R1   answered:R1
E2   open         answered:R2  answered:R2  answered:R2   answered:R2
E3   open         overdue      overdue      overdue       overdue
E4   open         answered:R4  answered:R4  answered:R4   answered:R4
E5   -            overdue      answered:R5  answered:R5   answered:R5
F5   -            open         answered:R5  answered:R5   answered:R5
E6   -            open         overdue      overdue       overdue
E7   -            -            overdue      answered:R7   answered:R7
E8   -            -            answered:R8  answered:R8   answered:R8
E9   -            -            -            overdue       overdue
E10  -            -            -            answered:R10  answered:R10
E11  -            -            -            overdue       overdue
F11  -            -            -            open          overdue
""")

# A copy letter counts from its own date: on 1405-07-27 E7's copy (C7, 07-28) is not written.
COPY_ON = {"1405-07-27": {"E7": None}, "1405-07-28": {"E7": "C7"}}

# `paayesh escalations --missing-copy` and `--overdue` on 1405-09-02.
MISSING_COPY = ["E4", "F5", "E11"]
OVERDUE = ["E3", "E6", "E9", "E11"]

# Threads, oldest first (by letter date). Letters outside any chain are alone.
THREADS = {
    "E1": ["E1", "R1"],
    "E2": ["E2", "C2", "R2"],
    "E5": ["E5", "F5", "R5"],
    "E7": ["E7", "C7", "R7"],
    "E10": ["E10", "R10", "R10b"],
    "E11": ["E11", "F11"],
    "X3": ["X3", "X6"],       # «۵۰۱۳» of 07-11 from the chamber ...
    "X4": ["X4", "X5"],       # ... is not «5013» of 08-03 from the customs: told by the date
    "P4": ["P4", "P4r", "P4f"],
    "S1": ["S1", "S1a"],
    "S2": ["S2", "S2r", "S2c"],
    "E3": ["E3"],
    "K10": ["K10"],
}

# Meetings: number, date, extraordinary, how the minutes reached TPO (a copy line in the
# minutes "cc", a covering letter KEY), or `-` when they did not.
MEETINGS = table("""
number  date        extraordinary  sent
9       1405-07-02  no             cc
10      1405-07-16  no             K10
11      1405-07-30  no             K11
12      1405-08-21  no             -
13      1405-08-25  yes            K13
14      1405-09-01  no             K14
""")
# Regular meetings more than 14 days apart (the one of about 1405-08-13 was missed).
GAPS = [("1405-07-30", "1405-08-21", 21)]
# On 1405-09-20 the next regular meeting (due 1405-09-15) is overdue; on 09-02 it is not.
NEXT_MEETING = {"1405-09-02": ("1405-09-15", False), "1405-09-20": ("1405-09-15", True)}
UNSENT = [12]

# `paayesh due --on DAY`: what is due or overdue, soonest first, as (kind, what, due,
# status). Escalations by key; resolutions by meeting number; statistics by period and
# step (filing, provincial check, correction, deputy check).
DUE = {
    "1405-08-10": [
        ("escalation", "E3", "1405-07-17", "overdue"),
        ("resolution", "9", "1405-07-20", "overdue"),
        ("escalation", "E6", "1405-07-27", "overdue"),
        ("resolution", "10", "1405-08-01", "overdue"),
        ("escalation", "E7", "1405-08-04", "overdue"),
        ("statistics", "1405-07:provincial", "1405-08-12", "open"),
        ("resolution", "11", "1405-08-20", "open"),
    ],
    "1405-09-02": [
        ("escalation", "E3", "1405-07-17", "overdue"),
        ("resolution", "9", "1405-07-20", "overdue"),
        ("escalation", "E6", "1405-07-27", "overdue"),
        ("resolution", "10", "1405-08-01", "overdue"),
        ("escalation", "E9", "1405-08-19", "overdue"),
        ("resolution", "11", "1405-08-20", "overdue"),
        ("resolution", "13", "1405-08-28", "overdue"),
        ("escalation", "E11", "1405-08-29", "overdue"),
        ("statistics", "1405-08:filing", "1405-09-05", "open"),
        ("escalation", "F11", "1405-09-07", "open"),
        ("resolution", "12", "1405-09-10", "open"),
        ("resolution", "14", "1405-09-15", "open"),
    ],
}
# `--within 7` on 1405-09-02 keeps what falls due by 1405-09-09 (and all that is overdue).
DUE_WITHIN_7 = [item for item in DUE["1405-09-02"] if item[2] <= "1405-09-09"]

# The statistics rules alone, day by day: (period:step, due, status).
STATISTICS = {
    "1405-07-02": [("1405-06:filing", "1405-07-05", "open")],
    "1405-07-04": [("1405-06:provincial", "1405-07-06", "open")],
    "1405-07-08": [("1405-06:deputy", "1405-07-10", "open")],
    "1405-07-12": [],
    "1405-08-07": [("1405-07:correction", "1405-08-08", "open")],
    "1405-08-09": [("1405-07:provincial", "1405-08-12", "open")],
    "1405-08-15": [("1405-07:deputy", "1405-08-17", "open")],
    "1405-09-02": [("1405-08:filing", "1405-09-05", "open")],
    "1405-09-06": [("1405-08:filing", "1405-09-05", "overdue")],
}
