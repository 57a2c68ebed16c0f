"""One settings object for an office, read from its `paayesh.toml`, with defaults for everything.

An office is a folder: `inbox/`, `outbox/`, `registry/`, `templates/` and the
`paayesh.toml` that says how this secretariat works (its register's number format,
its weekend and holidays, ...). Every command finds its office the same way:
`--home DIR`, else `PAAYESH_HOME`, else the nearest folder upward that holds a
`paayesh.toml`, else the current folder.

A key the file does not know is an error that names it: a typo in a clerk's
config must not silently fall back to a default.
"""

from __future__ import annotations

import os
import tomllib
import typing
from dataclasses import dataclass, field, fields, is_dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

CONFIG_NAME = "paayesh.toml"
HOME_ENV = "PAAYESH_HOME"


class ConfigError(ValueError):
    """`paayesh.toml` cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Folders:
    """Folder names inside the office (relative to it, or absolute)."""

    inbox: str = "inbox"
    outbox: str = "outbox"
    registry: str = "registry"
    templates: str = "templates"


@dataclass(frozen=True)
class Calendar:
    """Working days for deadlines: weekly days off and a holiday list (Jalali dates)."""

    weekend: tuple[str, ...] = ("friday",)
    holidays: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        """Checked when read: a day off or holiday that means nothing would silently shift
        every working-day deadline."""
        from paayesh_docs.persian.dates import WorkCalendar, parse_jalali

        try:
            WorkCalendar.from_names(self.weekend, ())
        except ValueError as error:
            raise ValueError(f"weekend: {error} (use friday, thursday, ... or جمعه، "
                             "پنجشنبه، ...)") from None
        for holiday in self.holidays:
            try:
                parse_jalali(holiday)
            except ValueError as error:
                raise ValueError(f"holidays: {error}") from None


@dataclass(frozen=True)
class Numbering:
    """How the register writes its numbers: one sequence per Jalali year and direction."""

    format: str = "{year}/{code}/{seq:06d}"
    incoming: str = "و"
    outgoing: str = "ص"
    internal: str = "د"

    def __post_init__(self) -> None:
        """Checked when read: a format that cannot be filled fails every registration, and
        one without `{seq}` gives every record of a year the same number."""
        import string

        try:
            names = {name for _, name, _, _ in string.Formatter().parse(self.format)
                     if name is not None}
            self.format.format(year=1405, code=self.incoming, seq=1, direction="incoming")
        except (KeyError, IndexError, ValueError, AttributeError) as error:
            raise ValueError(f"format {self.format!r} cannot be filled ({type(error).__name__}: "
                             f"{error}); it may use {{year}}, {{code}}, {{seq}} and "
                             "{direction}") from None
        if "seq" not in names:
            raise ValueError(f"format {self.format!r} has no {{seq}}: every record of a year "
                             "would get the same number")
        if "year" not in names:
            raise ValueError(f"format {self.format!r} has no {{year}}: the sequence starts "
                             "again at 1 each year, so numbers would repeat")
        codes = (self.incoming, self.outgoing, self.internal)
        if "direction" not in names and ("code" not in names or len(set(codes)) != 3):
            raise ValueError(f"format {self.format!r} needs {{code}} (a different letter for "
                             "incoming, outgoing and internal): each direction has its own "
                             "sequence, so numbers would repeat")


TPO = "سازمان توسعه تجارت ایران"
SECRETARIAT = "دبیرخانه شورای عالی توسعه صادرات غیرنفتی"


def _positive(owner: object, *names: str) -> None:
    for name in names:
        if getattr(owner, name) < 0:
            raise ValueError(f"{name} must not be negative")


@dataclass(frozen=True)
class Level:
    """One level of clause 2 of the directive: the bodies (any alias, any spelling) a letter
    is addressed to when it raises obstacles at that level."""

    level: int = 1
    name: str = ""
    bodies: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 1 <= self.level <= 9:
            raise ValueError("level must be a number from 1 to 9")


@dataclass(frozen=True)
class Meetings:
    """The committee's cadence (clause 1-1: every two weeks) and how an extraordinary
    meeting's minutes name it."""

    cadence_days: int = 14
    grace_days: int = 0
    extraordinary: tuple[str, ...] = ("فوق‌العاده",)

    def __post_init__(self) -> None:
        _positive(self, "grace_days")
        if self.cadence_days < 1:
            raise ValueError("cadence_days must be at least 1")


@dataclass(frozen=True)
class Stage:
    """One review step of the statistics directive: days to review (else it counts as
    approved and moves on), and days to correct what it returns."""

    name: str = "review"
    label: str = "بررسی"
    days: int = 3
    correction_days: int = 2

    def __post_init__(self) -> None:
        _positive(self, "days", "correction_days")


@dataclass(frozen=True)
class Statistics:
    """The statistics directive as rules: monthly filing by a day of the next month, then
    review stages. Phrases are matched in a record's subject, any spelling."""

    enabled: bool = True
    subjects: tuple[str, ...] = ("آمار ماهانه",)
    file_by_day: int = 5
    working_days: bool = False
    approved: tuple[str, ...] = ("تأیید",)
    returned: tuple[str, ...] = ("جهت اصلاح", "برای اصلاح", "عودت", "بازگردانی")
    corrected: tuple[str, ...] = ("اصلاح شده", "اصلاحی", "پس از اصلاح")
    stages: tuple[Stage, ...] = (
        Stage("provincial", "بررسی و تأیید واحد استانی", 3, 2),
        Stage("deputy", "صحت‌سنجی معاونت تخصصی", 5, 2),
    )

    def __post_init__(self) -> None:
        if not 1 <= self.file_by_day <= 29:
            raise ValueError("file_by_day must be a day of the month (1 to 29)")


@dataclass(frozen=True)
class Tracking:
    """Escalations, their copies to the secretariat, reply windows, meetings and the
    statistics rules (see `paayesh_docs.tracking`)."""

    reply_days: int = 7
    working_days: bool = False
    copy_to: tuple[str, ...] = (
        TPO, SECRETARIAT, "دبیرخانه شورای عالی صادرات غیرنفتی",
        "دبیر شورای عالی توسعه صادرات غیرنفتی", "دبیر شورای عالی صادرات غیرنفتی",
    )
    routine_subjects: tuple[str, ...] = (
        "صورتجلسه", "گزارش تحلیلی", "گزارش عملکرد", "گزارش شش ماهه", "گزارش سالانه",
        "آمار ماهانه",
    )
    levels: tuple[Level, ...] = (
        Level(1, "کارگروه توسعه صادرات استان", (
            "کارگروه توسعه صادرات", "کارگروه تسهیل تجارت و توسعه صادرات",
            "کارگروه صادرات استان")),
        Level(2, "دستگاه‌های ستادی ذیربط کشور", (
            "وزارت صنعت، معدن و تجارت", "وزارت صمت", "وزیر صنعت، معدن و تجارت",
            "وزارت امور اقتصادی و دارایی", "وزارت جهاد کشاورزی", "وزارت امور خارجه",
            "وزارت راه و شهرسازی", "وزارت نیرو", "وزارت نفت", TPO,
            "گمرک جمهوری اسلامی ایران", "گمرک ایران", "بانک مرکزی جمهوری اسلامی ایران",
            "بانک مرکزی", "سازمان ملی استاندارد ایران", "سازمان دامپزشکی کشور",
            "سازمان حفظ نباتات کشور", "سازمان غذا و دارو", "سازمان امور مالیاتی کشور",
            "سازمان بنادر و دریانوردی", "سازمان راهداری و حمل و نقل جاده‌ای",
            "ستاد مرکزی مبارزه با قاچاق کالا و ارز")),
        Level(3, "شورای عالی توسعه صادرات غیرنفتی و سایر مراجع تصمیم‌گیری", (
            "شورای عالی توسعه صادرات غیرنفتی", "شورای عالی صادرات غیرنفتی",
            "شورای عالی صادرات", "شورای عالی اقتصادی", "شورای عالی هماهنگی اقتصادی",
            "هیئت وزیران", "هیئت دولت", "ستاد فرماندهی اقتصاد مقاومتی",
            "ستاد اقتصاد مقاومتی", "شورای گفتگوی دولت و بخش خصوصی")),
    )
    meetings: Meetings = field(default_factory=Meetings)
    statistics: Statistics = field(default_factory=Statistics)

    def __post_init__(self) -> None:
        _positive(self, "reply_days")
        numbers = [level.level for level in self.levels]
        if len(set(numbers)) != len(numbers):
            raise ValueError("levels: each level number may appear once")


@dataclass(frozen=True)
class Watch:
    """How `paayesh watch` takes files from the inbox, and what its subfolders mean.

    Each hint lists the subfolder names (any spelling: they are compared as search
    folds words) that set a file's direction (`incoming`, `outgoing`, `internal`)
    or its kind (`minutes`); a file in a folder no hint names is incoming.
    """

    delay: float = 2.0
    rescan: float = 60.0
    poll: float = 0.0
    retries: int = 8
    read_seconds: float = 60.0  # one file's reading, at most (ingest too); then set aside
    incoming: tuple[str, ...] = ("incoming", "وارده")
    outgoing: tuple[str, ...] = ("outgoing", "صادره")
    internal: tuple[str, ...] = ("internal", "داخلی")
    minutes: tuple[str, ...] = ("minutes", "صورتجلسه")

    def __post_init__(self) -> None:
        if self.rescan <= 0:
            raise ValueError("rescan must be more than 0 seconds")
        if self.read_seconds <= 0:
            raise ValueError("read_seconds must be more than 0 seconds")


@dataclass(frozen=True)
class Ocr:
    """How scans (images, image-only PDF pages) are read: Tesseract's models, the
    resolution pages are read at, the worker processes beside the watcher, and the
    seconds one page may take."""

    languages: tuple[str, ...] = ("fas", "eng")  # the main model first; [] = no OCR
    dpi: int = 300
    workers: int = 0  # 0 = one per core
    page_seconds: float = 30.0

    def __post_init__(self) -> None:
        if not 100 <= self.dpi <= 600:
            raise ValueError("dpi must be between 100 and 600")
        if self.page_seconds <= 0:
            raise ValueError("page_seconds must be more than 0 seconds")

    @property
    def worker_count(self) -> int:
        return self.workers or max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Compose:
    """What composed letters print: the letterhead, the default signers, the page footer."""

    organisation: tuple[str, ...] = ("سازمان صنعت، معدن و تجارت استان",
                                     "دبیرخانه کمیته پایش تجارت خارجی استان")
    signer_name: str = ""
    signer_title: str = "رئیس سازمان صنعت، معدن و تجارت استان"
    secretary_name: str = ""
    secretary_title: str = "دبیر کمیته پایش تجارت خارجی استان"
    footer: str = ""


@dataclass(frozen=True)
class Reports:
    """`[reports]`: what the periodic reports expect besides the records."""

    # the export-oriented clusters whose quarterly reports are expected (ماده ۴-۱)
    clusters: tuple[str, ...] = ()


@dataclass(frozen=True)
class Settings:
    """Everything a command needs to know about one office."""

    home: Path
    folders: Folders = field(default_factory=Folders)
    calendar: Calendar = field(default_factory=Calendar)
    numbering: Numbering = field(default_factory=Numbering)
    watch: Watch = field(default_factory=Watch)
    compose: Compose = field(default_factory=Compose)
    tracking: Tracking = field(default_factory=Tracking)
    ocr: Ocr = field(default_factory=Ocr)
    reports: Reports = field(default_factory=Reports)

    def folder(self, name: str) -> Path:
        """The absolute path of one of the office's folders (`inbox`, `registry`, ...)."""
        return self.home / getattr(self.folders, name)

    @property
    def inbox(self) -> Path:
        return self.folder("inbox")

    @property
    def outbox(self) -> Path:
        return self.folder("outbox")

    @property
    def registry(self) -> Path:
        return self.folder("registry")

    @property
    def templates(self) -> Path:
        return self.folder("templates")


_SECTIONS: dict[str, type] = {"folders": Folders, "calendar": Calendar, "numbering": Numbering,
                              "watch": Watch, "compose": Compose, "tracking": Tracking,
                              "ocr": Ocr, "reports": Reports}


def find_home(start: Path | None = None, explicit: str | os.PathLike[str] | None = None) -> Path:
    """The office folder: explicit, else $PAAYESH_HOME, else nearest with paayesh.toml, else cwd."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    if os.environ.get(HOME_ENV):
        return Path(os.environ[HOME_ENV]).expanduser().resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return here


class NotAnOffice(Exception):
    """The folder a command would work on is not an office (it holds no `paayesh.toml`).

    Raised instead of working there anyway: a command run in the wrong folder would
    make a `registry/` in it and answer "0 results" as if that were true."""

    def __init__(self, folder: Path, searched_upward: bool) -> None:
        super().__init__(str(folder))
        self.folder = folder
        self.searched_upward = searched_upward  # no --home: the folders above were looked at


def is_office(folder: Path) -> bool:
    """An office is a folder holding a `paayesh.toml` (what `paayesh init` writes)."""
    return (folder / CONFIG_NAME).is_file()


def office_home(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The office a command works on, found as `find_home` finds it; `NotAnOffice` when
    that folder holds no `paayesh.toml`."""
    home = find_home(explicit=explicit)
    if not is_office(home):
        raise NotAnOffice(home, searched_upward=not explicit and not os.environ.get(HOME_ENV))
    return home


def _section(path: Path, name: str, cls: type, values: Any) -> Any:
    """One table as `cls`; nested tables and arrays of tables are checked the same way,
    so an unknown key anywhere is an error that names it (`[tracking.meetings] cadnce`)."""
    if not isinstance(values, dict):
        raise ConfigError(f"{path}: [{name}] must be a table")
    known = {f.name: f for f in fields(cls)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) in [{name}]: {', '.join(unknown)}")
    hints = typing.get_type_hints(cls)
    converted: dict[str, Any] = {}
    for key, value in values.items():
        default = getattr(cls(), key)
        item = _item_type(hints[key])
        if is_dataclass(default):
            value = _section(path, f"{name}.{key}", type(default), value)
        elif item is not None:
            if not isinstance(value, list):
                raise ConfigError(f"{path}: [{name}] {key} must be an array of tables")
            value = tuple(_section(path, f"{name}.{key}", item, entry) for entry in value)
        elif isinstance(default, tuple):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{path}: [{name}] {key} must be a list of strings")
            value = tuple(value)
        elif isinstance(default, float) and isinstance(value, int) and \
                not isinstance(value, bool):
            value = float(value)  # `delay = 2` means 2.0 seconds
        elif not isinstance(value, type(default)) or isinstance(value, bool) != isinstance(
                default, bool):
            raise ConfigError(f"{path}: [{name}] {key} must be a {type(default).__name__}")
        if isinstance(value, int | float) and value < 0:
            raise ConfigError(f"{path}: [{name}] {key} must not be negative")
        converted[key] = value
    try:
        return replace(cls(), **converted)
    except ValueError as error:  # a section's own check (`__post_init__`)
        raise ConfigError(f"{path}: [{name}] {error}") from None


def _item_type(hint: Any) -> type | None:
    """The dataclass of `tuple[Level, ...]`, or None for any other type."""
    if typing.get_origin(hint) is tuple:
        args = typing.get_args(hint)
        if args and is_dataclass(args[0]):
            return args[0]
    return None


def load_settings(home: Path | None = None) -> Settings:
    """Read the office's paayesh.toml (absent: all defaults)."""
    home = home or find_home()
    path = home / CONFIG_NAME
    settings = Settings(home=home)
    if not path.is_file():
        _check_folders(path, settings)
        return settings
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from error
    unknown = sorted(set(data) - set(_SECTIONS))
    if unknown:
        raise ConfigError(f"{path}: unknown section(s): {', '.join(unknown)}")
    parts = {name: _section(path, name, cls, data[name]) for name, cls in _SECTIONS.items()
             if name in data}
    settings = replace(settings, **parts)
    _check_folders(path, settings)
    return settings


def _check_folders(path: Path, settings: Settings) -> None:
    """A folder setting that names a file is an error naming the key, not a crash later."""
    for name in ("inbox", "outbox", "registry", "templates"):
        folder = settings.folder(name)
        if folder.exists() and not folder.is_dir():
            raise ConfigError(f"{path}: [folders] {name} = {getattr(settings.folders, name)!r}: "
                              f"{folder} is a file, not a folder")


def folder_error(settings: Settings, name: str, error: OSError) -> ConfigError:
    """A folder of the office that cannot be made, as an error naming its key."""
    return ConfigError(f"{settings.home / CONFIG_NAME}: [folders] {name} = "
                       f"{getattr(settings.folders, name)!r}: {settings.folder(name)} cannot be "
                       f"created ({error.strerror or error})")


def default_config_text() -> str:
    """The commented paayesh.toml that `paayesh init` writes."""
    return resources.files("paayesh_docs").joinpath("default_config.toml").read_text("utf-8")
