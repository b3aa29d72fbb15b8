"""The new-order alert: a chime that repeats until every new order is accepted or cancelled,
louder and more often as the nearest accept deadline nears (policy in ``alert_policy``).

``AlertPlayer`` is the sound (the shipped WAV, played by a small process of its own so that
nothing the audio stack does can block or stop the window); tests observe its ``played``
signal. ``AlertController`` decides when to play. With no audio output the player reports
``available() == False``: the window shows a warning and the controller asks for the window
and tray to flash at every chime instead (``silentAlert``).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QTimer, Signal

from kitchen_app.printing.resources import resource_path

from .alert_policy import AlertLevel, AlertStep, alert_step
from .sound_worker import SOUND_WORKER_SWITCH

log = logging.getLogger(__name__)

__all__ = ["AlertController", "AlertPlayer"]


def _worker_command() -> list[str]:
    """Arguments that start the chime's process with ``sys.executable``: the module from a
    Python install; the application's own hidden switch from a frozen (PyInstaller) build,
    whose executable is the desk itself and knows no ``-m``."""
    if getattr(sys, "frozen", False):
        return [SOUND_WORKER_SWITCH]
    return ["-m", "kitchen_app.ui.sound_worker"]


class AlertPlayer(QObject):
    """Plays the chime through its own process (``sound_worker``), never blocking this thread.

    The window's thread only writes one line to a pipe per chime. When the worker reports no
    audio output, fails a chime or ends (an audio server that went away can take it down),
    the player turns unavailable — the window says so and flashes instead — and starts a
    fresh worker after a wait (``RESTART_DELAYS_MS``), which reaches the audio server once it
    is back.

    Signals:
        played(float volume): emitted for every play request (even when no sound could be
            made), so the cadence can be observed.
        availabilityChanged(bool): the audio output turned usable or broken.
    """

    played = Signal(float)
    availabilityChanged = Signal(bool)

    # A fresh worker soon after a loss (an audio server restarting is back within seconds),
    # then less and less often: a PC with no sound device at all should not spend a Python
    # start every few seconds on it.
    RESTART_DELAYS_MS = (500, 1000, 2000, 4000, 8000, 15000, 30000)

    def __init__(self, wav: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._wav = wav or str(resource_path("sounds", "chime.wav"))
        self._available = True  # until told otherwise (a fresh desk shows no warning)
        self._ready = False
        self._closing = False
        self._failures = 0
        self._process: QProcess | None = None
        self._retiring: set[QProcess] = set()  # replaced workers, told to quit
        self._restart = QTimer(self)
        self._restart.setSingleShot(True)
        self._restart.timeout.connect(self._start)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self._start()

    def available(self) -> bool:
        return self._available

    def is_ready(self) -> bool:
        """A worker is running and has an audio output."""
        return self._ready

    def play(self, volume: float) -> None:
        process = self._process
        if process is not None and process.state() == QProcess.ProcessState.Running:
            process.write(f"play {max(0.0, min(1.0, volume)):.3f}\n".encode())
        self.played.emit(volume)

    def stop(self) -> None:
        """Nothing to cut short: a chime lasts well under a second."""

    def shutdown(self) -> None:
        """Stop the worker for good (the window closes)."""
        self._closing = True
        self._restart.stop()
        process, self._process = self._process, None
        if process is not None:
            self._retiring.add(process)
        for old in list(self._retiring):
            old.blockSignals(True)  # nothing of a dying worker may reach a dying player
            if old.state() != QProcess.ProcessState.NotRunning:
                old.kill()  # no chime is worth waiting for at exit
                old.waitForFinished(1000)
        self._retiring.clear()

    # ---- the worker --------------------------------------------------------------------------
    def _start(self) -> None:
        if self._closing:
            return
        process = QProcess(self)
        process.setProgram(sys.executable)
        process.setArguments([*_worker_command(), self._wav])
        process.readyReadStandardOutput.connect(lambda p=process: self._read(p))
        process.readyReadStandardError.connect(lambda p=process: self._read_errors(p))
        process.finished.connect(self._worker_ended)
        process.errorOccurred.connect(lambda error, p=process: self._failed_to_start(p, error))
        self._process = process
        self._ready = False
        process.start()

    def _read(self, process: QProcess) -> None:
        while process.canReadLine():
            line = bytes(process.readLine().data()).decode("utf-8", "replace").strip()
            if line == "ready":
                self._failures = 0
                self._ready = True
                self._set_available(True)
            elif line.startswith("error"):
                # Said once when the sound goes; the retries' own failures only in debug.
                level = logging.WARNING if self._available else logging.DEBUG
                log.log(level, "alert sound: %s", line[6:] or "failed")
                self._ready = False
                self._set_available(False)
                self._replace(process)

    @staticmethod
    def _read_errors(process: QProcess) -> None:
        text = bytes(process.readAllStandardError().data()).decode("utf-8", "replace").strip()
        if text:
            log.debug("sound worker: %s", text)

    def _failed_to_start(self, process: QProcess, error: QProcess.ProcessError) -> None:
        if error is QProcess.ProcessError.FailedToStart and process is self._process:
            log.warning("alert sound: the sound worker could not start (%s)", process.errorString())
            self._set_available(False)
            self._schedule_restart()

    def _worker_ended(self, code: int, _status: QProcess.ExitStatus) -> None:
        process = self.sender()
        if process is not self._process or self._closing:
            return
        level = logging.WARNING if self._available else logging.DEBUG
        log.log(level, "alert sound: the sound worker ended (exit %s); starting another", code)
        self._ready = False
        self._set_available(False)
        self._schedule_restart()

    def _replace(self, process: QProcess) -> None:
        """The worker has no usable output: let it go and try a fresh one later."""
        if process is not self._process:
            return
        self._process = None
        process.finished.disconnect(self._worker_ended)
        self._retiring.add(process)
        process.finished.connect(lambda *_a, p=process: self._retired(p))
        process.closeWriteChannel()  # it quits when its stdin ends
        QTimer.singleShot(2000, process, process.kill)
        self._schedule_restart()

    def _retired(self, process: QProcess) -> None:
        self._retiring.discard(process)
        process.deleteLater()

    def _schedule_restart(self) -> None:
        if self._closing or self._restart.isActive():
            return
        delays = self.RESTART_DELAYS_MS
        self._restart.start(delays[min(self._failures, len(delays) - 1)])
        self._failures += 1

    def _set_available(self, available: bool) -> None:
        if available != self._available:
            self._available = available
            if not available:
                log.warning("alert sound unavailable: showing it and flashing instead")
            self.availabilityChanged.emit(available)


class AlertController(QObject):
    """Repeats the chime while ``time_left()`` says an order waits.

    ``time_left`` returns the time to the nearest deadline of a waiting order, or None when
    nothing waits. Call ``refresh()`` whenever orders change; the controller reschedules itself.

    Signals:
        stepChanged(AlertStep): level/interval/volume changed (banner colour follows it).
        muteChanged(object): the datetime the mute ends, or None.
        silentAlert(): a chime was due but no sound can be made; flash instead.
    """

    stepChanged = Signal(object)
    muteChanged = Signal(object)
    silentAlert = Signal()

    def __init__(
        self,
        player: AlertPlayer | None,
        time_left: Callable[[], timedelta | None],
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        speed: float = 1.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        # speed > 1 shortens every interval (the demo's fast clock, and tests).
        self._speed = speed
        self._player = player
        self._time_left = time_left
        self._now = now
        self._enabled = True
        self._base_volume = 0.8
        self._muted_until: datetime | None = None
        self._step = AlertStep(AlertLevel.NONE, 0, 0.0)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fire)

    # ---- configuration -----------------------------------------------------------------------
    def set_sound(self, enabled: bool, volume_percent: int) -> None:
        self._enabled = enabled
        self._base_volume = max(0, min(100, volume_percent)) / 100

    def mute_for(self, minutes: float) -> None:
        self._muted_until = self._now() + timedelta(minutes=minutes)
        self.muteChanged.emit(self._muted_until)

    def unmute(self) -> None:
        self._muted_until = None
        self.muteChanged.emit(None)
        self.refresh()

    def muted_until(self) -> datetime | None:
        if self._muted_until is not None and self._now() >= self._muted_until:
            self._muted_until = None
            self.muteChanged.emit(None)
        return self._muted_until

    def step(self) -> AlertStep:
        return self._step

    def is_running(self) -> bool:
        return self._timer.isActive()

    # ---- scheduling --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-evaluate now: start at once for a first waiting order, stop when none is left,
        or tighten the interval when the level went up."""
        step = self._compute()
        if step.level is AlertLevel.NONE:
            self._timer.stop()
            self._player_stop()
            return
        if not self._timer.isActive():
            self._fire()
        elif self._interval(step) < self._timer.remainingTime():
            self._timer.start(self._interval(step))

    def stop(self) -> None:
        self._timer.stop()
        self._player_stop()

    def _player_stop(self) -> None:
        if self._player is not None:
            self._player.stop()

    def _compute(self) -> AlertStep:
        step = alert_step(self._time_left(), self._base_volume)
        if step != self._step:
            self._step = step
            self.stepChanged.emit(step)
        return step

    def _fire(self) -> None:
        step = self._compute()
        if step.level is AlertLevel.NONE:
            return
        if self._enabled and self.muted_until() is None:
            if self._player is not None:
                self._player.play(step.volume)
            if self._player is None or not self._player.available():
                self.silentAlert.emit()
        self._timer.start(self._interval(step))

    def _interval(self, step: AlertStep) -> int:
        return max(1, round(step.interval_ms / self._speed))

    def current_interval_ms(self) -> int:
        """The wait until the next chime as scheduled now (0 when stopped)."""
        return self._timer.interval() if self._timer.isActive() else 0
