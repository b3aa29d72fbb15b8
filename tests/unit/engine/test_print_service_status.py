"""The print service turns the printer's own status answer into the status bar's words."""

from __future__ import annotations

from pathlib import Path

from kitchen_app.engine.api import PrinterStatus
from kitchen_app.engine.context import EngineContext
from kitchen_app.engine.printing import PrintService
from kitchen_app.engine.recorder import RecordingListener
from kitchen_app.printing.status import PrinterState
from kitchen_app.store import DeskStore


def test_printer_problems_reach_the_listener_in_words(tmp_path: Path) -> None:
    store = DeskStore.open(tmp_path / "desk.db")
    listener = RecordingListener()
    try:
        service = PrintService(EngineContext(store=store, clients={}, listener=listener))
        service._printer_state("Cocina", PrinterState(online=True, paper_out=True))
        service._printer_state("Cocina", None)
    finally:
        store.close()
    statuses = [a.detail for a in listener.announcements if a.kind == "printer"]
    assert all(isinstance(s, PrinterStatus) for s in statuses)
    first, second = statuses
    assert first.name == "Cocina" and not first.ok and "paper out" in (first.message or "")
    assert second.ok and second.message is None  # no status answer is not a fault
