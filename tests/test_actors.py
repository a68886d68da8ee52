"""Actor resolution (eventcoder.actors.ArticleActors) on noun phrases of sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from eventcoder.actors import ArticleActors, ArticleSetting, make_actor
from eventcoder.pipeline import get_coder


@pytest.fixture(scope="module")
def coder():
    return get_coder()


def _subject(coder, parsed, text: str, actors: ArticleActors | None = None, index: int = 0):
    s = parsed(text, index)
    head = next(i for i in s.tokens if s.parse.dep(i) == "nsubj")
    return (actors or ArticleActors(coder.finder, ArticleSetting())).resolve(s, head)


@pytest.mark.parametrize("sentence,code", [
    ("Kyrgyz President Sadyr Japarov spoke on Monday.", "KGZGOV"),
    ("The Kremlin spoke on Monday.", "RUSGOV"),
    ("Beijing spoke on Monday.", "CHNGOV"),
    ("Uzbek border guards spoke on Monday.", "UZBMIL"),
    ("Police in Kazakhstan's capital spoke on Monday.", "KAZCOP"),
    ("The Shanghai Cooperation Organization spoke on Monday.", "IGOSCO"),
])
def test_actors_phrase_resolves_to_cameo_code(coder, parsed, sentence, code):
    actors = _subject(coder, parsed, sentence)
    assert [a.code for a in actors] == [code]
    assert actors[0].how  # every resolution says why


def test_actors_compound_subject_gives_each_country(coder, parsed):
    actors = _subject(coder, parsed, "China and Russia spoke on Monday.")
    assert [a.country for a in actors] == ["CHN", "RUS"]


def test_actors_shared_adjective_gives_two_countries(coder, parsed):
    actors = _subject(coder, parsed, "Kazakh and Kyrgyz troops spoke on Monday.")
    assert {a.country for a in actors} == {"KAZ", "KGZ"}
    assert {a.sector for a in actors} == {"MIL"}


def test_actors_both_sides_is_the_article_dyad(coder, parsed):
    setting = ArticleSetting(dyad=(make_actor("KGZ", "GOV", "Kyrgyzstan", "", ""),
                                   make_actor("CHN", "GOV", "China", "", "")))
    actors = _subject(coder, parsed, "Both sides spoke on Monday.", ArticleActors(coder.finder, setting))
    assert [a.code for a in actors] == ["KGZGOV", "CHNGOV"]


def test_actors_surname_after_title_is_remembered(coder, parsed):
    article = ArticleActors(coder.finder, ArticleSetting())
    _subject(coder, parsed, "Norwegian Foreign Minister Espen Barth Eide spoke on Monday.", article, 0)
    actors = _subject(coder, parsed, "Eide spoke again on Tuesday.", article, 1)
    assert [a.code for a in actors] == ["NORGOV"]
    assert article.discourse.people["Eide"].code == "NORGOV"


def test_actors_office_holder_from_knowledge_depends_on_the_date(coder, parsed):
    now = _subject(coder, parsed, "Sadyr Japarov spoke on Monday.",
                   ArticleActors(coder.finder, ArticleSetting(date=date(2025, 11, 19))))
    assert [a.code for a in now] == ["KGZGOV"]
    before = _subject(coder, parsed, "Sadyr Japarov spoke on Monday.",
                      ArticleActors(coder.finder, ArticleSetting(date=date(2015, 1, 1))))
    assert not before or before[0].sector != "GOV"


def test_actors_unknown_person_without_title_has_no_code(coder, parsed):
    actors = _subject(coder, parsed, "Zorbert Quillfeather spoke on Monday.")
    assert actors == []


def test_actors_agent_named_earlier_with_a_country_gives_it_to_a_phrase_that_names_it():
    from eventcoder.pipeline import code_text
    text = ("ABUJA, Feb 15 (Reuters) - West African leaders met in Abuja. Guinea-Bissau's military junta seized "
            "power in November. The junta's spokesman rejected the demands of the bloc on Monday.")
    records = code_text(text, published="2026-02-15")
    reject = [r for r in records if r.cameo_root == "12"]
    assert reject and reject[0].source_country == "GNB"
    assert "'junta' named earlier with country GNB" in reject[0].source_how


def test_actors_setting_names_the_partner_and_home_country():
    kgz, chn = make_actor("KGZ", "GOV", "Kyrgyzstan", "", ""), make_actor("CHN", "GOV", "China", "", "")
    setting = ArticleSetting(dateline_country="KAZ", dyad=(kgz, chn), recurring=frozenset({"KGZ", "CHN"}))
    assert setting.partner_of("KGZ") == chn and setting.partner_of("CHN") == kgz
    assert setting.partner_of("RUS") == kgz  # a country outside the dyad: the dyad's first
    assert setting.home_country() == "KGZ"  # the dateline's country is named only once
    assert ArticleSetting(dateline_country="KAZ", dyad=(kgz,), recurring=frozenset({"KAZ"})).home_country() == "KAZ"
    assert ArticleSetting(dyad=(kgz, chn), recurring=frozenset({"KGZ"})).partner_of("KGZ") is None
