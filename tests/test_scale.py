"""Scale-out: --workers N and a Dask LocalCluster give exactly the events of one process; batched parsing
gives the events of article-by-article parsing; an interrupted batch resumes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from eventcoder.cli import app
from eventcoder.ingest import read_paths
from eventcoder.model import RECORD_COLUMNS
from eventcoder.options import CoderOptions
from eventcoder.parallel import ProcessCoder
from eventcoder.pipeline import CodedArticle, article_groups, get_coder
from eventcoder.store import EventStore

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
DEVSET = ROOT.parent / "shared" / "devset" / "articles"
TEMPLATE = ("BISHKEK, Nov. {day} (Xinhua) -- Kyrgyz President Sadyr Japarov met here with Chinese Foreign Minister "
            "Wang Yi on the {n}th round of talks. The two sides signed an agreement on trade. Japarov praised China "
            "for its support.")


def invoke(*args: str | Path):
    result = CliRunner().invoke(app, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def single_process_records(paths: list[Path]) -> list[dict]:
    """The events of coding each article on its own (one nlp.pipe per article), as dicts."""
    coder = get_coder()
    return [r.as_dict() for article in read_paths(paths) for r in coder.code(article).records]


def canonical(records: list[dict]) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True, ensure_ascii=False, default=str) for r in records)


def test_scale_batched_parsing_gives_the_events_of_one_article_at_a_time():
    coder = get_coder()
    batched = [r.as_dict() for item in coder.code_articles(read_paths(EXAMPLES)) for r in item.records]
    assert batched == single_process_records(EXAMPLES)  # same order too
    assert len(batched) > 10


def test_scale_article_groups_bound_characters_and_articles():
    articles = [a for a in read_paths(EXAMPLES)] * 10
    groups = list(article_groups(articles, batch_chars=5000, max_articles=3))
    assert sum(len(g) for g in groups) == len(articles)
    assert all(len(g) <= 3 for g in groups)
    assert all(sum(len(a.text) for a in g[:-1]) < 5000 for g in groups)


def _environ(pid: int) -> dict[str, str] | None:
    """The environment process ``pid`` started with (Linux /proc), or None where it cannot be read."""
    try:
        raw = Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:
        return None
    return dict(item.split("=", 1) for item in raw.decode(errors="replace").split("\0") if "=" in item)


def test_scale_process_pool_keeps_order_and_events():
    items = [*read_paths(EXAMPLES), "a marker that is not an article"]
    blas_threads = os.environ.get("OPENBLAS_NUM_THREADS")  # (other tests' libraries may have set it)
    with ProcessCoder(2, CoderOptions(), batch_chars=3000) as pool:
        results = list(pool.code_articles(items))
        environs = [_environ(pid) for pid in pool.worker_pids()]
    expected = blas_threads or "1"  # one thread per worker unless the environment says otherwise
    assert len(environs) == 2 and all(e.get("OPENBLAS_NUM_THREADS") == expected for e in environs if e is not None)
    assert os.environ.get("OPENBLAS_NUM_THREADS") == blas_threads  # the parent's own environment is unchanged
    assert results[-1] == "a marker that is not an article"
    assert [r.article.doc_id for r in results[:-1]] == [p.name for p in EXAMPLES]
    assert all(isinstance(r, CodedArticle) and r.sentences == [] for r in results[:-1])
    assert [r.as_dict() for res in results[:-1] for r in res.records] == single_process_records(EXAMPLES)


def test_scale_cli_workers_2_writes_what_one_process_writes(tmp_path: Path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    first = invoke("code", *EXAMPLES, "--no-db", "--format", "jsonl", "--output", one)
    second = invoke("code", *EXAMPLES, "--no-db", "--format", "jsonl", "--output", two, "--workers", "2")
    assert first.exit_code == second.exit_code == 0, second.output
    assert one.read_bytes() == two.read_bytes() and one.stat().st_size > 0
    assert f"{len(EXAMPLES)} articles: {len(EXAMPLES)} coded, 0 failed;" in second.stderr


def test_scale_cli_workers_missing_model_is_a_usage_error(tmp_path: Path):
    result = invoke("code", *EXAMPLES, "--no-db", "--workers", "2", "--model", "en_no_such_model")
    assert result.exit_code == 2
    assert "spaCy pipeline 'en_no_such_model' is not installed" in result.stderr


def parquet_records(folder: Path) -> list[dict]:
    rows = duckdb.sql(f"SELECT * FROM read_parquet('{folder}/*.parquet')").fetchall()
    return [{c: (v.isoformat() if hasattr(v, "isoformat") else v) for c, v in zip(RECORD_COLUMNS, row, strict=True)}
            for row in rows]


@pytest.mark.skipif(not DEVSET.is_dir(), reason="../shared/devset is absent")
def test_scale_dask_local_cluster_gives_the_events_of_one_process_on_the_devset(tmp_path: Path):
    from distributed import Client, LocalCluster

    from eventcoder.cluster import code_on_dask

    articles = sorted(DEVSET.glob("*.txt"))
    seen = []
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster, set_as_default=False) as client:
        summary = code_on_dask(read_paths(articles), tmp_path / "parts", client, partition_size=5,
                               on_result=seen.append)
        pids = set(client.run(os.getpid).values())
    assert len(pids) == 2
    assert len(summary.written) == (len(articles) + 4) // 5 and summary.articles == len(articles)
    assert sorted(r.article.doc_id for r in seen) == [p.name for p in articles]
    expected = single_process_records(articles)
    assert canonical(parquet_records(tmp_path / "parts")) == canonical(expected)
    assert summary.events == len(expected) > 100


def test_scale_cli_dask_writes_partitions_that_import_loads_and_resumes(tmp_path: Path):
    parts = tmp_path / "parts"
    result = invoke("code", *EXAMPLES, "--dask", "local:2", "--output", parts, "--partition-size", "2")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in parts.iterdir()) == ["part-00000.parquet", "part-00001.parquet"]
    assert f"{len(EXAMPLES)} articles: {len(EXAMPLES)} coded, 0 failed" in result.stderr
    assert canonical(parquet_records(parts)) == canonical(single_process_records(EXAMPLES))
    (parts / "part-00001.parquet").unlink()  # as if the run had stopped before the last partition
    again = invoke("code", *EXAMPLES, "--dask", "local:2", "--output", parts, "--partition-size", "2")
    assert "1 already written, not coded again" in again.stderr and "2 articles: 2 coded" in again.stderr
    db = tmp_path / "imported.duckdb"
    imported = invoke("import", parts, "--db", db)
    assert imported.exit_code == 0, imported.output
    with EventStore(db, read_only=True) as store:
        assert store.count_mentions() == len(single_process_records(EXAMPLES))
        assert store.count_articles() == len(EXAMPLES)


def test_scale_cli_dask_needs_an_output_folder():
    result = invoke("code", *EXAMPLES, "--dask", "local:2")
    assert result.exit_code == 2 and "--dask writes Parquet partitions: give --output DIR" in result.output
    bad = invoke("code", *EXAMPLES, "--dask", "local:zero", "--output", "x")
    assert bad.exit_code == 2 and "give local:N" in bad.stderr


ARTICLES = 400  # enough that the batch is still running when the first articles are seen stored


def test_scale_interrupted_batch_with_workers_resumes(tmp_path: Path):
    batch, db = tmp_path / "batch.jsonl", tmp_path / "resume.duckdb"
    with batch.open("w", encoding="utf-8") as fh:
        for i in range(ARTICLES):
            fh.write(json.dumps({"doc_id": f"story-{i:03d}", "text": TEMPLATE.format(day=10 + i % 15, n=i + 1),
                                 "published": "2025-11-30"}) + "\n")
    argv = [sys.executable, "-m", "eventcoder.cli", "code", str(batch), "--db", str(db), "--format", "jsonl",
            "--output", os.devnull, "--workers", "2"]
    first = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    stored = 0
    while stored < 5 and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.1)
        if db.exists():
            with EventStore(db, read_only=True, shared=True) as store:
                stored = store.count_articles()
    first.send_signal(signal.SIGINT)  # Ctrl-C
    first.communicate(timeout=60)
    assert first.returncode != 0
    with EventStore(db, read_only=True) as store:
        stored = store.count_articles()
    assert 5 <= stored < ARTICLES, f"the batch was not interrupted midway ({stored} stored)"
    rerun = subprocess.run(argv, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{ARTICLES} articles: {ARTICLES - stored} coded, 0 failed, skipped {stored} unchanged" in rerun.stderr
    with EventStore(db, read_only=True) as store:
        assert store.count_articles() == ARTICLES
        per_article = set(dict(store.con.execute("SELECT doc_id, count(*) FROM mentions GROUP BY ALL").fetchall())
                          .values())
    assert len(per_article) == 1  # every article has all of its events, whether coded before or after


def test_scale_store_articles_in_one_transaction_equals_one_at_a_time(tmp_path: Path):
    coder = get_coder()
    coded = [coder.code(a) for a in read_paths(EXAMPLES)]
    with EventStore(tmp_path / "one.duckdb") as one, EventStore(tmp_path / "group.duckdb") as group:
        for c in coded:
            one.store_article(c.article, c.records)
        group.store_articles([(c.article, c.records) for c in coded])
        again = coded[0].records[:1]  # the first article recoded with fewer events: its old keys go
        one.store_article(coded[0].article, again)
        group.store_articles([(coded[0].article, again)])
        for sql in ("SELECT * EXCLUDE (coded_at) FROM articles ORDER BY doc_id",
                    "SELECT * FROM mentions ORDER BY event_id",
                    "SELECT * EXCLUDE (date_added) FROM events ORDER BY event_key"):
            assert one.con.execute(sql).fetchall() == group.con.execute(sql).fetchall()
        assert group.count_events() > 10
        bad = [(coded[1].article, coded[1].records), (coded[1].article, coded[1].records)]
        with pytest.raises(Exception, match="a doc_id is given twice"):
            group.store_articles(bad)
