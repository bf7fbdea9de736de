"""The numeral census: every number printed in the source is a figure of the dataset or excused.

An Arabic digit run (and a Chinese numeral before a measure word, such as 三个 or 五大) counts as
covered when a metric row on that line has it as its numeral inside its quote, or when
data/numeral_exclusions.csv lists it with a reason (a year, a date, part of a name ...).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

ARABIC = re.compile(r"[0-9]+(?:\.[0-9]+)?")
#: Chinese numerals that count something: a numeral directly before a measure word.
CHINESE = re.compile(r"(?<![一二两三四五六七八九十百千万])[一二两三四五六七八九十]+(?=个|大|项|所|家|种|类|支|名|方面|基本|化|级)")


@dataclass(frozen=True)
class Occurrence:
    line: int
    start: int
    numeral: str
    covered_by: str  # "metric:<id>", "exclusion:<reason>" or "" if not covered


def _runs(pattern, text):
    return [(m.start(), m.group()) for m in pattern.finditer(text)]


def census(ds) -> list[Occurrence]:
    """Every numeral occurrence of the source with what covers it."""
    metrics_by_line = {}
    for row in ds.metrics.itertuples(index=False):
        metrics_by_line.setdefault(row.line, []).append(row)
    exclusions_by_line = {}
    for row in ds.numeral_exclusions.itertuples(index=False):
        exclusions_by_line.setdefault(row.line, []).append(row)

    result = []
    for number, text in enumerate(ds.source_lines, start=1):
        claims = {}
        # a metric claims the occurrences of its numeral inside its quote, on its line
        for row in metrics_by_line.get(number, []):
            pattern = ARABIC if row.numeral[:1].isdigit() else CHINESE
            for qstart in _find_all(text, row.quote):
                hits = [qstart + s for s, n in _runs(pattern, row.quote) if n == row.numeral]
                free = [h for h in hits if h not in claims]
                if free:
                    claims[free[0]] = f"metric:{row.metric_id}"
                    break
        occurrences = _runs(ARABIC, text) + _runs(CHINESE, text)
        for row in exclusions_by_line.get(number, []):
            for start, numeral in occurrences:
                if numeral == row.numeral and start not in claims:
                    claims[start] = f"exclusion:{row.reason}"
                    break
        for start, numeral in sorted(occurrences):
            result.append(Occurrence(number, start, numeral, claims.get(start, "")))
    return result


def _find_all(text: str, sub: str) -> list[int]:
    found, start = [], text.find(sub)
    while start != -1:
        found.append(start)
        start = text.find(sub, start + 1)
    return found


def uncovered(ds) -> list[Occurrence]:
    return [o for o in census(ds) if not o.covered_by]
