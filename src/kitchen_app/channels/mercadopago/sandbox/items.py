"""Items of a sandbox order: what generated orders pick from the menu and what
``POST /_sandbox/orders`` may give instead (``parse_item_overrides``)."""

from __future__ import annotations

import logging
import zlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["ItemSpec", "OptionSpec", "parse_item_overrides"]

log = logging.getLogger(__name__)

_CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class OptionSpec:
    name: str
    quantity: int
    unit_price: Decimal
    group: str
    code: str


@dataclass(frozen=True, slots=True)
class ItemSpec:
    name: str
    quantity: int
    unit_price: Decimal
    code: str
    options: tuple[OptionSpec, ...] = field(default=())
    notes: str | None = None


def _price(value: object, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"{where}: price must be a number")
    try:
        price = Decimal(str(value))
    except ArithmeticError:
        raise ValueError(f"{where}: price must be a number") from None
    if not price.is_finite() or price < 0:
        raise ValueError(f"{where}: price must be 0 or more")
    return price.quantize(_CENT, rounding=ROUND_HALF_UP)


def _quantity(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 99:
        raise ValueError(f"{where}: quantity must be a whole number from 1 to 99")
    return value


def _name(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: name must be a non-empty string")
    return value.strip()


def parse_item_overrides(raw: object) -> list[ItemSpec]:
    """Items given to ``POST /_sandbox/orders``; ValueError (one line) when malformed."""
    if not isinstance(raw, list) or not raw:
        raise ValueError("items must be a non-empty list")
    items: list[ItemSpec] = []
    for i, entry in enumerate(raw):
        where = f"items[{i}]"
        if not isinstance(entry, dict):
            raise ValueError(f"{where} must be an object")
        name = _name(entry.get("name"), where)
        options: list[OptionSpec] = []
        raw_options = entry.get("options", [])
        if not isinstance(raw_options, list):
            raise ValueError(f"{where}.options must be a list")
        for j, opt in enumerate(raw_options):
            owhere = f"{where}.options[{j}]"
            if not isinstance(opt, dict):
                raise ValueError(f"{owhere} must be an object")
            oname = _name(opt.get("name"), owhere)
            group = opt.get("group", "Opciones")
            if not isinstance(group, str):
                raise ValueError(f"{owhere}: group must be a string")
            options.append(
                OptionSpec(
                    name=oname,
                    quantity=_quantity(opt.get("quantity", 1), owhere),
                    unit_price=_price(opt.get("unit_price", 0), owhere),
                    group=group,
                    code=str(opt.get("external_code", f"OPT-{zlib.crc32(oname.encode())}")),
                )
            )
        notes = entry.get("notes")
        if notes is not None and not isinstance(notes, str):
            raise ValueError(f"{where}: notes must be a string")
        items.append(
            ItemSpec(
                name=name,
                quantity=_quantity(entry.get("quantity", 1), where),
                unit_price=_price(entry.get("unit_price"), where),
                code=str(entry.get("external_code", f"SKU-{zlib.crc32(name.encode())}")),
                options=tuple(options),
                notes=notes or None,
            )
        )
    return items
