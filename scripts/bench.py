"""`make bench`: measure the build on this machine and write the table to bench/results.md and the README.

Measures, in one run: a cold `make book` (clean _build), a rebuild with nothing changed, a rebuild
after touching one notebook, a rebuild after changing one row of data/metrics.csv (restored after),
nbval sequential and parallel, each notebook's execution time against the floor (kernel start +
imports), the HTML site's size (total and the largest page with its images) and the PDF's size.
"""
from __future__ import annotations

import platform
import re
import shutil
import subprocess
import sys
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


def execute_seconds(nb) -> float:
    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "book")}}).execute()
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


def main() -> int:
    rows = []
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    cold = run(["make", "book"])
    rows.append(("cold `make book` (HTML + PDF, clean _build)", cold, ""))
    same = run(["make", "book"])
    rows.append(("rebuild, nothing changed", same, f"{100 * same / cold:.0f}% of cold (goal ≤ 10%)"))
    first = notebooks()[0]
    first.touch()
    touched = run(["make", "book"])
    rows.append((f"rebuild after touching {first.relative_to(ROOT)}", touched, f"{100 * touched / cold:.0f}% of cold (goal ≤ 25%)"))
    metrics = ROOT / "data" / "metrics.csv"
    original = metrics.read_bytes()
    try:
        metrics.write_bytes(original.replace(b"the city has completed upgrading", b"the city has completed the upgrading of", 1))
        changed = run(["make", "book"])
    finally:
        metrics.write_bytes(original)
    rows.append(("rebuild after changing one row of data/metrics.csv", changed, f"{100 * changed / cold:.0f}% of cold"))
    run(["make", "book"])  # back to the committed data
    nbs = [str(p.relative_to(ROOT)) for p in notebooks()]
    sequential = run(NBVAL + ["-p", "no:xdist"] + nbs)
    parallel = run(NBVAL + ["-n", "2", "--dist", "loadscope"] + nbs)
    rows.append(("nbval, sequential", sequential, ""))
    rows.append(("nbval, parallel (2 workers)", parallel, f"{parallel / sequential:.2f}× sequential (goal ≤ 0.6×)"))

    floor = floor_seconds()
    per_nb = [(p.relative_to(ROOT), execute_seconds(nbformat.read(p, as_version=4))) for p in notebooks()]
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
