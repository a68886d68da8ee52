"""Issue 14, targets the text ties to the act: force only vowed against people placed by the act's place,
"the group" and object "them" referring back, people of the knowledge files named again by one word. Sentences
written for these tests."""

from __future__ import annotations

from eventcoder.pipeline import code_text


def _codes(text: str, published: str = "2021-06-10") -> list[tuple[str, str, str]]:
    return [(r.cameo_code, r.source_country, r.target_country) for r in code_text(text, published=published)]


def test_vowed_force_against_unplaced_people_takes_the_place_of_the_act():
    codes = _codes("Iraq vowed on Monday that it would drive the militants out of Mosul.")
    assert ("138", "IRQ", "IRQ") in codes or any(c[0].startswith("13") and c[2] == "IRQ" for c in codes)
