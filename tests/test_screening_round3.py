"""Screening of real-news language, round 3 (issue 14): which acts in clauses below the main verb are news and
which stay background, on sentences written for these tests."""

from __future__ import annotations

from eventcoder.ingest import parse_article
from eventcoder.pipeline import get_coder

DATE = "2026-03-04"


def _coded(text: str):
    return get_coder().code(parse_article("screening3", text, published=DATE))


def _codes(text: str) -> set[tuple[str, str | None, str | None]]:
    return {(r.cameo_code, r.source_country, r.target_country) for r in _coded(text).records}


def _stopped_by(text: str, word: str) -> str | None:
    """The step that stopped the trigger ``word``, or None when it was coded."""
    traces = [t for s in _coded(text).traces for t in s.triggers if t.trigger.word == word]
    assert traces, f"no trigger {word!r}"
    stops = [d.step for d in traces[0].decisions if d.stops]
    return stops[0] if stops else None


# ---------------------------------------------------------------------- the clause of a noun of announcement
def test_screening_announced_content_of_an_announcement_noun_is_news():
    text = ("Rebels in Mali were stunned by the French president's announcement on Monday that Paris was "
            "withdrawing its soldiers from Mali.")
    assert ("087", "FRA", "MLI") in _codes(text)
    assert _stopped_by("Lebanon welcomed the Israeli decision on Tuesday that its army would withdraw its "
                       "soldiers from the border villages.", "withdraw") != "background"


def test_screening_relative_clause_on_an_announcement_noun_stays_background():
    assert _stopped_by("The announcement that the Chinese minister made after he visited Kenya on Monday "
                       "surprised Nairobi.", "visited") == "background"
    assert _stopped_by("The announcement which Paris made after troops attacked Bamako on Monday surprised Mali.",
                       "attacked") == "background"


def test_screening_clause_of_a_noun_of_claim_stays_background():
    assert _stopped_by("Rwanda rejected the report that its soldiers had attacked Congolese villages on Monday.",
                       "attacked") == "background"


# ---------------------------------------------------------------------- consent to another's act
def test_screening_agreeing_to_someone_else_doing_is_no_joint_intent():
    text = "Paris agreed to Berlin taking charge of the talks with Iran on Monday."
    assert _stopped_by(text, "agreed") == "opinion"
    assert not any(code.startswith("03") for code, _, _ in _codes(text))


def test_screening_agreeing_to_do_stays_an_intent():
    assert ("036", "FRA", "IRN") in _codes("Paris agreed to hold talks with Iran on Monday.")


# ---------------------------------------------------------------------- a tweet reports speech
def test_screening_tweeted_obligation_is_an_appeal_to_the_clause_subject():
    text = "Donald Trump tweeted on Monday that Spain should take back its prisoners."
    assert ("020", "USA", "ESP") in _codes(text)
