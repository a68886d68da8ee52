"""The ``eventcoder`` command end to end: bad inputs, output files, the database, README commands."""

from __future__ import annotations

import fnmatch
import glob
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import invoke
from eventcoder import __version__
from eventcoder.cli import app
from eventcoder.model import RECORD_COLUMNS
from eventcoder.store import EventStore

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GOOD = EXAMPLES / "01-xinhua-kazakhstan-mongolia-talks.txt"


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


@pytest.fixture
def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    """One good article and every kind of bad input, as files in tmp_path."""
    good_text = GOOD.read_text(encoding="utf-8")
    rows = [
        json.dumps({"doc_id": "good-1", "text": good_text, "published": "2026-03-05"}),
        '{"doc_id": "broken", "text": "unterminated',
        json.dumps({"doc_id": "no-text", "headline": "A headline without a text"}),
        json.dumps({"doc_id": "good-2", "text": good_text.replace("Abenov", "Abenova")}),
    ]
    files = {
        "good": tmp_path / GOOD.name,
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "binary.txt",
        "latin1": tmp_path / "latin1.txt",
        "jsonl": tmp_path / "batch.jsonl",
    }
    files["good"].write_text(good_text, encoding="utf-8")
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    files["latin1"].write_bytes(
        "BOGOTA, March 3 (Reuters) - Colombia's président met his counterpart in Bogotá.".encode("latin-1")
    )
    files["jsonl"].write_text("\n".join(rows) + "\n", encoding="utf-8")
    return files


def test_cli_bad_inputs_reported_and_batch_goes_on(bad_inputs, tmp_path: Path):
    db = tmp_path / "bad.duckdb"
    paths = [bad_inputs[k] for k in ("empty", "binary", "good", "latin1", "jsonl")]
    result = invoke("code", *paths, "--format", "jsonl", "--output", tmp_path / "out.jsonl", "--db", db)

    assert result.exit_code == 1, result.output
    errors = error_lines(result)
    assert len(errors) == 5, result.stderr
    named = {
        "empty.txt": None,
        "binary.txt": None,
        "latin1.txt": None,
        "batch.jsonl, line 2": "line 2",
        "batch.jsonl, line 3": "line 3",
    }
    for label, line in named.items():
        name = label.split(",")[0]
        hits = [e for e in errors if name in e and (line is None or re.search(rf"\b{line}\b", e))]
        assert len(hits) == 1, f"no one-line error naming {label}: {errors}"
    assert "5 failed" in result.stderr.strip().splitlines()[-1]
    assert "3 coded" in result.stderr.strip().splitlines()[-1]

    with EventStore(db) as store:
        stored = {row["doc_id"] for row in store.articles()}
        event_docs = {row["doc_id"] for row in store.mentions()}
    assert stored == {GOOD.name, "good-1", "good-2"}
    assert event_docs <= stored
    out_docs = {json.loads(line)["doc_id"] for line in (tmp_path / "out.jsonl").read_text().splitlines()}
    assert out_docs <= stored


@pytest.mark.parametrize("kind", ["empty", "binary", "latin1"])
def test_cli_single_bad_file_exits_1_without_rows(bad_inputs, tmp_path: Path, kind: str):
    db = tmp_path / "one.duckdb"
    result = invoke("code", bad_inputs[kind], "--db", db)
    assert result.exit_code == 1
    (error,) = error_lines(result)
    assert bad_inputs[kind].name in error
    assert "\n" not in error
    with EventStore(db) as store:
        assert store.count_articles() == 0 and store.count_mentions() == 0


def test_cli_text_without_sentences_is_an_error(tmp_path: Path):
    path = tmp_path / "dashes.txt"
    path.write_text("  \n--- ... ---\n\n", encoding="utf-8")
    result = invoke("code", path, "--no-db")
    assert result.exit_code == 1
    (error,) = error_lines(result)
    assert "dashes.txt" in error


def test_cli_no_db_writes_no_database(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("code", GOOD, "--no-db", "--format", "jsonl", "--output", "out.jsonl")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out.jsonl").exists()
    assert not list(tmp_path.glob("*.duckdb*"))


def test_cli_default_db_in_current_folder(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("code", GOOD, "--format", "csv", "--output", "out.csv")
    assert result.exit_code == 0, result.output
    with EventStore(tmp_path / "eventcoder.duckdb") as store:
        assert store.count_articles() == 1
    assert "eventcoder.duckdb" in result.stderr


def test_cli_recode_keeps_one_copy(tmp_path: Path):
    db = tmp_path / "twice.duckdb"
    first = invoke("code", GOOD, "--db", db, "--format", "jsonl", "--output", tmp_path / "1.jsonl")
    with EventStore(db) as store:
        events_once = store.mentions()
    second = invoke("code", GOOD, "--db", db, "--format", "jsonl", "--output", tmp_path / "2.jsonl")
    assert first.exit_code == second.exit_code == 0
    with EventStore(db) as store:
        assert store.count_articles() == 1
        assert store.count_mentions() == len(events_once)
        assert [r["event_id"] for r in store.mentions()] == [r["event_id"] for r in events_once]


def test_cli_jsonl_and_csv_carry_record_columns(tmp_path: Path):
    jsonl, csv_out = tmp_path / "e.jsonl", tmp_path / "e.csv"
    assert invoke("code", GOOD, "--no-db", "--format", "jsonl", "-o", jsonl).exit_code == 0
    assert invoke("code", GOOD, "--no-db", "--format", "csv", "-o", csv_out).exit_code == 0
    assert csv_out.read_text(encoding="utf-8").splitlines()[0] == ",".join(RECORD_COLUMNS)
    for line in jsonl.read_text(encoding="utf-8").splitlines():
        assert tuple(json.loads(line)) == RECORD_COLUMNS


def test_cli_table_to_stdout(tmp_path: Path):
    result = invoke("code", GOOD, "--no-db")
    assert result.exit_code == 0
    assert GOOD.name in result.stdout or "No events coded" in result.stdout
    assert "1 article: 1 coded, 0 failed" in result.stderr


def test_cli_examples_produce_events(tmp_path: Path):
    """Needs the real engine: every example article codes to at least one event."""
    out = tmp_path / "examples.jsonl"
    result = invoke("code", *sorted(EXAMPLES.glob("*.txt")), "--no-db", "--format", "jsonl", "-o", out)
    assert result.exit_code == 0, result.stderr
    docs = [json.loads(line)["doc_id"] for line in out.read_text(encoding="utf-8").splitlines()]
    for example in sorted(EXAMPLES.glob("*.txt")):
        assert docs.count(example.name) >= 1, f"{example.name} coded no events"


def test_cli_db_and_no_db_conflict(tmp_path: Path):
    result = invoke("code", GOOD, "--db", tmp_path / "x.duckdb", "--no-db")
    assert result.exit_code == 2
    assert not (tmp_path / "x.duckdb").exists()


def test_cli_unusable_db_and_output_exit_2(tmp_path: Path):
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database" * 200)
    result = invoke("code", GOOD, "--db", junk)
    assert result.exit_code == 2
    (error,) = error_lines(result)
    assert "junk.duckdb" in error
    result = invoke("code", GOOD, "--no-db", "--output", tmp_path / "missing" / "out.jsonl")
    assert result.exit_code == 2
    assert "out.jsonl" in error_lines(result)[0]


def test_cli_version_and_help():
    result = invoke("version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"eventcoder {__version__}"
    result = invoke("code", "--help")
    assert result.exit_code == 0
    for option in ("--format", "--output", "--db", "--no-db", "--model", "--lexicon", "--workers", "--dask"):
        assert option in result.stdout


def test_cli_import_and_version_do_not_load_spacy():
    code = (
        "import sys, eventcoder\n"
        "eventcoder.EventStore, eventcoder.RECORD_COLUMNS, eventcoder.StoreError, eventcoder.read_paths\n"
        "from typer.testing import CliRunner\n"
        "from eventcoder.cli import app\n"
        "assert CliRunner().invoke(app, ['version']).exit_code == 0\n"
        "assert 'spacy' not in sys.modules, 'spacy loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_cli_subprocess_exit_status_and_stderr(bad_inputs, tmp_path: Path):
    proc = subprocess.run(
        [sys.executable, "-m", "eventcoder.cli", "code", str(bad_inputs["empty"]), str(GOOD), "--no-db"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert proc.returncode == 1, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "empty.txt" in errors[0]
    assert "Traceback" not in proc.stderr
    assert not list(tmp_path.glob("*.duckdb"))


# -- README, Makefile, CI --------------------------------------------------------------------------

README = (ROOT / "README.md").read_text(encoding="utf-8")


def code_blocks(markdown: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", markdown, flags=re.S)


def test_cli_readme_quickstart_is_two_commands():
    quickstart = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    (block,) = code_blocks(quickstart, "bash")
    assert block.split("\n")[:-1] == ["make demo", "make test"]


def test_files_the_readme_examples_write_are_ignored_by_git():
    patterns = [line.strip().strip("/") for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")]
    written = {m.group(2) for block in code_blocks(README, "bash")
               for m in re.finditer(r"--(output|db) (\S+)", block) if m.group(2) != "-"}
    assert {"events2.jsonl", "kaz-consult.csv", "chart.png"} <= written
    assert [f for f in sorted(written) if not any(fnmatch.fnmatch(f, p) for p in patterns)] == []


def serve_briefly(args: list[str]) -> int:
    """Run ``eventcoder serve ARGS`` in the current folder on a free port, check that the dashboard and
    /api/v1/stats answer, stop it; returns the number of dated events it reports."""
    from conftest import get_json, served

    with served(args) as base:
        with urllib.request.urlopen(base + "/", timeout=10) as response:
            assert b'<svg id="timeline"' in response.read()
        return sum(row["events"] for row in get_json(base + "/api/v1/stats")["rows"])


def test_cli_readme_commands_run(tmp_path: Path, monkeypatch):
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    commands = [
        line for block in code_blocks(README, "bash") for line in block.splitlines() if line and "make " not in line
    ]
    assert any(c.startswith("eventcoder code") for c in commands)
    ran: list[str] = []
    for command in commands:
        argv = shlex.split(command)
        if argv[:2] == ["eventcoder", "serve"]:  # a server: start it, ask it, stop it
            assert serve_briefly(argv[2:]) > 0, command
            ran.append("serve")
        elif argv[0] == "eventcoder":
            args = [m for a in argv[1:] for m in ((sorted(glob.glob(a)) or [a]) if "*" in a else [a])]
            result = invoke(*args)
            assert result.exit_code == 0, f"{command}\n{result.output}"
            ran.append(argv[1])
        else:  # .venv/bin/python -c ...: run with this interpreter
            assert argv[0].endswith("python"), command
            proc = subprocess.run([sys.executable, *argv[1:]], capture_output=True, text=True)
            assert proc.returncode == 0, f"{command}\n{proc.stderr}"
    assert {"events", "stats", "sql", "plot", "export", "import", "serve"} <= set(ran)
    assert (tmp_path / "chart.png").stat().st_size > 10_000
    assert len((tmp_path / "events.gdelt.tsv").read_text(encoding="utf-8").splitlines()[0].split("\t")) == 61
    with EventStore(tmp_path / "copy.duckdb", read_only=True) as copy, EventStore("eventcoder.duckdb", read_only=True) as db:
        assert copy.count_mentions() == db.count_mentions() > 0


def test_cli_readme_python_examples_run(tmp_path: Path, monkeypatch, capsys):
    """The README's Python blocks, verbatim: the first codes examples/ into a store in at most five lines of
    code, as ``eventcoder code examples/`` does (the same rows; unchanged articles skipped when run again)."""
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    batch, single = code_blocks(README, "python")
    assert len([line for line in batch.splitlines() if line.strip()]) <= 5
    code = compile(batch, "README.md", "exec")
    exec(code, {"__name__": "readme"})
    first = capsys.readouterr().out
    assert first.startswith("4 articles: 4 coded, 0 failed, skipped 0 unchanged; ")
    assert "; stored in news.duckdb; " in first
    exec(code, {"__name__": "readme"})
    assert capsys.readouterr().out.startswith("4 articles: 0 coded, 0 failed, skipped 4 unchanged; ")
    result = invoke("code", "examples/", "--db", "cli.duckdb", "--format", "jsonl", "--output", "cli.jsonl")
    assert result.exit_code == 0 and result.stderr.startswith("4 articles: 4 coded, 0 failed, skipped 0 unchanged")
    query = "SELECT * EXCLUDE (coded_at) FROM articles ORDER BY doc_id", "SELECT * FROM mentions ORDER BY event_id"
    with EventStore("news.duckdb", read_only=True) as lib, EventStore("cli.duckdb", read_only=True) as cli:
        for sql in query:
            assert lib.con.execute(sql).fetchall() == cli.con.execute(sql).fetchall()
        assert lib.count_mentions() == len(Path("cli.jsonl").read_text().splitlines()) > 10
    exec(compile(single, "README.md", "exec"), {"__name__": "readme"})
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "2026-03-04 KAZGOV 040 MNGGOV"
    coded = [line.split()[0] for line in lines if line.endswith(" events")]
    assert coded == [p.name for p in sorted(EXAMPLES.glob("*.txt"))]


def test_cli_makefile_and_ci_entry_point():
    ci = ROOT / ".ci" / "run"
    assert os.access(ci, os.X_OK)
    assert "set -euo pipefail" in ci.read_text() and "make test" in ci.read_text()
    for target in ("demo", "test"):
        proc = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
    assert "eventcoder code examples/*.txt --format table" in (ROOT / "Makefile").read_text()  # the default store


def test_cli_readme_documents_columns_and_options():
    for column in RECORD_COLUMNS:
        assert f"`{column}`" in README, column
    for option in ("--format", "--output", "--db", "--no-db", "--model", "--lexicon", "--workers", "--dask"):
        assert option in README, option


def test_cli_same_doc_id_twice_in_a_batch_is_an_error(tmp_path: Path):
    text = Path(GOOD).read_text(encoding="utf-8")
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "same.duckdb"
    result = invoke("code", tmp_path / "a" / "story.txt", tmp_path / "b" / "story.txt", "--db", db,
                    "--format", "jsonl", "--output", tmp_path / "out.jsonl")
    assert result.exit_code == 1
    assert "story.txt: another article of this batch has the same doc_id" in result.stderr
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    with EventStore(db) as store:
        assert store.count_articles() == 1 and store.count_mentions() == len(rows) > 0


def test_cli_db_that_is_an_export_is_refused(tmp_path: Path):
    export = tmp_path / "events.csv"
    first = invoke("code", GOOD, "--no-db", "--format", "csv", "--output", export)
    assert first.exit_code == 0
    before = export.read_bytes()
    second = invoke("code", GOOD, "--db", export, "--format", "jsonl", "--output", tmp_path / "x.jsonl")
    assert second.exit_code == 2 and "not a DuckDB database" in second.stderr
    assert export.read_bytes() == before


def test_cli_explain_shows_rule_and_actor_resolution():
    result = invoke("explain", "ASTANA, March 3 (Xinhua) -- Kazakh President Kassym-Jomart Tokayev met here Tuesday "
                    "with Uzbek President Shavkat Mirziyoyev.", "--date", "2026-03-04")
    assert result.exit_code == 0, result.output
    assert "040 KAZGOV -> UZBGOV  date 2026-03-03  place Astana/KAZ" in result.stdout
    assert "rule: verbs.tsv:" in result.stdout and "countries.tsv:" in result.stdout
    bad = invoke("explain", "Anything.", "--date", "someday")
    assert bad.exit_code == 2 and "--date 'someday' is not a date" in bad.stderr


def test_cli_eval_scores_against_gold_and_honours_min_f1(tmp_path: Path):
    gold = EXAMPLES / "gold"
    result = invoke("eval", gold, GOOD, "--verbose")
    assert result.exit_code == 0, result.output
    assert "articles with gold: 1" in result.stdout
    assert re.search(r"precision \d\.\d{3} recall \d\.\d{3} F1 \d\.\d{3}\s*$", result.stdout)
    harder = tmp_path / "gold"
    harder.mkdir()
    doc = json.loads((gold / f"{GOOD.stem}.gold.json").read_text(encoding="utf-8"))
    doc["events"].append({"id": "unreachable", "quote": "Ganzorig is paying an official visit", "source": ["FRA"],
                          "target": ["DEU"], "roots": ["20"], "codes": ["200"], "required": True})
    (harder / f"{GOOD.stem}.gold.json").write_text(json.dumps(doc), encoding="utf-8")
    strict = invoke("eval", harder, GOOD, "--min-f1", "0.99")
    assert strict.exit_code == 1 and "MISS" not in strict.stdout
    assert invoke("eval", gold, GOOD, "--min-f1", "1.5").exit_code == 2
    missing = invoke("eval", tmp_path / "nowhere", GOOD)
    assert missing.exit_code == 2 and "does not exist" in missing.stderr


def test_cli_eval_scores_only_gold_of_the_articles_given(tmp_path: Path):
    other = EXAMPLES / "02-reuters-lithuania-belarus-balloons.txt"
    result = invoke("eval", EXAMPLES / "gold", other)
    assert result.exit_code == 2 and "none of the articles given has a gold file" in result.stderr


def test_cli_explain_says_why_a_trigger_was_not_coded_and_what_nearly_matched():
    result = invoke("explain", "Iran did not meet the inspectors, but Tehran could release the prisoners. "
                    "China held talks with Russia.", "--date", "2026-03-04")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "meet with -> 040 [not coded: negated]" in out
    assert "-> 0841 [not coded: conditional or modal" in out
    assert "talk with -> 040 [not coded: the object of a light verb, coded there]" in out
    assert "hold +call|conversation|phone with -> 041 - needs an object among call|conversation|phone; found talk" in out
    assert "040 CHNGOV -> RUSGOV" in out and "040 RUSGOV -> CHNGOV" in out


def test_cli_serve_refuses_a_db_that_does_not_exist(tmp_path: Path):
    result = invoke("serve", "--db", str(tmp_path / "typo.duckdb"), "--port", "8765")
    assert result.exit_code == 2
    assert "no event store at" in result.stderr
    assert not (tmp_path / "typo.duckdb").exists()


def test_a_closed_pipe_ends_code_quietly(tmp_path: Path):
    """``eventcoder code ... --output - | head -1``: the reader closes the pipe; the command ends with status 0 and
    no message (a real process: the pipe must be an operating-system pipe; more output than a pipe holds)."""
    text = (EXAMPLES / "01-xinhua-kazakhstan-mongolia-talks.txt").read_text(encoding="utf-8")
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps({"doc_id": f"copy-{k}", "text": text}) + "\n" for k in range(60)),
                     encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "eventcoder.cli", "code", str(batch), "--no-db", "--format",
                             "jsonl", "--output", "-"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    assert json.loads(proc.stdout.readline())["doc_id"] == "copy-0"
    proc.stdout.close()  # as "head -1" does
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 0, stderr
    assert "Traceback" not in stderr and "error" not in stderr


@pytest.mark.parametrize("missing", ["no-such-article.txt", "no-such-folder/*.txt"])
def test_nothing_to_read_is_a_usage_error_and_makes_no_store(tmp_path: Path, monkeypatch, missing: str):
    monkeypatch.chdir(tmp_path)
    result = invoke("code", missing)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {missing}: no ") and "coded" not in result.stderr  # no summary
    assert not (tmp_path / "eventcoder.duckdb").exists()
    # with something to read, a missing input is one failed item and the batch goes on
    mixed = invoke("code", missing, str(EXAMPLES / "01-xinhua-kazakhstan-mongolia-talks.txt"), "--no-db",
                   "--format", "jsonl")
    assert mixed.exit_code == 1 and "2 articles: 1 coded, 1 failed" in mixed.stderr


def test_explain_reads_a_file_or_standard_input(tmp_path: Path):
    article = EXAMPLES / "01-xinhua-kazakhstan-mongolia-talks.txt"
    from_file = invoke("explain", str(article))
    assert from_file.exit_code == 0 and from_file.stdout.count("SENTENCE") > 3
    assert "no lexicon pattern matched" not in from_file.stdout.split("SENTENCE")[1]  # the path is not the text
    sentence = "Kazakh President Kassym-Jomart Tokayev met Uzbek President Shavkat Mirziyoyev."
    piped = CliRunner().invoke(app, ["explain", "-", "--date", "2026-03-03"], input=sentence + "\n")
    assert piped.exit_code == 0 and "040 KAZGOV -> UZBGOV" in piped.stdout
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = invoke("explain", str(empty))
    assert result.exit_code == 2 and result.stderr == "error: empty.txt: the file is empty\n"


def test_the_output_format_follows_the_file_extension(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    article = str(EXAMPLES / "01-xinhua-kazakhstan-mongolia-talks.txt")
    assert invoke("code", article, "--no-db", "--output", "events.jsonl").exit_code == 0
    first = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()[0]
    assert json.loads(first)["doc_id"] == "01-xinhua-kazakhstan-mongolia-talks.txt"
    assert invoke("code", article, "--no-db", "--output", "events.csv").exit_code == 0
    assert (tmp_path / "events.csv").read_text(encoding="utf-8").startswith("event_id,")
    mismatch = invoke("code", article, "--output", "table.jsonl", "--format", "table")
    assert mismatch.exit_code == 2 and mismatch.stderr == (
        "error: --format table does not write a .jsonl file (table.jsonl): give --format jsonl or another file name\n")
    tsv = invoke("code", article, "--output", "events.tsv")
    assert tsv.exit_code == 2 and "no output format writes .tsv files" in tsv.stderr
    assert not (tmp_path / "eventcoder.duckdb").exists() and not (tmp_path / "table.jsonl").exists()
