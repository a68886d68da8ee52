"""Convert the shared CAMEO codebook TSVs into eventcoder's own data files.

Writes ``src/eventcoder/data/cameo_codes.tsv`` and ``src/eventcoder/data/plover_map.tsv`` from
``../shared/codebook/cameo_event_codes.tsv`` and ``../shared/codebook/cameo_plover_map.tsv``.

Usage (from the repository root)::

    .venv/bin/python tools/build_codebook.py [--shared ../shared]

Conversion rules (also documented in ``src/eventcoder/data/README.md``):

* cameo_codes.tsv keeps ``code label root quad_class goldstein``; goldstein is GDELT's value, and where
  GDELT has none (7 codes) the nearest ancestor's value is used and listed in a comment line.
* plover_map.tsv keeps ``cameo_code plover_type plover_mode plover_context``; multi-valued contexts
  ("crime;corruption") are written with ``|``; the root 08 row, which the source gives as
  "CONCEDE|RETREAT", is written as CONCEDE (every 08x code has its own row, so the root row only
  applies to "08" itself, which CAMEO labels YIELD like 080).
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "eventcoder" / "data"


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a headed TSV file as dicts."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def goldstein_with_fallback(rows: list[dict[str, str]]) -> tuple[dict[str, str], list[str]]:
    """Goldstein value per code, blank values filled from the nearest ancestor; and the filled codes."""
    by_code = {row["code"]: row for row in rows}
    values: dict[str, str] = {}
    filled: list[str] = []
    for row in rows:
        code, value = row["code"], row["goldstein"].strip()
        parent = row["parent_code"].strip()
        while not value and parent:
            value = by_code[parent]["goldstein"].strip()
            parent = by_code[parent]["parent_code"].strip()
        if not row["goldstein"].strip():
            filled.append(f"{code}<-{row['parent_code']}")
        values[code] = value
    return values, filled


def write_cameo_codes(shared: Path) -> None:
    """Write cameo_codes.tsv."""
    rows = read_tsv(shared / "codebook" / "cameo_event_codes.tsv")
    goldstein, filled = goldstein_with_fallback(rows)
    lines = [
        "# CAMEO event codes: label (CAMEO Manual 1.1b3), root, QuadClass and Goldstein (GDELT lookup).",
        "# Converted by tools/build_codebook.py from shared/codebook/cameo_event_codes.tsv.",
        "# Goldstein blank in GDELT, taken from the parent code: " + ", ".join(filled),
        "code\tlabel\troot\tquad_class\tgoldstein",
    ]
    for row in rows:
        code = row["code"]
        lines.append(f"{code}\t{row['label']}\t{row['root_code']}\t{row['quad_class']}\t{goldstein[code]}")
    (DATA / "cameo_codes.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def plover_row(row: dict[str, str]) -> str:
    """One plover_map.tsv line from a source row."""
    code = row["cameo_code"]
    ptype = row["plover_type"].strip()
    if code == "08" and ptype == "CONCEDE|RETREAT":
        ptype = "CONCEDE"
    context = "|".join(part.strip() for part in row["plover_context"].split(";") if part.strip())
    return f"{code}\t{ptype}\t{row['plover_mode'].strip()}\t{context}"


def write_plover_map(shared: Path) -> None:
    """Write plover_map.tsv."""
    rows = read_tsv(shared / "codebook" / "cameo_plover_map.tsv")
    lines = [
        "# CAMEO -> PLOVER type/mode/context (openeventdata/PLOVER CAMEO2PLOVER-2021.txt, manual draft 0.8).",
        "# Converted by tools/build_codebook.py from shared/codebook/cameo_plover_map.tsv.",
        "# Two-digit rows are root defaults for codes without a row of their own; roots 01 and 02 are",
        "# dropped by PLOVER (all columns empty). Root 08: source says CONCEDE|RETREAT (081-083 CONCEDE,",
        "# 084-087 RETREAT); every 08x code has its own row, so the root row is CONCEDE, like 080.",
        "cameo_code\tplover_type\tplover_mode\tplover_context",
    ]
    lines.extend(plover_row(row) for row in rows)
    (DATA / "plover_map.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="path of shared/")
    args = parser.parse_args()
    DATA.mkdir(parents=True, exist_ok=True)
    write_cameo_codes(args.shared)
    write_plover_map(args.shared)


if __name__ == "__main__":
    main()
