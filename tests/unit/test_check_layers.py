"""scripts/check_layers.py finds an import circle, an arrow against DESIGN §3 and a
marketplace name in a neutral package, tolerates its baseline and refuses a stale one."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "check_layers.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_layers", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_layers"] = module
    spec.loader.exec_module(module)
    return module


check_layers = _script()


def _tree(root: Path, files: dict[str, str]) -> Path:
    src = root / "kitchen_app"
    for name, text in {"__init__.py": "", **files}.items():
        path = src / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return src


def _lines(src: Path) -> list[str]:
    return [p.line() for p in check_layers.check(src)]


def test_a_clean_house_has_no_problem(tmp_path: Path) -> None:
    src = _tree(
        tmp_path,
        {
            "domain/__init__.py": "from .keys import OrderKey\n",
            "domain/keys.py": '"""Mercado Pago says so in a docstring."""\nclass OrderKey: ...\n',
            "engine/__init__.py": "",
            "engine/run.py": "from kitchen_app.domain import OrderKey\n# Shopee in a comment\n",
            "channels/__init__.py": "",
            "channels/shopee.py": "from ..domain.keys import OrderKey\nNAME = 'Shopee'\n",
            "app/__init__.py": (
                "from kitchen_app.engine import run\nfrom kitchen_app.channels import shopee\n"
            ),
        },
    )
    assert _lines(src) == []


def test_a_circle_an_arrow_upwards_and_a_name_are_each_found(tmp_path: Path) -> None:
    src = _tree(
        tmp_path,
        {
            "domain/__init__.py": "",
            "domain/rules.py": "def f():\n    from kitchen_app.engine import run\n",
            "engine/__init__.py": "",
            "engine/run.py": "LABEL = 'Mercado Pago receipt'\nmp_token = 1\n",
            "desk.py": "from kitchen_app import demo\n",
            "demo.py": "def main():\n    from kitchen_app.desk import x\n",
        },
    )
    lines = _lines(src)
    assert (
        "arrow: kitchen_app.domain.rules: imports kitchen_app.engine.run (domain -> engine)"
        in lines
    )
    assert "cycle: kitchen_app.demo: kitchen_app.demo <-> kitchen_app.desk" in lines
    assert "name: kitchen_app.engine.run: names a marketplace: Mercado" in lines
    assert "name: kitchen_app.engine.run: names a marketplace: mp_token" in lines
    assert len(lines) == 4


def test_the_baseline_tolerates_its_lines_and_a_fixed_one_must_go(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _tree(tmp_path, {"store/__init__.py": "X = 'mp_delivery'\n"})
    baseline = tmp_path / "baseline.txt"
    args = ["--src", str(src), "--baseline", str(baseline)]
    assert check_layers.main(args) == 1
    assert check_layers.main([*args, "--write-baseline"]) == 0
    assert check_layers.main(args) == 0
    (src / "store" / "__init__.py").write_text("X = 'neutral'\n", encoding="utf-8")
    assert check_layers.main(args) == 1
    assert "fixed, delete from baseline.txt" in capsys.readouterr().out


def test_the_repository_passes_with_its_baseline() -> None:
    assert check_layers.main([]) == 0
