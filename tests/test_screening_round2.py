"""Screening of real-news language, round 2 (issue 14): which acts are coded and which stay background, on
sentences written for these tests."""

from __future__ import annotations

from eventcoder.ingest import parse_article
from eventcoder.pipeline import get_coder

DATE = "2026-03-04"


def _coded(text: str):
    return get_coder().code(parse_article("screening2", text, published=DATE))


def _codes(text: str) -> set[tuple[str, str | None, str | None]]:
    return {(r.cameo_code, r.source_country, r.target_country) for r in _coded(text).records}


def _stopped_by(text: str, word: str) -> str | None:
    """The step that stopped the trigger ``word``, or None when it was coded."""
    traces = [t for s in _coded(text).traces for t in s.triggers if t.trigger.word == word]
    assert traces, f"no trigger {word!r}"
    stops = [d.step for d in traces[0].decisions if d.stops]
    return stops[0] if stops else None


# ---------------------------------------------------------------------- nominal events without a target
def test_screening_nominal_event_of_one_country_gets_no_guessed_target():
    text = ("Iraq asked for help. The criticism by the Turkish president and the Turkish foreign minister came "
            "on Monday.")
    assert not any(code.startswith("11") for code, _, _ in _codes(text))
    assert _stopped_by(text, "criticism") == "arguments"


def test_screening_joint_nominal_event_of_two_countries_pairs_them():
    text = "Talks between Iran and Iraq began in Baghdad on Monday."
    assert {("040", "IRN", "IRQ"), ("040", "IRQ", "IRN")} <= _codes(text)


# ---------------------------------------------------------------------- "where" clauses in the present perfect
def test_screening_where_clause_in_present_perfect_reports_news():
    text = "Erdogan visited Afrin, where Turkish troops have attacked Kurdish militias."
    assert _stopped_by(text, "attacked") is None


def test_screening_where_clause_in_past_or_for_a_span_is_background():
    assert _stopped_by("Fighting continued in Idlib, where Turkish troops attacked Kurdish fighters in 2015.",
                       "attacked") == "background"
    assert _stopped_by("Erdogan visited Afrin, where Turkish troops have fought Kurdish militias for years.",
                       "fought") == "background"


# ---------------------------------------------------------------------- refusing to comment
def test_screening_refusing_to_comment_is_a_declined_comment():
    assert ("011", "DEU", "IRN") in _codes("Germany refused to comment on the Iranian proposal.")
    assert ("011", "FRA", "MLI") in _codes("France's defence minister refused to confirm that Paris had sent troops "
                                           "to Mali.")


def test_screening_refusing_an_act_is_still_a_rejection():
    assert ("125", "IRN", "IRQ") in _codes("Iran refused to attend the talks with Iraq.")


# ---------------------------------------------------------------------- a second act joined to an intent
def test_screening_past_act_joined_to_a_vow_is_an_act_of_the_vower():
    text = ("The Turkish president vowed on Sunday that the campaign would be over soon and warned Kurdish "
            "activists in Turkey against staging protests.")
    assert ("130", "TUR", "TUR") in _codes(text)


def test_screening_act_conjoined_to_a_pledge_is_done():
    assert ("073", "IRN", "IRQ") in _codes("Iran pledged and delivered aid to Iraq.")


def test_screening_verbs_inside_a_vow_stay_intended():
    codes = _codes("Iran vowed to attack and destroy the militants' bases in Iraq.")
    assert codes and all(code.startswith("13") for code, _, _ in codes)
