"""`kitchen-app relay add-store` / `relay serve`, and the crash test: kill -9 the relay right
after it acknowledged webhooks, restart it on the same file, every acknowledged event is
served."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from relay_testkit import mp_body, mp_headers, relay_process

from kitchen_app.app.cli import main
from kitchen_app.app.serving import free_port


def test_add_store_prints_token_last(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "r.sqlite3"
    code = main(["relay", "add-store", "Cantina", "--db", str(db), "--mp-user-id", "123"])
    assert code == 0
    token = capsys.readouterr().out.split()[-1]
    assert token.startswith("kd_") and len(token) > 30


def test_add_store_refuses_a_taken_account(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "r.sqlite3"
    assert main(["relay", "add-store", "One", "--db", str(db), "--shopee-shop-id", "77"]) == 0
    capsys.readouterr()
    code = main(["relay", "add-store", "Two", "--db", str(db), "--shopee-shop-id", "77"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "77" in err and "One" in err
    assert main(["relay", "add-store", "Three", "--db", str(db), "--mp-user-id", "x1"]) == 2
    assert "positive integer" in capsys.readouterr().err
    # Nothing of the refused stores was written.
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        assert [r[0] for r in conn.execute("SELECT name FROM stores")] == ["One"]
    finally:
        conn.close()


def test_database_url_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    nobody = f"postgresql://relay:s3cret@127.0.0.1:{free_port()}/relay"  # nothing listens
    assert main(["relay", "serve", "--database-url", nobody]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot open relay database" in err
    assert "s3cret" not in err  # the password never reaches the screen or the log
    assert main(["relay", "add-store", "X", "--database-url", nobody, "--mp-user-id", "1"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert main(["relay", "rotate-token", "X", "--database-url", nobody]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "s3cret" not in err
    assert main(["relay", "serve", "--database-url", "mysql://relay@localhost/relay"]) == 2
    assert "postgresql://" in capsys.readouterr().err


def test_serve_starts_and_stops(tmp_path: Path) -> None:
    port = free_port()
    with relay_process(tmp_path / "r.sqlite3", port) as proc:
        assert httpx.get(f"http://127.0.0.1:{port}/healthz").json() == {"ok": True}
        proc.terminate()
        # uvicorn shuts down gracefully, then re-raises the signal it caught.
        assert proc.wait(timeout=15) in (0, -signal.SIGTERM)


def test_kill_9_after_acks_loses_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "relay.sqlite3"
    assert main(["relay", "add-store", "Cantina", "--db", str(db), "--mp-user-id", "42"]) == 0
    token = capsys.readouterr().out.split()[-1]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    acked: list[str] = []
    with relay_process(db, port) as proc:
        bodies = [mp_body(user_id=42, shipment=n) for n in range(300)]

        def send(body: dict[str, object]) -> str | None:
            with httpx.Client(timeout=10) as client:
                answer = client.post(
                    base + "/webhooks/mercadopago",
                    content=json.dumps(body).encode(),
                    headers=mp_headers(),
                )
            return str(body["_id"]) if answer.status_code == 200 else None

        with ThreadPoolExecutor(max_workers=16) as pool:
            futures = [pool.submit(send, b) for b in bodies]
            # Kill it the moment the first 200 answers are in, while others are in flight.
            for f in futures[:150]:
                if (got := f.result()) is not None:
                    acked.append(got)
            os.kill(proc.pid, signal.SIGKILL)
            for f in futures[150:]:
                try:
                    if (got := f.result()) is not None:
                        acked.append(got)
                except httpx.TransportError:
                    pass  # never acknowledged: the marketplace would retry it
        proc.wait(timeout=10)
    assert len(acked) >= 150

    port = free_port()
    with relay_process(db, port):
        served: set[str] = set()
        cursor = 0
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            while True:
                answer = client.get(
                    "/v1/events",
                    params={"after": cursor},
                    headers={"Authorization": f"Bearer {token}"},
                ).json()
                if not answer["events"]:
                    break
                served.update(e["payload"]["_id"] for e in answer["events"])
                cursor = answer["cursor"]
    print(f"acknowledged {len(acked)} of 300, served {len(served)}")
    missing = set(acked) - served
    assert not missing, f"{len(missing)} acknowledged events lost"


def test_add_store_without_any_account_waits_for_its_links(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # Its accounts come from `relay link-store` (the OAuth callback names them).
    from kitchen_app.app.cli import main as cli_main

    db = tmp_path / "relay.sqlite3"
    assert cli_main(["relay", "add-store", "To link", "--db", str(db)]) == 0
    assert capsys.readouterr().out.split()[-1].startswith("kd_")
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT count(*) FROM store_accounts").fetchone() == (0,)
    finally:
        conn.close()
