"""`kitchen-app sandbox serve` as a real process."""

from __future__ import annotations

import queue
import subprocess
import sys
import threading

import httpx
from sandbox_testkit import API, wait_until

from kitchen_app.app.serving import free_port


def _lines(proc: subprocess.Popen[str]) -> queue.Queue[str]:
    out: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            out.put(line.rstrip("\n"))

    threading.Thread(target=pump, daemon=True).start()
    return out


def test_serve_prints_url_and_store_and_answers() -> None:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kitchen_app", "sandbox", "serve", "--port", str(port),
         "--seed", "5", "--token", "APP_USR-cli", "--speed", "10",
         "--webhook-resource", "number", "--webhook-topic", "missing", "--time-style", "naive",
         "--not-found-for", "0.5", "--strict-time-zone", "--unsigned-webhooks"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        lines = _lines(proc)
        first, second = lines.get(timeout=30), lines.get(timeout=30)
        base = f"http://127.0.0.1:{port}"
        assert base in first
        assert "1070421029" in second
        client = httpx.Client(base_url=base, headers={"Authorization": "Bearer APP_USR-cli"})

        def up() -> bool:
            try:
                return client.get("/_sandbox/clock").status_code == 200
            except httpx.TransportError:
                return False

        wait_until(up, timeout=30, what="the sandbox to listen")
        assert client.get("/_sandbox/shapes").json() == {
            "webhook_resource": "number",
            "webhook_topic": "missing",
            "unsigned_webhooks": True,
            "time_style": "naive",
            "strict_time_zone": True,
            "not_found_for_s": 0.5,
            "not_found_first_gets": 0,
        }
        oid = client.post("/_sandbox/orders", json={"logistics": "flex"}).json()["id"]
        assert (
            client.put(f"{API}/shipments/{oid}/accept", json={"status": "accepted"}).status_code
            == 200
        )
        url, tz = f"{API}/v1/orders/{oid}", {"x-time-zone": "GMT-3"}
        # --not-found-for 0.5 at --speed 10: a 404 for about 0.05 s, then the order.
        wait_until(lambda: client.get(url, headers=tz).status_code == 200, what="the order")
        ext = client.get(url, headers=tz).json()["extension"]
        assert ext["substatus"] == "printed"
        client.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()
        proc.stderr.close()


def test_bad_arguments_exit_2_with_one_line() -> None:
    for args in (
        ["--relay-url", "relay.local"],
        ["--rate", "-1"],
        ["--speed", "0"],
        ["--not-found-for", "-1"],
        ["--webhook-resource", "url"],
        ["--time-style", "local"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "kitchen_app", "sandbox", "serve", *args],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 2, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
        assert "Traceback" not in done.stderr
