"""Minutes (صورتجلسه) of the committee, and the covering letter that sends them to TPO.

The committee's minutes go to the Trade Promotion Organization (directive, clause on
meetings), and tracking counts a meeting as reported when it finds the covering
letter: an outgoing letter to TPO whose subject says «صورتجلسه» and «جلسه شماره N»
with the meeting's date, and whose references carry the minutes' registry number
(`further_to`). `covering_letter` writes exactly that.

Minutes are registered as internal documents (`د`): their registry number is printed
at the foot of each page, not in a «شماره:» header, so that readers do not take it for
the meeting's number. The covering letter is signed by `letter_signer` of the data
file, else by the office's signer (`[compose]` of paayesh.toml).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from paayesh_docs.compose import inputs
from paayesh_docs.compose.documents import Prepared, check_fields
from paayesh_docs.compose.errors import problems_error
from paayesh_docs.compose.inputs import Problems
from paayesh_docs.compose.letter import common, prepare_letters, public, record_base, signer
from paayesh_docs.config import Settings
from paayesh_docs.ingest.fields import canonical_number, display
from paayesh_docs.persian.dates import format_iso, format_jalali, parse_jalali
from paayesh_docs.persian.digits import to_persian_digits

COMMITTEE = "کمیته پایش تجارت خارجی استان"
TPO_RECIPIENT = ("ریاست محترم سازمان توسعه تجارت ایران "
                 "(دبیرخانه شورای عالی توسعه صادرات غیرنفتی)")
INPUTS = {"number", "date", "time", "place", "title", "committee", "extraordinary",
          "attendees", "absent", "agenda", "resolutions", "signer", "organisation", "footer",
          "attachments", "letter_signer"}
COMPUTED = {"organisation", "title", "meeting_number", "meeting_date", "time", "place",
            "attendees", "absent", "agenda", "resolutions", "signer_name", "signer_title",
            "footer", "registry_line", "number", "date", "attachments", "marks"}


def _people(value: Any, problems: Problems) -> list[dict[str, str]]:
    people = []
    for index, item in enumerate(inputs.as_list(value), 1):
        if isinstance(item, str):
            name, _, role = item.partition(" - ")
            item = {"name": name, "role": role}
        if not isinstance(item, dict) or not inputs.text(item.get("name")):
            problems.add(f"حاضر شماره {index} نام ندارد.", f"attendee {index} has no name")
            continue
        people.append({"row": to_persian_digits(str(index)), "name": inputs.text(item["name"]),
                       "role": inputs.text(item.get("role"))})
    if not people:
        problems.add("فهرست حاضرین (attendees) خالی است.", "no attendees")
    return people


def _resolutions(value: Any, problems: Problems) -> list[dict[str, Any]]:
    found = []
    for index, item in enumerate(inputs.as_list(value), 1):
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, dict) or not inputs.text(item.get("text")):
            problems.add(f"مصوبه شماره {index} متن ندارد.", f"resolution {index} has no text")
            continue
        deadline = inputs.jalali(item["deadline"], f"resolutions[{index}].deadline", problems) \
            if item.get("deadline") else None
        found.append({"row": to_persian_digits(str(index)), "text": inputs.text(item["text"]),
                      "owner": inputs.text(item.get("owner")),
                      "deadline": format_jalali(deadline) if deadline else "",
                      "_deadline": deadline})
    return found


def prepare_minutes(data: dict[str, Any], settings: Settings, template_fields: set[str],
                    file: Path | str) -> Prepared:
    """The minutes, ready to number; raises ComposeError listing every problem."""
    problems = Problems()
    extra = check_fields(data, INPUTS, COMPUTED, template_fields, problems)
    meeting_number = inputs.required_text(data, "number", problems)
    if not data.get("date"):
        problems.add("تاریخ جلسه (date) وجود ندارد.", "the meeting has no date")
    shared = common(data, settings, problems)
    place = inputs.required_text(data, "place", problems)
    committee = inputs.text(data.get("committee")) or COMMITTEE
    kind_words = "جلسه فوق‌العاده " if data.get("extraordinary") else ""
    title = inputs.text(data.get("title")) or f"صورتجلسه {kind_words}{committee}"
    people = _people(data.get("attendees"), problems)
    agenda = [{"row": to_persian_digits(str(i)), "text": item}
              for i, item in enumerate(inputs.paragraphs(inputs.as_list(data.get("agenda"))), 1)]
    if not agenda:
        problems.add("دستور جلسه (agenda) خالی است.", "the agenda is empty")
    resolutions = _resolutions(data.get("resolutions"), problems)
    name, title_of_signer = signer(data, settings.compose.secretary_name,
                                   settings.compose.secretary_title, problems)
    if problems:
        raise problems_error(file, problems.items)
    context = {**public(shared), **extra, "title": title, "meeting_number": meeting_number,
               "meeting_date": shared["date"], "time": inputs.text(data.get("time")),
               "place": place, "attendees": people,
               "absent": "، ".join(inputs.text(p) for p in inputs.as_list(data.get("absent"))),
               "agenda": agenda, "resolutions": [public(r) for r in resolutions],
               "signer_name": name, "signer_title": title_of_signer, "number": ""}
    record = record_base("minutes", shared, title, title_of_signer)
    record["meeting"] = {
        "number": display(meeting_number), "date": record["date"], "place": display(place),
        "attendees": [display(" - ".join(filter(None, (p["name"], p["role"])))) for p in people],
        "agenda": [display(item["text"]) for item in agenda],
        "resolutions": [{"text": display(r["text"]), "owner": display(r["owner"]) or None,
                         "deadline": format_iso(r["_deadline"]) if r["_deadline"] else None}
                        for r in resolutions]}
    return Prepared("minutes", context, record, "internal", title, numbers_record=False,
                    extra={"committee": committee, "extraordinary": bool(kind_words),
                           "letter_signer": data.get("letter_signer")})


def covering_letter(minutes: Prepared, registry_number: str, settings: Settings,
                    template_fields: set[str], file: Path | str) -> Prepared:
    """The letter that sends registered minutes to TPO (what tracking counts as sent):
    the minutes' registry number in its body and, as `further_to`, in its record."""
    meeting = minutes.record["meeting"]
    day = parse_jalali(meeting["date"])
    which = f"جلسه شماره {meeting['number']}"
    if minutes.extra.get("extraordinary"):
        which += " (فوق‌العاده)"
    named = f"صورتجلسه {which} {minutes.extra['committee']} مورخ {format_jalali(day)}"
    shown = to_persian_digits(registry_number)
    data = {
        "subject": f"ارسال {named}",
        "recipients": [TPO_RECIPIENT],
        "attachments": "صورتجلسه",
        "body": f"به پیوست {named} به شماره ثبت {shown} جهت استحضار و اقدام لازم ایفاد "
                "می‌گردد. خواهشمند است نتیجه بررسی پیشنهادهای کمیته را به این سازمان اعلام "
                "فرمایید.",
    }
    if minutes.extra.get("letter_signer"):
        data["signer"] = minutes.extra["letter_signer"]
    letter = prepare_letters(data, settings, template_fields, file)[0]
    letter.record["references"] = [{"relation": "further_to",
                                    "number": canonical_number(registry_number),
                                    "date": meeting["date"]}]
    return letter
