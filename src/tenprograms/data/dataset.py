"""Load the dataset in one call, validated against data/datapackage.json and the source text.

    from tenprograms import load_dataset
    ds = load_dataset()          # raises DataValidationError, never returns partly loaded data
    ds.metrics                   # one row per figure, typed
    ds.metric("market_new_registrations_total")

Each table is checked against its Table Schema in datapackage.json (columns, types, required, enums,
patterns, ranges, unique and primary keys) by frictionless, and across tables for foreign keys, in
`schema.py`; rules that need the source text or arithmetic (quotes, numerals, units, dates) are in
`checks.py`; the source's checksum is checked here.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from . import checks, expressions, schema
from .deps import record
from .errors import DataValidationError, Problem
from .paths import data_dir, display_path

MANIFEST = "raw/MANIFEST.yml"
#: Tables whose whole-table reads are recorded as dependencies (deps.py).
_TRACKED_TABLES = frozenset({"metrics", "relations", "glossary", "units", "numeral_exclusions", "programs",
                             "context", "sources", "claims", "hedges", "source_lines", "manifest"})
#: Tables joined onto another: reading the one whole reads these too (context carries its source's columns).
_JOINED = {"context": ("sources",)}
#: The columns of data/sources.csv that ds.context carries for each fact (joined on source_id).
SOURCE_COLUMNS = ("source", "source_zh", "seen_at", "seen_on", "copy_kind", "grade")


@dataclass(frozen=True)
class Dataset:
    """Everything the book reads, validated. Tables are pandas DataFrames with typed columns."""

    root: Path
    manifest: dict
    source_lines: list[str]
    programs: pd.DataFrame
    metrics: pd.DataFrame
    relations: pd.DataFrame
    glossary: pd.DataFrame
    units: pd.DataFrame
    numeral_exclusions: pd.DataFrame
    context: pd.DataFrame          # outside facts (data/context.csv), indexed by fact_id, with their source's columns
    sources: pd.DataFrame          # the outside facts' sources (data/sources.csv), indexed by source_id
    claims: pd.DataFrame           # the claims the book evaluates, with their verdicts (data/claims.csv)
    hedges: pd.DataFrame           # how each hedging word is read: direction, wide width, reason (data/hedges.csv)
    schema: dict = field(repr=False, default_factory=dict)

    def __getattribute__(self, name: str):
        # A whole table read from a notebook is a dependency on all of it (see deps.py); the class's
        # own methods read tables through _table(), which does not record.
        if name in _TRACKED_TABLES:
            record(f"table:{name}")
            for joined in _JOINED.get(name, ()):
                record(f"table:{joined}")
        return object.__getattribute__(self, name)

    def _table(self, name: str):
        return object.__getattribute__(self, name)

    def _unit(self, unit_zh: str) -> pd.Series:
        """A unit's row (its multiplier and scale set a figure's interval): a recorded dependency."""
        record(f"unit:{unit_zh}")
        return self._table("units").loc[unit_zh]

    @property
    def source_text(self) -> str:
        return "\n".join(self.source_lines)

    def metric(self, metric_id: str) -> pd.Series:
        """One figure's row; KeyError naming the id if the dataset has no such figure."""
        try:
            row = self._table("metrics").loc[metric_id]
        except KeyError:
            raise KeyError(f"no metric_id {metric_id!r} in data/metrics.csv") from None
        record(f"metric:{metric_id}")
        return row

    def value(self, metric_id: str) -> float:
        """A figure in base units (17.2亿元 → 1.72e9)."""
        return float(self.metric(metric_id)["value_base"])

    def interval(self, metric_id: str, convention: str = "wide", width: float = 1.0):
        """The values a printed figure can stand for, in base units (see expressions.metric_interval):
        17所 → 17 exactly; 17.2亿元 → 1.715e9 … 1.725e9; 9.3万余名 → 93,000 … 94,000 (wide) or
        93,000 … 93,500 (strict: the printed 9.3万 with its rounding, on the side 余 allows). A hedged
        figure's wide width comes from data/hedges.csv, scaled by `width` (the sensitivity table).
        Intervals support + - * /."""
        row = self.metric(metric_id)
        unit = self._unit(row["unit_zh"])
        hedges = None
        if row["qualifier_zh"]:
            record(f"hedge:{row['qualifier_zh']}")
            table = self._table("hedges")
            hedges = expressions.hedges_from(table[table["hedge"] == row["qualifier_zh"]])
        return expressions.metric_interval(row, int(unit["multiplier"]), unit["scale"], convention, hedges, width)

    def is_exact_count(self, metric_id: str) -> bool:
        """True for a printed integer count of whole things (17所, 32792户): it stands for itself."""
        row = self.metric(metric_id)
        unit = self._unit(row["unit_zh"])
        return expressions.is_exact_count(row, int(unit["multiplier"]), unit["scale"])

    def unit_step(self, metric_id: str) -> float:
        """The size of a one-unit error in a figure, in base units (1 for an exact count)."""
        row = self.metric(metric_id)
        unit = self._unit(row["unit_zh"])
        return expressions.unit_step(row, int(unit["multiplier"]), unit["scale"])

    def evaluate(self, expression: str):
        """An expression over metric_ids (as in relations.csv) as an Interval: "a + b", "100 * a / b"."""
        return expressions.evaluate(expression, self.interval)

    def term(self, term_zh: str) -> str:
        """The book's one English rendering of a Chinese term (data/glossary.csv term_en)."""
        terms = self._table("glossary").set_index("term_zh")["term_en"]
        if term_zh not in terms.index:
            raise KeyError(f"{term_zh!r} is not in data/glossary.csv: add it there, so the book renders it one way")
        record(f"term:{term_zh}")
        return terms[term_zh]

    @property
    def latest_reference_date(self) -> pd.Timestamp:
        """The latest date any achievement refers to: the earliest the report can have been written."""
        record("derived:latest_reference_date")
        metrics = self._table("metrics")
        achieved = metrics[metrics["statement"] == "achievement"]
        return achieved["period_end"].max()

    def program(self, number: int) -> pd.Series:
        record(f"programrow:{int(number)}")
        return self._table("programs").loc[number]

    def program_metrics(self, number: int) -> pd.DataFrame:
        """The program's figures in the order the report states them."""
        record(f"program:{int(number)}")
        metrics = self._table("metrics")
        return metrics[metrics["program"] == number]


# ---------------------------------------------------------------- reading files

def _read_text(path: Path, problems: list[Problem]) -> str | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(display_path(path), "", "", "file is missing"))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(Problem(display_path(path), f"byte {exc.start}", "",
                                "is not valid UTF-8 (save the file as UTF-8)"))
        return None


def _with_sources(context: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Each fact with its source's columns (data/sources.csv), as if context.csv held them: the readers of
    ds.context (the tables, the roles, the cautions) see one row per fact with its source, address and grade.
    The foreign key context.source_id → sources.source_id is checked before, so every fact has its source."""
    joined = context.join(sources[list(SOURCE_COLUMNS)], on="source_id")
    joined.index.name = None
    return joined


# ---------------------------------------------------------------- the one entry point

def load_dataset(root: Path | str | None = None) -> Dataset:
    """Read, validate and type every table of data/. Raises DataValidationError listing all problems."""
    root = Path(root).resolve() if root else data_dir()
    problems: list[Problem] = []

    package_text = _read_text(root / "datapackage.json", problems)
    manifest_text = _read_text(root / MANIFEST, problems)
    if package_text is None or manifest_text is None:
        raise DataValidationError(problems)
    package = json.loads(package_text)
    manifest = yaml.safe_load(manifest_text)

    source_path = root / "raw" / manifest["file"]
    source_bytes = source_path.read_bytes() if source_path.exists() else None
    if source_bytes is None:
        problems.append(Problem(display_path(source_path), "", "", "source file is missing"))
        raise DataValidationError(problems)
    digest = hashlib.sha256(source_bytes).hexdigest()
    if digest != manifest["sha256"]:
        problems.append(Problem(display_path(source_path), "", "",
                                f"checksum changed: sha256 is {digest}, {MANIFEST} records {manifest['sha256']}; "
                                "the source is read-only raw data"))
    source_text = _read_text(source_path, problems)
    if source_text is None:
        raise DataValidationError(problems)
    source_lines = source_text.split("\n")

    tables: dict[str, list[dict]] = {}
    for resource in package["resources"]:
        tables[resource["name"]], found = schema.read_table(resource, root / resource["path"])
        problems += found
    schema.check_foreign_keys(package, tables, root, problems)

    checks.check_content(tables, source_lines, problems)
    if problems:
        raise DataValidationError(problems)

    frames = {}
    for resource in package["resources"]:
        names = [f["name"] for f in resource["schema"]["fields"]]
        frame = pd.DataFrame([{n: r[n] for n in names} for r in tables[resource["name"]]], columns=names)
        for spec in resource["schema"]["fields"]:
            if spec["type"] == "date":
                frame[spec["name"]] = pd.to_datetime(frame[spec["name"]])
            elif spec["type"] == "string":
                frame[spec["name"]] = frame[spec["name"]].fillna("").astype(str)
        key = resource["schema"].get("primaryKey")
        if key:
            frame = frame.set_index(key[0], drop=False)
            frame.index.name = None
        frames[resource["name"]] = frame
    frames["context"] = _with_sources(frames["context"], frames["sources"])
    return Dataset(root=root, manifest=manifest, source_lines=source_lines, schema=package, **frames)
