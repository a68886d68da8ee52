"""The batch and the store under hostile conditions (issue 17, findings 5, 7 and 10), through the real command line:
a disk that stops taking writes, unreadable folders and files, symbolic link loops, and text that a spreadsheet would
run as a formula. Every input is built here; each case asserts the one-line error, the exit status, that the batch
went on (or, for the full disk, stopped with its summary) and that the store is whole."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import invoke
from eventcoder.errors import StoreError, StoreUnwritable
from eventcoder.ingest import parse_article
from eventcoder.output import spreadsheet_safe
from eventcoder.pipeline import get_coder
from eventcoder.store import EventStore

ROOT = Path(__file__).resolve().parents[1]
PLACES = ["Moscow", "Beijing", "Astana", "Ulaanbaatar", "Bishkek", "Tashkent"]


def story(n: int) -> str:
    """A short article that codes into events; ``n`` makes its text (and content hash) its own."""
    return (f"{PLACES[n % len(PLACES)].upper()}, March {n + 1} (Reuters) - Russian President Vladimir Putin met "
            f"Chinese President Xi Jinping in {PLACES[n % len(PLACES)]} on Monday.\n")


def write_stories(folder: Path, names: list[str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, name in enumerate(names):
        (folder / name).write_text(story(n), encoding="utf-8")
        paths.append(folder / name)
    return paths



def stderr_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def stored(db: Path) -> tuple[list[str], int, int]:
    """(doc_ids, mentions, events) of the store, opened afresh."""
    with EventStore(db, read_only=True) as store:
        return [a["doc_id"] for a in store.articles()], store.count_mentions(), store.count_events()


# -- finding 5: a full disk -----------------------------------------------------------------------------------------

FULL_DISK = """
import functools, resource, sys
import eventcoder.batch, eventcoder.pipeline as pipeline
eventcoder.batch.STORE_GROUP = 1  # store each article in its own transaction, coded one at a time
pipeline.article_groups = functools.partial(pipeline.article_groups, max_articles=1)
resource.setrlimit(resource.RLIMIT_FSIZE, (512, resource.RLIM_INFINITY))  # no file may grow past 512 bytes
from eventcoder.cli import app
sys.argv = ["eventcoder", *sys.argv[1:]]
app()
"""


@pytest.mark.skipif(not hasattr(__import__("resource"), "RLIMIT_FSIZE"), reason="needs POSIX file size limits")
def test_hostile_full_disk_stops_the_batch_with_one_line_and_the_summary(tmp_path: Path):
    """A real write failure: the file size limit (RLIMIT_FSIZE) makes DuckDB's COMMIT fail as a full disk does (and
    its ROLLBACK then fails too). Before: a TransactionException traceback and no summary."""
    files = write_stories(tmp_path / "in", ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"])
    db = tmp_path / "events.duckdb"
    assert invoke("code", *files[:2], "--db", db, "--format", "jsonl").exit_code == 0
    before = stored(db)
    assert before[0] == ["a.txt", "b.txt"] and before[1] > 0

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run([sys.executable, "-c", FULL_DISK, "code", *map(str, files), "--db", str(db), "--format",
                           "jsonl"], capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path)

    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(lines) == 3, lines  # c.txt's error, the stop, the summary
    assert lines[0].startswith("error: c.txt: write to event store ") and "nothing of this write was stored" in lines[0]
    assert "Failed to commit" in lines[0] and "File too large" in lines[0]
    assert lines[1].startswith("error: the batch stopped: the event store ") and "cannot be written" in lines[1]
    assert lines[2].startswith("3 articles: 0 coded, 1 failed, skipped 2 unchanged;")
    assert [json.loads(line)["doc_id"] for line in proc.stdout.splitlines()].count("a.txt") >= 1  # a, b reported
    assert stored(db) == before  # what was stored is whole, nothing of c.txt (or after it)

    again = invoke("code", *files, "--db", db, "--format", "jsonl")  # the disk has room again: the rest is stored
    assert again.exit_code == 0 and stored(db)[0] == ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"]


class FullDiskConnection:
    """A DuckDB connection whose COMMIT fails (an I/O error, as on a full disk) while ``full`` holds True, and whose
    ROLLBACK then fails as DuckDB's does after a failed COMMIT."""

    def __init__(self, con: duckdb.DuckDBPyConnection, full: list[bool]) -> None:
        self._con, self._full = con, full

    def execute(self, sql: str, *args):
        if self._full[0] and sql == "COMMIT":
            raise duckdb.IOException('Could not write file "events.duckdb.wal": No space left on device')
        if self._full[0] and sql == "ROLLBACK":
            raise duckdb.TransactionException("TransactionContext Error: cannot rollback - no transaction is active")
        return self._con.execute(sql, *args)

    def __getattr__(self, name: str):
        return getattr(self._con, name)


def test_hostile_failed_commit_and_rollback_are_one_store_error_and_the_store_opens_again(tmp_path: Path,
                                                                                         monkeypatch):
    import eventcoder.store as store_module

    full = [False]
    real_connect = store_module.connect
    monkeypatch.setattr(store_module, "connect", lambda *a, **k: FullDiskConnection(real_connect(*a, **k), full))
    coder = get_coder()
    first, second = (parse_article(f"story-{n}", story(n)) for n in (1, 2))
    with EventStore(tmp_path / "events.duckdb") as store:  # not shared: one connection held
        store.store_article(first, coder.code_article(first))
        mentions = store.mentions()
        full[0] = True
        held = store.con
        with pytest.raises(StoreUnwritable) as raised:
            store.store_article(second, coder.code_article(second))
        assert isinstance(raised.value, StoreError)
        message = str(raised.value)
        assert "\n" not in message and "No space left on device" in message
        assert isinstance(raised.value.__cause__, duckdb.IOException)  # the original cause, chained
        assert any("ROLLBACK failed too" in note for note in raised.value.__cause__.__notes__)
        full[0] = False
        assert store.con is not held  # the connection DuckDB gave up on was closed; a new one is open
        assert store.count_articles() == 1 and store.mentions() == mentions
        store.store_article(second, coder.code_article(second))  # room again: writes work on the new connection
        assert store.count_articles() == 2


# -- finding 7: folders, globs, links -------------------------------------------------------------------------------


def deny(monkeypatch, path: Path, kind: str) -> None:
    """Make ``path`` unreadable: chmod 000, and (as root, whom chmod does not stop) a PermissionError from listing it
    (``kind`` "folder") or reading it ("file"), as the system gives anyone else."""
    path.chmod(0)
    if os.access(path, os.R_OK):  # root
        error = PermissionError(13, "Permission denied", str(path))
        if kind == "folder":
            real = os.scandir

            def scandir(target=".", *args):
                if Path(target).resolve() == path.resolve():
                    raise error
                return real(target, *args)

            monkeypatch.setattr(os, "scandir", scandir)
        else:
            real_read = Path.read_bytes
            monkeypatch.setattr(Path, "read_bytes", lambda self: (_ for _ in ()).throw(error) if self == path
                                else real_read(self))


@pytest.mark.parametrize("pattern", ["news/*", "news/**/*.txt"])
def test_hostile_unreadable_sub_folder_is_one_line_and_the_rest_is_read(tmp_path: Path, monkeypatch, pattern):
    """Before: ``news/*`` ended with a PermissionError traceback; ``news/**/*.txt`` skipped the folder silently."""
    news = tmp_path / "news"
    write_stories(news, ["a.txt", "z.txt"])
    write_stories(news / "locked", ["hidden-away.txt"])
    locked = news / "locked"
    monkeypatch.chdir(tmp_path)
    try:
        deny(monkeypatch, locked, "folder")
        result = invoke("code", pattern, "--db", "events.duckdb", "--format", "jsonl")
    finally:
        locked.chmod(0o755)
    lines = stderr_lines(result)
    assert result.exit_code == 1, result.stderr
    assert lines[0] == f"error: {Path('news/locked')}: cannot read the folder (Permission denied)"
    assert len(lines) == 2 and lines[1].startswith("3 articles: 2 coded, 1 failed")
    assert stored(tmp_path / "events.duckdb")[0] == ["a.txt", "z.txt"]


def test_hostile_unreadable_file_is_one_line_and_the_batch_goes_on(tmp_path: Path, monkeypatch):
    files = write_stories(tmp_path, ["a.txt", "secret.txt", "z.txt"])
    try:
        deny(monkeypatch, files[1], "file")
        result = invoke("code", *files, "--db", tmp_path / "events.duckdb", "--format", "jsonl")
    finally:
        files[1].chmod(0o644)
    lines = stderr_lines(result)
    assert result.exit_code == 1
    assert lines == ["error: secret.txt: cannot read the file (Permission denied)", lines[1]]
    assert lines[1].startswith("3 articles: 2 coded, 1 failed")
    assert stored(tmp_path / "events.duckdb")[0] == ["a.txt", "z.txt"]


def test_hostile_symlink_loops_are_walked_once_and_end(tmp_path: Path):
    """Before: glob followed ``news/self -> .`` and ``news/sub/up -> ..`` round and round (for ever, memory growing).
    In a subprocess with a time limit, so that the old behaviour fails the test rather than hanging it."""
    news = tmp_path / "news"
    write_stories(news, ["a.txt"])
    write_stories(news / "sub", ["b.txt"])
    (news / "self").symlink_to(".")
    (news / "sub" / "up").symlink_to("..")
    (news / "sub" / "again").symlink_to("../sub")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    for pattern in ("news/**/*.txt", "**/*.txt", "news/**"):
        db = tmp_path / f"{pattern.count('*')}-{len(pattern)}.duckdb"
        proc = subprocess.run([sys.executable, "-m", "eventcoder.cli", "code", pattern, "--db", str(db), "--format",
                               "jsonl"], capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path)
        doc_ids = [json.loads(line)["doc_id"] for line in proc.stdout.splitlines()]
        if pattern == "news/**":  # as glob: the folders and their files, so each file is read twice (a repeat)
            assert "another article of this batch has the same doc_id" in proc.stderr
        else:
            assert proc.returncode == 0, proc.stderr
            assert proc.stderr.splitlines()[-1].startswith("2 articles: 2 coded, 0 failed")
        assert sorted(set(doc_ids)) == ["a.txt", "b.txt"]
        assert stored(db)[0] == ["a.txt", "b.txt"]


def test_hostile_glob_patterns_match_what_glob_matches_without_loops(tmp_path: Path, monkeypatch):
    """The walk that replaced glob.glob(recursive=True) finds the same paths where glob ends (no link loop)."""
    import glob

    from eventcoder.ingest import _expand

    write_stories(tmp_path / "news", ["a.txt", "b.jsonl", ".hidden.txt"])
    write_stories(tmp_path / "news" / "sub", ["c.txt"])
    write_stories(tmp_path / "news" / ".git", ["d.txt"])
    write_stories(tmp_path / "other", ["e.txt"])
    (tmp_path / "news" / "linked").symlink_to("../other")
    monkeypatch.chdir(tmp_path)
    patterns = ["news/*.txt", "news/**/*.txt", "news/**", "*/sub/*", "n?ws/[ab]*", "news/.*",
                f"{tmp_path}/news/**/*.txt", "news/*/*.txt"]
    for pattern in patterns:
        assert [str(p) for p in _expand(pattern)] == sorted(str(Path(p)) for p in glob.glob(pattern, recursive=True))
    # other/ once, by its own path; glob also gives news/linked/e.txt: the same file twice
    assert [str(p) for p in _expand("**/*.txt")] == ["news/a.txt", "news/sub/c.txt", "other/e.txt"]
    assert "news/linked/e.txt" in glob.glob("**/*.txt", recursive=True)
    assert str(_expand("missing/*.txt")) == "missing/*.txt: no file matches this pattern"


def test_hostile_self_linked_file_says_what_it_is(tmp_path: Path):
    """``ln -s x.txt x.txt``: before, "no such file or folder"."""
    good = write_stories(tmp_path, ["a.txt"])[0]
    loop = tmp_path / "x.txt"
    loop.symlink_to("x.txt")
    broken = tmp_path / "gone.txt"
    broken.symlink_to("nowhere.txt")
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)  # reading it would wait for a writer for ever
    db = tmp_path / "events.duckdb"
    result = invoke("code", good, loop, broken, pipe, "--db", db, "--format", "jsonl")
    lines = stderr_lines(result)
    assert result.exit_code == 1
    assert lines[0] == f"error: {loop}: a symbolic link loop: the link cannot be resolved (it leads back to itself)"
    assert lines[1] == f"error: {broken}: a broken symbolic link: its target nowhere.txt does not exist"
    assert lines[2] == f"error: {pipe}: not a file or folder (a device, pipe or socket): not read"
    assert len(lines) == 4 and lines[3].startswith("4 articles: 1 coded, 3 failed")
    assert stored(db)[0] == ["a.txt"]

    alone = invoke("code", loop, "--db", tmp_path / "other.duckdb")  # nothing to read: a usage error, no store made
    assert alone.exit_code == 2 and "symbolic link loop" in alone.stderr
    assert not (tmp_path / "other.duckdb").exists()


# -- finding 10: formulas in CSV --------------------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://x","y")', "@SUM(A1)", "+1+1", "-2+3"]


def test_hostile_spreadsheet_safe_escapes_formula_text_only():
    assert [spreadsheet_safe(f) for f in FORMULAS] == ["'" + f for f in FORMULAS]
    assert spreadsheet_safe("\tx") == "'\tx" and spreadsheet_safe("\rx") == "'\rx"
    assert [spreadsheet_safe(v) for v in ("-3.5", "+2", "-.5e-3", -3.5, 7, None, "", "Moscow", "1-2")] == [
        "-3.5", "+2", "-.5e-3", -3.5, 7, None, "", "Moscow", "1-2"]


def test_hostile_formulas_are_escaped_in_every_csv(tmp_path: Path):
    """``code``, ``sql``, ``events`` and ``export`` CSVs and the API's ``format=csv``; JSON Lines and the fixed
    ICEWS format keep the text exactly. Before: ``=HYPERLINK(...)`` was written as is."""
    from fastapi.testclient import TestClient

    from eventcoder.web import create_app

    attack = "Russian troops attacked Ukrainian soldiers near Kharkiv on Monday."
    rows = [{"doc_id": f, "headline": f, "outlet": f, "published": "2026-03-02", "text": attack} for f in FORMULAS]
    source = tmp_path / "formulas.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    db = tmp_path / "events.duckdb"
    coded = invoke("code", source, "--db", db, "--output", tmp_path / "coded.csv")
    assert coded.exit_code == 0, coded.stderr

    def table(text: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(text)))

    invoke("export", "--format", "csv", "--output", tmp_path / "export.csv", "--db", db)
    invoke("export", "--format", "jsonl", "--output", tmp_path / "export.jsonl", "--db", db)
    invoke("export", "--format", "icews", "--output", tmp_path / "icews.tsv", "--db", db)
    outputs = {
        "code": table((tmp_path / "coded.csv").read_text(encoding="utf-8")),
        "export": table((tmp_path / "export.csv").read_text(encoding="utf-8")),
        "sql": table(invoke("sql", "SELECT doc_id, headline, outlet, goldstein FROM mentions", "--db", db,
                            "--format", "csv").stdout),
        "events": table(invoke("events", "--db", db, "--format", "csv").stdout),
        "api": table(TestClient(create_app(db)).get("/api/v1/events", params={
            "format": "csv", "table": "mentions", "columns": "doc_id,headline,outlet,goldstein"}).text),
    }
    escaped = sorted("'" + f for f in FORMULAS)
    for name, got in outputs.items():
        doc_ids = sorted(r["doc_id"] for r in got)  # events: one deduplicated event, naming one of the articles
        assert doc_ids == escaped if name != "events" else len(doc_ids) == 1 and doc_ids[0] in escaped, name
        assert all(float(r["goldstein"]) == -10.0 and r["goldstein"].startswith("-1") for r in got), name
        if "headline" in got[0]:
            assert sorted(r["headline"] for r in got) == sorted(r["outlet"] for r in got) == escaped, name
    exported = [json.loads(line) for line in (tmp_path / "export.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["doc_id"] for r in exported) == sorted(FORMULAS)  # JSON Lines: the text as it was
    publishers = [r["Publisher"] for r in csv.DictReader((tmp_path / "icews.tsv").open(encoding="utf-8"),
                                                          delimiter="\t")]
    assert sorted(publishers) == sorted(FORMULAS)  # the fixed formats keep their publishers' text exactly
