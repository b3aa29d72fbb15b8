"""The engine's thread meets the GUI thread here.

``EngineBridge`` implements ``engine.api.EngineListener``: the engine calls it on its own
thread and each method only emits a Qt signal. The bridge lives on the GUI thread, so every
connection to a GUI slot is queued across threads by Qt (``AutoConnection``).

``deliver(future, receiver, on_done)`` brings a ``concurrent.futures.Future``'s outcome back to
the GUI thread without ever waiting on it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar, cast

from PySide6.QtCore import QObject, Qt, Signal

from kitchen_app.domain.keys import OrderKey
from kitchen_app.engine.api import DeskHealth, FeedState, PrinterStatus

log = logging.getLogger(__name__)

__all__ = ["EngineBridge", "FutureResult", "deliver"]

T = TypeVar("T")


class EngineBridge(QObject):
    """EngineListener whose methods emit signals.

    Signals:
        orderAdded(OrderKey), orderChanged(OrderKey), feedStateChanged(FeedState),
        actionChanged(OrderKey, int action_id), printJobChanged(OrderKey or None for a
        calibration page, int job_id),
        printerStateChanged(PrinterStatus), healthChanged(DeskHealth), loadingOrdersChanged(),
        unresolvedChanged()
    """

    orderAdded = Signal(object)
    orderChanged = Signal(object)
    feedStateChanged = Signal(object)
    actionChanged = Signal(object, int)
    printJobChanged = Signal(object, int)
    printerStateChanged = Signal(object)
    healthChanged = Signal(object)
    loadingOrdersChanged = Signal()
    unresolvedChanged = Signal()

    # EngineListener (called on the engine thread; emitting is thread-safe)
    def order_added(self, key: OrderKey) -> None:
        self.orderAdded.emit(key)

    def order_changed(self, key: OrderKey) -> None:
        self.orderChanged.emit(key)

    def feed_state_changed(self, state: FeedState) -> None:
        self.feedStateChanged.emit(state)

    def action_changed(self, key: OrderKey, action_id: int) -> None:
        self.actionChanged.emit(key, action_id)

    def print_job_changed(self, key: OrderKey | None, job_id: int) -> None:
        self.printJobChanged.emit(key, job_id)

    def printer_state_changed(self, status: PrinterStatus) -> None:
        self.printerStateChanged.emit(status)

    def health_changed(self, health: DeskHealth) -> None:
        self.healthChanged.emit(health)

    def loading_orders_changed(self) -> None:
        self.loadingOrdersChanged.emit()

    def unresolved_changed(self) -> None:
        self.unresolvedChanged.emit()


class FutureResult(QObject):
    """Carries one future's outcome to the GUI thread; deletes itself afterwards."""

    done = Signal(object, object)  # (result, exception or None)

    def __init__(self, receiver: QObject, on_done: Callable[[object, BaseException | None], None]):
        # No parent: the future may finish on another thread. The object lives on the GUI
        # thread (created there) and is kept alive by the closure until the signal ran.
        super().__init__()
        self._on_done: Callable[[object, BaseException | None], None] | None = on_done
        # Queued: the slot runs on the receiver's thread even when the future is already
        # done on the GUI thread, so the caller sees the same order of events either way.
        self.done.connect(self._run, Qt.ConnectionType.QueuedConnection)
        receiver.destroyed.connect(self._forget)

    def _forget(self) -> None:
        self._on_done = None  # the receiver is gone: drop the result

    def _run(self, result: object, error: BaseException | None) -> None:
        on_done, self._on_done = self._on_done, None
        _in_flight.discard(self)
        self.deleteLater()
        if on_done is not None:
            on_done(result, error)


_in_flight: set[FutureResult] = set()


def deliver(
    future: Future[T],
    receiver: QObject,
    on_done: Callable[[T | None, BaseException | None], None],
) -> None:
    """Call ``on_done(result, error)`` on the GUI thread when ``future`` finishes.

    Must be called on the GUI thread. ``error`` is the future's exception (then ``result`` is
    None). If ``receiver`` is destroyed first, the outcome is dropped.
    """

    def arrived(result: object, error: BaseException | None) -> None:
        # The signal carries ``object``; what it carries is the future's own result.
        on_done(cast("T | None", result), error)

    carrier = FutureResult(receiver, arrived)
    _in_flight.add(carrier)

    def finished(f: Future[T]) -> None:
        if f.cancelled():
            carrier.done.emit(None, RuntimeError("cancelled"))
        elif (exc := f.exception()) is not None:
            carrier.done.emit(None, exc)
        else:
            carrier.done.emit(f.result(), None)

    future.add_done_callback(finished)
