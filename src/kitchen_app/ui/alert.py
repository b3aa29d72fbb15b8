"""The new-order alert: a chime that repeats until every new order is accepted or cancelled,
louder and more often as the nearest accept deadline nears (policy in ``alert_policy``).

``AlertPlayer`` is the sound (``QSoundEffect`` with the shipped WAV); tests observe its
``played`` signal. ``AlertController`` decides when to play. With no audio device the effect's
status turns to Error: the player reports ``available() == False`` and the window shows a
warning instead of failing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtMultimedia import QSoundEffect

from kitchen_app.resources import resource_path

from .alert_policy import AlertLevel, AlertStep, alert_step

log = logging.getLogger(__name__)

__all__ = ["AlertController", "AlertPlayer"]


class AlertPlayer(QObject):
    """Plays the chime.

    Signals:
        played(float volume): emitted for every play request (even when muted by a missing
            device), so the cadence can be observed.
        availabilityChanged(bool): the audio output turned usable or broken.
    """

    played = Signal(float)
    availabilityChanged = Signal(bool)

    def __init__(self, wav: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._available = True
        self._effect = QSoundEffect(self)
        self._effect.statusChanged.connect(self._status_changed)
        self._effect.setSource(QUrl.fromLocalFile(wav or str(resource_path("sounds", "chime.wav"))))

    def available(self) -> bool:
        return self._effect.status() != QSoundEffect.Status.Error

    def _status_changed(self) -> None:
        available = self.available()
        if available != self._available:
            self._available = available
            if not available:
                log.warning("alert sound unavailable (no audio output?)")
            self.availabilityChanged.emit(available)

    def play(self, volume: float) -> None:
        self._effect.setVolume(max(0.0, min(1.0, volume)))
        if self._effect.status() != QSoundEffect.Status.Error:
            self._effect.play()
        self.played.emit(volume)

    def stop(self) -> None:
        self._effect.stop()


class AlertController(QObject):
    """Repeats the chime while ``time_left()`` says an order waits.

    ``time_left`` returns the time to the nearest deadline of a waiting order, or None when
    nothing waits. Call ``refresh()`` whenever orders change; the controller reschedules itself.

    Signals:
        stepChanged(AlertStep): level/interval/volume changed (banner colour follows it).
        muteChanged(object): the datetime the mute ends, or None.
    """

    stepChanged = Signal(object)
    muteChanged = Signal(object)

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
        if self._player is not None and self._enabled and self.muted_until() is None:
            self._player.play(step.volume)
        self._timer.start(self._interval(step))

    def _interval(self, step: AlertStep) -> int:
        return max(1, round(step.interval_ms / self._speed))

    def current_interval_ms(self) -> int:
        """The wait until the next chime as scheduled now (0 when stopped)."""
        return self._timer.interval() if self._timer.isActive() else 0
