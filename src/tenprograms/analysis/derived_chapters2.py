"""The computations of the derived numbers of chapters 3, 4 and 6-10 (book/programs/NN) that an
arithmetic expression cannot state: a bound of a printed rate, a hedged figure read as its floor, the
ends of an interval under both readings of a hedge. Each takes the `Inputs` of its book/derived.yml entry
(render/derived.py), so it reads only the inputs the entry declares; FUNCTIONS maps the names the
registry uses to them.
"""
from __future__ import annotations

import pandas as pd

from ..data.expressions import Interval
from .derived_functions import Inputs

#: 5亿元以上 ("500 million yuan or more"): the source's definition of a major project, part of the name of
#: a figure, not a figure of the dataset (book/programs/03-tourism).
MAJOR_PROJECT_THRESHOLD = 5e8
_ONE, _HUNDRED = Interval.exact(1), Interval.exact(100)


def figure_value(i: Inputs, metric: str) -> float:
    """A figure's printed number in base units, without its hedge (80%以上 → 80: the floor 以上 sets)."""
    return i.value(metric)


def _net_growth(stock: float, growth: float) -> float:
    """The increase over a year of a stock that grew by `growth` percent to `stock`."""
    return stock - stock / (1 + growth / 100)


def net_growth_bound(i: Inputs, stock: str, growth: str, bound: str) -> float:
    """The lowest (`bound`="lo") or highest ("hi") net increase over a year of a stock, at the ends of
    the printed growth rate's rounding interval."""
    return _net_growth(i.value(stock), getattr(i.interval(growth, "strict"), bound))


def net_growth_range(i: Inputs, stock: str, growth: str) -> Interval:
    """The net increase over a year of a stock at both ends of the growth rate's rounding interval."""
    rate = i.interval(growth, "strict")
    lo, mid, hi = (_net_growth(i.value(stock), g) for g in (rate.lo, rate.mid, rate.hi))
    return Interval(lo, mid, hi)


def same_period_days_last_year(i: Inputs, metric: str) -> int:
    """The days of a figure's period moved back one year, both ends counted (1 January-27 August 2019: 239)."""
    row = i.row(metric)
    start, end = (row[k] - pd.DateOffset(years=1) for k in ("period_start", "period_end"))
    return (end - start).days + 1


def interval_bound(i: Inputs, metric: str, bound: str, convention: str = "wide") -> float:
    """The lowest (`bound`="lo") or highest ("hi") value a printed figure can stand for under a reading
    of its hedge (data.expressions.metric_interval): 10000左右 read wide → 5,000 … 15,000."""
    return getattr(i.interval(metric, convention), bound)


def count_times_interval(i: Inputs, count: str, metric: str, convention: str) -> Interval:
    """A count (a derived number) times the interval of a hedged figure under one reading: two intakes
    of "about 100" a year, read wide → 100 … 300."""
    n, iv = i.value(count), i.interval(metric, convention)
    return Interval(n * iv.lo, n * iv.mid, n * iv.hi)


def program_figures_count(i: Inputs, program: int, statement: str, exclude: tuple = ()) -> int:
    """The figures of one program's section (data/metrics.csv) of one kind of statement (achievement,
    plan …), less the figures `exclude` names. It reads the program's rows only (recorded as program:<n>),
    so a page that prints it does not depend on the other programs' rows."""
    metrics = i.ds.program_metrics(program)
    chosen = metrics[metrics["statement"] == statement]
    unknown = set(exclude) - set(chosen.index)
    if unknown:
        raise KeyError(f"{i.definition.id}: excluded figures not among those counted: {sorted(unknown)}")
    return len(chosen.index.difference(list(exclude)))


def figures_count(i: Inputs, metrics: tuple, qualifier: str = "") -> int:
    """How many of the figures `metrics` (data/metrics.csv) there are, or carry the qualifier `qualifier`
    (more_than …); each is a declared input, read by its row (so the page depends on these rows only)."""
    rows = [i.row(m) for m in metrics]
    return sum(r["qualifier"] == qualifier for r in rows) if qualifier else len(rows)


def base_implied_by_rate(i: Inputs, part: str, rate: str) -> Interval:
    """The population a count is `rate` percent of, at both ends of the rate's rounding interval
    (a higher rate implies a smaller base)."""
    n, r = i.value(part), i.interval(rate, "wide")
    return Interval(n / (r.hi / 100), n / (r.mid / 100), n / (r.lo / 100))


def _stock_now_and_last_year(i: Inputs, stock: str, growth: str, convention: str) -> tuple[Interval, Interval]:
    """A stock and the value a year before that its growth rate implies, as intervals under one reading."""
    now = i.interval(stock, convention)
    return now, now / (_ONE + i.interval(growth, convention) / _HUNDRED)


def combined_growth_range(i: Inputs, whole: str, whole_growth: str, part: str, part_growth: str,
                          combine: str) -> Interval:
    """The growth in percent of two stocks added (`combine`="sum") or of one less the other ("difference"),
    each stock's value a year before implied by its printed growth rate: interval arithmetic over the
    printed figures' intervals, the lowest and highest ends over both readings (wide and strict)."""
    if combine not in ("sum", "difference"):
        raise ValueError(f"{i.definition.id}: combine must be 'sum' or 'difference', not {combine!r}")
    ranges = []
    for convention in ("strict", "wide"):
        (w, w_last), (p, p_last) = (_stock_now_and_last_year(i, s, g, convention)
                                    for s, g in ((whole, whole_growth), (part, part_growth)))
        now, last = (w + p, w_last + p_last) if combine == "sum" else (w - p, w_last - p_last)
        ranges.append(_HUNDRED * (now / last - _ONE))
    strict = ranges[0]
    return Interval(min(r.lo for r in ranges), strict.mid, max(r.hi for r in ranges))


def major_projects_floor(i: Inputs, signed_value: str, others: str, majors: str) -> float:
    """The least value the major projects can hold of the value signed, if they are among the projects
    signed and include every one at the threshold or above: the value signed less the `others` (the other
    projects signed), each below the threshold. An error if the majors' own floor (their number times the
    threshold) is the higher one, since then this is not the bound."""
    floor = i.value(signed_value) - i.value(others) * MAJOR_PROJECT_THRESHOLD
    if floor <= i.value(majors) * MAJOR_PROJECT_THRESHOLD:
        raise ValueError(f"{i.definition.id}: {majors} times the threshold ({i.value(majors) * MAJOR_PROJECT_THRESHOLD:g}) "
                         f"binds, not the value signed less the other projects ({floor:g})")
    return floor


FUNCTIONS = {f.__name__: f for f in (figure_value, net_growth_bound, net_growth_range, same_period_days_last_year,
                                     interval_bound, count_times_interval, program_figures_count, figures_count,
                                     base_implied_by_rate, combined_growth_range, major_projects_floor)}
