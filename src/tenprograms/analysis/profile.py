"""How the report reports: the yardsticks it prints, the reference periods it mixes, its hedges,
its next-step passages and what it is silent on. Each function returns a frame for the pages
(intro, across/reporting) to count and chart; none writes text for them.
"""
from __future__ import annotations

import re

import pandas as pd

from ..data.expressions import referenced_ids
from .targets import report_targets

#: Units that are not additive: a part-of-whole pair never joins them.
INTENSIVE_UNITS = {"µg/m³", "percent", "percentage point", "rank", "CNY/mu"}


# ---------------------------------------------------------------- yardsticks: pairs the report prints

_PURE_SUM = re.compile(r"^\s*[a-z][a-z0-9_]*(\s*\+\s*[a-z][a-z0-9_]*)*\s*$")


def _same_things(ds) -> set[frozenset]:
    """Pairs of base units an identity relation of the report equates (346 secretaries = 346
    villages): counts in them count the same things."""
    linked = set()
    for rel in ds.relations.itertuples(index=False):
        if rel.check != "identity":
            continue
        ids = [i for i in referenced_ids(rel.lhs) + referenced_ids(rel.rhs) if i in ds.metrics.index]
        units = {ds.metric(i)["unit_base"] for i in ids}
        if len(units) == 2:
            linked.add(frozenset(units))
    return linked


def yardstick_pairs(ds) -> pd.DataFrame:
    """Every pair of figures the report prints that gives one a yardstick in the other, read off
    the relations (a part and its whole, a flow and the stock it adds to, an achievement and its
    target) and the printed shares. Columns: program, type, part (ids), whole (ids), relation_id."""
    linked = _same_things(ds)
    metrics = ds.metrics
    rows = []
    for rel in ds.relations.itertuples(index=False):
        if rel.check not in ("sum", "bound"):
            continue
        lhs, rhs = referenced_ids(rel.lhs), referenced_ids(rel.rhs)
        ids = lhs + rhs
        if not ids or any(i not in metrics.index for i in ids):
            continue
        kinds = metrics.loc[ids, "kind"]
        units = set(metrics.loc[ids, "unit_base"])
        if any(metrics.loc[ids, "qualifier"] == "range") or units & INTENSIVE_UNITS:
            continue
        if "target" in set(kinds):
            achieved = [i for i in ids if metrics.loc[i, "statement"] == "achievement"]
            targets = [i for i in ids if metrics.loc[i, "kind"] == "target"]
            same = len({metrics.loc[i, "unit_base"] for i in achieved + targets}) == 1
            if achieved and same:
                rows.append({"program": rel.program, "type": "achievement against a target",
                             "part": achieved, "whole": targets, "relation_id": rel.relation_id})
            continue
        if not (_PURE_SUM.match(rel.lhs) and _PURE_SUM.match(rel.rhs)):
            continue
        if len(units) > 1 and frozenset(units) not in linked:
            continue
        part, whole = (lhs, rhs) if rel.op in ("<=", "==") else (rhs, lhs)
        if rel.op == "==" and len(part) == 1 and len(whole) > 1:
            part, whole = whole, part
        flow = all(metrics.loc[i, "kind"] == "new_in_period" for i in part) and \
            all(metrics.loc[i, "kind"] in ("level", "cumulative") for i in whole)
        rows.append({"program": rel.program, "type": "flow against its stock" if flow else "part of a whole",
                     "part": part, "whole": whole, "relation_id": rel.relation_id})
    for metric_id, row in metrics[metrics["kind"] == "share"].iterrows():
        rows.append({"program": row["program"], "type": "printed share", "part": [metric_id], "whole": [],
                     "relation_id": ""})
    return pd.DataFrame(rows, columns=["program", "type", "part", "whole", "relation_id"])


def figure_yardstick(ds) -> pd.Series:
    """Each figure's yardstick, the strongest it has: 'year on year' (a comparison with the same
    period of last year, or a printed change), 'share, rate or rank' (printed as one), 'part of a
    whole', 'flow against its stock', 'achievement against a target', or 'none'."""
    metrics = ds.metrics
    result = pd.Series("none", index=metrics.index, name="yardstick")
    order = ["achievement against a target", "flow against its stock", "part of a whole"]
    pairs = yardstick_pairs(ds)
    for kind in order:
        for _, pair in pairs[pairs["type"] == kind].iterrows():
            result[pair["part"] + pair["whole"]] = kind
    result[metrics["kind"].isin(["share", "rate", "ratio", "rank"])] = "share, rate or rank"
    yoy = metrics["comparison"].astype(str).ne("") & metrics["comparison"].notna() | \
        metrics["kind"].isin(["change", "growth_rate"])
    result[yoy] = "year on year"
    return result


# ---------------------------------------------------------------- reference periods

PERIOD_CLASSES = ("dated", "time of writing", "start not printed", "plan without date")


def period_class(row) -> str:
    """What a figure's reference period lets a reader know:
    - 'dated': a window, a date or a dated start is printed;
    - 'time of writing': a stock or count with no date, which refers to the time of writing;
    - 'start not printed': a flow or running total whose start the report does not give;
    - 'plan without date': a target, plan or duration with no date."""
    if pd.notna(row["period_start"]) or pd.notna(row["period_end"]):
        return "dated"
    if row["statement"] == "intention" or row["kind"] in ("target", "duration"):
        return "plan without date"
    if row["kind"] in ("cumulative", "new_in_period", "change", "growth_rate"):
        return "start not printed"
    return "time of writing"


HEDGES = ("more_than", "at_least", "nearly", "about")


def figure_profile(ds) -> pd.DataFrame:
    """One row per figure: program, statement, yardstick, period class, hedged."""
    metrics = ds.metrics
    return pd.DataFrame({
        "program": metrics["program"],
        "statement": metrics["statement"],
        "yardstick": figure_yardstick(ds),
        "period": metrics.apply(period_class, axis=1),
        "hedged": metrics["qualifier"].isin(HEDGES),
    })


# ---------------------------------------------------------------- what the report is silent on

#: Indicators a city's 2020 progress report would be expected to give, with the words that would
#: name them in Chinese official reporting.
EXPECTED_INDICATORS = {
    "GDP (地区生产总值)": ("地区生产总值", "生产总值", "GDP", "经济总量"),
    "industrial value added (工业增加值)": ("工业增加值",),
    "fiscal revenue (财政收入)": ("财政收入", "一般公共预算"),
    "employment (就业)": ("新增就业", "就业人数", "失业"),
    "fixed-asset investment (固定资产投资)": ("固定资产投资", "固投"),
    "retail sales (社会消费品零售总额)": ("社会消费品零售", "社零"),
    "residents' income (居民收入)": ("可支配收入", "居民收入"),
}


def silences(ds) -> pd.DataFrame:
    """For each expected indicator: is any of its words in the source, and does a figure name it."""
    text = ds.source_text
    rows = []
    for name, words in EXPECTED_INDICATORS.items():
        found = [w for w in words if w in text]
        figures = ds.metrics[ds.metrics["indicator_zh"].apply(lambda s, words=words: any(w in s for w in words))]
        rows.append({"indicator": name, "words_found": found, "figures": len(figures)})
    return pd.DataFrame(rows)


def section_text(ds, number: int) -> str:
    prog = ds.program(number)
    return "\n".join(ds.source_lines[int(prog["first_line"]) - 1:int(prog["last_line"])])


def next_step_figures(ds) -> pd.DataFrame:
    """Each section's closing next-step (下一步) passage: its first line and the figures in it."""
    counted = set(report_targets(ds).query("counted").index)   # the tracker's one count of targets
    rows = []
    for prog in ds.programs.itertuples():
        lines = [n for n in range(prog.first_line + 1, prog.last_line + 1) if "下一步" in ds.source_lines[n - 1]]
        first = lines[0] if lines else None
        mine = ds.metrics[ds.metrics["program"] == prog.program]
        inside = mine[mine["line"] >= first] if first else mine.iloc[0:0]
        rows.append({"program": prog.program, "first_line": first, "figures": len(inside),
                     "targets": int(inside.index.isin(counted).sum())})
    return pd.DataFrame(rows).set_index("program", drop=False)



def dated_periods(ds) -> pd.DataFrame:
    """The report's dated reference periods (one row per distinct words and dates) with the number
    of figures in each, ordered in time: words, start, end, type (window, since, at a date), figures.
    The chart's labels are render.charts' job (render.fmt.PERIOD_WORDS_EN)."""
    metrics = ds.metrics
    dated = metrics[metrics["period_start"].notna() | metrics["period_end"].notna()]
    rows = []
    for (words, start, end), group in dated.groupby(["period_zh", "period_start", "period_end"], dropna=False,
                                                    sort=False):
        kind = "window" if pd.notna(start) and pd.notna(end) else ("since" if pd.notna(start) else "at a date")
        rows.append({"words": words, "start": start, "end": end, "type": kind, "figures": len(group)})
    periods = pd.DataFrame(rows)
    periods["order"] = periods["end"].fillna(periods["start"])
    periods = periods.sort_values(["order", "start", "words"], na_position="last").reset_index(drop=True)
    return periods
