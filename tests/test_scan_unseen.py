"""The unseen and the four fresh sets' own truth: read from their printed PDF's text
layer, every scored field is what their spec says (so a miss on their scans is the
OCR's, not the spec's)."""

from __future__ import annotations

from pathlib import Path

import groundtruth as gt
import scan_corpus as sc
import scan_fresh as sf
import scan_fresh2 as sf2
import scan_fresh3 as sf3
import scan_fresh4 as sf4
import scan_unseen as su

from paayesh_docs.ingest import extract_file


def test_the_unseen_letters_printed_read_right_from_their_text(tmp_path: Path) -> None:
    wrong = []
    for number, spec in [*enumerate(su.unseen_specs()), *enumerate(sf.fresh_specs()),
                         *enumerate(sf2.fresh2_specs()), *enumerate(sf3.fresh3_specs()),
                         *enumerate(sf4.fresh4_specs())]:
        pdf = tmp_path / f"{spec.name}.pdf"
        sc.write_pdf(spec, pdf, sc.held_out_layout(number))
        expected = {field: spec.expected.get(field) for field in sc.SCORED}
        for name, (right, want, got) in gt.compare(expected, extract_file(pdf)).items():
            if not right:
                wrong.append((spec.name, name, want, got))
    assert wrong == []


def test_the_unseen_letters_are_none_of_the_tuned_ones() -> None:
    unseen = {spec.name for spec in su.unseen_specs()}
    fresh = {spec.name for spec in sf.fresh_specs()}
    fresh2 = {spec.name for spec in sf2.fresh2_specs()}
    fresh3 = {spec.name for spec in sf3.fresh3_specs()}
    fresh4 = {spec.name for spec in sf4.fresh4_specs()}
    assert len(unseen) == len(fresh) == len(fresh2) == len(fresh3) == len(fresh4) == 9
    assert not ((unseen | fresh | fresh2 | fresh3 | fresh4)
                & {spec.name for spec in gt.letter_specs()})
    assert not unseen & fresh and not (unseen | fresh) & fresh2
    assert not (unseen | fresh | fresh2) & fresh3
    assert not (unseen | fresh | fresh2 | fresh3) & fresh4
