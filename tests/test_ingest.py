"""Tests for eventcoder.ingest: splitting articles into segments, datelines, file reading errors."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from eventcoder.ingest import IngestError, parse_article, parse_dateline, read_paths
from eventcoder.model import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

WIRE = """Tajik, Kyrgyz ministers discuss water sharing

(Xinhua) 09:15, October 8, 2025

Tajik Foreign Minister Sirojiddin Muhriddin (R) greets his Kyrgyz counterpart in Dushanbe, Tajikistan, Oct. 7, 2025. (Photo by Someone/Xinhua)

DUSHANBE, Oct. 7 (Xinhua) -- Tajikistan and Kyrgyzstan agreed here Tuesday to set up a joint water commission.

The two ministers also discussed border roads.
"""


def _check_offsets(article: Article) -> None:
    for segment in article.segments:
        assert article.text[segment.start : segment.start + len(segment.text)] == segment.text


# --------------------------------------------------------------------------- parse_article


def test_ingest_wire_article_kinds_and_metadata() -> None:
    article = parse_article("w.txt", WIRE)
    assert [s.kind for s in article.segments] == ["headline", "caption", "body", "body"]
    assert article.headline == "Tajik, Kyrgyz ministers discuss water sharing"
    assert article.published == date(2025, 10, 8)
    assert article.outlet == "Xinhua"
    _check_offsets(article)


def test_ingest_caption_credit_removed() -> None:
    caption = parse_article("w.txt", WIRE).segments[1]
    assert caption.text.endswith("Oct. 7, 2025.")
    assert "Photo by" not in caption.text


def test_ingest_dateline_cut_from_body() -> None:
    article = parse_article("w.txt", WIRE)
    body = article.segments[2]
    assert body.text.startswith("Tajikistan and Kyrgyzstan agreed")
    assert article.dateline is not None
    assert article.dateline.text == "DUSHANBE, Oct. 7 (Xinhua) --"
    assert (article.dateline.place, article.dateline.country) == ("Dushanbe", "TJK")
    assert article.dateline.date == date(2025, 10, 7)
    assert article.dateline.outlet == "Xinhua"
    assert article.reference_date == date(2025, 10, 7)


def test_ingest_broken_publication_line_without_parenthesis() -> None:
    text = "Leaders meet in Astana\n\nXinhua) 07:57, November 20, 2025\n\nASTANA, Nov. 19 (Xinhua) -- Talks were held.\n"
    article = parse_article("b.txt", text)
    assert article.published == date(2025, 11, 20)
    assert article.outlet == "Xinhua"
    assert [s.kind for s in article.segments] == ["headline", "body"]
    assert article.dateline.date == date(2025, 11, 19)


def test_ingest_bare_date_line_sets_published() -> None:
    text = "Ministers hold phone talk\n\nFebruary 5, 2026\n\n1. Minister Ito stated that ties matter.\n\n2. Minister Lee agreed.\n"
    article = parse_article("m.txt", text)
    assert article.published == date(2026, 2, 5)
    assert [s.text for s in article.segments] == [
        "Ministers hold phone talk",
        "Minister Ito stated that ties matter.",
        "Minister Lee agreed.",
    ]
    assert article.dateline is None
    _check_offsets(article)


def test_ingest_metadata_block_before_headline() -> None:
    text = (
        "Council of Ministers\nPress release\n23 February 2026\n\n"
        "Council adopts new trade rules\n\n"
        "The Council today adopted new rules.\n\nBackground\n\nThe rules were proposed in 2025.\n"
    )
    article = parse_article("p.txt", text)
    assert article.published == date(2026, 2, 23)
    assert article.outlet == "Council of Ministers"
    assert article.headline == "Council adopts new trade rules"
    assert [s.kind for s in article.segments] == ["headline", "body", "body"]
    assert "Background" not in [s.text for s in article.segments]


@pytest.mark.parametrize(
    ("paragraph", "place", "country", "day", "outlet"),
    [
        ("BISHKEK, Nov. 19 (Xinhua) -- Talks.", "Bishkek", "KGZ", date(2025, 11, 19), "Xinhua"),
        ("KYIV, Nov 3 (Reuters) - Drones hit.", "Kyiv", "UKR", date(2025, 11, 3), "Reuters"),
        ("DUSHANBE, Feb 24 (Reuters) - Gunmen fired.", "Dushanbe", "TJK", date(2025, 2, 24), "Reuters"),
        ("NAIROBI, Kenya (AP) — Fighters attacked.", "Nairobi", "KEN", None, "AP"),
        ("BISHKEK, Kyrgyzstan (AP) — Police acted.", "Bishkek", "KGZ", None, "AP"),
        ("ASTANA, March 3 (Xinhua) -- Leaders met.", "Astana", "KAZ", date(2025, 3, 3), "Xinhua"),
        ("WASHINGTON (Reuters) - Officials said.", "Washington", "USA", None, "Reuters"),
        ("LONDON, June 2 (AFP) - Police said.", "London", "GBR", date(2025, 6, 2), "AFP"),
        ("ULAN BATOR, Dec. 9 (Xinhua) -- Agency said.", "Ulan Bator", "MNG", date(2025, 12, 9), "Xinhua"),
        ("MOSCOW, Idaho (AP) — A mayor said.", "Moscow", "USA", None, "AP"),
    ],
)
def test_ingest_dateline_forms(paragraph: str, place: str, country: str, day: date | None, outlet: str) -> None:
    found = parse_dateline(paragraph, date(2025, 12, 20))
    assert found is not None
    dateline, offset = found
    assert (dateline.place, dateline.country, dateline.date, dateline.outlet) == (place, country, day, outlet)
    assert paragraph[offset].isupper()
    assert dateline.text == paragraph[:offset].rstrip()


@pytest.mark.parametrize(
    "paragraph",
    ["Russia - Ukraine talks resumed.", "ECOWAS (the bloc) - said it would act.", "The minister said - nothing.",
     "NATO said on Monday it would respond."],
)
def test_ingest_not_a_dateline(paragraph: str) -> None:
    assert parse_dateline(paragraph, date(2026, 1, 1)) is None


def test_ingest_dateline_year_boundary() -> None:
    text = "MINSK, Dec. 31 (Xinhua) -- Fireworks were banned.\n"
    article = parse_article("y.txt", text, published="2026-01-01")
    assert article.dateline.date == date(2025, 12, 31)


def test_ingest_ap_dateline_without_published_has_no_date() -> None:
    article = parse_article("ap.txt", "Police detain protesters\n\nBISHKEK, Kyrgyzstan (AP) — Police detained 30.\n")
    assert article.published is None
    assert article.dateline.date is None
    assert article.outlet == "AP"


def test_ingest_dated_dateline_without_published_is_the_latest_such_day() -> None:
    article = parse_article("r.txt", "KYIV, Nov 3 (Reuters) - Drones hit the grid.\n")
    assert article.dateline.place == "Kyiv"
    got = article.dateline.date
    assert (got.month, got.day) == (11, 3) and got <= date.today() + timedelta(days=7)
    assert got > date.today() - timedelta(days=366)


def test_ingest_caption_credit_forms() -> None:
    text = (
        "Ministers meet\n\n"
        "A minister speaks in Tashkent, March 3, 2026. (AP Photo/Some Body)\n\n"
        "Delegates pose for a photo in Beijing. (Xinhua/Li Ming)\n\n"
        "Leaders shake hands in Bishkek, May 14, 2026. (Xinhua)\n\n"
        "(Xinhua/Li Ming) Soldiers march in a parade.\n\n"
        "TASHKENT, March 3 (Xinhua) -- The ministers met.\n"
    )
    article = parse_article("c.txt", text)
    kinds = [s.kind for s in article.segments]
    assert kinds == ["headline", "caption", "caption", "caption", "caption", "body"]
    captions = [s.text for s in article.segments if s.kind == "caption"]
    assert captions == [
        "A minister speaks in Tashkent, March 3, 2026.",
        "Delegates pose for a photo in Beijing.",
        "Leaders shake hands in Bishkek, May 14, 2026.",
        "Soldiers march in a parade.",
    ]
    _check_offsets(article)


def test_ingest_caption_credit_in_middle_is_joined() -> None:
    text = "Headline here\n\nA crowd gathers (Photo by A. Person) near the square.\n\nBody text.\n"
    caption = parse_article("c.txt", text).segments[1]
    assert caption.kind == "caption"
    assert caption.text == "A crowd gathers near the square."
    assert text.startswith("A crowd gathers", caption.start)


@pytest.mark.parametrize(
    ("first_line", "is_headline"),
    [
        ("Kyrgyz president meets Chinese FM on strengthening cooperation", True),
        ("2 killed in airstrikes on southern town", True),
        ("The president met the minister on Tuesday.", False),
        ("Will the talks resume?", False),
        (" ".join(["word"] * 30), False),
    ],
)
def test_ingest_headline_detection(first_line: str, is_headline: bool) -> None:
    article = parse_article("h.txt", f"{first_line}\n\nThe talks went well, officials said.\n")
    assert (article.segments[0].kind == "headline") is is_headline
    assert (article.headline == first_line) is is_headline


def test_ingest_headline_needs_following_text() -> None:
    article = parse_article("h.txt", "Only a short line")
    assert [s.kind for s in article.segments] == ["body"]
    assert article.headline is None


def test_ingest_headline_line_without_blank_is_body() -> None:
    article = parse_article("h.txt", "Talks held in Bishkek\nThe talks went well, officials said.\n")
    assert [s.kind for s in article.segments] == ["body"]


def test_ingest_section_labels_skipped() -> None:
    text = (
        "Central Asia this week\n\nOur weekly round-up.\n\n"
        "KAZAKHSTAN / KYRGYZSTAN\nTroops began an exercise on Wednesday.\n\n"
        "UZBEKISTAN\nThe minister met an envoy.\n"
    )
    article = parse_article("n.txt", text)
    assert [s.text for s in article.segments[2:]] == [
        "Troops began an exercise on Wednesday.",
        "The minister met an envoy.",
    ]
    _check_offsets(article)


def test_ingest_outside_metadata_wins() -> None:
    article = parse_article("x", WIRE, published="2025-10-09", outlet="Wire", headline="Other", url="http://x")
    assert article.published == date(2025, 10, 9)
    assert (article.outlet, article.headline, article.url) == ("Wire", "Other", "http://x")
    assert article.segments[0].kind == "headline"


def test_ingest_bad_published_raises_value_error() -> None:
    with pytest.raises(ValueError, match="published"):
        parse_article("x", "Some text.", published="next Tuesday-ish")


def test_ingest_crlf_text_keeps_offsets() -> None:
    article = parse_article("x", WIRE.replace("\n", "\r\n"))
    assert [s.kind for s in article.segments] == ["headline", "caption", "body", "body"]
    _check_offsets(article)


# --------------------------------------------------------------------------- read_paths


def _one(items: list) -> object:
    assert len(items) == 1
    return items[0]


def test_ingest_read_txt_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(WIRE, encoding="utf-8")
    article = _one(list(read_paths([path])))
    assert isinstance(article, Article)
    assert article.doc_id == "story.txt"
    assert article.published == date(2025, 10, 8)


def test_ingest_read_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    error = _one(list(read_paths([tmp_path / "empty.txt"])))
    assert isinstance(error, IngestError)
    assert str(error) == "empty.txt: the file is empty"


def test_ingest_read_binary_file(tmp_path: Path) -> None:
    (tmp_path / "blob.txt").write_bytes(b"abc\x00def")
    error = _one(list(read_paths([tmp_path / "blob.txt"])))
    assert isinstance(error, IngestError) and "binary" in error.message and "offset 3" in error.message


def test_ingest_read_invalid_utf8_says_which_byte(tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes("Caf\u00e9 talks\n\nLine two.\n".encode("utf-8") + b"Bad \xff byte.\n")
    error = _one(list(read_paths([tmp_path / "latin.txt"])))
    assert isinstance(error, IngestError)
    assert "not valid UTF-8" in error.message and "0xff" in error.message and "line 4" in error.message


def test_ingest_read_missing_path() -> None:
    error = _one(list(read_paths(["/no/such/file.txt"])))
    assert isinstance(error, IngestError)
    assert str(error) == "/no/such/file.txt: no such file or folder"


def test_ingest_read_unsupported_type(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    error = _one(list(read_paths([tmp_path / "a.pdf"])))
    assert isinstance(error, IngestError) and "unsupported" in error.message


def test_ingest_read_jsonl_rows_and_errors(tmp_path: Path) -> None:
    rows = [
        json.dumps({"doc_id": "a1", "text": "KYIV, Nov 3 (Reuters) - Drones hit.", "published": "2025-11-03"}),
        "",
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"doc_id": "a5", "text": "   "}),
        json.dumps({"text": "Text with a bad date.", "published": "soon"}),
        json.dumps({"text": "No id here.", "headline": "Given headline"}),
        json.dumps({"doc_id": "a8", "text": 42}),
    ]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    results = list(read_paths([path]))
    assert len(results) == 7
    first, not_json, not_object, blank, bad_date, no_id, not_string = results
    assert isinstance(first, Article) and first.doc_id == "a1" and first.line == 1
    assert first.dateline.date == date(2025, 11, 3)
    assert str(not_json).startswith("bad.jsonl line 3: not valid JSON (")
    assert str(not_object) == "bad.jsonl line 4: expected a JSON object, got list"
    assert blank.line == 5 and "'text'" in blank.message and "a5" in blank.message
    assert bad_date.line == 6 and "published" in bad_date.message
    assert isinstance(no_id, Article) and no_id.doc_id == "bad.jsonl:7" and no_id.headline == "Given headline"
    assert isinstance(not_string, IngestError) and not_string.line == 8


def test_ingest_read_jsonl_invalid_utf8_line(tmp_path: Path) -> None:
    path = tmp_path / "enc.jsonl"
    path.write_bytes(b'{"text": "fine."}\n{"text": "bad \xfe"}\n')
    results = list(read_paths([path]))
    assert isinstance(results[0], Article)
    assert isinstance(results[1], IngestError) and results[1].line == 2 and "0xfe" in results[1].message


def test_ingest_read_jsonl_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"text": f"Item {i}."}) + "\n" for i in range(1000)), encoding="utf-8")
    stream = read_paths([path])
    first = next(stream)
    assert isinstance(first, Article) and first.doc_id == "many.jsonl:1"


def test_ingest_read_folder_sorted_txt_and_jsonl_only(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second story text.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First story text.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"doc_id": "c1", "text": "Third."}) + "\n", encoding="utf-8")
    (tmp_path / "d.gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    ids = [item.doc_id for item in read_paths([tmp_path])]
    assert ids == ["a.txt", "b.txt", "c1"]


# --------------------------------------------------------------------------- shared dev set


def _gold_files() -> list[tuple[Path, Path]]:
    pairs = []
    for folder, gold_folder in ((SHARED / "seed", SHARED / "seed"), (SHARED / "devset" / "articles", SHARED / "devset" / "gold")):
        for article in sorted(folder.glob("*.txt")):
            gold = gold_folder / (article.stem + ".gold.json")
            if gold.exists():
                pairs.append((article, gold))
    return pairs


def test_ingest_devset_metadata_matches_gold() -> None:
    """Published date and dateline place/country/date of the seed and every dev-set article.

    Articles whose text carries no publication date (Reuters, AP, newsletter, web item) get
    the gold published date from outside, as a JSON Lines feed would give it.
    """
    if not (SHARED / "devset" / "articles").is_dir():
        pytest.skip("shared/devset not available")
    pairs = _gold_files()
    assert len(pairs) == 25
    mismatches = []
    for article_path, gold_path in pairs:
        meta = json.loads(gold_path.read_text(encoding="utf-8"))["metadata"]
        article = _one(list(read_paths([article_path])))
        assert isinstance(article, Article), str(article)
        if article.published is None and meta["published"]:
            article = parse_article(article.doc_id, article.text, published=meta["published"])
        dateline = article.dateline
        got = {
            "published": article.published.isoformat() if article.published else None,
            "dateline_place": dateline.place if dateline else None,
            "dateline_country": dateline.country if dateline else None,
            "dateline_date": dateline.date.isoformat() if dateline and dateline.date else None,
        }
        want = {key: meta[key] for key in got}
        if meta["outlet"] in ("Xinhua", "Reuters", "AP"):
            got["outlet"], want["outlet"] = article.outlet, meta["outlet"]
        if got != want:
            mismatches.append((article_path.name, got, want))
        _check_offsets(article)
    assert mismatches == []


def test_ingest_parenthetical_image_mention_is_not_a_caption() -> None:
    text = "Headline here\n\nThe ministry released satellite images (taken on Monday) of the site.\n"
    assert [s.kind for s in parse_article("x", text).segments] == ["headline", "body"]


def test_ingest_empty_folder_is_an_error(tmp_path) -> None:
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    items = list(read_paths([tmp_path]))
    assert len(items) == 1 and isinstance(items[0], IngestError)
    assert "holds no .txt or .jsonl files" in str(items[0])
