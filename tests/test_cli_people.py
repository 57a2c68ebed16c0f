"""The command line as people meet it, through the real `paayesh` command: `show` in Persian,
a folder that is not an office, the same exit codes with and without `--json`, usage
errors in Persian and English, and `search` saying how many hits of how many."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import jdatetime
import pytest
from compose_samples import make_office as make_compose_office
from compose_samples import write
from conftest import ROOT, run_paayesh

from paayesh_docs.persian.digits import to_persian_digits

LETTER = """بسمه تعالی
شماره: ۱۲۳۴/ص/۱۴۰۵
تاریخ: ۱۴۰۵/۰۸/۱۲
پیوست: ۲ برگ
طبقه‌بندی: محرمانه
فوریت: فوری
از: سازمان صنعت، معدن و تجارت استان خراسان رضوی
به: ریاست محترم سازمان توسعه تجارت ایران
موضوع: گزارش موانع صادرات زعفران
با سلام
عطف به نامه شماره ۵۶۷/الف مورخ ۱۴۰۵/۰۷/۲۰ و پیرو نامه شماره ۸۹۰/ب مورخ ۱۴۰۵/۰۷/۲۵ موانع
به شرح پیوست است.
رونوشت:
- دبیرخانه شورای عالی توسعه صادرات غیرنفتی جهت اطلاع
- گمرک ایران جهت اقدام
"""
MINUTES = ("صورتجلسه شماره ۱۸ کمیته پایش تجارت خارجی\nتاریخ جلسه: ۱۴۰۵/۰۸/۱۰\n"
           "مکان: سازمان صنعت، معدن و تجارت استان\nحاضرین: رئیس سازمان، رئیس گمرک استان\n"
           "دستور جلسه:\n۱- بررسی موانع صادرات\nمصوبات:\n۱- گمرک استان گزارش دهد. "
           "مسئول: گمرک استان. مهلت: ۱۴۰۵/۰۸/۲۰\n")
SHORT = "شماره: {n}/ص\nتاریخ: ۱۴۰۵/۰۸/۱۰\nموضوع: نامه آزمایشی شماره {n}\nمتن نامه {n}.\n"
LATIN_DIGIT = re.compile(r"[0-9]")
PYTHON_SHAPES = ("{", "}", "[", "]", "None", "'", "True", "False", "_")


def ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def new_office(folder: Path) -> Path:
    ok(run_paayesh("init", str(folder)))
    return folder


def text_file(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def ingest(office: Path, *files: Path) -> list[dict]:
    result = ok(run_paayesh("--home", str(office), "ingest", *map(str, files), "--json"))
    return [json.loads(line) for line in result.stdout.splitlines()]


def layout(stdout: str) -> list[tuple[str, str]]:
    """`label: value` lines; every line must be one."""
    rows = []
    for line in stdout.splitlines():
        label, colon, value = line.partition(": ")
        assert colon and label and value, f"not a 'label: value' line: {line!r}"
        rows.append((label, value))
    return rows


# --- show -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """An office with the sample letter and minutes registered, and `show` of each."""
    folder = tmp_path_factory.mktemp("show")
    office = new_office(folder / "office")
    letter = text_file(folder / "in", "letter-7.txt", LETTER)
    minutes = text_file(folder / "in", "minutes-18.txt", MINUTES)
    answers = ingest(office, letter, minutes)
    records = [json.loads(ok(run_paayesh("--home", str(office), "show", str(a["id"]),
                                         "--json")).stdout) for a in answers]
    shows = [ok(run_paayesh("--home", str(office), "show", str(a["id"]))).stdout
             for a in answers]
    return {"office": office, "letter": letter, "records": records, "shows": shows}


def test_show_prints_the_letter_in_persian(shown: dict) -> None:
    record, stdout = shown["records"][0], shown["shows"][0]
    rows = layout(stdout)
    number = to_persian_digits(record["registry_number"])
    for row in [
        ("شماره ثبت", number),
        ("نوع", "نامه وارده"),
        ("شماره نامه", "۱۲۳۴/ص/۱۴۰۵"),
        ("تاریخ", "۱۲ آبان ۱۴۰۵"),
        ("موضوع", "گزارش موانع صادرات زعفران"),
        ("فرستنده", "سازمان صنعت، معدن و تجارت استان خراسان رضوی"),
        ("گیرنده", "ریاست محترم سازمان توسعه تجارت ایران"),
        ("رونوشت", "دبیرخانه شورای عالی توسعه صادرات غیرنفتی — جهت اطلاع"),
        ("رونوشت", "گمرک ایران — جهت اقدام"),
        ("عطف به", "۵۶۷/الف مورخ ۱۴۰۵/۰۷/۲۰"),
        ("پیرو", "۸۹۰/ب مورخ ۱۴۰۵/۰۷/۲۵"),
        ("پیوست", "۲ برگ"),
        ("فوریت", "فوری"),
        ("طبقه‌بندی", "محرمانه"),
        ("وضعیت", "ثبت‌شده"),
        ("نام فایل", "letter-7.txt"),
        ("شناسه", to_persian_digits(str(record["id"]))),
    ]:
        assert row in rows, (row, stdout)
    assert rows[0] == ("شماره ثبت", number)  # what a clerk looks for first
    registered = dict(rows)["زمان ثبت"]
    day = jdatetime.date(*map(int, record["registered_date"].split("-")))
    assert registered.startswith(to_persian_digits(f"{day.day} ")), registered
    assert re.search(r"ساعت [۰-۹]{2}:[۰-۹]{2}$", registered), registered


def test_show_names_the_archived_original_inside_the_office(shown: dict) -> None:
    rows = layout(shown["shows"][0])
    archived = [value for label, value in rows if label == "نسخه بایگانی"]
    assert len(archived) == 1 and not Path(archived[0]).is_absolute(), archived
    assert archived[0].startswith("registry/")
    original = shown["office"] / archived[0]
    assert original.read_bytes() == shown["letter"].read_bytes()


def test_show_has_nothing_of_python_and_only_persian_digits(shown: dict) -> None:
    for stdout in shown["shows"]:
        for label, value in layout(stdout):
            if label in ("نسخه بایگانی", "نام فایل"):  # paths stay as the disk names them
                continue
            assert not LATIN_DIGIT.search(value), (label, value)
            assert not any(shape in value for shape in PYTHON_SHAPES), (label, value)
        assert "registry_number" not in stdout and "sha256" not in stdout


def test_show_of_minutes_lists_attendees_and_resolutions_one_a_line(shown: dict) -> None:
    rows = layout(shown["shows"][1])
    assert ("نوع", "صورتجلسه وارده") in rows
    assert ("تاریخ جلسه", "۱۰ آبان ۱۴۰۵") in rows
    attendees = [value for label, value in rows if label == "حاضر"]
    assert attendees == ["رئیس سازمان", "رئیس گمرک استان"], rows
    resolutions = [value for label, value in rows if label == "مصوبه"]
    assert len(resolutions) == 1 and "مهلت ۱۴۰۵/۰۸/۲۰" in resolutions[0], resolutions


def test_show_by_registry_number_in_any_digits_and_json_stays_the_contract(shown: dict) -> None:
    office, record = shown["office"], shown["records"][0]
    persian = to_persian_digits(record["registry_number"])
    assert ok(run_paayesh("--home", str(office), "show", persian)).stdout == shown["shows"][0]
    assert {"id", "registry_number", "number", "date", "subject", "sender", "recipients",
            "copies", "references", "source", "registered_at"} <= set(record)
    assert record["date"] == "1405-08-12"  # data keeps Latin ISO dates


# --- the office -------------------------------------------------------------------------

OFFICE_COMMANDS = [
    ("search", "زعفران"), ("show", "1"), ("ingest", "{letter}"), ("check",), ("reindex",),
    ("watch", "--once"), ("escalations",), ("due",), ("meetings",), ("thread", "1"),
    ("tracking", "rebuild"), ("templates", "list"), ("compose", "letter", "--data", "{data}"),
]


@pytest.mark.parametrize("args", OFFICE_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_a_folder_that_is_not_an_office_is_an_error_naming_it(tmp_path: Path,
                                                              args: tuple[str, ...]) -> None:
    elsewhere = tmp_path / "files"
    letter = text_file(elsewhere, "letter.txt", LETTER)
    data = text_file(elsewhere, "letter.toml", 'subject = "x"\nbody = "y"\nrecipients = ["z"]\n')
    folder = tmp_path / "not-an-office"
    folder.mkdir()
    filled = [a.format(letter=letter, data=data) for a in args]
    result = run_paayesh("--home", str(folder), *filled)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stdout == ""
    persian, english = result.stderr.strip().splitlines()
    assert persian.startswith("خطا:") and str(folder) in persian and "paayesh.toml" in persian
    assert f"{folder} is not a paayesh office" in english
    assert list(folder.iterdir()) == [], "something was made in the wrong folder"


def test_the_current_folder_outside_any_office_is_named(tmp_path: Path) -> None:
    here = tmp_path / "desk"
    here.mkdir()
    for args in (("search", "زعفران", "--json"), ("due",)):
        result = run_paayesh(*args, cwd=here)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert str(here) in result.stderr and "Neither" in result.stderr
        assert "paayesh init" in result.stderr
    assert list(here.iterdir()) == []


def test_a_home_that_does_not_exist_is_named_and_not_made(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-office"
    result = run_paayesh("--home", str(missing), "search", "x")
    assert result.returncode == 2 and "does not exist" in result.stderr
    assert str(missing) in result.stderr and not missing.exists()
    env = run_paayesh("search", "x", env={"PAAYESH_HOME": str(missing)})
    assert env.returncode == 2 and str(missing) in env.stderr and not missing.exists()


def test_commands_that_need_no_office_run_anywhere(tmp_path: Path) -> None:
    here = tmp_path / "desk"
    letter = text_file(here, "letter.txt", LETTER)
    ok(run_paayesh("text", "terms", "صورت جلسه", cwd=here))
    ok(run_paayesh("date", "۲۱ آبان ۱۴۰۵", cwd=here))
    assert "زعفران" in ok(run_paayesh("extract", str(letter), cwd=here)).stdout
    template = ROOT / "paayesh_docs" / "compose" / "templates" / "letter.docx"
    ok(run_paayesh("templates", "check", str(template), cwd=here))
    assert sorted(p.name for p in here.iterdir()) == ["letter.txt"]
    ok(run_paayesh("init", cwd=here))  # init makes the office here
    assert (here / "paayesh.toml").is_file()
    ok(run_paayesh("search", "x", cwd=here))


def test_init_makes_the_office_home_names(tmp_path: Path) -> None:
    office = tmp_path / "office"
    made = ok(run_paayesh("--home", str(office), "init", cwd=tmp_path))
    assert (office / "paayesh.toml").is_file() and (office / "registry").is_dir()
    assert not (tmp_path / "paayesh.toml").exists() and "created" in made.stdout
    assert "نتیجه‌ای پیدا نشد" in ok(run_paayesh("--home", str(office), "search", "x")).stdout


# --- exit codes and usage errors -----------------------------------------------------------

@pytest.fixture(scope="module")
def office_with_a_letter(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("codes")
    office = new_office(folder / "office")
    letter = text_file(folder / "in", "letter.txt", LETTER)
    broken = folder / "in" / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    ingest(office, letter)
    return {"office": office, "letter": letter, "broken": broken}


EXIT_CODES = [
    (("search", "زعفران"), 0),
    (("search", "واژه‌ای که نیست"), 0),  # a search with no hits is done, not failed
    (("show", "1"), 0),
    (("show", "999"), 2),
    (("show", "۹۹۹/ص/۱"), 2),
    (("ingest", "{letter}"), 0),  # a duplicate: told, not failed
    (("ingest", "{broken}"), 1),
    (("extract", "{broken}"), 1),
    (("check",), 0),
    (("thread", "999"), 2),
    (("escalations", "--level", "7"), 2),
    (("escalations", "--on", "1405/13/40"), 2),
    (("due", "--within", "-3"), 2),
    (("meetings", "--on", "فردا"), 2),
    (("date", "نه یک تاریخ"), 2),
    (("search", "--limit", "0"), 2),
    (("search", "--since", "دیروز"), 2),
]


@pytest.mark.parametrize(("args", "code"), EXIT_CODES, ids=lambda v: str(v))
def test_exit_codes_are_the_same_with_and_without_json(office_with_a_letter: dict[str, Path],
                                                      args: tuple[str, ...], code: int) -> None:
    paths = {k: str(v) for k, v in office_with_a_letter.items()}
    filled = [a.format(**paths) for a in args]
    home = ["--home", paths["office"]]
    plain = run_paayesh(*home, *filled)
    as_json = run_paayesh(*home, *filled, "--json")
    for result in (plain, as_json):
        assert "Traceback" not in result.stderr
        assert result.returncode == code, (filled, result.stdout, result.stderr)
    for line in as_json.stdout.splitlines():  # --json prints JSON or nothing
        json.loads(line)
    if code == 2:
        assert plain.stderr == as_json.stderr and "خطا:" in plain.stderr


@pytest.mark.parametrize(("args", "named"), [
    (("search", "--frobnicate"), "--frobnicate"),
    (("search", "--limt", "3"), "--limit"),  # and what was meant
    (("show",), "REFERENCE"),
    (("search", "--kind", "poem"), "--kind"),
    (("serch", "زعفران"), "serch"),
    (("search", "--limit"), "--limit"),
    (("show", "1", "2"), None),
    (("compose", "letter"), "--data"),
    (("--homee", "x", "search"), "--homee"),
], ids=lambda v: str(v))
def test_usage_errors_are_persian_and_english(office_with_a_letter: dict[str, Path],
                                              args: tuple[str, ...], named: str | None) -> None:
    result = run_paayesh("--home", str(office_with_a_letter["office"]), *args)
    assert result.returncode == 2 and result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    persian = next(line for line in lines if line.startswith("خطا:"))
    english = lines[lines.index(persian) + 1]
    assert re.search("[آ-ی]{3}", persian.removeprefix("خطا:")), persian
    assert english.startswith("Error:"), lines
    if named:
        assert named in persian, persian
    assert "Usage: paayesh" in result.stderr or "requires an argument" in english
    with_json = run_paayesh("--home", str(office_with_a_letter["office"]), *args, "--json")
    assert with_json.returncode == 2


# --- search counts ----------------------------------------------------------------------

def test_search_says_how_many_it_shows_of_how_many(tmp_path: Path) -> None:
    office = new_office(tmp_path / "office")
    ingest(office, *(text_file(tmp_path / "in", f"n{n}.txt", SHORT.format(n=n))
                     for n in range(5)))
    home = ("--home", str(office))
    some = ok(run_paayesh(*home, "search", "نامه آزمایشی", "--limit", "2")).stdout
    assert "۲ از ۵ نتیجه" in some and "showing 2 of 5" in some
    every = ok(run_paayesh(*home, "search", "نامه آزمایشی")).stdout
    assert "۵ نتیجه / 5 results" in every and "از" not in every.splitlines()[-1]
    none = ok(run_paayesh(*home, "search", "زعفران")).stdout
    assert none.strip() == "نتیجه‌ای پیدا نشد / no results"
    data = json.loads(ok(run_paayesh(*home, "search", "نامه آزمایشی", "--limit", "2",
                                     "--json")).stdout)
    assert data["total"] == 5 and len(data["hits"]) == 2


# --- names the product writes ------------------------------------------------------------

def test_a_draft_is_named_by_the_jalali_day(tmp_path: Path) -> None:
    office = make_compose_office(tmp_path / "office")
    data = write(tmp_path, "letter.json", json.dumps({
        "subject": "پیش‌نویس نامه", "body": "متن آزمایشی.", "recipients": ["ریاست محترم اداره"]},
        ensure_ascii=False))
    before = jdatetime.date.today()
    result = ok(run_paayesh("--home", str(office), "compose", "letter", "--data", str(data),
                            "--draft", "--json"))
    name = Path(json.loads(result.stdout.splitlines()[0])["docx"]).name
    days = {f"draft-{day:%Y-%m-%d}-" for day in (before, jdatetime.date.today())}
    assert any(name.startswith(day) for day in days), name
