"""Sends staff actions to the engine and reports each outcome in words, never blocking the
GUI thread: every command's Future comes back through ``bridge.deliver``."""

from __future__ import annotations

import logging
from concurrent.futures import Future

from PySide6.QtCore import QObject, Signal

from kitchen_app.channels.base import Params
from kitchen_app.domain.keys import OrderKey
from kitchen_app.engine.api import ActionOutcome, ActionOutcomeState, EngineCommands

from . import labels
from .bridge import deliver

log = logging.getLogger(__name__)

__all__ = ["OrderActions"]


class OrderActions(QObject):
    """Signals:
    message(str text, str level): one line for staff; level is "ok" | "pending" | "bad".
    busyChanged(OrderKey): an action of this order started or got its answer.
    """

    message = Signal(str, str)
    busyChanged = Signal(object)

    def __init__(self, commands: EngineCommands, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._commands = commands
        self._busy: dict[OrderKey, set[str]] = {}
        self._busy_jobs: set[int] = set()

    def busy(self, key: OrderKey) -> frozenset[str]:
        return frozenset(self._busy.get(key, ()))

    def _start(self, key: OrderKey, action: str) -> None:
        self._busy.setdefault(key, set()).add(action)
        self.busyChanged.emit(key)

    def _finish(self, key: OrderKey, action: str) -> None:
        self._busy.get(key, set()).discard(action)
        self.busyChanged.emit(key)

    def run(self, key: OrderKey, display_id: str, action: str, what: str, params: Params) -> None:
        """An action the order's plug-in offers, through the engine's one action path
        (``what``: its label in the desk's words)."""
        future = self._commands.run_action(key, action, dict(params))
        self._outcome_of(key, display_id, action, future, what=what)

    def print_ticket(
        self, key: OrderKey, display_id: str, action: str, kind: str, *, reprint: bool
    ) -> None:
        """Queue a ticket of ``kind`` ("kitchen", "receipt", or the marketplace's document,
        "label_pdf"); ``action`` is the button's name, busy until the answer is back."""
        self._start(key, action)
        what = labels.action_label(kind, key.channel)

        def done(result: list[int] | None, error: BaseException | None) -> None:
            self._finish(key, action)
            if error is not None:
                text = self.tr("#%1: could not queue %2: %3")
                self.message.emit(_fill(text, display_id, what, str(error)), "bad")
            else:
                if reprint:
                    text = self.tr("#%1: %2 reprint sent to the printer")
                else:
                    text = self.tr("#%1: %2 sent to the printer")
                self.message.emit(_fill(text, display_id, what), "ok")

        deliver(self._commands.print_ticket(key, kind, reprint=reprint), self, done)

    def busy_jobs(self) -> frozenset[int]:
        """Print jobs whose decision was sent and whose answer is not back yet."""
        return frozenset(self._busy_jobs)

    def _job_started(self, key: OrderKey, job_id: int) -> None:
        self._busy_jobs.add(job_id)
        self.busyChanged.emit(key)

    def _job_finished(self, key: OrderKey, job_id: int) -> None:
        self._busy_jobs.discard(job_id)
        self.busyChanged.emit(key)

    def retry_print(
        self, key: OrderKey, display_id: str, job_id: int, kind: str, *, printer: str | None = None
    ) -> None:
        """Print a failed or uncertain job again (on ``printer`` when given): the operator's
        explicit decision. An uncertain job comes back as a new job marked as a reprint."""
        what = labels.action_label(kind)
        self._job_started(key, job_id)

        def done(result: int | None, error: BaseException | None) -> None:
            self._job_finished(key, job_id)
            if error is not None:
                text = self.tr("#%1: %2 not printed again: %3")
                self.message.emit(_fill(text, display_id, what, str(error)), "bad")
            elif printer:
                text = self.tr("#%1: %2 sent again, to %3")
                self.message.emit(_fill(text, display_id, what, printer), "ok")
            else:
                text = self.tr("#%1: %2 sent to the printer again")
                self.message.emit(_fill(text, display_id, what), "ok")

        deliver(self._commands.retry_print(job_id, printer=printer), self, done)

    def confirm_printed(self, key: OrderKey, display_id: str, job_id: int, kind: str) -> None:
        """The operator saw an uncertain job on paper: it is printed, nothing prints again."""
        what = labels.action_label(kind)
        self._job_started(key, job_id)

        def done(result: None, error: BaseException | None) -> None:
            self._job_finished(key, job_id)
            if error is not None:
                text = self.tr("#%1: %2 not marked as printed: %3")
                self.message.emit(_fill(text, display_id, what, str(error)), "bad")
            else:
                text = self.tr("#%1: %2 marked as printed")
                self.message.emit(_fill(text, display_id, what), "ok")

        deliver(self._commands.resolve_uncertain_print(job_id, printed=True), self, done)

    def _outcome_of(
        self,
        key: OrderKey,
        display_id: str,
        action: str,
        future: Future[ActionOutcome],
        *,
        what: str,
    ) -> None:
        self._start(key, action)

        def done(outcome: ActionOutcome | None, error: BaseException | None) -> None:
            self._finish(key, action)
            if error is not None or outcome is None:
                text = self.tr("#%1: %2 failed: %3")
                self.message.emit(_fill(text, display_id, what, str(error)), "bad")
            elif outcome.state is ActionOutcomeState.CONFIRMED:
                text = self.tr("#%1: %2 confirmed by the marketplace")
                self.message.emit(_fill(text, display_id, what), "ok")
            elif outcome.state is ActionOutcomeState.PENDING:
                text = self.tr("#%1: %2 is pending — the marketplace is not reachable; retrying")
                self.message.emit(_fill(text, display_id, what), "pending")
            else:
                text = self.tr("#%1: %2 refused: %3")
                reason = outcome.message or self.tr("no reason given")
                self.message.emit(_fill(text, display_id, what, reason), "bad")

        deliver(future, self, done)


def _fill(text: str, *args: str) -> str:
    for i, arg in enumerate(args, start=1):
        text = text.replace(f"%{i}", arg)
    return text
