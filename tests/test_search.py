"""Search through the real index: every spelling of a query finds its letter, other words do not."""

from __future__ import annotations

import pytest
from test_text import APART, MEET

from paayesh_docs.config import load_settings
from paayesh_docs.office import init_office
from paayesh_docs.registry import Registry

# (query, document) pairs: the query must find the document.
_PAIRS = [tuple(row.values) for row in MEET]  # (query, document, exact spelling variant)
MATCH = [(q, d) for q, d, _ in _PAIRS] + [(d, q) for q, d, same in _PAIRS[::3] if same] + [
    ("20794/ت/35014", "شماره: ۲۰۷۹۴/ت/۳۵۰۱۴ ک"),
    ("۲۰۷۹۴-ت-۳۵۰۱۴", "شماره: 20794/ت/35014"),
    ("موضوع: (تجارت*", "موضوع: تجارت خارجی"),
    ('"پایش" OR', "کمیته پایش"),
    ("صورت جلسه کمیته", "صورتجلسه كميته پايش"),
]
NO_MATCH = [tuple(row.values) for row in APART]


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    home = tmp_path_factory.mktemp("office")
    init_office(home)
    registry = Registry(load_settings(home))
    folder = home / "docs"
    folder.mkdir()
    for index, (_, document) in enumerate(MATCH + NO_MATCH):
        path = folder / f"doc-{index:03d}.txt"
        # a unique first line keeps identical documents apart (same bytes are one record)
        path.write_text(f"سند {index}\n{document}\n", encoding="utf-8")
        assert registry.register(path, index=False).status == "registered"
    registry.sync_index()
    yield registry
    registry.close()


def _found(registry: Registry, query: str, index: int) -> bool:
    result = registry.search(query, limit=1000)
    return f"doc-{index:03d}.txt" in {hit["file"] for hit in result.hits}


@pytest.mark.parametrize(("index", "query"), [(i, q) for i, (q, _) in enumerate(MATCH)],
                         ids=[f"{q}>{d}" for q, d in MATCH])
def test_query_finds_its_document(registry: Registry, index: int, query: str) -> None:
    assert _found(registry, query, index)


@pytest.mark.parametrize(("index", "query"),
                         [(len(MATCH) + i, q) for i, (q, _) in enumerate(NO_MATCH)],
                         ids=[f"{q}!{d}" for q, d in NO_MATCH])
def test_other_words_do_not_find_it(registry: Registry, index: int, query: str) -> None:
    assert not _found(registry, query, index)


def test_no_query_crashes_the_search(registry: Registry) -> None:
    for query in ("موضوع: (تجارت*", '"پایش" OR', "AND", "*", "((", "\\", "٫٬", "", "a" * 500,
                  "field:value", "~1^2", "[1 TO 2]"):
        assert registry.search(query).total >= 0


def test_snippet_marks_the_matched_words(registry: Registry) -> None:
    hit = registry.search("كميته پايش").hits[0]
    assert "<b>" in hit["snippet"]
