"""The desk's headless engine reading orders with the relay's credentials (issue 15): a
stand-in relay written from the documented shapes (tests/relay_standin.py) holds tokens it got
through the sandbox's own OAuth, and signs Shopee calls with the partner key only it knows.
The desk is given no marketplace token, no partner key and no shop id."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from kitchen_app.app.plugins import registry
from kitchen_app.app.serving import ServerThread
from kitchen_app.app.wiring import build_engine
from kitchen_app.channels.sandbox_apps import ML_APP, SHOPEE_APP
from kitchen_app.channels.shopee.signing import hmac_hex, public_base_string
from kitchen_app.engine.api import NullListener
from kitchen_app.engine.engine import EngineConfig
from kitchen_app.sandbox import SandboxConfig
from kitchen_app.sandbox import build_app as build_sandbox
from tests.headless import HeadlessProcess, headless_argv
from tests.relay_standin import CustodyStandIn, Held

from .standin import wait_until

SELLER = 3430803000
SHOP = 727720655
CALLBACK = "https://relay.example/oauth/{}/callback"


def _code(location: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


class SandboxApps:
    """What a real relay does with the sandbox's OAuth: link once, refresh when asked."""

    def __init__(self, control: httpx.Client) -> None:
        self.control = control
        self.ml_refresh = ""

    def _ml_tokens(self, form: dict[str, str]) -> Held:
        form = {"client_id": ML_APP.client_id, "client_secret": ML_APP.client_secret, **form}
        body = self.control.post("/oauth/token", data=form).json()
        self.ml_refresh = body["refresh_token"]
        return Held(body["access_token"], datetime.now(UTC) + timedelta(hours=6))

    def link_ml(self) -> Held:
        redirect = CALLBACK.format("mercadolibre")
        page = self.control.get(
            "/authorization",
            params={
                "response_type": "code",
                "client_id": ML_APP.client_id,
                "state": "s",
                "redirect_uri": redirect,
            },
        )
        code = _code(page.headers["location"])["code"]
        return self._ml_tokens(
            {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect}
        )

    def refresh_ml(self, channel: str) -> Held:
        assert channel == "mercadolibre"
        return self._ml_tokens({"grant_type": "refresh_token", "refresh_token": self.ml_refresh})

    def _signed(self, path: str) -> dict[str, object]:
        ts = int(time.time())
        partner = int(SHOPEE_APP.client_id)
        sign = hmac_hex(SHOPEE_APP.client_secret, public_base_string(partner, path, ts))
        return {"partner_id": partner, "timestamp": ts, "sign": sign}

    def link_shopee(self) -> Held:
        page = self.control.get(
            "/api/v2/shop/auth_partner",
            params=self._signed("/api/v2/shop/auth_partner")
            | {"redirect": CALLBACK.format("shopee") + "?state=s"},
        )
        code = _code(page.headers["location"])["code"]
        path = "/api/v2/auth/token/get"
        body = self.control.post(
            path,
            params=self._signed(path),
            json={"code": code, "partner_id": int(SHOPEE_APP.client_id), "shop_id": SHOP},
        ).json()
        return Held(body["access_token"], datetime.now(UTC) + timedelta(hours=4))


@dataclass
class Stack:
    sandbox_url: str
    control: httpx.Client
    relay: CustodyStandIn
    apps: SandboxApps


@pytest.fixture
def stack() -> Iterator[Stack]:
    parts = [p.sandbox for p in registry() if p.sandbox is not None]
    sandbox = ServerThread(build_sandbox(SandboxConfig(seed=3, ack_deadline_s=5.0), parts))
    url = sandbox.start()
    control = httpx.Client(base_url=url, timeout=10)
    apps = SandboxApps(control)
    relay = CustodyStandIn(partner_key=SHOPEE_APP.client_secret, shop_id=SHOP)
    relay.refresh = apps.refresh_ml
    relay.start()
    try:
        yield Stack(url, control, relay, apps)
    finally:
        relay.stop()
        control.close()
        sandbox.stop()


class Headless(HeadlessProcess):
    wait_s = 40.0

    def __init__(self, stack: Stack, data_dir: Path) -> None:
        sets = [
            f"mercadolibre.base_url={stack.sandbox_url}",
            f"mercadolibre.user_id={SELLER}",
            f"shopee.base_url={stack.sandbox_url}",
            "time_zone=GMT-3",
            "auto_print=no",
        ]
        super().__init__(
            headless_argv(
                ["--data-dir", str(data_dir)],
                stack.relay.url,
                stack.relay.desk_token,
                sets,
                "--poll-wait",
                "1",
                "--reconcile-interval",
                "1",
            )
        )


def test_orders_are_read_with_the_relays_tokens_and_signatures(
    stack: Stack, tmp_path: Path
) -> None:
    real_ml = stack.apps.link_ml()
    shopee = stack.apps.link_shopee()
    # The stand-in first hands out a Mercado Libre token the marketplace does not take: the
    # desk must report it (/rejected) and carry on with the one the relay refreshes.
    stale = stack.relay.link("mercadolibre", token="APP_USR-stale-0000")
    stack.relay.link("shopee", token=shopee.access_token)
    assert stale.access_token != real_ml.access_token

    ml = stack.control.post("/_sandbox/orders", json={"channel": "mercadolibre"})
    sp = stack.control.post("/_sandbox/orders", json={"channel": "shopee"})
    assert ml.status_code == 201 and sp.status_code == 201, (ml.text, sp.text)
    desk = Headless(stack, tmp_path / "desk")
    try:
        assert desk.wait_line("engine ready")
        assert desk.wait_line(f"order_added shopee:{sp.json()['order_id']}"), desk.lines
        assert desk.wait_line(f"order_added mercadolibre:{ml.json()['id']}"), desk.lines
    finally:
        assert desk.stop() == 0
    assert {"access_token": "APP_USR-stale-0000"} in stack.relay.rejected_bodies
    assert stack.relay.count("sign") >= 1  # every Shopee call signed by the relay
    assert stack.relay.count("links") >= 1  # "auto" asked which stores are linked
    assert stack.relay.held["mercadolibre"].access_token != stale.access_token


def test_engine_link_commands_and_a_store_linked_meanwhile(tmp_path: Path) -> None:
    relay = CustodyStandIn()
    relay.link("mercadolibre", token="APP_USR-from-relay")
    relay.states["shopee"] = "unlinked"
    relay.start()
    settings = {
        "relay_url": relay.url,
        "relay_token": relay.desk_token,
        "mercadolibre.base_url": "http://127.0.0.1:9",  # nothing listens: reads just fail
        "mercadolibre.user_id": str(SELLER),
        "auto_print": False,
    }
    engine = build_engine(
        EngineConfig(db_path=tmp_path / "desk.sqlite3", initial_settings=settings, poll_wait_s=1),
        NullListener(),
    )
    engine.start()
    try:

        def channels() -> set[str]:
            return {api.channel for api in engine.health().apis}

        assert wait_until(lambda: channels() == {"mercadolibre"})
        states = engine.link_states().result(10)
        assert {s.channel: s.state for s in states} == {
            "mercadolibre": "linked",
            "shopee": "unlinked",
        }
        # Staff link Shopee in the browser; the settings page asks again: Shopee comes on
        # with the relay's credentials (no shop id, no partner key on this desk).
        relay.link("shopee")
        engine.link_states().result(10)
        assert wait_until(lambda: channels() == {"mercadolibre", "shopee"})
        start = engine.start_link("shopee").result(10)
        assert start.authorize_url == "https://auth.example/authorization?state=s-shopee"
        assert ("start_link", "shopee") in relay.calls
        with pytest.raises(ValueError):
            engine.start_link("nowhere").result(10)
    finally:
        engine.stop()
        relay.stop()
