"""How loud and how often the new-order alert sounds, from the time left to the nearest
accept deadline. Pure: no Qt, so the escalation is unit-tested on its own.

Mercado Pago cancels an order not accepted within 5 minutes, and two automatic cancellations
in a row pause the store, so the alert nags harder as the deadline nears:

- calm      more than 3 min left: chime every 8 s at the chosen volume
- urgent    1 to 3 min left: every 4 s, louder
- critical  less than 1 min left (or overdue): every 1.5 s at full volume
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import IntEnum

__all__ = ["AlertLevel", "AlertStep", "alert_step", "level_for"]

URGENT_AT = timedelta(minutes=3)
CRITICAL_BELOW = timedelta(minutes=1)


class AlertLevel(IntEnum):
    NONE = 0  # nothing waiting
    CALM = 1
    URGENT = 2
    CRITICAL = 3


@dataclass(frozen=True, slots=True)
class AlertStep:
    level: AlertLevel
    interval_ms: int  # time between chimes
    volume: float  # 0.0 .. 1.0, what the player is set to


_INTERVAL_MS = {AlertLevel.CALM: 8000, AlertLevel.URGENT: 4000, AlertLevel.CRITICAL: 1500}
# Added on top of the staff's chosen volume; critical always plays at full volume.
_VOLUME_BOOST = {AlertLevel.CALM: 0.0, AlertLevel.URGENT: 0.25, AlertLevel.CRITICAL: 1.0}
_MIN_VOLUME = 0.3  # an alert too quiet to hear is no alert


def level_for(time_left: timedelta | None) -> AlertLevel:
    """``time_left`` to the nearest deadline, or None when no order waits."""
    if time_left is None:
        return AlertLevel.NONE
    if time_left < CRITICAL_BELOW:
        return AlertLevel.CRITICAL
    if time_left <= URGENT_AT:
        return AlertLevel.URGENT
    return AlertLevel.CALM


def alert_step(time_left: timedelta | None, base_volume: float) -> AlertStep:
    """The level, interval and volume for ``time_left``; ``base_volume`` is the setting
    (0..1). Volume never goes down as the level goes up."""
    level = level_for(time_left)
    if level is AlertLevel.NONE:
        return AlertStep(level, 0, 0.0)
    base = min(1.0, max(_MIN_VOLUME, base_volume))
    volume = min(1.0, base + _VOLUME_BOOST[level])
    return AlertStep(level, _INTERVAL_MS[level], volume)
