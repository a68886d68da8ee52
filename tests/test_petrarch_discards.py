"""PETRARCH discard files (issue 16): reading them (:mod:`eventcoder.petrarch_discards`), how a phrase matches,
``CoderOptions.petrarch_discards`` in the coder (a sentence holding a phrase is not coded, an article holding a
``+`` phrase codes nothing, the trace says why), ``--petrarch-discards`` on the command line, and the validation
suites' ``error="sentencediscard"`` / ``"storydiscard"`` records. The discard files and texts are written here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventcoder.cli import app
from eventcoder.explain import explain_text
from eventcoder.knowledge import KnowledgeError
from eventcoder.options import CoderOptions
from eventcoder.petrarch_discards import load_discards, parse_discards, read_discards
from eventcoder.petrarch_validate import parse_records, validate
from eventcoder.pipeline import get_coder
from eventcoder.ingest import parse_article

DISCARDS = """\
# Story-level discards start with '+'.
CRICKET MATCH     # sports
ZORBALL
+SUPER STORM      # weather: the whole story goes
GROUP A_
"""
MEETING = "Russia condemned China in Moscow."
"""A sentence the built-in lexicon codes (111 RUSGOV CHNGOV)."""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def codes(text: str, options: CoderOptions) -> list[tuple[str, str, str]]:
    result = get_coder(options).code(parse_article("t", text, published="2025-11-20"))
    return [(r.source_code, r.target_code, r.cameo_code) for r in result.records]


# --- reading ----------------------------------------------------------------------------------------------


def test_phrases_levels_and_sources(tmp_path: Path):
    discards = read_discards(str(write(tmp_path, "d.txt", DISCARDS)))
    assert [(d.phrase, d.story, d.source) for d in discards.discards] == [
        ("CRICKET MATCH", False, f"{tmp_path / 'd.txt'} line 2"), ("ZORBALL", False, f"{tmp_path / 'd.txt'} line 3"),
        ("SUPER STORM", True, f"{tmp_path / 'd.txt'} line 4"), ("GROUP A", False, f"{tmp_path / 'd.txt'} line 5")]
    assert discards.match("A super storm hit.").describe() == \
        f"story discard phrase '+SUPER STORM' ({tmp_path / 'd.txt'} line 4)"


@pytest.mark.parametrize(("text", "found"), [
    ("They played a Cricket Match.", "CRICKET MATCH"),          # any case
    ("A cricket\nmatch began.", "CRICKET MATCH"),               # any white space between the words
    ("zorball, they said", "ZORBALL"),                          # punctuation ends a word
    ("Zorball", "ZORBALL"),                                     # at the end of the text
    ("They like zorballs.", None),                              # whole words: no stems
    ("The prozorball team.", None),
    ("A cricket team's match.", None),                          # the words in a row
    ("Group A won; group AB lost.", "GROUP A"),
    ("Group AB lost.", None),
    ("A super storm and a cricket match.", "SUPER STORM"),      # a story phrase wins
])
def test_how_a_phrase_matches(text: str, found: str | None):
    match = parse_discards(DISCARDS.splitlines()).match(text)
    assert (match.phrase if match else None) == found


def test_underscores_join_words_and_latin1_is_read(tmp_path: Path):
    path = tmp_path / "d.txt"
    path.write_bytes("+CAF\xc9_OPENING\n".encode("latin-1"))
    assert read_discards(str(path)).match("The café opening drew crowds.").story
    assert len(load_discards([str(path), str(write(tmp_path, "e.txt", DISCARDS))])) == 5
    assert not load_discards(())


@pytest.mark.parametrize(("text", "line", "message"), [
    ("ZORBALL\n  +  # nothing\n", 2, "'+' with no phrase after it"),
    ("# an actor dictionary\nZORBLAND_ [ZZZ]\n", 2, "'[' in discard phrase 'ZORBLAND_ [ZZZ]'"),
    ("--- ZORBLE [042] ---\n", 1, "'[' in discard phrase"),
    ("ZORBLER {} [~MIL]\n", 1, "'{' in discard phrase"),
])
def test_bad_lines_name_file_and_line(tmp_path: Path, text: str, line: int, message: str):
    path = write(tmp_path, "bad.txt", text)
    with pytest.raises(KnowledgeError, match=re.escape(f"{path} line {line}: {message}")):
        read_discards(str(path))


def test_unreadable_file(tmp_path: Path):
    with pytest.raises(KnowledgeError, match="cannot read PETRARCH discard file .*missing.txt"):
        read_discards(str(tmp_path / "missing.txt"))


# --- coding -----------------------------------------------------------------------------------------------


def test_options_and_fingerprint(tmp_path: Path):
    path = write(tmp_path, "d.txt", DISCARDS)
    options = CoderOptions(petrarch_discards=path)
    assert options.petrarch_discards == (str(path),) and str(path) in options.files()
    before = options.fingerprint()
    assert CoderOptions().fingerprint() is None and before is not None
    write(tmp_path, "d.txt", DISCARDS + "HOCKEY\n")
    assert options.fingerprint() != before


def test_a_sentence_discard_leaves_the_other_sentences_coded(tmp_path: Path):
    options = CoderOptions(petrarch_discards=write(tmp_path, "d.txt", DISCARDS))
    assert codes(MEETING, options) == codes(MEETING, CoderOptions()) == [("RUSGOV", "CHNGOV", "111")]
    text = f"Russia condemned China before a zorball game. {MEETING}"
    assert codes(text, options) == [("RUSGOV", "CHNGOV", "111")]
    result = get_coder(options).code(parse_article("t", text, published="2025-11-20"))
    assert [r.sentence_index for r in result.records] == [1]
    first, second = result.traces
    assert first.discarded.startswith("the sentence holds the sentence discard phrase 'ZORBALL' (")
    assert first.triggers == [] and second.discarded == ""


def test_a_story_discard_codes_nothing_of_the_article(tmp_path: Path):
    options = CoderOptions(petrarch_discards=write(tmp_path, "d.txt", DISCARDS))
    text = f"{MEETING} Russia condemned China again after the super storm."
    assert codes(text, CoderOptions()) != [] and codes(text, options) == []
    result = get_coder(options).code(parse_article("t", text, published="2025-11-20"))
    assert len(result.traces) == len(result.sentences) == 2
    assert all(t.discarded.startswith("the article holds the story discard phrase '+SUPER STORM' (")
               for t in result.traces)


def test_explain_says_why(tmp_path: Path):
    coder = get_coder(CoderOptions(petrarch_discards=write(tmp_path, "d.txt", DISCARDS)))
    first, second = explain_text(f"A cricket match: Russia condemned China. {MEETING}", coder=coder)
    assert "TRIGGERS\n  (not coded: the sentence holds the sentence discard phrase 'CRICKET MATCH'" in first.render()
    assert "(not coded" not in second.render() and second.events


def test_command_line(tmp_path: Path):
    path = write(tmp_path, "d.txt", DISCARDS)
    result = CliRunner().invoke(app, ["explain", f"Zorball fans cheered. {MEETING}", "--petrarch-discards", str(path),
                                      "--petrarch-discards", str(write(tmp_path, "e.txt", "FANS\n"))])
    assert result.exit_code == 0, result.output
    assert result.output.count("(not coded: the sentence holds the sentence discard phrase") == 1
    assert "111 RUSGOV -> CHNGOV" in result.output


# --- the validation suites' error records -----------------------------------------------------------------

SUITE = """<Validation>
<Environment>
    <Actorfile>actors.txt</Actorfile>
    <Discardfile>discards.txt</Discardfile>
</Environment>
<Sentence date="20250101" id="S-1" category="ERROR"><EventCoding error="storydiscard"/>
<Text>Zorbland condemned Ruritania after the super storm.</Text></Sentence>
<Sentence date="20250101" id="S-2" category="ERROR"><EventCoding error="sentencediscard"/>
<Text>Zorbland condemned Ruritania at a cricket match.</Text></Sentence>
<Sentence date="20250101" id="S-3" category="DEMO">
<EventCoding sourcecode="ZOR" targetcode="RUR" eventcode="111"/>
<Text>Zorbland condemned Ruritania.</Text></Sentence>
</Validation>
"""


def suite_outcomes(folder: Path, discards: str) -> list[tuple[str, bool, list]]:
    folder.mkdir()
    write(folder, "actors.txt", "ZORBLAND_ [ZOR]\nRURITANIA_ [RUR]\n")
    write(folder, "discards.txt", discards)
    report = validate(*parse_records(SUITE, folder / "suite.xml"))
    return [(o.record.id, o.passed, o.coded) for o in report.outcomes]


def test_discard_records_of_a_suite(tmp_path: Path):
    assert suite_outcomes(tmp_path / "with", DISCARDS) == [
        ("S-1", True, []), ("S-2", True, []), ("S-3", True, [("ZOR", "RUR", "111")])]
    without = suite_outcomes(tmp_path / "without", "# none\n")  # without the phrases both are coded
    assert [passed for _id, passed, _coded in without] == [False, False, True]
