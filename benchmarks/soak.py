"""Soak run: is memory flat in the number of articles? (``make soak``; not part of the tests.)

Codes N articles (default 10,000: the bench corpus repeated under new doc_ids, written to a temporary
``.jsonl.gz``) as ``eventcoder code FILE --workers 2 --db NEW.duckdb`` does, and reads the peak resident memory
(VmHWM) of the main process and of each worker after every 1,000 articles. Memory is flat when the peak
after the last article is within 10% of the peak after the first 1,000. Writes the ``soak`` section of
benchmarks/RESULTS.md.

    nice python benchmarks/soak.py [--articles N] [--workers N] [--corpus FILE.jsonl] [--no-db]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import busy_processes, load_average, machine, process_peak_mib, write_section  # noqa: E402

from eventcoder.batch import Batch, BatchSummary  # noqa: E402
from eventcoder.ingest import read_paths  # noqa: E402
from eventcoder.output import RecordWriter  # noqa: E402
from eventcoder.options import CoderOptions  # noqa: E402
from eventcoder.parallel import ProcessCoder  # noqa: E402
from eventcoder.store import EventStore  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "guardian_sdf_sample.jsonl"
EVERY = 1000


def write_corpus(source: Path, target: Path, n: int) -> None:
    """``n`` articles: the rows of ``source`` again and again, doc_id suffixed with the round ("-r03")."""
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    with gzip.open(target, "wt", encoding="utf-8") as fh:
        for i in range(n):
            row = dict(rows[i % len(rows)])
            row["doc_id"] = f"{row['doc_id']}-r{i // len(rows):02d}"
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


class Checkpoints:
    """Counts articles (the batch's ``on_result``) and, every EVERY of them, notes the peak memory of this
    process and the workers."""

    def __init__(self, pids: list[int]) -> None:
        self.pids, self.count, self.rows, self.started = pids, 0, [], time.perf_counter()

    def __call__(self, _result: object) -> None:
        self.count += 1
        if self.count % EVERY == 0:
            peaks = [process_peak_mib(os.getpid()), *[process_peak_mib(pid) for pid in self.pids]]
            self.rows.append((self.count, time.perf_counter() - self.started, peaks))
            print(f"{self.count} articles, {self.rows[-1][1]:.0f} s, peaks (MiB): "
                  + ", ".join(f"{p:.0f}" for p in peaks if p), file=sys.stderr)


def run(args: argparse.Namespace, folder: Path) -> tuple[Checkpoints, BatchSummary]:
    corpus = folder / "soak.jsonl.gz"
    write_corpus(args.corpus, corpus, args.articles)
    with ProcessCoder(args.workers, CoderOptions()) as pool, open(os.devnull, "w", encoding="utf-8") as sink:
        marks = Checkpoints(pool.worker_pids())
        store = None if args.no_db else EventStore(folder / "soak.duckdb", shared=True)
        writer = RecordWriter("jsonl", sink)
        summary = Batch(store, on_records=writer.write, on_result=marks).run(read_paths([corpus]), pool.code_groups)
        if store is not None:
            store.close()
    return marks, summary


def report(args: argparse.Namespace, marks: Checkpoints, batch: BatchSummary, load_before: str, busy: str
           ) -> list[str]:
    first, last = marks.rows[0], marks.rows[-1]
    names = ["main", *[f"worker {n + 1}" for n in range(args.workers)]]
    growth = [(b / a - 1) * 100 for a, b in zip(first[2], last[2], strict=True) if a and b]
    flat = all(g <= 10 for g in growth)
    return [
        f"## Soak: memory over many articles (benchmarks/soak.py{' --no-db' if args.no_db else ''})", "",
        *machine(),
        f"- {args.articles:,} articles ({args.corpus.name} repeated under new doc_ids, as .jsonl.gz), "
        f"{args.workers} workers, {'no database' if args.no_db else 'DuckDB store'}; run with nice",
        f"- load average before: {load_before}; after: {load_average()}; busiest processes before: {busy}",
        f"- result: {batch.coded:,} coded, {batch.failed} failed; {batch.events:,} events; "
        f"{last[1]:.0f} s ({last[0] / last[1]:.1f} articles/s)",
        "",
        "| articles | seconds | " + " | ".join(f"peak {n} (MiB)" for n in names) + " |",
        "| ---: | ---: | " + " | ".join("---:" for _ in names) + " |",
        *[f"| {n:,} | {s:.0f} | " + " | ".join(f"{p:.0f}" if p else "?" for p in peaks) + " |"
          for n, s, peaks in marks.rows],
        "",
        f"- peak after {last[0]:,} vs after {first[0]:,}: " + ", ".join(
            f"{n} {g:+.1f}%" for n, g in zip(names, growth, strict=False))
        + f" -> memory flat (within 10%): {'yes' if flat else 'NO'}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--no-db", action="store_true", help="store nothing (the coder's own memory)")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    load_before, busy = load_average(), busy_processes()
    with tempfile.TemporaryDirectory() as tmp:
        marks, batch = run(args, Path(tmp))
    lines = report(args, marks, batch, load_before, busy)
    print("\n".join(lines))
    if not args.no_write:
        write_section("soak-nodb" if args.no_db else "soak", lines)


if __name__ == "__main__":
    main()
