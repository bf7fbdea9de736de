"""Which verdicts depend on how wide a hedge is read: the sensitivity table.

The wide reading of a hedged figure (data/hedges.csv: 左右 ±10%, 近 within 10% below, 余/多 up to the
next unit of the last digit) is a judgement about the words. `sensitivity` recomputes every verdict
that rests on a hedged figure — the audit's relations and the report's targets — with the widths
scaled by WIDTHS, and finds for each the smallest scale at which the book's verdict would change.
"""
from __future__ import annotations

import pandas as pd

from ..data.expressions import Interval, evaluate, referenced_ids
from .audit import _holds
from .targets import pairings, progress

#: The widths the table shows, as multiples of data/hedges.csv's (half, the book's, twice, five times:
#: five times 左右's 10% is the ±50% of the first edition). A digit-based width stops at one unit.
WIDTHS = (0.5, 1.0, 2.0, 5.0)
#: How far `break_even` looks: up to ten times the book's width, in steps of a twentieth.
_SCAN = [n / 20 for n in range(0, 201)]


def _lookup(ds, convention: str, width: float):
    return lambda metric_id: ds.interval(metric_id, convention, width)


def _hedged(ds, ids) -> list[str]:
    return [i for i in dict.fromkeys(ids) if i in ds.metrics.index and ds.metric(i)["qualifier_zh"]]


def _relation_verdict(ds, rel, convention: str, width: float = 1.0) -> str:
    lookup = _lookup(ds, convention, width)
    return "holds" if _holds(evaluate(rel.lhs, lookup), rel.op, evaluate(rel.rhs, lookup)) else "fails"


def target_verdict(share: Interval) -> str:
    """Achieved against target: reached (every reading), short (every reading), or cannot say."""
    if share.lo >= 1:
        return "reached"
    if share.hi < 1:
        return "short"
    return "cannot say"


def _target_share(ds, metric_id: str, convention: str, width: float = 1.0) -> Interval:
    p = progress(ds, metric_id, convention, width=width)
    return Interval(p.share_lo, p.share, p.share_hi)


def break_even(verdict_at, book: str) -> float | None:
    """The smallest width (a multiple of the book's) at which `verdict_at(width)` differs from the
    book's verdict, or None if none does up to ten times the book's width."""
    return next((w for w in _SCAN if verdict_at(w) != book), None)


def sensitivity(ds) -> pd.DataFrame:
    """Every verdict that rests on a hedged figure: its verdict strict and at each of WIDTHS, whether
    it depends on the width within WIDTHS, and the width at which it would change (break_even)."""
    rows = []
    for rel in ds.relations.itertuples(index=False):
        hedged = _hedged(ds, referenced_ids(rel.lhs) + referenced_ids(rel.rhs))
        if not hedged:
            continue
        book = _relation_verdict(ds, rel, "wide")
        rows.append({"kind": "audit check", "id": rel.relation_id, "description_en": rel.description_en,
                     "hedged": hedged, "strict": _relation_verdict(ds, rel, "strict"),
                     **{w: _relation_verdict(ds, rel, "wide", w) for w in WIDTHS},
                     "book": book, "break_even": break_even(lambda w, r=rel: _relation_verdict(ds, r, "wide", w), book)})
    for metric_id, p in pairings(ds).items():
        hedged = _hedged(ds, [metric_id, p.achieved])
        if not hedged:
            continue
        book = target_verdict(_target_share(ds, metric_id, "wide"))
        rows.append({"kind": "target", "id": metric_id, "description_en": ds.metric(metric_id)["indicator_en"],
                     "hedged": hedged, "strict": target_verdict(_target_share(ds, metric_id, "strict")),
                     **{w: target_verdict(_target_share(ds, metric_id, "wide", w)) for w in WIDTHS},
                     "book": book,
                     "break_even": break_even(lambda w, m=metric_id: target_verdict(_target_share(ds, m, "wide", w)), book)})
    frame = pd.DataFrame(rows)
    frame["depends"] = frame.apply(lambda r: len({r["strict"], *(r[w] for w in WIDTHS)}) > 1, axis=1)
    return frame
