"""One table read and checked against its Table Schema (data/datapackage.json) by frictionless.

    rows, found = read_table(resource, path)   # typed rows (each with its "__line__") and Problems

Frictionless checks the header (columns match the schema's by name, in any order: none missing, renamed
or extra), each cell's type and constraints (required, unique, enum, pattern, minimum, maximum), each
row's length and the primary key, and types the cells; its errors become Problems naming file, row and
column.

Frictionless costs ~0.3 s to import and ~10 ms per table, so a table is checked only when its bytes
are new: the result is kept by the hash of the bytes, the table's schema, this module and the
frictionless version, in memory and, for the repository's data/, in `_build/schema-cache/<table>.json`
(one entry per table). Loading unchanged tables never imports frictionless.

Two rules stay here, because frictionless does not apply them the way this dataset needs:
- a number must be finite (Table Schema's number type accepts NaN and INF);
- foreign keys (`check_foreign_keys`): frictionless checks them only across the whole package, reading
  every referenced table each time (about three times the cost of the table itself); here it is one
  set look-up per row, over the rows already typed.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
from datetime import date
from importlib import metadata
from pathlib import Path

from .errors import Problem
from .paths import REPO_ROOT, display_path

#: What a cell of each type must look like, said after the cell ("'many' is not a number").
TYPE_WORDS = {"integer": "is not an integer", "number": "is not a number",
              "date": "is not an ISO date (YYYY-MM-DD)"}
_CONSTRAINT = re.compile(r'constraint "(\w+)"')
_POSITION = re.compile(r"row at position (\d+)")

#: Results by cache key: (rows, [(row, column, message)]); the same table is checked once per process.
_MEMORY: dict[str, tuple[list[dict], list[tuple[str, str, str]]]] = {}
_SALT: list[bytes] = []
#: The repository's data (every notebook and build loads it) keeps its results on disk, one entry per table;
#: copies of data/ (tests) keep them in memory only.
CACHE = REPO_ROOT / "_build" / "schema-cache"
#: The key each cache file holds, as far as this process knows.
_ON_DISK: dict[Path, str] = {}


def _salt() -> bytes:
    """What besides the table decides the result: this module's code and the frictionless version."""
    if not _SALT:
        _SALT.append(Path(__file__).read_bytes() + metadata.version("frictionless").encode())
    return _SALT[0]


def read_table(resource: dict, path: Path) -> tuple[list[dict], list[Problem]]:
    """The table's typed rows and its problems; rows are [] when its header is wrong or it cannot be read."""
    file = display_path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return [], [Problem(file, "", "", "file is missing")]
    schema_text = json.dumps(resource["schema"], sort_keys=True).encode()
    key = hashlib.sha256(_salt() + b"\0" + schema_text + b"\0" + raw).hexdigest()
    cache = CACHE / f"{resource['name']}.json" if path.parent == REPO_ROOT / "data" else None
    if key not in _MEMORY:
        stored = _from_disk(cache, key, resource["schema"]) if cache else None
        if stored:
            _ON_DISK[cache] = key
        _MEMORY[key] = stored or _check(resource, raw)
    if cache and _ON_DISK.get(cache) != key:
        _to_disk(cache, key, *_MEMORY[key])
        _ON_DISK[cache] = key
    rows, found = _MEMORY[key]
    return [dict(r) for r in rows], [Problem(file, *p) for p in found]


# ---------------------------------------------------------------- the cache on disk

def _from_disk(cache: Path, key: str, schema: dict):
    try:
        stored = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if stored.get("key") != key:
        return None
    dates = [f["name"] for f in schema["fields"] if f["type"] == "date"]
    for row in stored["rows"]:
        for name in dates:
            if row.get(name) is not None:
                row[name] = date.fromisoformat(row[name])
    return stored["rows"], [tuple(p) for p in stored["problems"]]


def _to_disk(cache: Path, key: str, rows: list[dict], found: list[tuple[str, str, str]]) -> None:
    text = json.dumps({"key": key, "problems": found, "rows": rows}, ensure_ascii=False,
                      default=lambda v: v.isoformat())
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(f".{key[:12]}.tmp")
        partial.write_text(text, encoding="utf-8")
        partial.replace(cache)                      # atomic: a parallel reader sees the old or the new entry
    except OSError:
        pass                                        # a read-only checkout: the cache is only a speed-up


# ---------------------------------------------------------------- checking one table

def _parse(raw: bytes) -> tuple[list[list[str]] | None, tuple[str, str, str] | None]:
    """The CSV's rows of stripped cells, each ending with its line number (blank rows left out).
    A BOM and CRLF line ends read the same as plain UTF-8."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, (f"byte {exc.start}", "", "is not valid UTF-8 (save the file as UTF-8)")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as exc:
        return None, (f"line {reader.line_num}", "", f"malformed CSV: {exc}")
    if not rows:
        return None, ("", "", "file is empty")
    return [[c.strip() for c in row] + [n] for n, row in enumerate(rows, start=1)
            if n == 1 or any(c.strip() for c in row)], None


def _check(resource: dict, raw: bytes) -> tuple[list[dict], list[tuple[str, str, str]]]:
    # Deferred: frictionless takes ~0.3 s to import, and only a table whose bytes are new needs it.
    from frictionless import Resource, Schema

    table, unreadable = _parse(raw)
    if unreadable:
        return [], [unreadable]
    schema = resource["schema"]
    fields = {f["name"]: f for f in schema["fields"]}
    lines = [row.pop() for row in table]            # lines[i]: the file line of table[i]
    header = table[0]
    key = (schema.get("primaryKey") or [None])[0]
    found: list[tuple[str, str, str]] = []

    def cells(number: int, names: list[str]) -> list[str]:
        """The raw cells `names` of the row frictionless numbers `number` (the header is 1)."""
        row = dict(zip(header, table[number - 1]))
        return [row.get(name, "") for name in names]

    def label(number: int) -> str:
        """That row as the file's line and its key: "line 12 (metric_id=growth_tax_cuts)"."""
        value = cells(number, [key])[0] if key else ""
        return f"line {lines[number - 1]}" + (f" ({key}={value})" if value else "")

    # Columns match by name, in any order, none missing and none extra (Table Schema's fieldsMatch "equal");
    # foreign keys are checked by check_foreign_keys.
    descriptor = {**{k: v for k, v in schema.items() if k != "foreignKeys"}, "fieldsMatch": "equal"}
    typed = []
    with Resource(data=table, schema=Schema.from_descriptor(descriptor)) as source:
        found += [_header_problem(e) for e in source.header.errors]
        for row in source.row_stream:
            found += [_problem(e, fields, schema.get("primaryKey", []), label, cells, lines) for e in row.errors]
            values = {name: _plain(row[name]) for name in row.field_names}
            for name, value in values.items():
                if isinstance(value, float) and not math.isfinite(value):   # kept as empty, like a wrong type
                    found.append((label(row.row_number), name, f"{table[row.row_number - 1][header.index(name)]!r} "
                                                               "is not a finite number"))
                    values[name] = None
            typed.append({**values, "__line__": lines[row.row_number - 1]})
    unique = list(dict.fromkeys(found))             # a one-field primary key that is also unique: said once
    return ([] if any(p[0] == "header" for p in unique) else typed), unique


def _plain(value):
    """A typed cell as the data layer keeps it: frictionless's Decimal as float."""
    return float(value) if type(value).__name__ == "Decimal" else value


def _header_problem(error) -> tuple[str, str, str]:
    if error.type == "missing-label":
        return "header", error.field_name, "required column is missing"
    if error.type == "extra-label":
        return "header", error.label, "unknown column (not in datapackage.json)"
    return "header", getattr(error, "label", ""), f"{error.title}: {error.note}"


def _problem(error, fields: dict, primary_key: list[str], label, cells, lines: list[int]) -> tuple[str, str, str]:
    """One frictionless row error as (row, column, message), in the words the book's data guide uses."""
    where, name, cell = label(error.row_number), getattr(error, "field_name", ""), getattr(error, "cell", "")
    if error.type == "type-error":
        return where, name, f"{cell!r} {TYPE_WORDS.get(fields[name]['type'], 'is not of type ' + fields[name]['type'])}"
    if error.type == "constraint-error":
        constraint = _CONSTRAINT.match(error.note).group(1)
        limit = fields[name].get("constraints", {}).get(constraint)
        return where, name, {
            "required": "is empty but required",
            "enum": f"{cell!r} is not one of {limit}",
            "pattern": f"{cell!r} does not match {limit}",
            "minimum": f"{cell} is below the minimum {limit}",
            "maximum": f"{cell} is above the maximum {limit}",
        }.get(constraint, f"{cell!r} breaks the constraint {constraint} {limit!r}")
    if error.type in ("unique-error", "primary-key"):
        # said as for a unique column, so the two errors of a one-field key merge (and an empty key
        # with its required constraint's error)
        if error.type == "primary-key":
            name = ", ".join(primary_key)
            cell = ", ".join(str(c) for c in cells(error.row_number, primary_key))
        position = _POSITION.search(error.note)
        if not position:
            return where, name, "is empty but required"
        return where, name, f"duplicate value {cell!r} (first on line {lines[int(position.group(1)) - 1]})"
    if error.type == "missing-cell":
        return where, name, "is missing: the row has fewer fields than the header"
    if error.type == "extra-cell":
        return where, "", f"has an extra field {cell!r}: the row has more fields than the header"
    return where, name or "", f"{error.title}: {error.note}"


# ---------------------------------------------------------------- across tables

def check_foreign_keys(package: dict, tables: dict[str, list[dict]], root: Path, problems: list[Problem]) -> None:
    """Each foreign key's value is a key of the table it references (see the module's note)."""
    for resource in package["resources"]:
        file = display_path(root / resource["path"])
        key = (resource["schema"].get("primaryKey") or [None])[0]
        for fk in resource["schema"].get("foreignKeys", []):
            target = fk["reference"]["resource"]
            allowed = {r[fk["reference"]["fields"]] for r in tables.get(target, [])}
            for row in tables[resource["name"]]:
                value = row.get(fk["fields"])
                if value is not None and value not in allowed:
                    where = f"line {row['__line__']}" + (f" ({key}={row[key]})" if key and row.get(key) else "")
                    problems.append(Problem(file, where, fk["fields"], f"{value!r} is not in {target}"))
