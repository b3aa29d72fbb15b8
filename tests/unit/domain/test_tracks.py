"""Flows as tracks of steps: lookup with aliases, stages of unknown values."""

from __future__ import annotations

import pytest

from kitchen_app.domain import Stage, StatusPair
from kitchen_app.domain.tracks import DeadlineKind, Flow, Step, Track

_P = StatusPair

SHOPEE_LIKE = Track(
    "order",
    (
        Step(_P("INVOICE_PENDING"), Stage.NEW),
        Step(_P("READY_TO_SHIP"), Stage.NEW, alert=True, deadline=DeadlineKind.SHIP_BY),
        Step(_P("CANCELLED"), Stage.CANCELLED, terminal=True),
    ),
    repeats=True,
    status_stage={"SHIPPED": Stage.ON_THE_WAY},
    aliases={"PENDING_INVOICE": "INVOICE_PENDING"},
)


def test_an_alias_finds_its_step() -> None:
    assert SHOPEE_LIKE.step(_P("PENDING_INVOICE")) == SHOPEE_LIKE.steps[0]
    assert SHOPEE_LIKE.stage_of(_P("PENDING_INVOICE")) is Stage.NEW


def test_unknown_values_get_a_stage_never_an_error() -> None:
    assert SHOPEE_LIKE.step(_P("SHIPPED")) is None
    assert SHOPEE_LIKE.stage_of(_P("SHIPPED")) is Stage.ON_THE_WAY
    assert SHOPEE_LIKE.stage_of(_P("SOMETHING_NEW")) is Stage.PREPARING


def test_the_first_track_is_primary_and_tracks_are_found_by_name() -> None:
    shipment = Track("shipment", (), repeats=True)
    flow = Flow((SHOPEE_LIKE, shipment))
    assert flow.primary is SHOPEE_LIKE
    assert flow.track("shipment") is shipment
    assert flow.track("pack") is None
    assert flow.accept_window is None


def test_a_flow_needs_a_track() -> None:
    with pytest.raises(ValueError, match="at least one track"):
        Flow(())
