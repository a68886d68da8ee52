"""docs/architecture.md stays true: every module, file and name it points to exists where it says."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "eventcoder"
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def test_architecture_names_only_files_that_exist():
    paths = set(re.findall(r"`([\w/]+\.(?:py|tsv|md))`", DOC))
    assert len(paths) > 30
    missing = [p for p in paths if not any((base / p).exists() for base in (PACKAGE, PACKAGE / "data", ROOT))]
    assert not missing, missing


def test_architecture_names_only_definitions_that_exist():
    """Each `Name` or `module.Name` in backticks is defined in the package (a class, function or constant)."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
    defined = set(re.findall(r"^\s*(?:class|def)\s+(\w+)", source, re.M)) | set(
        re.findall(r"^\s*(\w+)\s*(?::[^=\n]+)?=", source, re.M))
    names = {m.split(".")[-1].split("(")[0] for m in re.findall(r"`([A-Za-z_][\w.]*(?:\([^`]*\))?)`", DOC)}
    names = {n for n in names if n[:1].isupper() or n.startswith("_") or "_" in n}
    names -= {"Doc"}  # spaCy's
    unknown = sorted(n for n in names if n not in defined and not n.endswith((".py", ".tsv", ".md")))
    assert len(names) > 20
    assert not unknown, unknown
