"""Lexicon coverage of what news says, and word sense through noun classes, on sentences written for these
tests: each verb or phrase class added to verbs.tsv gives its CAMEO code, and the same verb with an object of
another kind gives no event."""

from __future__ import annotations

import pytest

from eventcoder.pipeline import code_text


def _codes(text):
    return {(r.cameo_code, r.source_country, r.target_country) for r in code_text(text, published="2025-05-07")}


@pytest.mark.parametrize("text, event", [
    # fight (19x): shelling, storming, sieges, ambushes, downing aircraft, pushing into and ousting from places
    ("Syrian rebels shelled the Turkish border town of Kilis on Tuesday.", ("194", "SYR", "TUR")),
    ("Turkish jets hit Kurdish positions in northern Syria on Monday.", ("190", "TUR", "SYR")),
    ("Iranian forces downed an American drone over the Gulf on Thursday.", ("190", "IRN", "USA")),
    ("Turkish troops besieged the Syrian city of Afrin on Monday.", ("191", "TUR", "SYR")),
    ("The Nigerian army ambushed a convoy of Cameroonian rebels.", ("190", "NGA", "CMR")),
    ("Turkish forces cornered Syrian militants in a village on Monday.", ("190", "TUR", "SYR")),
    ("Iranian forces are battling Iraqi militants near the border.", ("190", "IRN", "IRQ")),
    ("The Syrian army began a ground offensive against Turkish forces on Monday.", ("190", "SYR", "TUR")),
    ("Israeli soldiers fired on Palestinian protesters on Friday.", ("193", "ISR", "PSE")),
    ("Israeli forces fired missiles at Syrian positions on Sunday.", ("193", "ISR", "SYR")),
    ("The Iraqi army pushed deep into Mosul on Sunday.", ("190", "IRQ", "IRQ")),
    ("Iraqi forces pushed Islamic State militants to the western edge of the country.", ("190", "IRQ", "IMG")),
    # announced attacks are threats (138): "would mount an assault"
    ("Turkey said it would mount an assault on the Syrian town of Afrin.", ("138", "TUR", "SYR")),
    ("The Pentagon hinted at a military response against Syria on Friday.", ("130", "USA", "SYR")),
    # force posture (15x): preparing an offensive, deploying troops
    ("Russia is preparing a military offensive against Ukraine.", ("150", "RUS", "UKR")),
    ("Ethiopia is deploying troops to the Somali border.", ("150", "ETH", "SOM")),
    # killing prisoners is violence (18x)
    ("Egyptian troops executed ten Libyan prisoners.", ("180", "EGY", "LBY")),
    # reduce relations (16x): sanctions reimposed, support reduced, agreements left
    ("The US reimposed sanctions on Iran on Monday.", ("163", "USA", "IRN")),
    ("Saudi Arabia reduced its support for the Yemeni government.", ("162", "SAU", "YEM")),
    ("Washington withdrew from the nuclear deal with Iran on Tuesday.", ("161", "USA", "IRN")),
    # appeals, criticism, accusations, warnings
    ("The Kenyan president pleaded with Uganda to reopen the border.", ("020", "KEN", "UGA")),
    ("The British minister rebuked Iran for its missile tests.", ("111", "GBR", "IRN")),
    ("Syria described the Turkish operation as a blatant betrayal.", ("111", "SYR", "TUR")),
    ("Britain held Russia responsible for the poisoning.", ("112", "GBR", "RUS")),
    ("The US levelled accusations of cheating against China.", ("112", "USA", "CHN")),
    ("Iran issued a warning to Israel on Monday.", ("130", "IRN", "ISR")),
    # agreements are struck, not attacks
    ("Russia and Turkey struck a deal on the gas pipeline on Monday.", ("057", "RUS", "TUR")),
])
def test_lexicon_codes_news_phrases(text, event):
    assert event in _codes(text)


@pytest.mark.parametrize("text", [
    "The Turkish economy hit a record high on Tuesday.",          # a figure, not a target
    "Norway has hit the UN aid target every year.",               # an aid target met
    "The Iranian talks received a boost on Monday.",              # no one received
    "Trump fired the FBI director on Tuesday.",                   # a dismissal, not gunfire
    "The Egyptian government executed its plan to build a new capital.",  # a plan carried out
    "The Egyptian president took a break from the talks in Cairo.",       # take: only control is taken
])
def test_lexicon_other_senses_code_no_event(text):
    assert not {c for c in _codes(text) if c[0][:2] in {"04", "18", "19"}}


def test_lexicon_struck_deal_is_no_attack():
    assert not {c for c in _codes("Russia and Turkey struck a deal on the gas pipeline on Monday.") if c[0] == "190"}


@pytest.mark.parametrize("text, event", [
    ("Turkey bought air defence missiles from Russia on Tuesday.", ("061", "TUR", "RUS")),
    ("Iran and Saudi Arabia resumed talks on Monday.", ("046", "IRN", "SAU")),
    ("Kenya sent an envoy to Somalia on Monday.", ("042", "KEN", "SOM")),
    ("Japan pledged aid to the Philippines on Tuesday.", ("033", "JPN", "PHL")),
    ("The US is arming Kurdish fighters in Syria.", ("072", "USA", "SYR")),
    ("The Turkish president hit out at the European Union on Monday.", ("111", "TUR", "EUR")),
    ("Iran vowed revenge against Israel on Monday.", ("130", "IRN", "ISR")),
    ("The US froze Venezuelan assets on Tuesday.", ("163", "USA", "VEN")),
    ("Russia expelled two British diplomats on Monday.", ("161", "RUS", "GBR")),
    ("The Israeli army resumed airstrikes on Gaza on Sunday.", ("190", "ISR", "PSE")),
    ("Russia breached the ceasefire with Ukraine on Sunday.", ("196", "RUS", "UKR")),
    ("A Pakistani soldier stabbed two Afghan civilians.", ("182", "PAK", "AFG")),
])
def test_lexicon_codes_cooperation_sanction_and_escalation_phrases(text, event):
    assert event in _codes(text)


@pytest.mark.parametrize("text, root", [
    ("The Israeli prime minister said the US had stabbed Israel in the back.", "18"),  # a figure of speech
    ("In the desert, local tribesmen armed to fight the militants refuse to give up their guns.", "07"),  # described
    ("The Iranian government wants to pull back from its role in the region.", "08"),  # no troops withdrawn
])
def test_lexicon_figures_of_speech_code_no_act(text, root):
    assert not {c for c in _codes(text) if c[0][:2] == root}


@pytest.mark.parametrize("text, event", [
    ("Two British men were seized by Iraqi forces on Monday.", ("173", "IRQ", "GBR")),
    ("Iranian guards seized a British tanker in the Gulf.", ("1711", "IRN", "GBR")),
    ("Kenyan police shot two protesters in Nairobi.", ("193", "KEN", "KEN")),
    ("The UN warned Yemen of a humanitarian catastrophe.", ("012", "UNO", "YEM")),  # events are dyadic: a named target
    ("Trump warned Iran of serious consequences.", ("130", "USA", "IRN")),
])
def test_lexicon_object_decides_the_sense(text, event):
    assert event in _codes(text)


@pytest.mark.parametrize("text", [
    "The Syrian army seized the initiative on Monday.",          # no property, people or place seized
    "The Labour party targeted young voters in the campaign.",  # voters are no military target
    "The French director will shoot a film in Iran.",           # a film
    "The shares traded higher in Tokyo on Monday.",             # no trade with anyone
])
def test_lexicon_other_objects_code_no_event(text):
    assert not _codes(text)


def test_lexicon_siege_noun_refers_back_to_the_besieger():
    text = ("ANKARA, May 6 (Reuters) - Turkish troops besieged the Syrian city of Afrin on Monday. Iran condemned the "
            "siege on Tuesday.")
    assert ("111", "IRN", "TUR") in _codes(text)


@pytest.mark.parametrize("text, event", [
    ("Iraqi forces assaulted the Isis stronghold on Friday.", ("190", "IRQ", "IMG")),
    ("A Syrian refugee was assaulted by a Jordanian security guard.", ("182", "JOR", "SYR")),
    ("Russia has sent in aircraft to attack the Syrian province of Idlib.", ("150", "RUS", "SYR")),
])
def test_lexicon_assault_and_sending_take_their_sense_from_the_object(text, event):
    assert event in _codes(text)
