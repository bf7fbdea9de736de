"""Facts from outside the report (data/context.csv): lookup for notebooks, the context chapter's table.

In prose an outside fact is printed with the roles of `sphinx_site`: {outside}`ctx_target_market_entities`
renders "700,000†" and {ctx}`ctx_population_2020` only the "†"; the dagger links to the fact's row in the
context chapter. In code:

    from tenprograms import context
    context.value(ds, "ctx_target_market_entities")     # 700000.0 (base units)
    context.display(ds, "ctx_target_good_air_share")    # '74% or more'
"""
from __future__ import annotations

import re

import pandas as pd

from .tables import Table, table

#: The mark the roles print after an outside fact.
MARK = "†"
#: What each source grade means (data/context.csv, column grade): printed after the mark, †A, †B or †C.
GRADES = {"A": "the issuing body's own site or its official media",
          "B": "a republication by an established outlet",
          "C": "a copy on an unrelated site, a mirror, an aggregator or an encyclopedia copy"}
#: The name of the table of every outside fact in the context chapter; its rows carry the anchors.
FACTS_TABLE = "tbl-context-facts"


def anchor(fact_id: str) -> str:
    """The HTML/LaTeX anchor of a fact's row: ctx_target_market_entities → ctx-target-market-entities."""
    return "ctx-" + fact_id.removeprefix("ctx_").replace("_", "-")


def fact(ds, fact_id: str) -> pd.Series:
    """One outside fact's row; KeyError naming the id if data/context.csv has no such fact."""
    try:
        return ds.context.loc[fact_id]
    except KeyError:
        raise KeyError(f"no fact_id {fact_id!r} in data/context.csv") from None


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
    """'Grade C: a copy on an unrelated site, …' (the hover text and the table of outside facts)."""
    return f"Grade {grade}: {GRADES[grade]}"


def where_seen(row: pd.Series) -> str:
    """'Seen at <address> on <date> (<kind of copy>).'"""
    return f"Seen at {row['seen_at']} on {row['seen_on']:%-d %B %Y} ({row['copy_kind']})."


def _sentences(text: str) -> list[str]:
    return [t for t in re.split(r"(?<=[.!?])\s+(?=[A-Z'(])", text.strip()) if t]


def facts_table(ds) -> Table:
    """Every outside fact with its source, where and when it was seen, and its caution; the roles'
    daggers link to these rows (the first column, the fact's statement, identifies the row)."""
    rows, previous, previous_caveat = [], None, None
    for _, row in ds.context.iterrows():
        seen = (row["source"], row["seen_at"], row["seen_on"], row["copy_kind"], row["grade"])
        same = seen == previous
        source = (f"Grade {row['grade']}. " + ("Same source as the row above." if same
                                                  else f"{row['source']}. {where_seen(row)}"))
        # a caveat about the copy, repeated on every row of one source, is printed on its first row only
        *specific, caveat = _sentences(row["caution"])
        caution = " ".join(specific) if same and caveat == previous_caveat and specific else row["caution"]
        previous, previous_caveat = seen, caveat
        printed = row["display"] + (f" ({row['zh']})" if row["zh"] else "")
        rows.append({"Fact": row["statement_en"], "As the book prints it": printed,
                     "Source, and where it was seen": source, "Caution": caution})
    return table(pd.DataFrame(rows), "Every fact in this book that comes from outside the report, with its source and the source's grade "
                 "(A official, B established republication, C other copy), "
                 "the address and date it was seen, and what to be careful about",
                 name=FACTS_TABLE, widths=[0.27, 0.17, 0.28, 0.28])
