"""After the report: computations that set the report's claims against what the year turned out to be
(the outside facts of topic outcome_2020 and the baselines of data/context.csv). Each takes the
`Inputs` of its book/derived.yml entry (render/derived.py); FUNCTIONS maps the registry's names to them.
"""
from __future__ import annotations

import pandas as pd

from .derived_functions import Inputs


def _months(start: pd.Timestamp, end: pd.Timestamp) -> int:
    """Whole calendar months from one date to a later one (19 June 2019 to 29 August 2020: 14)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (1 if end.day < start.day else 0)


def months_since_baseline(i: Inputs, fact: str) -> int:
    """Whole months from an outside baseline's date to the latest date the report's figures refer to
    (the earliest the report can have been written): the time over which a cumulative count grew."""
    i.value(fact)                      # declared: its reference date is read below
    i.table("metrics")                 # declared: the report's latest reference date is read from it
    start = pd.Timestamp(i.ds.context.loc[fact, "reference_date"])
    return _months(start, i.ds.latest_reference_date)


FUNCTIONS = {f.__name__: f for f in (months_since_baseline,)}
