"""Shopee's plug-in rules without a network: push decoding, the relay's push checks, the flow,
which actions an order allows, evidence, shipping choices and the list cursor."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from tests.webhook_rules import FakeWebhook

from kitchen_app.channels.base import (
    NOTHING_TO_CHECK,
    UNSIGNED,
    BadSignature,
    BadWebhook,
    RelayEvent,
    SignatureCheck,
)
from kitchen_app.channels.shopee.client import KeyCredentials, ShopeeClient
from kitchen_app.channels.shopee.flows import FLOW, STATUSES
from kitchen_app.channels.shopee.notify import ShopeeNotify, refs_from_push
from kitchen_app.channels.shopee.plugin import (
    ANSWER_BUYER_CANCEL,
    ARRANGE_SHIPMENT,
    CANCEL,
    ShopeePlugin,
    parse_list_cursor,
    slot_choices,
)
from kitchen_app.channels.shopee.signing import push_signature
from kitchen_app.domain.actions import Evidence
from kitchen_app.domain.flows import Stage, StatusPair
from kitchen_app.domain.keys import OrderKey
from kitchen_app.domain.tracks import DeadlineKind

PAID = 1_780_000_000


def _event(payload: dict[str, Any], topic: str = "3", resource: str = "") -> RelayEvent:
    return RelayEvent(1, "shopee", topic, resource, datetime.now(UTC), payload, True)


def _entry(status: str, **extra: Any) -> dict[str, Any]:
    return {
        "order_sn": "220810QSK8S7BX",
        "order_status": status,
        "currency": "BRL",
        "create_time": PAID - 60,
        "update_time": PAID + 100,
        "pay_time": PAID,
        "ship_by_date": PAID + 2 * 86_400,
        "message_to_seller": "",
        "item_list": [
            {
                "item_id": 11,
                "item_name": "Açaí",
                "model_id": 22,
                "model_name": "500 ml",
                "model_quantity_purchased": 1,
                "model_discounted_price": 20,
            }
        ],
        "package_list": [{"package_number": "PKG1", "logistics_status": "LOGISTICS_READY"}],
        **extra,
    }


@pytest.fixture
def plugin() -> ShopeePlugin:
    client = ShopeeClient(
        "http://127.0.0.1:9", partner_id=1, shop_id=2, credentials=KeyCredentials("t", "k")
    )
    return ShopeePlugin(client)


# -- pushes -----------------------------------------------------------------------------------
def test_order_status_push_names_its_order_with_the_status_and_its_time() -> None:
    push = {
        "data": {
            "items": [],
            "ordersn": "220810QSK8S7BX",
            "status": "PROCESSED",
            "completed_scenario": "",
            "update_time": 1660123127,
        },
        "shop_id": 727720655,
        "code": 3,
        "timestamp": 1660123127,
    }
    (ref,) = refs_from_push(_event(push)).refs
    assert ref.key == OrderKey("shopee", "220810QSK8S7BX")
    assert ref.seen_status == StatusPair("PROCESSED")
    assert ref.seen_at == datetime.fromtimestamp(1660123127, UTC)


@pytest.mark.parametrize(
    "payload",
    [
        {"data": {"order_sn": "SN1", "status": "READY_TO_SHIP"}, "code": 3, "shop_id": 1},
        {"data": {"ordersn": " SN1 ", "shop_id": 1}, "code": "3"},
        {"data": {"ordersn": "SN1", "tracking_no": "BR1"}, "code": 4, "shop_id": 1},
    ],
)
def test_tolerant_shapes_resolve(payload: dict[str, Any]) -> None:
    refs = refs_from_push(_event(payload, topic=str(payload["code"])))
    assert [r.key.order_id for r in refs.refs] == ["SN1"] and refs.unresolved is None


def test_authorization_and_other_codes_name_no_order_and_a_missing_sn_is_unresolved() -> None:
    for code in (1, 2, 12, 5):
        refs = refs_from_push(_event({"data": {}, "code": code, "shop_id": 1}, str(code)))
        assert refs.refs == () and refs.unresolved is None
    refs = refs_from_push(_event({"data": {"status": "X"}, "code": 3, "shop_id": 1}))
    assert refs.refs == () and refs.unresolved is not None
    assert not refs.unresolved.retryable
    bad = refs_from_push(_event({"invalid_body": "{", "reason": "not JSON"}, topic="invalid"))
    assert bad.unresolved is not None and "not JSON" in bad.unresolved.reason


def test_relay_checks_the_authorization_over_the_callback_url_and_raw_body() -> None:
    notify = ShopeeNotify()
    body = b'{"data":{"ordersn":"SN1","status":"READY_TO_SHIP"},"shop_id":5,"code":3}'
    public = "https://relay.example.com/webhooks/shopee"
    good = push_signature("key", public, body)

    def verify(
        auth: str | None, settings: dict[str, str], url: str = "http://10.0.0.2:8080/x"
    ) -> SignatureCheck:
        headers = {} if auth is None else {"authorization": auth}
        return notify.verify(
            FakeWebhook(body, headers, address=url), settings, now=0.0, max_age_seconds=1.0
        )

    settings = {"partner_key": "key", "callback_url": public}
    assert verify(good, settings).verified
    assert verify(good.upper(), settings).verified
    for refused in ("0" * 64, None):  # a missing Authorization is refused like a wrong one
        with pytest.raises(BadSignature):
            verify(refused, settings)
    # Without the configured public URL the URL as seen (behind a proxy: wrong) is signed over.
    with pytest.raises(BadSignature):
        verify(good, {"partner_key": "key"})
    assert verify(good, {"partner_key": "key"}, public).verified
    assert verify(None, {}) is NOTHING_TO_CHECK  # no partner key: nothing to check
    assert notify.always_ack


def test_relay_parses_routes_and_dedupes_tolerantly() -> None:
    notify = ShopeeNotify()
    a = notify.parse({"code": 3, "data": {"ordersn": "SN", "shop_id": "77"}}, UNSIGNED)
    assert (a.topic, a.resource, a.account) == ("3", "SN", "77")
    b = notify.parse({"data": {"shop_id": "77", "ordersn": "SN"}, "code": 3}, UNSIGNED)
    assert a.dedupe_content == b.dedupe_content and a.dedupe_id is None
    c = notify.parse({"code": 3, "shop_id": 9, "data": {"order_sn": " SN2 "}}, UNSIGNED)
    assert (c.resource, c.account) == ("SN2", "9")
    for bad in (
        {"data": {}, "shop_id": 1},
        {"code": 3, "data": 1, "shop_id": 1},
        {"code": 3, "shop_id": 0, "data": {}},
        {"code": "3", "shop_id": 1, "data": {}},
    ):
        with pytest.raises(BadWebhook):
            notify.parse(bad, UNSIGNED)


# -- flow -------------------------------------------------------------------------------------
def test_every_documented_status_has_a_step_and_both_invoice_spellings_are_one() -> None:
    track = FLOW.primary
    assert track.repeats and FLOW.accept_window is None
    for status in STATUSES:
        assert track.step(StatusPair(status)) is not None, status
    assert track.step(StatusPair("PENDING_INVOICE")) == track.step(StatusPair("INVOICE_PENDING"))
    in_cancel = track.step(StatusPair("IN_CANCEL"))
    assert in_cancel is not None and in_cancel.alert and in_cancel.deadline == DeadlineKind.ANSWER
    ready = track.step(StatusPair("READY_TO_SHIP"))
    assert ready is not None and ready.alert and ready.deadline == DeadlineKind.SHIP_BY
    assert track.stage_of(StatusPair("CANCELLED")) == Stage.CANCELLED
    assert track.stage_of(StatusPair("SOMETHING_NEW")) == Stage.PREPARING  # shown, never parked
    terminal = {s.pair.status for s in track.steps if s.terminal}
    assert terminal == {"CANCELLED", "COMPLETED"}


# -- actions ----------------------------------------------------------------------------------
def _names(plugin: ShopeePlugin, entry: dict[str, Any], now: datetime) -> list[str]:
    order = plugin.order_from_json(entry).order
    return [a.name for a in plugin.actions(order, accepted=False, now=now)]


def test_actions_follow_the_status(plugin: ShopeePlugin) -> None:
    later = datetime.fromtimestamp(PAID, UTC) + timedelta(hours=2)
    assert _names(plugin, _entry("READY_TO_SHIP"), later) == [ARRANGE_SHIPMENT, CANCEL]
    assert _names(plugin, _entry("RETRY_SHIP"), later) == [ARRANGE_SHIPMENT]
    assert _names(plugin, _entry("PROCESSED"), later) == [CANCEL]
    tracked = plugin.order_from_json({"order": _entry("PROCESSED"), "tracking_number": "BR9"})
    assert plugin.actions(tracked.order, accepted=False, now=later) == ()
    assert _names(plugin, _entry("IN_CANCEL"), later) == [ANSWER_BUYER_CANCEL]
    for status in ("UNPAID", "SHIPPED", "CANCELLED", "COMPLETED", "NEW_THING"):
        assert _names(plugin, _entry(status), later) == []


def test_arranging_within_an_hour_of_payment_warns_but_is_offered(plugin: ShopeePlugin) -> None:
    order = plugin.order_from_json(_entry("READY_TO_SHIP")).order
    early = datetime.fromtimestamp(PAID, UTC) + timedelta(minutes=20)
    arrange = plugin.actions(order, accepted=False, now=early)[0]
    assert arrange.name == ARRANGE_SHIPMENT and arrange.warning is not None
    late = plugin.actions(order, accepted=False, now=early + timedelta(hours=1))[0]
    assert late.warning is None


def test_cancel_offers_brazils_reasons_and_needs_items_when_out_of_stock(
    plugin: ShopeePlugin,
) -> None:
    order = plugin.order_from_json(_entry("READY_TO_SHIP")).order
    offered = plugin.actions(order, accepted=False, now=datetime.now(UTC))
    cancel = next(a for a in offered if a.name == CANCEL)
    reason, items = cancel.params
    assert [c.value for c in reason.choices] == [
        "OUT_OF_STOCK",
        "CUSTOMER_REQUEST",
        "UNDELIVERABLE_AREA",
    ]
    assert items.required_when == ("reason", "OUT_OF_STOCK") and items.multiple
    assert cancel.confirm
    assert [i.ref for i in order.items] == ["11/22"]


def test_evidence_from_a_fresh_read(plugin: ShopeePlugin) -> None:
    def ev(action: str, status: str) -> Evidence:
        return plugin.evidence(action, plugin.order_from_json(_entry(status)).order)

    assert ev(CANCEL, "CANCELLED") == Evidence.DONE
    assert ev(CANCEL, "READY_TO_SHIP") == Evidence.NOT_DONE
    assert ev(CANCEL, "SHIPPED") == Evidence.IMPOSSIBLE
    assert ev(ANSWER_BUYER_CANCEL, "IN_CANCEL") == Evidence.NOT_DONE
    assert ev(ANSWER_BUYER_CANCEL, "READY_TO_SHIP") == Evidence.DONE
    assert ev(ARRANGE_SHIPMENT, "PROCESSED") == Evidence.DONE
    assert ev(ARRANGE_SHIPMENT, "READY_TO_SHIP") == Evidence.NOT_DONE
    assert ev(ARRANGE_SHIPMENT, "CANCELLED") == Evidence.IMPOSSIBLE


def test_the_order_carries_ship_by_package_and_the_observation_time(plugin: ShopeePlugin) -> None:
    fetched = plugin.order_from_json(_entry("PENDING_INVOICE"))
    order = fetched.order
    assert str(order.status) == "PENDING_INVOICE"  # raw, as Shopee sent it
    assert order.ship_by == datetime.fromtimestamp(PAID + 2 * 86_400, UTC)
    assert order.handles["package_number"] == "PKG1"
    (obs,) = fetched.observations
    assert obs.track == "order" and obs.at == datetime.fromtimestamp(PAID + 100, UTC)


def test_slot_choices_take_only_the_methods_info_needed_names() -> None:
    info = {
        "info_needed": {"pickup": ["address_id", "pickup_time_id"]},
        "pickup": {
            "address_list": [
                {
                    "address_id": 9,
                    "address": "Rua A",
                    "time_slot_list": [{"pickup_time_id": "t1", "time_text": "Amanhã"}],
                }
            ]
        },
        "dropoff": {"branch_list": [{"branch_id": 3, "address": "Agência"}]},
    }
    assert [c.value for c in slot_choices(info)] == ["pickup:9:t1"]
    info["info_needed"] = {"dropoff": [], "non_integrated": ["tracking_no"]}
    assert [c.value for c in slot_choices(info)] == ["dropoff:3", "non_integrated"]


def test_list_cursor_round_trip_keeps_shopees_cursor_as_text() -> None:
    assert parse_list_cursor("10/20/30/") == (10, 20, 30, "")
    assert parse_list_cursor("10/20/30/a/b") == (10, 20, 30, "a/b")
    with pytest.raises(ValueError):
        parse_list_cursor("garbage")


def test_refs_from_event_is_the_push_decode(plugin: ShopeePlugin) -> None:
    event = _event({"data": {"ordersn": "SN9", "status": "IN_CANCEL"}, "code": 3, "shop_id": 1})
    refs = asyncio.run(plugin.refs_from_event(event))
    assert [r.key for r in refs.refs] == [OrderKey("shopee", "SN9")]


def test_settings_credentials_keep_shopees_words_on_a_refusal() -> None:
    import httpx

    from kitchen_app.channels.credentials import SettingsCredentials
    from kitchen_app.channels.errors import AuthError

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            403, json={"error": "error_sign", "message": "Wrong sign.", "request_id": "r"}
        )

    async def main() -> None:
        http = httpx.AsyncClient(transport=httpx.MockTransport(answer))
        client = ShopeeClient(
            "http://shopee.test",
            partner_id=1,
            shop_id=2,
            credentials=SettingsCredentials({"access_token": "t", "partner_key": "k"}),
            http=http,
        )
        with pytest.raises(AuthError, match="Wrong sign") as caught:
            await client.get_tracking_number("SN")
        assert caught.value.code == "error_sign"
        unset = ShopeeClient(
            "http://shopee.test", partner_id=0, shop_id=0, credentials=KeyCredentials("t", "k")
        )
        with pytest.raises(AuthError, match="not set"):
            await unset.get_tracking_number("SN")
        await http.aclose()
        await unset.aclose()

    asyncio.run(main())
