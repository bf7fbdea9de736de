"""The numeral census: every numeral printed in the source is a figure of the dataset or excluded.

It looks for every Arabic digit run and every run of Chinese numeral characters (一 … 十, 百, 千,
万, 亿, 两, 半, 双) not attached to an Arabic number, wherever it stands: before a measure word
(三个, 一条, 一批), inside a word (进一步, 统一), a slogan (十佳十差) or a name (一卡通). Each
occurrence counts as covered when a metric row on that line has it as its numeral inside its quote,
or when data/numeral_exclusions.csv lists it with a reason. What is neither is reported, not hidden:
the census passes only when the dataset has classified every numeral the source prints.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

ARABIC = re.compile(r"[0-9]+(?:\.[0-9]+)?")
#: Every run of Chinese numeral characters that is not the 万/亿 of an Arabic figure (9.3万, 17.2亿).
CHINESE = re.compile(r"(?<![0-9.])[一二两三四五六七八九十百千万亿半双]+")


@dataclass(frozen=True)
class Occurrence:
    line: int
    start: int
    numeral: str
    covered_by: str  # "metric:<id>", "exclusion:<reason>" or "" if not covered


def _runs(pattern, text):
    return [(m.start(), m.group()) for m in pattern.finditer(text)]


def occurrences(text: str) -> list[tuple[int, str]]:
    """Every numeral of a line, Arabic and Chinese, as (position, numeral)."""
    return sorted(_runs(ARABIC, text) + _runs(CHINESE, text))


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
        found = occurrences(text)
        claims = {}
        # a metric claims the occurrences of its numeral inside its quote, on its line
        for row in metrics_by_line.get(number, []):
            for qstart in _find_all(text, row.quote):
                hits = [qstart + s for s, n in occurrences(row.quote) if n == row.numeral]
                free = [h for h in hits if h not in claims]
                if free:
                    claims[free[0]] = f"metric:{row.metric_id}"
                    break
        # an exclusion claims the first unclaimed occurrence of its numeral on its line
        for row in exclusions_by_line.get(number, []):
            for start, numeral in found:
                if numeral == row.numeral and start not in claims:
                    claims[start] = f"exclusion:{row.reason}"
                    break
        for start, numeral in found:
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


def unused_exclusions(ds) -> list[dict]:
    """Exclusion rows that match no occurrence (a stale row would otherwise excuse nothing silently)."""
    used = {}
    for o in census(ds):
        if o.covered_by.startswith("exclusion:"):
            used[(o.line, o.numeral)] = used.get((o.line, o.numeral), 0) + 1
    listed = {}
    for row in ds.numeral_exclusions.itertuples(index=False):
        listed[(row.line, row.numeral)] = listed.get((row.line, row.numeral), 0) + 1
    return [{"line": k[0], "numeral": k[1], "listed": n, "used": used.get(k, 0)}
            for k, n in listed.items() if n > used.get(k, 0)]
