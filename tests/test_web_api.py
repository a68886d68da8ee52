"""The HTTP API with FastAPI's TestClient: every endpoint, bad parameters, body limit, API key, SQL-looking values.

Most tests run over a hand-built store (no spaCy); the coding tests use the real engine.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_query import fill

from eventcoder.store import EventStore
from eventcoder.web import create_app
from eventcoder.web.api import MAX_BODY
from eventcoder.web.highlight import event_spans

KEY = "s3cret-key"
SEED_TEXT = (
    "BISHKEK, Nov. 19 (Xinhua) -- Kyrgyz President Sadyr Japarov met here Wednesday with Chinese Foreign "
    "Minister Wang Yi, with both sides pledging to strengthen cooperation in various fields."
)


@pytest.fixture
def hand_db(tmp_path: Path) -> Path:
    """Four articles, four deduplicated events, five mentions (test_query.fill)."""
    path = tmp_path / "hand.duckdb"
    with EventStore(path) as store:
        fill(store)
    return path


@pytest.fixture
def client(hand_db: Path) -> TestClient:
    return TestClient(create_app(hand_db, api_key=KEY))


def counts(path: Path) -> tuple[int, int, int]:
    with EventStore(path, read_only=True) as store:
        return store.count_articles(), store.count_mentions(), store.count_events()


# -- GET /api/v1/events --------------------------------------------------------------------------------


def test_web_events_filters_are_the_cli_filters(client):
    body = client.get("/api/v1/events", params={"dyad": "CHN:KGZ", "either": "true",
                                                "columns": "source_code,target_code,cameo_code,num_articles"}).json()
    assert body["total"] == 2
    assert body["rows"] == [
        {"source_code": "CHNGOV", "target_code": "KGZGOV", "cameo_code": "036", "num_articles": 1},
        {"source_code": "KGZGOV", "target_code": "CHNGOV", "cameo_code": "042", "num_articles": 2},
    ]
    one_way = client.get("/api/v1/events", params={"dyad": "KGZ:CHN", "columns": "cameo_code"}).json()
    assert one_way["rows"] == [{"cameo_code": "042"}]
    assert client.get("/api/v1/events", params={"root": "19", "columns": "source_code"}).json()["rows"] == [
        {"source_code": "RUSMIL"}]
    dated = client.get("/api/v1/events", params={"since": "2025-12-01", "until": "2025-12-31"}).json()
    assert [r["cameo_code"] for r in dated["rows"]] == ["112"]
    assert dated["rows"][0]["event_date"] == "2025-12-02"


def test_web_events_pages_and_totals(client):
    first = client.get("/api/v1/events", params={"limit": 3, "columns": "cameo_code"}).json()
    second = client.get("/api/v1/events", params={"limit": 3, "offset": 3, "columns": "cameo_code"}).json()
    assert first["total"] == second["total"] == 4
    assert [r["cameo_code"] for r in first["rows"]] == ["036", "042", "112"]
    assert [r["cameo_code"] for r in second["rows"]] == ["195"]
    assert (second["limit"], second["offset"]) == (3, 3)
    mentions = client.get("/api/v1/events", params={"table": "mentions", "limit": 1000}).json()
    assert mentions["total"] == len(mentions["rows"]) == 5


def test_web_events_mentions_carry_highlight_spans(client):
    body = client.get("/api/v1/events", params={
        "table": "mentions", "doc_id": "c.txt",
        "columns": "event_id,sentence,source_text,target_text,trigger"}).json()
    (row,) = body["rows"]
    sentence = row["sentence"]
    assert [(s["roles"], sentence[s["start"]:s["end"]]) for s in row["spans"]] == [
        (["source"], "Kyrgyz President Sadyr Japarov"), (["trigger"], "met"),
        (["target"], "Chinese Foreign Minister Wang Yi")]
    plain = client.get("/api/v1/events", params={"table": "mentions", "columns": "event_id"}).json()
    assert "spans" not in plain["rows"][0]  # no sentence asked for: nothing to highlight


def test_web_events_csv(client):
    response = client.get("/api/v1/events", params={"format": "csv", "country": "UKR",
                                                    "columns": "event_date,source_code,target_code,goldstein"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows == [["event_date", "source_code", "target_code", "goldstein"], ["2026-01-05", "RUSMIL", "UKR", "-10.0"]]


# -- GET /api/v1/stats, /api/v1/network, /api/v1/articles ---------------------------------------------------


def test_web_stats_by_month_and_quad_class(client):
    body = client.get("/api/v1/stats", params={"by": "month"}).json()
    assert (body["by"], body["per"]) == ("month", "none")
    assert [(r["period"], r["events"], r["verbal_coop"], r["verbal_conflict"], r["material_conflict"],
             r["goldstein_sum"]) for r in body["rows"]] == [
        ("2025-11-01", 2, 2, 0, 0, 5.9), ("2025-12-01", 1, 0, 1, 0, -2.0), ("2026-01-01", 1, 0, 0, 1, -10.0)]
    weekly = client.get("/api/v1/stats", params={"by": "week", "actor": "KGZ"}).json()
    assert [(r["period"], r["events"]) for r in weekly["rows"]] == [("2025-11-17", 2), ("2025-12-01", 1)]


def test_web_network_pairs_with_counts_and_mean_goldstein(client):
    body = client.get("/api/v1/network").json()
    assert [(r["source"], r["target"], r["events"], r["goldstein_mean"]) for r in body["rows"]] == [
        ("CHN", "KGZ", 1, 4.0), ("KGZ", "CHN", 1, 1.9), ("KGZ", "UZB", 1, -2.0), ("RUS", "UKR", 1, -10.0)]
    actors = client.get("/api/v1/network", params={"level": "actor", "country": "RUS"}).json()
    assert [(r["source"], r["target"]) for r in actors["rows"]] == [("RUSMIL", "UKR")]


def test_web_article_metadata_sentences_and_offsets(client):
    body = client.get("/api/v1/articles/a.txt").json()
    assert body["article"]["headline"] == "Kyrgyz president meets Chinese FM"
    assert body["article"]["published"] == "2025-11-20"
    assert [e["cameo_code"] for e in body["events"]] == ["042", "036"]
    assert [(s["index"], s["start"], s["events"]) for s in body["sentences"]] == [
        (0, 30, ["a.txt:0"]), (1, 31, ["a.txt:1"])]
    meeting, quote = body["events"]
    assert [(meeting["sentence"][s["start"]:s["end"]], s["roles"]) for s in meeting["spans"]] == [
        ("Kyrgyz President Sadyr Japarov", ["source"]), ("met", ["trigger"]),
        ("Chinese Foreign Minister Wang Yi", ["target"])]
    assert quote["sentence"] == "Wang Yi said China's door is open; \"we'll visit\" soon."
    assert quote["spans"] == []  # its actors' and trigger's words are not in the sentence: nothing is guessed
    missing = client.get("/api/v1/articles/nope.txt")
    assert missing.status_code == 404 and "nope.txt" in missing.json()["detail"]


# -- bad input: 400 with a message, SQL-looking values are data ------------------------------------------


@pytest.mark.parametrize(("params", "message"), [
    ({"dyad": "KGZ"}, "dyad='KGZ' is not SOURCE:TARGET"),
    ({"code": "999"}, "code='999' is not a CAMEO event code"),
    ({"root": "21"}, "root='21' is not a CAMEO root"),
    ({"since": "yesterday"}, "since='yesterday' is not a date: give YYYY-MM-DD"),
    ({"since": "2026-01-01", "until": "2025-01-01"}, "since=2026-01-01 is after until=2025-01-01"),
    ({"either": "true"}, "either needs dyad=SOURCE:TARGET"),
    ({"columns": "cameo_code,password"}, "unknown column 'password'"),
    ({"limit": "0"}, "limit: Input should be greater than or equal to 1"),
    ({"limit": "many"}, "limit: Input should be a valid integer"),
    ({"offset": "-1"}, "offset: Input should be greater than or equal to 0"),
    ({"table": "articles"}, "table: Input should be 'events' or 'mentions'"),
    ({"format": "xml"}, "format: Input should be 'json' or 'csv'"),
    ({"colour": "red"}, "colour: Extra inputs are not permitted"),
])
def test_web_bad_event_parameters_are_400_with_a_message(client, params, message):
    response = client.get("/api/v1/events", params=params)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_web_bad_stats_network_and_body_are_400(client):
    assert "by: Input should be" in client.get("/api/v1/stats", params={"by": "decade"}).json()["detail"]
    assert client.get("/api/v1/stats", params={"per": "galaxy"}).status_code == 400
    assert client.get("/api/v1/network", params={"level": "planet"}).status_code == 400
    assert client.get("/api/v1/network", params={"plover_type": "DANCE"}).status_code == 400
    no_text = client.post("/api/v1/code", json={"published": "2025-11-20"})
    assert no_text.status_code == 400 and "text: Field required" in no_text.json()["detail"]
    not_json = client.post("/api/v1/code", content=b"text=hello", headers={"Content-Type": "text/plain"})
    assert not_json.status_code == 400


@pytest.mark.parametrize(("name", "value"), [
    ("text", "' OR '1'='1"),
    ("text", "x'); DROP TABLE events; --"),
    ("doc_id", "a.txt' OR 'x'='x"),
    ("doc_id", "\" OR 1=1 --"),
])
def test_web_sql_looking_filter_values_are_data(client, hand_db, name, value):
    before = counts(hand_db)
    for table in ("events", "mentions"):
        response = client.get("/api/v1/events", params={name: value, "table": table})
        assert response.status_code == 200, response.text
        assert response.json()["total"] == 0 and response.json()["rows"] == []
    assert client.get("/api/v1/stats", params={name: value}).json()["rows"] == []
    assert client.get("/api/v1/network", params={name: value}).json()["rows"] == []
    assert counts(hand_db) == before == (4, 5, 4)


def test_web_sql_looking_codes_are_refused_before_any_sql(client):
    response = client.get("/api/v1/events", params={"dyad": "KGZ:CHN' OR 1=1 --"})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("dyad=") and "Parser Error" not in response.json()["detail"]
    assert client.get("/api/v1/articles/a.txt' OR '1'='1").status_code == 404


# -- POST /api/v1/code: coding, storing, the key, the size limit -------------------------------------------


def test_web_code_returns_events_with_rules_and_spans(client, hand_db):
    response = client.post("/api/v1/code", json={"text": SEED_TEXT, "published": "2025-11-20", "doc_id": "seed"})
    assert response.status_code == 200
    body = response.json()
    assert body["stored"] is False and body["text"] == SEED_TEXT
    meet = [e for e in body["events"] if e["cameo_code"] == "040"]
    assert {(e["source_code"], e["target_code"]) for e in meet} == {("KGZGOV", "CHNGOV"), ("CHNGOV", "KGZGOV")}
    first = meet[0]
    assert first["rule"].startswith("verbs.tsv:") and first["event_date"] == "2025-11-19"
    marked = {body["text"][first["sentence_start"] + s["start"]:first["sentence_start"] + s["end"]]: s["roles"]
              for s in first["spans"]}
    assert marked["met"] == ["trigger"]
    assert any("Japarov" in words for words in marked) and any("Wang Yi" in words for words in marked)
    assert counts(hand_db) == (4, 5, 4)  # not stored


def test_web_code_bad_date_and_empty_text_are_400(client):
    bad_date = client.post("/api/v1/code", json={"text": SEED_TEXT, "published": "Nov 20th"})
    assert bad_date.status_code == 400 and "published='Nov 20th' is not a date: give YYYY-MM-DD" in bad_date.json()["detail"]
    nothing = client.post("/api/v1/code", json={"text": " \n--- ... ---\n"})
    assert nothing.status_code == 400 and "no sentences" in nothing.json()["detail"]


def test_web_storing_needs_the_api_key(client, hand_db, tmp_path):
    body = {"text": SEED_TEXT, "published": "2025-11-20", "doc_id": "seed", "store": True}
    no_key = client.post("/api/v1/code", json=body)
    wrong_key = client.post("/api/v1/code", json=body, headers={"X-API-Key": "guess"})
    assert no_key.status_code == wrong_key.status_code == 401
    assert "X-API-Key" in no_key.json()["detail"]
    assert counts(hand_db) == (4, 5, 4)
    stored = client.post("/api/v1/code", json=body, headers={"X-API-Key": KEY})
    assert stored.status_code == 200 and stored.json()["stored"] is True
    articles, mentions, _events = counts(hand_db)
    assert (articles, mentions) == (5, 5 + len(stored.json()["events"]))
    article = client.get("/api/v1/articles/seed").json()
    assert [e["event_id"] for e in article["events"]] == [e["event_id"] for e in stored.json()["events"]]
    keyless = TestClient(create_app(hand_db))
    refused = keyless.post("/api/v1/code", json=body, headers={"X-API-Key": KEY})
    assert refused.status_code == 403 and "--api-key" in refused.json()["detail"]


def test_web_oversize_body_is_413(client, hand_db):
    big = {"text": "a" * (MAX_BODY + 1)}
    response = client.post("/api/v1/code", json=big, headers={"X-API-Key": KEY})
    assert response.status_code == 413 and str(MAX_BODY) in response.json()["detail"]

    def chunks():  # no Content-Length: the limit holds for a streamed body too
        for _ in range(3):
            yield b"x" * (MAX_BODY // 2)

    streamed = client.post("/api/v1/code", content=chunks(), headers={"Content-Type": "application/json"})
    assert streamed.status_code == 413
    assert counts(hand_db) == (4, 5, 4)


# -- pages, assets, headers ----------------------------------------------------------------------------------


def test_web_pages_use_only_packaged_assets(client):
    for page in ("/", "/paste", "/article", "/docs"):
        response = client.get(page)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assets = re.findall(r'(?:src|href)="([^"]+)"', response.text)
        assert assets and all(a.startswith("/") for a in assets), assets
        for asset in (a for a in assets if a.startswith("/static/")):
            assert client.get(asset).status_code == 200, asset
        assert "<script>" not in response.text  # no inline script: the CSP would refuse it
    spec = client.get("/openapi.json").json()
    assert {"/api/v1/code", "/api/v1/events", "/api/v1/stats", "/api/v1/network",
            "/api/v1/articles/{doc_id}"} <= set(spec["paths"])


def test_web_missing_store_is_created_empty(tmp_path):
    path = tmp_path / "new.duckdb"
    client = TestClient(create_app(path))
    assert path.exists()
    body = client.get("/api/v1/events").json()
    assert (body["total"], body["rows"], body["limit"]) == (0, [], 50)


# -- highlight offsets ---------------------------------------------------------------------------------------


def test_web_highlight_spans_found_in_the_sentence():
    sentence = ("Kyrgyz President Sadyr Japarov met here Wednesday with Chinese Foreign Minister Wang Yi, "
                "with both sides pledging to strengthen cooperation in various fields.")
    joint = event_spans(sentence, "sides", "sides", "pledging ... strengthen cooperation")
    assert [(s.roles, s.text, s.start) for s in joint] == [
        (["source", "target"], "sides", 99), (["trigger"], "pledging", 105), (["trigger"], "strengthen cooperation", 117)]
    apart = event_spans("Wang and Kulubaev held a strategic dialogue.", "Wang", "Kulubaev", "held dialogue")
    assert [(s.text, s.start, s.end) for s in apart] == [("Wang", 0, 4), ("Kulubaev", 9, 17), ("held", 18, 22),
                                                         ("dialogue", 35, 43)]
    word_bounded = event_spans("The heads met. He said so.", "He", "", "said")
    assert [(s.text, s.start) for s in word_bounded] == [("He", 15), ("said", 18)]
    assert event_spans("Nothing here.", "Japarov", "Wang", "met") == []
    assert event_spans(None, "a", "b", "c") == []
