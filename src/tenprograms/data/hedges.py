"""data/hedges.csv checked: each hedging word's reading agrees with itself and with metrics.csv.

The schema (datapackage.json) checks types, enums and signs; here: the word sets the qualifier
numerals.QUALIFIER_WORDS says it does, its wide width lies on the side its direction allows, and every
hedged figure of metrics.csv has a reading. Each problem names file, row and column.
"""
from __future__ import annotations

from .errors import Problem
from .numerals import QUALIFIER_WORDS
from .paths import data_dir, display_path

#: The side of the printed number each direction allows: (wide_low may be < 0, wide_high may be > 0).
_SIDES = {"at_or_above": (False, True), "below": (True, False), "around": (True, True)}


def check_hedges(tables: dict[str, list[dict]], problems: list[Problem]) -> None:
    file = display_path(data_dir() / "hedges.csv")
    words = {}
    for row in tables.get("hedges", []):
        label = f"line {row['__line__']} (hedge={row.get('hedge')})"
        word, qualifier = row.get("hedge"), row.get("qualifier")
        words[word] = qualifier
        if word not in QUALIFIER_WORDS or not word:
            problems.append(Problem(file, label, "hedge", f"{word!r} is not a hedging word the report uses "
                                    f"({', '.join(w for w in QUALIFIER_WORDS if w)})"))
        elif QUALIFIER_WORDS[word] != qualifier:
            problems.append(Problem(file, label, "qualifier",
                                    f"{word} sets the qualifier {QUALIFIER_WORDS[word]}, not {qualifier}"))
        side = _SIDES.get(row.get("direction"))
        low, high = row.get("wide_low"), row.get("wide_high")
        if side is None or low is None:
            continue
        if side[0] != (low < 0):
            problems.append(Problem(file, label, "wide_low", f"{row['direction']} needs wide_low "
                                    f"{'below 0' if side[0] else 'of 0'}, not {low}"))
        if high is None and row["direction"] != "at_or_above":
            problems.append(Problem(file, label, "wide_high", f"{row['direction']} needs a ceiling"))
        elif high is not None and side[1] != (high > 0):
            problems.append(Problem(file, label, "wide_high", f"{row['direction']} needs wide_high "
                                    f"{'above 0' if side[1] else 'of 0'}, not {high}"))
    metrics_file = display_path(data_dir() / "metrics.csv")
    for row in tables.get("metrics", []):
        word = row.get("qualifier_zh")
        if word and word not in words:
            problems.append(Problem(metrics_file, f"line {row['__line__']} (metric_id={row.get('metric_id')})",
                                    "qualifier_zh", f"no reading of {word!r} in {file}: add a row there"))
