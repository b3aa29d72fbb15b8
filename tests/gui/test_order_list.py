"""The order list with three marketplaces: the marketplace filter, carts (one row per cart
that expands to its orders, the cart's pane, one ticket for the whole cart) and long order ids
shown by their tail."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from kitchen_app.domain import Money, OrderKey, Stage, StatusPair
from kitchen_app.ui import labels
from kitchen_app.ui.order_cells import elided
from kitchen_app.ui.orders_model import Cart, Cell, Col, OrdersModel, Roles, cart_key

from .conftest import _IGNORED
from .fakes import T0, Summary, summary

PAID = StatusPair("paid")
CART = "2000004471163621"


def ml(order_id: str, *, pack: str | None = CART, minutes: int = 0, total: str = "100") -> Summary:
    """A Mercado Libre order (ids as long as Mercado Libre's), in a cart when ``pack``."""
    return Summary(
        key=OrderKey("mercadolibre", order_id),
        channel="mercadolibre",
        order_id=order_id,
        display_id=order_id,
        created_at=T0 + timedelta(minutes=minutes),
        status=PAID,
        stage=Stage.PREPARING,
        is_final=False,
        logistics="me1",
        customer_name="Bruna Costa",
        item_count=2,
        total=Money.parse(total, "BRL"),
        accept_deadline=None,  # type: ignore[arg-type]  # Mercado Libre has no accept window
        accepted=True,
        pack_id=pack,
    )


def shopee(sn: str) -> Summary:
    return replace(
        ml(sn, pack=None),
        key=OrderKey("shopee", sn),
        channel="shopee",
        status=StatusPair("READY_TO_SHIP"),
        logistics="shopee",
        customer_name="Carla Dias",
    )


def brl(amount: str) -> str:
    return labels.format_money(Money.parse(amount, "BRL"), QLocale())


def _visible_keys(window) -> list[str]:  # type: ignore[no-untyped-def]
    for cart in window.model.carts():
        window.model.set_expanded(cart, True)
    proxy = window.proxy
    return [proxy.index(row, 0).data(Roles.KEY) for row in range(proxy.rowCount())]


# ---- the marketplace filter -------------------------------------------------------------------


def test_marketplace_filter_shows_one_marketplace_and_hides_with_one(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, _commands, _bridge, _clock, make = desk
    reader.add(summary(1))
    reader.add(ml("2000001", pack=None))
    reader.add(shopee("240517ABCD1234"))
    window = make()
    bar = window.filters
    assert bar.marketplace.isVisibleTo(window)  # three marketplaces are served
    names = [a.text() for a in bar.marketplace_menu.actions()]
    # Labels and badges are the plug-ins' (their display metadata).
    assert names[0] == "All marketplaces"
    assert any("Mercado Libre" in n for n in names)
    assert any("Shopee" in n for n in names)
    assert len(_visible_keys(window)) == 3

    bar.choose_channel("shopee")
    assert _visible_keys(window) == [OrderKey("shopee", "240517ABCD1234")]
    assert bar.marketplace.text() == "Shopee"
    bar.choose_channel(None)
    assert len(_visible_keys(window)) == 3


def test_marketplace_filter_is_hidden_for_a_desk_with_one_marketplace(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    from kitchen_app.ui.bridge import EngineBridge
    from kitchen_app.ui.main_window import MainWindow

    reader, commands, _bridge, clock, _make = desk
    reader.add(summary(1))
    window = MainWindow(
        commands,
        reader,
        EngineBridge(),
        alert=None,
        now=clock,
        tray=False,
        marketplaces=("mp_delivery",),
    )
    qtbot.addWidget(window)
    try:
        window.show()
        assert not window.filters.marketplace.isVisible()
        # An order from another marketplace (set up later) brings the filter back.
        order = ml("2000002", pack=None)
        reader.add(order)
        window._order_added(order.key)
        assert window.filters.marketplace.isVisible()
    finally:
        window.shutdown()


# A menu grabs the keyboard; the offscreen test platform cannot and says so.
@pytest.mark.qt_log_ignore(*_IGNORED, "does not support grabbing the keyboard")
def test_ctrl_m_opens_the_marketplace_menu(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, _commands, _bridge, _clock, make = desk
    reader.add(summary(1))
    reader.add(ml("2000001", pack=None))
    window = make()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    menu = window.filters.marketplace_menu
    qtbot.keyClick(window.table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    assert menu.activeAction() is not None and menu.activeAction().data() is None  # all
    menu.close()


# ---- carts ------------------------------------------------------------------------------------


def test_a_cart_is_one_row_with_badge_count_and_total_expanding_to_its_orders(qtbot) -> None:  # type: ignore[no-untyped-def]
    from kitchen_app.ui.orders_proxy import OrdersProxy

    model = OrdersModel(now=lambda: T0)
    proxy = OrdersProxy()
    proxy.setSourceModel(model)
    proxy.sort(Col.CREATED, Qt.SortOrder.DescendingOrder)
    model.set_orders([ml("2000010", minutes=1, total="30.50"), summary(1)])
    key = cart_key("mercadolibre", CART)
    cart = model.cart(key)
    assert isinstance(cart, Cart) and cart.pack_id == CART

    def shown() -> list[str]:
        return [proxy.index(r, 0).data(Roles.KEY) for r in range(proxy.rowCount())]

    # Closed: one row for the cart; its orders show right under it once opened.
    assert shown() == [key, OrderKey("mp_delivery", "1")]
    model.set_expanded(cart, True)
    assert shown() == [key, OrderKey("mercadolibre", "2000010"), OrderKey("mp_delivery", "1")]

    # The second order of the cart arrives: it sorts under its cart, not by its own time.
    model.upsert(ml("2000009", minutes=5, total="12.25"))
    assert shown() == [
        key,
        OrderKey("mercadolibre", "2000009"),
        OrderKey("mercadolibre", "2000010"),
        OrderKey("mp_delivery", "1"),
    ]
    proxy.sort(Col.CREATED, Qt.SortOrder.AscendingOrder)
    assert shown() == [
        OrderKey("mp_delivery", "1"),
        key,
        OrderKey("mercadolibre", "2000010"),
        OrderKey("mercadolibre", "2000009"),
    ]
    # An order of the cart older than everything moves the whole cart (its first order).
    model.upsert(ml("2000008", minutes=-30, total="0"))
    assert shown()[:2] == [key, OrderKey("mercadolibre", "2000008")]
    model.remove(OrderKey("mercadolibre", "2000008"))

    row = model.row_of(key)
    cell = model.index(row, Col.ID).data(Roles.CELL)
    assert isinstance(cell, Cell) and cell.badge is not None  # the cart badge
    assert (cell.mark, cell.text) == ("▾", "×2")  # the badge: a drawn cart and the count
    assert model.index(row, Col.ID).data() == "Cart ×2"
    assert model.index(row, Col.ITEMS).data() == "4"
    assert model.index(row, Col.TOTAL).data() == brl("42.75")
    assert model.index(row, Col.CUSTOMER).data() == "Bruna Costa"
    assert CART in model.index(row, Col.ID).data(Qt.ItemDataRole.ToolTipRole)
    child = model.index(model.row_of(OrderKey("mercadolibre", "2000009")), Col.ID)
    assert child.data() == "#2000009" and child.data(Roles.CELL).indent > 0
    assert child.data(Roles.IN_CART) is cart
    assert child.siblingAtColumn(Col.TOTAL).data() == brl("12.25")

    model.set_expanded(cart, False)
    assert shown() == [OrderKey("mp_delivery", "1"), key]
    assert model.index(row, Col.ID).data(Roles.CELL).mark == "▸"
    # An order leaving takes its row; the last one takes the cart's.
    model.remove(OrderKey("mercadolibre", "2000009"))
    assert model.index(model.row_of(key), Col.ID).data() == "Cart ×1"
    model.remove(OrderKey("mercadolibre", "2000010"))
    assert model.rowCount() == 1 and model.cart(key) is None
    assert shown() == [OrderKey("mp_delivery", "1")]


@pytest.mark.parametrize("column", list(range(Col.COUNT)))
def test_a_new_cart_arriving_in_a_sorted_list_gets_its_row(qtbot, column: int) -> None:  # type: ignore[no-untyped-def]
    # The first order of a cart brings the cart's row: the proxy reads the row's sort value
    # as soon as it is inserted, so the cart must already hold its order (the demo's window
    # once died here on its first Mercado Libre cart).
    from kitchen_app.ui.orders_proxy import OrdersProxy

    model = OrdersModel(now=lambda: T0)
    proxy = OrdersProxy()
    proxy.setSourceModel(model)
    model.set_orders([summary(1)])
    proxy.sort(column, Qt.SortOrder.DescendingOrder)
    assert proxy.rowCount() == 1  # the sort values are read and kept
    model.upsert(ml("2000020", pack="2000000000000077"))
    key = cart_key("mercadolibre", "2000000000000077")
    shown = {proxy.index(r, 0).data(Roles.KEY) for r in range(proxy.rowCount())}
    assert shown == {key, OrderKey("mp_delivery", "1")}
    model.set_expanded(model.cart(key), True)  # type: ignore[arg-type]
    assert proxy.rowCount() == 3


def test_selecting_a_cart_shows_its_pane_and_prints_one_ticket_for_the_cart(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, commands, _bridge, _clock, make = desk
    first, second = ml("2000009", total="12.25"), ml("2000010", minutes=1, total="30.50")
    reader.add(second)
    reader.add(first)
    reader.add(summary(1))
    window = make()
    window.select(cart_key("mercadolibre", CART))
    assert window.panes.currentWidget() is window.cart_pane
    assert window.selected_key() is None
    pane = window.cart_pane
    assert CART in pane.title.text()
    assert pane.order_rows() == [
        ("#2000009", "Paid", "2", brl("12.25")),
        ("#2000010", "Paid", "2", brl("30.50")),
    ]
    assert pane.total.text() == f"Cart total: {brl('42.75')}"
    assert "2 order" in pane.buyer.text()

    pane.kitchen_button.click()
    pane.receipt_button.click()
    # Asked once per ticket, for the cart's first order: the engine prints the whole cart.
    prints = [c for c in commands.calls if c[0] == "print_ticket"]
    assert prints == [
        ("print_ticket", first.key, "kitchen", False),
        ("print_ticket", first.key, "receipt", False),
    ]
    qtbot.waitUntil(lambda: "sent to the printer" in window.message.text(), timeout=1000)
    assert CART in window.message.text()

    # Double-clicking an order of the cart opens that order (its row shown under the cart).
    pane.orderChosen.emit(second.key)
    assert window.panes.currentWidget() is window.detail
    assert window.table.currentIndex().data(Roles.KEY) == second.key
    cart = window.model.cart(second.key)
    assert cart is not None and window.model.is_expanded(cart)
    # Left closes the cart from one of its orders (and selects the cart); Right opens it.
    assert window.toggle_cart(False)
    assert not window.model.is_expanded(cart)
    assert window.table.currentIndex().data(Roles.CART) is cart
    assert window.toggle_cart(True) and window.model.is_expanded(cart)


def test_filters_keep_a_cart_while_one_of_its_orders_matches(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    reader, _commands, _bridge, _clock, make = desk
    reader.add(ml("2000009"))
    reader.add(replace(ml("2000010", minutes=1), customer_name="Outra Pessoa"))
    reader.add(summary(1))
    window = make()
    window.filters.search.setText("outra")
    cart = cart_key("mercadolibre", CART)
    assert _visible_keys(window) == [cart, OrderKey("mercadolibre", "2000010")]
    window.filters.search.setText(CART[-6:])  # the cart's id: the whole cart
    shown = _visible_keys(window)  # the cart's orders sorted as the list is (newest first)
    assert shown[0] == cart and set(shown[1:]) == {
        OrderKey("mercadolibre", "2000009"),
        OrderKey("mercadolibre", "2000010"),
    }
    window.filters.search.clear()
    window.filters.choose_channel("mp_delivery")
    assert _visible_keys(window) == [OrderKey("mp_delivery", "1")]


# ---- long ids -----------------------------------------------------------------------------------


def test_long_ids_keep_their_tail_and_the_whole_id_is_in_the_tooltip_and_copyable(
    qtbot, desk
) -> None:  # type: ignore[no-untyped-def]
    metrics = QFontMetrics(QFont())
    text = "#2000012345577644"
    short = elided(metrics, text, metrics.horizontalAdvance("#…577644"), Qt.TextElideMode.ElideLeft)
    assert short.startswith("#…") and short.endswith("577644")
    assert elided(metrics, "#0042", 500, Qt.TextElideMode.ElideLeft) == "#0042"

    reader, _commands, _bridge, _clock, make = desk
    order = shopee("240517ABCD577644")
    reader.add(order)
    window = make()
    row = window.model.row_of(order.key)
    index = window.model.index(row, Col.ID)
    cell = index.data(Roles.CELL)
    assert cell.elide == Qt.TextElideMode.ElideLeft
    assert "#240517ABCD577644" in index.data(Qt.ItemDataRole.ToolTipRole)

    window.select(order.key)
    QApplication.clipboard().clear()
    assert window.copy_selected_id() == "240517ABCD577644"
    assert QApplication.clipboard().text() == "240517ABCD577644"
    # The list's Ctrl+C does the same.
    QApplication.clipboard().clear()
    window.table.setFocus()
    window.copy_id.trigger()
    assert QApplication.clipboard().text() == "240517ABCD577644"


# ---- words from the plug-ins --------------------------------------------------------------------


def test_the_document_button_is_named_by_the_orders_plugin(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    from .fakes import Record, flex_order, summary_of, wait_for_offer

    reader, commands, _bridge, _clock, make = desk
    order = flex_order(5)
    reader.add(summary_of(order), order)
    window = make()
    window.select(order.key)
    wait_for_offer(qtbot, window, order.key)
    bar = window.detail.actions_bar
    # Mercado Pago's flow offers its receipt PDF: the button carries the plug-in's name for
    # its document (Display.document), with F7 as before.
    assert bar.document_action() == "print_label_pdf"
    assert bar.button("print_label_pdf").text() == "Mercado Pago receipt (PDF)"
    assert bar.shortcuts()["print_label_pdf"] == ["F7"]
    bar.button("print_label_pdf").click()
    assert ("print_ticket", order.key, "label_pdf", False) in commands.calls
    reader.job_records[order.key] = [Record(3, "label_pdf", "printed", T0)]
    window._journal_changed(order.key)
    assert bar.button("print_label_pdf").text() == "Reprint Mercado Pago receipt"
