"""Store-only soak: is the memory of the process holding the DuckDB store flat in the number of articles?

No coding: the records of ``eventcoder code CORPUS --no-db --format jsonl -o RECORDS`` are stored again and
again under new doc_ids (``-r00``, ``-r01``, ...; event ids made unique per round), the way ``eventcoder code``
stores a batch: a look-up of :data:`~eventcoder.batch.LOOKUP_CHUNK` articles (``is_current``) in one
open of a shared store, then groups of :data:`~eventcoder.batch.STORE_GROUP` articles
(``store_articles``), each in one open. Prints the peak resident memory (VmHWM) and the current one (VmRSS)
at the first look-up chunk past every 1,000 articles (1,024, 2,048, 3,008, ...), the seconds spent storing
and the growth of the peak from the first of those lines to the last. Not part of the tests.

    python benchmarks/store_soak.py RECORDS.jsonl [--corpus FILE.jsonl] [--articles N] [--db FILE]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from eventcoder.batch import LOOKUP_CHUNK, STORE_GROUP
from eventcoder.ingest import read_paths
from eventcoder.model import Article, EventRecord
from eventcoder.store import EventStore

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "guardian_sdf_sample.jsonl"
EVERY = 1000


def memory_mib() -> tuple[float, float]:
    """(VmHWM, VmRSS) of this process, MiB."""
    values = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("VmHWM:", "VmRSS:")):
            values[line.split(":")[0]] = int(line.split()[1]) / 1024
    return values["VmHWM"], values["VmRSS"]


def load(corpus: Path, records: Path) -> list[tuple[Article, list[EventRecord]]]:
    """The articles of ``corpus`` with their coded records from ``records`` (JSON Lines), in corpus order."""
    by_doc: dict[str, list[EventRecord]] = defaultdict(list)
    for line in records.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            by_doc[row["doc_id"]].append(EventRecord(**row))
    return [(a, by_doc.get(a.doc_id, [])) for a in read_paths([corpus]) if isinstance(a, Article)]


def renamed(article: Article, records: list[EventRecord], round_: int) -> tuple[Article, list[EventRecord]]:
    """The article and its records under the doc_id of round ``round_`` (and event ids unique to it)."""
    doc_id = f"{article.doc_id}-r{round_:02d}"

    def event_id(old: str) -> str:
        return hashlib.sha256(f"{doc_id}\x00{old}".encode()).hexdigest()[:16]

    return (dataclasses.replace(article, doc_id=doc_id),
            [dataclasses.replace(r, doc_id=doc_id, event_id=event_id(r.event_id)) for r in records])


def main() -> None:
    """Store ``--articles`` articles and print memory every 1,000 and the storing time."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("records", type=Path)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=None, help="the database file (default: a new temporary one)")
    args = parser.parse_args()
    base = load(args.corpus, args.records)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "store_soak.duckdb"
        store = EventStore(db, shared=True)
        hwm0, rss0 = memory_mib()
        print(f"start: VmHWM {hwm0:.0f} MiB, VmRSS {rss0:.0f} MiB", file=sys.stderr, flush=True)
        started, storing, done, rows = time.perf_counter(), 0.0, 0, []
        while done < args.articles:
            chunk = [renamed(*base[i % len(base)], i // len(base))
                     for i in range(done, min(done + LOOKUP_CHUNK, args.articles))]
            t0 = time.perf_counter()
            with store.held():
                todo = [(a, r) for a, r in chunk if not store.is_current(a.doc_id, a.content_hash)]
            for start in range(0, len(todo), STORE_GROUP):
                with store.held():
                    store.store_articles(todo[start:start + STORE_GROUP])
            storing += time.perf_counter() - t0
            before = done
            done += len(chunk)
            if done // EVERY > before // EVERY:
                hwm, rss = memory_mib()
                rows.append((done, hwm, rss))
                print(f"{done} articles, {time.perf_counter() - started:.0f} s (storing {storing:.1f} s): "
                      f"VmHWM {hwm:.0f} MiB, VmRSS {rss:.0f} MiB", file=sys.stderr, flush=True)
        store.close()
        size = db.stat().st_size
        with EventStore(db, read_only=True) as check:
            counts = (check.count_articles(), check.count_mentions(), check.count_events())
    first, last = rows[0], rows[-1]
    print(f"stored {counts[0]:,} articles, {counts[1]:,} mentions, {counts[2]:,} events; storing {storing:.1f} s; "
          f"VmHWM {first[1]:.0f} -> {last[1]:.0f} MiB ({(last[1] / first[1] - 1) * 100:+.1f}%); "
          f"file {size / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
