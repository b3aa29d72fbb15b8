"""ESC/POS real-time status answers, and finding the shipped fonts."""

from __future__ import annotations

from pathlib import Path

import pytest

from kitchen_app.printing.pdf import font_path
from kitchen_app.printing.resources import ResourceMissing
from kitchen_app.printing.status import PrinterState, parse_status


def test_all_well() -> None:
    state = parse_status(b"\x12\x12\x12")
    assert state == PrinterState(online=True)
    assert state is not None and state.ok and state.describe() == "ready"


def test_paper_out_cover_open_offline() -> None:
    state = parse_status(bytes([0x1A, 0x12 | 0x04 | 0x20, 0x12 | 0x60]))
    assert state is not None and not state.ok
    assert state.describe() == "paper out, cover open, offline"


def test_paper_low_is_still_ok() -> None:
    state = parse_status(bytes([0x12, 0x12, 0x12 | 0x0C]))
    assert state is not None and state.ok and state.paper_low


@pytest.mark.parametrize("answer", [b"", b"\x12\x12", b"\x00\x12\x12", b"\xff\xff\xff"])
def test_not_a_status_answer(answer: bytes) -> None:
    assert parse_status(answer) is None


def test_fonts_from_the_checkout_and_from_an_override(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = font_path("DejaVuSans-Bold.ttf")
    assert shipped.read_bytes()[:4] == b"\x00\x01\x00\x00"  # a TrueType file
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "Other.ttf").write_bytes(b"x")
    monkeypatch.setenv("KITCHEN_RESOURCES_DIR", str(tmp_path))
    assert font_path("Other.ttf") == tmp_path / "fonts" / "Other.ttf"
    assert font_path("DejaVuSans.ttf") == shipped.with_name("DejaVuSans.ttf")  # falls back
    with pytest.raises(ResourceMissing, match=r"fonts/Missing\.ttf not found"):
        font_path("Missing.ttf")
