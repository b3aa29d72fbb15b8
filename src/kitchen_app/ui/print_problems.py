"""Print jobs that wait on the operator (DESIGN §6.5), shown under the selected order's buttons.

* ``uncertain`` — bytes went out and the printer never confirmed: the desk will not print it
  again on its own. "Did it print?" → "Yes, it printed" (``resolve_uncertain_print``) or
  "No, print again" (``retry_print``: a new job, printed with the reprint mark).
* ``failed`` — "Retry" on the same printer, or "Retry on another printer…" among the
  configured ones.

Each problem shows the job's error in the print queue's own words. F9 moves the keyboard focus
to the first problem's first button; Tab walks the rest, Space/Enter presses.

A failed job stops being a problem once a later job of the same ticket kind took over: a
reprint (what a retry of a job that may be on paper becomes), or any job asked for after the
failure was recorded. Copies queued in the same request as the failed one do not count.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kitchen_app.domain import Order
from kitchen_app.engine.api import EngineReader, PrintJobRecord

from . import labels
from .order_actions import OrderActions

log = logging.getLogger(__name__)

__all__ = ["PrintDecisions", "PrintProblem", "PrintProblemsPanel", "open_print_problems"]

UNCERTAIN = "uncertain"
FAILED = "failed"

# Inline: the panel must stand out the same way whatever style sheet the desk loads.
_STYLE = """
QFrame#printProblems { background: #fff4e5; border: 2px solid #a35a00; border-radius: 6px; }
QFrame#printProblems QLabel#problemText { font-size: 12pt; color: #1b1b1b; }
QFrame#printProblems QLabel#problemError { color: #7a4100; }
QFrame#printProblems QPushButton { font-size: 11pt; font-weight: bold; padding: 6px 12px; }
QFrame#printProblems QPushButton:focus { border: 3px solid #1f4e79; }
"""


@dataclass(frozen=True, slots=True)
class PrintProblem:
    job_id: int
    kind: str  # ticket kind
    printer: str
    copy: int
    reprint: bool
    state: str  # "uncertain" | "failed"
    error: str | None


def _updated(job: PrintJobRecord) -> datetime | None:
    value = getattr(job, "updated_at", None) or getattr(job, "created_at", None)
    return value if isinstance(value, datetime) else None


def _taken_over(job: PrintJobRecord, later: Iterable[PrintJobRecord]) -> bool:
    failed_at = _updated(job)
    for other in later:
        if str(other.kind) != str(job.kind):
            continue
        if bool(getattr(other, "reprint", False)):
            return True
        created = getattr(other, "created_at", None)
        if failed_at is not None and isinstance(created, datetime) and created >= failed_at:
            return True
    return False


def open_print_problems(jobs: Sequence[PrintJobRecord]) -> list[PrintProblem]:
    """The jobs of one order that wait on the operator, oldest first."""
    ordered = sorted(jobs, key=lambda j: int(j.id))
    problems: list[PrintProblem] = []
    for i, job in enumerate(ordered):
        state = str(job.state)
        if state == FAILED and _taken_over(job, ordered[i + 1 :]):
            continue
        if state in (UNCERTAIN, FAILED):
            problems.append(
                PrintProblem(
                    job_id=int(job.id),
                    kind=str(job.kind),
                    printer=str(getattr(job, "printer", "") or ""),
                    copy=int(getattr(job, "copy", 1) or 1),
                    reprint=bool(getattr(job, "reprint", False)),
                    state=state,
                    error=getattr(job, "error", None),
                )
            )
    return problems


class PrintProblemsPanel(QFrame):
    """Signals:
    printedConfirmed(int job_id): the operator says an uncertain job did print.
    retryRequested(int job_id, str printer): print it again; ``printer`` "" = its own.
    """

    printedConfirmed = Signal(int)
    retryRequested = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printProblems")
        self.setStyleSheet(_STYLE)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(10, 8, 10, 8)
        self._rows: list[QWidget] = []
        self._buttons: dict[int, list[QPushButton]] = {}
        self._problems: list[PrintProblem] = []
        self.focus_action = QAction(self)
        self.focus_action.setShortcut(QKeySequence("F9"))
        self.focus_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.focus_action.triggered.connect(self.focus_first)
        self.addAction(self.focus_action)
        self.set_problems([], [], frozenset())

    # ---- reading (tests, the window) --------------------------------------------------------
    def problems(self) -> list[PrintProblem]:
        return list(self._problems)

    def buttons(self, job_id: int) -> list[QPushButton]:
        return list(self._buttons.get(job_id, []))

    def button(self, job_id: int, name: str) -> QPushButton:
        for button in self._buttons.get(job_id, []):
            if button.objectName() == name:
                return button
        raise KeyError(name)

    def focus_first(self) -> None:
        if not self._problems or self.isHidden():
            return
        for button in self._buttons.get(self._problems[0].job_id, []):
            if button.isEnabled():
                button.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return

    # ---- showing ----------------------------------------------------------------------------
    def set_problems(
        self, problems: list[PrintProblem], printers: Sequence[str], busy: frozenset[int]
    ) -> None:
        self._problems = list(problems)
        for row in self._rows:
            self._layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self._rows.clear()
        self._buttons.clear()
        for problem in problems:
            row = self._row(problem, printers, problem.job_id in busy)
            self._layout.addWidget(row)
            self._rows.append(row)
        self.focus_action.setEnabled(bool(problems))
        self.setVisible(bool(problems))

    def _what(self, p: PrintProblem) -> str:
        what = labels.action_label(p.kind)
        if p.reprint:
            what = self.tr("%1 (reprint)").replace("%1", what)
        if p.copy > 1:
            what = self.tr("%1, copy %2").replace("%1", what).replace("%2", str(p.copy))
        return what

    def _row(self, p: PrintProblem, printers: Sequence[str], busy: bool) -> QWidget:
        row = QWidget(self)
        column = QVBoxLayout(row)
        column.setContentsMargins(0, 2, 0, 2)
        text = QLabel(row)
        text.setObjectName("problemText")
        text.setWordWrap(True)
        if p.state == UNCERTAIN:
            sentence = self.tr("%1 went to “%2” but it never confirmed. Did it print? (F9)")
        else:
            sentence = self.tr("%1 did not print on “%2”. (F9)")
        text.setText(sentence.replace("%1", self._what(p)).replace("%2", p.printer))
        column.addWidget(text)
        if p.error:
            error = QLabel(p.error, row)
            error.setObjectName("problemError")
            error.setWordWrap(True)
            column.addWidget(error)
        # One button under the other: side by side they would widen the order's pane past
        # what a 1366-pixel screen leaves it (some 400 px), and the list would scroll.
        buttons = QVBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setAlignment(Qt.AlignmentFlag.AlignLeft)
        made: list[QPushButton] = []
        job = p.job_id
        if p.state == UNCERTAIN:
            yes = self._button(row, "printed", self.tr("Yes, it printed"))
            yes.clicked.connect(lambda _=False: self.printedConfirmed.emit(job))
            again = self._button(row, "again", self.tr("No, print again"))
            again.setToolTip(self.tr("Prints it once more, marked as a reprint"))
            again.clicked.connect(lambda _=False: self.retryRequested.emit(job, ""))
            made += [yes, again]
        else:
            retry = self._button(row, "retry", self.tr("Retry"))
            retry.clicked.connect(lambda _=False: self.retryRequested.emit(job, ""))
            other = self._button(row, "other", self.tr("Retry on another printer…"))
            others = [name for name in printers if name != p.printer]
            if others:
                menu = QMenu(other)
                menu.setObjectName("otherPrinters")
                for name in others:
                    action = menu.addAction(name)
                    action.triggered.connect(
                        lambda _=False, n=name: self.retryRequested.emit(job, n)
                    )
                other.setMenu(menu)
            else:
                other.setToolTip(self.tr("No other printer is set up (Settings → Printers)"))
            other.setProperty("hasPrinters", bool(others))
            made += [retry, other]
        for button in made:
            enabled = not busy and (button.objectName() != "other" or bool(button.menu()))
            button.setEnabled(enabled)
            buttons.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addLayout(buttons)
        self._buttons[job] = made
        return row

    def _button(self, parent: QWidget, name: str, text: str) -> QPushButton:
        button = QPushButton(text, parent)
        button.setObjectName(name)
        button.setAutoDefault(True)  # Enter presses the focused button, as Space does
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return button


class PrintDecisions(QObject):
    """Keeps the panel on the selected order's jobs and sends the operator's answers to the
    engine through ``OrderActions``."""

    def __init__(
        self,
        panel: PrintProblemsPanel,
        actions: OrderActions,
        reader: EngineReader,
        current_order: Callable[[], Order | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._panel = panel
        self._actions = actions
        self._reader = reader
        self._order = current_order
        panel.printedConfirmed.connect(self._confirm_printed)
        panel.retryRequested.connect(self._retry)

    def show_jobs(self, jobs: Sequence[PrintJobRecord]) -> None:
        """The selected order's print jobs (all of them; the panel picks the open ones)."""
        self._panel.set_problems(
            open_print_problems(jobs), self.printer_names(), self._actions.busy_jobs()
        )

    def printer_names(self) -> list[str]:
        names: list[str] = []
        printers = self._reader.get_setting("printers", [])
        for data in printers if isinstance(printers, list) else []:
            name = data.get("name") if isinstance(data, dict) else None
            if isinstance(name, str) and name:
                names.append(name)
        return names

    def _problem(self, job_id: int) -> PrintProblem | None:
        return next((p for p in self._panel.problems() if p.job_id == job_id), None)

    def _confirm_printed(self, job_id: int) -> None:
        order, problem = self._order(), self._problem(job_id)
        if order is not None and problem is not None:
            self._actions.confirm_printed(order.key, order.display_id, job_id, problem.kind)

    def _retry(self, job_id: int, printer: str) -> None:
        order, problem = self._order(), self._problem(job_id)
        if order is not None and problem is not None:
            self._actions.retry_print(
                order.key, order.display_id, job_id, problem.kind, printer=printer or None
            )
