"""RelayFeed: against the real relay app on 127.0.0.1, and with httpx.MockTransport for the
failures a real relay does not produce on demand (5xx, timeouts, garbage)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kitchen_app.app.relay_setup import relay_config
from kitchen_app.app.serving import ServerThread
from kitchen_app.engine.relay_feed import (
    CursorPruned,
    EventBatch,
    RelayAuthError,
    RelayEvent,
    RelayFeed,
    RelayProtocolError,
    RelayUnavailable,
)
from kitchen_app.relay import add_store, build_app

MP_USER = 1793791954


class LiveRelay:
    def __init__(self, tmp_path: Path, **config: float) -> None:
        self.db = tmp_path / "relay.sqlite3"
        self.token = add_store(self.db, "Cantina", mp_user_id=MP_USER)
        self.server = ServerThread(build_app(relay_config(db_path=self.db, **config)))
        self.url = self.server.start()

    def webhook(self, shipment: int) -> None:
        body = {
            "_id": f"n-{shipment}",
            "topic": "delivery",
            "resource": f"/shipments/{shipment}",
            "user_id": MP_USER,
            "sent": "2026-11-23T12:00:00.000Z",
        }
        answer = httpx.post(self.url + "/webhooks/mercadopago", json=body, timeout=10)
        assert answer.status_code == 200


@pytest.fixture
def live(tmp_path: Path) -> Iterator[LiveRelay]:
    relay = LiveRelay(tmp_path)
    try:
        yield relay
    finally:
        relay.server.stop()


def test_poll_returns_typed_events_and_cursor(live: LiveRelay) -> None:
    live.webhook(1)
    live.webhook(2)

    async def run() -> tuple[EventBatch, EventBatch]:
        async with RelayFeed(live.url + "/", live.token) as feed:
            first = await feed.poll(None, wait=0)
            empty = await feed.poll(first.cursor, wait=0)
            return first, empty

    first, empty = asyncio.run(run())
    assert [e.resource for e in first.events] == ["/shipments/1", "/shipments/2"]
    assert isinstance(first.events[0], RelayEvent)
    assert first.events[0].channel == "mp_delivery"
    assert first.events[0].payload["_id"] == "n-1"
    assert first.cursor == first.events[-1].id
    assert empty == EventBatch((), first.cursor)


def test_long_poll_outlives_httpx_default_timeout(live: LiveRelay) -> None:
    # A 6 s hold would be cut by httpx's 5 s default; the feed's read timeout is wait+margin.
    async def run() -> tuple[EventBatch, float]:
        async with httpx.AsyncClient() as http:
            feed = RelayFeed(live.url, live.token, http=http)
            started = time.monotonic()
            batch = await feed.poll(0, wait=6)
            return batch, time.monotonic() - started

    batch, held = asyncio.run(run())
    assert batch.events == ()
    assert held >= 5.5


def test_wrong_token_is_auth_error_and_token_never_logged(
    live: LiveRelay, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    async def run() -> None:
        async with RelayFeed(live.url, "kd_wrong-token-value") as feed:
            await feed.poll(0, wait=0)

    with pytest.raises(RelayAuthError):
        asyncio.run(run())

    async def good() -> None:
        async with RelayFeed(live.url, live.token) as feed:
            await feed.poll(0, wait=0)
            await feed.status()

    asyncio.run(good())
    assert "kd_wrong-token-value" not in caplog.text
    assert live.token not in caplog.text


def test_status(live: LiveRelay) -> None:
    live.webhook(5)

    async def run() -> dict[str, object]:
        async with RelayFeed(live.url, live.token) as feed:
            return await feed.status(after=0)

    status = asyncio.run(run())
    assert status["store"] == "Cantina"
    assert status["backlog"] == 1


def test_cursor_pruned(tmp_path: Path) -> None:
    relay = LiveRelay(tmp_path, retention_seconds=0.5, prune_interval_seconds=0.1)
    try:
        relay.webhook(1)

        async def run() -> int:
            async with RelayFeed(relay.url, relay.token) as feed:
                deadline = time.monotonic() + 20
                while time.monotonic() < deadline:
                    try:
                        await feed.poll(0, wait=0)
                    except CursorPruned as exc:
                        return exc.oldest_cursor
                    await asyncio.sleep(0.05)
            raise AssertionError("events were never pruned")

        assert asyncio.run(run()) == 1
    finally:
        relay.server.stop()


def test_unreachable_relay_is_unavailable() -> None:
    from kitchen_app.app.serving import free_port

    async def run() -> None:
        async with RelayFeed(f"http://127.0.0.1:{free_port()}", "t") as feed:
            await feed.poll(0, wait=0)

    with pytest.raises(RelayUnavailable):
        asyncio.run(run())


async def _mock_poll(transport: httpx.MockTransport, after: int | None, wait: float) -> None:
    async with httpx.AsyncClient(transport=transport) as http:
        await RelayFeed("http://relay.test", "secret-token", http=http).poll(after, wait)


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (httpx.Response(503, json={"error": "x"}), RelayUnavailable),
        (httpx.Response(500, text="boom"), RelayUnavailable),
        (httpx.Response(200, text="<html>proxy</html>"), RelayProtocolError),
        (httpx.Response(200, json={"events": "no"}), RelayProtocolError),
        (httpx.Response(200, json={"events": [{"id": 1}], "cursor": 1}), RelayProtocolError),
        (httpx.Response(410, json={"error": "gone"}), RelayProtocolError),
        (httpx.Response(404, json={"error": "not_found"}), RelayProtocolError),
    ],
)
def test_bad_answers_are_typed(answer: httpx.Response, error: type[Exception]) -> None:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer

    async def run() -> None:
        await _mock_poll(httpx.MockTransport(handle), 3, 100)

    with pytest.raises(error):
        asyncio.run(run())
    # wait is clamped to 60 and the read timeout follows it
    assert seen[0].url.params["wait"] == "60"
    assert seen[0].url.params["after"] == "3"
    assert seen[0].headers["authorization"] == "Bearer secret-token"
    assert seen[0].extensions["timeout"]["read"] == 70.0


def test_timeout_is_unavailable() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    async def run() -> None:
        await _mock_poll(httpx.MockTransport(handle), None, 1)

    with pytest.raises(RelayUnavailable):
        asyncio.run(run())
