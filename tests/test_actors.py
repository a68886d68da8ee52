"""Actor resolution on noun phrases of sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from eventcoder.actors import ArticleMemory, make_actor
from eventcoder.pipeline import get_coder


@pytest.fixture(scope="module")
def coder():
    return get_coder()


def _subject(coder, sentence: str, memory: ArticleMemory | None = None):
    doc = coder.nlp(sentence)
    gaz = coder.finder.mentions(doc)
    head = next(t for t in doc if t.dep_ == "nsubj")
    return coder.finder.resolve(head, gaz, memory or ArticleMemory())


@pytest.mark.parametrize("sentence,code", [
    ("Kyrgyz President Sadyr Japarov spoke on Monday.", "KGZGOV"),
    ("The Kremlin spoke on Monday.", "RUSGOV"),
    ("Beijing spoke on Monday.", "CHNGOV"),
    ("Uzbek border guards spoke on Monday.", "UZBMIL"),
    ("Police in Kazakhstan's capital spoke on Monday.", "KAZCOP"),
    ("The Shanghai Cooperation Organization spoke on Monday.", "IGOSCO"),
])
def test_actors_phrase_resolves_to_cameo_code(coder, sentence, code):
    actors = _subject(coder, sentence)
    assert [a.code for a in actors] == [code]
    assert actors[0].how  # every resolution says why


def test_actors_compound_subject_gives_each_country(coder):
    actors = _subject(coder, "China and Russia spoke on Monday.")
    assert [a.country for a in actors] == ["CHN", "RUS"]


def test_actors_shared_adjective_gives_two_countries(coder):
    actors = _subject(coder, "Kazakh and Kyrgyz troops spoke on Monday.")
    assert {a.country for a in actors} == {"KAZ", "KGZ"}
    assert {a.sector for a in actors} == {"MIL"}


def test_actors_both_sides_is_the_article_dyad(coder):
    memory = ArticleMemory(dyad=[make_actor("KGZ", "GOV", "Kyrgyzstan", "", ""),
                                 make_actor("CHN", "GOV", "China", "", "")])
    actors = _subject(coder, "Both sides spoke on Monday.", memory)
    assert [a.code for a in actors] == ["KGZGOV", "CHNGOV"]


def test_actors_surname_after_title_is_remembered(coder):
    memory = ArticleMemory()
    _subject(coder, "Norwegian Foreign Minister Espen Barth Eide spoke on Monday.", memory)
    actors = _subject(coder, "Eide spoke again on Tuesday.", memory)
    assert [a.code for a in actors] == ["NORGOV"]


def test_actors_office_holder_from_knowledge_depends_on_the_date(coder):
    memory = ArticleMemory(date=date(2025, 11, 19))
    now = _subject(coder, "Sadyr Japarov spoke on Monday.", memory)
    assert [a.code for a in now] == ["KGZGOV"]
    before = _subject(coder, "Sadyr Japarov spoke on Monday.", ArticleMemory(date=date(2015, 1, 1)))
    assert not before or before[0].sector != "GOV"


def test_actors_unknown_person_without_title_has_no_code(coder):
    actors = _subject(coder, "Zorbert Quillfeather spoke on Monday.")
    assert actors == []


def test_actors_agent_named_earlier_with_a_country_gives_it_to_a_phrase_that_names_it():
    from eventcoder.pipeline import code_text
    text = ("ABUJA, Feb 15 (Reuters) - West African leaders met in Abuja. Guinea-Bissau's military junta seized "
            "power in November. The junta's spokesman rejected the demands of the bloc on Monday.")
    records = code_text(text, published="2026-02-15")
    reject = [r for r in records if r.cameo_root == "12"]
    assert reject and reject[0].source_country == "GNB"
    assert "'junta' named earlier with country GNB" in reject[0].source_how
