"""PETRARCH-format CAMEO verb dictionaries: the reader (every feature and error on small snippets written here),
the mapping onto lexicon patterns, and the three real dictionaries under ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.knowledge import KnowledgeError
from eventcoder.petrarch_verbs import read_petrarch_verbs

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CAMEO_VERBS = SHARED / "knowledge-sources" / "CAMEO.2.0.txt"
UNIT_VERBS = SHARED / "peers" / "petrarch" / "unit_tests" / "PETR.Validate.verbs.txt"
UD_VERBS = SHARED / "peers" / "petrarch" / "ud_2_02" / "PETR_Validate_verbs_2_02.txt"
needs_shared = pytest.mark.skipif(not CAMEO_VERBS.exists(), reason="../shared is absent")

SNIPPET = """\
<!-- A TEST DICTIONARY
     OVER TWO LINES -->
####### SYNONYM SETS #######
&FRUIT
+APPLE
+PEAR_
+GREEN PLUM
+(TO THE ORCHARD)

&TOOL_
+HAMMER
+&FRUIT

--- SHOUT  [040]  ---
SHOUT    # a comment
YELL {YELLS YELLED YELLING} [041]
+CALL_OUT {+CALLS_OUT +CALLED_OUT}
WIRE_+TAP
- * &FRUIT  [042]  # ate fruit
- SAID_* (AT +) [043:044]
- % * TOGETHER [050:050]
- $ * ^ {RIPE &TOOL} [051] ; an old comment
- * NOTHING [---]
- * MAYBE [+++]
- * HUSH [###]  # not a comment start

--- WHISPER [---] ---
WHISPER
- * SECRET [:036]
~ a (a b SHOUT) SAY = a b 040
"""


def write(tmp_path, text, name="verbs.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def read(tmp_path, text, **kw):
    return read_petrarch_verbs(write(tmp_path, text), **kw)


def test_synonym_sets(tmp_path):
    verbs = read(tmp_path, SNIPPET)
    fruit, tool = verbs.synsets["FRUIT"], verbs.synsets["TOOL"]
    assert fruit.source == "verbs.txt:4" and fruit.plurals and not tool.plurals
    assert [w.words for w in fruit.words] == [("APPLE",), ("PEAR",), ("GREEN", "PLUM"), ("TO", "THE", "ORCHARD")]
    assert [w.plural for w in fruit.words] == [True, False, True, False]
    assert fruit.words[3].prep and fruit.words[1].source == "verbs.txt:6"
    assert tool.words[1].words == ("&FRUIT",)


def test_verb_blocks_and_forms(tmp_path):
    shout, whisper = read(tmp_path, SNIPPET).blocks
    assert (shout.name, shout.code.codes, shout.source) == ("SHOUT", ("040",), "verbs.txt:14")
    assert [v.words for v in shout.verbs] == [("SHOUT",), ("YELL",), ("CALL", "OUT"), ("WIRE", "TAP")]
    assert [v.head for v in shout.verbs] == [0, 0, 0, 1]
    assert shout.verbs[0].comment == "a comment" and shout.verbs[0].code is None
    assert shout.verbs[1].forms == (("YELLS",), ("YELLED",), ("YELLING",)) and shout.verbs[1].code.codes == ("041",)
    assert shout.verbs[2].forms == (("CALLS", "OUT"), ("CALLED", "OUT")) and shout.verbs[2].lemma == "call out"
    assert whisper.code.discard and whisper.verbs[0].source == "verbs.txt:28"


def test_patterns(tmp_path):
    shout = read(tmp_path, SNIPPET).blocks[0]
    fruit, said, together, ripe, nothing, maybe, hush = shout.patterns
    assert [(t.text, t.kind) for t in fruit.tokens] == [("*", "verb"), ("&FRUIT", "synset")]
    assert fruit.comment == "ate fruit" and fruit.source == "verbs.txt:19"
    assert [t.joined for t in said.tokens] == [False, True, False, False]
    assert [t.group for t in said.tokens] == ["", "", "prep", "prep"] and said.positions("target") == (3,)
    assert said.code.reciprocal and said.code.codes == ("043", "044") and said.verb_at == 1
    assert together.positions("compound") == (0,) and together.code.codes == ("050", "050")
    assert ripe.positions("source") == (0,) and ripe.positions("skip") == (2,)
    assert [t.group for t in ripe.tokens[3:]] == ["phrase", "phrase"] and ripe.comment == "an old comment"
    assert nothing.code.discard and maybe.code.null and hush.code.null and hush.code.text == "###"


def test_second_code_transformations_comments_and_summary(tmp_path):
    verbs = read(tmp_path, SNIPPET)
    assert verbs.blocks[1].patterns[0].code.codes == ("", "036")
    assert verbs.transformations == [("a (a b SHOUT) SAY = a b 040", "verbs.txt:30")]
    assert ("A TEST DICTIONARY", "verbs.txt:1") in verbs.comments
    assert ("OVER TWO LINES", "verbs.txt:2") in verbs.comments
    summary = verbs.summary()
    assert {k: summary[k] for k in ("blocks", "verbs", "forms", "multi_word_verbs", "synonym_sets", "patterns",
                                    "discards", "reciprocal_patterns", "transformations", "skipped")} == {
        "blocks": 2, "verbs": 5, "forms": 5, "multi_word_verbs": 2, "synonym_sets": 2, "patterns": 8,
        "discards": 1, "reciprocal_patterns": 3, "transformations": 1, "skipped": 0}


def test_tolerated_irregularities_are_counted(tmp_path):
    text = ("&A\n+X\n&A\n+Y\n--- LASH OUT [122]---  ---\nLASH OUT\nCRACK {CRACKS , CRACKED}\n"
            "--- DOUBT [080!]\nDOUBT\n- *REALLY [042?]\n* (TO X) [040]\n")
    verbs = read(tmp_path, text)
    assert [w.words for w in verbs.synsets["A"].words] == [("X",), ("Y",)]
    assert verbs.blocks[0].verbs[0].words == ("LASH", "OUT") and verbs.blocks[0].verbs[1].forms[1] == ("CRACKED",)
    assert verbs.blocks[1].code.codes == ("080",) and verbs.blocks[1].code.doubt == "!"
    assert [t.kind for t in verbs.blocks[1].patterns[0].tokens] == ["verb", "word"]
    assert [t.text for t in verbs.blocks[1].patterns[1].tokens] == ["*", "TO", "X"]
    summary = verbs.summary()
    for key in ("note: synonym set defined again (its words added to the first)",
                "note: multi-word verb written with spaces (read as if joined by '_')",
                "note: block header with '---' twice at its end", "note: irregular forms separated by ','",
                "note: block header without its closing '---'", "note: code with a trailing '!' (dropped)",
                "note: code with a trailing '?' (dropped)", "note: '*' written against a word (read as separate)",
                "note: pattern without its leading '-' (read as a pattern)"):
        assert summary[key] == 1, key


@pytest.mark.parametrize(("text", "line", "message"), [
    ("SHOUT\n", 1, "a verb line outside a verb block"),
    ("--- SHOUT\n", 1, "malformed verb block header"),
    ("--- SHOUT [040] ---\nSHOUT {SHOUTS\n", 2, "malformed verb line"),
    ("--- SHOUT [040] ---\nSHOUT\nYELL [041\n", 3, "malformed verb line"),  # not a comment
    ("--- SHOUT [040] ---\n+A_+B_+C\n", 2, "malformed verb"),
    ("--- SHOUT [040] ---\nSHOUT\n- * LOUDLY\n", 3, "without a [CODE]"),
    ("--- SHOUT [040] ---\nSHOUT\n- * LOUDLY * [040]\n", 3, "exactly one '*'"),
    ("--- SHOUT [040] ---\nSHOUT\n- * (AT + [040]\n", 3, "unclosed"),
    ("--- SHOUT [040] ---\nSHOUT\n- * AT) [040]\n", 3, "unbalanced"),
    ("--- SHOUT [040] ---\nSHOUT\n- * AT @HOME [040]\n", 3, "malformed pattern element"),
    ("--- SHOUT [040] ---\nSHOUT\n- * LOUDLY [04-0]\n", 3, "malformed code"),
    ("--- SHOUT [040] ---\nSHOUT\n- * LOUDLY [040:041:042]\n", 3, "malformed code"),
    ("- * LOUDLY [040]\n", 1, "a pattern outside a verb block"),
    ("&BAD NAME\n", 1, "malformed synonym set name"),
    ("&SET\n+A [040]\n", 2, "malformed synonym"),
    ("--- SHOUT [040] ---\nSHOUT\n- * &NOWHERE [040]\n", 3, "unknown synonym set &NOWHERE"),
    ("&SET\n+&NOWHERE\n", 2, "unknown synonym set &NOWHERE"),
    ("--- SHOUT [345] ---\nSHOUT\n", 1, "'345' is not a CAMEO event code"),
    ("--- SHOUT [040] ---\nSHOUT\n- * LOUDLY [042:999]\n", 3, "'999' is not a CAMEO event code"),
])
def test_errors_name_file_and_line(tmp_path, text, line, message):
    path = write(tmp_path, text)
    with pytest.raises(KnowledgeError) as info:
        read_petrarch_verbs(path)
    assert f"{path} line {line}:" in str(info.value) and message in str(info.value)


def test_non_cameo_codes_kept_or_skipped_and_counted(tmp_path):
    text = "--- SHOUT [345] ---\nSHOUT\n- * LOUDLY [987]\n- * SOFTLY [040]\n"
    kept = read(tmp_path, text, non_cameo="keep")
    assert kept.blocks[0].code.codes == ("345",) and len(kept.blocks[0].patterns) == 2
    assert kept.summary()["note: non-CAMEO code (keep)"] == 2
    skipped = read(tmp_path, text, non_cameo="skip", cameo_codes={"040", "345"})
    assert [p.source for p in skipped.blocks[0].patterns] == ["verbs.txt:4"]
    assert skipped.skipped == [("a pattern with a non-CAMEO code", "verbs.txt:3")]
    with pytest.raises(ValueError):
        read(tmp_path, text, non_cameo="ignore")


def test_on_error_skip_counts_each_bad_line(tmp_path):
    text = "--- SHOUT [040] ---\nSHOUT\n- * (AT [040]\n- * &NOWHERE [040]\n- * LOUDLY [041]\n"
    verbs = read(tmp_path, text, on_error="skip")
    assert [p.source for p in verbs.blocks[0].patterns] == ["verbs.txt:5"]
    assert verbs.skipped == [("unclosed or in pattern", "verbs.txt:3"),
                             ("a pattern naming an unknown synonym set", "verbs.txt:4")]
    assert verbs.summary()["skipped"] == 2


def test_synsets_from_another_file(tmp_path):
    other = write(tmp_path, "&FRUIT\n+APPLE\n", "synsets.txt")
    verbs = read(tmp_path, "--- EAT [040] ---\nEAT\n- * &FRUIT [042]\n", synsets_from=[other])
    assert verbs.blocks[0].patterns[0].positions("synset") == (1,)


@needs_shared
@pytest.mark.parametrize(("path", "non_cameo", "expected"), [
    (CAMEO_VERBS, "error", {"blocks": 397, "verbs": 1817, "synonym_sets": 40, "patterns": 4664, "skipped": 4}),
    (UNIT_VERBS, "keep", {"blocks": 261, "verbs": 269, "synonym_sets": 17, "patterns": 474, "skipped": 0}),
    (UD_VERBS, "keep", {"blocks": 69, "verbs": 127, "synonym_sets": 30, "patterns": 354, "skipped": 5}),
])
def test_real_dictionaries_load(path, non_cameo, expected):
    verbs = read_petrarch_verbs(str(path), non_cameo=non_cameo, on_error="skip")
    summary = verbs.summary()
    print(f"\n{path.name}: " + ", ".join(f"{k} {v}" for k, v in summary.items()))
    assert {k: summary[k] for k in expected} == expected
    assert len(verbs.skipped) == summary["skipped"]  # nothing refused without a reason
    if non_cameo == "keep":
        with pytest.raises(KnowledgeError, match="is not a CAMEO event code"):
            read_petrarch_verbs(str(path), on_error="skip")


@needs_shared
def test_cameo_dictionary_bad_lines_are_errors_by_default():
    with pytest.raises(KnowledgeError, match=r"CAMEO.2.0.txt line 2374: unbalanced"):
        read_petrarch_verbs(str(CAMEO_VERBS))


def test_pattern_words_in_any_script(tmp_path):
    verbs = read(tmp_path, "--- SHOUT [040] ---\nSHOUT\n- * + WITH ÉTÉ [041]\n")
    assert [t.text for t in verbs.blocks[0].patterns[0].tokens] == ["*", "+", "WITH", "ÉTÉ"]
