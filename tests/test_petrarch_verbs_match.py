"""PETRARCH verb dictionaries matched as PETRARCH matches them (issue 16, :mod:`eventcoder.petrarch_match`): verbs
by their written forms, patterns as word sequences before and after the verb, the most specific pattern first,
``[a:b]`` codes. The dictionaries and sentences are tiny ones written here (fictional verbs where it matters)."""

from __future__ import annotations

from pathlib import Path

import pytest

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
- * (WITH) [031]

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
