"""The relay's event timestamps: fixed-width UTC text (text order is time order, which
retention relies on), the same text datetime's strftime gives."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from kitchen_app.relay.sqlite_log import utc_now_iso

_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z")


def test_a_timestamp_is_now_in_utc_with_microseconds() -> None:
    before = datetime.now(UTC)
    text = utc_now_iso()
    after = datetime.now(UTC)
    assert _SHAPE.fullmatch(text), text
    stamped = datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    # (datetime rounds to the microsecond, the text truncates: 1 µs of slack)
    assert before - timedelta(microseconds=1) <= stamped <= after


def test_timestamps_in_a_row_never_go_back_and_keep_their_width() -> None:
    stamps = [utc_now_iso() for _ in range(20_000)]  # crosses second boundaries often enough
    assert stamps == sorted(stamps)
    assert {len(s) for s in stamps} == {len("2026-12-03T06:16:39.123456Z")}
