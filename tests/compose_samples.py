"""Data files for compose, as a secretariat would write them: a letter (escalation with
its copy to TPO), minutes, a supervisor report. Tests, bench/compose.py and
docs/make_samples.py all use these, so the pictures in the README are of what is tested.
"""

from __future__ import annotations

from pathlib import Path

from paayesh_docs.office import init_office

TPO = "سازمان توسعه تجارت ایران"
SECRETARIAT = "دبیرخانه شورای عالی توسعه صادرات غیرنفتی"
WORKING_GROUP = "کارگروه توسعه صادرات استان سیستان و بلوچستان"

OFFICE_CONFIG = """
[compose]
organisation = ["سازمان صنعت، معدن و تجارت استان سیستان و بلوچستان",
                "دبیرخانه کمیته پایش تجارت خارجی استان"]
signer_name = "محمد احمدی"
signer_title = "رئیس سازمان صنعت، معدن و تجارت استان"
secretary_name = "علی رضایی"
footer = "نشانی: زاهدان، خیابان آزادی — تلفن: ۰۵۴-۳۳۲۲۱۱۰۰ — نمابر: ۰۵۴-۳۳۲۲۱۱۰۱"
"""

LETTER = f'''
subject = "موانع صادرات غیرنفتی از بازارچه‌های مرزی استان"
date = "1405/08/21"
priority = "فوری"
classification = "محرمانه"
attachments = "۲ برگ"
body = """کمیته پایش تجارت خارجی استان در جلسه مورخ ۱۴۰۵/۰۸/۱۴ موانع صادرات از شش بازارچه مرزی \
استان را بررسی کرد. ارزش کالاهای معطل در گمرک بالغ بر ۷/۷۷۵/۰۰۰/۰۰۰ ریال برآورد شده است.

خواهشمند است دستور فرمایید موضوع در دستور کار شورای عالی توسعه صادرات غیرنفتی قرار گیرد \
و نتیجه به این سازمان اعلام شود."""

[[recipients]]
person = "جناب آقای دکتر محمدرضا رضایی"
to = "ریاست محترم {TPO}"

[[copies]]
to = "{SECRETARIAT}"
purpose = "جهت استحضار"

[[copies]]
to = "{WORKING_GROUP}"
purpose = "اطلاع و اقدام"

[[references]]
relation = "reply_to"
number = "۲۰۷۹۴/ت/۳۵۰۱۴ ک"
date = "1405/07/28"

[[references]]
relation = "پیرو"
number = "۱۲۳/۴۵۶/ص"
date = "1405/08/02"
'''

LETTER_EXPECTED = {
    "kind": "letter", "date": "1405-08-21", "priority": "urgent",
    "classification": "confidential", "attachments": "۲ برگ",
    "subject": "موانع صادرات غیرنفتی از بازارچه‌های مرزی استان",
    "sender": "رئیس سازمان صنعت، معدن و تجارت استان",
    "recipients": [f"جناب آقای دکتر محمدرضا رضایی ریاست محترم {TPO}"],
    "copies": [{"to": SECRETARIAT, "purpose": "جهت استحضار"},
               {"to": WORKING_GROUP, "purpose": "جهت اطلاع و اقدام"}],
    "references": [{"relation": "reply_to", "number": "۲۰۷۹۴/ت/۳۵۰۱۴ ک", "date": "1405-07-28"},
                   {"relation": "further_to", "number": "۱۲۳/۴۵۶/ص", "date": "1405-08-02"}],
}

MINUTES = """
number = 12
date = "1405/08/21"
time = "۱۰:۰۰ تا ۱۲:۰۰"
place = "سالن جلسات سازمان صنعت، معدن و تجارت استان"
agenda = ["بررسی موانع صادرات از بازارچه‌های مرزی", "آمار صادرات مهر ماه"]
attendees = [
  { name = "آقای محمد احمدی", role = "رئیس کمیته" },
  { name = "آقای حسین بلوچ", role = "نماینده اتاق بازرگانی زاهدان" },
  { name = "آقای مهندس نوری", role = "مدیرکل گمرک استان" },
  { name = "خانم زهرا کریمی", role = "معاون بازرگانی" },
]

[[resolutions]]
text = "گزارش موانع ترخیص کالا ارائه شود"
owner = "گمرک استان"
deadline = "1405/09/15"

[[resolutions]]
text = "آمار صادرات آبان ماه ارسال شود"
owner = "دبیرخانه کمیته"
deadline = "1405/09/05"
"""

MINUTES_MEETING = {
    "number": "۱۲", "date": "1405-08-21", "place": "سالن جلسات سازمان صنعت، معدن و تجارت استان",
    "attendees": ["آقای محمد احمدی - رئیس کمیته", "آقای حسین بلوچ - نماینده اتاق بازرگانی زاهدان",
                  "آقای مهندس نوری - مدیرکل گمرک استان", "خانم زهرا کریمی - معاون بازرگانی"],
    "agenda": ["بررسی موانع صادرات از بازارچه‌های مرزی", "آمار صادرات مهر ماه"],
    "resolutions": [
        {"text": "گزارش موانع ترخیص کالا ارائه شود", "owner": "گمرک استان",
         "deadline": "1405-09-15"},
        {"text": "آمار صادرات آبان ماه ارسال شود", "owner": "دبیرخانه کمیته",
         "deadline": "1405-09-05"}],
}

REPORT = '''
progress = ["راه‌اندازی مرکز خدمات مشترک بسته‌بندی خرما با پیشرفت ۶۰ درصد",
            "آموزش ۴۵ نفر از اعضای خوشه در زمینه صادرات"]
obstacles = ["تأخیر در تخصیص اعتبار سه‌ماهه دوم", "کمبود سردخانه در منطقه"]
assessment = """عملکرد عامل توسعه در این دوره مطابق برنامه بوده و بازدهی اقتصادی طرح \
رو به بهبود است.

صادرات اعضای خوشه نسبت به دوره مشابه سال قبل ۱۲ درصد افزایش داشته است."""
proposals = ["تسریع در تخصیص اعتبار باقی‌مانده", "همکاری گمرک برای ترخیص سریع محموله‌های خرما"]

[supervisor]
name = "دکتر مریم سلیمانی"

[budget]
current = 5000000000
change_percent = {percent}
'''

CLUSTER = "خوشه خرمای سراوان"

AGENT_REPORT = """بسمه تعالی
گزارش سه‌ماهه {quarter} عامل توسعه {cluster}
شماره: {number}
تاریخ: {date}
به: ناظر محترم {cluster}
موضوع: گزارش پیشرفت {cluster}
با سلام، پیشرفت طرح توسعه {cluster} در این دوره به شرح زیر است.
"""


def make_office(folder: Path) -> Path:
    """A new office whose paayesh.toml names the letterhead, the signer and the secretary."""
    init_office(folder)
    config = folder / "paayesh.toml"
    text = config.read_text("utf-8")
    cut = text.index("[compose]")
    config.write_text(text[:cut] + OFFICE_CONFIG.lstrip(), "utf-8")
    return folder


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def merge_letter(count: int) -> str:
    """The sample letter to `count` recipients (a mail merge)."""
    head = LETTER[:LETTER.index("[[recipients]]")]
    tail = LETTER[LETTER.index("[[copies]]"):]
    people = "".join(f'[[recipients]]\nto = "ریاست محترم اداره کل شماره {n}"\n\n'
                     for n in range(1, count + 1))
    return head + people + tail
