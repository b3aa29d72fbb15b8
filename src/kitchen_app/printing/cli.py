"""``kitchen-app ticket ORDER.json --kind … --format … --out FILE``: render one ticket from an
order as the marketplace's API returns it.

Every bad input (missing file, not JSON, not an order, unknown option) is one ``UserError``
line and exit status 2, and no output file is left behind: the ticket is written to a temporary
file beside the target and renamed only once complete.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from kitchen_app.domain import Order
from kitchen_app.errors import UserError

from .escpos import code_page_number
from .layout import Paper
from .render import render
from .tickets import build_ticket

__all__ = ["ticket"]

log = logging.getLogger(__name__)

# channel -> "module:function" mapping the API's JSON to a domain Order.
_MAPPERS = {
    "mp_delivery": "kitchen_app.channels.mp_delivery:map_order",
    "mercadolibre": "kitchen_app.channels.mercadolibre:map_order",
    "shopee": "kitchen_app.channels.shopee:map_order",
}


def _read_json(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise UserError(f"{path}: no such file")
    if not path.is_file():
        raise UserError(f"{path}: not a file")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UserError(f"{path}: not a JSON text file (not UTF-8)") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(data, dict):
        raise UserError(f"{path}: not an order (expected a JSON object)")
    return data


def _map(raw: dict[str, Any], channel: str, path: Path) -> Order:
    from kitchen_app.channels.errors import ChannelError

    spec = _MAPPERS.get(channel)
    if spec is None:
        raise UserError(f"unknown channel {channel!r}")
    module_name, _, func_name = spec.partition(":")
    try:
        mapper = getattr(importlib.import_module(module_name), func_name)
    except (ImportError, AttributeError):
        raise UserError(f"reading {channel} orders is not available in this build") from None
    try:
        order = mapper(raw)
    except ChannelError as exc:
        raise UserError(f"{path}: not a {channel} order: {exc.message}") from None
    if not isinstance(order, Order):
        raise UserError(f"{path}: not a {channel} order")
    return order


def _write_atomically(out: Path, data: bytes) -> None:
    directory = out.parent if str(out.parent) else Path(".")
    if not directory.is_dir():
        raise UserError(f"{out}: folder {directory} does not exist")
    if out.is_dir():
        raise UserError(f"{out}: is a folder")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=directory)
    except OSError as exc:
        raise UserError(f"{out}: cannot write ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise UserError(f"{out}: cannot write ({exc.strerror})") from None


def ticket(args: argparse.Namespace) -> int:
    path = Path(args.order_json)
    try:
        code_page_number(args.code_page)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    raw = _read_json(path)
    order = _map(raw, args.channel, path)
    paper = Paper.from_mm(args.width)
    built = build_ticket(order, args.kind, locale=args.locale)
    data = render(built, args.format, paper, code_page=args.code_page)
    _write_atomically(Path(args.out), data)
    log.info(
        "wrote %s (%s, %s, %d mm, %d bytes)", args.out, args.kind, args.format, paper.mm, len(data)
    )
    return 0
