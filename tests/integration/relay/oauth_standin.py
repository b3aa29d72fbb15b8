"""A stand-in for Mercado Libre's OAuth, written from the api notes (A.7) alone, on a real
HTTP server on 127.0.0.1: an authorization page that approves at once, ``POST /oauth/token``
(form-urlencoded) with single-use codes and single-use refresh tokens, ``invalid_grant`` for
anything spent, revoked or unknown, and ``invalid_client`` for wrong application
credentials.

Test controls: ``expires_in`` (seconds an access token lives), ``revoke()``, and ``hold``:
refresh requests then wait until ``release`` is set; one whose caller has hung up by then
is not carried out (the rotation happens only with an answer that can be delivered)."""

from __future__ import annotations

import asyncio
import itertools
import threading
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

CLIENT_ID = "5503910054141466"
CLIENT_SECRET = "standin-client-secret-5b2c"
SELLER_ID = 3430803000


def _invalid_grant() -> JSONResponse:
    return JSONResponse(
        {
            "error_description": "Error validating grant. Your authorization code or refresh "
            "token may be expired or it was already used",
            "error": "invalid_grant",
            "status": 400,
            "cause": [],
        },
        status_code=400,
    )


@dataclass
class OAuthStandIn:
    expires_in: int = 21600
    hold: bool = False
    release: threading.Event = field(default_factory=threading.Event)
    held: threading.Event = field(default_factory=threading.Event)
    abandoned: threading.Event = field(default_factory=threading.Event)
    codes: dict[str, str] = field(default_factory=dict)  # code -> redirect_uri
    refresh_token: str | None = None  # the one that works
    access_tokens: list[str] = field(default_factory=list)
    refresh_tokens: list[str] = field(default_factory=list)
    refreshes: int = 0  # carried out
    refused: list[str] = field(default_factory=list)  # why each refused request was
    revoked: bool = False
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def secrets(self) -> list[str]:
        """Everything that must never appear in a log."""
        return [*self.codes, *self.access_tokens, *self.refresh_tokens, CLIENT_SECRET]

    def revoke(self) -> None:
        with self._lock:
            self.revoked = True

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/authorization", self.authorization, methods=["GET"]),
                Route("/oauth/token", self.token, methods=["POST"]),
            ]
        )

    async def authorization(self, request: Request) -> Response:
        q = request.query_params
        if q.get("client_id") != CLIENT_ID or q.get("response_type") != "code":
            return JSONResponse({"error": "invalid_request"}, status_code=400)
        with self._lock:
            code = f"TG-code-{next(self._ids)}-{SELLER_ID}"
            self.codes[code] = q["redirect_uri"]
        target = f"{q['redirect_uri']}?{urlencode({'code': code, 'state': q.get('state', '')})}"
        return RedirectResponse(target, status_code=302)

    def _new_pair(self) -> JSONResponse:
        n = next(self._ids)
        access = f"APP_USR-{CLIENT_ID}-{n:06d}-standin-access-{SELLER_ID}"
        refresh = f"TG-standin-refresh-{n:06d}-{SELLER_ID}"
        self.access_tokens.append(access)
        self.refresh_tokens.append(refresh)
        self.refresh_token = refresh
        return JSONResponse(
            {
                "access_token": access,
                "token_type": "bearer",
                "expires_in": self.expires_in,
                "scope": "offline_access read write",
                "user_id": SELLER_ID,
                "refresh_token": refresh,
            }
        )

    async def token(self, request: Request) -> Response:
        if request.headers.get("content-type") != "application/x-www-form-urlencoded":
            return JSONResponse({"error": "invalid_request"}, status_code=400)
        form = {k: v[-1] for k, v in parse_qs((await request.body()).decode()).items()}
        if form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
            return JSONResponse({"error": "invalid_client", "status": 401}, status_code=401)
        grant_type = form.get("grant_type")
        if grant_type == "authorization_code":
            with self._lock:
                redirect = self.codes.pop(str(form.get("code")), None)
                if redirect is None or redirect != form.get("redirect_uri"):
                    self.refused.append("code")
                    return _invalid_grant()
                return self._new_pair()
        if grant_type != "refresh_token":
            return JSONResponse({"error": "unsupported_grant_type"}, status_code=400)
        given = str(form.get("refresh_token"))
        with self._lock:
            if self.revoked or given != self.refresh_token:
                self.refused.append("revoked" if self.revoked else "spent refresh token")
                return _invalid_grant()
        if self.hold:
            self.held.set()
            await asyncio.to_thread(self.release.wait, 60)
            if await request.is_disconnected():
                self.abandoned.set()
                return Response(status_code=499)
        with self._lock:
            if given != self.refresh_token:  # spent while this one waited
                self.refused.append("spent refresh token")
                return _invalid_grant()
            self.refreshes += 1
            return self._new_pair()
