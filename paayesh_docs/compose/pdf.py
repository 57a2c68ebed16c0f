"""PDF out of a template's HTML twin, with WeasyPrint and the Vazirmatn font we ship.

Right-to-left details WeasyPrint needs spelled out: the page is `dir="rtl" lang="fa"`;
text is never justified (WeasyPrint misplaces inline boxes in justified right-to-left
lines); and every run of Latin is wrapped in `<bdi dir="ltr">`. WeasyPrint has no
`unicode-bidi`, but it lays out each inline box on its own and orders a right-to-left
line's boxes from the right, so a `<bdi>` box is isolated the way the HTML standard
means: `HS 0804 (خرما)` keeps its order whatever Persian stands around it. The twin
does not have to ask for this: every `{{ field }}` goes through `isolate`.

Numbers are not wrapped: Persian digits are European-number class in the bidi
algorithm, so `۱۴۰۵/۰۸/۲۱` already keeps its order inside a Persian line, and a number
cut into boxes of its own (`۱۴۰۵/ص/۰۰۰۰۴۵` around its letter) comes out of the PDF's
text layer backwards (measured: `extract` read ۰۰۰۰۴۵/ص/۱۴۰۵).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from markupsafe import Markup, escape

from paayesh_docs.compose.templates import (
    STYLESHEET,
    TemplateEnvironment,
    broken_tag,
    find,
    render_error,
)
from paayesh_docs.fonts import font_face_css
from paayesh_docs.persian.digits import to_persian_digits

# Latin words, with the numbers that follow them (`HS 0804`, `ISO 9001`, an e-mail).
_LTR_RUN = re.compile(r"[A-Za-z][A-Za-z0-9.@_\-]*(?: [A-Za-z0-9۰-۹][A-Za-z0-9۰-۹.@_\-]*)*")
_BASE_CSS = "bdi { direction: ltr; }\n"
# Laid out once more on the `paged` page of paayesh.css when the first layout has more
# than one page (page numbers and the repeated number and date), so a one-page letter
# costs one layout and shows no «صفحه ۱ از ۱».
_PAGED_CSS = "html { page: paged; }\n"


def isolate(value: Any) -> Markup:
    """A field's text, escaped, with its Latin and number runs in `<bdi dir="ltr">`."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    text = to_persian_digits(str(value)) if isinstance(value, int | float) else str(value)
    pieces, last = [], 0
    for match in _LTR_RUN.finditer(text):
        pieces.append(str(escape(text[last:match.start()])))
        pieces.append(f'<bdi dir="ltr">{escape(match.group(0))}</bdi>')
        last = match.end()
    pieces.append(str(escape(text[last:])))
    return Markup("".join(pieces))


class PdfRenderer:
    """An HTML twin ready to render many times (fonts and stylesheets loaded once)."""

    def __init__(self, path: Path, templates_folder: Path) -> None:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        self.path = path
        self.environment = TemplateEnvironment()
        self.environment.finalize = isolate
        try:
            self.template = self.environment.from_string(path.read_text("utf-8"))
        except TemplateSyntaxError as error:
            raise broken_tag(path, error, path.read_text("utf-8")) from None
        self.fonts = FontConfiguration()
        stylesheet = find(templates_folder, STYLESHEET.removesuffix(".css"), ".css")
        self.stylesheets = [CSS(string=font_face_css() + _BASE_CSS, font_config=self.fonts),
                            CSS(filename=str(stylesheet), font_config=self.fonts)]
        self.paged = CSS(string=_PAGED_CSS, font_config=self.fonts)

    def html(self, context: dict[str, Any]) -> str:
        try:
            return self.template.render(context)
        except (UndefinedError, SecurityError) as error:
            raise render_error(self.path, error) from None

    def render(self, context: dict[str, Any]) -> bytes:
        from weasyprint import HTML

        source = HTML(string=self.html(context), base_url=str(self.path.parent))
        document = source.render(stylesheets=self.stylesheets, font_config=self.fonts)
        if len(document.pages) > 1:
            document = source.render(stylesheets=[*self.stylesheets, self.paged],
                                     font_config=self.fonts)
        return document.write_pdf()
