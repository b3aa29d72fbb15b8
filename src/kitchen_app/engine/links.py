"""Store links at the relay (issue 15), as the desk's settings page shows and starts them:
``GET /v1/links`` (each channel's state and linked account) and ``POST /v1/links/{channel}``
(a fresh authorization address for the browser). One short request each, desk token as
bearer; errors come out as the relay feed's typed ``RelayError``s."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

from kitchen_app.channels.custody import AUTO, RELAY, SOURCES

from .relay_feed import RelayAuthError, RelayError, RelayProtocolError, RelayUnavailable

__all__ = [
    "LINK_STATES",
    "LinkStart",
    "LinkState",
    "RelayLinks",
    "credentials_source",
    "read_links",
    "relay_wanted",
]

log = logging.getLogger(__name__)

LINK_STATES = ("linked", "expired", "unlinked")
_TIMEOUT = httpx.Timeout(10.0)
_CONNECT_TIMEOUT = httpx.Timeout(3.0)  # asked while the engine connects: keep it short


@dataclass(frozen=True, slots=True)
class LinkState:
    channel: str
    state: str  # "linked" | "expired" | "unlinked" (anything else is read as "unlinked")
    account: str | None = None  # the marketplace's seller/shop id the store is linked as
    expires_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class LinkStart:
    channel: str
    authorize_url: str  # the marketplace's authorization page, for the browser
    expires_at: datetime | None = None  # the link attempt's end (10 minutes)


def _time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return when if when.tzinfo is not None else None


def _link(raw: Any) -> LinkState | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("channel"), str):
        return None
    state = raw.get("state")
    account = raw.get("account")
    return LinkState(
        channel=raw["channel"],
        state=state if state in LINK_STATES else "unlinked",
        account=str(account) if isinstance(account, str | int) and account != "" else None,
        expires_at=_time(raw.get("expires_at")),
    )


class RelayLinks:
    def __init__(self, relay_url: str, desk_token: str, *, http: httpx.AsyncClient | None = None):
        self._base = relay_url.rstrip("/")
        self._auth = {"Authorization": f"Bearer {desk_token.strip()}"}
        self._http = http

    def __repr__(self) -> str:  # never the token
        return f"RelayLinks({self._base!r})"

    async def _ask(self, method: str, path: str) -> dict[str, Any]:
        try:
            if self._http is not None:
                response = await self._http.request(method, self._base + path, headers=self._auth)
            else:
                async with httpx.AsyncClient(timeout=_TIMEOUT) as http:
                    response = await http.request(method, self._base + path, headers=self._auth)
        except httpx.HTTPError as exc:
            raise RelayUnavailable(f"cannot reach the relay ({type(exc).__name__})") from None
        if response.status_code == 401:
            raise RelayAuthError("the relay refused this desk's token")
        if response.status_code == 404:
            raise RelayProtocolError("the relay does not link stores (an older relay?)")
        if response.status_code != 200:
            raise RelayUnavailable(f"the relay answered {response.status_code}")
        try:
            body = response.json()
        except ValueError:
            raise RelayProtocolError("the relay's answer is not JSON") from None
        if not isinstance(body, dict):
            raise RelayProtocolError("the relay's answer is not an object")
        return body

    async def states(self) -> tuple[LinkState, ...]:
        body = await self._ask("GET", "/v1/links")
        raw = body.get("links")
        if not isinstance(raw, list):
            raise RelayProtocolError("the relay's links answer has no list")
        return tuple(link for link in (_link(item) for item in raw) if link is not None)

    async def start(self, channel: str) -> LinkStart:
        body = await self._ask("POST", f"/v1/links/{channel}")
        url = body.get("authorize_url")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise RelayProtocolError("the relay gave no authorization address")
        return LinkStart(channel, url, _time(body.get("expires_at")))


# ---- which channels take the relay's credentials (``<channel>.credentials``) ----------------
def credentials_source(settings: Mapping[str, Any], channel: str) -> str:
    value = settings.get(f"{channel}.credentials", AUTO)
    return value if value in SOURCES else AUTO


def relay_wanted(
    settings: Mapping[str, Any],
    channels: Iterable[str],
    links: Mapping[str, LinkState] | None,
) -> set[str]:
    """The channels whose credentials should be the relay's. ``links``: the relay's link
    states, None when they could not be read (then ``auto`` means the pasted token until
    they can be: the engine asks again every minute)."""
    if not (settings.get("relay_url") and settings.get("relay_token")):
        return set()  # no relay: only pasted tokens can work
    chosen: set[str] = set()
    for channel in channels:
        source = credentials_source(settings, channel)
        state = links[channel].state if links is not None and channel in links else None
        if source == RELAY or (source == AUTO and state in ("linked", "expired")):
            chosen.add(channel)
    return chosen


async def read_links(settings: Mapping[str, Any]) -> dict[str, LinkState] | None:
    if not (settings.get("relay_url") and settings.get("relay_token")):
        return None
    async with httpx.AsyncClient(timeout=_CONNECT_TIMEOUT) as http:
        try:
            states = await RelayLinks(
                str(settings["relay_url"]), str(settings["relay_token"]), http=http
            ).states()
        except RelayError as exc:
            log.info("store links not read from the relay: %s", exc)
            return None
    return {link.channel: link for link in states}
