from __future__ import annotations

from datetime import timedelta

import pytest

from kitchen_app.ui.alert_policy import AlertLevel, alert_step, level_for


@pytest.mark.parametrize(
    ("left", "level"),
    [
        (None, AlertLevel.NONE),
        (timedelta(minutes=5), AlertLevel.CALM),
        (timedelta(minutes=3, seconds=1), AlertLevel.CALM),
        (timedelta(minutes=3), AlertLevel.URGENT),
        (timedelta(minutes=1, seconds=1), AlertLevel.URGENT),
        (timedelta(seconds=59), AlertLevel.CRITICAL),
        (timedelta(seconds=-10), AlertLevel.CRITICAL),
    ],
)
def test_level_from_time_left(left: timedelta | None, level: AlertLevel) -> None:
    assert level_for(left) is level


def test_escalation_is_faster_and_never_quieter() -> None:
    steps = [alert_step(timedelta(seconds=s), 0.5) for s in (290, 150, 30)]
    intervals = [s.interval_ms for s in steps]
    volumes = [s.volume for s in steps]
    assert intervals == sorted(intervals, reverse=True) and len(set(intervals)) == 3
    assert volumes == sorted(volumes) and volumes[-1] == 1.0


def test_critical_is_full_volume_even_when_set_low() -> None:
    assert alert_step(timedelta(seconds=10), 0.0).volume == 1.0
    # A calm alert is never below the floor either: a silent alert is no alert.
    assert alert_step(timedelta(minutes=4), 0.0).volume == pytest.approx(0.3)


def test_nothing_waiting_means_silence() -> None:
    step = alert_step(None, 1.0)
    assert (step.level, step.interval_ms, step.volume) == (AlertLevel.NONE, 0, 0.0)
