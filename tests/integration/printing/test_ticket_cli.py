"""``kitchen-app ticket`` through ``kitchen_app.app.cli.main``: outputs, and one-line errors that
leave no file behind."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from tests.unit.printing.escpos_decode import decode

from kitchen_app.app.cli import main

FIXTURE = Path(__file__).parents[2] / "fixtures" / "mp_order_flex.json"


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["ticket", *args])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("width", ["58", "80"])
def test_escpos_receipt(tmp_path: Path, capsys: pytest.CaptureFixture[str], width: str) -> None:
    out = tmp_path / "r.bin"
    code, _ = run_cli(
        [
            str(FIXTURE),
            "--kind",
            "receipt",
            "--format",
            "escpos",
            "--out",
            str(out),
            "--width",
            width,
        ],
        capsys,
    )
    assert code == 0
    decoded = decode(out.read_bytes())
    raw = json.loads(FIXTURE.read_text())
    qr = raw["extension"]["qr"]
    expected = json.dumps(
        {k: qr[k] for k in ("id", "sender_id", "hash_code", "security_digit")},
        separators=(",", ":"),
    )
    assert decoded.qr_payloads == [expected.encode()]
    assert "Doc's Store" in decoded.text and "$ 1.000,00" in decoded.text
    assert decoded.code_pages == [(2, 19)]


def test_pdf_kitchen_in_portuguese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "k.pdf"
    code, _ = run_cli(
        [
            str(FIXTURE),
            "--kind",
            "kitchen",
            "--format",
            "pdf",
            "--out",
            str(out),
            "--locale",
            "pt-BR",
            "--width",
            "58",
        ],
        capsys,
    )
    assert code == 0
    text = PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text()
    assert "COZINHA" in text and "OBS: No quiero cebolla." in text


def test_text_with_code_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "k.txt"
    code, _ = run_cli(
        [
            str(FIXTURE),
            "--kind",
            "kitchen",
            "--format",
            "text",
            "--out",
            str(out),
            "--code-page",
            "cp850",
        ],
        capsys,
    )
    assert code == 0
    assert "#9129" in out.read_text(encoding="utf-8")


def _bad(tmp_path: Path, capsys: pytest.CaptureFixture[str], order: Path, *extra: str) -> str:
    out = tmp_path / "out" / "t.bin"
    out.parent.mkdir(exist_ok=True)
    code, err = run_cli(
        [str(order), "--kind", "kitchen", "--format", "escpos", "--out", str(out), *extra], capsys
    )
    assert code == 2
    assert list(out.parent.iterdir()) == []  # nothing left behind, not even a temp file
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "no such file" in _bad(tmp_path, capsys, tmp_path / "nope.json")


def test_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "not a file" in _bad(tmp_path, capsys, tmp_path)


def test_not_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert "not JSON" in _bad(tmp_path, capsys, bad)


def test_binary_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    assert "not a JSON text file" in _bad(tmp_path, capsys, bad)


def test_json_but_not_an_object(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "list.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    assert "not an order" in _bad(tmp_path, capsys, bad)


def test_json_object_but_not_an_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "other.json"
    bad.write_text('{"hello": "world"}', encoding="utf-8")
    assert "not a mp_delivery order" in _bad(tmp_path, capsys, bad)


def test_unknown_code_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "unknown code page 'CP999'" in _bad(tmp_path, capsys, FIXTURE, "--code-page", "CP999")


def test_unknown_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "invalid choice" in _bad(tmp_path, capsys, FIXTURE, "--width", "76")
    assert "unrecognized arguments" in _bad(tmp_path, capsys, FIXTURE, "--colour", "red")


def test_output_folder_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "missing" / "t.bin"
    code, err = run_cli(
        [str(FIXTURE), "--kind", "kitchen", "--format", "escpos", "--out", str(out)], capsys
    )
    assert code == 2 and "does not exist" in err and not out.parent.exists()


def test_existing_output_is_kept_on_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "t.bin"
    out.write_bytes(b"previous")
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    code, _ = run_cli(
        [str(bad), "--kind", "kitchen", "--format", "escpos", "--out", str(out)], capsys
    )
    assert code == 2 and out.read_bytes() == b"previous"


def test_channel_without_a_mapper_yet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from kitchen_app.app.plugins import registry
    from kitchen_app.channels.registry import PluginRegistry

    # A marketplace whose plug-in reads no order files.
    plugins = [replace(p, order_from_json=None) if p.channel == "shopee" else p for p in registry()]
    monkeypatch.setattr("kitchen_app.app.plugins.registry", lambda: PluginRegistry(plugins))
    err = _bad(tmp_path, capsys, FIXTURE, "--channel", "shopee")
    assert "reading shopee orders is not available" in err


# --- standard output, time zones, the system's language (issue 9) --------------------------


def _text_ticket(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], order: dict[str, object], *extra: str
) -> str:
    src = tmp_path / "order.json"
    src.write_text(json.dumps(order), encoding="utf-8")
    out = tmp_path / "t.txt"
    code, err = run_cli(
        [str(src), "--kind", "receipt", "--format", "text", "--out", str(out), *extra], capsys
    )
    assert code == 0, err
    return out.read_text(encoding="utf-8")


def test_out_dash_writes_the_ticket_bytes_to_standard_output(tmp_path: Path) -> None:
    for fmt, start in (("pdf", b"%PDF"), ("escpos", b"\x1b@"), ("text", b" ")):
        done = subprocess.run(
            [
                *(sys.executable, "-m", "kitchen_app", "ticket", str(FIXTURE)),
                *("--kind", "kitchen", "--format", fmt, "--out", "-", "--locale", "es-AR"),
            ],
            capture_output=True,
            timeout=60,
            cwd=tmp_path,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(start), done.stdout[:20]
        assert b"COCINA" in done.stdout or fmt == "pdf"
        assert list(tmp_path.iterdir()) == []  # no file named "-"


@pytest.mark.parametrize(("zone", "created"), [("GMT-3", "18:20"), ("GMT-6", "15:20")])
def test_tz_prints_times_in_that_zone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], zone: str, created: str
) -> None:
    raw = json.loads(FIXTURE.read_text())  # createdAt 2022-02-16T21:20:15.227Z
    text = _text_ticket(tmp_path, capsys, raw, "--tz", zone, "--locale", "es-AR")
    assert f"16/02/2022 {created}" in text


def test_tz_reads_offset_less_times_in_that_zone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = json.loads(FIXTURE.read_text())
    raw["createdAt"] = "2022-02-16T15:20:15"  # no offset: local time in --tz (api notes §2)
    raw["delivery"]["estimatedDeliveryDateTime"] = "2022-02-16T21:50:00Z"  # explicit UTC
    text = _text_ticket(tmp_path, capsys, raw, "--tz", "GMT-6", "--locale", "es-AR")
    assert "16/02/2022 15:20" in text  # not 09:20, as reading it as UTC would print
    assert "15:50" in text  # the UTC estimate, shown in GMT-6


def test_default_tz_is_the_systems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "America/Mexico_City")
    time.tzset()
    try:
        raw = json.loads(FIXTURE.read_text())
        assert "16/02/2022 15:20" in _text_ticket(tmp_path, capsys, raw, "--locale", "es-AR")
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_bad_tz_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _bad(tmp_path, capsys, FIXTURE, "--tz", "Mars/Olympus")
    assert "--tz" in err and "Mars/Olympus" in err


@pytest.mark.parametrize(
    ("lang", "word", "error"),
    [
        ("pt_BR.UTF-8", "Entregador: escanear", "o arquivo não existe"),
        ("es_AR.UTF-8", "Repartidor: escanear", "no existe el archivo"),
        ("en_US.UTF-8", "Courier: scan", "no such file"),
        ("C.UTF-8", "Repartidor: escanear", "no such file"),  # no language named: es-AR ticket
        ("de_DE.UTF-8", "Repartidor: escanear", "no such file"),
    ],
)
def test_ticket_and_errors_follow_the_system_language(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    word: str,
    error: str,
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", lang)
    raw = json.loads(FIXTURE.read_text())
    assert word in _text_ticket(tmp_path, capsys, raw, "--tz", "GMT-3")
    assert error in _bad(tmp_path, capsys, tmp_path / "nope.json")


def test_an_explicit_locale_wins_over_the_system(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "pt_BR.UTF-8")
    raw = json.loads(FIXTURE.read_text())
    assert "Courier: scan" in _text_ticket(tmp_path, capsys, raw, "--locale", "en")
    assert "no such file" in _bad(tmp_path, capsys, tmp_path / "nope.json", "--locale", "en")
