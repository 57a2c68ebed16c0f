"""Realistic synthetic registries for the benchmarks, built from the domain's Persian texts.

Records are written in bulk (one snapshot), as a registry that has lived for years
would be after compaction; their texts go to the content store like real ones.
"""

from __future__ import annotations

import hashlib
import random
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import SHARED

from paayesh_docs.config import load_settings
from paayesh_docs.office import init_office
from paayesh_docs.registry import Registry
from paayesh_docs.registry.numbering import format_number

BODIES = ["سازمان توسعه تجارت ایران", "دبیرخانه شورای عالی توسعه صادرات غیرنفتی",
          "کارگروه توسعه صادرات استان", "گمرک استان", "اتاق بازرگانی، صنایع و معادن استان",
          "اتاق تعاون استان", "وزارت صنعت، معدن و تجارت", "سازمان صنعت، معدن و تجارت استان"]
SUBJECTS = ["گزارش موانع صادرات", "صورتجلسه کمیته پایش تجارت خارجی", "پیگیری مصوبات جلسه",
            "ارسال آمار ماهانه صادرات", "درخواست بررسی تعرفه", "بازارچه‌های مرزی",
            "گزارش شش‌ماهه عملکرد", "تشکیل جلسه فوق‌العاده"]


def sentences() -> list[str]:
    folder = SHARED / "domain" / "sources"
    text = " ".join(p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))) if \
        folder.is_dir() else " ".join(SUBJECTS * 20)
    return [s.strip() for s in re.split(r"[.؛!؟\n]+", text) if len(s.split()) > 4]


def make_record(rng: random.Random, seq: int, pool: list[str]) -> tuple[dict[str, Any], str]:
    body = " ".join(rng.sample(pool, 6))
    subject = f"{rng.choice(SUBJECTS)} {rng.choice(BODIES)}"
    month, day = rng.randint(1, 12), rng.randint(1, 29)
    sha = hashlib.sha256(f"{seq}:{body}".encode()).hexdigest()
    record = {
        "kind": "letter", "number": f"{rng.randint(100, 99999)}/ص/{rng.randint(10, 999)}",
        "date": f"1405-{month:02d}-{day:02d}", "date_gregorian": None, "subject": subject,
        "sender": rng.choice(BODIES), "recipients": [rng.choice(BODIES)],
        "copies": [{"to": rng.choice(BODIES), "purpose": "جهت استحضار"}],
        "references": [], "attachments": "ندارد", "priority": None, "classification": None,
        "meeting": None, "direction": "incoming",
        "source": {"name": f"letter-{seq}.docx", "sha256": sha, "size": 20000,
                   "format": "docx"},
        "registered_at": "2026-11-22T10:00:00+03:30", "registered_date": "1405-09-01",
        "year": 1405, "status": "registered", "links": [], "seq": seq, "rev": seq,
    }
    return record, f"{subject}\n{body}"


def build_registry(home: Path, count: int, seed: int = 1405,
                   shape: Callable[[random.Random, dict[str, Any], int], None] | None = None
                   ) -> float:
    """A registry of `count` records at `home`; returns the seconds it took. `shape` may
    change each record before it is written (its direction, references, ...)."""
    start = time.perf_counter()
    init_office(home)
    settings = load_settings(home)
    rng = random.Random(seed)
    pool = sentences()
    tables: dict[str, dict[str, Any]] = {"records": {}}
    registry = Registry(settings)
    for seq in range(1, count + 1):
        record, text = make_record(rng, seq, pool)
        if shape is not None:
            shape(rng, record, seq)
        record["registry_number"] = format_number(settings.numbering, 1405, record["direction"],
                                                  seq)
        tables["records"][str(seq)] = record
        path = registry.archive.text_path(record["source"]["sha256"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    registry.storage.write(tables)
    registry.close()
    return time.perf_counter() - start


def build_indexed_office(home: Path, count: int) -> float:
    """`build_registry`, then its search index and tracking state made, as an office that
    has run for years has them (the web benches serve it); returns the seconds the
    registry took to write."""
    from paayesh_docs.tracking import Tracker

    built = build_registry(home, count)
    with Registry(load_settings(home)) as registry:
        registry.reindex()
        tracker = Tracker(registry, answers=False)
        tracker.rebuild()
        tracker.close()
    return built
