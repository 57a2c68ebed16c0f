"""Make the report's sample pages shown in the README: the first pages of the quarterly
report and the first page of the register, for the tracking season of the tests
(tests/tracking_scenario.py: 60 letters, 7 minutes) registered in a temporary office.

    python docs/make_report_samples.py
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent / "tests"))


def _save(pdf_bytes: bytes, pages: dict[int, str]) -> None:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(io.BytesIO(pdf_bytes))
    for index, name in pages.items():
        pdf[index].render(scale=1.25).to_pil().quantize(colors=64).save(DOCS / f"{name}.png",
                                                                        optimize=True)
        print(DOCS / f"{name}.png")


def main() -> None:
    import tracking_scenario as scenario

    from paayesh_docs.config import load_settings
    from paayesh_docs.office import init_office
    from paayesh_docs.registry import Registry
    from paayesh_docs.reports.document import ReportDocument
    from paayesh_docs.reports.figures import period_report
    from paayesh_docs.reports.periods import parse_period
    from paayesh_docs.reports.register import register_pdf, register_rows
    from paayesh_docs.tracking import Tracker

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = scenario.build(folder / "season")
        home = folder / "office"
        init_office(home)
        settings = load_settings(home)
        with Registry(settings) as registry:
            for doc in scenario.DOCS:
                registry.register(files[doc.key], direction=doc.direction, kind=doc.kind,
                                  index=False)
            tracker = Tracker(registry)
            tracker.sync()
            period = parse_period("1405Q3")
            figures = period_report(tracker, period, "1405-09-20")
            tracker.close()
            rows = register_rows(registry, registry.get(1)["year"])
        _save(ReportDocument(settings, period, figures).pdf(),
              {0: "sample-report-1", 2: "sample-report-3"})
        _save(register_pdf(settings, rows, 1405, None), {0: "sample-register"})


if __name__ == "__main__":
    main()
