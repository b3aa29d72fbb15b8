"""DirectRoutes: the relay's hot routes without Starlette's router and exception layers.

Every webhook costs three HTTP exchanges with desks long-polling (the webhook, a desk's
answer and its re-poll), and Starlette's router (a regex match per route) plus its
exception middleware (a Request and a wrapped ``send`` per layer) were a visible share of
the relay's CPU per request. This middleware looks up the exact (method, path) of a few
routes in a dict and calls their endpoint itself. Answers stay the same: an exception with
a registered handler (the backend unavailable → 503) gets that handler's answer, any other
error propagates to Starlette's ServerErrorMiddleware (→ 500), and every other request —
other paths, other methods (HEAD included), a trailing slash, a ``root_path`` — goes on to
the normal app untouched.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["DirectRoutes", "Endpoint", "ErrorHandler"]

Endpoint = Callable[[Request], Awaitable[Response]]
ErrorHandler = Callable[[Request, Exception], Awaitable[Response]]


class DirectRoutes:
    """Pure ASGI middleware: ``routes`` maps (method, path) to an async endpoint;
    ``exception_handlers`` are the app's own (the same dict given to Starlette)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        routes: Mapping[tuple[str, str], Endpoint],
        exception_handlers: Mapping[type[Exception], ErrorHandler],
    ) -> None:
        self.app = app
        self._routes = dict(routes)
        self._handlers = dict(exception_handlers)

    def _handler_for(self, exc: Exception) -> ErrorHandler | None:
        # Starlette's rule: the nearest class in the exception's MRO with a handler.
        for cls in type(exc).__mro__:
            handler = self._handlers.get(cls)
            if handler is not None:
                return handler
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        endpoint = (
            self._routes.get((scope["method"], scope["path"]))
            if scope["type"] == "http" and not scope.get("root_path")
            else None
        )
        if endpoint is None:
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive, send)
        try:
            response = await endpoint(request)
        except Exception as exc:
            handler = self._handler_for(exc)
            if handler is None:
                raise
            response = await handler(request, exc)
            exc.__traceback__ = None  # as Starlette does: no frames kept alive by the error
        await response(scope, receive, send)
