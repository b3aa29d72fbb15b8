import pytest

from kitchen_app.channels.mercadopago.status_graph import DROPOFF_GRAPH as MP_DROPOFF
from kitchen_app.channels.mercadopago.status_graph import FLEX_GRAPH as MP_FLEX
from kitchen_app.domain import Action, Flow, Logistics, Stage, StatusPair, flow_for
from kitchen_app.domain.timeline import current_state

_P = StatusPair


def test_accept_only_while_ready_to_ship_and_not_accepted() -> None:
    new = StatusPair("ready_to_ship", "ready_to_print")
    assert Action.ACCEPT in MP_FLEX.allowed_actions(new, accepted=False)
    assert Action.ACCEPT not in MP_FLEX.allowed_actions(new, accepted=True)
    assert Action.ACCEPT not in MP_FLEX.allowed_actions(
        StatusPair("shipped", "out_for_delivery"), accepted=False
    )


def test_dropoff_courier_before_accept_still_allows_accept() -> None:
    pair = StatusPair("ready_to_ship", "on_route_to_pickup")
    assert Action.ACCEPT in MP_DROPOFF.allowed_actions(pair, accepted=False)
    assert Action.ACCEPT not in MP_DROPOFF.allowed_actions(pair, accepted=True)


@pytest.mark.parametrize(
    ("flow", "substatus", "offered"),
    [
        (MP_DROPOFF, "printed", True),
        (MP_DROPOFF, "ready_to_cook", True),
        (MP_DROPOFF, "ready_to_print", False),
        (MP_DROPOFF, "on_route_to_pickup", False),
        (MP_DROPOFF, "picking_up", False),
        (MP_DROPOFF, "beamed_up", False),
        (MP_FLEX, "printed", False),
        (MP_FLEX, "ready_to_cook", False),
    ],
)
def test_mark_ready_only_for_dropoff_printed_or_ready_to_cook(
    flow: Flow, substatus: str, offered: bool
) -> None:
    pair = StatusPair("ready_to_ship", substatus)
    for accepted in (True, False):  # printed means accepted, whoever accepted it
        assert (Action.MARK_READY in flow.allowed_actions(pair, accepted=accepted)) is offered
    assert Action.MARK_READY not in MP_DROPOFF.allowed_actions(
        StatusPair("shipped", "out_for_delivery"), accepted=True
    )


def test_accept_is_not_offered_for_an_order_accepted_elsewhere() -> None:
    printed = StatusPair("ready_to_ship", "printed")
    assert Action.ACCEPT not in MP_FLEX.allowed_actions(printed, accepted=False)
    assert Action.CANCEL in MP_FLEX.allowed_actions(printed, accepted=False)


def test_ready_to_cook_ranks_after_printed_and_before_the_courier() -> None:
    rank = MP_DROPOFF.rank
    assert rank(_P("ready_to_ship", "printed")) < rank(_P("ready_to_ship", "ready_to_cook"))
    assert rank(_P("ready_to_ship", "ready_to_cook")) < rank(
        _P("ready_to_ship", "on_route_to_pickup")
    )
    assert MP_FLEX.rank(_P("ready_to_ship", "ready_to_cook")) < MP_FLEX.rank(
        _P("shipped", "out_for_delivery")
    )


@pytest.mark.parametrize("flow", [MP_FLEX, MP_DROPOFF])
def test_an_unknown_ready_to_ship_substatus_is_new_and_actionable_until_accepted(
    flow: Flow,
) -> None:
    odd = _P("ready_to_ship", "beamed_up")
    assert not flow.is_known(odd)
    assert flow.stage_of(odd, accepted=False) is Stage.NEW
    assert flow.awaiting_accept(odd, accepted=False)
    assert {Action.ACCEPT, Action.CANCEL} <= flow.allowed_actions(odd, accepted=False)
    assert flow.stage_of(odd, accepted=True) is Stage.PREPARING
    assert Action.ACCEPT not in flow.allowed_actions(odd, accepted=True)
    assert not flow.is_final(odd)


@pytest.mark.parametrize("flow", [MP_FLEX, MP_DROPOFF])
def test_unknown_values_never_move_an_order_back(flow: Flow) -> None:
    new = _P("ready_to_ship", "ready_to_print")
    odd_sub = _P("ready_to_ship", "beamed_up")
    odd_status = _P("teleported", "somewhere")
    shipped = _P("shipped", "out_for_delivery")
    # After the first state, an unknown value shows (it is news)...
    assert current_state(flow, [new, odd_sub]) == odd_sub
    assert current_state(flow, [new, odd_status]) == odd_status
    # ...but it never replaces later progress, and never a final state.
    assert current_state(flow, [new, shipped, odd_sub]) == shipped
    assert current_state(flow, [new, _P("ready_to_ship", "printed"), odd_status]) == _P(
        "ready_to_ship", "printed"
    )
    assert current_state(flow, [new, _P("cancelled", "time_expired"), odd_sub]) == _P(
        "cancelled", "time_expired"
    )
    assert current_state(flow, [new, _P("shipped", "lost_in_space")]) == _P(
        "shipped", "lost_in_space"
    )
    assert current_state(flow, [shipped, _P("shipped", "lost_in_space")]) == _P(
        "shipped", "lost_in_space"
    )
    # An unknown status is PREPARING, with the desk's own prints only.
    assert flow.stage_of(odd_status, accepted=False) is Stage.PREPARING
    assert flow.allowed_actions(odd_status, accepted=False) == {
        Action.PRINT_KITCHEN,
        Action.PRINT_RECEIPT,
    }
    # An unknown substatus of a final status is final.
    assert flow.is_final(_P("cancelled", "by_the_moon"))
    assert flow.stage(_P("cancelled", "by_the_moon")) is Stage.CANCELLED


def test_flex_has_no_not_delivered_step_but_tolerates_one() -> None:
    assert _P("not_delivered") not in MP_FLEX.pairs()
    assert _P("not_delivered") in MP_DROPOFF.pairs()
    assert MP_FLEX.is_final(_P("not_delivered"))
    assert MP_FLEX.stage(_P("not_delivered")) is Stage.DONE


def test_there_is_no_takeout_flow_of_its_own() -> None:
    # Orders stored with logistics "takeout" before issue 9 still open, with Flex's steps.
    legacy = flow_for("mp_delivery", Logistics.TAKEOUT)
    assert legacy.steps == MP_FLEX.steps


def test_final_states_and_stages() -> None:
    assert MP_FLEX.is_final(StatusPair("cancelled", "time_expired"))
    assert MP_FLEX.is_final(StatusPair("delivered"))
    assert not MP_FLEX.is_final(StatusPair("shipped", "delivery_failed"))
    assert MP_FLEX.stage(StatusPair("ready_to_ship", "ready_to_print")) is Stage.NEW
    assert MP_FLEX.stage(StatusPair("ready_to_ship", "printed")) is Stage.PREPARING
    assert MP_DROPOFF.stage(StatusPair("shipped", "at_the_door")) is Stage.ON_THE_WAY
    assert MP_FLEX.stage(StatusPair("cancelled", "cancelled_manually")) is Stage.CANCELLED


def test_printing_own_tickets_is_always_possible() -> None:
    for pair in MP_FLEX.pairs():
        if pair.status in ("pending", "handling"):  # not yet an order anyone was told of
            continue
        assert Action.PRINT_KITCHEN in MP_FLEX.allowed_actions(pair, accepted=True)


def test_a_dropoff_courier_before_acceptance_keeps_the_order_new() -> None:
    courier = StatusPair("ready_to_ship", "on_route_to_pickup")
    assert MP_DROPOFF.awaiting_accept(courier, accepted=False)
    assert MP_DROPOFF.stage_of(courier, accepted=False) is Stage.NEW
    assert MP_DROPOFF.stage_of(courier, accepted=True) is Stage.PREPARING
    printed = StatusPair("ready_to_ship", "printed")
    assert not MP_FLEX.awaiting_accept(printed, accepted=False)  # accepted elsewhere
    assert not MP_FLEX.awaiting_accept(StatusPair("cancelled", "time_expired"), accepted=False)
