"""Execute the book's notebooks that need it, in parallel, before Sphinx reads them; and say, before
anything is built, whether the stored outputs can be published.

    python scripts/run_notebooks.py            # execute what is stale, in place, on all cores
    python scripts/run_notebooks.py --check    # fail, naming each stale notebook and what changed (make test)
    python scripts/run_notebooks.py --all NB   # execute these notebooks (all by default), stale or not

Notebooks are committed executed, and the build renders their stored outputs (execute_notebooks is
off in _config.yml). book/execution-record.json says, for each notebook, what its stored outputs
were computed from — a hash of its code cells, of the package, and of everything it read (deps.py) —
and a hash of each code cell's stored outputs and of each glue key's value. Before anything is built:

- the data must be valid (else: the file, row and column of each problem; nothing is executed);
- no stored output may differ from what execution stored (else: the notebook, the code cell and the
  glue key, and the command that re-executes it);
- then the stale notebooks are executed (the default) or named with the input that changed (--check),
  and book/numbers.csv is rewritten if it is not what the notebooks glue.

A notebook that fails keeps its record entry: the record describes the notebook file, which a failed
run does not rewrite.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..data import deps
from ..data.dataset import load_dataset
from ..data.errors import DataValidationError
from ..data.paths import REPO_ROOT, data_dir
from . import ledger

LEDGER = REPO_ROOT / "book" / "numbers.csv"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
#: Started in each kernel before the notebook's first cell: every file it reads is recorded (deps.py).
KERNEL_START = "__import__('tenprograms.data.deps').data.deps.watch_files()"


def python() -> str:
    """The interpreter as a reader types it: `.venv/bin/python` inside the repository."""
    exe = Path(sys.executable)
    return exe.relative_to(REPO_ROOT).as_posix() if exe.is_relative_to(REPO_ROOT) else "python"


def rerun_command(names: list[str]) -> str:
    return f"make execute NB={' '.join(names)}  (without make: {python()} scripts/run_notebooks.py --all {' '.join(names)})"


def _toc_names() -> list[str]:
    toc = yaml.safe_load((REPO_ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part.get("chapters", [])]


def book_notebooks() -> list[Path]:
    return [REPO_ROOT / f"{n}.ipynb" for n in _toc_names() if (REPO_ROOT / f"{n}.ipynb").exists()]


def book_pages() -> list[Path]:
    return [next(p for p in (REPO_ROOT / f"{n}.ipynb", REPO_ROOT / f"{n}.md") if p.exists()) for n in _toc_names()]


def ledger_text() -> str:
    """book/numbers.csv as the committed notebooks give it (see tenprograms.build.ledger)."""

    with open(data_dir() / "metrics.csv", encoding="utf-8-sig", newline="") as f:
        ids = {row["metric_id"] for row in csv.DictReader(f)}
    return ledger.to_csv(ledger.ledger(REPO_ROOT, book_pages(), ids))


# ---------------------------------------------------------------- what may be published

def data_problems() -> str:
    """'' when the data is valid, else the validator's message (file, row, column of each problem)."""

    try:
        load_dataset()
    except DataValidationError as exc:
        return str(exc)
    return ""


@dataclass
class Findings:
    invalid_data: str = ""
    edited: dict[str, list[str]] = field(default_factory=dict)
    stale: dict[str, list[str]] = field(default_factory=dict)

    def invalid_data_message(self) -> str:
        return (f"the data is invalid, so no notebook can be executed or checked against it:\n{self.invalid_data}\n"
                f"Fix these rows (`{python()} -m tenprograms validate` lists them again); nothing was executed.")

    def edited_message(self) -> str:
        lines = ["stored outputs that are not what execution stored (edited by hand, or cells run in Jupyter);"
                 " they will not be published:"]
        for name, found in self.edited.items():
            lines += [f"  {name}, {item}" for item in found]
            lines.append(f"    fix: re-execute it: {rerun_command([name])}")
        return "\n".join(lines)

    def stale_message(self, fix: str) -> str:
        lines = [f"stale: {name}: {'; '.join(why)}" for name, why in self.stale.items()]
        return "\n".join(lines + [f"fix: {fix}"])


def findings(paths: list[Path], record: dict | None = None) -> Findings:
    """Validate the data, then find edited outputs and stale notebooks among `paths`."""
    record = deps.load_record() if record is None else record
    found = Findings(invalid_data=data_problems())
    if found.invalid_data:
        return found
    cache: dict = {}
    for path in paths:
        name = deps.name_of(path)
        edited = deps.edited_outputs(path, record)
        if edited:
            found.edited[name] = edited
        why = deps.stale_reasons(path, record, cache)
        if why:
            found.stale[name] = why
    return found


# ---------------------------------------------------------------- executing

def execute(path_text: str) -> tuple[str, float, list[str] | None, str]:
    """Run one notebook in place with dependency recording on; return (path, seconds, deps, error)."""
    # deferred: the executor's worker processes import these; the checks (--check, the Sphinx hook) never need them
    import nbformat
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
        NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}},
                       extra_arguments=[f"--IPKernelApp.exec_lines={KERNEL_START}"]).execute()
    except CellExecutionError as exc:
        return path_text, time.perf_counter() - start, None, ANSI.sub("", str(exc))
    finally:
        os.environ.pop("TENPROGRAMS_DEPS", None)
    for cell in nb.cells:  # keep diffs small and outputs deterministic
        cell.get("metadata", {}).pop("execution", None)
    nb.metadata.pop("widgets", None)
    # the interpreter's patch version (3.11.2 on Debian, 3.11.7 elsewhere) is not part of the book
    nb.metadata.get("language_info", {}).pop("version", None)
    nbformat.write(nb, path)
    read = json.loads(deps_file.read_text(encoding="utf-8"))
    deps_file.unlink()
    return path_text, time.perf_counter() - start, read, ""


def _entry(path: Path, read: list[str]) -> dict:
    cache: dict = {}
    return {"code": deps.code_hash(path), "package": deps.package_hash(),
            "deps": {item: deps.dependency_hash(item, cache) for item in read},
            "outputs": deps.output_hashes(deps.read_notebook(path))}


def write_record(record: dict) -> None:
    deps.record_path().write_text(json.dumps(dict(sorted(record.items())), indent=1, ensure_ascii=False) + "\n",
                                  encoding="utf-8")


def _default_record() -> bool:
    return deps.record_path().resolve() == (REPO_ROOT / "book" / "execution-record.json").resolve()


def refresh_ledger() -> bool:
    """Rewrite book/numbers.csv if it is not what the notebooks glue; True if it was rewritten."""
    text = ledger_text()
    if LEDGER.exists() and LEDGER.read_text(encoding="utf-8") == text:
        return False
    LEDGER.write_text(text, encoding="utf-8")
    return True


def run(paths: list[Path], jobs: int) -> int:
    """Execute the notebooks in parallel; record what each read and stored. A failure keeps the
    notebook's record entry (its file is not rewritten either)."""
    record = deps.load_record()
    failed = []
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(paths)))) as pool:
        for path_text, seconds, read, error in pool.map(execute, [str(p) for p in paths]):
            path = Path(path_text)
            name = deps.name_of(path)
            if read is None:
                failed.append(name)
                print(f"FAILED {name} ({seconds:.1f} s):\n{error}", file=sys.stderr)
                continue
            record[name] = _entry(path, read)
            print(f"executed {name} in {seconds:.1f} s ({len(read)} inputs recorded)")
    write_record(record)
    if _default_record() and refresh_ledger():
        print("book/numbers.csv rewritten")
    if failed:
        print(f"notebooks that failed: {', '.join(failed)} (their stored outputs and record are unchanged)",
              file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/run_notebooks.py", description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks to consider (default: every notebook of _toc.yml)")
    parser.add_argument("--check", action="store_true", help="only report; exit 1 if anything is not current")
    parser.add_argument("--all", action="store_true", help="execute every notebook given, stale or not")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    paths = [Path(p).resolve() for p in args.notebooks] or book_notebooks()
    found = findings(paths)
    if found.invalid_data:
        print(found.invalid_data_message(), file=sys.stderr)
        return 1
    if args.all:
        return run(paths, args.jobs)
    if found.edited:
        print(found.edited_message(), file=sys.stderr)
        return 1
    if args.check:
        status = 0
        if found.stale:
            print(found.stale_message(f"{rerun_command(list(found.stale))}"
                                      f" — or {python()} scripts/run_notebooks.py, which executes every stale notebook"))
            status = 1
        elif _default_record() and not args.notebooks and LEDGER.read_text(encoding="utf-8") != ledger_text():
            print(f"book/numbers.csv is not what the notebooks glue: {python()} scripts/run_notebooks.py rewrites it")
            status = 1
        print(f"{len(paths) - len(found.stale)} of {len(paths)} notebooks current")
        return status
    if not found.stale:
        print(f"all {len(paths)} notebooks current: nothing to execute")
        if _default_record() and refresh_ledger():
            print("book/numbers.csv rewritten (the prose glues other keys)")
        return 0
    for name, why in found.stale.items():
        print(f"to execute: {name} ({'; '.join(why)})")
    status = run([p for p in paths if deps.name_of(p) in found.stale], args.jobs)
    # a page that summarises other pages may have read them before they were re-executed: once more
    again = {n: w for n, w in findings(paths).stale.items()} if status == 0 else {}
    if again:
        print(f"executing again, after the pages they read: {', '.join(again)}")
        status = run([p for p in paths if deps.name_of(p) in again], args.jobs)
    return status
