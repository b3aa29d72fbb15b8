"""Failed and uncertain print jobs: what the operator is offered and what reaches the engine."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from kitchen_app.domain import StatusPair
from kitchen_app.ui.bridge import EngineBridge
from kitchen_app.ui.main_window import MainWindow
from kitchen_app.ui.print_problems import open_print_problems

from .fakes import T0, FakeCommands, FakeReader, Record, flex_order, summary_of

PRINTED = StatusPair("ready_to_ship", "printed")
PRINTERS = [
    {"name": "Cocina", "kind": "network", "address": "127.0.0.1:9100"},
    {"name": "Caja", "kind": "file", "address": "/dev/usb/lp0"},
]


def at(seconds: int):  # type: ignore[no-untyped-def]
    return T0 + timedelta(seconds=seconds)


def job(job_id: int, state: str, created: int, updated: int, **kw):  # type: ignore[no-untyped-def]
    kw.setdefault("printer", "Cocina")
    return Record(job_id, kw.pop("kind", "kitchen"), state, at(created), at(updated), **kw)


# ---- which jobs are open --------------------------------------------------------------------


def test_uncertain_and_failed_jobs_are_open_printed_ones_are_not() -> None:
    jobs = [
        job(1, "printed", 0, 1),
        job(2, "uncertain", 2, 5, error="no answer after the ticket"),
        job(3, "failed", 2, 3, kind="receipt", error="cannot connect"),
    ]
    problems = open_print_problems(jobs)
    assert [(p.job_id, p.state, p.error) for p in problems] == [
        (2, "uncertain", "no answer after the ticket"),
        (3, "failed", "cannot connect"),
    ]


def test_a_failed_job_taken_over_by_a_reprint_is_no_longer_offered() -> None:
    # "No, print again" on an uncertain job: the engine makes job 2 (a reprint) and then
    # marks job 1 failed; job 1 must not be offered again or it would print a third time.
    jobs = [
        job(1, "failed", 0, 11, error="not printed (operator); reprinted as job 2"),
        job(2, "printed", 10, 12, reprint=True),
    ]
    assert open_print_problems(jobs) == []


def test_a_failed_job_stays_open_beside_its_own_batch() -> None:
    # Two copies asked for together: copy 2 printing does not settle copy 1's failure.
    jobs = [job(1, "failed", 0, 3, error="out of paper"), job(2, "printed", 0, 4, copy=2)]
    assert [p.job_id for p in open_print_problems(jobs)] == [1]
    # A kitchen ticket asked for after the failure takes over; another kind does not.
    later = [*jobs, job(3, "printed", 20, 21, kind="receipt")]
    assert [p.job_id for p in open_print_problems(later)] == [1]
    later.append(job(4, "printed", 30, 31))
    assert open_print_problems(later) == []


# ---- the window -----------------------------------------------------------------------------


@pytest.fixture
def desk(qtbot):  # type: ignore[no-untyped-def]
    reader = FakeReader()
    reader.settings["printers"] = PRINTERS
    commands = FakeCommands()
    order = flex_order(11, status=PRINTED)
    reader.add(summary_of(order, accepted=True), order)
    window = MainWindow(
        commands, reader, EngineBridge(), alert=None, tz=UTC, now=lambda: at(60), tray=False
    )
    qtbot.addWidget(window)
    yield reader, commands, window, order.key
    window.shutdown()


def test_uncertain_job_asks_did_it_print_and_yes_resolves_it(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, commands, window, key = desk
    reader.job_records[key] = [job(5, "uncertain", 0, 12, error="timed out after sending")]
    window.select(key)
    panel = window.detail.print_problems
    assert panel.isVisibleTo(window)
    text = " ".join(label.text() for label in panel.findChildren(QLabel))
    assert "Did it print?" in text and "Cocina" in text
    assert "timed out after sending" in text  # the job's own error
    assert [b.text() for b in panel.buttons(5)] == ["Yes, it printed", "No, print again"]
    qtbot.mouseClick(panel.button(5, "printed"), Qt.MouseButton.LeftButton)
    assert commands.calls[-1] == ("resolve_uncertain_print", 5, True)
    qtbot.waitUntil(lambda: "marked as printed" in window.message.text(), timeout=1000)
    # The engine reports the job printed: the question goes away.
    reader.job_records[key] = [job(5, "printed", 0, 13)]
    window._bridge.print_job_changed(key, 5)
    qtbot.waitUntil(lambda: not panel.isVisibleTo(window), timeout=1000)


def test_no_print_again_retries_the_uncertain_job(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, commands, window, key = desk
    reader.job_records[key] = [job(6, "uncertain", 0, 12)]
    window.select(key)
    panel = window.detail.print_problems
    qtbot.mouseClick(panel.button(6, "again"), Qt.MouseButton.LeftButton)
    assert commands.calls[-1] == ("retry_print", 6, None)
    assert not any(c[0] == "resolve_uncertain_print" for c in commands.calls)
    qtbot.waitUntil(lambda: "again" in window.message.text(), timeout=1000)


def test_buttons_wait_for_the_engine_answer(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, commands, window, key = desk
    commands.hold = True
    reader.job_records[key] = [job(7, "uncertain", 0, 12)]
    window.select(key)
    panel = window.detail.print_problems
    panel.button(7, "printed").click()
    assert not panel.button(7, "printed").isEnabled()
    assert not panel.button(7, "again").isEnabled()  # no second decision while one is out
    commands.held[0].set_exception(ValueError("print job 7 is printed, not uncertain"))
    qtbot.waitUntil(lambda: panel.button(7, "printed").isEnabled(), timeout=1000)
    assert "not uncertain" in window.message.text()
    assert window.message.property("level") == "bad"


def test_failed_job_retries_here_or_on_another_printer(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, commands, window, key = desk
    reader.job_records[key] = [job(8, "failed", 0, 3, error="cannot connect to 127.0.0.1:9100")]
    window.select(key)
    panel = window.detail.print_problems
    assert [b.text() for b in panel.buttons(8)] == ["Retry", "Retry on another printer…"]
    assert panel.findChild(QLabel, "problemError").text() == ("cannot connect to 127.0.0.1:9100")
    qtbot.mouseClick(panel.button(8, "retry"), Qt.MouseButton.LeftButton)
    assert commands.calls[-1] == ("retry_print", 8, None)
    qtbot.waitUntil(lambda: "again" in window.message.text(), timeout=1000)
    menu = panel.button(8, "other").menu()
    assert menu is not None
    # Only the other configured printers are offered.
    assert [a.text() for a in menu.actions()] == ["Caja"]
    menu.actions()[0].trigger()
    assert commands.calls[-1] == ("retry_print", 8, "Caja")
    qtbot.waitUntil(lambda: "Caja" in window.message.text(), timeout=1000)


def test_no_other_printer_disables_retry_elsewhere(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, _commands, window, key = desk
    reader.settings["printers"] = PRINTERS[:1]
    reader.job_records[key] = [job(9, "failed", 0, 3)]
    window.select(key)
    other = window.detail.print_problems.button(9, "other")
    assert not other.isEnabled()
    assert "No other printer" in other.toolTip()


def test_keyboard_f9_then_tab_and_space(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, commands, window, key = desk
    reader.job_records[key] = [job(10, "uncertain", 0, 12)]
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.select(key)
    window.table.setFocus()
    panel = window.detail.print_problems
    qtbot.keyClick(window.table, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.button(10, "printed"), timeout=1000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.button(10, "again")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert commands.calls[-1] == ("retry_print", 10, None)
