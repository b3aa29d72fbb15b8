"""The accept deadline rule (api notes §2)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest

from kitchen_app.domain import OrderKey
from kitchen_app.engine.deadline import accept_deadline

T0 = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
FIVE = timedelta(minutes=5)


def test_without_a_notification_the_order_s_own_deadline() -> None:
    assert accept_deadline("k", T0, FIVE, None) == T0 + FIVE


@pytest.mark.parametrize("notified_after", [timedelta(seconds=20), timedelta(minutes=9)])
def test_the_earlier_of_created_and_notified(notified_after: timedelta) -> None:
    assert accept_deadline("k", T0, FIVE, T0 + notified_after) == T0 + FIVE


def test_a_notification_before_created_at_moves_the_deadline_earlier() -> None:
    # createdAt read 2 minutes late (clock skew): the notification time wins.
    notified = T0 - timedelta(minutes=2)
    assert accept_deadline("k", T0, FIVE, notified) == notified + FIVE


@pytest.mark.parametrize("gap", [timedelta(hours=3), -timedelta(hours=3), timedelta(minutes=11)])
def test_a_created_at_far_from_the_notification_is_logged_and_not_believed(
    gap: timedelta, caplog: pytest.LogCaptureFixture
) -> None:
    notified = T0
    with caplog.at_level(logging.WARNING):
        assert (
            accept_deadline(OrderKey("mp_delivery", "1"), T0 + gap, FIVE, notified)
            == notified + FIVE
        )
    assert "mp_delivery:1" in caplog.text and "from its first notification" in caplog.text
