"""Screening of real-news language (issue 14): background, descriptions, speculation, questions, claims and
negation, each on sentences written for these tests. Each class is a named check (events/screening.py) whose
decision the trigger's trace keeps."""

from __future__ import annotations

import pytest

from eventcoder.ingest import parse_article
from eventcoder.pipeline import get_coder

DATE = "2026-03-04"


def _coded(text: str):
    return get_coder().code(parse_article("screening", text, published=DATE))


def _codes(text: str) -> set[tuple[str, str | None, str | None]]:
    return {(r.cameo_code, r.source_country, r.target_country) for r in _coded(text).records}


def _roots(text: str) -> set[str]:
    return {r.cameo_root for r in _coded(text).records}


def _stopped_by(text: str, word: str) -> str | None:
    """The step that stopped the trigger ``word``, or None when it was coded."""
    traces = [t for s in _coded(text).traces for t in s.triggers if t.trigger.word == word]
    assert traces, f"no trigger {word!r}"
    stops = [d.step for d in traces[0].decisions if d.stops]
    return stops[0] if stops else None


# ---------------------------------------------------------------------- background by tense and clause
@pytest.mark.parametrize("text,word", [
    ("Oslo had protested the decision years before.", "protested"),
    ("Two weeks earlier, Israeli jets had bombed the airport in Damascus.", "bombed"),
])
def test_screening_past_perfect_main_clause_is_background(text, word):
    assert _stopped_by(text, word) == "past"
    assert not _coded(text).records


def test_screening_past_perfect_in_reported_speech_or_after_clause_is_news():
    assert "19" in _roots("The Kenyan army said Somali militants had attacked a Kenyan border post on Tuesday.")
    assert _stopped_by("Kenya's army attacked the camp after Somali militants had killed two soldiers.",
                       "killed") is None


def test_screening_since_clause_and_since_state_participle_are_background():
    assert _stopped_by("Since Ethiopia expelled the Eritrean envoy, trade has collapsed.", "expelled") == "past"
    text = "The envoy has been a mediator for refugees since 2010, travelling to Sudan, Chad and Libya."
    assert _stopped_by(text, "travelling") == "past"
    assert not _coded(text).records


# ---------------------------------------------------------------------- standing relations described
@pytest.mark.parametrize("text,word", [
    ("The army, backed by Canadian advisers, holds the north.", "backed"),
    ("Backed by Iranian militias, Syrian troops advanced on the town.", "Backed"),
    ("The Kurdish forces are backed by the United States.", "backed"),
])
def test_screening_relation_participle_of_someone_is_a_description(text, word):
    assert _stopped_by(text, word) == "description"
    assert "05" not in _roots(text)


def test_screening_support_done_is_still_an_event():
    assert ("051", "NOR", "SWE") in _codes("Norway backed the Swedish proposal on Monday.")


# ---------------------------------------------------------------------- speculation, condition, possibility
@pytest.mark.parametrize("text,word", [
    ("Officials fear that Iran will attack the tankers.", "attack"),
    ("Speculation grew that Moscow would retaliate against Ankara.", "retaliate"),
    ("A Danish official declined to comment on whether Denmark would attack the rebels.", "attack"),
])
def test_screening_speculation_and_embedded_questions_are_no_acts(text, word):
    assert _stopped_by(text, word) == "speculation"
    assert not _roots(text) & {"13", "19"}


def test_screening_trigger_inside_a_condition_clause_is_conditional():
    text = "A Danish official said Denmark would retaliate if the rebels shelled the Danish base."
    assert _stopped_by(text, "shelled") == "condition"


def test_screening_obligation_of_a_semi_modal_is_no_intent():
    text = "\u201cThe Libyan parties will have to agree on a new constitution,\u201d the Tunisian envoy said."
    assert _stopped_by(text, "agree") == "condition"
    assert "03" not in _roots(text)


# ---------------------------------------------------------------------- questions and generic statements
def test_screening_direct_question_is_no_act_and_no_appeal():
    text = "\u201cWhy should we keep arming Ukraine?\u201d the Hungarian prime minister asked on Monday."
    assert not _roots(text) & {"02", "07"}
    assert _stopped_by("Japan asked whether China would send troops to the islands.", "asked") == "question"


def test_screening_asking_for_something_is_still_an_appeal():
    assert "02" in _roots("Japan asked China for help with the rescue.")


def test_screening_present_when_clause_says_what_happens_in_general():
    text = "\u201cWhen Britain retreats from the Baltic, Russia advances,\u201d the Estonian minister said."
    assert _stopped_by(text, "retreats") == "generic"
    assert "08" not in _roots(text)


# ---------------------------------------------------------------------- claims read as demands or threats
@pytest.mark.parametrize("text,word", [
    ("Egyptian officials insisted the raid was aimed at smugglers.", "insisted"),
    ("The Greek ministry warned that the ceasefire does not mean the end of the conflict.", "warned"),
    ("Iran insisted it would push the militants out of the province.", "insisted"),
])
def test_screening_claim_or_own_announcement_is_no_demand_or_threat(text, word):
    assert _stopped_by(text, word) == "claim"
    assert not _roots(text) & {"10", "13"}


def test_screening_demand_with_a_subjunctive_stays_a_demand():
    assert ("100", "VNM", "CHN") in _codes("Vietnam insisted that China withdraw its oil rig.")


# ---------------------------------------------------------------------- more negation, and refusals
@pytest.mark.parametrize("text,word", [
    ("Neither Norway nor Sweden has signed the accord.", "signed"),
    ("Turkey is yet to offer any support to the rebels.", "offer"),
    ("Bolivia failed to reach an agreement with Chile.", "reach"),
])
def test_screening_more_forms_of_negation(text, word):
    assert _stopped_by(text, word) == "negation"
    assert not _coded(text).records


@pytest.mark.parametrize("text,code", [
    ("Spain would not negotiate with the Catalan separatists, the Spanish minister said.", "125"),
    ("Peru declined to meet the Chilean delegation.", "125"),
])
def test_screening_refused_act_is_a_rejection_by_what_is_refused(text, code):
    assert code in {c for c, _, _ in _codes(text)}


def test_screening_act_not_done_in_the_past_is_no_refusal():
    assert not _coded("Peru did not meet the Chilean delegation.").records


# ---------------------------------------------------------------------- more background, negation and possibility
@pytest.mark.parametrize("text,word,step", [
    ("The envoy, who flew to Cairo and met the Egyptian president, praised the deal.", "met", "background"),
    ("Kurdish fighters had not left the town, as agreed with Turkey in May.", "agreed", "background"),
    ("Since 2015 the Saudi air force has bombed Yemeni ports dozens of times.", "bombed", "past"),
    ("Ankara has backed the plan, even though it had previously demanded that Athens withdraw its troops.",
     "demanded", "past"),
    ("Greek jets cannot fly over the islands without Turkey agreeing to the plan.", "agreeing", "negation"),
    ("The Canadian minister said she did not recall Iranian attacks on Canadian ships.", "attacks",
     "negation"),
    ("The dispute could lead to Serbia reaching a deal with Kosovo.", "reaching", "condition"),
    ("To withdraw the French troops from Mali would be a mistake, the Malian minister said.", "withdraw",
     "condition"),
    ("Greek ministers warned that a Turkish-imposed deal would be unstable.", "warned", "claim"),
    ("Egyptian officials said the Russian and Iranian-backed militias had shelled the town.", "backed",
     "description"),
    ("Police said the suspects had probably been killed by Syrian troops.", "killed", "speculation"),
])
def test_screening_more_forms_of_each_class(text, word, step):
    assert _stopped_by(text, word) == step


def test_screening_reported_past_perfect_of_a_described_actor_is_still_coded():
    text = "Egyptian officials said the Russian and Iranian-backed Syrian militias had shelled the Turkish town of Kilis."
    assert "19" in _roots(text) and "05" not in _roots(text)


@pytest.mark.parametrize("text,word,step", [
    ("The Kenyan delegation was too divided to meet the Somali envoy.", "meet", "negation"),
    ("The Chadian commander insisted on leading the attack himself.", "insisted", "claim"),
    ("In several countries reporters are killed simply for covering protests.", "killed", "generic"),
    ("A Nigerian spokesman said that Nigerian troops strike only armed camps.", "strike", "generic"),
    ("Speculation is rife that a deal signed by Sudan provides guarantees for the rebels.", "signed",
     "speculation"),
    ("The towns named in a list drawn up after Ethiopia attacked Eritrea were rebuilt.", "attacked",
     "background"),
])
def test_screening_negation_claims_habits_and_nested_modifiers(text, word, step):
    assert _stopped_by(text, word) == step


def test_screening_would_that_no_one_says_is_no_intent():
    text = "Such a raid would anger Ankara and Israeli jets would bomb the Lebanese camps."
    assert _stopped_by(text, "bomb") == "condition"
    assert "13" not in _roots(text)


@pytest.mark.parametrize("text", [
    "Israel said it would bomb the Lebanese camps.",
    "The Israeli minister told reporters that Israeli jets would bomb the Lebanese camps.",
])
def test_screening_would_under_a_speech_verb_is_announced(text):
    assert "13" in _roots(text)


def test_screening_present_time_clause_of_a_future_main_clause_is_announced():
    text = "When the Chinese foreign minister arrives in Rome on Monday, he will meet the Italian president."
    assert ("036", "CHN", "ITA") in _codes(text)
    assert "04" not in {c[:2] for c, _, _ in _codes(text) if c != "036"}


@pytest.mark.parametrize("text,word", [
    ("Turkey no longer supports the Syrian rebels.", "supports"),
    ("Ankara stopped short of recognising the new government in Tripoli.", "recognising"),
])
def test_screening_no_longer_and_short_of_are_negation(text, word):
    assert _stopped_by(text, word) == "negation"


def test_screening_act_in_a_past_when_clause_is_still_coded():
    assert ("195", "ISR", "SYR") in _codes("Three Syrian soldiers died when Israeli jets bombed a Syrian convoy.")


@pytest.mark.parametrize("text,word", [
    ("Ana Ruiz became the first Spanish nurse to die in Yemen when her clinic was shelled by Saudi jets.", "shelled"),
    ("Iran did not sign the deal, the Omani official said, and the two ministers had simply exchanged views.",
     "exchanged"),
    ("There is a flash of light as an airstrike hits a Houthi depot.", "hits"),
    ("One Kenyan officer warned me to be careful; he worried that the suspects might flee.", "warned"),
])
def test_screening_guards_keep_acts_that_only_look_like_a_class(text, word):
    assert _stopped_by(text, word) not in {"background", "past", "generic", "speculation"}


@pytest.mark.parametrize("text,word,step", [
    ("Chad's ground offensive, supported by French airstrikes, reached the town.", "supported", "description"),
    ("These militias are backed by Eritrea.", "backed", "description"),
    ("Aid agencies warned that a Sudanese assault on the city could cause a famine.", "warned", "claim"),
    ("The Malian rebels are unlikely to attack the Algerian border posts.", "attack", "speculation"),
    ("The UN said it had failed to persuade Russia to agree to the plan.", "agree", "negation"),
    ("\u201cIf I had stayed, the Syrian soldiers would have killed me,\u201d the refugee said.", "killed",
     "condition"),
    ("The Kenyan minister hopes that Somali police will arrest the two men.", "hopes", "opinion"),
    ("About 500 Canadian troops are in Mali and have fought to defend it since 2017.", "fought", "past"),
    ("Austria had claimed that Serbian police had detained the two journalists.", "detained", "past"),
])
def test_screening_relations_warnings_wishes_and_counterfactuals(text, word, step):
    assert _stopped_by(text, word) == step


def test_screening_plan_backed_by_a_country_is_still_support():
    assert "05" in _roots("The Irish plan backed by Norway won the vote on Monday.")


def test_screening_vow_about_its_own_forces_stays_an_intent():
    assert "13" in _roots("Iran vowed that its forces would strike the Kurdish camps in northern Iraq.")


def test_screening_what_a_wish_governs_is_no_act():
    text = "The Kenyan minister hopes that Somali police will arrest and jail the two men."
    assert not _roots(text) & {"03", "17"}


def test_screening_joint_agreement_on_a_future_state_stays_coded():
    text = "The buffer zone will be in place by 15 October, the Turkish and Russian leaders agreed."
    assert _stopped_by(text, "agreed") != "opinion"


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
