"""Domain orders for printing tests, built directly with the domain types (the fixture
``tests/fixtures/mp_order_flex.json`` as the MP Delivery mapping would give it, and variants)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

from tests.builders import ars, burrito_combo, mp_order

from kitchen_app.domain import (
    Address,
    Customer,
    Discount,
    Fee,
    FlexQR,
    Logistics,
    Money,
    Option,
    Order,
    OrderItem,
    Payment,
    StatusPair,
    Totals,
)


def flex_order() -> Order:
    """The API notes' §2.2 order (Flex, ARS)."""
    return mp_order(
        "41034141533",
        display_id="9129",
        created_at=datetime(2022, 2, 16, 21, 20, 15, 227000, tzinfo=UTC),
        status=StatusPair("ready_to_ship", "printed"),
        store_id="44905357",
        items=(burrito_combo(2),),
        totals=Totals(items=ars("1000"), fees=ars("119"), discount=ars("119"), total=ars("1000")),
        fees=(Fee("Name of the Fee", "DELIVERY_FEE", ars("119"), "MERCHANT"),),
        discounts=(Discount(ars("119"), "ITEM", "MLA1122759502", "coupon_off"),),
        payments=(Payment(ars("1000"), "DIGITAL_WALLET", "PREPAID", True),),
        customer=Customer("Test User", "011 123456789", "2731234567894", "1071059933"),
        address=Address(
            formatted="Calle 01 1523",
            city="Santos Lugares",
            state="Capital Federal",
            postal_code="1428",
            complement="APTO 58",
            reference="Referencia: Next to bakery",
            country="Argetina",
            latitude=-34.55864,
            longitude=-58.457982,
        ),
        qr=FlexQR(
            id="41034141533",
            sender_id=1068595961,
            hash_code="v3Xtt15eewkj3Eu2lZt+cJQgDj3H6AHb04y1cMO4nPI=",
            security_digit="0",
        ),
        estimated_delivery_at=datetime(2022, 2, 21, 21, 49, 55, tzinfo=UTC),
    )


def small_order() -> Order:
    """A tiny Dropoff order with accents, for whole-byte ESC/POS assertions."""
    base = flex_order()
    item = OrderItem(
        name="Ñoquis",
        quantity=Decimal(1),
        unit_price=ars("1234.5"),
        total_price=ars("1234.5"),
        notes="sin cebolla",
    )
    return replace(
        base,
        display_id="7",
        logistics=Logistics.DROPOFF,
        store_name="Café",
        items=(item,),
        totals=Totals(ars("1234.5"), ars("0"), ars("0"), ars("1234.5")),
        fees=(),
        discounts=(),
        payments=(Payment(ars("1234.5"), "DIGITAL_WALLET", "PREPAID", True),),
        customer=Customer("Ana"),
        address=None,
        qr=None,
        estimated_delivery_at=None,
    )


def big_order(items: int = 20, currency: str = "ARS") -> Order:
    """A Flex order with many items, long names, options in several groups and notes."""
    base = flex_order()
    made: list[OrderItem] = []
    for n in range(items):
        options = (
            Option(
                "Coca-Cola Zero",
                Decimal(1),
                ars("900", currency),
                ars("900", currency),
                group="Bebida",
            ),
            Option(
                "Papas fritas rústicas con cheddar",
                Decimal(1),
                ars("1500", currency),
                ars("1500", currency),
                group="Acompañamiento",
            ),
            Option(
                "Salsa criolla",
                Decimal(2),
                ars("0", currency),
                ars("0", currency),
                group="Acompañamiento",
            ),
        )
        made.append(
            OrderItem(
                name=f"Hamburguesa doble con queso y panceta ahumada número {n + 1}",
                quantity=Decimal(1 + n % 3),
                unit_price=ars("5400.50", currency),
                total_price=ars(str(Decimal("5400.50") * (1 + n % 3) + 2400), currency),
                options=options,
                notes="sin cebolla, bien cocida" if n % 4 == 0 else None,
            )
        )
    total = sum((i.total_price for i in made), Money.zero(currency))
    return replace(
        base,
        items=tuple(made),
        totals=Totals(total, ars("119", currency), ars("119", currency), total),
        fees=(Fee("Envío", "DELIVERY_FEE", ars("119", currency)),),
        discounts=(Discount(ars("119", currency), "CART", None, "Cupón bienvenida"),),
        payments=(Payment(total, "DIGITAL_WALLET", "PREPAID", True),),
        notes="Tocar timbre 2º B, perro bravo",
    )
