"""A season of the committee's office (مهر تا آذر ۱۴۰۵) as the acceptance runs drop it, with
the answers written down before any run.

Twenty papers arrive as files (letters of `tracking_scenario`, in DOCX, PDF and every text
encoding, four minutes, an internal memo), one arrives twice, and two documents are
composed in the office while the watcher works: a follow-up letter to the ministry
(«پیرو» E4, with its copy to the secretariat) and the minutes of meeting 14 with their
covering letter to TPO. The answers below are what the product should say as of
1405/09/02 (issue 11: the whole flow, not stage by stage).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import tracking_scenario as scenario
from compose_samples import OFFICE_CONFIG
from groundtruth import WRITERS, Spec

TODAY = "1405-09-02"
TPO = scenario.TPO
SECRETARIAT = scenario.SECRETARIAT


@dataclass(frozen=True)
class Drop:
    """One file as a clerk drops it: which paper, into which subfolder, and how."""

    key: str
    folder: str = ""  # under inbox/
    how: str = "copy"  # copy | part (renamed from NAME.part) | tmp | word | slow


_BY_KEY = {doc.key: doc for doc in scenario.DOCS}

# The internal memo: no tracking, a «د» registry number.
MEMO = scenario.Doc(
    "I1", "txt", "internal",
    ("به: معاونت محترم بازرگانی", "موضوع: برنامه بازدید از بازارچه مرزی میرجاوه",
     "با سلام و احترام", "برنامه بازدید هیئت کمیته از بازارچه مرزی میرجاوه در هفته آینده "
     "به پیوست ارسال می‌شود.", "علی رضایی", "دبیر کمیته پایش تجارت خارجی استان"),
    header=(("شماره", "۱۲۰/د"), ("تاریخ", "۱۴۰۵/۰۸/۰۳")))

PAPERS = {**_BY_KEY, MEMO.key: MEMO}

# Dropped before the burst (the watcher takes them one by one as they arrive) ...
FIRST = [
    Drop("M10", "minutes"),
    Drop("E1", "outgoing"),
    Drop("P1"),
    Drop("E2", "outgoing"),
    Drop("C2", "outgoing", how="tmp"),
    Drop("R1", how="part"),
    Drop("P1r", "outgoing"),
    Drop("E3", "outgoing"),
    Drop("I1", "internal"),
]
# ... and then a burst, while compose runs (the kill -9 run kills the watcher in it).
BURST = [
    Drop("E4", "outgoing", how="word"),
    Drop("M10-pdf", "minutes"),
    Drop("R4"),
    Drop("R2"),
    Drop("E5", "outgoing"),
    Drop("X1", "outgoing", how="slow"),
    Drop("P2"),
    Drop("P2r", "outgoing"),
    Drop("K10", "outgoing"),
    Drop("M11", "internal/minutes"),
    Drop("F5", "outgoing"),
    Drop("R5"),
    Drop("X2", "outgoing"),
    Drop("K11", "outgoing"),
    Drop("M12", "minutes", how="part"),
]
DUPLICATE = ("P1", "P1-copy.txt")  # the same bytes again, under another name
DROPS = FIRST + BURST

# what the office's paayesh.toml says under [compose] (letterhead, signer, secretary)
COMPOSE_CONFIG = OFFICE_CONFIG

F4_LETTER = f'''
subject = "پیگیری ممنوعیت صادرات گوجه‌فرنگی"
date = "1405/08/10"
priority = "فوری"
body = """پیرو نامه شماره ۳۱۱۲/ص مورخ ۱۴۰۵/۰۷/۱۲ درباره ممنوعیت صادرات گوجه‌فرنگی از مرزهای \
استان، خواهشمند است نتیجه بازنگری را اعلام فرمایید."""

[[recipients]]
to = "معاون محترم امور بازرگانی وزارت جهاد کشاورزی"

[[copies]]
to = "{SECRETARIAT}"
purpose = "جهت استحضار"

[[references]]
relation = "further_to"
number = "۳۱۱۲/ص"
date = "1405/07/12"
'''

M14_MINUTES = """
number = 14
date = "1405/09/01"
time = "۱۰:۰۰ تا ۱۲:۰۰"
place = "سالن جلسات سازمان صنعت، معدن و تجارت استان"
agenda = ["برنامه صادرات خرمای فصل جدید"]
attendees = [
  { name = "آقای محمد احمدی", role = "رئیس کمیته" },
  { name = "آقای علی رضایی", role = "دبیر کمیته" },
]

[[resolutions]]
text = "برنامه صادرات خرمای فصل جدید تدوین شود"
owner = "سازمان جهاد کشاورزی استان"
deadline = "1405/09/15"
"""

# Composed: the letter (F4), the minutes (CM14) and their covering letter (CK14).
COMPOSED = ("F4", "CM14", "CK14")

RECORDS = len(DROPS) + len(COMPOSED)  # 24 files + 3 composed documents, each once


def build(folder: Path) -> dict[str, Path]:
    """Every paper of the season as a file in `folder`; key -> file."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for drop in DROPS:
        doc = PAPERS[drop.key]
        path = folder / doc.file_name
        spec: Spec = doc.spec()
        WRITERS[doc.fmt][1](spec, path)
        files[drop.key] = path
    return files


# --- the answers, written before any run ------------------------------------------------
#
# Escalations on 1405/09/02: level, the letter holding its copy to the secretariat and
# how, the reply window's end (7 days from its date), the escalation it follows, and its
# status (answered:REPLY). F4, the composed follow-up, came after R4: nothing answers it.
ESCALATIONS = scenario.table("""
key  level  copy  how     due         follows  status
E1   1      E1    cc      1405-07-10  -        answered:R1
E2   2      C2    letter  1405-07-13  -        answered:R2
E3   3      E3    cc      1405-07-17  -        overdue
E4   2      -     -       1405-07-19  -        answered:R4
E5   1      E5    cc      1405-07-21  -        answered:R5
F5   1      -     -       1405-08-01  E5       answered:R5
F4   2      F4    cc      1405-08-17  E4       overdue
""")
MISSING_COPY = ["E4", "F5"]
OVERDUE = ["E3", "F4"]

# Meetings: M10 in DOCX and PDF is one meeting; 12 never reached TPO; 14 was composed with
# its covering letter, which compose dates the day it runs: on 1405/09/02 it does not exist
# yet, so 14 is unsent then (and sent by CK14 as of today: `SENT_TODAY`).
MEETINGS = scenario.table("""
number  date        extraordinary  ids          sent
10      1405-07-16  no             M10,M10-pdf  K10
11      1405-07-30  no             M11          K11
12      1405-08-21  no             M12          -
14      1405-09-01  no             CM14         -
""")
SENT_TODAY = {"14": "CK14"}
GAPS = [("1405-07-30", "1405-08-21", 21)]
NEXT_MEETING = ("1405-09-15", False)
UNSENT = [12, 14]

# `paayesh due --on 1405/09/02`: replies owed and resolutions, soonest first (kind, what,
# due, status); what is the escalation's key or the meeting's number.
DUE = [
    ("escalation", "E3", "1405-07-17", "overdue"),
    ("resolution", "10", "1405-08-01", "overdue"),
    ("escalation", "F4", "1405-08-17", "overdue"),
    ("resolution", "11", "1405-08-20", "overdue"),
    ("resolution", "12", "1405-09-10", "open"),
    ("resolution", "14", "1405-09-15", "open"),
]

# Threads, oldest first, by any member (a letter number, a registry number).
THREADS = {
    "E1": ["E1", "R1"],
    "E2": ["E2", "C2", "R2"],
    "E4": ["E4", "R4", "F4"],
    "E5": ["E5", "F5", "R5"],
    "P1": ["P1", "P1r"],
}

# Searches, any spelling: the records each must find, exactly.
SEARCHES = {
    "گوجه فرنگي": {"E4", "R4", "F4"},  # a space for the ZWNJ, Arabic yeh
    "3102/ص": {"E2", "C2", "R2"},  # Latin digits for Persian ones
}

# Fields of a few records, as `show --json` gives them.
SHOW = {
    "E1": {"kind": "letter", "direction": "outgoing", "number": "۳۱۰۱/ص", "date": "1405-07-03",
           "subject": "موانع صادرات خرما از بازارچه مرزی میرجاوه"},
    "R1": {"kind": "letter", "direction": "incoming", "number": "۲۴۵/ک", "date": "1405-07-08",
           "subject": "پاسخ درباره موانع صادرات خرما"},
    "I1": {"direction": "internal", "number": "۱۲۰/د", "date": "1405-08-03"},
    # minutes: the record's date is the meeting's, not its first deadline's (issue 11, 3)
    "M10": {"kind": "minutes", "date": "1405-07-16"},
    "M12": {"kind": "minutes", "date": "1405-08-21"},
    "F4": {"kind": "letter", "direction": "outgoing", "date": "1405-08-10"},
}
REGISTRY_CODE = {"incoming": "و", "outgoing": "ص", "internal": "د"}
