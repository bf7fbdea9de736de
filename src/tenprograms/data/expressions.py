"""The language of the report's arithmetic, and the intervals its printed figures stand for.

A relation side or a calc entry is an expression over metric ids (and outside-fact ids): numbers,
ids, + - * /, parentheses and count("甲、乙"). `parse_expression` vets it, `referenced_ids` and
`named_items` read it (validation uses them), and `evaluate` computes it over Intervals.

A printed figure stands for an Interval of values (data/README.md, "Exact, rounded and hedged
figures"): `metric_interval` reads it off the figure's numeral, qualifier and unit; `unit_step` is
the size of a one-unit error in it. The audit (analysis/audit.py) builds on these.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from decimal import Decimal

from .numerals import rounding_half_width


@dataclass(frozen=True)
class Interval:
    lo: float
    mid: float
    hi: float

    def __add__(self, o): return Interval(self.lo + o.lo, self.mid + o.mid, self.hi + o.hi)
    def __radd__(self, o): return self if o == 0 else NotImplemented   # so sum(intervals) works
    def __sub__(self, o): return Interval(self.lo - o.hi, self.mid - o.mid, self.hi - o.lo)
    def __neg__(self): return Interval(-self.hi, -self.mid, -self.lo)

    def __mul__(self, o):
        ends = [self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi]
        return Interval(min(ends), self.mid * o.mid, max(ends))

    def __truediv__(self, o):
        if o.lo <= 0 <= o.hi:
            raise ZeroDivisionError("division by an interval that contains zero")
        return self * Interval(1 / o.hi, 1 / o.mid, 1 / o.lo)

    @classmethod
    def exact(cls, x: float) -> "Interval":
        return cls(x, x, x)


def _last_nonzero_step(numeral: str) -> Decimal:
    """One unit of the last non-zero printed digit: "4500" → 100, "9.3" → 0.1, "100" → 100."""
    digits = numeral.replace(".", "")
    decimals = len(numeral.split(".", 1)[1]) if "." in numeral else 0
    trailing_zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
    return Decimal(1).scaleb(trailing_zeros - decimals)


CONVENTIONS = ("wide", "strict")


def is_exact_count(row, multiplier: int, scale: str) -> bool:
    """A printed integer count of whole things (17所, 32792户, 11项): it stands for itself."""
    numeral = str(row["numeral"])
    return scale == "count" and multiplier == 1 and "." not in numeral


def unit_step(row, multiplier: int, scale: str) -> float:
    """The size of a one-unit error in a printed figure: 1 for an exact count, else one unit of the
    last printed digit (17.2亿 → 0.1亿, 82.5% → 0.1, 9.3万 → 0.1万, 100左右 → 1)."""
    numeral = str(row["numeral"])
    if not numeral[:1].isdigit():
        return 1.0
    if is_exact_count(row, multiplier, scale):
        return 1.0
    return float(2 * rounding_half_width(numeral)) * multiplier


@dataclass(frozen=True)
class Hedge:
    """How the book reads one hedging word (a row of data/hedges.csv): the side of the printed number
    it allows, and the width of the wide reading (in units of the last non-zero digit, or percent)."""
    direction: str            # at_or_above | below | around
    basis: str                # digit | percent
    wide_low: float           # offset of the wide reading's lower end (<= 0)
    wide_high: float | None   # offset of its upper end (>= 0); None: no ceiling


def hedges_from(frame) -> dict[str, Hedge]:
    """data/hedges.csv (a DataFrame or list of dicts) as {hedge word: Hedge}."""
    rows = frame.to_dict("records") if hasattr(frame, "to_dict") else frame
    def ceiling(x):
        return None if x is None or x != x or x == "" else float(x)   # x != x: NaN, an empty cell
    return {r["hedge"]: Hedge(r["direction"], r["basis"], float(r["wide_low"]), ceiling(r["wide_high"]))
            for r in rows}


def _strict(value: float, half: float, direction: str) -> Interval:
    """The printed number with its rounding, on the side the word allows: 余/多/以上 the number or
    more, 近 under it, 左右 either side."""
    if direction == "at_or_above":
        return Interval(value, value, value + half)
    if direction == "below":
        return Interval(value - half, value, value)
    return Interval(value - half, value, value + half)


def _band(value: float, step: float, hedge: Hedge, width: float) -> Interval:
    """The wide reading's band, its width scaled by `width` (1 = data/hedges.csv). A digit-based
    width never reaches the next unit of the last digit: 4500余 cannot be 4600 (it would be 4600余)."""
    if hedge.basis == "digit":
        lo = max(-1.0, hedge.wide_low * width) * step
        hi = float("inf") if hedge.wide_high is None else min(1.0, hedge.wide_high * width) * step
        return Interval(value + lo, value, value + hi)
    lo = value * hedge.wide_low * width / 100
    hi = float("inf") if hedge.wide_high is None else value * hedge.wide_high * width / 100
    return Interval(value + lo, value, value + hi)


def metric_interval(row, multiplier: int, scale: str = "measure", convention: str = "wide",
                    hedges: dict[str, Hedge] | None = None, width: float = 1.0) -> Interval:
    """The values a printed figure can stand for, in base units, under a hedging convention.

    strict: the printed number with its rounding, on the side its hedge allows (近2万 → 15,000 … 20,000;
    4万余 → 40,000 … 45,000; 80%以上 → 80 … 80.5; 100名左右 → 100). wide: the strict interval widened by
    the hedge's width in data/hedges.csv (`hedges`), scaled by `width` for the sensitivity table
    (近2万 → 15,000 … 20,000; 4500余 → 4500 … 4600; 100左右 → 90 … 110; 80%以上 → 80 … no ceiling)."""
    if convention not in CONVENTIONS:
        raise ValueError(f"convention must be one of {CONVENTIONS}, not {convention!r}")
    value = float(row["value_base"])
    numeral = str(row["numeral"])
    qualifier = row["qualifier"]
    if not numeral[:1].isdigit() or qualifier == "range":
        return Interval.exact(value)
    exact = is_exact_count(row, multiplier, scale)
    half = 0.0 if exact else float(rounding_half_width(numeral)) * multiplier
    if qualifier == "exact":
        return Interval(value - half, value, value + half)
    word = row["qualifier_zh"]
    if hedges is None or word not in hedges:
        raise ValueError(f"no reading of the hedge {word!r} ({qualifier}): add it to data/hedges.csv")
    hedge = hedges[word]
    strict = _strict(value, half, hedge.direction)
    if convention == "strict":
        return strict
    band = _band(value, float(_last_nonzero_step(numeral)) * multiplier, hedge, width)
    return Interval(min(strict.lo, band.lo), value, max(strict.hi, band.hi))


# ---------------------------------------------------------------- expressions

class ExpressionError(ValueError):
    pass


def parse_expression(text: str) -> ast.Expression:
    """Parse and vet an expression: numbers, metric ids, + - * /, parentheses, count("…")."""
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"cannot parse {text!r}: {exc.msg}") from None
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            if not (isinstance(node.func, ast.Name) and node.func.id == "count" and len(node.args) == 1
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                raise ExpressionError(f"only count(\"甲、乙\") may be called, in {text!r}")
        elif not isinstance(node, (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Constant, ast.Name,
                                   ast.Add, ast.Sub, ast.Mult, ast.Div, ast.USub, ast.Load)):
            raise ExpressionError(f"{type(node).__name__} is not allowed in {text!r}")
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float, str)):
            raise ExpressionError(f"constant {node.value!r} is not allowed in {text!r}")
    return tree


def referenced_ids(text: str) -> list[str]:
    tree = parse_expression(text)
    return [n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id != "count"]


def named_items(text: str) -> list[list[str]]:
    """The item lists of every count("…") in an expression."""
    tree = parse_expression(text)
    return [n.args[0].value.split("、") for n in ast.walk(tree) if isinstance(n, ast.Call)]


def evaluate(text: str, lookup) -> Interval:
    """Evaluate an expression; `lookup(metric_id)` returns the metric's Interval."""
    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant):
            return Interval.exact(float(node.value))
        if isinstance(node, ast.Name):
            return lookup(node.id)
        if isinstance(node, ast.Call):
            return Interval.exact(float(len(node.args[0].value.split("、"))))
        if isinstance(node, ast.UnaryOp):
            return -walk(node.operand)
        left, right = walk(node.left), walk(node.right)
        return {ast.Add: left.__add__, ast.Sub: left.__sub__, ast.Mult: left.__mul__,
                ast.Div: left.__truediv__}[type(node.op)](right)
    return walk(parse_expression(text))
