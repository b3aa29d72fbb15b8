"""The relay serves the webhooks of the plug-ins app/ hands it: one route per Notify.path (in
the router and in DirectRoutes alike), with the relay settings each declares read from the
same `relay serve` options and environment variables as always."""

from __future__ import annotations

import argparse
from pathlib import Path

from starlette.routing import Route

from kitchen_app.app.cli import build_parser
from kitchen_app.app.plugins import registry
from kitchen_app.app.relay_setup import (
    option_dest,
    relay_config,
    webhook_rules,
    webhook_settings,
)
from kitchen_app.channels.base import Notify
from kitchen_app.relay import build_app
from kitchen_app.relay.direct_routes import DirectRoutes
from kitchen_app.relay.marketplaces import ACCOUNT_OPTIONS


def _serve_args(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["relay", "serve", *argv])


def test_every_plugin_with_webhooks_gets_its_route_and_nothing_else(tmp_path: Path) -> None:
    rules = webhook_rules()
    assert {n.channel for n in rules} == {p.channel for p in registry()}
    app = build_app(relay_config(db_path=tmp_path / "relay.sqlite3"))
    posted = {r.path for r in app.routes if isinstance(r, Route) and "POST" in (r.methods or ())}
    assert {n.path for n in rules} <= posted
    assert not {p for p in posted if p.startswith("/webhooks/")} - {n.path for n in rules}
    direct = next(m for m in app.user_middleware if m.cls is DirectRoutes)
    hot = {path for method, path in direct.kwargs["routes"] if method == "POST"}
    assert hot == {n.path for n in rules}


def test_a_relay_given_no_plugins_serves_no_webhook(tmp_path: Path) -> None:
    from kitchen_app.relay import RelayConfig

    app = build_app(RelayConfig(db_path=tmp_path / "relay.sqlite3"))
    assert not [r for r in app.routes if getattr(r, "path", "").startswith("/webhooks/")]


def test_declared_options_exist_on_relay_serve_and_fixed_names_stay() -> None:
    declared = {s.flag: s for n in webhook_rules() for s in n.relay_settings if s.flag}
    assert {"--mp-webhook-secret", "--shopee-callback-url"} <= set(declared)
    for flag, setting in declared.items():
        dest = option_dest(setting)
        assert dest is not None and getattr(_serve_args(flag, "v"), dest) == "v"
    envs = {s.env for n in webhook_rules() for s in n.relay_settings}
    assert {
        "KITCHEN_MP_WEBHOOK_SECRET",
        "KITCHEN_SHOPEE_PARTNER_KEY",
        "KITCHEN_SHOPEE_CALLBACK_URL",
    } <= envs
    assert set(ACCOUNT_OPTIONS) == {p.channel for p in registry()}


def test_settings_come_from_the_option_else_the_environment() -> None:
    env = {"KITCHEN_MP_WEBHOOK_SECRET": "from-env", "KITCHEN_SHOPEE_PARTNER_KEY": "pk"}
    assert webhook_settings(_serve_args(), env) == {
        "mp_delivery.webhook_secret": "from-env",
        "shopee.partner_key": "pk",
    }
    args = _serve_args("--mp-webhook-secret", "given", "--shopee-callback-url", "https://x/cb")
    assert webhook_settings(args, {"KITCHEN_SHOPEE_CALLBACK_URL": "https://env/cb"}) == {
        "mp_delivery.webhook_secret": "given",
        "shopee.callback_url": "https://x/cb",
    }
    assert webhook_settings(_serve_args(), {"KITCHEN_MP_WEBHOOK_SECRET": ""}) == {}


def test_secrets_stay_out_of_the_config_repr() -> None:
    config = relay_config(settings={"mp_delivery.webhook_secret": "s3cret-value"})
    assert "s3cret-value" not in repr(config)
    assert "mp_delivery.webhook_secret" in repr(config)


def test_plugins_satisfy_the_protocol() -> None:
    for notify in webhook_rules():
        typed: Notify = notify
        assert typed.path.startswith("/webhooks/")
