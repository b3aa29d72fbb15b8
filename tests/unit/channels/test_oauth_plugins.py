"""Each marketplace's OAuth plug-in against httpx.MockTransport: the documented endpoints and
bodies (api notes §7, A.7, B.1), and answers sorted into a grant, GrantRefused (link again)
or OAuthUnavailable (try later)."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from kitchen_app.channels.mercadolibre.oauth import OAUTH as ML
from kitchen_app.channels.mercadopago.oauth import OAUTH as MP
from kitchen_app.channels.oauth import (
    AppCredentials,
    Grant,
    GrantRefused,
    OAuthContext,
    OAuthPlugin,
    OAuthUnavailable,
)
from kitchen_app.channels.shopee.oauth import OAUTH as SHOPEE

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
Handler = Callable[[httpx.Request], httpx.Response]


def _run(plugin: OAuthPlugin, handler: Handler, call: str, *args: object) -> Grant:
    async def go() -> Grant:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
            app = AppCredentials("2001887", "s3cr3t-key")
            client = plugin.create(OAuthContext(app, None, http, lambda: NOW))
            result: Grant = await getattr(client, call)(*args)
            return result

    return asyncio.run(go())


def _token_answer(**extra: object) -> httpx.Response:
    body = {
        "access_token": "APP_USR-new",
        "token_type": "bearer",
        "expires_in": 21600,
        "user_id": 241983636,
        "refresh_token": "TG-new",
        **extra,
    }
    return httpx.Response(200, json=body)


def test_mercado_pago_exchanges_a_code_with_a_json_body() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return _token_answer(expires_in=15552000)

    grant = _run(MP, handler, "exchange", "TG-code", "https://relay.example/cb", {})
    request = seen[0]
    assert request.method == "POST"
    assert str(request.url) == "https://api.mercadopago.com/oauth/token"
    assert request.headers["content-type"] == "application/json"
    assert json.loads(request.content) == {
        "client_id": "2001887",
        "client_secret": "s3cr3t-key",
        "grant_type": "authorization_code",
        "code": "TG-code",
        "redirect_uri": "https://relay.example/cb",
    }
    assert grant.access_token == "APP_USR-new" and grant.refresh_token == "TG-new"
    assert grant.account_id == "241983636"
    assert grant.expires_at == NOW + timedelta(days=180)
    assert "APP_USR-new" not in repr(grant) and "TG-new" not in repr(grant)


def test_mercado_libre_refreshes_with_a_form_body() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return _token_answer()

    grant = _run(ML, handler, "refresh", "TG-old", "241983636")
    request = seen[0]
    assert str(request.url) == "https://api.mercadolibre.com/oauth/token"
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert parse_qs(request.content.decode()) == {
        "client_id": ["2001887"],
        "client_secret": ["s3cr3t-key"],
        "grant_type": ["refresh_token"],
        "refresh_token": ["TG-old"],
    }
    assert grant.expires_at == NOW + timedelta(hours=6)


@pytest.mark.parametrize("plugin", [MP, ML])
def test_authorization_pages_carry_state_and_redirect(plugin: OAuthPlugin) -> None:
    client = plugin.create(OAuthContext(AppCredentials("123", "x"), "http://127.0.0.1:9/"))
    url = urlsplit(client.authorize_url("st4te", "https://relay.example/oauth/cb"))
    assert (url.scheme, url.netloc, url.path) == ("http", "127.0.0.1:9", "/authorization")
    query = parse_qs(url.query)
    assert query["response_type"] == ["code"] and query["client_id"] == ["123"]
    assert query["state"] == ["st4te"]
    assert query["redirect_uri"] == ["https://relay.example/oauth/cb"]
    assert "x" not in query.get("client_secret", [])


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (400, {"error": "invalid_grant", "error_description": "already used"}, GrantRefused),
        (400, {"errorKey": "expired_grant", "message": "expired", "status": 400}, GrantRefused),
        (401, {"error": "invalid_client"}, OAuthUnavailable),  # the app's fault, not the link's
        (429, {"error": "local_rate_limited"}, OAuthUnavailable),
        (503, {"message": "down"}, OAuthUnavailable),
        (404, {"message": "no such route"}, OAuthUnavailable),
    ],
)
@pytest.mark.parametrize("plugin", [MP, ML])
def test_token_errors_are_sorted(
    plugin: OAuthPlugin, status: int, body: dict[str, object], expected: type[Exception]
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json=body)

    with pytest.raises(expected) as caught:
        _run(plugin, handler, "refresh", "TG-secret-refresh", "1")
    assert "TG-secret-refresh" not in str(caught.value)


@pytest.mark.parametrize("plugin", [MP, ML, SHOPEE])
def test_unreachable_and_unreadable_answers_are_unavailable(plugin: OAuthPlugin) -> None:
    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused")

    def garbage(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"<html>")

    def no_token(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"expires_in": 10, "expire_in": 10, "user_id": 1})

    for handler in (refused, garbage, no_token):
        with pytest.raises(OAuthUnavailable):
            _run(plugin, handler, "refresh", "TG-old", "727720655")


def _shopee_sign(path: str, timestamp: int, key: str = "s3cr3t-key") -> str:
    message = f"2001887{path}{timestamp}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def test_shopee_authorize_link_is_public_signed_and_carries_the_state_in_redirect() -> None:
    client = SHOPEE.create(OAuthContext(AppCredentials("2001887", "s3cr3t-key"), now=lambda: NOW))
    url = urlsplit(client.authorize_url("st4te", "https://relay.example/oauth/shopee/callback"))
    assert url.netloc == "partner.shopeemobile.com"
    assert url.path == "/api/v2/shop/auth_partner"
    query = parse_qs(url.query)
    timestamp = int(NOW.timestamp())
    assert query["partner_id"] == ["2001887"] and query["timestamp"] == [str(timestamp)]
    assert query["sign"] == [_shopee_sign("/api/v2/shop/auth_partner", timestamp)]
    assert query["redirect"] == ["https://relay.example/oauth/shopee/callback?state=st4te"]


def test_shopee_exchange_and_refresh_use_the_documented_paths_and_bodies() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200,
            json={
                "access_token": "sp-access",
                "refresh_token": "sp-refresh",
                "expire_in": 14400,
                "request_id": "r1",
                "error": "",
                "message": "",
            },
        )

    grant = _run(SHOPEE, handler, "exchange", "c0de", "ignored", {"shop_id": "727720655"})
    assert grant.account_id == "727720655" and grant.expires_at == NOW + timedelta(hours=4)
    refreshed = _run(SHOPEE, handler, "refresh", "sp-old", "727720655")
    assert refreshed.refresh_token == "sp-refresh"
    timestamp = int(NOW.timestamp())
    for request, path, body in [
        (seen[0], "/api/v2/auth/token/get", {"code": "c0de", "shop_id": 727720655}),
        (
            seen[1],
            "/api/v2/auth/access_token/get",
            {"refresh_token": "sp-old", "shop_id": 727720655},
        ),
    ]:
        assert request.url.path == path
        assert request.url.params["sign"] == _shopee_sign(path, timestamp)
        assert request.url.params["partner_id"] == "2001887"
        assert json.loads(request.content) == {**body, "partner_id": 2001887}


def test_shopee_main_account_links_its_first_shop() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert json.loads(request.content)["main_account_id"] == 55
        return httpx.Response(
            200,
            json={
                "access_token": "a",
                "refresh_token": "r",
                "expire_in": 14400,
                "shop_id_list": [901, 902],
                "error": "",
            },
        )

    grant = _run(SHOPEE, handler, "exchange", "c0de", "ignored", {"main_account_id": "55"})
    assert grant.account_id == "901"


@pytest.mark.parametrize(
    ("status", "error", "expected"),
    [
        (200, "error_auth", GrantRefused),
        (200, "refresh_token_expired", GrantRefused),
        (200, "shop_no_linked", GrantRefused),
        (403, "error_sign", OAuthUnavailable),
        (200, "error_server", OAuthUnavailable),
    ],
)
def test_shopee_errors_are_sorted_by_their_key(
    status: int, error: str, expected: type[Exception]
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json={"error": error, "message": "no", "request_id": "r"})

    with pytest.raises(expected):
        _run(SHOPEE, handler, "refresh", "sp-old", "727720655")


def test_shopee_signs_a_shop_call_for_a_desk() -> None:
    assert SHOPEE.sign is not None
    app = AppCredentials("2001887", "s3cr3t-key")
    signed = SHOPEE.sign(app, "/api/v2/order/get_order_list", 1655714431, "tok", "727720655")
    base = "2001887/api/v2/order/get_order_list1655714431tok727720655"
    expected = hmac.new(b"s3cr3t-key", base.encode(), hashlib.sha256).hexdigest()
    assert signed == {
        "partner_id": 2001887,
        "shop_id": 727720655,
        "access_token": "tok",
        "sign": expected,
    }
    with pytest.raises(ValueError, match="path"):
        SHOPEE.sign(app, "/other?x=1", 1655714431, "tok", "727720655")


def test_credentials_come_from_the_environment_in_pairs() -> None:
    assert ML.credentials({}) is None
    app = ML.credentials({"KITCHEN_ML_CLIENT_ID": "1", "KITCHEN_ML_CLIENT_SECRET": "hush"})
    assert app == AppCredentials("1", "hush") and "hush" not in repr(app)
    with pytest.raises(ValueError, match="KITCHEN_ML_CLIENT_SECRET"):
        ML.credentials({"KITCHEN_ML_CLIENT_ID": "1"})
    with pytest.raises(ValueError, match="partner id"):
        SHOPEE.create(OAuthContext(AppCredentials("not-a-number", "k")))
