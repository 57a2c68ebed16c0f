"""DOCX out of a docxtpl template: one template prepared once, rendered once per letter.

docxtpl re-reads the whole package with python-docx, patches and compiles the XML of
every part, and re-compresses every part on each render: about 30 ms a letter here,
most of it spent on parts no tag touches (styles, theme, fonts). For templates that
use docxtpl's text, paragraph (`{%p`) and row (`{%tr`) tags, we do the same work
once: the templated parts (body, headers, footers) are patched with docxtpl's own
`patch_xml` and compiled in the sandbox, the untouched parts are compressed into a
zip once, and each letter only renders the templated parts and appends them to a
copy of that zip. Templates that use the rest of docxtpl (column loops, merged cells,
pictures) are rendered by docxtpl itself. Either way the fonts the document names are
embedded in it (`compose.embed`).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from lxml import etree

from paayesh_docs.compose.embed import docx_with_fonts, embed_fonts
from paayesh_docs.compose.templates import (
    TemplateEnvironment,
    broken_tag,
    check_docx_tags,
    docx_text,
    render_error,
)

_TEMPLATED = re.compile(r"word/(document|header\d*|footer\d*)\.xml$")
# docxtpl features that need its whole-document passes (fix_tables, docPr ids, pictures)
_SLOW_FEATURES = re.compile(r"\{%-?\s*(?:tc|colspan|cellbg|vm|hm)\b|<wp:docPr|<w:drawing|<v:")
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


class DocxRenderer:
    """A DOCX template ready to render many times."""

    def __init__(self, path: Path) -> None:
        from docxtpl import DocxTemplate

        check_docx_tags(path)
        self.path = path
        self.data = path.read_bytes()
        self.environment = TemplateEnvironment()
        self._docxtpl = DocxTemplate(io.BytesIO(self.data))  # its patch and listing code
        self._parts: dict[str, Any] = {}
        self._base = b""
        try:
            self.fast = self._prepare()
        except TemplateSyntaxError as error:
            raise broken_tag(path, error, docx_text(path)) from None

    def _prepare(self) -> bool:
        """Patch and compile the templated parts; zip the rest once. False: use docxtpl."""
        sources: dict[str, str] = {}
        with zipfile.ZipFile(io.BytesIO(self.data)) as source:
            parts = embed_fonts({info.filename: source.read(info) for info in source.infolist()})
        base = io.BytesIO()
        with zipfile.ZipFile(base, "w", zipfile.ZIP_DEFLATED) as target:
            for name, data in parts.items():
                if _TEMPLATED.match(name):
                    xml = etree.tostring(etree.fromstring(data, _PARSER), encoding="unicode")
                    sources[name] = self._docxtpl.patch_xml(xml)
                else:
                    target.writestr(name, data)
        if any(_SLOW_FEATURES.search(xml) for xml in sources.values()):
            return False
        for name, xml in sources.items():  # as docxtpl's render_xml_part does
            self._parts[name] = self.environment.from_string(
                re.sub(r"<w:p([ >])", r"\n<w:p\1", xml))
        self._base = base.getvalue()
        return True

    def render(self, context: dict[str, Any]) -> bytes:
        try:
            return self._render_fast(context) if self.fast else self._render_docxtpl(context)
        except TemplateSyntaxError as error:
            raise broken_tag(self.path, error, docx_text(self.path)) from None
        except (UndefinedError, SecurityError) as error:
            raise render_error(self.path, error) from None

    def _render_fast(self, context: dict[str, Any]) -> bytes:
        buffer = io.BytesIO(self._base)
        with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
            for name, template in self._parts.items():
                xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", template.render(context))
                xml = (xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%")
                       .replace("%_}", "%}"))
                archive.writestr(name, _DECLARATION + self._docxtpl.resolve_listing(xml))
        return buffer.getvalue()

    def _render_docxtpl(self, context: dict[str, Any]) -> bytes:
        from docxtpl import DocxTemplate

        template = DocxTemplate(io.BytesIO(self.data))
        template.render(context, self.environment, autoescape=True)
        buffer = io.BytesIO()
        template.save(buffer)
        return docx_with_fonts(buffer.getvalue())


def text_of_docx(data: bytes) -> str:
    """The text of rendered DOCX bytes, read the way `extract` reads a file (for the index)."""
    from paayesh_docs.ingest.docx import read_docx
    from paayesh_docs.persian.text import normalize

    return normalize(read_docx(io.BytesIO(data)).text)  # type: ignore[arg-type]
