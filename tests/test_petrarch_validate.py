"""The PETRARCH validation runner: reading records files, scoring records, the report, and the two suites."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from eventcoder.knowledge import KnowledgeError
from eventcoder.petrarch_validate import (Report, coded_events, failure_classes, format_report, judge, options_for,
                                          parse_records, read_records, validate_file)

ROOT = Path(__file__).resolve().parents[1]
PETRARCH = ROOT.parent / "shared" / "peers" / "petrarch"
needs_shared = pytest.mark.skipif(not PETRARCH.exists(), reason="../shared is absent")

SUITE = """<Validation>
<!-- a header comment with a nested <!-- ... --> comment, as ud_2_02 has -->
<Environment>
    <Verbfile>verbs.txt</Verbfile>
    <Actorfile>actors.txt</Actorfile>
    <Agentfile>agents.txt</Agentfile>
    <Discardfile>discards.txt</Discardfile>
    <Include>valid DEMO ERROR</Include>
</Environment>
<Sentences>
<Sentence date="19950101" id="D-1" category="DEMO" evaluate="true">
<!-- a comment -->
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="111" />
<Text>
Arnor  condemned
Gondor &amp; friends.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>
</Sentence>
<!-- <Sentence date="19950101" id="GONE" category="DEMO"><EventCoding noevents="True"/><Text>x</Text></Sentence> -->
<Sentence date = "20010203" id ="D-2"  category="DEMO" sentence="true">
<EventCoding sourcecode='"THE MINISTRY OF MAGIC"' targetcode="---GOV" eventcode="042"></EventCoding>
<EventCoding sourcecode="GON" targetcode="ARN" eventcode="043"></EventCoding>
<Text>The Ministry of Magic visited the government.</Text>
</Sentence>
<Sentence date="19950101" id="D-3" category="DEMO" sentence="false">
<EventCoding noevents="True"/>
<Text>Nothing here.</Text>
</Sentence>
<Sentence date="19950101" id="P-1" category="PARSING">
<!-- the only expectation is commented out: {ARN / GON / 111} -->
<Text>Arnor was in an accord.</Text>
</Sentence>
<Sentence date="19950101" id="E-1" category="ERROR">
<EventCoding error="storydiscard"></EventCoding>
<Text>A typhoon hit Arnor.</Text>
</Sentence>
<Sentence date="19950101" id="E-2" category="ERROR">
<EventCoding error="bad_input_parse"></EventCoding>
<Text>Arnor condemned Gondor.</Text>
</Sentence>
</Sentences>
</Validation>
"""


def rec(source="ARN", target="GON", code="111", *, source_text="Arnor", target_text="Gondor", source_sector=None,
        target_sector=None):
    """A stand-in for an EventRecord: the fields the comparison reads."""
    return SimpleNamespace(source_code=source, target_code=target, cameo_code=code, source_text=source_text,
                           target_text=target_text, source_sector=source_sector, target_sector=target_sector)


# --- reading ----------------------------------------------------------------------------------------------


def test_records_and_environment_are_read(tmp_path: Path):
    environment, records = parse_records(SUITE, tmp_path / "suite.xml")
    assert environment.actors == (str(tmp_path / "actors.txt"),)
    assert environment.verbs == (str(tmp_path / "verbs.txt"),) and environment.discards == (str(tmp_path / "discards.txt"),)
    assert environment.include == {"valid", "DEMO", "ERROR"}
    assert [r.id for r in records] == ["D-1", "D-2", "D-3", "P-1", "E-1", "E-2"]  # the commented record is not read
    d1, d2, d3, p1, e1, e2 = records
    assert d1.day == date(1995, 1, 1) and d1.text == "Arnor condemned Gondor & friends."
    assert d1.events == (("ARN", "GON", "111"),) and not d1.noevents and d1.line == 11
    assert d2.day == date(2001, 2, 3)
    assert d2.events == (('"THE MINISTRY OF MAGIC"', "---GOV", "042"), ("GON", "ARN", "043"))
    assert d3.noevents and p1.noevents and p1.events == ()  # no <EventCoding> line: nothing expected
    assert e1.error == "storydiscard" and e1.events == ()
    reasons = [r.skip_reason(environment.include) for r in records]
    assert reasons == [None, None, 'sentence="false"', "category PARSING not in <Include>", None,
                       'error="bad_input_parse" is about the supplied parse tree']


def test_read_records_reads_a_file(tmp_path: Path):
    path = tmp_path / "suite.xml"
    path.write_text(SUITE, encoding="utf-8")
    environment, records = read_records(path)
    assert environment.path == str(path) and len(records) == 6
    with pytest.raises(KnowledgeError, match="cannot read the records file"):
        read_records(tmp_path / "absent.xml")


@pytest.mark.parametrize(("change", "message"), [
    (('date="19950101" id="D-1"', 'date="1995-01-01" id="D-1"'), "line 11: bad date '1995-01-01'"),
    (('date="19950101" id="D-1"', 'date="19951301" id="D-1"'), "line 11: bad date '19951301'"),
    (('id="D-1" ', ""), "line 11: <Sentence> without id"),
    (("<Text>Nothing here.</Text>", "<Text> </Text>"), "line 26: record D-3 has no <Text>"),
    (('<EventCoding noevents="True"/>', '<EventCoding sourcecode="ARN"/>'),
     "line 26: an <EventCoding> needs sourcecode, targetcode and eventcode"),
    (("<Environment>", "<Env>"), "line 1: no <Environment>"),
    (("</Parse>\n</Sentence>", "</Parse>\n</Sentance>"),
     "line 11: the <Sentence> record is not closed by </Sentence> before the next one, at line 21"),
    (("<Sentence ", "<Sentense "), "line 1: no <Sentence> records"),
])
def test_bad_records_name_file_and_line(tmp_path: Path, change, message):
    with pytest.raises(KnowledgeError, match=f"suite.xml {message}"):
        parse_records(SUITE.replace(*change), tmp_path / "suite.xml")


# --- scoring ----------------------------------------------------------------------------------------------


def test_a_record_passes_when_every_expected_event_and_nothing_else_is_coded(tmp_path: Path):
    _env, (d1, d2, d3, _p1, e1, _e2) = parse_records(SUITE, tmp_path / "suite.xml")
    assert judge(d1, coded_events([rec(), rec()])).passed  # a repeat is one event
    missing = judge(d1, coded_events([]))
    assert not missing.passed and missing.missing == [("ARN", "GON", "111")] and missing.extra == []
    extra = judge(d1, coded_events([rec(), rec("GON", "ARN", "111")]))  # a reverse event PETRARCH does not code
    assert not extra.passed and extra.missing == [] and extra.extra == [("GON", "ARN", "111")]
    wrong = judge(d1, coded_events([rec(code="112")]))
    assert (wrong.missing, wrong.extra) == ([("ARN", "GON", "111")], [("ARN", "GON", "112")])
    assert judge(d3, []).passed and not judge(d3, coded_events([rec()])).passed
    assert judge(e1, []).passed and not judge(e1, coded_events([rec()])).passed
    failed = judge(d1, [], error="d: internal error")
    assert not failed.passed and failed.error == "d: internal error"


def test_uncoded_actors_and_quoted_noun_phrases(tmp_path: Path):
    _env, (_d1, d2, *_rest) = parse_records(SUITE, tmp_path / "suite.xml")
    ministry = rec(None, None, "042", source_text="the Ministry of Magic's", target_text="the government",
                   target_sector="GOV")
    events = coded_events([ministry, rec("GON", "ARN", "043")])
    assert [(s.code, t.code, c) for s, t, c in events] == [("---", "---GOV", "042"), ("GON", "ARN", "043")]
    assert judge(d2, events).passed
    coded_name = rec("MAG", None, "042", source_text="the Ministry of Magic", target_sector="GOV")
    assert not judge(d2, coded_events([coded_name, rec("GON", "ARN", "043")])).passed  # a coded actor is no phrase
    other = rec(None, None, "042", source_text="the Ministry of Silly Walks", target_sector="GOV")
    assert not judge(d2, coded_events([other, rec("GON", "ARN", "043")])).passed


def test_report_lists_categories_and_failures(tmp_path: Path):
    environment, (d1, d2, d3, _p1, e1, _e2) = parse_records(SUITE, tmp_path / "suite.xml")
    outcomes = [judge(d1, coded_events([rec(), rec("GON", "ARN", "111")]), triggers=["condemned: condemn -> 111"]),
                judge(d2, []), judge(e1, [])]
    report = Report(environment, outcomes, [(d3, 'sentence="false"')])
    assert report.by_category() == {"DEMO": (0, 2), "ERROR": (1, 1)} and report.passed == 1
    text = format_report(report, verbose=True)
    assert "  DEMO          0/2      0.0%" in text and "  TOTAL         1/3     33.3%" in text
    assert "D-3 [DEMO] line 26: sentence=\"false\"" in text
    assert ("FAIL D-1 [DEMO] line 11: expected ARN GON 111; coded ARN GON 111, GON ARN 111 (extra GON ARN 111)"
            in text)
    assert "triggers: condemned: condemn -> 111" in text and "triggers: no lexicon entry matched" in text
    assert "failed records by class" in text and "     1  extra reverse of an expected event" in text
    assert "E-1" not in text.split("not scored")[1]  # it passed
    assert "D-3" not in format_report(report)  # not listed without verbose


def test_failure_classes(tmp_path: Path):
    _env, (d1, _d2, d3, *_rest) = parse_records(SUITE, tmp_path / "suite.xml")
    assert failure_classes(judge(d1, coded_events([rec()]))) == []
    assert failure_classes(judge(d1, [])) == ["nothing coded: no lexicon entry matched"]
    stopped = ["condemned: condemn -> 111 [not coded: negated]", "x: y [not coded: no source: none named]",
               "z: w [coded: z]"]
    assert failure_classes(judge(d1, [], triggers=stopped)) == ["nothing coded: negated", "nothing coded: no source"]
    both_ways = judge(d1, coded_events([rec(code="112"), rec("GON", "ARN", "112"), rec("GON", "MOR", "111")]))
    assert failure_classes(both_ways) == ["extra reverse of an expected event", "event code differs",
                                          "actor code differs"]
    assert failure_classes(judge(d3, coded_events([rec()]))) == ["coded where nothing was expected"]
    assert failure_classes(judge(d1, [], error="boom")) == ["coding failed"]


def test_options_name_the_suite_dictionaries(tmp_path: Path):
    environment, _records = parse_records(SUITE, tmp_path / "suite.xml")
    options = options_for(environment, one_sided=True)
    assert options.petrarch_actors == (str(tmp_path / "actors.txt"),) and options.one_sided
    assert options.petrarch_agents == (str(tmp_path / "agents.txt"),) and options.lexicon_files == ()
    assert options.petrarch_discards == (str(tmp_path / "discards.txt"),)
    with_verbs = options_for(environment, petrarch_verbs=True)
    assert with_verbs.petrarch_verbs == environment.verbs and with_verbs.lexicon_mode == "replace"
    assert (with_verbs.petrarch_non_cameo, with_verbs.petrarch_on_error) == ("keep", "skip")
    assert options_for(environment, petrarch_verbs=True, lexicon_mode="add").lexicon_mode == "add"


# --- the script -------------------------------------------------------------------------------------------


def script():
    spec = importlib.util.spec_from_file_location("validate_petrarch", ROOT / "tools" / "validate_petrarch.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_script_codes_a_tiny_suite(tmp_path: Path, capsys):
    (tmp_path / "actors.txt").write_text("ARNOR [ARN]\nGONDOR [GON]\n", encoding="utf-8")
    (tmp_path / "agents.txt").write_text("SOLDIER [~MIL]\n", encoding="utf-8")
    (tmp_path / "discards.txt").write_text("+TYPHOON\n", encoding="utf-8")
    (tmp_path / "verbs.txt").write_text("--- CONDEMN [111] ---\nCONDEMN\n\n--- VISIT [042] ---\nVISIT\n",
                                        encoding="utf-8")
    suite = tmp_path / "suite.xml"
    suite.write_text(SUITE, encoding="utf-8")
    assert script().main([str(suite)]) == 0
    out = capsys.readouterr().out
    assert "  ERROR         1/1    100.0%" in out  # E-1: a story discard
    assert "  DEMO          1/2     50.0%" in out  # D-1 passes, D-2 (an unknown ministry visits) does not
    assert "FAIL D-2 [DEMO] line 21:" in out and "FAIL D-1" not in out


def test_script_names_the_dictionary_lines_it_skipped(tmp_path: Path, capsys):
    (tmp_path / "actors.txt").write_text("ARNOR [ARN]\nGONDOR [GON]\n", encoding="utf-8")
    (tmp_path / "agents.txt").write_text("SOLDIER [~MIL]\n", encoding="utf-8")
    (tmp_path / "discards.txt").write_text("+TYPHOON\n", encoding="utf-8")
    (tmp_path / "verbs.txt").write_text("--- CONDEMN [111] ---\nCONDEMN\n- * &NOWHERE [112]\n", encoding="utf-8")
    suite = tmp_path / "suite.xml"
    suite.write_text(SUITE, encoding="utf-8")
    assert script().main([str(suite)]) == 0
    assert "  warning: verbs.txt line 3: skipped: a pattern naming an unknown synonym set\n" in capsys.readouterr().out


def test_script_bad_records_file_exits_2(tmp_path: Path, capsys):
    suite = tmp_path / "suite.xml"
    suite.write_text(SUITE.replace('date="19950101" id="D-1"', 'date="1995" id="D-1"'), encoding="utf-8")
    assert script().main([str(suite)]) == 2
    assert capsys.readouterr().err == f"error: {suite} line 11: bad date '1995' (expected YYYYMMDD)\n"


# --- PETRARCH's suites ------------------------------------------------------------------------------------

SUITES = {
    # records file: (records scored, floor of records passing with the suite's own dictionaries)
    "ud_2_02/PETR_Validate_records_2_02.xml": (245, 196),
    "unit_tests/PETR.UnitTest.records.xml": (276, 221),
}


@needs_shared
@pytest.mark.parametrize("name", list(SUITES))
def test_petrarch_suite(name, capsys):
    """Both suites with all their own dictionaries (verbs with ``lexicon_mode="replace"``, their WEIS codes kept,
    discards) and PETRARCH's conventions, the count per category printed. The floor is issue 16's bar, 80% of
    the records scored (PETRARCH-2 passes 52.7% of ud_2_02's, PETRARCH-1 75.6% of unit_tests'); measured on
    7 Dec 2026: ud_2_02 200/245 (81.6%), unit_tests 227/276 (82.2%)."""
    scored, floor = SUITES[name]
    report = validate_file(PETRARCH / name)
    with capsys.disabled():
        print()
        print(format_report(report).split("\nfailed records")[0])
    assert len(report.outcomes) == scored
    assert report.passed >= floor


BUILTIN_FLOORS = {
    # records file: floor of records passing with eventcoder's own lexicon instead of the suite's verbs
    "ud_2_02/PETR_Validate_records_2_02.xml": 17,
    "unit_tests/PETR.UnitTest.records.xml": 24,
}


@needs_shared
@pytest.mark.parametrize("name", list(BUILTIN_FLOORS))
def test_petrarch_suite_with_the_builtin_lexicon(name):
    """The suites' actors and agents with eventcoder's own verb lexicon: most records need the suite's verbs
    (its WEIS codes, its patterns), so few pass; measured on 7 Dec 2026: ud_2_02 22/245, unit_tests 29/276
    (the floors are 5 records less)."""
    report = validate_file(PETRARCH / name, petrarch_verbs=False)
    assert report.passed >= BUILTIN_FLOORS[name]
