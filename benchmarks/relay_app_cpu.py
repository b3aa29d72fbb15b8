"""The relay app's own CPU per request, without HTTP or sockets: the ASGI app (lifespan,
middleware, routing, handlers, the SQLite log) driven in-process with the messages uvicorn
would give it. Resolves a few per cent, which the end-to-end relay_ingest.py (±30 % with the
machine's other load) cannot.

Per round: 50 signed Mercado Pago webhooks at once (they share group commits, as under
load), then one GET /v1/events (wait=0) per webhook, as the desks' answers. Printed: CPU
µs per webhook and per events request (process_time, median of --repeats).

    .venv/bin/python benchmarks/relay_app_cpu.py [--rounds 200] [--repeats 5]
        [--compare-src MAIN/src]

--compare-src DIR: also run the app from that src/ (e.g. main's) in a subprocess, in
alternation with this tree's, and print the ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from relay_ingest import FIRST_USER_ID, SECRET, signed_mp_webhook

BATCH = 50
STORES = 50


def _scope(method: str, path: str, query: bytes, headers: list[tuple[bytes, bytes]]) -> Any:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": query,
        "headers": [(b"host", b"127.0.0.1"), *headers],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8787),
    }


async def _call(app: Any, scope: Any, body: bytes, state: dict[str, Any]) -> tuple[int, bytes]:
    scope["state"] = dict(state)
    sent = False
    status = 0
    answer = b""

    async def receive() -> Any:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.Event().wait()  # a client that stays connected

    async def send(message: Any) -> None:
        nonlocal status, answer
        if message["type"] == "http.response.start":
            status = message["status"]
        else:
            answer += message.get("body", b"")

    await app(scope, receive, send)
    return status, answer


def _webhook(user_id: int) -> tuple[Any, bytes]:
    hook = signed_mp_webhook(user_id, f"/shipments/{uuid.uuid4().int % 10**11}")
    headers = [
        (b"content-type", b"application/json"),
        (b"x-signature", hook.signature.encode()),
        (b"x-request-id", hook.request_id.encode()),
        (b"content-length", str(len(hook.body)).encode()),
    ]
    return _scope("POST", "/webhooks/mercadopago", b"", headers), hook.body


def _config() -> Any:
    """The relay's config with the webhook secret, from whichever src/ is imported."""
    try:  # this tree: the relay serves the plug-ins app/ hands it
        from kitchen_app.app.relay_setup import relay_config

        return relay_config(settings={"mp_delivery.webhook_secret": SECRET})
    except ImportError:  # an older src/ (--compare-src): the relay named its marketplaces
        from kitchen_app.relay import RelayConfig

        return RelayConfig(mp_webhook_secret=SECRET)


async def _measure(rounds: int) -> dict[str, float]:
    from kitchen_app.relay import add_store, build_app

    config = _config()
    with tempfile.TemporaryDirectory(prefix="relay-app-cpu-") as tmp:
        db = Path(tmp) / "relay.sqlite3"
        tokens = [add_store(db, f"S{n}", mp_user_id=FIRST_USER_ID + n) for n in range(STORES)]
        app = build_app(dataclasses.replace(config, db_path=db))
        async with app.router.lifespan_context(app) as state:
            cursors = [0] * STORES
            webhook_cpu = events_cpu = 0.0
            for n in range(rounds):
                requests = [
                    _webhook(FIRST_USER_ID + (n * BATCH + k) % STORES) for k in range(BATCH)
                ]
                started = time.process_time()
                statuses = await asyncio.gather(*(_call(app, s, b, state) for s, b in requests))
                webhook_cpu += time.process_time() - started
                assert [status for status, _ in statuses] == [200] * BATCH, statuses
                started = time.process_time()
                for k in range(BATCH):
                    store = (n * BATCH + k) % STORES
                    auth = [(b"authorization", f"Bearer {tokens[store]}".encode())]
                    query = f"after={cursors[store]}&wait=0".encode()
                    scope = _scope("GET", "/v1/events", query, auth)
                    status, answer = await _call(app, scope, b"", state)
                    assert status == 200, answer
                    cursors[store] = json.loads(answer)["cursor"]  # a desk's next poll
                events_cpu += time.process_time() - started
            total = rounds * BATCH
            return {"webhook_us": 1e6 * webhook_cpu / total, "events_us": 1e6 * events_cpu / total}


def _run(src: Path | None, rounds: int) -> dict[str, float]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    out = subprocess.run(
        [sys.executable, __file__, "--role", "measure", "--rounds", str(rounds)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--role", choices=["conductor", "measure"], default="conductor")
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--compare-src", type=Path, default=None)
    args = parser.parse_args()
    if args.role == "measure":
        print(json.dumps(asyncio.run(_measure(args.rounds))), flush=True)
        return
    sources: list[tuple[str, Path | None]] = [("this tree", None)]
    if args.compare_src is not None:
        sources.insert(0, (str(args.compare_src), args.compare_src))
    results: dict[str, list[dict[str, float]]] = {label: [] for label, _ in sources}
    for n in range(args.repeats):
        for label, src in sources:  # alternated: the same machine load for both
            result = _run(src, args.rounds)
            results[label].append(result)
            print(
                f"{label} run {n + 1}: webhook {result['webhook_us']:.1f} µs, "
                f"events {result['events_us']:.1f} µs of CPU",
                flush=True,
            )
    medians = {
        label: {k: statistics.median(r[k] for r in runs) for k in ("webhook_us", "events_us")}
        for label, runs in results.items()
    }
    base = medians[sources[0][0]]
    for label, m in medians.items():
        line = (
            f"{label}, median of {args.repeats}: webhook {m['webhook_us']:.1f} µs, "
            f"events {m['events_us']:.1f} µs of CPU per request"
        )
        if label != sources[0][0]:
            line += (
                f"; vs {sources[0][0]}: webhook x{m['webhook_us'] / base['webhook_us']:.2f}, "
                f"events x{m['events_us'] / base['events_us']:.2f}"
            )
        print(line, flush=True)


if __name__ == "__main__":
    main()
