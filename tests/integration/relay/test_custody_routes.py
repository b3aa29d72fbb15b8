"""The custody's desk routes on a relay served in-process, over links written straight into
its SQLite file: Shopee calls signed for the desk's own store (the partner key stays on the
relay), and an unreachable marketplace answered 503 (never 409: the link is not judged)."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from cryptography.fernet import Fernet
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from kitchen_app.app.plugins import registry
from kitchen_app.app.relay_setup import relay_config
from kitchen_app.app.serving import ServerThread, free_port
from kitchen_app.relay import add_store, build_app
from kitchen_app.relay.custody import iso_text
from kitchen_app.relay.custody_setup import custody_setup
from kitchen_app.relay.custody_sqlite import SQLiteLinkStore
from kitchen_app.relay.custody_store import NewLink

KEY = Fernet.generate_key().decode()
PARTNER_KEY = "shopee-partner-key-for-tests"
ENV = {
    "KITCHEN_SHOPEE_PARTNER_ID": "2001887",
    "KITCHEN_SHOPEE_PARTNER_KEY": PARTNER_KEY,
    "KITCHEN_ML_CLIENT_ID": "55",
    "KITCHEN_ML_CLIENT_SECRET": "ml-secret",
    "KITCHEN_TOKEN_KEY": KEY,
}


def _seed(
    db: Path, store_name: str, channel: str, account: str, access: str, left: timedelta
) -> None:
    async def run() -> None:
        store = SQLiteLinkStore(db)
        try:
            rows = await store.find_store(store_name)
            box = Fernet(KEY.encode())
            now = datetime.now(UTC)
            pair = NewLink(
                box.encrypt(access.encode()).decode(),
                box.encrypt(b"refresh-" + access.encode()).decode(),
                iso_text(now + left),
                iso_text(now - timedelta(hours=1)),
            )
            assert await store.save_link(rows[0][0], channel, account, pair) is None
        finally:
            await store.close()

    asyncio.run(run())


@pytest.fixture
def relay(tmp_path: Path) -> Iterator[tuple[str, str, str]]:
    db = tmp_path / "relay.sqlite3"
    token_a = add_store(db, "Cantina A", mp_user_id=1)
    token_b = add_store(db, "Bistro B", mp_user_id=2)
    dead = f"http://127.0.0.1:{free_port()}"  # nothing listens: the marketplace is away
    oauth = [p.oauth for p in registry() if p.oauth is not None]
    setup = custody_setup(
        oauth, ENV, public_url="http://relay.test", api={"mercadolibre": dead, "shopee": dead}
    )
    _seed(db, "Cantina A", "shopee", "727720655", "sp-access-a", timedelta(hours=3))
    _seed(db, "Cantina A", "mercadolibre", "3430803000", "ml-access-a", timedelta(seconds=30))
    server = ServerThread(build_app(relay_config(db_path=db, custody=setup)))
    url = server.start()
    try:
        yield url, token_a, token_b
    finally:
        server.stop()


def test_shopee_calls_are_signed_for_the_desks_own_store(relay: tuple[str, str, str]) -> None:
    url, token_a, token_b = relay
    body = {"path": "/api/v2/order/get_order_list", "timestamp": 1655714431}
    signed = httpx.post(
        f"{url}/v1/sign/shopee", json=body, headers={"Authorization": f"Bearer {token_a}"}
    )
    assert signed.status_code == 200
    base = "2001887/api/v2/order/get_order_list1655714431sp-access-a727720655"
    expected = hmac.new(PARTNER_KEY.encode(), base.encode(), hashlib.sha256).hexdigest()
    assert signed.json() == {
        "partner_id": 2001887,
        "shop_id": 727720655,
        "access_token": "sp-access-a",
        "sign": expected,
    }
    assert PARTNER_KEY not in signed.text
    other = httpx.post(
        f"{url}/v1/sign/shopee", json=body, headers={"Authorization": f"Bearer {token_b}"}
    )
    assert other.status_code == 404 and other.json()["error"] == "not_linked"
    bad = httpx.post(
        f"{url}/v1/sign/shopee",
        json={"path": "/elsewhere", "timestamp": 1},
        headers={"Authorization": f"Bearer {token_a}"},
    )
    assert bad.status_code == 400
    assert httpx.post(f"{url}/v1/sign/shopee", json=body).status_code == 401
    # a token that is not the current one (any text) is answered with the current one
    stale = httpx.post(
        f"{url}/v1/credentials/shopee/rejected",
        json={"access_token": "tökén ñ"},
        headers={"Authorization": f"Bearer {token_a}"},
    )
    assert stale.status_code == 200 and stale.json()["access_token"] == "sp-access-a"


def test_an_unreachable_marketplace_is_503_and_the_link_stays(
    relay: tuple[str, str, str],
) -> None:
    url, token_a, _ = relay
    desk = {"Authorization": f"Bearer {token_a}"}
    # 30 s left: a desk is still given the token while the refresh cannot be made
    kept = httpx.get(f"{url}/v1/credentials/mercadolibre", headers=desk)
    assert kept.status_code == 200 and kept.json()["access_token"] == "ml-access-a"
    refused = httpx.post(
        f"{url}/v1/credentials/mercadolibre/rejected",
        json={"access_token": "ml-access-a"},
        headers=desk,
    )
    assert refused.status_code == 503 and refused.json()["error"] == "unavailable"
    links = {
        link["channel"]: link for link in httpx.get(f"{url}/v1/links", headers=desk).json()["links"]
    }
    assert links["mercadolibre"]["state"] == "linked"
    assert links["shopee"]["account"] == "727720655"
    assert "mp_delivery" not in links  # no application credentials for it here


class ShopeeStandIn:
    """Shopee's authorization and token endpoints from the api notes (B.1): public-signed
    requests, `code` + `shop_id` appended to the redirect, single-use codes and refresh
    tokens."""

    def __init__(self) -> None:
        self.codes: set[str] = set()
        self.refresh_token = ""
        self.calls: list[str] = []

    def _signed(self, request: Request) -> bool:
        q = request.query_params
        base = f"{q.get('partner_id')}{request.url.path}{q.get('timestamp')}"
        expected = hmac.new(PARTNER_KEY.encode(), base.encode(), hashlib.sha256).hexdigest()
        return q.get("partner_id") == "2001887" and hmac.compare_digest(q.get("sign", ""), expected)

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/api/v2/shop/auth_partner", self.authorize, methods=["GET"]),
                Route("/api/v2/auth/token/get", self.token, methods=["POST"]),
                Route("/api/v2/auth/access_token/get", self.token, methods=["POST"]),
            ]
        )

    async def authorize(self, request: Request) -> Response:
        if not self._signed(request):
            return JSONResponse({"error": "error_sign", "message": "Wrong sign."}, 403)
        self.codes.add("c0de")
        redirect = request.query_params["redirect"]
        joiner = "&" if "?" in redirect else "?"
        return RedirectResponse(f"{redirect}{joiner}code=c0de&shop_id=727720655", 302)

    async def token(self, request: Request) -> Response:
        if not self._signed(request):
            return JSONResponse({"error": "error_sign", "message": "Wrong sign."}, 403)
        body = json.loads(await request.body())
        self.calls.append(request.url.path)
        if request.url.path.endswith("/token/get"):
            if body.get("code") not in self.codes or body.get("shop_id") != 727720655:
                return JSONResponse({"error": "invalid_code", "message": "Invalid code"})
            self.codes.discard(body["code"])
        elif body.get("refresh_token") != self.refresh_token:
            return JSONResponse({"error": "error_auth", "message": "Invalid refresh_token"})
        n = len(self.calls)
        self.refresh_token = f"sp-refresh-{n}"
        return JSONResponse(
            {
                "access_token": f"sp-access-{n}",
                "refresh_token": self.refresh_token,
                "expire_in": 14400,
                "request_id": f"r{n}",
                "error": "",
                "message": "",
            }
        )


def test_a_shopee_shop_is_linked_with_the_state_in_the_redirect(tmp_path: Path) -> None:
    fake = ShopeeStandIn()
    with ServerThread(fake.app()) as shopee:
        db = tmp_path / "relay.sqlite3"
        token = add_store(db, "Cantina A", mp_user_id=1)
        port = free_port()
        public = f"http://127.0.0.1:{port}"
        oauth = [p.oauth for p in registry() if p.oauth is not None]
        setup = custody_setup(oauth, ENV, public_url=public, api={"shopee": shopee.url})
        server = ServerThread(build_app(relay_config(db_path=db, custody=setup)), port=port)
        url = server.start()
        try:
            desk = {"Authorization": f"Bearer {token}"}
            started = httpx.post(f"{url}/v1/links/shopee", headers=desk).json()
            page = httpx.get(started["authorize_url"], follow_redirects=True)
            assert page.status_code == 200 and "727720655" in page.text
            got = httpx.get(f"{url}/v1/credentials/shopee", headers=desk).json()
            assert got["access_token"] == "sp-access-1"
            renewed = httpx.post(
                f"{url}/v1/credentials/shopee/rejected",
                json={"access_token": "sp-access-1"},
                headers=desk,
            ).json()
            assert renewed["access_token"] == "sp-access-2"
            assert fake.calls == ["/api/v2/auth/token/get", "/api/v2/auth/access_token/get"]
            # the same redirect again: the state is spent
            assert httpx.get(page.url).status_code == 400
        finally:
            server.stop()


def test_link_store_errors_are_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kitchen_app.app.cli import main

    db = tmp_path / "relay.sqlite3"
    add_store(db, "Cantina A", mp_user_id=1)
    for name in ENV:
        monkeypatch.delenv(name, raising=False)

    def run(*args: str) -> str:
        assert main(["relay", "link-store", *args, "--db", str(db)]) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1
        return err

    assert "KITCHEN_ML_CLIENT_ID and KITCHEN_ML_CLIENT_SECRET are not set" in run(
        "Cantina A", "mercadolibre"
    )
    assert "no marketplace 'ifood'" in run("Cantina A", "ifood")
    monkeypatch.setenv("KITCHEN_ML_CLIENT_ID", "55")
    monkeypatch.setenv("KITCHEN_ML_CLIENT_SECRET", "ml-secret")
    assert "--public-url" in run("Cantina A", "mercadolibre")
    assert "no store named 'Nobody'" in run("Nobody", "mercadolibre")
