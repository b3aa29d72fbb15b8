"""Credentials from the relay's token custody (issue 15): the relay holds the application's
secret and the store's refresh token; the desk asks it for the store's short-lived access
token and, for Shopee, for each call's signature. Nothing here ever holds a refresh token,
an application secret or a partner key.

* ``GET /v1/credentials/{channel}`` → ``{"access_token", "expires_at"}``, kept until two
  minutes before ``expires_at`` (the relay refreshes well before that).
* After a 401 the client calls ``rejected()``: ``POST /v1/credentials/{channel}/rejected``
  once for that token; the relay refreshes and answers the new token. A token the relay gave
  after such a report that is refused again is not reported a second time (no loop): the
  link is broken and staff must relink.
* ``POST /v1/sign/{channel}`` signs one shop call (path + timestamp) for the desk's store.
* ``account()``: the account the store is linked as (``GET /v1/links``), for a plug-in that
  must name its seller (Mercado Libre's orders search) when no seller id is set.
* 404 ``not_linked`` and 409 ``link_expired`` become ``AuthError`` with those codes; the
  relay unreachable or answering 503 keeps a cached token that has not expired yet, else
  ``TransientError`` (retried like any network failure).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

import httpx

from .base import SignedCall
from .errors import AuthError, BadResponse, ChannelError, TransientError

__all__ = ["REFRESH_MARGIN_S", "RelayCredentials"]

log = logging.getLogger(__name__)

REFRESH_MARGIN_S = 120.0  # a cached token is asked for again this long before it expires
_TIMEOUT = httpx.Timeout(10.0)


def _expiry(value: object) -> float:
    if not isinstance(value, str):
        raise BadResponse("the relay's expires_at is missing")
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        raise BadResponse("the relay's expires_at is not a time") from None
    if when.tzinfo is None:
        raise BadResponse("the relay's expires_at has no UTC offset")
    return when.timestamp()


def _token(body: dict[str, Any]) -> str:
    token = body.get("access_token")
    if not isinstance(token, str) or not token.strip():
        raise BadResponse("the relay's answer has no access token")
    return token.strip()


class RelayCredentials:
    def __init__(
        self,
        relay_url: str,
        desk_token: str,
        channel: str,
        *,
        http: httpx.AsyncClient | None = None,
        clock: Callable[[], float] = time.time,
        account: str | None = None,
    ) -> None:
        self._base = relay_url.rstrip("/")
        self._auth = {"Authorization": f"Bearer {desk_token.strip()}"}
        self.channel = channel
        self._http = http
        self._own_http = http is None
        self._clock = clock
        self._lock = asyncio.Lock()
        self._token: str | None = None
        self._expires = 0.0
        self._last_used: str | None = None  # the token of the last call (signed or not)
        self._reported: set[str] = set()  # tokens already reported as refused
        self._account = account  # the linked account, when the links were read already

    def __repr__(self) -> str:  # never a secret
        return f"RelayCredentials({self._base!r}, {self.channel!r})"

    async def aclose(self) -> None:
        if self._http is not None and self._own_http:
            await self._http.aclose()
        self._http = None

    # ---- the relay's answers ------------------------------------------------------------
    async def _post_or_get(self, method: str, path: str, body: object = None) -> dict[str, Any]:
        if self._http is None:
            self._http = httpx.AsyncClient(timeout=_TIMEOUT)
        try:
            response = await self._http.request(
                method, self._base + path, json=body, headers=self._auth
            )
        except httpx.HTTPError as exc:
            raise TransientError(f"cannot reach the relay ({type(exc).__name__})") from None
        status = response.status_code
        error = self._error(response)
        if status == 401:
            raise AuthError("the relay refused this desk's token", status=401, code="relay_token")
        if status == 404:
            raise AuthError(
                f"{self.channel} is not linked at the relay: link it in Settings",
                status=404,
                code=error or "not_linked",
            )
        if status == 409:
            raise AuthError(
                f"the {self.channel} link expired: relink it in Settings",
                status=409,
                code=error or "link_expired",
            )
        if status >= 500:
            raise TransientError(f"the relay could not answer ({status})", status=status)
        if status != 200:
            raise BadResponse(f"the relay answered {status}", status=status)
        try:
            answer = response.json()
        except ValueError:
            raise BadResponse("the relay's answer is not JSON") from None
        if not isinstance(answer, dict):
            raise BadResponse("the relay's answer is not an object")
        return answer

    @staticmethod
    def _error(response: httpx.Response) -> str | None:
        try:
            body = response.json()
        except ValueError:
            return None
        key = body.get("error") if isinstance(body, dict) else None
        return key if isinstance(key, str) and key else None

    def _keep(self, answer: dict[str, Any]) -> str:
        token, expires = _token(answer), _expiry(answer.get("expires_at"))
        self._token, self._expires = token, expires
        return token

    def _fresh(self) -> bool:
        return self._token is not None and self._clock() < self._expires - REFRESH_MARGIN_S

    # ---- Credentials ----------------------------------------------------------------------
    async def access_token(self) -> str:
        async with self._lock:
            if not self._fresh():
                try:
                    answer = await self._post_or_get("GET", f"/v1/credentials/{self.channel}")
                except TransientError:
                    # The relay is away: a token that still lives keeps the desk working.
                    if self._token is not None and self._clock() < self._expires:
                        log.info("relay unreachable; using the %s token it gave", self.channel)
                        return self._token
                    raise
                except AuthError:
                    self._token = None
                    raise
                self._keep(answer)
            assert self._token is not None
            self._last_used = self._token
            return self._token

    async def rejected(self) -> None:
        async with self._lock:
            token = self._last_used
            if token is None:
                raise AuthError(f"no {self.channel} token was in use", code="link_expired")
            if token in self._reported:
                self._token = None
                raise AuthError(
                    f"the relay's new {self.channel} token was refused too: relink it",
                    code="link_expired",
                )
            self._reported.add(token)
            try:
                answer = await self._post_or_get(
                    "POST", f"/v1/credentials/{self.channel}/rejected", {"access_token": token}
                )
            except ChannelError:
                self._token = None
                raise
            new = self._keep(answer)
            if new == token:
                raise AuthError(
                    f"the relay has no newer {self.channel} token: relink it", code="link_expired"
                )
            self._last_used = new
            log.info("the relay refreshed the refused %s token", self.channel)

    async def account(self) -> str | None:
        if self._account is None:
            answer = await self._post_or_get("GET", "/v1/links")
            links = answer.get("links")
            for link in links if isinstance(links, list) else ():
                if not isinstance(link, dict) or link.get("channel") != self.channel:
                    continue
                account = link.get("account")
                if isinstance(account, str | int) and not isinstance(account, bool):
                    self._account = str(account).strip() or None
        return self._account

    async def sign_call(
        self, api_path: str, timestamp: int, partner_id: int, shop_id: int
    ) -> SignedCall:
        """The relay signs for the linked shop; the desk's own ids are not needed."""
        answer = await self._post_or_get(
            "POST", f"/v1/sign/{self.channel}", {"path": api_path, "timestamp": timestamp}
        )
        ids = answer.get("partner_id"), answer.get("shop_id")
        sign = answer.get("sign")
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in ids) or not (
            isinstance(sign, str) and sign
        ):
            raise BadResponse("the relay's signature answer is incomplete")
        token = _token(answer)
        self._last_used = token
        return SignedCall(int(ids[0] or 0), int(ids[1] or 0), token, sign.lower())
