"""Throughput benchmark of eventcoder on a corpus of real articles (``make bench``; not part of the tests).

Measures, with the same spaCy model and components, in one process (a, b, c, e) and a pool (d):

(a) spaCy alone: ``nlp.pipe`` over the articles' segment texts (read beforehand);
(b) eventcoder end to end without the database: read the JSON Lines file, split articles, detect the
    language, parse, code, write JSON Lines (to /dev/null), as ``eventcoder code --no-db`` does;
(c) the same storing every article in a new DuckDB file, as ``eventcoder code --db`` does;
(d) (b) on a pool of worker processes (``--workers``), the pool started and its models loaded beforehand;
(e) the coding step alone, over Docs parsed beforehand (``Coder.code_parsed``), in sentences/s; also
    printed: the same step timed right after each group's parse, as inside (b);
(f) the start: seconds from ``eventcoder code FILE`` started (a new process) to its first coded record, with the
    knowledge caches on disk and without (and for ``--baseline REV``), issue 15.

With ``--baseline REV`` (``make bench`` gives the reference commit of issue 13), (b) is also measured for the
commit REV and for this tree, each in a process of its own (``benchmarks/end_to_end.py``, the coder loaded
before timing), in turn, ``--repeat`` times each: the ratio of the fastest runs says whether this tree is
within 10% of REV. REV is exported with ``git archive`` into a temporary folder and run with this venv.

Each of a, b, c runs ``--repeat`` times, interleaved, and e ``--repeat`` times after them; the fastest run
of each counts (the others of a, b, c are printed). Prints words/s, articles/s, peak memory per process and the ratios b/a, c/b, d/b, and writes them
to the ``bench`` section of benchmarks/RESULTS.md with the machine and the load it ran under.

    python benchmarks/bench.py [--corpus FILE.jsonl] [--repeat N] [--workers N] [--limit N] [--baseline REV]
                               [--no-write]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import busy_processes, load_average, machine, peak_rss_mib, process_peak_mib, write_section  # noqa: E402

from eventcoder.batch import Batch  # noqa: E402
from eventcoder.ingest import read_paths  # noqa: E402
from eventcoder.output import RecordWriter  # noqa: E402
from eventcoder.options import CoderOptions  # noqa: E402
from eventcoder.parallel import ProcessCoder  # noqa: E402
from eventcoder.pipeline import article_groups, get_coder  # noqa: E402
from eventcoder.store import EventStore  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "guardian_sdf_sample.jsonl"
SPACY_BATCH = 8
"""Texts per ``nlp.pipe`` batch for (a): about what eventcoder's 20,000-character groups hold of these
articles, and faster here than spaCy's default of 1,000 (which also takes 4 GB on this corpus)."""

BARS = {"b/a": 0.80, "c/b": 0.95, "d/b": 1.6}
BASELINE_BAR = 1.10
"""(b) of this tree may take at most 10% longer than (b) of the baseline commit (issue 13)."""
MEMORY_BAR_MIB = 1024
ROOT = Path(__file__).resolve().parents[1]


def spacy_alone(nlp, texts: list[str]) -> float:
    """(a): seconds to parse every text with nlp.pipe."""
    start = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=SPACY_BATCH):
        pass
    return time.perf_counter() - start


def end_to_end(corpus: Path, engine, store_path: Path | None, limit: int | None) -> tuple[float, int, int]:
    """(b), (c), (d): seconds, events and articles coded by the batch of ``eventcoder code``."""
    items = read_paths([corpus])
    if limit:
        items = (item for n, item in enumerate(items) if n < limit)
    start = time.perf_counter()
    store = EventStore(store_path, shared=True) if store_path else None
    with open(os.devnull, "w", encoding="utf-8") as sink:
        writer = RecordWriter("jsonl", sink)
        summary = Batch(store, on_records=writer.write).run(items, engine)
        writer.close()
    if store is not None:
        store.close()
    seconds = time.perf_counter() - start
    if summary.failed:
        raise SystemExit(f"{summary.failed} articles failed")
    return seconds, writer.count, summary.coded


def coding_alone(coder, articles: list, repeat: int = 1) -> tuple[float, float, int]:
    """(e): the coding step alone (``Coder.code_parsed``), timed over Docs parsed beforehand, as a corpus
    parsed once and coded again is: the whole corpus is parsed first (in groups, as the coder does), then
    coded ``repeat`` times (the fastest counts, as for a, b and c). Also timed while parsing: each group coded
    right after its parse, as inside the pipeline, where the parser has just had the processor's caches.
    Returns (seconds over the parsed corpus, seconds between parses, sentences)."""
    parsed, between, sentences = [], 0.0, 0
    for group in article_groups(articles):
        docs = list(coder.nlp.pipe([s.text for a in group for s in a.segments]))
        at = 0
        for article in group:
            parsed.append((article, docs[at:at + len(article.segments)]))
            at += len(article.segments)
        start = time.perf_counter()
        for article, article_docs in parsed[-len(group):]:
            coder.code_parsed(article, article_docs)
        between += time.perf_counter() - start
    fastest = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        sentences = sum(len(coder.code_parsed(article, article_docs).sentences) for article, article_docs in parsed)
        fastest = min(fastest, time.perf_counter() - start)
    return fastest, between, sentences


def _export(rev: str, folder: Path) -> Path:
    """The ``src`` folder of the commit ``rev``, exported with ``git archive`` into ``folder``; its path."""
    archive = folder / "baseline.tar"
    subprocess.run(["git", "archive", "--format=tar", f"--output={archive}", rev, "src"], cwd=ROOT, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(folder / "baseline", filter="data")
    return folder / "baseline" / "src"


def against_baseline(corpus: Path, rev: str, repeat: int) -> dict[str, list[float]]:
    """(b) of the commit ``rev`` and of this tree, each in its own process (benchmarks/end_to_end.py), in
    turn: seconds of each run, by "baseline" and "this tree"."""
    runs: dict[str, list[float]] = {"baseline": [], "this tree": []}
    with tempfile.TemporaryDirectory() as tmp:
        trees = {"baseline": _export(rev, Path(tmp)), "this tree": ROOT / "src"}
        for n in range(repeat):
            for name, src in trees.items():
                out = subprocess.run([sys.executable, str(Path(__file__).with_name("end_to_end.py")), str(corpus)],
                                     env={**os.environ, "PYTHONPATH": str(src)}, capture_output=True, text=True,
                                     check=True).stdout
                runs[name].append(float(out.split()[0]))
            print(f"baseline round {n + 1}: {rev} {runs['baseline'][-1]:.1f} s, this tree "
                  f"{runs['this tree'][-1]:.1f} s", file=sys.stderr)
    return runs


def first_article(corpus: Path, rev: str | None, repeat: int) -> dict[str, list[float]]:
    """(f) seconds from the start of ``eventcoder code FILE --no-db`` (a new process) to its first coded record on
    standard output, for the corpus's first article alone: with the knowledge caches already on disk ("warm", what
    every run after the first sees) and with an empty cache folder ("cold", the first run after an install or a
    change of the knowledge files); also for the commit ``rev`` (warm), in turn. Seconds of each run by name."""
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "first.jsonl"
        with corpus.open(encoding="utf-8") as fh:
            one.write_text(fh.readline(), encoding="utf-8")
        trees = {"this tree": ROOT / "src"}
        if rev:
            trees[rev] = _export(rev, Path(tmp))
        runs: dict[str, list[float]] = {name: [] for name in (*trees, "this tree, cold")}
        for n in range(repeat):
            for name, src in trees.items():
                runs[name].append(_time_to_first_record(one, src, None))
            runs["this tree, cold"].append(_time_to_first_record(one, ROOT / "src", Path(tmp) / f"cold{n}"))
    return runs


def _time_to_first_record(article: Path, src: Path, cache: Path | None) -> float:
    """Seconds from starting ``eventcoder code ARTICLE`` with ``src`` first on the path to its first output line."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    if cache is not None:
        env["EVENTCODER_CACHE_DIR"] = str(cache)
    script = Path(sys.executable).with_name("eventcoder")
    start = time.perf_counter()
    with subprocess.Popen([str(script), "code", str(article), "--no-db", "--format", "jsonl"], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as proc:
        proc.stdout.readline()
        seconds = time.perf_counter() - start
        proc.communicate()
    return seconds


def start_pool(workers: int) -> tuple[ProcessCoder, float]:
    """A pool whose workers are started and have loaded the model; seconds that took."""
    start = time.perf_counter()
    pool = ProcessCoder(workers, CoderOptions())
    return pool, time.perf_counter() - start


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=3, help="runs of a, b, c and e each (the fastest counts)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None, help="first N articles only (a quick try)")
    parser.add_argument("--baseline", metavar="REV", help="also time (b) of this git commit against this tree")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md as it is")
    return parser.parse_args()


def _measure(args: argparse.Namespace) -> dict:
    coder = get_coder()
    articles = [a for a in read_paths([args.corpus]) if not isinstance(a, Exception)][: args.limit]
    texts = [s.text for a in articles for s in a.segments]
    engine = coder.code_groups
    end_to_end(args.corpus, engine, None, 8)  # warm-up: lazy indexes (cities, dates) built once
    runs: dict[str, list[float]] = {"a": [], "b": [], "c": []}
    events = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.repeat):
            runs["a"].append(spacy_alone(coder.nlp, texts))
            seconds, events["b"], _ = end_to_end(args.corpus, engine, None, args.limit)
            runs["b"].append(seconds)
            seconds, events["c"], _ = end_to_end(args.corpus, engine, Path(tmp) / f"bench{n}.duckdb", args.limit)
            runs["c"].append(seconds)
            print(f"round {n + 1}: a {runs['a'][-1]:.1f} s, b {runs['b'][-1]:.1f} s, c {runs['c'][-1]:.1f} s",
                  file=sys.stderr)
    e_seconds, e_between, sentences = coding_alone(coder, articles, args.repeat)
    main_peak = peak_rss_mib()
    pool, startup = start_pool(args.workers)
    with pool:
        list(pool.code_articles(articles[: 2 * args.workers]))  # warm-up, as for b
        d_seconds, events["d"], _ = end_to_end(args.corpus, pool.code_groups, None, args.limit)
        worker_peaks = [process_peak_mib(pid) for pid in pool.worker_pids()]
    baseline = against_baseline(args.corpus, args.baseline, args.repeat) if args.baseline else None
    first = first_article(args.corpus, args.baseline, args.repeat)
    return {"baseline": baseline, "first": first, "articles": len(articles), "words": sum(len(a.text.split()) for a in articles), "runs": runs,
            "a": min(runs["a"]), "b": min(runs["b"]), "c": min(runs["c"]), "d": d_seconds, "e": e_seconds,
            "e_between": e_between, "sentences": sentences, "events": events, "main_peak": main_peak,
            "worker_peaks": worker_peaks, "startup": startup}


def _report(m: dict, args: argparse.Namespace, load_before: str, busy_before: str) -> list[str]:
    words, n = m["words"], m["articles"]
    ratios = {"b/a": m["a"] / m["b"], "c/b": m["b"] / m["c"], "d/b": m["b"] / m["d"]}
    sentences_rate = m["sentences"] / m["e"]
    baseline = _baseline_lines(m["baseline"], args.baseline)
    peaks = [m["main_peak"], *[p for p in m["worker_peaks"] if p]]

    def row(label: str, seconds: float) -> str:
        return f"| {label} | {seconds:.1f} | {words / seconds:,.0f} | {n / seconds:.2f} |"

    lines = [
        "## Throughput (benchmarks/bench.py)", "",
        *machine(),
        f"- corpus: {args.corpus.name}, {n} articles, {words:,} words; runs of a, b, c, e: {args.repeat} (fastest "
        f"counts: " + ", ".join(f"{k} " + "/".join(f"{s:.1f}" for s in v) + " s" for k, v in m["runs"].items()) + ")",
        f"- load average before the run: {load_before}; after: {load_average()}",
        f"- busiest processes before the run: {busy_before}",
        "",
        "| run | seconds | words/s | articles/s |",
        "| --- | ---: | ---: | ---: |",
        row("(a) spaCy alone, nlp.pipe", m["a"]),
        row("(b) eventcoder end to end, no database", m["b"]),
        row("(c) eventcoder end to end, DuckDB store", m["c"]),
        row(f"(d) (b) on {args.workers} worker processes", m["d"]),
        f"| (e) coding step alone on parsed Docs | {m['e']:.1f} | {m['sentences']:,} sentences: "
        f"{sentences_rate:,.0f} sentences/s (fastest of {args.repeat}) | {n / m['e']:.1f} |",
        "",
        f"- (e) timed between parses instead (each group of articles coded right after its parse, as in (b)): "
        f"{m['e_between']:.1f} s, {m['sentences'] / m['e_between']:,.0f} sentences/s",
        f"- events: b {m['events']['b']}, c {m['events']['c']}, d {m['events']['d']} (the same coding each time)",
        f"- pool start ({args.workers} workers loading the model): {m['startup']:.1f} s, not in (d)",
        f"- peak memory: main process (a, b, c, e) {m['main_peak']:.0f} MiB; workers "
        + ", ".join(f"{p:.0f} MiB" for p in m["worker_peaks"] if p),
        "- (f) from `eventcoder code FILE --no-db` started to its first coded record (the corpus's first article, a "
        "new process each run; warm: the knowledge caches on disk; cold: an empty cache folder): "
        + "; ".join(f"{name} " + "/".join(f"{s:.1f}" for s in runs) + f" s (fastest {min(runs):.1f} s)"
                    for name, runs in m["first"].items()),
        "",
        "| bar | measured | met |",
        "| --- | ---: | --- |",
        *[f"| {k} >= {v} | {ratios[k]:.2f} | {'yes' if ratios[k] >= v else 'NO'} |" for k, v in BARS.items()],
        *baseline[1:],
        f"| peak memory <= 1 GB per process | {max(peaks):.0f} MiB | "
        f"{'yes' if max(peaks) <= MEMORY_BAR_MIB else 'NO'} |",
        *baseline[:1],
    ]
    return lines


def _baseline_lines(runs: dict[str, list[float]] | None, rev: str | None) -> list[str]:
    """The note on (b) against the baseline commit, then its row of the bars table; nothing without one."""
    if not runs:
        return []
    ratio = min(runs["this tree"]) / min(runs["baseline"])
    shown = ", ".join(f"{name} " + "/".join(f"{s:.1f}" for s in seconds) + " s" for name, seconds in runs.items())
    note = (f"\n- (b) against {rev}, each in a process of its own (benchmarks/end_to_end.py), in turn: {shown}; "
            f"fastest: {min(runs['baseline']):.1f} s and {min(runs['this tree']):.1f} s")
    return [note, f"| (b) this tree / (b) {rev} <= {BASELINE_BAR:.2f} | {ratio:.2f} | "
                  f"{'yes' if ratio <= BASELINE_BAR else 'NO'} |"]


def main() -> None:
    args = _parse_args()
    load_before, busy_before = load_average(), busy_processes()
    measured = _measure(args)
    lines = _report(measured, args, load_before, busy_before)
    print("\n".join(lines))
    if not args.no_write and not args.limit:
        write_section("bench", lines)
        print("written to benchmarks/RESULTS.md", file=sys.stderr)


if __name__ == "__main__":
    main()
