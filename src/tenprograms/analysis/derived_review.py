"""Round 4, review helper: the computations behind the derived numbers that answer the second-edition
review and fact-check (the audit's per-figure power). Each takes the `Inputs` of its book/derived.yml
entry (render/derived.py); FUNCTIONS maps the registry's names to them.
"""
from __future__ import annotations

from ..data.expressions import referenced_ids
from .audit import audit
from .derived_functions import Inputs


def _checks(i: Inputs):
    i.table("relations")
    i.table("metrics")
    result = audit(i.ds)
    return result[result["group"] == "could fail"]


def figures_unguarded_in_checks(ds) -> list[str]:
    """The figures that enter a check that could fail but in which no such check would catch an error of
    one unit (audit.power): a check is guaranteed to catch a one-unit slip in at least one of its
    figures, not in every one (fact-check 3, F2)."""
    result = audit(ds)
    checks = result[result["group"] == "could fail"]
    inside = {m for e in list(checks["lhs"]) + list(checks["rhs"]) for m in referenced_ids(e)}
    guarded = {m for figures in checks["figures_guarded"] for m in figures}
    return sorted(inside - guarded)


def figures_guarded_by_checks(i: Inputs) -> int:
    """The figures in which a check that could fail would catch an error of one unit, up or down."""
    checks = _checks(i)
    return len({m for figures in checks["figures_guarded"] for m in figures})


FUNCTIONS = {f.__name__: f for f in (figures_guarded_by_checks,)}
