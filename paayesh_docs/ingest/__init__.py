"""Ingest: read DOCX, PDF and text files into plain documents, and extract their fields.

    from paayesh_docs.ingest import extract_file, read_document
    extract_file("inbox/letter.docx")  # the dict of `paayesh extract --json`
"""

from paayesh_docs.ingest.extract import extract_file, fields_of, read_document

__all__ = ["extract_file", "fields_of", "read_document"]
