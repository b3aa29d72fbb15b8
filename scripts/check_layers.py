#!/usr/bin/env python3
"""The house's rules, computed from the code (DESIGN §3), run by ``make lint``:

1. no import circle between modules of ``src/kitchen_app`` (imports inside functions count:
   a lazy import is still an arrow);
2. arrows point one way: ``app -> ui -> engine -> (channels, store, printing) -> domain``;
   ``relay`` and ``sandbox`` use ``channels`` and ``domain``, never ``ui`` or ``engine``;
   ``domain`` imports nothing of ours;
3. the neutral packages (``domain``, ``engine``, ``store``, ``printing``, ``ui``) never name a
   marketplace: no identifier with ``mp_``/``MP_``/``PRINT_LABEL_PDF``, no string (docstrings
   and comments aside) with ``mp_``, ``Mercado`` or ``Shopee``.

Violations listed in ``scripts/layers_baseline.txt`` (today's, while the code moves) are
tolerated; any other fails, and so does a baseline line that no longer happens (delete it).
Exit status 0 when clean, 1 otherwise; one line per problem.
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import sys
import tokenize
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "kitchen_app"
NEUTRAL = ("domain", "engine", "store", "printing", "ui")
# Each layer and the layers it may import (besides itself).
ALLOWED: dict[str, frozenset[str]] = {
    "domain": frozenset(),
    "channels": frozenset({"domain"}),
    "store": frozenset({"domain"}),
    "printing": frozenset({"domain"}),
    "engine": frozenset({"channels", "store", "printing", "domain"}),
    "ui": frozenset({"engine", "channels", "store", "printing", "domain"}),
    "relay": frozenset({"channels", "domain"}),
    "sandbox": frozenset({"channels", "domain"}),
    "app": frozenset(
        {"ui", "engine", "channels", "store", "printing", "domain", "relay", "sandbox", "root"}
    ),
    # Modules still at the package root belong to the composition side until they move into
    # app/ (the face, __init__ and __main__, stays).
    "root": frozenset(
        {"app", "ui", "engine", "channels", "store", "printing", "domain", "relay", "sandbox"}
    ),
}
_NAME = re.compile(r"(?:^|_)mp_|^mp_|MP_|PRINT_LABEL_PDF")
_STRING = re.compile(r"\bmp_|Mercado|Shopee")


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    kind: str  # "cycle" | "arrow" | "name"
    where: str  # module (and line for names: not part of the identity, lines move)
    what: str

    def line(self) -> str:
        return f"{self.kind}: {self.where}: {self.what}"


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join([PACKAGE, *parts])


def layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "root"
    if parts[1] in ALLOWED:
        return parts[1]
    return "root"


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str | None:
    if node.level == 0:
        return node.module
    base = module.split(".") if is_package else module.split(".")[:-1]
    if node.level > 1:
        base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module]) if node.module else ".".join(base)


def imports_of(module: str, is_package: bool, tree: ast.AST, known: set[str]) -> set[str]:
    """The modules of ours this one imports (``from pkg import mod`` counts as ``pkg.mod``)."""
    out: set[str] = set()

    def add(target: str) -> None:
        # The longest known module the name starts with (a name may be a class).
        while target and target not in known:
            target = target.rpartition(".")[0]
        if target and target != module:
            out.add(target)

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(PACKAGE):
                    add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, is_package, node)
            if base is None or not base.startswith(PACKAGE):
                continue
            for alias in node.names:
                # ``from pkg import mod`` names pkg.mod; ``from mod import Name`` names mod.
                full = f"{base}.{alias.name}"
                add(full if full in known else base)
    return out


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in graph:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    out.append(sorted(component))
    return out


def _is_package_init_edge(a: str, b: str) -> bool:
    """A package's __init__ importing its own submodules is how it shows its face, and a
    submodule importing a sibling through the package is the same arrow: not a circle."""
    return b.startswith(a + ".") or a.startswith(b + ".")


def _docstring_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        value = node.value if isinstance(node, ast.Expr) else None
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            end = node.end_lineno or node.lineno
            lines.update(range(node.lineno, end + 1))
    return lines


def names_in(module: str, source: str, tree: ast.AST) -> list[Problem]:
    problems: list[Problem] = []
    skip = _docstring_lines(tree)
    seen: set[str] = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.start[0] in skip:
            continue
        text = token.string
        if token.type == tokenize.NAME and _NAME.search(text):
            found = text
        elif token.type == tokenize.STRING and (match := _STRING.search(text)):
            found = match.group(0)
        else:
            continue
        if found in seen:
            continue
        seen.add(found)
        problems.append(Problem("name", module, f"names a marketplace: {found}"))
    return problems


def check(root: Path) -> list[Problem]:
    files = sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)
    modules = {module_name(root, p): p for p in files}
    known = set(modules)
    graph: dict[str, set[str]] = {}
    problems: list[Problem] = []
    for module, path in modules.items():
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source, str(path))
        graph[module] = imports_of(module, path.name == "__init__.py", tree, known)
        mine = layer(module)
        for target in sorted(graph[module]):
            theirs = layer(target)
            if theirs != mine and theirs not in ALLOWED[mine]:
                problems.append(Problem("arrow", module, f"imports {target} ({mine} -> {theirs})"))
        if mine in NEUTRAL:
            problems.extend(names_in(module, source, tree))
    plain = {m: {t for t in ts if not _is_package_init_edge(m, t)} for m, ts in graph.items()}
    for component in _cycles(plain):
        problems.append(Problem("cycle", component[0], " <-> ".join(component)))
    return sorted(set(problems))


def _baseline(path: Path) -> set[str]:
    if not path.exists():
        return set()
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def main(argv: Iterable[str] | None = None) -> int:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=here.parent / "src" / PACKAGE)
    parser.add_argument("--baseline", type=Path, default=here / "layers_baseline.txt")
    parser.add_argument(
        "--write-baseline", action="store_true", help="record today's problems as tolerated"
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    problems = [p.line() for p in check(args.src)]
    if args.write_baseline:
        header = "# Tolerated while the code moves onto plug-ins; delete a line once it is fixed.\n"
        args.baseline.write_text(header + "".join(f"{p}\n" for p in problems), encoding="utf-8")
        print(f"{len(problems)} problem(s) written to {args.baseline}")
        return 0
    tolerated = _baseline(args.baseline)
    new = [p for p in problems if p not in tolerated]
    gone = sorted(tolerated - set(problems))
    for line in new:
        print(line)
    for line in gone:
        print(f"fixed, delete from {args.baseline.name}: {line}")
    if new or gone:
        return 1
    print(f"layers ok ({len(tolerated)} tolerated in {args.baseline.name})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
