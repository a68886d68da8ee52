"""What one text can do to the coder (issue 17, findings 6, 8 and 9): publication dates at the ends of the
calendar, lone surrogates, and articles over the per-article limits (eventcoder.limits). Each case is built
here; each asserts the one-line error, the exit status, that the batch went on and that the store is whole."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from eventcoder.cli import app
from eventcoder.ingest import parse_article
from eventcoder.limits import DEFAULT_LIMITS, ArticleLimits, ArticleTooLarge, check_article
from eventcoder.model import Article, Segment
from eventcoder.pipeline import code_text, get_coder
from eventcoder.web import create_app
from eventcoder.when import past_span, resolve_date

# Written for these tests: one meeting, dated by the word "yesterday"; a second one by "last Tuesday".
MET = ("BISHKEK (Steppe Wire) -- Kyrgyz President Sadyr Japarov met Chinese Foreign Minister Wang Yi "
       "yesterday.")
RELATIVE = (f"{MET}\n\nKazakh President Kassym-Jomart Tokayev met Uzbek President Shavkat Mirziyoyev last "
            "Tuesday. He will visit Moscow next week and met Putin on Dec. 31. Last year he visited Beijing; in two "
            "months he will return. Three days ago he spoke with Erdogan, and tomorrow he meets Aliyev.")
RELATIVE_WORDS = ["yesterday", "tomorrow", "next week", "last year", "in two months", "Tuesday", "last Tuesday",
                  "next Tuesday", "Dec. 31", "Jan. 2", "3 days ago", "two years ago", "three months earlier",
                  "in the past two years", "over the last decade", "last month", "in April", "in December",
                  "in 2 days", "the day before yesterday"]


def invoke(*args: str | Path):
    result = CliRunner().invoke(app, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def stored(db: Path) -> tuple[list[str], dict[str, int]]:
    """The doc_ids of the stored articles, and the mention rows of each."""
    with duckdb.connect(str(db), read_only=True) as con:
        docs = [r[0] for r in con.execute("SELECT doc_id FROM articles ORDER BY doc_id").fetchall()]
        rows = dict(con.execute("SELECT doc_id, count(*) FROM mentions GROUP BY doc_id").fetchall())
    return docs, rows


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("error:")]


# -- dates at the ends of the calendar (finding 9) ---------------------------------------------------------------


@pytest.mark.parametrize("reference", [date.min, date(1, 1, 2), date(1, 2, 15), date(9999, 12, 28), date.max])
def test_hostile_relative_dates_outside_the_calendar_resolve_to_nothing(reference: date):
    for words in RELATIVE_WORDS:
        when = resolve_date(words, reference)
        assert when is None or date.min <= when <= date.max
        span = past_span(words, reference)
        assert span is None or span[0] <= span[1]
    assert resolve_date("yesterday", date.min) is None
    assert resolve_date("tomorrow", date.max) is None and resolve_date("next Tuesday", date.max) is None
    assert resolve_date("yesterday", date(1, 1, 2)) == date.min
    assert resolve_date("Dec. 31", date.max) == date.max and resolve_date("Jan. 2", date.max) == date(9999, 1, 2)
    assert past_span("last year", date.min) is None and past_span("two years ago", date(1, 6, 1)) is None
    assert past_span("in December", date.max) == (date(9999, 12, 1), date.max)


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01", date.max, date.min, date(1, 1, 2)])
def test_hostile_extreme_publication_dates_code_without_error(published):
    records = code_text(RELATIVE, published=published)
    meeting = [r for r in records if r.source_code == "KGZGOV" and r.cameo_code == "040"]
    assert meeting, [(r.cameo_code, r.source_code, r.target_code) for r in records]
    day = date.fromisoformat(published) if isinstance(published, str) else published
    yesterday = None if day == date.min else date.fromordinal(day.toordinal() - 1).isoformat()
    assert {r.event_date for r in meeting} == {yesterday}


def test_hostile_jsonl_batch_at_the_ends_of_the_calendar_is_stored_whole(tmp_path: Path):
    path, db = tmp_path / "dates.jsonl", tmp_path / "dates.duckdb"
    days = ["0001-01-01", "0001-01-02", "9999-12-31"]
    path.write_text("".join(json.dumps({"doc_id": f"d{i}", "text": MET, "published": day}) + "\n"
                            for i, day in enumerate(days)), encoding="utf-8")
    result = invoke("code", path, "--db", db, "-f", "jsonl", "-o", tmp_path / "out.jsonl")
    assert result.exit_code == 0, result.output
    assert error_lines(result.output) == [] and "3 articles: 3 coded, 0 failed" in result.output
    with duckdb.connect(str(db), read_only=True) as con:
        published = con.execute("SELECT doc_id, published FROM articles ORDER BY doc_id").fetchall()
        dated = con.execute("SELECT DISTINCT doc_id, event_date FROM mentions ORDER BY doc_id").fetchall()
    assert published == [(f"d{i}", date.fromisoformat(day)) for i, day in enumerate(days)]
    assert dated == [("d0", None), ("d1", date.min), ("d2", date(9999, 12, 30))]


def test_hostile_bad_date_string_is_the_documented_value_error():
    with pytest.raises(ValueError, match="bad 'published' value '10000-01-01'"):
        code_text(MET, published="10000-01-01")


# -- lone surrogates (finding 6) ---------------------------------------------------------------------------------


def test_hostile_lone_surrogate_is_read_as_the_replacement_character():
    text = MET.replace("met", "met \ud800", 1)
    article = parse_article("s\udfff", text, headline="head\udbff", outlet="\ud800", url="http://x/\ud800")
    assert article.text == MET.replace("met", "met \ufffd", 1) and len(article.text) == len(text)
    assert (article.doc_id, article.headline, article.outlet, article.url) == (
        "s\ufffd", "head\ufffd", "\ufffd", "http://x/\ufffd")
    assert len(article.content_hash) == 64
    records = code_text(text, published="2025-11-20")
    assert [(r.cameo_code, r.source_code, r.target_code) for r in records][:1] == [("040", "KGZGOV", "CHNGOV")]
    assert "\ufffd" in records[0].sentence


def test_hostile_jsonl_batch_with_a_lone_surrogate_codes_every_line(tmp_path: Path):
    path, db = tmp_path / "batch.jsonl", tmp_path / "s.duckdb"
    good = json.dumps({"doc_id": "good1", "text": MET, "published": "2025-11-20"})
    # json.dumps would escape the surrogate the same way; written out so that the test shows the bytes
    bad = '{"doc_id": "sur", "text": "' + MET.replace("met", "met \\ud800", 1) + '", "published": "2025-11-20"}'
    path.write_text("\n".join([good, bad, good.replace("good1", "good2")]) + "\n", encoding="utf-8")
    result = invoke("code", path, "--db", db, "-f", "jsonl", "-o", tmp_path / "out.jsonl")
    assert result.exit_code == 0, result.output
    assert error_lines(result.output) == []
    assert "3 articles: 3 coded, 0 failed" in result.output
    docs, rows = stored(db)
    assert docs == ["good1", "good2", "sur"] and rows["sur"] == rows["good1"] > 0
    with duckdb.connect(str(db), read_only=True) as con:
        sentence = con.execute("SELECT sentence FROM mentions WHERE doc_id = 'sur' LIMIT 1").fetchone()[0]
    assert "met \ufffd Chinese" in sentence


# -- per-article limits (finding 8) ------------------------------------------------------------------------------


def test_hostile_limits_are_one_frozen_object_with_documented_numbers():
    assert (DEFAULT_LIMITS.characters, DEFAULT_LIMITS.sentences, DEFAULT_LIMITS.token_characters) == (
        500_000, 5_000, 1_000)
    assert DEFAULT_LIMITS.characters < get_coder().nlp.max_length
    with pytest.raises(ValueError, match="characters must be a positive int"):
        ArticleLimits(characters=0)
    with pytest.raises(AttributeError):
        DEFAULT_LIMITS.characters = 1  # type: ignore[misc]


def test_hostile_huge_article_in_a_batch_is_one_line_and_the_batch_goes_on(tmp_path: Path):
    folder, db = tmp_path / "in", tmp_path / "big.duckdb"
    folder.mkdir()
    (folder / "a.txt").write_text(MET + "\n", encoding="utf-8")
    paragraph = "The minister met the president in the capital on Monday and spoke of trade. " * 40
    big = "\n\n".join([paragraph] * 850)  # about 2.6 MB, 34,000 sentences
    (folder / "big.txt").write_text(big, encoding="utf-8")
    (folder / "c.txt").write_text(MET.replace("Kyrgyz", "Kazakh").replace("Sadyr Japarov", "Tokayev") + "\n",
                                  encoding="utf-8")
    result = invoke("code", folder, "--db", db, "-f", "jsonl", "-o", tmp_path / "out.jsonl")
    assert result.exit_code == 1, result.output
    assert error_lines(result.output) == [f"error: big.txt: {len(big):,} characters, over the limit of 500,000"]
    assert len(big) > 2_500_000 and "3 articles: 2 coded, 1 failed" in result.output
    docs, rows = stored(db)
    assert docs == ["a.txt", "c.txt"] and rows["a.txt"] > 0 and rows["c.txt"] > 0


def test_hostile_run_without_spaces_is_refused_before_the_parse(monkeypatch):
    coder = get_coder()

    def no_parse(*_args, **_kwargs):
        raise AssertionError("the parser was called")

    monkeypatch.setattr(coder.nlp, "pipe", no_parse)
    article = parse_article("paren", "(" * 25_000)
    with pytest.raises(ArticleTooLarge, match=r"^paren: 25,000 characters without a space, over the limit of 1,000$"
                       ) as caught:
        coder.code(article)
    assert caught.value.limit == "token_characters" and caught.value.doc_id == "paren"
    [result] = coder.code_group([article])
    assert isinstance(result, ArticleTooLarge) and result.limit == "token_characters"


def test_hostile_many_sentences_are_refused_and_the_limits_can_be_raised():
    text = "He met her. " * 6_000
    with pytest.raises(ArticleTooLarge, match=r"^many: 6,000 sentences, over the limit of 5,000$"):
        code_text(text, doc_id="many")
    with pytest.raises(ArticleTooLarge, match=r"^few: 4 sentences, over the limit of 3$"):
        code_text(MET + " " + MET + "\n\nHe left. She stayed.", doc_id="few", limits=ArticleLimits(sentences=3))
    assert code_text(MET, published="2025-11-20", limits=ArticleLimits(sentences=3))


def test_hostile_paragraph_over_the_parser_limit_is_named():
    text = "a " * 600_000
    article = Article(doc_id="long", text=text, segments=[Segment(text, 0)])
    with pytest.raises(ArticleTooLarge, match=r"^long: 1,200,000 characters in one paragraph \(split it at blank "
                                              r"lines\), over the limit of 1,000,000$"):
        check_article(article, ArticleLimits(characters=2_000_000), paragraph_max=1_000_000)
    with pytest.raises(ArticleTooLarge, match=r"^long: 1,200,000 characters, over the limit of 500,000$"):
        check_article(article)


def test_hostile_http_api_answers_400_for_an_article_over_the_limits(tmp_path: Path):
    client = TestClient(create_app(tmp_path / "api.duckdb"))
    paren = client.post("/api/v1/code", json={"text": "(" * 25_000, "doc_id": "paren"})
    assert paren.status_code == 400
    assert "paren: 25,000 characters without a space, over the limit of 1,000" in paren.text
    dated = client.post("/api/v1/code", json={"text": MET, "published": "0001-01-01"})
    assert dated.status_code == 200, dated.text
