"""Store linking end to end with real parts only (issue 15): `kitchen-app sandbox serve` plays
the three marketplaces (their OAuth too), `kitchen-app relay serve` holds the sandbox's
application credentials, `kitchen-app relay link-store` starts each link and the browser is
an HTTP client following the authorization page's redirect back to the relay. A headless desk
with `<channel>.credentials=relay` and no marketplace token, partner key, shop id or seller id
reads Mercado Libre and Shopee orders; six hours pass on the sandbox clock and the desk keeps
reading (the relay refreshes the refused token); the seller revokes the grant and the desk
says "link expired" and lists the order it cannot read."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from cryptography.fernet import Fernet

from kitchen_app.app.serving import free_port
from kitchen_app.channels.sandbox_apps import relay_environment
from tests.headless import HeadlessProcess, headless_argv
from tests.processes import end_process, poll_until

CHANNELS = ("mp_delivery", "mercadolibre", "shopee")
STORE = "Cantina A"


def _cli(*args: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "kitchen_app", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@contextmanager
def _process(argv: list[str], log: Path, env: dict[str, str], url: str) -> Iterator[None]:
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "kitchen_app", "-v", *argv], env=env, stdout=out, stderr=out
        )

    def up() -> bool:
        assert proc.poll() is None, log.read_text(errors="replace")
        try:
            return httpx.get(url, timeout=1).status_code < 500
        except httpx.TransportError:
            return False

    try:
        poll_until(up, f"{argv[0]} serving", timeout=40)
        yield
    finally:
        end_process(proc)


class Desk(HeadlessProcess):
    """`kitchen-app -v headless` on relay custody; its log kept in ``desk.log``."""

    wait_s = 60.0

    def __init__(self, data_dir: Path, relay_url: str, token: str, sandbox_url: str) -> None:
        self.data_dir = data_dir
        sets = [
            f"mp_delivery.base_url={sandbox_url}",
            f"mercadolibre.base_url={sandbox_url}",
            "mercadolibre.credentials=relay",
            f"shopee.base_url={sandbox_url}",
            "shopee.credentials=relay",
            "time_zone=GMT-3",
            "auto_print=no",
        ]
        argv = headless_argv(
            ["--data-dir", str(data_dir)],
            relay_url,
            token,
            sets,
            "--poll-wait",
            "1",
            "--reconcile-interval",
            "2",
            verbose=True,
        )
        self.log = data_dir.parent / "desk.log"
        with self.log.open("ab") as log:
            super().__init__(argv, stderr=log)


def test_linked_store_read_refreshed_and_revoked(tmp_path: Path) -> None:
    token_key = Fernet.generate_key().decode()
    env = dict(os.environ, **relay_environment(), KITCHEN_TOKEN_KEY=token_key)
    sandbox_url = f"http://127.0.0.1:{free_port()}"
    relay_url = f"http://127.0.0.1:{free_port()}"
    db = tmp_path / "relay.sqlite3"
    desk_token = _cli("relay", "add-store", STORE, "--db", str(db)).split()[-1]
    sandbox_argv = ["sandbox", "serve", "--port", sandbox_url.rsplit(":", 1)[1]]
    sandbox_argv += ["--relay-url", relay_url, "--rate", "0", "--seed", "5"]
    relay_argv = ["relay", "serve", "--port", relay_url.rsplit(":", 1)[1], "--db", str(db)]
    relay_argv += ["--public-url", relay_url]
    relay_argv += [f"--api={channel}={sandbox_url}" for channel in CHANNELS]
    with (
        _process(sandbox_argv, tmp_path / "sandbox.log", dict(os.environ), sandbox_url + "/"),
        _process(relay_argv, tmp_path / "relay.log", env, relay_url + "/healthz"),
        httpx.Client(base_url=sandbox_url, timeout=30) as sandbox,
    ):
        for channel in CHANNELS:
            printed = _cli("relay", "link-store", STORE, channel, "--db", str(db), env=env)
            page = httpx.get(printed.split()[-1], follow_redirects=True, timeout=30)
            assert page.status_code == 200 and "linked" in page.text, (channel, page.text)
        with httpx.Client(
            base_url=relay_url, headers={"Authorization": f"Bearer {desk_token}"}, timeout=30
        ) as relay:
            links = {link["channel"]: link for link in relay.get("/v1/links").json()["links"]}
        assert {c: links[c]["state"] for c in CHANNELS} == dict.fromkeys(CHANNELS, "linked")

        def new_order(channel: str) -> str:
            made = sandbox.post("/_sandbox/orders", json={"channel": channel})
            assert made.status_code == 201, made.text
            body = made.json()
            return f"{channel}:{body.get('order_id') or body['id']}"

        ml_first, shopee_first = new_order("mercadolibre"), new_order("shopee")
        desk = Desk(tmp_path / "desk", relay_url, desk_token, sandbox_url)
        try:
            assert desk.wait_line("engine ready")
            assert desk.wait_line(f"order_added {shopee_first}"), desk.lines
            assert desk.wait_line(f"order_added {ml_first}"), desk.lines

            # Six hours on the sandbox clock: the Mercado Libre token the desk holds is
            # refused; the relay refreshes it and the desk reads the next order.
            assert sandbox.post("/_sandbox/clock", json={"advance_s": 21_601}).status_code == 200
            ml_later = new_order("mercadolibre")
            assert desk.wait_line(f"order_added {ml_later}"), desk.lines
            assert "refreshed" in (tmp_path / "relay.log").read_text(errors="replace")

            # The seller unlinks the application: the desk says so and lists what it
            # could not read.
            revoked = sandbox.post("/_sandbox/oauth/revoke", json={"channel": "mercadolibre"})
            assert revoked.status_code == 200 and revoked.json()["revoked"] >= 1
            ml_unread = new_order("mercadolibre")
            assert desk.wait_line(
                lambda line: line.startswith("api_problem mercadolibre") and "link expired" in line
            ), desk.lines
            unread_id = ml_unread.split(":")[1]
            poll_until(
                lambda: (
                    f"#{unread_id}"
                    in _cli("orders", "--data-dir", str(desk.data_dir), env=dict(os.environ))
                ),
                "the unread order listed",
                timeout=40,
            )
            assert f"order_added {ml_unread}" not in desk.lines
        finally:
            assert desk.stop() == 0
    log = (tmp_path / "relay.log").read_text(errors="replace")
    assert token_key not in log
    for value in relay_environment().values():
        if "secret" in value or "key" in value:
            assert value not in log
