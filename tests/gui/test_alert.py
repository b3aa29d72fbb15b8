from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QObject, Signal

from kitchen_app.ui.alert import AlertController, AlertPlayer
from kitchen_app.ui.alert_policy import AlertLevel

from .fakes import T0


class RecordingPlayer(QObject):
    """Stands in for AlertPlayer: records every play with its volume."""

    played = Signal(float)

    def __init__(self) -> None:
        super().__init__()
        self.volumes: list[float] = []

    def play(self, volume: float) -> None:
        self.volumes.append(volume)
        self.played.emit(volume)

    def stop(self) -> None:
        pass

    def available(self) -> bool:
        return True


class World:
    """The time now and the nearest waiting deadline (None: nothing waits)."""

    def __init__(self) -> None:
        self.now = T0
        self.deadline: object = T0 + timedelta(minutes=5)

    def time_left(self) -> timedelta | None:
        return None if self.deadline is None else self.deadline - self.now  # type: ignore[operator]


def test_alert_plays_more_often_and_louder_as_the_deadline_nears(qtbot) -> None:  # type: ignore[no-untyped-def]
    world = World()
    player = RecordingPlayer()
    alert = AlertController(player, world.time_left, now=lambda: world.now, speed=50)  # type: ignore[arg-type]
    alert.set_sound(True, 40)
    intervals: list[int] = []
    try:
        for offset in (timedelta(0), timedelta(minutes=3), timedelta(minutes=4, seconds=30)):
            world.now = T0 + offset
            with qtbot.waitSignal(player.played, timeout=2000):
                alert.refresh()  # plays at once if idle, else tightens the schedule
            intervals.append(alert.current_interval_ms())
        assert intervals[0] > intervals[1] > intervals[2] > 0
        assert alert.step().level is AlertLevel.CRITICAL
        # It keeps repeating at the critical pace, at full volume.
        qtbot.waitUntil(lambda: player.volumes[-3:] == [1.0, 1.0, 1.0], timeout=3000)
        assert player.volumes[0] < player.volumes[1] < 1.0
        # Every order handled: silence.
        world.deadline = None
        alert.refresh()
        assert not alert.is_running()
        count = len(player.volumes)
        qtbot.wait(100)  # a quiet period long enough for several critical chimes
        assert len(player.volumes) == count
    finally:
        alert.stop()


def test_mute_silences_until_it_ends_but_keeps_the_schedule(qtbot) -> None:  # type: ignore[no-untyped-def]
    world = World()
    player = RecordingPlayer()
    alert = AlertController(player, world.time_left, now=lambda: world.now, speed=100)  # type: ignore[arg-type]
    try:
        alert.mute_for(5)
        alert.refresh()
        assert alert.is_running() and player.volumes == []
        world.now = T0 + timedelta(minutes=5, seconds=1)
        qtbot.waitUntil(lambda: len(player.volumes) >= 1, timeout=3000)
        assert alert.muted_until() is None
    finally:
        alert.stop()


def test_real_player_without_audio_device_reports_unavailable(qtbot) -> None:  # type: ignore[no-untyped-def]
    player = AlertPlayer()
    plays: list[float] = []
    player.played.connect(plays.append)
    # This machine has no sound server: the effect turns to Error, with no exception.
    try:
        qtbot.waitUntil(lambda: not player.available(), timeout=10000)
        player.play(0.5)
        assert plays == [0.5]
    finally:
        player.shutdown()


def test_a_chime_that_cannot_sound_asks_for_a_flash_instead(qtbot) -> None:  # type: ignore[no-untyped-def]
    world = World()
    player = RecordingPlayer()
    broken = [False]
    player.available = lambda: not broken[0]  # type: ignore[method-assign]
    alert = AlertController(player, world.time_left, now=lambda: world.now, speed=50)  # type: ignore[arg-type]
    flashes: list[bool] = []
    alert.silentAlert.connect(lambda: flashes.append(True))
    try:
        alert.refresh()
        assert player.volumes and flashes == []  # sound works: no flash
        broken[0] = True
        with qtbot.waitSignal(alert.silentAlert, timeout=2000):
            pass  # the next chime finds no sound
        assert flashes
        assert alert.is_running()  # the alert goes on, flashing at every chime
    finally:
        alert.stop()
