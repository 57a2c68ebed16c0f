"""Ingest: read DOCX, PDF and text files into plain documents, and extract their fields.

    from paayesh_docs.ingest import extract_file, read_document
    extract_file("inbox/letter.docx")  # the dict of `paayesh extract --json`

The verbs are loaded when first asked for (PEP 562): the reading children
(`pdf_worker`, `bounded`) import one module of this package and should not carry
python-docx, lxml and the field rules they never use.
"""

from typing import Any

__all__ = ["extract_file", "fields_of", "read_document"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from paayesh_docs.ingest import extract

        return getattr(extract, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
