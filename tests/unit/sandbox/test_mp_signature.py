"""The webhook signature against the worked example of api notes §6.4."""

from __future__ import annotations

import pytest

from kitchen_app.channels.mercadopago import signature as mp_signature

SECRET = "my-app-webhook-secret"
REQUEST_ID = "bb56a2f1-6aae-46ac-982e-9dcd3581d08e"
TS = "1704908010"
WITH_ID = "80d5d2f4c743672780e5db980d911a34f1af09b166d8e51b1a5794e774319e7d"
WITHOUT_ID = "039c9b6cf670d9958737a86baa6f717038004072868cd01d7a1743d1f9f7413f"


def test_worked_example_without_data_id() -> None:
    assert mp_signature.manifest(REQUEST_ID, TS) == f"request-id:{REQUEST_ID};ts:{TS};"
    assert mp_signature.sign(SECRET, REQUEST_ID, TS) == WITHOUT_ID


def test_worked_example_with_data_id() -> None:
    assert mp_signature.sign(SECRET, REQUEST_ID, TS, "41034141533") == WITH_ID


def test_parse_header_tolerates_spaces_and_order() -> None:
    assert mp_signature.parse_header(f" v1={WITH_ID} , ts={TS}") == (TS, WITH_ID)


@pytest.mark.parametrize("value", ["", "ts=1", f"v1={WITH_ID}", "garbage", "ts=,v1="])
def test_parse_header_rejects_incomplete(value: str) -> None:
    with pytest.raises(mp_signature.SignatureError):
        mp_signature.parse_header(value)


def test_verify() -> None:
    header = mp_signature.format_header(TS, WITHOUT_ID)
    assert mp_signature.verify(SECRET, header, REQUEST_ID)
    assert not mp_signature.verify("other-secret", header, REQUEST_ID)
    assert not mp_signature.verify(SECRET, header, "another-request-id")
    assert not mp_signature.verify(SECRET, header, REQUEST_ID, data_id="41034141533")
    assert mp_signature.verify(SECRET, f"ts={TS},v1={WITH_ID}", REQUEST_ID, "41034141533")
    assert not mp_signature.verify(SECRET, "not a header", REQUEST_ID)


def test_matching_id_tries_the_id_less_manifest_then_the_shipment_id() -> None:
    secret, request_id, ts = "my-app-webhook-secret", "bb56a2f1-6aae-46ac-982e-9dcd3581d08e", "1"
    with_id = mp_signature.format_header(ts, mp_signature.sign(secret, request_id, ts, "41"))
    id_less = mp_signature.format_header(ts, mp_signature.sign(secret, request_id, ts))
    candidates = [None, "41"]
    assert mp_signature.matching_id(secret, id_less, request_id, candidates) == ""
    assert mp_signature.matching_id(secret, with_id, request_id, candidates) == "41"
    assert mp_signature.matching_id(secret, with_id, request_id, [None]) is None
    assert mp_signature.matching_id("other", with_id, request_id, candidates) is None
    assert mp_signature.matching_id(secret, "garbage", request_id, candidates) is None
