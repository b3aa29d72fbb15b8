"""The relay's HTTP handlers (DESIGN §5 "Relay HTTP"). All async: a long poll must never
hold one of Starlette's 40 threadpool tokens."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
import time
from collections.abc import Awaitable, Callable, Mapping

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive

from kitchen_app.channels.base import Notify
from kitchen_app.domain.relay_protocol import (
    AUTH_SCHEME,
    CURSOR_PRUNED_ERROR,
    CURSOR_PRUNED_STATUS,
    MAX_BATCH,
    StatusAnswerJSON,
)
from kitchen_app.relay.config import RelayConfig
from kitchen_app.relay.eventlog import IncomingEvent, StoredEvent, StoreInfo
from kitchen_app.relay.hub import EventHub, UnstorableEvent
from kitchen_app.relay.ratelimit import ClientLimiter
from kitchen_app.relay.sqlite_log import utc_now_iso
from kitchen_app.relay.strict_json import NotStrictJSON, loads_strict
from kitchen_app.relay.webhooks import (
    BadSignature,
    BadWebhook,
    read_notification,
    unreadable_event,
)

__all__ = ["Handlers", "WebhookCall"]

log = logging.getLogger(__name__)


def _error(status: int, code: str, **extra: object) -> JSONResponse:
    headers = {"WWW-Authenticate": AUTH_SCHEME} if status == 401 else None
    if status == 429:
        headers = {"Retry-After": "1"}
    return JSONResponse({"error": code, **extra}, status_code=status, headers=headers)


def _events_body(events: list[StoredEvent], cursor: int) -> bytes:
    # Payloads are stored as compact JSON already: splice them in instead of parsing them
    # back only to serialise them again.
    parts = [
        f'{{"id":{e.id},"channel":{json.dumps(e.channel)},"topic":{json.dumps(e.topic)},'
        f'"resource":{json.dumps(e.resource)},"received_at":{json.dumps(e.received_at)},'
        f'"payload":{e.payload_json},"verified":{"true" if e.verified else "false"}}}'
        for e in events
    ]
    return f'{{"events":[{",".join(parts)}],"cursor":{cursor}}}'.encode()


async def _wait_for_disconnect(receive: Receive) -> None:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return


# Cursors are SQLite integers: anything past 64 bits is a bad request, not an overflow.
_MAX_CURSOR = 2**63 - 1


def _query_int(request: Request, name: str) -> int | None:
    text = request.query_params.get(name)
    if text is None or text == "":
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > 19 or int(text) > _MAX_CURSOR:
        raise ValueError(f"{name} must be an integer from 0 to {_MAX_CURSOR}")
    return int(text)


def _client(request: Request) -> str:
    client = request.scope.get("client")
    return str(client[0]) if client else "-"


def _account_hint(notify: Notify, body: bytes) -> str | None:
    """The account a refused body claims to be for, to count the refusal against its store
    (only ever used for that count)."""
    try:
        data = loads_strict(body)
    except NotStrictJSON:
        return None
    if not isinstance(data, dict):
        return None
    return notify.account_of(data)


class WebhookCall:
    """A webhook request as a plug-in's rules read it (``channels.base.WebhookRequest``):
    the query string and the URL are parsed only when a rule asks for them."""

    __slots__ = ("_request", "body")

    def __init__(self, request: Request, body: bytes) -> None:
        self._request = request
        self.body = body

    @property
    def headers(self) -> Mapping[str, str]:
        return self._request.headers

    def has_query(self, name: str) -> bool:
        return name.encode() in self._request.scope["query_string"]

    def query(self) -> Mapping[str, str]:
        return self._request.query_params

    def url(self) -> str:
        return str(self._request.url)


class Handlers:
    """The route handlers, bound to the relay's config; the hub comes from lifespan state."""

    def __init__(self, config: RelayConfig) -> None:
        self.config = config
        self._health_limit = ClientLimiter(config.health_rate, config.health_burst)
        self._refusal_limit = ClientLimiter(config.refusal_rate, config.refusal_burst)
        # channel -> its webhook rules (the plug-ins app/ hands in)
        self._webhooks: dict[str, Notify] = {n.channel: n for n in config.webhooks}

    # -- webhooks -------------------------------------------------------------------------

    def webhook(self, notify: Notify) -> Callable[[Request], Awaitable[Response]]:
        """The endpoint of ``notify.path``: that plug-in's rules, the relay's answers."""
        prefix = f"{notify.channel}."
        settings = {
            name[len(prefix) :]: value
            for name, value in self.config.webhook_settings.items()
            if name.startswith(prefix) and value
        }

        async def endpoint(request: Request) -> Response:
            return await self._webhook(request, notify, settings)

        return endpoint

    async def _webhook(
        self, request: Request, notify: Notify, settings: Mapping[str, str]
    ) -> Response:
        body = await request.body()
        channel = notify.channel
        try:
            check = notify.verify(
                WebhookCall(request, body),
                settings,
                now=time.time(),
                max_age_seconds=self.config.retention_seconds,
            )
        except BadSignature as exc:
            return await self._refuse(request, channel, 401, "bad_signature", str(exc), body)
        try:
            event = read_notification(notify, body, utc_now_iso(), check)
        except Exception as exc:
            if notify.always_ack:
                # A marketplace that disables endpoints answering errors: a body the relay
                # cannot read still gets its 2xx, and is kept unrouted for diagnostics.
                if not self._refusal_limit.allow(_client(request)):
                    return Response(status_code=200)
                log.warning("%s webhook unreadable, kept unrouted: %s", channel, exc)
                event = unreadable_event(channel, body, str(exc), utc_now_iso())
            elif isinstance(exc, BadWebhook):
                return await self._refuse(request, channel, 400, "bad_request", str(exc), body)
            elif isinstance(exc, BadSignature):
                return await self._refuse(request, channel, 401, "bad_signature", str(exc), body)
            else:  # a reading rule missed a case: still the body's fault
                log.error("unexpected error reading a %s webhook: %r", channel, exc)
                return await self._refuse(
                    request, channel, 400, "bad_request", "unreadable body", body
                )
        return await self._store(request, event, body)

    async def _refuse(
        self, request: Request, channel: str, status: int, code: str, detail: str, body: bytes
    ) -> Response:
        """A refused webhook: 400/401 with the reason, or 429 once the sending client has
        spent its budget of refusals (then not logged either: a flood must stay cheap)."""
        if not self._refusal_limit.allow(_client(request)):
            return _error(429, "too_many_refused_requests")
        log.warning("%s webhook refused (%d): %s", channel, status, detail)
        if status == 401:
            hub: EventHub = request.state.hub
            account = _account_hint(self._webhooks[channel], body)
            try:
                store_id = await hub.store_for_account(channel, account) if account else None
            except Exception as exc:  # the count is a courtesy; the answer is still 401
                log.error("refusal not counted: %s", exc)
                store_id = None
            if store_id is not None:
                hub.count_refused(store_id, utc_now_iso())
        if code == "bad_request":
            return _error(status, code, detail=detail)
        return _error(status, code)

    async def _store(self, request: Request, event: IncomingEvent, body: bytes) -> Response:
        hub: EventHub = request.state.hub
        try:
            result = await hub.ingest(event)
        except UnstorableEvent as exc:
            response = await self._refuse(
                request, event.channel, 400, "bad_request", str(exc), body
            )
            # a marketplace that must always get its 2xx gets it whatever happens
            always_ack = self._webhooks[event.channel].always_ack
            return Response(status_code=200) if always_ack else response
        except Exception as exc:
            # the relay's own fault, not committed: no 200, so the marketplace retries
            log.error("webhook not stored: %s", exc)
            return _error(503, "not_stored")
        if result.replayed:
            return await self._refuse(
                request,
                event.channel,
                401,
                "bad_signature",
                f"signed request {event.request_key} reused with another body",
                body,
            )
        if result.store_id is None and event.account_id:
            log.warning(
                "webhook for unknown %s account %s kept unrouted (event %d)",
                event.channel,
                event.account_id,
                result.event_id,
            )
        return Response(status_code=200)

    # -- desks ----------------------------------------------------------------------------

    async def desk(self, request: Request) -> StoreInfo | None:
        """The store whose desk token the request carries (None: no or an unknown token)."""
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != AUTH_SCHEME.lower() or not token.strip():
            return None
        hub: EventHub = request.state.hub
        return await hub.store_for_token(token.strip())

    async def events(self, request: Request) -> Response:
        store = await self.desk(request)
        if store is None:
            return _error(401, "unauthorized")
        try:
            after = _query_int(request, "after")
            wait = float(request.query_params.get("wait") or 0)
        except ValueError as exc:
            return _error(400, "bad_request", detail=str(exc))
        if math.isnan(wait):
            return _error(400, "bad_request", detail="wait must be a number")
        wait = min(max(wait, 0.0), self.config.max_wait_seconds)
        hub: EventHub = request.state.hub
        pruned = hub.pruned_through(store.id)
        if after is None:
            after = pruned
        elif after < pruned:
            return _error(CURSOR_PRUNED_STATUS, CURSOR_PRUNED_ERROR, cursor=pruned)
        elif after > max(await hub.latest_known(store.id, after), pruned):
            # Beyond anything this log ever gave the store: the log was replaced or restored
            # from an older copy. Same answer as a pruned cursor: the desk reconciles and
            # starts again from the oldest event kept (handling an event twice is harmless).
            return _error(CURSOR_PRUNED_STATUS, CURSOR_PRUNED_ERROR, cursor=pruned)
        found = await hub.read(store.id, after, MAX_BATCH)
        if not found and wait > 0:
            # A commit during the read moved the store's high-water mark: read again rather
            # than wait. Otherwise no await lies between that look and taking the wake-up,
            # so no commit slips through.
            wake = hub.wakeup(store.id)
            if hub.latest(store.id) <= after and not await self._hold(request, wake, wait):
                return Response(status_code=204)  # the desk hung up; nobody reads this
            found = await hub.read(store.id, after, MAX_BATCH)
        if after < hub.pruned_through(store.id):  # retention ran during the read
            return _error(
                CURSOR_PRUNED_STATUS, CURSOR_PRUNED_ERROR, cursor=hub.pruned_through(store.id)
            )
        cursor = found[-1].id if found else after
        return Response(_events_body(found, cursor), media_type="application/json")

    @staticmethod
    async def _hold(request: Request, wake: asyncio.Future[None], wait: float) -> bool:
        """Wait for the store's next commit, the timeout or the client leaving; False when
        the client left. ``wake`` is shared with other polls: waited on, never cancelled."""
        gone = asyncio.ensure_future(_wait_for_disconnect(request.receive))
        try:
            await asyncio.wait({wake, gone}, timeout=wait, return_when=asyncio.FIRST_COMPLETED)
        finally:
            gone.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await gone
        return not (gone.done() and not gone.cancelled())

    async def status(self, request: Request) -> Response:
        store = await self.desk(request)
        if store is None:
            return _error(401, "unauthorized")
        try:
            after = _query_int(request, "after")
        except ValueError as exc:
            return _error(400, "bad_request", detail=str(exc))
        hub: EventHub = request.state.hub
        refused, last_refused = hub.refused(store.id)
        answer: StatusAnswerJSON = {
            "store": store.name,
            "last_webhook_at": await hub.last_received_at(store.id),
            "cursor": hub.latest(store.id),
            "backlog": await hub.count_after(store.id, after or 0),
            "refused_signatures": refused,
            "last_refused_at": last_refused,
        }
        return JSONResponse(answer)

    async def healthz(self, request: Request) -> Response:
        if not self._health_limit.allow(_client(request)):
            return _error(429, "too_many_requests")
        hub: EventHub = request.state.hub
        try:
            await asyncio.wait_for(hub.probe_write(), self.config.health_probe_timeout_seconds)
        except Exception as exc:
            log.error("health probe failed: %s", exc)
            return JSONResponse({"ok": False, "problem": str(exc) or "timeout"}, status_code=503)
        return JSONResponse({"ok": True})
