"""Make the sample pages shown in the README: a letter, minutes and a supervisor report,
composed from the test samples (tests/compose_samples.py) in a temporary office and
rendered to PNG with pypdfium2.

    python docs/make_samples.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent / "tests"))


def main() -> None:
    import pypdfium2
    from compose_samples import AGENT_REPORT, CLUSTER, LETTER, MINUTES, REPORT, make_office, write

    from paayesh_docs.compose import api
    from paayesh_docs.compose.supervisor import find_agent_reports, prepare_report
    from paayesh_docs.config import load_settings
    from paayesh_docs.registry import Registry

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        settings = load_settings(make_office(folder / "office"))
        agent = write(folder, "agent.txt", AGENT_REPORT.format(
            quarter="دوم", cluster=CLUSTER, number="۵۵/ع", date="۱۴۰۵/۰۷/۰۵"))
        with Registry(settings) as registry:
            registry.register(agent)
            found = find_agent_reports(registry, CLUSTER, 1405, 2)
        report = write(folder, "report.toml", REPORT.format(percent=8))
        documents = {
            "sample-letter": api.letters_from(settings, write(folder, "l.toml", LETTER))[0],
            "sample-minutes": api.minutes_from(settings, write(folder, "m.toml", MINUTES)),
            "sample-supervisor-report": prepare_report(
                api.load_data(report), settings,
                api.template_fields(settings, "supervisor_report"), report, CLUSTER,
                (1405, 2), found),
        }
        with api.composer(settings) as composer:
            for name, document in documents.items():
                outcome = composer.compose(document, pdf=True)
                page = pypdfium2.PdfDocument(outcome.pdf)[0]
                page.render(scale=1.25).to_pil().quantize(colors=32).save(DOCS / f"{name}.png",
                                                                   optimize=True)
                print(DOCS / f"{name}.png")


if __name__ == "__main__":
    main()
