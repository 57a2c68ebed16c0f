"""A letter's fields, found the way a secretariat clerk finds them on the page.

The header block (شماره، تاریخ، پیوست) is read from labels, preferring the page
header, text boxes and header tables over the body; references («عطف به نامه
شماره … مورخ …», «پیرو …») are taken out first so that their numbers and dates are
never mistaken for the letter's own. Numbers labelled as phones, faxes, postal
codes or national IDs have labels of their own and are never the letter number.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from paayesh_docs.ingest.document import Document
from paayesh_docs.persian.dates import find_dates, format_iso, to_gregorian_iso
from paayesh_docs.persian.digits import to_latin_digits, to_persian_digits
from paayesh_docs.persian.text import normalize

_LETTER = r"\u0600-\u06FF"
_SEP = r"\s*[/\\\-]\s*"
# a letter number: groups parted by slashes or dashes, the first holding a digit
# («۲۳۴/ص/۱۴۰۵»), or a letter group of up to three before it («ص/۲۳۴», «الف/۸۱۴/۱۴۰۵»:
# some offices put their letter first)
NUMBER = rf"(?:[A-Za-z\u0621-\u064A\u067E\u0686\u0698\u06A9\u06AF\u06CC]{{1,3}}{_SEP}(?=\d))?" \
    rf"[0-9A-Za-z{_LETTER}]*\d[0-9A-Za-z{_LETTER}]*(?:{_SEP}[0-9A-Za-z{_LETTER}]+)*" \
    rf"(?:\s[{_LETTER}](?![\w]))?"
_LABEL_END = r"(?:\s*[:：]\s*|\t+\s*|\s+)"
# A label counts at the start of a line or cell, or anywhere when a colon follows it.
_AT_LABEL = r"(?:^|(?<=\t)|(?<=\s{2}))"


def _label(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{_AT_LABEL}{word}{_LABEL_END}|(?<!\w){word}\s*[:：]\s*)", re.M)


_NUMBER_LABEL = _label(r"(?:شماره(?:\s*نامه)?|ش\.?)")
_DATE_LABEL = _label(r"(?:تاریخ(?:\s*نامه)?)")
_ATTACHMENT_LABEL = _label(r"پیوست(?:\s*ها)?")
_SUBJECT_LABEL = _label(r"موضوع")
_TO_LABEL = re.compile(r"^\s*(?:به|گیرنده)\s*[:：]\s*(.+)$", re.M)
_FROM_LABEL = re.compile(r"^\s*(?:از|فرستنده)\s*[:：]\s*(.+)$", re.M)
_NUMBER_VALUE = re.compile(NUMBER)
_VALUE_CHARS = 2000  # the longest labelled value (a subject) read after its label
_NUMBER_CHARS = 200  # the longest letter number, with the labels that may follow it
_DATE_CHARS = 100  # a date written after its label, and the spaces before it
_LABELS_TRIED = 100  # labels looked at in one zone: a header has a few, not thousands
_LABEL_ZONE_CHARS = 200_000  # about fifty pages
_REFERENCES_READ = 200  # references whose dates are read; later ones are only blanked
# (?<!\s): tried once at the start of a run of spaces, not at each of its spaces
_NEXT_LABEL = re.compile(r"(?<!\s)\s+(?:شماره|تاریخ|پیوست|طبقه\s*بندی|فوریت)\s*[:：]")

# «بازگشت» is also written with its prefix apart («باز گشت»: the older spelling of «باز»
# verbs and nouns, and how a scan's wide gap after «ز» is read)
_REFERENCE = re.compile(
    rf"(?P<relation>عطف\s+به|باز\s*گشت\s+به|در\s+پاسخ\s+به|پیرو)\s+"
    rf"(?:نامه\s*(?:ی|های)?\s*)?(?:شماره\s*[:：]?\s*(?P<number>{NUMBER}))?"
    rf"(?P<date_label>\s*(?:مورخ(?:ه)?|به\s+تاریخ|تاریخ|در\s+تاریخ)\s*[:：]?\s*)?"
)
# «رونوشت:» or «رونوشت» alone on its line; a sentence that starts with the word is not one.
# «رونوشت به:», «رونوشت جهت اطلاع:» and «گیرندگان رونوشت:» head the block as well.
# Within the line ([^\S\n], not \s): «^\s*» run from each line start over a page of blank
# lines (a long reference blanked out) would read on to its end, for every line.
_COPY_HEADER = re.compile(
    r"^[^\S\n]*(?:گیرندگان[^\S\n]+)?(?:رونوشت|رونوشت‌ها|رونوشت ها)"
    r"(?:[^\S\n]+(?:به|برای|جهت[^\S\n]+اطلاع))?"
    r"(?:[^\S\n]*[:：][^\S\n]*(?P<rest>.*)|[^\S\n]*)$", re.M)
# Letterhead and footer lines (address, phones) and the registry's stamp (شماره ثبت) end a
# copies block and are no signature.
_CONTACT = re.compile(r"^\s*(?:نشانی|آدرس|تلفن|تلفکس|نمابر|دورنگار|کد\s*پستی|صندوق\s*پستی|"
                      r"پست\s*الکترونیک|ایمیل|وب\s*سایت|شماره\s*تماس|شماره\s*ثبت)\s*[:：]|"
                      r"تلفن\s*[:：]")
_PURPOSE = re.compile(r"\s*[،,\-–:]?\s*(?P<purpose>(?:جهت|برای|به\s+منظور)\s+.+)$")
_BULLET = re.compile(r"^\s*(?:[-–—•▪*]+|\d+\s*[-.)]|[\u0660-\u0669\u06F0-\u06F9]+\s*[-.)])\s*")
_ADDRESSING = re.compile(
    r"^\s*(?:جناب\s+آقای|سرکار\s+خانم|ریاست\s+محترم|مدیر\s*کل\s+محترم|معاون\s+محترم|"
    r"رئیس\s+محترم|رییس\s+محترم|دبیر\s+محترم|مدیر\s+محترم|سرپرست\s+محترم|استاندار\s+محترم|"
    r"وزیر\s+محترم|دبیرخانه\s+محترم|اداره\s*کل\s+محترم|سازمان\s+محترم|شرکت\s+محترم|"
    # any title of one to three words before «محترم»: مدیرعامل، فرماندار، نماینده محترم …
    r"(?:[^\s:：]+\s+){1,3}محترم(?=\s|$)|حضرت\s)"
)
_PERSON = re.compile(r"^\s*(?:جناب\s+آقای|سرکار\s+خانم)")
_GREETING = re.compile(r"^\s*(?:با\s+سلام|سلام\s+علیکم|سلام|احتراما|احتراماً|با\s+احترام)")

# The four levels of urgency as the government's correspondence standard names them,
# the most pressing first: one table for reading them (here) and printing them (compose,
# show).
PRIORITIES = {"آنی": "immediate", "خیلی فوری": "very_urgent", "فوری": "urgent",
              "عادی": "normal"}
PRIORITY_NAMES = {code: word for word, code in PRIORITIES.items()}
CLASSIFICATIONS = {"بکلی سری": "top_secret", "به کلی سری": "top_secret", "سری": "secret",
                   "خیلی محرمانه": "highly_confidential", "محرمانه": "confidential",
                   "عادی": "normal"}
# How each code is written back for a reader (compose, show, extract's summary).
CLASSIFICATION_NAMES = {"normal": "عادی", "confidential": "محرمانه",
                        "highly_confidential": "خیلی محرمانه", "secret": "سری",
                        "top_secret": "بکلی سری"}
RELATION_NAMES = {"reply_to": "عطف به", "further_to": "پیرو"}
KIND_NAMES = {"letter": "نامه", "minutes": "صورتجلسه", "report": "گزارش",
              "directive": "دستورالعمل", "regulation": "آیین‌نامه", "news": "خبر",
              "other": "سایر"}
# between a mark's label and its value: a colon, or a header table's rule («|», a scan's
# reading of the line between the two cells)
_PRIORITY_LABEL = re.compile(r"(?:فوریت|اولویت)\s*[:：|]?\s*(خیلی فوری|فوری|آنی|عادی)")
_CLASS_LABEL = re.compile(r"طبقه\s*‌?\s*بندی\s*[:：|]?\s*(بکلی سری|به کلی سری|سری|خیلی محرمانه|"
                          r"محرمانه|عادی)")


@dataclass
class LetterFields:
    """The fields of the `extract` contract for a letter (values as a clerk reads them)."""

    number: str | None = None
    date: str | None = None
    date_gregorian: str | None = None
    subject: str | None = None
    sender: str | None = None
    recipients: list[str] = field(default_factory=list)
    copies: list[dict[str, str | None]] = field(default_factory=list)
    references: list[dict[str, str | None]] = field(default_factory=list)
    attachments: str | None = None
    priority: str | None = None
    classification: str | None = None


def display(value: str) -> str:
    """A value as stored: normalised, Persian digits, single spaces."""
    return normalize(value.strip(" \t:：،,.-"))


def canonical_number(value: str) -> str:
    """A letter number without the spaces some editors put around its slashes."""
    return to_persian_digits(re.sub(r"\s*([/\\\-])\s*", r"\1", value.strip()))


def _references(text: str) -> tuple[list[dict[str, str | None]], str]:
    """References, and the text with them blanked out (same length, so offsets hold)."""
    found: list[dict[str, str | None]] = []
    spans: list[tuple[int, int]] = []
    for match in _REFERENCE.finditer(text):
        number = match.group("number")
        date, end = None, match.end()
        if len(found) >= _REFERENCES_READ:  # a letter cites a few: blank the rest unread
            spans.append((match.start(), end))
            continue
        if match.group("date_label"):
            dates = find_dates(text[end: end + 40])
            if dates and dates[0][1] == 0:
                date, end = format_iso(dates[0][0]), end + dates[0][2]
        if not number and not date:
            continue
        relation = "further_to" if match.group("relation") == "پیرو" else "reply_to"
        found.append({"relation": relation,
                      "number": canonical_number(number) if number else None, "date": date})
        spans.append((match.start(), end))
    pieces, done = [], 0  # one pass: blanking span by span copied the text each time
    for start, end in spans:
        pieces += [text[done:start], " " * (end - start)]
        done = end
    pieces.append(text[done:])
    return found, "".join(pieces)


def _rest_of_line(zone: str, start: int, chars: int = _VALUE_CHARS) -> str:
    """The line after a label, at most `chars` of it: a label's value is short, and
    copying the whole rest of a megabyte-long line for each of its labels is quadratic."""
    line_end = zone.find("\n", start, start + chars)
    return zone[start: line_end if line_end >= 0 else start + chars]


def _labels(pattern: re.Pattern[str], zone: str) -> Iterator[re.Match[str]]:
    """The first `_LABELS_TRIED` matches of a label in the first `_LABEL_ZONE_CHARS` of a
    zone: the label regexes cost about a microsecond a character, and a letter's labels
    are on its first pages, not ten megabytes down."""
    return itertools.islice(pattern.finditer(zone, 0, _LABEL_ZONE_CHARS), _LABELS_TRIED)


def _labelled(pattern: re.Pattern[str], zones: list[str]) -> tuple[str, str] | None:
    """The first labelled value (rest of its line) in the first zone that has one."""
    for zone in zones:
        for match in _labels(pattern, zone):
            rest = _rest_of_line(zone, match.end())
            if rest.strip():
                return zone, rest
    return None


def _number(zones: list[str]) -> str | None:
    for zone in zones:
        for match in _labels(_NUMBER_LABEL, zone):
            rest = _rest_of_line(zone, match.end(), _NUMBER_CHARS)
            rest = _NEXT_LABEL.split(rest, maxsplit=1)[0]
            value = _NUMBER_VALUE.match(rest)
            if value:
                return canonical_number(value.group(0))
    return None


def _date(zones: list[str], fallback_zones: list[str]) -> tuple[str, str] | None:
    for zone in zones:
        for match in _labels(_DATE_LABEL, zone):
            rest = _rest_of_line(zone, match.end(), _DATE_CHARS)
            dates = find_dates(rest)
            if dates and not rest[: dates[0][1]].strip():
                return format_iso(dates[0][0]), to_gregorian_iso(dates[0][0])
    for zone in fallback_zones:
        dates = find_dates(zone)
        if dates:
            return format_iso(dates[0][0]), to_gregorian_iso(dates[0][0])
    return None


def _last_copy_block(text: str) -> re.Match[str] | None:
    """The last رونوشت heading: the copies block sits at the foot of the letter."""
    found = None
    for found in _COPY_HEADER.finditer(text):  # noqa: B007
        continue
    return found


def _copies(text: str) -> list[dict[str, str | None]]:
    match = _last_copy_block(text)
    if match is None:
        return []
    lines = [match.group("rest") or "", *text[match.end():].split("\n")]
    copies = []
    for line in lines:
        if _CONTACT.search(line) or _is_mark(line):  # a page foot's «محرمانه» is no copy
            break
        line = _BULLET.sub("", line[:_VALUE_CHARS]).strip()  # a copy line is short
        if not line:
            continue
        purpose_match = _PURPOSE.search(line)
        to = line[: purpose_match.start()] if purpose_match else line
        purpose = purpose_match.group("purpose") if purpose_match else None
        if to.strip(" ،,-–:"):
            copies.append({"to": display(to), "purpose": display(purpose) if purpose else None})
    return copies


_MARK_CHARS = 60  # a line of markings («خیلی فوری / خیلی محرمانه») is short
# «محرمانه — فوری», «خیلی فوری / محرمانه»: several marks on one line
_MARK_JOINER = re.compile(r"\s*[—–\-/|،,؛*]+\s*|\s{2,}|\t")


def _marks_of(line: str) -> list[str]:
    """The marks a line holds when it holds nothing else, or [] (a long line at once)."""
    line = line.strip(" \t:*-")
    if len(line) > _MARK_CHARS:
        return []
    parts = [re.sub(r"\s+", " ", part) for part in _MARK_JOINER.split(line)]
    parts = [part for part in parts if part]
    if parts and all(part in PRIORITIES or part in CLASSIFICATIONS for part in parts):
        return parts
    return []


def _is_mark(line: str) -> bool:
    return bool(_marks_of(line))


def _recipients(lines: list[str]) -> list[str]:
    labelled = [m.group(1) for m in (_TO_LABEL.match(line) for line in lines) if m]
    if labelled:
        return [display(value) for value in labelled]
    recipients: list[str] = []
    current: list[str] = []
    for line in lines:
        if _GREETING.match(line) or (_SUBJECT_LABEL.match(line) and (recipients or current)):
            break  # an addressee may stand below the subject line
        if _SUBJECT_LABEL.match(line):
            continue
        if _ADDRESSING.match(line):
            if current and _PERSON.match(line):
                recipients.append(display(" ".join(current)))
                current = []
            current.append(line.strip())
        elif current and not _NUMBER_LABEL.match(line) and not _DATE_LABEL.match(line):
            current.append(line.strip())
            recipients.append(display(" ".join(current)))
            current = []
    if current:
        recipients.append(display(" ".join(current)))
    return recipients


def _sender(text: str, lines: list[str]) -> str | None:
    labelled = next((m.group(1) for m in (_FROM_LABEL.match(line) for line in lines) if m), None)
    if labelled:
        return display(labelled)
    copy = _last_copy_block(text)
    head = text[: copy.start()] if copy is not None else text
    signature = [line.strip() for line in head.split("\n")
                 if line.strip() and not _CONTACT.search(line)][-2:]
    if len(signature) == 2 and len(signature[1]) < 80 and not signature[1].endswith((".", "؟")) \
            and not _NOT_A_SIGNATURE.match(signature[1]) and not _is_mark(signature[1]) \
            and not _NOT_A_SIGNER.search(signature[1]):
        return display(signature[1])
    return None


# The last line of a letter that has no signature: a request, a closing formula, or a
# sentence (it ends with a verb, where a name, a title or a body's name never does).
_NOT_A_SIGNER = re.compile(
    r"^(?:خواهشمند|مستدعی|لطفا|لطفاً|مراتب|ضمنا|ضمناً|والسلام|"
    r"با\s+(?:تشکر|سپاس|احترام|تجدید\s+احترام)\s*[.،]?\s*$)"
    r"|(?:^|\s)(?:می[\u200c ]?)?[بن]?(?:فرمایید|نمایید|نماید|نمایند|گردد|گردید|گردند|شود|شوند|"
    r"باشد|باشید|است|هستیم|هستند|دارد|دارند|داریم|کنید|کند|کنند|رساند|گیرد|آید|بود|"
    r"خواهد\s+شد)\s*$")
# Lines that end a letter's text without being its signer: a label («به: …», «رونوشت:»,
# «مسئول: …»), an addressee or greeting, a numbered item (a minutes' last resolution).
_NOT_A_SIGNATURE = re.compile(
    r"^\s*(?:[^\s:：]+(?:\s+[^\s:：]+){0,2}\s*[:：]|رونوشت|به\s|جناب\s|سرکار\s|با\s+سلام|"
    r"[-–—•▪*]|\(?[0-9\u06F0-\u06F9]+\s*[-.)])")


def _mark(patterns: tuple[re.Pattern[str], dict[str, str]], lines: list[str]) -> str | None:
    label, values = patterns
    for line in lines:
        labelled = label.search(line[:_VALUE_CHARS])
        if labelled:
            return values[re.sub(r"\s+", " ", labelled.group(1))]
    for line in lines:
        for bare in _marks_of(line):
            if bare in values and bare != "عادی":
                return values[bare]
    return None


_ENGLISH_MONTH = re.compile(
    r"^(?:\d{1,2}\s+)?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
    r"(?:\s+\d{1,2})?(?:,?\s+\d{2,4})?$", re.I)
_PLACEHOLDER = re.compile(r"^(?:<[^<>]*>|\{[^{}]*\}|\[[^\[\]]*\]|_+|\.+)$")


def plausible_subject(value: str | None) -> str | None:
    """`value` unless it is no subject at all: a template's «<Date>», a bare number, an
    English month name, a date alone (what «موضوع:» gives in non-letters)."""
    if not value:
        return None
    bare = value.strip(" \t:：.-–—")
    if (not re.search(r"[^\W\d_]", bare) or _PLACEHOLDER.match(bare)
            or _ENGLISH_MONTH.match(bare)):
        return None
    dates = find_dates(to_latin_digits(bare))
    if dates and dates[0][1] == 0 and dates[0][2] == len(bare):
        return None
    return value


# A page that opens with «پیوست» (not the header's «پیوست:» label) heads an annex: «پیوست
# نامه», «پیوست شماره ۱», «پیوست ۲».
_ANNEX_HEADING = re.compile(r"^\s*پیوست(?:\s+(?:نامه|شماره|[0-9\u06F0-\u06F9]))?(?!\s*[:：])"
                            r"(?:\s|$)")


def letter_pages(document: Document) -> Document:
    """The document without its annex pages: a letter's signature and copies close its
    own last page, and a page after it that opens with an annex heading («پیوست نامه»,
    «پیوست ۱»: a list, a table sent with the letter) holds neither. Read into the letter,
    an annex's lines became copies and its last line the signer. The first page is never
    an annex; the document itself when it has none."""
    pages = [at for at, block in enumerate(document.blocks) if block.part == "page"]
    for at in pages[1:]:
        first = next((line for line in document.blocks[at].text.split("\n") if line.strip()),
                     "")
        if _ANNEX_HEADING.match(normalize(first)):
            return Document(format=document.format, blocks=document.blocks[:at],
                            pages=document.pages, warnings=document.warnings,
                            ocr=document.ocr)
    return document


def extract_letter_fields(document: Document, full: str | None = None) -> LetterFields:
    """Every letter field of a read document (see the module docstring for the rules)."""
    letter = letter_pages(document)
    if letter is not document:
        document, full = letter, None
    head_zone = normalize(document.part_text("header", "textbox", "table"), digits="latin")
    body = normalize(document.part_text("body", "page"), digits="latin")
    foot = normalize(document.part_text("footer"), digits="latin")
    if full is None:  # the caller may have it already: normalising costs per character
        full = normalize(document.text, digits="latin")
    references, body_clean = _references(body)
    head_refs, head_clean = _references(head_zone)
    references = head_refs + references
    top_lines = [line for line in (head_clean + "\n" + body_clean).split("\n") if line.strip()]
    body_top = "\n".join(body_clean[:_LABEL_ZONE_CHARS].split("\n")[:12])
    zones = [head_clean, body_top, body_clean, foot]
    fields = LetterFields(references=references)
    fields.number = _number(zones)
    date = _date(zones, [head_clean, body_top])
    if date:
        fields.date, fields.date_gregorian = date
    subject = _labelled(_SUBJECT_LABEL, [head_clean, body_clean])
    if subject:
        fields.subject = plausible_subject(display(_NEXT_LABEL.split(subject[1], maxsplit=1)[0]))
    attachments = _labelled(_ATTACHMENT_LABEL, [head_clean, body_top])
    if attachments:
        fields.attachments = display(_NEXT_LABEL.split(attachments[1], maxsplit=1)[0]) or None
    fields.recipients = _recipients(top_lines[:25])
    fields.copies = _copies(full)
    fields.sender = _sender(body_clean, top_lines[:25])
    mark_lines = top_lines[:12] + [line for line in full.split("\n")[-6:] if line.strip()]
    fields.priority = _mark((_PRIORITY_LABEL, PRIORITIES), mark_lines)
    fields.classification = _mark((_CLASS_LABEL, CLASSIFICATIONS), mark_lines)
    return fields
