"""Relay durable ingest with desks long-polling (DESIGN §8: >= 2,000 webhooks/s, ACK p99
<= 50 ms, 0 lost).

Three processes besides this one, all on 127.0.0.1:
  * the relay: `kitchen-app relay serve` (uvicorn) on a fresh SQLite file with N stores;
  * the desks: one process holding N concurrent long polls (raw asyncio sockets, one
    keep-alive connection per desk), each re-polling from its cursor when answered;
  * the load: one process POSTing signed Mercado Pago webhooks (raw asyncio sockets, a few
    keep-alive connections) to random stores, as fast as the relay answers, for --seconds.

Printed: durable webhooks/s (acknowledged / elapsed), ACK latency p50/p99 (request sent →
200 read), events the desks received, lost = acknowledged webhooks whose notification id is
missing from the relay's log after the run (must be 0), the relay's CPU per webhook (less
sensitive to other load on the machine than throughput) and its RSS with the desks held.

    .venv/bin/python benchmarks/relay_ingest.py [--seconds 10] [--desks 500] [--connections 32]
        [--database-url URL|auto] [--processes N] [--matrix] [--relay-src DIR]

--database-url: run the relay on PostgreSQL. The benchmark creates a throwaway database on
that server for each run and drops it afterwards (``auto``: a throwaway server of its own,
as the tests start one; needs the postgresql package). --processes N: N relay processes on
that database, each on its own port; the load and the desks are spread over them, so most
wake-ups cross processes. --matrix: in the same run, one SQLite relay, one PostgreSQL relay
and two PostgreSQL relays, interleaved, printed as ratios against the SQLite one.
--relay-src DIR: run the relay from another checkout's src/. --compare-src DIR: first run an
SQLite relay from that src/ (e.g. main's) as the baseline of the ratios; --compare-without
httptools,uvloop hides those modules from it when that checkout does not install them.
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
from typing import Any, NamedTuple
from urllib.parse import urlsplit

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


async def _desks_main(ports: list[int], tokens: list[str], seconds: float) -> None:
    counts = [0]
    stop_at = time.monotonic() + seconds
    tasks = [
        asyncio.create_task(_desk(ports[n % len(ports)], t, stop_at, counts))
        for n, t in enumerate(tokens)
    ]
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


class SignedWebhook(NamedTuple):
    body: bytes
    notification_id: str  # the body's _id
    request_id: str  # x-request-id
    signature: str  # x-signature


def signed_mp_webhook(user_id: int, resource: str) -> SignedWebhook:
    """A Mercado Pago delivery notification for ``user_id``, signed with SECRET as the relay
    checks it (relay_app_cpu.py sends the same, without sockets)."""
    from kitchen_app.channels.mercadopago import signature as mp_signature

    notification_id = str(uuid.uuid4())
    body = json.dumps(
        {
            "_id": notification_id,
            "topic": "delivery",
            "resource": resource,
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
    return SignedWebhook(body, notification_id, request_id, signature)


def _signed_request(port: int, user_id: int) -> tuple[bytes, str]:
    # unique per webhook: the relay rightly stores the same topic/resource/sent once
    hook = signed_mp_webhook(user_id, f"/shipments/{next(_shipments)}")
    head = (
        "POST /webhooks/mercadopago HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/json\r\n"
        f"x-signature: {hook.signature}\r\nx-request-id: {hook.request_id}\r\n"
        f"Content-Length: {len(hook.body)}\r\n\r\n"
    )
    return head.encode() + hook.body, hook.notification_id


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


async def _load_main(
    ports: list[int], stores: int, seconds: float, connections: int, out: Path
) -> None:
    latencies: list[float] = []
    acked: list[str] = []
    started = time.monotonic()
    stop_at = started + seconds
    await asyncio.gather(
        *(
            _sender(ports[n % len(ports)], stores, stop_at, latencies, acked)
            for n in range(connections)
        )
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


def _database_cpu(database: str) -> float:
    """CPU seconds used so far by the PostgreSQL backends serving ``database`` (their
    process titles name it)."""
    total = 0.0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            title = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            if title.startswith("postgres: ") and f" {database} " in title:
                total += _cpu_seconds(int(proc.name))
        except (OSError, ValueError):
            continue  # gone meanwhile
    return total


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _make_stores(target: Path | str, count: int) -> list[str]:
    from kitchen_app.relay import add_store

    if isinstance(target, str):
        return _make_stores_pg(target, count)
    return [add_store(target, f"Store {n}", mp_user_id=FIRST_USER_ID + n) for n in range(count)]


def _make_stores_pg(url: str, count: int) -> list[str]:
    """Hundreds of stores in one transaction (add-store connects once per store)."""
    import asyncpg

    from kitchen_app.relay.eventlog import token_digest
    from kitchen_app.relay.pg_schema import connect_args, migrate
    from kitchen_app.relay.sqlite_log import utc_now_iso
    from kitchen_app.relay.stores import new_token

    tokens = [new_token() for _ in range(count)]

    async def run() -> None:
        conn = await asyncpg.connect(url, **connect_args())
        try:
            await migrate(conn)
            async with conn.transaction():
                for n, token in enumerate(tokens):
                    store_id = await conn.fetchval(
                        "INSERT INTO stores (name, token_sha256, created_at) "
                        "VALUES ($1, $2, $3) RETURNING id",
                        f"Store {n}",
                        token_digest(token),
                        utc_now_iso(),
                    )
                    await conn.execute(
                        "INSERT INTO store_accounts (channel, account_id, store_id) "
                        "VALUES ('mp_delivery', $1, $2)",
                        str(FIRST_USER_ID + n),
                        store_id,
                    )
        finally:
            await conn.close()

    asyncio.run(run())
    return tokens


def _stored_ids(target: Path | str) -> set[str]:
    if isinstance(target, str):
        import asyncpg

        async def run() -> set[str]:
            conn = await asyncpg.connect(target)
            try:
                rows = await conn.fetch("SELECT payload FROM events")
            finally:
                await conn.close()
            return {json.loads(r[0])["_id"] for r in rows}

        return asyncio.run(run())
    conn = sqlite3.connect(target)
    try:
        return {json.loads(p)["_id"] for (p,) in conn.execute("SELECT payload FROM events")}
    finally:
        conn.close()


def _pg_server(url: str) -> Any:
    """A PostgreSQL server to make throwaway databases on (tests/pg.py's helper);
    ``auto``: start one of our own."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.pg import PgCluster, start_cluster

    return start_cluster() if url == "auto" else PgCluster(admin_url=url)


def run_once(
    seconds: float,
    desks: int,
    connections: int,
    *,
    database_url: str | None = None,
    processes: int = 1,
    relay_src: Path | None = None,
    hidden: tuple[str, ...] = (),
) -> dict[str, float]:
    from kitchen_app.app.serving import free_port

    with tempfile.TemporaryDirectory(prefix="relay-bench-") as tmp:
        tmpdir = Path(tmp)
        target: Path | str = database_url or tmpdir / "relay.sqlite3"
        if database_url is None and processes != 1:
            raise SystemExit("several relay processes need --database-url")
        tokens = _make_stores(target, desks)
        tokens_file = tmpdir / "tokens.txt"
        tokens_file.write_text("\n".join(tokens))
        acked_file = tmpdir / "acked.txt"
        ports = [free_port() for _ in range(processes)]
        env = dict(os.environ, KITCHEN_MP_WEBHOOK_SECRET=SECRET)
        python_path = [str(relay_src)] if relay_src is not None else []
        if hidden:
            # Modules the compared checkout does not install: each import fails as if the
            # package were absent, so uvicorn picks what that checkout would get.
            shadow = tmpdir / "hidden"
            shadow.mkdir()
            for name in hidden:
                (shadow / f"{name}.py").write_text(f"raise ImportError('{name} hidden')\n")
            python_path.insert(0, str(shadow))
        if python_path:
            env["PYTHONPATH"] = os.pathsep.join(python_path)
        storage = ["--database-url", target] if isinstance(target, str) else ["--db", str(target)]
        relays = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "kitchen_app",
                    "relay",
                    "serve",
                    "--port",
                    str(port),
                    *storage,
                ],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for port in ports
        ]
        me = [sys.executable, __file__, "--ports", ",".join(map(str, ports))]
        try:
            for port, relay in zip(ports, relays, strict=True):
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
            database = urlsplit(target).path.strip("/") if isinstance(target, str) else ""
            db_cpu_before = _database_cpu(database) if database else 0.0
            cpu_before = sum(_cpu_seconds(r.pid) for r in relays)
            load_args = ["--role", "load", "--stores", str(desks), "--seconds", str(seconds)]
            load = subprocess.run(
                [*me, *load_args, "--connections", str(connections), "--out", str(acked_file)],
                capture_output=True,
                text=True,
                check=True,
            )
            load_result = json.loads(load.stdout.strip().splitlines()[-1])
            relay_cpu = sum(_cpu_seconds(r.pid) for r in relays) - cpu_before
            db_cpu = _database_cpu(database) - db_cpu_before if database else 0.0
            rss = max(_rss_mib(r.pid) for r in relays)  # the desks are still connected
            desk_out, _ = desks_proc.communicate(timeout=seconds + 60)
            desk_result = json.loads(desk_out.strip().splitlines()[-1])
        finally:
            for relay in relays:
                relay.kill()  # no graceful shutdown: what is in the log is what was durable
                relay.wait(timeout=10)
        acked = [line for line in acked_file.read_text().splitlines() if line]
        stored = _stored_ids(target)
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
            "relay_cpu_ms_per_webhook": 1000 * relay_cpu / max(1, load_result["acked"]),
            "relay_rss_mib": rss,
            "db_cpu_ms_per_webhook": 1000 * db_cpu / max(1, load_result["acked"]),
            "load_cpu_share": load_result["cpu"] / load_result["elapsed"],
            "desks_cpu_share": desk_result["cpu"] / (seconds + 5),
        }


def _config_list(args: argparse.Namespace) -> list[tuple[str, bool, int, Path | None]]:
    """(label, on PostgreSQL, relay processes, relay source dir) per configuration; the
    first is the baseline the others are compared with."""
    configs: list[tuple[str, bool, int, Path | None]] = []
    if args.compare_src is not None:
        label = f"SQLite x1 from {args.compare_src}"
        if args.compare_without:
            label += f" without {args.compare_without}"
        configs.append((label, False, 1, args.compare_src))
    if args.matrix:
        configs += [
            ("SQLite x1", False, 1, args.relay_src),
            ("PostgreSQL x1", True, 1, args.relay_src),
            ("PostgreSQL x2", True, 2, args.relay_src),
        ]
    else:
        backend = "PostgreSQL" if args.database_url else "SQLite"
        configs.append(
            (
                f"{backend} x{args.processes}",
                bool(args.database_url),
                args.processes,
                args.relay_src,
            )
        )
    return configs


def _run_line(label: str, n: int, r: dict[str, float]) -> str:
    return (
        f"{label} run {n}: {r['webhooks_per_s']:.0f} durable webhooks/s, "
        f"ACK p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, "
        f"lost {r['lost']:.0f} of {r['acked']:.0f}, desks received {r['desk_events']:.0f} "
        f"events ({r['desk_errors']:.0f} desk errors); relay CPU "
        f"{r['relay_cpu_ms_per_webhook']:.3f} ms/webhook ({100 * r['relay_cpu_share']:.0f}% "
        f"of a core), RSS {r['relay_rss_mib']:.0f} MiB; PostgreSQL backends "
        f"{r['db_cpu_ms_per_webhook']:.3f} ms/webhook; load "
        f"{100 * r['load_cpu_share']:.0f}%, desks {100 * r['desks_cpu_share']:.0f}% of a core"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--role", choices=["conductor", "desks", "load"], default="conductor")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--desks", type=int, default=500)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url", default=None, help="a PostgreSQL server, or auto")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--matrix", action="store_true")
    parser.add_argument("--relay-src", type=Path, default=None)
    parser.add_argument(
        "--compare-src",
        type=Path,
        default=None,
        help="also run an SQLite relay from this src/ (e.g. main's) as baseline",
    )
    parser.add_argument(
        "--compare-without",
        default="",
        help="modules the --compare-src relay runs without (e.g. httptools,uvloop)",
    )
    parser.add_argument("--ports")
    parser.add_argument("--tokens", type=Path)
    parser.add_argument("--stores", type=int)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    ports = [int(p) for p in args.ports.split(",")] if args.ports else []
    if args.role == "desks":
        asyncio.run(_desks_main(ports, args.tokens.read_text().split(), args.seconds))
        return
    if args.role == "load":
        asyncio.run(_load_main(ports, args.stores, args.seconds, args.connections, args.out))
        return
    configs = _config_list(args)
    server = None
    if any(on_pg for _, on_pg, _, _ in configs):
        server = _pg_server(args.database_url or "auto")
    # The figure depends on free CPU: say how busy the machine was.
    load1, _, _ = os.getloadavg()
    print(f"{os.cpu_count()} cores, load average {load1:.2f} before the runs", flush=True)
    results: dict[str, list[dict[str, float]]] = {label: [] for label, *_ in configs}
    try:
        for n in range(args.runs):
            for label, on_pg, processes, src in configs:  # interleaved: same machine load
                url = server.create_database() if on_pg and server else None
                try:
                    result = run_once(
                        args.seconds,
                        args.desks,
                        args.connections,
                        database_url=url,
                        processes=processes,
                        relay_src=src,
                        hidden=tuple(args.compare_without.split(","))
                        if src is not None and src == args.compare_src and args.compare_without
                        else (),
                    )
                finally:
                    if url is not None and server is not None:
                        server.drop_database(url)
                results[label].append(result)
                print(_run_line(label, n + 1, result), flush=True)
    finally:
        if server is not None:
            server.stop()
    base_label = configs[0][0]

    def median(label: str, key: str) -> float:
        return statistics.median(r[key] for r in results[label])

    def cpu(label: str) -> float:
        return median(label, "relay_cpu_ms_per_webhook")

    references = [base_label] + [lbl for lbl, *_ in configs if lbl == "SQLite x1"]
    for label, *_ in configs:
        line = (
            f"{label}, median of {args.runs} runs with {args.desks} desks long-polling: "
            f"{median(label, 'webhooks_per_s'):.0f} durable webhooks/s, "
            f"ACK p50 {median(label, 'p50_ms'):.1f} ms, p99 {median(label, 'p99_ms'):.1f} ms, "
            f"lost {max(r['lost'] for r in results[label]):.0f}, relay CPU "
            f"{median(label, 'relay_cpu_ms_per_webhook'):.3f} ms/webhook, "
            f"RSS {max(r['relay_rss_mib'] for r in results[label]):.0f} MiB per process"
        )
        pairs = [*references, "PostgreSQL x1"] if label == "PostgreSQL x2" else references
        for reference in dict.fromkeys(pairs):
            if label != reference:
                line += (
                    f"; vs {reference}: throughput x"
                    f"{median(label, 'webhooks_per_s') / median(reference, 'webhooks_per_s'):.2f}"
                    f", CPU/webhook x{cpu(label) / cpu(reference):.2f}"
                )
        print(line, flush=True)
    print("(targets, one SQLite process: >= 2000/s, p99 <= 50 ms, 0 lost, RSS <= 150 MiB)")


if __name__ == "__main__":
    main()
