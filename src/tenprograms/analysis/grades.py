"""The scorecard: each program graded on five questions — does it report an outcome or only
activity, does it print a yardstick, does it have its own target, can progress be computed, does
the epidemic show — each as "full", "partial" or "none" with a short label. Every grade is computed
by a rule below from the data, the relations and the assessment's lists of metric and fact ids; the
rules are tested in tests/test_scorecard.py. A label that carries a number holds the placeholder
{share}, filled by render.charts.tile_label from the row's `<dimension>_share`.
"""
from __future__ import annotations

import pandas as pd

from ..data import facts
from .assessment import Assessment, is_fact_id
from .profile import HEDGES, figure_profile, figure_yardstick, section_text

GRADES = ("full", "partial", "none")

#: Words that name the 2020 epidemic in the source.
EPIDEMIC_WORDS = ("疫情", "新冠", "疫后")

#: Topics of data/context.csv that hold a program's own earlier targets or plans.
TARGET_TOPICS = {"target_2018": "2018 target", "plan_2019": "2019 plan"}


def earlier_targets(ds, number: int) -> pd.DataFrame:
    """The program's own earlier targets and plans from outside the report (data/context.csv rows
    whose topic is a 2018 target or a 2019 plan and whose program is this one). Not the target
    tracker's targets.outside_targets, which sets every 2018 target against the report's figures."""
    context = ds.context
    return context[context["topic"].isin(list(TARGET_TOPICS)) & (context["program"] == number)]


def grade_evidence(ds, item: Assessment) -> tuple[str, str]:
    """Outcome or only activity: 'outcome vs last year' if one of the program's outcome figures
    carries a year-on-year yardstick; 'outcome, no baseline' if it has outcomes but none does;
    'activity only' if the assessment lists no outcome."""
    if not item.outcomes:
        return "none", "activity only"
    yard = figure_yardstick(ds)
    program_yoy = yard[(ds.metrics["program"] == item.program) & (yard == "year on year")].index
    if program_yoy.size and set(item.outcomes) & set(program_yoy):
        return "full", "outcome vs last year"
    return "partial", "outcome, no baseline"


def grade_yardstick(ds, number: int) -> tuple[str, str]:
    """The strongest yardstick among the program's achievements: year on year (full); a part of a
    whole, a flow against its stock or a printed share (partial); none."""
    profile = figure_profile(ds)
    mine = profile[(profile["program"] == number) & (profile["statement"] == "achievement")]["yardstick"]
    if (mine == "year on year").any():
        return "full", "year on year"
    for kind, label in (("part of a whole", "part of a whole"), ("share, rate or rank", "share printed"),
                        ("flow against its stock", "flow vs stock")):
        if (mine == kind).any():
            return "partial", label
    return "none", "none printed"


def grade_target(ds, item: Assessment) -> tuple[str, str]:
    """Own target: a target printed in the report (full, also when outside targets exist); only
    the program's own earlier targets or plans, from outside the report (partial, marked †); none."""
    in_report = (ds.metrics[(ds.metrics["program"] == item.program)]["kind"] == "target").any()
    outside = earlier_targets(ds, item.program)
    # each kind of earlier target with the mark of its source (the dagger and the grade: "2018 target†C")
    label = " / ".join(TARGET_TOPICS[t] + facts.mark(ds, outside[outside["topic"] == t].index[0])
                       for t in TARGET_TOPICS if t in set(outside["topic"])) if len(outside) else ""
    if in_report and label:
        return "full", f"report + {label}"
    if in_report:
        return "full", "in the report"
    if label:
        return "partial", label
    return "none", "none"


def progress_rows(ds, item: Assessment) -> list[dict]:
    """Each achievement set against a target of the same program: the share reached (or whether
    a floor is passed) and whether the two are like for like. A pair is not like for like when
    the assessment says the definitions differ, when a hedged figure decides it, when a rate
    for part of the year meets a target for the whole year, or when the target is a plan for an
    earlier year. `upper_bound` says the achievement counts more than the target does, so the
    share is a ceiling."""
    rows = []
    for pair in item.progress:                 # data/pairings.csv's pairings, in the assessment's order
        achieved, target = pair.achieved, pair.target
        a_row = ds.metric(achieved)
        a = float(a_row["value_base"])
        t = facts.value(ds, target) if is_fact_id(target) else ds.value(target)
        reasons = []
        if pair.differs:
            reasons.append(pair.differs)
        t_hedged = (not is_fact_id(target)) and ds.metric(target)["qualifier"] in HEDGES
        if a_row["qualifier"] in HEDGES or t_hedged:
            reasons.append("a hedged figure")
        if a_row["unit_base"] == "percent" and pd.notna(a_row["period_end"]) and \
                (a_row["period_end"].month, a_row["period_end"].day) != (12, 31):
            reasons.append("a part-year rate against a full-year target")
        if is_fact_id(target) and facts.fact(ds, target)["topic"] == "plan_2019":
            reasons.append("a plan for 2019")
        floor = pair.floor
        rows.append({"achieved": achieved, "target": target, "outside": is_fact_id(target),
                     "share": 100 * a / t, "floor": floor, "passed": floor and a >= t,
                     "differs": bool(pair.differs), "upper_bound": pair.upper_bound,
                     "like_for_like": not reasons, "reasons": reasons})
    return rows


def grade_progress(ds, item: Assessment) -> tuple[str, str, float | None]:
    """Progress computable: like for like against a target (full), only with a caveat (partial), none.
    Returns the grade, the label (with {share} where the share reached goes) and that share (percent)."""
    rows = progress_rows(ds, item)
    if not rows:
        return "none", "none", None
    best = next((r for r in rows if r["like_for_like"]), rows[0])
    dagger = facts.mark(ds, best["target"]) if best["outside"] else ""
    if best["floor"]:
        label = ("above target" if best["passed"] else "below target") + dagger
    elif best["upper_bound"]:
        label = f"at most {{share}} of target{dagger}"
    elif best["differs"]:
        label = f"definitions differ{dagger}"
    else:
        label = f"{{share}} of target{dagger}"
    return ("full" if best["like_for_like"] else "partial"), label, best["share"]


def grade_epidemic(ds, number: int) -> tuple[str, str]:
    """The epidemic's visible effect: a fall against last year in the program's figures (full);
    the epidemic named in the section's text only (partial); not named (none)."""
    m = ds.metrics[ds.metrics["program"] == number]
    yoy = m["comparison"].fillna("").astype(str) == "same_period_last_year"
    fall = yoy & (((m["kind"] == "ratio") & (m["value_base"] < 100)) |
                  ((m["kind"] == "growth_rate") & (m["value_base"] < 0)))
    if fall.any():
        return "full", "fall vs last year"
    if any(w in section_text(ds, number) for w in EPIDEMIC_WORDS):
        return "partial", "named in text"
    return "none", "not named"


DIMENSIONS = {
    "evidence": "Outcome or\nactivity",
    "yardstick": "Yardstick\nprinted",
    "target": "Own\ntarget",
    "progress": "Progress\ncomputable",
    "epidemic": "Epidemic\nvisible",
}


def scorecard(ds, assessment: dict[str, Assessment]) -> pd.DataFrame:
    """One row per program (report order), for each dimension a grade and a label
    (columns `<dimension>` and `<dimension>_label`), and `progress_share` for the progress label."""
    rows = []
    for item in sorted(assessment.values(), key=lambda a: a.program):
        grades = {
            "evidence": grade_evidence(ds, item),
            "yardstick": grade_yardstick(ds, item.program),
            "target": grade_target(ds, item),
            "progress": grade_progress(ds, item),
            "epidemic": grade_epidemic(ds, item.program),
        }
        row = {"program": item.program, "slug": item.slug, "name_en": ds.program(item.program)["name_en"]}
        for key, (grade, label, *_) in grades.items():
            row[key], row[f"{key}_label"] = grade, label
        row["progress_share"] = grades["progress"][2]
        rows.append(row)
    return pd.DataFrame(rows).set_index("program", drop=False)
