"""Fixtures shared by the store, query, export and plot tests: stores filled from ../shared."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed"
DEVSET = SHARED / "devset" / "articles"


def _fill(path: Path, inputs: list[Path]) -> Path:
    from eventcoder import CodedArticle, EventStore, code_files

    with EventStore(path) as store:
        for item in code_files(inputs):
            assert isinstance(item, CodedArticle), item
            store.store_article(item.article, item.records)
    return path


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory) -> Path:
    """A store holding the seed article (the Xinhua Bishkek story of 2025-11-19), coded by the real engine."""
    if not SEED.is_dir():
        pytest.skip("../shared/seed is absent")
    return _fill(tmp_path_factory.mktemp("seed") / "seed.duckdb", sorted(SEED.glob("*.txt")))


@pytest.fixture(scope="session")
def seed_dev_db(tmp_path_factory) -> Path:
    """A store holding the seed and the 24 dev-set articles."""
    if not DEVSET.is_dir():
        pytest.skip("../shared/devset is absent")
    return _fill(tmp_path_factory.mktemp("seeddev") / "seeddev.duckdb", [*sorted(SEED.glob("*.txt")), DEVSET])


@contextmanager
def served(args: list[str], seconds: float = 60) -> Iterator[str]:
    """Run ``eventcoder serve ARGS --port FREE`` in a subprocess (the appended ``--port`` wins), wait until
    ``/api/v1/stats`` answers, yield the base URL (``http://127.0.0.1:PORT``), stop the server afterwards."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "eventcoder.cli", "serve", *args, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, proc, seconds)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def get_json(url: str) -> dict:
    """GET ``url`` and decode its JSON answer."""
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


def _wait_until_up(base: str, proc: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"eventcoder serve exited with {proc.returncode}: {proc.stderr.read()}")
        try:
            get_json(base + "/api/v1/stats")
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"eventcoder serve did not answer on {base} within {seconds} s")


@pytest.fixture(scope="session")
def parsed():
    """A factory: ``parsed(text, index=0)`` is ``text`` parsed by the default coder as one
    :class:`~eventcoder.model.Sentence` (its whole parse, its actor mentions), numbered ``index`` (sentences given
    to one :class:`~eventcoder.actors.ArticleActors` need distinct numbers, as in an article)."""
    from eventcoder.model import Sentence
    from eventcoder.parse import ParseView
    from eventcoder.pipeline import get_coder

    coder = get_coder()

    def make(text: str, index: int = 0) -> Sentence:
        view = ParseView.of(coder.nlp(text), text)
        return Sentence(index, text, 0, len(text), "body", view, 0, len(view), coder.finder.mentions(view))

    return make


def invoke(*args: str | Path):
    """Run the CLI in-process (typer's CliRunner); an exception other than the exit itself fails the test with
    its traceback. RETURNS the runner's Result (``exit_code``, ``stdout``, ``stderr``, ``output``)."""
    from typer.testing import CliRunner

    from eventcoder.cli import app

    result = CliRunner().invoke(app, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result

