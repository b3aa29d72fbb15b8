"""Sandbox time and timers."""

from __future__ import annotations

import pytest

from kitchen_app.sandbox.clock import SandboxClock, Scheduler, iso


def test_advance_and_speed_change_never_go_back() -> None:
    clock = SandboxClock(speed=1.0, start=1_000_000.0)
    before = clock.now()
    clock.advance(300)
    assert clock.now() >= before + 300
    t = clock.now()
    clock.set_speed(1000)
    assert clock.now() >= t
    with pytest.raises(ValueError):
        clock.advance(-1)
    with pytest.raises(ValueError):
        clock.set_speed(0)


def test_timers_fire_in_due_order_with_their_due_time() -> None:
    clock = SandboxClock(speed=1.0, start=1_000_000.0)
    scheduler = Scheduler(clock)
    fired: list[tuple[str, float]] = []
    base = clock.now()
    scheduler.at(base + 20, lambda due: fired.append(("b", due)))
    scheduler.at(base + 10, lambda due: fired.append(("a", due)))
    # A timer that schedules another one inside the jump fires it too.
    scheduler.at(base + 5, lambda due: scheduler.at(due + 1, lambda d: fired.append(("c", d))))
    scheduler.at(base + 500, lambda due: fired.append(("late", due)))
    assert scheduler.fire_due() == 0
    clock.advance(100)
    assert scheduler.fire_due() == 4
    assert fired == [("c", base + 6), ("a", base + 10), ("b", base + 20)]
    assert scheduler.next_due() == base + 500


def test_a_failing_timer_does_not_stop_the_others() -> None:
    clock = SandboxClock(start=0.0)
    scheduler = Scheduler(clock)
    fired: list[float] = []

    def boom(due: float) -> None:
        raise RuntimeError("boom")

    scheduler.at(1, boom)
    scheduler.at(2, fired.append)
    clock.advance(10)
    scheduler.fire_due()
    assert fired == [2]


def test_iso() -> None:
    assert iso(0.5) == "1970-01-01T00:00:00.500Z"
    assert iso(61.9, millis=False) == "1970-01-01T00:01:01Z"
