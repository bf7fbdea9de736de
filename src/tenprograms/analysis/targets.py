"""The target tracker: which figures of the report are targets, and what can be set against them.

    from tenprograms import targets
    targets.report_targets(ds)      # every figure coded target/intention, with its role and whether it counts
    targets.reconciliation(ds)      # the one count of the report's targets, step by step
    targets.progress(ds, "talent_scarce_per_year", "strict")
    targets.outside_targets(ds)     # the 2018 targets (data/context.csv) against the report's 2020 figures

The tracker's table, with a sentence per target on what the report shows, is render.templates.tracker_frame.

A target is a number the report says the city will reach or deliver (力争, 将, 下一步, 今年再…). A plan's
duration (3年, 5年) sets a deadline, not a level; the upper end of a printed range (1-2个) belongs to
the same target as its lower end; a second measure of one project (a floor area beside a number of
units) is the same commitment. Slogan and name numerals are not figures at all (numeral_exclusions.csv).
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..data.pairings import pairings as all_pairings

#: A second measure of a commitment already counted: the same project, another unit.
SECOND_MEASURE = {"talent_qingjuncheng_floor_area": "talent_qingjuncheng_units"}

#: The duration that sets a target's deadline.
DURATION_OF = {"talent_scarce_per_year": "talent_scarce_program_years",
               "talent_college_plan_farmers_target": "talent_college_plan_years"}


def pairings(ds) -> dict:
    """The report's own targets that an achievement figure of the report can be set against (data/pairings.csv,
    the one place that says which achievement goes with which target): target metric_id → Pairing."""
    return {t: p for t, p in all_pairings(ds).items() if not p.outside}


def report_targets(ds) -> pd.DataFrame:
    """Every figure coded kind target or statement intention, with its role and whether it is a target."""
    m = ds.metrics
    rows = m[(m["kind"] == "target") | (m["statement"] == "intention")].copy()
    roles = []
    for metric_id, row in rows.iterrows():
        if row["kind"] == "duration":
            roles.append("plan duration")
        elif row["bound"] == "high":
            roles.append("upper end of a printed range")
        elif metric_id in SECOND_MEASURE:
            roles.append("second measure of one project")
        else:
            roles.append("target")
    rows["role"] = roles
    rows["counted"] = rows["role"] == "target"
    return rows


def reconciliation(ds) -> pd.DataFrame:
    """The derivation of the one count: rows coded target or intention, minus what is not a target."""
    rows = report_targets(ds)
    steps = [("Figures coded as a target or an intention", len(rows))]
    for role, label in [("plan duration", "Plan durations (they set a deadline, not a level)"),
                        ("upper end of a printed range", "Upper ends of printed ranges (one target with two ends)"),
                        ("second measure of one project", "A second measure of one project (floor area beside flats)")]:
        steps.append((label, -int((rows["role"] == role).sum())))
    steps.append(("The report's numeric targets", int(rows["counted"].sum())))
    assert sum(n for _, n in steps[:-1]) == steps[-1][1]
    return pd.DataFrame(steps, columns=["step", "rows"])


def deadline(ds, metric_id: str) -> tuple[int | None, str]:
    """The year a target falls due where the report fixes it, and the words that fix it (or say it is not fixed)."""
    row = ds.metric(metric_id)
    duration_id = DURATION_OF.get(metric_id)
    if duration_id:
        d = ds.metric(duration_id)
        if pd.notna(d["period_start"]):
            end = d["period_start"].year + int(d["value"]) - 1
            return end, f"end of {end} ({d['quote']})"
        return None, f"none printed ({d['numeral']}{d['unit_zh']} from a start the report does not give)"
    if pd.notna(row["period_end"]):
        words = row["period_zh"]
        return row["period_end"].year, (f"end of {row['period_end'].year}" if words == "今年年底" else
                                        f"{row['period_end'].year}") + f" ({words})"
    return None, "none printed"


@dataclass(frozen=True)
class Progress:
    target: float          # the target under the convention (lo, hi for a hedged target)
    target_lo: float
    target_hi: float
    achieved: float
    share: float           # achieved / target (mid)
    share_lo: float
    share_hi: float
    intakes: int | None = None


def progress(ds, metric_id: str, convention: str, whole_plan: bool = False, width: float = 1.0) -> Progress:
    """Achieved against target under a hedging convention (the wide width scaled by `width`, see
    analysis/hedges.py); for a yearly target, against the intakes so far (or, with whole_plan, against
    every year of the plan)."""
    pairing = pairings(ds)[metric_id]
    target = ds.interval(metric_id, convention, width)
    achieved = ds.interval(pairing.achieved, convention, width)
    intakes = None
    if pairing.per_year:
        duration = ds.metric(DURATION_OF[metric_id])
        intakes = (int(duration["value"]) if whole_plan
                   else ds.latest_reference_date.year - duration["period_start"].year + 1)
        target = type(target)(target.lo * intakes, target.mid * intakes, target.hi * intakes)
    return Progress(target.mid, target.lo, target.hi, achieved.mid, achieved.mid / target.mid,
                    achieved.lo / target.hi, achieved.hi / target.lo, intakes)


def outside_targets(ds) -> pd.DataFrame:
    """The 2018 targets (data/context.csv, topic target_2018) with the report's 2020 figure where data/pairings.csv
    pairs one, and how far the two compare (verdict, reason)."""
    facts = ds.context[ds.context["topic"] == "target_2018"]
    paired = all_pairings(ds)
    rows = []
    for fact_id, f in facts.iterrows():
        pairing = paired.get(fact_id)
        rows.append({"fact_id": fact_id, "program": f["program"], "statement_en": f["statement_en"],
                     "display": f["display"], "year": f["year"], "metric_id": pairing.achieved if pairing else None,
                     "metric": ds.metric(pairing.achieved) if pairing else None,
                     "verdict": pairing.comparable if pairing else "no figure",
                     "reason": pairing.note if pairing else "the report prints no figure for it",
                     "reason_zh": pairing.note_zh if pairing else "报告未印相应数字"})
    return pd.DataFrame(rows).set_index("fact_id", drop=False)
