"""Facts from outside the report (data/context.csv): lookups by fact id, each recorded as a read.

In prose an outside fact is printed with the roles of `sphinxext.site`: {outside}`ctx_target_market_entities`
renders "700,000†C" and {ctx}`ctx_population_2020` only the "†C" (the dagger and the source's grade);
the dagger links to the fact's row in the context chapter. In code:

    from tenprograms.data import facts
    facts.value(ds, "ctx_target_market_entities")     # 700000.0 (base units)
    facts.display(ds, "ctx_target_good_air_share")    # '74% or more'
"""
from __future__ import annotations

import pandas as pd

from .deps import record

#: The mark the roles print after an outside fact.
MARK = "†"
#: What each source grade means (data/context.csv, column grade): printed after the mark, †A, †B or †C.
GRADES = {"A": "the issuing body's own site or its official media",
          "B": "a republication by an established outlet",
          "C": "a copy on an unrelated site, a mirror, an aggregator or an encyclopedia copy"}
#: The name of the table of every outside fact in the context chapter; its rows carry the anchors.
FACTS_TABLE = "tbl-context-facts"
#: The 2018 targets (topic TARGET_TOPIC) are printed in full once, in this table of the context chapter:
#: its rows carry their anchors, and the table of outside facts and the target tracker refer to it.
TARGETS_TABLE = "tbl-context-targets"
TARGET_TOPIC = "target_2018"
#: The fact the 2018 targets belong to (the implementation opinions): its row in the table of outside
#: facts points to TARGETS_TABLE.
TARGETS_PARENT = "ctx_programs_launch"


def citation_key(source_id: str) -> str:
    """The bibliography key of a source of data/sources.csv (sphinxext/sources_bib.py): src-<source_id>."""
    return f"src-{source_id}"


def anchor(fact_id: str) -> str:
    """The HTML/LaTeX anchor of a fact's row: ctx_target_market_entities → ctx-target-market-entities."""
    return "ctx-" + fact_id.removeprefix("ctx_").replace("_", "-")


def listed(ds) -> pd.DataFrame:
    """The rows of the table of outside facts: every fact but the 2018 targets, which the context
    chapter prints in full in their own table (TARGETS_TABLE); the opinions' row refers to it."""
    context = ds.context              # a recorded read of the whole table (and of its sources' columns)
    return context[context["topic"] != TARGET_TOPIC]


def n_targets(ds) -> int:
    """How many targets of 2018 data/context.csv holds."""
    return int((ds.context["topic"] == TARGET_TOPIC).sum())


def fact(ds, fact_id: str) -> pd.Series:
    """One outside fact's row; KeyError naming the id if data/context.csv has no such fact."""
    try:
        row = ds._table("context").loc[fact_id]
    except KeyError:
        raise KeyError(f"no fact_id {fact_id!r} in data/context.csv") from None
    record(f"fact:{fact_id}")
    record(f"source:{row['source_id']}")   # the row carries its source's columns (data/sources.csv)
    return row


def value(ds, fact_id: str) -> float:
    """An outside fact's value in base units (NaN for a fact with no value, such as a date)."""
    return float(fact(ds, fact_id)["value"])


def display(ds, fact_id: str) -> str:
    """The fact as the book prints it ("700,000", "74% or more", "April 2018"), without the mark."""
    return str(fact(ds, fact_id)["display"])


def mark(ds, fact_id: str) -> str:
    """The mark an outside fact carries wherever it is used: the dagger and its source's grade, "†C"."""
    return MARK + fact(ds, fact_id)["grade"]


def grade_note(grade: str) -> str:
    """'Grade C: a copy on an unrelated site, …' (the hover text of the mark)."""
    return f"Grade {grade}: {GRADES[grade]}"
