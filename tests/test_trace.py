"""The decision trace recorded while coding (eventcoder.model.TriggerTrace), and ``explain``, which prints it."""

from __future__ import annotations

from eventcoder.events.screening import CHECKS
from eventcoder.explain import explain_text
from eventcoder.ingest import parse_article
from eventcoder.pipeline import get_coder


def _coded(text: str):
    return get_coder().code(parse_article("trace", text, published="2026-03-04"))


def test_trace_of_a_coded_trigger_names_the_records_rule():
    coded = _coded("Kazakhstan's foreign minister met his Uzbek counterpart in Tashkent on Tuesday.")
    (record,) = [r for r in coded.records if r.cameo_code == "040"][:1]
    (trace,) = [t for t in coded.traces[record.sentence_index].triggers if t.trigger.word == "met"]
    assert trace.rules and record.rule in trace.rules
    assert trace.outcome.startswith("coded: ") and record.rule in trace.outcome
    assert {r.rule for r in coded.records if r.trigger == "met"} == set(trace.rules)
    steps = [d.step for d in trace.decisions]
    assert steps == ["reported", *(c.name for c in CHECKS), "mood", "arguments"]  # every check ran, in order
    assert not any(d.stops for d in trace.decisions)
    assert trace.decisions[-2].says == f"asserted: {record.rule}"


def test_trace_stops_at_the_first_check_that_holds_and_says_why():
    coded = _coded("Iran did not meet the inspectors. Tehran could release the prisoners.")
    traces = {t.trigger.word: t for s in coded.traces for t in s.triggers}
    meet, release = traces["meet"], traces["release"]
    assert [d.step for d in meet.decisions][-1] == "negation" and meet.decisions[-1].stops
    assert meet.outcome == "not coded: negated" and not meet.rules
    assert release.decisions[-1].step == "condition" and release.outcome.startswith("not coded: conditional")
    assert not coded.records


def test_trace_records_an_intent_governor_and_what_it_governs():
    coded = _coded("Russia pledged to hold talks with Ukraine on Monday.")
    traces = {t.trigger.word: t for s in coded.traces for t in s.triggers}
    hold = traces["hold"]
    assert hold.rules and all("as intent via" in rule for rule in hold.rules)
    assert any(d.step == "mood" and "governed by 'pledged'" in d.says for d in hold.decisions)
    assert {r.rule for r in coded.records} == set(hold.rules)


def test_trace_says_why_a_trigger_without_actors_codes_nothing():
    coded = _coded("The talks were held behind closed doors.")
    traces = [t for s in coded.traces for t in s.triggers]
    assert traces and not coded.records
    assert all(t.outcome.startswith("not coded") for t in traces)


def test_explain_prints_the_trace_recorded_while_coding():
    (part,) = explain_text("Iran did not meet the inspectors.", published="2026-03-04")
    text = part.render()
    assert "meet with -> 040 [not coded: negated]" in text
    assert "6. negation    STOPS: negated" in text
    assert part.triggers[0].decisions[-1].step == "negation"


def test_trace_names_the_trigger_that_only_reports_another():
    coded = _coded("Russia denied attacking Ukraine. Iran urged Iraq to release the prisoners.")
    traces = {t.trigger.word: t for s in coded.traces for t in s.triggers}
    assert traces["attacking"].outcome == "not coded: only denied by 'denied'"
    assert traces["release"].outcome == "not coded: only asked for, demanded, threatened or rejected by 'urged'"


def test_trace_records_each_change_of_code_after_the_mood():
    coded = _coded("Switzerland urged Armenia to hold talks. China said China and Russia must uphold the deal.")
    traces = {t.trigger.word: t for s in coded.traces for t in s.triggers}
    urged = [(d.step, d.says) for d in traces["urged"].decisions]
    assert ("topic", "about meet -> 026 (complements.tsv)") in urged
    assert any(r.cameo_code == "026" and r.rule in traces["urged"].rules for r in coded.records)
    said = [(d.step, d.says) for d in traces["said"].decisions]
    assert ("obligation", "the speaker is among those obliged: a pledge, 100 -> 030") in said
    assert all("030" in rule or "speaker among those obliged" in rule for rule in traces["said"].rules)


def test_explain_says_what_becomes_of_a_headlines_events():
    parts = explain_text("Russia and Ukraine hold talks in Geneva\n\nGENEVA, March 3 (Xinhua) -- Russia held talks "
                         "with Ukraine here on Tuesday.", published="2026-03-04")
    assert parts[0].kind == "headline" and "(a headline: an event it codes counts as a mention" in parts[0].render()
    assert parts[1].kind == "body" and "mentions 2" in parts[1].render()
