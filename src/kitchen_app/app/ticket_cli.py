"""``kitchen-app ticket ORDER.json --kind … --format … --out FILE``: render one ticket from an
order as the marketplace's API returns it.

Every bad input (missing file, not JSON, not an order, unknown option) is one ``UserError``
line and exit status 2, and no output file is left behind: the ticket is written to a temporary
file beside the target and renamed only once complete. ``--out -`` writes the ticket to
standard output instead (bytes: ESC/POS and PDF as they are).

Language: ``--locale`` when given, else the system's (``LANGUAGE``/``LC_ALL``/``LC_MESSAGES``/
``LANG``): the ticket in es-AR when the system names none of our languages; this command's
error messages in that language too, and in English when the system names none (the C
locale's messages are English).

Time zone (api notes §2): ``--tz`` (default: the system's zone) is the zone the ticket's times
are printed in, and the zone a time without offset in the order JSON is read in, as if the
file had been fetched with ``x-time-zone`` set to it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
import tempfile
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from kitchen_app.domain import Order
from kitchen_app.domain.errors import UserError
from kitchen_app.domain.timezones import zone_from_setting
from kitchen_app.printing.escpos import code_page_number
from kitchen_app.printing.labels import system_language, system_ticket_locale
from kitchen_app.printing.layout import Paper
from kitchen_app.printing.render import render
from kitchen_app.printing.tickets import build_ticket

__all__ = ["ticket"]

log = logging.getLogger(__name__)

# This command's messages: English first (the C locale's), Spanish and Portuguese beside.
_MESSAGES: dict[str, dict[str, str]] = {
    "no_file": {
        "en": "{path}: no such file",
        "es": "{path}: no existe el archivo",
        "pt": "{path}: o arquivo não existe",
    },
    "not_file": {
        "en": "{path}: not a file",
        "es": "{path}: no es un archivo",
        "pt": "{path}: não é um arquivo",
    },
    "not_utf8": {
        "en": "{path}: not a JSON text file (not UTF-8)",
        "es": "{path}: no es un archivo de texto JSON (no es UTF-8)",
        "pt": "{path}: não é um arquivo de texto JSON (não é UTF-8)",
    },
    "cannot_read": {
        "en": "{path}: cannot read ({reason})",
        "es": "{path}: no se puede leer ({reason})",
        "pt": "{path}: não é possível ler ({reason})",
    },
    "not_json": {
        "en": "{path}: not JSON ({reason} at line {line})",
        "es": "{path}: no es JSON ({reason} en la línea {line})",
        "pt": "{path}: não é JSON ({reason} na linha {line})",
    },
    "not_object": {
        "en": "{path}: not an order (expected a JSON object)",
        "es": "{path}: no es un pedido (se esperaba un objeto JSON)",
        "pt": "{path}: não é um pedido (esperava-se um objeto JSON)",
    },
    "unknown_channel": {
        "en": "unknown channel {channel!r}",
        "es": "canal desconocido {channel!r}",
        "pt": "canal desconhecido {channel!r}",
    },
    "no_mapper": {
        "en": "reading {channel} orders is not available in this build",
        "es": "esta versión no puede leer pedidos de {channel}",
        "pt": "esta versão não lê pedidos de {channel}",
    },
    "not_order": {
        "en": "{path}: not a {channel} order: {reason}",
        "es": "{path}: no es un pedido de {channel}: {reason}",
        "pt": "{path}: não é um pedido de {channel}: {reason}",
    },
    "no_folder": {
        "en": "{out}: folder {folder} does not exist",
        "es": "{out}: la carpeta {folder} no existe",
        "pt": "{out}: a pasta {folder} não existe",
    },
    "is_folder": {
        "en": "{out}: is a folder",
        "es": "{out}: es una carpeta",
        "pt": "{out}: é uma pasta",
    },
    "cannot_write": {
        "en": "{out}: cannot write ({reason})",
        "es": "{out}: no se puede escribir ({reason})",
        "pt": "{out}: não é possível gravar ({reason})",
    },
    "bad_tz": {
        "en": "--tz: {reason}",
        "es": "--tz: zona horaria no válida ({reason})",
        "pt": "--tz: fuso horário inválido ({reason})",
    },
    "code_page": {
        "en": "{reason}",
        "es": "página de códigos: {reason}",
        "pt": "página de código: {reason}",
    },
}


class _Say:
    """Builds this command's one-line errors in one language (en, es or pt)."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, key: str, **values: object) -> UserError:
        return UserError(_MESSAGES[key][self.language].format(**values))


def _message_language(locale: str | None) -> str:
    chosen = locale or system_language() or "en"
    return chosen[:2] if chosen[:2] in ("es", "pt") else "en"


def _read_json(path: Path, say: _Say) -> dict[str, Any]:
    if not path.exists():
        raise say("no_file", path=path)
    if not path.is_file():
        raise say("not_file", path=path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise say("not_utf8", path=path) from None
    except OSError as exc:
        raise say("cannot_read", path=path, reason=exc.strerror) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise say("not_json", path=path, reason=exc.msg, line=exc.lineno) from None
    if not isinstance(data, dict):
        raise say("not_object", path=path)
    return data


def _map(raw: dict[str, Any], channel: str, path: Path, zone: tzinfo, say: _Say) -> Order:
    from kitchen_app.app.plugins import registry
    from kitchen_app.channels.errors import ChannelError

    plugin = registry().get(channel)
    if plugin is None:
        raise say("unknown_channel", channel=channel)
    if plugin.order_from_json is None:
        raise say("no_mapper", channel=channel)
    try:
        order = plugin.order_from_json(raw, zone)
    except ChannelError as exc:
        raise say("not_order", path=path, channel=channel, reason=exc.message) from None
    if not isinstance(order, Order):
        raise say("not_order", path=path, channel=channel, reason="?")
    return order


def _write_atomically(out: Path, data: bytes, say: _Say) -> None:
    directory = out.parent if str(out.parent) else Path(".")
    if not directory.is_dir():
        raise say("no_folder", out=out, folder=directory)
    if out.is_dir():
        raise say("is_folder", out=out)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=directory)
    except OSError as exc:
        raise say("cannot_write", out=out, reason=exc.strerror) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise say("cannot_write", out=out, reason=exc.strerror) from None


def _write_stdout(data: bytes, say: _Say) -> None:
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except OSError as exc:
        raise say("cannot_write", out="-", reason=exc.strerror) from None


def _zone(text: str | None, say: _Say) -> tzinfo:
    if text is None:
        # The machine's zone, as a fixed offset: right for Argentina, Brazil and Mexico,
        # which keep no daylight saving time today.
        zone = datetime.now().astimezone().tzinfo
        assert zone is not None  # astimezone() always gives an aware time
        return zone
    try:
        return zone_from_setting(text)
    except ValueError as exc:
        raise say("bad_tz", reason=exc) from None


def ticket(args: argparse.Namespace) -> int:
    locale: str | None = getattr(args, "locale", None)
    say = _Say(_message_language(locale))
    path = Path(args.order_json)
    try:
        code_page_number(args.code_page)
    except ValueError as exc:
        raise say("code_page", reason=exc) from None
    zone = _zone(getattr(args, "tz", None), say)
    raw = _read_json(path, say)
    order = _map(raw, args.channel, path, zone, say)
    paper = Paper.from_mm(args.width)
    from kitchen_app.app.plugins import registry  # the marketplaces' words on the ticket

    registry()
    built = build_ticket(order, args.kind, locale=locale or system_ticket_locale(), tz=zone)
    data = render(built, args.format, paper, code_page=args.code_page)
    if str(args.out) == "-":
        _write_stdout(data, say)
    else:
        _write_atomically(Path(args.out), data, say)
    log.info(
        "wrote %s (%s, %s, %d mm, %d bytes)", args.out, args.kind, args.format, paper.mm, len(data)
    )
    return 0
