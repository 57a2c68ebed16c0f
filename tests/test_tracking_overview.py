"""`tracking.report.overview`, what the tracking page shows: the same answers as the
commands' JSON, grouped by level, and nothing on a record the reader may not see."""

from __future__ import annotations

from pathlib import Path

import tracking_scenario as scenario

from paayesh_docs.config import load_settings
from paayesh_docs.office import init_office
from paayesh_docs.registry import Registry
from paayesh_docs.tracking import Tracker
from paayesh_docs.tracking.report import escalations_json, overview


def test_overview_is_the_commands_answers_by_level(tmp_path: Path) -> None:
    files = scenario.build(tmp_path / "season")
    init_office(tmp_path / "office")
    with Registry(load_settings(tmp_path / "office")) as registry:
        for doc in scenario.DOCS:
            registry.register(files[doc.key], direction=doc.direction, kind=doc.kind,
                              index=False)
        tracker = Tracker(registry)
        tracker.sync()
        day = "1405-09-30"
        every = escalations_json(tracker, tracker.escalations(day))
        seen = overview(tracker, day, within=30)
        assert sum(len(level["escalations"]) for level in seen["levels"]) == len(every)
        assert [level["level"] for level in seen["levels"]] == [1, 2, 3]
        assert len(seen["missing_copy"]) == sum(r["copy"] is None for r in every) > 0
        assert len(seen["overdue"]) == sum(r["status"] == "overdue" for r in every)
        assert seen["meetings"] and seen["due"]
        hidden = every[0]["id"]
        blind = overview(tracker, day, within=30, can_see=lambda record: record["id"] != hidden)
        rows = [r for level in blind["levels"] for r in level["escalations"]]
        assert hidden not in {r["id"] for r in rows} and len(rows) == len(every) - 1
        assert all(r.get("copy") is None or r["copy"]["id"] != hidden for r in rows)
        assert all(d["id"] != hidden for d in blind["due"])
        tracker.close()
