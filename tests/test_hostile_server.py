"""The server under hostile input: slow and idle connections, a flood of coding requests, a text that codes for
ever, foreign Host headers, out-of-range parameters, and errors that must not show internals.

Most tests run a real ``eventcoder serve`` (conftest ``served``), since a TestClient has no sockets, no event
loop of its own and no worker process; every loop is bounded in count and time.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import served
from fastapi.testclient import TestClient
from test_query import fill
from typer.testing import CliRunner

from eventcoder.errors import StoreError
from eventcoder.store import EventStore
from eventcoder.web import create_app
from eventcoder.web.api import MAX_BODY
from eventcoder.web.coding import MAX_TEXT
from eventcoder.web.guard import SECURITY_HEADERS, host_name, is_loopback
from eventcoder.web.reader import SharedReader

KEY = "hardening-key"
SEED_TEXT = ("BISHKEK, Nov. 19 (Xinhua) -- Kyrgyz President Sadyr Japarov met here Wednesday with Chinese Foreign "
             "Minister Wang Yi.")


def _store(path: Path) -> Path:
    with EventStore(path) as store:
        fill(store)
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> str:
    """A real server over the hand-built store: API key, a 1 s read timeout, a 2 s coding budget, one more Host."""
    db = _store(tmp_path_factory.mktemp("hard") / "hard.duckdb")
    with served(["--db", str(db), "--api-key", KEY, "--read-timeout", "1", "--code-timeout", "2",
                 "--allow-host", "events.example"]) as base:
        yield base


def call(url: str, body: dict | bytes | None = None, headers: dict | None = None, timeout: float = 30
         ) -> tuple[int, dict, bytes]:
    """(status, headers with lower-case names, body) of a GET, or of a POST of ``body`` (JSON or raw)."""
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


def raw(base: str, payload: bytes, timeout: float = 10) -> bytes:
    """Send ``payload`` on a new connection; everything the server answers until it closes (or ``timeout``)."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        sock.sendall(payload)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except ConnectionResetError:  # closed with the client's bytes unread: the answer may be lost
            pass
        return b"".join(chunks)


def closed_within(sock: socket.socket, seconds: float) -> bool:
    """True when the server closes ``sock`` within ``seconds`` (what it sends before that is ignored)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            if sock.recv(4096) == b"":
                return True
        except TimeoutError:
            return False
        except ConnectionResetError:
            return True
    return False


def assert_secure(headers: dict) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, (name, headers)


def slow_text(chars: int = 190_000) -> str:
    """About ``chars`` characters of wire-style paragraphs, each a little different, under MAX_TEXT: about 10 s
    of coding on this project's 2-core machine, so well past a 2 s budget on a faster one too."""
    paragraphs, n = [], 0
    while sum(map(len, paragraphs)) < chars:
        n += 1
        paragraphs.append(f"Kyrgyz President Sadyr Japarov met Chinese Foreign Minister Wang Yi on the {n}th round of "
                          f"talks on day {n % 28 + 1}. The two sides signed an agreement on trade worth {n} million "
                          "dollars. Japarov praised China for its support and criticised the delays at the border.")
    return "\n\n".join(paragraphs)


# -- connections -------------------------------------------------------------------------------------------


def test_hardening_half_open_and_slow_connections_are_closed(server):
    host, port = server.removeprefix("http://").split(":")
    silent = socket.create_connection((host, int(port)))
    partial = socket.create_connection((host, int(port)))
    partial.sendall(b"GET /api/v1/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    slow_body = socket.create_connection((host, int(port)))
    slow_body.sendall(b"POST /api/v1/code HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 1000\r\n\r\n{\"text\": \"")
    with silent, partial, slow_body:
        assert closed_within(silent, 8)
        assert closed_within(partial, 8)
        assert closed_within(slow_body, 8)


def test_hardening_idle_sockets_do_not_stop_a_request(server):
    host, port = server.removeprefix("http://").split(":")
    idle = [socket.create_connection((host, int(port))) for _ in range(200)]
    try:
        status, headers, body = call(server + "/api/v1/stats", timeout=10)
        assert status == 200 and json.loads(body)["by"] == "month"
        assert closed_within(idle[0], 8) and closed_within(idle[-1], 8)
    finally:
        for sock in idle:
            sock.close()


def test_hardening_connections_over_the_cap_are_closed(tmp_path):
    db = _store(tmp_path / "cap.duckdb")
    with served(["--db", str(db), "--max-connections", "5", "--read-timeout", "30"]) as base:
        host, port = base.removeprefix("http://").split(":")
        socks = [socket.create_connection((host, int(port))) for _ in range(8)]
        try:
            assert all(closed_within(s, 5) for s in socks[5:])  # the sixth to eighth are closed at once
            assert not any(closed_within(s, 0.2) for s in socks[:5])  # the first five stay open
        finally:
            for sock in socks:
                sock.close()
        assert call(base + "/api/v1/stats")[0] == 200  # those closed, a request is answered again


def test_hardening_oversized_request_head_is_400(server):
    answer = raw(server, b"GET /api/v1/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 200_000 + b"\r\n\r\n")
    assert answer[:12] in (b"HTTP/1.1 400", b"")  # refused (the 400 may be lost in the reset), never served


def test_hardening_malformed_request_is_400_with_the_security_headers(server):
    answer = raw(server, b"GET /api/v1/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nNo colon here\r\n\r\n")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400") and body, answer  # uvicorn's answer, before the app runs
    pairs = (line.decode().split(": ", 1) for line in head.split(b"\r\n")[1:])
    assert_secure({name.lower(): value for name, value in pairs})


# -- coding: bounded, off the event loop, within a budget --------------------------------------------------------


def test_hardening_reads_do_not_wait_behind_coding_and_a_flood_is_refused(server):
    text = slow_text()
    finished: dict[str, float] = {}

    def code(body: dict) -> tuple[int, dict, bytes]:
        answer = call(server + "/api/v1/code", body, timeout=60)
        finished.setdefault("big" if body["text"] is text else "small", time.monotonic())
        return answer

    with ThreadPoolExecutor(40) as pool:
        big = pool.submit(code, {"text": text, "doc_id": "big"})
        time.sleep(0.3)
        floods = [pool.submit(code, {"text": SEED_TEXT}) for _ in range(30)]
        reads = [call(server + path, timeout=10) for path in ("/static/common.js", "/api/v1/stats", "/")]
        read_done = time.monotonic()
        status, headers, body = big.result(timeout=60)
        flood = [f.result(timeout=60) for f in floods]
    assert [r[0] for r in reads] == [200, 200, 200]
    assert read_done < finished["big"]  # the reads were answered while the big text was still being coded
    assert status == 504 and json.loads(body)["detail"] == (
        "coding took longer than 2 s and was stopped; send a shorter text")
    assert_secure(headers)
    busy = [f for f in flood if json.loads(f[2])["detail"].startswith("the coder is busy with 5 texts")]
    assert len(busy) >= 30 - 4  # one text coded, four waiting: the rest refused at once
    assert {f[0] for f in busy} == {503} and all(f[1].get("retry-after") == "5" for f in busy)
    assert_secure(busy[0][1])
    waited = [f for f in flood if f not in busy]  # queued behind the big text: out of time, or its worker killed
    assert {f[0] for f in waited} <= {503, 504}
    for _ in range(20):  # the worker was killed with the big text; a new one codes the next text
        status, _headers, body = call(server + "/api/v1/code", {"text": SEED_TEXT, "published": "2025-11-20"})
        if status == 200:
            break
        time.sleep(0.5)
    assert status == 200 and {e["cameo_code"] for e in json.loads(body)["events"]} >= {"040"}


def test_hardening_a_run_of_brackets_does_not_stall_other_requests(server):
    with ThreadPoolExecutor(1) as pool:
        brackets = pool.submit(call, server + "/api/v1/code", {"text": "(" * 25_000}, None, 60)
        time.sleep(0.3)
        status, headers, body = call(server + "/static/common.js", timeout=10)
        assert status == 200 and b"function" in body
        status, headers, body = brackets.result(timeout=60)
    assert status in (400, 504)  # refused by a per-article limit, or stopped at the time budget
    assert "\n" not in json.loads(body)["detail"]
    assert_secure(headers)


def test_hardening_text_over_the_cap_is_400_before_coding(server):
    status, headers, body = call(server + "/api/v1/code", {"text": "a" * (MAX_TEXT + 1)})
    assert status == 400
    assert json.loads(body)["detail"] == f"text: String should have at most {MAX_TEXT} characters"
    assert_secure(headers)


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01"])
def test_hardening_extreme_published_dates_are_coded(server, published):
    for text in (SEED_TEXT, "Yesterday Kyrgyz President Sadyr Japarov met Chinese Foreign Minister Wang Yi."):
        status, headers, body = call(server + "/api/v1/code", {"text": text, "published": published})
        assert status == 200, body  # a relative date beyond the calendar is no date, not an error
        assert json.loads(body)["published"] == published
        assert_secure(headers)


# -- Host allow-list ------------------------------------------------------------------------------------------


def test_hardening_foreign_host_is_refused(server):
    port = server.rsplit(":", 1)[1]
    for host in ("127.0.0.1", f"localhost:{port}", f"[::1]:{port}", "events.example", "EVENTS.example:80"):
        assert call(server + "/api/v1/stats", headers={"Host": host})[0] == 200, host
    for host in ("evil.example", f"attacker.test:{port}", "127.0.0.1.evil.example"):
        status, headers, body = call(server + "/api/v1/stats", headers={"Host": host})
        assert status == 400, host
        assert json.loads(body)["detail"].startswith(f"Host {host!r} is not served here")
        assert_secure(headers)


def test_hardening_host_names_and_loopback():
    assert [host_name(h) for h in ("[::1]:8000", "Example.ORG:80", "localhost.", "::1", "")] == [
        "::1", "example.org", "localhost", "::1", ""]
    assert [is_loopback(h) for h in ("127.0.0.1", "127.0.0.2", "localhost", "::1", "0.0.0.0", "::", "10.0.0.5",
                                     "example.org")] == [True, True, True, True, False, False, False, False]


def test_hardening_beyond_loopback_warns_and_coding_needs_the_key(tmp_path, monkeypatch):
    from eventcoder.cli import app
    from eventcoder.web import server as web_server

    started = {}
    monkeypatch.setattr(web_server, "run", lambda application, host, port, **bounds: started.update(app=application))
    db = _store(tmp_path / "open.duckdb")
    result = CliRunner().invoke(app, ["serve", "--db", str(db), "--host", "0.0.0.0", "--allow-host", "events.lan"])
    assert result.exit_code == 0, result.output
    assert "WARNING: eventcoder serve listens on 0.0.0.0" in result.stderr
    assert "coding and storing are off (403)" in result.stderr and "events.lan" in result.stderr
    client = TestClient(started["app"], base_url="http://events.lan:8000")
    refused = client.post("/api/v1/code", json={"text": SEED_TEXT})
    assert refused.status_code == 403 and "--api-key" in refused.json()["detail"]
    assert_secure(refused.headers)
    assert client.get("/api/v1/stats").status_code == 200
    assert TestClient(started["app"], base_url="http://other.lan").get("/api/v1/stats").status_code == 400

    keyed = CliRunner().invoke(app, ["serve", "--db", str(db), "--host", "0.0.0.0", "--api-key", KEY])
    assert keyed.exit_code == 0 and "WARNING" not in keyed.stderr
    client = TestClient(started["app"], base_url="http://127.0.0.1:8000")
    no_key = client.post("/api/v1/code", json={"text": SEED_TEXT})
    assert no_key.status_code == 401 and "X-API-Key" in no_key.json()["detail"]


# -- error answers: headers everywhere, no internals ------------------------------------------------------------


def _declared_too_large(base: str) -> tuple[int, dict, bytes]:
    """The answer to a POST that declares a body over MAX_BODY (sent without it: the server answers on the
    declaration, and a client still writing 2 MiB would meet the closed connection)."""
    answer = raw(base, b"POST /api/v1/code HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                       b"Content-Length: " + str(MAX_BODY + 1).encode() + b"\r\n\r\n", timeout=5)
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    pairs = (line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), {name.lower(): value for name, value in pairs}, body


def test_hardening_every_error_status_carries_the_security_headers(server):
    answers = {
        400: call(server + "/api/v1/events?limit=0"),
        401: call(server + "/api/v1/code", {"text": SEED_TEXT, "store": True}, {"X-API-Key": "guess"}),
        404: call(server + "/api/v1/articles/nope.txt"),
        413: _declared_too_large(server),
    }
    for status, (got, headers, body) in answers.items():
        assert got == status, (status, body)
        assert_secure(headers)
        assert "\n" not in json.loads(body)["detail"]


def test_hardening_huge_offset_is_400_without_sql_or_paths(server):
    status, headers, body = call(server + "/api/v1/events?offset=9223372036854775808")
    assert status == 400
    assert json.loads(body)["detail"] == "offset: Input should be less than or equal to 4611686018427387904"
    assert_secure(headers)
    assert call(server + "/api/v1/events?offset=4611686018427387904")[0] == 200


@pytest.fixture
def hand_app(tmp_path):
    return create_app(_store(tmp_path / "app.duckdb"), api_key=KEY)


def test_hardening_unhandled_exception_is_a_bare_500_with_headers(hand_app, caplog):
    def boom():
        raise RuntimeError("SELECT secret FROM /home/user/private.duckdb")

    hand_app.add_api_route("/boom", boom)
    with caplog.at_level(logging.ERROR, logger="eventcoder.web"):
        response = TestClient(hand_app).get("/boom")
    assert response.status_code == 500
    assert response.json() == {"detail": "internal error: the request failed; the server's log says why"}
    assert_secure(response.headers)
    assert "private.duckdb" in caplog.text and "GET /boom failed" in caplog.text


def test_hardening_store_error_is_a_generic_503_and_logged(hand_app, caplog):
    class Broken:
        def view(self):
            raise StoreError("query on /srv/secret/events.duckdb failed: SELECT * FROM events OFFSET 9")

    hand_app.state.reader = Broken()
    with caplog.at_level(logging.ERROR, logger="eventcoder.web"):
        response = TestClient(hand_app).get("/api/v1/events")
    assert response.status_code == 503 and response.headers["retry-after"] == "5"
    assert "secret" not in response.text and "SELECT" not in response.text
    assert response.json()["detail"].startswith("the event store cannot answer now")
    assert_secure(response.headers)
    assert "/srv/secret/events.duckdb" in caplog.text


def test_hardening_keyless_storing_403_has_headers(tmp_path):
    client = TestClient(create_app(_store(tmp_path / "keyless.duckdb")))
    response = client.post("/api/v1/code", json={"text": SEED_TEXT, "store": True})
    assert response.status_code == 403
    assert_secure(response.headers)


# -- the read path ----------------------------------------------------------------------------------------------


def test_hardening_reads_share_one_connection_and_release_the_file(tmp_path):
    db = _store(tmp_path / "shared.duckdb")
    reader = SharedReader(str(db), idle=0)
    barrier = threading.Barrier(8)
    counts = []

    def read() -> None:
        with reader.view() as view:
            barrier.wait(timeout=10)  # all eight hold a view at once
            counts.append(view.query("SELECT count(*) FROM articles")[1][0][0])

    threads = [threading.Thread(target=read) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert counts == [4] * 8 and reader.opens == 1
    with EventStore(db) as store:  # released: this process can open it for writing (another could too)
        store.delete_article("a.txt")
    with reader.view() as view:
        assert view.query("SELECT count(*) FROM articles")[1] == [(3,)]
    assert reader.opens == 2


def test_hardening_reader_keeps_the_file_open_for_the_idle_window_only(tmp_path):
    db = _store(tmp_path / "idle.duckdb")
    reader = SharedReader(str(db), idle=0.3)
    for _ in range(3):  # one request after the other, within the idle window: one open
        with reader.view() as view:
            assert view.query("SELECT count(*) FROM articles")[1] == [(4,)]
    assert reader.opens == 1 and reader.is_open
    deadline = time.monotonic() + 10
    while reader.is_open and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not reader.is_open
    with EventStore(db) as store:  # released: the file can be opened for writing
        assert store.delete_article("a.txt")


def test_hardening_reader_lets_a_writer_in_after_holding_too_long(tmp_path):
    db = _store(tmp_path / "held.duckdb")
    reader = SharedReader(str(db), max_hold=0.0, gap=0.1, idle=0)
    with reader.view():
        pass
    started = time.monotonic()
    with reader.view() as view:
        assert view.query("SELECT 1")[1] == [(1,)]
    assert time.monotonic() - started >= 0.1  # the file stayed released for the gap
    assert reader.opens == 2


def test_hardening_a_batch_writes_while_the_server_is_read_without_pause(tmp_path):
    import subprocess
    import sys

    db = _store(tmp_path / "busy.duckdb")
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps({"doc_id": f"new-{i}", "text": SEED_TEXT, "published": "2025-11-20"}) + "\n"
                             for i in range(6)), encoding="utf-8")
    with served(["--db", str(db)]) as base:
        stop, statuses = threading.Event(), []

        def hammer() -> None:
            deadline = time.monotonic() + 150
            while not stop.is_set() and time.monotonic() < deadline:
                statuses.append(call(base + "/api/v1/events?limit=5", timeout=60)[0])

        readers = [threading.Thread(target=hammer) for _ in range(4)]
        for t in readers:
            t.start()
        try:
            writer = subprocess.run([sys.executable, "-m", "eventcoder.cli", "code", str(batch), "--db", str(db),
                                     "--format", "jsonl", "--output", os.devnull],
                                    capture_output=True, text=True, timeout=150)
        finally:
            stop.set()
            for t in readers:
                t.join(timeout=70)
        assert writer.returncode == 0, writer.stderr
        assert "6 articles: 6 coded, 0 failed" in writer.stderr
        assert len(statuses) > 4 and set(statuses) == {200}
        assert call(base + "/api/v1/articles/new-5")[0] == 200  # the server reads what the batch wrote
    with EventStore(db, read_only=True) as store:
        assert store.count_articles() == 4 + 6


class FakeCoder:
    """A coder object for ``create_app(coder=...)`` (coded on a thread): sleeps, or raises, as told."""

    def __init__(self, sleep: float = 0.0, error: Exception | None = None) -> None:
        from eventcoder.options import CoderOptions

        self.options, self.sleep, self.error = CoderOptions(), sleep, error

    def code(self, article):
        from eventcoder.pipeline import CodedArticle

        time.sleep(self.sleep)
        if self.error is not None:
            raise self.error
        return CodedArticle(article, [], [])


def test_hardening_coder_on_a_thread_keeps_the_budget_and_maps_errors(tmp_path):
    db = _store(tmp_path / "thread.duckdb")
    slow = TestClient(create_app(db, coder=FakeCoder(sleep=3), code_timeout=0.5))
    started = time.monotonic()
    late = slow.post("/api/v1/code", json={"text": SEED_TEXT})
    assert late.status_code == 504 and late.json()["detail"].startswith("coding took longer than 0.5 s")
    assert time.monotonic() - started < 2.5  # answered at the budget, not when the thread finished (3 s)
    error = ValueError("[E088] Text of length 2000000 exceeds maximum")
    refused = TestClient(create_app(db, coder=FakeCoder(error=error))).post("/api/v1/code", json={"text": "x"})
    assert refused.status_code == 400 and "[E088] Text of length" in refused.json()["detail"]
    fine = TestClient(create_app(db, coder=FakeCoder())).post("/api/v1/code", json={"text": SEED_TEXT})
    assert fine.status_code == 200 and fine.json()["events"] == [] and fine.json()["text"] == SEED_TEXT


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the process tree from /proc (Linux)")
def test_hardening_the_coding_worker_ends_with_a_killed_server(tmp_path):
    import signal
    import subprocess
    import sys

    db = _store(tmp_path / "orphan.duckdb")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "eventcoder.cli", "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                status = call(base + "/api/v1/code", {"text": SEED_TEXT}, timeout=60)[0]
                break
            except OSError:
                time.sleep(0.2)
        assert status == 200
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
        (worker,) = [int(pid) for pid in children.read_text().split()
                     if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace")]
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=10)
    deadline = time.monotonic() + 15
    while Path(f"/proc/{worker}").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not Path(f"/proc/{worker}").exists() or "zombie" in Path(f"/proc/{worker}/status").read_text().lower()
