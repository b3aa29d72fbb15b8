from kitchen_app.domain import Action, Stage, StatusPair
from kitchen_app.domain.flows import MP_DROPOFF, MP_FLEX


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
    assert Action.MARK_READY in MP_DROPOFF.allowed_actions(pair, accepted=True)
    assert Action.MARK_READY not in MP_FLEX.allowed_actions(pair, accepted=True)


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
