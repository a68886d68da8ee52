"""Round 2 of the lexicon for real news, on sentences written for these tests: conflict verbs that drive fighters
out of a place, plans and moves answered by name, calls for a common front, verbal clashes, senses of "defend" and
"gather" that are no verbal defence or protest, agreements torpedoed, wars declared over."""

from __future__ import annotations

import pytest

from eventcoder.pipeline import code_text


def _codes(text):
    return {(r.cameo_code, r.source_country, r.target_country) for r in code_text(text, published="2025-05-07")}


@pytest.mark.parametrize("text, event", [
    # fighters driven or pushed out of a place (19x); announced, a threat of force (138)
    ("Turkish forces drove the militants from Afrin.", ("190", "TUR", "SYR")),
    ("The Iraqi army drove Syrian militants out of the border town.", ("190", "IRQ", "SYR")),
    ("Turkey vowed to drive Kurdish militants from northern Syria.", ("138", "TUR", "SYR")),
    ("Iran insisted it would push the Iraqi militants out of the Syrian province of Idlib.", ("138", "IRN", "IRQ")),
    # plans announced (030) and answered by name: "opposed the plan" targets who announced it
    ("Ankara announced plans for a new security zone inside Iraq.", ("030", "TUR", "IRQ")),
    ("Egypt unveiled a plan for peace talks with Ethiopia.", ("030", "EGY", "ETH")),
    ("Ankara announced plans for a new security zone inside Iraq. Iran opposed the plan on Monday.",
     ("110", "IRN", "TUR")),
    ("The US withdrew its troops from Syria on Monday. Syrian Kurds condemned the move.", ("111", "SYR", "USA")),
    # a call for a common stand or front against someone rallies opposition (113)
    ("The Saudi foreign minister called for a united front against Iran.", ("113", "SAU", "IRN")),
    # a clash of words is disapproval (110)
    ("The Turkish president clashed with Putin over the plan at the summit.", ("110", "TUR", "RUS")),
    ("The Kenyan and Ugandan presidents clashed in public over the border dispute.", ("110", "KEN", "UGA")),
    # agreements torpedoed (160), wars declared over (087)
    ("The American president's torpedoing of the nuclear deal with Iran angered European leaders.",
     ("160", "USA", "IRN")),
    ("The US declared the war against Syrian rebels over.", ("087", "USA", "SYR")),
    # verbal defence (052) of a decision or an ally
    ("Turkey defended its decision to buy Russian missiles.", ("052", "TUR", "RUS")),
    ("China defended Russia at the UN on Monday.", ("052", "CHN", "RUS")),
    # evidence gathered is an investigation (090); a crowd gathered is a protest (141)
    ("British investigators have gathered evidence of Syrian war crimes.", ("090", "GBR", "SYR")),
    ("Thousands of Kenyan protesters gathered outside parliament on Monday.", ("141", "KEN", "KEN")),
])
def test_lexicon_codes_more_news_phrases(text, event):
    assert event in _codes(text)


def test_military_clash_stays_force():
    assert ("190", "TUR", "SYR") in _codes("Turkish troops clashed with Syrian soldiers near the border.")


@pytest.mark.parametrize("text, roots", [
    ("Kurdish fighters are defending the remains of their enclave in Syria.", {"05"}),  # holding ground
    ("The Iranian minister vowed to defend Iraqi freedom of speech.", {"05"}),  # a freedom upheld
    ("The farmers drove their tractors to Paris.", {"19"}),                          # driving a vehicle
    ("British investigators have gathered evidence of Syrian war crimes.", {"14"}),  # no gathering of people
    ("The Turkish president clashed with Putin over the plan at the summit.", {"19"}),  # words, not arms
])
def test_other_senses_code_no_such_event(text, roots):
    assert not {c for c in _codes(text) if c[0][:2] in roots}


@pytest.mark.parametrize("text, event", [
    # proposals by what is proposed (PETRARCH's SUGGEST block), and "endorsed the plan" answers the proposer
    ("Putin proposed talks with Ukraine on Monday.", ("036", "RUS", "UKR")),
    ("Egypt proposed a ceasefire to Israel and Hamas.", ("0256", "EGY", "ISR")),
    ("Russia proposed a peace congress to Turkey and Iran.", ("026", "RUS", "TUR")),
    ("Russia proposed a peace congress to Turkey and Iran. Turkey endorsed the plan on Friday.", ("051", "TUR", "RUS")),
    ("The Iraqi government vowed to remove the Syrian militants from Mosul.", ("138", "IRQ", "SYR")),
])
def test_lexicon_codes_proposals_and_removal(text, event):
    assert event in _codes(text)


@pytest.mark.parametrize("text, event", [
    # a crowd gathers to protest where it faces whom it protests
    ("Thousands of Iranians gathered outside the British embassy in Tehran.", ("141", "IRN", "GBR")),
    ("Hundreds of Egyptians gathered in Tahrir Square on Friday.", ("141", "EGY", "EGY")),
    ("Thousands of Kenyans gathered against the new tax law.", ("141", "KEN", "KEN")),
])
def test_lexicon_gatherings_that_are_protests(text, event):
    assert event in _codes(text)


@pytest.mark.parametrize("text", [
    "Thousands of Kurds gathered at a community centre in London to mourn a Kurdish film-maker killed in Syria.",
    "Hundreds of Iraqi fighters have gathered with Syrian forces near the town.",
])
def test_lexicon_other_gatherings_are_no_protest(text):
    assert not {c for c in _codes(text) if c[0][:2] == "14"}


@pytest.mark.parametrize("text, event", [
    # a warning of a risk is pessimism (012); a warning of consequences is a threat (130)
    ("The UN warned Syria of a humanitarian tragedy in Idlib.", ("012", "UNO", "SYR")),
    ("The French president warned Turkey of a resurgence of Islamic State in Syria.", ("012", "FRA", "TUR")),
    ("Trump warned Iran of serious consequences.", ("130", "USA", "IRN")),
])
def test_lexicon_warnings_of_risk_and_of_consequences(text, event):
    assert event in _codes(text)


@pytest.mark.parametrize("text, event", [
    # a fight given up is de-escalation (087); a stronghold abandoned a retreat (0874)
    ("Kurdish forces abandoned the fight against Islamic State in Syria.", ("087", "SYR", "IMG")),
    ("Iraqi militants abandoned their stronghold near the Syrian border.", ("0874", "IRQ", "SYR")),
])
def test_lexicon_fights_and_strongholds_abandoned(text, event):
    assert event in _codes(text)


def test_defending_someones_right_defends_them():
    assert ("052", "USA", "RUS") in _codes("The United States on Thursday defended the right of Russian troops to "
                                           "fire on militants in Azerbaijan.")


@pytest.mark.parametrize("text, code", [
    # a protest, demonstration or rally staged, organized or held is a demonstration (141); a strike, walkout or
    # boycott is 143 (CAMEO: 141 "Demonstrate or rally", 143 "Conduct strike or boycott")
    ("Kenyan students organized a rally against the government on Monday.", "141"),
    ("Kenyan opposition supporters staged a protest outside parliament on Monday.", "141"),
    ("Kenyan teachers staged a strike against the government on Monday.", "143"),
    ("Kenyan dock workers organized a boycott against the government on Monday.", "143"),
])
def test_staging_a_rally_is_a_demonstration_and_a_strike_is_a_strike(text, code):
    assert code in {c for c, _source, _target in _codes(text)}, _codes(text)
