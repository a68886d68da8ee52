"""The server under load: 200 concurrent reads, alone and while one large text is being coded.

Starts a real ``eventcoder serve`` on a free port over a store (``--db``, or one made by coding ``--corpus``
with ``eventcoder code``), codes a short text once (the coder is loaded before anything is timed), then:

1. baseline: ``--reads`` GET requests at once (events pages, stats, network, articles, a static script), each
   timed from its start to its last byte;
2. the same reads fired 0.5 s after one ``POST /api/v1/code`` of ``--chars`` characters of the corpus' text,
   which is timed too.

Prints p50, p99 and the slowest of the reads in each phase, failed reads, and the coding request's status and
seconds; writes them with the machine to the ``server-load`` section of benchmarks/RESULTS.md. ``--before SRC``
measures the same with another source tree first (``PYTHONPATH=SRC``, e.g. the main branch's ``src``), in the
same run, and puts both in the table. Not part of the tests.

    python benchmarks/server_load.py [--db FILE] [--corpus FILE.jsonl] [--reads 200] [--chars 120000]
                                     [--before SRC] [--no-write]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report import busy_processes, load_average, machine, write_section  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "bench" / "guardian_sdf_sample.jsonl"
WARM_TEXT = ("BISHKEK, Nov. 19 (Xinhua) -- Kyrgyz President Sadyr Japarov met here Wednesday with Chinese Foreign "
             "Minister Wang Yi.")


def build_store(corpus: Path, folder: Path) -> Path:
    """Code ``corpus`` into ``folder/load.duckdb`` with this tree's ``eventcoder code``."""
    db = folder / "load.duckdb"
    subprocess.run([sys.executable, "-m", "eventcoder.cli", "code", str(corpus), "--db", str(db), "--format", "jsonl",
                    "--output", os.devnull], check=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    return db


def corpus_text(corpus: Path, chars: int) -> str:
    """About ``chars`` characters of the corpus' article texts, paragraphs apart."""
    texts: list[str] = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            texts.append(json.loads(line)["text"])
            if sum(map(len, texts)) >= chars:
                break
    return "\n\n".join(texts)[:chars]


def start_server(db: Path, src: Path) -> tuple[subprocess.Popen, str]:
    """``eventcoder serve --db DB`` of the tree ``src`` on a free port; returns (process, base URL) once it answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "eventcoder.cli", "serve", "--db", str(db), "--port", str(port)],
                            env={**os.environ, "PYTHONPATH": str(src)}, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/api/v1/stats", timeout=5):
                return proc, base
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"the server of {src} exited with {proc.returncode}") from None
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"the server of {src} did not answer within 120 s")


def read_paths(doc_ids: list[str], n: int) -> list[str]:
    """``n`` GET paths, a mix of the dashboard's requests."""
    kinds = ["/api/v1/events?limit=50", "/api/v1/events?table=mentions&limit=25&columns=event_id,sentence,"
             "source_text,target_text,trigger", "/api/v1/stats?by=week", "/api/v1/network", "/static/common.js"]
    paths = []
    for i in range(n):
        paths.append(f"/api/v1/articles/{doc_ids[i % len(doc_ids)]}" if i % 6 == 5 else kinds[i % len(kinds)])
    return paths


async def timed(client: httpx.AsyncClient, method: str, url: str, **kwargs) -> tuple[float, int]:
    """(seconds, status) of one request; status 0 when it failed without an answer."""
    started = time.perf_counter()
    try:
        response = await client.request(method, url, **kwargs)
        return time.perf_counter() - started, response.status_code
    except httpx.HTTPError:
        return time.perf_counter() - started, 0


async def reads(client: httpx.AsyncClient, base: str, paths: list[str]) -> list[tuple[float, int]]:
    return await asyncio.gather(*(timed(client, "GET", base + p) for p in paths))


async def measure(base: str, paths: list[str], text: str) -> dict:
    """The two phases against one server: baseline reads, then reads during one coding request."""
    limits = httpx.Limits(max_connections=len(paths) + 10, max_keepalive_connections=0)
    async with httpx.AsyncClient(limits=limits, timeout=300) as client:
        warm = await timed(client, "POST", base + "/api/v1/code", json={"text": WARM_TEXT})
        if warm[1] != 200:
            raise SystemExit(f"the warm-up text got {warm[1]}")
        baseline = await reads(client, base, paths)
        coding = asyncio.create_task(timed(client, "POST", base + "/api/v1/code", json={"text": text, "doc_id": "big"}))
        await asyncio.sleep(0.5)
        during = await reads(client, base, paths)
        code_time = await coding
    return {"baseline": baseline, "during": during, "coding": code_time}


def summary(results: list[tuple[float, int]]) -> str:
    times = sorted(t for t, _ in results)
    failed = sum(1 for _, status in results if status != 200)
    p99 = times[min(len(times) - 1, int(0.99 * len(times)))]
    return f"{statistics.median(times):.2f} | {p99:.2f} | {times[-1]:.2f} | {failed}"


def run(label: str, src: Path, db: Path, paths: list[str], text: str) -> list[str]:
    """Rows of the table for the tree ``src``."""
    proc, base = start_server(db, src)
    try:
        result = asyncio.run(measure(base, paths, text))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    seconds, status = result["coding"]
    rows = [f"| {label} | alone | {summary(result['baseline'])} | |",
            f"| {label} | during one coding request | {summary(result['during'])} | {status} in {seconds:.1f} s |"]
    print("\n".join(rows))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="the store to serve (default: code --corpus into a new one)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="JSON Lines articles (text of the coding request)")
    parser.add_argument("--reads", type=int, default=200, help="concurrent GET requests per phase")
    parser.add_argument("--chars", type=int, default=120_000, help="characters of the coding request's text")
    parser.add_argument("--before", type=Path, help="another tree's src folder, measured first (e.g. main's)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md as it is")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or build_store(args.corpus, Path(folder))
        text = corpus_text(args.corpus, args.chars)
        from eventcoder.store import EventStore

        with EventStore(db, read_only=True) as store:
            doc_ids = [a["doc_id"] for a in store.articles(limit=50)]
            size = (store.count_articles(), store.count_events())
        paths = read_paths(doc_ids, args.reads)
        load_before = load_average()
        rows = run("before", args.before, db, paths, text) if args.before else []
        rows += run("this tree", ROOT / "src", db, paths, text)
    lines = ["## The server under load (benchmarks/server_load.py)", "", *machine(),
             f"- store: {size[0]} articles, {size[1]} events; {args.reads} concurrent GETs per phase (events pages, "
             f"mentions with spans, stats by week, network, articles, a static script), httpx, one connection each",
             f"- coding request: {len(text):,} characters of {args.corpus.name}, sent 0.5 s before the reads",
             f"- load average before: {load_before}; after: {load_average()}; busiest processes: {busy_processes()}",
             *([f"- before: PYTHONPATH={args.before}"] if args.before else []),
             "- this tree: reads share one read-only connection while they overlap (web/reader.py) and answer JSON "
             "encoded in their own thread (web/encode.py); texts are coded in a worker process (web/coding.py)",
             "", "| server | reads | p50 (s) | p99 (s) | slowest (s) | failed | coding request |",
             "| --- | --- | ---: | ---: | ---: | ---: | --- |", *rows]
    if not args.no_write:
        write_section("server-load", lines)
        print("written to benchmarks/RESULTS.md", file=sys.stderr)


if __name__ == "__main__":
    main()
