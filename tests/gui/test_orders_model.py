from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from kitchen_app.domain import OrderKey, Stage, StatusPair
from kitchen_app.ui.alert_policy import AlertLevel
from kitchen_app.ui.orders_model import Col, OrdersModel, Roles
from kitchen_app.ui.orders_proxy import OrdersProxy

from .fakes import T0, summary


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self):  # type: ignore[no-untyped-def]
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def model(qtbot, clock: Clock) -> OrdersModel:  # type: ignore[no-untyped-def]
    return OrdersModel(now=clock)


def test_model_passes_qt_model_tester(qtmodeltester, model: OrdersModel) -> None:  # type: ignore[no-untyped-def]
    model.set_orders([summary(1), summary(2, stage=Stage.PREPARING, accepted=True)])
    qtmodeltester.check(model)


def test_insert_by_key_adds_one_row_and_update_touches_one_row(qtbot, model: OrdersModel) -> None:  # type: ignore[no-untyped-def]
    model.set_orders([summary(1), summary(2)])
    with qtbot.waitSignal(model.rowsInserted) as inserted:
        assert model.upsert(summary(3)) is True
    assert inserted.args[1:] == [2, 2]
    changed: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(
        lambda a, b, roles=(): changed.append((a.row(), a.column(), b.row(), b.column()))
    )
    accepted = summary(2, status=StatusPair("ready_to_ship", "printed"), stage=Stage.PREPARING)
    assert model.upsert(accepted) is False
    assert model.rowCount() == 3
    assert changed == [(1, 0, 1, Col.COUNT - 1)]
    assert model.index(1, Col.STATUS).data() == "Accepted"


def test_tick_changes_only_the_countdown_column(qtbot, model: OrdersModel, clock: Clock) -> None:  # type: ignore[no-untyped-def]
    model.set_orders([summary(1), summary(2, stage=Stage.PREPARING, accepted=True), summary(3)])
    assert model.index(0, Col.COUNTDOWN).data() == "5:00"
    assert model.index(1, Col.COUNTDOWN).data() == ""
    changed: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(
        lambda a, b, roles=(): changed.append((a.row(), a.column(), b.row(), b.column()))
    )
    clock.now = T0 + timedelta(seconds=1)
    model.tick()
    assert changed == [(0, Col.COUNTDOWN, 2, Col.COUNTDOWN)]
    assert model.index(0, Col.COUNTDOWN).data() == "4:59"


def test_tick_recolours_a_row_when_its_level_changes(
    qtbot, model: OrdersModel, clock: Clock
) -> None:  # type: ignore[no-untyped-def]
    model.set_orders([summary(1)])
    calm = model.index(0, Col.ID).data(Qt.ItemDataRole.BackgroundRole).color()
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, roles=(): changed.append((a.column(), b.column())))
    clock.now = T0 + timedelta(minutes=4, seconds=30)
    model.tick()
    assert (0, Col.COUNT - 1) in changed
    assert model.index(0, Col.ID).data(Roles.LEVEL) is AlertLevel.CRITICAL
    assert model.index(0, Col.ID).data(Qt.ItemDataRole.BackgroundRole).color() != calm


def test_nearest_time_left_ignores_accepted_and_final(model: OrdersModel, clock: Clock) -> None:
    model.set_orders(
        [
            summary(1, created=T0 - timedelta(minutes=4), stage=Stage.PREPARING, accepted=True),
            summary(2, created=T0 - timedelta(minutes=2)),
            summary(3, created=T0 - timedelta(minutes=4), stage=Stage.CANCELLED, is_final=True),
        ]
    )
    assert model.nearest_time_left() == timedelta(minutes=3)


def test_proxy_filters_by_stage_and_searches_id_or_name(qtbot, model: OrdersModel) -> None:  # type: ignore[no-untyped-def]
    model.set_orders(
        [
            summary(1, name="Ana"),
            summary(2, name="Bruno", stage=Stage.PREPARING, accepted=True),
            summary(3, name="Carla", stage=Stage.CANCELLED, is_final=True),
            summary(4, name="Anabel", stage=Stage.PREPARING, accepted=True),
        ]
    )
    proxy = OrdersProxy()
    proxy.setSourceModel(model)
    assert proxy.rowCount() == 4
    proxy.set_stage(Stage.PREPARING)
    assert proxy.rowCount() == 2
    proxy.set_search("ana")
    assert [proxy.index(r, 0).data(Roles.KEY) for r in range(proxy.rowCount())] == [
        OrderKey("mp_delivery", "4")
    ]
    proxy.set_stage(None)
    proxy.set_search("#0003")
    assert proxy.rowCount() == 1 and proxy.index(0, Col.CUSTOMER).data() == "Carla 3"
    assert model.stage_counts()[Stage.PREPARING] == 2


def test_proxy_sorts_newest_first_by_python_values(qtbot, model: OrdersModel) -> None:  # type: ignore[no-untyped-def]
    model.set_orders([summary(i, created=T0 + timedelta(minutes=i)) for i in (2, 1, 3)])
    proxy = OrdersProxy()
    proxy.setSourceModel(model)
    proxy.sort(Col.CREATED, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, 0).data(Roles.KEY).order_id for r in range(3)] == ["3", "2", "1"]
    model.upsert(summary(9, created=T0 + timedelta(minutes=9)))
    assert proxy.index(0, 0).data(Roles.KEY) == OrderKey("mp_delivery", "9")


def _proxy_keys(proxy: OrdersProxy) -> list[str]:
    return [proxy.index(r, 0).data(Roles.KEY) for r in range(proxy.rowCount())]


def test_sorting_stays_right_as_orders_arrive_and_change(qtbot, model: OrdersModel) -> None:  # type: ignore[no-untyped-def]
    # The proxy compares sort values it keeps per row: they must follow every change.
    minutes = [5, 1, 9, 3]
    model.set_orders([summary(i, created=T0 + timedelta(minutes=m)) for i, m in enumerate(minutes)])
    proxy = OrdersProxy()
    proxy.setSourceModel(model)
    proxy.sort(Col.CREATED, Qt.SortOrder.DescendingOrder)
    assert _proxy_keys(proxy) == [OrderKey("mp_delivery", str(i)) for i in (2, 0, 3, 1)]
    model.upsert(summary(7, created=T0 + timedelta(minutes=4)))  # appended row
    model.upsert(summary(1, created=T0 + timedelta(minutes=20)))  # an existing row moves
    assert _proxy_keys(proxy) == [OrderKey("mp_delivery", str(i)) for i in (1, 2, 0, 7, 3)]
    proxy.sort(Col.CUSTOMER, Qt.SortOrder.AscendingOrder)
    model.upsert(summary(8, name="Aaron"))
    assert _proxy_keys(proxy)[0] == OrderKey("mp_delivery", "8")


def test_counts_and_waiting_follow_each_change_without_a_recount(qtbot, model: OrdersModel) -> None:  # type: ignore[no-untyped-def]
    model.set_orders([summary(1), summary(2, stage=Stage.DONE, is_final=True, accepted=True)])
    assert [s.key for s in model.waiting()] == [OrderKey("mp_delivery", "1")]
    assert model.stage_counts()[Stage.NEW] == 1 and model.stage_counts()[Stage.DONE] == 1
    expired = summary(
        1,
        stage=Stage.CANCELLED,
        is_final=True,
        status=StatusPair("cancelled", "time_expired"),
    )
    model.upsert(expired)  # the waiting order expired: no longer waiting, newest handled
    assert model.waiting() == []
    assert model.stage_counts()[Stage.NEW] == 0 and model.stage_counts()[Stage.CANCELLED] == 1
    handled = model.last_handled_expired()
    assert handled is not None and handled.key == OrderKey("mp_delivery", "1")
    later = summary(3, created=T0 + timedelta(minutes=1), stage=Stage.PREPARING, accepted=True)
    model.upsert(later)
    assert model.last_handled_expired() is None


def test_cell_role_carries_text_tint_and_stage(qtbot, model: OrdersModel, clock: Clock) -> None:  # type: ignore[no-untyped-def]
    model.set_orders([summary(1), summary(2, stage=Stage.PREPARING, accepted=True)])
    waiting = model.index(0, Col.ID).data(Roles.CELL)
    assert waiting.text == "#0001" and waiting.tint is not None and waiting.stage == Stage.NEW
    assert model.index(1, Col.ID).data(Roles.CELL).tint is None
    clock.now = T0 + timedelta(minutes=4, seconds=30)
    countdown = model.index(0, Col.COUNTDOWN).data(Roles.CELL)
    assert countdown.text == "0:30" and countdown.colour is not None  # critical: red text


def test_selection_follows_its_order_when_the_list_is_resorted(qtbot, model: OrdersModel) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QTableView

    model.set_orders([summary(i, created=T0 + timedelta(minutes=i), name=n) for i, n in
                      enumerate(["Carla", "Ana", "Bruno"])])  # fmt: skip
    proxy = OrdersProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(Col.CREATED, Qt.SortOrder.DescendingOrder)
    view.selectRow(0)  # the newest: Bruno
    assert view.selectionModel().selectedRows()[0].data(Roles.KEY) == OrderKey("mp_delivery", "2")
    view.sortByColumn(Col.CUSTOMER, Qt.SortOrder.AscendingOrder)
    selected = view.selectionModel().selectedRows()
    assert [i.data(Roles.KEY) for i in selected] == [OrderKey("mp_delivery", "2")]
    assert selected[0].row() == 1  # Ana, Bruno, Carla
