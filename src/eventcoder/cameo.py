"""Classes of CAMEO event roots and actor codes that the coding rules treat alike.

A CAMEO code's root (its first two digits) says what kind of act it is: verbal (01-05, 10-13), material
(06-09, 14-20), force (15, 17-20) ... The rules of :mod:`eventcoder.events`, :mod:`eventcoder.when` and
:mod:`eventcoder.where` ask which class a root belongs to; the classes are named here once. Source: the CAMEO
codebook (roots and their labels in ``data/cameo_codes.tsv``).
"""

from __future__ import annotations

__all__ = ["ALLEGING_ROOTS", "ARMED_ROOTS", "COERCE", "COERCIVE_ROOTS", "CONSULT", "FORCE_ROOTS", "MATERIAL_ROOTS",
           "NON_STATE_COUNTRIES", "OUTWARD_ROOTS", "PUBLIC_STATEMENT", "REPORTING_ROOTS", "ROOT_TOPICS",
           "STATE_SECTORS", "STATEMENT_ROOTS", "TARGET_PLACE_ROOTS", "VERBAL_ROOTS", "VICTIM_SECTORS", "VISIT"]

REPORTING_ROOTS = frozenset({"02", "10", "11", "12", "13"})
"""Appeals, demands, disapproval, rejection, threats: what they are about (a complement) is not itself an act."""
STATEMENT_ROOTS = frozenset({"01", "02", "10", "11", "12", "13"})
"""Statements of every kind: dated when said, never carried over from the previous act."""
VERBAL_ROOTS = frozenset({"01", "02", "03", "04", "05", "10", "11", "12", "13"})
"""Verbal acts: said or met where the story was filed."""
MATERIAL_ROOTS = frozenset({"06", "07", "08", "09", "14", "15", "16", "17", "18", "19", "20"})
"""Acts done rather than said (protests included, though QuadClass counts them as verbal conflict): a
participle of one that only tells a consequence ("..., killing six") is no event of its own."""
ALLEGING_ROOTS = frozenset({"17", "09"})
"""Coercion and investigation: what someone is charged with, arrested or investigated for is alleged, not done
("charged them with setting fire")."""
PUBLIC_STATEMENT = "01"
"""The root of plain statements: a speech verb coded 01 still reports what it says (an obligation, an opinion)."""
CONSULT = "04"
"""The root of meetings and consultations: victims (civilians, refugees) host or consult no one."""
COERCE = "17"
"""The root of coercion (arrests, curfews): done by the police, where other unnamed authority is the government."""
FIGHT = "19"
"""The root of conventional force: a bare "was killed" names no perpetrator (an accident, a death in battle)."""
VISIT = "042"
"""Make a visit: it takes place in the country visited (the target's)."""
OUTWARD_ROOTS = frozenset({"03", "06", "07"})
"""Intents, cooperation and aid: they go abroad unless a target says otherwise."""
FORCE_ROOTS = frozenset({"15", "17", "18", "19", "20"})
"""Force and coercion: with no object at all ("the fighters dispersed") there is no event."""
COERCIVE_ROOTS = frozenset({"17", "08"})
"""Coercion and yielding: passive without an agent ("dozens were detained") is the target country's authority."""
ARMED_ROOTS = frozenset({"18", "19", "20"})
"""Assault, fighting, mass violence: without a named perpetrator, unidentified armed forces."""
TARGET_PLACE_ROOTS = frozenset({"18", "19", "20"})
"""Acts that happen in the target's country."""
STATE_SECTORS = frozenset({"GOV", "MIL", "ELI", "LEG", "JUD", "COP", "SPY"})
"""Sectors that act for their state: only their acts may be aimed at the article's other main country when no
target is named (diplomacy between two states); civilians, rebels and attackers may not."""
VICTIM_SECTORS = frozenset({"CVL", "REF"})
"""Sectors of people acted on (civilians, refugees): a target even without a country, never a host (04)."""
NON_STATE_COUNTRIES = frozenset({"IGO", "UNO", "EUR", "NGO", "IMG", "INT"})
"""CAMEO country codes of actors without a home country: they name no place."""

ROOT_TOPICS = {"04": "meet", "05": "diplomatic", "06": "material", "07": "aid", "08": "yield"}
"""What an appeal, demand or intent is about when its complement is an act of this root (a row of
``data/complements.tsv``): "urged them to hold talks" is an appeal to meet (026)."""
