"""What a notebook read, and whether any of it changed: recording and hashing in one place.

Recording. While the runner (tenprograms.build.runner, `scripts/run_notebooks.py`) executes a notebook, the
environment variable TENPROGRAMS_DEPS names a file that this module keeps current as a JSON list of
everything the notebook read:

- the Dataset records each access at the finest key it can: `metric:<id>` (one figure's row),
  `program:<n>` (a program's figures), `programrow:<n>`, `relations:<n>`, `term:<term_zh>`,
  `fact:<fact_id>` and `source:<source_id>` (its source's row), `unit:<unit_zh>` (the unit's row, which
  sets a figure's interval), `table:<name>` (a table read whole) and `derived:<name>` (a value computed from many rows);
- `watch_files()`, started in the kernel before the notebook's first cell, records every other file of
  the repository or of the data folder the kernel opens for reading, to be hashed whole:
  `data:datapackage.json` (the schema: it types every column, and the data dictionary prints it),
  `file:book/assessment.yml`, `file:CITATION.cff`. A read cannot go unrecorded: what no finer key
  covers is hashed whole (as owid's etl checksums a step's inputs).

Hashing. `dependency_hash(item)` hashes exactly what one recorded item names, and `stale_reasons`
compares a notebook's record (book/execution-record.json) with the files as they are now: a notebook
is stale when its code cells, the package, or anything it read changed. A prose edit changes none of
these, and a changed row re-executes only the notebooks that read it.

Stored outputs. The record also holds a hash of each code cell's stored outputs and of each glue key's
stored value, so an output edited by hand is found (`edited_outputs`) before anything is built.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import sys
from pathlib import Path

import yaml

from .paths import REPO_ROOT, data_dir, display_path

_RECORD: set[str] = set()


def record(item: str) -> None:
    """Note one dependency, e.g. "metric:<id>", "program:<n>", "unit:<unit_zh>", "table:<name>"."""
    if item in _RECORD:
        return
    _RECORD.add(item)
    path = os.environ.get("TENPROGRAMS_DEPS")
    if path:
        Path(path).write_text(json.dumps(sorted(_RECORD), ensure_ascii=False), encoding="utf-8")


def recorded() -> list[str]:
    return sorted(_RECORD)


# ---------------------------------------------------------------- the files behind the data

def _package_resources(root: Path) -> dict:
    path = root / "datapackage.json"
    try:
        return {r["name"]: r["path"] for r in json.loads(path.read_text(encoding="utf-8-sig"))["resources"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _source_file(root: Path) -> str | None:
    try:
        return "raw/" + yaml.safe_load((root / "raw" / "MANIFEST.yml").read_text(encoding="utf-8"))["file"]
    except (OSError, yaml.YAMLError, KeyError, TypeError):
        return None


def table_files(root: Path | None = None) -> dict[str, str]:
    """The file (relative to the data folder) behind each table the Dataset can hand out whole:
    the resources of datapackage.json, the source text and its manifest."""
    root = root or data_dir()
    files = dict(_package_resources(root))
    files["manifest"] = "raw/MANIFEST.yml"
    source = _source_file(root)
    if source:
        files["source_lines"] = source
    return files


# ---------------------------------------------------------------- recording every file read

#: Files a notebook may read that are the book's own outputs, not its inputs: a page that summarises
#: them must record a derived key instead (a whole-file hash would make it stale after every run).
_NOT_INPUTS = ("book/execution-record.json", "book/numbers.csv")
_SKIP_PARTS = {".git", ".venv", "_build", "__pycache__", "figure-data", ".ipynb_checkpoints", "src"}


def file_key(path: str | Path, covered: set[str] | None = None) -> str | None:
    """The record item for a file a notebook opened for reading, or None when it is not an input
    (outside the repository, the package itself — hashed as a whole —, generated files) or a finer
    key covers it (`covered`: the tables of the data folder, whose reads the Dataset records by row)."""
    path = Path(os.path.abspath(path))
    data = data_dir()
    covered = set(table_files(data).values()) if covered is None else covered
    if path.is_relative_to(data):
        relative = path.relative_to(data).as_posix()
        if relative in covered or "__pycache__" in path.parts:
            return None
        return f"data:{relative}"
    if not path.is_relative_to(REPO_ROOT):
        return None
    relative = path.relative_to(REPO_ROOT)
    if _SKIP_PARTS & set(relative.parts) or relative.suffix in (".ipynb", ".pyc") \
            or relative.as_posix() in _NOT_INPUTS:
        return None
    return f"file:{relative.as_posix()}"


def watch_files() -> None:
    """Record every file of the repository or data folder this process opens for reading (an audit
    hook; the runner starts it in each kernel before the notebook's first cell)."""
    roots = (str(REPO_ROOT), str(data_dir()))
    write = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND
    covered = set(table_files().values())
    busy = []       # the hook's own reads and writes (the record file) are not the notebook's

    def hook(event: str, args: tuple) -> None:
        if event != "open" or busy:
            return
        path, mode, flags = args
        if not isinstance(path, str) or not path.startswith(roots):
            return
        if (mode is not None and any(c in mode for c in "wax+")) or (mode is None and flags & write):
            return
        busy.append(1)
        try:
            key = file_key(path, covered)
            if key:
                record(key)
        finally:
            busy.pop()

    sys.addaudithook(hook)


# ---------------------------------------------------------------- hashing

def sha(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()[:16]


def _joined(value):
    """A notebook's multi-line string as one string (the file may store it as a list of lines)."""
    return "".join(value) if isinstance(value, list) else value


def read_notebook(path: Path) -> dict:
    """The notebook's JSON (read plainly: nbformat's validation is slow and changes nothing hashed here)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def code_hash(path: Path, nb: dict | None = None) -> str:
    """The notebook's code cells (source and tags) and kernel: what execution depends on in the notebook."""
    nb = read_notebook(path) if nb is None else nb
    cells = [[_joined(c["source"]), c.get("metadata", {}).get("tags", [])] for c in nb["cells"]
             if c["cell_type"] == "code"]
    return sha(json.dumps([cells, nb.get("metadata", {}).get("kernelspec", {}).get("name")], ensure_ascii=False))


def package_hash() -> str:
    files = sorted((REPO_ROOT / "src" / "tenprograms").rglob("*.py"))
    return sha("".join(sha(p.read_bytes()) + str(p.relative_to(REPO_ROOT)) for p in files))


def _rows(file: str) -> list[dict]:
    path = data_dir() / file
    if not path.exists():
        return []
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


#: Row keys: (table, column that selects the rows).
_ROW_KEYS = {"metric": ("metrics", "metric_id"), "program": ("metrics", "program"),
             "programrow": ("programs", "program"), "relations": ("relations", "program"),
             "term": ("glossary", "term_zh"), "fact": ("context", "fact_id"), "unit": ("units", "unit_zh"),
             "hedge": ("hedges", "hedge"), "source": ("sources", "source_id")}


def _derived(name: str, cache: dict):
    """A derived value as the package computes it, from the data as it is now (loaded once per check)."""
    if "ds" not in cache:
        # deferred: dataset.py imports this module (it records what a notebook reads)
        from .dataset import load_dataset

        cache["ds"] = load_dataset()
    ds = cache["ds"]
    values = {"latest_reference_date": lambda: str(ds.latest_reference_date)}
    return values[name]() if name in values else None


def dependency_hash(item: str, cache: dict | None = None) -> str:
    """The hash of exactly the data one recorded item names ("missing" for a file that is gone)."""
    cache = {} if cache is None else cache
    if "tables" not in cache:
        cache["tables"] = table_files()
    kind, _, key = item.partition(":")
    if kind in ("file", "data", "table"):
        if kind == "table":
            file = cache["tables"].get(key)
            path = data_dir() / file if file else None
        else:
            path = (REPO_ROOT if kind == "file" else data_dir()) / key
        return sha(path.read_bytes()) if path is not None and path.exists() else "missing"
    if kind == "derived":
        value = _derived(key, cache)
        return "unknown" if value is None else sha(json.dumps(value, ensure_ascii=False, default=str))
    if kind not in _ROW_KEYS:
        return "unknown"
    table, column = _ROW_KEYS[kind]
    file = cache["tables"].get(table, f"{table}.csv")
    if file not in cache:
        cache[file] = _rows(file)
    return sha(json.dumps([r for r in cache[file] if r.get(column) == key], ensure_ascii=False, sort_keys=True))


def describe(item: str) -> str:
    """A recorded item as a reader finds it: the file, and the rows it stands for."""
    kind, _, key = item.partition(":")
    files = table_files()

    def shown(table: str) -> str:
        return display_path(data_dir() / files.get(table, f"{table}.csv"))

    if kind == "file":
        return key
    if kind == "data":
        return display_path(data_dir() / key)
    if kind == "table":
        return f"{shown(key)} (read whole)"
    if kind == "derived":
        return f"{key} (computed from {shown('metrics')})"
    if kind in ("program", "relations"):
        return f"{shown(_ROW_KEYS[kind][0])}, the rows of program {key}"
    if kind in _ROW_KEYS:
        table, column = _ROW_KEYS[kind]
        return f"{shown(table)}, row {column}={key}"
    return item


# ---------------------------------------------------------------- the record and what is stale

def record_path() -> Path:
    return Path(os.environ.get("TENPROGRAMS_RECORD", REPO_ROOT / "book" / "execution-record.json"))


def load_record() -> dict:
    path = record_path()
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def name_of(path: Path) -> str:
    """A notebook's key in the record: its path from the repository root."""
    path = Path(path).resolve()
    return path.relative_to(REPO_ROOT).as_posix() if path.is_relative_to(REPO_ROOT) else str(path)


def stale_reasons(path: Path, record: dict, cache: dict | None = None) -> list[str]:
    """Why a notebook's stored outputs may no longer be what its code and data give (empty: current).
    Each reason names what changed: the code, the package, or each input with its file."""
    cache = {} if cache is None else cache
    entry = record.get(name_of(path))
    if entry is None:
        return ["it was never executed by scripts/run_notebooks.py"]
    reasons = [] if "outputs" in entry else ["its record predates the check of stored outputs"]
    if entry["code"] != code_hash(path):
        reasons.append("its code changed")
    if "package" not in cache:
        cache["package"] = package_hash()
    if entry["package"] != cache["package"]:
        reasons.append("the package (src/tenprograms) changed")
    changed = sorted(item for item, digest in entry["deps"].items() if dependency_hash(item, cache) != digest)
    for item in changed[:6]:
        reasons.append(f"{describe(item)} changed")
    if len(changed) > 6:
        reasons.append(f"and {len(changed) - 6} more of the data it read changed")
    return reasons


# ---------------------------------------------------------------- stored outputs

def _glue_key(output: dict) -> str | None:
    return output.get("metadata", {}).get("scrapbook", {}).get("name")


def _canonical(value) -> str:
    """Outputs as JSON, every multi-line string joined, so a file and nbformat's reading of it agree."""
    def norm(v):
        if isinstance(v, dict):
            return {k: norm(x) for k, x in v.items()}
        if isinstance(v, list) and all(isinstance(x, str) for x in v):
            return "".join(v)
        if isinstance(v, list):
            return [norm(x) for x in v]
        return v

    return json.dumps(norm(value), ensure_ascii=False, sort_keys=True)


def output_hashes(nb) -> dict:
    """A hash of each code cell's stored outputs (by the cell's number among the code cells, so a
    prose cell added above moves nothing) and of each glue key's stored value."""
    cells, glue = {}, {}
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    for number, cell in enumerate(code, start=1):
        cells[str(number)] = sha(_canonical(cell.get("outputs", [])))
        for output in cell.get("outputs", []):
            if _glue_key(output):
                glue[_glue_key(output)] = sha(_canonical(output.get("data", {})))
    return {"cells": cells, "glue": glue}


def _shown(output: dict) -> str:
    data = output.get("data", {})
    text = str(_joined(next((v for k, v in data.items() if k.endswith("text/plain")), "")))
    return text if len(text) <= 40 else text[:37] + "…"


def edited_outputs(path: Path, record: dict) -> list[str]:
    """Each stored output that is not what execution stored (edited by hand, or by running cells in
    Jupyter): the code cell, the glue key and the value now shown. Empty when all match."""
    entry = record.get(name_of(path))
    if entry is None or "outputs" not in entry:
        return []       # stale_reasons says so
    nb = read_notebook(path)
    now = output_hashes(nb)
    stored = entry["outputs"]
    if now == stored:
        return []
    found = []
    code = [(i, c) for i, c in enumerate(nb["cells"], start=1) if c["cell_type"] == "code"]
    for number, (index, cell) in enumerate(code, start=1):
        if stored["cells"].get(str(number)) == now["cells"].get(str(number)):
            continue
        place = f"code cell {number} (cell {index} of the notebook)"
        keys = [(o, _glue_key(o)) for o in cell.get("outputs", []) if _glue_key(o)]
        edited = [(o, k) for o, k in keys if stored["glue"].get(k) != now["glue"].get(k)]
        if edited:
            found += [f"{place}, glue key {k}: the stored value {_shown(o)} is not the one execution stored"
                      for o, k in edited]
        else:
            found.append(f"{place}: its stored outputs are not the ones execution stored")
    gone = sorted(set(stored["glue"]) - set(now["glue"]))
    if gone:
        found.append("glue keys no longer stored: " + ", ".join(gone))
    return found or ["its stored outputs are not the ones execution stored"]
