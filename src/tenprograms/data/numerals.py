"""Numbers as the report prints them: Arabic and Chinese numerals, 万/亿 prefixes, qualifiers.

The report writes "17.2亿元", "近2万张", "9.3万余名", "三个贫困县". The dataset keeps the numeral as
printed (`numeral`), its value (`value`) and the value in base units (`value_base`); this module
holds the rules that tie the three together, so the validator and the notebooks share them.
"""
from __future__ import annotations

import re
from decimal import Decimal

#: Multipliers of the magnitude prefixes used in the report (万 = 10⁴, 亿 = 10⁸).
PREFIX_MULTIPLIERS = {"万": 10_000, "亿": 100_000_000}

#: The report's hedging words and the qualifier each one sets.
QUALIFIER_WORDS = {
    "": "exact",
    "余": "more_than",
    "多": "more_than",
    "以上": "at_least",
    "近": "nearly",
    "左右": "about",
}
QUALIFIERS = ("exact", "more_than", "at_least", "nearly", "about", "range")

#: English reading of each qualifier, for tables and prose.
QUALIFIER_EN = {
    "exact": "",
    "more_than": "more than",
    "at_least": "at least",
    "nearly": "nearly",
    "about": "about",
    "range": "range bound",
}

_CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                   "六": 6, "七": 7, "八": 8, "九": 9}
_CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}

ARABIC_NUMERAL = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def parse_numeral(numeral: str) -> Decimal:
    """The value of a numeral as printed: "17.2" → 17.2, "三" → 3, "十一" → 11, "两" → 2.

    Raises ValueError for anything else, so a typo in the data cannot pass as a number.
    """
    text = str(numeral).strip()
    if ARABIC_NUMERAL.fullmatch(text):
        return Decimal(text)
    if text and all(ch in _CHINESE_DIGITS or ch in _CHINESE_UNITS for ch in text):
        total, digit = 0, None
        for ch in text:
            if ch in _CHINESE_DIGITS:
                digit = _CHINESE_DIGITS[ch]
            else:
                total += (1 if digit is None else digit) * _CHINESE_UNITS[ch]
                digit = None
        return Decimal(total + (digit or 0))
    raise ValueError(f"not a numeral: {numeral!r}")


def decimals_printed(numeral: str) -> int:
    """How many decimal places the report printed ("17.20" → 2, "636" → 0, "三" → 0)."""
    text = str(numeral)
    return len(text.split(".", 1)[1]) if "." in text else 0


def rounding_half_width(numeral: str) -> Decimal:
    """Half a unit of the last printed digit: the rounding a printed figure can hide."""
    return Decimal(1).scaleb(-decimals_printed(numeral)) / 2


def unit_multiplier(unit_zh: str, units: dict[str, int] | None = None) -> int:
    """The multiplier from printed unit to base unit: 亿元 → 10⁸, 万人次 → 10⁴, 个 → 1.

    `units` (unit_zh → multiplier, from data/units.csv) is authoritative when given; otherwise the
    万/亿 prefix decides.
    """
    if units is not None:
        return int(units[unit_zh])
    return PREFIX_MULTIPLIERS.get(unit_zh[:1], 1) if unit_zh not in ("%",) else 1


def to_base(value: float | Decimal, multiplier: int) -> Decimal:
    """value × multiplier, exactly (17.2 × 10⁸ = 1720000000, no float noise)."""
    return Decimal(str(value)) * multiplier
