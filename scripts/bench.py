"""`make bench`: measure the build on this machine and write the table to bench/results.md and the README.

Measures, in one run on this machine: a cold `make book` (clean _build); with `BASE=<rev>` the cold
build of that earlier commit in a worktree of its own, for a side-by-side ratio; a rebuild with
nothing changed; after a prose edit in one chapter; after a code edit in one chapter; after a
change to one data row of one program (each edit restored after); nbval sequential and parallel;
each notebook's execution time against the floor (kernel start + imports); the HTML site's size
and the PDF's size and length.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import book_length
import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results.md"
README = ROOT / "README.md"
NBVAL = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
         "--nbval-sanitize-with", "tests/nbval-sanitize.cfg"]


def run(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def notebooks() -> list[Path]:
    out = subprocess.run(["git", "ls-files", "book/*.ipynb"], cwd=ROOT, capture_output=True, text=True, check=True)
    return [ROOT / p for p in out.stdout.split()]


def execute_seconds(nb, where: Path = ROOT / "book") -> float:
    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(where)}}).execute()
    return time.perf_counter() - start


def floor_seconds() -> float:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import pandas, seaborn, tenprograms\nds = tenprograms.setup_notebook()")])
    return min(execute_seconds(nb) for _ in range(2))


def site_sizes() -> tuple[int, str, int]:
    html = ROOT / "_build" / "html"
    total = sum(p.stat().st_size for p in html.rglob("*") if p.is_file())
    largest, largest_size = "", 0
    for page in html.rglob("*.html"):
        size = page.stat().st_size
        for src in re.findall(r'<img[^>]+src="([^"]+)"', page.read_text(encoding="utf-8")):
            image = (page.parent / src).resolve()
            if image.exists():
                size += image.stat().st_size
        if size > largest_size:
            largest, largest_size = str(page.relative_to(html)), size
    return total, largest, largest_size


class Edited:
    """Edit files for one measurement and put the exact bytes back afterwards (also the record)."""

    def __init__(self, *paths: Path):
        self.paths = list(paths) + [ROOT / "book" / "execution-record.json"]

    def __enter__(self):
        self.saved = {p: p.read_bytes() for p in self.paths if p.exists()}
        return self

    def __exit__(self, *exc):
        for p, data in self.saved.items():
            p.write_bytes(data)


def edit_notebook(path: Path, cell_type: str) -> None:
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == cell_type)
    cell.source += "\n\nA sentence added by make bench." if cell_type == "markdown" else "\n# a comment added by make bench"
    nbformat.write(nb, path)


def base_cold(rev: str) -> float:
    """A cold `make book` of an earlier commit, in a worktree of its own (its venv set up untimed)."""
    where = Path(tempfile.mkdtemp(prefix="bench-base-")) / "base"
    subprocess.run(["git", "worktree", "add", "--detach", str(where), rev], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        subprocess.run(["make", "setup"], cwd=where, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        start = time.perf_counter()
        subprocess.run(["make", "book"], cwd=where, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - start
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(where)], cwd=ROOT, check=False)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default=os.environ.get("BASE", ""), help="an earlier commit to build cold side by side")
    args = parser.parse_args()
    rows = []
    chapter = ROOT / "book" / "programs" / "07-market.ipynb"
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    cold = run(["make", "book"])
    rows.append(("cold `make book` (HTML + PDF, clean _build)", cold, ""))
    if args.base:
        base = base_cold(args.base)
        rows.append((f"cold `make book` of {args.base[:12]}, same machine, same run", base,
                     f"this commit takes {cold / base:.2f}× (goal ≤ 0.6×)"))
    same = run(["make", "book"])
    rows.append(("rebuild, nothing changed", same, f"{100 * same / cold:.0f}% of cold"))
    with Edited(chapter):
        edit_notebook(chapter, "markdown")
        prose = run(["make", "book"])
    rows.append((f"rebuild after a prose edit in {chapter.relative_to(ROOT)}", prose, f"{100 * prose / cold:.0f}% of cold (goal ≤ 20%)"))
    run(["make", "book"])
    with Edited(chapter):
        edit_notebook(chapter, "code")
        code = run(["make", "book"])
    rows.append((f"rebuild after a code edit in {chapter.relative_to(ROOT)}", code, f"{100 * code / cold:.0f}% of cold (goal ≤ 25%)"))
    run(["make", "book"])
    metrics = ROOT / "data" / "metrics.csv"
    with Edited(metrics):
        metrics.write_bytes(metrics.read_bytes().replace(b"new enterprise-type", b"new enterprise-type (edited)", 1))
        changed = run(["make", "book"])
    rows.append(("rebuild after changing one data row of program 7 (data/metrics.csv)", changed,
                 f"{100 * changed / cold:.0f}% of cold (goal ≤ 40%)"))
    run(["make", "book"])  # back to the committed data
    nbs = [str(p.relative_to(ROOT)) for p in notebooks()]
    sequential = run(NBVAL + ["-p", "no:xdist"] + nbs)
    parallel = run(NBVAL + ["-n", "2", "--dist", "loadscope"] + nbs)
    rows.append(("nbval, sequential", sequential, ""))
    rows.append(("nbval, parallel (2 workers)", parallel, f"{parallel / sequential:.2f}× sequential (goal ≤ 0.55×)"))

    floor = floor_seconds()
    per_nb = [(p.relative_to(ROOT), execute_seconds(nbformat.read(p, as_version=4), p.parent)) for p in notebooks()]
    total, largest, largest_size = site_sizes()
    pdf = (ROOT / "_build" / "latex" / "book.pdf").stat().st_size

    lines = [f"Measured by `make bench` on {platform.node() and 'this machine'}: {platform.machine()}, "
             f"{subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores, Python {platform.python_version()}.",
             "", "| step | seconds | note |", "| --- | ---: | --- |"]
    lines += [f"| {name} | {secs:.1f} | {note} |" for name, secs, note in rows]
    lines += ["", f"Kernel start + imports (floor): {floor:.1f} s. Goal: each notebook ≤ 2× the floor.", "",
              "| notebook | seconds | × floor |", "| --- | ---: | ---: |"]
    lines += [f"| {name} | {secs:.1f} | {secs / floor:.1f} |" for name, secs in per_nb]
    lines += ["", f"HTML site: {total / 1e6:.1f} MB in total; largest page with its images: `{largest}`, "
              f"{largest_size / 1e6:.2f} MB (goal < 1 MB). PDF: {pdf / 1e6:.1f} MB.", "", book_length.summary() + "."]
    table = "\n".join(lines)
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(table + "\n", encoding="utf-8")
    readme = README.read_text(encoding="utf-8")
    README.write_text(re.sub(r"<!-- bench -->.*<!-- /bench -->", f"<!-- bench -->\n{table}\n<!-- /bench -->",
                             readme, flags=re.S), encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
