"""The cross-program view: the book's assessment of each program, the scorecard drawn from it, and
the profile of how the report reports (yardsticks, reference periods, hedges, silences).

The assessment is editorial and lives in book/assessment.yml: per program, the headline claim in
words, its key figures, its yardstick, its caveat and the status of the claim. It types no number:
numbers enter as placeholders that this module fills from the dataset and the context table.

    {growth_tax_cuts_h1}          the figure in English, hedge kept: ¥1.72 billion, nearly 20,000, 82.5%
    {growth_tax_cuts_h1:zh}       as printed: 17.2亿元
    {growth_tax_cuts_h1:period}   its reference period in English: first half of 2020
    {outside:ctx_target_market_entities}   an outside fact, rendered by the {outside} role (value and †)
    {mark:ctx_population_2020}    only the † mark of an outside fact (the {ctx} role)
    {calc:name}                   a number the program's `calc` block computes (with † if it uses outside facts)
    {term:规上}                    the glossary's one English rendering of a term
    {name:7}                      a program's English name (data/programs.csv)

The scorecard grades each program on five questions — does it report an outcome or only activity,
does it print a yardstick, does it have its own target, can progress be computed, does the
epidemic show — each as "full", "partial" or "none" with a short label. Every grade is computed by a
rule below from the data, the relations and the assessment's lists of metric and fact ids; the rules
are tested in tests/test_scorecard.py.
"""
from __future__ import annotations

import math
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from . import fmt
from .audit import Interval, evaluate, referenced_ids
from .paths import REPO_ROOT
from .tables import Table, markdown_escape

ASSESSMENT = REPO_ROOT / "book" / "assessment.yml"

STATUS_EN = {
    "printed": "printed only",
    "checked": "checked by the report's own arithmetic",
    "inferred": "inferred by the book",
    "outside": "would need outside data",
}
GRADES = ("full", "partial", "none")
#: Units that are not additive: a part-of-whole pair never joins them.
INTENSIVE_UNITS = {"µg/m³", "percent", "percentage point", "rank", "CNY/mu"}
#: Words that name the 2020 epidemic in the source.
EPIDEMIC_WORDS = ("疫情", "新冠", "疫后")


# ---------------------------------------------------------------- outside facts

#: Topics of data/context.csv that hold a program's own earlier targets or plans.
TARGET_TOPICS = {"target_2018": "2018 target", "plan_2019": "2019 plan"}


def context_table(ds) -> pd.DataFrame | None:
    return getattr(ds, "context", None)


def outside_value(ds, fact_id: str) -> float:
    from . import context

    return context.value(ds, fact_id)


def is_fact_id(name: str) -> bool:
    return name.startswith("ctx_")


def outside_targets(ds, number: int) -> pd.DataFrame:
    """The program's own earlier targets and plans from outside the report (data/context.csv rows
    whose topic is a 2018 target or a 2019 plan and whose program is this one)."""
    facts = context_table(ds)
    if facts is None:
        return pd.DataFrame()
    return facts[facts["topic"].isin(list(TARGET_TOPICS)) & (facts["program"] == number)]


# ---------------------------------------------------------------- periods in English

def _month_end(day: pd.Timestamp) -> bool:
    return (day + pd.Timedelta(days=1)).day == 1


def period_en(row) -> str:
    """A figure's reference period in English: 'first half of 2020', 'January–July 2020',
    '1 January–27 August 2020', 'end-July 2020', 'since 2018', 'at the time of writing',
    'running total, no start date', 'no period printed'."""
    start, end, words, kind = row["period_start"], row["period_end"], row["period_zh"], row["kind"]
    if pd.notna(start) and pd.notna(end):
        if start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31 and start.year == end.year:
            return f"{start.year}" if row["statement"] != "intention" else f"in {start.year}"
        if start.day == 1 and start.month == 1 and end.month == 6 and end.day == 30:
            return f"first half of {start.year}"
        if start.day == 1 and _month_end(end):
            return f"{start:%B}–{end:%B %Y}"
        return f"{start:%-d %B}–{end:%-d %B %Y}"
    if pd.notna(end):
        if kind == "target":
            return f"by end-{end.year}" if end.month == 12 and end.day == 31 else f"by {end:%-d %B %Y}"
        if _month_end(end):
            return f"end-{end:%B %Y}"
        return f"to {end:%-d %B %Y}"
    if pd.notna(start):
        return f"since {start.year}" if (start.month, start.day) == (1, 1) else f"since {start:%-d %B %Y}"
    if words == "每年":
        return "every year"
    if words == "下一步" or kind == "target":
        return "no date set"
    if kind == "cumulative":
        return "running total at the time of writing" if words in ("目前", "截至目前") else \
            "running total, no start date"
    if kind in ("new_in_period", "change", "growth_rate"):
        return "no period printed"
    return "at the time of writing"


# ---------------------------------------------------------------- rendering the assessment's text

_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)(?::([^{}]+))?\}")


def number_en(row) -> str:
    """A figure's value in English without its unit word, hedge kept: '17', 'nearly 20,000',
    'more than 93,000', '¥1.72 billion', '82.5%', '21 percentage points', 'at least 80%'."""
    hedge = {"more_than": "more than", "at_least": "at least", "nearly": "nearly", "about": "about"}
    base = row["unit_base"]
    value = float(row["value_base"])
    if base == "CNY":
        text = fmt.cny(value)
    elif base == "percent":
        text = f"{fmt.number(value)}%"
    elif base == "percentage point":
        text = f"{fmt.number(value)} percentage points"
    elif base == "µg/m³":
        text = f"{fmt.number(value)} µg/m³"
    else:
        text = fmt.english_magnitude(value)
    word = hedge.get(row["qualifier"], "")
    return f"{word} {text}".strip()


@dataclass
class Renderer:
    """Fills placeholders for one program. `myst=True` gives MyST (roles for outside facts and
    links), `myst=False` plain text with a † after outside values (for figures and tests)."""

    ds: object
    calc: dict = field(default_factory=dict)
    myst: bool = True
    program: int | None = None

    def literal(self, text: str) -> str:
        return markdown_escape(text) if self.myst else text

    def mark(self, fact_id: str) -> str:
        from . import context

        context.fact(self.ds, fact_id)
        return f"{{ctx}}`{fact_id}`" if self.myst else context.mark(self.ds, fact_id)

    def outside(self, fact_id: str) -> str:
        from . import context

        if self.myst:
            context.fact(self.ds, fact_id)       # fail here, not in Sphinx, on an unknown fact
            return f"{{outside}}`{fact_id}`"
        return context.display(self.ds, fact_id) + context.mark(self.ds, fact_id)

    def value(self, name: str, spec: str | None) -> str:
        if name == "outside":
            return self.outside(spec)
        if name == "mark":
            return self.mark(spec)
        if name == "calc":
            return self.calculated(spec)
        if name == "term":
            return self.literal(term(self.ds, spec))
        if name == "terms":
            return self.literal(plural_term(term(self.ds, spec)))
        if name == "name":
            return self.literal(self.ds.program(int(spec))["name_en"])
        row = self.ds.metric(name)
        if self.program is not None and int(row["program"]) != self.program:
            raise ValueError(f"{name} is a figure of program {row['program']}, not {self.program}")
        if spec is None:
            return self.literal(number_en(row))
        if spec == "zh":
            return self.literal(fmt.as_printed(row))
        if spec == "period":
            return self.literal(period_en(row))
        raise ValueError(f"unknown placeholder format {spec!r} for {name}")

    def calculated(self, name: str) -> str:
        if name not in self.calc:
            raise KeyError(f"no calc entry {name!r}")
        entry = self.calc[name]
        value = calc_value(self.ds, entry["expr"])
        text = self.literal(format_value(value, entry["format"]))
        facts = [i for i in dict.fromkeys(referenced_ids(entry["expr"])) if is_fact_id(i)]
        return text + (self.mark(facts[0]) if facts else "")

    def __call__(self, text: str) -> str:
        out, last = [], 0
        for match in _PLACEHOLDER.finditer(text):
            out.append(self.literal(text[last:match.start()]))
            out.append(self.value(match.group(1), match.group(2)))
            last = match.end()
        out.append(self.literal(text[last:]))
        return "".join(out)


def term(ds, term_zh: str) -> str:
    terms = ds.glossary.set_index("term_zh")["term_en"]
    if term_zh not in terms.index:
        raise KeyError(f"{term_zh!r} is not in data/glossary.csv")
    return terms[term_zh]


def plural_term(text: str) -> str:
    """A glossary rendering in the plural: its last word outside brackets takes the ending
    ('market entity' → 'market entities', 'affordable (public-benefit) kindergarten' → '… kindergartens')."""
    match = list(re.finditer(r"[A-Za-z-]+(?![^(]*\))", text))
    if not match:
        return text
    last = match[-1]
    return text[:last.start()] + fmt.plural(last.group(), 2) + text[last.end():]


def calc_interval(ds, expr: str, convention: str = "wide") -> Interval:
    """An expression over metric ids and outside-fact ids, as an Interval (facts are exact)."""
    def lookup(name):
        if is_fact_id(name):
            return Interval.exact(outside_value(ds, name))
        return ds.interval(name, convention=convention)
    return evaluate(expr, lookup)


def calc_value(ds, expr: str) -> float:
    """The expression on the printed figures themselves."""
    return calc_interval(ds, expr).mid


_FORMATS = {
    "percent0": lambda x: fmt.percent(x, 0),
    "percent1": lambda x: fmt.percent(x, 1),
    "number0": lambda x: fmt.number(x, 0),
    "number1": lambda x: fmt.number(x, 1),
    "cny2": lambda x: fmt.cny(x, 2),
    "times0": lambda x: fmt.number(x, 0),
}


def format_value(value: float, spec: str) -> str:
    if spec not in _FORMATS:
        raise ValueError(f"unknown calc format {spec!r}; use one of {sorted(_FORMATS)}")
    return _FORMATS[spec](value)


# ---------------------------------------------------------------- the assessment file

@dataclass
class Assessment:
    slug: str
    program: int
    claim: str
    claim_figures: list
    key_figures: list
    yardstick: str
    caveat: str
    status: str
    status_note: str
    outcomes: list
    progress: list
    calc: dict

    def renderer(self, ds, myst: bool = True) -> Renderer:
        return Renderer(ds, self.calc, myst=myst, program=self.program)


def load_assessment(ds, path: Path | str | None = None) -> dict[str, Assessment]:
    """The book's assessment of every program, checked against the dataset: every metric id is a
    figure of its program, every fact id an outside fact, every status one of STATUS_EN."""
    from .deps import record

    path = Path(path) if path else ASSESSMENT
    record(f"file:{path.resolve().relative_to(REPO_ROOT)}" if path.resolve().is_relative_to(REPO_ROOT) else f"file:{path}")
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))["programs"]
    slugs = ds.programs.set_index("slug")["program"]
    problems, result = [], {}
    if set(spec) != set(slugs.index):
        problems.append(f"programs {sorted(set(slugs.index) ^ set(spec))} missing or unknown")
    for slug, entry in spec.items():
        if slug not in slugs.index:
            continue
        number = int(slugs[slug])
        item = Assessment(
            slug=slug, program=number, claim=entry["claim"], claim_figures=list(entry.get("claim_figures", [])),
            key_figures=list(entry.get("key_figures", [])), yardstick=entry.get("yardstick", ""),
            caveat=entry["caveat"], status=entry["status"], status_note=entry.get("status_note", ""),
            outcomes=list(entry.get("outcomes", [])), progress=list(entry.get("progress", [])),
            calc=dict(entry.get("calc", {})),
        )
        if item.status not in STATUS_EN:
            problems.append(f"{slug}: status {item.status!r} is not one of {sorted(STATUS_EN)}")
        for metric_id in item.claim_figures + item.outcomes:
            if metric_id not in ds.metrics.index:
                problems.append(f"{slug}: no figure {metric_id!r}")
            elif int(ds.metric(metric_id)["program"]) != number:
                problems.append(f"{slug}: {metric_id} belongs to another program")
        for metric_id in item.outcomes:
            if metric_id in ds.metrics.index and ds.metric(metric_id)["statement"] != "achievement":
                problems.append(f"{slug}: outcome {metric_id} is not an achievement")
        for pair in item.progress:
            for key in ("achieved", "target"):
                name = pair[key]
                if is_fact_id(name):
                    if key == "achieved":
                        problems.append(f"{slug}: progress is achieved by a figure of the report, not {name}")
                elif name not in ds.metrics.index:
                    problems.append(f"{slug}: progress names no figure {name!r}")
        result[slug] = item
    if problems:
        raise ValueError("book/assessment.yml: " + "; ".join(problems))
    return result


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


# ---------------------------------------------------------------- reference periods (F8)

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


# ---------------------------------------------------------------- the five grades

def section_text(ds, number: int) -> str:
    prog = ds.program(number)
    return "\n".join(ds.source_lines[int(prog["first_line"]) - 1:int(prog["last_line"])])


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
    outside = outside_targets(ds, item.program)
    label = " / ".join(TARGET_TOPICS[t] for t in TARGET_TOPICS if t in set(outside["topic"])) if len(outside) else ""
    if in_report and label:
        return "full", f"report + {label}†"
    if in_report:
        return "full", "in the report"
    if label:
        return "partial", f"{label}†"
    return "none", "none"


def progress_rows(ds, item: Assessment) -> list[dict]:
    """Each achievement set against a target of the same program: the share reached (or whether
    a floor is passed) and whether the two are like for like. A pair is not like for like when
    the assessment says the definitions differ, when a hedged figure decides it, when a rate
    for part of the year meets a target for the whole year, or when the target is a plan for an
    earlier year. `upper_bound` says the achievement counts more than the target does, so the
    share is a ceiling."""
    rows = []
    for pair in item.progress:
        achieved, target = pair["achieved"], pair["target"]
        a_row = ds.metric(achieved)
        a = float(a_row["value_base"])
        t = outside_value(ds, target) if is_fact_id(target) else ds.value(target)
        reasons = []
        if pair.get("differs"):
            reasons.append(pair["differs"])
        t_hedged = (not is_fact_id(target)) and ds.metric(target)["qualifier"] in HEDGES
        if a_row["qualifier"] in HEDGES or t_hedged:
            reasons.append("a hedged figure")
        if a_row["unit_base"] == "percent" and pd.notna(a_row["period_end"]) and \
                (a_row["period_end"].month, a_row["period_end"].day) != (12, 31):
            reasons.append("a part-year rate against a full-year target")
        if is_fact_id(target) and context_table(ds).loc[target, "topic"] == "plan_2019":
            reasons.append("a plan for 2019")
        floor = bool(pair.get("floor"))
        rows.append({"achieved": achieved, "target": target, "outside": is_fact_id(target),
                     "share": 100 * a / t, "floor": floor, "passed": floor and a >= t,
                     "differs": bool(pair.get("differs")), "upper_bound": bool(pair.get("upper_bound")),
                     "like_for_like": not reasons, "reasons": reasons})
    return rows


def grade_progress(ds, item: Assessment) -> tuple[str, str]:
    """Progress computable: like for like against a target (full), only with a caveat (partial), none."""
    rows = progress_rows(ds, item)
    if not rows:
        return "none", "none"
    best = next((r for r in rows if r["like_for_like"]), rows[0])
    dagger = "†" if best["outside"] else ""
    if best["floor"]:
        label = ("above target" if best["passed"] else "below target") + dagger
    elif best["upper_bound"]:
        label = f"at most {fmt.percent(best['share'], 0)} of target{dagger}"
    elif best["differs"]:
        label = f"definitions differ{dagger}"
    else:
        label = f"{fmt.percent(best['share'], 0)} of target{dagger}"
    return ("full" if best["like_for_like"] else "partial"), label


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
    (columns `<dimension>` and `<dimension>_label`)."""
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
        for key, (grade, label) in grades.items():
            row[key], row[f"{key}_label"] = grade, label
        rows.append(row)
    return pd.DataFrame(rows).set_index("program", drop=False)


def plot_scorecard(card: pd.DataFrame):
    """The scorecard as a tile grid: programs down, the five questions across; the shade says how
    much the report shows, the label in the tile says what."""
    from matplotlib.patches import Patch, Rectangle

    from . import plot

    blue = plot.palette(1)[0]
    colours = {"full": blue, "partial": tuple(0.55 + 0.45 * c for c in blue), "none": (0.93, 0.93, 0.93)}
    text_colour = {"full": "white", "partial": "black", "none": (0.35, 0.35, 0.35)}
    n_rows, n_cols = len(card), len(DIMENSIONS)
    fig, ax = plot.new_figure(7.0, 0.42 * n_rows + 1.6)
    for r, (_, row) in enumerate(card.iterrows()):
        for c, key in enumerate(DIMENSIONS):
            grade = row[key]
            ax.add_patch(Rectangle((c + 0.04, r + 0.06), 0.92, 0.88, facecolor=colours[grade], edgecolor="none"))
            ax.text(c + 0.5, r + 0.5, textwrap.fill(row[f"{key}_label"], 13), ha="center", va="center",
                    fontsize=7.5, linespacing=1.1, color=text_colour[grade])
    ax.set_xlim(0, n_cols)
    ax.set_ylim(n_rows, 0)
    ax.set_xticks([c + 0.5 for c in range(n_cols)], list(DIMENSIONS.values()), fontsize=8.5)
    ax.xaxis.tick_top()
    ax.set_yticks([r + 0.5 for r in range(n_rows)],
                  [f"{p}. {n}" for p, n in zip(card["program"], card["name_en"])], fontsize=8.5)
    ax.tick_params(length=0)
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    handles = [Patch(facecolor=colours[g], label=t) for g, t in
               zip(GRADES, ("the report shows it", "partly, or only with a caveat", "not shown"))]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.4, -0.02), ncol=3, frameon=False,
              fontsize=8, handlelength=1.2)
    fig.tight_layout()
    return fig


# ---------------------------------------------------------------- the overview table

def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def chapter_doc(ds, number: int, prefix: str = "") -> str:
    prog = ds.program(number)
    return f"{prefix}programs/{number:02d}-{prog['slug']}"


def overview_frame(ds, assessment: dict[str, Assessment], myst: bool = True, prefix: str = "") -> pd.DataFrame:
    """The ten programs side by side: the claim, key figures with their period, the yardstick,
    the caveat and the status of the claim, rendered from the assessment."""
    rows = []
    for item in sorted(assessment.values(), key=lambda a: a.program):
        render = item.renderer(ds, myst=myst)
        name = ds.program(item.program)["name_en"]
        program = f"{{doc}}`{markdown_escape(name)} <{chapter_doc(ds, item.program, prefix)}>`" if myst else name
        status = STATUS_EN[item.status]
        if item.status_note:
            status += ": " + item.status_note
        rows.append({
            "Program": program,
            "What the report claims": _capitalise(render(item.claim)),
            "Key figures": _capitalise("; ".join(render(k) for k in item.key_figures)),
            "Against what": render(item.yardstick),
            "Main caveat": render(item.caveat),
            "Status of the claim": _capitalise(render(status)),
        })
    return pd.DataFrame(rows)


def overview_table(ds, assessment, caption: str, name: str, prefix: str = "") -> Table:
    """The overview as a numbered table; its cells are MyST already (escaped text, roles, links)."""
    frame = overview_frame(ds, assessment, prefix=prefix)
    return Table(frame, caption, name=name, widths=[0.16, 0.17, 0.22, 0.19, 0.14, 0.12], raw=frame.columns)


def headline_checks(ds, item: Assessment, audit_result: pd.DataFrame) -> pd.DataFrame:
    """The audit's relations that could fail and involve a figure of the program's claim."""
    rows = audit_result[(audit_result["group"] == "could fail") & (audit_result["program"] == item.program)]
    touches = rows.apply(lambda r: bool(set(referenced_ids(r["lhs"]) + referenced_ids(r["rhs"]))
                                        & set(item.claim_figures)), axis=1)
    return rows[touches] if len(rows) else rows



# ---------------------------------------------------------------- helpers for the cross-program pages

def glue_figures(ds, metric_ids) -> None:
    """Glue figures for a cross-program page's prose: `<id>__num` (the number in English, hedge
    kept: number_en) and `<id>__period` (its period in English: period_en)."""
    from .glue import glue

    for metric_id in metric_ids:
        row = ds.metric(metric_id)
        glue(f"{metric_id}__num", number_en(row))
        glue(f"{metric_id}__period", period_en(row))


def days_needed(ds, days_id: str, floor_percent: float) -> tuple[int, int]:
    """For a year-to-date count of days (good-air days from 1 January): how many of the year's
    remaining days must also count for the whole year's share to reach `floor_percent`.
    Returns (needed, remaining)."""
    row = ds.metric(days_id)
    start, end = row["period_start"], row["period_end"]
    year_days = (pd.Timestamp(end.year + 1, 1, 1) - pd.Timestamp(end.year, 1, 1)).days
    remaining = year_days - ((end - start).days + 1)
    needed = math.ceil(floor_percent / 100 * year_days - 1e-9) - int(row["value_base"])
    return max(needed, 0), remaining


def calc(ds, item: Assessment, name: str) -> float:
    """A number of a program's `calc` block, on the printed figures."""
    return calc_value(ds, item.calc[name]["expr"])


def next_step_figures(ds) -> pd.DataFrame:
    """Each section's closing next-step (下一步) passage: its first line and the figures in it."""
    from .targets import report_targets

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


#: The report's period words in English, for the timeline's labels.
PERIOD_WORDS_EN = {
    "上半年": "first half of 2020", "1-7月": "January–July 2020", "截至7月底": "to the end of July",
    "截至8月27日": "to 27 August", "截至8月29日10时": "to 29 August, 10:00", "2018年以来": "since 2018",
    "从2019年起": "from 2019 on", "今年以来": "since the start of 2020", "2019年": "the year 2019",
    "今年": "this year (2020)", "全年": "the whole year (2020)", "今年年底": "by the end of 2020",
}


def dated_periods(ds) -> pd.DataFrame:
    """The report's dated reference periods (one row per distinct words and dates) with the number
    of figures in each, ordered in time: words, start, end, type (window, since, at a date), figures."""
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
    periods["label"] = [f"{w} · at {e:%-d %B}" if t == "at a date" else f"{w} · {PERIOD_WORDS_EN.get(w, w)}"
                        for w, e, t in zip(periods["words"], periods["end"], periods["type"])]
    return periods


def plot_periods(ds):
    """The timeline of the report's dated reference periods: bars for windows, hatched bars with an
    arrow for periods that run from a date to the time of writing, diamonds for single dates."""
    import matplotlib.dates as mdates

    from . import plot

    periods = dated_periods(ds)
    written = ds.latest_reference_date
    fig, ax = plot.new_figure(7.0, 0.42 * len(periods) + 1.3)
    colour = plot.palette(1)[0]
    for y, row in periods.iterrows():
        if row["type"] == "window":
            ax.barh(y, row["end"] - row["start"], left=row["start"], height=0.55, color=colour)
            right = row["end"]
        elif row["type"] == "since":
            ax.barh(y, written - row["start"], left=row["start"], height=0.55, color=colour, alpha=0.45,
                    hatch="///", edgecolor="white")
            ax.annotate("", xy=(written + pd.Timedelta(days=45), y), xytext=(written, y),
                        arrowprops={"arrowstyle": "->", "color": "black"})
            right = written + pd.Timedelta(days=45)
        else:
            ax.plot(row["end"], y, marker="D", color="black", markersize=7)
            right = row["end"] + pd.Timedelta(days=25)
        ax.text(right + pd.Timedelta(days=40), y, f"{row['figures']} figure{'s' if row['figures'] > 1 else ''}",
                va="center", fontsize=9)
    ax.axvline(written, color="grey", linestyle=":", linewidth=1)
    ax.set_yticks(range(len(periods)), periods["label"], fontsize=9.5)
    ax.invert_yaxis()
    ax.set_xlim(pd.Timestamp("2017-10-01"), pd.Timestamp("2021-08-31"))
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=[4, 7, 10]))
    ax.tick_params(axis="x", which="major", labelsize=10)
    ax.tick_params(axis="x", which="minor", length=3)
    ax.set(xlabel="", ylabel="", title="The dated reference periods the report mixes")
    ax.grid(axis="y", visible=False)
    fig.tight_layout()
    return fig


def write_scorecard_data(card: pd.DataFrame, folder: Path | None = None, name: str = "fig_scorecard") -> Path:
    """The scorecard chart's data file (figure-data/<name>.csv and .json beside the notebook), in
    place of the one tp.glue derives from drawn bars: a tile chart draws no values, so the file
    holds each tile's grade and label instead."""
    import json

    from .figdata import FOLDER

    folder = Path(folder or Path.cwd()) / FOLDER
    folder.mkdir(exist_ok=True)
    code = {"full": 2, "partial": 1, "none": 0}
    rows = [{"panel": "", "series": question.replace("\n", " "), "category": row["name_en"],
             "value": code[row[key]], "label": row[f"{key}_label"]}
            for _, row in card.iterrows() for key, question in DIMENSIONS.items()]
    pd.DataFrame(rows).to_csv(folder / f"{name}.csv", index=False, lineterminator="\n")
    meta = {"figure": name, "title": "How the ten programs compare", "axes": [], "metric_ids_matching": [],
            "derivation": "each grade is computed by tenprograms.scorecard from data/metrics.csv, data/relations.csv, "
                          "data/context.csv and the book's assessment (book/assessment.yml); see its docstrings",
            "caveat": "read with the figure's caption in the book; † marks a target from outside the report",
            "columns": {"series": "the question", "category": "the program",
                        "value": "the grade: 2 the report shows it, 1 partly or only with a caveat, 0 not shown",
                        "label": "what the tile says"}}
    (folder / f"{name}.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return folder / f"{name}.csv"
