"""`kitchen-app`: the command line and the composition root (DESIGN §5).

Each sub-command's handler lives with the part it runs and is imported only when chosen, so
`kitchen-app ticket` never loads Qt and `kitchen-app relay serve` never loads the desk.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kitchen_app import __version__
from kitchen_app.domain.errors import UserError

log = logging.getLogger(__name__)

# sub-command -> "module:function"; each function takes the parsed Namespace, returns an int.
_HANDLERS: dict[str, str] = {
    "desk": "kitchen_app.app.start:run_desk",
    "demo": "kitchen_app.app.demo:run_demo",
    "relay serve": "kitchen_app.app.relay_cli:serve",
    "relay add-store": "kitchen_app.app.relay_cli:add_store",
    "relay rotate-token": "kitchen_app.app.relay_cli:rotate_token",
    "relay link-store": "kitchen_app.app.relay_cli:link_store",
    "sandbox serve": "kitchen_app.app.sandbox_cli:serve",
    "ticket": "kitchen_app.app.ticket_cli:ticket",
    "orders": "kitchen_app.app.orders_cli:orders",
    "headless": "kitchen_app.app.headless:run",
}


class _Parser(argparse.ArgumentParser):
    """argparse, but every error is one line and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UserError(message)


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a number greater than 0: {text!r}")
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"port out of range: {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kitchen-app", description="Kitchen Desk: the restaurant order desk.")
    parser.add_argument("--version", action="version", version=f"kitchen-app {__version__}")
    parser.add_argument("--data-dir", type=Path, help="where the desk keeps its data")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    demo = sub.add_parser("demo", help="run the desk against an embedded sandbox and relay")
    demo.add_argument("--speed", type=_positive_float, default=1.0, help="sandbox clock speed")
    demo.add_argument(
        "--rate", type=_positive_float, default=2.0, help="new orders per minute (sandbox time)"
    )
    demo.add_argument("--data-dir", type=Path, dest="data_dir_sub")
    demo.add_argument("--seed", type=int, default=None)

    relay = sub.add_parser("relay", help="the webhook relay")
    relay_sub = relay.add_subparsers(dest="relay_command", parser_class=_Parser, required=True)
    serve = relay_sub.add_parser("serve", help="run the relay server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=_port, default=8787)
    _db_options(serve)
    serve.add_argument("--mp-webhook-secret", default=None)
    serve.add_argument(
        "--shopee-callback-url",
        default=None,
        help="the exact URL Shopee calls (signed by Shopee), when behind a proxy",
    )
    serve.add_argument(
        "--public-url",
        default=None,
        metavar="URL",
        help="the relay's address for marketplaces' OAuth redirects (saved in the database)",
    )
    serve.add_argument(
        "--api",
        action="append",
        default=None,
        metavar="CHANNEL=URL",
        help="a marketplace's API and OAuth base URL (repeatable; saved in the database)",
    )
    add = relay_sub.add_parser("add-store", help="register a store; prints its desk token")
    add.add_argument("name")
    _db_options(add)
    add.add_argument("--mp-user-id")
    add.add_argument("--ml-seller-id")
    add.add_argument("--shopee-shop-id")
    rotate = relay_sub.add_parser(
        "rotate-token", help="issue a new desk token for a store and revoke the old one"
    )
    rotate.add_argument("store", help="the store's name (or its id)")
    _db_options(rotate)
    link = relay_sub.add_parser(
        "link-store", help="print the authorization URL that links a store's marketplace account"
    )
    link.add_argument("store", help="the store's name (or its id)")
    link.add_argument("channel", help="mp_delivery, mercadolibre or shopee")
    _db_options(link)

    sandbox = sub.add_parser("sandbox", help="the marketplace simulator")
    sandbox_sub = sandbox.add_subparsers(
        dest="sandbox_command", parser_class=_Parser, required=True
    )
    sserve = sandbox_sub.add_parser("serve", help="run the simulator")
    sserve.add_argument("--host", default="127.0.0.1")
    sserve.add_argument("--port", type=_port, default=8181)
    sserve.add_argument("--relay-url", default=None)
    sserve.add_argument("--speed", type=_positive_float, default=1.0)
    sserve.add_argument("--seed", type=int, default=None)
    sserve.add_argument("--token", default="APP_USR-sandbox")
    sserve.add_argument("--mp-webhook-secret", default=None)
    sserve.add_argument(
        "--rate", type=float, default=0.0, help="orders per minute to create on their own"
    )
    # The shapes the real API may answer in (docs/sandbox.md, "Shapes").
    sserve.add_argument(
        "--webhook-resource",
        choices=["path", "id", "number", "spaced", "mixed"],
        default="path",
        help="webhook resource as /shipments/{id}, a bare id, a JSON number, with spaces",
    )
    sserve.add_argument(
        "--webhook-topic", choices=["delivery", "shipments", "missing", "mixed"], default="delivery"
    )
    sserve.add_argument(
        "--unsigned-webhooks", action="store_true", help="never sign, even with a secret"
    )
    sserve.add_argument(
        "--time-style",
        choices=["offset", "naive", "utc"],
        default="offset",
        help="order times in the x-time-zone asked for, with or without offset, or UTC",
    )
    sserve.add_argument(
        "--strict-time-zone", action="store_true", help="400 when x-time-zone is missing"
    )
    sserve.add_argument(
        "--not-found-for",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="GET order answers 404 this long after the order is created",
    )

    ticket = sub.add_parser("ticket", help="render one ticket from an order JSON file")
    ticket.add_argument("order_json", type=Path)
    ticket.add_argument("--kind", choices=["kitchen", "receipt"], required=True)
    ticket.add_argument("--format", choices=["pdf", "escpos", "text"], required=True)
    ticket.add_argument("--out", type=Path, required=True, help="a file, or - for standard output")
    ticket.add_argument("--width", type=int, choices=[58, 80], default=80)
    ticket.add_argument(
        "--locale",
        choices=["es-AR", "es-MX", "pt-BR", "en"],
        default=None,
        help="ticket language and formats (default: the system's; es-AR when unknown)",
    )
    ticket.add_argument(
        "--tz",
        default=None,
        metavar="ZONE",
        help="time zone for the ticket's times and for times without offset in the order "
        "(GMT-3, America/Sao_Paulo…; default: the system's)",
    )
    ticket.add_argument("--code-page", default="CP858")
    ticket.add_argument(
        "--channel",
        choices=["mp_delivery", "mercadolibre", "shopee"],
        default="mp_delivery",
        help="which marketplace's JSON the file holds",
    )

    headless = sub.add_parser("headless", help="run the desk engine without a window")
    where = headless.add_mutually_exclusive_group()
    where.add_argument(
        "--data-dir", type=Path, dest="data_dir_sub", metavar="DIR", help="the desk's folder"
    )
    where.add_argument(
        "--db", type=Path, default=None, metavar="PATH", help="the desk's database file"
    )
    headless.add_argument("--relay-url", default=None, metavar="URL")
    headless.add_argument("--relay-token", default=None, metavar="T")
    headless.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        dest="overrides",
        help="a setting, e.g. mp_delivery.base_url=https://api.mercadopago.com",
    )
    headless.add_argument(
        "--reconcile-interval",
        type=_positive_float,
        default=None,
        metavar="S",
        help="seconds between re-reads of open orders",
    )
    # Tests and benchmarks: how long one relay long-poll holds.
    headless.add_argument("--poll-wait", type=_positive_float, default=25.0, help=argparse.SUPPRESS)

    orders = sub.add_parser("orders", help="list the local database's orders of a day")
    orders.add_argument("--date", default=None, help="YYYY-MM-DD (default: today)")
    orders.add_argument("--json", action="store_true")
    orders.add_argument("--data-dir", type=Path, dest="data_dir_sub")
    return parser


def _db_options(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument("--db", type=Path, default=None, help="relay SQLite file")
    group.add_argument("--database-url", default=None, help="postgresql://… for several relays")


def _handler_key(args: argparse.Namespace) -> str:
    command = args.command or "desk"
    if command == "relay":
        return f"relay {args.relay_command}"
    if command == "sandbox":
        return f"sandbox {args.sandbox_command}"
    return str(command)


def _load(spec: str) -> Callable[[argparse.Namespace], int]:
    module_name, _, func_name = spec.partition(":")
    module = importlib.import_module(module_name)
    func: Callable[[argparse.Namespace], int] = getattr(module, func_name)
    return func


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    # A frozen build's chime process (ui/alert.py): the desk's executable started again.
    # Importing ui.sound_worker loads no Qt (it imports Qt inside its main).
    from kitchen_app.ui.sound_worker import SOUND_WORKER_SWITCH
    from kitchen_app.ui.sound_worker import main as sound_worker

    if arguments[:1] == [SOUND_WORKER_SWITCH]:
        return sound_worker(arguments[1:])
    try:
        args = build_parser().parse_args(argv)
        # --data-dir may stand before or after the sub-command.
        if getattr(args, "data_dir_sub", None) is not None:
            args.data_dir = args.data_dir_sub
        logging.basicConfig(
            level=logging.DEBUG if args.verbose else logging.INFO,
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )
        logging.getLogger("httpx").setLevel(logging.WARNING)
        return _load(_HANDLERS[_handler_key(args)])(args)
    except UserError as exc:
        print(f"kitchen-app: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug or a broken install: one line; the traceback with -v
        log.debug("unexpected error", exc_info=True)
        print(f"kitchen-app: error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
