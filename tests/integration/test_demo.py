"""The demo's wiring without a window: its relay and sandbox run, orders arrive at a headless
engine configured as the demo configures the desk, and the demo printer prints through the
real journal and queue."""

from __future__ import annotations

from pathlib import Path

import httpx

from kitchen_app.app.cli import main
from kitchen_app.app.demo import demo_services
from kitchen_app.app.wiring import build_engine
from kitchen_app.domain import OrderKey
from kitchen_app.engine.api import ActionOutcomeState
from kitchen_app.engine.engine import EngineConfig
from kitchen_app.engine.recorder import RecordingListener
from kitchen_app.store import DeskReader, PrintJobState


def test_demo_services_feed_a_desk_and_its_printer(tmp_path: Path) -> None:
    listener = RecordingListener()
    with demo_services(tmp_path, speed=1.0, rate_per_min=0.0, seed=3, first_orders=2) as demo:
        engine = build_engine(
            EngineConfig(tmp_path / "desk.db", initial_settings=demo.desk_settings(tmp_path)),
            listener,
        )
        engine.start()
        try:

            def added(channel: str) -> list[OrderKey]:
                return [k for k in listener.keys("order_added") if k.channel == channel]

            assert listener.wait_for(lambda: len(added("mp_delivery")) == 2, 20)
            # Mercado Libre and Shopee beside Mercado Pago: the demo's first Mercado Libre cart
            # (two orders) and the sandbox's first Shopee order arrive too.
            assert listener.wait_for(lambda: len(added("mercadolibre")) == 2, 20)
            assert listener.wait_for(lambda: len(added("shopee")) == 1, 20)
            key = added("mp_delivery")[0]
            outcome = engine.run_action(key, "accept", {}).result(timeout=20)
            assert outcome.state is ActionOutcomeState.CONFIRMED
            # auto-print is on by default: the kitchen ticket and the receipt reach the printer
            printer_file = tmp_path / "demo-printer.escpos"

            def printed() -> bool:
                reader = DeskReader.open(tmp_path / "desk.db")
                try:
                    jobs = reader.print_jobs(key)
                finally:
                    reader.close()
                return len(jobs) == 2 and all(j.state is PrintJobState.PRINTED for j in jobs)

            assert listener.wait_for(printed, 20)
            data = printer_file.read_bytes()
            assert data.startswith(b"\x1b@")  # each ticket starts with ESC @
            assert data.count(b"\x1b@") == 2
        finally:
            engine.stop()


def test_the_demo_desk_runs_on_the_relays_links(tmp_path: Path) -> None:
    """The demo store is linked at start; the desk's tokens are the relay's (a revoked grant
    shows "link expired" although the pasted sandbox token still works), and pasted tokens
    stay one setting away."""
    listener = RecordingListener()
    with (
        demo_services(tmp_path, speed=1.0, rate_per_min=0.0, seed=4, first_orders=0) as demo,
        httpx.Client(base_url=demo.sandbox_url, timeout=10) as sandbox,
    ):
        links = httpx.get(
            f"{demo.relay_url}/v1/links",
            headers={"Authorization": f"Bearer {demo.desk_token}"},
            timeout=10,
        ).json()["links"]
        assert {link["channel"]: (link["state"], link["account"]) for link in links} == {
            "mp_delivery": ("linked", "1070421029"),
            "mercadolibre": ("linked", "3430803000"),
            "shopee": ("linked", "727720655"),
        }
        settings = demo.desk_settings(tmp_path)
        engine = build_engine(
            EngineConfig(tmp_path / "desk.db", initial_settings=settings), listener
        )
        engine.start()
        try:

            def added(channel: str) -> list[OrderKey]:
                return [k for k in listener.keys("order_added") if k.channel == channel]

            assert listener.wait_for(lambda: len(added("mercadolibre")) == 2, 20)  # the cart
            # The settings' Link row: a fresh address on the sandbox's authorization page.
            start = engine.start_link("mercadolibre").result(10)
            assert start.authorize_url.startswith(f"{demo.sandbox_url}/authorization?")
            revoked = sandbox.post("/_sandbox/oauth/revoke", json={"channel": "mercadolibre"})
            assert revoked.status_code == 200 and revoked.json()["revoked"] >= 1
            made = sandbox.post("/_sandbox/orders", json={"channel": "mercadolibre"})
            assert made.status_code == 201

            def relink() -> bool:
                return any(
                    api.channel == "mercadolibre" and api.relink for api in engine.health().apis
                )

            assert listener.wait_for(relink, 30)
        finally:
            engine.stop()
        # Pasted tokens stay possible: the sandbox's own token reads the order the revoked
        # link could not.
        pasted = {**settings, "mercadolibre.credentials": "pasted"}
        listener = RecordingListener()
        engine = build_engine(
            EngineConfig(tmp_path / "pasted.db", initial_settings=pasted), listener
        )
        engine.start()
        try:
            assert listener.wait_for(
                lambda: (
                    OrderKey("mercadolibre", str(made.json()["id"])) in listener.keys("order_added")
                ),
                20,
            )
        finally:
            engine.stop()


def test_demo_rejects_bad_arguments(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["demo", "--speed", "0"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--speed" in err[0]


def test_non_finite_speeds_are_refused(capsys) -> None:  # type: ignore[no-untyped-def]
    for bad in ("nan", "inf"):
        assert main(["sandbox", "serve", "--speed", bad]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "--speed" in err[0]
