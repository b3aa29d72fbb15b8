"""The accept deadline rule (api notes §2).

Mercado Pago cancels an order five minutes after it was created. The desk reads ``createdAt``
as the marketplace wrote it; when that text carries no offset, or the store's clock is wrong,
it may be hours off. The notification reached the relay at a time the relay's clock wrote, so
the deadline is the earlier of ``createdAt + window`` and ``first notification + window``; a
``createdAt`` more than ten minutes from the notification time (either way) is not believed:
it is logged and the notification time decides alone.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from kitchen_app.domain.keys import OrderKey

__all__ = ["BELIEVABLE_GAP", "accept_deadline"]

log = logging.getLogger(__name__)

BELIEVABLE_GAP = timedelta(minutes=10)


def accept_deadline(
    key: OrderKey,
    created_at: datetime,
    window: timedelta,
    first_notified: datetime | None,
    *,
    warn: bool = True,
) -> datetime:
    """The order's accept deadline; ``warn`` logs a createdAt far from the notification."""
    own = created_at + window
    if first_notified is None:
        return own
    by_notice = first_notified + window
    gap = created_at - first_notified
    if abs(gap) > BELIEVABLE_GAP:
        if warn:
            log.warning(
                "%s: createdAt %s is %.0f min from its first notification (%s); "
                "the deadline counts from the notification",
                key,
                created_at.isoformat(),
                gap.total_seconds() / 60,
                first_notified.isoformat(),
            )
        return by_notice
    return min(own, by_notice)
