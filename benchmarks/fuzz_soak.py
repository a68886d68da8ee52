"""Fuzz soak: the fuzz property of ``tests/test_fuzz.py`` over many more cases and other seeds (``make soak``; not
part of the tests).

Runs ``--cases`` mutations (default 20,000) of the seed article (../shared/seed) for each of ``--seeds`` (default
101 202: other seeds than the test's 17) through ``code_text`` with one loaded coder, as the test does, and checks
the same property: nothing raised but the documented ValueError for a publication string that is not a date, or
CodingError for a text left without sentences; each call under 5 s. Prints and writes the ``fuzz-soak`` section of
benchmarks/RESULTS.md: the outcomes, the call times (p50, p99, slowest) and every case that broke the property
(seed and index: ``mutation(seed, index, text)`` in tests/test_fuzz.py makes it again). Exits 1 when one did.

    nice python benchmarks/fuzz_soak.py [--cases N] [--seeds S ...] [--seed-dir FOLDER] [--no-write]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import load_average, machine, write_section  # noqa: E402

from eventcoder.pipeline import get_coder  # noqa: E402

TESTS = Path(__file__).resolve().parents[1] / "tests" / "test_fuzz.py"


def fuzz_module():
    """tests/test_fuzz.py as a module: its mutations and its property are the ones run here."""
    spec = importlib.util.spec_from_file_location("test_fuzz", TESTS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def soak(fuzz, seed: int, cases: int, text: str) -> tuple[dict[str, int], list[float], list[str]]:
    """Run ``cases`` cases of ``seed``: (outcome counts, call seconds, failures as one line each)."""
    outcomes: dict[str, int] = {}
    times: list[float] = []
    failures: list[str] = []
    for index in range(cases):
        case = fuzz.mutation(seed, index, text)
        try:
            outcome, seconds = fuzz.run_case(case)
        except Exception as exc:  # noqa: BLE001 - every failure is reported, the soak goes on
            failures.append(f"seed {seed} case {index}: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}")
            continue
        times.append(seconds)
        if seconds >= fuzz.SECONDS_PER_CALL:
            failures.append(f"seed {seed} case {index}: {seconds:.1f} s")
        kind = outcome.split()[0]
        outcomes[kind] = outcomes.get(kind, 0) + 1
        if (index + 1) % 1000 == 0:
            print(f"seed {seed}: {index + 1:,} cases, {len(failures)} failures", file=sys.stderr)
    return outcomes, times, failures


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=20_000, help="cases per seed")
    parser.add_argument("--seeds", type=int, nargs="+", default=[101, 202])
    parser.add_argument("--seed-dir", type=Path, help="the folder of the seed article (default ../shared/seed)")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    fuzz = fuzz_module()
    text = _seed(args.seed_dir or fuzz.SEED_DIR)
    load_before, started = load_average(), time.perf_counter()
    get_coder()
    lines = ["## Fuzz soak: mutations of the seed article through code_text (benchmarks/fuzz_soak.py)", "",
             *machine(), f"- load average before: {load_before}; run with nice", ""]
    failed = False
    for seed in args.seeds:
        outcomes, times, failures = soak(fuzz, seed, args.cases, text)
        failed = failed or bool(failures)
        lines.append(f"- seed {seed}: {args.cases:,} cases: " + ", ".join(f"{k} {v:,}" for k, v in
                                                                           sorted(outcomes.items()))
                     + f"; call time p50 {_quantile(times, 0.5) * 1000:.0f} ms, p99 {_quantile(times, 0.99) * 1000:.0f}"
                     f" ms, slowest {max(times, default=0):.2f} s; {len(failures)} broke the property")
        lines += [f"  - {line}" for line in failures[:20]]
    lines.append(f"- {time.perf_counter() - started:.0f} s in all; load average after: {load_average()}")
    print("\n".join(lines))
    if not args.no_write:
        write_section("fuzz-soak", lines)
    sys.exit(1 if failed else 0)


def _seed(folder: Path) -> str:
    """The seed article's text (the first .txt file of ``folder``); exits when there is none."""
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not files:
        sys.exit(f"fuzz_soak: no seed article in {folder}")
    return files[0].read_text(encoding="utf-8")


if __name__ == "__main__":
    main()
