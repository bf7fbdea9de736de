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


def capitalise(text: str) -> str:
    """The first letter upper case, the rest as it is ('2018 target' stays, 'market entities' → 'Market entities')."""
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------- a figure in English words

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


def number_en(row) -> str:
    """A figure's value in English without its unit word, hedge kept: '17', 'nearly 20,000',
    'more than 93,000', '¥1.72 billion', '82.5%', '21 percentage points', 'at least 80%'."""
    hedge = {"more_than": "more than", "at_least": "at least", "nearly": "nearly", "about": "about"}
    base = row["unit_base"]
    value = float(row["value_base"])
    if base == "CNY":
        text = cny(value)
    elif base == "percent":
        text = f"{number(value)}%"
    elif base == "percentage point":
        text = f"{number(value)} percentage points"
    elif base == "µg/m³":
        text = f"{number(value)} µg/m³"
    else:
        text = english_magnitude(value)
    word = hedge.get(row["qualifier"], "")
    return f"{word} {text}".strip()


#: The report's period words in English, for the timeline's labels (render.charts.plot_periods).
PERIOD_WORDS_EN = {
    "上半年": "first half of 2020", "1-7月": "January–July 2020", "截至7月底": "to the end of July",
    "截至8月27日": "to 27 August", "截至8月29日10时": "to 29 August, 10:00", "2018年以来": "since 2018",
    "从2019年起": "from 2019 on", "今年以来": "since the start of 2020", "2019年": "the year 2019",
    "今年": "this year (2020)", "全年": "the whole year (2020)", "今年年底": "by the end of 2020",
}
