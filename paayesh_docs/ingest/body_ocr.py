"""The body's words mended where Tesseract's Persian model is known to slip.

`header_ocr` re-reads the header's numbers and dates; this module mends what the model
gets wrong in the rest of a letter's text, each rule a fact about Persian writing or
about how the model reads a page, never about one letter:

- a word cut in two where its boxes overlap, or where a lost stroke made its second
  half no word («بازر کانی» for «بازرگانی»);
- a compound written with a zero-width non-joiner (ZWNJ) read as two words: the gap a
  ZWNJ leaves is the glyphs' own margins, narrower than a space;
- a madda the model saw over a plain alef («آمور» for «امور»), told by how hazm's list
  spells the word;
- «،» read as «ء» at a word's end;
- a fax streak's serrated edge read as a run of «س», and a flat speck at a line's
  start read as «۰»; unsure junk standing apart from its line's words dropped;
- a word's pieces after a letter that never joins read as two words («صادر کنندگان»);
- a word's first letter lost («هت» for «جهت»).
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from paayesh_docs.ingest.header_ocr import wider_than_letters
from paayesh_docs.ingest.ocr import PageReading, Word, known_word
from paayesh_docs.persian.fold import NON_JOINING, ZWNJ

_PERSIAN_LETTER = "\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc"
_PERSIAN_WORD = re.compile(f"^[{_PERSIAN_LETTER}{ZWNJ}]{{2,}}$")
_TRAILING = ":،.؛"
_GUESSED = 65.0  # a word these rules put back is a guess: below the review threshold (70)


@cache
def _spellings() -> dict[str, int]:
    """hazm's words as written (not folded: «آ» and «ا», «ء» kept) with their counts."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("hazm")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "words.dat"
    if not path.exists():
        return {}
    counts: dict[str, int] = {}
    for line in path.read_text("utf-8").splitlines():
        row = line.split("\t")
        if len(row) == 3:
            counts[row[0]] = max(counts.get(row[0], 0), int(row[1]) if row[1].isdigit() else 0)
    return counts


def spelled(word: str) -> int | None:
    """How often hazm's corpus saw `word` spelled exactly so; None when it never did."""
    return _spellings().get(word)


# -- a madda that is not there ------------------------------------------------------------

_MADDA_RATIO = 1000  # the plain spelling this many times commoner: the madda is a misreading
_MADDA_PLAIN_COUNT = 10_000
_SURE_MADDA = 90.0


def mend_madda(word: Word) -> bool:
    """«آمور» read for «امور»: the model sees a madda over an alef that has none (a speck,
    a fax's noise). hazm's list folds «آ» into «ا», so the word counts as known either way;
    spelled as written, «آمور» (a river) was seen 12 times and «امور» eight million. A word
    the model was not sure of whose plain spelling is a thousand times commoner is that
    spelling. A word whose madda spelling is common («آن», «آمار») is never touched."""
    core = word.text.rstrip(_TRAILING)
    if word.confidence >= _SURE_MADDA or "آ" not in core or not _PERSIAN_WORD.match(core):
        return False
    plain = core.replace("آ", "ا")
    plain_count = spelled(plain) or 0
    if plain_count < _MADDA_PLAIN_COUNT or plain_count < _MADDA_RATIO * (spelled(core) or 0):
        return False
    word.text = plain + word.text[len(core):]
    return True


# -- «،» read as «ء» ------------------------------------------------------------------------

def mend_hamza_comma(line: list[Word]) -> int:
    """«صنعتء معدن»: a comma after a word read as a hamza (both a small hook above the
    line). A word that ends in «ء» with a word after it on its line, which hazm never saw
    spelled with that «ء» but knows without it, ends with «،». A word spelled with a final
    hamza («شیء», «جزء») keeps it. hazm's folded list drops «ء», so the spelling is looked
    up as written."""
    mended = 0
    for word, _after in itertools.pairwise(line):
        if not word.text.endswith("ء") or len(word.text) < 3:
            continue
        bare = word.text[:-1]
        if not spelled(word.text) and _PERSIAN_WORD.match(bare) and spelled(bare):
            word.text = bare + "،"
            mended += 1
    return mended


# official names written with commas inside them: the words, and which take a «،»
_NAMES_WITH_COMMAS = (
    (("صنعت", "معدن", "و", "تجارت"), (0,)),  # (وزارت|سازمان) صنعت، معدن و تجارت
    (("بازرگانی", "صنایع", "معادن", "و", "کشاورزی"), (0, 1)),  # اتاق بازرگانی، صنایع، …
    # the ministries (and their provincial offices) named with a comma
    (("تعاون", "کار", "و", "رفاه", "اجتماعی"), (0,)),  # تعاون، کار و رفاه اجتماعی
    (("میراث", "فرهنگی", "گردشگری", "و", "صنایع", "دستی"), (1,)),
    (("علوم", "تحقیقات", "و", "فناوری"), (0,)),  # علوم، تحقیقات و فناوری
    (("بهداشت", "درمان", "و", "آموزش", "پزشکی"), (0,)),  # بهداشت، درمان و آموزش پزشکی
)


def restore_name_commas(line: list[Word]) -> int:
    """«سازمان صنعت معدن و تجارت»: the small «،» inside an official name lost (a 150-dpi
    scan, a fax), the name's words all read. The names a secretariat's letters are
    addressed to and signed by are written with their commas («صنعت، معدن و تجارت»,
    «بازرگانی، صنایع، معادن و کشاورزی»), and the fields keep a name as it is written;
    the commas are put back where the words stand in the name's order (in place of a
    «:» or «.» the model read for one: «صنایع.»)."""
    mended = 0
    texts = [word.text for word in line]
    for words, commas in _NAMES_WITH_COMMAS:
        for start in range(len(texts) - len(words) + 1):
            if tuple(t.rstrip(_TRAILING) for t in texts[start:start + len(words)]) != words:
                continue
            for offset in commas:
                word = line[start + offset]
                if not word.text.endswith("،"):  # lost, or read «:» or «.» (a fax)
                    word.text = word.text.rstrip(_TRAILING) + "،"
                    mended += 1
    return mended


# the words of names a secretariat's letters are addressed to, copied to and signed by,
# beside those written with commas: one of their words misread among the others read
# right is that word («کمیته پاس تجارت خارجی», «سیستان و پلوچتان»)
_OFFICIAL_NAMES = (
    *(words for words, _ in _NAMES_WITH_COMMAS),
    ("کمیته", "پایش", "تجارت", "خارجی"),
    ("سیستان", "و", "بلوچستان"),
    ("توسعه", "صادرات", "غیرنفتی"),
    ("مدیریت", "و", "برنامه‌ریزی"),
    ("امور", "اقتصادی", "و", "دارایی"),
    # a copy's purpose: of two words, only the first is put back (the second is the
    # name's context; «جهت اصلاح» is a purpose of its own)
    *(("جهت", purpose) for purpose in ("اطلاع", "اقدام", "استحضار", "پیگیری")),
)
_NAME_EDITS = 2  # at most, and at most half the word's letters


def mend_official_names(line: list[Word]) -> int:
    """An official name read with one word wrong, every other word of it read right and
    in its order: that word is the name's (an edit or two from it, no more than half
    its letters), kept below the review threshold so a clerk sees the guess. A name's
    other words are the context a single misread word lacks: «پاس» is a word, but not
    between «کمیته» and «تجارت خارجی»."""
    from paayesh_docs.ingest.header_ocr import edit_distance

    mended = 0
    for name in _OFFICIAL_NAMES:
        for start in range(len(line) - len(name) + 1):
            window = line[start:start + len(name)]
            read = [word.text.rstrip(_TRAILING) for word in window]
            wrong = [at for at, (got, want) in enumerate(zip(read, name, strict=True))
                     if got != want]
            if len(wrong) != 1 or (len(name) == 2 and wrong[0] != 0):
                continue
            word, want = window[wrong[0]], name[wrong[0]]
            got = read[wrong[0]]
            distance = edit_distance(got, want)
            if distance <= min(_NAME_EDITS, len(want) // 2) and got not in name:
                word.text = want + word.text[len(got):]
                word.confidence = min(word.confidence, _GUESSED)
                mended += 1
    return mended


# -- words cut in two, compounds read as two words ------------------------------------------

_NARROW_GAP = 0.7  # of the line's usual gap between words: narrower is no space
_GAPS_FOR_MEDIAN = 3
_LOOKALIKE = {"ک": "گ", "گ": "ک"}  # the model loses or adds the second stroke of «گ»
_ENDINGS = ("ی", "ها", "های")  # a plural, an ezafe: «بازرگانی» is «بازرگان» + «ی»


def _usual_gap(line: list[Word]) -> int | None:
    gaps = sorted(a.box[0] - b.box[2] for a, b in itertools.pairwise(line))
    gaps = [gap for gap in gaps if gap > 0]
    if len(gaps) < _GAPS_FOR_MEDIAN:
        return None
    return gaps[len(gaps) // 2]


def _joined(right: Word, left: Word, text: str) -> None:
    right.text = text
    right.confidence = min(right.confidence, left.confidence)
    right.box = (min(left.box[0], right.box[0]), min(right.box[1], left.box[1]),
                 max(right.box[2], left.box[2]), max(right.box[3], left.box[3]))


def _whole_word(whole: str) -> str | None:
    """The known word two pieces make, as read or with a «ک»/«گ» stroke mended (one
    candidate only), or None."""
    from paayesh_docs.persian import lexicon

    def known(text: str) -> bool:
        return lexicon.written_joined(lexicon.fold(text)) or bool(
            lexicon.frequency(lexicon.fold(text))) or any(
            text.endswith(end) and lexicon.frequency(lexicon.fold(text[:-len(end)]))
            for end in _ENDINGS)

    if known(whole) or _agent_plural(whole):
        return whole
    found = {whole[:at] + _LOOKALIKE[ch] + whole[at + 1:] for at, ch in enumerate(whole)
             if ch in _LOOKALIKE}
    found = {text for text in found if known(text)}
    return found.pop() if len(found) == 1 else None


_MIN_HEAD = 3
_SPACE_AND_A_HALF = 1.5  # wider than the line's usual space by half: a column, a tab
_PLURAL_OF_H = "گان"
_JOINED_COMMON = 10_000  # a joined spelling hazm saw this often is a word of its own


def _agent_plural(whole: str) -> bool:
    """«صادرکنندگان»: a word in «ه» takes the plural «ان» as «ـگان» (کننده → کنندگان,
    نماینده → نمایندگان), and hazm's list holds few such plurals; the plural is a word
    when its singular is one hazm writes joined and often."""
    if not whole.endswith(_PLURAL_OF_H) or len(whole) < 6:
        return False
    return (spelled(whole[: -len(_PLURAL_OF_H)] + "ه") or 0) >= _JOINED_COMMON


def _one_after_non_joiner(a: str, b: str) -> str | None:
    """After a letter that never joins the next («ر», «د», «و», «ا»…), a word's pieces
    stand apart on the page as two words do, about a space apart (a fax's threshold
    thins the tail of «ر» that reaches under the next letter, so the gap is wider):
    «صادر کنندگان» for «صادرکنندگان». The pair is one word when its joined spelling is a
    word hazm writes joined and saw often (or the «ـگان» plural of one, `_agent_plural`);
    a head of three letters at least, so «و» and «از» before a word stay words; and a
    second piece hazm never saw alone («کنندگان», a bound plural): one that is a word of
    its own («مهر ماه», «ماه») may stand apart as the writer chose.
    A head that is no word alone («بازر») joins a second piece that is one («کانی») when
    the whole is a known word, its «ک» perhaps a «گ» (`_whole_word`: «بازرگانی»).
    (The gap is less than one and a half of the line's usual spaces: more is a column.)"""
    if len(a) < _MIN_HEAD or a[-1] not in NON_JOINING or len(b) < 2:
        return None
    if not known_word(a):
        return _whole_word(a + b)
    if spelled(b):
        return None
    whole = a + b
    if (spelled(whole) or 0) >= _JOINED_COMMON or _agent_plural(whole) or any(
            whole.endswith(end) and (spelled(whole[:-len(end)]) or 0) >= _JOINED_COMMON
            for end in _ENDINGS):  # «بازر گانی»: «بازرگان» and its «ی»
        return whole
    return None


def _zwnj_pair(a: str, b: str) -> str | None:
    """How hazm's list writes the two halves as one compound with a ZWNJ: "listed" (the
    compound itself, «محیط‌زیست»), "ending" (the compound with an ending the list lacks,
    «سرمایه‌گذار» and «ان»); None when it does not."""
    from paayesh_docs.persian import lexicon

    if lexicon.zwnj_parts(a + b) == (a, b):
        return "listed"
    found = lexicon.compound_with_ending(a + b)
    return "ending" if found is not None and (found[0], found[1] + found[2]) == (a, b) \
        else None


_BOUND_GAP = 0.27  # of the words' height: a space in print measured 0.29-0.56 of it on
# the scans, the margins a ZWNJ leaves up to 0.24


def _overlapping_whole(a: str, b: str) -> str | None:
    """The word two overlapping pieces are, when hazm writes it in one piece: the pieces
    joined, or joined with the letters both read once, when that is a known word
    (`_whole_word`: «صادر» inside the box of «رکنندگان»: the model read the «ر» in
    each, and «صادرکنندگان» is the plural of «صادرکننده»)."""
    from paayesh_docs.persian import lexicon

    if lexicon.written_joined(lexicon.fold(a + b)):
        return a + b
    for shared in range(min(len(a), len(b)) - 1, 0, -1):
        if a.endswith(b[:shared]) and (whole := _whole_word(a + b[shared:])):
            return whole
    return None


def join_pieces(line: list[Word]) -> int:
    """Two words that are one, read in two pieces, joined back; returns how many.

    - Boxes that overlap («در» inside the box of «خواست»): two words of a line never
      share columns, the pieces of one word the model cut in two do (after «ر» the
      letters do not join, and the model cuts there). Joined when the whole is a word
      hazm writes in one piece.
    - A gap narrower than a space, with a piece that is no word («بازر کانی»): the
      model cut a word where a stroke was lost; joined when the whole, or the whole
      with the stroke of «گ» mended, is a known word.
    - A gap narrower than a space between a word and the second half of a compound
      written with ZWNJ («صادرات گرا»: «گرا» is no word of its own): the ZWNJ leaves only
      the glyphs' margins between the halves, a space adds its own width. Joined with
      a ZWNJ when hazm's list writes the pair so (perhaps under an ending: «سرمایه
      گذاران»); when the second half is no word of the list alone, with any gap short
      of a column if the pair is a compound under an ending («گذاران»), up to a printed
      space's width if the list writes the compound itself («محیط زیست», the list
      lacking «زیست», printed with a space stays two words); when the second
      half is a compound's tail that hazm never saw alone («گرا»), a gap narrower than
      the line's usual one is enough.
    - A gap narrower than a space after a letter that never joins the next, both pieces
      words, when the pair joined is a common word (`_one_after_non_joiner`)."""
    from paayesh_docs.persian import lexicon

    usual = _usual_gap(line)
    joined = 0
    index = 0
    while index + 1 < len(line):
        right, left = line[index], line[index + 1]
        # the second piece's mark kept after the whole («بازر» «گانی:»)
        a, b = right.text, left.text.rstrip(_TRAILING)
        mark = left.text[len(b):]
        if not (_PERSIAN_WORD.match(a) and _PERSIAN_WORD.match(b)):
            index += 1
            continue
        gap = right.box[0] - left.box[2]
        overlap = gap < 0
        narrow = usual is not None and gap < _NARROW_GAP * usual
        text = None
        if overlap:
            text = _overlapping_whole(a, b)
        if text is None and narrow and (not known_word(a) or not known_word(b)):
            text = _whole_word(a + b)
        if text is None and usual is not None and gap < _SPACE_AND_A_HALF * usual:
            text = _one_after_non_joiner(a, b)
        # a tail that is no word alone («گرا»): any gap narrower than a space
        tail = b in lexicon.COMPOUND_TAILS and not lexicon.frequency(lexicon.fold(b)) \
            and bool(lexicon.join_compound(lexicon.fold(a), lexicon.fold(b)))
        if text is None and ZWNJ not in b and len(a) >= 3 and usual is not None:
            # looked up only short of a column (a narrow gap is short of one too)
            near = gap < _SPACE_AND_A_HALF * usual
            pair = near and _zwnj_pair(lexicon.fold(a), lexicon.fold(b))
            # a second half hazm's list lacks alone is the compound's, a space or not,
            # when it is a compound's tail under an ending («گذاران»: the tail of
            # «سرمایه‌گذار» and «ان»; the model widens a ZWNJ's gap to a space's); when
            # it is the second half of a compound the list writes, only short of a
            # printed space's width (the list lacks «زیست», «شده» alone: «محیط زیست»,
            # «کشف شده» printed with a space stay two words)
            bound = bool(pair) and not lexicon.frequency(lexicon.fold(b)) and (
                pair == "ending" or gap < _BOUND_GAP * max(right.height, left.height))
            if (narrow and pair) or bound or (tail and gap < usual):
                text = a + ZWNJ + b
        if text is not None:
            _joined(right, left, text + mark)
            del line[index + 1]
            joined += 1
            continue
        index += 1
    return joined


# -- what a fax streak or a speck leaves --------------------------------------------------

_STREAK_TEETH = re.compile("^[سش]+$")
_STREAK_SURE = 60.0
_APART_HEIGHTS = 2.5  # a word further than this many line heights from its neighbour


def drop_streak_teeth(line: list[Word]) -> int:
    """A fax streak's serrated edge is read as «سس», «سسس» (the teeth of «س»), unsure, in
    a blank stretch of a line: after a copy heading, after a signature's last word. A
    word of «س»/«ش» teeth only standing apart from the line's other words (further than
    2.5 line heights), read with less than 60% confidence or wider than its letters
    could be (1.5 line heights a letter), is dropped."""
    dropped = 0
    for word in list(line):
        if not _STREAK_TEETH.match(word.text):
            continue
        index = line.index(word)
        neighbours = [line[i] for i in (index - 1, index + 1) if 0 <= i < len(line)]
        tall = max([w.height for w in neighbours] + [1])
        apart = all(max(n.box[0] - word.box[2], word.box[0] - n.box[2]) > _APART_HEIGHTS * tall
                    for n in neighbours)
        # a streak's length, not letters': wider than a «س» could be, letter for letter
        long = wider_than_letters(word, tall)
        if neighbours and apart and (word.confidence < _STREAK_SURE or long):
            line.remove(word)
            dropped += 1
    return dropped


_FLAT = 0.5  # height to width: a «۰» is about as tall as wide


def flat_zero_is_a_dash(line: list[Word]) -> bool:
    """A «۰» first in its line whose box is a flat stroke (less than half as tall as it is
    wide, less than a third of the next word's height) is no zero: the Persian zero is a
    dot about as tall as wide, and a flat stroke before a line is a dash (a copy's bullet).
    It becomes «-»."""
    if len(line) < 2 or line[0].text not in ("۰", "٠", "0", "."):
        return False
    zero, after = line[0], line[1]
    width = zero.box[2] - zero.box[0]
    if zero.height < _FLAT * width and zero.height * 3 < after.height:
        zero.text = "-"
        return True
    return False


_BULLET_SURE = 50.0
_BULLET_SHARED = 0.5  # of a bullet's width: the columns a first word shares with it
_BULLET_WIDER = 1.5  # no wider than this many bullets


def mend_bullets(lines: list[list[Word]]) -> int:
    """«بت اتاق بازرگانی…»: a copy's «-» bullet read on a fax as a letter or two, which
    the copy's name then began with. A line's first word of one or two characters, read
    with less than 50% confidence, standing where another line's «-» bullet stands
    (sharing half its columns, no wider than one and a half of it) is that bullet: the
    copies of a block are bulleted alike."""
    bullets = [line[0].box for line in lines if len(line) > 1 and line[0].text == "-"]
    mended = 0
    for line in lines:
        first = line[0] if len(line) > 1 else None
        if first is None or first.text == "-" or len(first.text) > 2 \
                or first.confidence >= _BULLET_SURE:
            continue
        width = first.box[2] - first.box[0]
        for left, _, right, _ in bullets:
            shared = min(right, first.box[2]) - max(left, first.box[0])
            if shared >= _BULLET_SHARED * (right - left) \
                    and width <= _BULLET_WIDER * (right - left):
                first.text = "-"
                mended += 1
                break
    return mended


_JUNK_SURE = 20.0  # the model's confidence in what it took for a word in a speck or streak
_FLAT_JUNK = 3  # a box three times flatter than its neighbours holds no letters


# a number, with its letter groups and a date's words: «۷۷۰۱/ت», «۳ آذر ۱۴۰۵»
_CLEAN_NUMBER = re.compile(f"^(?=.*[۰-۹0-9])[۰-۹0-9/\\- {_PERSIAN_LETTER}]+$")


def _clean_word(text: str) -> bool:
    """A Persian word hazm knows, or a number (digits, slashes, dashes, letter groups:
    a header's value re-read is kept whatever its confidence)."""
    from paayesh_docs.persian import lexicon

    if _CLEAN_NUMBER.match(text):
        return True
    return bool(_PERSIAN_WORD.match(text) and lexicon.frequency(lexicon.fold(text)))


def drop_apart_junk(line: list[Word]) -> int:
    """A streak, a speck or a mark's broken ink in a blank stretch of a line (a fax's
    noise beside a priority mark, after a signature's name) is read as a word the model
    hardly believes («ات», «"۹», «_»): a word read with less than 20% confidence standing
    apart from its line's words (further than 2.5 line heights) is dropped when it is no
    word: flat (a third of its neighbours' height: a streak), or neither a Persian word
    hazm knows nor a clean number (`_clean_word`: a quote or a sign among digits is
    noise). A flat box longer than its letters could be (1.5 line heights a letter: «۷»
    812 pixels wide and 7 tall after a copy heading) is a streak however sure the model
    was."""
    dropped = 0
    for word in list(line):
        if len(line) < 2:
            break
        index = line.index(word)
        neighbours = [line[i] for i in (index - 1, index + 1) if 0 <= i < len(line)]
        tall = max(w.height for w in neighbours)
        apart = all(max(n.box[0] - word.box[2], word.box[0] - n.box[2]) > _APART_HEIGHTS * tall
                    for n in neighbours)
        flat = word.height * _FLAT_JUNK < tall
        # a streak's length, not letters': wider than a letter could be, letter for letter
        streak = flat and wider_than_letters(word, tall)
        unsure = word.confidence < _JUNK_SURE
        if apart and (streak or (unsure and (flat or not _clean_word(
                word.text.strip(_TRAILING))))):
            line.remove(word)
            dropped += 1
    return dropped


_SPECK_CHARACTERS = 2  # a speck or two, read as a digit, a dot or a quote
_LETTERED = re.compile(f"[{_PERSIAN_LETTER}]")
_SPECK_SURE = 50.0


def drop_trailing_specks(line: list[Word]) -> int:
    """«جهت اطلاع ۰ ۹"»: a fax's specks after a line's last word, read unsure as a digit,
    a dot or a quote, ended a copy's purpose. At the line's end (its left), words of no
    more than two characters and no letter, each read with less than 50% confidence,
    standing apart (2.5 line heights) from the last word that holds a letter or longer
    than their characters could be (a streak), are dropped; a number or a date has more
    characters, a word has letters. A flat streak (a third of the line's height, longer
    than its characters could be) is dropped wherever it stands: no glyph is 351 pixels
    wide and 7 high."""
    dropped = 0
    tall = max((w.height for w in line if _LETTERED.search(w.text)), default=0)
    if not tall:
        return 0
    for word in list(line):
        flat = word.height * _FLAT_JUNK < tall
        if flat and not _LETTERED.search(word.text) and wider_than_letters(word, tall):
            line.remove(word)
            dropped += 1
    lettered = [at for at, w in enumerate(line) if _LETTERED.search(w.text)]
    if not lettered or lettered[-1] == len(line) - 1:
        return dropped
    last = line[lettered[-1]]
    tail = line[lettered[-1] + 1:]
    specks = all(len(w.text) <= _SPECK_CHARACTERS and w.confidence < _SPECK_SURE for w in tail)
    # apart from the words, or a streak's length («.۶» 1,109 pixels wide after a signer)
    long = all(wider_than_letters(w, tall) for w in tail)
    if specks and (long or last.box[0] - tail[0].box[2] > _APART_HEIGHTS * tall):
        del line[lettered[-1] + 1:]
        dropped += len(tail)
    return dropped


_SHEETS = ("برگ", "صفحه", "نسخه")  # what an attachment is counted in


def mend_sheet_count(line: list[Word]) -> int:
    """«پیوست: ابرگ»: the «۱» of «۱ برگ» is a straight stroke the model reads as «ا»,
    alone or joined to the word it counts. «ا» before «برگ», «صفحه» or «نسخه», or joined
    to it («ابرگ», no word), is «۱»; «برک» after a count is «برگ» (its second stroke
    lost); kept below the review threshold (a guess)."""
    mended = 0
    for at, word in enumerate(line):
        after = line[at + 1].text.rstrip(_TRAILING) if at + 1 < len(line) else ""
        before = line[at - 1].text if at else ""
        if word.text == "ا" and after in _SHEETS:
            word.text = "۱"
        elif word.text.rstrip(_TRAILING)[1:] in _SHEETS and word.text.startswith("ا"):
            word.text = "۱ " + word.text[1:]
        elif word.text.rstrip(_TRAILING) == "برک" and re.fullmatch("[۰-۹0-9]+", before):
            word.text = "برگ" + word.text[3:]  # the second stroke of «گ» lost
        else:
            continue
        word.confidence = min(word.confidence, _GUESSED)
        mended += 1
    return mended


# -- a word's first letter lost ------------------------------------------------------------

_HEAD_LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
_HEAD_COMMON = 1_000_000  # the word restored is a common one
_HEAD_RATIO = 10  # and ten times commoner than any other restoring


def restore_lost_head(line: list[Word]) -> int:
    """«هت استحضار» for «جهت استحضار»: a word's first letter, its head a small hook or a
    dot that a fax's threshold breaks off («ج»), is lost, and what is left is no word. A
    word of two letters hazm never saw (not an affix: «ها»), read less than surely, with a
    word after it on its line, is the word one letter more at its head makes, when that
    is a common word (a million in hazm's corpus) ten times commoner than any other such
    («جهت» 12 million, «بهت» one); its confidence is lowered so it is reviewed."""
    from paayesh_docs.persian import lexicon

    mended = 0
    for word in line[:-1]:
        text = word.text
        if (len(text) != 2 or word.confidence >= _SURE_MADDA or not _PERSIAN_WORD.match(text)
                or text in lexicon.AFFIXES or lexicon.frequency(lexicon.fold(text))):
            continue
        found = sorted(((lexicon.frequency(lexicon.fold(head + text)) or 0, head + text)
                        for head in _HEAD_LETTERS), reverse=True)
        (best, whole), (second, _) = found[0], found[1]
        if best >= _HEAD_COMMON and best >= _HEAD_RATIO * second:
            word.text, word.confidence = whole, min(word.confidence, _GUESSED)
            mended += 1
    return mended


def mend_body_words(reading: PageReading) -> int:
    """Every rule of this module, line by line; returns how many words changed."""
    changed = 0
    for line in reading.lines:
        changed += flat_zero_is_a_dash(line)
        changed += drop_streak_teeth(line)
        changed += drop_apart_junk(line)
        changed += drop_trailing_specks(line)
        changed += join_pieces(line)
        changed += mend_hamza_comma(line)
        changed += mend_official_names(line)
        changed += restore_name_commas(line)
        changed += restore_lost_head(line)
        changed += mend_sheet_count(line)
        changed += sum(mend_madda(word) for word in line)
    changed += mend_bullets(reading.lines)
    reading.lines = [line for line in reading.lines if line]
    return changed
