"""The register a page at a time (`reports.register.register_page`, the `/book` page):
each page and the count are those of the whole register within the reader's clearance
(`register_rows`), even for a record classified or declassified a moment ago, before the
search index has caught up with it; and a search shows no such record either."""

from __future__ import annotations

from pathlib import Path

from paayesh_docs.config import load_settings
from paayesh_docs.office import init_office
from paayesh_docs.registry import Registry
from paayesh_docs.registry.clearance import visible
from paayesh_docs.reports.register import register_page, register_rows

CLASSIFIED = {7: "confidential", 50: "secret", 51: "secret", 120: "top_secret",
              121: "highly_confidential"}


def _whole(registry: Registry, year: int, direction: str | None, clearance: str) -> list[int]:
    return [row["id"] for row in register_rows(
        registry, year, direction, visible=lambda record: visible(record, clearance))]


def _paged(registry: Registry, year: int, direction: str | None, clearance: str,
           size: int) -> tuple[list[int], set[int]]:
    ids, totals, offset = [], set(), 0
    while True:
        rows, total = register_page(registry, year, direction, clearance, offset, size)
        totals.add(total)
        if not rows:
            return ids, totals
        ids += [row["id"] for row in rows]
        offset += size


def test_pages_and_count_are_the_registers_within_the_clearance(tmp_path: Path) -> None:
    init_office(tmp_path / "office")
    with Registry(load_settings(tmp_path / "office")) as registry:
        for n in range(1, 131):
            direction = ("incoming", "outgoing", "internal")[n % 3]
            registry.register_paper({
                "subject": f"نامه شماره {n}", "sender": "اتاق بازرگانی", "date": "1405-08-01",
                "kind": "letter", "classification": CLASSIFIED.get(n, "normal")}, direction)
        year = registry.get(1)["year"]
        for clearance in ("normal", "confidential", "secret", "top_secret"):
            for direction in (None, "incoming", "outgoing"):
                whole = _whole(registry, year, direction, clearance)
                assert _paged(registry, year, direction, clearance, 20) == (whole, {len(whole)})
        normal = _whole(registry, year, None, "normal")
        assert len(normal) == 130 - len(CLASSIFIED)
        assert [registry.get(i)["direction"] for i in normal[:3]] == ["incoming"] * 3
        # changed without the index knowing yet: one classified, one declassified
        registry.update(8, classification="secret")
        registry.update(50, classification="normal")
        assert registry.index.state()["rev"] < registry.max_rev
        whole = _whole(registry, year, None, "normal")
        assert 8 not in whole and 50 in whole
        assert _paged(registry, year, None, "normal", 25) == (whole, {len(whole)})
        rows, total = register_page(registry, year, None, "normal", 10_000, 100)
        assert rows == [] and total == len(whole)


def test_a_search_shows_no_record_classified_since_the_index_took_it_in(tmp_path: Path
                                                                       ) -> None:
    from paayesh_docs.registry.index import Filters

    init_office(tmp_path / "office")
    with Registry(load_settings(tmp_path / "office")) as registry:
        for n in (1, 2):
            registry.register_paper({"subject": f"موانع صادرات زعفران {n}", "sender": "گمرک",
                                     "date": "1405-08-01", "kind": "letter"}, "incoming")
        registry.update(2, classification="secret")  # the index still says normal
        # as the web pages search: an index written a moment ago is used as it is
        hits = registry.search("زعفران", Filters(clearance="normal"), lag=30).hits
        assert [hit["id"] for hit in hits] == [1]
        assert {hit["id"] for hit in registry.search("زعفران", Filters()).hits} == {1, 2}
