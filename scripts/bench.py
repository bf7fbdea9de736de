"""`make bench`: measure the build on this machine and write the table to bench/results.md and the README.

Measures, in one run on this machine, for this checkout and (with `BASE=<rev>`) side by side for an
earlier commit in a worktree of its own: a cold `make html` and a prose edit in one chapter then
`make html`; a cold `make book` (clean _build); a rebuild with nothing changed; a prose edit, a code
edit in one chapter, a change to one data row of one program, each then `make book` (each edit
restored after); `make test` (with --test). Each row gives wall seconds and the CPU seconds of the
processes it ran (user + system): the machine's cores may be shared, and CPU time is what a busy
neighbour does not inflate. Then nbval sequential and parallel; each notebook's execution time
against the floor (kernel start + imports); the HTML site's size and the PDF's size and length.

On a shared machine one run says little: `--repeat N` runs the whole edit sequence N times (with BASE,
this commit and the base alternate, round by round, so that a busy spell falls on both) and reports
each step's median wall and median CPU seconds, with the load average at the start and end of every
round. Each goal is judged on the median wall seconds, and the same share in CPU seconds is shown
beside it. `--goals-only` measures only the steps that have goals (and the cold builds they are
shares of; no data edit, nbval, notebook times or sizes) and writes bench/goals.md instead.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import shutil
import statistics
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
GOALS_OUT = ROOT / "bench" / "goals.md"
README = ROOT / "README.md"
NBVAL = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
         "--nbval-sanitize-with", "tests/nbval-sanitize.cfg"]


class Timed(float):
    """Wall seconds, with the CPU seconds (user + system) of the child processes as .cpu."""

    cpu: float
    failed: bool = False


def run(cmd: list[str], cwd: Path = ROOT, check: bool = True) -> Timed:
    """Run cmd, timed; with check=False a failure is kept in .failed instead of raised."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, check=check, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = Timed(time.perf_counter() - start)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall.cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    wall.failed = done.returncode != 0
    return wall


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
        self.paths = list(paths)

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


CHAPTER = Path("book/programs/07-market.ipynb")
METRICS = Path("data/metrics.csv")
#: (key, what is measured, goal as a fraction of the cold build it is compared with, that cold build)
EDITS = [
    ("html_cold", "cold `make html` (clean _build)", None, None),
    ("html_prose", f"prose edit in {CHAPTER}, then `make html`", 0.45, "html_cold"),
    ("book_cold_en", "cold English-only book (`make _build/latex/book.pdf`: HTML + PDF, clean _build)", None, None),
    # issue #31: both editions (the zh site, and the zh PDF once it is in `make book`) at most 2.2x the English alone
    ("book_cold", "cold `make book` (both editions, clean _build)", 2.2, "book_cold_en"),
    ("book_same", "`make book` again, nothing changed", None, "book_cold"),
    ("book_prose", f"prose edit in {CHAPTER}, then `make book`", 0.40, "book_cold"),
    ("book_code", f"code edit in {CHAPTER}, then `make book`", 0.50, "book_cold"),
    ("book_data", f"one data row of program 7 ({METRICS}), then `make book`", None, "book_cold"),
    ("test", "`make test` (every check, after `make book`)", None, None),
]


def edit_sequence(root: Path, with_test: bool, goals_only: bool = False) -> dict[str, Timed]:
    """The builds and edits of EDITS in one checkout (each edit restored, and rebuilt untimed, after);
    goals_only: without the data edit (it has no goal)."""
    chapter, metrics, record = root / CHAPTER, root / METRICS, root / "book" / "execution-record.json"
    out = {}
    shutil.rmtree(root / "_build", ignore_errors=True)
    out["html_cold"] = run(["make", "html"], root)
    with Edited(chapter, record):
        edit_notebook(chapter, "markdown")
        out["html_prose"] = run(["make", "html"], root)
    shutil.rmtree(root / "_build", ignore_errors=True)
    out["book_cold_en"] = run(["make", "_build/latex/book.pdf"], root)
    shutil.rmtree(root / "_build", ignore_errors=True)
    out["book_cold"] = run(["make", "book"], root)
    out["book_same"] = run(["make", "book"], root)
    with Edited(chapter, record):
        edit_notebook(chapter, "markdown")
        out["book_prose"] = run(["make", "book"], root)
    run(["make", "book"], root)
    with Edited(chapter, record):
        edit_notebook(chapter, "code")
        out["book_code"] = run(["make", "book"], root)
    run(["make", "book"], root)
    if goals_only:
        return out
    with Edited(metrics, record):
        metrics.write_bytes(metrics.read_bytes().replace(b"new enterprise-type", b"new enterprise-type (edited)", 1))
        out["book_data"] = run(["make", "book"], root)
    run(["make", "book"], root)  # back to the committed data
    if with_test:
        out["test"] = run(["make", "test"], root, check=False)
    return out


def base_worktree(rev: str) -> Path:
    """An earlier commit in a worktree of its own, its venv set up (untimed)."""
    where = Path(tempfile.mkdtemp(prefix="bench-base-")) / "base"
    subprocess.run(["git", "worktree", "add", "--detach", str(where), rev], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["make", "setup"], cwd=where, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return where


def load() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def median(runs: list[dict[str, Timed]]) -> dict[str, Timed]:
    """Each step's median wall seconds, with the median CPU seconds (a step failed if any run failed)."""
    out = {}
    for key in runs[0]:
        wall = Timed(statistics.median(r[key] for r in runs))
        wall.cpu = statistics.median(r[key].cpu for r in runs)
        wall.failed = any(r[key].failed for r in runs)
        out[key] = wall
    return out


def rounds(rev: str, repeat: int, with_test: bool, goals_only: bool, log: list[str]):
    """The edit sequence `repeat` times for this checkout (and the base, alternating): the medians."""
    where = base_worktree(rev) if rev else None
    mine, base = [], []
    try:
        for n in range(1, repeat + 1):
            if where:
                start = load()
                base.append(edit_sequence(where, with_test, goals_only))
                log.append(f"round {n}, {rev[:12]}: load {start} at the start, {load()} at the end")
                print(log[-1], flush=True)
            start = load()
            mine.append(edit_sequence(ROOT, with_test, goals_only))
            log.append(f"round {n}, this commit: load {start} at the start, {load()} at the end")
            print(log[-1], flush=True)
    finally:
        if where:
            subprocess.run(["git", "worktree", "remove", "--force", str(where)], cwd=ROOT, check=False)
    return median(mine), (median(base) if base else {})


def edit_rows(mine: dict[str, Timed], base: dict[str, Timed], rev: str) -> list[str]:
    """The table of EDITS: this commit and the base side by side, each edit as a share of its cold build."""
    head = "| step | seconds | CPU s | share of cold | goal |"
    rule = "| --- | ---: | ---: | ---: | --- |"
    if base:
        head += f" {rev[:12]}: seconds | CPU s | share of cold |"
        rule += " ---: | ---: | ---: |"
    lines = [head, rule]
    for key, what, goal, cold in EDITS:
        if key not in mine:
            continue

        def cells(m, key=key, cold=cold):
            t = m.get(key)
            if t is None:
                return " – | – | – |"
            share = f"{100 * t / m[cold]:.0f}%" if cold and cold in m else ""
            return f" {t:.1f}{' (failed)' if t.failed else ''} | {t.cpu:.1f} | {share} |"

        goal_text = (f"≤ {100 * goal:.0f}%: {'met' if mine[key] <= goal * mine[cold] else 'NOT met'} "
                     f"(in CPU seconds {100 * mine[key].cpu / mine[cold].cpu:.0f}%)") if goal else ""
        if key == "test" and base.get("test"):
            goal_text = f"no slower than {rev[:12]}: {'met' if mine[key] <= base['test'] * 1.05 else 'NOT met'}"
        line = f"| {what} |{cells(mine)} {goal_text} |"
        if base:
            line += cells(base)
        lines.append(line)
    return lines


LOAD = ", ".join(f"{x:.1f}" for x in os.getloadavg())


# --- page weight (issue 30): what a phone downloads for one chapter page ----------------------------------

#: A chapter page's goal: everything it loads, each file gzip-compressed as a server would send it.
PAGE_GOAL_BYTES = 450_000
CHAPTER_PAGE = "book/programs/07-market.html"


def page_weight(browser, base_url: str, site: Path, path: str = CHAPTER_PAGE) -> list[tuple[str, int, int]]:
    """Every file the page loads in Chromium (playwright), with its size on disk and gzipped (level 6).

    The files are read from the built site, not from the responses, so the sizes do not depend on the
    local server's encoding; a response that is not a file of the site (data: URLs) is not counted."""
    import gzip  # deferred with the rest of this section: the build timings above do not need it
    from urllib.parse import unquote, urlparse

    seen: list[str] = []
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.on("response", lambda r: seen.append(r.url) if r.url.startswith(base_url) and r.ok else None)
    page.goto(f"{base_url}/{path}", wait_until="networkidle")
    page.close()
    out = []
    for url in dict.fromkeys(seen):
        file = site / unquote(urlparse(url).path).lstrip("/")
        if file.is_file():
            data = file.read_bytes()
            out.append((str(file.relative_to(site)), len(data), len(gzip.compress(data, 6, mtime=0))))
    return out


def page_weight_line(site: Path = ROOT / "_build" / "html", path: str = CHAPTER_PAGE) -> str:
    """One line for the bench table: the chapter page's transferred (gzip) size against the goal."""
    import functools  # deferred: only this measurement serves the site and starts a browser
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            files = page_weight(browser, f"http://127.0.0.1:{httpd.server_address[1]}", site, path)
            browser.close()
    finally:
        httpd.shutdown()
    raw, gz = sum(f[1] for f in files), sum(f[2] for f in files)
    heaviest = max(files, key=lambda f: f[2])
    return (f"Chapter page `{path}` transferred: {gz / 1e3:.0f} KB gzip-compressed ({raw / 1e3:.0f} KB raw, "
            f"{len(files)} files; heaviest `{heaviest[0]}` {heaviest[2] / 1e3:.0f} KB) — goal ≤ "
            f"{PAGE_GOAL_BYTES / 1e3:.0f} KB: {'met' if gz <= PAGE_GOAL_BYTES else 'NOT met'}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default=os.environ.get("BASE", ""), help="an earlier commit to measure side by side")
    parser.add_argument("--test", action="store_true", help="also time `make test` (minutes; both commits with --base)")
    parser.add_argument("--repeat", type=int, default=1, help="run the edit sequence N times: medians")
    parser.add_argument("--goals-only", action="store_true", help="only the steps with goals; writes bench/goals.md")
    args = parser.parse_args()
    log: list[str] = []
    mine, base = rounds(args.base, args.repeat, args.test, args.goals_only, log)
    # the edit table first, so that a later step that fails cannot lose it
    print("\n".join(edit_rows(mine, base, args.base)), flush=True)
    method = [f"Each step: the median of {args.repeat} run(s)"
              + (f", this commit and {args.base[:12]} alternating round by round" if args.base else "")
              + ". Load average (1, 5, 15 min) around each round: " + "; ".join(log) + "."]
    if args.goals_only:
        table = "\n".join([f"Measured by `make bench GOALS=1` on this machine: {platform.machine()}, "
                           f"{subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores, "
                           f"Python {platform.python_version()}.", ""] + method + [""] + edit_rows(mine, base, args.base))
        GOALS_OUT.parent.mkdir(exist_ok=True)
        GOALS_OUT.write_text(table + "\n", encoding="utf-8")
        print(table)
        return 0
    rows = []
    nbs = [str(p.relative_to(ROOT)) for p in notebooks()]
    sequential = run(NBVAL + ["-p", "no:xdist"] + nbs, check=False)
    parallel = run(NBVAL + ["-n", "2", "--dist", "loadscope"] + nbs, check=False)
    failed = " (nbval FAILED in this run: see `make checks`)"
    rows.append(("nbval, sequential", sequential, failed if sequential.failed else ""))
    rows.append(("nbval, parallel (2 workers)", parallel,
                 f"{parallel / sequential:.2f}× sequential (goal ≤ 0.55×)" + (failed if parallel.failed else "")))

    floor = floor_seconds()
    per_nb = [(p.relative_to(ROOT), execute_seconds(nbformat.read(p, as_version=4), p.parent)) for p in notebooks()]
    total, largest, largest_size = site_sizes()
    pdf = (ROOT / "_build" / "latex" / "book.pdf").stat().st_size

    lines = [f"Measured by `make bench` on {platform.node() and 'this machine'}: {platform.machine()}, "
             f"{subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores, Python {platform.python_version()}.",
             f"Load average when it started: {LOAD}. Other work on the machine inflates wall seconds, not CPU seconds.",
             ""] + method + [""] + edit_rows(mine, base, args.base) + ["", "| step | seconds | note |", "| --- | ---: | --- |"]
    lines += [f"| {name} | {secs:.1f} | {note} |" for name, secs, note in rows]
    lines += ["", f"Kernel start + imports (floor): {floor:.1f} s. Goal: each notebook ≤ 2× the floor.", "",
              "| notebook | seconds | × floor |", "| --- | ---: | ---: |"]
    lines += [f"| {name} | {secs:.1f} | {secs / floor:.1f} |" for name, secs in per_nb]
    lines += ["", f"HTML site: {total / 1e6:.1f} MB in total; largest page with its images: `{largest}`, "
              f"{largest_size / 1e6:.2f} MB (goal < 1 MB). PDF: {pdf / 1e6:.1f} MB.", "", page_weight_line() + ".",
              "", book_length.summary() + "."]
    table = "\n".join(lines)
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(table + "\n", encoding="utf-8")
    readme = README.read_text(encoding="utf-8")
    README.write_text(re.sub(r"<!-- bench -->.*<!-- /bench -->", f"<!-- bench -->\n{table}\n<!-- /bench -->",
                             readme, flags=re.S), encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--page-weight"]:  # only the page weight, on the site as built (no rebuild)
        print(page_weight_line())
        sys.exit(0)
    sys.exit(main())
