"""DOCX out of a docxtpl template: one template loaded once, rendered once per letter.

The template's bytes are read once and each render starts from them in memory, and
the sandboxed environment keeps the compiled Jinja of each part, so a mail merge
pays for python-docx's parsing per letter but not for reading and compiling the
template again.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from paayesh_docs.compose.templates import (
    TemplateEnvironment,
    broken_tag,
    check_docx_tags,
    docx_text,
    render_error,
)


class DocxRenderer:
    """A DOCX template ready to render many times."""

    def __init__(self, path: Path) -> None:
        check_docx_tags(path)
        self.path = path
        self.data = path.read_bytes()
        self.environment = TemplateEnvironment()

    def render(self, context: dict[str, Any]) -> bytes:
        from docxtpl import DocxTemplate

        template = DocxTemplate(io.BytesIO(self.data))
        try:
            template.render(context, self.environment, autoescape=True)
        except TemplateSyntaxError as error:
            raise broken_tag(self.path, error, docx_text(self.path)) from None
        except (UndefinedError, SecurityError) as error:
            raise render_error(self.path, error) from None
        buffer = io.BytesIO()
        template.save(buffer)
        return buffer.getvalue()


def text_of_docx(data: bytes) -> str:
    """The text of rendered DOCX bytes, read the way `extract` reads a file (for the index)."""
    from paayesh_docs.ingest.docx import read_docx
    from paayesh_docs.persian.text import normalize

    return normalize(read_docx(io.BytesIO(data)).text)  # type: ignore[arg-type]
