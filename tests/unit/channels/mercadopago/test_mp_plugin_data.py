"""Mercado Pago's plug-in data: its tracks flow says what the engine's flow says, its settings
and words are declared for the settings page and the labels."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kitchen_app.channels.mercadopago import CHANNEL, display, flows, settings, status_graph
from kitchen_app.domain import StatusPair
from kitchen_app.domain import flows as legacy
from kitchen_app.domain.settings import SettingKind
from kitchen_app.domain.tracks import DeadlineKind

_UNKNOWN = [
    StatusPair("ready_to_ship", "new_thing"),
    StatusPair("weird"),
    StatusPair("shipped"),
    StatusPair("cancelled", "by_the_buyer"),
    StatusPair("pending", "other"),
]


@pytest.mark.parametrize(
    ("old", "new"),
    [(status_graph.FLEX_GRAPH, flows.FLEX), (status_graph.DROPOFF_GRAPH, flows.DROPOFF)],
)
def test_tracks_flow_matches_the_engine_flow(old: legacy.Flow, new: flows.Flow) -> None:
    track = new.primary
    assert track.name == "order" and not track.repeats
    assert new.accept_window == timedelta(minutes=5)
    for pair in [*old.pairs(), *_UNKNOWN]:
        assert track.stage_of(pair) == old.stage(pair), pair
        assert (track.step(pair) is None) == (not old.is_known(pair))
        step = track.place(pair)  # listed or not, the same place as the engine's flow
        assert step.rank == old.rank(pair)
        assert step.terminal == old.is_final(pair)
        waits = old.awaiting_accept(pair, accepted=False)
        assert step.alert == waits
        assert step.deadline == (DeadlineKind.ACCEPT if waits else None)


def test_dropoff_orders_get_the_dropoff_steps() -> None:
    assert flows.flow_for_logistics("dropoff") is flows.DROPOFF
    assert flows.flow_for_logistics("flex") is flows.FLEX
    assert flows.flow_for_logistics("takeout") is flows.FLEX


def test_settings_are_declared_without_the_prefix_and_legacy_names_map_onto_them() -> None:
    names = {spec.name for spec in settings.SETTINGS}
    assert names == {"base_url", "access_token", "user_id", "credentials"}
    assert set(settings.LEGACY_SETTINGS.values()) <= names
    token = next(s for s in settings.SETTINGS if s.name == "access_token")
    assert token.kind is SettingKind.SECRET
    assert token.qualified(CHANNEL) == "mp_delivery.access_token"


def test_display_words_are_in_the_plugin_context() -> None:
    d = display.DISPLAY
    assert d.badge == "MP"
    texts = [d.name, *d.statuses.values(), *d.chips.values(), *d.logistics.values()]
    assert all(t.context == CHANNEL for t in texts)
    # (status, substatus) first, then the status alone.
    label = d.status_label(StatusPair("cancelled", "time_expired"))
    assert label is not None and label.source == "Cancelled: not accepted in time"
    other = d.status_label(StatusPair("cancelled", "by_someone_else"))
    assert other is not None and other.source == "Cancelled"
    assert d.status_label(StatusPair("weird")) is None
