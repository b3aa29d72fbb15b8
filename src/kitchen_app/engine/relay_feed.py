"""The desk's client for the relay's long poll (``GET /v1/events``) and status.

Errors come out typed, so the engine can turn them into states: ``RelayAuthError`` (re-link
the desk), ``CursorPruned`` (reconcile, then resume from its cursor), ``RelayUnavailable``
(offline or relay trouble: retry with backoff). The token is sent, never logged.
"""

from __future__ import annotations

import logging
import socket
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import httpx

from kitchen_app.domain.relay_protocol import (
    AUTH_SCHEME,
    CURSOR_PRUNED_ERROR,
    CURSOR_PRUNED_STATUS,
    EVENTS_PATH,
    MAX_WAIT_SECONDS,
    STATUS_PATH,
)

__all__ = [
    "CursorPruned",
    "EventBatch",
    "RelayAuthError",
    "RelayError",
    "RelayEvent",
    "RelayFeed",
    "RelayProtocolError",
    "RelayUnavailable",
]

log = logging.getLogger(__name__)

# Beyond the hold time: the relay's own work plus a slow link.
READ_MARGIN_SECONDS = 10.0
CONNECT_TIMEOUT_SECONDS = 5.0


# A long poll sits idle for up to a minute. TCP keepalive on its connection notices a network
# that went away without a word (no reset) within about KEEPALIVE_IDLE + 3 × INTERVAL seconds,
# instead of when the read times out; the feed then reconnects as soon as the network returns.
KEEPALIVE_IDLE_S = 5
KEEPALIVE_INTERVAL_S = 2
KEEPALIVE_COUNT = 3


def keepalive_options() -> list[tuple[int, int, int]]:
    """Socket options for TCP keepalive, as far as the platform names them."""
    options = [(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)]
    for name, value in (
        ("TCP_KEEPIDLE", KEEPALIVE_IDLE_S),
        ("TCP_KEEPINTVL", KEEPALIVE_INTERVAL_S),
        ("TCP_KEEPCNT", KEEPALIVE_COUNT),
    ):
        option = getattr(socket, name, None)
        if option is not None:
            options.append((socket.IPPROTO_TCP, option, value))
    return options


class RelayError(Exception):
    """Any failure talking to the relay."""


class RelayAuthError(RelayError):
    """The relay refused the desk token (401)."""


class RelayUnavailable(RelayError):
    """Cannot reach the relay, it timed out, or it answered 5xx: try again later."""


class RelayProtocolError(RelayUnavailable):
    """The relay answered something this client does not understand (a proxy's error page,
    a relay of another version): handled like an unavailable relay, retried later."""


class CursorPruned(RelayError):
    """Events after the desk's cursor were pruned by retention. Reconcile with the
    marketplaces, then poll with ``after=oldest_cursor``."""

    def __init__(self, oldest_cursor: int) -> None:
        super().__init__(f"relay no longer keeps events up to {oldest_cursor}")
        self.oldest_cursor = oldest_cursor


@dataclass(frozen=True, slots=True)
class RelayEvent:
    id: int
    channel: str
    topic: str
    resource: str
    received_at: str
    payload: dict[str, Any]
    # False when the relay could not check the marketplace's signature (api notes §6.4): the
    # event is then only a hint. Relays of earlier versions do not send it: verified.
    verified: bool = True


@dataclass(frozen=True, slots=True)
class EventBatch:
    events: tuple[RelayEvent, ...]
    cursor: int


def _event(raw: Any) -> RelayEvent:
    if not isinstance(raw, dict):
        raise RelayProtocolError("event is not an object")
    try:
        event = RelayEvent(
            id=raw["id"],
            channel=raw["channel"],
            topic=raw["topic"],
            resource=raw["resource"],
            received_at=raw["received_at"],
            payload=raw["payload"],
            verified=raw.get("verified") is not False,
        )
    except KeyError as exc:
        raise RelayProtocolError(f"event without {exc.args[0]!r}") from None
    if not (
        isinstance(event.id, int)
        and isinstance(event.channel, str)
        and isinstance(event.topic, str)
        and isinstance(event.resource, str)
        and isinstance(event.received_at, str)
        and isinstance(event.payload, dict)
    ):
        raise RelayProtocolError(f"event {event.id!r} has a field of the wrong type")
    return event


class RelayFeed:
    """``RelayFeed(base_url, token)``; pass ``http`` to share a client (it is then not
    closed by ``aclose``)."""

    def __init__(self, base_url: str, token: str, *, http: httpx.AsyncClient | None = None):
        self._base = base_url.rstrip("/")
        self._auth = {"Authorization": f"{AUTH_SCHEME} {token}"}
        self._owns_http = http is None
        self._http = (
            http
            if http is not None
            else httpx.AsyncClient(
                transport=httpx.AsyncHTTPTransport(socket_options=keepalive_options())
            )
        )

    def __repr__(self) -> str:
        return f"RelayFeed({self._base!r})"

    async def aclose(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> RelayFeed:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def _get(self, path: str, params: dict[str, str], hold: float) -> httpx.Response:
        timeout = httpx.Timeout(
            connect=CONNECT_TIMEOUT_SECONDS,
            read=hold + READ_MARGIN_SECONDS,
            write=CONNECT_TIMEOUT_SECONDS,
            pool=CONNECT_TIMEOUT_SECONDS,
        )
        try:
            response = await self._http.get(
                self._base + path, params=params, headers=self._auth, timeout=timeout
            )
        except httpx.TransportError as exc:  # connect errors and timeouts
            raise RelayUnavailable(f"relay unreachable: {type(exc).__name__}") from None
        if response.status_code == 401:
            raise RelayAuthError("the relay refused this desk's token")
        if response.status_code >= 500:
            raise RelayUnavailable(f"relay answered {response.status_code}")
        return response

    @staticmethod
    def _json(response: httpx.Response) -> Any:
        try:
            return response.json()
        except ValueError:
            raise RelayProtocolError(
                f"relay answered {response.status_code} without JSON"
            ) from None

    async def poll(self, after: int | None, wait: float) -> EventBatch:
        """The store's events after ``after`` (None: from the oldest kept), holding up to
        ``wait`` seconds (clamped to 0..60) when there are none yet."""
        wait = min(max(wait, 0.0), MAX_WAIT_SECONDS)
        params = {"wait": f"{wait:g}"}
        if after is not None:
            params["after"] = str(after)
        response = await self._get(EVENTS_PATH, params, wait)
        body = self._json(response)
        if response.status_code == CURSOR_PRUNED_STATUS:
            if (
                isinstance(body, dict)
                and body.get("error") == CURSOR_PRUNED_ERROR
                and isinstance(body.get("cursor"), int)
            ):
                raise CursorPruned(body["cursor"])
            raise RelayProtocolError("relay answered 410 without a cursor")
        if response.status_code != 200:
            raise RelayProtocolError(f"relay answered {response.status_code}: {body!r}")
        if not isinstance(body, dict) or not isinstance(body.get("events"), list):
            raise RelayProtocolError("relay answer has no event list")
        cursor = body.get("cursor")
        if not isinstance(cursor, int):
            raise RelayProtocolError("relay answer has no cursor")
        return EventBatch(tuple(_event(e) for e in body["events"]), cursor)

    async def status(self, after: int | None = None) -> dict[str, Any]:
        """``{"store", "last_webhook_at", "cursor", "backlog"}`` (backlog after ``after``)."""
        params = {} if after is None else {"after": str(after)}
        response = await self._get(STATUS_PATH, params, 0.0)
        body = self._json(response)
        if response.status_code != 200 or not isinstance(body, dict):
            raise RelayProtocolError(f"relay answered {response.status_code}: {body!r}")
        return body
