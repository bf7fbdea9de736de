"""The computations of the derived numbers of the opening pages and the ten program chapters
(book/intro, book/context, book/programs/NN) that an arithmetic expression cannot state: counts over
the scorecard or a table, days between dates, bounds under both readings of a hedge. Each takes the
`Inputs` of its book/derived.yml entry (render/derived.py), so it reads only the inputs the entry
declares; FUNCTIONS maps the names the registry uses to them.
"""
from __future__ import annotations

import pandas as pd

from ..data import facts
from ..data.expressions import Interval
from .assessment import load_assessment
from .derived_functions import Inputs
from .grades import scorecard
from .targets import deadline, report_targets

#: 过千万元 ("over ten million yuan"): the source's threshold of a technical-upgrade project, written in
#: Chinese numerals, so not a figure of the dataset (book/programs/01-growth).
UPGRADE_THRESHOLD = 1e7


def _date(i: Inputs, name: str) -> pd.Timestamp:
    """The date of a figure's period end (a metric id) or of an outside fact (ctx_…), as declared."""
    if name.startswith("ctx_"):
        i.value(name)                                   # declared and recorded
        return facts.fact(i.ds, name)["reference_date"]
    return i.row(name)["period_end"]


# ---------------------------------------------------------------- the intro: the scorecard's counts

def scorecard_count(i: Inputs, column: str, value: str, negate: bool = False) -> int:
    """The programs whose grade on one dimension of the scorecard (analysis.grades) is `value` (or not)."""
    i.table("metrics"), i.table("relations")
    card = scorecard(i.ds, load_assessment(i.ds))
    mask = card[column] == value
    return int((~mask if negate else mask).sum())


def report_targets_undated(i: Inputs) -> int:
    """The report's counted targets whose deadline the report does not fix (targets.deadline)."""
    i.table("metrics")
    counted = report_targets(i.ds).query("counted")
    return sum(deadline(i.ds, m)[0] is None for m in counted.index)


# ---------------------------------------------------------------- the context: dates and outside facts

def days_between(i: Inputs, start: str, end: str) -> int:
    """Days from one date to another (the end not counted): the dates of facts or of figures' period ends."""
    return (_date(i, end) - _date(i, start)).days


def weeks_between(i: Inputs, start: str, end: str) -> float:
    """The same in weeks."""
    return days_between(i, start, end) / 7


def share_of_first_half(i: Inputs, start: str, end: str) -> float:
    """Days from `start` to `end` as a percentage of the days of the first half of `start`'s year."""
    year = _date(i, start).year
    half = (pd.Timestamp(year, 6, 30) - pd.Timestamp(year, 1, 1)).days + 1
    return 100 * days_between(i, start, end) / half


def targets_2018_where(i: Inputs, due: int | None = None, compared: bool = False) -> int:
    """The targets of the 2018 opinions (data/context.csv, topic target_2018) due in year `due`, or,
    with `compared`, those the book sets a figure of the report against (column compare_with)."""
    targets = i.table("context").query("topic == 'target_2018'")
    if compared:
        return int((targets["compare_with"] != "").sum())
    return int((targets["year"] == due).sum())


def n_facts(i: Inputs) -> int:
    """The outside facts of data/context.csv."""
    return len(i.table("context"))


# ---------------------------------------------------------------- the chapters

def growth_upgrade_floor(i: Inputs) -> float:
    """The least investment the plan of technical-upgrade projects implies: the number of projects
    times the threshold of one (过千万元, over ten million yuan each)."""
    return i.value("growth_tech_upgrade_projects_target") * UPGRADE_THRESHOLD


def share_bound_both_readings(i: Inputs, part: str, whole: str, bound: str) -> float:
    """The lowest (`bound`="lo") or highest ("hi") percentage a hedged figure `part` can be of an outside
    fact `whole`, over both the wide and the strict reading of its hedge."""
    ends = [getattr(i.interval(part, c), bound) for c in ("wide", "strict")]
    return 100 * (min(ends) if bound == "lo" else max(ends)) / i.value(whole)


def per_unit_range(i: Inputs, low: str, high: str, units: str) -> Interval:
    """A per-unit plan ("1-2 per county") over a number of units (an outside fact): low × units to high × units."""
    n = i.value(units)
    lo, hi = i.value(low) * n, i.value(high) * n
    return Interval(lo, (lo + hi) / 2, hi)


def totals_fitting_share(i: Inputs, part: str, share: str) -> list[int]:
    """The whole numbers of which `part` is `share` percent once the share is rounded to a whole percent."""
    n, pct = i.value(part), i.value(share)
    return [t for t in range(int(n), int(100 * n / (pct - 0.5)) + 2) if pct - 0.5 <= 100 * n / t < pct + 0.5]


def total_fitting_share(i: Inputs, part: str, share: str) -> int:
    """The one total that fits a printed count and its share rounded to a whole percent (an error if not one)."""
    fits = totals_fitting_share(i, part, share)
    if len(fits) != 1:
        raise ValueError(f"{i.definition.id}: {len(fits)} totals fit {part} and {share}: {fits}")
    return fits[0]


def total_floor_of_share(i: Inputs, part: str, share: str) -> int:
    """The total if the share were exact: part / share, rounded down."""
    return int(100 * i.value(part) // i.value(share))


def ratio_range_both_readings(i: Inputs, part: str, whole: str) -> Interval:
    """part / whole over both readings (wide and strict) of both hedged figures: the lowest and highest ratio."""
    ratios = []
    for c in ("strict", "wide"):
        p, w = i.interval(part, c), i.interval(whole, c)
        ratios += [p.lo / w.hi, p.hi / w.lo]
    return Interval(min(ratios), (min(ratios) + max(ratios)) / 2, max(ratios))


def share_max_both_readings(i: Inputs, part: str, whole: str) -> float:
    """The highest percentage a hedged figure can be of an outside fact, over both readings of its hedge."""
    return 100 * max(i.interval(part, c).hi for c in ("strict", "wide")) / i.value(whole)


FUNCTIONS = {f.__name__: f for f in (
    scorecard_count, report_targets_undated, days_between, weeks_between, share_of_first_half,
    targets_2018_where, n_facts, growth_upgrade_floor, share_bound_both_readings, per_unit_range,
    total_fitting_share, total_floor_of_share, ratio_range_both_readings, share_max_both_readings)}
