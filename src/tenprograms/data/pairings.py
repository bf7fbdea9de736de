"""Which achievement of the report goes with which target: data/pairings.csv, the one place that says it.

    from tenprograms.data.pairings import pairings
    pairings(ds)["ctx_target_market_entities"].achieved     # 'market_stock_total'

A row pairs a target — one of the report's own (a metric_id of data/metrics.csv) or one from outside
(a fact_id of data/context.csv) — with the report's figure that can be set against it:

    target, achieved   the two ids (achieved is always a figure of the report)
    comparable         yes | partly | no: how far the two compare (required for a 2018 target)
    note               what the comparison means, or why it is not like for like
    note_zh            the note in Chinese (required when there is a note; the Chinese edition's tables)
    differs            set when the two count different things: the words the scorecard shows
    differs_zh         the same in Chinese (required when differs is set)
    floor              true: the target is a floor (以上), met or not
    upper_bound        true: the achievement counts more than the target does (its share is a ceiling)
    per_year           true: the target is a yearly number, compared with the intakes so far

The target tracker (analysis.targets), the scorecard's progress grade (analysis.grades, through the
`progress:` target ids of book/assessment.yml) and the registry's derived numbers all read this file.
An outside fact's `compare_with` in data/context.csv must agree with its pairing here. Bad rows are
rejected with file, row and column.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass

from .deps import record
from .errors import DataValidationError, Problem
from .paths import data_dir

FILE = "pairings.csv"
COLUMNS = ("target", "achieved", "comparable", "note", "note_zh", "differs", "differs_zh", "floor", "upper_bound",
           "per_year")
#: An English column and its Chinese one: both set or both empty, the Chinese written in Chinese.
TRANSLATED = {"note": "note_zh", "differs": "differs_zh"}
_HAN = re.compile(r"[\u4e00-\u9fff]")
COMPARABLE = ("yes", "partly", "no")
FLAGS = ("floor", "upper_bound", "per_year")


@dataclass(frozen=True)
class Pairing:
    """What the report prints that can be set against one target."""
    target: str
    achieved: str          # the metric_id of the achieved figure
    comparable: str = ""   # yes | partly | no (outside targets)
    note: str = ""         # what the comparison means
    differs: str = ""      # why the two are not like for like, in the scorecard's words
    note_zh: str = ""      # the note in Chinese
    differs_zh: str = ""   # differs in Chinese
    floor: bool = False
    upper_bound: bool = False
    per_year: bool = False

    @property
    def outside(self) -> bool:
        return self.target.startswith("ctx_")


def _read(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def check(rows: list[dict], metric_ids, context) -> tuple[dict[str, Pairing], list[Problem]]:
    """The pairings of `rows` (the CSV's rows, header first = line 1) and every problem, by line and column.
    `context` is the outside facts' frame (data/context.csv, indexed by fact_id)."""
    file = f"data/{FILE}"
    result, problems = {}, []
    if rows and tuple(rows[0]) != COLUMNS:
        return {}, [Problem(file, "line 1", "", f"the columns must be {', '.join(COLUMNS)}")]
    for n, row in enumerate(rows, start=2):
        target, achieved = row["target"].strip(), row["achieved"].strip()
        where = f"line {n} (target={target})"
        bad = len(problems)
        if target in result:
            problems.append(Problem(file, where, "target", "the target is paired twice"))
        if target.startswith("ctx_"):
            if target not in context.index:
                problems.append(Problem(file, where, "target", f"no fact {target!r} in data/context.csv"))
            elif context.loc[target, "topic"] == "target_2018" and row["comparable"] not in COMPARABLE:
                problems.append(Problem(file, where, "comparable", f"a 2018 target needs one of {', '.join(COMPARABLE)}"))
        elif target not in metric_ids:
            problems.append(Problem(file, where, "target", f"no figure {target!r} in data/metrics.csv "
                                                           "(a target is a metric_id or a ctx_ fact_id)"))
        if achieved not in metric_ids:
            problems.append(Problem(file, where, "achieved", f"no figure {achieved!r} in data/metrics.csv"))
        if row["comparable"] and row["comparable"] not in COMPARABLE:
            problems.append(Problem(file, where, "comparable", f"{row['comparable']!r} is not one of {', '.join(COMPARABLE)}"))
        for en, zh in TRANSLATED.items():
            if row[en].strip() and not row[zh].strip():
                problems.append(Problem(file, where, zh, f"{en} is set: give it in Chinese too"))
            elif row[zh].strip() and not row[en].strip():
                problems.append(Problem(file, where, zh, f"set, but {en} is empty: the two say the same thing"))
            elif row[zh].strip() and not _HAN.search(row[zh]):
                problems.append(Problem(file, where, zh, f"{row[zh]!r} is not Chinese"))
        for flag in FLAGS:
            if row[flag] not in ("", "true"):
                problems.append(Problem(file, where, flag, f"{row[flag]!r}: write true or leave empty"))
        if len(problems) == bad:
            result[target] = Pairing(target, achieved, row["comparable"], row["note"], row["differs"],
                                     note_zh=row["note_zh"], differs_zh=row["differs_zh"],
                                     **{flag: row[flag] == "true" for flag in FLAGS})
    for fact_id, named in context["compare_with"].items():
        pairing = result.get(fact_id)
        if pairing and named and named != pairing.achieved:
            problems.append(Problem("data/context.csv", f"fact_id={fact_id}", "compare_with",
                                    f"{named!r}, but data/{FILE} pairs the target with {pairing.achieved!r}"))
    return result, problems


def pairings(ds) -> dict[str, Pairing]:
    """Every pairing of data/pairings.csv, checked against the dataset; target id → Pairing."""
    record(f"data:{FILE}")
    result, problems = check(_read(data_dir() / FILE), set(ds._table("metrics").index), ds._table("context"))
    if problems:
        raise DataValidationError(problems)
    return result
