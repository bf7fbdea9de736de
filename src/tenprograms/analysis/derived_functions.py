"""The computations of derived numbers that an arithmetic expression cannot state (dates, rounding up,
a target's pairing, counts over a whole table). Each takes the `Inputs` of its book/derived.yml entry
(render/derived.py), which lets it read only the inputs the entry declares; FUNCTIONS maps the names the
registry uses to them.
"""
from __future__ import annotations

import math
from typing import Protocol

import pandas as pd

from ..data.expressions import Interval
from .audit import audit
from .profile import figure_profile
from .targets import progress, report_targets


class Inputs(Protocol):
    """What a computation may read (render/derived.py passes the entry's declared inputs only)."""

    ds: object

    def value(self, name: str): ...
    def row(self, name: str) -> pd.Series: ...
    def interval(self, name: str, convention: str = "wide") -> Interval: ...
    def table(self, name: str) -> pd.DataFrame: ...


def _days(start, end) -> int:
    return (end - start).days + 1          # both ends counted


def good_air_days_elapsed(i: Inputs) -> int:
    """The days of the good-air count's period, 1 January to the date printed, both ends counted."""
    row = i.row("ecology_good_days")
    return _days(row["period_start"], row["period_end"])


def good_air_year_days(i: Inputs) -> int:
    """The days of the calendar year the good-air count falls in (2020: a leap year, 366)."""
    end = i.row("ecology_good_days")["period_end"]
    return _days(pd.Timestamp(end.year, 1, 1), pd.Timestamp(end.year, 12, 31))


def good_air_days_target(i: Inputs) -> int:
    """The least whole number of good days that makes the year's share reach the target (以上: at least)."""
    return math.ceil(i.value("ctx_target_good_air_share") / 100 * i.value("good_air_year_days") - 1e-9)


def good_air_days_still_needed(i: Inputs) -> int:
    """The good days still needed after the printed count for the year to reach its target (none below zero)."""
    return max(int(i.value("good_air_days_target") - i.value("ecology_good_days")), 0)


def market_months_left(i: Inputs) -> int:
    """The months of the year after the month the stock is counted at (end of July: 5)."""
    return 12 - i.row("market_stock_total")["period_end"].month


def market_months_done(i: Inputs) -> int:
    """The months January to the month the stock is counted at (1-7月: 7)."""
    return i.row("market_stock_total")["period_end"].month


def _talent_progress(i: Inputs, convention: str, whole_plan: bool = False):
    for name in ("talent_scarce_per_year", "talent_scarce_recruited", "talent_scarce_program_years"):
        i.row(name)                      # declared: targets.progress reads them
    return progress(i.ds, "talent_scarce_per_year", convention, whole_plan)


def talent_scarce_intakes(i: Inputs) -> int:
    """The yearly intakes of the short-supply graduate plan from its start to the report (targets.progress)."""
    return _talent_progress(i, "strict").intakes


def talent_scarce_progress_strict(i: Inputs) -> float:
    """Recruits against the yearly number times the intakes so far, the yearly number read strictly."""
    return 100 * _talent_progress(i, "strict").share


def talent_scarce_progress_wide_lo(i: Inputs) -> float:
    """The lowest share the wide reading of 左右 allows (recruits' low end over the target's high end)."""
    return 100 * _talent_progress(i, "wide").share_lo


def talent_scarce_progress_wide_hi(i: Inputs) -> float:
    """The highest share the wide reading of 左右 allows."""
    return 100 * _talent_progress(i, "wide").share_hi


def talent_scarce_per_year_wide(i: Inputs) -> Interval:
    """The yearly number of the plan on the wide reading of its hedge (100名左右)."""
    return i.interval("talent_scarce_per_year", "wide")


def n_figures(i: Inputs) -> int:
    """The figures of the dataset: one row of data/metrics.csv each."""
    return len(i.table("metrics"))


def n_report_targets(i: Inputs) -> int:
    """The report's numeric targets, counted by the rules of targets.reconciliation."""
    i.table("metrics")
    return int(report_targets(i.ds)["counted"].sum())


def n_targets_2018(i: Inputs) -> int:
    """The targets of the April 2018 opinions in data/context.csv (topic target_2018)."""
    return int((i.table("context")["topic"] == "target_2018").sum())


def report_date(i: Inputs) -> pd.Timestamp:
    """The report's latest reference date: the latest end of a period an achievement refers to.
    The dataset records it as the finer key derived:latest_reference_date, so a page that prints it
    does not re-execute for every change to data/metrics.csv."""
    return i.ds.latest_reference_date


def _profile(i: Inputs) -> pd.DataFrame:
    i.table("metrics"), i.table("relations")
    return figure_profile(i.ds)


def figures_where(i: Inputs, column: str, value: str, negate: bool = False) -> int:
    """The figures whose reading (analysis.profile.figure_profile) has `column` equal to `value` (or not, with negate)."""
    mask = _profile(i)[column] == value
    return int((~mask if negate else mask).sum())


def figures_share(i: Inputs, column: str, value: str, negate: bool = False) -> float:
    """The same as a percentage of all figures."""
    return 100 * figures_where(i, column, value, negate) / len(_profile(i))


def relations_in_group(i: Inputs, group: str, negate: bool = False) -> int:
    """The relations of data/relations.csv whose audit group is `group` (or not, with negate)."""
    i.table("relations"), i.table("metrics")
    mask = audit(i.ds)["group"] == group
    return int((~mask if negate else mask).sum())


def exclusions_of(i: Inputs, category: str) -> int:
    """The numerals of the source excluded as not being figures, of one category (numeral_exclusions.csv)."""
    return int((i.table("numeral_exclusions")["category"] == category).sum())


def source_lines(i: Inputs) -> int:
    """The lines of the source text (data/raw)."""
    return len(i.table("source_lines"))


FUNCTIONS = {f.__name__: f for f in (
    figures_where, figures_share, relations_in_group, exclusions_of, source_lines,
    good_air_days_elapsed, good_air_year_days, good_air_days_target, good_air_days_still_needed,
    market_months_left, market_months_done, talent_scarce_intakes, talent_scarce_progress_strict,
    talent_scarce_progress_wide_lo, talent_scarce_progress_wide_hi, talent_scarce_per_year_wide,
    n_figures, n_report_targets, n_targets_2018, report_date)}
