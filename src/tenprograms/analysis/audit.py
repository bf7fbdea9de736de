"""The report's own arithmetic, checked within what its printed figures allow — and how hard the
check is.

Each relation in data/relations.csv is `lhs op rhs`, two expressions over metric_ids. Every figure
enters as an interval: the values its printed numeral can stand for (data/README.md, "Exact,
rounded and hedged figures").

- an exact count "17所", "32792户"  → itself (a count of whole things printed as an integer)
- a rounded figure "17.2亿元", "82.5%" → ± half a unit of the last printed digit (17.15 … 17.25)
- a hedged figure, under two conventions:
  wide   — 余/多 "4500余": 4500 … 4600 (one unit of the last non-zero digit); 近 "近2万": 1万 … 2万;
           左右 "100左右": 50 … 150; 以上 "80%以上": 80 … no ceiling
  strict — the printed number itself (rounded figures keep their rounding)
- a range bound, a constant or count("甲、乙") → exact

A relation holds when some values inside the intervals satisfy it. Relations are grouped by what
they can show (GROUPS): only sums, shares, ratios and differences can catch an error; bounds, counts
of named items and identities are reported apart. `power` says, for each relation, which of its
figures it would catch a one-unit error in.
"""
from __future__ import annotations

import pandas as pd

from ..data.deps import record
from ..data.expressions import Interval, evaluate, referenced_ids

# ---------------------------------------------------------------- the audit

def _holds(lhs: Interval, op: str, rhs: Interval) -> bool:
    eps = 1e-9 * max(1.0, abs(lhs.mid), abs(rhs.mid))
    if op == "==":
        return lhs.lo <= rhs.hi + eps and rhs.lo <= lhs.hi + eps
    if op == "<=":
        return lhs.lo <= rhs.hi + eps
    if op == ">=":
        return lhs.hi + eps >= rhs.lo
    raise ValueError(op)


#: What each kind of relation can show, in the order the book reports them.
GROUPS = {
    "sum": "could fail", "share": "could fail", "ratio": "could fail", "difference": "could fail",
    "bound": "bound", "count_named": "count of names", "identity": "identity",
}


def _holds_with(ds, rel, lookup) -> bool:
    return _holds(evaluate(rel.lhs, lookup), rel.op, evaluate(rel.rhs, lookup))


def power(ds, rel) -> dict[str, bool]:
    """For each figure of a relation: would an error of one unit in it (an exact count off by one, a
    rounded figure off by one unit of its last printed digit), up or down, make the relation fail?"""
    result = {}
    for metric_id in dict.fromkeys(referenced_ids(rel.lhs) + referenced_ids(rel.rhs)):
        step = ds.unit_step(metric_id)
        caught = True
        for sign in (1, -1):
            def lookup(i, shift=sign * step, target=metric_id):
                iv = ds.interval(i)
                return Interval(iv.lo + shift, iv.mid + shift, iv.hi + shift) if i == target else iv
            caught = caught and not _holds_with(ds, rel, lookup)
        result[metric_id] = caught
    return result


def audit(ds, program: int | None = None) -> pd.DataFrame:
    """Every relation (or one program's) with both sides computed (central value and interval, wide
    convention), its verdict under both hedging conventions, its group and its power."""
    if program is None:
        relations = ds.relations
    else:
        record(f"relations:{int(program)}")
        relations = ds._table("relations")
        relations = relations[relations["program"] == program]
    records = []
    for rel in relations.itertuples(index=False):
        lhs, rhs = evaluate(rel.lhs, ds.interval), evaluate(rel.rhs, ds.interval)
        strict = lambda i: ds.interval(i, convention="strict")  # noqa: E731
        holds = _holds(lhs, rel.op, rhs)
        holds_strict = _holds_with(ds, rel, strict)
        caught = power(ds, rel)
        records.append({
            "relation_id": rel.relation_id, "program": rel.program, "check": rel.check,
            "group": GROUPS[rel.check], "description_en": rel.description_en,
            "lhs": rel.lhs, "op": rel.op, "rhs": rel.rhs,
            "lhs_value": lhs.mid, "lhs_lo": lhs.lo, "lhs_hi": lhs.hi,
            "rhs_value": rhs.mid, "rhs_lo": rhs.lo, "rhs_hi": rhs.hi,
            "holds": holds, "holds_strict": holds_strict, "depends_on_convention": holds != holds_strict,
            "catches_one_unit": any(caught.values()),
            "figures_guarded": [m for m, c in caught.items() if c],
            "note": rel.note,
        })
    return pd.DataFrame.from_records(records, columns=AUDIT_COLUMNS)


AUDIT_COLUMNS = ["relation_id", "program", "check", "group", "description_en", "lhs", "op", "rhs",
                 "lhs_value", "lhs_lo", "lhs_hi", "rhs_value", "rhs_lo", "rhs_hi", "holds", "holds_strict",
                 "depends_on_convention", "catches_one_unit", "figures_guarded", "note"]


def could_fail(result: pd.DataFrame) -> pd.DataFrame:
    """The audit's result proper: the relations that could have failed."""
    return result[result["group"] == "could fail"]
