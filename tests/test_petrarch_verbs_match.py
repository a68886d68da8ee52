"""PETRARCH verb dictionaries matched as PETRARCH matches them (issue 16, :mod:`eventcoder.petrarch_match`): verbs
by their written forms, patterns as word sequences before and after the verb, the most specific pattern first,
``[a:b]`` codes. The dictionaries and sentences are tiny ones written here (fictional verbs where it matters)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.events.triggers import TriggerMatcher
from eventcoder.lexicon import assemble
from eventcoder.model import Sentence
from eventcoder.parse import ParseView
from eventcoder.petrarch_match import Element, build_index, match_elements, regular_forms
from eventcoder.petrarch_verbs import read_petrarch_verbs
from eventcoder.pipeline import get_coder

DICTIONARY = """\
&TIETYPES
+MILITARY
+ECONOMIC

&NEGAUX
+DID N'T
+WILL NOT

--- ABANDON [345] ---
ABANDON
- * DIPLOMATIC TIES [161]
- * &TIETYPES TIES [162]
- * NEW_&TIETYPES_RELATIONS [163]
- &NEGAUX * [081]
- RECENTLY_* [025]

--- LEAVE [012] ---
LEAVE

--- LEFT [032:033] ---
LEFT

--- BREAK [1717] ---
BREAK {BROKE BROKEN}
+BREAK_DOWN {+BROKE_DOWN +BROKEN_DOWN}
- * TREATY [161]

--- AGREE [081] ---
AGREE
- % * [030:030]
- * WITH [031]

--- IGNORE [---] ---
IGNORE
- * WARNING [023]
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    path = Path(tmp_path_factory.mktemp("verbs")) / "verbs.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    return build_index([read_petrarch_verbs(str(path), non_cameo="keep")])


@pytest.fixture(scope="module")
def nlp():
    return get_coder().nlp


def coded(index, nlp, text: str, word: str):
    """The pattern PETRARCH's matching gives the first token written ``word`` of ``text``."""
    view = ParseView.of(nlp(text), text)
    i = next(k for k in range(len(view)) if view.lower(k) == word)
    return index.match(view, i)


def test_regular_forms_are_petrarchs_with_english_spelling():
    assert set(regular_forms("depart")) == {"depart", "departs", "departed", "departing"}
    assert {"stopped", "stopping", "stops"} <= set(regular_forms("stop"))
    assert {"tries", "tried", "trying"} <= set(regular_forms("try"))
    assert {"agreed", "agreeing", "agrees"} <= set(regular_forms("agree"))
    assert {"pushes", "pushed"} <= set(regular_forms("push"))


def test_verbs_match_their_written_forms_only(index, nlp):
    assert coded(index, nlp, "Gondor departs from Rohan and leaves Arnor.", "leaves").code == "012"
    left = coded(index, nlp, "Gondor left for Rohan on Monday.", "left")
    assert (left.code, left.reverse, "sym" in left.flags) == ("032", "033", True)  # its own block, [a:b]
    assert coded(index, nlp, "Gondor broke with Rohan.", "broke").code == "1717"
    assert coded(index, nlp, "Gondor breaks with Rohan.", "breaks") is None  # braces: only the forms written
    assert coded(index, nlp, "Gondor abandoned Rohan.", "abandoned").code == "345"


def test_multi_word_verbs_and_block_patterns(index, nlp):
    down = coded(index, nlp, "Gondor broke down the talks with Rohan.", "broke")
    assert (down.code, down.lemma) == ("1717", "break down")
    treaty = coded(index, nlp, "Gondor broke down a treaty with Rohan.", "broke")
    assert treaty.code == "161" and "treaty" in treaty.objects  # the block's patterns serve all its verbs


@pytest.mark.parametrize(("text", "code"), [
    ("Gondor will abandon full diplomatic ties with Rohan.", "161"),
    ("Gondor will abandon full economic ties with Rohan.", "162"),  # a synonym set
    ("Gondor will abandon full cultural ties with Rohan.", "345"),  # not a member: the block's code
    ("Gondor will abandon new military relations with Rohan.", "163"),  # joined words follow each other
    ("Gondor will abandon new global military relations with Rohan.", "345"),  # ... or they do not match
    ("Gondor did n't abandon Rohan.", "081"),  # words before the verb, a set member of two words
    ("Gondor recently abandoned Rohan.", "025"),
    ("Recently, Gondor abandoned Rohan.", "345"),  # the words before the verb stop at a comma
])
def test_patterns_match_word_sequences(index, nlp, text: str, code: str):
    assert coded(index, nlp, text, "abandon" if "abandon " in text else "abandoned").code == code


def test_compound_place_needs_coordinated_actors(index, nlp):
    joint = coded(index, nlp, "Gondor and Rohan agree that the war must end.", "agree")
    assert (joint.code, joint.reverse, "sym" in joint.flags) == ("030", "030", True)
    assert coded(index, nlp, "Gondor agrees with Rohan and Arnor.", "agrees").code == "031"


def test_discard_block_codes_only_through_a_pattern(index, nlp):
    assert coded(index, nlp, "Gondor ignored Rohan.", "ignored") is None
    assert coded(index, nlp, "Gondor ignored the warning from Rohan.", "ignored").code == "023"


def test_a_discard_pattern_codes_nothing_and_a_second_side_code_turns_round(tmp_path: Path, nlp):
    index = index_of(tmp_path, "--- SNUB [110] ---\nSNUB\n- * + ON TELEVISION [---]\n\n"
                               "--- HOST [051] ---\nHOST\n- * + FOR TALKS [:042]\n")
    assert coded(index, nlp, "Gondor snubbed Rohan.", "snubbed").code == "110"
    assert coded(index, nlp, "Gondor snubbed Rohan on television.", "snubbed") is None
    hosted = coded(index, nlp, "Gondor hosted Rohan for talks.", "hosted")
    assert (hosted.code, hosted.flags, hosted.reverse) == ("042", {"swap"}, "")
    assert coded(index, nlp, "Gondor hosted Rohan.", "hosted").code == "051"


def test_match_elements_joined_spaced_and_actor_places():
    word = lambda w, adjacent=False: Element("word", ((w,),), adjacent, w)  # noqa: E731
    target = Element("target", (), False, "+")
    words = ["the", "talks", "with", "the", "envoy", "of", "rohan"]
    actors = [0, 1, 0, 0, 1, 0, 1]
    assert match_elements((word("talks"), word("with", True), target), words, actors) == [
        (1, "word"), (2, "word"), (4, "target")]
    assert match_elements((word("talks", True),), words, actors) == [(1, "word")]  # an article may stand between
    assert match_elements((word("with", True),), words, actors) is None
    assert match_elements((word("rohan"), word("talks")), words, actors) is None  # in order


def test_a_skip_passes_a_noun_phrase_when_it_can():
    word = lambda w: Element("word", ((w,),), False, w)  # noqa: E731
    skip, target = Element("skip", (), False, "^"), Element("target", (), False, "+")
    words = ["feast", "in", "minas", "tirith", "with", "rohan"]
    actors = [1, 0, 1, 1, 0, 1]
    # "* FEAST IN ^ +": the place after "in" is skipped, the target is the next noun
    assert match_elements((word("feast"), word("in"), skip, target), words, actors) == [
        (0, "word"), (1, "word"), (5, "target")]
    # with nothing to skip, "^" matches nothing of its own
    assert match_elements((word("feast"), skip, word("in")), words, actors) == [(0, "word"), (1, "word")]


PETRARCH_2 = """\
--- ALLOW [080] ---
ALLOW

--- ALLOW [080] ---
ALLOW
- RECENTLY * [025]
- * {NEAT PLACE} [027]
- POLICY * [060]

--- RISEN [---] ---
RISEN
- {DEATH TOLL} * [190]
"""


def index_of(tmp_path: Path, text: str):
    path = tmp_path / "verbs.txt"
    path.write_text(text, encoding="utf-8")
    return build_index([read_petrarch_verbs(str(path), non_cameo="keep")])


def test_a_verb_in_several_blocks_merges_them(tmp_path: Path, nlp):
    merged = index_of(tmp_path, "--- SHOT [---] ---\nSHOT\n- *_AND_WOUNDED [190]\n--- SHOT [190] ---\nSHOT\n"
                                "- * DEAD [180]\n")
    assert coded(merged, nlp, "Gondor shot dead a soldier of Rohan.", "shot").code == "180"
    assert coded(merged, nlp, "Gondor shot a soldier of Rohan.", "shot").code == "190"  # the last block's code
    assert coded(merged, nlp, "Gondor shot and wounded a soldier.", "shot").code == "190"


def test_petrarch_2_dictionaries_read_the_subject_and_the_verbs_own_phrases(tmp_path: Path, nlp):
    index = index_of(tmp_path, PETRARCH_2)  # groups written: PETRARCH-2's dictionary
    assert coded(index, nlp, "Gondor recently allowed the visit.", "allowed").code == "080"
    assert coded(index, nlp, "The new policy allowed the visit.", "allowed").code == "060"  # the subject's head
    assert coded(index, nlp, "Gondor allowed a neat place for the talks.", "allowed").code == "027"
    assert coded(index, nlp, "Gondor allowed that it is a neat place.", "allowed").code == "080"  # a clause
    assert coded(index, nlp, "Gondor's death toll has risen in the war.", "risen").code == "190"


def test_petrarch_1_dictionaries_read_back_to_a_comma_and_into_clauses(tmp_path: Path, nlp):
    index = index_of(tmp_path, PETRARCH_2.replace("{NEAT PLACE}", "NEAT_PLACE").replace("{DEATH TOLL}", "DEATH_TOLL"))
    assert coded(index, nlp, "Gondor recently allowed the visit.", "allowed").code == "025"
    assert coded(index, nlp, "Gondor allowed that it is a neat place.", "allowed").code == "027"


def test_verbs_inside_the_phrase_of_a_coded_verb_are_not_read(tmp_path: Path, nlp):
    index = index_of(tmp_path, "--- URGE [102] ---\nURGE\n--- ATTACK [190] ---\nATTACK\n")
    matcher = TriggerMatcher(assemble([], petrarch=index))
    text = "Gondor urged Rohan to attack Mordor. Gondor will attack Mordor."
    view = ParseView.of(nlp(text), text)
    first_end = view.sentence_of(0)[1]
    sentences = [Sentence(0, "", 0, 0, parse=view, first=0, last=first_end),
                 Sentence(1, "", 0, 0, parse=view, first=first_end, last=len(view))]
    words = [[t.word for t in matcher.triggers(s)[0]] for s in sentences]
    assert words == [["urged"], ["attack"]]  # "to attack" lies in the phrase of "urged"


def test_synonym_sets_nested_too_deep_are_an_error(tmp_path: Path):
    from eventcoder.errors import EventcoderError

    sets = "".join(f"&S{k}\n+&S{k + 1}\n" for k in range(60)) + "&S60\n+SONG\n"
    with pytest.raises(EventcoderError, match=r"synonym set &S51 is nested in more than 50 others"):
        index_of(tmp_path, sets + "--- SERENADE [051] ---\nSERENADE\n- * + WITH &S0 [051]\n")
