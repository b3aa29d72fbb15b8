"""The token custody's HTTP face (issue 15): desks (desk token, their own store only) get
their links, access tokens and Shopee-style signatures; browsers come back from the
marketplaces' authorization pages to ``/oauth/{channel}/callback``.

Answers: 404 ``not_linked``, 409 ``link_expired`` (staff must link again), 503
``unavailable`` (the marketplace could not be reached: the desk keeps its cached token and
asks again later). No token appears in a log line or an error body."""

from __future__ import annotations

import html
import logging
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from kitchen_app.relay.backend import BackendUnavailable
from kitchen_app.relay.custody import (
    Custody,
    LinkExpired,
    LinkFailed,
    NotLinked,
    Unavailable,
)
from kitchen_app.relay.eventlog import StoreInfo
from kitchen_app.relay.strict_json import NotStrictJSON, loads_strict

__all__ = ["CustodyHandlers"]

log = logging.getLogger(__name__)

DeskLookup = Callable[[Request], Awaitable[StoreInfo | None]]
_MAX_BODY = 4096


def _error(status: int, code: str, message: str) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"error": code, "message": message}, status_code=status, headers=headers)


def _page(status: int, title: str, sentence: str) -> HTMLResponse:
    body = (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title></head>"
        f"<body><h1>{html.escape(title)}</h1><p>{html.escape(sentence)}</p></body></html>"
    )
    return HTMLResponse(body, status_code=status, headers={"Cache-Control": "no-store"})


async def _json_object(request: Request) -> dict[str, object] | None:
    body = await request.body()
    if len(body) > _MAX_BODY:
        return None
    try:
        data = loads_strict(body)
    except NotStrictJSON:
        return None
    return data if isinstance(data, dict) else None


class CustodyHandlers:
    def __init__(self, desk: DeskLookup) -> None:
        self._desk = desk

    async def _call(
        self, request: Request, action: Callable[[Custody, StoreInfo], Awaitable[Response]]
    ) -> Response:
        store = await self._desk(request)
        if store is None:
            return _error(401, "unauthorized", "a desk token is required")
        custody: Custody | None = request.state.custody
        if custody is None:
            return _error(404, "not_linked", "this relay does not keep marketplace tokens")
        try:
            return await action(custody, store)
        except NotLinked as exc:
            return _error(404, "not_linked", str(exc))
        except LinkExpired:
            return _error(409, "link_expired", "the marketplace refused the link: link again")
        except Unavailable as exc:
            return _error(503, "unavailable", str(exc))
        except BackendUnavailable:
            raise  # the app's handler: 503, logged

    async def credentials(self, request: Request) -> Response:
        channel = request.path_params["channel"]

        async def run(custody: Custody, store: StoreInfo) -> Response:
            token, expires_at = await custody.credentials(store.id, channel)
            return JSONResponse({"access_token": token, "expires_at": expires_at})

        return await self._call(request, run)

    async def rejected(self, request: Request) -> Response:
        channel = request.path_params["channel"]
        body = await _json_object(request)
        token = body.get("access_token") if body is not None else None
        if not isinstance(token, str) or not token:
            if await self._desk(request) is None:
                return _error(401, "unauthorized", "a desk token is required")
            return _error(400, "bad_request", 'the body must be {"access_token": "…"}')

        async def run(custody: Custody, store: StoreInfo) -> Response:
            access, expires_at = await custody.rejected(store.id, channel, token)
            return JSONResponse({"access_token": access, "expires_at": expires_at})

        return await self._call(request, run)

    async def sign(self, request: Request) -> Response:
        channel = request.path_params["channel"]
        body = await _json_object(request)
        path = body.get("path") if body is not None else None
        timestamp = body.get("timestamp") if body is not None else None
        if (
            not isinstance(path, str)
            or isinstance(timestamp, bool)
            or not isinstance(timestamp, int)
        ):
            if await self._desk(request) is None:
                return _error(401, "unauthorized", "a desk token is required")
            return _error(400, "bad_request", 'the body must be {"path": "…", "timestamp": 0}')

        async def run(custody: Custody, store: StoreInfo) -> Response:
            try:
                signed = await custody.sign(store.id, channel, path, timestamp)
            except ValueError as exc:
                return _error(400, "bad_request", str(exc))
            return JSONResponse(signed)

        return await self._call(request, run)

    async def links(self, request: Request) -> Response:
        async def run(custody: Custody, store: StoreInfo) -> Response:
            return JSONResponse({"links": await custody.links(store.id)})

        store = await self._desk(request)
        if store is not None and request.state.custody is None:
            return JSONResponse({"links": []})
        return await self._call(request, run)

    async def start_link(self, request: Request) -> Response:
        channel = request.path_params["channel"]

        async def run(custody: Custody, store: StoreInfo) -> Response:
            url, expires = await custody.start_link(store.id, channel)
            log.info("store %d asked for a %s link", store.id, channel)
            return JSONResponse(
                {"authorize_url": url, "expires_at": expires.isoformat(timespec="seconds")}
            )

        return await self._call(request, run)

    async def callback(self, request: Request) -> Response:
        channel = request.path_params["channel"]
        custody: Custody | None = request.state.custody
        if custody is None:
            return _page(404, "Not linked", "This relay does not link marketplace accounts.")
        params = {k: v for k, v in request.query_params.items()}
        try:
            sentence = await custody.finish_link(channel, params)
        except LinkFailed as exc:
            return _page(exc.status, "Not linked", exc.message)
        return _page(200, "Store linked", sentence)
