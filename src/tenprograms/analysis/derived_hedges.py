"""The computations of book/derived.yml for the hedge method (analysis/hedges.py): a target's share
under the book's wide reading, and the width of a hedge at which the target's verdict would change."""
from __future__ import annotations

from .derived_functions import Inputs
from .hedges import _target_share, break_even, target_verdict
from .targets import pairings


def target_share_bound(i: Inputs, metric: str, bound: str) -> float:
    """Achieved as a percentage of a target (per intake so far for a yearly one), the lowest or highest
    under the book's wide reading of the hedges (data/hedges.csv)."""
    i.interval(metric)                       # the target's figure and its hedge are inputs
    i.interval(pairings(i.ds)[metric].achieved)
    return 100 * getattr(_target_share(i.ds, metric, "wide"), bound)


def target_break_even_width(i: Inputs, metric: str) -> float:
    """The width, in percent either side, at which a percent-based hedge on a target would change its
    verdict (e.g. 左右 read as ±24% lets 152 recruits reach two intakes of about 100)."""
    i.interval(metric)
    book = target_verdict(_target_share(i.ds, metric, "wide"))
    scale = break_even(lambda w: target_verdict(_target_share(i.ds, metric, "wide", w)), book)
    if scale is None:
        raise ValueError(f"the verdict on {metric} does not change up to ten times the book's width")
    word = i.ds.metric(metric)["qualifier_zh"]
    hedges = i.ds.hedges
    return scale * float(hedges.loc[hedges["hedge"] == word, "wide_high"].iloc[0])


FUNCTIONS = {f.__name__: f for f in (target_share_bound, target_break_even_width)}
