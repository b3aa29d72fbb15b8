"""The print problems panel on the real engine, with a network printer on 127.0.0.1 that takes
the ticket and never answers: the job becomes uncertain, the desk asks, and only the
operator's answer prints it again (DESIGN §6.5)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from kitchen_app.app.wiring import build_engine
from kitchen_app.domain import StatusPair, TimelineEntry
from kitchen_app.engine.engine import EngineConfig
from kitchen_app.store import DeskReader, DeskStore
from kitchen_app.ui.bridge import EngineBridge
from kitchen_app.ui.main_window import MainWindow

from ..integration.printing.fake_printers import SilentPrinter
from .fakes import flex_order

ACCEPTED = StatusPair("ready_to_ship", "printed")


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


class Desk:
    def __init__(self, qtbot: Any, tmp_path: Path, printer_port: int) -> None:
        db = tmp_path / "desk.sqlite3"
        self.order = flex_order(41034141533, created=datetime.now(UTC), status=ACCEPTED)
        store = DeskStore.open(db)
        try:
            at = self.order.created_at
            store.apply_order(self.order, [TimelineEntry(ACCEPTED, at, at, "webhook")])
        finally:
            store.close()
        settings = {
            "mp_base_url": f"http://127.0.0.1:{_closed_port()}",  # nothing leaves loopback
            "auto_print": False,
            "printers": [
                {
                    "name": "Cocina",
                    "kind": "network",
                    "address": f"127.0.0.1:{printer_port}",
                    "status_query": True,
                    "connect_timeout": 1.0,
                    "write_timeout": 1.0,
                    "copies": {"kitchen": 1},
                },
                # A backup that prints nothing unless asked by name.
                {
                    "name": "Respaldo",
                    "kind": "file",
                    "address": str(tmp_path / "backup.bin"),
                    "copies": {},
                },
            ],
        }
        self.bridge = EngineBridge()
        self.engine = build_engine(EngineConfig(db_path=db, initial_settings=settings), self.bridge)
        self.engine.start()
        self.reader = DeskReader.open(db)
        self.window = MainWindow(
            self.engine, self.reader, self.bridge, alert=None, tz=UTC, tray=False
        )
        qtbot.addWidget(self.window)
        self.window.show()

    def jobs(self) -> list[Any]:
        return list(self.reader.print_jobs(self.order.key))

    def close(self) -> None:
        self.window.shutdown()
        self.engine.stop()
        self.reader.close()


@pytest.fixture
def printer() -> Iterator[SilentPrinter]:
    with SilentPrinter() as silent:
        yield silent


@pytest.fixture
def desk(qtbot: Any, tmp_path: Path, printer: SilentPrinter) -> Iterator[Desk]:
    d = Desk(qtbot, tmp_path, printer.port)
    try:
        yield d
    finally:
        d.close()


def test_uncertain_ticket_prints_again_only_when_the_operator_says_so(
    qtbot: Any, desk: Desk, printer: SilentPrinter
) -> None:
    window, key = desk.window, desk.order.key
    window.select(key)
    panel = window.detail.print_problems
    qtbot.mouseClick(window.detail.actions_bar.button("print_kitchen"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: [p.state for p in panel.problems()] == ["uncertain"], timeout=20000)
    (first,) = desk.jobs()
    assert first.bytes_sent and panel.problems()[0].job_id == first.id
    assert panel.button(first.id, "printed").isVisible()
    sent_before = len(printer.connections)

    # "No, print again": a new job, marked as a reprint; the first one is closed as failed.
    qtbot.mouseClick(panel.button(first.id, "again"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(desk.jobs()) == 2, timeout=10000)
    second = desk.jobs()[1].id
    qtbot.waitUntil(
        lambda: [(p.job_id, p.state) for p in panel.problems()] == [(second, "uncertain")],
        timeout=20000,
    )
    old, new = desk.jobs()
    assert old.state == "failed" and new.reprint and new.state == "uncertain"
    assert [p.job_id for p in panel.problems()] == [new.id]  # the first is not offered again
    assert len(printer.connections) > sent_before

    # "Yes, it printed": nothing is sent, the question goes away.
    sent_before = len(printer.connections)
    qtbot.mouseClick(panel.button(new.id, "printed"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=10000)
    assert [j.state for j in desk.jobs()] == ["failed", "printed"]
    assert len(printer.connections) == sent_before
    assert "marked as printed" in window.message.text()
