"""The demo's wiring without a window: its relay and sandbox run, orders arrive at a headless
engine configured as the demo configures the desk, and the demo printer prints through the
real journal and queue."""

from __future__ import annotations

from pathlib import Path

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


def test_demo_rejects_bad_arguments(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["demo", "--speed", "0"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--speed" in err[0]


def test_non_finite_speeds_are_refused(capsys) -> None:  # type: ignore[no-untyped-def]
    for bad in ("nan", "inf"):
        assert main(["sandbox", "serve", "--speed", bad]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "--speed" in err[0]
