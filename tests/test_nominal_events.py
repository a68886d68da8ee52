"""Nominal events and support-verb constructions, on sentences written for these tests: an act named by a noun
is coded only when its phrase (or the verb carrying it) names who did it and, without a support verb, whom."""

from __future__ import annotations

import pytest

from eventcoder.pipeline import code_text

DATE = "2025-05-07"


def _dyads(text: str) -> set[tuple[str, str | None, str | None]]:
    return {(r.cameo_root, r.source_country, r.target_country) for r in code_text(text, published=DATE)}


@pytest.mark.parametrize(("text", "expected"), [
    # the owner of the noun and its preposition name the dyad
    ("Canada's attack on the Danish border post drew protests.", ("19", "CAN", "DNK")),
    ("An assault on Bolivian positions by the Chilean army began at dawn.", ("19", "CHL", "BOL")),
    ("Observers said Peru's incursion into Ecuador was brief.", ("19", "PER", "ECU")),
    # a that-clause on a speech noun names the target
    ("Officials in Berlin dismissed Brazil's demand that Germany return the carvings.", ("10", "BRA", "DEU")),
    # a support verb carries the noun: its subject is the source, its preposition the target
    ("Japan issued a stern warning to China over the islands.", ("13", "JPN", "CHN")),
    ("The Dutch foreign minister delivered a sharp rebuke to Belgium on Friday.", ("11", "NLD", "BEL")),
    ("Kenyan prosecutors filed charges against two Ugandan officials.", ("17", "KEN", "UGA")),
    ("Peru made an urgent appeal to Chile for calm.", ("02", "PER", "CHL")),
    ("Ghana said it had begun a ground incursion into Togo.", ("19", "GHA", "TGO")),
    ("Chile retaliated with airstrikes on Bolivian positions.", ("19", "CHL", "BOL")),
    # being in talks: a joint act of the subject's members
    ("Norway and Iceland are in talks to settle the fishing dispute.", ("04", "NOR", "ISL")),
    # a passive light verb whose subject is the event noun: the noun's phrase names who took part
    ("Talks between Norway and Iceland were held in Oslo on Tuesday.", ("04", "NOR", "ISL")),
    # verbs with a fixed complement
    ("Washington held Moscow responsible for the outage.", ("11", "USA", "RUS")),
    ("The Kenyan president cast Somalia as a haven for smugglers.", ("11", "KEN", "SOM")),
])
def test_nominal_event_is_coded_with_the_actors_its_phrase_names(text, expected):
    assert expected in _dyads(text)


@pytest.mark.parametrize("text", [
    # no target named: the attacker alone makes no event
    "Canada's attack on the border post drew protests.",
    "Canada's attack was condemned.",
    # no source named in the noun phrase: none is invented
    "The warning to China was repeated on Friday.",
    "An incursion into Togo was reported on Monday.",
    # a by-phrase that names no country
    "An assault on Bolivian positions by unknown gunmen began at dawn.",
])
def test_nominal_event_without_named_actors_is_not_coded(text):
    assert not {d for d in _dyads(text) if d[0] in ("10", "13", "19")}


@pytest.mark.parametrize("text", [
    "Since the 2015 attack on Mali by France, relations have been tense.",
    "Relations never recovered from Peru's 2009 incursion into Ecuador.",
    "Last year's incursion by Peru into Ecuador still rankles.",
    "Relations have been tense since Canada's attack on Danish border posts.",
])
def test_nominal_event_dated_in_another_year_or_after_since_is_background(text):
    assert not {d for d in _dyads(text) if d[0] == "19"}


def test_nominal_event_with_a_length_of_time_is_still_news():
    # "seven-year" is how long something lasted, not when the act happened
    text = "Canada's attack on the Danish border post ended a seven-year truce."
    assert ("19", "CAN", "DNK") in _dyads(text)


def test_support_noun_carries_the_event_and_names_its_actor():
    text = "The resumption of airstrikes on Yemen by the Saudi air force was condemned."
    assert ("19", "SAU", "YEM") in _dyads(text)


def test_nominal_event_records_say_why():
    records = code_text("Japan's stern warning to China over the islands drew a protest.", published=DATE)
    warning = next(r for r in records if r.cameo_root == "13")
    assert warning.trigger == "warning" and "verbs.tsv" in warning.rule and "Japan" in warning.source_how


def test_armed_nominal_event_aimed_at_the_country_where_it_happened():
    # the target phrase names a place, not an actor: the place's country is the target
    assert ("19", "PER", "ECU") in _dyads("Peru's assault on the town of Zorritos, in southern Ecuador, went on.")
    assert ("19", "FRA", "MLI") in _dyads("The new French offensive in Mali drew criticism.")
    # never the attacker's own country
    assert not {d for d in _dyads("The Peruvian assault in Peru went on.") if d[0] == "19"}


@pytest.mark.parametrize(("text", "expected"), [
    # the target named on what the act is about
    ("Iran's threats of military action against Israel alarmed diplomats.", ("13", "IRN", "ISR")),
    # a that-clause the parser reads as a relative clause, with "that" as its subordinator
    ("The Saudi warning that Qatar faced isolation was repeated on Monday.", ("13", "SAU", "QAT")),
    ("Kenya's call on Somalia to release the hostages was welcomed.", ("02", "KEN", "SOM")),
    ("A phone call between the Malian and Nigerien presidents took place on Monday.", ("04", "MLI", "NER")),
    # a joint act in a time phrase: the clause's subject took part
    ("After a phone call with the Turkish president, the Kenyan leader announced the plan.", ("04", "KEN", "TUR")),
])
def test_nominal_event_target_on_its_topic_clause_or_time_phrase(text, expected):
    assert expected in _dyads(text)


def test_joint_act_in_a_time_phrase_needs_its_own_partner():
    # "after the meeting" refers back to a meeting already told: no new event for the clause's subject
    text = "After the meeting, the two sides signed several documents."
    assert not {d for d in _dyads(text) if d[0] == "04"}


def test_governing_noun_codes_the_act_it_carries_by_its_owner():
    records = code_text("Mexico's decision to withdraw troops from Guatemala surprised observers.", published=DATE)
    withdrawal = [r for r in records if r.cameo_root == "08"]
    assert [(r.source_country, r.target_country, r.trigger) for r in withdrawal] == [("MEX", "GTM", "decision")]
    assert "carried by" in withdrawal[0].rule
    # a plan is only the intent of the act
    assert ("13", "CHL", "BOL") in _dyads("Chile's plan to impose sanctions on Bolivia was criticised.")


@pytest.mark.parametrize("text", [
    "Mexico's decision not to withdraw troops from Guatemala surprised observers.",  # negated
    "The decision to withdraw troops from Guatemala surprised observers.",  # no owner named
    "Mexico's decision on the border surprised Guatemala.",  # carries no act
])
def test_governing_noun_without_owner_or_act_codes_nothing(text):
    assert not {d for d in _dyads(text) if d[0] in ("03", "08")}


def test_event_noun_owned_by_its_is_the_clause_subjects_act():
    assert ("19", "RUS", "SYR") in _dyads("Russia said its strikes on Syria hit only militants.")
    # the object of a verb owned by "their" is someone else's act, and "his" is too often another person's
    assert not {d for d in _dyads("Peru rejected their demand on Chile.") if d[0] == "10"}
    assert not {d for d in _dyads("The Kenyan envoy said his threat against Somalia must stop.") if d[0] == "13"}


def test_passive_light_verb_takes_the_nouns_actors_only_for_the_same_act():
    # the besiegers did not lift the siege
    assert not {d for d in _dyads("A long siege by Chilean rebels of two Peruvian towns has been lifted.")
                if d[1] == "CHL"}
    # a date after "on" is no addressee: the call is a consultation, not an appeal
    dyads = _dyads("A phone call on Monday between the Malian and Nigerien presidents was cordial.")
    assert ("04", "MLI", "NER") in dyads and not {d for d in dyads if d[0] == "02"}


def test_announced_support_verb_attack_is_an_intent_and_war_is_force():
    assert ("13", "GHA", "TGO") in _dyads("Ghana said it would shortly mount an assault on Togolese positions.")
    assert ("19", "FRA", "MLI") in _dyads("France is waging war against Malian insurgents.")
    assert ("15", "RUS", "UKR") in _dyads("Russia is preparing a military offensive against Ukraine.")


def test_event_noun_governed_by_an_intent_verb_is_the_governors_intent():
    assert ("13", "GHA", "TGO") in _dyads("Ghana committed to ongoing airstrikes against Togolese rebels.")


def test_investigation_noun_needs_what_it_looks_into():
    assert ("09", "KEN", "SOM") in _dyads("The Kenyan probe into Somali officials widened.")
    assert not {d for d in _dyads("The Kenyan parliament began its own investigations on Monday.") if d[0] == "09"}


@pytest.mark.parametrize(("text", "expected"), [
    ("A summit between Kenya and Uganda took place in Nairobi.", ("04", "KEN", "UGA")),
    ("The Kenyan president's trip to Uganda was cut short.", ("04", "KEN", "UGA")),
    ("The Chilean minister's praise for Peru surprised the press.", ("05", "CHL", "PER")),
])
def test_meetings_visits_and_praise_named_by_nouns(text, expected):
    assert expected in _dyads(text)


@pytest.mark.parametrize("text", [
    "He is not aware of any conversations between the Kenyan and Ugandan presidents.",  # any: no occasion
    "Officials worried about the planned summit between Kenya and Uganda.",  # planned
    "Officials braced for a possible Chilean strike on Bolivia.",  # possible
    "A Chilean assault on Bolivian towns would lead to mass displacement.",  # supposed outcome
    "Moscow has made similar threats against Kyiv in the past.",  # in the past
    "A summit between Kenya and Uganda to be held in Nairobi on Friday was announced.",  # only planned
])
def test_nominal_event_that_has_not_happened_or_is_past_is_not_coded(text):
    assert not {d for d in _dyads(text) if d[0] in ("04", "13", "19")}


def test_light_verb_in_the_perfect_is_still_done():
    assert ("04", "NOR", "ISL") in _dyads("Talks between Norway and Iceland have been held in Oslo.")


def test_a_date_inside_the_targets_clause_does_not_date_the_act():
    text = "The Kenyan minister delivered a rebuke to Uganda, whose leader had visited Somalia a decade ago."
    assert ("11", "KEN", "UGA") in _dyads(text)


def test_apology_and_ultimatum_named_by_nouns():
    assert ("05", "JPN", "KOR") in _dyads("Japan issued a formal apology to South Korea.")
    assert ("13", "CHL", "BOL") in _dyads("Chile's ultimatum to Bolivia expired on Friday.")
