"""Issue 17, the first hour of a new user: the progress bar (item 14), the Quickstart's store (15), one rule for
dates on every command and in the API (17), plain words in help and usage errors (20)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import typer.main
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import invoke
from eventcoder.cli import app
from eventcoder.cli_code import RATE_AFTER_SECONDS, Progress
from eventcoder.errors import QueryError
from eventcoder.query import parse_day, parse_filter

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"



# -- 14: the progress bar moves as articles are read; a rate once it means something ----------------------


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_moves_as_articles_are_read_before_any_is_done():
    clock = Clock()
    progress = Progress(1000, enabled=False, clock=clock)
    assert progress.status() == "0/1,000 read, 0 done"
    for _ in range(16):  # the first group, handed to the coder: nothing stored yet
        progress.read()
    clock.now += 10.0
    assert (progress.read_count, progress.done) == (16, 0)
    assert progress.rate() is None and progress.seconds_left() is None
    assert progress.status() == "16/1,000 read, 0 done"


def test_progress_shows_no_rate_from_a_burst_then_the_mean_since_the_first_read():
    clock = Clock()
    progress = Progress(1000, enabled=False, clock=clock)
    progress.read()
    for _ in range(32):  # a group's results come at once when it is stored: 5,333 articles/s over 6 ms
        progress.advance()
    clock.now += 0.006
    assert progress.rate() is None and "articles/s" not in progress.status() and "ETA" not in progress.status()
    clock.now = 100.0 + RATE_AFTER_SECONDS - 0.001
    assert progress.rate() is None
    clock.now = 106.0
    for _ in range(47):
        progress.read()
    assert progress.rate() == pytest.approx(32 / 6.0)
    assert progress.seconds_left() == pytest.approx(968 / (32 / 6.0))
    assert progress.status() == "48/1,000 read, 32 done, 5.3 articles/s, ETA 0:03:02"


def test_progress_without_a_total_has_a_rate_and_no_time_left():
    clock = Clock()
    progress = Progress(None, enabled=False, clock=clock)
    for _ in range(3):
        progress.read()
        progress.advance()
    clock.now += 4.0
    assert progress.seconds_left() is None
    assert progress.status() == "3 read, 3 done, 0.8 articles/s"


def test_batch_reports_each_article_read_before_its_group_is_stored():
    """code_batch's on_read comes per article as it is handed to the coder, before any result (which comes once
    the group is stored): what moves the bar from the start."""
    from eventcoder.batch import code_batch

    seen: list[str] = []
    summary = code_batch([EXAMPLES], None, on_read=lambda item: seen.append("read"),
                         on_result=lambda result: seen.append("done"))
    articles = len(list(EXAMPLES.glob("*.txt")))
    assert summary.coded == articles == 4
    assert seen == ["read"] * articles + ["done"] * articles


# -- 15: make demo codes into the store the next commands read; without one they say what to do -------------


def demo_command() -> list[str]:
    """The eventcoder command of the Makefile's demo target, its glob expanded as make's shell does."""
    (line,) = [m.group(1) for m in re.finditer(r"^\t\$\(BIN\)/eventcoder (.+)$", (ROOT / "Makefile").read_text(),
                                                  re.M)]
    return [str(p) for a in line.split() for p in (sorted(Path().glob(a)) if "*" in a else [a])]


def test_make_demo_writes_the_default_store_that_events_stats_and_sql_read(tmp_path, monkeypatch):
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    command = demo_command()
    assert command[0] == "code" and "--db" not in command and len(command) > 4
    assert invoke(*command).exit_code == 0
    assert (tmp_path / "eventcoder.duckdb").exists() and not (tmp_path / "demo.duckdb").exists()
    events = invoke("events", "--format", "jsonl")
    assert events.exit_code == 0 and len(events.stdout.splitlines()) >= 4
    assert json.loads(invoke("sql", "SELECT count(*) AS n FROM articles", "--format", "jsonl").stdout)["n"] == 4
    assert invoke("stats", "--format", "csv").exit_code == 0
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quickstart = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    assert "into `eventcoder.duckdb`" in quickstart and "demo.duckdb" not in readme
    assert "eventcoder.duckdb" not in (ROOT / "Makefile").read_text().split("clean:", 1)[1]  # your store stays


@pytest.mark.parametrize("command", [
    ["events"], ["stats"], ["sql", "SELECT 1"], ["plot", "--output", "chart.png"],
    ["export", "--format", "csv", "--output", "out.csv"],
])
def test_reading_commands_without_the_default_store_say_what_to_do(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    result = invoke(*command)
    assert result.exit_code == 2
    assert result.stderr == ("error: no event store at eventcoder.duckdb (the default, in this folder): code "
                             "articles first (eventcoder code FILES) or give --db FILE\n")
    assert list(tmp_path.iterdir()) == []  # no empty store made, nothing written


def test_a_missing_db_given_is_named_as_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("events", "--db", "nowhere.duckdb")
    assert result.exit_code == 2 and "no event store at nowhere.duckdb" in result.stderr


# -- 17: dates a user gives are YYYY-MM-DD, on every command and in the API ----------------------------------

BAD_DATES = ["03/03/2026", "March 3 2026", "20260303", "2026-W10-2", "2026-02-30", "yesterday"]


@pytest.mark.parametrize("value", BAD_DATES)
def test_parse_day_takes_yyyy_mm_dd_only(value):
    assert parse_day(" 2026-03-03 ", "--date").isoformat() == "2026-03-03"
    with pytest.raises(QueryError) as cli:
        parse_day(value, "--date")
    assert str(cli.value) == f"--date {value!r} is not a date: give YYYY-MM-DD, e.g. 2026-03-03"
    with pytest.raises(QueryError) as http:
        parse_day(value, "since=")
    assert str(http.value) == f"since={value!r} is not a date: give YYYY-MM-DD, e.g. 2026-03-03"


@pytest.mark.parametrize(("command", "option"), [
    (["events"], "--since"), (["events"], "--until"), (["stats"], "--since"), (["plot", "-o", "c.png"], "--until"),
    (["export", "--format", "csv", "-o", "e.csv"], "--since"),
    (["explain", "Kazakh President Kassym-Jomart Tokayev met Uzbek President Shavkat Mirziyoyev."], "--date"),
    (["actors", "lookup", "the Kremlin"], "--date"),
])
@pytest.mark.parametrize("value", ["03/03/2026", "March 3 2026"])
def test_every_command_refuses_the_same_dates_with_one_line(tmp_path, monkeypatch, command, option, value):
    monkeypatch.chdir(tmp_path)
    result = invoke(*command, option, value)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: {option} {value!r} is not a date: give YYYY-MM-DD, e.g. 2026-03-03")


def test_actors_lookup_file_dates_follow_the_same_rule(tmp_path):
    lookups = tmp_path / "lookups.tsv"
    lookups.write_text("the Kremlin\t2025-11-19\nZhaparov\tMarch 3 2026\n", encoding="utf-8")
    result = invoke("actors", "lookup", "--file", lookups)
    assert result.exit_code == 2
    assert result.stderr == (f"error: {lookups} line 2: 'March 3 2026' is not a date: give YYYY-MM-DD, e.g. "
                             "2026-03-03 (or 'today')\n")


def test_filter_messages_name_the_api_parameters_not_cli_flags():
    with pytest.raises(QueryError, match=r"^since=2026-01-01 is after until=2025-01-01$"):
        parse_filter(since="2026-01-01", until="2025-01-01", http=True)
    with pytest.raises(QueryError, match=r"^either needs dyad=SOURCE:TARGET$"):
        parse_filter(either=True, http=True)
    with pytest.raises(QueryError, match=r"^plover_type='PARTY' is not a PLOVER"):
        parse_filter(plover_type="PARTY", http=True)
    with pytest.raises(QueryError, match=r"^--plover-type 'PARTY' is not a PLOVER"):
        parse_filter(plover_type="PARTY")


def test_api_dates_follow_the_rule_and_name_the_parameter(tmp_path):
    from eventcoder.store import EventStore
    from eventcoder.web import create_app

    with EventStore(tmp_path / "s.duckdb"):
        pass
    client = TestClient(create_app(tmp_path / "s.duckdb"))
    for name in ("since", "until"):
        response = client.get("/api/v1/events", params={name: "03/03/2026"})
        assert response.status_code == 400
        assert response.json()["detail"] == f"{name}='03/03/2026' is not a date: give YYYY-MM-DD, e.g. 2026-03-03"
    assert client.get("/api/v1/events", params={"since": "2026-03-03"}).status_code == 200
    coded = client.post("/api/v1/code", json={"text": "Tokayev met Mirziyoyev.", "published": "March 3 2026"})
    assert coded.status_code == 400
    assert coded.json()["detail"] == "published='March 3 2026' is not a date: give YYYY-MM-DD, e.g. 2026-03-03"


def test_dates_inside_articles_are_data_and_read_as_written(tmp_path):
    """A JSON Lines article's own ``published`` is not a user's option: its written forms are still read."""
    from eventcoder.ingest import read_paths

    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"doc_id": "a", "text": "Tokayev met Mirziyoyev.", "published": "March 3 2026"})
                    + "\n", encoding="utf-8")
    (article,) = read_paths([path])
    assert article.published.isoformat() == "2026-03-03"


# -- 20: plain words in help; a wrong choice names the choices and the nearest --------------------------------


def all_commands() -> list[list[str]]:
    """Every command path of ``eventcoder``: [], ["code"], ..., ["actors", "lookup"]."""
    def walk(command, path):
        yield path
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            yield from walk(sub, [*path, name])
    return list(walk(typer.main.get_command(app), []))


def test_every_help_uses_plain_words():
    commands = all_commands()
    assert ["code"] in commands and ["serve"] in commands and ["actors", "lookup"] in commands
    assert len(commands) >= 17
    for path in commands:
        result = CliRunner().invoke(app, [*path, "--help"], terminal_width=200)
        assert result.exit_code == 0, path
        text = result.stdout
        placeholders = set(re.findall(r"<[^<>\s]*>", text)) - {"<TAB>"}
        assert not placeholders, (path, placeholders)
        assert not re.search(r"\{[A-Z_]+\}", text), (path, text.splitlines()[0])
    code = CliRunner().invoke(app, ["code", "--help"], terminal_width=200).stdout
    assert "code [OPTIONS] PATH..." in code and re.search(r"^  PATH\.\.\.\s+Article files", code, re.M)
    for shown in ("--format jsonl|csv|table", "--db FILE", "--workers N", "--output FILE", "--dask ADDRESS",
                  "--lexicon-mode add|replace"):
        assert shown in code, shown
    serve = CliRunner().invoke(app, ["serve", "--help"], terminal_width=200).stdout
    assert "--host HOST" in serve and "--port PORT" in serve and "--api-key KEY" in serve
    lookup = CliRunner().invoke(app, ["actors", "lookup", "--help"], terminal_width=200).stdout
    assert "lookup [OPTIONS] [TEXT]..." in lookup and "--date YYYY-MM-DD" in lookup


@pytest.mark.parametrize(("args", "message"), [
    (["events", "--format", "json"], "error: --format json: choose jsonl, csv or table (did you mean jsonl?)"),
    (["code", "x.txt", "-f", "tabel"], "error: --format tabel: choose jsonl, csv or table (did you mean table?)"),
    (["export", "--format", "gdelt2", "-o", "x"],
     "error: --format gdelt2: choose gdelt, icews, polecat, csv, jsonl or parquet (did you mean gdelt?)"),
    (["stats", "--by", "quarter"], "error: --by quarter: choose day, week, month or year"),
    (["actors", "lookup", "x", "--format", "csv"], "error: --format csv: choose table or jsonl"),
    (["code", "x.txt", "--conventions", "petr"], "error: --conventions petr: choose news or petrarch (did you mean "
                                                 "petrarch?)"),
])
def test_a_wrong_choice_names_the_choices_and_the_nearest(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stderr == message + "\n"
    assert list(tmp_path.iterdir()) == []
