"""The relay with DirectRoutes answers exactly as the same relay through Starlette's router:
two real relays on 127.0.0.1 (SQLite files), one built without DirectRoutes, get the same
requests and must give the same answers — on the hot routes (the webhooks, GET /v1/events,
their refusals), for a database that cannot answer (503) or a bug (500), and for
everything DirectRoutes leaves to the router."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import httpx
import pytest
from relay_testkit import MP_USER_A, SECRET, mp_body, mp_headers
from starlette.applications import Starlette
from starlette.middleware import Middleware

from kitchen_app.app.relay_setup import relay_config
from kitchen_app.app.serving import ServerThread
from kitchen_app.relay import RelayConfig, add_store, build_app
from kitchen_app.relay import app as relay_app
from kitchen_app.relay.backend import BackendUnavailable, LogBackend, SQLiteBackend
from kitchen_app.relay.direct_routes import DirectRoutes
from kitchen_app.relay.eventlog import StoreInfo

SHOP_ID = 727720655


@dataclass
class Side:
    url: str
    token: str


def _is_direct_routes(middleware: Middleware) -> bool:
    return cast(Any, middleware.cls) is DirectRoutes


def _without_direct_routes(app: Starlette) -> Starlette:
    app.user_middleware = [m for m in app.user_middleware if not _is_direct_routes(m)]
    return app


def _start(tmp: Path, direct: bool, stack: list[ServerThread]) -> Side:
    tmp.mkdir()
    db = tmp / "relay.sqlite3"
    token = add_store(db, "Cantina A", mp_user_id=MP_USER_A, shopee_shop_id=SHOP_ID)
    app = build_app(relay_config(settings={"mp_delivery.webhook_secret": SECRET}, db_path=db))
    assert any(_is_direct_routes(m) for m in app.user_middleware)
    server = ServerThread(app if direct else _without_direct_routes(app))
    stack.append(server)
    return Side(server.start(), token)


@pytest.fixture
def sides(tmp_path: Path) -> Iterator[tuple[Side, Side]]:
    """(relay with DirectRoutes, relay without), each on its own empty SQLite file."""
    stack: list[ServerThread] = []
    try:
        yield _start(tmp_path / "direct", True, stack), _start(tmp_path / "plain", False, stack)
    finally:
        for server in stack:
            server.stop()


def _without_times(value: Any) -> Any:
    """``value`` without its ``…_at`` timestamps (when each relay received or refused)."""
    if isinstance(value, dict):
        return {k: _without_times(v) for k, v in value.items() if not k.endswith("_at")}
    if isinstance(value, list):
        return [_without_times(v) for v in value]
    return value


def _answer(response: httpx.Response) -> tuple[int, list[tuple[str, str]], Any]:
    """Status, headers and body, without what differs between two relays by nature: the
    date, and the times events were received or refused."""
    headers = sorted((k, v) for k, v in response.headers.items() if k not in ("date",))
    body: Any = response.content
    if response.content and response.headers.get("content-type") == "application/json":
        body = _without_times(response.json())
        headers = [(k, v) for k, v in headers if k != "content-length"]
    return response.status_code, headers, body


DESK = {"authorization": "Bearer DESK_TOKEN"}  # each relay's own token goes in its place


def _send(side: Side, method: str, url: str, **kwargs: Any) -> httpx.Response:
    headers = {k: v.replace("DESK_TOKEN", side.token) for k, v in kwargs.pop("headers", {}).items()}
    # a connection per request: uvicorn closes one after a 500
    return httpx.request(method, side.url + url, headers=headers, timeout=10, **kwargs)


def _requests() -> list[tuple[str, int, str, str, dict[str, Any]]]:
    """(name, expected status, method, path, httpx arguments). Webhook bodies and
    signatures are made once, so both relays get the same bytes."""
    first = json.dumps(mp_body()).encode()
    signed = mp_headers()
    ml = json.dumps(mp_body(topic="orders_v2", resource="/orders/1")).encode()
    shopee = json.dumps({"shop_id": SHOP_ID, "code": 3, "data": {"ordersn": "X1"}, "timestamp": 1})
    mp, events = "/webhooks/mercadopago", "/v1/events"
    return [
        ("mp", 200, "POST", mp, {"content": first, "headers": signed}),
        ("mp again", 200, "POST", mp, {"content": first, "headers": signed}),
        ("mp bad signature", 401, "POST", mp, {"content": first, "headers": mp_headers("x")}),
        ("mp not json", 400, "POST", mp, {"content": b"{nope"}),
        ("mp too large", 413, "POST", mp, {"content": b" " * (70 * 1024)}),
        ("ml", 200, "POST", "/webhooks/mercadolibre", {"content": ml}),
        ("shopee", 200, "POST", "/webhooks/shopee", {"content": shopee}),
        ("shopee unreadable", 200, "POST", "/webhooks/shopee", {"content": b"[1"}),
        ("events", 200, "GET", f"{events}?after=0", {"headers": DESK}),
        ("events waited", 200, "GET", f"{events}?after=2&wait=0.1", {"headers": DESK}),
        ("events ahead", 410, "GET", f"{events}?after=99", {"headers": DESK}),
        ("events bad cursor", 400, "GET", f"{events}?after=x", {"headers": DESK}),
        ("events no token", 401, "GET", events, {}),
        ("events HEAD", 200, "HEAD", events, {"headers": DESK}),
        ("events POST", 405, "POST", events, {}),
        ("webhook GET", 405, "GET", mp, {}),
        # a Host without the port, which the redirect names
        ("webhook slash", 307, "POST", f"{mp}/", {"headers": {"host": "relay.test"}}),
        ("status", 200, "GET", "/v1/status", {"headers": DESK}),
        ("healthz", 200, "GET", "/healthz", {}),
        ("unknown", 404, "GET", "/webhooks/other", {}),
    ]


def test_the_same_answers_with_and_without_direct_routes(sides: tuple[Side, Side]) -> None:
    direct, plain = sides
    for name, status, method, url, kwargs in _requests():
        a = _send(direct, method, url, **kwargs)
        b = _send(plain, method, url, **kwargs)
        assert (name, a.status_code) == (name, status)
        assert _answer(a) == _answer(b), name
    events = _send(direct, "GET", "/v1/events?after=0", headers=DESK).json()["events"]
    assert [e["channel"] for e in events] == ["mp_delivery", "shopee"]


class FailingReads(SQLiteBackend):
    """The real SQLite log whose token lookups fail with ``fault`` (a lost database, a bug)."""

    fault: Exception = BackendUnavailable("database is gone")

    async def store_for_token(self, digest: str) -> StoreInfo | None:
        raise self.fault


@pytest.mark.parametrize(
    ("fault", "status"),
    [(BackendUnavailable("database is gone"), 503), (ZeroDivisionError("a bug"), 500)],
)
def test_a_failing_database_or_a_bug_answers_the_same(
    sides_factory: Callable[[], tuple[Side, Side]], fault: Exception, status: int
) -> None:
    FailingReads.fault = fault
    sides = sides_factory()
    answers = [_send(side, "GET", "/v1/events?after=0&wait=5", headers=DESK) for side in sides]
    assert answers[0].status_code == status
    if status == 503:
        assert answers[0].json() == {"error": "unavailable"}
    else:
        assert answers[0].text == "Internal Server Error"
    assert _answer(answers[0]) == _answer(answers[1])


@pytest.fixture
def sides_factory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[], tuple[Side, Side]]]:
    """Two relays (with and without DirectRoutes) on FailingReads logs."""

    async def open_failing(config: RelayConfig) -> LogBackend:
        return FailingReads(config.db_path, writer_busy_timeout=2.0)

    monkeypatch.setattr(relay_app, "_open_backend", open_failing)
    stack: list[ServerThread] = []

    def make() -> tuple[Side, Side]:
        return _start(tmp_path / "direct", True, stack), _start(tmp_path / "plain", False, stack)

    try:
        yield make
    finally:
        for server in stack:
            server.stop()
