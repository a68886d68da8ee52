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


def test_the_group_refers_to_the_group_named_last():
    text = ("Hezbollah fighters crossed the border on Monday. Israeli troops attacked the group near the village.")
    assert ("190", "ISR", "LBN") in _codes(text)


def test_the_groups_fighters_are_the_group():
    text = "Hezbollah fired rockets on Sunday. On Monday Israeli troops attacked the group's fighters."
    assert ("190", "ISR", "LBN") in _codes(text)
    # a group named only after the phrase is not what it refers to
    assert ("190", "ISR", "LBN") not in _codes("Israeli troops attacked the group's fighters after Hezbollah fired.")


def test_its_in_a_where_clause_belongs_to_the_place():
    text = "In Iraq, where its army has now pushed Hezbollah fighters out of every town, the families have nowhere to go."
    assert [c for c in _codes(text) if c[0] == "190"] == [("190", "IRQ", "LBN")]


def test_a_person_of_the_knowledge_files_named_again_by_one_word():
    text = ("Mohammed bin Salman travelled to Paris on Monday. "
            "On Tuesday the US Senate accused Prince Mohammed of ordering the killing.")
    assert any(c[0].startswith("11") and c[1:] == ("USA", "SAU") for c in _codes(text, "2018-12-20"))


def test_their_support_targets_the_party_the_subject_backs():
    text = ("Kenya faced rebels in the north. This month foreign backers of the rebels, such as Uganda and Rwanda, "
            "have withdrawn their support.")
    codes = [c for c in _codes(text) if c[0].startswith("16")]
    assert ("UGA", "KEN") in [c[1:] for c in codes] or ("RWA", "KEN") in [c[1:] for c in codes]
    assert not any(c[2] in ("UGA", "RWA") for c in codes)


def test_warning_against_an_event_named_earlier_with_its_country():
    text = ("Ethiopian troops gathered near the border on Monday. Officials feared a large Ethiopian offensive "
            "on the town. Kenya has warned against an offensive.")
    codes = _codes(text)
    assert any(c[0].startswith("13") and c[1:] == ("KEN", "ETH") for c in codes)
    assert not any(c[1:] == ("KEN", "ETH") for c in _codes("Kenya has warned against an offensive."))


def test_object_them_is_the_last_plural_subject_and_a_group_is_no_he():
    text = ("Gavin Williamson spoke on Monday. Isis members have planned attacks on Britain. "
            "Harder still are the Isis members abroad, such as those who went to Libya. "
            "Williamson implied he would hunt them down.")
    assert ("138", "GBR", "IMG") in _codes(text, "2017-12-08")
