"""The campaign's calendar: the dated events the book reads the report against — the programs' launch,
the year their targets fall due, the Hubei lockdown, the report's own reference windows and the
outcomes published after it — from data/context.csv and data/metrics.csv; and the lockdown's length
given with the precision its dates allow (whole weeks, a simple fraction). Frames and values only;
the chart is render.charts.plot_calendar's.
"""
from __future__ import annotations

import math

import pandas as pd

from ..data import facts
from .derived_chapters import weeks_between
from .derived_functions import Inputs
from .profile import dated_periods

#: The lockdown as the book dates it: Wuhan closed off, Hubei's curbs outside Wuhan lifted. Xiangyang's
#: own restrictions began within days of the first date (ctx_lockdown_start), on a day not fixed here.
LOCKDOWN = ("ctx_lockdown_start", "ctx_lockdown_end_hubei")

#: The outcomes published after the report that the calendar marks (After the report), with a short label.
OUTCOMES = {
    "ctx_civility_candidates_2020": "civilised-city candidates named (not Xiangyang)",
    "ctx_poverty_acceptance_pending": "poverty exits still awaiting acceptance",
    "ctx_civility_named_2020": "civilised cities named (not Xiangyang)",
    "ctx_outcome_good_air_share_2020": "the year's good-air share",
}

#: The report's windows the calendar draws: closed periods from the start of its year (fmt.PERIOD_WORDS_EN).
REPORT_WINDOWS = ("上半年", "1-7月", "截至8月27日")

LANES = ("The campaign", "The epidemic", "The report", "After the report")


def lockdown(ds) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day of the lockdown as the book dates it (LOCKDOWN)."""
    return tuple(facts.fact(ds, f)["reference_date"] for f in LOCKDOWN)


def target_year(ds) -> int:
    """The year more targets of the April 2018 opinions fall due than any other (the mode; data/context.csv, topic target_2018)."""
    targets = ds.context.query("topic == 'target_2018'")
    if targets.empty:
        raise ValueError("data/context.csv: no row of topic target_2018, so no year the targets fall due")
    return int(targets["year"].mode().iloc[0])


def _mark(ds, ids) -> str:
    """One mark for facts from the same source: their dagger and the weakest grade among them."""
    return facts.MARK + max(facts.fact(ds, f)["grade"] for f in ids)


def campaign_events(ds) -> pd.DataFrame:
    """The calendar's events, one row each: lane (LANES), label, start, end (equal for a single date),
    kind ("span", "window", "date") and mark (an outside fact's dagger and grade, or "" for the report)."""
    rows = []
    launch = facts.fact(ds, "ctx_programs_launch")
    rows.append(("The campaign", f"launch, {launch['display']}", launch["reference_date"], launch["reference_date"],
                 "date", facts.mark(ds, "ctx_programs_launch")))
    due_year = target_year(ds)
    due = pd.Timestamp(due_year, 12, 31)
    target_ids = ds.context.query("topic == 'target_2018'").index
    rows.append(("The campaign", f"many targets due, end of {due_year}", launch["reference_date"], due, "span",
                 _mark(ds, target_ids)))
    first, last = lockdown(ds)
    rows.append(("The epidemic", "lockdown", first, last, "span", _mark(ds, LOCKDOWN)))
    periods = dated_periods(ds)
    windows = periods[(periods["type"] == "window") & periods["words"].isin(REPORT_WINDOWS)]
    missing = set(REPORT_WINDOWS) - set(windows["words"])
    if missing:
        raise ValueError(f"data/metrics.csv, column period_zh: no dated window {sorted(missing)} for the calendar")
    for _, w in windows.iterrows():
        rows.append(("The report", w["words"], w["start"], w["end"], "window", ""))
    written = ds.latest_reference_date
    rows.append(("The report", "latest date the report cites", written, written, "date", ""))
    for fact_id, label in OUTCOMES.items():
        day = facts.fact(ds, fact_id)["reference_date"]
        rows.append(("After the report", label, day, day, "date", facts.mark(ds, fact_id)))
    return pd.DataFrame(rows, columns=["lane", "label", "start", "end", "kind", "mark"])


# ---------------------------------------------------------------- book/derived.yml: the lockdown's length

def lockdown_weeks_bound(i: Inputs, start: str, end: str, bound: str) -> int:
    """The lockdown's length in whole weeks, rounded down (bound "lo") or up ("hi"): the dates fix the
    length only to about a week, since Xiangyang's own curbs began within days of Wuhan's closure."""
    weeks = weeks_between(i, start, end)
    if bound not in ("lo", "hi"):
        raise ValueError(f"book/derived.yml: bound must be 'lo' or 'hi', not {bound!r}")
    return math.floor(weeks) if bound == "lo" else math.ceil(weeks)


#: Simple fractions a share is said as ("roughly a third"), in percent.
FRACTIONS = {"a tenth": 10, "a fifth": 20, "a quarter": 25, "a third": 100 / 3, "two-fifths": 40, "half": 50,
             "three-fifths": 60, "two-thirds": 200 / 3, "three-quarters": 75, "four-fifths": 80}


def rough_fraction(share: float) -> str:
    """The simple fraction nearest a share in percent (34 → "a third"): a share said no more precisely
    than its inputs allow."""
    if not 0 < share < 100:
        raise ValueError(f"a share between 0 and 100 percent, not {share!r}")
    return min(FRACTIONS, key=lambda word: abs(FRACTIONS[word] - share))


FUNCTIONS = {f.__name__: f for f in (lockdown_weeks_bound,)}
