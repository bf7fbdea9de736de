"""Numbers as the Chinese edition prints them, beside fmt.py's English ones.

Written as a Chinese statistical text writes them (the report's own usage): no thousands separators
(107164户), 万 and 亿 where the figure is round enough for them (50.92万户, 17.2亿元, 2万张), dates as
2020年8月27日, periods as 2020年1—7月, changes in 个百分点, and a hedged figure with its hedge word
where the report puts it (近2万张, 9.3万余名, 4500余户, 3万多个, 80%以上, 100名左右).

Every function has an English counterpart in fmt.py; the two print the same value within the same
rounding (tests/test_fmt_zh.py and the shown/shown_zh check of book/numbers.csv).
"""
from __future__ import annotations

import csv
import math
import re
from functools import lru_cache

import pandas as pd

from ..data.paths import data_dir, display_path
from .fmt import MINUS, _signed

_PREFIX = {1e8: "亿", 1e4: "万"}


def _strip(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def number(x: float, decimals: int | None = None) -> str:
    """107164 → '107164' (no separators, as the report prints counts); 2.345 with decimals=1 → '2.3';
    -0.09 → '−0.09'. Without `decimals`: integers without decimals, others with up to two."""
    x = float(x)
    if decimals is None:
        if math.isclose(x, round(x), abs_tol=1e-9):
            return _signed(f"{x:.0f}")
        return _signed(_strip(f"{x:.2f}"))
    return _signed(f"{x:.{decimals}f}")


def _lossless(x: float, scale: float, places: int = 2) -> bool:
    return math.isclose(round(x / scale, places) * scale, x, rel_tol=0, abs_tol=1e-6)


def magnitude(x: float, decimals: int | None = None, step: float | None = None) -> str:
    """A number scaled by 万 or 亿 as the report scales it: 1.72e9 → '17.2亿', 509200 → '50.92万',
    20000 → '2万', 107164 → '107164' (万 only where it loses nothing at two places), 4500 → '4500'.

    `decimals` mirrors fmt.english_magnitude(x, decimals): the figure keeps the same rounding step
    (1.7 billion, a step of 0.1 billion, prints as 17亿); `step` gives that step directly."""
    x = float(x)
    if step is None and decimals is not None:
        en_scale = 1e9 if abs(x) >= 1e9 else 1e6 if abs(x) >= 1e6 else 1
        step = en_scale * 10.0 ** -decimals
    if step is None:
        if abs(x) >= 1e8:
            return _signed(_strip(f"{x / 1e8:.4f}") if _lossless(x, 1e8, 4) else f"{x / 1e8:.5g}") + "亿"
        if abs(x) >= 1e4 and _lossless(x, 1e4):
            return _signed(_strip(f"{x / 1e4:.2f}")) + "万"
        return number(x)
    scale = 1e8 if abs(x) >= 1e8 else 1e4 if abs(x) >= 1e4 and step >= 100 else 1
    places = max(0, round(math.log10(scale / step)))
    text = _signed(_strip(f"{x / scale:.{places}f}"))
    return text + _PREFIX.get(scale, "")


def amount(x: float, unit: str = "元", decimals: int | None = None) -> str:
    """An amount: 1.72e9 → '17.2亿元', 23641700 → '2364.17万元', 6000 → '6000元', -3e8 → '−3亿元';
    `decimals` as fmt.cny's (¥1.7 billion → 17亿元)."""
    return magnitude(x, decimals) + unit


def percent(x: float, decimals: int = 1) -> str:
    """82.5 → '82.5%' (the report's own sign, the same as the English edition's)."""
    return _signed(f"{float(x):.{decimals}f}") + "%"


def points(x: float, decimals: int | None = None) -> str:
    """A change of a share: 21 → '21个百分点', 1.5 → '1.5个百分点'."""
    return number(x, decimals) + "个百分点"


def date(day) -> str:
    """2020-08-27 → '2020年8月27日'."""
    day = pd.Timestamp(day)
    return f"{day.year}年{day.month}月{day.day}日"


def month_day(day) -> str:
    """A day without its year, as the English edition's '27 August': 2020-08-27 → '8月27日'."""
    day = pd.Timestamp(day)
    return f"{day.month}月{day.day}日"


def days(start, end) -> str:
    """A run of days within a year, as the English '1 January to 27 August': '1月1日至8月27日'."""
    return f"{month_day(start)}至{month_day(end)}"


def ordinal(n: int) -> str:
    """A place in a ranking, as the English '7th': 7 → '第7名'."""
    return f"第{int(n)}名"


#: The English words a dataset's date notes use (data/source manifest date_assigned), in Chinese.
_DATE_NOTE = [(re.compile(r"^on or after (\d{4}-\d{2}-\d{2})"), lambda m: date(m[1]) + "或其后"),
              (re.compile(r"^\(not printed; inferred\)$"), lambda m: "（报告未印日期，系推断）")]


def date_note(text: str) -> str:
    """A dated note in English words, in Chinese: 'on or after 2020-08-29 (not printed; inferred)' →
    '2020年8月29日或其后（报告未印日期，系推断）'. An unknown wording is an error, never left in English."""
    out, rest = [], str(text).strip()
    while rest:
        for pattern, words in _DATE_NOTE:
            m = pattern.match(rest)
            if m:
                out.append(words(m))
                rest = rest[m.end():].strip()
                break
        else:
            raise ValueError(f"no Chinese wording for the date note {text!r} (at {rest!r}): add it to fmt_zh._DATE_NOTE")
    return "".join(out)


def span(lo: str, hi: str) -> str:
    """A range written with the Chinese dash (一字线 as the report's tables use it): '3000—5000'."""
    return f"{lo}—{hi}"


# ---------------------------------------------------------------- hedges and measure words

#: Where each hedge word goes: before the number (近), after the number or its 万/亿 and before the
#: measure word (余, 多), or after the measure word (以上, 左右).
_BEFORE, _INSIDE, _AFTER = ("近",), ("余", "多"), ("以上", "左右")
#: The hedge word of each qualifier when a figure has none printed (an English-only qualifier).
HEDGE_ZH = {"nearly": "近", "more_than": "余", "at_least": "以上", "about": "左右"}


def hedged(value: str, measure: str, word: str) -> str:
    """A figure with its hedge word in the report's position: ('2万', '张', '近') → '近2万张',
    ('9.3万', '名', '余') → '9.3万余名', ('4500', '户', '余') → '4500余户', ('80%', '', '以上') → '80%以上',
    ('100', '名', '左右') → '100名左右'."""
    if not word:
        return value + measure
    if word in _BEFORE:
        return word + value + measure
    if word in _INSIDE:
        return value + word + measure
    if word in _AFTER:
        return value + measure + word
    raise ValueError(f"unknown hedge word {word!r}: one of {', '.join(_BEFORE + _INSIDE + _AFTER)}")


@lru_cache(maxsize=4)
def _units(path: str) -> dict[str, float]:
    with open(path, encoding="utf-8", newline="") as f:
        return {r["unit_zh"]: float(r["multiplier"]) for r in csv.DictReader(f)}


def measure_word(unit_zh: str) -> str:
    """The measure word of a base unit, from data/units.csv: '万张' → '张', '亿元' → '元', '万' → '',
    '个' → '个'. A unit not in units.csv is an error naming the file."""
    path = data_dir() / "units.csv"
    units = _units(str(path))
    if unit_zh not in units:
        raise KeyError(f"{display_path(path)}: no unit {unit_zh!r} (column unit_zh)")
    multiplier = units[unit_zh]
    for scale, prefix in _PREFIX.items():
        if multiplier == scale and unit_zh.startswith(prefix):
            return unit_zh[len(prefix):]
    return unit_zh


def _word(row) -> str:
    return row["qualifier_zh"] or HEDGE_ZH.get(row["qualifier"], "")


def number_zh(row, hedge: bool = True) -> str:
    """A figure's value in base units, the Chinese counterpart of fmt.number_en without its measure
    word: '近2万', '9.3万余', '17.2亿元', '82.5%', '21个百分点'."""
    base, value = row["unit_base"], float(row["value_base"])
    word = _word(row) if hedge else ""
    if base in ("CNY", "CNY/mu"):
        return hedged(amount(value), "", word)
    if base == "percent":
        return hedged(percent_plain(value), "", word)
    if base == "percentage point":
        return hedged(points(value), "", word)
    return hedged(magnitude(value), "", word)


def percent_plain(x: float) -> str:
    """A printed percentage as printed: 21 → '21%', 82.5 → '82.5%'."""
    return number(x) + "%"


def in_chinese(row) -> str:
    """A figure in base units with its hedge and measure word, the counterpart of fmt.in_english:
    '近2万张', '9.3万余名', '17.2亿元', '6000元/亩', '45.1微克/立方米', '第7名', '21个百分点', scaled by
    万 or 亿 as the report scaled the figure (2万张, but 10000套); a range's end says which it is
    ('6000元/亩（下限）')."""
    base, value = row["unit_base"], float(row["value_base"])
    word = _word(row)
    if base == "percent":
        text = hedged(percent_plain(value), "", word)
    elif base == "percentage point":
        text = hedged(points(value), "", word)
    elif base == "rank":
        text = f"第{number(value)}{measure_word(row['unit_zh'])}"
    else:
        # scaled as the report scaled this figure: 2万张 stays in 万, 10000套 stays in digits
        measure = measure_word(row["unit_zh"])
        prefix = row["unit_zh"][: len(row["unit_zh"]) - len(measure)]
        scale = {v: k for k, v in _PREFIX.items()}.get(prefix, 1)
        text = hedged(number(value / scale) + prefix, measure + ("/亩" if base == "CNY/mu" else ""), word)
    if row["qualifier"] == "range":
        text += "（下限）" if row["bound"] == "low" else "（上限）"
    return text


# ---------------------------------------------------------------- periods

def _month_end(day: pd.Timestamp) -> bool:
    return (day + pd.Timedelta(days=1)).day == 1


def period(row) -> str:
    """A figure's reference period in Chinese, the counterpart of fmt.period_en: '2020年',
    '2020年上半年', '2020年1—7月', '2020年1月1日—8月27日', '截至2020年7月底', '到2020年底',
    '2018年以来'; without dates, the report's own words ('目前', '每年'), else by the figure's kind:
    '未定时间' (a target), '累计，未注明起始时间', '未注明时间', '报告撰写时'."""
    start, end, words, kind = row["period_start"], row["period_end"], row["period_zh"], row["kind"]
    if pd.notna(start) and pd.notna(end):
        same_year = start.year == end.year
        if start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31 and same_year:
            return f"{start.year}年"
        if start.month == 1 and start.day == 1 and end.month == 6 and end.day == 30 and same_year:
            return f"{start.year}年上半年"
        if start.day == 1 and _month_end(end) and same_year:
            return f"{start.year}年{start.month}—{end.month}月"
        tail = f"{end.month}月{end.day}日" if same_year else date(end)
        return f"{date(start)}—{tail}"
    if pd.notna(end):
        if kind == "target":
            return f"到{end.year}年底" if (end.month, end.day) == (12, 31) else f"到{date(end)}"
        if _month_end(end):
            return f"截至{end.year}年{end.month}月底"
        return f"截至{date(end)}"
    if pd.notna(start):
        return f"{start.year}年以来" if (start.month, start.day) == (1, 1) else f"{date(start)}以来"
    if isinstance(words, str) and words:
        return words
    if kind == "target":
        return "未定时间"
    if kind == "cumulative":
        return "累计，未注明起始时间"
    if kind in ("new_in_period", "change", "growth_rate"):
        return "未注明时间"
    return "报告撰写时"


def period_words(words: str) -> str:
    """The report's period words with the year made explicit where the English edition adds it:
    '1-7月' → '2020年1—7月', '上半年' → '2020年上半年'; other words as printed."""
    if not isinstance(words, str):
        return ""
    explicit = {"上半年": "2020年上半年", "今年": "2020年", "全年": "2020年全年", "今年年底": "2020年底"}
    if words in explicit:
        return explicit[words]
    if words.endswith("月") and "-" in words and words[0].isdigit():
        return "2020年" + words.replace("-", "—")
    return words


__all__ = ["MINUS", "number", "magnitude", "amount", "percent", "points", "date", "span", "hedged",
           "measure_word", "number_zh", "in_chinese", "period", "period_words", "HEDGE_ZH", "month_day",
           "days", "ordinal", "date_note"]


# ---------------------------------------------------------------- reading a display back

_MONTHS = {m: i for i, m in enumerate(["January", "February", "March", "April", "May", "June", "July", "August",
                                       "September", "October", "November", "December"], start=1)}
_DATE_EN = re.compile(r"\b(\d{1,2}) (" + "|".join(_MONTHS) + r") (\d{4})\b")
_DATE_ZH = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_EN = re.compile(r"\b(?:" + "|".join(_MONTHS) + r")\b")
_NUMBER = re.compile(r"(?P<sign>[−-]?)¥?(?P<digits>\d[\d,]*(?:\.(?P<dec>\d+))?)\s*(?P<scale>billion|million|亿|万)?")
_SCALE = {"billion": 1e9, "million": 1e6, "亿": 1e8, "万": 1e4, None: 1}


def readings(text) -> list[tuple[float, float]]:
    """The numbers a display shows, each as (value, half its rounding step), in order: '¥1.72 billion'
    → [(1.72e9, 5e6)], '17.2亿元' → [(1.72e9, 5e6)], '27 August 2020' and '2020年8月27日' → the same
    day as one number (days since 1970-01-01, exact). Used to check that a value's English and
    Chinese displays agree (book/numbers.csv shown and shown_zh)."""
    text = str(text)
    found = []
    for pattern, order in ((_DATE_EN, (3, 2, 1)), (_DATE_ZH, (1, 2, 3)), (_DATE_ISO, (1, 2, 3))):
        for m in pattern.finditer(text):
            y, mo, d = (m[i] for i in order)
            mo = _MONTHS.get(mo, mo)
            days = (pd.Timestamp(int(y), int(mo), int(d)) - pd.Timestamp(1970, 1, 1)).days
            found.append((m.start(), float(days), 0.0))
            text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    for m in _MONTH_EN.finditer(text):
        found.append((m.start(), float(_MONTHS[m[0]]), 0.0))
    for m in _NUMBER.finditer(text):
        scale = _SCALE[m["scale"]]
        step = scale * 10.0 ** -(len(m["dec"]) if m["dec"] else 0)
        value = float(m["digits"].replace(",", "")) * scale
        found.append((m.start(), -value if m["sign"] else value, step / 2))
    return [(v, h) for _, v, h in sorted(found)]


def same_reading(en, zh) -> bool:
    """Whether two displays show the same numbers within their rounding (each pair within the coarser
    half-step), in any order: '¥1.72 billion' and '17.2亿元', 'January–July 2020' and '2020年1—7月'."""
    a, b = sorted(readings(en)), sorted(readings(zh))
    return len(a) == len(b) and all(abs(x - y) <= max(hx, hy) + 1e-9 * max(abs(x), 1) for (x, hx), (y, hy) in zip(a, b))
