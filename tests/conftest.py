"""Fixtures shared by the store, query, export and plot tests: stores filled from ../shared."""

from __future__ import annotations

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
