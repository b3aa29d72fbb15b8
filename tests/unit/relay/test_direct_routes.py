"""DirectRoutes on a small Starlette app served by uvicorn on 127.0.0.1, against the same
app without it: the same answers for the direct routes (a registered exception handler's
answer, a 500 from ServerErrorMiddleware for anything else) and everything else untouched
by it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kitchen_app.app.serving import ServerThread
from kitchen_app.relay.direct_routes import DirectRoutes, Endpoint, ErrorHandler


class Unavailable(RuntimeError):
    pass


class DatabaseGone(Unavailable):
    """A subclass: found through the MRO, as Starlette finds it."""


async def _unavailable(request: Request, exc: Exception) -> Response:
    return JSONResponse({"error": "unavailable", "why": str(exc)}, status_code=503)


async def hot(request: Request) -> Response:
    # Which path the request took: Starlette's router leaves its mark in the scope.
    body = await request.body()
    return JSONResponse(
        {"routed": "router" in request.scope, "body": body.decode(), "query": request.url.query},
        headers={"x-kind": "hot"},
    )


async def unavailable(request: Request) -> Response:
    raise DatabaseGone("connection lost")


async def boom(request: Request) -> Response:
    raise ZeroDivisionError("a bug")


async def cold(request: Request) -> Response:
    return JSONResponse({"routed": "router" in request.scope})


def _app(direct: bool) -> Starlette:
    handlers: dict[type[Exception], ErrorHandler] = {Unavailable: _unavailable}
    routes: dict[tuple[str, str], Endpoint] = {
        ("POST", "/hot"): hot,
        ("GET", "/hot"): hot,
        ("GET", "/unavailable"): unavailable,
        ("GET", "/boom"): boom,
    }
    middleware = (
        [Middleware(DirectRoutes, routes=routes, exception_handlers=handlers)] if direct else []
    )
    return Starlette(
        routes=[
            Route("/hot", hot, methods=["GET", "POST"]),
            Route("/unavailable", unavailable, methods=["GET"]),
            Route("/boom", boom, methods=["GET"]),
            Route("/cold", cold, methods=["GET"]),
        ],
        middleware=middleware,
        exception_handlers=dict(handlers),
    )


@pytest.fixture(scope="module")
def clients() -> Iterator[tuple[str, str]]:
    """Base URLs of (the app with DirectRoutes, the same app without it), each on its own
    server."""
    servers = [ServerThread(_app(direct=True)), ServerThread(_app(direct=False))]
    try:
        yield servers[0].start(), servers[1].start()
    finally:
        for server in servers:
            server.stop()


def _answer(response: httpx.Response) -> tuple[int, list[tuple[str, str]], bytes]:
    headers = sorted((k, v) for k, v in response.headers.items() if k != "date")
    return response.status_code, headers, response.content


def _both(
    clients: tuple[str, str], method: str, url: str, **kwargs: object
) -> tuple[httpx.Response, httpx.Response]:
    # A connection per request (uvicorn closes one after a 500); a Host without the port,
    # which a redirect names.
    kwargs.setdefault("headers", {"host": "relay.test"})
    return (
        httpx.request(method, clients[0] + url, timeout=10, **kwargs),  # type: ignore[arg-type]
        httpx.request(method, clients[1] + url, timeout=10, **kwargs),  # type: ignore[arg-type]
    )


def test_a_direct_route_skips_the_router_and_answers_the_same(
    clients: tuple[str, str],
) -> None:
    direct, plain = _both(clients, "POST", "/hot?a=1", content=b"payload")
    assert direct.status_code == 200
    assert direct.json() == {"routed": False, "body": "payload", "query": "a=1"}
    assert plain.json() == {"routed": True, "body": "payload", "query": "a=1"}
    # Apart from where it went ("false" is one byte longer), the same headers.
    assert [h for h in _answer(direct)[1] if h[0] != "content-length"] == [
        h for h in _answer(plain)[1] if h[0] != "content-length"
    ]


def test_a_registered_exception_gets_its_handler_answer(
    clients: tuple[str, str],
) -> None:
    direct, plain = _both(clients, "GET", "/unavailable")
    assert direct.status_code == 503
    assert direct.json() == {"error": "unavailable", "why": "connection lost"}
    assert _answer(direct) == _answer(plain)


def test_any_other_error_is_a_500_from_starlette(
    clients: tuple[str, str],
) -> None:
    direct, plain = _both(clients, "GET", "/boom")
    assert direct.status_code == 500
    assert direct.text == "Internal Server Error"
    assert _answer(direct) == _answer(plain)


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("GET", "/cold"),  # a route that is not direct
        ("HEAD", "/hot"),  # a method the table does not name (the router adds HEAD to GET)
        ("PUT", "/hot"),  # 405 from the router
        ("POST", "/hot/"),  # trailing slash: the router's redirect
        ("GET", "/nowhere"),  # 404
        ("POST", "/boom"),  # 405 for a direct path with another method
    ],
)
def test_everything_else_falls_through_to_the_app(
    clients: tuple[str, str], method: str, url: str
) -> None:
    direct, plain = _both(clients, method, url)
    assert _answer(direct) == _answer(plain)
    if method == "GET" and url == "/cold":
        assert direct.json() == {"routed": True}
