"""Arguments at the Python API boundary: one path is one path, a store may be given as a path, and arguments
of the wrong type are a TypeError naming the argument (not an AttributeError from deep inside)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import eventcoder
from eventcoder.actors import lookup
from eventcoder.batch import FeedWatcher, code_batch, code_batch_on_dask
from eventcoder.ingest import read_paths
from eventcoder.options import CoderOptions
from eventcoder.store import EventStore

# Written for these tests.
VISIT = ("YEREVAN, May 6 (Caucasus Wire) -- Armenian Foreign Minister Ararat Mirzoyan met Georgian Foreign "
         "Minister Maka Botchorishvili in Yerevan on Wednesday.\n")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    arts = tmp_path / "arts"
    arts.mkdir()
    (arts / "visit.txt").write_text(VISIT, encoding="utf-8")
    (arts / "visit2.txt").write_text(VISIT.replace("Wednesday", "Thursday"), encoding="utf-8")
    return arts


def test_arguments_one_str_or_path_is_one_path(folder: Path):
    for paths in (str(folder), folder):
        results = list(eventcoder.code_files(paths))
        assert [r.article.doc_id for r in results] == ["visit.txt", "visit2.txt"]
        assert [(r.cameo_code, r.source_code, r.target_code) for r in results[0].records] == [
            ("040", "ARMGOV", "GEOGOV"), ("040", "GEOGOV", "ARMGOV")]  # a meeting: coded both ways
    assert [a.doc_id for a in read_paths(folder / "visit.txt")] == ["visit.txt"]


def test_arguments_code_batch_opens_a_store_given_as_a_path(folder: Path, tmp_path: Path):
    db = tmp_path / "x.duckdb"
    first = code_batch([folder], str(db))
    again = code_batch(folder, db)
    assert (first.coded, first.events, first.store_path) == (2, 4, str(db))
    assert (again.coded, again.unchanged) == (0, 2)
    with EventStore(db, read_only=True) as store:  # closed after the batch: it opens again
        assert store.count_articles() == 2


@pytest.mark.parametrize("store", [42, b"x.duckdb", ["x.duckdb"]])
def test_arguments_code_batch_refuses_another_store(folder: Path, store):
    with pytest.raises(TypeError, match=r"^store must be an eventcoder.EventStore, a path to one or None, got "):
        code_batch(folder, store)


def test_arguments_feed_watcher_says_to_pass_an_event_store(tmp_path: Path):
    with pytest.raises(TypeError, match=r"store must be an eventcoder.EventStore: pass eventcoder.EventStore"
                                        r"\('news.duckdb'\)"):
        FeedWatcher(["feed.rss"], "news.duckdb")


@pytest.mark.parametrize("options", [{"lexicon_files": ["my_verbs.tsv"]}, "en_core_web_sm", ["a.tsv"]])
def test_arguments_options_must_be_coder_options(folder: Path, tmp_path: Path, options):
    message = r"^options must be an eventcoder.CoderOptions \(CoderOptions\(lexicon_files=...\), not a "
    with pytest.raises(TypeError, match=message + type(options).__name__):
        code_batch(folder, options=options)
    with pytest.raises(TypeError, match=message):
        code_batch_on_dask(folder, tmp_path / "parts", "local:1", options=options)
    with pytest.raises(TypeError, match=message):
        FeedWatcher(["feed.rss"], None, options)
    assert not (tmp_path / "parts").exists()


@pytest.mark.parametrize(("settings", "message"), [
    ({"lexicon_files": b"ab"}, "lexicon_files must be a path (str or pathlib.Path) or an iterable of them, got bytes"),
    ({"knowledge_files": 7}, "knowledge_files must be a path (str or pathlib.Path) or an iterable of them, got int"),
    ({"petrarch_actors": [b"a.txt"]}, "petrarch_actors must be paths (str or pathlib.Path), got b'a.txt'"),
    ({"petrarch_agents": ["a.txt", None]}, "petrarch_agents must be paths (str or pathlib.Path), got None"),
    ({"english_only": "no"}, "english_only must be True or False, got 'no'"),
    ({"english_only": 1}, "english_only must be True or False, got 1"),
])
def test_arguments_coder_options_refuse_bad_types(settings: dict, message: str):
    with pytest.raises(TypeError) as caught:
        CoderOptions(**settings)
    assert str(caught.value) == message


def test_arguments_coder_options_keep_good_paths(tmp_path: Path):
    options = CoderOptions(lexicon_files=(p for p in [tmp_path / "a.tsv", "b.tsv"]), knowledge_files="c.csv",
                           english_only=False)
    assert options.lexicon_files == (str(tmp_path / "a.tsv"), "b.tsv") and options.knowledge_files == ("c.csv",)
    assert options.english_only is False


@pytest.mark.parametrize("text", [None, b"Tokayev met Mirziyoyev.", 3])
def test_arguments_code_text_needs_a_str(text):
    with pytest.raises(TypeError, match=f"^text must be a str, got {type(text).__name__}$"):
        eventcoder.code_text(text)


def test_arguments_lookup_takes_today_and_refuses_a_year():
    today = lookup("Armenian Foreign Minister Ararat Mirzoyan", "today")
    assert today.date == date.today() and today.code == "ARMGOV"
    assert lookup("Armenian Foreign Minister Ararat Mirzoyan", " Today ").date == date.today()
    assert lookup("Armenian Foreign Minister Ararat Mirzoyan", "2025-11-19").date == date(2025, 11, 19)
    with pytest.raises(TypeError, match="^on must be a date, an ISO date string or 'today', got int$"):
        lookup("Armenian Foreign Minister Ararat Mirzoyan", 2025)
    with pytest.raises(TypeError, match="^text must be a str, got NoneType$"):
        lookup(None)
    with pytest.raises(ValueError):
        lookup("Armenian Foreign Minister Ararat Mirzoyan", "yesterday")
