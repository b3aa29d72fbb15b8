"""The relay's HTTP handlers (DESIGN §5 "Relay HTTP"). All async: a long poll must never
hold one of Starlette's 40 threadpool tokens."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive

from kitchen_app.relay.config import RelayConfig
from kitchen_app.relay.eventlog import IncomingEvent, StoredEvent, StoreInfo
from kitchen_app.relay.hub import EventHub
from kitchen_app.relay.sqlite_log import utc_now_iso
from kitchen_app.relay.webhooks import (
    BadSignature,
    BadWebhook,
    check_mp_signature,
    check_shopee_signature,
    parse_marketplace_notification,
    parse_shopee_push,
)
from kitchen_app.relay_protocol import (
    AUTH_SCHEME,
    CHANNEL_MERCADOLIBRE,
    CHANNEL_MP_DELIVERY,
    CURSOR_PRUNED_ERROR,
    CURSOR_PRUNED_STATUS,
    MAX_BATCH,
    StatusAnswerJSON,
)

__all__ = ["Handlers"]

log = logging.getLogger(__name__)


def _error(status: int, code: str, **extra: object) -> JSONResponse:
    headers = {"WWW-Authenticate": AUTH_SCHEME} if status == 401 else None
    return JSONResponse({"error": code, **extra}, status_code=status, headers=headers)


def _events_body(events: list[StoredEvent], cursor: int) -> bytes:
    # Payloads are stored as compact JSON already: splice them in instead of parsing them
    # back only to serialise them again.
    parts = [
        f'{{"id":{e.id},"channel":{json.dumps(e.channel)},"topic":{json.dumps(e.topic)},'
        f'"resource":{json.dumps(e.resource)},"received_at":{json.dumps(e.received_at)},'
        f'"payload":{e.payload_json}}}'
        for e in events
    ]
    return f'{{"events":[{",".join(parts)}],"cursor":{cursor}}}'.encode()


async def _wait_for_disconnect(receive: Receive) -> None:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return


def _query_int(request: Request, name: str) -> int | None:
    text = request.query_params.get(name)
    if text is None or text == "":
        return None
    if not (text.isascii() and text.isdigit()):
        raise ValueError(f"{name} must be a non-negative integer")
    return int(text)


class Handlers:
    """The route handlers, bound to the relay's config; the hub comes from lifespan state."""

    def __init__(self, config: RelayConfig) -> None:
        self.config = config

    # -- webhooks -------------------------------------------------------------------------

    async def _store(self, request: Request, event: IncomingEvent) -> Response:
        hub: EventHub = request.state.hub
        try:
            result = await hub.ingest(event)
        except Exception as exc:
            # not committed: no 200, so the marketplace retries
            log.error("webhook not stored: %s", exc)
            return _error(503, "not_stored")
        if result.store_id is None:
            log.warning(
                "webhook for unknown %s account %s kept unrouted (event %d)",
                event.channel,
                event.account_id,
                result.event_id,
            )
        return Response(status_code=200)

    async def mercadopago(self, request: Request) -> Response:
        secret = self.config.mp_webhook_secret
        if secret:
            # parse the query string only when it can hold data.id (most webhooks have none)
            query = request.query_params if b"data.id" in request.scope["query_string"] else {}
            try:
                check_mp_signature(secret, request.headers, query)
            except BadSignature as exc:
                log.warning("mercadopago webhook refused: %s", exc)
                return _error(401, "bad_signature")
        return await self._marketplace(request, CHANNEL_MP_DELIVERY)

    async def mercadolibre(self, request: Request) -> Response:
        # Mercado Libre does not sign notifications (api notes A.1).
        return await self._marketplace(request, CHANNEL_MERCADOLIBRE)

    async def _marketplace(self, request: Request, channel: str) -> Response:
        body = await request.body()
        try:
            event = parse_marketplace_notification(channel, body, utc_now_iso())
        except BadWebhook as exc:
            return _error(400, "bad_request", detail=str(exc))
        return await self._store(request, event)

    async def shopee(self, request: Request) -> Response:
        body = await request.body()
        key = self.config.shopee_partner_key
        if key:
            url = self.config.shopee_callback_url or str(request.url)
            try:
                check_shopee_signature(key, url, body, request.headers.get("authorization", ""))
            except BadSignature as exc:
                log.warning("shopee push refused: %s", exc)
                return _error(401, "bad_signature")
        try:
            event = parse_shopee_push(body, utc_now_iso())
        except BadWebhook as exc:
            return _error(400, "bad_request", detail=str(exc))
        return await self._store(request, event)

    # -- desks ----------------------------------------------------------------------------

    async def _desk(self, request: Request) -> StoreInfo | None:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != AUTH_SCHEME.lower() or not token.strip():
            return None
        hub: EventHub = request.state.hub
        return await hub.store_for_token(token.strip())

    async def events(self, request: Request) -> Response:
        store = await self._desk(request)
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
        store = await self._desk(request)
        if store is None:
            return _error(401, "unauthorized")
        try:
            after = _query_int(request, "after")
        except ValueError as exc:
            return _error(400, "bad_request", detail=str(exc))
        hub: EventHub = request.state.hub
        answer: StatusAnswerJSON = {
            "store": store.name,
            "last_webhook_at": await hub.last_received_at(store.id),
            "cursor": hub.latest(store.id),
            "backlog": await hub.count_after(store.id, after or 0),
        }
        return JSONResponse(answer)

    async def healthz(self, request: Request) -> Response:
        hub: EventHub = request.state.hub
        try:
            await asyncio.wait_for(hub.probe_write(), self.config.health_probe_timeout_seconds)
        except Exception as exc:
            log.error("health probe failed: %s", exc)
            return JSONResponse({"ok": False, "problem": str(exc) or "timeout"}, status_code=503)
        return JSONResponse({"ok": True})
