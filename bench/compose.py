"""Benchmark compose: DOCX and PDF letters per second, and a 1,000-letter mail merge.

    python bench/compose.py [--letters N] [--pdfs N] [--merge N]

Goals (issue 7): at least 30 DOCX letters/s, at least 5 PDF letters/s, and a 1,000-letter
mail merge (DOCX) in at most 60 s. Letters are numbered and registered as `paayesh
compose letter` does (under the registry's lock, archived, fsynced). Baselines in the
same run: bare docxtpl (render and save the same template with the same data, nothing
registered) and bare WeasyPrint (the same HTML, fonts and stylesheets), so the ratios
hold on a noisy shared machine. The merge is the real command in its own process.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, console_script, emit

sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--letters", type=int, default=200)
    parser.add_argument("--pdfs", type=int, default=30)
    parser.add_argument("--merge", type=int, default=1000)
    args = parser.parse_args()

    import subprocess

    from compose_samples import make_office, merge_letter, write
    from docxtpl import DocxTemplate
    from weasyprint import HTML

    from paayesh_docs.compose import api
    from paayesh_docs.config import load_settings

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        settings = load_settings(make_office(folder / "office"))
        data = write(folder, "letters.toml", merge_letter(args.letters))
        documents = api.letters_from(settings, data)
        with api.composer(settings) as composer:
            list(composer.compose_all(documents[:3], pdf=True, draft=False))  # warm up
            start = time.perf_counter()
            list(composer.compose_all(documents, pdf=False, draft=False))
            docx_rate = len(documents) / (time.perf_counter() - start)
            template = composer.docx_renderer("letter").path
            context = documents[0].numbered("1405/ص/000001", "۱۴۰۵/۰۹/۰۲").context
            start = time.perf_counter()
            for _ in documents:
                bare = DocxTemplate(template)
                bare.render(context)
                bare.save(io.BytesIO())
            bare_docx = len(documents) / (time.perf_counter() - start)
            emit("compose", "docx_letters_per_s", docx_rate, "letters/s", goal=">= 30",
                 letters=len(documents), bare_docxtpl=round(bare_docx, 1),
                 ratio_to_bare=round(docx_rate / bare_docx, 2))

            pdfs = documents[: args.pdfs]
            start = time.perf_counter()
            list(composer.compose_all(pdfs, pdf=True, draft=False))
            pdf_rate = len(pdfs) / (time.perf_counter() - start)
            renderer = composer.pdf_renderer("letter")
            html = renderer.html(context)
            start = time.perf_counter()
            for _ in pdfs:
                HTML(string=html).write_pdf(stylesheets=renderer.stylesheets,
                                            font_config=renderer.fonts)
            bare_pdf = len(pdfs) / (time.perf_counter() - start)
            emit("compose", "pdf_letters_per_s", pdf_rate, "letters/s", goal=">= 5",
                 letters=len(pdfs), note="DOCX and PDF, both registered",
                 bare_weasyprint=round(bare_pdf, 2), ratio_to_bare=round(pdf_rate / bare_pdf, 2))

        merge = write(folder, "merge.toml", merge_letter(args.merge))
        office = make_office(folder / "merge-office")
        start = time.perf_counter()
        subprocess.run([console_script("paayesh"), "--home", str(office), "compose", "letter",
                        "--data", str(merge), "--json"], check=True, capture_output=True)
        seconds = time.perf_counter() - start
        made = len(list((office / "outbox").glob("*.docx")))
        emit("compose", "mail_merge_seconds", seconds, "s", goal="<= 60", letters=made,
             command="paayesh compose letter --data merge.toml --json")


if __name__ == "__main__":
    main()
