"""The registry of derived numbers: every number the book computes (not a figure the report prints)
is defined once, in book/derived.yml, and every page looks it up here.

    import tenprograms as tp
    tp.derived("market_target_share").text          # '73%' (also .value, .inputs, .definition, …)
    tp.derived("market_target_share", glue="target_share")   # … and glue it for the prose under that key
    ch.derived("good_air_days_still_needed", glue="rest_needed")  # the same from a chapter

An entry of book/derived.yml gives the number's definition in words, its inputs (metric ids of
data/metrics.csv, outside facts `ctx_…` of data/context.csv, other derived ids, or `table:<name>` for
a count over a whole table), the computation — an arithmetic `expr` over the inputs, evaluated on the
printed values (data.expressions.evaluate), or a `function` of analysis/derived_functions.py (FUNCTIONS) where dates, rounding up
or a target's pairing are involved — its unit, its display `format` (FORMATS), the assumption it
rests on and its caveat. A function sees only the inputs its entry declares.

Gluing a derived value also glues `<key>__derived` = its id: the ledger (book/numbers.csv) reads it
into its `derived_id` column, tests/test_derived.py checks that no page glues a derived quantity it
computed itself, and sphinxext/derived.py links each such number on the HTML site to its entry on the
appendix page of derived numbers.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from ..analysis import (
    calendar,
    derived_chapters,
    derived_chapters2,
    derived_functions,
    derived_hedges,
    derived_pages,
    derived_review,
    outcomes,
)
from ..analysis import claims as claims_functions
from ..data import facts as context
from ..data.dataset import load_dataset
from ..data.deps import record
from ..data.expressions import Interval, evaluate, referenced_ids
from ..data.paths import REPO_ROOT
from . import fmt, fmt_zh
from .glue import glue as glue_value

REGISTRY = REPO_ROOT / "book" / "derived.yml"
#: Every computation an entry's `function` may name: the modules of analysis/ that define them.
FUNCTIONS = {
    **derived_functions.FUNCTIONS,
    **derived_pages.FUNCTIONS,
    **derived_chapters.FUNCTIONS,
    **derived_chapters2.FUNCTIONS,
    **outcomes.FUNCTIONS,
    **claims_functions.FUNCTIONS,
    **calendar.FUNCTIONS,
    **derived_hedges.FUNCTIONS,
    **derived_review.FUNCTIONS,
}
#: The suffix of the glue key that names the derived id of the value glued under <key>.
MARKER = "__derived"
#: The page of the book that lists every derived number (sphinxext/derived.py links to it).
PAGE = "book/appendix/derived-numbers"

FIELDS = ("definition", "inputs", "unit", "format", "assumption", "caveat")


def _range(lo: float, hi: float, sep: str) -> str:
    return f"{fmt.number(lo)}{sep}{fmt.number(hi)}"


#: Display formats (the `format` of an entry).
FORMATS = {
    "percent0": lambda x: fmt.percent(x, 0),
    "percent1": lambda x: fmt.percent(x, 1),
    "number0": lambda x: fmt.number(x, 0),
    "number1": lambda x: fmt.number(x, 1),
    "number2": lambda x: fmt.number(x, 2),
    "nearest100": lambda x: fmt.number(round(x, -2)),
    "nearest1000": lambda x: fmt.number(round(x, -3)),
    "integer": lambda x: int(round(x)),
    "magnitude1": lambda x: fmt.english_magnitude(x, 1),
    "date": lambda x: f"{x:%-d %B %Y}",
    "range_to": lambda x: _range(x.lo, x.hi, " to "),
    "range_cny": lambda x: f"{fmt.cny(x.lo)} to {fmt.cny(x.hi)}",
    "range_percent2": lambda x: f"{fmt.percent(x.lo, 2)} to {fmt.percent(x.hi, 2)}",
    # the opening pages and the program chapters (analysis/derived_chapters.py)
    "percent2": lambda x: fmt.percent(x, 2),
    "yi1": lambda x: fmt.chinese_amount(x, decimals=1),
    "yi": lambda x: fmt.chinese_amount(x),
    "cny2": lambda x: fmt.cny(x, 2),
    "range_dash": lambda x: _range(x.lo, x.hi, "–"),
    "range_and0": lambda x: f"{fmt.number(x.lo, 0)} and {fmt.number(x.hi, 0)}",
    # bounds from figures of one or two significant digits (4万余, 80余): to tens, outward (review B7)
    "range_and_tens": lambda x: f"{fmt.number(math.floor(x.lo / 10) * 10)} and {fmt.number(math.ceil(x.hi / 10) * 10)}",
    # chapters 3, 4, 6-10 (analysis/derived_chapters2.py)
    "floor100": lambda x: fmt.number(x // 100 * 100),
    "range_dash100": lambda x: _range(round(x.lo, -2), round(x.hi, -2), "–"),
    "range_and1": lambda x: f"{fmt.number(x.lo, 1)} and {fmt.number(x.hi, 1)}",
    "range_to_magnitude1": lambda x: f"{fmt.english_magnitude(x.lo, 1)} to {fmt.english_magnitude(x.hi, 1)}",
    # chapter 3, tourism (analysis/derived_chapters2.py)
    "cny0": lambda x: fmt.cny(x, 0),
    "cny1": lambda x: fmt.cny(x, 1),
    "magnitude2": lambda x: fmt.english_magnitude(x, 2),
    "range_to_percent2": lambda x: f"{fmt.percent(x.lo, 2)} to {fmt.percent(x.hi, 2)}",
    # the lockdown's share said as a simple fraction (analysis/calendar.py)
    "fraction_word": calendar.rough_fraction,
}


#: The Chinese edition's display of each format whose Chinese differs from the English (fmt_zh):
#: no thousands separators, 万/亿, 年月日 dates, 至 for "to", 和 for "and". Formats not listed read the
#: same in both (82.5%, 3). Glued as `<key>@zh` beside `<key>`.
def _range_zh(lo: float, hi: float, sep: str = "—") -> str:
    return f"{fmt_zh.number(lo)}{sep}{fmt_zh.number(hi)}"


FORMATS_ZH = {
    "number0": lambda x: fmt_zh.number(x, 0),
    "number1": lambda x: fmt_zh.number(x, 1),
    "number2": lambda x: fmt_zh.number(x, 2),
    "nearest100": lambda x: fmt_zh.number(round(x, -2)),
    "nearest1000": lambda x: fmt_zh.magnitude(round(x, -3)),
    "magnitude1": lambda x: fmt_zh.magnitude(x, 1),
    "magnitude2": lambda x: fmt_zh.magnitude(x, 2),
    "date": fmt_zh.date,
    "range_to": lambda x: _range_zh(x.lo, x.hi, "至"),
    "range_cny": lambda x: f"{fmt_zh.amount(x.lo)}至{fmt_zh.amount(x.hi)}",
    "range_percent2": lambda x: f"{fmt_zh.percent(x.lo, 2)}至{fmt_zh.percent(x.hi, 2)}",
    "cny2": lambda x: fmt_zh.amount(x, decimals=2),
    "cny0": lambda x: fmt_zh.amount(x, decimals=0),
    "cny1": lambda x: fmt_zh.amount(x, decimals=1),
    "range_dash": lambda x: _range_zh(x.lo, x.hi),
    "range_and0": lambda x: f"{fmt_zh.number(x.lo, 0)}至{fmt_zh.number(x.hi, 0)}",
    "range_and_tens": lambda x: f"{fmt_zh.number(math.floor(x.lo / 10) * 10)}至{fmt_zh.number(math.ceil(x.hi / 10) * 10)}",
    "floor100": lambda x: fmt_zh.number(x // 100 * 100),
    "range_dash100": lambda x: _range_zh(round(x.lo, -2), round(x.hi, -2)),
    "range_and1": lambda x: f"{fmt_zh.number(x.lo, 1)}至{fmt_zh.number(x.hi, 1)}",
    "range_to_magnitude1": lambda x: f"{fmt_zh.magnitude(x.lo, 1)}至{fmt_zh.magnitude(x.hi, 1)}",
    "range_to_percent2": lambda x: f"{fmt_zh.percent(x.lo, 2)}至{fmt_zh.percent(x.hi, 2)}",
    "fraction_word": lambda x: FRACTIONS_ZH[calendar.rough_fraction(x)],
}
#: The simple fractions of calendar.FRACTIONS as a Chinese text says them.
FRACTIONS_ZH = {"a tenth": "十分之一", "a fifth": "五分之一", "a quarter": "四分之一", "a third": "三分之一",
                "two-fifths": "五分之二", "half": "一半", "three-fifths": "五分之三", "two-thirds": "三分之二",
                "three-quarters": "四分之三", "four-fifths": "五分之四"}
assert set(FRACTIONS_ZH) == set(calendar.FRACTIONS), "every simple fraction needs its Chinese"


def text_zh(d: "Derived"):
    """A derived number's Chinese display (FORMATS_ZH), or its English one where the two read the same."""
    show = FORMATS_ZH.get(d.definition.format)
    return show(d.value) if show else d.text


@dataclass(frozen=True)
class Definition:
    id: str
    definition: str
    inputs: tuple
    unit: str
    format: str
    assumption: str
    caveat: str
    expr: str = ""
    function: str = ""
    args: tuple = ()          # (name, value) pairs passed to the function

    @property
    def code(self) -> str:
        """Where the computation is: the registry's expression, or the function of this module."""
        if not self.function:
            return f"book/derived.yml: {self.expr}"
        args = ", ".join(f"{k}={v!r}" for k, v in self.args)
        fn = FUNCTIONS[self.function]
        path = f"{fn.__module__}.{fn.__name__}"
        path = f"{FUNCTIONS[self.function].__module__}.{self.function}"
        return f"{path}({args})" if args else path


@dataclass
class Derived:
    """A derived number evaluated on the data: its value, its display text and its inputs' values."""
    definition: Definition
    value: object
    text: object
    inputs: dict = field(default_factory=dict)   # input id → its value as the book prints it

    @property
    def id(self) -> str:
        return self.definition.id


def load_registry(path: Path | str | None = None) -> dict[str, Definition]:
    """Every definition of book/derived.yml, checked: fields present, a known format, exactly one of
    expr and function, an expr that uses only declared inputs, inputs that are defined before use."""
    path = Path(path) if path else REGISTRY
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems, result = [], {}
    for ident, entry in (spec.get("derived") or {}).items():
        where = f"{path.name}: {ident}"
        missing = [f for f in FIELDS if f not in entry]
        if missing:
            problems.append(f"{where}: missing {', '.join(missing)}")
            continue
        if entry["format"] not in FORMATS:
            problems.append(f"{where}: format {entry['format']!r} is not one of {sorted(FORMATS)}")
        if bool(entry.get("expr")) == bool(entry.get("function")):
            problems.append(f"{where}: give exactly one of expr and function")
        if entry.get("function") and entry["function"] not in FUNCTIONS:
            problems.append(f"{where}: no function {entry['function']!r} in tenprograms.analysis.derived_functions.FUNCTIONS")
        if entry.get("expr"):
            undeclared = set(referenced_ids(entry["expr"])) - set(entry["inputs"])
            if undeclared:
                problems.append(f"{where}: expr uses undeclared inputs {sorted(undeclared)}")
        for name in entry["inputs"]:
            if name in spec["derived"] and name not in result:
                problems.append(f"{where}: input {name} must be defined above it")
        result[ident] = Definition(id=ident, inputs=tuple(entry["inputs"]), expr=entry.get("expr", ""),
                                   function=entry.get("function", ""),
                                   args=tuple(sorted((entry.get("args") or {}).items())),
                                   **{f: str(entry[f]).strip() for f in FIELDS if f != "inputs"})
    if problems:
        raise ValueError("book/derived.yml: " + "; ".join(problems))
    return result


@lru_cache(maxsize=4)
def _registry(path: str, mtime: int) -> dict[str, Definition]:
    return load_registry(path)


def registry() -> dict[str, Definition]:
    return _registry(str(REGISTRY), REGISTRY.stat().st_mtime_ns)


class Inputs:
    """What a registry function may read: only the inputs its entry declares."""

    def __init__(self, ds, definition: Definition, cache: dict):
        self.ds, self.definition, self._cache = ds, definition, cache

    def _check(self, name: str) -> str:
        if name not in self.definition.inputs:
            raise KeyError(f"book/derived.yml: {self.definition.id} reads {name!r}, which its inputs do not declare")
        return name

    def value(self, name: str):
        name = self._check(name)
        if name.startswith("ctx_"):
            return context.value(self.ds, name)
        if name in registry():
            return evaluate_one(self.ds, name, self._cache).value
        return self.ds.value(name)

    def row(self, name: str) -> pd.Series:
        return self.ds.metric(self._check(name))

    def interval(self, name: str, convention: str = "wide") -> Interval:
        return self.ds.interval(self._check(name), convention)

    def table(self, name: str) -> pd.DataFrame:
        return getattr(self.ds, self._check(f"table:{name}").split(":", 1)[1])


def evaluate_one(ds, ident: str, cache: dict | None = None) -> Derived:
    """One derived number on the data (its inputs evaluated first)."""
    cache = {} if cache is None else cache
    if ident in cache:
        return cache[ident]
    definitions = registry()
    if ident not in definitions:
        raise KeyError(f"no derived number {ident!r} in book/derived.yml")
    d = definitions[ident]
    inputs = Inputs(ds, d, cache)
    if d.expr:
        def lookup(name):
            value = inputs.value(name)
            if name.startswith("ctx_") or name in definitions:
                return Interval.exact(float(value))
            return ds.interval(name, "strict")
        value = evaluate(d.expr, lookup).mid
    else:
        value = FUNCTIONS[d.function](inputs, **dict(d.args))
    shown = {}
    for name in d.inputs:
        shown[name] = input_text(ds, name, cache)
    cache[ident] = Derived(d, value, FORMATS[d.format](value), shown)
    return cache[ident]


def input_text(ds, name: str, cache: dict | None = None) -> str:
    """An input's value as the book prints it: a figure as printed, an outside fact with its †."""
    if name.startswith("table:"):
        # the row count is shown on the site only (the hover and the appendix page), never glued into a
        # notebook's outputs: read it without recording the whole table as the page's input
        return f"data/{name.split(':', 1)[1]}.csv ({len(ds._table(name.split(':', 1)[1]))} rows)"
    if name.startswith("ctx_"):
        return context.display(ds, name) + context.mark(ds, name)
    if name in registry():
        return str(evaluate_one(ds, name, cache).text)
    return fmt.as_printed(ds.metric(name))


def derived(ident: str, glue: str | None = None, ds=None) -> Derived:
    """A derived number by id; with `glue`, also glued for the prose under that key ("" = the id)."""
    if ds is None:
        ds = load_dataset()
    record(f"file:{REGISTRY.relative_to(REPO_ROOT)}")
    result = evaluate_one(ds, ident)
    if glue is not None:
        key = glue or ident
        glue_value(key, result.text, zh=text_zh(result))
        glue_value(key + MARKER, ident)
    return result


def facts_of(ident: str) -> list[str]:
    """The outside facts a derived number rests on, through its derived inputs (first mention first)."""
    d = registry()[ident]
    found = []
    for name in d.inputs:
        found += [name] if name.startswith("ctx_") else (facts_of(name) if name in registry() else [])
    return list(dict.fromkeys(found))


def evaluate_all(ds) -> dict[str, Derived]:
    cache: dict = {}
    return {ident: evaluate_one(ds, ident, cache) for ident in registry()}


def exemptions(path: Path | str | None = None) -> dict[tuple[str, str], str]:
    """(page, key) → why a glued value with digits is neither a figure nor registered (book/derived.yml,
    `exempt:` reason → page → keys), or why it shows what a registered number shows yet is another
    quantity (`coincidences:` page → key → the derived id it only looks like)."""
    spec = yaml.safe_load(Path(path or REGISTRY).read_text(encoding="utf-8"))
    result = {(page, key): reason for reason, pages in (spec.get("exempt") or {}).items()
              for page, keys in pages.items() for key in keys}
    for page, keys in (spec.get("coincidences") or {}).items():
        for key, entry in keys.items():
            result[(page, key)] = f"coincidence with {entry}"
    return result


#: A bare count below 20: a value the duplicate check does not compare (coincidences are the rule).
SMALL_COUNT = re.compile(r"1?[0-9]")


def ledger_problems(rows: list[dict], values: dict[str, Derived], exempt: dict) -> list[str]:
    """What is wrong with the ledger's provenance (book/numbers.csv rows):
    - a glued value with digits that is neither a figure of the report (metric_ids), nor a registered
      derived number (derived_id), nor exempt with a reason;
    - a derived id the registry does not define, or shown other than the registry displays it;
    - the same quantity computed again: a value not glued from the registry that shows exactly what a
      registered derived number shows (glue it with tp.derived instead)."""
    shows = {}
    for ident, item in values.items():
        text = str(item.text)
        if not SMALL_COUNT.fullmatch(text):      # 2, 5, 7 …: too many counts show them by chance
            shows.setdefault(text, []).append(ident)
    problems = []
    for r in rows:
        where = f"{r['page']}: {r['key']} = {r['shown']!r}"
        ident = r.get("derived_id", "")
        if ident:
            if ident not in values:
                problems.append(f"{where}: derived id {ident!r} is not in book/derived.yml")
            elif str(values[ident].text) != r["shown"]:
                problems.append(f"{where}: shows {ident} other than the registry ({values[ident].text!r})")
            continue
        if r["metric_ids"]:
            continue
        if r["shown"] in shows and not exempt.get((r["page"], r["key"]), "").startswith("coincidence"):
            problems.append(f"{where}: the same as derived number {', '.join(shows[r['shown']])}, "
                            "computed again on the page: glue it with tp.derived / ch.derived")
        elif any(c.isdigit() for c in r["shown"]) and (r["page"], r["key"]) not in exempt:
            problems.append(f"{where}: a number neither reported, nor registered in book/derived.yml, nor exempt")
    return problems
