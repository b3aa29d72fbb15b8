from __future__ import annotations

import threading
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, QThread

from kitchen_app.domain import OrderKey
from kitchen_app.ui.bridge import EngineBridge, deliver


class Sink(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[Any, ...]] = []

    def added(self, key: str) -> None:
        self.calls.append(("added", key, QThread.currentThread()))

    def journal(self, key: str, record_id: int) -> None:
        self.calls.append(("journal", key, record_id, QThread.currentThread()))


def test_engine_thread_calls_arrive_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    bridge, sink = EngineBridge(), Sink()
    bridge.orderAdded.connect(sink.added)
    bridge.actionChanged.connect(sink.journal)
    gui = QThread.currentThread()

    def engine() -> None:
        bridge.order_added(OrderKey("mp_delivery", "1"))
        bridge.action_changed(OrderKey("mp_delivery", "1"), 7)

    worker = threading.Thread(target=engine)
    worker.start()
    worker.join(timeout=5)
    qtbot.waitUntil(lambda: len(sink.calls) == 2, timeout=2000)
    assert sink.calls == [
        ("added", OrderKey("mp_delivery", "1"), gui),
        ("journal", OrderKey("mp_delivery", "1"), 7, gui),
    ]


def test_deliver_brings_a_future_back_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    receiver = QObject()
    got: list[tuple[Any, Any, QThread]] = []
    ok: Future[int] = Future()
    bad: Future[int] = Future()
    deliver(ok, receiver, lambda r, e: got.append((r, e, QThread.currentThread())))
    deliver(bad, receiver, lambda r, e: got.append((r, type(e), QThread.currentThread())))
    threading.Thread(target=lambda: (ok.set_result(3), bad.set_exception(OSError("x")))).start()
    qtbot.waitUntil(lambda: len(got) == 2, timeout=2000)
    gui = QThread.currentThread()
    assert sorted(got, key=str) == sorted([(3, None, gui), (None, OSError, gui)], key=str)


def test_deliver_drops_the_answer_when_the_receiver_is_gone(qtbot) -> None:  # type: ignore[no-untyped-def]
    receiver = QObject()
    got: list[Any] = []
    future: Future[int] = Future()
    deliver(future, receiver, lambda r, e: got.append(r))
    receiver.deleteLater()
    qtbot.waitUntil(lambda: not _alive(receiver), timeout=2000)
    future.set_result(1)
    qtbot.wait(50)  # the queued delivery would run in this window
    assert got == []


def _alive(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)
