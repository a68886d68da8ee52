"""Sources that real news names only by description: a person outside people.tsv in apposition to a title
("the UN envoy for Libya, Karl Oberholz") is the title's actor, also when mentioned later by surname or "he".
Sentences written for these tests."""

from __future__ import annotations

import pytest

from eventcoder.pipeline import code_text


def _events(text: str, trigger: str) -> list[tuple[str | None, str | None]]:
    """(source country, target country) of the events of ``text`` whose trigger starts with ``trigger``."""
    return sorted((r.source_country, r.target_country) for r in code_text(text, published="2018-09-05")
                  if (r.trigger or "").startswith(trigger))


@pytest.mark.parametrize("intro", [
    "The UN special envoy for Libya, Karl Oberholz, said on Monday that fear is spreading in Tripoli.",
    "The UN envoy, Karl Oberholz, said on Monday that fear is spreading in Tripoli.",
])
def test_sources_surname_of_a_person_apposed_to_a_title(intro):
    text = f"{intro} Oberholz pleaded with the Egyptian and Turkish presidents to end the fighting."
    assert _events(text, "pleaded") == [("UNO", "EGY"), ("UNO", "TUR")]


def test_sources_a_name_apposed_to_a_title_without_a_country_stays_unknown():
    text = ("A spokesman, Karl Oberholz, said on Monday that fear is spreading in Tripoli. "
            "Oberholz pleaded with the Egyptian president to end the fighting.")
    assert _events(text, "pleaded") == []


@pytest.mark.parametrize("text,pair", [
    ("The Dutch government has been appalled at the use of torture by Yemen.", ("NLD", "YEM")),
    ("Denmark was appalled by Russia's attacks on Ukraine.", ("DNK", "RUS")),
])
def test_sources_the_passive_subject_of_a_feeling_reacts(text, pair):
    assert _events(text, "appalled") == [pair]


def test_sources_an_event_noun_in_a_coordinated_with_phrase_is_the_support_verbs_subjects():
    text = "Britain and Germany have responded quickly and with threats of military action against Iran."
    assert _events(text, "threats") == [("DEU", "IRN"), ("GBR", "IRN")]


@pytest.mark.parametrize("text,pair", [
    ("One man was killed and 12 injured after a shell from Lebanon struck the Israeli town of Metula.", ("LBN", "ISR")),
    ("A woman was killed and 20 wounded after a rocket from Gaza struck the Israeli city of Sderot.", ("PSE", "ISR")),
])
def test_sources_a_weapon_from_a_country_in_an_after_clause_the_parser_reads_as_a_phrase(text, pair):
    assert _events(text, "struck") == [pair]


def test_sources_who_names_an_operation_runs_it():
    text = "The raid came on the second day of a military offensive against Iraq called Operation Desert Fox by the American government."
    assert _events(text, "offensive") == [("USA", "IRQ")]
