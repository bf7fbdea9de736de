"""The claims the book evaluates (data/claims.csv) with their three verdicts, as frames and values.

The verdicts stay separate: what is printed, whether the report's own arithmetic checks the claim
(internal consistency: figures that agree with each other, not figures that are true), and what
evidence outside the report says, each outside fact with its source grade.
"""
from __future__ import annotations

import pandas as pd

from ..data import facts
from ..data.claims import ids
from .assessment import Assessment

#: The order the outside verdicts are reported in.
OUTSIDE_VERDICTS = ("confirmed", "contradicted", "qualified", "none found")


def claims(ds) -> pd.DataFrame:
    """Every claim, in the report's order (program, then source line), as data/claims.csv holds it."""
    frame = ds.claims
    return frame.sort_values(["program", "line"], kind="stable")


def headline(ds, program: int) -> pd.Series:
    """The program's headline claim (the one Table 1 shows); data/claims.py makes sure there is one."""
    frame = ds.claims          # recorded as table:claims: a verdict changed anywhere re-executes the page
    return frame[(frame["program"] == program) & (frame["headline"] == "yes")].iloc[0]


def internal_checks(row: pd.Series, audit_result: pd.DataFrame) -> pd.DataFrame:
    """The audit's rows for the claim's could-fail checks (empty for none), in the claim's order."""
    listed = [] if row["internally_consistent"] == "none" else ids(row["internally_consistent"])
    found = audit_result.set_index("relation_id", drop=False)
    return found.loc[listed] if listed else found.iloc[0:0]


def outside_facts(ds, row: pd.Series) -> list[pd.Series]:
    """The outside facts behind the claim's outside verdict, each a row of data/context.csv (with its grade)."""
    return [facts.fact(ds, fact_id) for fact_id in ids(row["outside_fact_ids"])]


def headline_problems(ds, assessment: dict[str, Assessment]) -> list[str]:
    """Where the claims table and book/assessment.yml disagree on a headline: the claims table must rest
    the headline on every figure of the assessment's claim, and call it checked exactly when the
    assessment's status is `checked`."""
    problems = []
    for item in assessment.values():
        row = headline(ds, item.program)
        missing = set(item.claim_figures) - set(ids(row["metric_ids"]))
        if missing:
            problems.append(f"{row['claim_id']}: the headline leaves out {sorted(missing)}")
        checked = row["internally_consistent"] != "none"
        if checked != (item.status == "checked"):
            problems.append(f"{row['claim_id']}: internally_consistent is {row['internally_consistent']!r}, "
                            f"book/assessment.yml says {item.status!r}")
    return problems


def count_claims(i, column: str | None = None, value: str | None = None, negate: bool = False) -> int:
    """Claims of data/claims.csv, all of them or those whose `column` is `value` (or is not, with negate).
    For the registry of derived numbers (book/derived.yml): `i` gives the entry's declared inputs."""
    frame = i.table("claims")
    if column is None:
        return len(frame)
    mask = frame[column] == value
    return int((~mask if negate else mask).sum())


FUNCTIONS = {f.__name__: f for f in (count_claims,)}
