"""The sandbox's OAuth for the three marketplaces (issue 15): authorization pages that approve
and redirect, code exchange and refresh with the documented lifetimes, single-use codes and
refresh tokens, the documented error bodies, the fast clock, and revoking a grant."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sandbox_testkit import API, Sandbox

from kitchen_app.app.plugins import registry
from kitchen_app.channels.sandbox_apps import ML_APP, MP_APP, SHOPEE_APP
from kitchen_app.channels.shopee.signing import hmac_hex, public_base_string, shop_base_string

CALLBACK = "https://relay.example/oauth/{channel}/callback"
ML_SELLER = 3430803000
MP_USER = 1070421029
SHOP = 727720655


@pytest.fixture
def sandbox(start_sandbox: Callable[..., Sandbox]) -> Sandbox:
    return start_sandbox(parts=[p.sandbox for p in registry() if p.sandbox is not None])


def _redirected(r: httpx.Response) -> tuple[str, dict[str, str]]:
    assert r.status_code == 302, r.text
    where = urlsplit(r.headers["location"])
    query = {k: v[0] for k, v in parse_qs(where.query).items()}
    return f"{where.scheme}://{where.netloc}{where.path}", query


def _authorize(sandbox: Sandbox, client_id: str, channel: str, state: str) -> dict[str, str]:
    r = sandbox.anon.get(
        "/authorization",
        params={
            "response_type": "code",
            "client_id": client_id,
            "state": state,
            "redirect_uri": CALLBACK.format(channel=channel),
        },
    )
    where, query = _redirected(r)
    assert where == CALLBACK.format(channel=channel)
    assert query["state"] == state and query["code"].startswith("TG-")
    return query


def _ml_form(**fields: str) -> dict[str, Any]:
    return {"client_id": ML_APP.client_id, "client_secret": ML_APP.client_secret, **fields}


def test_mercado_libre_link_expire_refresh_once(sandbox: Sandbox) -> None:
    code = _authorize(sandbox, ML_APP.client_id, "mercadolibre", "st-1")["code"]
    exchange = _ml_form(
        grant_type="authorization_code",
        code=code,
        redirect_uri=CALLBACK.format(channel="mercadolibre"),
    )
    as_json = sandbox.anon.post("/oauth/token", json=exchange)  # A.7: a form only
    assert as_json.status_code == 400 and as_json.json()["error"] == "invalid_request"
    r = sandbox.anon.post("/oauth/token", data=exchange)
    assert r.status_code == 200, r.text
    token = r.json()
    assert token["expires_in"] == 21_600 and token["user_id"] == ML_SELLER
    assert token["scope"] == "offline_access read write"
    again = sandbox.anon.post("/oauth/token", data=exchange)  # a code opens once
    assert again.status_code == 400
    assert again.json()["error"] == "invalid_grant" and again.json()["error_description"]

    def me(access: str) -> int:
        auth = {"Authorization": f"Bearer {access}"}
        return sandbox.anon.get(
            "/orders/search", params={"seller": ML_SELLER}, headers=auth
        ).status_code

    assert me(token["access_token"]) == 200
    sandbox.anon.post("/_sandbox/clock", json={"advance_s": 21_599})
    assert me(token["access_token"]) == 200
    sandbox.anon.post("/_sandbox/clock", json={"advance_s": 2})  # six hours are up
    assert me(token["access_token"]) == 401

    refresh = _ml_form(grant_type="refresh_token", refresh_token=token["refresh_token"])
    fresh = sandbox.anon.post("/oauth/token", data=refresh)
    assert fresh.status_code == 200
    assert fresh.json()["refresh_token"] != token["refresh_token"]
    assert me(fresh.json()["access_token"]) == 200
    spent = sandbox.anon.post("/oauth/token", data=refresh)  # single use
    assert spent.status_code == 400 and spent.json()["error"] == "invalid_grant"


def test_mercado_libre_refusals(sandbox: Sandbox) -> None:
    code = _authorize(sandbox, ML_APP.client_id, "mercadolibre", "st-2")["code"]
    wrong_uri = _ml_form(
        grant_type="authorization_code", code=code, redirect_uri="https://elsewhere.example/cb"
    )
    assert sandbox.anon.post("/oauth/token", data=wrong_uri).json()["error"] == "invalid_grant"
    bad_secret = _ml_form(grant_type="refresh_token", refresh_token="TG-x") | {
        "client_secret": "nope"
    }
    r = sandbox.anon.post("/oauth/token", data=bad_secret)
    assert r.status_code == 400 and r.json()["error"] == "invalid_client"
    odd = sandbox.anon.post("/oauth/token", data=_ml_form(grant_type="password"))
    assert odd.json()["error"] == "unsupported_grant_type"
    unknown = sandbox.anon.get(
        "/authorization",
        params={"response_type": "code", "client_id": "123", "redirect_uri": CALLBACK},
    )
    assert unknown.status_code == 400
    # A code is good for ten minutes of sandbox time.
    late = _authorize(sandbox, ML_APP.client_id, "mercadolibre", "st-3")["code"]
    sandbox.anon.post("/_sandbox/clock", json={"advance_s": 601})
    expired = _ml_form(
        grant_type="authorization_code",
        code=late,
        redirect_uri=CALLBACK.format(channel="mercadolibre"),
    )
    assert sandbox.anon.post("/oauth/token", data=expired).json()["error"] == "invalid_grant"


def test_mercado_pago_link_refresh_and_errors(sandbox: Sandbox) -> None:
    code = _authorize(sandbox, MP_APP.client_id, "mp_delivery", "st-mp")["code"]
    grant = {
        "client_id": MP_APP.client_id,
        "client_secret": MP_APP.client_secret,
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": CALLBACK.format(channel="mp_delivery"),
    }
    r = sandbox.anon.post("/oauth/token", json=grant)
    assert r.status_code == 200, r.text
    token = r.json()
    assert token["expires_in"] == 15_552_000 and token["user_id"] == MP_USER
    assert token["access_token"].startswith(f"APP_USR-{MP_APP.client_id}-")
    oid = sandbox.create("flex")
    auth = {"Authorization": f"Bearer {token['access_token']}"}
    assert sandbox.anon.get(f"{API}/v1/orders/{oid}", headers=auth).status_code == 200
    reused = sandbox.anon.post("/oauth/token", json=grant)
    body = reused.json()
    assert reused.status_code == 400 and body["errorKey"] == "invalid_grant"
    assert body["error"] == "invalid_grant" and body["status"] == 400 and "message" in body
    refresh = {
        "client_id": MP_APP.client_id,
        "client_secret": MP_APP.client_secret,
        "grant_type": "refresh_token",
        "refresh_token": token["refresh_token"],
    }
    rotated = sandbox.anon.post("/oauth/token", data=refresh)  # a form works for MP too
    assert rotated.status_code == 200
    assert rotated.json()["refresh_token"] != token["refresh_token"]
    assert sandbox.anon.post("/oauth/token", json=refresh).json()["errorKey"] == "invalid_grant"
    no_client = sandbox.anon.post("/oauth/token", json={"grant_type": "refresh_token"})
    assert no_client.json()["errorKey"] == "invalid_client"
    # 180 days on the sandbox clock.
    fresh = {"Authorization": f"Bearer {rotated.json()['access_token']}"}
    sandbox.anon.post("/_sandbox/clock", json={"advance_s": 15_552_001})
    assert sandbox.anon.get(f"{API}/v1/orders/{oid}", headers=fresh).status_code == 401


def _shopee_signed(path: str) -> dict[str, Any]:
    ts = int(time.time())
    sign = hmac_hex(
        SHOPEE_APP.client_secret, public_base_string(int(SHOPEE_APP.client_id), path, ts)
    )
    return {"partner_id": int(SHOPEE_APP.client_id), "timestamp": ts, "sign": sign}


def _shopee_list(sandbox: Sandbox, access: str) -> dict[str, Any]:
    path = "/api/v2/order/get_order_list"
    ts = int(time.time())
    partner = int(SHOPEE_APP.client_id)
    sign = hmac_hex(SHOPEE_APP.client_secret, shop_base_string(partner, path, ts, access, SHOP))
    query = {
        "partner_id": partner,
        "timestamp": ts,
        "access_token": access,
        "shop_id": SHOP,
        "sign": sign,
        "time_range_field": "create_time",
        "time_from": ts - 3600,
        "time_to": ts,
        "page_size": 20,
    }
    body: dict[str, Any] = sandbox.anon.get(path, params=query).json()
    return body


def test_shopee_link_expire_refresh_once(sandbox: Sandbox) -> None:
    redirect = "https://relay.example/oauth/shopee/callback?state=abc"
    bad = sandbox.anon.get(
        "/api/v2/shop/auth_partner",
        params=_shopee_signed("/api/v2/shop/auth_partner")
        | {"sign": "0" * 64, "redirect": redirect},
    )
    assert bad.status_code == 403 and bad.json()["error"] == "error_sign"
    r = sandbox.anon.get(
        "/api/v2/shop/auth_partner",
        params=_shopee_signed("/api/v2/shop/auth_partner") | {"redirect": redirect},
    )
    where, query = _redirected(r)
    assert where == "https://relay.example/oauth/shopee/callback"
    assert query["state"] == "abc" and query["shop_id"] == str(SHOP) and query["code"]

    get = "/api/v2/auth/token/get"
    body = {"code": query["code"], "partner_id": int(SHOPEE_APP.client_id), "shop_id": SHOP}
    tokens = sandbox.anon.post(get, params=_shopee_signed(get), json=body).json()
    assert tokens["error"] == "" and tokens["expire_in"] == 14_400
    used = sandbox.anon.post(get, params=_shopee_signed(get), json=body).json()
    assert used["error"] == "invalid_code"

    assert _shopee_list(sandbox, tokens["access_token"])["error"] == ""
    sandbox.anon.post("/_sandbox/clock", json={"advance_s": 14_401})
    assert _shopee_list(sandbox, tokens["access_token"])["error"] == "invalid_acceess_token"

    refresh_path = "/api/v2/auth/access_token/get"
    again = {
        "refresh_token": tokens["refresh_token"],
        "partner_id": int(SHOPEE_APP.client_id),
        "shop_id": SHOP,
    }
    fresh = sandbox.anon.post(refresh_path, params=_shopee_signed(refresh_path), json=again).json()
    assert fresh["error"] == "" and fresh["shop_id"] == SHOP
    assert _shopee_list(sandbox, fresh["access_token"])["error"] == ""
    spent = sandbox.anon.post(refresh_path, params=_shopee_signed(refresh_path), json=again).json()
    assert spent["error"] == "error_auth"
    # The refresh token lives 30 days.
    old = again | {"refresh_token": fresh["refresh_token"]}
    sandbox.anon.post("/_sandbox/clock", json={"advance_s": 30 * 86_400 + 1})
    late = sandbox.anon.post(refresh_path, params=_shopee_signed(refresh_path), json=old).json()
    assert late["error"] == "refresh_token_expired"


def test_revoke_a_grant(sandbox: Sandbox) -> None:
    code = _authorize(sandbox, ML_APP.client_id, "mercadolibre", "st-r")["code"]
    token = sandbox.anon.post(
        "/oauth/token",
        data=_ml_form(
            grant_type="authorization_code",
            code=code,
            redirect_uri=CALLBACK.format(channel="mercadolibre"),
        ),
    ).json()
    auth = {"Authorization": f"Bearer {token['access_token']}"}
    search = {"seller": ML_SELLER}
    assert sandbox.anon.get("/orders/search", params=search, headers=auth).status_code == 200
    bad = sandbox.anon.post("/_sandbox/oauth/revoke", json={"channel": "nowhere"})
    assert bad.status_code == 400
    r = sandbox.anon.post(
        "/_sandbox/oauth/revoke", json={"channel": "mercadolibre", "user_id": ML_SELLER}
    )
    assert r.status_code == 200 and r.json()["revoked"] == 2
    assert sandbox.anon.get("/orders/search", params=search, headers=auth).status_code == 401
    refresh = _ml_form(grant_type="refresh_token", refresh_token=token["refresh_token"])
    assert sandbox.anon.post("/oauth/token", data=refresh).json()["error"] == "invalid_grant"
    # The sandbox's own token is no grant: it keeps working.
    assert sandbox.client.get("/orders/search", params=search).status_code == 200
