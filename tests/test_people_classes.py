"""Classes of office-holders added to people.tsv for issue 15, looked up by name at a date.

Sub-national heads of government (chief ministers, first ministers, governors, premiers, mayors) are coded
GOV of their country while in office and ELI after; cabinet members GOV; uniformed commanders MIL; opposition
leaders OPP while in opposition; armed-group leaders with their group's sector. Examples are chosen across
regions and classes, not from any evaluation set.
"""

from __future__ import annotations

from datetime import date

import pytest

from eventcoder.actors import lookup
from eventcoder.knowledge import load_knowledge


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


@pytest.mark.parametrize(("text", "on", "code"), [
    # sub-national heads of government: in office -> country GOV
    ("Yogi Adityanath", "2021-05-01", "INDGOV"),
    ("Chief Minister Yogi Adityanath", "2021-05-01", "INDGOV"),
    ("Siddaramaiah", "2024-01-15", "INDGOV"),
    ("Mamata Banerjee", "2019-03-01", "INDGOV"),
    ("Maryam Nawaz", "2024-06-01", "PAKGOV"),
    ("Murad Ali Shah", "2020-02-01", "PAKGOV"),
    ("Nicola Sturgeon", "2020-01-01", "GBRGOV"),
    ("Michelle O'Neill", "2025-01-10", "GBRGOV"),
    ("Gavin Newsom", "2022-01-01", "USAGOV"),
    ("Kathy Hochul", "2023-05-01", "USAGOV"),
    ("Gladys Berejiklian", "2020-03-01", "AUSGOV"),
    ("Masoud Barzani", "2016-02-01", "IRQGOV"),
    ("Said Abdullahi Deni", "2022-01-01", "SOMGOV"),
    ("Ramzan Kadyrov", "2023-01-01", "RUSGOV"),
    ("Carles Puigdemont", "2017-10-01", "ESPGOV"),
    # the same after the term -> ELI
    ("Akhilesh Yadav", "2021-05-01", "INDELI"),
    ("Nicola Sturgeon", "2024-01-01", "GBRELI"),
    ("Andrew Cuomo", "2023-01-01", "USAELI"),
    ("Usman Buzdar", "2023-06-01", "PAKELI"),
    ("Carles Puigdemont", "2019-01-01", "ESPELI"),
    # cabinet members -> GOV, then ELI
    ("Priti Patel", "2020-06-01", "GBRGOV"),
    ("Priti Patel", "2023-06-01", "GBRELI"),
    ("Rachel Reeves", "2025-01-15", "GBRGOV"),
    ("Steven Mnuchin", "2019-01-01", "USAGOV"),
    ("Alejandro Mayorkas", "2022-01-01", "USAGOV"),
    ("Vladimir Kolokoltsev", "2022-01-01", "RUSGOV"),
    ("Anton Siluanov", "2015-01-01", "RUSGOV"),
    ("Arsen Avakov", "2018-01-01", "UKRGOV"),
    ("Arsen Avakov", "2022-01-01", "UKRELI"),
    ("Musalia Mudavadi", "2024-01-01", "KENGOV"),
    ("Mohsin Naqvi", "2025-01-01", "PAKGOV"),
    # uniformed commanders -> MIL
    ("Sergei Surovikin", "2022-11-01", "RUSMIL"),
    ("Surovikin", "2020-01-01", "RUSMIL"),
    ("Mikhail Teplinsky", "2024-01-01", "RUSMIL"),
    ("Viktor Muzhenko", "2016-01-01", "UKRMIL"),
    ("Gabi Ashkenazi", "2009-01-01", "ISRMIL"),
    ("Bipin Rawat", "2018-01-01", "INDMIL"),
    ("Mark Milley", "2021-01-01", "USAMIL"),
    ("Se'are Mekonnen", "2019-01-01", "ETHMIL"),
    ("Francis Ogolla", "2023-10-01", "KENMIL"),
    # Horn of Africa and the Great Lakes: heads of government, opposition, armed groups
    ("Hamza Abdi Barre", "2023-01-01", "SOMGOV"),
    ("Somali Prime Minister Hamza Abdi Barre", "2023-01-01", "SOMGOV"),
    ("Hassan Ali Khaire", "2018-06-01", "SOMGOV"),
    ("Mohamed Hussein Roble", "2023-01-01", "SOMELI"),
    ("Hailemariam Desalegn", "2016-01-01", "ETHGOV"),
    ("Riek Machar", "2015-01-01", "SSDREB"),
    ("Riek Machar", "2021-01-01", "SSDGOV"),
    ("Martin Fayulu", "2020-01-01", "CODOPP"),
    ("Félix Tshisekedi", "2018-06-01", "CODOPP"),
    ("Félix Tshisekedi", "2020-06-01", "CODGOV"),
    ("Judith Suminwa", "2025-01-01", "CODGOV"),
    ("Sultani Makenga", "2024-01-01", "CODREB"),
    ("Alain-Guillaume Bunyoni", "2021-01-01", "BDIGOV"),
    ("Agathon Rwasa", "2021-01-01", "BDIOPP"),
    ("Ahmed Diriye", "2020-01-01", "SOMINS"),
])
def test_added_classes_resolve_by_name_at_a_date(text, on, code):
    assert lookup(text, on).code == code


def test_a_person_who_changed_office_takes_the_office_of_the_day(kb):
    # Devendra Fadnavis: chief minister, deputy chief minister, chief minister again (latest start wins)
    assert kb.person_on("Fadnavis", date(2016, 1, 1)).office == "Chief Minister of Maharashtra"
    assert kb.person_on("Fadnavis", date(2023, 1, 1)).office == "Deputy Chief Minister of Maharashtra"
    assert kb.person_on("Fadnavis", date(2024, 12, 5)).office == "Chief Minister of Maharashtra"
    # Shehbaz Sharif: Chief Minister of Punjab, then leader of the opposition, then prime minister
    assert kb.person_on("Shehbaz Sharif", date(2015, 1, 1)).office == "Chief Minister of Punjab"
    assert kb.person_on("Shehbaz Sharif", date(2020, 1, 1)).sector == "OPP"
    assert kb.person_on("Shehbaz Sharif", date(2022, 6, 1)).office == "Prime Minister"
    # Andrei Belousov: economy minister, aide, first deputy prime minister, defence minister
    offices = [t.office for t in kb.people_named("Andrei Belousov")]
    assert offices[0] == "Economic Development Minister" and offices[-1] == "Defence Minister"


def test_same_office_in_two_countries_is_kept_apart(kb):
    # "Chief Minister of Punjab": India's and Pakistan's
    assert kb.person_on("Bhagwant Mann", date(2023, 1, 1)).country == "IND"
    assert kb.person_on("Maryam Nawaz", date(2025, 1, 1)).country == "PAK"


def test_ambiguous_surnames_are_not_phrases(kb):
    # Thackeray, Naidu, Gehlot, Patel, Reynolds, Abbott, Stalin name several people: full names only
    for surname in ("Thackeray", "Naidu", "Gehlot", "Patel", "Reynolds", "Abbott", "Stalin", "Shinde"):
        assert kb.people_named(surname) == ()
    assert kb.people_named("Greg Abbott")[0].office == "Governor of Texas"
