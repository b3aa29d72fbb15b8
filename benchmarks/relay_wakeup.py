"""Cross-process wake-up on PostgreSQL (issue 14: p99 <= 20 ms on loopback): two relay
processes on one database; desks long-poll relay B; webhooks are posted to relay A one at
a time; the figure is the time from A's 200 to the desk's answer from B (and from the POST
being sent to that answer).

    .venv/bin/python benchmarks/relay_wakeup.py [--database-url URL|auto] [--samples 500]
        [--desks 50]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from relay_ingest import (
    FIRST_USER_ID,
    SECRET,
    _make_stores_pg,
    _pg_server,
    _read_response,
    _signed_request,
    _wait_healthy,
)


async def _desk(
    port: int, token: str, arrivals: dict[str, float], seen: dict[str, asyncio.Event]
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    cursor = 0
    try:
        while True:
            writer.write(
                f"GET /v1/events?after={cursor}&wait=30 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                f"Authorization: Bearer {token}\r\n\r\n".encode()
            )
            status, body = await _read_response(reader)
            now = time.perf_counter()
            if status != 200:
                raise RuntimeError(f"desk poll answered {status}")
            answer = json.loads(body)
            for event in answer["events"]:
                arrivals[event["resource"]] = now
                seen.setdefault(event["resource"], asyncio.Event()).set()
            cursor = answer["cursor"]
    finally:
        writer.close()


async def _measure(
    port_a: int, port_b: int, tokens: list[str], samples: int
) -> tuple[list[float], list[float]]:
    arrivals: dict[str, float] = {}
    seen: dict[str, asyncio.Event] = {}
    desks = [asyncio.create_task(_desk(port_b, t, arrivals, seen)) for t in tokens]
    await asyncio.sleep(1.0)  # every desk holds its poll
    reader, writer = await asyncio.open_connection("127.0.0.1", port_a)
    after_ack: list[float] = []
    after_send: list[float] = []
    try:
        for n in range(samples):
            request, _ = _signed_request(port_a, FIRST_USER_ID + n % len(tokens))
            resource = json.loads(request.split(b"\r\n\r\n", 1)[1])["resource"]
            event = seen.setdefault(resource, asyncio.Event())
            sent = time.perf_counter()
            writer.write(request)
            status, _ = await _read_response(reader)
            acked = time.perf_counter()
            if status != 200:
                raise RuntimeError(f"webhook answered {status}")
            await asyncio.wait_for(event.wait(), 10)
            after_ack.append(max(0.0, arrivals[resource] - acked))
            after_send.append(arrivals[resource] - sent)
            await asyncio.sleep(0.01)  # one at a time: latency, not throughput
    finally:
        writer.close()
        for task in desks:
            task.cancel()
        await asyncio.gather(*desks, return_exceptions=True)
    return after_ack, after_send


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="auto")
    parser.add_argument("--samples", type=int, default=500)
    parser.add_argument("--desks", type=int, default=50)
    args = parser.parse_args()
    from kitchen_app.app.serving import free_port

    server = _pg_server(args.database_url)
    url = server.create_database()
    relays: list[subprocess.Popen[bytes]] = []
    try:
        tokens = _make_stores_pg(url, args.desks)
        ports = [free_port(), free_port()]
        env = dict(os.environ, KITCHEN_MP_WEBHOOK_SECRET=SECRET)
        for port in ports:
            relays.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "kitchen_app",
                        "relay",
                        "serve",
                        "--port",
                        str(port),
                        "--database-url",
                        url,
                    ],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        for port, relay in zip(ports, relays, strict=True):
            _wait_healthy(port, relay)
        load1, _, _ = os.getloadavg()
        print(f"{os.cpu_count()} cores, load average {load1:.2f}", flush=True)
        after_ack, after_send = asyncio.run(_measure(ports[0], ports[1], tokens, args.samples))
    finally:
        for relay in relays:
            relay.terminate()
            relay.wait(timeout=15)
        server.drop_database(url)
        server.stop()
    print(
        f"cross-process wake-up over {len(after_ack)} webhooks, {args.desks} desks held by "
        f"relay B, webhooks into relay A: after A's 200 p50 {_percentile(after_ack, 0.5):.1f}"
        f" ms, p99 {_percentile(after_ack, 0.99):.1f} ms; from the POST p50 "
        f"{_percentile(after_send, 0.5):.1f} ms, p99 {_percentile(after_send, 0.99):.1f} ms "
        "(target p99 <= 20 ms)"
    )


if __name__ == "__main__":
    main()
