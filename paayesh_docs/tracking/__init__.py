"""Tracking: threads, escalations and their copies to the secretariat, deadlines, meetings.

`Tracker(registry).sync()` catches the derived state in `registry/tracking/` up with the
records; its methods answer the questions of the directive (see `tracker`).
"""

from paayesh_docs.tracking.tracker import Tracker

__all__ = ["Tracker"]
