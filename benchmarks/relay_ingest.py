"""Relay durable ingest with desks long-polling (DESIGN §8: >= 2,000 webhooks/s, ACK p99
<= 50 ms, 0 lost).

Three processes besides this one, all on 127.0.0.1:
  * the relay: `kitchen-app relay serve` (uvicorn) on a fresh SQLite file with N stores;
  * the desks: one process holding N concurrent long polls (raw asyncio sockets, one
    keep-alive connection per desk), each re-polling from its cursor when answered;
  * the load: one process POSTing signed Mercado Pago webhooks (raw asyncio sockets, a few
    keep-alive connections) to random stores, as fast as the relay answers, for --seconds.

Printed: durable webhooks/s (acknowledged / elapsed), ACK latency p50/p99 (request sent →
200 read), events the desks received, and lost = acknowledged webhooks whose notification
id is missing from the relay's SQLite file after the run (must be 0).

    .venv/bin/python benchmarks/relay_ingest.py [--seconds 10] [--desks 500] [--connections 32]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

SECRET = "bench-webhook-secret"
FIRST_USER_ID = 100_000


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# -- raw HTTP/1.1 over asyncio streams ---------------------------------------------------


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    body = await reader.readexactly(length) if length else b""
    return status, body


# -- the desks process -------------------------------------------------------------------


async def _desk(port: int, token: str, stop_at: float, counts: list[int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    cursor = 0
    try:
        while time.monotonic() < stop_at:
            wait = max(0.0, min(30.0, stop_at - time.monotonic()))
            writer.write(
                f"GET /v1/events?after={cursor}&wait={wait:.1f} HTTP/1.1\r\n"
                f"Host: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n\r\n".encode()
            )
            status, body = await _read_response(reader)
            if status != 200:
                raise RuntimeError(f"desk poll answered {status}: {body[:200]!r}")
            answer = json.loads(body)
            counts[0] += len(answer["events"])
            cursor = answer["cursor"]
    finally:
        writer.close()


async def _desks_main(port: int, tokens: list[str], seconds: float) -> None:
    counts = [0]
    stop_at = time.monotonic() + seconds
    tasks = [asyncio.create_task(_desk(port, t, stop_at, counts)) for t in tokens]
    await asyncio.sleep(0.5)
    print("ready", flush=True)
    results = await asyncio.gather(*tasks, return_exceptions=True)
    errors = [repr(r) for r in results if isinstance(r, BaseException)]
    print(
        json.dumps({"events_received": counts[0], "errors": errors[:5], "cpu": _own_cpu()}),
        flush=True,
    )


# -- the load process --------------------------------------------------------------------


_shipments = itertools.count(1)


def _signed_request(port: int, user_id: int) -> tuple[bytes, str]:
    from kitchen_app import mp_signature

    notification_id = str(uuid.uuid4())
    body = json.dumps(
        {
            "_id": notification_id,
            "topic": "delivery",
            # unique per webhook: the relay rightly stores the same topic/resource/sent once
            "resource": f"/shipments/{next(_shipments)}",
            "user_id": user_id,
            "application_id": "924152943338358",
            "sent": "2026-11-23T12:00:00.000Z",
            "attempts": 1,
            "received": "2026-11-23T12:00:00.000Z",
            "actions": [],
        }
    ).encode()
    request_id = str(uuid.uuid4())
    ts = str(int(time.time()))
    signature = mp_signature.format_header(ts, mp_signature.sign(SECRET, request_id, ts))
    head = (
        "POST /webhooks/mercadopago HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/json\r\n"
        f"x-signature: {signature}\r\nx-request-id: {request_id}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body, notification_id


async def _sender(
    port: int, stores: int, stop_at: float, latencies: list[float], acked: list[str]
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.monotonic() < stop_at:
            request, notification_id = _signed_request(
                port, FIRST_USER_ID + random.randrange(stores)
            )
            started = time.perf_counter()
            writer.write(request)
            status, _ = await _read_response(reader)
            latencies.append(time.perf_counter() - started)
            if status == 200:
                acked.append(notification_id)
    finally:
        writer.close()


async def _load_main(port: int, stores: int, seconds: float, connections: int, out: Path) -> None:
    latencies: list[float] = []
    acked: list[str] = []
    started = time.monotonic()
    stop_at = started + seconds
    await asyncio.gather(
        *(_sender(port, stores, stop_at, latencies, acked) for _ in range(connections))
    )
    elapsed = time.monotonic() - started
    out.write_text("\n".join(acked))
    latencies.sort()
    print(
        json.dumps(
            {
                "acked": len(acked),
                "sent": len(latencies),
                "elapsed": elapsed,
                "p50_ms": 1000 * latencies[len(latencies) // 2],
                "p99_ms": 1000 * latencies[int(len(latencies) * 0.99)],
                "cpu": _own_cpu(),
            }
        ),
        flush=True,
    )


# -- the conductor -----------------------------------------------------------------------


def _wait_healthy(port: int, proc: subprocess.Popen[bytes]) -> None:
    import httpx

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("relay exited at start")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise SystemExit("relay did not become healthy")


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _make_stores(db: Path, count: int) -> list[str]:
    from kitchen_app.relay import add_store

    return [add_store(db, f"Store {n}", mp_user_id=FIRST_USER_ID + n) for n in range(count)]


def run_once(seconds: float, desks: int, connections: int) -> dict[str, float]:
    from kitchen_app.serving import free_port

    with tempfile.TemporaryDirectory(prefix="relay-bench-") as tmp:
        tmpdir = Path(tmp)
        db = tmpdir / "relay.sqlite3"
        tokens = _make_stores(db, desks)
        tokens_file = tmpdir / "tokens.txt"
        tokens_file.write_text("\n".join(tokens))
        acked_file = tmpdir / "acked.txt"
        port = free_port()
        env = dict(os.environ, KITCHEN_MP_WEBHOOK_SECRET=SECRET)
        serve = [sys.executable, "-m", "kitchen_app", "relay", "serve", "--port", str(port)]
        relay = subprocess.Popen(
            [*serve, "--db", str(db)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        me = [sys.executable, __file__, "--port", str(port)]
        try:
            _wait_healthy(port, relay)
            desks_args = ["--role", "desks", "--tokens", str(tokens_file)]
            desks_proc = subprocess.Popen(
                [*me, *desks_args, "--seconds", str(seconds + 5)],
                stdout=subprocess.PIPE,
                text=True,
            )
            assert desks_proc.stdout is not None
            if desks_proc.stdout.readline().strip() != "ready":
                raise SystemExit("desks process failed")
            cpu_before = _cpu_seconds(relay.pid)
            load_args = ["--role", "load", "--stores", str(desks), "--seconds", str(seconds)]
            load = subprocess.run(
                [*me, *load_args, "--connections", str(connections), "--out", str(acked_file)],
                capture_output=True,
                text=True,
                check=True,
            )
            load_result = json.loads(load.stdout.strip().splitlines()[-1])
            relay_cpu = _cpu_seconds(relay.pid) - cpu_before
            desk_out, _ = desks_proc.communicate(timeout=seconds + 60)
            desk_result = json.loads(desk_out.strip().splitlines()[-1])
        finally:
            relay.kill()  # no graceful shutdown: what is in the file is what was durable
            relay.wait(timeout=10)
        acked = [line for line in acked_file.read_text().splitlines() if line]
        conn = sqlite3.connect(db)
        try:
            stored = {
                json.loads(payload)["_id"]
                for (payload,) in conn.execute("SELECT payload FROM events")
            }
        finally:
            conn.close()
        lost = sum(1 for a in acked if a not in stored)
        return {
            "webhooks_per_s": load_result["acked"] / load_result["elapsed"],
            "p50_ms": load_result["p50_ms"],
            "p99_ms": load_result["p99_ms"],
            "acked": load_result["acked"],
            "lost": lost,
            "desk_events": desk_result["events_received"],
            "desk_errors": len(desk_result["errors"]),
            "relay_cpu_share": relay_cpu / load_result["elapsed"],
            "load_cpu_share": load_result["cpu"] / load_result["elapsed"],
            "desks_cpu_share": desk_result["cpu"] / (seconds + 5),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--role", choices=["conductor", "desks", "load"], default="conductor")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--desks", type=int, default=500)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int)
    parser.add_argument("--tokens", type=Path)
    parser.add_argument("--stores", type=int)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.role == "desks":
        asyncio.run(_desks_main(args.port, args.tokens.read_text().split(), args.seconds))
        return
    if args.role == "load":
        asyncio.run(_load_main(args.port, args.stores, args.seconds, args.connections, args.out))
        return
    # The figure depends on free CPU: say how busy the machine was.
    load1, _, _ = os.getloadavg()
    print(f"{os.cpu_count()} cores, load average {load1:.2f} before the runs", flush=True)
    results = []
    for n in range(args.runs):
        result = run_once(args.seconds, args.desks, args.connections)
        results.append(result)
        print(
            f"run {n + 1}: {result['webhooks_per_s']:.0f} durable webhooks/s, "
            f"ACK p50 {result['p50_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms, "
            f"lost {result['lost']} of {result['acked']:.0f}, desks received "
            f"{result['desk_events']:.0f} events ({result['desk_errors']:.0f} desk errors); "
            f"CPU: relay {100 * result['relay_cpu_share']:.0f}%, load "
            f"{100 * result['load_cpu_share']:.0f}%, desks {100 * result['desks_cpu_share']:.0f}%"
            " of a core",
            flush=True,
        )
    print(
        f"median of {len(results)} runs with {args.desks} desks long-polling: "
        f"{statistics.median(r['webhooks_per_s'] for r in results):.0f} durable webhooks/s, "
        f"ACK p50 {statistics.median(r['p50_ms'] for r in results):.1f} ms, "
        f"p99 {statistics.median(r['p99_ms'] for r in results):.1f} ms, "
        f"lost {max(r['lost'] for r in results):.0f} (target >= 2000/s, p99 <= 50 ms, 0 lost)"
    )


if __name__ == "__main__":
    main()
