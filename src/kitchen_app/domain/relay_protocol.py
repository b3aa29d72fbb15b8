"""What the relay and the desk agree on (DESIGN §5 "Relay HTTP"): paths, JSON keys, limits
and the pruned-cursor answer. Pure constants and types, no I/O; both sides import it.

The long-poll answer::

    GET /v1/events?after=CURSOR&wait=SECONDS   (Authorization: Bearer DESK_TOKEN)
    200 {"events": [{"id", "channel", "topic", "resource", "received_at", "payload",
                     "verified"}],
         "cursor": int}

``cursor`` is the id of the last event returned, or the ``after`` asked for when none came.
``after`` omitted means "from the oldest event still kept". ``wait`` is clamped to
``0..MAX_WAIT_SECONDS`` (default 0: answer at once).

The pruned-cursor contract: when ``after`` is older than what the relay still keeps for the
store (events after it were pruned by retention), the relay answers ``410 Gone`` with
``{"error": "cursor_pruned", "cursor": N}``: every event of the store with id <= N is gone.
The desk reconciles (re-reads open and recent orders from the marketplaces), then polls again
with ``after=N``.
"""

from __future__ import annotations

from typing import Any, Final, TypedDict

__all__ = [
    "AUTH_SCHEME",
    "CURSOR_PRUNED_ERROR",
    "CURSOR_PRUNED_STATUS",
    "EVENTS_PATH",
    "HEALTH_PATH",
    "MAX_BATCH",
    "MAX_WAIT_SECONDS",
    "MAX_WEBHOOK_BODY",
    "SHOPEE_ORDER_STATUS_TOPIC",
    "STATUS_PATH",
    "EventJSON",
    "EventsAnswerJSON",
    "PrunedAnswerJSON",
    "StatusAnswerJSON",
]

EVENTS_PATH: Final = "/v1/events"
STATUS_PATH: Final = "/v1/status"
HEALTH_PATH: Final = "/healthz"

AUTH_SCHEME: Final = "Bearer"
MAX_WAIT_SECONDS: Final = 60.0
MAX_BATCH: Final = 500  # events per long-poll answer at most
MAX_WEBHOOK_BODY: Final = 64 * 1024  # bytes; larger webhook bodies get 413

# Shopee pushes carry no topic/resource: the relay uses the push code as the topic
# (decimal string; "3" = order status update) and data.ordersn as the resource ("" if absent).
SHOPEE_ORDER_STATUS_TOPIC: Final = "3"

CURSOR_PRUNED_STATUS: Final = 410
CURSOR_PRUNED_ERROR: Final = "cursor_pruned"


class EventJSON(TypedDict):
    id: int
    channel: str
    topic: str
    resource: str
    received_at: str  # ISO 8601, UTC, e.g. "2026-11-23T13:46:34.123456Z"
    payload: dict[str, Any]  # the marketplace's notification body, as received
    # True when the relay checked the marketplace's signature and it matched; False when
    # there was none to check (no secret configured, header absent, Mercado Libre, a
    # signed ts outside the replay window): use such an event as an id hint only.
    verified: bool


class EventsAnswerJSON(TypedDict):
    events: list[EventJSON]
    cursor: int


class PrunedAnswerJSON(TypedDict):
    error: str  # CURSOR_PRUNED_ERROR
    cursor: int  # events with id <= cursor are gone; poll again with after=cursor


class StatusAnswerJSON(TypedDict):
    store: str
    last_webhook_at: str | None  # received_at of the store's newest event
    cursor: int  # id of the store's newest event (0 when none)
    backlog: int  # events kept after the ``after`` query parameter (all kept when omitted)
    # webhooks for this store refused for a bad or replayed signature since the relay
    # started, and when the last one was (a wrong webhook secret must never be silent)
    refused_signatures: int
    last_refused_at: str | None
