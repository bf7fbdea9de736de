"""The computations behind the derived numbers of the cross-program pages and the appendix (book/across,
book/appendix): counts over the dataset, the audit's tallies, the census of numerals, the target tracker's
counts and the intervals shown as examples. Each takes the `Inputs` of its book/derived.yml entry
(render/derived.py) and reads only what the entry declares; parameterised ones take the entry's `args:`.
FUNCTIONS maps the names the registry uses to them (merged in render/derived.py).
"""
from __future__ import annotations

from ..data.census import census
from ..data.expressions import Interval, referenced_ids
from .audit import audit
from .derived_functions import Inputs
from .grades import grade_epidemic
from .profile import dated_periods, figure_profile, next_step_figures, yardstick_pairs
from .targets import deadline, outside_targets, pairings, report_targets


def _tables(i: Inputs, *names: str) -> None:
    """Declare (and check) the whole tables a computation reads through a helper of the analysis layer."""
    for name in names:
        i.table(name)


# ---------------------------------------------------------------- the figures and their profile

def _profile(i: Inputs):
    _tables(i, "metrics", "relations")
    return figure_profile(i.ds)


def programs_where(i: Inputs, column: str, value) -> int:
    """The programs with at least one figure whose profile has `column` equal to `value`."""
    profile = _profile(i)
    return int(profile.loc[profile[column] == value, "program"].nunique())


def hedges_of(i: Inputs, qualifier: str) -> int:
    """The figures hedged by one kind of word (data/metrics.csv `qualifier`: more_than 余/多, at_least
    以上, nearly 近, about 左右)."""
    return int((i.table("metrics")["qualifier"] == qualifier).sum())


def hedged_by_program(i: Inputs, most: bool = False) -> int:
    """With most: the hedged figures of the most hedged section; otherwise the sections with no hedged figure."""
    by_program = _profile(i).groupby("program")["hedged"].sum()
    return int(by_program.max()) if most else int((by_program == 0).sum())


def figures_exact(i: Inputs) -> int:
    """The figures that are printed integer counts of whole things (Dataset.is_exact_count)."""
    _tables(i, "metrics", "units")
    return sum(i.ds.is_exact_count(m) for m in i.ds.metrics.index)


def figures_rounded(i: Inputs) -> int:
    """The figures neither exact counts, nor hedged, nor one end of a printed range: rounded figures."""
    metrics = i.table("metrics")
    ranged = int((metrics["qualifier"] == "range").sum())
    hedged = int(_profile(i)["hedged"].sum())
    return len(metrics) - figures_exact(i) - hedged - ranged


def figures_with_period(i: Inputs, period_zh: str) -> int:
    """The figures whose period is printed in the given words."""
    return int((i.table("metrics")["period_zh"] == period_zh).sum())


def dated_periods_count(i: Inputs) -> int:
    """The distinct dated reference periods (analysis.profile.dated_periods)."""
    _tables(i, "metrics")
    return len(dated_periods(i.ds))


def yardstick_pairs_of(i: Inputs, type: str = "") -> int:
    """The pairs of figures that give one a yardstick in the other (analysis.profile.yardstick_pairs),
    all of them or of one type."""
    _tables(i, "metrics", "relations")
    pairs = yardstick_pairs(i.ds)
    return int((pairs["type"] == type).sum()) if type else len(pairs)


def next_steps(i: Inputs, measure: str) -> int:
    """The sections' next-step (下一步) passages: `passages` found, `with_figures` that print a figure,
    `targets` the tracker's targets printed in them."""
    _tables(i, "metrics", "programs", "source_lines")
    steps = next_step_figures(i.ds)
    return {"passages": int(steps["first_line"].notna().sum()),
            "with_figures": int((steps["figures"] > 0).sum()),
            "targets": int(steps["targets"].sum())}[measure]


def epidemic_named(i: Inputs) -> int:
    """The sections whose figures show a fall against last year or whose text names the epidemic."""
    _tables(i, "metrics", "programs", "source_lines")
    return sum(grade_epidemic(i.ds, p)[0] != "none" for p in i.ds.programs["program"])


# ---------------------------------------------------------------- the audit's tallies

def _audit(i: Inputs):
    _tables(i, "relations", "metrics")
    return audit(i.ds)


def checks_where(i: Inputs, column: str) -> int:
    """The relations that could fail with `column` true (holds: the check holds)."""
    result = _audit(i)
    return int(result.loc[result["group"] == "could fail", column].sum())


def apart_where(i: Inputs, column: str, negate: bool = False) -> int:
    """The relations that cannot fail with `column` true (or false, with negate)."""
    apart = _audit(i)
    apart = apart.loc[apart["group"] != "could fail", column].astype(bool)
    return int((~apart if negate else apart).sum())


def check_programs(i: Inputs, unchecked: bool = False) -> int:
    """The sections with at least one relation that could fail (with unchecked: the sections without)."""
    result = _audit(i)
    checked = result.loc[result["group"] == "could fail", "program"].nunique()
    return len(i.table("programs")) - checked if unchecked else int(checked)


def figures_in_checks(i: Inputs) -> int:
    """The figures that enter at least one relation that could fail."""
    checks = _audit(i)
    checks = checks[checks["group"] == "could fail"]
    return len({m for e in list(checks["lhs"]) + list(checks["rhs"]) for m in referenced_ids(e)})


# ---------------------------------------------------------------- targets

def report_targets_where(i: Inputs, which: str) -> int:
    """The report's targets (the tracker's one count): `trackable` (an achievement is paired with it),
    `due` (a deadline is printed), `due_this_year` (due in the year of the report), `no_deadline`."""
    _tables(i, "metrics")
    counted = report_targets(i.ds).query("counted").index
    due = [deadline(i.ds, m)[0] for m in counted]
    return {"trackable": sum(m in pairings(i.ds) for m in counted),
            "due": sum(d is not None for d in due),
            "due_this_year": sum(d == i.ds.latest_reference_date.year for d in due),
            "no_deadline": sum(d is None for d in due)}[which]


def report_target_programs(i: Inputs) -> int:
    """The sections that print at least one of the report's targets."""
    _tables(i, "metrics")
    return int(report_targets(i.ds).query("counted")["program"].nunique())


def targets_2018_verdict(i: Inputs, verdict: str) -> int:
    """The 2018 targets whose comparison with the report has the given verdict (data/pairings.csv)."""
    _tables(i, "context", "metrics")
    return int((outside_targets(i.ds)["verdict"] == verdict).sum())


# ---------------------------------------------------------------- tables, the census, intervals

def table_rows(i: Inputs, table: str) -> int:
    """The rows of a table of the dataset (data/<table>.csv)."""
    return len(i.table(table))


def census_count(i: Inputs, kind: str) -> int:
    """The numerals of the source (data.census): `total`, `arabic` or `chinese` numerals, or those a
    `figure` or an `exclusion` covers, or `unclassified` (covered by neither)."""
    _tables(i, "source_lines", "metrics", "numeral_exclusions")
    found = census(i.ds)
    test = {"total": lambda o: True, "arabic": lambda o: o.numeral[:1].isdigit(),
            "chinese": lambda o: not o.numeral[:1].isdigit(),
            "figure": lambda o: o.covered_by.startswith("metric:"),
            "exclusion": lambda o: o.covered_by.startswith("exclusion:"),
            "unclassified": lambda o: not o.covered_by}[kind]
    return sum(1 for o in found if test(o))


def interval_of(i: Inputs, convention: str = "wide") -> Interval:
    """The values a figure (the entry's one input) can stand for under a reading of its hedge or rounding."""
    (metric_id,) = i.definition.inputs
    return i.interval(metric_id, convention)


FUNCTIONS = {f.__name__: f for f in (
    programs_where, hedges_of, hedged_by_program, figures_exact, figures_rounded, figures_with_period,
    dated_periods_count, yardstick_pairs_of, next_steps, epidemic_named, checks_where, apart_where,
    check_programs, figures_in_checks, report_targets_where, report_target_programs, targets_2018_verdict,
    table_rows, census_count, interval_of)}
