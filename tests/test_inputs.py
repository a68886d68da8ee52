"""Inputs beyond text and JSON Lines: .jsonl.gz, glob patterns, HTML pages, RSS/Atom feeds (files and a feed
served over HTTP for ``watch``), and articles not in English skipped with a message."""

from __future__ import annotations

import gzip
import http.server
import json
import threading
from datetime import date
from functools import partial
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventcoder.cli import app
from eventcoder.ingest import IngestError, count_articles, read_paths
from eventcoder.language import detect_language
from eventcoder.model import Article
from eventcoder.store import EventStore
from eventcoder.pages import html_text

ROOT = Path(__file__).resolve().parents[1]
FEED = ROOT / "examples" / "feeds" / "steppe-wire.rss"
PAGE = ROOT / "examples" / "pages" / "astana-talks.html"

MEETING = ("BISHKEK, Nov. 19 (Xinhua) -- Kyrgyz President Sadyr Japarov met here Wednesday with Chinese Foreign "
           "Minister Wang Yi. The two sides signed an agreement on trade.")
SPANISH = ("MADRID, 19 nov -- El presidente del Gobierno español se reunió el miércoles con el ministro de Asuntos "
           "Exteriores de Marruecos para hablar de la cooperación en materia de migración y del comercio entre "
           "los dos países, informó el Gobierno en un comunicado.")
CHINESE = ("新华社北京11月19日电 国家主席习近平19日在人民大会堂会见来访的吉尔吉斯斯坦总统扎帕罗夫。两国元首就双边关系"
           "和共同关心的国际地区问题深入交换意见，并签署了经贸合作协议。")


def invoke(*args: str | Path):
    result = CliRunner().invoke(app, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def jsonl_gz(path: Path, lines: list[str]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    return path


def row(doc_id: str, text: str = MEETING) -> str:
    return json.dumps({"doc_id": doc_id, "text": text, "published": "2025-11-20"}, ensure_ascii=False)


# -- compressed JSON Lines and glob patterns ----------------------------------------------------------


def test_inputs_jsonl_gz_corrupt_line_is_reported_with_its_number_and_the_rest_is_coded(tmp_path: Path):
    path = jsonl_gz(tmp_path / "day.jsonl.gz", [row("a"), '{"doc_id": "b", "text": "cut off', row("c")])
    result = invoke("code", path, "--no-db", "--format", "jsonl")
    assert result.exit_code == 1
    assert "error: day.jsonl.gz line 2: not valid JSON" in result.stderr
    doc_ids = {json.loads(line)["doc_id"] for line in result.stdout.splitlines()}
    assert doc_ids == {"a", "c"}
    assert "3 articles: 2 coded, 1 failed" in result.stderr.splitlines()[-1]


def test_inputs_truncated_gzip_keeps_what_was_read_and_names_the_line(tmp_path: Path):
    whole = jsonl_gz(tmp_path / "whole.jsonl.gz", [row(f"story-{i}") for i in range(40)]).read_bytes()
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    items = list(read_paths([cut]))
    articles = [i for i in items if isinstance(i, Article)]
    (error,) = [i for i in items if isinstance(i, IngestError)]
    assert 0 < len(articles) < 40
    assert error.line == len(articles) + 1
    assert "compressed file is corrupt or cut short" in error.message


def test_inputs_glob_patterns_expand_in_sorted_order(tmp_path: Path):
    for name in ("b.jsonl.gz", "a.jsonl.gz"):
        jsonl_gz(tmp_path / name, [row(name.split(".")[0])])
    (tmp_path / "notes.md").write_text("not matched", encoding="utf-8")
    items = list(read_paths([str(tmp_path / "*.jsonl.gz"), str(tmp_path / "*.nothing")]))
    assert [i.doc_id for i in items] == ["a", "b", str(tmp_path / "*.nothing")]
    assert items[2].message == "no file matches this pattern"
    assert count_articles([str(tmp_path / "*.jsonl.gz")]) == 2
    assert count_articles([FEED]) is None


# -- HTML pages --------------------------------------------------------------------------------------


def test_inputs_html_page_gives_main_text_and_metadata():
    (article,) = read_paths([PAGE])
    assert article.doc_id == "astana-talks.html"
    assert article.headline == "Kazakh and Mongolian ministers hold talks in Astana"
    assert article.published == date(2026, 3, 4)
    assert article.url == "https://steppe-wire.example/2026/03/astana-talks"
    assert article.outlet == "Steppe Wire"
    assert article.dateline is not None and article.dateline.place == "Astana"
    body = [s.text for s in article.segments if s.kind == "body"]
    assert body[0].startswith("Kazakh Foreign Minister Nurlan Abenov held talks here Wednesday")
    assert len(body) == 3
    assert "Most read" not in article.text and "Home" not in article.text  # menus and asides left out


def test_inputs_html_page_is_coded(tmp_path: Path):
    result = invoke("code", PAGE, "--no-db", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    meetings = [r for r in records if r["cameo_code"] == "040"]
    assert {(r["source_code"], r["target_code"]) for r in meetings} >= {("KAZGOV", "MNGGOV")}
    assert meetings[0]["event_date"] == "2026-03-04" and meetings[0]["location_country"] == "KAZ"


def test_inputs_html_without_text_is_an_error(tmp_path: Path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>Nothing</title></head><body></body></html>", encoding="utf-8")
    (item,) = read_paths([page])
    assert isinstance(item, IngestError) and item.message == "no article text found in the HTML page"


def test_inputs_html_fragment_to_paragraphs():
    assert html_text("<p>One &amp; two.</p><p>Three<br>four</p>") == "One & two.\n\nThree\n\nfour"


# -- feeds -------------------------------------------------------------------------------------------


def test_inputs_rss_file_gives_one_article_per_item():
    items = list(read_paths([FEED]))
    assert [i.doc_id for i in items] == ["steppe-wire-2026-0311-01", "steppe-wire-2026-0312-02",
                                         "steppe-wire-2026-0313-03"]
    first = items[0]
    assert first.headline == "Kyrgyz and Tajik foreign ministers meet on border talks"
    assert first.published == date(2026, 3, 11) and first.outlet == "Steppe Wire"
    assert first.url == "https://steppe-wire.example/2026/03/kyrgyz-tajik-talks"
    assert [s.kind for s in first.segments] == ["body", "body"]  # content:encoded paragraphs
    assert first.dateline is not None and first.dateline.country == "KGZ"
    assert items[1].text.startswith("ULAANBAATAR, March 12")  # <description> when there is no content


def test_inputs_atom_feed_and_a_file_that_is_no_feed(tmp_path: Path):
    atom = tmp_path / "news.atom"
    atom.write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:atom-desk</id>
<updated>2025-11-20T08:00:00Z</updated>
<entry><title>Talks</title><id>urn:atom-desk:1</id><updated>2025-11-20T08:00:00Z</updated>
<link href="https://atom-desk.example/1"/><summary>{MEETING}</summary></entry></feed>""", encoding="utf-8")
    (article,) = read_paths([atom])
    assert (article.doc_id, article.outlet, article.published) == ("urn:atom-desk:1", "Atom Desk", date(2025, 11, 20))
    junk = tmp_path / "junk.rss"
    junk.write_text("this is not xml at all", encoding="utf-8")
    (error,) = read_paths([junk])
    assert isinstance(error, IngestError) and "not an RSS or Atom feed" in error.message


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # no request lines on stderr
        pass


@pytest.fixture
def feed_server(tmp_path: Path):
    """A local http.server serving tmp_path/site; yields (folder, base URL)."""
    site = tmp_path / "site"
    site.mkdir()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _item(n: int, text: str) -> str:
    return (f"<item><title>Story {n}</title><guid>wire-{n}</guid><link>https://wire.example/{n}</link>"
            f"<pubDate>Thu, 20 Nov 2025 08:00:00 GMT</pubDate><description><![CDATA[{text}]]></description></item>")


def _write_feed(site: Path, items: list[str]) -> None:
    (site / "feed.xml").write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
                                   f'{"".join(items)}</channel></rss>', encoding="utf-8")


def test_inputs_watch_codes_only_new_items_of_a_served_feed(tmp_path: Path, feed_server):
    site, base = feed_server
    db, out = tmp_path / "watch.duckdb", tmp_path / "new.jsonl"
    url = f"{base}/feed.xml"
    _write_feed(site, [_item(1, MEETING), _item(2, SPANISH)])
    first = invoke("watch", url, "--once", "--db", db, "--output", out)
    assert first.exit_code == 0, first.output
    assert "skipped: wire-2 line" not in first.stderr and "skipped: wire-2: the text looks Spanish" in first.stderr
    assert "poll 1: 2 articles: 1 coded, 0 failed, 1 not in English" in first.stderr
    assert {json.loads(line)["doc_id"] for line in out.read_text().splitlines()} == {"wire-1"}

    _write_feed(site, [_item(3, MEETING.replace("Wednesday", "Thursday")), _item(1, MEETING)])
    second = invoke("watch", url, "--once", "--db", db, "--output", out)
    assert second.exit_code == 0, second.output
    assert "poll 1: 1 article: 1 coded, 0 failed" in second.stderr and "1 seen before" in second.stderr
    assert {json.loads(line)["doc_id"] for line in out.read_text().splitlines()} == {"wire-3"}
    with EventStore(db, read_only=True) as store:
        assert {a["doc_id"] for a in store.articles()} == {"wire-1", "wire-3"}


def test_inputs_watch_unreachable_feed_is_an_error(tmp_path: Path, feed_server):
    _site, base = feed_server
    result = invoke("watch", f"{base}/missing.xml", "--once", "--db", tmp_path / "w.duckdb")
    assert result.exit_code == 1
    assert f"error: {base}/missing.xml: cannot fetch the feed (HTTP 404 File not found)" in result.stderr


# -- languages ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "code", "english"), [
    (SPANISH, "es", False),
    (CHINESE, "zh", False),
    (MEETING, "en", True),
    ("Kazakh President Kassym-Jomart Tokayev met Uzbek President Shavkat Mirziyoyev in Tashkent.", "en", True),
    ("Japarov met Wang Yi.", "en", True),  # too short to judge: coded
])
def test_inputs_language_detection(text: str, code: str, english: bool):
    found = detect_language(text)
    assert (found.code, found.english) == (code, english)


def test_inputs_spanish_and_chinese_articles_are_skipped_with_a_message(tmp_path: Path):
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([row("en-1"), row("es-1", SPANISH), row("zh-1", CHINESE)]) + "\n", encoding="utf-8")
    db = tmp_path / "mixed.duckdb"
    result = invoke("code", path, "--db", db, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert "skipped: es-1 line 2: the text looks Spanish (es, p=" in result.stderr
    assert "skipped: zh-1 line 3: the text looks Chinese (zh, p=" in result.stderr
    assert "3 articles: 1 coded, 0 failed, skipped 0 unchanged, 2 not in English;" in result.stderr
    assert {json.loads(line)["doc_id"] for line in result.stdout.splitlines()} == {"en-1"}
    with EventStore(db, read_only=True) as store:
        assert [a["doc_id"] for a in store.articles()] == ["en-1"]
    path.write_text("\n".join([row("en-1"), row("es-1", SPANISH)]) + "\n", encoding="utf-8")
    anyway = invoke("code", path, "--no-db", "--format", "jsonl", "--any-language")
    assert "skipped" not in anyway.stderr and "2 articles: 2 coded, 0 failed; " in anyway.stderr


# -- progress and summary ----------------------------------------------------------------------------


def test_inputs_progress_bar_shows_rate_and_eta_on_a_terminal_only():
    import io

    from rich.console import Console

    from eventcoder.cli_code import Progress

    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)
    now = [0.0]
    with Progress(8, enabled=True, console=console, clock=lambda: now[0]) as bar:
        for _ in range(4):
            bar.read()
            bar.advance()
        now[0] = 4.0  # a rate once it means something (tests/test_first_hour.py)
        bar._bar.refresh()
    drawn = screen.getvalue()
    assert "4/8 read, 4 done, 1.0 articles/s, ETA 0:00:04" in drawn
    assert Progress(4).enabled is False  # pytest's stderr is no terminal: no bar


def test_inputs_summary_without_a_terminal_is_one_line(tmp_path: Path):
    result = invoke("code", PAGE, "--no-db", "--format", "jsonl", "--output", tmp_path / "out.jsonl")
    assert result.exit_code == 0
    (line,) = result.stderr.splitlines()
    assert line.startswith("1 article: 1 coded, 0 failed; ") and " s, " in line and line.endswith("articles/s")


def test_inputs_url_of_an_html_page_gives_its_article(feed_server):
    site, base = feed_server
    (site / "story.html").write_bytes(PAGE.read_bytes())
    (article,) = read_paths([f"{base}/story.html"])
    assert article.doc_id == f"{base}/story.html"
    assert article.headline == "Kazakh and Mongolian ministers hold talks in Astana"
    assert article.url == "https://steppe-wire.example/2026/03/astana-talks"  # the page's canonical link
