"""Store linking and token custody end to end: a real `kitchen-app relay serve` process, a
stand-in Mercado Libre OAuth server written from the api notes (oauth_standin.py), desks
as HTTP clients. Link → callback → credentials → expiry → refresh; spent refresh tokens;
revocation; kill -9 in the middle of a refresh; two relay processes on PostgreSQL
refreshing one link at once; no secret in the relay's log."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.fernet import Fernet
from oauth_standin import CLIENT_ID, CLIENT_SECRET, SELLER_ID, OAuthStandIn
from relay_testkit import pg_query
from tests.processes import end_process, poll_until

from kitchen_app.app.plugins import registry
from kitchen_app.app.serving import ServerThread, free_port
from kitchen_app.channels.sandbox_apps import ML_APP, relay_environment
from kitchen_app.relay import add_store
from kitchen_app.sandbox import SandboxConfig
from kitchen_app.sandbox import build_app as build_sandbox

TOKEN_KEY = Fernet.generate_key().decode()
SANDBOX_SELLER = 3430803000  # the sandbox's default Mercado Libre seller
CHANNEL = "mercadolibre"


@dataclass
class RelayProc:
    url: str
    proc: subprocess.Popen[bytes]
    log: Path

    def desk(self, token: str) -> httpx.Client:
        return httpx.Client(
            base_url=self.url, headers={"Authorization": f"Bearer {token}"}, timeout=30
        )


def _env() -> dict[str, str]:
    return dict(
        os.environ,
        KITCHEN_ML_CLIENT_ID=CLIENT_ID,
        KITCHEN_ML_CLIENT_SECRET=CLIENT_SECRET,
        KITCHEN_TOKEN_KEY=TOKEN_KEY,
    )


def _target(db: Path, database_url: str | None) -> list[str]:
    return ["--database-url", database_url] if database_url else ["--db", str(db)]


@contextmanager
def relay_serve(
    db: Path,
    standin_url: str,
    database_url: str | None = None,
    name: str = "relay",
    *,
    apis: dict[str, str] | None = None,
    env: dict[str, str] | None = None,
) -> Iterator[RelayProc]:
    """`relay serve` as its own process; ``apis``: the --api bases (default: the stand-in
    plays Mercado Libre), ``env``: the relay's environment (default: the stand-in's app)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = db.parent / f"{name}.log"
    with log.open("ab") as log_file:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kitchen_app",
                "-v",
                "relay",
                "serve",
                "--port",
                str(port),
                *_target(db, database_url),
                "--public-url",
                url,
                *[f"--api={c}={base}" for c, base in (apis or {CHANNEL: standin_url}).items()],
            ],
            env=env or _env(),
            stdout=log_file,
            stderr=log_file,
        )
    try:
        poll_until(lambda: _healthy(url, proc, log), "relay healthy")
        yield RelayProc(url, proc, log)
    finally:
        end_process(proc)


def _healthy(url: str, proc: subprocess.Popen[bytes], log: Path) -> bool:
    assert proc.poll() is None, log.read_text(errors="replace")
    try:
        return httpx.get(f"{url}/healthz", timeout=1).status_code == 200
    except httpx.TransportError:
        return False


@pytest.fixture
def standin() -> Iterator[tuple[OAuthStandIn, str]]:
    fake = OAuthStandIn()
    server = ServerThread(fake.app())
    url = server.start()
    try:
        yield fake, url
    finally:
        fake.release.set()
        server.stop()


def _stores(target: Path | str) -> tuple[str, str]:
    token_a = add_store(target, "Cantina A", mp_user_id=1793791954)
    token_b = add_store(target, "Bistro B", mp_user_id=2000000002)
    return token_a, token_b


def _link(
    db: Path,
    relay: RelayProc,
    database_url: str | None = None,
    channel: str = CHANNEL,
    env: dict[str, str] | None = None,
) -> httpx.Response:
    """`relay link-store`, then the browser: the stand-in approves and sends it back."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kitchen_app",
            "relay",
            "link-store",
            "Cantina A",
            channel,
            *_target(db, database_url),
        ],
        env=env or _env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    authorize_url = done.stdout.split()[-1]
    return httpx.get(authorize_url, follow_redirects=True, timeout=30)


def _link_row(db: Path, database_url: str | None) -> dict[str, Any]:
    sql = "SELECT * FROM oauth_links"
    if database_url:
        rows = pg_query(database_url, sql)
        return dict(rows[0])
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return dict(conn.execute(sql).fetchone())
    finally:
        conn.close()


def _assert_no_secret_logged(log: Path, fake: OAuthStandIn) -> None:
    text = log.read_text(errors="replace")
    assert "refreshed" in text  # the log is the relay's, and it did speak
    for secret in [*fake.secrets, TOKEN_KEY]:
        assert secret not in text


def test_link_callback_credentials_refresh_before_expiry(
    tmp_path: Path, standin: tuple[OAuthStandIn, str]
) -> None:
    fake, standin_url = standin
    fake.expires_in = 4  # a quarter of it left (1 s) is when the refresher refreshes
    db = tmp_path / "relay.sqlite3"
    token_a, token_b = _stores(db)
    with relay_serve(db, standin_url) as relay, relay.desk(token_a) as desk:
        assert desk.get("/v1/links").json() == {
            "links": [
                {"channel": CHANNEL, "state": "unlinked", "account": None, "expires_at": None}
            ]
        }
        page = _link(db, relay)
        assert page.status_code == 200 and "is linked" in page.text
        first = desk.get(f"/v1/credentials/{CHANNEL}")
        assert first.status_code == 200
        # (a token with less than two minutes left is refreshed before a desk gets it)
        assert first.json()["access_token"] == fake.access_tokens[-1]
        assert first.json()["expires_at"].endswith("+00:00")
        seen = fake.refreshes
        links = desk.get("/v1/links").json()["links"]
        assert links[0]["state"] == "linked" and links[0]["account"] == str(SELLER_ID)

        # The refresher renews the 4-second token before it expires, on its own, with the
        # latest refresh token each time (the stand-in refuses a spent one).
        poll_until(lambda: fake.refreshes >= seen + 2, "two refreshes before expiry")
        poll_until(
            lambda: (
                desk.get(f"/v1/credentials/{CHANNEL}").json()["access_token"]
                == fake.access_tokens[-1]
            ),
            "the desk is given the newest token",
        )
        assert fake.refused == []

        # A desk sees only its own store; no token, no answer.
        with relay.desk(token_b) as other:
            mine = other.get(f"/v1/credentials/{CHANNEL}")
            assert mine.status_code == 404 and mine.json()["error"] == "not_linked"
        assert httpx.get(f"{relay.url}/v1/credentials/{CHANNEL}").status_code == 401
        with relay.desk("kd_not-a-token") as stranger:
            assert stranger.get(f"/v1/credentials/{CHANNEL}").status_code == 401
        # The same authorization again: its state is spent.
        again = httpx.get(page.url, timeout=30)
        assert again.status_code == 400 and "used already" in again.text
        bad = httpx.get(f"{relay.url}/oauth/{CHANNEL}/callback?code=x&state=forged", timeout=30)
        assert bad.status_code == 400
        started = desk.post(f"/v1/links/{CHANNEL}")
        assert started.status_code == 200
        assert started.json()["authorize_url"].startswith(f"{standin_url}/authorization?")
    _assert_no_secret_logged(relay.log, fake)
    # The account's webhooks now go to the store that linked it.
    conn = sqlite3.connect(db)
    try:
        owner = conn.execute(
            "SELECT s.name FROM store_accounts a JOIN stores s ON s.id = a.store_id "
            "WHERE a.channel = ? AND a.account_id = ?",
            (CHANNEL, str(SELLER_ID)),
        ).fetchone()
        stored = conn.execute("SELECT access_token, refresh_token FROM oauth_links").fetchone()
    finally:
        conn.close()
    assert owner == ("Cantina A",)
    assert stored[0] not in fake.access_tokens and stored[1] not in fake.refresh_tokens
    assert Fernet(TOKEN_KEY.encode()).decrypt(stored[1].encode()).decode() == fake.refresh_token


def test_a_revoked_link_answers_link_expired(
    tmp_path: Path, standin: tuple[OAuthStandIn, str]
) -> None:
    fake, standin_url = standin
    db = tmp_path / "relay.sqlite3"
    token_a, _ = _stores(db)
    with relay_serve(db, standin_url) as relay, relay.desk(token_a) as desk:
        assert _link(db, relay).status_code == 200
        token = desk.get(f"/v1/credentials/{CHANNEL}").json()["access_token"]
        # A stale token reported refused: the relay answers with the current one.
        stale = desk.post(f"/v1/credentials/{CHANNEL}/rejected", json={"access_token": "old"})
        assert stale.status_code == 200 and stale.json()["access_token"] == token
        assert fake.refreshes == 0
        fake.revoke()
        refused = desk.post(f"/v1/credentials/{CHANNEL}/rejected", json={"access_token": token})
        assert refused.status_code == 409 and refused.json()["error"] == "link_expired"
        assert desk.get(f"/v1/credentials/{CHANNEL}").status_code == 409
        assert desk.get("/v1/links").json()["links"][0]["state"] == "expired"
        assert fake.refused == ["revoked"]


def test_kill_9_during_a_refresh_loses_nothing(
    tmp_path: Path, standin: tuple[OAuthStandIn, str]
) -> None:
    fake, standin_url = standin
    db = tmp_path / "relay.sqlite3"
    token_a, _ = _stores(db)
    with relay_serve(db, standin_url) as relay, relay.desk(token_a) as desk:
        assert _link(db, relay).status_code == 200
        token = desk.get(f"/v1/credentials/{CHANNEL}").json()["access_token"]
        before = _link_row(db, None)
        fake.hold = True
        asked = threading.Thread(
            target=lambda: _quietly(
                lambda: desk.post(
                    f"/v1/credentials/{CHANNEL}/rejected", json={"access_token": token}
                )
            ),
            daemon=True,
        )
        asked.start()
        assert fake.held.wait(30), "the refresh never reached the stand-in"
        relay.proc.send_signal(signal.SIGKILL)
        relay.proc.wait(timeout=10)
        fake.release.set()
        assert fake.abandoned.wait(30), "the stand-in never saw the relay hang up"
        asked.join(timeout=30)
    # The row still holds a usable pair, with the marker of the interrupted refresh.
    row = _link_row(db, None)
    assert row["state"] == "linked" and row["refresh_started_at"] is not None
    assert row["generation"] == before["generation"]
    assert row["refresh_token"] == before["refresh_token"]
    fake.hold = False
    with relay_serve(db, standin_url, name="relay-again") as relay, relay.desk(token_a) as desk:
        still = desk.get(f"/v1/credentials/{CHANNEL}")
        assert still.status_code == 200 and still.json()["access_token"] == token
        renewed = desk.post(f"/v1/credentials/{CHANNEL}/rejected", json={"access_token": token})
        assert renewed.status_code == 200
        assert renewed.json()["access_token"] == fake.access_tokens[-1] != token
    row = _link_row(db, None)
    assert row["refresh_started_at"] is None and row["generation"] == before["generation"] + 1
    assert fake.refused == [] and fake.refreshes == 1
    assert "did not finish" in (tmp_path / "relay-again.log").read_text()
    _assert_no_secret_logged(tmp_path / "relay-again.log", fake)


def _quietly(call: Callable[[], object]) -> None:
    # the relay is killed under this request: that is the test
    with contextlib.suppress(httpx.TransportError):
        call()


def test_two_relays_on_postgresql_refresh_a_link_once(
    tmp_path: Path, standin: tuple[OAuthStandIn, str], pg_database: str
) -> None:
    fake, standin_url = standin
    db = tmp_path / "unused.sqlite3"
    token_a, _ = _stores(pg_database)
    with (
        relay_serve(db, standin_url, pg_database, name="one") as one,
        relay_serve(db, standin_url, pg_database, name="two") as two,
    ):
        assert _link(db, one, pg_database).status_code == 200
        with one.desk(token_a) as desk:
            token = desk.get(f"/v1/credentials/{CHANNEL}").json()["access_token"]
        fake.hold = True
        answers: dict[str, httpx.Response] = {}

        def report(relay: RelayProc, key: str) -> None:
            with relay.desk(token_a) as desk:
                answers[key] = desk.post(
                    f"/v1/credentials/{CHANNEL}/rejected", json={"access_token": token}
                )

        threads = [
            threading.Thread(target=report, args=(relay, key), daemon=True)
            for relay, key in ((one, "one"), (two, "two"))
        ]
        for thread in threads:
            thread.start()
        assert fake.held.wait(30)
        # The other relay waits on the link's lock while the first one refreshes.
        poll_until(
            lambda: (
                pg_query(
                    pg_database,
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
                )[0][0]
                == 1
            ),
            "the second relay waiting for the link's lock",
        )
        fake.release.set()
        for thread in threads:
            thread.join(timeout=30)
        assert {answers["one"].status_code, answers["two"].status_code} == {200}
        new = fake.access_tokens[-1]
        assert answers["one"].json()["access_token"] == answers["two"].json()["access_token"] == new
        assert fake.refreshes == 1 and fake.refused == []
        row = _link_row(db, pg_database)
        assert row["generation"] == 2 and row["refresh_started_at"] is None


def test_serve_refuses_credentials_without_a_key(tmp_path: Path) -> None:
    env = {k: v for k, v in _env().items() if k != "KITCHEN_TOKEN_KEY"}
    done = subprocess.run(
        [sys.executable, "-m", "kitchen_app", "relay", "serve", "--db", str(tmp_path / "r.db")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "KITCHEN_TOKEN_KEY is not set" in lines[0]
    assert CLIENT_SECRET not in done.stderr


def test_with_the_sandbox_a_token_expires_is_refreshed_once_and_a_revoked_link_shows(
    tmp_path: Path,
) -> None:
    """The real sandbox plays the three marketplaces (its OAuth, fast clock, revocation)."""
    sandbox = ServerThread(
        build_sandbox(SandboxConfig(seed=7), [p.sandbox for p in registry() if p.sandbox])
    )
    sandbox_url = sandbox.start()
    env = dict(os.environ, **relay_environment(), KITCHEN_TOKEN_KEY=TOKEN_KEY)
    apis = {channel: sandbox_url for channel in ("mp_delivery", CHANNEL, "shopee")}
    db = tmp_path / "relay.sqlite3"
    token_a, _ = _stores(db)
    try:
        with (
            httpx.Client(base_url=sandbox_url, timeout=30) as sb,
            relay_serve(db, sandbox_url, apis=apis, env=env) as relay,
            relay.desk(token_a) as desk,
        ):
            for channel in ("mp_delivery", CHANNEL, "shopee"):
                page = _link(db, relay, channel=channel, env=env)
                assert page.status_code == 200, page.text
            states = {
                link["channel"]: link["state"] for link in desk.get("/v1/links").json()["links"]
            }
            assert states == {"mp_delivery": "linked", CHANNEL: "linked", "shopee": "linked"}

            def orders(token: str) -> int:
                auth = {"Authorization": f"Bearer {token}"}
                return sb.get(
                    "/orders/search", params={"seller": SANDBOX_SELLER}, headers=auth
                ).status_code

            first = desk.get(f"/v1/credentials/{CHANNEL}").json()["access_token"]
            assert orders(first) == 200
            spent = Fernet(TOKEN_KEY.encode()).decrypt(
                _link_row_of(db, CHANNEL)["refresh_token"].encode()
            )
            assert sb.post("/_sandbox/clock", json={"advance_s": 21_601}).status_code == 200
            assert orders(first) == 401  # six hours are up on the sandbox clock
            renewed = desk.post(f"/v1/credentials/{CHANNEL}/rejected", json={"access_token": first})
            assert renewed.status_code == 200
            second = renewed.json()["access_token"]
            assert second != first and orders(second) == 200
            # The refresh token the relay spent opens nothing any more.
            reuse = sb.post(
                "/oauth/token",
                data={
                    "grant_type": "refresh_token",
                    "client_id": ML_APP.client_id,
                    "client_secret": ML_APP.client_secret,
                    "refresh_token": spent.decode(),
                },
            )
            assert reuse.status_code == 400 and reuse.json()["error"] == "invalid_grant"

            # Shopee calls signed by the relay: the 4-hour token is spent on the sandbox
            # clock too; the desk reports it, the relay refreshes, the next call goes through.
            path = "/api/v2/order/get_order_list"

            def shopee_list() -> tuple[str, dict[str, Any]]:
                timestamp = int(time.time())
                signed = desk.post("/v1/sign/shopee", json={"path": path, "timestamp": timestamp})
                assert signed.status_code == 200
                assert "partner_key" not in signed.text
                query = {
                    **signed.json(),
                    "timestamp": timestamp,
                    "time_range_field": "create_time",
                    "time_from": timestamp - 3600,
                    "time_to": timestamp,
                    "page_size": 20,
                }
                return str(signed.json()["access_token"]), sb.get(path, params=query).json()

            stale, answer = shopee_list()
            assert answer["error"] == "invalid_acceess_token"  # (sic, Shopee's spelling)
            assert (
                desk.post(
                    "/v1/credentials/shopee/rejected", json={"access_token": stale}
                ).status_code
                == 200
            )
            fresh, answer = shopee_list()
            assert fresh != stale and answer.get("error") in ("", None), answer

            revoked = sb.post("/_sandbox/oauth/revoke", json={"channel": CHANNEL})
            assert revoked.status_code == 200
            assert orders(second) == 401
            gone = desk.post(f"/v1/credentials/{CHANNEL}/rejected", json={"access_token": second})
            assert gone.status_code == 409 and gone.json()["error"] == "link_expired"
            states = {
                link["channel"]: link["state"] for link in desk.get("/v1/links").json()["links"]
            }
            assert states[CHANNEL] == "expired" and states["shopee"] == "linked"
        log = relay.log.read_text(errors="replace")
        for secret in (first, second, spent.decode(), ML_APP.client_secret, TOKEN_KEY):
            assert secret not in log
    finally:
        sandbox.stop()


def _link_row_of(db: Path, channel: str) -> dict[str, Any]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return dict(
            conn.execute("SELECT * FROM oauth_links WHERE channel = ?", (channel,)).fetchone()
        )
    finally:
        conn.close()
