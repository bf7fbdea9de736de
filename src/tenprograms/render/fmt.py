"""Numbers as the book prints them: English figures with the report's Chinese beside them."""
from __future__ import annotations

import math
import re

import pandas as pd

from ..data.numerals import QUALIFIER_EN

_SCALES = [(1e8, "亿"), (1e4, "万")]

#: The minus sign the book prints (U+2212); "-" (U+002D) is a hyphen, not a minus.
MINUS = "\u2212"


def _signed(text: str) -> str:
    """A formatted number with a real minus sign; a value that rounds to zero prints unsigned
    ('-0.0' is '0.0')."""
    if text.startswith("-"):
        body = text[1:]
        return body if not any(c in "123456789" for c in body) else MINUS + body
    return text


def number(x: float, decimals: int | None = None) -> str:
    """1234567 → '1,234,567'; 2.345 with decimals=1 → '2.3'; -0.09 → '−0.09' (a minus sign, U+2212).
    Without `decimals`: integers print without decimals, other numbers with up to two and no
    trailing zeros (58.7, 0.04, 2.35)."""
    x = float(x)
    if decimals is None:
        if math.isclose(x, round(x), abs_tol=1e-9):
            return _signed(f"{x:,.0f}")
        return _signed(f"{x:,.2f}".rstrip("0").rstrip("."))
    return _signed(f"{x:,.{decimals}f}")


def english_magnitude(x: float, decimals: int | None = None) -> str:
    """1.72e9 → '1.72 billion', 1125000 → '1.125 million', 465592100 → '465.59 million',
    4500 → '4,500', -2.5e6 → '−2.5 million'. Millions and billions keep five significant digits (no
    trailing zeros), or exactly `decimals` places of the millions/billions when given."""
    x = float(x)
    for scale, word in ((1e9, "billion"), (1e6, "million")):
        if abs(x) >= scale:
            if decimals is None:
                return _signed(f"{x / scale:.5g}") + f" {word}"
            return _signed(f"{x / scale:,.{decimals}f}".rstrip("0").rstrip(".")) + f" {word}"
    return number(x)


def cny(x: float, decimals: int | None = None) -> str:
    """An amount in yuan: 1.72e9 → '¥1.72 billion', 4.655921e8 → '¥465.59 million',
    -3e6 → '−¥3 million' (the sign before the currency)."""
    text = english_magnitude(x, decimals)
    if text.startswith(MINUS):
        return MINUS + "¥" + text[1:]
    return "¥" + text


def percent(x: float, decimals: int = 1) -> str:
    """A percentage given in percent: 82.5 → '82.5%', -0.09 with decimals=2 → '−0.09%'."""
    return _signed(f"{float(x):.{decimals}f}") + "%"


def change(x: float, decimals: int = 1) -> str:
    """A change in percent with its sign: 13.96 → '+14.0%', -0.09 with decimals=2 → '−0.09%'; a
    change that rounds to zero has no sign ('0.0%')."""
    text = percent(x, decimals)
    if text.startswith(MINUS) or not any(c in "123456789" for c in text):
        return text
    return "+" + text


def chinese_amount(x: float, unit: str = "元", decimals: int = 2) -> str:
    """A base-unit value in the report's style: 1.72e9 → '17.2亿元', 23641700 → '2364.17万元',
    -3e8 → '−3亿元'."""
    x = float(x)
    for scale, prefix in _SCALES:
        if abs(x) >= scale:
            return _signed(f"{x / scale:.{decimals}f}".rstrip("0").rstrip(".")) + prefix + unit
    return number(x) + unit


def as_printed(row: pd.Series) -> str:
    """A figure as the report prints it, qualifier in its place: '近2万张', '9.3万余名', '4500余户',
    '100多个', '80%以上', '100名左右', '17.2亿元'; only characters the quote prints ('1-2个' for the
    low end of a range, '第7' for a rank with no measure word)."""
    word = row["qualifier_zh"]
    numeral, unit = row["numeral"], row["unit_zh"]
    if word == "近":
        text = f"近{numeral}{unit}"
    elif word in ("余", "多"):
        text = f"{numeral}{unit[0]}{word}{unit[1:]}" if unit[:1] in ("万", "亿") else f"{numeral}{word}{unit}"
    else:
        text = f"{numeral}{unit}{word}"
    quote = row.get("quote", "") if hasattr(row, "get") else ""
    if not quote or text in quote:
        return text
    printed = re.search(rf"第?{re.escape(numeral)}(?:[-—–][0-9.]+)?(?:{re.escape(unit)})?", quote)
    return printed.group() if printed else numeral


#: Base units that take no plural ending.
_INVARIANT = {"CNY", "CNY/mu", "mu", "km", "m²", "µg/m³", "percent", "rank"}
_IRREGULAR = {"person": "people"}


def plural(unit: str, count: float) -> str:
    """An English base unit agreeing with its count: 'market entities', 'people', '1 school', '27 mu'."""
    if count == 1 or unit in _INVARIANT:
        return unit
    head, bracket, rest = unit.partition(" (")
    if head in _IRREGULAR:
        head = _IRREGULAR[head]
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        head = head[:-1] + "ies"
    elif head.endswith(("s", "x", "ch", "sh")):
        head += "es"
    else:
        head += "s"
    return head + (bracket + rest if bracket else "")


def in_english(row: pd.Series) -> str:
    """A figure in English base units with its qualifier: 'nearly 20,000 card', '1.72 billion CNY'."""
    qualifier = QUALIFIER_EN.get(row["qualifier"], "")
    if row["qualifier"] == "range":
        qualifier = f"{row['bound']} bound"
    base = row["unit_base"]
    if base == "CNY":
        text = cny(row["value_base"])
    elif base in ("percent", "percentage point"):
        value = number(row["value_base"], None)
        text = f"{value}%" if base == "percent" else f"{value} percentage points"
    elif base == "rank":
        text = f"rank {number(row['value_base'])}"
    else:
        text = f"{english_magnitude(row['value_base'])} {plural(base, row['value_base'])}"
    return f"{qualifier} {text}".strip() if row["qualifier"] != "range" else f"{text} ({qualifier})"


def period(row: pd.Series) -> str:
    """The reference period as ISO dates where known, with the report's words: '2020-01-01 – 2020-07-31 (1-7月)'."""
    start, end = row["period_start"], row["period_end"]
    iso = " – ".join(d.strftime("%Y-%m-%d") if not pd.isna(d) else "…" for d in (start, end))
    if pd.isna(start) and pd.isna(end):
        iso = ""
    words = row["period_zh"]
    if iso and words:
        return f"{iso} ({words})"
    return iso or words or "not stated"


def breakable(text: str, every: int = 16) -> str:
    """A long unbroken token (a checksum) in groups separated by spaces, so a table cell can wrap it."""
    if " " in text or len(text) <= every:
        return text
    return " ".join(text[i:i + every] for i in range(0, len(text), every))
