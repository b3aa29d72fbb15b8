"""Notifications a marketplace could not deliver, read back from its API by the relay with
the credentials it keeps (issue 13): Shopee's lost pushes, Mercado Libre's missed feeds.

A linkable plug-in may declare a ``LostReader`` (``OAuthPlugin.lost``): given the
application's credentials and a way to a linked store's access token, it yields pages of
bodies, each exactly what the marketplace would have POSTed to the relay's webhook route,
and, where the marketplace wants it, a ``confirm`` the relay calls only once the page is
committed (a crash before that reads the page again; dedupe keeps one copy).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

import httpx

__all__ = ["LostContext", "LostPage", "LostReader", "LostUnavailable"]


class LostUnavailable(Exception):
    """This pass cannot go on (the marketplace away or refusing, an unreadable answer); the
    relay tries again at its next pass. The message is one line and holds no secret."""


@dataclass(frozen=True, slots=True)
class LostPage:
    bodies: tuple[bytes, ...]  # one webhook body each, as the marketplace would have sent it
    confirm: Callable[[], Awaitable[None]] | None = None  # after the page is committed


@dataclass(frozen=True, slots=True)
class LostContext:
    client_id: str  # the application (Shopee: the partner id)
    secret: str = field(repr=False)  # its secret (Shopee: the partner key, which signs)
    base_url: str | None  # `relay serve --api CHANNEL=URL`; None: the real hosts
    http: httpx.AsyncClient
    # A linked store's current access token (None: no store is linked on this marketplace).
    access_token: Callable[[], Awaitable[str | None]]


LostReader = Callable[[LostContext], AsyncIterator[LostPage]]
