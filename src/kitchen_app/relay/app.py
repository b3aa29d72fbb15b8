"""``build_app(config)``: the relay as a Starlette app, runnable under uvicorn or
``kitchen_app.app.serving.ServerThread``."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import TypedDict

import httpx
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kitchen_app.domain.relay_protocol import EVENTS_PATH, HEALTH_PATH, STATUS_PATH
from kitchen_app.relay.backend import BackendUnavailable, LogBackend, SQLiteBackend
from kitchen_app.relay.config import RelayConfig
from kitchen_app.relay.custody import Custody
from kitchen_app.relay.custody_open import open_link_store
from kitchen_app.relay.custody_routes import CustodyHandlers
from kitchen_app.relay.direct_routes import DirectRoutes, Endpoint, ErrorHandler
from kitchen_app.relay.hub import EventHub
from kitchen_app.relay.lost_notifications import LostNotifications
from kitchen_app.relay.middleware import BodyLimitMiddleware
from kitchen_app.relay.routes import Handlers

__all__ = ["build_app"]

log = logging.getLogger(__name__)

# A lock held by another process (an add-store run) makes a commit wait this long at most,
# blocking the loop meanwhile; past it the webhook gets 503 and the marketplace retries.
_WRITER_BUSY_TIMEOUT = 2.0


class _State(TypedDict):
    hub: EventHub
    custody: Custody | None


def build_app(config: RelayConfig) -> Starlette:
    """The relay serving ``config.webhooks`` (the plug-ins' rules, from app/)."""
    handlers = Handlers(config)
    linking = CustodyHandlers(handlers.desk)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[_State]:
        backend = await _open_backend(config)
        hub = EventHub(
            backend,
            retention_seconds=config.retention_seconds,
            prune_interval_seconds=config.prune_interval_seconds,
            max_pending=config.max_pending_webhooks,
            commit_timeout=config.commit_timeout_seconds,
            health_probe_interval_seconds=config.health_probe_interval_seconds,
        )
        try:
            await hub.start()
            log.info("relay storing events in %s", backend.description)
            async with _custody(config) as custody, _lost_notifications(config, hub, custody):
                yield {"hub": hub, "custody": custody}
        finally:
            await hub.stop()
            await backend.close()

    # path -> its webhook endpoint, one per plug-in's Notify: the router and DirectRoutes
    # below are built from this one mapping, so they cannot disagree.
    webhooks: dict[str, Endpoint] = {n.path: handlers.webhook(n) for n in config.webhooks}
    routes = [
        *(Route(path, endpoint, methods=["POST"]) for path, endpoint in webhooks.items()),
        Route(EVENTS_PATH, handlers.events, methods=["GET"]),
        Route(STATUS_PATH, handlers.status, methods=["GET"]),
        Route(HEALTH_PATH, handlers.healthz, methods=["GET"]),
        Route("/v1/credentials/{channel}", linking.credentials, methods=["GET"]),
        Route("/v1/credentials/{channel}/rejected", linking.rejected, methods=["POST"]),
        Route("/v1/sign/{channel}", linking.sign, methods=["POST"]),
        Route("/v1/links", linking.links, methods=["GET"]),
        Route("/v1/links/{channel}", linking.start_link, methods=["POST"]),
        Route("/oauth/{channel}/callback", linking.callback, methods=["GET"]),
    ]
    # The hot routes (a webhook, a desk's long poll) skip the router and exception layers.
    hot: dict[tuple[str, str], Endpoint] = {
        **{("POST", path): endpoint for path, endpoint in webhooks.items()},
        ("GET", EVENTS_PATH): handlers.events,
    }
    exception_handlers: dict[type[Exception], ErrorHandler] = {BackendUnavailable: _unavailable}
    middleware = [
        Middleware(BodyLimitMiddleware, max_bytes=config.max_body_bytes),
        Middleware(DirectRoutes, routes=hot, exception_handlers=exception_handlers),
    ]
    return Starlette(
        routes=routes,
        middleware=middleware,
        lifespan=lifespan,
        exception_handlers=dict(exception_handlers),
    )


async def _unavailable(request: Request, exc: Exception) -> Response:
    log.error("database unavailable: %s", exc)
    return JSONResponse({"error": "unavailable"}, status_code=503)


@contextlib.asynccontextmanager
async def _custody(config: RelayConfig) -> AsyncIterator[Custody | None]:
    """The token custody when the relay holds application credentials (else None)."""
    if config.custody is None:
        yield None
        return
    store = await open_link_store(config.database_url or config.db_path)
    try:
        async with httpx.AsyncClient() as http:
            custody = Custody(config.custody, store, http=http)
            await custody.start()
            try:
                yield custody
            finally:
                await custody.stop()
    finally:
        await store.close()


@contextlib.asynccontextmanager
async def _lost_notifications(
    config: RelayConfig, hub: EventHub, custody: Custody | None
) -> AsyncIterator[None]:
    """Lost notifications read back with the custody's credentials (when it has any)."""
    if config.custody is None or custody is None:
        yield
        return
    async with httpx.AsyncClient() as http:
        lost = LostNotifications(
            config.custody,
            hub,
            custody.any_access_token,
            http=http,
            interval_seconds=config.lost_check_seconds,
            webhooks=config.webhooks,
        )
        await lost.start()
        try:
            yield
        finally:
            await lost.stop()


async def _open_backend(config: RelayConfig) -> LogBackend:
    if config.database_url:
        from kitchen_app.relay.pg_log import PostgresBackend  # asyncpg only when used

        return await PostgresBackend.open(config.database_url)
    # Both SQLite connections live on the event loop's thread (see hub.py for why).
    return SQLiteBackend(config.db_path, writer_busy_timeout=_WRITER_BUSY_TIMEOUT)
