"""Two real processes on one store: a reader querying while a batch writes, and a batch killed with -9."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from eventcoder.store import EventStore

ARTICLES = 240  # enough that the batch (16 articles parsed and stored at a time) is still running when the reader starts
TEMPLATE = ("BISHKEK, Nov. {day} (Xinhua) -- Kyrgyz President Sadyr Japarov met here with Chinese Foreign Minister "
            "Wang Yi on the {n}th round of talks. The two sides signed an agreement on trade. Japarov praised China "
            "for its support.")

READER = """
import sys, time
from eventcoder.query import parse_filter, select_events, time_series
from eventcoder.store import EventStore
path, want, deadline = sys.argv[1], int(sys.argv[2]), time.monotonic() + float(sys.argv[3])
seen, queries = [], 0
while time.monotonic() < deadline:
    with EventStore(path, read_only=True, shared=True) as store:
        n = store.count_articles()
        select_events(store, parse_filter(dyad="KGZ:CHN", either=True), limit=20)
        time_series(store, by="month", per="dyad")
    queries += 1
    if not seen or seen[-1] != n:
        seen.append(n)
    if n >= want:
        break
print(queries, *seen)
"""


def write_batch(path: Path, n: int = ARTICLES) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = TEMPLATE.format(day=10 + i % 15, n=i + 1)
            fh.write(json.dumps({"doc_id": f"story-{i:03d}", "text": text, "published": "2025-11-30"}) + "\n")
    return path


def coder_process(batch: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "eventcoder.cli", "code", str(batch), "--db", str(db),
                             "--format", "jsonl", "--output", os.devnull],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_articles(db: Path, at_least: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if db.exists():
            with EventStore(db, read_only=True, shared=True) as store:
                if store.count_articles() >= at_least:
                    return
        time.sleep(0.05)
    raise AssertionError(f"fewer than {at_least} articles stored after {timeout} s")


def test_concurrency_reader_queries_while_a_batch_writes(tmp_path: Path):
    db = tmp_path / "busy.duckdb"
    writer = coder_process(write_batch(tmp_path / "batch.jsonl"), db)
    wait_for_articles(db, 1)
    reader = subprocess.run([sys.executable, "-c", READER, str(db), str(ARTICLES), "120"],
                            capture_output=True, text=True, timeout=180)
    _out, err = writer.communicate(timeout=180)
    assert writer.returncode == 0, err
    assert reader.returncode == 0, reader.stderr
    queries, *seen = map(int, reader.stdout.split())
    assert seen == sorted(seen) and seen[-1] == ARTICLES
    assert any(0 < n < ARTICLES for n in seen), f"the reader saw no batch in progress: {seen}"
    assert queries >= len(seen) >= 2
    print(f"reader: {queries} query rounds, article counts seen {seen}")
    assert f"{ARTICLES} articles: {ARTICLES} coded, 0 failed" in err


def test_concurrency_kill_9_leaves_whole_articles_and_a_rerun_completes(tmp_path: Path):
    db = tmp_path / "killed.duckdb"
    batch = write_batch(tmp_path / "batch.jsonl")
    writer = coder_process(batch, db)
    wait_for_articles(db, 5)
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL

    with EventStore(db) as store:  # opens (replaying DuckDB's log) and holds whole articles only
        stored = store.count_articles()
        per_article = dict(store.con.execute("SELECT doc_id, count(*) FROM mentions GROUP BY ALL").fetchall())
        coded_at = {a["doc_id"]: a["coded_at"] for a in store.articles()}
        num_mentions = store.con.execute("SELECT sum(num_mentions) FROM events").fetchone()[0]
        assert num_mentions == store.con.execute("SELECT sum(mentions) FROM mentions").fetchone()[0]
    assert 5 <= stored < ARTICLES, f"the batch was not killed midway ({stored} stored)"
    print(f"killed with {stored} of {ARTICLES} articles stored, {per_article and max(per_article.values())} mentions each")
    assert set(per_article) == set(coded_at)
    (events_per_article,) = set(per_article.values())  # every stored article has all of its mentions
    assert events_per_article >= 3

    rerun = subprocess.run([sys.executable, "-m", "eventcoder.cli", "code", str(batch), "--db", str(db),
                            "--format", "jsonl", "--output", os.devnull], capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    summary = rerun.stderr.strip().splitlines()[-1]
    assert f"{ARTICLES} articles: {ARTICLES - stored} coded, 0 failed, skipped {stored} unchanged" in summary
    with EventStore(db, read_only=True) as store:
        assert store.count_articles() == ARTICLES
        assert store.count_mentions() == ARTICLES * events_per_article
        assert {a["doc_id"]: a["coded_at"] for a in store.articles() if a["doc_id"] in coded_at} == coded_at
