"""Code-size, import and lint gates (STYLE.md: small modules and functions, imports one way, no unused names),
run with the suite.

ruff checks what it can say (unused names; branches, statements and arguments of a function). What it cannot
say is read here with the standard library's ``ast``: the length of a module and of a function in lines, and
import cycles between the package's modules, counting the imports inside functions.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DIR = ROOT / "src" / "eventcoder"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 60

Graph = dict[str, dict[str, int]]
"""module -> {package module it imports: line of its first such import}."""


def test_style_ruff_passes_on_package_and_tests():
    if shutil.which("ruff") is None and subprocess.run([sys.executable, "-m", "ruff", "--version"],
                                                       capture_output=True).returncode != 0:
        pytest.fail("ruff is not installed: it is part of the test extras (pip install -e '.[test]')")
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "src", "tests"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# --- reading a package with ast ------------------------------------------------------------------------


def package_modules(package_dir: Path = PACKAGE_DIR) -> dict[str, Path]:
    """Dotted name -> file of every module under ``package_dir`` ("eventcoder.web" for web/__init__.py)."""
    modules = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = path.relative_to(package_dir.parent).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def where(path: Path, line: int | None = None) -> str:
    """``src/eventcoder/x.py:12`` (relative to the repository when the file is in it)."""
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    return f"{shown}:{line}" if line is not None else str(shown)


def long_functions(path: Path, limit: int) -> list[str]:
    """``file:line name (N lines)`` for each function or method of ``path`` longer than ``limit`` lines, from
    its ``def`` line to its last line (decorators aside; nested functions are counted on their own too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [f"{where(path, node.lineno)} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
            for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno + 1 > limit]


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def runtime_imports(nodes: Iterable[ast.AST]) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement in ``nodes`` at any depth (inside functions too), except in the body of an
    ``if TYPE_CHECKING:`` (its ``else`` counts)."""
    for node in nodes:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from runtime_imports(node.orelse)
        else:
            yield from runtime_imports(ast.iter_child_nodes(node))


def imported_modules(node: ast.Import | ast.ImportFrom, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The modules among ``known`` that one import statement of ``module`` imports.

    Relative imports are resolved from the module's package (``module`` itself for an ``__init__.py``);
    ``from X import name`` imports the module ``X.name`` when there is one, else ``X`` (a package's
    ``__init__.py`` for ``from . import __version__``).
    """
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names} & known
    base = node.module or ""
    if node.level:
        package = module if is_package else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    names = {f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names}
    return names & known


def import_graph(modules: dict[str, Path]) -> Graph:
    """Which package modules each module imports at run time, with the line of the first import of each."""
    graph: Graph = {}
    for name, path in modules.items():
        edges: dict[str, int] = {}
        for node in runtime_imports([ast.parse(path.read_text(encoding="utf-8"))]):
            for target in sorted(imported_modules(node, name, path.name == "__init__.py", set(modules))):
                if target != name:
                    edges.setdefault(target, node.lineno)
        graph[name] = edges
    return graph


def _shortest_cycle(graph: Graph, start: str) -> list[str] | None:
    """The modules of a shortest import path from ``start`` back to it (breadth first), else None."""
    parents: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for target in sorted(graph.get(node, {})):
            if target == start:
                path = [node]
                while path[-1] != start:
                    path.append(parents[path[-1]])
                return path[::-1]
            if target not in parents:
                parents[target] = node
                queue.append(target)
    return None


def import_cycles(graph: Graph) -> list[list[str]]:
    """A shortest import cycle through each module that is on one, each starting at its first module in
    sorted order, without repeats."""
    cycles = set()
    for start in sorted(graph):
        cycle = _shortest_cycle(graph, start)
        if cycle:
            first = cycle.index(min(cycle))
            cycles.add(tuple(cycle[first:] + cycle[:first]))
    return [list(cycle) for cycle in sorted(cycles)]


def describe_cycle(cycle: list[str], graph: Graph, modules: dict[str, Path]) -> str:
    """``a (a.py:3) -> b (b.py:7) -> a``: each module with the line where it imports the next."""
    steps = [f"{name} ({where(modules[name], graph[name][cycle[(i + 1) % len(cycle)]])})"
             for i, name in enumerate(cycle)]
    return " -> ".join([*steps, cycle[0]])


# --- the gates -----------------------------------------------------------------------------------------


def test_style_no_module_over_600_lines():
    modules = package_modules()
    assert {"eventcoder", "eventcoder.store", "eventcoder.web.api"} <= set(modules)
    sizes = {path: len(path.read_text(encoding="utf-8").splitlines()) for path in modules.values()}
    over = [f"{where(path)}: {lines} lines" for path, lines in sizes.items() if lines > MAX_MODULE_LINES]
    assert not over, f"modules over {MAX_MODULE_LINES} lines (split them along a seam):\n" + "\n".join(over)


def test_style_no_function_over_60_lines():
    over = [entry for path in package_modules().values() for entry in long_functions(path, MAX_FUNCTION_LINES)]
    assert not over, f"functions over {MAX_FUNCTION_LINES} lines:\n" + "\n".join(over)


def test_style_no_import_cycles_in_package():
    modules = package_modules()
    graph = import_graph(modules)
    cycles = import_cycles(graph)
    assert not cycles, ("import cycles (imports inside functions count; those under `if TYPE_CHECKING:` do "
                        "not):\n" + "\n".join(describe_cycle(cycle, graph, modules) for cycle in cycles))


# --- the readers above, on a package written for the test ----------------------------------------------


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_style_import_graph_resolves_relative_and_function_imports_and_skips_type_checking(tmp_path: Path):
    _write(tmp_path / "pkg", {
        "__init__.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import A\n",
        "a.py": ("import os\nfrom typing import TYPE_CHECKING\nfrom . import sub\nfrom .sub.b import thing\n"
                 "if TYPE_CHECKING:\n    from .c import C\nelse:\n    from .c import fallback\n"
                 "def f():\n    from . import __version__\n"),
        "c.py": "import pkg.sub.b\n",
        "sub/__init__.py": "",
        "sub/b.py": "def g():\n    from ..a import f\n",
    })
    modules = package_modules(tmp_path / "pkg")
    graph = import_graph(modules)

    assert set(modules) == {"pkg", "pkg.a", "pkg.c", "pkg.sub", "pkg.sub.b"}
    assert graph == {"pkg": {}, "pkg.a": {"pkg.sub": 3, "pkg.sub.b": 4, "pkg.c": 8, "pkg": 10},
                     "pkg.c": {"pkg.sub.b": 1}, "pkg.sub": {}, "pkg.sub.b": {"pkg.a": 2}}
    assert import_cycles(graph) == [["pkg.a", "pkg.c", "pkg.sub.b"], ["pkg.a", "pkg.sub.b"]]
    assert describe_cycle(["pkg.a", "pkg.sub.b"], graph, modules) == (
        f"pkg.a ({tmp_path}/pkg/a.py:4) -> pkg.sub.b ({tmp_path}/pkg/sub/b.py:2) -> pkg.a")


def test_style_function_length_counts_from_def_to_last_line_without_decorators(tmp_path: Path):
    def body(lines: int, indent: int) -> str:
        return "".join(f"{' ' * indent}x{i} = {i}\n" for i in range(lines))

    path = tmp_path / "m.py"
    path.write_text("@first\n@second\ndef fits():\n" + body(58, 4) + "    return 0\n\n"
                    "class K:\n    def too_long(self):\n" + body(59, 8) + "        return 1\n", encoding="utf-8")

    assert long_functions(path, 60) == [f"{path}:65 too_long (61 lines)"]
