"""Execute the book's notebooks that need it, in parallel, before Sphinx reads them.

    python scripts/run_notebooks.py            # execute what is stale, in place, on all cores
    python scripts/run_notebooks.py --check    # fail, naming each stale notebook and why (make test)
    python scripts/run_notebooks.py --all      # execute every notebook

Notebooks are committed executed, and the build renders their stored outputs (execute_notebooks is
off in _config.yml). book/execution-record.json says, for each notebook, what its stored outputs
were computed from: a hash of its code cells, a hash of the package, and a hash of every piece of
data it read — the figures it asked for by id, the programs whose figures it listed, the tables it
read whole — as the package's loader recorded it during execution (src/tenprograms/deps.py). A
notebook is stale when any of these changed; a prose edit changes none of them. So a changed data
row re-executes only the notebooks that read it: a chapter does not re-execute for another program's
row, while a page that reads the whole table re-executes on any change.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
RECORD = Path(os.environ.get("TENPROGRAMS_RECORD", ROOT / "book" / "execution-record.json"))
sys.path.insert(0, str(ROOT / "scripts"))

#: The file behind each table a notebook can read whole.
TABLE_FILES = {"metrics": "metrics.csv", "relations": "relations.csv", "glossary": "glossary.csv", "units": "units.csv",
               "numeral_exclusions": "numeral_exclusions.csv", "programs": "programs.csv", "context": "context.csv",
               "source_lines": "raw/xiangyang-daily-ten-programs-2020.txt", "manifest": "raw/MANIFEST.yml"}


def data_dir() -> Path:
    return Path(os.environ.get("TENPROGRAMS_DATA", ROOT / "data"))


def sha(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()[:16]


def book_notebooks() -> list[Path]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part.get("chapters", [])]
    return [ROOT / f"{n}.ipynb" for n in names if (ROOT / f"{n}.ipynb").exists()]


def code_hash(path: Path) -> str:
    """The notebook's code cells (source and tags) and kernel: what execution depends on in the notebook."""
    nb = nbformat.read(path, as_version=4)
    cells = [[c.source, c.get("metadata", {}).get("tags", [])] for c in nb.cells if c.cell_type == "code"]
    return sha(json.dumps([cells, nb.metadata.get("kernelspec", {}).get("name")], ensure_ascii=False))


def package_hash() -> str:
    files = sorted((ROOT / "src" / "tenprograms").rglob("*.py"))
    return sha("".join(sha(p.read_bytes()) + str(p.relative_to(ROOT)) for p in files))


def _rows(name: str) -> list[dict]:
    path = data_dir() / TABLE_FILES[name]
    if not path.exists():
        return []
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def dependency_hash(item: str) -> str:
    """The hash of exactly the data one recorded dependency names."""
    kind, _, key = item.partition(":")
    if kind == "file":                       # a file of the repository a page reads (book/assessment.yml)
        path = ROOT / key
        return sha(path.read_bytes()) if path.exists() else "missing"
    if kind == "derived" and key == "latest_reference_date":   # the latest date an achievement refers to
        ends = [r["period_end"] for r in _rows("metrics") if r["statement"] == "achievement" and r["period_end"]]
        return sha(max(ends, default=""))
    if kind == "table":
        path = data_dir() / TABLE_FILES[key]
        return sha(path.read_bytes()) if path.exists() else "missing"
    select = {
        "metric": ("metrics", lambda r: r["metric_id"] == key),
        "program": ("metrics", lambda r: r["program"] == key),
        "programrow": ("programs", lambda r: r["program"] == key),
        "relations": ("relations", lambda r: r["program"] == key),
        "term": ("glossary", lambda r: r["term_zh"] == key),
        "fact": ("context", lambda r: r.get("fact_id") == key),
    }
    if kind not in select:
        return "unknown"
    table, keep = select[kind]
    return sha(json.dumps([r for r in _rows(table) if keep(r)], ensure_ascii=False, sort_keys=True))


def name_of(path: Path) -> str:
    """A notebook's key in the record: its path from the repository root."""
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def stale_reasons(path: Path, record: dict) -> list[str]:
    """Why a notebook's stored outputs may no longer be what its code and data give (empty: current)."""
    entry = record.get(name_of(path))
    if entry is None:
        return ["never executed by scripts/run_notebooks.py"]
    reasons = []
    if entry["code"] != code_hash(path):
        reasons.append("its code changed")
    if entry["package"] != package_hash():
        reasons.append("the package changed")
    changed = [item for item, digest in entry["deps"].items() if dependency_hash(item) != digest]
    if changed:
        reasons.append("data it read changed: " + ", ".join(sorted(changed)[:6]) + (" …" if len(changed) > 6 else ""))
    return reasons


def execute(path_text: str) -> tuple[str, float, list[str] | None, str]:
    """Run one notebook in place with dependency recording on; return (path, seconds, deps, error)."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    path = Path(path_text)
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        deps_file = Path(handle.name)
    deps_file.write_text("[]", encoding="utf-8")
    os.environ["TENPROGRAMS_DEPS"] = str(deps_file)
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    try:
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    except CellExecutionError as exc:
        return path_text, time.perf_counter() - start, None, str(exc)
    finally:
        os.environ.pop("TENPROGRAMS_DEPS", None)
    for cell in nb.cells:  # keep diffs small and outputs deterministic
        cell.get("metadata", {}).pop("execution", None)
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    deps = json.loads(deps_file.read_text(encoding="utf-8"))
    deps_file.unlink()
    return path_text, time.perf_counter() - start, deps, ""


LEDGER = ROOT / "book" / "numbers.csv"


def book_pages() -> list[Path]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part.get("chapters", [])]
    return [next(p for p in (ROOT / f"{n}.ipynb", ROOT / f"{n}.md") if p.exists()) for n in names]


def ledger_text() -> str:
    """book/numbers.csv as the committed notebooks give it (see tenprograms.ledger)."""
    from tenprograms.build import ledger

    with open(data_dir() / "metrics.csv", encoding="utf-8-sig", newline="") as f:
        ids = {row["metric_id"] for row in csv.DictReader(f)}
    return ledger.to_csv(ledger.ledger(ROOT, book_pages(), ids))


def load_record() -> dict:
    return json.loads(RECORD.read_text(encoding="utf-8")) if RECORD.exists() else {}


def run(paths: list[Path], jobs: int) -> int:
    record = load_record()
    failed = []
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(paths)))) as pool:
        for path_text, seconds, deps, error in pool.map(execute, [str(p) for p in paths]):
            path = Path(path_text)
            name = name_of(path)
            if deps is None:
                failed.append(name)
                print(f"FAILED {name} ({seconds:.1f} s):\n{error}", file=sys.stderr)
                record.pop(name, None)
                continue
            record[name] = {"code": code_hash(path), "package": package_hash(),
                            "deps": {item: dependency_hash(item) for item in deps}}
            print(f"executed {name} in {seconds:.1f} s ({len(deps)} data dependencies)")
    RECORD.write_text(json.dumps(dict(sorted(record.items())), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if RECORD == ROOT / "book" / "execution-record.json":
        LEDGER.write_text(ledger_text(), encoding="utf-8")
    if failed:
        print(f"notebooks that failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks to consider (default: every notebook of _toc.yml)")
    parser.add_argument("--check", action="store_true", help="only report stale notebooks; exit 1 if any")
    parser.add_argument("--all", action="store_true", help="execute every notebook, stale or not")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    paths = [Path(p).resolve() for p in args.notebooks] or book_notebooks()
    record = load_record()
    stale = {p: stale_reasons(p, record) for p in paths}
    todo = paths if args.all else [p for p, why in stale.items() if why]
    if args.check:
        for p in todo:
            print(f"stale: {name_of(p)}: {'; '.join(stale[p])} — run `make execute NB={name_of(p)}`")
        print(f"{len(paths) - len(todo)} of {len(paths)} notebooks current")
        return 1 if todo else 0
    if not todo:
        print(f"all {len(paths)} notebooks current: nothing to execute")
        return 0
    for p in todo:
        print(f"to execute: {name_of(p)} ({'; '.join(stale[p]) or 'asked for'})")
    return run(todo, args.jobs)


if __name__ == "__main__":
    sys.exit(main())
