"""Templates: where they are, which fields they need, and the sandbox they render in.

Each document kind has a DOCX template (docxtpl) and an HTML twin (for the PDF,
rendered by WeasyPrint from the same data). An office's own copy in its
`templates/` folder wins over the one shipped in the package, so a secretariat can
edit its letterhead in Word without touching the code; `paayesh init` puts the
packaged ones there to start from.

Templates are the user's, so they render in Jinja's sandbox: a template can read
the fields it is given and nothing else (no attributes starting with `_`, no Python
internals), and a field the data does not have is an error, never an empty hole.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, meta
from jinja2.sandbox import SandboxedEnvironment

from paayesh_docs.compose.errors import ComposeError

PACKAGED = Path(__file__).resolve().parent / "templates"
KINDS = ("letter", "minutes", "supervisor_report")
STYLESHEET = "paayesh.css"
_TAG = re.compile(r"\{[{%#].*?(?:[}%#]\}|$)")


class TemplateEnvironment(SandboxedEnvironment):
    """Jinja's sandbox, strict about missing fields, that compiles each source once.

    docxtpl compiles the XML of every part again on every render; a mail merge of a
    thousand letters would compile the same template a thousand times."""

    def __init__(self) -> None:
        super().__init__(undefined=StrictUndefined, autoescape=True, keep_trailing_newline=True)
        self._compiled: dict[str, Any] = {}

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        compiled = self._compiled.get(source)
        if compiled is None:
            compiled = self._compiled[source] = super().from_string(source)
        return compiled


@dataclass(frozen=True)
class TemplatePair:
    """A kind's DOCX template and its HTML twin, as found for one office."""

    name: str
    docx: Path
    html: Path


def find(templates_folder: Path, name: str, suffix: str) -> Path:
    """The office's template when it has one, else the packaged default."""
    own = templates_folder / f"{name}{suffix}"
    if own.is_file():
        return own
    packaged = PACKAGED / f"{name}{suffix}"
    if packaged.is_file():
        return packaged
    raise ComposeError(
        f"قالب «{name}{suffix}» نه در پوشه {templates_folder} هست و نه در قالب‌های پیش‌فرض.",
        f"No template {name}{suffix} in {templates_folder} nor among the defaults.")


def pair(templates_folder: Path, name: str) -> TemplatePair:
    return TemplatePair(name, find(templates_folder, name, ".docx"),
                        find(templates_folder, name, ".html"))


def available(templates_folder: Path) -> list[dict[str, str]]:
    """Every template an office can use: name, format, where it comes from."""
    found: dict[tuple[str, str], dict[str, str]] = {}
    for folder, origin in ((PACKAGED, "packaged"), (templates_folder, "office")):
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix in (".docx", ".html") and not path.name.startswith(("~$", ".")):
                found[(path.stem, path.suffix)] = {"name": path.stem, "format": path.suffix[1:],
                                                   "origin": origin, "path": str(path)}
    return sorted(found.values(), key=lambda t: (t["name"], t["format"]))


def install_templates(folder: Path) -> list[Path]:
    """Copy the packaged templates into an office's folder; never overwrites one there."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for source in sorted(PACKAGED.iterdir()):
        target = folder / source.name
        if source.suffix in (".docx", ".html", ".css") and not target.exists():
            shutil.copyfile(source, target)
            made.append(target)
    return made


_DELIMITER = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
_CLOSER = {"{{": "}}", "{%": "%}", "{#": "#}"}


def unclosed_tag(paragraph: str) -> str | None:
    """The first tag in one paragraph's text that is not closed in that paragraph (or a
    closer with no opener), else None. docxtpl would otherwise join a `{{` to the next
    `}}` paragraphs further on and render garbage without a word."""
    opened: tuple[str, int] | None = None
    for match in _DELIMITER.finditer(paragraph):
        token = match.group(0)
        if opened is None and token in _CLOSER:
            opened = (token, match.start())
        elif opened is not None and token == _CLOSER[opened[0]]:
            opened = None
        else:
            start = opened[1] if opened else match.start()
            return paragraph[start: match.end() + 20]
    return paragraph[opened[1]: opened[1] + 40] if opened else None


def check_docx_tags(path: Path) -> None:
    """Refuse a DOCX template with a tag that does not close inside its paragraph."""
    import zipfile

    from lxml import etree

    word = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist()
                 if re.match(r"word/(document|header\d*|footer\d*)\.xml$", n)]
        for name in names:
            root = etree.fromstring(archive.read(name), etree.XMLParser(resolve_entities=False))
            for paragraph in root.iter(f"{word}p"):
                text = "".join(t.text or "" for t in paragraph.iter(f"{word}t"))
                broken = unclosed_tag(text)
                if broken is not None:
                    raise ComposeError(
                        f"قالب {path.name} برچسب ناقصی دارد: «{broken}». هر برچسب باید در همان "
                        "بند بسته شود: {{ نام_فیلد }} یا {% … %}.",
                        f"Template {path} has a tag that does not close in its paragraph: "
                        f"{broken!r}")


def fields_of(path: Path) -> set[str]:
    """The fields a DOCX or HTML template reads (Jinja's undeclared variables)."""
    environment = TemplateEnvironment()
    if path.suffix.lower() == ".docx":
        from docxtpl import DocxTemplate

        try:
            check_docx_tags(path)
            return set(DocxTemplate(path).get_undeclared_template_variables(environment))
        except ComposeError:
            raise
        except TemplateSyntaxError as error:
            raise broken_tag(path, error, docx_text(path)) from None
        except Exception as error:  # not a Word file, a damaged one, ...
            raise ComposeError(f"قالب {path} یک فایل Word سالم نیست.",
                               f"Template {path} is not a readable Word file "
                               f"({type(error).__name__}: {error}).") from None
    try:
        source = path.read_text("utf-8")
        return set(meta.find_undeclared_variables(environment.parse(source)))
    except TemplateSyntaxError as error:
        raise broken_tag(path, error, source) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ComposeError(f"قالب {path} خوانده نشد.",
                           f"Template {path} cannot be read ({error}).") from None


def docx_text(path: Path) -> str:
    """The text of a DOCX, one line per paragraph (to show a user where a tag is)."""
    from paayesh_docs.ingest.docx import read_docx

    try:
        return read_docx(path).text
    except Exception:
        return ""


def broken_tag(path: Path, error: TemplateSyntaxError, text: str) -> ComposeError:
    """A syntax error as a user can act on it: the file, the tag, what is wrong."""
    tags = [match.group(0) for match in _TAG.finditer(text)]
    suspects = [t for t in tags if not re.search(r"[}%#]\}$", t) or t.count("{") != t.count("}")]
    near = suspects[0] if suspects else (tags[-1] if tags else "")
    if error.message and "'" in error.message:  # Jinja quotes the tag's name
        named = re.findall(r"'([^']+)'", error.message)
        near = next((t for t in tags for n in named if n in t), near)
    return ComposeError(
        f"قالب {path.name} برچسب نادرستی دارد: «{near}». برچسب‌ها باید به شکل "
        "{{ نام_فیلد }} یا {% … %} و کامل باشند.",
        f"Template {path} has a broken tag near {near!r}: {error.message}")


def render_error(path: Path, error: UndefinedError | Exception) -> ComposeError:
    """A render-time failure: a field the data lacks, or the sandbox refusing an access."""
    if isinstance(error, UndefinedError):
        return ComposeError(f"قالب {path.name} فیلدی می‌خواهد که داده ندارد: {error.message}",
                            f"Template {path} reads a field the data lacks: {error.message}")
    return ComposeError(f"قالب {path.name} به چیزی جز فیلدهای سند دست می‌زند.",
                        f"Template {path} reaches beyond its fields: {error}")
