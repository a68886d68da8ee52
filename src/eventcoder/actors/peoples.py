"""Peoples without a state of their own ("Kurdish", "the Kurds"): words that name an actor's people but not its
country, read from ``data/peoples.tsv``.

:func:`people_entry` gives the entry of kind "people" (no country) of a word ("Kurdish"), :func:`people_entries`
all of them; :func:`candidates` the countries such a people lives in, the most usual in news first. They are no
actor mentions (an origin the article does not place stays unknown); the resolution stage
(:class:`~eventcoder.actors.resolve.ArticleActors`) reads them in a phrase and chooses the country from the
phrase and the places the article names.
"""

from __future__ import annotations

import functools
from importlib import resources

from ..knowledge import GazetteerEntry
from ..knowledge_types import KnowledgeError

__all__ = ["PEOPLE_KIND", "candidates", "people_entries", "people_entry"]

PEOPLE_KIND = "people"
"""The kind of the gazetteer entries of peoples.tsv."""
_FILE = "peoples.tsv"


@functools.cache
def _table() -> tuple[tuple[GazetteerEntry, ...], dict[str, tuple[str, ...]]]:
    """The entries of peoples.tsv and each row's countries by its source ("peoples.tsv:12")."""
    text = resources.files("eventcoder").joinpath("data", _FILE).read_text(encoding="utf-8")
    entries: list[GazetteerEntry] = []
    countries: dict[str, tuple[str, ...]] = {}
    header = True
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 2 or not all(cells):
            raise KnowledgeError(f"{_FILE} line {number}: expected phrases and countries, tab-separated")
        if header:
            header = False
            continue
        phrases, codes = cells[0].split("|"), tuple(cells[1].strip().split("|"))
        source = f"{_FILE}:{number}"
        countries[source] = codes
        entries += [GazetteerEntry(p.strip(), PEOPLE_KIND, None, None, None, phrases[0], source) for p in phrases]
    return tuple(entries), countries


def people_entries() -> tuple[GazetteerEntry, ...]:
    """The phrases of peoples.tsv as gazetteer entries of kind "people", without a country."""
    return _table()[0]


def candidates(entry: GazetteerEntry) -> tuple[str, ...]:
    """The countries (ISO3) the people of ``entry`` lives in, the most usual in news first."""
    return _table()[1].get(entry.source, ())


@functools.cache
def _by_phrase() -> dict[str, GazetteerEntry]:
    return {entry.phrase: entry for entry in people_entries()}


def people_entry(word: str) -> GazetteerEntry | None:
    """The peoples.tsv entry of the word ``word`` as written ("Kurdish", "Kurds"), or None."""
    return _by_phrase().get(word)
