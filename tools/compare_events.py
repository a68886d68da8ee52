"""Code the shared evaluation material and compare the events, field by field, with a reference run.

A refactoring of the coding engine must not change a single event. This script codes the seed, the
development set, the 249 articles of ``../shared/bench``, the PLOVER gold sentences and the real-news
development set with the installed eventcoder and writes each set's records as JSON Lines (every column,
the ``how`` explanations included). Run it once at the reference commit, then after each change:

    python tools/compare_events.py write /tmp/reference        # at the reference commit
    python tools/compare_events.py check /tmp/reference        # after a change: exit 1 at the first difference
    python tools/compare_events.py check /tmp/reference --set seed --set devset   # some of the sets

``check`` writes the new run beside the reference (``DIR/new/``) and prints, per set, whether the records are
byte-identical, else the first record that differs and the columns that differ.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

SETS = {
    "seed": lambda: sorted((SHARED / "seed").glob("*.txt")),
    "devset": lambda: sorted((SHARED / "devset" / "articles").glob("*.txt")),
    "bench": lambda: [SHARED / "bench" / "guardian_sdf_sample.jsonl"],
    "plover_gsr": lambda: [SHARED / "peers" / "plover_gsr" / "plover_gsr_input.jsonl"],
    "realnews": lambda: [SHARED / "realnews" / "articles.jsonl"],
}
"""Each set's input paths."""


def code_set(paths: list[Path], out: Path) -> int:
    """Code ``paths`` and write every record as one JSON line to ``out``; RETURNS the number of records.

    Raises:
        SystemExit: an article could not be coded (the reference would not be complete).
    """
    import eventcoder

    count = 0
    with out.open("w", encoding="utf-8") as fh:
        for item in eventcoder.code_files(paths):
            if not hasattr(item, "records"):
                raise SystemExit(f"error: {item}")
            for record in item.records:
                fh.write(json.dumps(record.as_dict(), ensure_ascii=False, sort_keys=False) + "\n")
                count += 1
    return count


def write(folder: Path) -> None:
    """Code every set into ``folder/SET.jsonl``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, paths in SETS.items():
        print(f"{name}: {code_set(paths(), folder / f'{name}.jsonl')} records")


def first_difference(old: Path, new: Path) -> str | None:
    """None when the files are byte-identical, else a description of the first record that differs."""
    a, b = old.read_text(encoding="utf-8").splitlines(), new.read_text(encoding="utf-8").splitlines()
    if a == b:
        return None
    for number, (x, y) in enumerate(zip(a, b), 1):
        if x != y:
            rx, ry = json.loads(x), json.loads(y)
            columns = [k for k in rx if rx.get(k) != ry.get(k)]
            shown = "; ".join(f"{k}: {rx.get(k)!r} -> {ry.get(k)!r}" for k in columns[:6])
            return f"record {number} ({rx.get('doc_id')} sentence {rx.get('sentence_index')}): {shown}"
    return f"{len(a)} records before, {len(b)} now"


def check(folder: Path, names: list[str]) -> int:
    """Code the sets ``names`` into ``folder/new/`` and compare with ``folder``; RETURNS the number of sets that
    differ."""
    new = folder / "new"
    new.mkdir(exist_ok=True)
    differ = 0
    for name in names:
        paths = SETS[name]
        count = code_set(paths(), new / f"{name}.jsonl")
        why = first_difference(folder / f"{name}.jsonl", new / f"{name}.jsonl")
        print(f"{name}: {count} records, " + ("identical" if why is None else f"DIFFERENT: {why}"))
        differ += why is not None
    return differ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("write", "check"))
    parser.add_argument("folder", type=Path)
    parser.add_argument("--set", dest="sets", action="append", choices=sorted(SETS),
                        help="check only this set (repeatable; default: all)")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        parser.error(f"{SHARED} is missing: the shared material must lie beside the repository")
    if args.action == "write":
        write(args.folder)
        return 0
    return 1 if check(args.folder, args.sets or list(SETS)) else 0


if __name__ == "__main__":
    sys.exit(main())
